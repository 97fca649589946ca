"""The participants list (ids by search and filters, rows by page), corrections of saved
enrolments and a record's history. Every person here is made up."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date, timedelta

import pytest

from models import corrections as co
from models import enrolments as en
from models import participants as pa
from models.db import DB_FILE, connect
from models.errors import SigapError, ValidationError
from models.officers import add_officer
from models.schema import MIGRATIONS
from tests.helpers import NOW, desk_key, fixed_clock, open_desk, person, sponsored_event

F = pa.ParticipantFilter


def nik_for(born: date, female: bool, serial: int, district: str = "357701") -> str:
    day = born.day + (40 if female else 0)
    return f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def someone(name: str, born: date, female: bool, serial: int, **overrides: object):
    return person(
        nik=nik_for(born, female, serial),
        full_name=name,
        birth_date=born,
        gender="P" if female else "L",
        **overrides,
    )


def at_minute(minute: int):
    return lambda: NOW + timedelta(minutes=minute)


def _codes(exc: ValidationError) -> dict[str, str]:
    return {p.field: p.code for p in exc.problems}


def _sponsored_event(db, ref, officer, scheme="KOWANTARA-WARTEG"):
    return sponsored_event(db, ref, officer, scheme)


@pytest.fixture
def people(db, ref, event, officer):
    """Four made-up people, saved out of time order, with member numbers."""
    with db.atomic():
        db.execute(
            "INSERT INTO member_number_blocks VALUES ('10000000001', '10000000099', '10000000001')"
        )
    saved = {}
    saved["ayu"] = en.enrol(
        db, ref, event.id, person(), officer, at_minute(30)
    )  # Ni Luh Putu Ayu Regapu’u Saraswati
    saved["noman"] = en.enrol(
        db,
        ref,
        event.id,
        someone("Wayan Ñoman", date(1990, 1, 1), False, 2),
        officer,
        at_minute(10),
    )
    saved["wati"] = en.enrol(
        db,
        ref,
        event.id,
        someone("Sri Wahyu Ayuningsih", date(1985, 3, 4), True, 3, pay=False),
        officer,
        at_minute(20),
    )
    saved["joko"] = en.enrol(
        db,
        ref,
        event.id,
        someone("Joko Santoso", date(1979, 12, 31), False, 4),
        officer,
        at_minute(20),
    )
    return saved


def _ids(db, rowids):
    return [r.id for r in pa.rows_for(db, rowids)]


# ------------------------------------------------------------------ finding ids


def test_all_in_recorded_order_then_rowid(db, people):
    ids = pa.find_ids(db, F())
    assert _ids(db, ids) == [
        people["noman"].enrolment_id,  # 09:25
        people["wati"].enrolment_id,  # 09:35, saved before joko
        people["joko"].enrolment_id,  # 09:35
        people["ayu"].enrolment_id,  # 09:45
    ]
    assert all(isinstance(i, int) for i in ids)


def test_search_by_nik_member_number_fragment_and_prefix(db, people):
    def found(text):
        return _ids(db, pa.find_ids(db, F(text=text)))

    assert found("3577015708900001") == [people["ayu"].enrolment_id]
    assert found(" 3577015708900001 ") == [people["ayu"].enrolment_id]
    assert found(people["joko"].member_number) == [people["joko"].enrolment_id]
    assert found("regapu'u") == [people["ayu"].enrolment_id]  # fragment, plain apostrophe
    assert found("noman") == [people["noman"].enrolment_id]  # typed without ñ
    assert found("SANTO") == [people["joko"].enrolment_id]
    # A fragment anywhere in the name: "ayu" in Ni Luh Putu Ayu and in Ayuningsih.
    assert found("ayu") == [people["wati"].enrolment_id, people["ayu"].enrolment_id]
    # One or two letters: the start of the name only.
    assert found("wa") == [people["noman"].enrolment_id]
    assert found("S") == [people["wati"].enrolment_id]
    assert len(found("")) == 4
    assert found("tidak ada") == []
    assert found("3577015708900009") == []
    assert found("357701570890") == []  # digits that are neither a NIK nor a member number


def test_event_filter_and_all_events(db, ref, people, officer):
    other = _sponsored_event(db, ref, officer)
    elsewhere = en.enrol(
        db,
        ref,
        other.id,
        someone("Ayu Lestari", date(1995, 5, 6), True, 5, occupation_code="K006"),
        officer,
        at_minute(40),
    )
    assert len(pa.find_ids(db, F(event_id=people_event(db, people)))) == 4
    assert _ids(db, pa.find_ids(db, F(event_id=other.id))) == [elsewhere.enrolment_id]
    assert len(pa.find_ids(db, F())) == 5
    assert _ids(db, pa.find_ids(db, F(event_id=other.id, text="ayu"))) == [elsewhere.enrolment_id]


def people_event(db, people):
    return en.get_enrolment(db, people["ayu"].enrolment_id).event_id


def test_payer_filter_self_or_a_scheme(db, ref, people, officer):
    other = _sponsored_event(db, ref, officer)
    sponsored = en.enrol(
        db,
        ref,
        other.id,
        someone("Ayu Lestari", date(1995, 5, 6), True, 5, occupation_code="K006"),
        officer,
        at_minute(40),
    )
    assert len(pa.find_ids(db, F(payer=pa.SELF))) == 4
    assert _ids(db, pa.find_ids(db, F(payer="KOWANTARA-WARTEG"))) == [sponsored.enrolment_id]
    assert pa.find_ids(db, F(payer="SIAGA-KITA-MADIUN")) == []


def test_officer_filter(db, ref, event, people):
    add_officer(db, "rina", "Rina Kartika", "officer", "tahu-tempe-99", clock=fixed_clock)
    theirs = en.enrol(
        db, ref, event.id, someone("Rudi Hartono", date(1988, 7, 8), False, 6), "rina", fixed_clock
    )
    assert _ids(db, pa.find_ids(db, F(officer_id="rina"))) == [theirs.enrolment_id]
    assert len(pa.find_ids(db, F(officer_id="sari"))) == 4
    assert pa.find_ids(db, F(officer_id="rina", text="joko")) == []


def test_sync_state_comes_from_the_enrolments_own_queue_row(db, people):
    accepted = people["joko"].enrolment_id
    with db.atomic():
        db.execute("UPDATE outbox SET state = 'accepted' WHERE id = ?", [accepted])
        # The payment's queue row has its own state; it must not count for the enrolment.
        db.execute(
            "UPDATE outbox SET state = 'rejected' WHERE id = ?", [people["noman"].payment_id]
        )
    assert _ids(db, pa.find_ids(db, F(sync_state="accepted"))) == [accepted]
    assert len(pa.find_ids(db, F(sync_state="pending"))) == 3
    assert pa.find_ids(db, F(sync_state="rejected")) == []
    assert pa.find_ids(db, F(sync_state="accepted", text="joko santoso")) != []
    rows = {r.id: r for r in pa.rows_for(db, pa.find_ids(db, F()))}
    assert rows[accepted].sync_state == "accepted"
    assert rows[people["noman"].enrolment_id].sync_state == "pending"
    assert pa.sync_states(db) == ["accepted", "pending", "rejected"]


def test_all_filters_together(db, people):
    f = F(
        event_id=people_event(db, people),
        text="wahyu",  # Sri Wahyu Ayuningsih
        sync_state="pending",
        payer=pa.SELF,
        officer_id="sari",
    )
    assert _ids(db, pa.find_ids(db, f)) == [people["wati"].enrolment_id]


# ------------------------------------------------------------------ rows


def test_rows_carry_what_the_list_shows_and_mask_the_nik(db, people, supervisor, officer):
    en.void_payment(db, people["joko"].payment_id, "Salah nominal", officer, supervisor)
    rows = {r.id: r for r in pa.rows_for(db, pa.find_ids(db, F()))}
    ayu = rows[people["ayu"].enrolment_id]
    assert ayu.nik_masked == "3577********0001"
    assert ayu.full_name == "Ni Luh Putu Ayu Regapu’u Saraswati"
    assert ayu.member_number == people["ayu"].member_number
    assert (ayu.gender, ayu.birth_date, ayu.occupation_code) == ("F", "1990-08-17", "K002")
    assert (ayu.payer_type, ayu.scheme_code) == ("self", None)
    assert (ayu.officer_id, ayu.officer_name) == ("sari", "Sari Wulandari")
    assert ayu.recorded_at == "2026-11-22T09:45:00+07:00"
    assert ayu.receipt_number == people["ayu"].receipt_number
    assert ayu.payment_status == pa.PAID
    assert rows[people["joko"].enrolment_id].payment_status == pa.VOID
    assert rows[people["joko"].enrolment_id].receipt_number == people["joko"].receipt_number
    assert rows[people["wati"].enrolment_id].payment_status == pa.UNPAID
    assert rows[people["wati"].enrolment_id].receipt_number is None
    assert not any("3577015708900001" in repr(r) for r in rows.values())


def _letters(i: int) -> str:
    return "".join(chr(ord("a") + int(d)) for d in f"{i:03d}")


def test_rows_come_page_by_page_in_the_order_asked(db, ref, event, officer):
    born = date(1991, 2, 3)
    checked = []
    for i in range(620):
        name = f"Peserta Contoh {_letters(i)}"
        c, problems = en.validate(someone(name, born, i % 2 == 1, i + 1), event, ref, NOW.date())
        assert c is not None, problems
        checked.append(c)
    with db.atomic():
        en.write_enrolments(db, checked, officer, NOW)
    ids = pa.find_ids(db, F())
    assert len(ids) == 620
    page = ids[200:400]
    assert [r.rowid for r in pa.rows_for(db, page)] == page
    assert [r.full_name for r in pa.rows_for(db, page)][:2] == [
        "Peserta Contoh caa",
        "Peserta Contoh cab",
    ]
    # More than one statement's worth of ids, in any order.
    backwards = ids[::-1]
    assert [r.rowid for r in pa.rows_for(db, backwards)] == backwards
    assert pa.rows_for(db, []) == []
    assert pa.rows_for(db, [10**9]) == []


def test_the_list_queries_use_indexes(db, people):
    """At 100,000 enrolments a scan of the table is what makes a list slow."""
    for f in (
        F(),
        F(event_id="x"),
        F(officer_id="sari"),
        F(text="3577015708900001"),
        F(text="10000000001"),
        F(text="wa"),
        F(sync_state="pending"),
    ):
        sql, params = pa.find_sql(f)
        plan = " | ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "SCAN e USING" in plan or "SEARCH e" in plan, (f, plan)
        assert "SCAN e |" not in plan + " |", (f, plan)
        if f.sync_state:
            assert "outbox_enrolment_state" in plan, plan


# ------------------------------------------------------------------ corrections


def _outbox(db, record_id):
    return db.execute(
        "SELECT type, payload, sha256, state FROM outbox WHERE id = ?", [record_id]
    ).fetchone()


def _counts(db):
    return tuple(
        db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("corrections", "outbox", "audit", "heirs")
    )


def test_correction_is_a_new_queued_record_and_the_original_stays(db, ref, event, officer):
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    original = _outbox(db, saved.enrolment_id)
    later = at_minute(5)
    cid = co.correct_enrolment(
        db,
        ref,
        saved.enrolment_id,
        {
            "full_name": "  Ni  Luh Putu Ayu Saraswati ",
            "phone": "0813-1111-2222",
            "address.rt": "5",
            "address.street": "Jl. Pahlawan 5",  # unchanged: not part of the correction
        },
        "Salah ketik nama dan nomor HP",
        officer,
        later,
    )
    kind, payload_text, digest, state = _outbox(db, cid)
    assert (kind, state) == ("enrolment_correction", "pending")
    assert json.loads(payload_text) == {
        "enrolment_id": saved.enrolment_id,
        "changes": {
            "full_name": "Ni Luh Putu Ayu Saraswati",
            "phone": "+6281311112222",
            "address.rt": "005",
        },
        "reason": "Salah ketik nama dan nomor HP",
        "officer_id": officer,
    }
    assert digest == hashlib.sha256(payload_text.encode("utf-8")).hexdigest()
    assert db.execute("SELECT recorded_at FROM outbox WHERE id = ?", [cid]).fetchone() == (
        "2026-11-22T09:20:00+07:00",
    )
    # The queued original is untouched, and comes first in the queue.
    assert _outbox(db, saved.enrolment_id) == original
    assert [r[0] for r in db.execute("SELECT id FROM outbox ORDER BY seq")][-1] == cid
    # The current values changed, so the list and search show the corrected data.
    current = en.get_enrolment(db, saved.enrolment_id)
    assert current.full_name == "Ni Luh Putu Ayu Saraswati"
    assert current.name_key == "ni luh putu ayu saraswati"
    assert (current.phone, current.rt, current.street) == (
        "+6281311112222",
        "005",
        "Jl. Pahlawan 5",
    )
    assert _ids(db, pa.find_ids(db, F(text="saraswati"))) == [saved.enrolment_id]
    assert pa.find_ids(db, F(text="regapu")) == []
    # The corrections table keeps it.
    assert co.corrections_for(db, saved.enrolment_id) == [
        {
            "id": cid,
            "changes": json.loads(payload_text)["changes"],
            "reason": "Salah ketik nama dan nomor HP",
            "officer_id": officer,
            "recorded_at": "2026-11-22T09:20:00+07:00",
        }
    ]
    # The audit row names the fields, never their values.
    action, detail = db.execute(
        "SELECT action, detail FROM audit WHERE record_id = ? ORDER BY id DESC LIMIT 1",
        [saved.enrolment_id],
    ).fetchone()
    assert action == "correct"
    assert json.loads(detail) == {
        "correction_id": cid,
        "fields": ["address.rt", "full_name", "phone"],
    }
    for value in ("Saraswati", "6281311112222", "005", "Salah ketik"):
        assert value not in detail


def test_correcting_heirs_replaces_the_current_list(db, ref, event, officer):
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    cid = co.correct_enrolment(
        db,
        ref,
        saved.enrolment_id,
        {
            "heirs": [
                {"name": "Made Wirawan", "relationship": "suami", "phone": "081298765432"},
                en.HeirInput("Kadek Ayu", "anak", "", ""),
            ]
        },
        "Tambah ahli waris",
        officer,
        fixed_clock,
    )
    heirs = [
        {"name": "Made Wirawan", "relationship": "spouse", "nik": None, "phone": "+6281298765432"},
        {"name": "Kadek Ayu", "relationship": "child", "nik": None, "phone": None},
    ]
    assert json.loads(_outbox(db, cid)[1])["changes"] == {"heirs": heirs}
    assert [asdict(h) for h in en.get_enrolment(db, saved.enrolment_id).heirs] == heirs
    original = json.loads(_outbox(db, saved.enrolment_id)[1])
    assert len(original["heirs"]) == 1


@pytest.mark.parametrize(
    ("changes", "reason", "expected"),
    [
        ({"phone": "12345"}, "HP salah", {"phone": "phone_invalid"}),
        ({"full_name": "  "}, "Nama", {"full_name": "name_required"}),
        ({"full_name": "Nama 123"}, "Nama", {"full_name": "name_invalid_chars"}),
        ({"birth_date": date(1990, 8, 18)}, "Tgl", {"birth_date": "nik_birth_date_needs_approval"}),
        ({"birth_date": "17-08-1990"}, "Tgl", {"birth_date": "date_invalid"}),
        ({"gender": "L"}, "Jenis kelamin", {"gender": "nik_gender_mismatch"}),
        ({"gender": "X"}, "Jenis kelamin", {"gender": "gender_invalid"}),
        ({"address.rt": "1000"}, "RT", {"address.rt": "rt_rw_invalid"}),
        ({"address.village_code": "99.99.99.9999"}, "Desa",
         {"address.village_code": "village_unknown"}),
        ({"occupation_code": "K999"}, "Kerja", {"occupation_code": "occupation_unknown"}),
        ({"heirs": []}, "Waris", {"heirs": "heir_required"}),
        ({"heirs": [{"name": "Anak", "relationship": "tetangga"}]}, "Waris",
         {"heirs.0.relationship": "relationship_unknown"}),
        ({"phone": "081311112222"}, "  ", {"reason": "correction_reason_required"}),
        ({"declared_income": 2_000_000}, "Naik",
         {"declared_income": "correction_field_not_allowed"}),
        ({"nik": "3577015708900002"}, "NIK salah", {"nik": "correction_nik_refused"}),
        ({"full_name": "Ni Luh Putu Ayu Regapu’u Saraswati"}, "Sama",
         {"changes": "correction_no_changes"}),
        ({}, "Kosong", {"changes": "correction_no_changes"}),
    ],
)  # fmt: skip
def test_a_refused_correction_saves_nothing(db, ref, event, officer, changes, reason, expected):
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    before = _counts(db), en.get_enrolment(db, saved.enrolment_id)
    with pytest.raises(ValidationError) as caught:
        co.correct_enrolment(db, ref, saved.enrolment_id, changes, reason, officer, fixed_clock)
    assert _codes(caught.value) == expected
    assert (_counts(db), en.get_enrolment(db, saved.enrolment_id)) == before
    # No personal data in the exception or the messages.
    for lang in ("id", "en"):
        text = caught.value.message(lang) + str(caught.value)
        assert "3577015708900001" not in text and "Regapu" not in text


def test_nik_change_is_refused_with_what_to_do_instead(db, ref, event, officer):
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    with pytest.raises(ValidationError) as caught:
        co.correct_enrolment(
            db,
            ref,
            saved.enrolment_id,
            {"nik": "3577015708900002", "phone": "081311112222"},
            "NIK salah ketik",
            officer,
            fixed_clock,
        )
    [problem] = caught.value.problems
    assert "daftarkan ulang" in problem.message("id")
    assert "enrol the person again" in problem.message("en")
    assert "3577015708900002" not in problem.message("id")
    # The same NIK sent back unchanged is no change at all.
    cid = co.correct_enrolment(
        db,
        ref,
        saved.enrolment_id,
        {"nik": "3577015708900001", "phone": "081311112222"},
        "HP baru",
        officer,
        fixed_clock,
    )
    assert json.loads(_outbox(db, cid)[1])["changes"] == {"phone": "+6281311112222"}


def test_address_in_another_district_is_only_a_warning(db, ref, event, officer):
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    cid = co.correct_enrolment(
        db,
        ref,
        saved.enrolment_id,
        {"address.village_code": "3172011001", "phone": ""},
        "Pindah alamat",
        officer,
        fixed_clock,
    )
    assert json.loads(_outbox(db, cid)[1])["changes"] == {
        "address.village_code": "31.72.01.1001",
        "phone": None,
    }


def test_sponsored_occupation_must_stay_eligible(db, ref, officer):
    ev = _sponsored_event(db, ref, officer)
    saved = en.enrol(db, ref, ev.id, person(occupation_code="K006"), officer, fixed_clock)
    with pytest.raises(ValidationError) as caught:
        co.correct_enrolment(
            db, ref, saved.enrolment_id, {"occupation_code": "K020"}, "Kerja", officer, fixed_clock
        )
    assert _codes(caught.value) == {"occupation_code": "scheme_occupation"}
    co.correct_enrolment(
        db, ref, saved.enrolment_id, {"occupation_code": "k007"}, "Kerja", officer, fixed_clock
    )
    assert en.get_enrolment(db, saved.enrolment_id).occupation_code == "K007"


def test_unknown_enrolment_and_unknown_officer(db, ref, event, officer):
    with pytest.raises(SigapError) as caught:
        co.correct_enrolment(db, ref, "nope", {"phone": "0813"}, "x", officer, fixed_clock)
    assert caught.value.code == "enrolment_unknown"
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    with pytest.raises(SigapError) as nobody:
        co.correct_enrolment(
            db, ref, saved.enrolment_id, {"phone": "081311112222"}, "x", "nobody", fixed_clock
        )
    assert nobody.value.code == "officer_unknown"


def test_corrections_are_never_deleted_or_changed(db, ref, event, officer):
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    cid = co.correct_enrolment(
        db, ref, saved.enrolment_id, {"phone": "081311112222"}, "HP", officer, fixed_clock
    )
    with pytest.raises(Exception, match="never deleted"), db.atomic():
        db.execute("DELETE FROM corrections WHERE id = ?", [cid])
    with pytest.raises(Exception, match="never changes"), db.atomic():
        db.execute("UPDATE corrections SET reason = 'lain' WHERE id = ?", [cid])


def test_history_names_who_did_what_when_and_which_fields(db, ref, event, officer, supervisor):
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    co.correct_enrolment(
        db,
        ref,
        saved.enrolment_id,
        {"phone": "081311112222", "birth_place": "Ngawi"},
        "Data dari KTP",
        officer,
        at_minute(1),
    )
    en.void_payment(db, saved.payment_id, "Uang kurang", officer, supervisor, at_minute(2))
    entries = co.history(db, saved.enrolment_id)
    assert [(e.action, e.record_type) for e in entries] == [
        ("create", "enrolment"),
        ("create", "payment"),
        ("correct", "enrolment"),
        ("void", "payment"),
    ]
    created, paid, corrected, voided = entries
    assert (created.at, created.officer_id, created.officer_name) == (
        "2026-11-22T09:15:00+07:00",
        officer,
        "Sari Wulandari",
    )
    assert created.detail == {"source": "desk"}
    assert paid.receipt_number == saved.receipt_number
    assert corrected.fields == ("birth_place", "phone")
    assert corrected.reason == "Data dari KTP"
    assert corrected.at == "2026-11-22T09:16:00+07:00"
    assert (voided.reason, voided.approved_by, voided.receipt_number) == (
        "Uang kurang",
        supervisor,
        saved.receipt_number,
    )
    assert co.history(db, "nope") == []


def test_database_of_the_second_migration_is_upgraded(tmp_path, ref):
    folder = tmp_path / "old"
    folder.mkdir()
    old = connect(folder / DB_FILE, desk_key(folder))
    MIGRATIONS.apply(old, stop_before="m003_corrections")
    assert "corrections" not in old.table_names()
    old.close()
    upgraded = open_desk(folder)
    assert "corrections" in upgraded.table_names()
    assert MIGRATIONS.pending(upgraded) == []
    assert pa.find_ids(upgraded, F(sync_state="pending")) == []
    upgraded.close()
