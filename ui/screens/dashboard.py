"""The event dashboard: who enrolled today and in total, quota and budget, money by payer,
what waits for HQ, enrolments per officer and per hour."""

from __future__ import annotations

import html
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.database import Database
from models.errors import SigapError
from models.money import long_date, rupiah
from models.stats import event_dashboard
from services.changes import Changes
from ui.lazy import RefreshWhenShown
from ui.screens.event_dialog import ERROR_STYLE
from ui.session import Session
from ui.tasks import Progress, Tasks
from ui.widgets.hour_chart import HourChart


class DashboardScreen(RefreshWhenShown, QWidget):
    def __init__(self, session: Session, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.figures: dict[str, Any] | None = None
        self._generation = 0  # a refresh answered after a newer one started is dropped

        self.title = QLabel()
        self.title.setObjectName("title")
        self.no_event = QLabel(self.tr("Belum ada acara yang dipilih. Pilih acara di layar Acara."))
        self.no_event.setObjectName("no_event")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        self.values: dict[str, QLabel] = {}
        people = self._group(
            self.tr("Peserta"),
            [
                ("enrolled_today", self.tr("Terdaftar hari ini")),
                ("enrolled_total", self.tr("Terdaftar seluruhnya")),
                ("waiting_hq", self.tr("Menunggu dikirim ke kantor pusat")),
            ],
        )
        money = self._group(
            self.tr("Uang diterima"),
            [
                ("self_cash", self.tr("Bayar sendiri, tunai")),
                ("self_transfer", self.tr("Bayar sendiri, transfer")),
                ("sponsor", self.tr("Dibayar sponsor")),
                ("money_total", self.tr("Jumlah")),
            ],
        )
        self.scheme_box = self._group(
            self.tr("Skema sponsor"),
            [
                ("quota_used", self.tr("Kuota terpakai")),
                ("quota_left", self.tr("Sisa kuota")),
                ("budget_used", self.tr("Anggaran terpakai")),
                ("budget_left", self.tr("Sisa anggaran")),
            ],
        )

        self.officers = QTableWidget(0, 2)
        self.officers.setObjectName("officers")
        self.officers.setHorizontalHeaderLabels([self.tr("Petugas"), self.tr("Pendaftaran")])
        self.officers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.officers.verticalHeader().hide()
        self.officers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        officers_box = QGroupBox(self.tr("Pendaftaran per petugas"))
        QVBoxLayout(officers_box).addWidget(self.officers)

        self.chart = HourChart()
        self.chart.setObjectName("hour_chart")
        chart_box = QGroupBox(self.tr("Pendaftaran per jam hari ini"))
        QVBoxLayout(chart_box).addWidget(self.chart)

        self.body = QWidget()
        top = QHBoxLayout()
        top.addWidget(people)
        top.addWidget(money)
        top.addWidget(self.scheme_box)
        bottom = QHBoxLayout()
        bottom.addWidget(officers_box, 1)
        bottom.addWidget(chart_box, 2)
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(top)
        body_layout.addLayout(bottom, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.no_event)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)

        session.changed.connect(self._changed)
        session.event_changed.connect(self.refresh_soon)
        session.language_changed.connect(self.refresh_soon)

    def _group(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        for i, (key, caption) in enumerate(rows):
            value = QLabel("–")
            value.setObjectName(key)
            value.setWordWrap(True)
            self.values[key] = value
            grid.addWidget(QLabel(caption), i, 0)
            grid.addWidget(value, i, 1)
        grid.setColumnStretch(1, 1)
        return box

    # --------------------------------------------------------------- loading

    def _changed(self, changes: Changes, _origin: object) -> None:
        if changes.records or changes.queue or changes.events or changes.prints:
            self.refresh_soon()

    def refresh(self) -> None:
        self._generation += 1
        event = self.session.event
        if event is None:
            self.figures = None
            self.title.setText(self.tr("<h2>Dasbor acara</h2>"))
            self.no_event.show()
            self.body.hide()
            self.message.hide()
            return
        self.no_event.hide()
        self.body.show()
        self.title.setText(self.tr("<h2>Dasbor: {name}</h2>").format(name=html.escape(event.name)))
        generation = self._generation
        event_id = event.id
        today = self.session.clock().date()
        ref = self.session.ref

        def work(db: Database, _progress: Progress) -> dict[str, Any]:
            return event_dashboard(db, event_id, today, ref)

        def done(figures: dict[str, Any]) -> None:
            # The screen may be gone, or asked again, by the time a background run answers.
            if shiboken6.isValid(self) and generation == self._generation:
                self.show_figures(figures)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            if isinstance(exc, SigapError):
                text = exc.message(self.session.lang)
            else:
                text = self.tr("Angka dasbor tidak bisa dibaca: {reason}").format(
                    reason=type(exc).__name__
                )
            self.message.setText(text)
            self.message.show()

        self.tasks.run_on_db(self.session.connect_db, work, done, failed)

    def show_figures(self, f: dict[str, Any]) -> None:
        self.figures = f
        self.message.hide()
        lang = self.session.lang

        def money(n: int | None) -> str:
            return "–" if n is None else rupiah(n, lang)

        v = self.values
        today = long_date(self.session.clock().date(), lang)
        v["enrolled_today"].setText(
            self.tr("{n} peserta ({day})").format(n=f["enrolled_today"], day=today)
        )
        v["enrolled_total"].setText(self.tr("{n} peserta").format(n=f["enrolled_total"]))
        v["waiting_hq"].setText(
            self.tr("{n} catatan (seluruh laptop: {all})").format(
                n=f["waiting_hq"], all=f["waiting_hq_device"]
            )
        )
        v["self_cash"].setText(money(f["money"]["self_cash"]))
        v["self_transfer"].setText(money(f["money"]["self_transfer"]))
        v["sponsor"].setText(money(f["money"]["sponsor"]))
        total = money(f["money"]["total"])
        if f["money_voided"]:
            total = self.tr("{total} (dibatalkan: {voided})").format(
                total=total, voided=money(f["money_voided"])
            )
        v["money_total"].setText(total)

        scheme = self.session.ref.schemes.get(f["scheme_code"]) if f["scheme_code"] else None
        self.scheme_box.setVisible(f["scheme_code"] is not None)
        if scheme is not None:
            self.scheme_box.setTitle(self.tr("Skema sponsor: {name}").format(name=scheme.name))
        unlimited = self.tr("tanpa batas")
        if f["quota"] is None:
            v["quota_used"].setText(self.tr("{n} peserta").format(n=f["quota_used"] or 0))
            v["quota_left"].setText(unlimited)
        else:
            v["quota_used"].setText(
                self.tr("{used} dari {quota}").format(used=f["quota_used"], quota=f["quota"])
            )
            v["quota_left"].setText(self.tr("{n} peserta").format(n=f["quota_left"]))
        if f["budget"] is None:
            v["budget_used"].setText(money(f["budget_used"]))
            v["budget_left"].setText(unlimited)
        else:
            v["budget_used"].setText(
                self.tr("{used} dari {budget}").format(
                    used=money(f["budget_used"]), budget=money(f["budget"])
                )
            )
            v["budget_left"].setText(money(f["budget_left"]))

        rows = f["per_officer"]
        self.officers.setRowCount(len(rows))
        for i, r in enumerate(rows):
            self.officers.setItem(i, 0, QTableWidgetItem(f"{r['name']} ({r['officer_id']})"))
            count = QTableWidgetItem(str(r["count"]))
            self.officers.setItem(i, 1, count)
        self.chart.set_counts(f["per_hour"])
