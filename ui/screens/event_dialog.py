"""The dialog that creates an event (name, dates, place, sponsor scheme, defaults, branch)
or corrects a saved one: its name, dates and place, and its scheme while nobody is enrolled
at it, with a reason, queued for HQ as an `event_correction`."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.db import get_setting
from models.errors import SigapError, ValidationError
from models.events import Event, event_has_enrolments
from services.events import correct, open_event
from ui.session import Session
from ui.widgets.keyboard import DateField, EnterMovesOn
from ui.widgets.region_picker import RegionPicker

MONTHS = (1, 3, 6, 12)
ERROR_STYLE = "color: #b00020;"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


class EventDialog(QDialog):
    def __init__(
        self, session: Session, parent: QWidget | None = None, event: Event | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.ref = session.ref
        self.created_event: Event | None = None
        self.corrected_event: Event | None = None
        self.original = event  # the saved event being corrected, or None for a new one
        self.setWindowTitle(self.tr("Koreksi acara") if event else self.tr("Acara baru"))

        today = _qdate(session.clock().date())
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.starts_on = self._date_edit(today, "starts_on")
        self.ends_on = self._date_edit(today, "ends_on")
        self.location = QLineEdit()
        self.location.setObjectName("location")
        self.location.setPlaceholderText(self.tr("misalnya Balai Desa Kartoharjo"))
        self.region = RegionPicker(self.ref)
        self.region.setObjectName("region")
        self.scheme = QComboBox()
        self.scheme.setObjectName("scheme")
        self.scheme.addItem(self.tr("Bayar sendiri"), None)
        for s in self.ref.schemes.values():
            self.scheme.addItem(s.name, s.code)
        self.fixed_programmes = QCheckBox(self.tr("JKK + JKM (wajib)"))
        self.fixed_programmes.setChecked(True)
        self.fixed_programmes.setEnabled(False)
        self.jht = QCheckBox(self.tr("JHT (jaminan hari tua)"))
        self.jht.setObjectName("jht")
        self.months = QComboBox()
        self.months.setObjectName("months")
        for m in MONTHS:
            self.months.addItem(self.tr("{n} bulan").format(n=m), m)
        self.branch = QLineEdit(get_setting(session.db, "branch_code") or "")
        self.branch.setObjectName("branch")
        self.branch.setPlaceholderText(self.tr("kode kantor cabang"))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("misalnya salah ketik nama"))

        # One red label under each field for its problem, plus one for anything else.
        self.errors: dict[str, QLabel] = {}
        self.general_error = self._error_label("general")

        programmes = QWidget()
        row = QHBoxLayout(programmes)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.fixed_programmes)
        row.addWidget(self.jht)
        row.addStretch(1)

        form = QFormLayout()
        self._row(form, self.tr("Nama acara"), self.name, "name")
        self._row(form, self.tr("Mulai"), self.starts_on, "starts_on")
        self._row(form, self.tr("Selesai"), self.ends_on, "ends_on")
        self._row(form, self.tr("Tempat"), self.location, "location")
        self._row(form, self.tr("Wilayah"), self.region, "region_code")
        self._row(form, self.tr("Skema sponsor"), self.scheme, "scheme_code")
        self._row(form, self.tr("Program"), programmes, "programmes")
        self._row(form, self.tr("Jumlah bulan"), self.months, "default_months")
        self._row(form, self.tr("Kode cabang"), self.branch, "branch_code")
        if event is not None:
            self._row(form, self.tr("Alasan koreksi"), self.reason, "reason")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan (Ctrl+S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.scheme.currentIndexChanged.connect(self._scheme_chosen)
        chain: list[QWidget] = [
            self.name,
            self.starts_on,
            self.ends_on,
            self.location,
            *self.region.boxes,
            self.scheme,
            self.jht,
            self.months,
            self.branch,
            *([self.reason] if event is not None else []),
        ]
        chain.append(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        # Enter moves on from field to field as in the enrolment form (an Enter typed too
        # early must not save half an event); Enter on the Save button, or Ctrl+S, saves.
        self._enter = EnterMovesOn(self)
        for widget in chain:
            if widget not in self.region.boxes:  # the region picker moves on by itself
                self._enter.watch(widget)
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)
        if event is not None:
            self._fill(event)
        self.name.setFocus()

    def _fill(self, event: Event) -> None:
        """The saved event's values; what a correction cannot change is shown, not editable."""
        self.name.setText(event.name)
        self.starts_on.setDate(_qdate(event.starts_on))
        self.ends_on.setDate(_qdate(event.ends_on))
        self.location.setText(event.location)
        self.region.set_code(event.region_code)
        self.scheme.setCurrentIndex(max(self.scheme.findData(event.scheme_code), 0))
        self._scheme_chosen()
        self.jht.setChecked("JHT" in event.default_programmes)
        self.months.setCurrentIndex(max(self.months.findData(event.default_months), 0))
        self.branch.setText(event.branch_code)
        for fixed in (self.jht, self.months, self.branch):
            fixed.setEnabled(False)
        if event_has_enrolments(self.session.db, event.id):
            self.scheme.setEnabled(False)
            self.scheme.setToolTip(
                self.tr("Sudah ada peserta di acara ini: skemanya tidak bisa diubah lagi.")
            )

    # -------------------------------------------------------------- building

    def _date_edit(self, value: QDate, name: str) -> QDateEdit:
        edit = DateField(value)
        edit.setObjectName(name)
        return edit

    def _error_label(self, field: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        self.errors[field] = label
        return label

    def _row(self, form: QFormLayout, caption: str, widget: QWidget, field: str) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self._error_label(field))
        label = QLabel(caption)
        label.setBuddy(widget)
        form.addRow(label, box)

    # ------------------------------------------------------------- behaviour

    def _scheme_chosen(self) -> None:
        code = self.scheme.currentData()
        scheme = self.ref.schemes.get(code) if code else None
        self.jht.setEnabled(scheme is None)
        self.months.setEnabled(scheme is None)
        if scheme is not None:
            self.jht.setChecked("JHT" in scheme.programmes)
            row = self.months.findData(scheme.months)
            if row >= 0:
                self.months.setCurrentIndex(row)

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def show_error(self, field: str, message: str) -> None:
        label = self.errors.get(field, self.general_error)
        text = label.text()
        label.setText(f"{text}\n{message}" if text else message)
        label.show()

    def accept(self) -> None:
        self.clear_errors()
        officer = self.session.officer
        if officer is None:
            self.show_error("general", self.tr("Masuk dulu sebagai petugas."))
            return
        if self.original is not None:
            self._correct(self.original, officer.id)
            return
        code = self.scheme.currentData()
        programmes = ["JKK", "JKM"] + (["JHT"] if self.jht.isChecked() else [])
        branch = self.branch.text().strip()
        try:
            event = open_event(
                self.session.db,
                self.ref,
                name=self.name.text(),
                starts_on=_pydate(self.starts_on.date()),
                ends_on=_pydate(self.ends_on.date()),
                location=self.location.text(),
                region_code=self.region.code() or "",
                officer_id=officer.id,
                scheme_code=code or None,
                branch_code=branch or None,
                default_programmes=None if code else programmes,
                default_months=None if code else int(self.months.currentData()),
                clock=self.session.clock,
            )
        except ValidationError as exc:
            for problem in exc.problems:
                self.show_error(problem.field, problem.message(self.session.lang))
            self._focus_first_problem()
            return
        except SigapError as exc:
            self.show_error("general", exc.message(self.session.lang))
            return
        self.created_event = event
        super().accept()

    def _correct(self, event: Event, officer_id: str) -> None:
        changes: dict[str, object] = {
            "name": self.name.text(),
            "location": self.location.text(),
            "region_code": self.region.code() or "",
            "starts_on": _pydate(self.starts_on.date()).isoformat(),
            "ends_on": _pydate(self.ends_on.date()).isoformat(),
        }
        if self.scheme.isEnabled():
            changes["scheme_code"] = self.scheme.currentData() or None
        try:
            self.corrected_event = correct(
                self.session.db, self.ref, event.id, changes, self.reason.text(), officer_id,
                self.session.clock,
            )  # fmt: skip
        except ValidationError as exc:
            for problem in exc.problems:
                self.show_error(problem.field, problem.message(self.session.lang))
            self._focus_first_problem()
            return
        except SigapError as exc:
            self.show_error("general", exc.message(self.session.lang))
            return
        super().accept()

    def _focus_first_problem(self) -> None:
        widgets: dict[str, QWidget] = {
            "name": self.name,
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
            "location": self.location,
            "region_code": next(
                (b for b in self.region.boxes[:3] if b.code() is None), self.region.district
            ),
            "scheme_code": self.scheme,
            "programmes": self.jht,
            "default_months": self.months,
            "branch_code": self.branch,
            "reason": self.reason,
        }
        for field, widget in widgets.items():
            label = self.errors.get(field)
            if label is not None and (label.isVisible() or label.text()):
                widget.setFocus()
                return
