"""HQ's checks of record payloads (schema 1): pure functions, the app's own validators."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeGuard

from models.corrections import CORRECTABLE
from models.errors import ERROR, Problem
from models.events import CORRECTABLE as EVENT_CORRECTABLE
from models.nik import check_agreement, parse_nik
from models.reference import ReferenceData
from models.validation import (
    RELATIONSHIPS,
    check_age,
    clean_name,
    clean_rt_rw,
    clean_short_text,
    normalise_phone,
)

RECORD_TYPES = (
    "event", "enrolment", "payment", "payment_void", "enrolment_correction", "event_correction",
)  # fmt: skip
SCHEMA = 1
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_MEMBER_NUMBER = re.compile(r"^[0-9]{11}$")
_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
_BRANCH = re.compile(r"^[A-Za-z0-9-]{2,20}$")
PAYMENT_METHODS = ("cash", "sponsor", "transfer", "qris")
PROGRAMMES = ("JKK", "JKM", "JHT")

# The app's problem codes that name a reference HQ does not know.
_UNKNOWN_REFERENCE = {"occupation_unknown", "village_unknown"}


@dataclass(frozen=True)
class Refusal:
    """Why HQ refuses a record: a code of hq-api.md, the field at fault, and a message that
    never repeats the value sent."""

    code: str
    field: str | None
    message: str


def is_record_id(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _UUID.match(value) is not None


def is_member_number(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _MEMBER_NUMBER.match(value) is not None


def invalid(field: str, message: str) -> Refusal:
    return Refusal("invalid_field", field, message)


def unknown(field: str, message: str) -> Refusal:
    return Refusal("unknown_reference", field, message)


def _from_problem(p: Problem, code: str = "invalid_field") -> Refusal:
    if p.code in _UNKNOWN_REFERENCE:
        code = "unknown_reference"
    return Refusal(code, p.field, p.message("en"))


def _errors(problems: list[Problem], code: str = "invalid_field") -> list[Refusal]:
    return [_from_problem(p, code) for p in problems if p.severity == ERROR]


def _text(payload: Mapping[str, Any], name: str, required: bool = True) -> list[Refusal]:
    value = payload.get(name)
    if value is None and not required:
        return []
    if not isinstance(value, str):
        return [invalid(name, "A text is required.")]
    return _errors(clean_short_text(value, name, required)[1])


def _id_text(payload: Mapping[str, Any], name: str) -> list[Refusal]:
    value = payload.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return [invalid(name, "An id is required.")]
    return []


def _moment(payload: Mapping[str, Any], name: str) -> tuple[datetime | None, list[Refusal]]:
    """An RFC 3339 time with its offset."""
    value = payload.get(name)
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        return None, [invalid(name, "A time with its UTC offset (RFC 3339) is required.")]
    return moment, []


def _day(payload: Mapping[str, Any], name: str) -> tuple[date | None, list[Refusal]]:
    value = payload.get(name)
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        return None, [invalid(name, "A date (YYYY-MM-DD) is required.")]
    return day, []


def _whole(value: object) -> TypeGuard[int]:
    return type(value) is int


def _reference_id(payload: Mapping[str, Any], name: str) -> list[Refusal]:
    if not is_record_id(payload.get(name)):
        return [invalid(name, "A record id (lowercase UUID) is required.")]
    return []


def _own_id(payload: Mapping[str, Any], name: str, record_id: str) -> list[Refusal]:
    if payload.get(name) != record_id:
        return [invalid(name, "Must be the record's own id.")]
    return []


# ------------------------------------------------------------------- event


def event_problems(payload: Mapping[str, Any], record_id: str, ref: ReferenceData) -> list[Refusal]:
    out = _own_id(payload, "event_id", record_id)
    out += _text(payload, "name")
    out += _text(payload, "location")
    starts, p = _day(payload, "starts_on")
    out += p
    ends, p = _day(payload, "ends_on")
    out += p
    if starts and ends and ends < starts:
        out.append(invalid("ends_on", "The event ends before it starts."))
    code = payload.get("region_code")
    region = ref.regions.get(code) if isinstance(code, str) else None
    if region is None or region.retired or region.level not in ("district", "village"):
        out.append(unknown("region_code", "Not a current district or village code."))
    branch = payload.get("branch_code")
    if not isinstance(branch, str) or not _BRANCH.match(branch):
        out.append(invalid("branch_code", "A branch code is required."))
    scheme = payload.get("scheme_code")
    if scheme is not None and (not isinstance(scheme, str) or scheme not in ref.schemes):
        out.append(unknown("scheme_code", "Not a known sponsor scheme."))
    out += _id_text(payload, "officer_id")
    return out


def event_correction_problems(payload: Mapping[str, Any]) -> list[Refusal]:
    """The shape of an `event_correction` (revision 2): the event's own field names only.
    Whether the corrected event passes is checked by applying it to the event."""
    out = _reference_id(payload, "event_id")
    changes = payload.get("changes")
    if not isinstance(changes, dict) or not changes:
        out.append(invalid("changes", "The changes are a non-empty object."))
    else:
        for name in changes:
            if name not in EVENT_CORRECTABLE:
                out.append(invalid(name, "This field of an event cannot be corrected."))
    out += _text(payload, "reason")
    out += _id_text(payload, "officer_id")
    return out


# --------------------------------------------------------------- enrolment


def enrolment_problems(
    data: Mapping[str, Any], record_id: str, ref: ReferenceData
) -> list[Refusal]:
    """Every problem of an enrolment (with its corrections applied), most basic first;
    HQ answers with the first. Checks needing the database (event, member number,
    duplicate person, quota) are the caller's."""
    out = _own_id(data, "enrolment_id", record_id)
    if "event_id" not in data or not is_record_id(data.get("event_id")):
        out.append(invalid("event_id", "A record id (lowercase UUID) is required."))
    number = data.get("member_number")
    if number is not None and not is_member_number(number):
        out.append(invalid("member_number", "A member number is 11 digits, or null."))
    recorded_at, p = _moment(data, "recorded_at")
    out += p
    on = recorded_at.date() if recorded_at else None
    rates = ref.rate_table
    if on is not None:
        try:
            rates.period(on)
        except LookupError:
            out.append(invalid("recorded_at", "No contribution rates cover this date."))
            on = None
    born, p = _day(data, "birth_date")
    out += p
    gender = data.get("gender")
    if gender not in ("M", "F"):
        out.append(invalid("gender", "Gender is M or F."))
        gender = None

    nik = data.get("nik")
    member_nik = None
    if not isinstance(nik, str) or len(nik) != 16:
        out.append(Refusal("invalid_nik", "nik", "The NIK must be 16 digits."))
    elif on is not None:
        info, nik_problems = parse_nik(nik, ref.regions, on, born)
        out += _errors(nik_problems, "invalid_nik")
        if info is not None:
            member_nik = info.nik
            # Agreement with the birth date and sex typed; a district elsewhere is a warning.
            # A KTP birth date unlike the NIK's digits, seen by a supervisor (rev. 2), is not.
            agreement = check_agreement(info, born, gender, None)
            if _ktp_date_approved(data):
                agreement = [p for p in agreement if p.code != "nik_birth_date_mismatch"]
            out += _errors(agreement, "invalid_nik")

    for name in ("full_name", "mother_maiden_name"):
        value = data.get(name)
        if not isinstance(value, str):
            out.append(invalid(name, "A name is required."))
        else:
            out += _errors(clean_name(value, name)[1])
    out += _text(data, "birth_place")
    out += _phone(data.get("phone"), "phone")
    out += _address(data.get("address"), ref)

    occupation = data.get("occupation_code")
    if not isinstance(occupation, str) or occupation not in ref.occupations:
        out.append(unknown("occupation_code", "Not a known occupation code."))
        occupation = None
    income = data.get("declared_income")
    if not _whole(income):
        out.append(invalid("declared_income", "Rupiah a month, a whole number."))
    elif on is not None:
        out += _errors(rates.check_income(on, income))

    programmes = data.get("programmes")
    if (
        not isinstance(programmes, list)
        or not all(isinstance(x, str) for x in programmes)
        or len(set(programmes)) != len(programmes)
    ):
        out.append(invalid("programmes", "A list of programme names is required."))
        programmes = None
    else:
        out += _errors(rates.check_programmes(programmes))
    out += _payer(data.get("payer"), programmes, occupation, ref)

    if born is not None and on is not None:
        out += _errors(check_age(born, on, rates.age_limits(on)))
    out += _heirs(data.get("heirs"), member_nik, ref, on)
    out += _moment(data, "consent_at")[1]
    out += _id_text(data, "officer_id")
    if data.get("birth_date_differs_from_nik") is True and not _ktp_date_approved(data):
        out.append(invalid("approved_by", "The supervisor who saw the ID card is required."))
    return out


def _ktp_date_approved(data: Mapping[str, Any]) -> bool:
    """hq-api.md rev. 2: `birth_date_differs_from_nik: true` with the approving supervisor."""
    approver = data.get("approved_by")
    return data.get("birth_date_differs_from_nik") is True and (
        isinstance(approver, str) and bool(approver.strip()) and len(approver) <= 100
    )


def _phone(value: object, field: str) -> list[Refusal]:
    if value is None:
        return []
    if isinstance(value, str):
        normal, problems = normalise_phone(value, field)
        if not problems and normal == value:
            return []
    return [invalid(field, "A phone number in E.164 form (+62…), or null.")]


def _address(value: object, ref: ReferenceData) -> list[Refusal]:
    if not isinstance(value, dict):
        return [invalid("address", "An address object is required.")]
    out = []
    street = value.get("street")
    if not isinstance(street, str):
        out.append(invalid("address.street", "A text is required (may be empty)."))
    else:
        out += _errors(clean_short_text(street, "address.street", required=False)[1])
    for part in ("rt", "rw"):
        field = f"address.{part}"
        raw = value.get(part)
        if not isinstance(raw, str):
            out.append(invalid(field, "A text is required (may be empty)."))
        else:
            out += _errors(clean_rt_rw(raw, field)[1])
    code = value.get("village_code")
    if code is not None:
        village = ref.regions.get(code) if isinstance(code, str) else None
        if village is None or village.retired or village.level != "village":
            out.append(unknown("address.village_code", "Not a current village code."))
    return out


def _payer(
    value: object, programmes: list[str] | None, occupation: str | None, ref: ReferenceData
) -> list[Refusal]:
    if not isinstance(value, dict) or value.get("type") not in ("self", "sponsor"):
        return [invalid("payer", "The payer is {type: self | sponsor, scheme_code}.")]
    code = value.get("scheme_code")
    if value["type"] == "self":
        if code is not None:
            return [invalid("payer.scheme_code", "A worker paying has no scheme.")]
        return []
    scheme = ref.schemes.get(code) if isinstance(code, str) else None
    if scheme is None:
        return [unknown("payer.scheme_code", "Not a known sponsor scheme.")]
    out = []
    if programmes is not None and sorted(programmes) != sorted(scheme.programmes):
        out.append(invalid("programmes", "The scheme pays for other programmes."))
    if (
        occupation is not None
        and scheme.eligible_occupations is not None
        and occupation not in scheme.eligible_occupations
    ):
        out.append(invalid("occupation_code", "The scheme does not cover this occupation."))
    return out


def _heirs(
    value: object, member_nik: str | None, ref: ReferenceData, on: date | None
) -> list[Refusal]:
    if not isinstance(value, list) or not value:
        return [invalid("heirs", "At least one heir is required.")]
    out: list[Refusal] = []
    for i, heir in enumerate(value):
        prefix = f"heirs.{i}."
        if not isinstance(heir, dict):
            out.append(invalid(f"heirs.{i}", "An heir is {name, relationship, nik, phone}."))
            continue
        name = heir.get("name")
        if not isinstance(name, str):
            out.append(invalid(prefix + "name", "A name is required."))
        else:
            out += _errors(clean_name(name, prefix + "name")[1])
        if heir.get("relationship") not in RELATIONSHIPS:
            out.append(invalid(prefix + "relationship", "Not a known relationship code."))
        nik = heir.get("nik")
        if nik is not None:
            if not isinstance(nik, str) or len(nik) != 16:
                out.append(Refusal("invalid_nik", prefix + "nik", "The NIK must be 16 digits."))
            elif on is not None:
                info, p = parse_nik(nik, ref.regions, on)
                out += [
                    Refusal("invalid_nik", prefix + "nik", x.message("en"))
                    for x in p
                    if x.severity == ERROR
                ]
                if info is not None and info.nik == member_nik:
                    out.append(invalid(prefix + "nik", "The heir cannot be the member."))
        out += _phone(heir.get("phone"), prefix + "phone")
    return out


# ----------------------------------------------------------------- payment


def payment_problems(payload: Mapping[str, Any], record_id: str) -> list[Refusal]:
    out = _own_id(payload, "payment_id", record_id)
    out += _reference_id(payload, "enrolment_id")
    out += _id_text(payload, "receipt_number")
    amount = payload.get("amount")
    if not _whole(amount) or amount < 0:
        out.append(invalid("amount", "Whole rupiah, not negative."))
        amount = None
    months = payload.get("months")
    if not _whole(months) or months < 1:
        out.append(invalid("months", "A whole number of months, at least 1."))
    period = payload.get("period_start")
    if not isinstance(period, str) or not _MONTH.match(period):
        out.append(invalid("period_start", "The first month paid, YYYY-MM."))
    breakdown = payload.get("breakdown")
    if (
        not isinstance(breakdown, dict)
        or not set(breakdown) <= set(PROGRAMMES)
        or not all(_whole(v) and v >= 0 for v in breakdown.values())
    ):
        out.append(invalid("breakdown", "Whole rupiah for JKK, JKM and JHT."))
    elif amount is not None and sum(breakdown.values()) != amount:
        out.append(invalid("breakdown", "The breakdown does not add up to the amount."))
    if payload.get("method") not in PAYMENT_METHODS:
        out.append(invalid("method", "The method is cash, sponsor, transfer or qris."))
    out += _moment(payload, "received_at")[1]
    out += _id_text(payload, "officer_id")
    return out


def void_problems(payload: Mapping[str, Any]) -> list[Refusal]:
    out = _reference_id(payload, "payment_id")
    out += _text(payload, "reason")
    out += _moment(payload, "voided_at")[1]
    out += _id_text(payload, "officer_id")
    out += _id_text(payload, "approved_by")
    return out


# -------------------------------------------------------------- correction


def correction_problems(payload: Mapping[str, Any]) -> list[Refusal]:
    """The correction's own shape; whether the corrected enrolment passes is checked by
    applying it (`apply_changes`) and checking the enrolment again."""
    out = _reference_id(payload, "enrolment_id")
    changes = payload.get("changes")
    if not isinstance(changes, dict) or not changes:
        out.append(invalid("changes", "The changes are a non-empty object."))
    else:
        for name in changes:
            if name not in CORRECTABLE:
                out.append(invalid(name, "This field cannot be corrected."))
    out += _text(payload, "reason")
    out += _id_text(payload, "officer_id")
    if payload.get("birth_date_differs_from_nik") is True and not _ktp_date_approved(payload):
        out.append(invalid("approved_by", "The supervisor who saw the ID card is required."))
    return out


def apply_correction(data: Mapping[str, Any], payload: Mapping[str, Any]) -> dict[str, Any]:
    """The enrolment with a correction applied. A corrected birth date carries its own
    approval (rev. 2, as on an enrolment): a KTP date unlike the NIK's digits with the
    supervisor who saw the card, an agreeing date with none."""
    changes = payload["changes"]
    out = apply_changes(data, changes)
    if "birth_date" in changes:
        out.pop("birth_date_differs_from_nik", None)
        out.pop("approved_by", None)
        if _ktp_date_approved(payload):
            out["birth_date_differs_from_nik"] = True
            out["approved_by"] = payload["approved_by"]
    return out


def apply_changes(data: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The enrolment with the changes made: `address.rt` sets a part of the address,
    `heirs` replaces the whole list."""
    out = copy.deepcopy(dict(data))
    for name, value in changes.items():
        if name.startswith("address."):
            address = out.get("address")
            if not isinstance(address, dict):
                address = out["address"] = {}
            address[name.removeprefix("address.")] = copy.deepcopy(value)
        else:
            out[name] = copy.deepcopy(value)
    return out


def touches(field: str | None, changes: Mapping[str, Any]) -> bool:
    """Whether a problem on `field` is about one of the changed fields."""
    if field is None:
        return False
    return any(field == name or field.startswith(name + ".") for name in changes)
