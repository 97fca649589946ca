"""What HQ does with records: a push decided record by record in one transaction, and the
enrolment decisions reviews share (what a device asks about its records: `hq.queries`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hq import rules
from hq.counters import give_back_budget, take_budget, take_place
from hq.db import Busy, Connection, Duplicate
from hq.lookups import BatchLookups, BatchPaymentFacts, Lookups
from hq.payments import payment_refusal, reference_of, verification_for
from hq.rules import Refusal
from hq.store import Store
from hq.writes import WriteBehind
from models.outbox import canonical_json
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


def push(
    store: Store,
    ref: ReferenceData,
    device_id: str,
    batch_id: str,
    records: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Decide each record in request order, all in one write transaction (run again from
    the start if PostgreSQL ends it to break a deadlock: nothing of it was kept).

    What the push needs to know is asked once for the batch (the ids HQ keeps, the NIKs'
    holders, the member numbers sent), and the rows it decides are written at its end, one
    statement per table (hq/writes.py): a push of 100 records is a dozen statements."""

    def work(db: Connection) -> list[dict[str, Any]]:
        now = store.now()
        # Also takes the device's row lock: one device's pushes are decided one at a time.
        db.execute("UPDATE devices SET last_push_at = ? WHERE id = ?", [now, device_id])
        enrolments = [r["payload"] for r in records if r["type"] == "enrolment"]
        niks = {n for n in (p.get("nik") for p in enrolments) if isinstance(n, str)}
        store.lock_people(db, niks)
        batch = _Batch(store, db, ref, device_id, batch_id, now)
        numbers = {p.get("member_number") for p in enrolments}
        batch.lookups.prefetch(
            niks,
            {n for n in numbers if rules.is_member_number(n)},
            sum(1 for p in enrolments if not rules.is_member_number(p.get("member_number"))),
        )
        batch.prefetch(records)
        batch.payment_facts.prefetch(
            {
                r["payload"]["enrolment_id"]
                for r in records
                if r["type"] == "payment" and rules.is_record_id(r["payload"].get("enrolment_id"))
            }
        )
        try:
            out = [batch.record(r) for r in records]
            batch.finish()
        except Duplicate as exc:
            # Another writer made one of these people, numbers or ids since we looked: the
            # transaction is over; the push runs again from the start and then sees it.
            raise Busy("a unique index met by another writer") from exc
        return out

    return store.run_write(work)


_REFERENCES = ("event_id", "enrolment_id", "payment_id")  # the payload fields naming a record
_ENROLMENT_STATUS = {"accepted": "active", "duplicate_person": "duplicate_person"}


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
        self.writes = WriteBehind(db)
        self.db: Connection = self.writes
        self.ref = ref
        self.device_id = device_id
        self.batch_id = batch_id
        self.now = now
        self.lookups = BatchLookups(store, self.db, device_id)
        self.payment_facts = BatchPaymentFacts(self.lookups)
        # What HQ kept before this push, of its ids and the ids its records name.
        self.kept_before: dict[str, tuple[Any, ...]] = {}
        # Outcomes decided in this push: id -> (type, outcome), and what was sent.
        self.decided: dict[str, tuple[str, Outcome]] = {}
        self.sent: dict[str, tuple[str, str]] = {}  # id -> (type, sha256)
        self.texts: dict[str, str] = {}  # id -> its payload's canonical JSON
        self.payers: dict[str, tuple[str | None, str | None]] = {}  # enrolled in this push

    def prefetch(self, records: list[dict[str, Any]]) -> None:
        ids = [r["id"] for r in records]
        for r in records:
            for name in _REFERENCES:
                value = r["payload"].get(name)
                if rules.is_record_id(value):
                    ids.append(value)
        self.kept_before = self.lookups.records(ids)

    def one(self, sql: str, params: Any = ()) -> tuple[Any, ...] | None:
        row = self.db.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    def record(self, r: dict[str, Any]) -> dict[str, Any]:
        rid, type_, sha, payload = r["id"], r["type"], r["sha256"], r["payload"]
        text = canonical_json(payload)
        if hashlib.sha256(text).hexdigest() != sha:
            # Nothing about a record that arrived damaged can be trusted: not kept.
            return rejected(
                Refusal("sha256_mismatch", None, "The payload does not match its sha256.")
            ).result(rid)
        if rid in self.sent or rid in self.kept_before:
            return self.again(rid, type_, sha)
        self.texts[rid] = text.decode("utf-8")
        row = self.writes.add(
            "records",
            [rid, self.device_id, self.batch_id, type_, r["schema"], r["recorded_at"],
             self.now, sha, self.texts[rid], "rejected", None, None, None, None,
             self.now],
        )  # fmt: skip
        outcome = self.decide(rid, type_, r["schema"], payload)
        if outcome.status == "retry":  # nothing kept: the device sends it again
            if not self.writes.take_back("records", row):
                self.db.execute("DELETE FROM records WHERE id = ?", [rid])  # its only row
            return outcome.result(rid)
        self.decided[rid] = (type_, outcome)
        self.sent[rid] = (type_, sha)
        self.set_outcome(rid, outcome, row)
        return outcome.result(rid)

    def set_outcome(self, rid: str, outcome: Outcome, row: list[Any] | None = None) -> None:
        """The record's row says `outcome`: filled in while it waits, else written now
        (a decision that read the database wrote the rows waiting, its own among them)."""
        if row is not None and self.writes.waiting(row):
            refusal = outcome.refusal
            row[9:14] = [
                outcome.status,
                outcome.member_number,
                refusal.code if refusal else None,
                refusal.message if refusal else None,
                refusal.field if refusal else None,
            ]
        else:
            set_record_outcome(self.db, rid, outcome, self.now)

    def finish(self) -> None:
        """The rows still waiting."""
        self.writes.flush()

    def again(self, rid: str, type_: str, sha: str) -> dict[str, Any]:
        """An id HQ already keeps: the same answer as before, or `conflict`."""
        if rid in self.sent:  # earlier in this push
            stored_type, stored_sha = self.sent[rid]
            device_id = self.device_id
            outcome = self.decided[rid][1]
        else:
            device_id, stored_type, stored_sha, status, number, code, message, field = (
                self.kept_before[rid]
            )
            refusal = Refusal(code, field, message) if status == "rejected" else None
            outcome = Outcome(status, number, refusal)
            if rid in self.decided:  # decided again in this push (a correction)
                outcome = self.decided[rid][1]
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
        """(type, status) of a record HQ keeps, as this push has left it."""
        if record_id in self.decided:
            type_, outcome = self.decided[record_id]
            return (type_, outcome.status)
        if record_id in self.kept_before:
            return (self.kept_before[record_id][1], self.kept_before[record_id][3])
        return self.one("SELECT type, status FROM records WHERE id = ?", [record_id])

    def not_yours(self, record_id: str, name: str) -> Outcome | None:
        """`not_your_record` when another device made the record (rev. 2): a device amends
        only what it recorded itself."""
        if record_id in self.sent:
            return None
        owner = self.kept_before.get(record_id, (None,))[0]
        if owner is None:
            row = self.one("SELECT device_id FROM records WHERE id = ?", [record_id])
            owner = row[0] if row else None
        if owner == self.device_id:
            return None
        return rejected(
            Refusal(
                "not_your_record",
                name,
                "Another device made this record; only that device may correct or void it.",
            )
        )

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
        outcome = decide_enrolment(self.lookups, self.ref, rid, problems, True, row)
        self.payers[rid] = (row[3], row[4])
        self.payment_facts.enrolled(
            rid, self.device_id, _enrolment_status(outcome), self.texts[rid]
        )
        # Written once, with its final status (the payload's canonical text is its data).
        self.writes.add(
            "enrolments",
            [rid, row[0], _str(data.get("event_id")), row[1], _enrolment_status(outcome),
             outcome.member_number if outcome.status == "accepted" else None, row[2], row[3],
             row[4], self.texts[rid], self.now],
        )  # fmt: skip
        return outcome

    # -------------------------------------------------------------- payments

    def payment(self, rid: str, payload: dict[str, Any]) -> Outcome:
        waiting = self.referenced(payload, "enrolment_id", "enrolment")
        if waiting is not None:
            return waiting
        problems = rules.payment_problems(payload, rid)
        if problems:
            return rejected(problems[0])
        refusal = payment_refusal(self.db, self.ref, self.device_id, payload, self.payment_facts)
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
        self.writes.add(
            "payments",
            [rid, payload["enrolment_id"], self.device_id, payload["amount"], payload["method"],
             payload["months"], payload["period_start"], reference_of(payload),
             verification_for(payload)],
        )  # fmt: skip
        self.payment_facts.paying(
            payload["enrolment_id"], payload["period_start"], payload["months"]
        )
        return accepted()

    def payment_void(self, rid: str, payload: dict[str, Any]) -> Outcome:
        waiting = self.referenced(payload, "payment_id", "payment")
        if waiting is not None:
            return waiting
        theirs = self.not_yours(payload["payment_id"], "payment_id")
        if theirs is not None:
            return theirs
        problems = rules.void_problems(payload)
        if problems:
            return rejected(problems[0])
        self.payment_facts.voided()
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
        if payload["enrolment_id"] in self.payers:  # enrolled in this push
            payer_type, scheme_code = self.payers[payload["enrolment_id"]]
            return scheme_code if payer_type == "sponsor" else None
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
        theirs = self.not_yours(payload["enrolment_id"], "enrolment_id")
        if theirs is not None:
            return theirs
        problems = rules.correction_problems(payload)
        if problems:
            return rejected(problems[0])
        eid = payload["enrolment_id"]
        changes = payload["changes"]
        self.payment_facts.changed(eid)
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
            [canonical_json(data).decode("utf-8"), self.now, eid],
        )
        if status != "rejected":
            return accepted(number if status == "active" else None)
        # A rejected enrolment is checked again with the correction applied; when it
        # passes it becomes active and this correction carries its member number.
        found = self.one(
            "SELECT device_id, nik, requested_number, payer_type, scheme_code "
            "FROM enrolments WHERE id = ?",
            [eid],
        )
        assert found is not None
        outcome = decide_enrolment(self.lookups, self.ref, eid, problems, False, found)
        write_enrolment_status(self.db, eid, outcome, self.now)
        self.decided[eid] = ("enrolment", outcome)
        self.set_outcome(eid, outcome)
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


def _enrolment_status(outcome: Outcome) -> str:
    return _ENROLMENT_STATUS.get(outcome.status, "rejected")


def write_enrolment_status(db: Connection, eid: str, outcome: Outcome, now: str) -> None:
    """An enrolment decided again (a correction) says so in its row."""
    if outcome.status == "accepted":
        db.execute(
            "UPDATE enrolments SET status = 'active', member_number = ?, updated_at = ? "
            "WHERE id = ?",
            [outcome.member_number, now, eid],
        )
    else:
        db.execute(
            "UPDATE enrolments SET status = ?, updated_at = ? WHERE id = ?",
            [_enrolment_status(outcome), now, eid],
        )


def decide_enrolment(
    lookups: Lookups,
    ref: ReferenceData,
    eid: str,
    problems: list[Refusal],
    strict_number: bool,
    row: Sequence[Any],
) -> Outcome:
    """Whether a checked enrolment becomes active, a duplicate, or is rejected; the
    caller writes it. Takes the scheme's place when it becomes active.

    `strict_number`: a number the device sent that is not its own, or is taken, refuses
    the enrolment. When a correction brings a rejected enrolment back, HQ gives it a
    number of its own instead, since the number cannot be corrected. `row`: the
    enrolment's (device_id, nik, requested_number, payer_type, scheme_code). A unique
    index met when the row is written (another writer made this person or number active
    since we looked) runs the push again (`push`)."""
    if problems:
        return rejected(problems[0])
    device_id, nik, requested, payer_type, scheme_code = row
    existing = lookups.holder(nik, eid)
    if existing is not None:
        return Outcome("duplicate_person", existing[0])
    number = requested
    if number is not None:
        refusal = lookups.number_refusal(device_id, eid, number)
        if refusal is not None:
            if strict_number:
                return rejected(refusal)
            number = None
    if payer_type == "sponsor" and scheme_code is not None:
        scheme = ref.schemes.get(scheme_code)
        quota = scheme.quota if scheme is not None else None
        if not take_place(lookups.db, scheme_code, quota):  # counted over every device
            return rejected(
                Refusal("quota_exceeded", "payer", "The sponsor scheme's quota is full.")
            )
    number = number or lookups.number()
    lookups.activated(eid, nik, number)
    return accepted(number)
