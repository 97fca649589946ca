"""The schema as numbered migrations. Never edit an applied one: add the next number."""

from __future__ import annotations

from sqlcipher3 import dbapi2 as sqlite  # the driver's own: the standard sqlite3 stays unloaded

from models.audit_chain import chain_existing
from models.database import Database, Migrations
from models.tallies import EVENT_PENDING
from models.tallies import SCHEMA as TALLIES
from models.validation import search_key

MIGRATIONS = Migrations("sigap")


@MIGRATIONS(name="m001_initial")
def m001_initial(db: Database) -> None:
    statements = """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO counters (name, value) VALUES ('receipt', 0);

    CREATE TABLE officers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor')),
        passphrase_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        created_by TEXT
    );

    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        location TEXT NOT NULL,
        region_code TEXT NOT NULL,
        branch_code TEXT NOT NULL,
        scheme_code TEXT,
        default_programmes TEXT NOT NULL,
        default_months INTEGER NOT NULL,
        officer_id TEXT NOT NULL REFERENCES officers(id),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT REFERENCES officers(id)
    );

    CREATE TABLE enrolments (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id),
        member_number TEXT UNIQUE,
        nik TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL,
        birth_place TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),
        mother_maiden_name TEXT NOT NULL,
        phone TEXT,
        street TEXT NOT NULL DEFAULT '',
        rt TEXT NOT NULL DEFAULT '',
        rw TEXT NOT NULL DEFAULT '',
        village_code TEXT,
        occupation_code TEXT NOT NULL,
        declared_income INTEGER NOT NULL,
        programmes TEXT NOT NULL,
        months INTEGER NOT NULL,
        payer_type TEXT NOT NULL CHECK (payer_type IN ('self', 'sponsor')),
        scheme_code TEXT,
        consent_at TEXT NOT NULL,
        officer_id TEXT NOT NULL REFERENCES officers(id),
        recorded_at TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'desk'
    );
    CREATE INDEX enrolments_event ON enrolments (event_id, recorded_at);
    CREATE INDEX enrolments_scheme ON enrolments (scheme_code);

    CREATE TABLE heirs (
        enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        relationship TEXT NOT NULL,
        nik TEXT,
        phone TEXT,
        PRIMARY KEY (enrolment_id, position)
    );

    CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
        receipt_seq INTEGER NOT NULL UNIQUE,
        receipt_number TEXT NOT NULL UNIQUE,
        amount INTEGER NOT NULL,
        months INTEGER NOT NULL,
        period_start TEXT NOT NULL,
        jkk INTEGER NOT NULL,
        jkm INTEGER NOT NULL,
        jht INTEGER NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('cash', 'sponsor', 'transfer')),
        payer_type TEXT NOT NULL,
        scheme_code TEXT,
        received_at TEXT NOT NULL,
        officer_id TEXT NOT NULL REFERENCES officers(id),
        voided_at TEXT,
        void_reason TEXT,
        void_officer_id TEXT REFERENCES officers(id),
        void_approved_by TEXT REFERENCES officers(id)
    );
    CREATE INDEX payments_enrolment ON payments (enrolment_id);
    CREATE INDEX payments_scheme ON payments (scheme_code);

    -- A payment is never deleted and its facts never change: it can only be voided, once.
    CREATE TRIGGER payments_never_deleted BEFORE DELETE ON payments
    BEGIN SELECT RAISE(ABORT, 'payments are never deleted; void them instead'); END;
    CREATE TRIGGER payments_facts_fixed
    BEFORE UPDATE OF id, enrolment_id, receipt_seq, receipt_number, amount, months,
        period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at, officer_id
    ON payments
    BEGIN SELECT RAISE(ABORT, 'a payment cannot be changed; void it instead'); END;
    CREATE TRIGGER payments_void_once BEFORE UPDATE OF voided_at ON payments
    WHEN OLD.voided_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'this payment is already void'); END;
    CREATE TRIGGER enrolments_never_deleted BEFORE DELETE ON enrolments
    BEGIN SELECT RAISE(ABORT, 'enrolments are never deleted'); END;

    -- The queue for HQ, one row per record of hq-api.md, in recorded order (seq).
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN
            ('event', 'enrolment', 'payment', 'payment_void', 'enrolment_correction')),
        schema INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        hq_code TEXT,
        hq_field TEXT,
        hq_message TEXT,
        member_number TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX outbox_state ON outbox (state, seq);
    CREATE TRIGGER outbox_never_deleted BEFORE DELETE ON outbox
    BEGIN SELECT RAISE(ABORT, 'queued records are never deleted'); END;
    CREATE TRIGGER outbox_payload_fixed BEFORE UPDATE OF id, type, payload, sha256 ON outbox
    BEGIN SELECT RAISE(ABORT, 'a queued record never changes; queue a correction'); END;

    -- Who did what to which record, when. Values of personal data never go here.
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        officer_id TEXT,
        action TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_record ON audit (record_type, record_id);

    CREATE TABLE eligibility (
        scheme_code TEXT NOT NULL,
        nik TEXT NOT NULL,
        full_name TEXT,
        imported_at TEXT NOT NULL,
        officer_id TEXT NOT NULL REFERENCES officers(id),
        PRIMARY KEY (scheme_code, nik)
    );

    CREATE TABLE member_number_blocks (
        first TEXT PRIMARY KEY,
        last TEXT NOT NULL,
        next TEXT NOT NULL
    );
    """
    for statement in _split(statements):
        db.execute(statement)


@MIGRATIONS(name="m002_name_search")
def m002_name_search(db: Database) -> None:
    """Find an enrolment by any fragment of its name: a folded name key (see
    `validation.search_key`) for every enrolment, and a trigram index over it."""
    db.execute("ALTER TABLE enrolments ADD COLUMN name_key TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT rowid, full_name FROM enrolments").fetchall()
    db.conn.executemany(
        "UPDATE enrolments SET name_key = ? WHERE rowid = ?",
        [(search_key(name), rowid) for rowid, name in rows],
    )
    for statement in _split(
        """
        CREATE VIRTUAL TABLE enrolment_names USING fts5(
            name_key, content='enrolments', content_rowid='rowid',
            tokenize='trigram', detail='none');
        CREATE TRIGGER enrolment_names_ai AFTER INSERT ON enrolments BEGIN
            INSERT INTO enrolment_names (rowid, name_key) VALUES (new.rowid, new.name_key);
        END;
        CREATE TRIGGER enrolment_names_au AFTER UPDATE OF name_key ON enrolments BEGIN
            INSERT INTO enrolment_names (enrolment_names, rowid, name_key)
                VALUES ('delete', old.rowid, old.name_key);
            INSERT INTO enrolment_names (rowid, name_key) VALUES (new.rowid, new.name_key);
        END;
        INSERT INTO enrolment_names (enrolment_names) VALUES ('rebuild');
        CREATE INDEX enrolments_name_key ON enrolments (name_key);
        """
    ):
        db.execute(statement)


@MIGRATIONS(name="m003_corrections")
def m003_corrections(db: Database) -> None:
    """Corrections of saved enrolments (each one also queued for HQ as an
    `enrolment_correction` record), and the indexes the participants list needs to stay
    fast at 100,000 enrolments: every enrolment in recorded order without sorting, one
    officer's, and the sync state of each enrolment's queue row without reading the row."""
    for statement in _split(
        """
        CREATE TABLE corrections (
            id TEXT PRIMARY KEY,
            enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
            changes TEXT NOT NULL,
            reason TEXT NOT NULL,
            officer_id TEXT NOT NULL REFERENCES officers(id),
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX corrections_enrolment ON corrections (enrolment_id, recorded_at);
        CREATE TRIGGER corrections_never_deleted BEFORE DELETE ON corrections
        BEGIN SELECT RAISE(ABORT, 'corrections are never deleted'); END;
        CREATE TRIGGER corrections_fixed BEFORE UPDATE ON corrections
        BEGIN SELECT RAISE(ABORT, 'a correction never changes; queue another one'); END;
        CREATE INDEX enrolments_recorded ON enrolments (recorded_at);
        CREATE INDEX enrolments_officer ON enrolments (officer_id, recorded_at);
        CREATE INDEX outbox_enrolment_state ON outbox (id, state) WHERE type = 'enrolment';
        """
    ):
        db.execute(statement)


@MIGRATIONS(name="m004_print_log")
def m004_print_log(db: Database) -> None:
    """Every print: what, which record, who, when, which copy (a reprint says SALINAN)."""
    for statement in _split(
        """
        CREATE TABLE print_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            copy_number INTEGER NOT NULL,
            officer_id TEXT NOT NULL REFERENCES officers(id),
            printed_at TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}',
            UNIQUE (kind, record_id, copy_number)
        );
        CREATE INDEX print_log_record ON print_log (record_id);
        CREATE TRIGGER print_log_never_deleted BEFORE DELETE ON print_log
        BEGIN SELECT RAISE(ABORT, 'the print log is never deleted'); END;
        """
    ):
        db.execute(statement)


@MIGRATIONS(name="m005_hq_reference")
def m005_hq_reference(db: Database) -> None:
    """HQ's copy of the reference data (GET /reference): one row, its body as received,
    used where its version is newer than the copy shipped in resources/. And the few queue
    rows carrying a sync problem, so the problems list finds them without reading the queue."""
    for statement in _split(
        """
        CREATE TABLE hq_reference (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version TEXT NOT NULL,
            etag TEXT,
            body TEXT NOT NULL,
            fetched_at TEXT NOT NULL
        );
        CREATE INDEX outbox_last_error ON outbox (last_error) WHERE last_error IS NOT NULL;
        """
    ):
        db.execute(statement)


@MIGRATIONS(name="m006_audit_chain")
def m006_audit_chain(db: Database) -> None:
    """The audit trail hash-chained (see models/audit.py): every entry already written is
    chained in id order, so an upgraded laptop's trail verifies from its first entry. And
    the trail is never changed or deleted through SQL; dropping these triggers is what the
    chain then shows."""
    db.execute("ALTER TABLE audit ADD COLUMN prev_hash TEXT")
    db.execute("ALTER TABLE audit ADD COLUMN hash TEXT")
    chain_existing(db)
    for statement in _split(
        """
        CREATE TRIGGER audit_never_changed BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;
        CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;
        """
    ):
        db.execute(statement)


@MIGRATIONS(name="m007_no_passphrase_hashes")
def m007_no_passphrase_hashes(db: Database) -> None:
    """Passphrases now only wrap each officer's copy of the database key (sigap.keys); the
    Argon2id hashes the earlier version kept are dropped. The column stays, empty, so an
    older copy of the schema still reads."""
    db.execute("UPDATE officers SET passphrase_hash = ''")


@MIGRATIONS(name="m008_lighter_saves")
def m008_lighter_saves(db: Database) -> None:
    """Fewer pages written by each save (on an encrypted desk every page written is
    encrypted and signed, so the pages are the cost of a save):

    - the sponsor-scheme indexes hold only sponsored records, the ones they are asked for;
    - a record's audit entries are found by its id alone (ids are time-ordered, so a save's
      entries land on one index page instead of one page per kind of record);
    - the name index keeps no per-name token counts (nothing ranks by them), and takes the
      newest names in batches (`enrolments.index_new_names`) instead of one at every save:
      `counters.names_indexed` is the last enrolment rowid in it, the newer ones are
      searched by their name key directly;
    - receipt numbers follow the highest one given (payments are never deleted), so no
      counter row is written with each payment;
    - heirs are stored in their key's order, without a second copy of the key."""
    for statement in _split(
        """
        DROP INDEX enrolments_scheme;
        CREATE INDEX enrolments_scheme ON enrolments (scheme_code) WHERE scheme_code IS NOT NULL;
        DROP INDEX payments_scheme;
        CREATE INDEX payments_scheme ON payments (scheme_code) WHERE scheme_code IS NOT NULL;
        DROP INDEX audit_record;
        CREATE INDEX audit_record ON audit (record_id);
        DROP TABLE enrolment_names;
        CREATE VIRTUAL TABLE enrolment_names USING fts5(
            name_key, content='enrolments', content_rowid='rowid',
            tokenize='trigram', detail='none', columnsize=0);
        INSERT INTO enrolment_names (enrolment_names) VALUES ('rebuild');
        INSERT INTO counters (name, value)
            SELECT 'names_indexed', COALESCE(MAX(rowid), 0) FROM enrolments;
        DROP TRIGGER enrolment_names_ai;
        DROP TRIGGER enrolment_names_au;
        CREATE TRIGGER enrolment_names_au AFTER UPDATE OF name_key ON enrolments
        WHEN old.rowid <= (SELECT value FROM counters WHERE name = 'names_indexed') BEGIN
            INSERT INTO enrolment_names (enrolment_names, rowid, name_key)
                VALUES ('delete', old.rowid, old.name_key);
            INSERT INTO enrolment_names (rowid, name_key) VALUES (new.rowid, new.name_key);
        END;
        DELETE FROM counters WHERE name = 'receipt';
        CREATE TABLE heirs_by_key (
            enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            relationship TEXT NOT NULL,
            nik TEXT,
            phone TEXT,
            PRIMARY KEY (enrolment_id, position)
        ) WITHOUT ROWID;
        INSERT INTO heirs_by_key (enrolment_id, position, name, relationship, nik, phone)
            SELECT enrolment_id, position, name, relationship, nik, phone FROM heirs;
        DROP TABLE heirs;
        ALTER TABLE heirs_by_key RENAME TO heirs;
        """
    ):
        db.execute(statement)


@MIGRATIONS(name="m009_payments_after_enrolment")
def m009_payments_after_enrolment(db: Database) -> None:
    """Payments after enrolment (renewals, overdue months, a list member's first payment):
    a payment may be made by QRIS, carries the payer's transaction reference for a transfer
    or QRIS and the discount a rate rule gave, and remembers what HQ said of a transfer or
    QRIS (`verification`: NULL while HQ has said nothing, then `verified` or
    `not_received`). SQLite cannot change a CHECK, so the table is rebuilt, its triggers
    and indexes with it; its facts stay fixed and it is still never deleted."""
    for statement in _split(
        """
        CREATE TABLE payments_v9 (
            id TEXT PRIMARY KEY,
            enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
            receipt_seq INTEGER NOT NULL UNIQUE,
            receipt_number TEXT NOT NULL UNIQUE,
            amount INTEGER NOT NULL,
            months INTEGER NOT NULL,
            period_start TEXT NOT NULL,
            jkk INTEGER NOT NULL,
            jkm INTEGER NOT NULL,
            jht INTEGER NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('cash', 'sponsor', 'transfer', 'qris')),
            payer_type TEXT NOT NULL,
            scheme_code TEXT,
            received_at TEXT NOT NULL,
            officer_id TEXT NOT NULL REFERENCES officers(id),
            voided_at TEXT,
            void_reason TEXT,
            void_officer_id TEXT REFERENCES officers(id),
            void_approved_by TEXT REFERENCES officers(id),
            reference TEXT,
            discount_rule TEXT,
            discount_amount INTEGER NOT NULL DEFAULT 0,
            verification TEXT CHECK (verification IN ('verified', 'not_received')),
            verification_message TEXT,
            verified_at TEXT
        );
        INSERT INTO payments_v9 (id, enrolment_id, receipt_seq, receipt_number, amount, months,
            period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at,
            officer_id, voided_at, void_reason, void_officer_id, void_approved_by)
            SELECT id, enrolment_id, receipt_seq, receipt_number, amount, months,
            period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at,
            officer_id, voided_at, void_reason, void_officer_id, void_approved_by
            FROM payments;
        DROP TABLE payments;
        ALTER TABLE payments_v9 RENAME TO payments;
        CREATE INDEX payments_enrolment ON payments (enrolment_id);
        CREATE INDEX payments_scheme ON payments (scheme_code) WHERE scheme_code IS NOT NULL;
        CREATE TRIGGER payments_never_deleted BEFORE DELETE ON payments
        BEGIN SELECT RAISE(ABORT, 'payments are never deleted; void them instead'); END;
        CREATE TRIGGER payments_facts_fixed
        BEFORE UPDATE OF id, enrolment_id, receipt_seq, receipt_number, amount, months,
            period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at,
            officer_id, reference, discount_rule, discount_amount
        ON payments
        BEGIN SELECT RAISE(ABORT, 'a payment cannot be changed; void it instead'); END;
        CREATE TRIGGER payments_void_once BEFORE UPDATE OF voided_at ON payments
        WHEN OLD.voided_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'this payment is already void'); END;
        """
    ):
        db.execute(statement)


@MIGRATIONS(name="m010_event_corrections")
def m010_event_corrections(db: Database) -> None:
    """The queue takes `event_correction` records (hq-api.md revision 2): a saved event's
    name, place, dates or scheme corrected. SQLite cannot change a CHECK, so the queue is
    rebuilt with its order (seq), indexes and triggers; nothing in it changes."""
    for statement in _split(
        """
        CREATE TABLE outbox_v10 (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL CHECK (type IN ('event', 'enrolment', 'payment',
                'payment_void', 'enrolment_correction', 'event_correction')),
            schema INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            payload TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            hq_code TEXT,
            hq_field TEXT,
            hq_message TEXT,
            member_number TEXT,
            updated_at TEXT NOT NULL
        );
        INSERT INTO outbox_v10 SELECT seq, id, type, schema, recorded_at, payload, sha256,
            state, attempts, next_attempt_at, last_error, hq_code, hq_field, hq_message,
            member_number, updated_at FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_v10 RENAME TO outbox;
        CREATE INDEX outbox_state ON outbox (state, seq);
        CREATE INDEX outbox_enrolment_state ON outbox (id, state) WHERE type = 'enrolment';
        CREATE INDEX outbox_last_error ON outbox (last_error) WHERE last_error IS NOT NULL;
        CREATE TRIGGER outbox_never_deleted BEFORE DELETE ON outbox
        BEGIN SELECT RAISE(ABORT, 'queued records are never deleted'); END;
        CREATE TRIGGER outbox_payload_fixed BEFORE UPDATE OF id, type, payload, sha256 ON outbox
        BEGIN SELECT RAISE(ABORT, 'a queued record never changes; queue a correction'); END;
        """
    ):
        db.execute(statement)


@MIGRATIONS(name="m011_visiting_members")
def m011_visiting_members(db: Database) -> None:
    """A member whose enrolment another desk holds may pay here (hq-api.md revision 2): the
    desk keeps what it was shown of them (`visiting_members`: the enrolment id from their
    card, the NIK from their KTP, what the officer typed to price the months), and a payment
    names either an enrolment held here or such a member. The payments table loses its
    foreign key to `enrolments` for that, and a trigger keeps the rule instead."""
    for statement in _split(
        """
        CREATE TABLE visiting_members (
            enrolment_id TEXT PRIMARY KEY,
            member_number TEXT,
            nik TEXT NOT NULL,
            full_name TEXT NOT NULL,
            occupation_code TEXT NOT NULL,
            declared_income INTEGER NOT NULL,
            programmes TEXT NOT NULL,
            paid_until TEXT,
            event_id TEXT NOT NULL REFERENCES events(id),
            officer_id TEXT NOT NULL REFERENCES officers(id),
            recorded_at TEXT NOT NULL
        );
        CREATE TABLE payments_v11 (
            id TEXT PRIMARY KEY,
            enrolment_id TEXT NOT NULL,
            receipt_seq INTEGER NOT NULL UNIQUE,
            receipt_number TEXT NOT NULL UNIQUE,
            amount INTEGER NOT NULL,
            months INTEGER NOT NULL,
            period_start TEXT NOT NULL,
            jkk INTEGER NOT NULL,
            jkm INTEGER NOT NULL,
            jht INTEGER NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('cash', 'sponsor', 'transfer', 'qris')),
            payer_type TEXT NOT NULL,
            scheme_code TEXT,
            received_at TEXT NOT NULL,
            officer_id TEXT NOT NULL REFERENCES officers(id),
            voided_at TEXT,
            void_reason TEXT,
            void_officer_id TEXT REFERENCES officers(id),
            void_approved_by TEXT REFERENCES officers(id),
            reference TEXT,
            discount_rule TEXT,
            discount_amount INTEGER NOT NULL DEFAULT 0,
            verification TEXT CHECK (verification IN ('verified', 'not_received')),
            verification_message TEXT,
            verified_at TEXT
        );
        INSERT INTO payments_v11 SELECT id, enrolment_id, receipt_seq, receipt_number, amount,
            months, period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at,
            officer_id, voided_at, void_reason, void_officer_id, void_approved_by, reference,
            discount_rule, discount_amount, verification, verification_message, verified_at
            FROM payments;
        DROP TABLE payments;
        ALTER TABLE payments_v11 RENAME TO payments;
        CREATE INDEX payments_enrolment ON payments (enrolment_id);
        CREATE INDEX payments_scheme ON payments (scheme_code) WHERE scheme_code IS NOT NULL;
        CREATE TRIGGER payments_name_a_member BEFORE INSERT ON payments
        WHEN NOT EXISTS (SELECT 1 FROM enrolments WHERE id = NEW.enrolment_id)
            AND NOT EXISTS (SELECT 1 FROM visiting_members WHERE enrolment_id = NEW.enrolment_id)
        BEGIN SELECT RAISE(ABORT, 'a payment names an enrolment or a visiting member'); END;
        CREATE TRIGGER payments_never_deleted BEFORE DELETE ON payments
        BEGIN SELECT RAISE(ABORT, 'payments are never deleted; void them instead'); END;
        CREATE TRIGGER payments_facts_fixed
        BEFORE UPDATE OF id, enrolment_id, receipt_seq, receipt_number, amount, months,
            period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at,
            officer_id, reference, discount_rule, discount_amount
        ON payments
        BEGIN SELECT RAISE(ABORT, 'a payment cannot be changed; void it instead'); END;
        CREATE TRIGGER payments_void_once BEFORE UPDATE OF voided_at ON payments
        WHEN OLD.voided_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'this payment is already void'); END;
        """
    ):
        db.execute(statement)


@MIGRATIONS(name="m012_tallies")
def m012_tallies(db: Database) -> None:
    """Row counts kept by triggers in the writes' own transactions (models/tallies.py), so
    `status` reads them instead of scanning every row."""
    for statement in _split(TALLIES):
        db.execute(statement)


@MIGRATIONS(name="m013_event_pending")
def m013_event_pending(db: Database) -> None:
    """Each event's queue rows still waiting for HQ, kept by triggers like the other tallies
    (models/tallies.py), so its dashboard reads one row instead of the whole queue."""
    for statement in _split(EVENT_PENDING):
        db.execute(statement)


def _split(script: str) -> list[str]:
    """Statements of a script, trigger bodies kept whole (SQLite decides where one ends)."""
    out, current = [], ""
    for line in script.splitlines():
        if not line.strip() or line.strip().startswith("--"):
            continue
        current += line + "\n"
        if sqlite.complete_statement(current):
            out.append(current)
            current = ""
    return out
