"""The names of this laptop's officers, for the sign-in screen before anything is unlocked.

The sign-in lists officers as "Name (id)". Their names live in the encrypted database, which
is not open yet, so `sigap.names` beside it keeps each active officer's name by id: written
whenever an officer signs in, is added or is deactivated, private to the user like every
file of the folder (0600). It holds officers' names only, never a member's data. It is a
display aid: the id beside the name is what signs in, and a missing, damaged or edited file
only changes what the list shows (ids alone where a name is unknown)."""

from __future__ import annotations

import json
from pathlib import Path

from models.database import Database
from models.files import replacing
from models.folder import private_file

NAMES_FILE = "sigap.names"
_FORMAT = "sigap-officer-names"
_LONGEST = 120  # a name longer than any officer's is not shown


def path(data_dir: Path) -> Path:
    return data_dir / NAMES_FILE


def read(data_dir: Path) -> dict[str, str]:
    """Names by officer id; {} when there is no readable file."""
    try:
        data = json.loads(path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    names = data.get("names")
    if not isinstance(names, dict):
        return {}
    return {
        k: v.strip()
        for k, v in names.items()
        if isinstance(k, str) and isinstance(v, str) and 0 < len(v.strip()) <= _LONGEST
    }


def remember(db: Database, data_dir: Path) -> None:
    """Write the active officers' names, when they differ from what the file holds. A file
    that cannot be written is left as it was: the sign-in then shows ids."""
    rows = db.execute("SELECT id, name FROM officers WHERE active = 1 ORDER BY id").fetchall()
    names = {str(officer_id): str(name) for officer_id, name in rows}
    if read(data_dir) == names:
        return
    body = json.dumps({"format": _FORMAT, "names": names}, ensure_ascii=False, indent=1)
    try:
        with replacing(path(data_dir)) as partial:
            partial.write_text(body + "\n", encoding="utf-8")
            private_file(partial)
    except OSError:
        pass  # a full or read-only disk: the list shows ids until the next write works


def label(officer_id: str, names: dict[str, str]) -> str:
    """`Name (id)`, or the id alone when no name is known."""
    name = names.get(officer_id)
    return f"{name} ({officer_id})" if name else officer_id
