"""The dashboard's "Menunggu dikirim ke kantor pusat" for one event: the queue rows still
pending that belong to it, kept by triggers (models/tallies.py, schema m013) so the figure
reads one row instead of every pending row and the payloads of corrections and voids. The
kept figure always equals counting the rows, whatever wrote them and whatever HQ answered.
Every person here is made up."""

from __future__ import annotations

import json
import random
import re
from datetime import date
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from models.corrections import correct_enrolment
from models.db import DB_FILE, connect, ensure_device_identity, set_setting
from models.enrolments import enrol, void_payment
from models.events import correct_event, create_event
from models.officers import add_officer
from models.schema import MIGRATIONS
from models.signing import card_payload, sign_with
from models.stats import event_dashboard
from models.sync_state import Outcome, apply_outcomes
from models.tallies import event_pending
from models.visitors import VisitorInput
from services import payments as pay_service
from tests.helpers import desk_key, fixed_clock, person
from tests.models.helpers_import import make_nik

TODAY = date(2026, 11, 22)

# What the dashboard counted before m013 (every pending row read, corrections' and voids'
# payloads parsed), with the event's own corrections, which belong to it too.
COUNTED = """
    WITH ens AS (SELECT id FROM enrolments WHERE event_id = :event),
         pays AS (SELECT p.id FROM payments p JOIN ens ON ens.id = p.enrolment_id)
    SELECT COUNT(*) FROM outbox o WHERE o.state = 'pending' AND (
        o.id = :event
        OR o.id IN (SELECT id FROM ens)
        OR o.id IN (SELECT id FROM pays)
        OR (o.type = 'payment_void'
            AND json_extract(o.payload, '$.payment_id') IN (SELECT id FROM pays))
        OR (o.type = 'enrolment_correction'
            AND json_extract(o.payload, '$.enrolment_id') IN (SELECT id FROM ens))
        OR (o.type = 'event_correction'
            AND json_extract(o.payload, '$.event_id') = :event)
    )
"""


def counted(db: Any, event_id: str) -> int:
    return int(db.execute(COUNTED, {"event": event_id}).fetchone()[0])


def new_event(db: Any, ref: Any, officer: str, name: str) -> str:
    return create_event(
        db, ref, name=name, starts_on=TODAY, ends_on=TODAY, location="Balai Desa",
        region_code="35.77.01", officer_id=officer, clock=fixed_clock,
    ).id  # fmt: skip


def women(first: int, n: int) -> list[Any]:
    """Made-up women born 17-08-1990 in Madiun, each with her own NIK."""
    born = date(1990, 8, 17)
    return [person(nik=make_nik("357701", born, True, i)) for i in range(first, first + n)]


def test_the_figure_reads_no_queue_row(db, ref, event, officer, supervisor):
    saved = [enrol(db, ref, event.id, p, officer, fixed_clock) for p in women(1, 3)]
    void_payment(db, saved[0].payment_id, "Salah ketik", officer, supervisor, fixed_clock)
    read: list[str] = []
    db.conn.set_trace_callback(read.append)
    try:
        figures = event_dashboard(db, event.id, TODAY, ref)
    finally:
        db.conn.set_trace_callback(None)
    assert figures["waiting_hq"] == counted(db, event.id) == 8  # event, 3 + 3, a void
    assert read and not [sql for sql in read if re.search(r"\boutbox\b(?!:)", sql)]


def test_every_kind_of_queue_row_counts_for_its_event_whatever_hq_answers(
    db, ref, event, officer, supervisor
):
    """Generated queues: saves, renewals, voids, corrections of enrolments and of events,
    a visiting member's payments, HQ's answers in every state and rows sent again; after
    each step, each event's kept figure equals counting its rows."""
    other = new_event(db, ref, officer, "Sosialisasi Terminal")
    events = [event.id, other]
    card = sign_with(
        Ed25519PrivateKey.generate(),
        card_payload("10000000777", "0190b5e2-7c1a-7d3e-9f00-4a5b6c7d8e9f"),
    )
    visitor = VisitorInput("3577014708850003", "Sri Handayani", "K002", 1_500_000,
                           ["JKK", "JKM"], "2026-11")  # fmt: skip
    rng = random.Random(16)
    people = iter(women(1, 200))
    enrolled: list[str] = []
    payments: list[str] = []
    for step in range(120):
        kind = rng.choice(
            ("enrol", "enrol", "renew", "void", "correct", "event", "visitor", "hq", "hq", "again")
        )
        if kind == "enrol" or not enrolled:
            saved = enrol(db, ref, rng.choice(events), next(people), officer, fixed_clock)
            enrolled.append(saved.enrolment_id)
            payments.append(str(saved.payment_id))
        elif kind == "renew":
            paid, _ = pay_service.pay(db, ref, rng.choice(enrolled), 1, officer, clock=fixed_clock)
            payments.append(paid.payment_id)
        elif kind == "void" and payments:
            void_payment(db, payments.pop(rng.randrange(len(payments))), "Dobel", officer,
                         supervisor, fixed_clock)  # fmt: skip
        elif kind == "correct":
            correct_enrolment(db, ref, rng.choice(enrolled), {"phone": f"0812{step:08d}"},
                              "Salah ketik", officer, fixed_clock)  # fmt: skip
        elif kind == "event":
            correct_event(db, ref, rng.choice(events), {"location": f"Balai RW {step}"},
                          "Pindah tempat", officer, fixed_clock)  # fmt: skip
        elif kind == "visitor":
            paid, _ = pay_service.pay_visitor(db, ref, card, visitor, rng.choice(events), 1,
                                              officer, clock=fixed_clock)  # fmt: skip
        elif kind == "hq":
            pending = [r[0] for r in db.execute("SELECT id FROM outbox WHERE state = 'pending'")]
            states = ("synced", "duplicate_person", "rejected", "conflict", "pending")
            apply_outcomes(
                db,
                [Outcome(i, rng.choice(states)) for i in rng.sample(pending, len(pending) // 2)],
                "2026-11-22T10:00:00Z",
            )
        else:  # a row HQ answered goes back to waiting (whatever puts it there)
            answered = [r[0] for r in db.execute("SELECT id FROM outbox WHERE state != 'pending'")]
            if answered:
                with db.atomic():
                    db.execute(
                        "UPDATE outbox SET state = 'pending' WHERE id = ?", [rng.choice(answered)]
                    )
        for e in events:
            assert event_pending(db, e) == counted(db, e), (step, kind)
    kinds = {r[0] for r in db.execute("SELECT DISTINCT type FROM outbox")}
    assert kinds == {"event", "event_correction", "enrolment", "enrolment_correction",
                     "payment", "payment_void"}  # fmt: skip
    assert {r[0] for r in db.execute("SELECT DISTINCT state FROM outbox")} >= {"pending", "synced"}
    device = int(db.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0])
    visiting = int(
        db.execute(
            "SELECT COUNT(*) FROM outbox o WHERE o.state = 'pending' AND o.type = 'payment' "
            "AND json_extract(o.payload, '$.enrolment_id') NOT IN (SELECT id FROM enrolments)"
        ).fetchone()[0]
    )
    # Every pending row belongs to one event, but a visiting member's payments.
    assert sum(event_pending(db, e) for e in events) == device - visiting


def test_a_queue_row_written_before_its_enrolment_row_counts(db, ref, event, officer):
    """Whichever order a save writes its rows in, in one transaction."""
    payload = json.dumps({"event_id": event.id})
    with db.atomic():
        db.execute(
            "INSERT INTO outbox (id, type, schema, recorded_at, payload, sha256, updated_at) "
            "VALUES ('e1', 'enrolment', 1, 't', ?, 's', 't'), "
            "('p1', 'payment', 1, 't', '{\"enrolment_id\": \"e1\"}', 's', 't')",
            [payload],
        )
    assert event_pending(db, event.id) == 3  # the event, the enrolment, its payment


def test_a_desk_from_before_m013_gets_each_events_figure_from_its_rows(tmp_path, ref):
    folder = tmp_path / "m012"
    folder.mkdir()
    old = connect(folder / DB_FILE, desk_key(folder))
    MIGRATIONS.apply(old, stop_before="m013_event_pending")
    ensure_device_identity(old)
    set_setting(old, "branch_code", "MDN01")
    add_officer(old, "sari", "Sari Wulandari", "officer", "pasar-pagi-77", clock=fixed_clock)
    add_officer(old, "budi.s", "Budi Santoso", "supervisor", "kopi-tubruk-88", clock=fixed_clock)
    first, second = (new_event(old, ref, "sari", name) for name in ("Pasar", "Terminal"))
    saved = [enrol(old, ref, e, p, "sari", fixed_clock)
             for e, p in zip((first, first, second), women(1, 3), strict=True)]  # fmt: skip
    void_payment(old, saved[0].payment_id, "Salah ketik", "sari", "budi.s", fixed_clock)
    correct_enrolment(old, ref, saved[2].enrolment_id, {"phone": "081311122233"}, "Salah ketik",
                      "sari", fixed_clock)  # fmt: skip
    correct_event(old, ref, first, {"location": "Balai RW 2"}, "Pindah", "sari", fixed_clock)
    apply_outcomes(old, [Outcome(saved[1].enrolment_id, "synced")], "2026-11-22T10:00:00Z")

    MIGRATIONS.apply(old)
    # first: itself, its correction, 2 enrolments (one synced) + 2 payments + a void
    assert (event_pending(old, first), event_pending(old, second)) == (6, 4)
    assert (counted(old, first), counted(old, second)) == (6, 4)
    enrol(old, ref, second, women(4, 1)[0], "sari", fixed_clock)
    assert event_pending(old, second) == counted(old, second) == 6
    old.close()
