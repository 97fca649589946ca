"""The desk's words, each declared once: the codes stored and sent to HQ, how HQ's answers map
onto the queue, and what each code is called in Indonesian and English (the labels live in
`models/messages.py`, `LABELS`). Screens, reports and the sync engine import them from here.
"""

from __future__ import annotations

from models.messages import label

# ------------------------------------------------------------------ genders

# As stored and sent to HQ (hq-api.md): M or F. The KTP and partners' lists write the
# Indonesian letters L (laki-laki) and P (perempuan); both spellings are read.
MALE = "M"
FEMALE = "F"
GENDERS = (MALE, FEMALE)
KTP_LETTERS = {MALE: "L", FEMALE: "P"}  # as the KTP writes them, and the desk's form
GENDER_SPELLINGS = {**{g: g for g in GENDERS}, **{v: g for g, v in KTP_LETTERS.items()}}


def gender_label(code: str | None, lang: str = "id") -> str:
    """`Laki-laki` / `Perempuan` (Male / Female); "" for none."""
    return label(f"gender.{code}", lang) if code in GENDERS else (code or "")


def gender_letter(code: str | None, lang: str = "id") -> str:
    """The one-letter form for narrow columns: L/P in Indonesian, M/F in English."""
    return label(f"gender_letter.{code}", lang) if code in GENDERS else (code or "")


# ------------------------------------------------------------------ the queue to HQ

# The state of a record's queue row (outbox.state).
PENDING = "pending"  # waiting to be sent (again)
SYNCED = "synced"  # HQ holds it
DUPLICATE_PERSON = "duplicate_person"  # HQ already had this person: kept with HQ's number
REJECTED = "rejected"  # HQ refused it; a correction may bring it back
CONFLICT = "conflict"  # HQ holds another version
QUEUE_STATES = (PENDING, SYNCED, DUPLICATE_PERSON, REJECTED, CONFLICT)
AT_HQ = (SYNCED, DUPLICATE_PERSON)
NEEDS_REVIEW = (REJECTED, CONFLICT)


def queue_state_label(state: str | None, lang: str = "id") -> str:
    """A queue state in the officer's words; "" for none, an unknown state as it is."""
    if state is None:
        return ""
    return label(f"queue_state.{state}", lang) if state in QUEUE_STATES else state


# HQ's status for one record (hq-api.md, POST /sync/push and GET /sync/status).
HQ_ACCEPTED = "accepted"
HQ_ALREADY_RECEIVED = "already_received"
HQ_DUPLICATE_PERSON = "duplicate_person"
HQ_REJECTED = "rejected"
HQ_CONFLICT = "conflict"
HQ_RETRY = "retry"
HQ_STATUSES = (
    HQ_ACCEPTED,
    HQ_ALREADY_RECEIVED,
    HQ_DUPLICATE_PERSON,
    HQ_REJECTED,
    HQ_CONFLICT,
    HQ_RETRY,
)

# What each HQ status makes of the record's queue row.
QUEUE_STATE_FOR_HQ_STATUS = {
    HQ_ACCEPTED: SYNCED,
    HQ_ALREADY_RECEIVED: SYNCED,
    HQ_DUPLICATE_PERSON: DUPLICATE_PERSON,
    HQ_REJECTED: REJECTED,
    HQ_CONFLICT: CONFLICT,
    HQ_RETRY: PENDING,
}


# ------------------------------------------------------------------ who pays

SELF = "self"  # the worker pays
SPONSOR = "sponsor"  # a sponsor scheme pays (the event's)
PAYER_TYPES = (SELF, SPONSOR)


# ------------------------------------------------------------------ heirs

# Heirs for the JKM death benefit (PP 44/2015 art. 40), in the order a form offers them,
# with the words partners write for each.
RELATIONSHIP_SPELLINGS = {
    "spouse": (
        "spouse", "suami", "istri", "isteri", "suami/istri", "suami/isteri", "pasangan",
        "janda", "duda", "husband", "wife",
    ),
    "child": ("child", "anak", "putra", "putri", "son", "daughter"),
    "parent": (
        "parent", "orang tua", "orangtua", "ortu", "ayah", "bapak", "bapa", "ibu", "mama",
        "mamak", "emak", "papa", "bunda", "father", "mother",
    ),
    "grandparent": (
        "grandparent", "kakek", "nenek", "kakek/nenek", "eyang", "mbah", "grandfather",
        "grandmother",
    ),
    "grandchild": ("grandchild", "cucu", "grandson", "granddaughter"),
    "sibling": (
        "sibling", "saudara", "kakak", "adik", "abang", "kakak/adik", "brother", "sister",
    ),
    "parent_in_law": (
        "parent_in_law", "parent in law", "mertua", "ibu mertua", "bapak mertua",
        "ayah mertua", "father in law", "mother in law",
    ),
    "will_named": ("will_named", "wasiat", "penerima wasiat", "named in will", "named in a will"),
}  # fmt: skip
# Words that say more about the relationship without changing it: `kakak kandung`,
# `adik perempuan`, `anak laki-laki`, `suami sah`, `anak pertama`.
RELATIONSHIP_QUALIFIERS = frozenset(
    {
        "kandung", "laki", "perempuan", "pria", "wanita", "sah", "sulung", "bungsu",
        "tertua", "pertama", "kedua", "ketiga", "keempat", "kelima", "tunggal", "saya",
        "older", "younger", "elder",
    }
)  # fmt: skip
RELATIONSHIPS = tuple(RELATIONSHIP_SPELLINGS)


def relationship_label(code: str, lang: str = "id") -> str:
    """An heir's relationship in the officer's words; an unknown code as it is."""
    return label(f"relationship.{code}", lang) if code in RELATIONSHIPS else code


def relationship_choices(lang: str = "id") -> list[tuple[str, str]]:
    """(label, code) of every relationship, in the form's order."""
    return [(relationship_label(code, lang), code) for code in RELATIONSHIPS]


# ------------------------------------------------------------------ fields

# The fields of an enrolment as the core names them (in problems, corrections and HQ's
# answers), in the form's order.
FIELDS = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "gender",
    "mother_maiden_name",
    "phone",
    "address.street",
    "address.rt",
    "address.rw",
    "address.village_code",
    "occupation_code",
    "heirs",
)


def field_label(name: str, lang: str = "id") -> str:
    """A field name of the core (`address.rt`) in the officer's words; others as they are."""
    return label(f"field.{name}", lang) if name in FIELDS else name
