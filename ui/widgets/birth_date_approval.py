"""The supervisor's approval of a KTP birth date that differs from the NIK's digits (a NIK
is not reissued when a birth date is corrected, PP 40/2019 art. 30): asked once when the
enrolment form is saved; the form saves again once it is given."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.messages import text
from services.enrolment_form import EnrolmentFormState, FormEntries
from ui.session import Session
from ui.widgets.approval import ApprovalDialog


def ask_birth_date_approval(
    form: QWidget, session: Session, state: EnrolmentFormState, entries: FormEntries
) -> ApprovalDialog:
    """Open the approval (not modal for the caller: it connects `accepted` to its save)."""
    dialog = ApprovalDialog(
        session,
        text("nik_birth_date_approval_title", session.lang),
        state.birth_date_prompt(session.lang),
        lambda approver: state.approve_birth_date(entries, approver.id),
        form,
        button=text("nik_birth_date_approval_button", session.lang),
    )
    dialog.open()
    return dialog
