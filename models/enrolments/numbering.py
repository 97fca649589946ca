"""Numbers given on this device: member numbers from the blocks HQ reserved for it, and the
receipt numbers. Both are taken inside the saving write transaction.

A number once given is never given again, even after a restore put back a database from
before it. `sigap.numbers`, beside the database (a restore never replaces it), keeps two
things per device:
- the marks: the highest receipt and member number known given, raised from the database
  at every sign-in (a read-only command's excepted: it gives none) and from the database a
  restore is about to replace, and from HQ's answers. Numbering carries on after whichever
  is higher, the database's or the mark;
- the reservation: numbers a save may give without writing the file. When a save needs a
  number above it, the reservation is moved `RESERVE` numbers further and flushed to the
  disk before the number is used, so the file is written once every `RESERVE` saves, not
  on every save. When a restore replaces a database that can no longer be read (its
  numbers are unknown), every reserved number counts as given: at most a reservation of
  numbers is skipped, none is given twice.
A save rolled back gives its numbers back (the reservation is only a ceiling), so receipt
numbers have no gap in normal operation.

A member number block from HQ that holds numbers already used here (HQ's mistake, or a
restore) does not stop enrolment: used numbers are skipped, the block is reported
(log and audit), and only the numbers really free are counted as left."""

from __future__ import annotations

import copy
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from models import audit, files
from models.clock import rfc3339, system_clock
from models.database import Database
from models.folder import private_file

log = logging.getLogger(__name__)

MARKS_FILE = "sigap.numbers"
RESERVE = 64  # numbers a save may give before the file is written again
_FORMAT = "sigap-numbers"


# ------------------------------------------------------------------ high-water marks


# Per connection: the file's path and this device's id, which never change while it is open
# (a save asks for them twice; the connection is kept to tell a new one at the same address).
_per_connection: dict[int, tuple[Any, Path | None, str]] = {}


def _where(db: Database) -> tuple[Path | None, str]:
    seen = _per_connection.get(id(db.conn))
    if seen is not None and seen[0] is db.conn:
        return seen[1], seen[2]
    data_dir = getattr(db, "data_dir", None)
    path = data_dir / MARKS_FILE if isinstance(data_dir, Path) else None
    row = db.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()
    device = str(row[0]) if row else ""
    if device:  # made once, at the first open (models.db.ensure_device_identity)
        _per_connection[id(db.conn)] = (db.conn, path, device)
    return path, device


def _marks_path(db: Database) -> Path | None:
    return _where(db)[0]


def _device(db: Database) -> str:
    return _where(db)[1]


# The file as last read, by path, with what identifies that version (a new version is always
# renamed in, so it has another inode and times): a save only stats the file. The parsed
# document is shared: readers leave it alone, a change starts from a fresh copy (`_fresh`).
_read_cache: dict[Path, tuple[tuple[int, int, int, int], dict[str, Any]]] = {}


def _empty() -> dict[str, Any]:
    return {"format": _FORMAT, "devices": {}}


def _parse(text: str) -> dict[str, Any]:
    try:
        doc = json.loads(text)
    except ValueError:
        return _empty()
    if not isinstance(doc, dict) or not isinstance(doc.get("devices"), dict):
        return _empty()
    return doc


def _read_marks(path: Path) -> dict[str, Any]:
    """The file's content, to read only (shared between calls until the file changes)."""
    try:
        st = os.stat(path)
        version = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        seen = _read_cache.get(path)
        if seen is not None and seen[0] == version:
            return seen[1]
        text = path.read_text("utf-8")  # after the stat: a newer text is read again next time
    except (OSError, UnicodeDecodeError):
        return _empty()
    doc = _parse(text)
    _read_cache[path] = (version, doc)
    return doc


def _fresh(path: Path) -> dict[str, Any]:
    """The file's content, a copy of its own to change and write."""
    return copy.deepcopy(_read_marks(path))


def _number(entry: Any, key: str) -> int:
    try:
        return int(entry.get(key, 0)) if isinstance(entry, dict) else 0
    except (TypeError, ValueError):
        return 0


def _write(path: Path, doc: dict[str, Any], *, durable: bool) -> bool:
    """The whole file, written beside and renamed over; flushed to the disk (file and folder)
    when `durable`. Never stops the caller: the database still has its numbers. Returns
    whether it was written."""
    data = json.dumps(doc, sort_keys=True).encode("utf-8")
    _read_cache.pop(path, None)
    try:
        if durable:
            with files.replacing(path) as partial:
                partial.write_bytes(data)
                private_file(partial)
        else:
            partial = files.partial_path(path)
            partial.write_bytes(data)
            private_file(partial)
            os.replace(partial, path)
    except OSError as exc:
        log.warning("number marks not written (%s)", type(exc).__name__)
        return False
    return True


def _load(db: Database) -> tuple[Path, dict[str, Any], str] | None:
    """The file's path, its content and this device's id; None without a data folder."""
    path = _marks_path(db)
    return None if path is None else (path, _read_marks(path), _device(db))


def _given(loaded: tuple[Path, dict[str, Any], str] | None) -> tuple[int, int]:
    if loaded is None:
        return 0, 0
    mine = loaded[1]["devices"].get(loaded[2])
    return _number(mine, "receipt"), _number(mine, "member")


def marks(db: Database) -> tuple[int, int]:
    """(highest receipt sequence, highest member number) known given by this device, as
    kept outside the database; (0, 0) when none is kept."""
    return _given(_load(db))


def raise_marks(db: Database, receipt: int = 0, member: int = 0, *, durable: bool = False) -> None:
    """Keep `receipt` and `member` as the highest given, when they are higher. Only numbers
    already committed belong here."""
    path = _marks_path(db)
    if path is None:
        return
    device = _device(db)
    mine = _read_marks(path)["devices"].get(device)
    old_receipt, old_member = _number(mine, "receipt"), _number(mine, "member")
    if receipt <= old_receipt and member <= old_member:
        return
    doc = _fresh(path)
    mine = doc["devices"].setdefault(device, {})
    mine["receipt"], mine["member"] = max(receipt, old_receipt), max(member, old_member)
    _write(path, doc, durable=durable)


def _reserve(
    loaded: tuple[Path, dict[str, Any], str] | None, receipt: int = 0, member: int = 0
) -> int | None:
    """Before a save gives receipts up to `receipt` and member numbers up to `member`: the
    reservation covers them, moved `RESERVE` further and flushed first when it did not.
    Returns the receipts it covers now, on the disk; None when that is not known."""
    if loaded is None:
        return None
    path, doc, device = loaded
    reserved = doc.get("reserved")
    kept = reserved.get(device) if isinstance(reserved, dict) else None
    old_receipt, old_member = _number(kept, "receipt"), _number(kept, "member")
    if receipt <= old_receipt and member <= old_member:
        return old_receipt  # covered: the file is not touched
    doc = _fresh(path)
    reserved = doc.get("reserved")
    if not isinstance(reserved, dict):
        reserved = doc["reserved"] = {}
    kept = reserved[device] = {}
    kept["receipt"] = receipt + RESERVE if receipt > old_receipt else old_receipt
    kept["member"] = member + RESERVE if member > old_member else old_member
    return int(kept["receipt"]) if _write(path, doc, durable=True) else None


def reserved_as_given(data_dir: Path) -> None:
    """A restore replaced a database that could not be read, so what it gave since its last
    sign-in is unknown: every reserved number counts as given from now on."""
    path = data_dir / MARKS_FILE
    doc = _fresh(path)
    reserved = doc.get("reserved")
    if not isinstance(reserved, dict) or not reserved:
        return
    for device, kept in reserved.items():
        mine = doc["devices"].setdefault(device, {})
        for key in ("receipt", "member"):
            mine[key] = max(_number(mine, key), _number(kept, key))
    _write(path, doc, durable=True)


def _committed(db: Database) -> tuple[int, int]:
    receipt = int(db.execute("SELECT COALESCE(MAX(receipt_seq), 0) FROM payments").fetchone()[0])
    member = int(db.execute(
        "SELECT COALESCE(MAX(CAST(next AS INTEGER) - 1), 0) FROM member_number_blocks "
        "WHERE CAST(next AS INTEGER) > CAST(first AS INTEGER)"
    ).fetchone()[0])  # fmt: skip
    return receipt, member


def keep_marks(db: Database) -> tuple[int, int]:
    """Raise the marks to what the database holds (at sign-in, before a restore replaces
    it); returns the marks. Never raises: a mark not written is logged."""
    try:
        receipt, member = _committed(db)
        raise_marks(db, receipt, member, durable=True)
        return marks(db)
    except Exception as exc:  # the marks guard numbering; they never stop the desk
        log.warning("number marks not kept (%s)", type(exc).__name__)
        return 0, 0


def raise_member_mark(db: Database, number: str) -> None:
    """HQ holds `number` for one of this device's records: when it lies in one of this
    device's blocks, numbering never gives it (or any before it) again."""
    if db.execute(
        "SELECT 1 FROM member_number_blocks WHERE ? BETWEEN first AND last", [number]
    ).fetchone():
        raise_marks(db, member=int(number))


# ------------------------------------------------------------------ member numbers


def _used_between(db: Database, first: str, last: str) -> int:
    row = db.execute(
        "SELECT COUNT(*) FROM enrolments WHERE member_number BETWEEN ? AND ?", [first, last]
    ).fetchone()
    return int(row[0])


def add_blocks(db: Database, blocks: Iterable[tuple[str, str]]) -> int:
    """Keep blocks HQ reserved for this device (a block already kept is not added twice), in
    the caller's transaction. Returns how many member numbers the new blocks really hold:
    numbers already used here are left out, and such a block is reported."""
    added = 0
    for first, last in blocks:
        inserted = db.execute(
            "INSERT OR IGNORE INTO member_number_blocks (first, last, next) VALUES (?, ?, ?)",
            [first, last, first],
        ).rowcount
        if not inserted:
            continue
        used = _used_between(db, first, last)
        added += int(last) - int(first) + 1 - used
        if used:
            log.warning("member number block %s-%s overlaps %d numbers used here", first, last,
                        used)  # fmt: skip
            audit.log(db, rfc3339(system_clock()), None, "member_block_overlap", "device",
                      None, {"first": first, "last": last, "used": used})  # fmt: skip
    return added


def take_member_numbers(db: Database, count: int) -> list[str | None]:
    """Numbers from this device's reserved blocks, each used once; None once they run out
    (HQ then assigns one in its result). Skips numbers an enrolment here already carries
    and numbers at or below the high-water mark (given before a restore)."""
    out: list[str | None] = []
    if count == 0:
        return []
    blocks = db.execute(
        "SELECT first, last, next FROM member_number_blocks WHERE CAST(next AS INTEGER) <= "
        "CAST(last AS INTEGER) ORDER BY first"
    ).fetchall()
    if not blocks:
        return [None] * count  # none left: HQ assigns them
    loaded = _load(db)
    _, mark = _given(loaded)
    for first, last, nxt in blocks:
        if len(out) == count:
            break
        n, end = max(int(nxt), mark + 1), int(last)
        while n <= end and len(out) < count:
            number = f"{n:011d}"
            n += 1
            if db.execute("SELECT 1 FROM enrolments WHERE member_number = ?", [number]).fetchone():
                continue
            out.append(number)
        db.execute("UPDATE member_number_blocks SET next = ? WHERE first = ?", [f"{n:011d}", first])
    if out:
        _reserve(loaded, member=max(int(number) for number in out if number))
    return out + [None] * (count - len(out))


def member_numbers_left(db: Database) -> int:
    """Numbers still free in the blocks: not given yet, above the high-water mark, and not
    carried by an enrolment here."""
    _, mark = marks(db)
    left = 0
    for _first, last, nxt in db.execute(
        "SELECT first, last, next FROM member_number_blocks WHERE CAST(next AS INTEGER) <= "
        "CAST(last AS INTEGER)"
    ).fetchall():
        start, end = max(int(nxt), mark + 1), int(last)
        if start <= end:
            left += end - start + 1 - _used_between(db, f"{start:011d}", f"{end:011d}")
    return left


# ------------------------------------------------------------------ receipts


#: The highest receipt sequence given (LAST_RECEIPT), for a caller that reads it with others.
LAST_RECEIPT = "SELECT COALESCE(MAX(receipt_seq), 0) FROM payments"
#: Whether any member number block has numbers left (0 or 1).
BLOCKS_LEFT = (
    "SELECT EXISTS (SELECT 1 FROM member_number_blocks "
    "WHERE CAST(next AS INTEGER) <= CAST(last AS INTEGER))"
)


def next_receipts(db: Database, count: int, last: int | None = None) -> list[int]:
    """Receipt sequence numbers: they follow the highest one given, read in the caller's
    write transaction (payments are never deleted, so a number is never given twice, and a
    rolled-back save gives its numbers back), or the high-water mark when that is higher
    (receipts given before a restore: their numbers are on paper already). The reservation
    in `sigap.numbers` covers them before they are returned. `last`: the highest given, when
    the caller has just read it (`LAST_RECEIPT`) in its write transaction."""
    if count == 0:
        return []
    if last is None:
        last = int(db.execute(LAST_RECEIPT).fetchone()[0])
    seen = _receipts_seen.get(id(db.conn))
    if seen is not None and seen[0] is db.conn and max(last, seen[1]) + count <= seen[2]:
        last = max(last, seen[1])
        return list(range(last + 1, last + count + 1))  # reserved already: the file is not read
    loaded = _load(db)
    mark = _given(loaded)[0]
    last = max(last, mark)
    ceiling = _reserve(loaded, receipt=last + count)  # flushed before the numbers are used
    if ceiling is not None:
        _receipts_seen[id(db.conn)] = (db.conn, mark, ceiling)
    return list(range(last + 1, last + count + 1))


# Per connection: the receipt mark and the receipts reserved on the disk, as this process last
# read or wrote them, so a save whose numbers are covered does not even stat the file. What
# is covered stays covered while the connection is open: it holds the folder shared, so no
# restore can put back an older database meanwhile; the mark only rises to numbers this
# database holds (sign-ins), and every reservation is taken past the highest number given
# so far, which only grows, so a reservation is never lowered.
_receipts_seen: dict[int, tuple[Any, int, int]] = {}


def receipt_number(code: str, seq: int) -> str:
    return f"KW-{code}-{seq:06d}"
