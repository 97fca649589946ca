"""An enrolment's rows and payloads, made from the checked enrolment before its save takes
the write lock: everything but what only the save gives (the record's ids, its member
number, its receipt number and the time it was saved) is worked out and encoded here.

The form makes them as soon as it has checked the input (the officer is still reading the
screen), so pressing Save leaves only the checks another writer could falsify and the
writes. `write_enrolments` makes them itself for an enrolment nobody prepared (imports,
the command line). The rows and payloads are the same either way, byte for byte
(tests/models/test_prepared_save.py, tests/test_golden_vectors.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from models import audit
from models.clock import rfc3339
from models.enrolments.checks import birth_date_approval
from models.enrolments.inputs import CheckedEnrolment
from models.outbox import CanonicalTemplate, queue_row
from models.validation import search_key
from models.vocabulary import SELF

# The members of each payload that only the save knows (hq-api.md gives the payloads).
_ENROLMENT_LATE = ("enrolment_id", "member_number", "recorded_at")
_PAYMENT_LATE = ("payment_id", "enrolment_id", "receipt_number", "received_at")


@dataclass(slots=True)
class PreparedEnrolment:
    """What `write_enrolments` writes for one checked enrolment, but for its ids, numbers and
    time. Rows are tuples in the order of the INSERTs in `models.enrolments.writing`. Made
    once and never changed (not `frozen`: an import makes one per row, and a frozen
    dataclass sets each field the slow way)."""

    officer_id: str
    source: str
    event_id: str
    person: tuple[Any, ...]  # the enrolment row from `nik` to `scheme_code`
    consent_at: str | None  # None: consent was given when the record was saved
    name_key: str  # the name as the search compares it
    heirs: tuple[tuple[Any, ...], ...]  # heir rows without the enrolment id
    enrolment: CanonicalTemplate
    enrolment_audit: str  # the audit detail, encoded
    approved_by: str | None  # the supervisor who approved a KTP birth date
    payment: tuple[Any, ...] | None  # payment row from `amount` to `scheme_code`
    payment_tail: tuple[Any, ...]  # officer, discount rule, discount amount
    payment_body: CanonicalTemplate | None
    total: int


def prepare(
    c: CheckedEnrolment, officer_id: str, source: str, ahead: bool = True
) -> PreparedEnrolment:
    """The rows and payloads of `c` saved by `officer_id`, kept with `c` so that a second
    save attempt of the same check (a refused save, tried again) does not make them again.
    `ahead`: the payloads' known members are encoded now (the form, before Save is pressed);
    else they are encoded with the late ones when filled in, once (`write_enrolments` for
    an enrolment nobody prepared: an import's rows, the command line)."""
    kept = c.prepared
    if kept is not None and kept.officer_id == officer_id and kept.source == source:
        return kept
    scheme_code = c.scheme.code if c.scheme else None
    birth_date = c.ktp_birth_date.isoformat()
    consent_at = rfc3339(c.consent_at) if c.consent_at else None
    person = (
        c.nik.nik, c.full_name, c.birth_place, birth_date, c.gender, c.mother_maiden_name,
        c.phone, c.street, c.rt, c.rw, c.village_code, c.occupation_code, c.declared_income,
        json.dumps(c.programmes), c.months, c.payer_type, scheme_code,
    )  # fmt: skip
    known: dict[str, Any] = {
        "event_id": c.event.id,
        "nik": c.nik.nik,
        "full_name": c.full_name,
        "birth_place": c.birth_place,
        "birth_date": birth_date,
        "gender": c.gender,
        "mother_maiden_name": c.mother_maiden_name,
        "phone": c.phone,
        "address": {"street": c.street, "rt": c.rt, "rw": c.rw, "village_code": c.village_code},
        "occupation_code": c.occupation_code,
        "declared_income": c.declared_income,
        "programmes": c.programmes,
        "payer": {"type": c.payer_type, "scheme_code": scheme_code},
        "heirs": c.heirs,
        "officer_id": officer_id,
    }
    late: tuple[str, ...] = _ENROLMENT_LATE
    if consent_at is None:
        late += ("consent_at",)
    else:
        known["consent_at"] = consent_at
    approved_by = None
    if c.birth_date_differs_from_nik:
        known["birth_date_differs_from_nik"] = True
        known["approved_by"] = approved_by = c.birth_date_approved_by
    payment = payment_body = None
    total = c.contribution.total if c.method else 0
    discount_rule = discount_amount = None
    if c.method:
        b = c.contribution.breakdown
        breakdown = {"JKK": b.get("JKK", 0), "JKM": b.get("JKM", 0), "JHT": b.get("JHT", 0)}
        payment = (
            total, c.months, c.contribution.period_start_text, breakdown["JKK"],
            breakdown["JKM"], breakdown["JHT"], c.method,
            c.scheme.sponsor_type if c.scheme else SELF, scheme_code,
        )  # fmt: skip
        discount_rule = "+".join(c.contribution.discounts) or None
        discount_amount = c.contribution.discount_amount
        payment_body = CanonicalTemplate(
            {
                "amount": total,
                "months": c.months,
                "period_start": c.contribution.period_start_text,
                "breakdown": breakdown,
                "method": c.method,
                "discount": c.contribution.discount(),
                "officer_id": officer_id,
            },
            _PAYMENT_LATE,
        )
        if ahead:
            payment_body.ahead()
    enrolment = CanonicalTemplate(known, late)
    if ahead:
        enrolment.ahead()
    prepared = PreparedEnrolment(
        officer_id=officer_id,
        source=source,
        event_id=c.event.id,
        person=person,
        consent_at=consent_at,
        name_key=search_key(c.full_name),
        heirs=tuple(
            (pos, h["name"], h["relationship"], h["nik"], h["phone"])
            for pos, h in enumerate(c.heirs)
        ),
        enrolment=enrolment,
        enrolment_audit=audit.text_detail("source", source),
        approved_by=approved_by,
        payment=payment,
        payment_tail=(officer_id, discount_rule, discount_amount),
        payment_body=payment_body,
        total=total,
    )
    c.prepared = prepared
    return prepared


def enrolment_rows(
    p: PreparedEnrolment, eid: str, member_number: str | None, recorded_at: str
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], tuple[Any, ...], list[tuple[Any, ...]]]:
    """The enrolment row, its heir rows, its queue row and its audit rows."""
    row = (
        eid, p.event_id, member_number, *p.person, p.consent_at or recorded_at, p.officer_id,
        recorded_at, p.source, p.name_key,
    )  # fmt: skip
    late: dict[str, Any] = {
        "enrolment_id": eid,
        "member_number": member_number,
        "recorded_at": recorded_at,
    }
    if p.consent_at is None:
        late["consent_at"] = recorded_at
    queued = queue_row(eid, "enrolment", recorded_at, p.enrolment.text(late))
    audits = [
        audit.encoded_row(recorded_at, p.officer_id, "create", "enrolment", eid, p.enrolment_audit)
    ]
    if p.approved_by:
        audits.append(birth_date_approval(recorded_at, p.approved_by, eid))
    return row, [(eid, *h) for h in p.heirs], queued, audits


def payment_rows(
    p: PreparedEnrolment, eid: str, pid: str, seq: int, receipt: str, recorded_at: str
) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
    """The first payment's row, queue row and audit row (the enrolment pays now)."""
    assert p.payment is not None and p.payment_body is not None
    row = (pid, eid, seq, receipt, *p.payment, recorded_at, *p.payment_tail)
    body = p.payment_body.text(
        {
            "payment_id": pid,
            "enrolment_id": eid,
            "receipt_number": receipt,
            "received_at": recorded_at,
        }
    )
    return (
        row,
        queue_row(pid, "payment", recorded_at, body),
        audit.encoded_row(
            recorded_at,
            p.officer_id,
            "create",
            "payment",
            pid,
            audit.text_detail("receipt", receipt),
        ),  # fmt: skip
    )
