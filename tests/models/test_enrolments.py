"""Enrolments, payments, events, officers and scheme rules through the public functions."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date

import pytest

from models import enrolments as en
from models import participants as pa
from models.errors import SigapError, ValidationError
from models.events import close_event, list_events
from models.member_numbers import provisional_number
from models.officers import get_officer, verify_passphrase
from models.reference import ReferenceData
from tests.helpers import fixed_clock, person, sponsored_event


def search(db, text, event_id=None):
    """The search box's matches (participants list), in its order."""
    f = pa.ParticipantFilter(event_id=event_id, text=text)
    return pa.rows_for(db, pa.find_ids(db, f))


def _codes(exc: ValidationError) -> dict[str, str]:
    return {p.field: p.code for p in exc.problems}


def _with_scheme(ref: ReferenceData, code: str, **changes: object) -> ReferenceData:
    schemes = dict(ref.schemes)
    schemes[code] = dataclasses.replace(schemes[code], **changes)  # type: ignore[arg-type]
    new = ReferenceData(list(ref.occupations.values()), ref.rates, list(schemes.values()), "t")
    new.__dict__["regions"] = ref.regions  # share the loaded region table
    return new


def test_enrolment_is_saved_with_payment_payload_and_hash(db, ref, event, officer):
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    # November 2026 falls in the PP 50/2025 discount for non-transport BPU workers:
    # JKK 1% of Rp1,000,000 = 10,000 → 5,000; JKM 6,800 → 3,400.
    assert saved.amount == 8_400
    assert saved.receipt_number.startswith("KW-") and saved.receipt_number.endswith("-000001")
    row = db.execute("SELECT payload, sha256 FROM outbox WHERE id = ?", [saved.enrolment_id])
    payload_text, digest = row.fetchone()
    payload = json.loads(payload_text)
    assert digest == hashlib.sha256(payload_text.encode("utf-8")).hexdigest()
    assert set(payload) == {
        "enrolment_id",
        "event_id",
        "member_number",
        "nik",
        "full_name",
        "birth_place",
        "birth_date",
        "gender",
        "mother_maiden_name",
        "phone",
        "address",
        "occupation_code",
        "declared_income",
        "programmes",
        "payer",
        "heirs",
        "consent_at",
        "officer_id",
        "recorded_at",
    }
    assert payload["full_name"] == "Ni Luh Putu Ayu Regapu’u Saraswati"
    assert payload["phone"] == "+6281234567890"
    assert payload["gender"] == "F"
    assert payload["address"] == {
        "street": "Jl. Pahlawan 5",
        "rt": "003",
        "rw": "007",
        "village_code": "35.77.01.1001",
    }
    assert payload["heirs"] == [
        {"name": "Made Wirawan", "relationship": "spouse", "nik": None, "phone": "+6281298765432"}
    ]
    assert payload["payer"] == {"type": "self", "scheme_code": None}
    assert payload["recorded_at"] == "2026-11-22T09:15:00+07:00"
    assert payload["officer_id"] == officer
    payment = json.loads(
        db.execute("SELECT payload FROM outbox WHERE id = ?", [saved.payment_id]).fetchone()[0]
    )
    assert payment["breakdown"] == {"JKK": 5_000, "JKM": 3_400, "JHT": 0}
    assert payment["period_start"] == "2026-11" and payment["months"] == 1
    assert payment["receipt_number"] == saved.receipt_number


def test_nik_already_enrolled_is_refused_naming_the_existing_record(db, ref, event, officer):
    first = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    with pytest.raises(ValidationError) as caught:
        en.enrol(db, ref, event.id, person(full_name="Orang Lain"), officer, fixed_clock)
    assert _codes(caught.value) == {"nik": "nik_already_enrolled"}
    # Named by its member number as every screen shows it, never by its raw id.
    provisional = provisional_number(first.enrolment_id)
    assert f"nomor peserta {provisional} (sementara)" in caught.value.message("id")
    assert f"member number {provisional} (provisional)" in caught.value.message("en")
    assert first.enrolment_id not in caught.value.message("id")
    assert db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0] == 1


def test_each_disagreement_with_the_nik_is_its_own_message(db, ref, event, officer):
    with pytest.raises(ValidationError) as caught:
        en.enrol(
            db,
            ref,
            event.id,
            person(birth_date=date(1990, 8, 18), gender="L"),
            officer,
            fixed_clock,
        )
    assert _codes(caught.value) == {
        "birth_date": "nik_birth_date_needs_approval",  # a supervisor may confirm the KTP's
        "gender": "nik_gender_mismatch",
    }
    text = caught.value.message("id")
    assert "Tanggal lahir tidak cocok dengan NIK" in text
    assert "Jenis kelamin tidak cocok dengan NIK" in text
    assert "3577015708900001" not in str(caught.value)  # no personal data in the exception


def test_address_in_another_district_is_a_warning_not_a_refusal(db, ref, event, officer):
    saved = en.enrol(db, ref, event.id, person(village_code="3172011001"), officer, fixed_clock)
    assert [w.code for w in saved.warnings] == ["nik_district_mismatch"]


def test_every_missing_field_is_reported_at_once(db, ref, event, officer):
    with pytest.raises(ValidationError) as caught:
        en.enrol(
            db,
            ref,
            event.id,
            person(
                full_name=" ",
                birth_place="",
                mother_maiden_name="",
                occupation_code="",
                declared_income=999_999,
                heirs=[],
                consent=False,
            ),
            officer,
            fixed_clock,
        )
    assert _codes(caught.value) == {
        "full_name": "name_required",
        "birth_place": "field_required",
        "mother_maiden_name": "name_required",
        "occupation_code": "field_required",
        "declared_income": "income_too_low",
        "heirs": "heir_required",
        "consent": "consent_required",
    }
    assert "Rp1.000.000" in caught.value.message("id")
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE type='enrolment'").fetchone()[0] == 0


def test_heir_cannot_be_the_member(db, ref, event, officer):
    heirs = [en.HeirInput("Diri Sendiri", "anak", "3577015708900001", "")]
    with pytest.raises(ValidationError) as caught:
        en.enrol(db, ref, event.id, person(heirs=heirs), officer, fixed_clock)
    assert _codes(caught.value) == {"heirs.0.nik": "heir_is_member"}


def test_age_limits_come_from_the_rate_data(db, ref, event, officer):
    old = person(nik="3577011201600003", birth_date=date(1960, 1, 12), gender="L")
    with pytest.raises(ValidationError) as caught:
        en.enrol(db, ref, event.id, old, officer, fixed_clock)
    assert _codes(caught.value) == {"birth_date": "age_too_old"}
    assert "65" in caught.value.message("en")


def test_closed_event_takes_no_new_enrolments(db, ref, event, officer):
    close_event(db, event.id, officer, fixed_clock)
    assert [e.status for e in list_events(db)] == ["closed"]
    with pytest.raises(ValidationError) as caught:
        en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    assert _codes(caught.value) == {"event_id": "event_closed"}
    with pytest.raises(SigapError) as again:
        close_event(db, event.id, officer, fixed_clock)
    assert again.value.code == "event_already_closed"


def test_receipt_numbers_are_unique_and_gap_free(db, ref, event, officer):
    niks = ["3577015708900001", "3577010101900002", "3577014202850003", "3577010303800004"]
    numbers = []
    for i, nik in enumerate(niks):
        d = int(nik[6:8]) % 40 if int(nik[6:8]) > 40 else int(nik[6:8])
        born = date(1900 + int(nik[10:12]), int(nik[8:10]), d)
        sex = "P" if int(nik[6:8]) > 40 else "L"
        if i == 1:  # a refused attempt in between must not use up a number
            with pytest.raises(ValidationError):
                en.enrol(
                    db,
                    ref,
                    event.id,
                    person(nik=nik, birth_date=born, gender=sex, consent=False),
                    officer,
                    fixed_clock,
                )
        saved = en.enrol(
            db, ref, event.id, person(nik=nik, birth_date=born, gender=sex), officer, fixed_clock
        )
        numbers.append(int(saved.receipt_number.rsplit("-", 1)[1]))
    assert numbers == [1, 2, 3, 4]
    seqs = [r[0] for r in db.execute("SELECT receipt_seq FROM payments ORDER BY receipt_seq")]
    assert seqs == [1, 2, 3, 4]


def test_payment_is_voided_never_deleted(db, ref, event, officer, supervisor):
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    with pytest.raises(SigapError) as not_allowed:
        en.void_payment(db, saved.payment_id, "salah ketik", officer, officer, fixed_clock)
    assert not_allowed.value.code == "void_needs_supervisor"
    with pytest.raises(ValidationError):
        en.void_payment(db, saved.payment_id, "  ", officer, supervisor, fixed_clock)
    en.void_payment(db, saved.payment_id, "Uang palsu", officer, supervisor, fixed_clock)
    row = db.execute(
        "SELECT amount, voided_at, void_reason, void_approved_by FROM payments WHERE id = ?",
        [saved.payment_id],
    ).fetchone()
    assert row == (8_400, "2026-11-22T09:15:00+07:00", "Uang palsu", supervisor)
    void = db.execute("SELECT payload FROM outbox WHERE type = 'payment_void'").fetchone()[0]
    assert json.loads(void) == {
        "payment_id": saved.payment_id,
        "reason": "Uang palsu",
        "voided_at": "2026-11-22T09:15:00+07:00",
        "officer_id": officer,
        "approved_by": supervisor,
    }
    with pytest.raises(SigapError) as twice:
        en.void_payment(db, saved.payment_id, "lagi", officer, supervisor, fixed_clock)
    assert twice.value.code == "payment_already_void"


def test_member_numbers_come_from_reserved_blocks_then_run_out(db, ref, event, officer):
    with db.atomic():
        db.execute(
            "INSERT INTO member_number_blocks VALUES ('10000000001', '10000000002', '10000000001')"
        )
    niks = [
        ("3577015708900001", date(1990, 8, 17), "P"),
        ("3577010101900002", date(1990, 1, 1), "L"),
        ("3577010202900003", date(1990, 2, 2), "L"),
    ]
    numbers = [
        en.enrol(
            db, ref, event.id, person(nik=n, birth_date=b, gender=g), officer, fixed_clock
        ).member_number
        for n, b, g in niks
    ]
    assert numbers == ["10000000001", "10000000002", None]
    assert en.member_numbers_left(db) == 0


def test_no_passphrase_is_stored_and_records_carry_the_officer(db, ref, event, officer, data_dir):
    stored = db.execute("SELECT passphrase_hash FROM officers WHERE id = ?", [officer]).fetchone()
    assert stored[0] == ""  # the passphrase only wraps the officer's copy of the key
    assert b"pasar-pagi-77" not in (data_dir / "sigap.keys").read_bytes()
    assert verify_passphrase(db, officer, "pasar-pagi-77") == get_officer(db, officer)
    assert verify_passphrase(db, officer, "pasar-pagi-78") is None
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    assert en.get_enrolment(db, saved.enrolment_id).officer_id == officer
    with pytest.raises(SigapError) as unknown:
        en.enrol(db, ref, event.id, person(), "nobody", fixed_clock)
    assert unknown.value.code == "officer_unknown"


def _sponsored_event(db, ref, officer, scheme):
    return sponsored_event(db, ref, officer, scheme, name="Acara Sponsor")


def test_scheme_occupation_rule(db, ref, officer):
    ev = _sponsored_event(db, ref, officer, "KOWANTARA-WARTEG")
    with pytest.raises(ValidationError) as caught:
        en.enrol(db, ref, ev.id, person(occupation_code="K020"), officer, fixed_clock)
    assert _codes(caught.value) == {"occupation_code": "scheme_occupation"}
    saved = en.enrol(db, ref, ev.id, person(occupation_code="K006"), officer, fixed_clock)
    # Kowantara is a community scheme: the PP 50/2025 discount applies (only APBD is excluded).
    # 3 months from November 2026: Nov and Dec halved (8,400), January 2027 full (16,800).
    assert saved.amount == 8_400 * 2 + 16_800
    method = db.execute("SELECT method FROM payments WHERE id=?", [saved.payment_id]).fetchone()
    assert method == ("sponsor",)


def test_scheme_quota_says_what_is_used(db, ref, officer):
    small = _with_scheme(ref, "KOWANTARA-WARTEG", quota=1)
    ev = _sponsored_event(db, small, officer, "KOWANTARA-WARTEG")
    en.enrol(db, small, ev.id, person(occupation_code="K006"), officer, fixed_clock)
    second = person(
        nik="3577010101900002", birth_date=date(1990, 1, 1), gender="L", occupation_code="K007"
    )
    with pytest.raises(ValidationError) as caught:
        en.enrol(db, small, ev.id, second, officer, fixed_clock)
    assert _codes(caught.value) == {"payer": "scheme_quota_full"}
    assert "1 dari 1 terpakai, sisa 0" in caught.value.message("id")
    # Paying for themselves in the same event is still possible (the event's 3 months).
    second.payer = "self"
    assert en.enrol(db, small, ev.id, second, officer, fixed_clock).amount == 33_600


def test_scheme_budget_says_what_remains(db, ref, officer):
    tight = _with_scheme(ref, "KOWANTARA-WARTEG", budget=40_000)
    ev = _sponsored_event(db, tight, officer, "KOWANTARA-WARTEG")
    en.enrol(db, tight, ev.id, person(occupation_code="K006"), officer, fixed_clock)  # 33,600
    second = person(
        nik="3577010101900002", birth_date=date(1990, 1, 1), gender="L", occupation_code="K007"
    )
    with pytest.raises(ValidationError) as caught:
        en.enrol(db, tight, ev.id, second, officer, fixed_clock)
    assert _codes(caught.value) == {"payer": "scheme_budget_short"}
    assert "Rp6.400" in caught.value.message("id") and "Rp33.600" in caught.value.message("id")


def test_scheme_eligibility_list_and_apbd_pays_full_rate(db, ref, officer):
    ev = _sponsored_event(db, ref, officer, "SIAGA-KITA-MADIUN")
    with pytest.raises(ValidationError) as caught:
        en.enrol(db, ref, ev.id, person(), officer, fixed_clock)
    assert _codes(caught.value) == {"nik": "scheme_not_eligible"}
    assert "Siaga Kita" in caught.value.message("id")
    with db.atomic():
        db.execute(
            "INSERT INTO eligibility VALUES ('SIAGA-KITA-MADIUN', '3577015708900001', "
            "'Nama Lain Sekali', '2026-11-01', ?)",
            [officer],
        )
    saved = en.enrol(db, ref, ev.id, person(), officer, fixed_clock)
    # A city budget (APBD) pays: no PP 50/2025 discount; 12 months of Rp16,800.
    assert saved.amount == 16_800 * 12
    assert [w.code for w in saved.warnings] == ["eligibility_name_mismatch"]


def test_search_by_nik_member_number_and_name_fragment(db, ref, event, officer):
    with db.atomic():
        db.execute(
            "INSERT INTO member_number_blocks VALUES ('10000000001', '10000000009', '10000000001')"
        )
    a = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    b = en.enrol(
        db,
        ref,
        event.id,
        person(
            nik="3577010101900002", birth_date=date(1990, 1, 1), gender="L", full_name="Wayan Ñoman"
        ),
        officer,
        fixed_clock,
    )
    assert [r.id for r in search(db, "3577015708900001")] == [a.enrolment_id]
    assert [r.id for r in search(db, b.member_number)] == [b.enrolment_id]
    assert [r.id for r in search(db, "regapu")] == [a.enrolment_id]
    assert [r.id for r in search(db, "ñOMAN")] == [b.enrolment_id]
    assert [r.id for r in search(db, "noman")] == [b.enrolment_id]  # typed without ñ
    assert [r.id for r in search(db, "regapu'u")] == [a.enrolment_id]  # plain apostrophe
    assert [r.id for r in search(db, "Ñoman")] == [b.enrolment_id]
    assert [r.id for r in search(db, "Wa")] == [b.enrolment_id]
    assert {r.id for r in search(db, "")} == {a.enrolment_id, b.enrolment_id}
    assert search(db, "tidak ada") == []
    assert search(db, "Regapu", event_id="another-event") == []
