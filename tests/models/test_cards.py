"""The device's signing key, checking a card, and printing cards into the print log."""

from __future__ import annotations

import base64
import io
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader

from models import signing
from models.cards import card_data, cards_for_event
from models.db import get_setting
from models.enrolments import enrol, void_payment
from models.errors import SigapError
from models.events import create_event
from models.member_numbers import provisional_number
from models.messages import text
from models.prints import prints_for
from models.rates import add_months
from models.signing import (
    card_payload,
    check_card,
    private_key,
    public_key_bytes,
    sign_with,
    standing,
    verify_card_text,
)
from reports.card import Cancelled
from services.printing import print_card, print_cards
from tests.helpers import fixed_clock, open_desk, person

TODAY = date(2026, 11, 22)
OTHERS = [
    ("3577010101900002", date(1990, 1, 1), "L", "Ñoman"),
    ("3577010202900003", date(1990, 2, 2), "L", "Budi Hartono"),
]


def enrol_three(db, ref, event, officer):
    first = enrol(db, ref, event.id, person(months=3), officer, fixed_clock)
    rest = [
        enrol(
            db,
            ref,
            event.id,
            person(nik=n, birth_date=b, gender=g, full_name=name),
            officer,
            fixed_clock,
        )
        for n, b, g, name in OTHERS
    ]
    return [first, *rest]


# --- the key -----------------------------------------------------------------------------


def test_key_is_made_once_kept_in_settings_and_reused(db, data_dir):
    assert get_setting(db, signing.PRIVATE_KEY_SETTING) is None
    first = private_key(db).private_bytes_raw()
    assert private_key(db).private_bytes_raw() == first
    stored = get_setting(db, signing.PRIVATE_KEY_SETTING)
    assert stored is not None and base64.b64decode(stored) == first
    public_key_bytes(db)  # makes the pair on first use
    assert base64.b64decode(get_setting(db, signing.PUBLIC_KEY_SETTING)) == public_key_bytes(db)
    assert len(public_key_bytes(db)) == 32
    again = open_desk(data_dir)  # a second connection, as after a restart
    try:
        assert private_key(again).private_bytes_raw() == first
        assert public_key_bytes(again) == public_key_bytes(db)
    finally:
        again.close()


def test_each_device_has_its_own_key(db, tmp_path):
    other = open_desk(tmp_path / "other")
    try:
        assert public_key_bytes(other) != public_key_bytes(db)
    finally:
        other.close()


# --- the QR text -------------------------------------------------------------------------


def test_qr_text_is_versioned_compact_and_verifies():
    key = Ed25519PrivateKey.generate()
    payload = card_payload("35770100123", "019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e41")
    assert payload == "SIGAP1|35770100123|019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e41"
    qr = signing.sign_with(key, payload)
    assert qr.startswith(payload + "|") and len(qr) == 142
    pub = signing._raw_public(key.public_key())
    result = verify_card_text(qr + "\r\n", [b"\x00" * 32, pub])  # a scanner's Enter
    assert (result.ok, result.why, result.key_index) == (True, "card_genuine", 1)
    assert result.member_ref == "35770100123"
    assert result.enrolment_id == "019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e41"


def test_signature_spelling_is_strict():
    # Base64's last character carries 4 spare bits: a lenient decoder would take 15
    # other characters there as the same signature.
    key = Ed25519PrivateKey.generate()
    pub = signing._raw_public(key.public_key())
    qr = signing.sign_with(key, card_payload("P-5B2C9E41", "019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e41"))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for ch in alphabet.replace(qr[-1], ""):
        assert not verify_card_text(qr[:-1] + ch, [pub]).ok
    assert not verify_card_text(qr + "=", [pub]).ok
    assert not verify_card_text(qr[:-1], [pub]).ok


@pytest.mark.parametrize(
    "scanned",
    ["", "hello", "SIGAP1|x", "SIGAP2|35770100123|abc|" + "A" * 86, "SIGAP1||abc|" + "A" * 86],
)
def test_text_that_is_not_a_card(scanned):
    result = verify_card_text(scanned, [])
    assert not result.ok and result.why == "card_not_sigap"


def test_payload_refuses_the_separator():
    with pytest.raises(ValueError):
        card_payload("1|2", "abc")
    with pytest.raises(ValueError):
        card_payload("", "abc")


def test_provisional_number_uses_the_random_end_of_the_id():
    # UUIDv7: the first 8 hex digits are a timestamp shared by everyone enrolled within
    # about a minute; the last 8 are random.
    assert signing.provisional_number("019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e41") == "P-5B2C9E41"


# --- paid up ---------------------------------------------------------------------------


def test_standing_after_the_last_paid_month():
    nov = date(2026, 11, 1)
    assert standing(nov, date(2026, 11, 30), 3) == signing.Standing(True, 0, False)
    assert standing(nov, date(2026, 10, 1), 3) == signing.Standing(True, 0, False)
    assert standing(nov, date(2026, 12, 1), 3) == signing.Standing(False, 1, False)
    assert standing(nov, date(2027, 2, 28), 3) == signing.Standing(False, 3, False)
    assert standing(nov, date(2027, 3, 1), 3) == signing.Standing(False, 4, True)


# --- checking a card -------------------------------------------------------------------


def test_real_card_is_genuine_with_whose_and_paid_until(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(months=3), officer, fixed_clock)
    card = card_data(db, ref, saved.enrolment_id, "id", fixed_clock)
    result = check_card(db, card.qr_text, TODAY, ref)
    assert result.genuine and result.why == "card_genuine"
    assert result.enrolment_id == saved.enrolment_id
    assert result.full_name == "Ni Luh Putu Ayu Regapu’u Saraswati"
    assert result.masked_nik == "3577********0001"
    payment = db.execute(
        "SELECT period_start, months FROM payments WHERE id = ?", [saved.payment_id]
    ).fetchone()
    start = date(int(payment[0][:4]), int(payment[0][5:7]), 1)
    assert result.paid_until == add_months(start, payment[1] - 1) == date(2027, 1, 1)
    assert result.paid_up and not result.lapsed and result.unpaid_months == 0
    assert result.notes == ("card_paid_up",)
    assert card.paid_until == date(2027, 1, 1)

    later = check_card(db, card.qr_text, date(2027, 3, 5), ref)
    assert later.genuine and not later.paid_up and not later.lapsed
    assert later.notes == ("card_in_arrears",) and later.unpaid_months == 2
    lapsed = check_card(db, card.qr_text, date(2027, 5, 1), ref)
    assert lapsed.lapsed and lapsed.notes == ("card_lapsed",)


def test_messages_are_whole_sentences_without_personal_data(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    card = card_data(db, ref, saved.enrolment_id, "en", fixed_clock)
    for day in (TODAY, date(2027, 1, 10), date(2027, 6, 1)):
        result = check_card(db, card.qr_text, day, ref)
        for lang in ("id", "en"):
            lines = result.messages(lang)
            assert len(lines) == 2
            for line in lines:
                assert "{" not in line and line.endswith(".")
                assert "Regapu" not in line and "3577" not in line
    assert result.as_dict("en")["messages"][1].startswith("The membership has lapsed")
    assert (
        check_card(db, card.qr_text, date(2027, 1, 10), ref)
        .messages("id")[1]
        .startswith("Iuran tertunggak 2 bulan")
    )


def test_tampered_card_is_not_genuine(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    qr = card_data(db, ref, saved.enrolment_id, "id", fixed_clock).qr_text
    # Another person's enrolment id, the number changed, a signature character changed.
    for tampered in (
        qr.replace(
            saved.enrolment_id,
            saved.enrolment_id[:-1] + ("0" if saved.enrolment_id[-1] != "0" else "1"),
        ),
        qr.replace("|P-", "|Q-"),
        qr[:-5] + ("A" if qr[-5] != "A" else "B") + qr[-4:],
    ):
        assert tampered != qr
        result = check_card(db, tampered, TODAY, ref)
        assert not result.genuine and result.why == "card_signature_invalid"
        assert result.full_name is None and result.masked_nik is None
    assert check_card(db, "not a card", TODAY, ref).why == "card_not_sigap"


def test_card_signed_by_another_device_is_not_genuine_here(db, ref, event, officer, tmp_path):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    other = open_desk(tmp_path / "other")
    try:
        forged = sign_with(private_key(other), card_payload("P-00000000", saved.enrolment_id))
    finally:
        other.close()
    result = check_card(db, forged, TODAY, ref)
    assert not result.genuine and result.why == "card_signature_invalid"


def test_no_payment_and_voided_payment(db, ref, event, officer, supervisor):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    qr = card_data(db, ref, saved.enrolment_id, "id", fixed_clock).qr_text
    void_payment(db, saved.payment_id, "Salah ketik nominal", officer, supervisor, fixed_clock)
    result = check_card(db, qr, TODAY, ref)
    assert result.genuine and result.paid_until is None and not result.paid_up
    assert result.notes == ("card_no_payment",)
    assert card_data(db, ref, saved.enrolment_id, "id", fixed_clock).paid_until is None


def test_provisional_card_after_hq_assigns_a_number_asks_for_a_new_card(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    assert saved.member_number is None  # no reserved block on this test device
    card = card_data(db, ref, saved.enrolment_id, "id", fixed_clock)
    assert card.member_number is None
    assert card.qr_text.split("|")[1] == card.provisional_number.upper()
    assert card.provisional_number == "P-" + saved.enrolment_id.replace("-", "")[-8:].upper()
    with db.atomic():  # what applying HQ's result will do
        db.execute(
            "UPDATE enrolments SET member_number = '35770100123' WHERE id = ?",
            [saved.enrolment_id],
        )
    result = check_card(db, card.qr_text, TODAY, ref)
    assert result.genuine and result.member_number == "35770100123"
    assert "card_number_assigned" in result.notes
    new = card_data(db, ref, saved.enrolment_id, "id", fixed_clock)
    assert new.member_number == "35770100123" and "|35770100123|" in new.qr_text
    assert check_card(db, new.qr_text, TODAY, ref).notes == ("card_paid_up",)


def test_card_of_an_enrolment_not_on_this_laptop(db, ref):
    qr = sign_with(
        private_key(db), card_payload("P-5B2C9E41", "019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e41")
    )
    result = check_card(db, qr, TODAY, ref)
    assert result.genuine and result.why == "card_enrolment_missing"
    assert text("card_enrolment_missing", "en").startswith("The card's signature is genuine")


# --- card data and printing -------------------------------------------------------------


def test_card_data_shows_current_values_and_masks_the_nik(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(programmes=["JHT", "JKM", "JKK"]), officer, fixed_clock)
    card = card_data(db, ref, saved.enrolment_id, "en", fixed_clock)
    assert card.masked_nik == "3577********0001"
    assert card.programmes == ("JKK", "JKM", "JHT")
    assert card.branch_code == event.branch_code and card.event_name == event.name
    assert card.issued_on == TODAY and card.lang == "en"
    assert card.enrolment_id == saved.enrolment_id
    assert verify_card_text(card.qr_text, [public_key_bytes(db)]).ok
    with pytest.raises(SigapError) as unknown:
        card_data(db, ref, "no-such-id", "id", fixed_clock)
    assert unknown.value.code == "enrolment_unknown"


def test_cards_for_event_in_order_or_as_selected(db, ref, event, officer):
    saved = enrol_three(db, ref, event, officer)
    ids = [s.enrolment_id for s in saved]
    cards = cards_for_event(db, ref, event.id, "id", clock=fixed_clock)
    assert [c.enrolment_id for c in cards] == ids
    chosen = cards_for_event(db, ref, event.id, "id", [ids[2], ids[0], ids[2]], fixed_clock)
    assert [c.enrolment_id for c in chosen] == [ids[2], ids[0]]
    with pytest.raises(SigapError) as outside:
        cards_for_event(db, ref, event.id, "id", ["not-in-this-event"], fixed_clock)
    assert outside.value.code == "card_enrolment_not_in_event"
    elsewhere = create_event(
        db, ref, name="Sosialisasi Terminal", starts_on=TODAY, ends_on=TODAY,
        location="Terminal Madiun", region_code="35.77.01", officer_id=officer, clock=fixed_clock,
    )  # fmt: skip
    other = enrol(db, ref, elsewhere.id, person(nik="3577015708900009"), officer, fixed_clock)
    with pytest.raises(SigapError) as outside:
        cards_for_event(db, ref, event.id, "id", [other.enrolment_id], fixed_clock)
    said = outside.value.message("id")  # named by its number, never by its id
    number = provisional_number(other.enrolment_id)
    assert said == f"Peserta {number} (sementara) bukan bagian dari acara ini."


def test_print_cards_logs_each_card_and_the_sheet(db, ref, event, officer):
    saved = enrol_three(db, ref, event, officer)
    ids = [s.enrolment_id for s in saved]
    pdf = print_cards(db, ref, event.id, officer, "id", clock=fixed_clock)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2  # one sheet of fronts, one of backs
    assert round(float(reader.pages[0].mediabox.width), 2) == 595.28
    entries = prints_for(db, [*ids, event.id])
    cards = [(e.record_id, e.copy_number) for e in entries if e.kind == "card"]
    assert cards == [(i, 1) for i in ids]
    assert [e.detail["format"] for e in entries if e.kind == "card"] == ["sheet"] * 3
    sheet = [e for e in entries if e.kind == "card_sheet"]
    assert [(s.record_id, s.detail) for s in sheet] == [(event.id, {"cards": 3})]

    # A card-printer run of one selected card: its second print.
    pdf = print_cards(db, ref, event.id, officer, "en", [ids[1]], sheet=False, clock=fixed_clock)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    again = [e for e in prints_for(db, [ids[1]]) if e.kind == "card"]
    assert [(e.copy_number, e.detail["format"]) for e in again] == [(1, "sheet"), (2, "card")]
    assert again[1].detail["card_number"].startswith("P-")


def test_print_card_logs_one_card(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    pdf = print_card(db, ref, saved.enrolment_id, officer, "id", fixed_clock)
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages) == 2
    entries = prints_for(db, [saved.enrolment_id])
    assert [(e.kind, e.copy_number, e.officer_id) for e in entries] == [("card", 1, officer)]


def test_nothing_printed_nothing_logged(db, ref, event, officer):
    with pytest.raises(SigapError) as empty:
        print_cards(db, ref, event.id, officer, "id", clock=fixed_clock)
    assert empty.value.code == "cards_none"
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    with pytest.raises(SigapError) as nobody:
        print_card(db, ref, saved.enrolment_id, "nobody", "id", fixed_clock)
    assert nobody.value.code == "officer_unknown"
    assert prints_for(db, [saved.enrolment_id, event.id]) == []


def test_cancelled_batch_logs_nothing(db, ref, event, officer):
    saved = enrol_three(db, ref, event, officer)
    with pytest.raises(Cancelled):
        print_cards(db, ref, event.id, officer, "id", clock=fixed_clock, progress=lambda n: False)
    assert prints_for(db, [s.enrolment_id for s in saved] + [event.id]) == []
