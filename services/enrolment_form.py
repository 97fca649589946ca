"""The enrolment form's state, without its widgets: which fields the officer has touched,
which values the NIK filled in by itself, what the entries amount to as an
`EnrolmentInput`, whether the NIK's person can be enrolled at this event at all (as soon as
the NIK is typed), what is wrong with the entries and which of those messages to show where
(errors apart from warnings, each once), when a supervisor must approve a KTP birth date, and
the contribution (explained month by month) as soon as it can be priced.
`ui/screens/enrolment_form.py` reads its widgets into `FormEntries`, asks this presenter, and
shows the answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from models import enrolments as en
from models.clock import Clock
from models.database import Database
from models.errors import ERROR, Problem, SigapError
from models.events import Event
from models.messages import text
from models.nik import parse_nik
from models.officers import Officer
from models.rates import Contribution
from models.reference import ReferenceData, Scheme
from models.validation import check_age, check_scheme_list, check_scheme_room
from models.vocabulary import KTP_LETTERS, SPONSOR

MANDATORY_PROGRAMMES = ("JKK", "JKM")
BIRTH_DATE_APPROVAL = "nik_birth_date_needs_approval"  # the problem a supervisor settles
# Why a person cannot be enrolled at this event whatever else is typed: told on the NIK's line
# as soon as the NIK is whole (`EnrolmentFormState.eligibility`), and by Save.
ELIGIBILITY = frozenset(
    {
        "age_too_young",
        "age_too_old",
        "scheme_not_eligible",
        "scheme_quota_full",
        "scheme_budget_used_up",
        "scheme_budget_short",
    }
)


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
    @property
    def officer(self) -> Officer | None: ...


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
    eligibility: list[Problem] = field(default_factory=list)  # why not at this event


@dataclass(frozen=True)
class Lines:
    """What one message line shows: errors (red), then warnings (amber, "Perhatian: …")."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def message_field(problem: Problem) -> str:
    """The field whose line tells a problem: the NIK's for a reason the person cannot be
    enrolled at this event (the NIK and the event decide it), else the problem's own."""
    return "nik" if problem.code in ELIGIBILITY and problem.severity == ERROR else problem.field


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in order (an eligibility reason found early and again by the
    whole check counts once, whatever amounts it names)."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for p in problems:
        key: tuple[str, ...] = (p.field, p.code)
        if p.code not in ELIGIBILITY:
            key += (repr(sorted(p.params.items())), p.severity)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


class EnrolmentFormState:
    def __init__(self, desk: FormDesk) -> None:
        self.desk = desk
        self.touched: set[str] = set()
        self.auto: dict[str, str] = {}  # fields filled from the NIK, and what they got
        self.show_all = False  # after a save attempt every problem shows
        self._birth_date_approval: tuple[str, str, str] | None = None  # NIK, date, supervisor
        # A scheme's use and its list's word on a NIK, read once while a person is typed
        # (ms at every keystroke with thousands enrolled) and again at each save attempt.
        self._scheme_facts: dict[tuple[str, str], tuple[int, int, str | None]] = {}
        # The input last checked and what validate made of it: a save of the very same input
        # hands it to enrol, which then re-checks only what another writer can change.
        self._last_checked: tuple[en.EnrolmentInput, en.CheckedEnrolment] | None = None
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
        self._birth_date_approval = None
        self.refresh()

    def refresh(self) -> None:
        """Read the schemes' use again at the next check (a save attempt, another event:
        an import or a void elsewhere counts)."""
        self._scheme_facts.clear()

    def new_person(self) -> None:
        """Another NIK is typed over the last one after a refused save: the last try's
        messages go, and what the old NIK filled in is the new NIK's to fill again."""
        auto = dict(self.auto)
        self.reset()
        self.auto.update(auto)

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
        """The entries as an enrolment, with the supervisor who approved this NIK's KTP
        birth date when one did."""
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
            birth_date_approved_by=self.birth_date_approver(entries),
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

    def eligibility(self, entries: FormEntries) -> list[Problem]:
        """Why the person a whole, valid NIK names cannot be enrolled at this event, before
        anything else is typed: too young or too old (by the KTP's birth date when one is
        typed, else the NIK's), and when the event's scheme pays: not on its list, its quota
        full, its budget used up (or, once the price is known, too short for it). The rules
        are the ones Save applies (`check_age`, `check_scheme_room`, `check_scheme_list`)."""
        desk = self.desk
        if desk.event is None or len(entries.nik) != 16:
            return []
        today = desk.clock().date()
        info, _ = parse_nik(entries.nik, desk.ref.regions, today)
        if info is None:
            return []
        born = parse_date(entries.birth_date) or info.birth_date
        problems = check_age(born, today, desk.ref.rate_table.age_limits(today))
        scheme = self._paying_scheme(entries)
        if scheme is not None:
            used, spent, listed = self._facts(scheme, info.nik)
            so_far = self.contribution_so_far(entries)
            amount = so_far.total if so_far else None
            problems += check_scheme_room(scheme, used, spent, amount)
            problems += check_scheme_list(scheme, listed)
        return problems

    def _paying_scheme(self, entries: FormEntries) -> Scheme | None:
        event = self.desk.event
        if event is None or entries.payer[0] != SPONSOR:
            return None
        return self.desk.ref.schemes.get(event.scheme_code or "")

    def _facts(self, scheme: Scheme, nik: str) -> tuple[int, int, str | None]:
        key = (scheme.code, nik)
        if key not in self._scheme_facts:
            ledger = en.SchemeLedger(self.desk.db, scheme)
            self._scheme_facts[key] = (ledger.used, ledger.spent, ledger.listed_name(nik))
        return self._scheme_facts[key]

    def check(self, entries: FormEntries) -> FormCheck | None:
        """Everything wrong with the entries (warnings too), each once, the reasons this
        person cannot be enrolled at this event first; the enrolment already on the desk with
        this NIK, and the contribution; None with no event open."""
        desk = self.desk
        event = desk.event
        if event is None:
            return None
        inp = self.to_input(entries)
        checked, found = en.validate(inp, event, desk.ref, desk.clock().date())
        self._last_checked = (inp, checked) if checked is not None else None
        eligibility = self.eligibility(entries)
        problems = eligibility + found
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
        problems = _once(problems)
        errors = [p for p in problems if p.severity == ERROR]
        if checked is not None and not errors and desk.officer is not None:
            # Ready to save: its rows and payloads are made now, while the officer reads the
            # screen, so pressing Save only checks what may have changed and writes.
            en.prepare(checked, desk.officer.id, inp.source)
        return FormCheck(problems, existing, contribution, errors, eligibility)

    def visible(self, problem_field: str, entries: FormEntries) -> bool:
        """A field's messages show once the officer has been there (or tried to save)."""
        if self.show_all or problem_field == "nik" and len(entries.nik) == 16:
            return True
        if problem_field.startswith("heirs."):
            return problem_field.rsplit(".", 1)[0] in self.touched
        if problem_field == "address.village_code":
            return "address.village_code" in self.touched or "district" in self.touched
        return problem_field in self.touched

    def shown(
        self, problems: list[Problem], keys: set[str], entries: FormEntries, lang: str
    ) -> dict[str, Lines]:
        """What each of the form's message lines (`keys`) shows, errors apart from warnings,
        each message once: a problem on a part of a field shows on the field's line when the
        part has none; a reason the person cannot be enrolled at this event on the NIK's."""
        shown: dict[str, Lines] = {}
        said: set[tuple[str, str]] = set()
        for p in problems:
            where = message_field(p)
            key = where if where in keys else where.split(".")[0]
            if key not in keys or not self.visible(where, entries):
                continue
            message = p.message(lang)
            if p.severity == ERROR and p.code in ELIGIBILITY:
                message = text("not_eligible_here", lang, reason=message)
            elif p.severity != ERROR:
                message = text("form_warning", lang, message=message)
            if (key, message) in said:
                continue
            said.add((key, message))
            lines = shown.setdefault(key, Lines())
            (lines.errors if p.severity == ERROR else lines.warnings).append(message)
        return shown

    def messages(
        self, problems: list[Problem], keys: set[str], entries: FormEntries, lang: str
    ) -> dict[str, list[str]]:
        """`shown`, each line's errors then warnings in one list."""
        return {
            key: lines.errors + lines.warnings
            for key, lines in self.shown(problems, keys, entries, lang).items()
        }

    @staticmethod
    def needs_birth_date_approval(errors: list[Problem]) -> bool:
        """Whether the only thing stopping the save is a KTP birth date unlike the NIK's
        digits: then a supervisor who sees the KTP approves it, once, and the form saves."""
        return bool(errors) and all(p.code == BIRTH_DATE_APPROVAL for p in errors)

    @staticmethod
    def birth_date_prompt(lang: str) -> str:
        """What the supervisor is asked to check before approving a KTP birth date."""
        return text("nik_birth_date_approval_prompt", lang)

    def approve_birth_date(self, entries: FormEntries, supervisor_id: str) -> None:
        """A supervisor saw the KTP: its birth date is the one typed. The approval holds for
        this NIK and this date only; changing either asks again."""
        self._birth_date_approval = (entries.nik.strip(), entries.birth_date.strip(), supervisor_id)

    def birth_date_approver(self, entries: FormEntries) -> str | None:
        approval = self._birth_date_approval
        if approval and approval[:2] == (entries.nik.strip(), entries.birth_date.strip()):
            return approval[2]
        return None

    def save(self, entries: FormEntries) -> en.SavedEnrolment:
        """Save the entries for the signed-in officer (raises ValidationError, SigapError or
        a storage error, and then nothing was saved)."""
        desk = self.desk
        if desk.event is None or desk.officer is None:
            raise SigapError("event_unknown", event_id="-")
        inp = self.to_input(entries)
        last = self._last_checked
        checked = last[1] if last is not None and last[0] == inp else None
        saved = en.enrol(
            desk.db, desk.ref, desk.event.id, inp, desk.officer.id, desk.clock, checked=checked
        )
        self._birth_date_approval = None
        self._last_checked = None
        return saved

    def amount_line(self, contribution: Contribution | None, lang: str) -> str:
        """The price explained: `3 bulan: Rp8.400 × 1 (keringanan PP 50/2025) + Rp16.800 × 2
        = Rp42.000`; "—" while there is none."""
        if contribution is None:
            return "—"
        return en.amount_line(self.desk.ref, contribution, lang)

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
