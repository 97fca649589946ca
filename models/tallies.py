"""Row counts the `status` command and the dashboard read without scanning the tables.

Counting 100,000 enrolments, their payments and 200,000 queue rows meant reading (and, on
an encrypted desk, decrypting and checking) every page of their indexes on each call: a
tenth of a second on a cold start. The counts are kept instead in `tallies`, one row each,
by triggers (schema m012), so every writer keeps them in the same transaction as the rows
it writes, whatever code path it takes (a save, an import, a void, a sync changing a queue
row's state). Enrolments, payments and queue rows are never deleted (their own triggers
refuse it), so inserts and state changes are all there is to count.

- `enrolments`, `payments`: rows in those tables;
- `payments_void`: payments with `voided_at` set;
- `outbox:<state>`: queue rows in each state (a row per state ever seen; zero once none);
- `event_pending:<event id>`: queue rows still pending that belong to that event (schema
  m013, `EVENT_PENDING`), the dashboard's "Menunggu dikirim ke kantor pusat": the event
  itself and its corrections, its enrolments and their corrections, their payments and
  the voids of those payments. Counting them meant reading every pending row (and the
  payload of each correction and void): a second at 100,000 enrolments."""

from __future__ import annotations

from models.database import Database

OUTBOX = "outbox:"

SCHEMA = """
CREATE TABLE tallies (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO tallies (name, value) SELECT 'enrolments', COUNT(*) FROM enrolments;
INSERT INTO tallies (name, value) SELECT 'payments', COUNT(*) FROM payments;
INSERT INTO tallies (name, value)
    SELECT 'payments_void', COUNT(*) FROM payments WHERE voided_at IS NOT NULL;
INSERT INTO tallies (name, value)
    SELECT 'outbox:' || state, COUNT(*) FROM outbox GROUP BY state;
CREATE TRIGGER tally_enrolments AFTER INSERT ON enrolments
BEGIN UPDATE tallies SET value = value + 1 WHERE name = 'enrolments'; END;
CREATE TRIGGER tally_payments AFTER INSERT ON payments
BEGIN UPDATE tallies SET value = value + 1 WHERE name = 'payments'; END;
CREATE TRIGGER tally_payments_void_new AFTER INSERT ON payments
WHEN NEW.voided_at IS NOT NULL
BEGIN UPDATE tallies SET value = value + 1 WHERE name = 'payments_void'; END;
CREATE TRIGGER tally_payments_void AFTER UPDATE OF voided_at ON payments
WHEN (OLD.voided_at IS NULL) != (NEW.voided_at IS NULL)
BEGIN
    UPDATE tallies SET value = value + (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
    WHERE name = 'payments_void';
END;
CREATE TRIGGER tally_outbox AFTER INSERT ON outbox
BEGIN
    INSERT INTO tallies (name, value) VALUES ('outbox:' || NEW.state, 1)
    ON CONFLICT (name) DO UPDATE SET value = value + 1;
END;
CREATE TRIGGER tally_outbox_state AFTER UPDATE OF state ON outbox
WHEN OLD.state IS NOT NEW.state
BEGIN
    UPDATE tallies SET value = value - 1 WHERE name = 'outbox:' || OLD.state;
    INSERT INTO tallies (name, value) VALUES ('outbox:' || NEW.state, 1)
    ON CONFLICT (name) DO UPDATE SET value = value + 1;
END;
"""

EVENT_PENDING_PREFIX = "event_pending:"


def _enrolment_event(enrolment_id: str) -> str:
    """The event of an enrolment held here: from its row, or, while its queue row is
    written before the row itself in the same transaction, from that queue row's payload.
    NULL for a visiting member's enrolment (held by another desk)."""
    return (
        f"COALESCE((SELECT event_id FROM enrolments WHERE id = {enrolment_id}), "
        f"(SELECT json_extract(payload, '$.event_id') FROM outbox "
        f"WHERE id = {enrolment_id} AND type = 'enrolment'))"
    )


def event_of(row: str) -> str:
    """SQL giving the event a queue row `row` (an alias: NEW, OLD, o) belongs to, or NULL.
    Every part is fixed once written (a queue row's payload, a payment's enrolment and an
    enrolment's event never change), so a row gives the same event when it is queued and
    whenever its state changes later. A payment belongs to its enrolment's event (where it
    was made does not matter), as the dashboard's money counts it; a visiting member's
    payment belongs to no event of this desk, as there."""
    named_enrolment = _enrolment_event(f"json_extract({row}.payload, '$.enrolment_id')")
    voided_payment_event = (
        "(SELECT e.event_id FROM payments p JOIN enrolments e ON e.id = p.enrolment_id "
        f"WHERE p.id = json_extract({row}.payload, '$.payment_id'))"
    )
    return (
        f"CASE {row}.type"
        f" WHEN 'event' THEN {row}.id"
        f" WHEN 'event_correction' THEN json_extract({row}.payload, '$.event_id')"
        f" WHEN 'enrolment' THEN {_enrolment_event(f'{row}.id')}"
        f" WHEN 'payment' THEN {named_enrolment}"
        f" WHEN 'enrolment_correction' THEN {named_enrolment}"
        f" WHEN 'payment_void' THEN {voided_payment_event}"
        " END"
    )


EVENT_PENDING = f"""
INSERT INTO tallies (name, value)
    SELECT '{EVENT_PENDING_PREFIX}' || event, COUNT(*)
    FROM (SELECT {event_of("o")} AS event FROM outbox o WHERE o.state = 'pending')
    WHERE event IS NOT NULL GROUP BY event;
CREATE TRIGGER tally_event_pending AFTER INSERT ON outbox
WHEN NEW.state = 'pending'
BEGIN
    INSERT INTO tallies (name, value)
        SELECT '{EVENT_PENDING_PREFIX}' || event, 1
        FROM (SELECT {event_of("NEW")} AS event) WHERE event IS NOT NULL
    ON CONFLICT (name) DO UPDATE SET value = value + 1;
END;
CREATE TRIGGER tally_event_pending_state AFTER UPDATE OF state ON outbox
WHEN (OLD.state = 'pending') != (NEW.state = 'pending')
BEGIN
    INSERT INTO tallies (name, value)
        SELECT '{EVENT_PENDING_PREFIX}' || event, CASE WHEN NEW.state = 'pending' THEN 1 ELSE -1 END
        FROM (SELECT {event_of("NEW")} AS event) WHERE event IS NOT NULL
    ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
END;
"""

#: The triggers that keep the tallies: a migration that re-makes one of their tables must
#: make them again (tests/models/test_tallies.py checks they are all there).
TRIGGERS = (
    "tally_enrolments", "tally_payments", "tally_payments_void_new", "tally_payments_void",
    "tally_outbox", "tally_outbox_state", "tally_event_pending", "tally_event_pending_state",
)  # fmt: skip


def tallies(db: Database) -> dict[str, int]:
    """Every tally, by name."""
    return {str(name): int(value) for name, value in db.execute("SELECT name, value FROM tallies")}


def tally(db: Database, name: str) -> int:
    """One tally; 0 when none was kept yet (a queue state never seen)."""
    row = db.execute("SELECT value FROM tallies WHERE name = ?", [name]).fetchone()
    return 0 if row is None else int(row[0])


def event_pending(db: Database, event_id: str) -> int:
    """Queue rows still waiting for HQ that belong to `event_id` (`event_of`)."""
    return tally(db, EVENT_PENDING_PREFIX + event_id)


def queue_counts(counts: dict[str, int]) -> dict[str, int]:
    """Queue rows by state, from `tallies(db)`, as `SELECT state, COUNT(*) FROM outbox GROUP
    BY state` gives them: states with rows, in order."""
    return {
        name[len(OUTBOX) :]: value
        for name, value in sorted(counts.items())
        if name.startswith(OUTBOX) and value > 0
    }
