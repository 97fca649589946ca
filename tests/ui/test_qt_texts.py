"""Qt's own dialogs in the interface language: the Ya/Tidak of a question, the file dialog
and the print dialog in Indonesian, Qt's English when English is chosen, and every entry
of the table a real Qt text (checked against Qt's own German catalogue)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from ui.branding import FocusRing, brand
from ui.labels import interface_lang
from ui.qt_texts import TEXTS, InterfaceLanguage, QtTexts


@pytest.fixture
def language(qapp) -> Iterator[InterfaceLanguage]:
    chosen = InterfaceLanguage(qapp)
    try:
        yield chosen
    finally:
        chosen.close()


def plain(text: str) -> str:
    return text.replace("&", "")


def buttons(widget: QWidget) -> set[str]:
    return {plain(b.text()) for b in widget.findChildren(QAbstractButton) if b.text()}


def labels(widget: QWidget) -> set[str]:
    found = {plain(label.text()) for label in widget.findChildren(QLabel)}
    found |= {plain(box.title()) for box in widget.findChildren(QGroupBox)}
    return found | {
        plain(t.tabText(i)) for t in widget.findChildren(QTabWidget) for i in range(t.count())
    }


def question(qtbot) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Sigap",
        "Formulir belum disimpan. Tinggalkan?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(box)
    return box


def file_dialog(qtbot, mode: QFileDialog.AcceptMode) -> QFileDialog:
    dialog = QFileDialog(None, "Simpan", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    return dialog


def print_dialog(qtbot) -> QPrintDialog:
    dialog = QPrintDialog(QPrinter())
    qtbot.addWidget(dialog)
    return dialog


def test_the_unsaved_form_question_says_ya_and_tidak(qtbot, language):
    language.use("id")
    box = question(qtbot)
    assert buttons(box) == {"Ya", "Tidak"}


def test_the_file_dialog_speaks_indonesian(qtbot, language):
    language.use("id")
    dialog = file_dialog(qtbot, QFileDialog.AcceptMode.AcceptSave)
    assert {"Cari di:", "Nama berkas:", "Jenis berkas:"} <= labels(dialog)
    assert {"Simpan", "Batal"} <= buttons(dialog)
    assert not labels(dialog) & {"Look in:", "File name:", "Files of type:"}
    tips = {b.toolTip() for b in dialog.findChildren(QAbstractButton)}
    assert {"Kembali", "Maju", "Folder induk", "Buat folder baru"} <= tips
    opening = file_dialog(qtbot, QFileDialog.AcceptMode.AcceptOpen)
    assert {"Buka", "Batal"} <= buttons(opening)


def test_the_print_dialog_speaks_indonesian(qtbot, language):
    language.use("id")
    dialog = print_dialog(qtbot)
    assert {"Cetak", "Batal"} <= buttons(dialog)
    assert {"Printer", "Nama:", "Salinan", "Jumlah salinan:"} <= labels(dialog)
    assert not buttons(dialog) & {"Print", "Cancel"}


def test_english_stays_english(qtbot, language):
    language.use("en")
    assert interface_lang() == "en"  # Sigap's own catalogue is in
    assert buttons(question(qtbot)) == {"Yes", "No"}
    dialog = file_dialog(qtbot, QFileDialog.AcceptMode.AcceptSave)
    assert {"Look in:", "File name:", "Files of type:"} <= labels(dialog)
    assert {"Print", "Cancel"} <= buttons(print_dialog(qtbot))


def test_switching_the_language_switches_qt_texts_too(qtbot, language):
    language.use("en")
    language.use("id")
    assert interface_lang() == "id"
    assert buttons(question(qtbot)) == {"Ya", "Tidak"}
    language.use("en")
    assert buttons(question(qtbot)) == {"Yes", "No"}


def test_texts_outside_the_table_are_left_alone(qapp, language):
    language.use("id")
    assert QCoreApplication.translate("QFileDialog", "Alt+Left") == "Alt+Left"
    assert QCoreApplication.translate("SignInPanel", "Masuk") == "Masuk"
    assert QCoreApplication.translate("NoSuchContext", "Print") == "Print"


def test_every_entry_is_a_real_qt_text_with_its_placeholders():
    """A misspelt source text would never be asked for: each must be one Qt translates
    (its German catalogue knows them all), keeping %1 / %2 and one accelerator."""
    german = QTranslator()
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert german.load("qtbase_de", path), f"qtbase_de.qm not found in {path}"
    unknown, broken = [], []
    for context, table in TEXTS.items():
        for source, text in table.items():
            if not german.translate(context, source):
                unknown.append(f"[{context}] {source!r}")
            if sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", text)):
                broken.append(f"[{context}] {source!r}: placeholders differ in {text!r}")
            if source.count("&") != text.count("&"):
                broken.append(f"[{context}] {source!r}: accelerator differs in {text!r}")
    assert not unknown, "not texts of Qt:\n" + "\n".join(unknown)
    assert not broken, "\n".join(broken)


def test_unknown_texts_are_not_blanked():
    texts = QtTexts()
    assert texts.translate("QPlatformTheme", "&Yes") == "&Ya"
    assert texts.translate("QPlatformTheme", "No such text") is None
    assert not texts.isEmpty()


def test_dialogs_are_qt_s_own_on_every_platform(qapp):
    """Native dialogs would speak the system's language, not Sigap's."""
    before = qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    try:
        brand(qapp)
        assert qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    finally:
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, before)
        for child in qapp.children():
            if isinstance(child, FocusRing):
                child.stop()


def test_the_enrolment_form_asks_ya_or_tidak(qtbot, language, session, tasks):
    """The question of the issue: leaving a half-filled form."""
    from PySide6.QtCore import QTimer

    from ui.screens.enrolment_form import EnrolmentForm

    language.use("id")
    form = EnrolmentForm(session, tasks)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.full_name, "Budi Hartono")
    seen: list[set[str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(buttons(box))
        no = box.button(QMessageBox.StandardButton.No)
        assert no is not None
        no.click()

    QTimer.singleShot(0, answer)
    assert not form.can_leave()  # Tidak: the form stays
    assert seen == [{"Ya", "Tidak"}]
    form.clear()


def test_a_date_s_calendar_names_months_in_the_interface_language(qtbot, language):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit

    language.use("id")
    field = QDateEdit(QDate(2026, 12, 5))
    field.setCalendarPopup(True)
    qtbot.addWidget(field)
    calendar = field.calendarWidget()
    assert calendar.locale().monthName(12) == "Desember"
    assert calendar.locale().dayName(1) == "Senin"
    language.use("en")
    later = QDateEdit(QDate(2026, 12, 5))
    later.setCalendarPopup(True)
    qtbot.addWidget(later)
    assert later.calendarWidget().locale().monthName(12) == "December"
