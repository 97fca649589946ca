"""Enrolments: the officer's input checked against the NIK, the rates and the event's scheme,
and saved with its heirs, first payment, queue rows and audit trail in one transaction.

Where each part lives:
- `inputs`: what comes in (`EnrolmentInput`, `HeirInput`) and what a check and a save give back;
- `checks`: `validate`, every check that needs no database;
- `pricing`: the one price of an enrolment, for `validate` and for the form as it is typed,
  and `price_months`, any later payment priced month by month;
- `ledger`: the checks that need the database (NIK enrolled already, a scheme's quota/budget);
- `numbering`: member numbers from HQ's blocks, receipt numbers;
- `name_index`: the trigram index the name search reads;
- `record`: an enrolment's rows and payloads, made before its save takes the write lock;
- `writing`: `write_enrolments`, the one write path, and `enrol`;
- `reads`: one record, lists, payments;
- `voids`: voiding a payment.

The names below are the package's public ones; import them from `models.enrolments`.

The package imports none of its parts itself: a name is loaded from its part when first
used (`__getattr__`), so a command that needs only `numbering` (the `status` command) does
not load the checks, the rates and the reference data with it."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from models.enrolments.checks import approver_problems as approver_problems
    from models.enrolments.checks import birth_date_approval as birth_date_approval
    from models.enrolments.checks import check_heirs as check_heirs
    from models.enrolments.checks import ktp_birth_date_rule as ktp_birth_date_rule
    from models.enrolments.checks import validate as validate
    from models.enrolments.inputs import CheckedEnrolment as CheckedEnrolment
    from models.enrolments.inputs import EnrolmentInput as EnrolmentInput
    from models.enrolments.inputs import HeirInput as HeirInput
    from models.enrolments.inputs import SavedEnrolment as SavedEnrolment
    from models.enrolments.ledger import SchemeLedger as SchemeLedger
    from models.enrolments.ledger import check_in_database as check_in_database
    from models.enrolments.ledger import duplicate_problem as duplicate_problem
    from models.enrolments.name_index import NAME_MATCH_ROWIDS as NAME_MATCH_ROWIDS
    from models.enrolments.name_index import NAMES_BATCH as NAMES_BATCH
    from models.enrolments.name_index import index_new_names as index_new_names
    from models.enrolments.numbering import member_numbers_left as member_numbers_left
    from models.enrolments.numbering import receipt_number as receipt_number
    from models.enrolments.pricing import amount_line as amount_line
    from models.enrolments.pricing import contribution_for as contribution_for
    from models.enrolments.pricing import contribution_so_far as contribution_so_far
    from models.enrolments.pricing import price_months as price_months
    from models.enrolments.reads import EnrolmentRecord as EnrolmentRecord
    from models.enrolments.reads import EnrolmentSummary as EnrolmentSummary
    from models.enrolments.reads import HeirRecord as HeirRecord
    from models.enrolments.reads import PaymentRecord as PaymentRecord
    from models.enrolments.reads import find_by_nik as find_by_nik
    from models.enrolments.reads import get_enrolment as get_enrolment
    from models.enrolments.reads import list_enrolments as list_enrolments
    from models.enrolments.reads import payments_for as payments_for
    from models.enrolments.record import PreparedEnrolment as PreparedEnrolment
    from models.enrolments.record import prepare as prepare
    from models.enrolments.voids import void_payment as void_payment
    from models.enrolments.writing import enrol as enrol
    from models.enrolments.writing import write_enrolments as write_enrolments

#: public name -> the part of the package that defines it
_PARTS: dict[str, str] = {
    "approver_problems": "checks",
    "birth_date_approval": "checks",
    "check_heirs": "checks",
    "ktp_birth_date_rule": "checks",
    "validate": "checks",
    "CheckedEnrolment": "inputs",
    "EnrolmentInput": "inputs",
    "HeirInput": "inputs",
    "SavedEnrolment": "inputs",
    "SchemeLedger": "ledger",
    "check_in_database": "ledger",
    "duplicate_problem": "ledger",
    "NAME_MATCH_ROWIDS": "name_index",
    "NAMES_BATCH": "name_index",
    "index_new_names": "name_index",
    "member_numbers_left": "numbering",
    "receipt_number": "numbering",
    "amount_line": "pricing",
    "contribution_for": "pricing",
    "contribution_so_far": "pricing",
    "price_months": "pricing",
    "EnrolmentRecord": "reads",
    "EnrolmentSummary": "reads",
    "HeirRecord": "reads",
    "PaymentRecord": "reads",
    "find_by_nik": "reads",
    "get_enrolment": "reads",
    "list_enrolments": "reads",
    "payments_for": "reads",
    "PreparedEnrolment": "record",
    "prepare": "record",
    "void_payment": "voids",
    "enrol": "writing",
    "write_enrolments": "writing",
}


def __getattr__(name: str) -> Any:
    part = _PARTS.get(name)
    if part is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{part}"), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PARTS])
