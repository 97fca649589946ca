"""The sync cycle against a scripted HQ: what each answer does to the queue and the records."""

from __future__ import annotations

import json
import logging
from datetime import UTC, timedelta

import httpx
import pytest

from models import sync_state
from models.corrections import correct_enrolment
from models.db import get_setting
from models.enrolments import member_numbers_left
from models.prints import log_print
from models.reference import default_reference, reference_for
from models.sync_state import cards_to_reprint, problem_records, sync_summary
from sync.engine import SyncReport, check_online, register_device, sync_once
from sync.lock import lock_path_for, sync_lock
from tests.helpers import NOW, fixed_clock
from tests.sync.fakehq import (  # noqa: F401
    FakeHQ,
    enrol_many,
    hq_fixture,
    hq_json,
    member_number,
    outbox_rows,
    registered_fixture,
)


def later(minutes: float):
    return lambda: NOW + timedelta(minutes=minutes)


def utc_text(minutes: float) -> str:
    return (NOW + timedelta(minutes=minutes)).astimezone(UTC).isoformat(timespec="seconds")


def sync(db, hq: FakeHQ, clock=fixed_clock, **kw) -> SyncReport:
    kw.setdefault("rng", lambda: 0.5)
    kw.setdefault("sleep", lambda seconds: None)
    return sync_once(db, client=hq.client(), clock=clock, **kw)


def states(db) -> dict[str, int]:
    return sync_state.sync_summary(db).counts


# ------------------------------------------------------------------ the plain path


def test_not_registered_sends_nothing(db, ref, event, officer, hq):
    enrol_many(db, ref, event, officer, 1)
    report = sync_once(db, clock=fixed_clock)
    assert report.error == "not_registered"
    assert report.pending == 3 and report.exit_code == 4
    assert check_online(db) is False


def test_first_sync_sends_every_record_once_in_order(registered, ref, event, officer, hq):
    db = registered
    ids = enrol_many(db, ref, event, officer, 3)
    # Reserved numbers from the registration's block went on the enrolments at once.
    assert [member_number(db, i) for i in ids] == ["10000000001", "10000000002", "10000000003"]
    report = sync(db, hq)
    assert report.as_json() == {
        "sent": 7, "accepted": 7, "already_received": 0, "duplicate_person": 0,
        "rejected": 0, "conflict": 0, "pending": 0,
    }  # fmt: skip
    assert report.error is None and report.exit_code == 0
    assert hq.pushed[0][0] == event.id  # the event first, then in recorded order
    assert hq.pushed[0] == list(outbox_rows(db))
    assert states(db) == {"synced": 7}
    assert get_setting(db, "last_sync_at") == "2026-11-22T09:15:00+07:00"
    assert get_setting(db, "last_sync_error") is None

    again = sync(db, hq)
    assert again.sent == 0 and again.exit_code == 0
    assert hq.count("/sync/push") == 1
    assert len(hq.records) == 7


def test_hq_number_replaces_the_reserved_one_and_the_card_is_listed_for_reprint(
    registered, ref, event, officer, hq
):
    db = registered
    first, second = enrol_many(db, ref, event, officer, 2)
    log_print(db, "card", first, officer, fixed_clock, {"card_number": "10000000001"})
    log_print(db, "card", second, officer, fixed_clock, {"card_number": "10000000002"})
    hq.answer(first, status="accepted", member_number="10000000999")
    sync(db, hq)
    assert member_number(db, first) == "10000000999"
    assert outbox_rows(db)[first]["member_number"] == "10000000999"
    assert cards_to_reprint(db) == [first]
    log_print(db, "card", first, officer, fixed_clock, {"card_number": "10000000999"})
    assert cards_to_reprint(db) == []
    history = db.execute(
        "SELECT action, detail FROM audit WHERE record_id = ? AND action = 'hq_member_number'",
        [first],
    ).fetchall()
    assert history == [("hq_member_number", '{"had_number": true}')]


def test_a_provisional_card_is_listed_once_hq_gives_the_number(registered, ref, event, officer, hq):
    db = registered
    db.execute("UPDATE member_number_blocks SET next = '10000000501'")  # none left
    (eid,) = enrol_many(db, ref, event, officer, 1)
    assert member_number(db, eid) is None
    log_print(db, "card", eid, officer, fixed_clock, {"card_number": "P-1234ABCD"})
    assert cards_to_reprint(db) == []  # nothing better to print yet
    sync(db, hq)
    assert member_number(db, eid) == "10000000001"  # the fake HQ's first own number
    assert cards_to_reprint(db) == [eid]


# ------------------------------------------------------------------ batches


def test_batches_stay_within_hqs_record_limit(registered, ref, event, officer, hq):
    hq.max_batch_records = 4
    enrol_many(registered, ref, event, officer, 5)  # 11 records
    report = sync(registered, hq)
    assert [len(p) for p in hq.pushed] == [4, 4, 3]
    assert report.accepted == 11 and report.pending == 0


def test_batches_stay_within_hqs_byte_limit(registered, ref, event, officer, hq):
    hq.max_batch_bytes = 3000
    enrol_many(registered, ref, event, officer, 5)
    report = sync(registered, hq)
    assert report.accepted == 11
    assert max(hq.push_sizes) <= 3000
    assert len(hq.pushed) > 2
    assert [i for p in hq.pushed for i in p] == list(outbox_rows(registered))


def test_413_halves_the_batch_until_it_passes(registered, ref, event, officer, hq):
    enrol_many(registered, ref, event, officer, 4)  # 9 records
    hq.fail("/sync/push", hq_json({"error": "too_large"}, 413), times=2)
    report = sync(registered, hq)
    assert report.accepted == 9 and report.error is None
    assert [len(p) for p in hq.pushed][:1] == [2]  # 9 → 4 → 2
    assert sum(len(p) for p in hq.pushed) == 9


def test_a_single_record_too_large_waits_and_the_rest_go(registered, ref, event, officer, hq):
    db = registered
    ids = enrol_many(db, ref, event, officer, 3)
    hq.too_large = {ids[1]}
    report = sync(db, hq)
    assert report.pending == 1 and report.accepted == 6 and report.exit_code == 4
    row = outbox_rows(db)[ids[1]]
    assert row["state"] == "pending" and row["last_error"] == "too_large"
    assert row["attempts"] == 1 and row["next_attempt_at"] > utc_text(0)
    problem = [p for p in problem_records(db) if p.id == ids[1]][0]
    assert problem.last_error == "too_large"


def test_400_isolates_the_record_hq_cannot_read(registered, ref, event, officer, hq):
    db = registered
    ids = enrol_many(db, ref, event, officer, 4)
    hq.unreadable = {ids[2]}
    report = sync(db, hq)
    assert report.rejected == 1 and report.accepted == 8 and report.pending == 0
    row = outbox_rows(db)[ids[2]]
    assert (row["state"], row["hq_code"]) == ("rejected", "malformed_request")
    assert report.exit_code == 5
    # Its payment still went (HQ would answer it on its own terms).
    assert sum(len(p) for p in hq.pushed) == 8


def test_400_to_every_request_rejects_nothing(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 3)
    hq.fail("/sync/push", hq_json({"error": "malformed_request"}, 400), times=50)
    report = sync(db, hq)
    assert report.error == "malformed"
    assert report.rejected == 0 and states(db) == {"pending": 7}
    waiting = [r for r in outbox_rows(db).values() if r["last_error"] == "malformed"]
    assert len(waiting) == 1  # only the first record, alone, is held back
    assert json.loads(get_setting(db, "last_sync_error"))["kind"] == "malformed"


# ------------------------------------------------------------------ waiting and backoff


def test_retry_after_is_a_floor_and_the_cycle_does_not_sleep_it(
    registered, ref, event, officer, hq
):
    db = registered
    enrol_many(db, ref, event, officer, 2)
    hq.fail("/sync/push", hq_json({"error": "busy"}, 429, **{"Retry-After": "600"}))
    slept: list[float] = []
    report = sync(db, hq, sleep=slept.append, rng=lambda: 0.0)
    assert report.error == "server" and report.pending == 5 and report.exit_code == 4
    assert slept == []
    rows = outbox_rows(db).values()
    assert all(r["next_attempt_at"] == utc_text(10) for r in rows)
    assert all(r["attempts"] == 1 and r["last_error"] == "server" for r in rows)

    too_soon = sync(db, hq, clock=later(5))
    assert too_soon.sent == 0 and hq.count("/sync/push") == 1
    assert too_soon.error is None and too_soon.exit_code == 4
    done = sync(db, hq, clock=later(11))
    assert done.accepted == 5 and done.pending == 0


def test_a_short_backoff_is_slept_inside_the_cycle(registered, ref, event, officer, hq):
    enrol_many(registered, ref, event, officer, 1)
    hq.fail("/sync/push", hq_json({"error": "oops"}, 500))
    slept: list[float] = []
    report = sync(registered, hq, sleep=slept.append, rng=lambda: 0.1)
    assert slept == [pytest.approx(0.5)]  # 0.1 × 5 s
    assert report.accepted == 3 and report.error is None


def test_a_long_backoff_is_written_down_and_ends_the_cycle(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    hq.fail("/sync/push", hq_json({"error": "oops"}, 500), times=3)
    report = sync(db, hq, rng=lambda: 0.9)
    assert report.error == "server" and report.pending == 3
    assert all(r["next_attempt_at"] == utc_text(4.5 / 60) for r in outbox_rows(db).values())
    # After repeated failures the wait grows, up to the cap.
    sync(db, hq, clock=later(1), rng=lambda: 0.9)
    assert {r["attempts"] for r in outbox_rows(db).values()} == {2}
    assert {r["next_attempt_at"] for r in outbox_rows(db).values()} == {utc_text(1 + 9 / 60)}


def test_hq_answer_retry_waits_and_later_records_still_go(registered, ref, event, officer, hq):
    db = registered
    first, second = enrol_many(db, ref, event, officer, 2)
    hq.answer(first, status="retry", code="waiting_for_reference", message="event not seen")
    report = sync(db, hq)
    assert report.sent == 5 and report.accepted == 4 and report.pending == 1
    row = outbox_rows(db)[first]
    assert (row["state"], row["last_error"], row["attempts"]) == ("pending", "retry", 1)
    assert row["next_attempt_at"] == utc_text(2.5 / 60)
    assert outbox_rows(db)[second]["state"] == "synced"
    assert [p.id for p in problem_records(db)] == [first]

    del hq.answers[first]
    assert sync(db, hq).sent == 0  # not due yet
    done = sync(db, hq, clock=later(1))
    assert done.accepted == 1 and done.pending == 0
    assert outbox_rows(db)[first]["last_error"] is None


# ------------------------------------------------------------------ lost answers


def test_a_lost_answer_is_looked_up_not_resent(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 3)
    hq.fail("/sync/push", exception=httpx.ReadTimeout("lost"), after=True)
    report = sync(db, hq)
    assert report.error is None and report.pending == 0
    assert report.accepted == 7
    assert hq.count("/sync/status") == 1 and len(hq.pushed) == 1
    assert states(db) == {"synced": 7}


def test_a_request_that_never_reached_hq_is_resent_with_the_same_ids(
    registered, ref, event, officer, hq
):
    db = registered
    enrol_many(db, ref, event, officer, 2)
    hq.fail("/sync/push", exception=httpx.ReadTimeout("lost"), after=False)
    report = sync(db, hq)
    assert report.accepted == 5 and report.conflict == 0 and report.pending == 0
    assert hq.count("/sync/status") == 1
    assert sorted(i for p in hq.pushed for i in p) == sorted(outbox_rows(db))


def test_part_of_a_lost_batch_held_the_rest_resent(registered, ref, event, officer, hq):
    db = registered
    ids = enrol_many(db, ref, event, officer, 2)
    # HQ stored the first three records, then the line broke.
    hq.on_push = None
    real = hq._push

    def half(request):
        body = json.loads(request.content)
        body["records"] = body["records"][:3]
        hq.on_push = None
        hq._push = real  # type: ignore[method-assign]
        real(httpx.Request("POST", request.url, content=json.dumps(body).encode(),
                           headers=request.headers))  # fmt: skip
        raise httpx.RemoteProtocolError("reset")

    hq._push = half  # type: ignore[method-assign]
    report = sync(db, hq)
    assert report.pending == 0 and report.accepted == 5
    assert len(hq.records) == 5 and report.conflict == 0
    assert member_number(db, ids[1]) == "10000000002"


def test_two_lost_answers_end_the_cycle_as_offline(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    hq.fail("/sync/push", exception=httpx.ReadTimeout("lost"), times=2)
    report = sync(db, hq)
    assert report.error == "offline" and report.pending == 3 and report.exit_code == 4
    assert all(r["next_attempt_at"] is None for r in outbox_rows(db).values())
    assert sync(db, hq).accepted == 3


def test_offline_when_the_status_call_fails_too(registered, ref, event, officer, hq):
    enrol_many(registered, ref, event, officer, 1)
    hq.fail("/sync/push", exception=httpx.ReadTimeout("lost"), after=True)
    hq.fail("/sync/status", exception=httpx.ConnectError("down"))
    report = sync(registered, hq)
    assert report.error == "offline" and report.pending == 3
    again = sync(registered, hq)  # resent: HQ has them, same ids and hashes
    assert again.already_received == 3 and again.pending == 0


def test_an_answer_that_does_not_match_the_request_keeps_the_records(
    registered, ref, event, officer, hq
):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    hq.fail("/sync/push", hq_json({"results": []}), after=True)
    report = sync(db, hq, rng=lambda: 0.9)
    assert report.error == "server" and report.pending == 3 and report.sent == 0
    later_report = sync(db, hq, clock=later(1))
    assert later_report.already_received == 3 and later_report.pending == 0


def test_offline_hq_changes_nothing(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    before = outbox_rows(db)
    hq.fail("/hello", httpx.Response(200, text="<html>login</html>"))
    report = sync(db, hq)
    assert report.error == "offline" and report.exit_code == 4
    assert outbox_rows(db) == before
    assert get_setting(db, "last_sync_at") is None
    assert json.loads(get_setting(db, "last_sync_error")) == {
        "kind": "offline",
        "at": "2026-11-22T09:15:00+07:00",
    }


# ------------------------------------------------------------------ refused devices


def test_401_stops_syncing_until_registered_again(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    hq.token = "another"
    report = sync(db, hq)
    assert report.error == "auth" and report.pending == 3
    assert get_setting(db, "sync_stopped") == "auth"
    calls = len(hq.calls)
    assert sync(db, hq).error == "auth"
    assert len(hq.calls) == calls  # HQ is not asked again
    assert sync_summary(db).stopped == "auth"

    register_device(db, "https://hq.test", hq.code, client=hq.client(None), clock=fixed_clock)
    assert get_setting(db, "sync_stopped") is None
    report = sync_once(db, client=hq.client("another"), clock=fixed_clock)
    assert report.accepted == 3 and report.error is None


def test_403_revoked_stops_syncing_and_keeps_every_record(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    hq.revoked = True
    report = sync(db, hq)
    assert report.error == "revoked" and report.pending == 3
    summary = sync_summary(db)
    assert (summary.stopped, summary.last_error, summary.waiting) == ("revoked", "revoked", 3)


# ------------------------------------------------------------------ per-record answers


def test_rejected_conflict_and_duplicate_person(registered, ref, event, officer, hq):
    db = registered
    ids = enrol_many(db, ref, event, officer, 3)
    hq.answer(ids[0], status="rejected", code="invalid_field", field="phone",
              message="Phone number is not in use")  # fmt: skip
    payment = [r["id"] for r in outbox_rows(db).values() if r["type"] == "payment"][1]
    hq.answer(payment, status="conflict")
    hq.members["3577015708900003"] = "10000000777"  # already an active member at HQ
    report = sync(db, hq)
    assert (report.rejected, report.conflict, report.duplicate_person) == (1, 1, 1)
    assert report.pending == 0 and report.exit_code == 5 and report.needs_review == 2
    rows = outbox_rows(db)
    assert (rows[ids[0]]["state"], rows[ids[0]]["hq_code"], rows[ids[0]]["hq_field"]) == (
        "rejected", "invalid_field", "phone",
    )  # fmt: skip
    assert rows[payment]["state"] == "conflict"
    assert rows[ids[2]]["state"] == "duplicate_person"
    assert member_number(db, ids[2]) == "10000000777"

    problems = problem_records(db)
    assert [p.id for p in problems] == [ids[0], payment, ids[2]]
    assert problems[0].nik_masked == "3577********0001"
    assert problems[0].full_name.startswith("Ni Luh")
    assert problems[1].enrolment_id == ids[1]  # a payment is shown with its enrolment
    assert problems[0].hq_field == "phone"
    assert problems[2].member_number == "10000000777"
    assert problems[1].state == "conflict"

    # Never resent, and the exit code keeps saying "look at these".
    again = sync(db, hq)
    assert again.sent == 0 and again.exit_code == 5


def test_a_number_another_enrolment_carries_is_not_taken(registered, ref, event, officer, hq):
    db = registered
    first, second = enrol_many(db, ref, event, officer, 2)
    hq.answer(second, status="accepted", member_number="10000000001")  # first's number
    report = sync(db, hq)
    assert report.accepted == 5 and report.error is None
    assert member_number(db, first) == "10000000001"
    assert member_number(db, second) == "10000000002"
    row = outbox_rows(db)[second]
    assert (row["state"], row["member_number"], row["last_error"]) == (
        "synced", "10000000001", "member_number_clash",
    )  # fmt: skip
    problem = [p for p in problem_records(db) if p.id == second][0]
    assert problem.last_error == "member_number_clash"


def test_an_accepted_correction_brings_a_rejected_enrolment_back(
    registered, ref, event, officer, hq
):
    db = registered
    (eid,) = enrol_many(db, ref, event, officer, 1)
    hq.answer(eid, status="rejected", code="invalid_field", field="birth_place")
    sync(db, hq)
    assert outbox_rows(db)[eid]["state"] == "rejected"
    cid = correct_enrolment(db, ref, eid, {"birth_place": "Kota Madiun"}, "salah ketik",
                            officer, fixed_clock)  # fmt: skip
    hq.answer(cid, status="accepted", member_number="10000000042")
    report = sync(db, hq)
    assert report.accepted == 1 and report.exit_code == 0
    assert outbox_rows(db)[eid]["state"] == "synced"
    assert member_number(db, eid) == "10000000042"


# ------------------------------------------------------------------ after receipt


def test_changes_are_applied_page_by_page_and_the_cursor_kept(registered, ref, event, officer, hq):
    db = registered
    ids = enrol_many(db, ref, event, officer, 3)
    sync(db, hq)
    hq.changes = [
        {"cursor": "11", "record_id": ids[0], "kind": "member_status",
         "member_number": "10000000321", "status": "active", "message": ""},
        {"cursor": "12", "record_id": ids[1], "kind": "member_status", "member_number": None,
         "status": "rejected_after_review", "message": "KTP photo does not match"},
        {"cursor": "13", "record_id": "not-ours", "kind": "member_status",
         "member_number": None, "status": "active", "message": ""},
        {"cursor": "14", "record_id": ids[2], "kind": "something_new"},
    ]  # fmt: skip
    report = sync(db, hq)
    assert report.rejected == 1 and report.exit_code == 5
    assert member_number(db, ids[0]) == "10000000321"
    row = outbox_rows(db)[ids[1]]
    assert (row["state"], row["hq_code"], row["hq_message"]) == (
        "rejected", "rejected_after_review", "KTP photo does not match",
    )  # fmt: skip
    assert outbox_rows(db)[ids[2]]["state"] == "synced"
    assert get_setting(db, "changes_cursor") == "14"
    assert hq.calls.count(("GET", "/sync/changes")) == 4  # 2 a page, then an empty page
    sync(db, hq)
    assert get_setting(db, "changes_cursor") == "14"


def test_an_unreadable_change_is_skipped_not_a_block(registered, ref, event, officer, hq):
    db = registered
    (eid,) = enrol_many(db, ref, event, officer, 1)
    sync(db, hq)
    hq.changes = [
        {"cursor": "21", "record_id": eid, "kind": "member_status", "member_number": "12-34",
         "status": "active"},
        "not even an object",
        {"cursor": "22", "record_id": eid, "kind": "member_status",
         "member_number": "10000000654", "status": "active"},
    ]  # fmt: skip
    report = sync(db, hq)
    assert report.error is None
    assert member_number(db, eid) == "10000000654"
    assert get_setting(db, "changes_cursor") == "22"


def test_a_stored_hq_address_that_is_not_one_counts_as_not_registered(registered, hq):
    registered.execute("UPDATE settings SET value = 'nowhere' WHERE key = 'hq_url'")
    assert sync_once(registered, clock=fixed_clock).error == "not_registered"


def test_member_numbers_are_topped_up_when_few_are_left(registered, ref, event, officer, hq):
    db = registered
    db.execute("UPDATE member_number_blocks SET next = '10000000450'")
    assert member_numbers_left(db) == 51
    sync(db, hq)
    assert hq.count("/member-numbers") == 1
    assert member_numbers_left(db) == 551
    sync(db, hq)
    assert hq.count("/member-numbers") == 1  # enough now


def test_hqs_newer_reference_data_is_kept_and_used(registered, hq):
    db = registered
    shipped = default_reference()
    schemes = json.loads((shipped_folder() / "schemes.json").read_text())["schemes"]
    doc = {
        "version": "2099-01-01",
        "occupations": [{"code": "K001", "name_id": "Pedagang Keliling Baru",
                         "name_en": "New Vendor"}],
        "rates": {**shipped.rates, "version": "2099-01-01"},
        "schemes": [{k: v for k, v in s.items() if k != "budget"} for s in schemes],
    }  # fmt: skip
    hq.reference_doc = doc
    sync(db, hq)
    assert get_setting(db, "reference_etag") == '"ref-1"'
    ref = reference_for(db)
    assert ref.version == "2099-01-01"
    assert ref.occupations["K001"].name_id == "Pedagang Keliling Baru"
    assert ref.occupations["K001"].sector == shipped.occupations["K001"].sector
    some = next(iter(shipped.schemes.values()))
    assert ref.schemes[some.code].budget == some.budget  # a field HQ left out is kept
    assert reference_for(db) is ref  # built once
    sync(db, hq)
    assert hq.count("/reference") == 2  # asked again with If-None-Match, 304


def test_older_or_unreadable_reference_data_is_not_used(registered, hq):
    db = registered
    shipped = default_reference()
    hq.reference_doc = {"version": "2000-01-01", "occupations": [], "rates": shipped.rates,
                        "schemes": []}  # fmt: skip
    sync(db, hq)
    assert reference_for(db) is shipped
    hq.reference_doc = {"version": "2099-01-01", "occupations": [], "rates": {}, "schemes": []}
    hq.reference_etag = '"ref-2"'
    report = sync(db, hq)
    assert report.error is None
    assert get_setting(db, "reference_etag") == '"ref-1"'  # the unreadable one not kept
    assert reference_for(db) is shipped


def shipped_folder():
    from models.reference import RESOURCES

    return RESOURCES


# ------------------------------------------------------------------ the cycle as a whole


def test_progress_is_reported_per_batch(registered, ref, event, officer, hq):
    hq.max_batch_records = 3
    enrol_many(registered, ref, event, officer, 3)
    seen: list[tuple[int, int]] = []
    sync(registered, hq, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(3, 7), (6, 7), (7, 7)]


def test_a_second_sync_of_the_same_folder_is_refused_as_busy(registered, ref, event, officer, hq):
    enrol_many(registered, ref, event, officer, 1)
    with sync_lock(lock_path_for(registered)):
        report = sync(registered, hq)
    assert report.error == "busy" and report.pending == 3 and report.exit_code == 4
    assert hq.calls == []
    assert sync(registered, hq).accepted == 3


def test_no_personal_data_in_the_logs(registered, ref, event, officer, hq, caplog):
    db = registered
    ids = enrol_many(db, ref, event, officer, 3)
    hq.answer(ids[0], status="rejected", code="invalid_nik")
    hq.too_large = {ids[1]}
    hq.fail("/sync/push", exception=httpx.ReadTimeout("lost"), after=True)
    hq.fail("/sync/push", hq_json({}, 503, **{"Retry-After": "1"}))
    with caplog.at_level(logging.DEBUG):
        sync(db, hq)
    assert caplog.text  # something was logged
    for secret in ("3577015708900001", "Ni Luh", "Regapu", "+6281234567890", "Sumirah"):
        assert secret not in caplog.text


def test_sync_summary(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    before = sync_summary(db)
    assert before.registered and before.hq_url == "https://hq.test"
    assert (before.waiting, before.last_sync_at, before.member_numbers_left) == (3, None, 499)
    sync(db, hq)
    after = sync_summary(db)
    assert after.counts == {"synced": 3} and after.waiting == 0
    assert after.last_sync_at == "2026-11-22T09:15:00+07:00" and after.last_error is None


def test_exit_codes():
    assert SyncReport().exit_code == 0
    assert SyncReport(pending=2, error="offline").exit_code == 4
    assert SyncReport(rejected=1).exit_code == 5
    assert SyncReport(needs_review=1).exit_code == 5
    # Still waiting wins: run sync again; the refusals are still there afterwards.
    assert SyncReport(pending=1, conflict=1).exit_code == 4
    assert list(SyncReport().as_json()) == [
        "sent", "accepted", "already_received", "duplicate_person", "rejected", "conflict",
        "pending",
    ]  # fmt: skip
