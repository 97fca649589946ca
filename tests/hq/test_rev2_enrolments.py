"""HQ and the enrolment fields of hq-api.md revision 2: a KTP birth date unlike the NIK's
digits with the approving supervisor, a district missing from the region list, RT/RW 000,
the income ceiling, and schemes of every sponsor type. People are made up."""

from __future__ import annotations

from typing import Any

import pytest

from hq.rules import enrolment_problems
from models.reference import SPONSOR_TYPES, ReferenceData, default_reference
from tests.hq import helpers as h
from tests.hq.helpers import Device

KTP_DATE = "1990-08-19"  # the NIK's digits say 17-08-1990


def test_a_ktp_date_with_its_approval_is_accepted(device: Device) -> None:
    ev = h.event()
    en = h.enrolment(
        ev["id"], birth_date=KTP_DATE, birth_date_differs_from_nik=True, approved_by="budi.s"
    )
    assert [r["status"] for r in device.results([ev, en])] == ["accepted", "accepted"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({}, "birth_date"),  # no flag: the disagreement is invalid_nik, as before
        ({"birth_date_differs_from_nik": False, "approved_by": "budi.s"}, "birth_date"),
        ({"birth_date_differs_from_nik": "true", "approved_by": "budi.s"}, "birth_date"),
    ],
)
def test_a_ktp_date_without_the_flag_is_invalid_nik(
    device: Device, overrides: dict[str, Any], field: str
) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"], birth_date=KTP_DATE, **overrides)
    [_, result] = device.results([ev, en])
    assert (result["status"], result["code"], result["field"]) == ("rejected", "invalid_nik", field)


@pytest.mark.parametrize("approver", [None, "", "   ", 7])
def test_the_flag_needs_the_approving_supervisor(device: Device, approver: object) -> None:
    ev = h.event()
    en = h.enrolment(
        ev["id"], birth_date=KTP_DATE, birth_date_differs_from_nik=True, approved_by=approver
    )
    [_, result] = device.results([ev, en])
    assert result["status"] == "rejected"
    refusals = enrolment_problems(en["payload"], en["id"], default_reference())
    assert "approved_by" in {r.field for r in refusals}


def test_a_district_missing_from_the_list_and_rt_000_are_accepted(device: Device) -> None:
    ev = h.event()
    en = h.enrolment(
        ev["id"],
        nik="3207205708900001",  # Ciamis' old district 20, Pangandaran's since 2012
        address={"street": "", "rt": "000", "rw": "000", "village_code": None},
    )
    assert [r["status"] for r in device.results([ev, en])] == ["accepted", "accepted"]


@pytest.mark.parametrize(("income", "status"), [(20_700_000, "accepted"), (20_700_001, "rejected")])
def test_the_income_ceiling(device: Device, income: int, status: str) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"], declared_income=income)
    [_, result] = device.results([ev, en])
    assert result["status"] == status
    if status == "rejected":
        assert (result["code"], result["field"]) == ("invalid_field", "declared_income")


@pytest.mark.parametrize("sponsor_type", [*SPONSOR_TYPES, "local_government"])
def test_every_sponsor_type_is_read(ref: ReferenceData, sponsor_type: str) -> None:
    from models.reference import reference_from_hq

    doc = {
        "version": "2099-01-01",
        "occupations": [],
        "rates": ref.rates,
        "schemes": [
            {"code": "X-1", "name": "Contoh", "sponsor_type": sponsor_type,
             "sponsor_name": "Contoh", "programmes": ["JKK", "JKM"], "months": 12, "quota": 10}
        ],
    }  # fmt: skip
    read = reference_from_hq(doc, ref)
    expected = "apbd" if sponsor_type == "local_government" else sponsor_type
    assert read.schemes["X-1"].sponsor_type == expected


# --- a correction to a KTP birth date unlike the NIK's digits --------------------------------


def _correction(eid: str, **extra: Any) -> dict[str, Any]:
    payload = h.correction(eid, {"birth_date": KTP_DATE})["payload"]
    return h.record("enrolment_correction", {**payload, **extra})


def test_a_correction_to_a_ktp_date_with_its_approval_is_accepted(device: Device) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    fix = _correction(en["id"], birth_date_differs_from_nik=True, approved_by="budi.s")
    assert [r["status"] for r in device.results([ev, en, fix])] == ["accepted"] * 3


@pytest.mark.parametrize(
    ("extra", "code", "field"),
    [
        ({}, "invalid_nik", "birth_date"),  # no flag: refused as before
        ({"birth_date_differs_from_nik": True}, "invalid_field", "approved_by"),
        ({"birth_date_differs_from_nik": True, "approved_by": " "}, "invalid_field", "approved_by"),
    ],
)
def test_a_correction_to_a_ktp_date_needs_the_flag_and_the_supervisor(
    device: Device, extra: dict[str, Any], code: str, field: str
) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    [_, _, result] = device.results([ev, en, _correction(en["id"], **extra)])
    assert (result["status"], result["code"], result["field"]) == ("rejected", code, field)


def test_a_correction_back_to_the_nik_date_drops_the_flag(device: Device, store: Any) -> None:
    import json

    ev = h.event()
    en = h.enrolment(
        ev["id"], birth_date=KTP_DATE, birth_date_differs_from_nik=True, approved_by="budi.s"
    )
    fix = h.correction(en["id"], {"birth_date": "1990-08-17"})
    assert [r["status"] for r in device.results([ev, en, fix])] == ["accepted"] * 3
    [data] = store.one("SELECT data FROM enrolments WHERE id = ?", [en["id"]])
    kept = json.loads(data)
    assert kept["birth_date"] == "1990-08-17"
    assert "birth_date_differs_from_nik" not in kept and "approved_by" not in kept
