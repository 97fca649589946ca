"""The main window: navigation between screens, the menus and the status bar. Screens do
the work; this class only switches between them and wires their signals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from services.changes import Changes
from ui.lock import DeskLock
from ui.session import Session
from ui.sync_controller import SyncController
from ui.tasks import Tasks
from ui.widgets.fit import fit
from ui.widgets.sync_indicator import SyncIndicator

if TYPE_CHECKING:
    from models.enrolments import SavedEnrolment
    from ui.screens.audit_screen import AuditScreen
    from ui.screens.backup_screen import BackupScreen
    from ui.screens.dashboard import DashboardScreen
    from ui.screens.enrolment_form import EnrolmentForm
    from ui.screens.events import EventsScreen
    from ui.screens.officers_screen import OfficersScreen
    from ui.screens.participants import ParticipantsScreen
    from ui.screens.print_preview import PrintPreviewDialog
    from ui.screens.sync_screen import SyncScreen

# The screens in the navigation's order, by name. Each is built (its module imported too)
# when first shown or asked for: a start shows one screen, and the others cost nothing
# until the officer opens them.
SCREEN_NAMES = (
    "events",
    "dashboard",
    "form",
    "participants",
    "sync_screen",
    "officers",
    "audit",
    "backups",
)


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    # A backup was restored (or a restore failed part way): the database connection is
    # closed; the application opens it again and builds a new window (ui/app.py).
    database_restored = Signal(object)

    def __init__(
        self,
        session: Session,
        tasks: Tasks,
        sync: SyncController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        # The application makes the sync controller (it outlives a window rebuilt for another
        # language) and starts it; a window made without one gets its own, not started.
        self.sync = sync if sync is not None else SyncController(session, tasks, parent=self)
        self.setWindowTitle(self.tr("Sigap — Pendaftaran Peserta BPU"))
        self.setObjectName("main_window")
        fit(self, 1180, 780, session.data_dir)  # 1366×768 laptops: never taller than the screen

        self._built: dict[str, QWidget] = {}
        titles = [
            self.tr("Acara"),
            self.tr("Dasbor"),
            self.tr("Pendaftaran"),
            self.tr("Peserta"),
            self.tr("Sinkron"),
            self.tr("Petugas"),
            self.tr("Audit"),
            self.tr("Cadangan"),
        ]
        self.nav = QListWidget()
        self.stack = QStackedWidget()
        for title in titles:
            self.nav.addItem(title)
            self.stack.addWidget(QWidget())  # stands in until the screen is built
        # Wide enough for the longest title in either language (never cut to "Pendaftara").
        self.nav.setFixedWidth(min(max(self.nav.sizeHintForColumn(0) + 28, 110), 200))
        self.nav.currentRowChanged.connect(self._nav_clicked)
        self.content = QWidget()
        row = QHBoxLayout(self.content)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        # The content and, when the desk is locked, the lock page in its place.
        self.pages = QStackedWidget()
        self.pages.addWidget(self.content)
        self.setCentralWidget(self.pages)

        self.officer_label = QLabel()
        self.event_label = QLabel()
        self.sync_indicator = SyncIndicator(self.sync)
        self.waiting_label = self.sync_indicator.waiting
        for widget in (self.officer_label, self.event_label, self.sync_indicator):
            self.statusBar().addPermanentWidget(widget)
        self.sync_indicator.clicked.connect(lambda: self.show_screen(self.sync_screen))
        self._last_sync: tuple[str, Any] = ("none", None)  # told to a sync screen built later
        self.sync.sync_started.connect(lambda: self._note_sync("started", None))
        self.sync.sync_finished.connect(self._sync_finished)
        self._build_menus()
        self.desk_lock = DeskLock(self, session, self.pages, self.content)

        # The form names the payment; its receipt number comes with the saved enrolment.
        self._receipt_numbers: dict[str, str] = {}
        self.preview: PrintPreviewDialog | None = None
        session.officer_changed.connect(self.update_status)
        session.event_changed.connect(self.update_status)
        session.changed.connect(self._changed)
        session.event_changed.connect(self._event_chosen)
        self.update_status()
        self.show_screen(self.form if session.event is not None else self.events)

    def _build_menus(self) -> None:
        desk = self.menuBar().addMenu(self.tr("&Meja"))
        for text, keys, handler in [
            (self.tr("Acara"), "Ctrl+1", lambda: self.show_screen(self.events)),
            (self.tr("Dasbor"), "Ctrl+2", lambda: self.show_screen(self.dashboard)),
            (self.tr("Pendaftaran"), "Ctrl+3", lambda: self.show_screen(self.form)),
            (self.tr("Peserta"), "Ctrl+4", lambda: self.show_screen(self.participants)),
            (self.tr("Sinkron"), "Ctrl+5", lambda: self.show_screen(self.sync_screen)),
            (self.tr("Petugas"), "Ctrl+6", lambda: self.show_screen(self.officers)),
            (self.tr("Audit"), "Ctrl+7", lambda: self.show_screen(self.audit)),
            (self.tr("Cadangan"), "Ctrl+8", lambda: self.show_screen(self.backups)),
            (self.tr("Sinkronkan sekarang"), "Ctrl+Shift+S; F5", self.sync_now),
            (self.tr("Daftarkan perangkat…"), "", self.open_register),
            (self.tr("Impor daftar mitra…"), "Ctrl+I", self.open_import),
            (self.tr("Ekspor…"), "Ctrl+E", self.open_export),
            (self.tr("Cetak kartu acara…"), "Ctrl+Shift+K", self.open_card_batch),
            (self.tr("Cek kartu…"), "Ctrl+Shift+C", self.open_check_card),
            (self.tr("Penutupan harian…"), "Ctrl+Shift+T", lambda: self.open_report("day_close")),
            (self.tr("Laporan acara…"), "Ctrl+Shift+L", lambda: self.open_report("event_report")),
            (
                self.tr("Rekapitulasi iuran sponsor…"),
                "Ctrl+Shift+R",
                lambda: self.open_report("statement"),
            ),
            (self.tr("Pengaturan…"), "Ctrl+,", self.open_settings),
            (self.tr("Kunci / ganti petugas"), "Ctrl+L", self.lock_desk),
            (self.tr("Bantuan: pintasan keyboard"), "F1", self.open_help),
            (self.tr("Tentang Sigap…"), "", self.open_about),
            (self.tr("Keluar"), "Ctrl+Q", self.close),
        ]:
            action = QAction(text, self)
            if keys:
                action.setShortcuts(QKeySequence.listFromString(keys))  # "A; B": two keys
            action.triggered.connect(handler)
            desk.addAction(action)
            self.addAction(action)
        find = QAction(self.tr("Cari peserta"), self)
        find.setShortcut(QKeySequence("Ctrl+F"))
        find.triggered.connect(self.find_participant)
        desk.insertAction(desk.actions()[4], find)
        self.addAction(find)
        language = self.menuBar().addMenu(self.tr("&Bahasa"))
        for text, code in [("Bahasa Indonesia", "id"), ("English", "en")]:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(code == self.session.lang)
            action.triggered.connect(lambda _c=False, code=code: self.request_language(code))
            language.addAction(action)

    # ---------------------------------------------------------------- screens

    def _make(self, name: str) -> QWidget:
        """A new screen, its module imported now (see SCREEN_NAMES)."""
        s, t = self.session, self.tasks
        if name == "events":
            from ui.screens.events import EventsScreen

            return EventsScreen(s, t)
        if name == "dashboard":
            from ui.screens.dashboard import DashboardScreen

            return DashboardScreen(s, t)
        if name == "form":
            from ui.screens.enrolment_form import EnrolmentForm

            form = EnrolmentForm(s, t)
            form.open_record.connect(self.open_record)
            form.saved.connect(self._remember_receipt)
            form.print_receipt.connect(self.open_receipt_preview)
            form.print_card.connect(self.open_card_preview)
            return form
        if name == "participants":
            from ui.screens.participants import ParticipantsScreen

            return ParticipantsScreen(s, t)
        if name == "sync_screen":
            from ui.screens.sync_screen import SyncScreen

            screen = SyncScreen(s, t, self.sync)
            said, report = self._last_sync  # what it would have heard, had it been there
            if said == "started" and self.sync.running:
                screen._sync_started()
            elif said == "finished":
                screen._sync_finished(report)
            return screen
        if name == "officers":
            from ui.screens.officers_screen import OfficersScreen

            return OfficersScreen(s, t)
        if name == "audit":
            from ui.screens.audit_screen import AuditScreen

            return AuditScreen(s, t)
        if name == "backups":
            from ui.screens.backup_screen import BackupScreen

            backups = BackupScreen(s, t)
            backups.restored.connect(self.database_restored)
            return backups
        raise KeyError(name)

    def screen_named(self, name: str) -> QWidget:
        """The screen called `name`, built and put in its place in the stack the first
        time it is asked for."""
        built = self._built.get(name)
        if built is not None:
            return built
        screen = self._make(name)
        self._built[name] = screen
        index = SCREEN_NAMES.index(name)
        stand_in = self.stack.widget(index)
        assert stand_in is not None
        self.stack.insertWidget(index, screen)
        if self.stack.currentWidget() is stand_in:
            self.stack.setCurrentWidget(screen)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        return screen

    def is_built(self, name: str) -> bool:
        return name in self._built

    @property
    def screens(self) -> list[tuple[str, QWidget]]:
        """Every screen with its title, each built now."""
        return [(self.nav.item(i).text(), self.screen_named(n)) for i, n in enumerate(SCREEN_NAMES)]

    @property
    def events(self) -> EventsScreen:
        return self.screen_named("events")  # type: ignore[return-value]

    @property
    def dashboard(self) -> DashboardScreen:
        return self.screen_named("dashboard")  # type: ignore[return-value]

    @property
    def form(self) -> EnrolmentForm:
        return self.screen_named("form")  # type: ignore[return-value]

    @property
    def participants(self) -> ParticipantsScreen:
        return self.screen_named("participants")  # type: ignore[return-value]

    @property
    def sync_screen(self) -> SyncScreen:
        return self.screen_named("sync_screen")  # type: ignore[return-value]

    @property
    def officers(self) -> OfficersScreen:
        return self.screen_named("officers")  # type: ignore[return-value]

    @property
    def audit(self) -> AuditScreen:
        return self.screen_named("audit")  # type: ignore[return-value]

    @property
    def backups(self) -> BackupScreen:
        return self.screen_named("backups")  # type: ignore[return-value]

    # ---------------------------------------------------------------- navigation

    def current_screen(self) -> QWidget | None:
        """The screen shown (None before the first is)."""
        widget = self.stack.currentWidget()
        return widget if any(widget is s for s in self._built.values()) else None

    def _showing(self, name: str) -> bool:
        built = self._built.get(name)
        return built is not None and built is self.current_screen()

    def _leaving_ok(self) -> bool:
        screen = self.current_screen()
        can_leave = getattr(screen, "can_leave", None)
        return bool(can_leave()) if can_leave is not None else True

    def show_screen(self, screen: QWidget) -> bool:
        if screen is self.current_screen() and self.nav.currentRow() == self.stack.currentIndex():
            return True
        if not self._leaving_ok():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.stack.currentIndex())
            self.nav.blockSignals(False)
            return False
        self.stack.setCurrentWidget(screen)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(self.stack.indexOf(screen))
        self.nav.blockSignals(False)
        if self._showing("form"):
            self.form.nik.setFocus()
        return True

    def _nav_clicked(self, row: int) -> None:
        if row >= 0:
            self.show_screen(self.screen_named(SCREEN_NAMES[row]))

    def _event_chosen(self) -> None:
        if self.session.event is not None and self._showing("events"):
            self.show_screen(self.form)

    def open_record(self, enrolment_id: str) -> None:
        self.participants.open_record(enrolment_id)

    def open_import(self) -> None:
        from ui.screens.import_dialog import ImportDialog

        ImportDialog(self.session, self.tasks, self).exec()

    def open_export(self) -> None:
        from ui.screens.export_dialog import ExportDialog

        ExportDialog(self.session, self.tasks, self).exec()

    def sync_now(self) -> None:
        if not self.sync.sync_now() and not self.sync.registered:
            self.show_screen(self.sync_screen)  # where the device is registered

    def open_register(self) -> None:
        if self.show_screen(self.sync_screen):
            self.sync_screen.open_register()

    def _note_sync(self, said: str, report: object) -> None:
        self._last_sync = (said, report)

    def _sync_finished(self, report: object) -> None:
        self._note_sync("finished", report)
        error = getattr(report, "error", None)
        if error in ("auth", "revoked"):
            self.statusBar().showMessage(
                self.tr("Sinkron berhenti. Buka layar Sinkron (Ctrl+5) untuk tindakannya."), 15000
            )

    def lock_desk(self) -> None:
        """Locked at once; the passphrase unlocks, another officer's switches."""
        self.desk_lock.lock()

    def request_language(self, code: str) -> None:
        if code != self.session.lang and self._leaving_ok():
            self.language_requested.emit(code)

    # ---------------------------------------------------------------- printing

    def _remember_receipt(self, saved: SavedEnrolment) -> None:
        if saved.payment_id and saved.receipt_number:
            self._receipt_numbers[saved.payment_id] = saved.receipt_number

    def open_receipt_preview(self, payment_id: str) -> PrintPreviewDialog | None:
        number = self._receipt_numbers.get(payment_id)
        if number is None:
            self.statusBar().showMessage(self.tr("Kwitansi ini tidak ditemukan."), 5000)
            return None
        from ui.screens.print_preview import receipt_preview

        return self._show_preview(receipt_preview(self.session, number, self))

    def open_card_preview(self, enrolment_id: str) -> PrintPreviewDialog:
        from ui.screens.print_preview import card_preview

        return self._show_preview(card_preview(self.session, enrolment_id, self))

    def _show_preview(self, dialog: PrintPreviewDialog) -> PrintPreviewDialog:
        self.preview = dialog
        dialog.exec()
        dialog.deleteLater()
        return dialog

    def open_report(self, kind: str) -> None:
        """The day closing, the event report or the sponsor statement (report_dialogs)."""
        from ui.screens import report_dialogs

        report_dialogs.open_report(kind, self.session, self.tasks, self)

    def _selected_enrolments(self) -> list[str]:
        """The participants rows selected, of the open event (a batch is one event's)."""
        event = self.session.event
        if not self.is_built("participants"):
            return []  # never shown: nothing selected
        model = self.participants.model
        rows = sorted({i.row() for i in self.participants.table.selectionModel().selectedRows()})
        found = (model.participant(r) for r in rows)
        return [p.id for p in found if p and p.id and event and p.event_id == event.id]

    def find_participant(self) -> None:
        if self.show_screen(self.participants):
            self.participants.search.setFocus()
            self.participants.search.selectAll()

    def open_settings(self) -> None:
        from ui.screens.settings_dialog import SettingsDialog

        SettingsDialog(self.session, self).exec()

    def open_about(self) -> None:
        from ui.screens.about_dialog import AboutDialog

        AboutDialog(self.session.data_dir, self).exec()

    def open_help(self) -> None:
        from ui.screens.help_dialog import HelpDialog

        self.help_dialog = HelpDialog(self)
        self.help_dialog.open()

    def open_check_card(self) -> None:
        from ui.screens.check_card import CheckCardDialog

        CheckCardDialog(self.session, self).exec()

    def open_card_batch(self) -> None:
        if self.session.event is None:
            self.statusBar().showMessage(self.tr("Pilih acara dulu."), 5000)
            return
        from ui.screens.card_batch import CardBatchDialog

        CardBatchDialog(self.session, self.tasks, self, self._selected_enrolments()).exec()

    # ---------------------------------------------------------------- status

    def _changed(self, changes: Changes, _origin: object) -> None:
        if changes.officers or changes.events:  # a name shown in the status bar
            self.update_status()

    def update_status(self) -> None:
        s = self.session
        self.officer_label.setText(
            self.tr("Petugas: {name}").format(name=s.officer.name if s.officer else "-")
        )
        self.event_label.setText(
            self.tr("Acara: {name}").format(name=s.event.name if s.event else "-")
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        form_left = self._showing("form") or not self.is_built("form") or self.form.can_leave()
        if self._leaving_ok() and form_left:
            self.sync.stop()
            self.desk_lock.stop()
            event.accept()
        else:
            event.ignore()
