"""Corrections of saved enrolments, and a record's history.

A saved enrolment may already be queued or sent, and a queued record never changes
(hq-api.md). So a correction is a record of its own: a row in `corrections`, an
`enrolment_correction` queue row naming the original's id, and an audit row naming the
changed fields (never their values). The enrolment's current values are updated too, so
the list, search and future cards show the corrected data; its original payload stays in
the queue as it was.

`changes` maps field names to new values. Address parts are written as dotted names
(`address.rt`), the same names validation problems use; `heirs` is the whole new list of
heirs (`{name, relationship, nik, phone}` each). This is the shape of the payload's
`changes` sent to HQ (hq-api.md leaves it open).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from models import audit, outbox
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import write_transaction
from models.enrolments import (
    HeirInput,
    approver_problems,
    birth_date_approval,
    check_heirs,
    ktp_birth_date_rule,
)
from models.errors import ERROR, Problem, SigapError, ValidationError
from models.ids import new_id
from models.nik import NikInfo, check_agreement, parse_nik
from models.officers import require_officer
from models.reference import ReferenceData
from models.validation import (
    check_age,
    clean_gender,
    clean_name,
    clean_rt_rw,
    clean_short_text,
    normalise_phone,
    search_key,
)

# Field name (as in `changes`) → column of `enrolments`.
_COLUMNS = {
    "full_name": "full_name",
    "birth_place": "birth_place",
    "birth_date": "birth_date",
    "gender": "gender",
    "mother_maiden_name": "mother_maiden_name",
    "phone": "phone",
    "address.street": "street",
    "address.rt": "rt",
    "address.rw": "rw",
    "address.village_code": "village_code",
    "occupation_code": "occupation_code",
}
CORRECTABLE = (*_COLUMNS, "heirs")
_HEIR_KEYS = ("name", "relationship", "nik", "phone")


@dataclass(frozen=True)
class HistoryEntry:
    """One thing that happened to an enrolment or one of its payments."""

    at: str
    officer_id: str | None
    officer_name: str | None
    action: str  # create | correct | void | …, as in the audit trail
    record_type: str  # enrolment | payment
    record_id: str
    fields: tuple[str, ...] = ()  # the fields a correction changed
    reason: str | None = None  # of a correction or a void
    approved_by: str | None = None  # the supervisor who approved a void
    receipt_number: str | None = None  # of a payment
    detail: dict[str, Any] = field(default_factory=dict)


def _current(db: Database, enrolment_id: str) -> dict[str, Any] | None:
    cur = db.execute(
        "SELECT id, nik, full_name, birth_place, birth_date, gender, mother_maiden_name, "
        "phone, street, rt, rw, village_code, occupation_code, payer_type, scheme_code, "
        "recorded_at FROM enrolments WHERE id = ?",
        [enrolment_id],
    )
    row = cur.fetchone()
    if row is None:
        return None
    out = dict(zip([d[0] for d in cur.description], row, strict=True))
    out["heirs"] = [
        dict(zip(_HEIR_KEYS, h, strict=True))
        for h in db.execute(
            "SELECT name, relationship, nik, phone FROM heirs WHERE enrolment_id = ? "
            "ORDER BY position",
            [enrolment_id],
        ).fetchall()
    ]
    return out


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any) -> tuple[date | None, list[Problem]]:
    if isinstance(value, date):
        return value, []
    s = _text(value).strip()
    if not s:
        return None, [Problem("birth_date", "field_required")]
    try:
        return date.fromisoformat(s), []
    except ValueError:
        return None, [Problem("birth_date", "date_invalid")]


def _heir_inputs(value: Any) -> list[HeirInput]:
    out = []
    for h in value or []:
        if isinstance(h, HeirInput):
            out.append(h)
        elif isinstance(h, Mapping):
            out.append(HeirInput(*(_text(h.get(k)) for k in _HEIR_KEYS)))
    return out


def check_changes(
    ref: ReferenceData,
    current: dict[str, Any],
    changes: Mapping[str, Any],
    today: date,
    birth_date_approved_by: str | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """Each changed value checked by the desk form's validators, cleaned the same way.
    Returns the fields whose cleaned value differs from the current one, and every
    problem found (warnings included). A new birth date unlike the NIK's digits follows the
    enrolment's rule: it needs `birth_date_approved_by`, a supervisor who saw the KTP."""
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    recorded_on = date.fromisoformat(str(current["recorded_at"])[:10])
    for name, value in changes.items():
        if name == "nik":
            if _text(value).strip().replace(" ", "") != current["nik"]:
                problems.append(Problem("nik", "correction_nik_refused"))
        elif name not in CORRECTABLE:
            problems.append(Problem(name, "correction_field_not_allowed", {"field": name}))
        elif name in ("full_name", "mother_maiden_name"):
            clean[name], p = clean_name(_text(value), name)
            problems += p
        elif name == "birth_place":
            clean[name], p = clean_short_text(_text(value), name, required=True)
            problems += p
        elif name == "address.street":
            clean[name], p = clean_short_text(_text(value), name, required=False)
            problems += p
        elif name in ("address.rt", "address.rw"):
            clean[name], p = clean_rt_rw(_text(value), name)
            problems += p
        elif name == "phone":
            clean[name], p = normalise_phone(_text(value))
            problems += p
        elif name == "birth_date":
            born, p = _date(value)
            problems += p
            if born is not None:
                clean[name] = born.isoformat()
                problems += check_age(born, recorded_on, ref.rate_table.age_limits(recorded_on))
        elif name == "gender":
            clean[name], p = clean_gender(_text(value))
            problems += p
        elif name == "address.village_code":
            code = _text(value).strip()
            if not code:
                clean[name] = None
            else:
                village = ref.regions.get(code)
                if village is None or village.retired or village.level != "village":
                    problems.append(Problem(name, "village_unknown"))
                else:
                    clean[name] = village.code
        elif name == "occupation_code":
            code = _text(value).strip().upper()
            if not code:
                problems.append(Problem(name, "field_required"))
            elif code not in ref.occupations:
                problems.append(Problem(name, "occupation_unknown"))
            else:
                clean[name] = code
                problems += _scheme_occupation(ref, current, code)
        elif name == "heirs":
            member = _nik_info(ref, current, None, today)
            clean[name], p = check_heirs(_heir_inputs(value), member, ref, today)
            problems += p

    # What the NIK says about birth date and sex must still hold (a new KTP birth date
    # unlike its digits with a supervisor's approval, as at enrolment); a new address in
    # another district is only a warning, as on the form.
    new_birth = clean.get("birth_date")
    if new_birth == current["birth_date"]:
        new_birth = None  # unchanged: approved (or agreeing) when it was saved
    info = _nik_info(ref, current, new_birth, today)
    if info is not None:
        agreement = check_agreement(
            info,
            date.fromisoformat(new_birth) if new_birth else None,
            clean.get("gender"),
            clean.get("address.village_code"),
        )
        problems += ktp_birth_date_rule(agreement, True, birth_date_approved_by)
    changed = {
        k: v
        for k, v in clean.items()
        if v != (current["heirs"] if k == "heirs" else current[_COLUMNS[k]])
    }
    return changed, problems


def _nik_info(
    ref: ReferenceData, current: dict[str, Any], birth_date: str | None, today: date
) -> NikInfo | None:
    hint = date.fromisoformat(birth_date or str(current["birth_date"]))
    info, _ = parse_nik(str(current["nik"]), ref.regions, today, hint)
    return info


def _scheme_occupation(ref: ReferenceData, current: dict[str, Any], code: str) -> list[Problem]:
    if current["payer_type"] != "sponsor":
        return []
    scheme = ref.schemes.get(current["scheme_code"] or "")
    if scheme is None or scheme.eligible_occupations is None:
        return []
    if code in scheme.eligible_occupations:
        return []
    return [Problem("occupation_code", "scheme_occupation", {"scheme": scheme.name})]


def correct_enrolment(
    db: Database,
    ref: ReferenceData,
    enrolment_id: str,
    changes: Mapping[str, Any],
    reason: str,
    officer_id: str,
    clock: Clock = system_clock,
    birth_date_approved_by: str | None = None,
) -> str:
    """Save a correction of a saved enrolment; returns the correction's id (also its queue
    record's id). Raises ValidationError with every problem, and then nothing was saved.
    `birth_date_approved_by`: the supervisor who saw a KTP birth date unlike the NIK's
    digits (checked here, inside the write lock); ignored when the date agrees."""
    now = clock()
    at = rfc3339(now)
    with write_transaction(db):
        officer = require_officer(db, officer_id)
        current = _current(db, enrolment_id)
        if current is None:
            raise SigapError("enrolment_unknown", enrolment_id=enrolment_id)
        changed, problems = check_changes(ref, current, changes, now.date(), birth_date_approved_by)
        approver = None
        if any(x.code == "nik_birth_date_approved" for x in problems):
            approver = birth_date_approved_by
            problems += approver_problems(db, approver)
        clean_reason, p = clean_short_text(reason, "reason", required=True)
        if not clean_reason:
            p = [Problem("reason", "correction_reason_required")]
        problems += p
        if not changed and not any(x.severity == ERROR for x in problems):
            problems.append(Problem("changes", "correction_no_changes"))
        if any(x.severity == ERROR for x in problems):
            raise ValidationError(problems)

        cid = new_id()
        db.execute(
            "INSERT INTO corrections (id, enrolment_id, changes, reason, officer_id, "
            "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                cid,
                enrolment_id,
                json.dumps(changed, sort_keys=True, ensure_ascii=False),
                clean_reason,
                officer.id,
                at,
            ],
        )
        columns = {_COLUMNS[k]: v for k, v in changed.items() if k in _COLUMNS}
        if "full_name" in columns:
            columns["name_key"] = search_key(columns["full_name"])
        if columns:
            db.execute(
                "UPDATE enrolments SET " + ", ".join(f"{c} = ?" for c in columns) + " WHERE id = ?",
                [*columns.values(), enrolment_id],
            )
        if "heirs" in changed:
            db.execute("DELETE FROM heirs WHERE enrolment_id = ?", [enrolment_id])
            db.conn.executemany(
                "INSERT INTO heirs (enrolment_id, position, name, relationship, nik, phone) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (enrolment_id, pos, h["name"], h["relationship"], h["nik"], h["phone"])
                    for pos, h in enumerate(changed["heirs"])
                ],
            )
        payload: dict[str, Any] = {
            "enrolment_id": enrolment_id,
            "changes": changed,
            "reason": clean_reason,
            "officer_id": officer.id,
        }
        if approver is not None:  # hq-api.md rev. 2, as on an enrolment
            payload["birth_date_differs_from_nik"] = True
            payload["approved_by"] = approver
        outbox.enqueue(db, cid, "enrolment_correction", at, payload)
        audit.log(
            db,
            at,
            officer.id,
            "correct",
            "enrolment",
            enrolment_id,
            {"correction_id": cid, "fields": sorted(changed)},
        )
        if approver is not None:
            audit.write_audit(
                db, [birth_date_approval(at, approver, enrolment_id, correction_id=cid)]
            )
    return cid


def corrections_for(db: Database, enrolment_id: str) -> list[dict[str, Any]]:
    """The corrections of one enrolment, oldest first."""
    cur = db.execute(
        "SELECT id, changes, reason, officer_id, recorded_at FROM corrections "
        "WHERE enrolment_id = ? ORDER BY recorded_at, rowid",
        [enrolment_id],
    )
    return [
        {
            "id": cid,
            "changes": json.loads(changes),
            "reason": reason,
            "officer_id": officer,
            "recorded_at": at,
        }
        for cid, changes, reason, officer, at in cur.fetchall()
    ]


def history(db: Database, enrolment_id: str) -> list[HistoryEntry]:
    """Who did what to this enrolment and its payments, when, oldest first: the audit
    trail, with each correction's fields and reason and each void's reason."""
    corrections = {c["id"]: c for c in corrections_for(db, enrolment_id)}
    payments = {
        pid: (receipt, void_reason)
        for pid, receipt, void_reason in db.execute(
            "SELECT id, receipt_number, void_reason FROM payments WHERE enrolment_id = ?",
            [enrolment_id],
        ).fetchall()
    }
    rows = db.execute(
        "SELECT a.id, a.at, a.officer_id, o.name, a.action, a.record_type, a.record_id, "
        "a.detail FROM audit a LEFT JOIN officers o ON o.id = a.officer_id "
        "WHERE a.record_type = 'enrolment' AND a.record_id = ? "
        "UNION ALL "
        "SELECT a.id, a.at, a.officer_id, o.name, a.action, a.record_type, a.record_id, "
        "a.detail FROM audit a LEFT JOIN officers o ON o.id = a.officer_id "
        "WHERE a.record_type = 'payment' AND a.record_id IN "
        "(SELECT id FROM payments WHERE enrolment_id = ?) "
        "ORDER BY 1",
        [enrolment_id, enrolment_id],
    ).fetchall()
    out: list[HistoryEntry] = []
    for _, at, officer_id, officer_name, action, record_type, record_id, detail_text in rows:
        detail = json.loads(detail_text)
        fields: tuple[str, ...] = ()
        reason = approved_by = receipt = None
        if record_type == "enrolment" and action == "correct":
            # Every correction is written with its audit row, in one transaction.
            correction = corrections.get(detail.get("correction_id", ""))
            fields = tuple(detail.get("fields", ()))
            if correction is not None:
                reason = correction["reason"]
        elif record_type == "payment":
            receipt, void_reason = payments.get(record_id, (None, None))
            if action == "void":
                reason = void_reason
                approved_by = detail.get("approved_by")
        out.append(
            HistoryEntry(
                at,
                officer_id,
                officer_name,
                action,
                record_type,
                record_id,
                fields,
                reason,
                approved_by,
                receipt,
                detail,
            )
        )
    return out
