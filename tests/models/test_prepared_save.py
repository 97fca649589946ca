"""The save made quick (issue 16): an enrolment's rows and payloads are made before the write
lock (the form makes them while the officer reads the screen), and a save that follows this
connection's own previous one with nothing written in between does not read again what that
save left. Neither changes a byte of what is written, and neither misses a change made
meanwhile by anybody. Every person is made up."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from models import audit, outbox
from models.enrolments import (
    EnrolmentInput,
    HeirInput,
    enrol,
    get_enrolment,
    numbering,
    prepare,
    record,
    validate,
)
from models.errors import SigapError, ValidationError
from models.events import close_event, require_event
from models.officers import add_officer, deactivate_officer
from models.sync_state import add_member_number_blocks
from tests.helpers import KOWANTARA, TODAY, WIB, fixed_clock, open_desk, person, sponsored_event

KTP_DATE = date(1990, 8, 18)  # a KTP printed a day off the NIK's digits


def _someone(n: int, **overrides: Any) -> EnrolmentInput:
    return person(nik=f"357701570890{n:04d}", **overrides)


def _checked(db: Any, ref: Any, event_id: str, inp: EnrolmentInput) -> Any:
    checked, problems = validate(inp, require_event(db, event_id), ref, TODAY)
    assert checked is not None, problems
    return checked


def _queued(db: Any, record_id: str) -> str:
    return db.execute("SELECT payload FROM outbox WHERE id = ?", [record_id]).fetchone()[0]


def _expected_enrolment(c: Any, eid: str, member: str | None, officer: str, at: str) -> dict:
    """The `enrolment` record of hq-api.md, written out field by field."""
    payload = {
        "enrolment_id": eid,
        "event_id": c.event.id,
        "member_number": member,
        "nik": c.nik.nik,
        "full_name": c.full_name,
        "birth_place": c.birth_place,
        "birth_date": c.ktp_birth_date.isoformat(),
        "gender": c.gender,
        "mother_maiden_name": c.mother_maiden_name,
        "phone": c.phone,
        "address": {"street": c.street, "rt": c.rt, "rw": c.rw, "village_code": c.village_code},
        "occupation_code": c.occupation_code,
        "declared_income": c.declared_income,
        "programmes": c.programmes,
        "payer": {"type": c.payer_type, "scheme_code": c.scheme.code if c.scheme else None},
        "heirs": c.heirs,
        "consent_at": c.consent_at.isoformat(timespec="seconds") if c.consent_at else at,
        "officer_id": officer,
        "recorded_at": at,
    }
    if c.birth_date_differs_from_nik:
        payload["birth_date_differs_from_nik"] = True
        payload["approved_by"] = c.birth_date_approved_by
    return payload


def _expected_payment(c: Any, saved: Any, officer: str, at: str) -> dict:
    b = c.contribution.breakdown
    return {
        "payment_id": saved.payment_id,
        "enrolment_id": saved.enrolment_id,
        "receipt_number": saved.receipt_number,
        "amount": c.contribution.total,
        "months": c.months,
        "period_start": c.contribution.period_start_text,
        "breakdown": {"JKK": b.get("JKK", 0), "JKM": b.get("JKM", 0), "JHT": b.get("JHT", 0)},
        "method": c.method,
        "discount": c.contribution.discount(),
        "received_at": at,
        "officer_id": officer,
    }


def _variants(db: Any, ref: Any, event: Any, supervisor: str) -> list[tuple[str, Any]]:
    sponsored = sponsored_event(db, ref, "sari", KOWANTARA, name="Acara Warteg Dua")
    three_heirs = [
        HeirInput("Made Wirawan", "suami", "", "081298765432"),
        HeirInput("Komang Ayu", "anak", "3577014101150003", ""),
        HeirInput("Nyoman Sari", "ibu", "", ""),
    ]
    return [
        (event.id, _someone(1)),  # self-paid, PP 50/2025 relief, one heir
        (event.id, _someone(2, pay=False)),  # no payment now
        (event.id, _someone(3, heirs=three_heirs, method="transfer")),
        (event.id, _someone(4, consent_at=datetime(2026, 11, 22, 8, 55, tzinfo=WIB))),
        (event.id, _someone(5, birth_date=KTP_DATE, birth_date_approved_by=supervisor)),
        (sponsored.id, _someone(6, occupation_code="K006")),  # a scheme pays
        (event.id, _someone(7, full_name="Wayan Ñoman D'Souza-Budi", street='Gg. "Mawar" \\ 5')),
    ]


@pytest.mark.parametrize("ahead", [True, False], ids=["prepared-ahead", "at-the-save"])
def test_every_kind_of_enrolment_is_written_as_hq_api_describes_it(
    db, ref, event, officer, supervisor, ahead: bool
):
    add_member_number_blocks(db, [("10000000001", "10000000004")])  # some get one, some not
    at = fixed_clock().isoformat(timespec="seconds")
    for event_id, inp in _variants(db, ref, event, supervisor):
        c = _checked(db, ref, event_id, inp)
        if ahead:
            prepare(c, officer, "desk")
        saved = enrol(db, ref, event_id, inp, officer, fixed_clock, c if ahead else None)
        if not ahead:
            c = _checked(db, ref, event_id, inp)  # what `enrol` checked for itself
        expected = _expected_enrolment(c, saved.enrolment_id, saved.member_number, officer, at)
        assert _queued(db, saved.enrolment_id) == outbox.canonical_json(expected).decode()
        if inp.pay:
            assert (
                _queued(db, str(saved.payment_id))
                == outbox.canonical_json(_expected_payment(c, saved, officer, at)).decode()
            )
        else:
            assert saved.payment_id is None
        stored = get_enrolment(db, saved.enrolment_id)
        assert stored.full_name == inp.full_name.strip()
        assert len(stored.heirs) == len(inp.heirs)
    numbers = db.execute("SELECT member_number FROM enrolments ORDER BY rowid").fetchall()
    assert [n[0] for n in numbers] == [*(f"1000000000{i}" for i in range(1, 5)), None, None, None]
    assert audit.verify_chain(db).ok
    queued = db.execute("SELECT payload, sha256 FROM outbox").fetchall()
    assert all(outbox.payload_sha256(json.loads(p)) == h for p, h in queued)


def test_a_save_of_what_the_form_prepared_makes_nothing_again(db, ref, event, officer, monkeypatch):
    inp = person()
    c = _checked(db, ref, event.id, inp)
    prepare(c, officer, "desk")

    def not_again(*args: object) -> None:
        raise AssertionError("made again inside the save")

    monkeypatch.setattr(record, "CanonicalTemplate", not_again)
    saved = enrol(db, ref, event.id, inp, officer, fixed_clock, c)
    assert get_enrolment(db, saved.enrolment_id).nik == inp.nik


def test_a_copy_of_a_check_is_prepared_for_itself(db, ref, event, officer):
    inp = person()
    c = _checked(db, ref, event.id, inp)
    prepare(c, officer, "desk")
    renamed = dataclasses.replace(c, full_name="Ni Luh Putu Ayu")
    assert renamed.prepared is None
    saved = enrol(db, ref, event.id, inp, officer, fixed_clock, renamed)
    assert get_enrolment(db, saved.enrolment_id).full_name == "Ni Luh Putu Ayu"
    assert '"full_name":"Ni Luh Putu Ayu"' in _queued(db, saved.enrolment_id)


def test_prepared_for_one_officer_is_made_again_for_another(db, ref, event, officer, supervisor):
    inp = person()
    c = _checked(db, ref, event.id, inp)
    prepare(c, supervisor, "desk")
    saved = enrol(db, ref, event.id, inp, officer, fixed_clock, c)
    assert json.loads(_queued(db, saved.enrolment_id))["officer_id"] == officer


# ------------------------------------------------------- what the previous save left


def test_saves_in_a_row_read_only_whether_anything_changed(db, ref, event, officer):
    statements: list[str] = []
    for n in range(1, 3):
        enrol(db, ref, event.id, _someone(n), officer, fixed_clock)
    checked = _checked(db, ref, event.id, _someone(3))  # the form checks as it is typed
    db.conn.set_trace_callback(statements.append)
    try:
        enrol(db, ref, event.id, _someone(3), officer, fixed_clock, checked)
    finally:
        db.conn.set_trace_callback(None)
    reads = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "PRAGMA"))]
    assert reads == ["PRAGMA data_version"]
    assert audit.verify_chain(db).ok


def test_another_connections_saves_in_between_are_counted(db, ref, event, officer, data_dir: Path):
    mine = [enrol(db, ref, event.id, _someone(1), officer, fixed_clock)]
    other = open_desk(data_dir)
    try:
        for n in range(2, 5):
            theirs = enrol(other, ref, event.id, _someone(n), officer, fixed_clock)
            mine.append(enrol(db, ref, event.id, _someone(n + 10), officer, fixed_clock))
    finally:
        other.close()
    receipts = db.execute("SELECT receipt_seq FROM payments ORDER BY receipt_seq").fetchall()
    assert [r[0] for r in receipts] == list(range(1, 8))
    assert theirs.receipt_number is not None
    assert audit.verify_chain(db).ok
    indexed = db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0]
    assert indexed == 7


def test_a_nik_saved_by_this_connection_since_the_check_is_refused_and_named(
    db, ref, event, officer
):
    inp = person()
    stale = _checked(db, ref, event.id, inp)  # checked before the first save: NIK still free
    prepare(stale, officer, "desk")
    first = enrol(db, ref, event.id, inp, officer, fixed_clock)
    before = db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    with pytest.raises(ValidationError) as caught:
        enrol(db, ref, event.id, inp, officer, fixed_clock, stale)
    assert [(p.field, p.code) for p in caught.value.problems] == [("nik", "nik_already_enrolled")]
    assert caught.value.problems[0].params["enrolment_id"] == first.enrolment_id
    assert db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == before
    again = enrol(db, ref, event.id, _someone(9), officer, fixed_clock)  # and the desk goes on
    assert again.receipt_number is not None and again.receipt_number.endswith("-000002")


def test_an_event_closed_by_another_connection_between_saves_takes_no_more(
    db, ref, event, officer, data_dir: Path
):
    enrol(db, ref, event.id, _someone(1), officer, fixed_clock)
    other = open_desk(data_dir)
    try:
        close_event(other, event.id, officer, fixed_clock)
    finally:
        other.close()
    with pytest.raises(ValidationError) as caught:
        enrol(db, ref, event.id, _someone(2), officer, fixed_clock)
    assert [p.code for p in caught.value.problems] == ["event_closed"]


def test_an_officer_deactivated_on_this_connection_between_saves_saves_no_more(
    db, ref, event, officer, supervisor
):
    enrol(db, ref, event.id, _someone(1), officer, fixed_clock)
    deactivate_officer(db, officer, supervisor, clock=fixed_clock)
    with pytest.raises(SigapError) as caught:
        enrol(db, ref, event.id, _someone(2), officer, fixed_clock)
    assert caught.value.code == "officer_unknown"


def test_a_save_rolled_back_with_its_callers_transaction_leaves_nothing_behind(
    db, ref, event, officer
):
    enrol(db, ref, event.id, _someone(1), officer, fixed_clock)
    with pytest.raises(RuntimeError), db.atomic():
        enrol(db, ref, event.id, _someone(2), officer, fixed_clock)
        raise RuntimeError("cut off")
    add_officer(db, "rina", "Rina Kartika", "officer", "sawah-hijau-31", clock=fixed_clock)
    db.execute("DELETE FROM officers WHERE id = 'rina'")  # written and gone: still a change
    saved = enrol(db, ref, event.id, _someone(3), officer, fixed_clock)
    assert saved.receipt_number is not None and saved.receipt_number.endswith("-000002")
    assert audit.verify_chain(db).ok


def test_covered_receipts_do_not_read_the_number_file(db, ref, event, officer, monkeypatch):
    enrol(db, ref, event.id, _someone(1), officer, fixed_clock)  # reserves 64 ahead
    reads: list[object] = []
    real = numbering._read_marks
    monkeypatch.setattr(numbering, "_read_marks", lambda path: reads.append(path) or real(path))
    for n in range(2, 20):
        enrol(db, ref, event.id, _someone(n), officer, fixed_clock)
    assert reads == []
