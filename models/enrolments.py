"""Enrolments: validation against the NIK, the rates and the event's scheme, and the one
write path that saves an enrolment, its heirs, its first payment, their queue rows and
the audit trail in one transaction (used by the desk form and by imports alike)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlite_utils import Database

from models import audit, outbox
from models.clock import Clock, rfc3339, system_clock
from models.db import IntegrityError, device_code, write_transaction
from models.errors import WARNING, Problem, SigapError, ValidationError
from models.events import Event, officer_and_event
from models.ids import new_id
from models.nik import NikInfo, check_agreement, parse_nik
from models.officers import require_officer
from models.rates import Contribution
from models.reference import ReferenceData, Scheme
from models.validation import (
    check_age,
    clean_gender,
    clean_name,
    clean_relationship,
    clean_rt_rw,
    clean_short_text,
    normalise_phone,
    search_key,
)


@dataclass
class HeirInput:
    name: str = ""
    relationship: str = ""
    nik: str = ""
    phone: str = ""


@dataclass
class EnrolmentInput:
    """What the officer typed (or a row of a partner's list), not yet checked."""

    nik: str = ""
    full_name: str = ""
    birth_place: str = ""
    birth_date: date | None = None
    gender: str = ""
    mother_maiden_name: str = ""
    phone: str = ""
    street: str = ""
    rt: str = ""
    rw: str = ""
    village_code: str = ""
    occupation_code: str = ""
    declared_income: int | None = None
    programmes: list[str] | None = None  # None: the event's default
    months: int | None = None  # None: the event's default
    payer: str = ""  # self | sponsor; empty: the event's scheme if it has one
    method: str = "cash"  # for a worker paying: cash | transfer
    pay: bool = True  # take the first contribution now
    heirs: list[HeirInput] = field(default_factory=list)
    consent: bool = False
    consent_at: datetime | None = None


@dataclass
class CheckedEnrolment:
    """A validated enrolment, ready to be written."""

    event: Event
    nik: NikInfo
    full_name: str
    birth_place: str
    gender: str
    mother_maiden_name: str
    phone: str | None
    street: str
    rt: str
    rw: str
    village_code: str | None
    occupation_code: str
    declared_income: int
    programmes: list[str]
    months: int
    payer_type: str
    scheme: Scheme | None
    method: str | None  # None: no payment now
    heirs: list[dict[str, Any]]
    contribution: Contribution
    consent_at: datetime | None
    warnings: list[Problem]


@dataclass(frozen=True)
class SavedEnrolment:
    enrolment_id: str
    payment_id: str | None
    receipt_number: str | None
    member_number: str | None
    amount: int
    warnings: tuple[Problem, ...]


class EnrolmentSummary(NamedTuple):
    id: str
    event_id: str
    member_number: str | None
    nik: str
    full_name: str
    birth_date: str
    gender: str
    occupation_code: str
    payer_type: str
    scheme_code: str | None
    officer_id: str
    recorded_at: str


_SUMMARY = (
    "id, event_id, member_number, nik, full_name, birth_date, gender, occupation_code, "
    "payer_type, scheme_code, officer_id, recorded_at"
)


# ---------------------------------------------------------------- validation


def validate(
    inp: EnrolmentInput, event: Event, ref: ReferenceData, today: date
) -> tuple[CheckedEnrolment | None, list[Problem]]:
    """Every check that needs no database: fields, NIK agreement, age, rates, scheme shape."""
    problems: list[Problem] = []
    rates = ref.rate_table
    if not event.is_open:
        problems.append(Problem("event_id", "event_closed"))

    info, p = parse_nik(inp.nik, ref.regions, today, inp.birth_date)
    problems += p
    full_name, p = clean_name(inp.full_name, "full_name")
    problems += p
    birth_place, p = clean_short_text(inp.birth_place, "birth_place", required=True)
    problems += p
    if inp.birth_date is None:
        problems.append(Problem("birth_date", "field_required"))
    gender, p = clean_gender(inp.gender)
    problems += p
    mother, p = clean_name(inp.mother_maiden_name, "mother_maiden_name")
    problems += p
    phone, p = normalise_phone(inp.phone)
    problems += p
    street, p = clean_short_text(inp.street, "address.street", required=False)
    problems += p
    rt, p = clean_rt_rw(inp.rt, "address.rt")
    problems += p
    rw, p = clean_rt_rw(inp.rw, "address.rw")
    problems += p
    village_code = None
    if inp.village_code.strip():
        village = ref.regions.get(inp.village_code)
        if village is None or village.retired or village.level != "village":
            problems.append(Problem("address.village_code", "village_unknown"))
        else:
            village_code = village.code

    occupation = ref.occupations.get(inp.occupation_code.strip().upper())
    if not inp.occupation_code.strip():
        problems.append(Problem("occupation_code", "field_required"))
    elif occupation is None:
        problems.append(Problem("occupation_code", "occupation_unknown"))

    minimum = rates.minimum_income(today)
    if inp.declared_income is None:
        problems.append(Problem("declared_income", "field_required"))
    elif inp.declared_income < minimum:
        problems.append(Problem("declared_income", "income_too_low", {"minimum": minimum}))

    if info is not None and inp.birth_date is not None:
        problems += check_age(inp.birth_date, today, rates.age_limits(today))
    if info is not None:
        problems += check_agreement(info, inp.birth_date, gender, village_code)

    # Who pays, and for what.
    payer = inp.payer or ("sponsor" if event.scheme_code else "self")
    scheme = None
    if payer == "sponsor":
        scheme = ref.schemes.get(event.scheme_code or "")
        if scheme is None:
            problems.append(Problem("payer", "event_has_no_scheme"))
    elif payer != "self":
        problems.append(Problem("payer", "payer_invalid"))
    if scheme is not None:
        programmes = list(scheme.programmes)
        months = scheme.months
        if inp.programmes is not None and sorted(inp.programmes) != sorted(programmes):
            problems.append(
                Problem("programmes", "scheme_programmes", {"programmes": "+".join(programmes)})
            )
        if inp.months is not None and inp.months != months:
            problems.append(Problem("months", "scheme_months", {"months": months}))
        method: str | None = "sponsor"
    else:
        programmes = (
            list(inp.programmes) if inp.programmes is not None else list(event.default_programmes)
        )
        months = inp.months if inp.months is not None else event.default_months
        problems += rates.check_programmes(programmes)
        if months not in rates.months_allowed:
            allowed = ", ".join(str(m) for m in rates.months_allowed)
            problems.append(Problem("months", "months_invalid", {"allowed": allowed}))
        method = inp.method if inp.method in ("cash", "transfer") else None
        if method is None:
            problems.append(Problem("method", "method_invalid"))
    if not inp.pay:
        method = None
    programmes = [p for p in ("JKK", "JKM", "JHT") if p in programmes]

    heirs, p = _check_heirs(inp.heirs, info, ref, today)
    problems += p

    if not inp.consent:
        problems.append(Problem("consent", "consent_required"))

    errors = [p for p in problems if p.severity == "error"]
    if errors or info is None or occupation is None or inp.declared_income is None:
        return None, problems
    assert gender is not None
    contribution = rates.contribution(
        today,
        programmes,
        inp.declared_income,
        months,
        occupation.sector,
        scheme.sponsor_type if scheme else "self",
    )
    checked = CheckedEnrolment(
        event=event,
        nik=info,
        full_name=full_name,
        birth_place=birth_place,
        gender=gender,
        mother_maiden_name=mother,
        phone=phone,
        street=street,
        rt=rt,
        rw=rw,
        village_code=village_code,
        occupation_code=occupation.code,
        declared_income=inp.declared_income,
        programmes=programmes,
        months=months,
        payer_type=payer,
        scheme=scheme,
        method=method,
        heirs=heirs,
        contribution=contribution,
        consent_at=inp.consent_at,
        warnings=[p for p in problems if p.severity != "error"],
    )
    return checked, problems


def _check_heirs(
    heirs: list[HeirInput], member: NikInfo | None, ref: ReferenceData, today: date
) -> tuple[list[dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    out: list[dict[str, Any]] = []
    filled = [
        h
        for h in heirs
        if any((h.name.strip(), h.relationship.strip(), h.nik.strip(), h.phone.strip()))
    ]
    if not filled:
        return [], [Problem("heirs", "heir_required")]
    for i, heir in enumerate(filled):
        prefix = f"heirs.{i}."
        name, p = clean_name(heir.name, prefix + "name")
        problems += p
        relationship, p = clean_relationship(heir.relationship, prefix + "relationship")
        problems += p
        nik: str | None = None
        if heir.nik.strip():
            info, p = parse_nik(heir.nik, ref.regions, today)
            problems += [Problem(prefix + "nik", x.code, x.params) for x in p]
            if info is not None:
                nik = info.nik
                if member is not None and nik == member.nik:
                    problems.append(Problem(prefix + "nik", "heir_is_member"))
        phone, p = normalise_phone(heir.phone, prefix + "phone")
        problems += p
        out.append({"name": name, "relationship": relationship, "nik": nik, "phone": phone})
    return out, problems


# ------------------------------------------------------------ database checks


class SchemeLedger:
    """What a sponsor scheme has used on this device: enrolments against its quota and
    rupiah against its budget. An import keeps one ledger for the whole file."""

    def __init__(self, db: Database, scheme: Scheme) -> None:
        self.db = db
        self.scheme = scheme
        self.used = int(
            db.execute(
                "SELECT COUNT(*) FROM enrolments WHERE payer_type = 'sponsor' AND scheme_code = ?",
                [scheme.code],
            ).fetchone()[0]
        )
        self.spent = int(
            db.execute(
                "SELECT COALESCE(SUM(amount), 0) FROM payments "
                "WHERE scheme_code = ? AND method = 'sponsor' AND voided_at IS NULL",
                [scheme.code],
            ).fetchone()[0]
        )

    def check(self, checked: CheckedEnrolment) -> list[Problem]:
        s = self.scheme
        problems = []
        if (
            s.eligible_occupations is not None
            and checked.occupation_code not in s.eligible_occupations
        ):
            problems.append(Problem("occupation_code", "scheme_occupation", {"scheme": s.name}))
        if s.quota is not None and self.used >= s.quota:
            problems.append(
                Problem(
                    "payer",
                    "scheme_quota_full",
                    {"scheme": s.name, "quota": s.quota, "used": self.used},
                )
            )
        amount = checked.contribution.total if checked.method else 0
        if s.budget is not None and self.spent + amount > s.budget:
            problems.append(
                Problem(
                    "payer",
                    "scheme_budget_short",
                    {"scheme": s.name, "remaining": s.budget - self.spent, "amount": amount},
                )
            )
        if s.eligibility_list_required:
            listed = self.db.execute(
                "SELECT full_name FROM eligibility WHERE scheme_code = ? AND nik = ?",
                [s.code, checked.nik.nik],
            ).fetchone()
            if listed is None:
                problems.append(Problem("nik", "scheme_not_eligible", {"scheme": s.name}))
            elif listed[0] and listed[0].casefold() != checked.full_name.casefold():
                # The list's name is there to cross-check; spellings differ, so only warn.
                checked.warnings.append(
                    Problem("full_name", "eligibility_name_mismatch", severity=WARNING)
                )
        return problems

    def take(self, checked: CheckedEnrolment) -> None:
        self.used += 1
        if checked.method:
            self.spent += checked.contribution.total


def find_by_nik(db: Database, nik: str) -> EnrolmentSummary | None:
    row = db.execute(f"SELECT {_SUMMARY} FROM enrolments WHERE nik = ?", [nik]).fetchone()
    return None if row is None else EnrolmentSummary(*row)


def duplicate_problem(existing: EnrolmentSummary) -> Problem:
    return Problem(
        "nik",
        "nik_already_enrolled",
        {
            "enrolment_id": existing.id,
            "member_number": existing.member_number or "-",
            "recorded_on": existing.recorded_at[:10],
        },
    )


def check_in_database(
    db: Database, checked: CheckedEnrolment, ledger: SchemeLedger | None
) -> list[Problem]:
    existing = find_by_nik(db, checked.nik.nik)
    problems = [duplicate_problem(existing)] if existing else []
    if ledger is not None:
        problems += ledger.check(checked)
    return problems


# ------------------------------------------------------------------ writing


def _take_member_numbers(db: Database, count: int) -> list[str | None]:
    """Numbers from this device's reserved blocks, each used once; None once they run out
    (HQ then assigns one in its result)."""
    out: list[str | None] = []
    for first, last, nxt in db.execute(
        "SELECT first, last, next FROM member_number_blocks WHERE CAST(next AS INTEGER) <= "
        "CAST(last AS INTEGER) ORDER BY first"
    ).fetchall():
        if len(out) == count:
            break
        start, end = int(nxt), int(last)
        take = min(count - len(out), end - start + 1)
        out += [f"{n:011d}" for n in range(start, start + take)]
        db.execute(
            "UPDATE member_number_blocks SET next = ? WHERE first = ?",
            [f"{start + take:011d}", first],
        )
    return out + [None] * (count - len(out))


def member_numbers_left(db: Database) -> int:
    row = db.execute(
        "SELECT COALESCE(SUM(CAST(last AS INTEGER) - CAST(next AS INTEGER) + 1), 0) "
        "FROM member_number_blocks WHERE CAST(next AS INTEGER) <= CAST(last AS INTEGER)"
    ).fetchone()
    return int(row[0])


def _next_receipts(db: Database, count: int) -> list[int]:
    """Receipt sequence numbers, gap-free: they follow the highest one given, read in the
    caller's write transaction (payments are never deleted, so a number is never given
    twice, and a rolled-back save gives its numbers back)."""
    if count == 0:
        return []
    last = int(db.execute("SELECT COALESCE(MAX(receipt_seq), 0) FROM payments").fetchone()[0])
    return list(range(last + 1, last + count + 1))


# The trigram name index takes new names in batches of this many, not one per save: each
# save then writes about four pages fewer (every page written is encrypted and signed).
NAMES_BATCH = 64

# The rowids of enrolments whose name key contains a pattern (both ? are the same LIKE
# pattern): the trigram index, and the few newest enrolments not in it yet.
NAME_MATCH_ROWIDS = (
    "SELECT rowid FROM enrolment_names WHERE name_key LIKE ? UNION ALL "
    "SELECT rowid FROM enrolments WHERE rowid > "
    "(SELECT value FROM counters WHERE name = 'names_indexed') AND name_key LIKE ?"
)


def index_new_names(db: Database, batch: int | None = None) -> int:
    """Put the names of enrolments saved since the last batch into the trigram index once
    there are `batch` (NAMES_BATCH) of them; 1: all of them now. Runs in the caller's
    transaction; returns how many were indexed."""
    batch = NAMES_BATCH if batch is None else batch
    done = int(db.execute("SELECT value FROM counters WHERE name = 'names_indexed'").fetchone()[0])
    top = int(db.execute("SELECT COALESCE(MAX(rowid), 0) FROM enrolments").fetchone()[0])
    if top - done < max(batch, 1):
        return 0
    db.execute(
        "INSERT INTO enrolment_names (rowid, name_key) "
        "SELECT rowid, name_key FROM enrolments WHERE rowid > ? ORDER BY rowid",
        [done],
    )
    db.execute("UPDATE counters SET value = ? WHERE name = 'names_indexed'", [top])
    return top - done


def receipt_number(code: str, seq: int) -> str:
    return f"KW-{code}-{seq:06d}"


_ENROLMENT_INSERT = (
    "INSERT INTO enrolments (id, event_id, member_number, nik, full_name, birth_place, "
    "birth_date, gender, mother_maiden_name, phone, street, rt, rw, village_code, "
    "occupation_code, declared_income, programmes, months, payer_type, scheme_code, "
    "consent_at, officer_id, recorded_at, source, name_key) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_HEIR_INSERT = (
    "INSERT INTO heirs (enrolment_id, position, name, relationship, nik, phone) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_PAYMENT_INSERT = (
    "INSERT INTO payments (id, enrolment_id, receipt_seq, receipt_number, amount, months, "
    "period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at, officer_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def write_enrolments(
    db: Database,
    items: list[CheckedEnrolment],
    officer_id: str,
    at: datetime,
    source: str = "desk",
    after_enrolments: Any = None,
) -> list[SavedEnrolment]:
    """Write checked enrolments with their heirs, payments, queue rows and audit rows.
    The caller holds the transaction (`db.atomic()`): all of it lands or none of it.
    `after_enrolments` is a test seam called between the record and its queue rows."""
    recorded_at = rfc3339(at)
    code = device_code(db)
    paying = [c for c in items if c.method]
    seqs = iter(_next_receipts(db, len(paying)))
    numbers = _take_member_numbers(db, len(items))
    enrolment_rows, heir_rows, payment_rows, queue_rows, audit_rows = [], [], [], [], []
    saved: list[SavedEnrolment] = []
    for c, member_number in zip(items, numbers, strict=True):
        eid = new_id()
        consent_at = rfc3339(c.consent_at) if c.consent_at else recorded_at
        scheme_code = c.scheme.code if c.scheme else None
        enrolment_rows.append(
            (
                eid,
                c.event.id,
                member_number,
                c.nik.nik,
                c.full_name,
                c.birth_place,
                c.nik.birth_date.isoformat(),
                c.gender,
                c.mother_maiden_name,
                c.phone,
                c.street,
                c.rt,
                c.rw,
                c.village_code,
                c.occupation_code,
                c.declared_income,
                json.dumps(c.programmes),
                c.months,
                c.payer_type,
                scheme_code,
                consent_at,
                officer_id,
                recorded_at,
                source,
                search_key(c.full_name),
            )
        )
        for pos, h in enumerate(c.heirs):
            heir_rows.append((eid, pos, h["name"], h["relationship"], h["nik"], h["phone"]))
        payload = {
            "enrolment_id": eid,
            "event_id": c.event.id,
            "member_number": member_number,
            "nik": c.nik.nik,
            "full_name": c.full_name,
            "birth_place": c.birth_place,
            "birth_date": c.nik.birth_date.isoformat(),
            "gender": c.gender,
            "mother_maiden_name": c.mother_maiden_name,
            "phone": c.phone,
            "address": {"street": c.street, "rt": c.rt, "rw": c.rw, "village_code": c.village_code},
            "occupation_code": c.occupation_code,
            "declared_income": c.declared_income,
            "programmes": c.programmes,
            "payer": {"type": c.payer_type, "scheme_code": scheme_code},
            "heirs": c.heirs,
            "consent_at": consent_at,
            "officer_id": officer_id,
            "recorded_at": recorded_at,
        }
        queue_rows.append(outbox.outbox_row(eid, "enrolment", recorded_at, payload))
        audit_rows.append(
            audit.audit_row(recorded_at, officer_id, "create", "enrolment", eid, {"source": source})
        )
        pid = receipt = None
        if c.method:
            pid = new_id()
            receipt = receipt_number(code, next(seqs))
            b = c.contribution.breakdown
            payment_rows.append(
                (
                    pid,
                    eid,
                    int(receipt.rsplit("-", 1)[1]),
                    receipt,
                    c.contribution.total,
                    c.months,
                    c.contribution.period_start_text,
                    b.get("JKK", 0),
                    b.get("JKM", 0),
                    b.get("JHT", 0),
                    c.method,
                    c.scheme.sponsor_type if c.scheme else "self",
                    scheme_code,
                    recorded_at,
                    officer_id,
                )
            )
            queue_rows.append(
                outbox.outbox_row(
                    pid,
                    "payment",
                    recorded_at,
                    {
                        "payment_id": pid,
                        "enrolment_id": eid,
                        "receipt_number": receipt,
                        "amount": c.contribution.total,
                        "months": c.months,
                        "period_start": c.contribution.period_start_text,
                        "breakdown": {
                            "JKK": b.get("JKK", 0),
                            "JKM": b.get("JKM", 0),
                            "JHT": b.get("JHT", 0),
                        },
                        "method": c.method,
                        "received_at": recorded_at,
                        "officer_id": officer_id,
                    },
                )
            )
            audit_rows.append(
                audit.audit_row(
                    recorded_at, officer_id, "create", "payment", pid, {"receipt": receipt}
                )
            )
        saved.append(
            SavedEnrolment(
                eid,
                pid,
                receipt,
                member_number,
                c.contribution.total if c.method else 0,
                tuple(c.warnings),
            )
        )
    conn = db.conn
    conn.executemany(_ENROLMENT_INSERT, enrolment_rows)
    conn.executemany(_HEIR_INSERT, heir_rows)
    conn.executemany(_PAYMENT_INSERT, payment_rows)
    if after_enrolments is not None:
        after_enrolments()
    outbox.enqueue_rows(db, queue_rows)
    audit.write_audit(db, audit_rows)
    index_new_names(db)
    return saved


def enrol(
    db: Database,
    ref: ReferenceData,
    event_id: str,
    inp: EnrolmentInput,
    officer_id: str,
    clock: Clock = system_clock,
) -> SavedEnrolment:
    """Check and save one enrolment with its first payment; raises ValidationError with every
    problem found, and then nothing was saved."""
    now = clock()
    try:
        with write_transaction(db):
            officer, event = officer_and_event(db, officer_id, event_id)
            checked, problems = validate(inp, event, ref, now.date())
            if checked is None:
                raise ValidationError(problems)
            ledger = SchemeLedger(db, checked.scheme) if checked.scheme else None
            problems = check_in_database(db, checked, ledger)
            if problems:
                raise ValidationError(problems)
            return write_enrolments(db, [checked], officer, now)[0]
    except IntegrityError as exc:
        # Only reachable if the NIK check and the write disagree; name the record anyway.
        existing = find_by_nik(db, inp.nik.strip().replace(" ", ""))
        if existing is not None and "UNIQUE" in str(exc):
            raise ValidationError([duplicate_problem(existing)]) from None
        raise


# ------------------------------------------------------------------ reading


def search(
    db: Database, text: str, event_id: str | None = None, limit: int = 50
) -> list[EnrolmentSummary]:
    """By NIK (16 digits), member number (11 digits) or any fragment of the name."""
    needle = text.strip()
    # The limit is written into the SQL, not bound: SQLite (3.53) re-plans a statement with
    # a bound LIMIT on every call, which doubled the time of a NIK lookup.
    top = f" LIMIT {int(limit)}"
    where, params = "", []
    if event_id:
        where, params = " AND event_id = ?", [event_id]
    if needle.isdigit() and len(needle) == 16:
        sql = f"SELECT {_SUMMARY} FROM enrolments WHERE nik = ?{where}{top}"
        args: list[Any] = [needle, *params]
    elif needle.isdigit() and len(needle) == 11:
        sql = f"SELECT {_SUMMARY} FROM enrolments WHERE member_number = ?{where}{top}"
        args = [needle, *params]
    elif len(needle) >= 3:
        # The trigram index answers LIKE '%fragment%' without reading every row.
        sql = (
            f"SELECT {_SUMMARY} FROM enrolments WHERE rowid IN ({NAME_MATCH_ROWIDS}){where} "
            f"ORDER BY name_key{top}"
        )
        pattern = f"%{_escape_like(search_key(needle))}%"
        args = [pattern, pattern, *params]
    elif needle:
        # One or two letters: names that start with them, by the name_key index.
        key = search_key(needle)
        sql = (
            f"SELECT {_SUMMARY} FROM enrolments WHERE name_key >= ? AND name_key < ?{where} "
            f"ORDER BY name_key{top}"
        )
        args = [key, key + "\uffff", *params]
    else:
        return list_enrolments(db, event_id, limit)
    return [EnrolmentSummary(*r) for r in db.execute(sql, args).fetchall()]


def _escape_like(s: str) -> str:
    return s.replace("%", "").replace("_", "")


def list_enrolments(
    db: Database, event_id: str | None = None, limit: int | None = None
) -> list[EnrolmentSummary]:
    sql = f"SELECT {_SUMMARY} FROM enrolments"
    args: list[Any] = []
    if event_id:
        sql += " WHERE event_id = ?"
        args.append(event_id)
    sql += " ORDER BY recorded_at, rowid"
    if limit:
        sql += f" LIMIT {int(limit)}"  # written in, not bound: see search()
    return [EnrolmentSummary(*r) for r in db.execute(sql, args).fetchall()]


def get_enrolment(db: Database, enrolment_id: str) -> dict[str, Any] | None:
    """Everything about one enrolment: its fields, heirs, payments and queue state."""
    cur = db.execute("SELECT * FROM enrolments WHERE id = ?", [enrolment_id])
    row = cur.fetchone()
    if row is None:
        return None
    out = dict(zip([d[0] for d in cur.description], row, strict=True))
    out["programmes"] = json.loads(out["programmes"])
    out["heirs"] = [
        dict(zip(("name", "relationship", "nik", "phone"), h, strict=True))
        for h in db.execute(
            "SELECT name, relationship, nik, phone FROM heirs WHERE enrolment_id = ? "
            "ORDER BY position",
            [enrolment_id],
        ).fetchall()
    ]
    out["payments"] = payments_for(db, [enrolment_id]).get(enrolment_id, [])
    state = db.execute("SELECT state FROM outbox WHERE id = ?", [enrolment_id]).fetchone()
    out["sync_state"] = state[0] if state else None
    return out


def payments_for(db: Database, enrolment_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    ids = list(enrolment_ids)
    out: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        cur = db.execute(
            "SELECT * FROM payments WHERE enrolment_id IN (" + ",".join("?" * len(chunk)) + ") "
            "ORDER BY receipt_seq",
            chunk,
        )
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            p = dict(zip(names, row, strict=True))
            out.setdefault(p["enrolment_id"], []).append(p)
    return out


def void_payment(
    db: Database,
    payment_id: str,
    reason: str,
    officer_id: str,
    approved_by: str,
    clock: Clock = system_clock,
) -> None:
    """A payment is never deleted: voiding marks it, with a reason and a supervisor's approval,
    and queues a `payment_void` record for HQ."""
    officer = require_officer(db, officer_id)
    supervisor = require_officer(db, approved_by)
    if not supervisor.is_supervisor:
        raise SigapError("void_needs_supervisor")
    clean_reason, problems = clean_short_text(reason, "reason", required=True)
    if problems:
        raise ValidationError(problems)
    row = db.execute("SELECT voided_at FROM payments WHERE id = ?", [payment_id]).fetchone()
    if row is None:
        raise SigapError("payment_unknown", payment_id=payment_id)
    if row[0] is not None:
        raise SigapError("payment_already_void", payment_id=payment_id)
    at = rfc3339(clock())
    with db.atomic():
        db.execute(
            "UPDATE payments SET voided_at = ?, void_reason = ?, void_officer_id = ?, "
            "void_approved_by = ? WHERE id = ?",
            [at, clean_reason, officer.id, supervisor.id, payment_id],
        )
        outbox.enqueue(
            db,
            new_id(),
            "payment_void",
            at,
            {
                "payment_id": payment_id,
                "reason": clean_reason,
                "voided_at": at,
                "officer_id": officer.id,
                "approved_by": supervisor.id,
            },
        )
        audit.log(db, at, officer.id, "void", "payment", payment_id, {"approved_by": supervisor.id})
