"""The name search's index: a trigram index over each enrolment's folded name key
(`validation.search_key`), fed in batches, and the condition that finds names in it."""

from __future__ import annotations

from models.database import Database

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


#: The last enrolment rowid in the index, and the newest enrolment's rowid.
INDEXED = "SELECT value FROM counters WHERE name = 'names_indexed'"
NEWEST = "SELECT COALESCE(MAX(rowid), 0) FROM enrolments"


def index_new_names(
    db: Database, batch: int | None = None, done: int | None = None, top: int | None = None
) -> int:
    """Put the names of enrolments saved since the last batch into the trigram index once
    there are `batch` (NAMES_BATCH) of them; 1: all of them now. Runs in the caller's
    transaction; returns how many were indexed. `done` and `top` (INDEXED and NEWEST): when
    the caller knows them already in its write transaction."""
    batch = NAMES_BATCH if batch is None else batch
    if done is None:
        done = int(db.execute(INDEXED).fetchone()[0])
    if top is None:
        top = int(db.execute(NEWEST).fetchone()[0])
    if top - done < max(batch, 1):
        return 0
    db.execute(
        "INSERT INTO enrolment_names (rowid, name_key) "
        "SELECT rowid, name_key FROM enrolments WHERE rowid > ? ORDER BY rowid",
        [done],
    )
    db.execute("UPDATE counters SET value = ? WHERE name = 'names_indexed'", [top])
    return top - done
