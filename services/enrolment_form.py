"""The enrolment form's state, without its widgets: which fields the officer has touched,
which values the NIK filled in by itself, what the entries amount to as an
`EnrolmentInput`, what is wrong with them and which of those messages to show, and the
contribution as soon as it can be priced. `ui/screens/enrolment_form.py` reads its widgets
into `FormEntries`, asks this presenter, and shows the answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from models import enrolments as en
from models.clock import Clock
from models.database import Database
from models.errors import ERROR, Problem
from models.events import Event
from models.nik import parse_nik
from models.rates import Contribution
from models.reference import ReferenceData
from models.vocabulary import KTP_LETTERS

MANDATORY_PROGRAMMES = ("JKK", "JKM")


def parse_income(text: str) -> int | None:
    """Rupiah as typed: 1.000.000, 1,000,000, Rp 1000000."""
    digits = text.replace(".", "").replace(",", "").replace(" ", "").removeprefix("Rp")
    return int(digits) if digits.isdigit() else None


def parse_date(text: str) -> date | None:
    """A date as typed on the form, DD-MM-YYYY."""
    parts = text.strip().split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


class FormDesk(Protocol):
    """What the form works against (the window's session has these)."""

    @property
    def db(self) -> Database: ...
    @property
    def ref(self) -> ReferenceData: ...
    @property
    def event(self) -> Event | None: ...
    @property
    def clock(self) -> Clock: ...


@dataclass(frozen=True)
class HeirEntry:
    name: str = ""
    relationship: str = ""
    nik: str = ""
    phone: str = ""


@dataclass(frozen=True)
class FormEntries:
    """The form as the officer left it: texts as typed, choices by their codes."""

    nik: str = ""
    full_name: str = ""
    birth_place: str = ""
    birth_date: str = ""  # DD-MM-YYYY as typed
    gender: str = ""  # L or P
    mother_maiden_name: str = ""
    phone: str = ""
    street: str = ""
    rt: str = ""
    rw: str = ""
    district: str = ""  # the district's region code
    village_code: str = ""
    occupation: str = ""  # as typed or picked from the list
    income: str = ""  # as typed
    jht: bool = False
    months: int | None = None
    payer: tuple[str, str] = ("self", "cash")  # (payer type, payment method)
    heirs: tuple[HeirEntry, ...] = ()
    consent: bool = False

    def texts(self) -> tuple[str, ...]:
        """The typed fields of the person, heirs apart."""
        return (
            self.nik, self.full_name, self.birth_place, self.birth_date,
            self.mother_maiden_name, self.phone, self.street, self.rt, self.rw,
            self.occupation, self.income,
        )  # fmt: skip


@dataclass(frozen=True)
class NikFill:
    """What the NIK fills in, for the fields the officer has not typed (None: leave it)."""

    birth_date: str | None = None  # DD-MM-YYYY
    gender: str | None = None  # L or P
    district: str | None = None  # region code


@dataclass(frozen=True)
class FormCheck:
    problems: list[Problem]
    existing: en.EnrolmentSummary | None  # an enrolment with this NIK already on the desk
    contribution: Contribution | None
    errors: list[Problem] = field(default_factory=list)  # the problems that block saving


class EnrolmentFormState:
    def __init__(self, desk: FormDesk) -> None:
        self.desk = desk
        self.touched: set[str] = set()
        self.auto: dict[str, str] = {}  # fields filled from the NIK, and what they got
        self.show_all = False  # after a save attempt every problem shows
        self._occupation_by_label = {
            occupation_label(o.name_id, o.name_en).casefold(): o.code
            for o in desk.ref.occupations.values()
        }

    # ------------------------------------------------------------------ edits

    def edited(self, key: str) -> None:
        """The officer changed `key`: its messages show, and the NIK no longer fills it."""
        self.touched.add(key)
        self.auto.pop(key, None)

    def reset(self) -> None:
        """Ready for the next person."""
        self.touched.clear()
        self.auto.clear()
        self.show_all = False

    def nik_fill(self, entries: FormEntries) -> NikFill | None:
        """Birth date, sex and district from a complete, valid NIK, for each of them the
        officer left empty or the NIK filled before; None when the NIK says nothing."""
        if len(entries.nik) != 16:
            return None
        info, _ = parse_nik(entries.nik, self.desk.ref.regions, self.desk.clock().date())
        if info is None:
            return None
        born = gender = district = None
        if not entries.birth_date.strip() or "birth_date" in self.auto:
            born = info.birth_date.strftime("%d-%m-%Y")
            self.auto["birth_date"] = born
        if not entries.gender or "gender" in self.auto:
            gender = KTP_LETTERS[info.gender]
            self.auto["gender"] = gender
        if (not entries.district or "district" in self.auto) and not info.region_retired:
            district = info.district_code
            self.auto["district"] = district
        return NikFill(born, gender, district)

    # ------------------------------------------------------------------ reading

    def occupation_code(self, typed: str) -> str:
        """The occupation's code from its label, its code, or an exact name; "?" when the
        text names none, "" when empty."""
        text = typed.strip()
        ref = self.desk.ref
        code = self._occupation_by_label.get(text.casefold())
        if code:
            return code
        if text.upper() in ref.occupations:
            return text.upper()
        matches = ref.occupation_search(text) if len(text) >= 3 else []
        exact = [
            o for o in matches if text.casefold() in (o.name_id.casefold(), o.name_en.casefold())
        ]
        return exact[0].code if exact else ("?" if text else "")

    def to_input(self, entries: FormEntries) -> en.EnrolmentInput:
        payer, method = entries.payer
        if payer == "sponsor" and self.desk.event is not None:
            programmes, months = None, None  # the scheme decides
        else:
            programmes, months = self._programmes(entries), entries.months
        return en.EnrolmentInput(
            nik=entries.nik,
            full_name=entries.full_name,
            birth_place=entries.birth_place,
            birth_date=parse_date(entries.birth_date),
            gender=entries.gender,
            mother_maiden_name=entries.mother_maiden_name,
            phone=entries.phone,
            street=entries.street,
            rt=entries.rt,
            rw=entries.rw,
            village_code=entries.village_code,
            occupation_code=self.occupation_code(entries.occupation),
            declared_income=parse_income(entries.income),
            programmes=programmes,
            months=months,
            payer=payer,
            method=method if payer == "self" else "cash",
            heirs=[en.HeirInput(h.name, h.relationship, h.nik, h.phone) for h in entries.heirs],
            consent=entries.consent,
        )

    @staticmethod
    def _programmes(entries: FormEntries) -> list[str]:
        return [*MANDATORY_PROGRAMMES, *(["JHT"] if entries.jht else [])]

    @staticmethod
    def is_dirty(entries: FormEntries) -> bool:
        """Anything typed that is not saved yet."""
        if any(t.strip() for t in entries.texts()):
            return True
        return any(h.name.strip() or h.nik.strip() for h in entries.heirs)

    # ------------------------------------------------------------------ checking

    def check(self, entries: FormEntries) -> FormCheck | None:
        """Everything wrong with the entries (warnings too), the enrolment already on the
        desk with this NIK, and the contribution; None with no event open."""
        desk = self.desk
        event = desk.event
        if event is None:
            return None
        inp = self.to_input(entries)
        checked, found = en.validate(inp, event, desk.ref, desk.clock().date())
        problems = list(found)
        existing = en.find_by_nik(desk.db, inp.nik) if len(inp.nik) == 16 else None
        if checked is not None:
            ledger = en.SchemeLedger(desk.db, checked.scheme) if checked.scheme else None
            problems += en.check_in_database(desk.db, checked, ledger)
            problems += checked.warnings
        elif existing is not None:
            problems.append(en.duplicate_problem(existing))
        contribution = (
            checked.contribution if checked is not None else self.contribution_so_far(entries)
        )
        errors = [p for p in problems if p.severity == ERROR]
        return FormCheck(problems, existing, contribution, errors)

    def visible(self, problem_field: str, entries: FormEntries) -> bool:
        """A field's messages show once the officer has been there (or tried to save)."""
        if self.show_all or problem_field == "nik" and len(entries.nik) == 16:
            return True
        if problem_field.startswith("heirs."):
            return problem_field.rsplit(".", 1)[0] in self.touched
        if problem_field == "address.village_code":
            return "address.village_code" in self.touched or "district" in self.touched
        return problem_field in self.touched

    def messages(
        self, problems: list[Problem], keys: set[str], entries: FormEntries, lang: str
    ) -> dict[str, list[str]]:
        """The messages to show beside each of the form's message lines (`keys`): a
        problem on a part of a field shows on the field's line when the part has none."""
        shown: dict[str, list[str]] = {}
        for p in problems:
            key = p.field if p.field in keys else p.field.split(".")[0]
            if key in keys and self.visible(p.field, entries):
                shown.setdefault(key, []).append(p.message(lang))
        return shown

    def contribution_so_far(self, entries: FormEntries) -> Contribution | None:
        """The price as soon as income and occupation are known, before the rest is filled:
        the worker wants to hear the amount early."""
        payer, _method = entries.payer
        return en.contribution_so_far(  # the price validate charges, by the same rules
            self.desk.ref,
            self.desk.event,
            self.desk.clock().date(),
            occupation_code=self.occupation_code(entries.occupation),
            income=parse_income(entries.income),
            payer=payer,
            programmes=self._programmes(entries),
            months=int(entries.months or 0),  # a scheme sets its own months
        )


def occupation_label(name_id: str, name_en: str) -> str:
    """How an occupation reads in the form's list: both names."""
    return f"{name_id} ({name_en})"
