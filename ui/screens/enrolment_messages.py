"""The enrolment form's messages: the line beneath each field (and the programmes and heirs),
filled from the presenter's answer (errors red, warnings amber), the field to put the cursor
in after a refused save, and what the form says once a save is done or could not be done.
Texts keep the form's translation context (`EnrolmentForm`)."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from models import enrolments as en
from models.db import Error as DbError
from models.db import storage_problem
from models.errors import ERROR, WARNING, Problem, SigapError
from models.money import rupiah
from services.enrolment_form import Lines, message_field
from ui.widgets.form_rows import ERROR_STYLE

log = logging.getLogger(__name__)
WARNING_COLOUR = "color: #7a4a00;"  # dark amber: readable on the light amber ground
WARNING_STYLE = f"{WARNING_COLOUR} background: #fff3cd; font-size: 11px; padding: 1px 3px;"


def message_line(key: str) -> QLabel:
    """An empty message line for the field `key` (problems carry the same name)."""
    line = QLabel()
    line.setObjectName(f"error:{key}")
    line.setStyleSheet(ERROR_STYLE)
    line.setWordWrap(True)
    return line


def show_messages(lines: Mapping[str, QLabel], shown: Mapping[str, Lines]) -> None:
    """Each line shows its field's messages, or nothing and takes no room: errors in red;
    warnings in amber, each starting "Perhatian:", so a notice that does not stop the save
    never looks like one that does. The line's `severity` property says which it shows."""
    for key, line in lines.items():
        found = shown.get(key, Lines())
        severity = ERROR if found.errors else WARNING if found.warnings else ""
        if line.property("severity") != severity:  # restyle only when it changes
            line.setProperty("severity", severity)
            line.setStyleSheet(WARNING_STYLE if severity == WARNING else ERROR_STYLE)
        if found.errors and found.warnings:  # both: the warnings in their own colour
            line.setTextFormat(Qt.TextFormat.RichText)
            line.setText(
                "<br>".join(
                    [html.escape(m) for m in found.errors]
                    + [
                        f'<span style="{WARNING_COLOUR}">{html.escape(m)}</span>'
                        for m in found.warnings
                    ]
                )
            )
        else:
            line.setTextFormat(Qt.TextFormat.PlainText)
            line.setText("\n".join(found.errors or found.warnings))
        line.setVisible(bool(found.errors or found.warnings))


def first_problem_widget(
    problems: Iterable[Problem], widgets: Mapping[str, QWidget], order: list[QWidget]
) -> QWidget | None:
    """The widget of the first blocking problem in the order Tab visits the fields (the NIK
    for a reason the person cannot be enrolled here: that is where the form said it)."""
    place = {id(w): i for i, w in enumerate(order)}
    fields = [message_field(p) for p in problems if p.severity == ERROR]
    targets = [widgets[f] for f in fields if f in widgets]
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
