"""The enrolment form's messages: the line beneath each field (and the programmes and heirs),
filled from the presenter's answer, the field to put the cursor in after a refused save, and
what the form says once a save is done or could not be done. Texts keep the form's
translation context (`EnrolmentForm`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from models import enrolments as en
from models.db import Error as DbError
from models.db import storage_problem
from models.errors import ERROR, Problem, SigapError
from models.money import rupiah
from ui.widgets.form_rows import ERROR_STYLE

log = logging.getLogger(__name__)


def message_line(key: str) -> QLabel:
    """An empty message line for the field `key` (problems carry the same name)."""
    line = QLabel()
    line.setObjectName(f"error:{key}")
    line.setStyleSheet(ERROR_STYLE)
    line.setWordWrap(True)
    return line


def show_messages(lines: Mapping[str, QLabel], shown: Mapping[str, list[str]]) -> None:
    """Each line shows its field's messages, or nothing and takes no room."""
    for key, line in lines.items():
        line.setText("\n".join(shown.get(key, [])))
        line.setVisible(key in shown)


def first_problem_widget(
    problems: Iterable[Problem], widgets: Mapping[str, QWidget], order: list[QWidget]
) -> QWidget | None:
    """The widget of the first blocking problem in the order Tab visits the fields."""
    place = {id(w): i for i, w in enumerate(order)}
    targets = [widgets[p.field] for p in problems if p.severity == ERROR and p.field in widgets]
    return min(targets, key=lambda w: place.get(id(w), 999)) if targets else None


def saved_texts(saved: en.SavedEnrolment, lang: str) -> tuple[str, str | None]:
    """The line shown after a save, and the caption of its print button (None: no payment,
    nothing to print). A sponsor pays BPJS: a registration slip, not a kwitansi."""
    if not saved.receipt_number:
        return QCoreApplication.translate("EnrolmentForm", "Tersimpan."), None
    if saved.sponsored:
        done = QCoreApplication.translate(
            "EnrolmentForm", "Tersimpan. Bukti pendaftaran {receipt} · {amount}"
        )
        caption = QCoreApplication.translate("EnrolmentForm", "Cetak bukti pendaftaran (Ctrl+P)")
    else:
        done = QCoreApplication.translate(
            "EnrolmentForm", "Tersimpan. Kwitansi {receipt} · {amount}"
        )
        caption = QCoreApplication.translate("EnrolmentForm", "Cetak kwitansi (Ctrl+P)")
    return done.format(receipt=saved.receipt_number, amount=rupiah(saved.amount, lang)), caption


def not_saved(exc: Exception, lang: str) -> str:
    """Why a save failed, for a message box; the form stays filled in."""
    if isinstance(exc, DbError | OSError):  # disk full, database locked
        return storage_problem(exc).message(lang)
    if isinstance(exc, SigapError):  # the event was closed meanwhile, the officer deactivated
        return QCoreApplication.translate(
            "EnrolmentForm", "Data ini BELUM tersimpan. Isian formulir tetap ada. {reason}"
        ).format(reason=exc.message(lang))
    log.error("saving an enrolment failed", exc_info=exc)
    return QCoreApplication.translate(
        "EnrolmentForm",
        "Data ini BELUM tersimpan. Isian formulir tetap ada; coba simpan lagi. Sebab: {reason}",
    ).format(reason=type(exc).__name__)
