"""What HQ does with records: a push decided record by record in one transaction, and the
enrolment decisions reviews share (what a device asks about its records: `hq.queries`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hq import rules
from hq.counters import give_back_budget, take_budget, take_place
from hq.db import Busy, Connection, Duplicate
from hq.lookups import BatchLookups, Lookups
from hq.payments import payment_refusal, reference_of, verification_for
from hq.rules import Refusal
from hq.store import Store
from models.outbox import canonical_json, payload_sha256
from models.reference import ReferenceData


@dataclass(frozen=True)
class Outcome:
    """HQ's answer for one record: `accepted`, `rejected`, `duplicate_person` (kept with the
    record) or `retry` (nothing kept)."""

    status: str
    member_number: str | None = None
    refusal: Refusal | None = None

    def result(self, record_id: str, status: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"id": record_id, "status": status or self.status}
        if self.member_number is not None:
            out["member_number"] = self.member_number
        if self.refusal is not None:
            out["code"] = self.refusal.code
            out["message"] = self.refusal.message
            if self.refusal.field is not None:
                out["field"] = self.refusal.field
        return out


def accepted(member_number: str | None = None) -> Outcome:
    return Outcome("accepted", member_number)


def rejected(refusal: Refusal) -> Outcome:
    return Outcome("rejected", refusal=refusal)


def retry(message: str) -> Outcome:
    return Outcome("retry", refusal=Refusal("reference_not_received", None, message))


class _Retry(Exception):
    """Undoes what one record wrote (its savepoint) when its answer is `retry`."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome


def push(
    store: Store,
    ref: ReferenceData,
    device_id: str,
    batch_id: str,
    records: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Decide each record in request order, all in one write transaction (run again from
    the start if PostgreSQL ends it to break a deadlock: nothing of it was kept)."""

    def work(db: Connection) -> list[dict[str, Any]]:
        now = store.now()
        # Also takes the device's row lock: one device's pushes are decided one at a time.
        db.execute("UPDATE devices SET last_push_at = ? WHERE id = ?", [now, device_id])
        enrolments = [r["payload"] for r in records if r["type"] == "enrolment"]
        niks = {n for n in (p.get("nik") for p in enrolments) if isinstance(n, str)}
        store.lock_people(db, niks)
        batch = _Batch(store, db, ref, device_id, batch_id, now)
        batch.lookups.prefetch(
            niks, sum(1 for p in enrolments if not rules.is_member_number(p.get("member_number")))
        )
        try:
            out = [batch.record(r) for r in records]
        except Duplicate as exc:
            # PostgreSQL, no savepoints: the transaction is over; the push runs again from
            # the start and then sees the other writer's person or number.
            raise Busy("a unique index met by another writer") from exc
        batch.flush()
        return out

    return store.run_write(work)


class _Batch:
    def __init__(
        self,
        store: Store,
        db: Connection,
        ref: ReferenceData,
        device_id: str,
        batch_id: str,
        now: str,
    ) -> None:
        self.store = store
        self.db = db
        self.ref = ref
        self.device_id = device_id
        self.batch_id = batch_id
        self.now = now
        self._accepted_events: dict[str, tuple[Any, ...]] = {}
        # On SQLite each record has a savepoint. On PostgreSQL none (a savepoint a record is
        # two round trips, and past 64 of them a transaction slows every other session's
        # snapshots): a `retry` deletes the one row it wrote, and a unique index met runs
        # the whole push again.
        self.savepoints = store.backend == "sqlite"
        self.lookups = BatchLookups(store, db)
        # Outcomes decided in this push, written together at its end: id -> (type, outcome).
        self.decided: dict[str, tuple[str, Outcome]] = {}

    def one(self, sql: str, params: Any = ()) -> tuple[Any, ...] | None:
        row = self.db.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    def record(self, r: dict[str, Any]) -> dict[str, Any]:
        rid, type_, sha, payload = r["id"], r["type"], r["sha256"], r["payload"]
        if payload_sha256(payload) != sha:
            # Nothing about a record that arrived damaged can be trusted: not kept.
            return rejected(
                Refusal("sha256_mismatch", None, "The payload does not match its sha256.")
            ).result(rid)
        if not self.savepoints:
            try:
                return self._record(rid, type_, sha, r)
            except _Retry as exc:
                self.db.execute("DELETE FROM records WHERE id = ?", [rid])  # its only row
                return exc.outcome.result(rid)
        for _ in range(3):
            try:
                with self.db.savepoint():  # a `retry` leaves no trace
                    return self._record(rid, type_, sha, r)
            except _Retry as exc:
                return exc.outcome.result(rid)
            except Duplicate:
                continue  # its savepoint is rolled back: decide it again, seeing the other
        raise Duplicate(f"record {rid} kept meeting a unique index")

    def _record(self, rid: str, type_: str, sha: str, r: dict[str, Any]) -> dict[str, Any]:
        payload = r["payload"]
        # The primary key decides whether this id is new; no check-then-insert.
        inserted = self.db.execute(
            "INSERT INTO records (id, device_id, batch_id, type, schema, recorded_at, "
            "received_at, sha256, payload, status, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'rejected', ?) ON CONFLICT(id) DO NOTHING",
            [
                rid,
                self.device_id,
                self.batch_id,
                type_,
                r["schema"],
                r["recorded_at"],
                self.now,
                sha,
                canonical_json(payload).decode("utf-8"),
                self.now,
            ],
        ).rowcount
        if not inserted:
            return self.again(rid, type_, sha)
        outcome = self.decide(rid, type_, r["schema"], payload)
        if outcome.status == "retry":
            raise _Retry(outcome)
        self.decided[rid] = (type_, outcome)
        return outcome.result(rid)

    def flush(self) -> None:
        """Every outcome of the push into `records`, in one statement on PostgreSQL."""
        rows = [
            (
                rid,
                o.status,
                o.member_number,
                o.refusal.code if o.refusal else None,
                o.refusal.message if o.refusal else None,
                o.refusal.field if o.refusal else None,
            )
            for rid, (_, o) in self.decided.items()
        ]
        if not rows:
            return
        if self.store.backend == "sqlite":
            for row in rows:
                self.db.execute(
                    "UPDATE records SET status = ?, member_number = ?, code = ?, message = ?, "
                    "field = ?, updated_at = ? WHERE id = ?",
                    [*row[1:], self.now, row[0]],
                )
            return
        self.db.execute(
            "UPDATE records AS r SET status = v.status, member_number = v.member_number, "
            "code = v.code, message = v.message, field = v.field, updated_at = ? "
            "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            "AS v(id, status, member_number, code, message, field) WHERE r.id = v.id",
            [self.now, *(list(column) for column in zip(*rows, strict=True))],
        )

    def again(self, rid: str, type_: str, sha: str) -> dict[str, Any]:
        """An id HQ already keeps: the same answer as before, or `conflict`."""
        row = self.one(
            "SELECT device_id, type, sha256, status, member_number, code, message, field "
            "FROM records WHERE id = ?",
            [rid],
        )
        assert row is not None
        device_id, stored_type, stored_sha, status, number, code, message, field = row
        if (device_id, stored_type, stored_sha) != (self.device_id, type_, sha):
            self.db.execute(
                "INSERT INTO conflicts (record_id, device_id, sha256, received_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [rid, self.device_id, sha, self.now],
            )
            return {
                "id": rid,
                "status": "conflict",
                "message": "HQ holds this record id with different contents.",
            }
        refusal = Refusal(code, field, message) if status == "rejected" else None
        outcome = Outcome(status, number, refusal)
        if rid in self.decided:  # decided earlier in this push, not written yet
            outcome = self.decided[rid][1]
        return outcome.result(rid, "already_received" if outcome.status == "accepted" else None)

    def decide(self, rid: str, type_: str, schema: int, payload: dict[str, Any]) -> Outcome:
        if schema != rules.SCHEMA:
            return rejected(rules.invalid("schema", "HQ reads schema 1 only."))
        if type_ == "event":
            problems = rules.event_problems(payload, rid, self.ref)
            return rejected(problems[0]) if problems else accepted()
        if type_ == "enrolment":
            return self.enrolment(rid, payload)
        if type_ == "payment":
            return self.payment(rid, payload)
        if type_ == "payment_void":
            return self.payment_void(rid, payload)
        if type_ == "event_correction":
            return self.event_correction(payload)
        return self.correction(rid, payload)

    def event_correction(self, payload: dict[str, Any]) -> Outcome:
        """A saved event corrected by the device that recorded it. HQ keeps the event's
        record as sent; the event as HQ knows it is that record with its accepted
        corrections applied in the order received (docs/sync.md)."""
        waiting = self.referenced(payload, "event_id", "event")
        if waiting is not None:
            return waiting
        problems = rules.event_correction_problems(payload)
        if problems:
            return rejected(problems[0])
        eid = payload["event_id"]
        row = self.one("SELECT device_id, payload FROM records WHERE id = ?", [eid])
        if row is None or row[0] != self.device_id:
            return rejected(
                Refusal("not_your_record", "event_id", "Another device recorded this event.")
            )
        event: dict[str, Any] = json.loads(row[1])
        earlier = self.db.execute(
            "SELECT payload FROM records WHERE type = 'event_correction' AND status = 'accepted' "
            "AND device_id = ? ORDER BY received_at, id",
            [self.device_id],
        ).fetchall()
        for (text,) in earlier:
            correction = json.loads(text)
            if correction.get("event_id") == eid:
                event.update(correction["changes"])
        event.update(payload["changes"])
        problems = rules.event_problems(event, eid, self.ref)
        if problems:
            return rejected(problems[0])
        if "scheme_code" in payload["changes"] and self.one(
            "SELECT 1 FROM enrolments WHERE event_id = ? LIMIT 1", [eid]
        ):
            return rejected(
                rules.invalid("scheme_code", "People are enrolled at this event already.")
            )
        return accepted()

    def kept(self, record_id: str) -> tuple[Any, ...] | None:
        """(type, status) of a record HQ keeps. An accepted event is remembered for the
        rest of the push (its enrolments all name it, and nothing here changes it)."""
        known = self._accepted_events.get(record_id)
        if known is not None:
            return known
        if record_id in self.decided:
            type_, outcome = self.decided[record_id]
            return (type_, outcome.status)
        row = self.one("SELECT type, status FROM records WHERE id = ?", [record_id])
        if row is not None and row == ("event", "accepted"):
            self._accepted_events[record_id] = row
        return row

    def referenced(self, payload: dict[str, Any], name: str, type_: str) -> Outcome | None:
        """None when the record named by `payload[name]` is kept and of `type_`; `retry`
        when HQ has not seen it yet."""
        ref_id = payload.get(name)
        if not rules.is_record_id(ref_id):
            return rejected(rules.invalid(name, "A record id (lowercase UUID) is required."))
        row = self.kept(ref_id)
        if row is None:
            return retry(f"HQ has not received the {type_} this record names yet.")
        if row[0] != type_:
            return rejected(rules.unknown(name, f"The record named is not an {type_}."))
        return None

    # ------------------------------------------------------------- enrolment

    def enrolment(self, rid: str, data: dict[str, Any]) -> Outcome:
        waiting = self.referenced(data, "event_id", "event")
        if waiting is not None and waiting.status == "retry":
            return waiting
        problems = rules.enrolment_problems(data, rid, self.ref)
        if waiting is not None and waiting.refusal is not None:
            problems.insert(0, waiting.refusal)
        elif waiting is None:
            event = self.kept(data["event_id"])
            if event is not None and event[1] != "accepted":
                problems.insert(0, rules.unknown("event_id", "HQ refused this event."))
        payer_value = data.get("payer")
        payer = payer_value if isinstance(payer_value, dict) else {}
        number = data.get("member_number")
        row = (
            self.device_id,
            _str(data.get("nik")),
            number if rules.is_member_number(number) else None,
            _str(payer.get("type")),
            _str(payer.get("scheme_code")),
        )
        self.db.execute(
            "INSERT INTO enrolments (id, device_id, event_id, nik, status, requested_number, "
            "payer_type, scheme_code, data, updated_at) "
            "VALUES (?, ?, ?, ?, 'rejected', ?, ?, ?, ?, ?)",
            [
                rid,
                row[0],
                _str(data.get("event_id")),
                row[1],
                row[2],
                row[3],
                row[4],
                json.dumps(data, ensure_ascii=False, sort_keys=True),
                self.now,
            ],
        )
        return decide_enrolment(
            self.store, self.db, self.ref, rid, problems, strict_number=True, row=row,
            lookups=self.lookups,
        )

    # -------------------------------------------------------------- payments

    def payment(self, rid: str, payload: dict[str, Any]) -> Outcome:
        waiting = self.referenced(payload, "enrolment_id", "enrolment")
        if waiting is not None:
            return waiting
        problems = rules.payment_problems(payload, rid)
        if problems:
            return rejected(problems[0])
        refusal = payment_refusal(self.db, self.ref, self.device_id, payload)
        if refusal is not None:
            return rejected(refusal)
        scheme_code = self.paying_scheme(payload)
        if scheme_code is not None:
            scheme = self.ref.schemes.get(scheme_code)
            budget = scheme.budget if scheme is not None else None
            if not take_budget(self.db, scheme_code, budget, payload["amount"]):
                return rejected(
                    Refusal(
                        "budget_exceeded",
                        "amount",
                        "This payment would take the sponsor scheme past its budget.",
                    )
                )
        self.db.execute(
            "INSERT INTO payments (id, enrolment_id, device_id, amount, method, months, "
            "period_start, reference, verification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                rid,
                payload["enrolment_id"],
                self.device_id,
                payload["amount"],
                payload["method"],
                payload["months"],
                payload["period_start"],
                reference_of(payload),
                verification_for(payload),
            ],
        )
        return accepted()

    def payment_void(self, rid: str, payload: dict[str, Any]) -> Outcome:
        waiting = self.referenced(payload, "payment_id", "payment")
        if waiting is not None:
            return waiting
        problems = rules.void_problems(payload)
        if problems:
            return rejected(problems[0])
        row = self.one(
            "SELECT p.void_id, p.amount, p.method, e.payer_type, e.scheme_code "
            "FROM payments p LEFT JOIN enrolments e ON e.id = p.enrolment_id WHERE p.id = ?",
            [payload["payment_id"]],
        )
        if row is None:
            return accepted()  # a refused payment: nothing was taken, nothing to give back
        void_id, amount, method, payer_type, scheme_code = row
        voided = self.db.execute(
            "UPDATE payments SET void_id = ?, voided_at = ? WHERE id = ? AND void_id IS NULL",
            [rid, payload["voided_at"], payload["payment_id"]],
        ).rowcount
        if void_id is not None or not voided:
            return rejected(rules.invalid("payment_id", "This payment is already void."))
        if method == "sponsor" and payer_type == "sponsor" and scheme_code is not None:
            give_back_budget(self.db, scheme_code, int(amount))
        return accepted()

    def paying_scheme(self, payload: dict[str, Any]) -> str | None:
        """The scheme whose budget pays this payment: a `sponsor` payment of an enrolment
        a scheme sponsors. None for money the member pays."""
        if payload.get("method") != "sponsor" or not payload["amount"]:
            return None
        row = self.one(
            "SELECT scheme_code FROM enrolments WHERE id = ? AND payer_type = 'sponsor'",
            [payload["enrolment_id"]],
        )
        return None if row is None or row[0] is None else str(row[0])

    # ------------------------------------------------------------ correction

    def correction(self, rid: str, payload: dict[str, Any]) -> Outcome:
        waiting = self.referenced(payload, "enrolment_id", "enrolment")
        if waiting is not None:
            return waiting
        problems = rules.correction_problems(payload)
        if problems:
            return rejected(problems[0])
        eid = payload["enrolment_id"]
        changes = payload["changes"]
        row = self.one("SELECT status, data, member_number FROM enrolments WHERE id = ?", [eid])
        assert row is not None  # every kept enrolment record has its row
        status, data_text, number = row
        data = rules.apply_correction(json.loads(data_text), payload)
        problems = rules.enrolment_problems(data, eid, self.ref)
        touched = [p for p in problems if rules.touches(p.field, changes)]
        if touched:
            return rejected(touched[0])  # the correction itself is wrong: not applied
        if problems and status != "rejected":
            return rejected(problems[0])
        self.db.execute(
            "UPDATE enrolments SET data = ?, updated_at = ? WHERE id = ?",
            [json.dumps(data, ensure_ascii=False, sort_keys=True), self.now, eid],
        )
        if status != "rejected":
            return accepted(number if status == "active" else None)
        # A rejected enrolment is checked again with the correction applied; when it
        # passes it becomes active and this correction carries its member number.
        outcome = decide_enrolment(
            self.store, self.db, self.ref, eid, problems, strict_number=False,
            lookups=self.lookups,
        )
        self.decided[eid] = ("enrolment", outcome)
        if outcome.status == "rejected" and outcome.refusal is not None:
            refusal = outcome.refusal
            message = "The enrolment still has a problem: " + refusal.message
            return rejected(Refusal(refusal.code, refusal.field, message))
        return outcome


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def set_record_outcome(db: Connection, rid: str, outcome: Outcome, now: str) -> None:
    refusal = outcome.refusal
    db.execute(
        "UPDATE records SET status = ?, member_number = ?, code = ?, message = ?, field = ?, "
        "updated_at = ? WHERE id = ?",
        [
            outcome.status,
            outcome.member_number,
            refusal.code if refusal else None,
            refusal.message if refusal else None,
            refusal.field if refusal else None,
            now,
            rid,
        ],
    )


def decide_enrolment(
    store: Store,
    db: Connection,
    ref: ReferenceData,
    eid: str,
    problems: list[Refusal],
    strict_number: bool,
    row: tuple[Any, ...] | None = None,
    lookups: Lookups | None = None,
) -> Outcome:
    """Make a checked enrolment active, a duplicate, or rejected, and say so in its row.

    `strict_number`: a number the device sent that is not its own, or is taken, refuses
    the enrolment. When a correction brings a rejected enrolment back, HQ gives it a
    number of its own instead, since the number cannot be corrected. `row`: the
    enrolment's (device_id, nik, requested_number, payer_type, scheme_code) when the
    caller has just written them."""
    if row is None:
        row = db.execute(
            "SELECT device_id, nik, requested_number, payer_type, scheme_code "
            "FROM enrolments WHERE id = ?",
            [eid],
        ).fetchone()
    assert row is not None
    device_id, nik, requested, payer_type, scheme_code = row

    def refuse(refusal: Refusal) -> Outcome:
        db.execute(
            "UPDATE enrolments SET status = 'rejected', updated_at = ? WHERE id = ?",
            [store.now(), eid],
        )
        return rejected(refusal)

    if problems:
        return refuse(problems[0])
    # A unique index met here (another writer made this person or this number active
    # since we looked) is handled by the caller: the record's savepoint is rolled back and
    # the record decided again, now seeing the other.
    return _activate(db, ref, eid, row, strict_number, refuse, lookups or Lookups(store, db))


def _activate(
    db: Connection,
    ref: ReferenceData,
    eid: str,
    row: tuple[Any, ...],
    strict_number: bool,
    refuse: Any,
    lookups: Lookups,
) -> Outcome:
    device_id, nik, requested, payer_type, scheme_code = row
    store = lookups.store
    existing = lookups.holder(nik, eid)
    if existing is not None:
        db.execute(
            "UPDATE enrolments SET status = 'duplicate_person', updated_at = ? WHERE id = ?",
            [store.now(), eid],
        )
        return Outcome("duplicate_person", existing[0])
    number = requested
    if number is not None:
        refusal = number_refusal(db, device_id, eid, number)
        if refusal is not None:
            if strict_number:
                outcome: Outcome = refuse(refusal)
                return outcome
            number = None
    if payer_type == "sponsor" and scheme_code is not None:
        scheme = ref.schemes.get(scheme_code)
        quota = scheme.quota if scheme is not None else None
        if not take_place(db, scheme_code, quota):  # counted over every device
            full = Refusal("quota_exceeded", "payer", "The sponsor scheme's quota is full.")
            outcome = refuse(full)
            return outcome
    number = number or lookups.number()
    db.execute(
        "UPDATE enrolments SET status = 'active', member_number = ?, updated_at = ? WHERE id = ?",
        [number, store.now(), eid],
    )
    lookups.activated(nik, number)
    return accepted(number)


def number_refusal(db: Connection, device_id: str, eid: str, number: str) -> Refusal | None:
    own = db.execute(
        "SELECT 1 FROM member_number_blocks WHERE device_id = ? AND kind = 'device' "
        "AND first <= ? AND last >= ?",
        [device_id, number, number],
    ).fetchone()
    if own is None:
        return Refusal(
            "member_number_not_allocated",
            "member_number",
            "This member number is not in a block reserved for this device.",
        )
    taken = db.execute(
        "SELECT 1 FROM enrolments WHERE member_number = ? AND id != ?", [number, eid]
    ).fetchone()
    if taken is not None:
        return Refusal(
            "member_number_used", "member_number", "Another enrolment holds this member number."
        )
    return None
