"""Field validators shared by the form, the import and HQ: phones, names, short texts."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from models.errors import WARNING, Problem
from models.vocabulary import (
    GENDER_SPELLINGS,
    RELATIONSHIP_QUALIFIERS,
    RELATIONSHIP_SPELLINGS,
)

if TYPE_CHECKING:
    from models.reference import Scheme

NAME_MAX = 100
TEXT_MAX = 60
_PHONE_JUNK = re.compile(r"[\s\-().]")
_SPACES = re.compile(r"\s+")
_SLASH = re.compile(r"\s*/\s*")
_NAME_PUNCT = set(" '’‘`.,-")
_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z '`.,-]*$")


def normalise_phone(raw: str | None, field: str = "phone") -> tuple[str | None, list[Problem]]:
    """`0812-3456-7890`, `62812…`, `+62812…` → `+62812…` (E.164). Empty → None."""
    if raw is None or not raw.strip():
        return None, []
    s = _PHONE_JUNK.sub("", raw.strip())
    if s.startswith("+62"):
        national = s[3:]
    elif s.startswith("62"):
        national = s[2:]
    elif s.startswith("0"):
        national = s[1:]
    elif s.startswith("+"):
        return None, [Problem(field, "phone_not_indonesian")]
    else:
        return None, [Problem(field, "phone_invalid")]
    if s.startswith(("+62", "62")) and national.startswith("0"):
        national = national[1:]  # `+62 (0)812…`: the trunk zero written after the country code
    if not national.isdigit() or not national.isascii() or not 8 <= len(national) <= 12:
        return None, [Problem(field, "phone_invalid")]
    if national[0] in "01":
        return None, [Problem(field, "phone_invalid")]
    return "+62" + national, []


def clean_text(raw: str | None) -> str:
    """Trimmed, inner runs of white space made one space; characters otherwise kept exactly."""
    return _SPACES.sub(" ", raw or "").strip()


def clean_name(raw: str | None, field: str, required: bool = True) -> tuple[str, list[Problem]]:
    """A person's name: letters of any script, spaces and ' ’ . , - only; Unicode kept exactly."""
    name = clean_text(raw)
    if not name:
        return name, [Problem(field, "name_required")] if required else []
    if len(name) > NAME_MAX:
        return name, [Problem(field, "name_too_long", {"max": NAME_MAX})]
    if _ASCII_NAME.match(name):  # most names: no need to look up each character
        return name, []
    for ch in name:
        if ch in _NAME_PUNCT:
            continue
        if unicodedata.category(ch)[0] not in "LM":
            return name, [Problem(field, "name_invalid_chars")]
    if not any(unicodedata.category(ch)[0] == "L" for ch in name):
        return name, [Problem(field, "name_invalid_chars")]
    return name, []


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_short_text(raw: str | None, field: str, required: bool) -> tuple[str, list[Problem]]:
    s = clean_text(raw)
    if not s:
        return s, [Problem(field, "field_required")] if required else []
    if len(s) > TEXT_MAX:
        return s, [Problem(field, "text_too_long", {"max": TEXT_MAX})]
    if not s.isprintable() and any(
        unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS for ch in s
    ):
        # Bidirectional overrides and isolates make a text display other than it reads
        # (a name, a place on a printed report): refused like control characters.
        return s, [Problem(field, "text_invalid_chars")]
    return s, []


def clean_rt_rw(raw: str | None, field: str) -> tuple[str, list[Problem]]:
    """RT/RW are up to three digits, written zero-padded: `5` → `005`. Many KTPs print `000`
    where the address has no RT or RW: it is kept as printed."""
    s = clean_text(raw)
    if not s:
        return "", []
    if not s.isdigit() or not s.isascii() or len(s) > 3:
        return s, [Problem(field, "rt_rw_invalid")]
    return f"{int(s):03d}", []


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def check_age(born: date, on: date, limits: tuple[int, int]) -> list[Problem]:
    low, too_old = limits
    age = age_on(born, on)
    if age < low:
        return [Problem("birth_date", "age_too_young", {"min": low})]
    if age >= too_old:
        return [Problem("birth_date", "age_too_old", {"max": too_old})]
    return []


def check_scheme_room(scheme: Scheme, used: int, spent: int, amount: int | None) -> list[Problem]:
    """Whether a sponsor scheme has room for one more enrolment on this device: its quota
    (`used` enrolments so far) and its budget (`spent` rupiah so far). `amount` is what this
    enrolment costs the scheme; None while it is not known yet (the form before income and
    occupation are typed), and then only a budget with nothing left is refused."""
    problems = []
    if scheme.quota is not None and used >= scheme.quota:
        problems.append(
            Problem(
                "payer",
                "scheme_quota_full",
                {"scheme": scheme.name, "quota": scheme.quota, "used": used},
            )
        )
    if scheme.budget is not None:
        remaining = scheme.budget - spent
        if amount is None and remaining <= 0:
            problems.append(
                Problem(
                    "payer",
                    "scheme_budget_used_up",
                    {"scheme": scheme.name, "remaining": max(remaining, 0)},
                )
            )
        elif amount is not None and spent + amount > scheme.budget:
            problems.append(
                Problem(
                    "payer",
                    "scheme_budget_short",
                    {"scheme": scheme.name, "remaining": remaining, "amount": amount},
                )
            )
    return problems


def check_scheme_list(
    scheme: Scheme, listed_name: str | None, full_name: str | None = None
) -> list[Problem]:
    """A scheme that pays only for the people on its eligibility list (DTSEN, a partner's
    list): `listed_name` is the list's name for this NIK ("" when it gives none), None when the
    NIK is not on it. With `full_name`, a name unlike the list's is a warning: the list's name
    is there to cross-check, and spellings differ."""
    if not scheme.eligibility_list_required:
        return []
    if listed_name is None:
        return [Problem("nik", "scheme_not_eligible", {"scheme": scheme.name})]
    if full_name is not None and listed_name and listed_name.casefold() != full_name.casefold():
        return [Problem("full_name", "eligibility_name_mismatch", severity=WARNING)]
    return []


GENDERS = GENDER_SPELLINGS


def clean_gender(raw: str | None) -> tuple[str | None, list[Problem]]:
    """`M`/`F` or Indonesian `L` (laki-laki)/`P` (perempuan)."""
    s = clean_text(raw).upper()
    if not s:
        return None, [Problem("gender", "field_required")]
    if s not in GENDERS:
        return None, [Problem("gender", "gender_invalid")]
    return GENDERS[s], []


RELATIONSHIPS = RELATIONSHIP_SPELLINGS  # code → the words partners write for it
_RELATIONSHIP_WORDS = {w: code for code, words in RELATIONSHIPS.items() for w in words}


def clean_relationship(raw: str | None, field: str) -> tuple[str, list[Problem]]:
    """An heir's relationship from the words people use: the code (`spouse`), `suami`,
    `kakak kandung`, `adik perempuan`, `Ibu Mertua`… An unknown word is refused with the
    words that are accepted."""
    s = _SLASH.sub("/", clean_text(raw).casefold().replace("-", " ")).strip()
    if not s:
        return "", [Problem(field, "field_required")]
    code = _RELATIONSHIP_WORDS.get(s) or _RELATIONSHIP_WORDS.get(s.replace(" ", "_"))
    if code is None:
        # `kakak kandung`, `adik laki laki`, `suami sah`: the word and what qualifies it.
        words = [w for w in s.split(" ") if w not in RELATIONSHIP_QUALIFIERS]
        code = _RELATIONSHIP_WORDS.get(" ".join(words)) if words else None
    if code is None:
        return s, [Problem(field, "relationship_unknown")]
    return code, []


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})


def search_key(name: str) -> str:
    """What name search compares: no diacritics, no case, one kind of apostrophe, so an
    officer typing `noman` or `regapu'u` finds `Ñoman` and `Regapu’u`."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.translate(_APOSTROPHES).casefold()).strip()
