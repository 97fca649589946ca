"""The figures of the printed reports (event report, sponsor statement, day closing),
gathered from the database into plain dataclasses that `reports/` renders.

Names of reference data (occupations, schemes, officers) are resolved here in the
report's language; the fixed words (sex, payment method, "self-paid") are the renderer's.
Money leaves voided payments out; voids are listed apart. NIKs leave this module masked.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from models.audit import head as audit_head
from models.clock import Clock, system_clock
from models.database import Database
from models.db import device_code
from models.enrolments import receipt_number
from models.errors import SigapError
from models.events import Event, require_event
from models.member_numbers import member_reference
from models.nik import mask_nik
from models.officers import Officer, get_officer, require_officer
from models.payments import verification_of
from models.rates import add_months
from models.reference import ReferenceData
from models.stats import event_dashboard

SELF = "self"
METHODS = ("cash", "transfer", "sponsor")
QRIS = "qris"  # listed where the desk took any (the event report), always on a day closing
SEXES = ("M", "F")
AGE_BANDS = ((15, 24), (25, 34), (35, 44), (45, 54), (55, 64))
OTHER_AGE = "other"  # outside 15–64: validation refuses it, so this band stays empty
PROGRAMME_SETS = ("JKK+JKM", "JKK+JKM+JHT")


# ------------------------------------------------------------------ the data


@dataclass(frozen=True)
class EventInfo:
    id: str
    name: str
    starts_on: date
    ends_on: date
    location: str
    region_name: str  # the district or village, with its regency
    branch_code: str
    status: str  # open | closed
    scheme_code: str | None
    scheme_name: str | None
    sponsor_name: str | None


@dataclass(frozen=True)
class Tally:
    """One row of a breakdown: `key` is stable (an occupation code, `M`, `25-34`, `self`, a
    scheme code, an officer id); `name` is the reference data's name in the report's
    language, or the key itself for words the renderer translates."""

    key: str
    name: str
    count: int


@dataclass(frozen=True)
class MoneyLine:
    key: str
    name: str
    payments: int
    amount: int


@dataclass(frozen=True)
class ReceiptRange:
    """Receipt numbers a report covers. Numbers come from one counter per device, so the
    range of one event or officer may hold numbers another event or officer used
    (`used_elsewhere`); numbers nobody used are `gaps`, and there should never be any."""

    first: str | None
    last: str | None
    count: int
    used_elsewhere: int
    gaps: tuple[tuple[str, str], ...]  # (first, last) of each run of missing numbers


@dataclass(frozen=True)
class VoidLine:
    receipt_number: str
    amount: int
    method: str
    received_at: datetime
    voided_at: datetime
    reason: str
    voided_by: str  # officer names
    approved_by: str


@dataclass(frozen=True)
class EventReportData:
    lang: str
    generated_at: datetime
    event: EventInfo
    enrolments: int
    by_occupation: tuple[Tally, ...]  # most enrolments first
    by_sex: tuple[Tally, ...]
    by_age_band: tuple[Tally, ...]  # 15-24 … 55-64 (and `other` only when not empty)
    by_programmes: tuple[Tally, ...]
    by_payer: tuple[Tally, ...]  # `self`, then each scheme
    money_by_payer: tuple[MoneyLine, ...]
    money_by_method: tuple[MoneyLine, ...]  # cash, transfer, sponsor
    money_total: int
    voided_amount: int
    receipts: ReceiptRange
    voids: tuple[VoidLine, ...]
    per_officer: tuple[Tally, ...]
    waiting_hq: int  # queue rows of this event still pending
    quota: int | None
    quota_used: int | None
    budget: int | None
    budget_used: int | None


@dataclass(frozen=True)
class StatementLine:
    full_name: str
    nik_masked: str
    member_number: str  # the final number, else the provisional `P-…` one (member_reference)
    months: int
    period_start: date  # first day of the first month paid
    period_end: date  # first day of the last month paid
    amount: int
    receipt_number: str
    void_reason: str | None = None


@dataclass(frozen=True)
class StatementData:
    lang: str
    generated_at: datetime
    event: EventInfo
    scheme_code: str
    scheme_name: str
    sponsor_name: str
    sponsor_type: str
    officer_name: str  # the event's officer, who signs for BPJS Ketenagakerjaan
    lines: tuple[StatementLine, ...]  # in receipt order
    total: int
    voided: tuple[StatementLine, ...]  # not in the total
    voided_total: int


@dataclass(frozen=True)
class DayPayment:
    receipt_number: str
    received_at: datetime
    method: str
    amount: int
    event_name: str
    voided: bool
    reference: str | None = None  # the payer's reference, for a transfer or QRIS
    verification: str | None = None  # waiting | verified | not_received (transfer, QRIS)


@dataclass(frozen=True)
class DayCloseData:
    lang: str
    generated_at: datetime
    officer_id: str
    officer_name: str
    day: date
    events: tuple[str, ...]  # names of the events the day's records belong to
    enrolments: int
    cash: MoneyLine  # what should be in the cash box
    transfer: MoneyLine
    sponsor: MoneyLine  # paid by a scheme: no money at the desk
    receipts: ReceiptRange
    payments: tuple[DayPayment, ...]
    voids: tuple[VoidLine, ...]  # of the day's own payments, not in the sums
    voided_amount: int
    earlier_voids: tuple[VoidLine, ...]  # voided on this day, received on an earlier day
    qris: MoneyLine = MoneyLine("qris", "qris", 0, 0)  # not in the cash box either
    # transfers and QRIS of the day (not voided): money the desk has not seen arrive, listed
    # apart from cash with their references and what HQ said of them so far
    unverified: tuple[DayPayment, ...] = ()
    # the audit trail's newest entry (id, hash) when the day was closed (docs/security.md)
    audit_head: tuple[int, str] | None = None


# ---------------------------------------------------------------- gathering


def event_report_data(
    db: Database, ref: ReferenceData, event_id: str, lang: str, clock: Clock = system_clock
) -> EventReportData:
    event = require_event(db, event_id)
    now = clock()
    figures = event_dashboard(db, event_id, now.date(), ref)

    occupations: Counter[str] = Counter()
    sexes: Counter[str] = Counter()
    bands: Counter[str] = Counter()
    programme_sets: Counter[str] = Counter()
    payers: Counter[str] = Counter()
    for occupation, gender, birth, recorded, programmes, payer, scheme in db.execute(
        "SELECT occupation_code, gender, birth_date, substr(recorded_at, 1, 10), programmes, "
        "payer_type, scheme_code FROM enrolments WHERE event_id = ?",
        [event_id],
    ).fetchall():
        occupations[occupation] += 1
        sexes[gender] += 1
        bands[age_band(date.fromisoformat(birth), date.fromisoformat(recorded))] += 1
        programme_sets["+".join(json.loads(programmes))] += 1
        payers[SELF if payer == SELF else str(scheme)] += 1

    by_occupation = tuple(
        Tally(code, _occupation_name(ref, code, lang), n)
        for code, n in sorted(occupations.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    band_keys = [f"{lo}-{hi}" for lo, hi in AGE_BANDS]
    if bands[OTHER_AGE]:
        band_keys.append(OTHER_AGE)
    set_keys = list(PROGRAMME_SETS) + sorted(set(programme_sets) - set(PROGRAMME_SETS))

    money_payer: dict[str, list[int]] = {}
    money_method: dict[str, list[int]] = {m: [0, 0] for m in METHODS}
    for scheme, method, n, amount in db.execute(
        "SELECT p.scheme_code, p.method, COUNT(*), SUM(p.amount) FROM payments p "
        "JOIN enrolments e ON e.id = p.enrolment_id "
        "WHERE e.event_id = ? AND p.voided_at IS NULL GROUP BY 1, 2",
        [event_id],
    ).fetchall():
        key = SELF if method != "sponsor" else str(scheme)
        for bucket in (
            money_payer.setdefault(key, [0, 0]),
            money_method.setdefault(method, [0, 0]),
        ):
            bucket[0] += int(n)
            bucket[1] += int(amount)

    receipts = db.execute(
        "SELECT p.receipt_seq FROM payments p JOIN enrolments e ON e.id = p.enrolment_id "
        "WHERE e.event_id = ? ORDER BY p.receipt_seq",
        [event_id],
    ).fetchall()

    return EventReportData(
        lang=lang,
        generated_at=now,
        event=_event_info(ref, event),
        enrolments=int(figures["enrolled_total"]),
        by_occupation=by_occupation,
        by_sex=tuple(Tally(s, s, sexes[s]) for s in SEXES),
        by_age_band=tuple(Tally(k, k, bands[k]) for k in band_keys),
        by_programmes=tuple(Tally(k, k, programme_sets[k]) for k in set_keys),
        by_payer=tuple(
            Tally(k, _payer_name(ref, k), payers[k]) for k in _payer_order(payers, event)
        ),
        money_by_payer=tuple(
            MoneyLine(k, _payer_name(ref, k), *money_payer.get(k, [0, 0]))
            for k in _payer_order(money_payer, event)
        ),
        money_by_method=tuple(MoneyLine(m, m, *v) for m, v in money_method.items()),
        money_total=int(figures["money"]["total"]),
        voided_amount=int(figures["money_voided"]),
        receipts=_receipt_range(db, [int(r[0]) for r in receipts]),
        voids=_voids(db, "e.event_id = ?", [event_id]),
        per_officer=tuple(
            Tally(o["officer_id"], o["name"], o["count"]) for o in figures["per_officer"]
        ),
        waiting_hq=int(figures["waiting_hq"]),
        quota=figures["quota"],
        quota_used=figures["quota_used"],
        budget=figures["budget"],
        budget_used=figures["budget_used"],
    )


def statement_data(
    db: Database,
    ref: ReferenceData,
    event_id: str,
    scheme_code: str,
    lang: str,
    clock: Clock = system_clock,
) -> StatementData:
    event = require_event(db, event_id)
    scheme = ref.schemes.get(scheme_code)
    if scheme is None:
        raise SigapError("scheme_unknown")
    lines: list[StatementLine] = []
    voided: list[StatementLine] = []
    # A member number HQ assigned later arrives on the enrolment's queue row.
    for (
        name,
        nik,
        member,
        months,
        period_start,
        amount,
        receipt,
        void_at,
        reason,
        enrolment_id,
    ) in db.execute(
        "SELECT e.full_name, e.nik, COALESCE(e.member_number, o.member_number), p.months, "
        "p.period_start, p.amount, p.receipt_number, p.voided_at, p.void_reason, e.id "
        "FROM payments p JOIN enrolments e ON e.id = p.enrolment_id "
        "LEFT JOIN outbox o ON o.id = e.id "
        "WHERE e.event_id = ? AND p.scheme_code = ? AND p.method = 'sponsor' "
        "ORDER BY p.receipt_seq",
        [event_id, scheme_code],
    ).fetchall():
        start = _month(period_start)
        line = StatementLine(
            full_name=str(name),
            nik_masked=mask_nik(str(nik)),
            member_number=member_reference(member, str(enrolment_id)),
            months=int(months),
            period_start=start,
            period_end=add_months(start, int(months) - 1),
            amount=int(amount),
            receipt_number=str(receipt),
            void_reason=str(reason) if void_at is not None else None,
        )
        (voided if void_at is not None else lines).append(line)
    return StatementData(
        lang=lang,
        generated_at=clock(),
        event=_event_info(ref, event),
        scheme_code=scheme.code,
        scheme_name=scheme.name,
        sponsor_name=scheme.sponsor_name or scheme.name,
        sponsor_type=scheme.sponsor_type,
        officer_name=_officer_name(db, event.officer_id),
        lines=tuple(lines),
        total=sum(x.amount for x in lines),
        voided=tuple(voided),
        voided_total=sum(x.amount for x in voided),
    )


def day_close_data(
    db: Database,
    ref: ReferenceData,
    officer_id: str,
    day: date,
    lang: str,
    clock: Clock = system_clock,
) -> DayCloseData:
    """One officer's day, by the local date written in `received_at` (each record keeps the
    laptop's offset when it was made, so the day is the one the officer lived)."""
    officer = _any_officer(db, officer_id)
    start, end = day.isoformat(), (day + timedelta(days=1)).isoformat()

    payments: list[DayPayment] = []
    seqs: list[int] = []
    events: dict[str, None] = {}
    for seq, receipt, received, method, amount, voided_at, event_name, ref_, verified in db.execute(
        "SELECT p.receipt_seq, p.receipt_number, p.received_at, p.method, p.amount, "
        "p.voided_at, ev.name, p.reference, p.verification "
        "FROM payments p LEFT JOIN enrolments e ON e.id = p.enrolment_id "
        "LEFT JOIN visiting_members v ON v.enrolment_id = p.enrolment_id "
        "JOIN events ev ON ev.id = COALESCE(e.event_id, v.event_id) "
        "WHERE p.officer_id = ? AND p.received_at >= ? AND p.received_at < ? "
        "ORDER BY p.receipt_seq",
        [officer_id, start, end],
    ).fetchall():
        seqs.append(int(seq))
        events[str(event_name)] = None
        payments.append(
            DayPayment(
                str(receipt),
                datetime.fromisoformat(received),
                str(method),
                int(amount),
                str(event_name),
                voided_at is not None,
                ref_,
                verification_of(str(method), verified),
            )
        )

    enrolled = 0
    for event_name, n in db.execute(
        "SELECT ev.name, COUNT(*) FROM enrolments e JOIN events ev ON ev.id = e.event_id "
        "WHERE e.officer_id = ? AND e.recorded_at >= ? AND e.recorded_at < ? GROUP BY ev.id "
        "ORDER BY MIN(e.recorded_at)",
        [officer_id, start, end],
    ).fetchall():
        enrolled += int(n)
        events[str(event_name)] = None

    sums = {m: MoneyLine(m, m, 0, 0) for m in (*METHODS, QRIS)}
    for p in payments:
        if not p.voided:
            s = sums[p.method]
            sums[p.method] = MoneyLine(s.key, s.name, s.payments + 1, s.amount + p.amount)

    voids = _voids(
        db,
        "p.officer_id = ? AND p.received_at >= ? AND p.received_at < ?",
        [officer_id, start, end],
    )
    earlier = _voids(
        db,
        "p.officer_id = ? AND p.received_at < ? AND p.voided_at >= ? AND p.voided_at < ?",
        [officer_id, start, start, end],
    )
    return DayCloseData(
        lang=lang,
        generated_at=clock(),
        officer_id=officer.id,
        officer_name=officer.name,
        day=day,
        events=tuple(events),
        enrolments=enrolled,
        cash=sums["cash"],
        transfer=sums["transfer"],
        sponsor=sums["sponsor"],
        receipts=_receipt_range(db, seqs),
        payments=tuple(payments),
        voids=voids,
        voided_amount=sum(v.amount for v in voids),
        earlier_voids=earlier,
        qris=sums[QRIS],
        unverified=tuple(p for p in payments if p.verification is not None and not p.voided),
        audit_head=audit_head(db),
    )


# ------------------------------------------------------------------ helpers


def age_band(born: date, on: date) -> str:
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    for lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return f"{lo}-{hi}"
    return OTHER_AGE


def _any_officer(db: Database, officer_id: str) -> Officer:
    """An officer, active or not: a day closing may be printed after an account is retired."""
    officer = get_officer(db, officer_id)
    return officer if officer is not None else require_officer(db, officer_id)


def _event_info(ref: ReferenceData, event: Event) -> EventInfo:
    scheme = ref.schemes.get(event.scheme_code) if event.scheme_code else None
    path = ref.regions.path(event.region_code)
    region = ", ".join(r.name for r in reversed(path[1:])) or event.region_code
    return EventInfo(
        id=event.id,
        name=event.name,
        starts_on=event.starts_on,
        ends_on=event.ends_on,
        location=event.location,
        region_name=region,
        branch_code=event.branch_code,
        status=event.status,
        scheme_code=event.scheme_code,
        scheme_name=scheme.name if scheme else event.scheme_code,
        sponsor_name=scheme.sponsor_name if scheme else None,
    )


def _occupation_name(ref: ReferenceData, code: str, lang: str) -> str:
    occupation = ref.occupations.get(code)
    return occupation.name(lang) if occupation else code


def _payer_name(ref: ReferenceData, key: str) -> str:
    if key == SELF:
        return SELF
    scheme = ref.schemes.get(key)
    return scheme.name if scheme else key


def _payer_order(keys: Iterable[str], event: Event) -> list[str]:
    """Self-paid first, then the event's scheme, then any other scheme; the event's own
    payers are listed even when nothing was recorded for them yet."""
    wanted = [SELF] + ([event.scheme_code] if event.scheme_code else [])
    return wanted + sorted(k for k in keys if k not in wanted)


def _officer_name(db: Database, officer_id: str) -> str:
    officer = get_officer(db, officer_id)
    return officer.name if officer else officer_id


def _month(text: str) -> date:
    year, month = text.split("-")[:2]
    return date(int(year), int(month), 1)


def _receipt_range(db: Database, seqs: list[int]) -> ReceiptRange:
    if not seqs:
        return ReceiptRange(None, None, 0, 0, ())
    first, last = min(seqs), max(seqs)
    code = device_code(db)
    used = {
        int(r[0])
        for r in db.execute(
            "SELECT receipt_seq FROM payments WHERE receipt_seq BETWEEN ? AND ?", [first, last]
        ).fetchall()
    }
    mine = set(seqs)
    gaps: list[tuple[str, str]] = []
    run_start: int | None = None
    for seq in range(first, last + 2):
        missing = seq <= last and seq not in used
        if missing and run_start is None:
            run_start = seq
        elif not missing and run_start is not None:
            gaps.append((receipt_number(code, run_start), receipt_number(code, seq - 1)))
            run_start = None
    return ReceiptRange(
        first=receipt_number(code, first),
        last=receipt_number(code, last),
        count=len(mine),
        used_elsewhere=len(used - mine),
        gaps=tuple(gaps),
    )


def _voids(db: Database, where: str, params: list[Any]) -> tuple[VoidLine, ...]:
    return tuple(
        VoidLine(
            receipt_number=str(receipt),
            amount=int(amount),
            method=str(method),
            received_at=datetime.fromisoformat(received),
            voided_at=datetime.fromisoformat(voided),
            reason=str(reason or ""),
            voided_by=str(by or by_id or ""),
            approved_by=str(approver or approver_id or ""),
        )
        for receipt, amount, method, received, voided, reason, by, by_id, approver, approver_id in (
            db.execute(
                "SELECT p.receipt_number, p.amount, p.method, p.received_at, p.voided_at, "
                "p.void_reason, vo.name, p.void_officer_id, ap.name, p.void_approved_by "
                "FROM payments p LEFT JOIN enrolments e ON e.id = p.enrolment_id "
                "LEFT JOIN officers vo ON vo.id = p.void_officer_id "
                "LEFT JOIN officers ap ON ap.id = p.void_approved_by "
                f"WHERE p.voided_at IS NOT NULL AND {where} ORDER BY p.receipt_seq",
                params,
            ).fetchall()
        )
    )
