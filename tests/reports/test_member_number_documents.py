"""A member number reads the same on every document: the final number as it is, the
provisional `P-…` number marked as provisional (never "to follow" on one paper and a number
on another). Every person here is made up."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from models.cards import card_data
from models.enrolments import SavedEnrolment, enrol
from models.member_numbers import provisional_number
from models.messages import member_number_text
from models.receipts import receipt_data
from reports.card import render_card
from reports.receipt import render_receipt
from reports.registration_slip import render_registration_slip
from tests.helpers import fixed_clock, person

FINAL = "10000000001"


def words(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


@pytest.fixture(params=["provisional", "final"])
def saved(request, db, ref, event, officer) -> SavedEnrolment:
    if request.param == "final":
        with db.atomic():
            db.execute(
                "INSERT INTO member_number_blocks VALUES (?, '10000000009', ?)", [FINAL, FINAL]
            )
    return enrol(db, ref, event.id, person(), officer, fixed_clock)


def expected(saved: SavedEnrolment, lang: str) -> str:
    if saved.member_number is None:
        number = provisional_number(saved.enrolment_id)
        return f"{number} (sementara)" if lang == "id" else f"{number} (provisional)"
    assert saved.member_number == FINAL
    return FINAL


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_receipt_and_the_slip_show_the_number_as_the_screens_do(db, ref, saved, lang):
    assert saved.receipt_number is not None
    data = receipt_data(db, ref, saved.receipt_number, lang)
    shown = expected(saved, lang)
    assert member_number_text(data.member_number, None, lang) == shown
    slip = replace(data, method="sponsor", member_name=data.payer_name)  # as a sponsor paid
    for pdf in (render_receipt(data), render_registration_slip(slip)):
        text = words(pdf)
        assert shown in text
        assert "menyusul" not in text and "to follow" not in text  # a number is known
        assert saved.enrolment_id not in text


def test_the_card_shows_the_same_number_with_the_same_word(db, ref, saved):
    card = card_data(db, ref, saved.enrolment_id, "id", fixed_clock)
    text = words(render_card(card))
    if saved.member_number is None:
        # The card's tag: the same word, in capitals beside the number.
        assert f"{provisional_number(saved.enrolment_id)} SEMENTARA" in text
    else:
        assert "1000 0000 001" in text  # spaced in fours, to read out from the card
        assert "SEMENTARA" not in text
