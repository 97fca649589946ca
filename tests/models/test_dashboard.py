"""The event dashboard's figures (models.stats.event_dashboard) for made-up events."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from models.enrolments import enrol, void_payment
from models.officers import add_officer
from models.stats import event_dashboard
from tests.helpers import WIB, fixed_clock, person, sponsored_event

WITA = timezone(timedelta(hours=8))
TODAY = date(2026, 11, 22)


def at(day: int, hour: int, minute: int, tz: timezone = WIB):
    moment = datetime(2026, 11, day, hour, minute, tzinfo=tz)
    return lambda: moment


# Made-up applicants whose NIKs agree with their birth date and sex (district 35.77.01).
MAN_1985 = {"nik": "3577011203850002", "birth_date": date(1985, 3, 12), "gender": "L"}
WOMAN_1995 = {"nik": "3577014101950003", "birth_date": date(1995, 1, 1), "gender": "P"}
MAN_1978 = {"nik": "3577012512780004", "birth_date": date(1978, 12, 25), "gender": "L"}
WOMAN_2000 = {"nik": "3577014506000005", "birth_date": date(2000, 6, 5), "gender": "P"}


def _joko(db) -> str:
    add_officer(db, "joko", "Joko Prasetyo", "officer", "becak-malam-55", clock=fixed_clock)
    return "joko"


def test_self_paid_event_figures(db, ref, event, officer, supervisor):
    joko = _joko(db)
    # Sari at 09:15 and 09:40 today, Joko at 13:05 today (on WITA time), Sari yesterday.
    first = enrol(db, ref, event.id, person(), officer, at(22, 9, 15))
    assert first.amount == 8_400  # PP 50/2025 discount: JKK 5,000 + JKM 3,400
    transfer = enrol(
        db,
        ref,
        event.id,
        person(
            **MAN_1985,
            declared_income=2_000_000,
            programmes=["JKK", "JKM", "JHT"],
            months=3,
            method="transfer",
        ),
        officer,
        at(22, 9, 40),
    )
    # Nov and Dec discounted (10,000 + 3,400 + 40,000), January at the full 66,800.
    assert transfer.amount == 173_600
    enrol(db, ref, event.id, person(**WOMAN_1995), joko, at(22, 13, 5, WITA))
    enrol(db, ref, event.id, person(**MAN_1978), officer, at(21, 16, 20))
    void_payment(db, first.payment_id, "Salah ketik", officer, supervisor, at(22, 10, 0))

    figures = event_dashboard(db, event.id, TODAY, ref)

    assert figures["enrolled_today"] == 3
    assert figures["enrolled_total"] == 4
    hours = [0] * 24
    hours[9], hours[13] = 2, 1
    assert figures["per_hour"] == hours
    assert figures["per_officer"] == [
        {"officer_id": "sari", "name": "Sari Wulandari", "count": 3},
        {"officer_id": "joko", "name": "Joko Prasetyo", "count": 1},
    ]
    assert figures["money"] == {
        "self_cash": 16_800,  # Joko's 8,400 and yesterday's 8,400; Sari's first is void
        "self_transfer": 173_600,
        "sponsor": 0,
        "total": 190_400,
    }
    assert figures["money_voided"] == 8_400
    # The event, 4 enrolments, 4 payments and 1 void wait for HQ.
    assert figures["waiting_hq"] == 10
    assert figures["waiting_hq_device"] == 10
    assert figures["scheme_code"] is None
    assert figures["quota"] is None and figures["quota_used"] is None
    assert figures["budget"] is None and figures["budget_left"] is None

    # The day before shows yesterday's one enrolment at 16.00.
    yesterday = event_dashboard(db, event.id, date(2026, 11, 21), ref)
    assert yesterday["enrolled_today"] == 1
    assert yesterday["per_hour"][16] == 1 and sum(yesterday["per_hour"]) == 1


def test_sponsored_event_quota_and_budget_count_the_whole_device(db, ref, officer, supervisor):
    def kowantara_event(name: str):
        return sponsored_event(
            db, ref, officer, name=name, location="Warteg Bahari", region_code="35.77.01.1001"
        )

    first_event = kowantara_event("Warteg Terlindungi I")
    other_event = kowantara_event("Warteg Terlindungi II")
    a = enrol(db, ref, first_event.id, person(occupation_code="K006"), officer, at(22, 8, 30))
    # Three months: Nov and Dec at the halved 8,400, January at 16,800.
    assert a.amount == 33_600
    b = enrol(
        db, ref, first_event.id, person(**MAN_1985, occupation_code="K007"), officer, at(22, 8, 45)
    )
    enrol(
        db,
        ref,
        other_event.id,
        person(**WOMAN_2000, occupation_code="K006"),
        officer,
        at(22, 11, 0),
    )
    void_payment(db, b.payment_id, "Dobel bayar", officer, supervisor, at(22, 12, 0))

    figures = event_dashboard(db, first_event.id, TODAY, ref)

    assert figures["scheme_code"] == "KOWANTARA-WARTEG"
    assert figures["enrolled_total"] == 2 and figures["enrolled_today"] == 2
    # Quota counts enrolments (a void payment does not give the place back) on this device.
    assert (figures["quota"], figures["quota_used"], figures["quota_left"]) == (100, 3, 97)
    # Budget counts payments that stand: 2 × 33,600 across both events.
    assert figures["budget"] == 5_040_000
    assert figures["budget_used"] == 67_200
    assert figures["budget_left"] == 4_972_800
    assert figures["money"] == {
        "self_cash": 0,
        "self_transfer": 0,
        "sponsor": 33_600,
        "total": 33_600,
    }
    assert figures["money_voided"] == 33_600
    assert figures["per_hour"][8] == 2 and sum(figures["per_hour"]) == 2
    # This event: itself, 2 enrolments, 2 payments, 1 void; the other event adds 3.
    assert figures["waiting_hq"] == 6
    assert figures["waiting_hq_device"] == 9


def test_empty_event(db, ref, event):
    figures = event_dashboard(db, event.id, TODAY, ref)
    assert figures["enrolled_today"] == figures["enrolled_total"] == 0
    assert figures["per_hour"] == [0] * 24
    assert figures["per_officer"] == []
    assert figures["money"]["total"] == 0
    assert figures["waiting_hq"] == 1  # the event itself


def test_hq_decisions_are_not_waiting(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, at(22, 9, 0))
    db.execute(
        "UPDATE outbox SET state = 'synced' WHERE id IN (?, ?)", [event.id, saved.enrolment_id]
    )
    db.conn.commit()
    assert event_dashboard(db, event.id, TODAY, ref)["waiting_hq"] == 1  # the payment
