"""The interface's words for the core's vocabulary (models/vocabulary.py: field names,
genders, heirs' relationships, queue states), for every screen and dialog that shows them, in
the language the interface speaks now. The words are declared once, in models/messages.py
(`LABELS`); nothing here repeats them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models import vocabulary
from models.vocabulary import QUEUE_STATES

# The queue states of docs/sync.md, in the order a record moves through them.
SYNC_STATES = QUEUE_STATES


def interface_lang() -> str:
    """`en` while the English catalogue is installed (it translates this marker), else `id`:
    the same language every `tr()` of the interface speaks."""
    return "en" if QCoreApplication.translate("Language", "id") == "en" else "id"


def field_label(name: str) -> str:
    """A field name of the core (`address.rt`) in the officer's words."""
    return vocabulary.field_label(name, interface_lang())


def relationship_label(code: str) -> str:
    return vocabulary.relationship_label(code, interface_lang())


def relationship_choices() -> list[tuple[str, str]]:
    """(label, code) of the heirs' relationships, in the form's order."""
    return vocabulary.relationship_choices(interface_lang())


def sync_state_label(state: str | None) -> str:
    """A queue state in the officer's words (unknown states are shown as they are)."""
    return vocabulary.queue_state_label(state, interface_lang())


def gender_label(code: str | None) -> str:
    """`Laki-laki` / `Perempuan`."""
    return vocabulary.gender_label(code, interface_lang())


def gender_letter(code: str | None) -> str:
    """`L` / `P` (`M` / `F` in English), for narrow columns."""
    return vocabulary.gender_letter(code, interface_lang())
