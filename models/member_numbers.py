"""A member's number as the desk knows it: the final number (from this device's reserved
blocks, or assigned by HQ), else the provisional `P-XXXXXXXX` one derived from the
enrolment id, which every card, receipt and screen shows marked as provisional until HQ
gives the final one. How it is written for an officer is `models.messages.member_number_text`,
the one formatter every screen, document and command-line table uses."""

from __future__ import annotations

PROVISIONAL_PREFIX = "P-"


def provisional_number(enrolment_id: str) -> str:
    """The number a card shows until HQ assigns a member number: `P-` and the last 8 hex
    digits of the enrolment id. (Its first 8 are the UUIDv7 timestamp, the same for every
    enrolment made within about a minute; the last ones are random.)"""
    return PROVISIONAL_PREFIX + enrolment_id.replace("-", "")[-8:].upper()


def is_provisional(number: str | None) -> bool:
    return bool(number) and str(number).startswith(PROVISIONAL_PREFIX)


def member_reference(member_number: str | None, enrolment_id: str | None = None) -> str:
    """The number a member goes by: the final one, else the provisional one of the
    enrolment, else "" (neither is known: no enrolment id, as for a number still to come)."""
    if member_number:
        return member_number
    return provisional_number(enrolment_id) if enrolment_id else ""
