"""The enrolment form: built for a queue. Keyboard only, Enter moves on, Ctrl+S saves, NIK
first (it fills birth date, sex and district), every field checked as it is typed with the
message beside it, the contribution shown live, and ready for the next person at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models import enrolments as en
from models.errors import Problem, ValidationError
from models.messages import member_number_text
from models.money import rupiah
from models.rates import Contribution
from services.enrolment_form import (
    EnrolmentFormState,
    FormEntries,
    occupation_label,
    parse_income,
)
from ui.screens.enrolment_messages import (
    first_problem_widget,
    message_line,
    not_saved,
    saved_texts,
    show_messages,
)
from ui.session import Session
from ui.tasks import Tasks
from ui.widgets.address_boxes import AddressBoxes
from ui.widgets.birth_date_approval import ask_birth_date_approval
from ui.widgets.form_rows import HeirRow, tab_chain
from ui.widgets.keyboard import ChoiceCombo, EnterMovesOn


class EnrolmentForm(QWidget):
    saved = Signal(object)  # SavedEnrolment
    open_record = Signal(str)  # enrolment id of an existing record
    print_receipt = Signal(str)  # payment id
    print_card = Signal(str)  # enrolment id

    def __init__(self, session: Session, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.state = EnrolmentFormState(session)  # touched fields, NIK values, checks
        self._enter = EnterMovesOn(self)
        self._existing: en.EnrolmentSummary | None = None
        self._last_saved: en.SavedEnrolment | None = None
        self.errors: dict[str, QLabel] = {}
        self.field_widgets: dict[str, QWidget] = {}  # by the field name problems carry
        self.problems: list[Problem] = []
        self._build()
        session.event_changed.connect(self._event_changed)
        session.event_changed.connect(self._forget_last_saved)
        session.officer_changed.connect(self._forget_last_saved)
        session.changed.connect(self._data_changed)  # an import, a void: a scheme's use
        self._event_changed()

    # ---------------------------------------------------------------- building

    def _field(self, key: str, widget: QWidget) -> QWidget:
        """The widget with its message line beneath it."""
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(1)
        v.addWidget(widget)
        err = message_line(key)
        v.addWidget(err)
        self.errors[key] = err
        self.field_widgets[key] = widget
        self._enter.watch(widget)
        return box

    def _build(self) -> None:
        s = self.session
        self.event_label = QLabel()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; padding: 6px;")
        self.banner.hide()
        self.open_existing = QPushButton(self.tr("Buka data yang ada"))
        self.open_existing.hide()
        self.open_existing.clicked.connect(self._open_existing)

        self.nik = QLineEdit()
        self.nik.setMaxLength(16)
        self.nik.setValidator(QRegularExpressionValidator(r"[0-9]{0,16}", self.nik))
        self.nik.setPlaceholderText(self.tr("16 angka NIK di KTP"))
        self.full_name = QLineEdit()
        self.birth_place = QLineEdit()
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(self.tr("HH-BB-TTTT"))
        self.gender = QComboBox()
        self.gender.addItem("", "")
        self.gender.addItem(self.tr("L — Laki-laki"), "L")
        self.gender.addItem(self.tr("P — Perempuan"), "P")
        self.mother = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("08…")
        self.street = QLineEdit()
        self.rt = QLineEdit()
        self.rt.setMaxLength(3)
        self.rt.setFixedWidth(60)
        self.rw = QLineEdit()
        self.rw.setMaxLength(3)
        self.rw.setFixedWidth(60)
        self.address = AddressBoxes(s.ref.regions, self)
        self.district, self.village = self.address.district, self.address.village
        self.occupation = QLineEdit()
        self.occupation.setPlaceholderText(self.tr("Ketik sebagian nama pekerjaan"))
        names = [occupation_label(o.name_id, o.name_en) for o in s.ref.occupations.values()]
        completer = QCompleter(sorted(names), self.occupation)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.occupation.setCompleter(completer)
        self.income = QLineEdit()
        self.income.setPlaceholderText("1.000.000")
        self.jht = QCheckBox(self.tr("JHT (Jaminan Hari Tua, 2%)"))
        self.months = ChoiceCombo()
        for m in s.ref.rate_table.months_allowed:
            self.months.addItem(self.tr("{n} bulan").format(n=m), m)
        self.payer = ChoiceCombo()
        self.heir_rows: list[HeirRow] = []
        self.heirs_box = QVBoxLayout()
        self.add_heir = QPushButton(self.tr("+ Ahli waris (Ctrl+H)"))
        self.add_heir.clicked.connect(self._add_heir)
        self.consent_text = QLabel(
            self.tr(
                "Saya menyetujui data pribadi saya (NIK, nama, tanggal lahir, alamat, nomor HP, "
                "ahli waris) diproses oleh BPJS Ketenagakerjaan untuk kepesertaan jaminan "
                "sosial, sesuai UU 27/2022 tentang Pelindungan Data Pribadi."
            )
        )
        self.consent_text.setWordWrap(True)
        self.consent = QCheckBox(self.tr("Peserta menyetujui (dibacakan oleh petugas)"))
        self.contribution = QLabel()
        self.contribution.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.amount_line = QLabel(wordWrap=True)  # the price month by month, relief named
        # What the worker pays, for how long and how, big enough to read out before saving.
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Simpan (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("Kosongkan"))
        self.clear_button.clicked.connect(self.ask_clear)
        self.result = QLabel()
        self.result.setStyleSheet("background: #e6f4ea; padding: 6px;")
        self.result.hide()
        self.receipt_button = QPushButton(self.tr("Cetak kwitansi (Ctrl+P)"))
        self.card_button = QPushButton(self.tr("Cetak kartu (Ctrl+K)"))
        self.receipt_button.hide()
        self.card_button.hide()
        self.receipt_button.clicked.connect(self._print_receipt)
        self.card_button.clicked.connect(self._print_card)

        form = QFormLayout()
        form.addRow(self.tr("NIK"), self._field("nik", self.nik))
        form.addRow(self.tr("Nama lengkap"), self._field("full_name", self.full_name))
        form.addRow(self.tr("Tempat lahir"), self._field("birth_place", self.birth_place))
        form.addRow(self.tr("Tanggal lahir"), self._field("birth_date", self.birth_date))
        form.addRow(self.tr("Jenis kelamin"), self._field("gender", self.gender))
        form.addRow(self.tr("Nama ibu kandung"), self._field("mother_maiden_name", self.mother))
        form.addRow(self.tr("No. HP"), self._field("phone", self.phone))
        form.addRow(self.tr("Alamat"), self._field("address.street", self.street))
        rtrw = QHBoxLayout()
        rtrw.addWidget(self._field("address.rt", self.rt))
        rtrw.addWidget(QLabel(self.tr("RW")))
        rtrw.addWidget(self._field("address.rw", self.rw))
        rtrw.addStretch()
        form.addRow(self.tr("RT"), rtrw)
        form.addRow(self.tr("Kecamatan"), self._field("district", self.district))
        form.addRow(self.tr("Desa/kelurahan"), self._field("address.village_code", self.village))
        form.addRow(self.tr("Pekerjaan"), self._field("occupation_code", self.occupation))
        form.addRow(self.tr("Penghasilan sebulan"), self._field("declared_income", self.income))
        programmes = QHBoxLayout()
        programmes.addWidget(QLabel(self.tr("JKK + JKM (wajib)")))
        programmes.addWidget(self.jht)
        programmes.addStretch()
        form.addRow(self.tr("Program"), programmes)
        programmes_error = message_line("programmes")
        self.errors["programmes"] = programmes_error
        form.addRow("", programmes_error)
        form.addRow(self.tr("Lama bayar"), self._field("months", self.months))
        form.addRow(self.tr("Pembayar"), self._field("payer", self.payer))
        heirs = QVBoxLayout()
        heirs.addLayout(self.heirs_box)
        heirs.addWidget(self.add_heir, alignment=Qt.AlignmentFlag.AlignLeft)
        err = message_line("heirs")
        self.errors["heirs"] = err
        heirs.addWidget(err)
        form.addRow(self.tr("Ahli waris"), heirs)
        form.addRow("", self.consent_text)
        form.addRow("", self._field("consent", self.consent))
        form.addRow(self.tr("Iuran"), self.contribution)
        form.addRow("", self.amount_line)

        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        after = QHBoxLayout()
        after.addWidget(self.result, 1)
        after.addWidget(self.receipt_button)
        after.addWidget(self.card_button)

        inner = QWidget()
        v = QVBoxLayout(inner)
        v.addWidget(self.event_label)
        v.addLayout(after)
        v.addWidget(self.banner)
        v.addWidget(self.open_existing, alignment=Qt.AlignmentFlag.AlignLeft)
        v.addLayout(form)
        v.addStretch()
        scroll = self.scroll_area = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        # The field that gets the keyboard is scrolled into view, however it got it: Qt does
        # that for Tab only, not when the form puts the focus somewhere itself.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused)
        outer.addLayout(buttons)  # Save and the amount stay in view on a small screen

        self._add_heir()
        for button in (self.jht, self.consent, self.add_heir, self.save_button, self.clear_button):
            self._enter.watch(button)
        self._enter.skip = [self.add_heir]  # Enter goes on past it; Ctrl+H adds an heir
        for keys, handler in [
            ("Ctrl+H", self._add_heir),
            ("Ctrl+S", self.save),
            ("Ctrl+Return", self.save),
            ("Ctrl+Enter", self.save),
            ("Ctrl+P", self._print_receipt),
            ("Ctrl+K", self._print_card),
        ]:
            QShortcut(QKeySequence(keys), self).activated.connect(handler)

        self.nik.textEdited.connect(self._nik_edited)
        special = (self.nik, self.income)  # they do more than mark themselves touched
        for key, w in self.field_widgets.items():
            if isinstance(w, QLineEdit) and w not in special:
                w.textEdited.connect(lambda _t, k=key: self._edited(k))
        self.income.textEdited.connect(self._income_edited)
        self.gender.activated.connect(lambda _i: self._edited("gender"))
        self.district.activated.connect(self._district_chosen)
        self.village.activated.connect(lambda _i: self._edited("address.village_code"))
        self.jht.toggled.connect(lambda _b: self._edited("programmes"))
        self.months.activated.connect(lambda _i: self._edited("months"))
        self.payer.activated.connect(lambda _i: self._edited("payer"))
        self.consent.toggled.connect(lambda _b: self._edited("consent"))
        self.occupation.completer().activated.connect(lambda _t: self._edited("occupation_code"))
        self.address.fill_districts(self.session.event)

    def _add_heir(self) -> None:
        row = HeirRow(len(self.heir_rows))
        for w in row.fields:
            self._enter.watch(w)
        for w in (row.name, row.nik, row.phone):
            w.textEdited.connect(lambda _t, i=row.index: self._edited(f"heirs.{i}"))
        row.relationship.activated.connect(lambda _i, i=row.index: self._edited(f"heirs.{i}"))
        self.errors.update(row.errors)
        self.heir_rows.append(row)
        self.heirs_box.addWidget(row)
        self._fix_tab_order()
        if len(self.heir_rows) > 1:
            row.name.setFocus()

    def _fix_tab_order(self) -> None:
        # The person's fields as laid out, the JHT box before the months.
        order = [w for w in self.field_widgets.values() if w is not self.consent]
        order.insert(order.index(self.months), self.jht)
        for row in self.heir_rows:
            order += row.fields
        order += [self.add_heir, self.consent, self.save_button, self.clear_button]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def tab_order(self) -> list[QWidget]:
        """The fields in the order Tab visits them, from the NIK (for tests and review)."""
        return tab_chain(self.nik)

    def _district_chosen(self, _index: int) -> None:
        self.address.fill_villages()
        self._edited("district")

    # ---------------------------------------------------------------- state

    def _event_changed(self) -> None:
        e = self.session.event
        self.payer.clear()
        if e is None:
            self.event_label.setText(self.tr("Pilih acara dulu di layar Acara."))
            self.setEnabled(False)
            return
        self.setEnabled(e.is_open)
        state = "" if e.is_open else self.tr(" (ditutup)")
        self.event_label.setText(self.tr("Acara: {name}{state}").format(name=e.name, state=state))
        self.payer.addItem(self.tr("Bayar sendiri, tunai"), ("self", "cash"))
        self.payer.addItem(self.tr("Bayar sendiri, transfer"), ("self", "transfer"))
        if e.scheme_code and e.scheme_code in self.session.ref.schemes:
            scheme = self.session.ref.schemes[e.scheme_code]
            self.payer.insertItem(
                0, self.tr("Dibayar skema {name}").format(name=scheme.name), ("sponsor", "sponsor")
            )
            self.payer.setCurrentIndex(0)
        self.months.setCurrentIndex(max(0, self.months.findData(e.default_months)))
        self.jht.setChecked("JHT" in e.default_programmes)
        self.address.fill_districts(self.session.event)
        self.state.refresh()
        self.revalidate()

    def _data_changed(self, _changes: object, _origin: object) -> None:
        self.state.refresh()
        self.revalidate()

    def is_dirty(self) -> bool:
        """Anything typed that is not saved yet."""
        return self.state.is_dirty(self.entries())

    def can_leave(self) -> bool:
        """Asked before switching screens or closing: a half-filled form is never lost by a
        mis-click."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Formulir belum disimpan"),
            self.tr("Ada data yang belum disimpan di formulir. Tinggalkan tanpa menyimpan?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def entries(self) -> FormEntries:
        """The form as it stands, for the presenter."""
        months = self.months.currentData()
        return FormEntries(
            nik=self.nik.text(),
            full_name=self.full_name.text(),
            birth_place=self.birth_place.text(),
            birth_date=self.birth_date.text(),
            gender=str(self.gender.currentData() or ""),
            mother_maiden_name=self.mother.text(),
            phone=self.phone.text(),
            street=self.street.text(),
            rt=self.rt.text(),
            rw=self.rw.text(),
            district=str(self.district.currentData() or ""),
            village_code=str(self.village.currentData() or ""),
            occupation=self.occupation.text(),
            income=self.income.text(),
            jht=self.jht.isChecked(),
            months=int(months) if months is not None else None,
            payer=self.payer.currentData() or ("self", "cash"),
            heirs=tuple(r.value() for r in self.heir_rows),
            consent=self.consent.isChecked(),
        )

    def current_input(self) -> en.EnrolmentInput:
        return self.state.to_input(self.entries())

    def _occupation_code(self) -> str:
        return self.state.occupation_code(self.occupation.text())

    # ---------------------------------------------------------------- live checks

    def _edited(self, key: str) -> None:
        self.state.edited(key)
        self.result.hide()
        self.receipt_button.hide()
        self.card_button.hide()
        self.revalidate()

    def _income_edited(self, text: str) -> None:
        """Thousand separators as the officer types: 1000000 → 1.000.000."""
        value = parse_income(text)
        if value is not None:
            formatted = f"{value:,}".replace(",", ".")
            if formatted != text:
                self.income.setText(formatted)
        self._edited("declared_income")

    def _forget_last_saved(self) -> None:
        """Another event or officer: nothing of the previous one stays on screen."""
        self._last_saved = None
        for w in (self.result, self.receipt_button, self.card_button):
            w.hide()

    def _nik_edited(self, text: str) -> None:
        if len(text) <= 1 and self.state.show_all:  # a new person: the last try's messages go
            self.state.new_person()
        self._edited("nik")
        fill = self.state.nik_fill(self.entries())
        if fill is None:
            return
        # Birth date, sex and district from the NIK, unless the officer typed them.
        if fill.birth_date is not None:
            self.birth_date.setText(fill.birth_date)
        if fill.gender is not None:
            self.gender.setCurrentIndex(self.gender.findData(fill.gender))
        if fill.district is not None:
            self.address.set_district(fill.district)
        self.revalidate()

    def revalidate(self) -> list[Problem]:
        check = self.state.check(self.entries())
        if check is None:
            return []
        self._existing = check.existing
        self.problems = check.problems
        self._show_problems(check.problems)
        self._show_existing()
        self._show_contribution(check.contribution)
        return check.problems

    def _show_problems(self, problems: list[Problem]) -> None:
        shown = self.state.shown(problems, set(self.errors), self.entries(), self.session.lang)
        show_messages(self.errors, shown)

    def _open_existing(self) -> None:
        if self._existing is not None:
            self.open_record.emit(self._existing.id)

    def _show_existing(self) -> None:
        e = self._existing
        if e is None:
            self.banner.hide()
            self.open_existing.hide()
            return
        number = member_number_text(e.member_number, e.id, self.session.lang)
        self.banner.setText(
            self.tr(
                "NIK ini sudah terdaftar di laptop ini: {name}, nomor peserta {number}, "
                "didaftarkan {when}."
            ).format(name=e.full_name, number=number, when=e.recorded_at[:10])
        )
        self.banner.show()
        self.open_existing.show()

    def _contribution_so_far(self) -> Contribution | None:
        return self.state.contribution_so_far(self.entries())

    def _show_contribution(self, c: Contribution | None) -> None:
        self.amount_line.setText(self.state.amount_line(c, self.session.lang) if c else "")
        payer = self.payer.currentText()
        if c is None:
            self.contribution.setText("—")
            months = self.months.currentData()
            self.summary.setText(
                self.tr("{months} bulan · {payer}").format(months=months, payer=payer)
                if months
                else payer
            )
            return
        lang = self.session.lang
        self.contribution.setText(
            self.tr("{per_month} / bulan · {months} bulan · {total}").format(
                per_month=rupiah(c.per_month, lang), months=c.months, total=rupiah(c.total, lang)
            )
        )
        self.summary.setText(
            self.tr("{total} · {months} bulan · {payer}").format(
                total=rupiah(c.total, lang), months=c.months, payer=payer
            )
        )

    # ---------------------------------------------------------------- saving

    def _errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        inner = self.scroll_area.widget()
        if new is not None and inner is not None and inner.isAncestorOf(new):
            self.scroll_area.ensureWidgetVisible(new)

    def focus_first_problem(self) -> None:
        widgets: dict[str, QWidget] = {
            **self.field_widgets,
            "programmes": self.jht,
            "method": self.payer,
            "heirs": self.heir_rows[0].name,
        }
        for row in self.heir_rows:
            widgets.update(row.widgets)
        first = first_problem_widget(self.problems, widgets, self.tab_order())
        if first is not None:
            first.setFocus()

    def save(self) -> None:
        if self.session.event is None or self.session.officer is None:
            return
        self.state.show_all = True
        self.state.refresh()  # the scheme's quota and list as they are now
        self.revalidate()
        if self.state.needs_birth_date_approval(self._errors()):  # a supervisor sees the KTP
            dialog = ask_birth_date_approval(self, self.session, self.state, self.entries())
            self.approval_dialog = dialog
            dialog.accepted.connect(self.save)  # approved: save with the supervisor's name
            return
        if self._errors():
            self.focus_first_problem()
            return
        try:
            saved = self.state.save(self.entries())
        except ValidationError as exc:
            self.problems = exc.problems
            self._show_problems(exc.problems)
            self.focus_first_problem()
            return
        except Exception as exc:  # the form stays filled in
            QMessageBox.critical(
                self, self.tr("Tidak tersimpan"), not_saved(exc, self.session.lang)
            )
            return
        self._last_saved = saved
        self.clear()
        done, print_caption = saved_texts(saved, self.session.lang)
        self.result.setText(done)
        if print_caption is not None:
            self.receipt_button.setText(print_caption)
            self.receipt_button.show()
        self.card_button.show()
        self.result.show()
        self.saved.emit(saved)
        self.session.records_saved([saved.enrolment_id])

    def _print_receipt(self) -> None:
        if self._last_saved is not None and self._last_saved.payment_id:
            self.print_receipt.emit(self._last_saved.payment_id)

    def _print_card(self) -> None:
        if self._last_saved is not None:
            self.print_card.emit(self._last_saved.enrolment_id)

    def ask_clear(self) -> None:
        if self.can_leave():
            self.clear()

    def clear(self) -> None:
        """Ready for the next person: every field empty, event defaults back, NIK focused."""
        for w in self.field_widgets.values():
            if isinstance(w, QLineEdit):  # the person's typed fields; heirs below
                w.clear()
        self.gender.setCurrentIndex(0)
        self.address.clear()
        while len(self.heir_rows) > 1:
            row = self.heir_rows.pop()
            for key in row.errors:
                self.errors.pop(key, None)
            row.deleteLater()
        first = self.heir_rows[0]
        first.name.clear()
        first.nik.clear()
        first.phone.clear()
        first.relationship.setCurrentIndex(0)
        self.consent.setChecked(False)
        self.state.reset()
        self._event_changed()
        self.nik.setFocus()
        self.scroll_area.verticalScrollBar().setValue(0)  # what was saved, and the next NIK
