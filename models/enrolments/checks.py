"""Every check of an enrolment that needs no database: the fields, the NIK's agreement with
them, age, income, the programmes and months, who pays, the heirs, consent."""

from __future__ import annotations

from datetime import date
from typing import Any

from models import audit
from models.database import Database
from models.enrolments.inputs import CheckedEnrolment, EnrolmentInput, HeirInput
from models.enrolments.pricing import contribution_for, ordered_programmes
from models.errors import WARNING, Problem
from models.events import Event, in_area
from models.nik import NikInfo, check_agreement, parse_nik
from models.officers import get_officer
from models.reference import ReferenceData, Scheme
from models.validation import (
    check_age,
    clean_gender,
    clean_name,
    clean_relationship,
    clean_rt_rw,
    clean_short_text,
    normalise_phone,
)
from models.vocabulary import SELF, SPONSOR


def validate(
    inp: EnrolmentInput, event: Event, ref: ReferenceData, today: date
) -> tuple[CheckedEnrolment | None, list[Problem]]:
    """Every check that needs no database: fields, NIK agreement, age, rates, scheme shape."""
    problems: list[Problem] = []
    rates = ref.rate_table
    if not event.is_open:
        problems.append(Problem("event_id", "event_closed"))

    info, p = parse_nik(inp.nik, ref.regions, today, inp.birth_date)
    problems += p
    full_name, p = clean_name(inp.full_name, "full_name")
    problems += p
    birth_place, p = clean_short_text(inp.birth_place, "birth_place", required=True)
    problems += p
    if inp.birth_date is None:
        problems.append(Problem("birth_date", "field_required"))
    gender, p = clean_gender(inp.gender)
    problems += p
    mother, p = clean_name(inp.mother_maiden_name, "mother_maiden_name")
    problems += p
    phone, p = normalise_phone(inp.phone)
    problems += p
    street, p = clean_short_text(inp.street, "address.street", required=False)
    problems += p
    rt, p = clean_rt_rw(inp.rt, "address.rt")
    problems += p
    rw, p = clean_rt_rw(inp.rw, "address.rw")
    problems += p
    village_code = None
    if inp.village_code.strip():
        village = ref.regions.get(inp.village_code)
        if village is None or village.retired or village.level != "village":
            problems.append(Problem("address.village_code", "village_unknown"))
        else:
            village_code = village.code

    occupation = ref.occupations.get(inp.occupation_code.strip().upper())
    if not inp.occupation_code.strip():
        problems.append(Problem("occupation_code", "field_required"))
    elif occupation is None:
        problems.append(Problem("occupation_code", "occupation_unknown"))

    if inp.declared_income is None:
        problems.append(Problem("declared_income", "field_required"))
    else:
        problems += rates.check_income(today, inp.declared_income)

    if info is not None and inp.birth_date is not None:
        problems += check_age(inp.birth_date, today, rates.age_limits(today))
    if info is not None:
        problems += birth_date_rule(
            check_agreement(info, inp.birth_date, gender, village_code), inp
        )

    # Who pays, and for what.
    payer = inp.payer or (SPONSOR if event.scheme_code else SELF)
    scheme = None
    if payer == SPONSOR:
        scheme = ref.schemes.get(event.scheme_code or "")
        if scheme is None:
            problems.append(Problem("payer", "event_has_no_scheme"))
    elif payer != SELF:
        problems.append(Problem("payer", "payer_invalid"))
    if scheme is not None:
        programmes = list(scheme.programmes)
        months = scheme.months
        if inp.programmes is not None and sorted(inp.programmes) != sorted(programmes):
            problems.append(
                Problem("programmes", "scheme_programmes", {"programmes": "+".join(programmes)})
            )
        if inp.months is not None and inp.months != months:
            problems.append(Problem("months", "scheme_months", {"months": months}))
        method: str | None = "sponsor"
    else:
        programmes = (
            list(inp.programmes) if inp.programmes is not None else list(event.default_programmes)
        )
        months = inp.months if inp.months is not None else event.default_months
        problems += rates.check_programmes(programmes)
        if months not in rates.months_allowed:
            allowed = ", ".join(str(m) for m in rates.months_allowed)
            problems.append(Problem("months", "months_invalid", {"allowed": allowed}))
        method = inp.method if inp.method in ("cash", "transfer") else None
        if method is None:
            problems.append(Problem("method", "method_invalid"))
    if not inp.pay:
        method = None
    if scheme is not None and scheme.region_code:
        problems += outside_scheme_area(scheme, ref, info, village_code)
    programmes = ordered_programmes(programmes)

    heirs, p = check_heirs(inp.heirs, info, ref, today)
    problems += p

    if not inp.consent:
        problems.append(Problem("consent", "consent_required"))

    errors = [p for p in problems if p.severity == "error"]
    if errors or info is None or occupation is None or inp.declared_income is None:
        return None, problems
    assert gender is not None
    contribution = contribution_for(
        ref,
        today,
        sector=occupation.sector,
        income=inp.declared_income,
        programmes=programmes,
        months=months,
        scheme=scheme,
    )
    checked = CheckedEnrolment(
        event=event,
        nik=info,
        full_name=full_name,
        birth_place=birth_place,
        gender=gender,
        mother_maiden_name=mother,
        phone=phone,
        street=street,
        rt=rt,
        rw=rw,
        village_code=village_code,
        occupation_code=occupation.code,
        declared_income=inp.declared_income,
        programmes=programmes,
        months=months,
        payer_type=payer,
        scheme=scheme,
        method=method,
        heirs=heirs,
        contribution=contribution,
        consent_at=inp.consent_at,
        warnings=[p for p in problems if p.severity != "error"],
        birth_date=inp.birth_date,
        birth_date_approved_by=(
            inp.birth_date_approved_by if inp.birth_date != info.birth_date else None
        ),
        checked_on=today,
    )
    return checked, problems


def outside_scheme_area(
    scheme: Scheme, ref: ReferenceData, info: NikInfo | None, village_code: str | None
) -> list[Problem]:
    """A scheme pays for the residents of its area: a NIK issued elsewhere, or an address
    elsewhere, is a warning to check the KTP and the address (people move; the event's own
    place was checked when the event was made)."""
    area = ref.regions.get(scheme.region_code or "")
    params = {"scheme": scheme.name, "area": area.name if area else scheme.region_code}
    out = []
    if info is not None and not in_area(info.district_code, scheme.region_code):
        out.append(Problem("nik", "scheme_area_nik", params, WARNING))
    if village_code and not in_area(village_code, scheme.region_code):
        out.append(Problem("address.village_code", "scheme_area_address", params, WARNING))
    return out


def birth_date_rule(problems: list[Problem], inp: EnrolmentInput) -> list[Problem]:
    """A KTP birth date that differs from the NIK's digits is legitimate (a NIK is not
    reissued when a birth date is corrected, PP 40/2019 art. 30): at the desk it needs a
    supervisor who saw the KTP, then it is a warning; from a partner's list nobody saw the
    KTP, so the row is refused with word to enrol the person at the desk."""
    return ktp_birth_date_rule(problems, inp.source == "desk", inp.birth_date_approved_by)


def ktp_birth_date_rule(
    problems: list[Problem], at_desk: bool, approved_by: str | None
) -> list[Problem]:
    """`birth_date_rule` for any save of a birth date (an enrolment, a correction)."""
    out = []
    for p in problems:
        if p.code != "nik_birth_date_mismatch":
            out.append(p)
        elif not at_desk:
            out.append(Problem(p.field, "nik_birth_date_enrol_at_desk"))
        elif approved_by:
            out.append(Problem(p.field, "nik_birth_date_approved", severity=WARNING))
        else:
            out.append(Problem(p.field, "nik_birth_date_needs_approval"))
    return out


def check_heirs(
    heirs: list[HeirInput], member: NikInfo | None, ref: ReferenceData, today: date
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The heirs as typed, checked and cleaned (at least one is required); also used when a
    record's heirs are corrected."""
    problems: list[Problem] = []
    out: list[dict[str, Any]] = []
    filled = [
        h
        for h in heirs
        if any((h.name.strip(), h.relationship.strip(), h.nik.strip(), h.phone.strip()))
    ]
    if not filled:
        return [], [Problem("heirs", "heir_required")]
    for i, heir in enumerate(filled):
        prefix = f"heirs.{i}."
        name, p = clean_name(heir.name, prefix + "name")
        problems += p
        relationship, p = clean_relationship(heir.relationship, prefix + "relationship")
        problems += p
        nik: str | None = None
        if heir.nik.strip():
            info, p = parse_nik(heir.nik, ref.regions, today)
            problems += [Problem(prefix + "nik", x.code, x.params, x.severity) for x in p]
            if info is not None:
                nik = info.nik
                if member is not None and nik == member.nik:
                    problems.append(Problem(prefix + "nik", "heir_is_member"))
        phone, p = normalise_phone(heir.phone, prefix + "phone")
        problems += p
        out.append({"name": name, "relationship": relationship, "nik": nik, "phone": phone})
    return out, problems


def check_in_write_lock(db: Database, checked: CheckedEnrolment) -> list[Problem]:
    """What only the database can say, checked inside the save's write lock: the
    supervisor named for a KTP birth date is an active supervisor of this desk."""
    if not checked.birth_date_differs_from_nik:
        return []
    return approver_problems(db, checked.birth_date_approved_by)


def approver_problems(db: Database, approver: str | None) -> list[Problem]:
    """The supervisor named for a KTP birth date is an active supervisor of this desk
    (inside the caller's write lock). Nothing when nobody is named."""
    if approver is None:
        return []
    officer = get_officer(db, approver)
    if officer is None or not officer.active or not officer.is_supervisor:
        return [Problem("birth_date", "needs_supervisor")]
    return []


def birth_date_approval(
    at: str, approver: str, enrolment_id: str, **detail: Any
) -> tuple[Any, ...]:
    """The audit row of a supervisor's approval of a KTP birth date that differs from the
    NIK, written with the enrolment or its correction (as
    `services.approvals.record_approval` writes one)."""
    return audit.audit_row(
        at, approver, "approve", "enrolment", enrolment_id,
        {"action": "birth_date_differs_from_nik", **detail},
    )  # fmt: skip
