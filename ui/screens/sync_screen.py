"""The sync screen: where records go (HQ's address, this laptop's registration), whether HQ
answers, the last sync and its trouble in plain words, the queue by state, the records HQ
refused or questioned with what to do about each, and the cards to print again because HQ
gave a different member number."""

from __future__ import annotations

from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.database import Database
from models.db import get_setting
from models.events import get_event
from models.messages import member_number_text
from models.participants import ParticipantRow, rows_by_id
from models.prints import prints_for
from models.sync_state import ProblemRecord, cards_to_reprint, problem_records
from services.changes import Changes
from ui.lazy import RefreshWhenShown
from ui.models.participants_model import sync_state_label
from ui.screens.card_batch import SELECTED, CardBatchDialog
from ui.screens.record_view import RecordDialog
from ui.screens.register_dialog import RegisterDialog
from ui.session import Session
from ui.sync_controller import SyncController
from ui.sync_texts import advice, record_type_label, sync_error_text, when_text
from ui.tasks import Progress, Tasks
from ui.widgets.tables import read_only_item, read_only_table

PROBLEM_STYLE = "color: #b00020;"
BANNER_STYLE = (
    "QFrame#banner { background: #fdecea; border: 1px solid #e3a6a1; border-radius: 4px; }"
)
QUEUE_STATES = ("pending", "synced", "duplicate_person", "rejected", "conflict")


@dataclass
class SyncLists:
    """What the screen's two lists show, read off the window's thread (`read_lists`)."""

    problems: list[ProblemRecord] = field(default_factory=list)
    reprints: list[ParticipantRow] = field(default_factory=list)
    printed: dict[str, str] = field(default_factory=dict)  # last card's number, by enrolment
    event_names: dict[str, str] = field(default_factory=dict)


def read_lists(db: Database) -> SyncLists:
    """The records HQ refused or questioned, and the cards to print again with the number
    on the card last printed and their event's name. Each read is found by an index: the
    few problem rows, the cards printed; nothing is read per enrolment or per queue row."""
    reprints = rows_by_id(db, cards_to_reprint(db))
    printed: dict[str, str] = {}
    for entry in prints_for(db, [r.id for r in reprints]):
        if entry.kind == "card":  # oldest first: the last one wins
            printed[entry.record_id] = str(entry.detail.get("card_number") or "")
    event_names: dict[str, str] = {}
    for r in reprints:
        if r.event_id not in event_names:
            found = get_event(db, r.event_id)
            event_names[r.event_id] = found.name if found else "-"
    return SyncLists(problem_records(db), reprints, printed, event_names)


class SyncScreen(RefreshWhenShown, QWidget):
    def __init__(
        self,
        session: Session,
        tasks: Tasks,
        controller: SyncController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.controller = controller
        self.problems: list[ProblemRecord] = []
        self.reprints: list[ParticipantRow] = []
        self.record_dialog: RecordDialog | None = None
        self.register_dialog: RegisterDialog | None = None
        self.card_dialog: CardBatchDialog | None = None
        self.lists = SyncLists()
        self._generation = 0  # lists read for an older refresh are dropped

        # -------------------------------------------------------------- a stop, said loudly
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner_text = QLabel()
        self.banner_text.setObjectName("banner_text")
        self.banner_text.setWordWrap(True)
        self.banner_register = QPushButton(self.tr("Daftarkan perangkat…"))
        self.banner_register.setObjectName("banner_register")
        self.banner_register.clicked.connect(self.open_register)
        banner_row = QHBoxLayout(self.banner)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_register)
        self.banner.hide()

        # -------------------------------------------------------------- HQ and this laptop
        self.values: dict[str, QLabel] = {}
        hq_form = QFormLayout()
        for key, label in (
            ("hq_url", self.tr("Alamat kantor pusat")),
            ("device", self.tr("Laptop ini")),
            ("connection", self.tr("Sambungan")),
            ("last_sync", self.tr("Terakhir sinkron")),
            ("last_error", self.tr("Masalah terakhir")),
            ("numbers_left", self.tr("Nomor peserta tersisa")),
        ):
            value = QLabel()
            value.setObjectName(f"value_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            hq_form.addRow(label, value)
        hq_box = QGroupBox(self.tr("Kantor pusat"))
        hq_box.setLayout(hq_form)

        self.counts: dict[str, QLabel] = {}
        queue_form = QFormLayout()
        for state in QUEUE_STATES:
            value = QLabel()
            value.setObjectName(f"count_{state}")
            self.counts[state] = value
            queue_form.addRow(sync_state_label(state), value)
        queue_box = QGroupBox(self.tr("Antrean ke kantor pusat"))
        queue_box.setLayout(queue_form)

        self.sync_button = QPushButton(self.tr("Sinkronkan sekarang"))
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setToolTip(self.tr("Ctrl+Shift+S atau F5"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.sync_now)
        self.register_button = QPushButton(self.tr("Daftarkan perangkat…"))
        self.register_button.setObjectName("register")
        self.register_button.clicked.connect(self.open_register)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.sync_button)
        actions.addWidget(self.register_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.status, 2)

        top = QHBoxLayout()
        top.addWidget(hq_box, 3)
        top.addWidget(queue_box, 2)

        # -------------------------------------------------------------- what needs doing
        self.problem_table = read_only_table(
            [
                self.tr("Catatan"),
                self.tr("Peserta"),
                self.tr("Status"),
                self.tr("Kata kantor pusat"),
                self.tr("Yang perlu dilakukan"),
            ],
            "problems",
        )
        header = self.problem_table.horizontalHeader()
        for column, width in enumerate((130, 250, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.problem_table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.problem_table.itemSelectionChanged.connect(self._update_buttons)
        self.problem_table.doubleClicked.connect(lambda _index: self.open_selected_record())
        self.no_problems = QLabel(self.tr("Tidak ada catatan yang ditolak atau perlu ditinjau."))
        self.no_problems.setObjectName("no_problems")
        self.no_problems.hide()  # until the list is read
        self.open_button = QPushButton(self.tr("Buka catatan"))
        self.open_button.setObjectName("open_record")
        self.open_button.clicked.connect(self.open_selected_record)
        problems_buttons = QHBoxLayout()
        problems_buttons.addWidget(self.no_problems)
        problems_buttons.addStretch(1)
        problems_buttons.addWidget(self.open_button)
        self.problems_box = QGroupBox()
        problems_layout = QVBoxLayout(self.problems_box)
        problems_layout.addWidget(self.problem_table, 1)
        problems_layout.addLayout(problems_buttons)

        self.reprint_table = read_only_table(
            [
                self.tr("Nama"),
                self.tr("NIK"),
                self.tr("Nomor peserta"),
                self.tr("Nomor di kartu tercetak"),
                self.tr("Acara"),
            ],
            "reprints",
        )
        header = self.reprint_table.horizontalHeader()
        for column, width in enumerate((250, 150, 130, 170)):
            self.reprint_table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.reprint_table.itemSelectionChanged.connect(self._update_buttons)
        self.no_reprints = QLabel(self.tr("Tidak ada kartu yang perlu dicetak ulang."))
        self.no_reprints.setObjectName("no_reprints")
        self.no_reprints.hide()
        self.reprint_button = QPushButton(self.tr("Cetak ulang kartu…"))
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.clicked.connect(self.print_reprints)
        reprint_buttons = QHBoxLayout()
        reprint_buttons.addWidget(self.no_reprints)
        reprint_buttons.addStretch(1)
        reprint_buttons.addWidget(self.reprint_button)
        self.reprints_box = QGroupBox()
        reprints_layout = QVBoxLayout(self.reprints_box)
        reprints_layout.addWidget(self.reprint_table, 1)
        reprints_layout.addLayout(reprint_buttons)

        lists = QSplitter(Qt.Orientation.Vertical)
        lists.setChildrenCollapsible(False)
        lists.addWidget(self.problems_box)
        lists.addWidget(self.reprints_box)
        lists.setStretchFactor(0, 3)
        lists.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(lists, 1)

        controller.state_changed.connect(self.update_state)
        controller.sync_started.connect(self._sync_started)
        controller.sync_progress.connect(self._sync_progress)
        controller.sync_finished.connect(self._sync_finished)
        session.changed.connect(self._changed)
        self.update_state()

    # ------------------------------------------------------------------ state

    def update_state(self) -> None:
        """What the controller knows (cheap: no query of its own)."""
        c = self.controller
        s = c.summary
        v = self.values
        v["hq_url"].setText(s.hq_url or self.tr("belum diisi"))
        if s.registered:
            branch = get_setting(self.session.db, "branch_code") or "-"
            v["device"].setText(self.tr("Terdaftar, kantor cabang {branch}").format(branch=branch))
        else:
            v["device"].setText(self.tr("Belum didaftarkan"))
        if not s.registered:
            v["connection"].setText(self.tr("Luring (perangkat belum didaftarkan)"))
        elif c.online:
            v["connection"].setText(self.tr("Daring: kantor pusat menjawab"))
        else:
            v["connection"].setText(self.tr("Luring: kantor pusat tidak terjangkau"))
        now = self.session.clock()
        if s.last_sync_at:
            v["last_sync"].setText(when_text(s.last_sync_at, now, self.session.lang))
        else:
            v["last_sync"].setText(self.tr("belum pernah"))
        if c.last_failure_text:
            error = c.last_failure_text
        else:
            error = sync_error_text(s.last_error)
        v["last_error"].setText(error or self.tr("tidak ada"))
        v["last_error"].setStyleSheet(PROBLEM_STYLE if error else "")
        v["numbers_left"].setText(str(s.member_numbers_left))
        for state, label in self.counts.items():
            label.setText(str(s.counts.get(state, 0)))

        banner = ""
        if s.stopped == "revoked":
            banner = sync_error_text("revoked")
        elif s.stopped:
            banner = sync_error_text("auth")
        elif not s.registered:
            banner = self.tr(
                "Laptop ini belum didaftarkan ke kantor pusat, jadi catatan belum bisa dikirim. "
                "Minta kode pendaftaran ke kantor cabang, lalu daftarkan perangkat. "
                "Semua catatan tetap tersimpan di laptop ini."
            )
        self.banner_text.setText(banner)
        self.banner.setVisible(bool(banner))
        self.banner_register.setVisible(s.stopped != "revoked")
        if c.running:
            self.status.setText(self.tr("Sedang sinkron…"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        c = self.controller
        self.sync_button.setEnabled(c.registered and not c.running)
        problem = self.selected_problem()
        self.open_button.setEnabled(problem is not None and bool(problem.enrolment_id))
        self.reprint_button.setEnabled(bool(self.reprints))

    def _changed(self, changes: Changes, _origin: object) -> None:
        if changes.records or changes.queue or changes.prints:  # problems, cards to reprint
            self.refresh_soon()

    def refresh(self) -> None:
        """The counts at once (from the tallies); the problem records and the cards to print
        again read off the window's thread, shown when read (the lists shown until then
        stay). A refresh asked again meanwhile wins."""
        self.controller.refresh_summary()
        self._generation += 1
        generation = self._generation

        def work(db: Database, _progress: Progress) -> SyncLists:
            return read_lists(db)

        def done(lists: SyncLists) -> None:
            # The screen may be gone, or asked again, by the time a background read answers.
            if shiboken6.isValid(self) and generation == self._generation:
                self.show_lists(lists)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.status.setText(
                    self.tr("Daftar catatan tidak bisa dibaca: {reason}").format(
                        reason=type(exc).__name__
                    )
                )

        self.tasks.run_on_db(self.session.connect_db, work, done, failed)

    def show_lists(self, lists: SyncLists) -> None:
        self.lists = lists
        self.problems = lists.problems
        self.reprints = lists.reprints
        self._fill_problems()
        self._fill_reprints()
        self._update_buttons()

    def _fill_problems(self) -> None:
        table = self.problem_table
        table.setRowCount(len(self.problems))
        for row, p in enumerate(self.problems):
            said = advice(
                p.state, p.hq_code, p.hq_field, p.hq_message, p.member_number, p.last_error
            )
            who = " · ".join(x for x in (p.full_name, p.nik_masked) if x) or "-"
            hq_words = p.hq_message or ""
            cells = (
                read_only_item(record_type_label(p.type)),
                read_only_item(who),
                read_only_item(sync_state_label(p.state)),
                read_only_item(said.reason, hq_words),
                read_only_item(said.action),
            )
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        table.resizeRowsToContents()
        n = len(self.problems)
        self.problems_box.setTitle(self.tr("Perlu tindakan (%n)", "", n))
        self.problem_table.setVisible(bool(n))
        self.no_problems.setVisible(not n)

    def _fill_reprints(self) -> None:
        printed, events = self.lists.printed, self.lists.event_names
        table = self.reprint_table
        table.setRowCount(len(self.reprints))
        lang = self.session.lang
        for row, r in enumerate(self.reprints):
            on_card = printed.get(r.id, "")
            cells = (
                r.full_name,
                r.nik_masked,
                member_number_text(r.member_number, r.id, lang),
                member_number_text(on_card, None, lang) if on_card else "",
                events.get(r.event_id, "-"),
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, read_only_item(text))
        n = len(self.reprints)
        self.reprints_box.setTitle(self.tr("Kartu perlu dicetak ulang (%n)", "", n))
        self.reprint_table.setVisible(bool(n))
        self.no_reprints.setVisible(not n)

    # ------------------------------------------------------------------ syncing

    def sync_now(self) -> None:
        if not self.controller.sync_now():
            if not self.controller.registered:
                self.status.setText(self.tr("Daftarkan perangkat dulu."))
            else:
                self.status.setText(self.tr("Sinkron berikutnya menyusul yang sedang berjalan."))

    def _sync_started(self) -> None:
        self.progress.setRange(0, 0)  # busy until the engine says how many
        self.progress.show()
        self.status.setText(self.tr("Sedang sinkron…"))

    def _sync_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _sync_finished(self, report: object) -> None:
        self.progress.hide()
        if report is None:
            self.status.setText(self.tr("Sinkron gagal."))
        elif getattr(report, "error", None):
            self.status.setText(sync_error_text(getattr(report, "error", None)))
        else:
            sent, waiting = getattr(report, "sent", 0), getattr(report, "pending", 0)
            review = getattr(report, "needs_review", 0)
            if review:
                text = self.tr(
                    "Selesai: {sent} dikirim, {waiting} masih menunggu, {review} perlu tindakan."
                ).format(sent=sent, waiting=waiting, review=review)
            else:
                text = self.tr("Selesai: {sent} dikirim, {waiting} masih menunggu.").format(
                    sent=sent, waiting=waiting
                )
            self.status.setText(text)
        self.refresh_soon()

    # ------------------------------------------------------------------ opening

    def selected_problem(self) -> ProblemRecord | None:
        rows = self.problem_table.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.problem_table.currentRow()
        return self.problems[row] if 0 <= row < len(self.problems) else None

    def open_selected_record(self) -> RecordDialog | None:
        problem = self.selected_problem()
        if problem is None or not problem.enrolment_id:
            return None
        if self.record_dialog is not None:
            self.record_dialog.close()
            self.record_dialog.deleteLater()
        self.record_dialog = RecordDialog(self.session, problem.enrolment_id, self)
        self.record_dialog.open()
        return self.record_dialog

    def open_register(self) -> RegisterDialog:
        if self.register_dialog is not None:
            self.register_dialog.close()
            self.register_dialog.deleteLater()
        dialog = RegisterDialog(
            self.session,
            self.tasks,
            self.controller.summary.hq_url,
            self,
            register=self.controller.register,
        )
        dialog.registered.connect(lambda _registration: self.controller.registered_again())
        self.register_dialog = dialog
        dialog.open()
        return dialog

    def print_reprints(self) -> CardBatchDialog | None:
        """The cards to print again, one event at a time (a batch is one event's cards):
        the selected rows' event, or the first listed."""
        if not self.reprints:
            return None
        rows = sorted({i.row() for i in self.reprint_table.selectionModel().selectedRows()})
        chosen = [self.reprints[r] for r in rows if 0 <= r < len(self.reprints)]
        event_id = (chosen or self.reprints)[0].event_id
        ids = [r.id for r in (chosen or self.reprints) if r.event_id == event_id]
        if self.card_dialog is not None:
            self.card_dialog.close()
            self.card_dialog.deleteLater()
        dialog = CardBatchDialog(
            self.session,
            self.tasks,
            self,
            ids,
            event_id=event_id,
            selected_text=self.tr("Kartu yang perlu dicetak ulang ({n})"),
        )
        dialog.scope_buttons[SELECTED].setChecked(True)
        self.card_dialog = dialog
        dialog.open()
        return dialog
