"""The one way a member number is written for an officer (models.messages.member_number_text)
and the `{x:member}` format that messages use for it."""

from __future__ import annotations

from models.member_numbers import is_provisional, member_reference, provisional_number
from models.messages import member_number_text, text

EID = "019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e41"


def test_final_provisional_and_none_in_both_languages() -> None:
    assert member_number_text("35770100123", EID) == "35770100123"
    assert member_number_text("35770100123", EID, "en") == "35770100123"
    assert member_number_text(None, EID) == "P-5B2C9E41 (sementara)"
    assert member_number_text(None, EID, "en") == "P-5B2C9E41 (provisional)"
    assert member_number_text("P-5B2C9E41", None, "en") == "P-5B2C9E41 (provisional)"
    assert member_number_text(None) == "menyusul dari kantor pusat"
    assert member_number_text("", None, "en") == "to follow from HQ"


def test_the_reference_prefers_the_final_number() -> None:
    assert member_reference("35770100123", EID) == "35770100123"
    assert member_reference(None, EID) == provisional_number(EID) == "P-5B2C9E41"
    assert member_reference(None, None) == ""
    assert is_provisional("P-5B2C9E41") and not is_provisional("35770100123")
    assert not is_provisional(None)


def test_messages_write_a_member_number_the_same_way() -> None:
    said = text("nik_already_enrolled", "id", member_number="P-5B2C9E41", recorded_on="2026-11-22")
    assert "nomor peserta P-5B2C9E41 (sementara)" in said
    said = text("duplicate_in_device", "en", member_number="")
    assert "member number to follow from HQ" in said
