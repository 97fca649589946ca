"""The desk's vocabulary: every code has its words in both languages, and HQ's statuses map
onto the queue's states."""

from __future__ import annotations

import pytest

from models import vocabulary as v
from models.messages import LABELS


@pytest.mark.parametrize(
    ("prefix", "codes"),
    [
        ("gender", v.GENDERS),
        ("gender_letter", v.GENDERS),
        ("queue_state", v.QUEUE_STATES),
        ("relationship", v.RELATIONSHIPS),
        ("field", v.FIELDS),
    ],
)
def test_every_code_has_words_in_both_languages(prefix, codes):
    for code in codes:
        id_text, en_text = LABELS[f"{prefix}.{code}"]
        assert id_text.strip() and en_text.strip()


def test_labels_by_language():
    assert v.queue_state_label("rejected") == "Ditolak HQ"
    assert v.queue_state_label("rejected", "en") == "Rejected by HQ"
    assert v.queue_state_label(None) == "" and v.queue_state_label("new_state") == "new_state"
    assert v.gender_letter("F") == "P" and v.gender_letter("F", "en") == "F"
    assert v.field_label("address.rt", "en") == "RT" and v.field_label("other") == "other"
    assert v.relationship_choices("en")[0] == ("Spouse", "spouse")


def test_every_hq_status_has_a_queue_state():
    assert set(v.QUEUE_STATE_FOR_HQ_STATUS) == set(v.HQ_STATUSES)
    assert set(v.QUEUE_STATE_FOR_HQ_STATUS.values()) <= set(v.QUEUE_STATES)


def test_both_spellings_of_a_gender_are_read():
    assert {v.GENDER_SPELLINGS[x] for x in "LM"} == {v.MALE}
    assert {v.GENDER_SPELLINGS[x] for x in "PF"} == {v.FEMALE}
