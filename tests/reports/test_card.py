"""The membership card PDF: its size to the point, what it shows and never shows, names
that fit, A4 sheets for duplex printing, and a QR code that scans at 300 dpi."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from models.signing import (
    card_payload,
    private_key,
    public_key_bytes,
    sign_with,
    verify_card_text,
)
from reports.card import (
    CARD_H,
    CARD_W,
    LEFT_WIDTH,
    NAME_BOTTOM,
    NAME_MAX,
    NAME_MIN,
    NAME_TOP,
    SHEET_H,
    SHEET_W,
    SIGNATURE_LINE,
    SIGNATURE_ROOM,
    Cancelled,
    CardData,
    back_lines,
    fit_name,
    group_digits,
    render_card,
    render_card_sheets,
    render_cards,
    sheet_slot,
)

LONG_NAME = "Ni Luh Putu Ayu Regapu’u Saraswati Dewi Kusumawardhani"
FULL_NIK = "3577015708900001"
ENROLMENT_ID = "019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e41"
A4_PT = (595.28, 841.89)


def card(**overrides: object) -> CardData:
    """A made-up card."""
    values: dict[str, object] = {
        "full_name": LONG_NAME,
        "member_number": "35770100123",
        "provisional_number": "P-5B2C9E41",
        "masked_nik": "3577********0001",
        "programmes": ("JKK", "JKM", "JHT"),
        "paid_until": date(2027, 1, 1),
        "branch_code": "MDN01",
        "event_name": "Sosialisasi Pasar Besar",
        "issued_on": date(2026, 11, 22),
        "qr_text": "SIGAP1|35770100123|" + ENROLMENT_ID + "|" + "A" * 86,
        "enrolment_id": ENROLMENT_ID,
        "lang": "id",
    }
    values.update(overrides)
    return CardData(**values)  # type: ignore[arg-type]


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- one card ----------------------------------------------------------------------------


def test_card_is_two_id1_pages_to_the_point():
    reader = PdfReader(io.BytesIO(render_card(card())))
    assert len(reader.pages) == 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 2), round(height, 2)) == (242.65, 153.01)
        assert abs(width - 85.60 * mm) < 0.01 and abs(height - 53.98 * mm) < 0.01


def test_front_shows_the_facts_and_the_masked_nik_never_the_full_one():
    pdf = render_card(card())
    front, back = pages_text(pdf)
    flat = one_line(front)
    for word in LONG_NAME.split():
        assert word in flat
    assert "BPJS Ketenagakerjaan" in flat and "Kartu Peserta BPU" in flat
    assert "3577********0001" in flat
    assert "3577 0100 123" in flat
    assert "JKK · JKM · JHT" in flat
    assert "Januari 2027" in flat
    assert "MDN01" in flat and "Sosialisasi Pasar Besar" in flat
    assert "22 November 2026" in flat
    assert "SEMENTARA" not in flat
    everything = front + back + str(PdfReader(io.BytesIO(pdf)).metadata)
    assert FULL_NIK not in everything.replace(" ", "")
    assert "Regapu" not in str(PdfReader(io.BytesIO(pdf)).metadata)


def test_any_latin_name_comes_out_as_typed():
    front = pages_text(render_card(card(full_name="Ñoman")))[0]
    assert "Ñoman" in front
    front = pages_text(render_card(card(full_name="Regapu’u")))[0]
    assert "Regapu’u" in front


def test_provisional_number_is_clearly_marked():
    front = one_line(pages_text(render_card(card(member_number=None)))[0])
    assert "P-5B2C9E41" in front and "SEMENTARA" in front
    english = one_line(pages_text(render_card(card(member_number=None, lang="en")))[0])
    assert "P-5B2C9E41" in english and "PROVISIONAL" in english


def test_nothing_paid_yet_says_so():
    front = one_line(pages_text(render_card(card(paid_until=None)))[0])
    assert "belum dibayar" in front


def test_back_says_what_to_do_and_has_a_signature_line():
    back = one_line(pages_text(render_card(card()))[1])
    assert "kecelakaan kerja" in back and "meninggal dunia" in back
    assert "Tanda tangan peserta" in back
    assert "tidak dapat dipindahtangankan" in back
    english = pages_text(render_card(card(lang="en")))
    back_en = one_line(english[1])
    assert "work accident" in back_en and "member dies" in back_en
    assert "Member's signature" in back_en and "personal" in back_en
    assert "BPU Membership Card" in one_line(english[0])


def test_digits_are_grouped():
    assert group_digits("35770100123") == "3577 0100 123"
    assert group_digits("P-5B2C9E41") == "P-5B2C9E41"


# --- names that fit --------------------------------------------------------------------


def test_short_name_is_one_line_at_full_size():
    fit = fit_name("Ñoman", LEFT_WIDTH)
    assert fit.lines == ("Ñoman",) and fit.size == NAME_MAX


def test_long_name_shrinks_then_wraps_to_two_lines_within_the_card():
    fit = fit_name(LONG_NAME, LEFT_WIDTH)
    assert len(fit.lines) == 2
    assert " ".join(fit.lines) == LONG_NAME
    assert fit.size >= NAME_MIN
    assert fit.widest() <= LEFT_WIDTH
    assert len(fit.lines) * fit.leading <= NAME_BOTTOM - NAME_TOP
    # The name column ends before the QR code and inside the card.
    assert 3.5 * mm + LEFT_WIDTH < CARD_W - 24 * mm


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzÑñÁéÜ’'-.", min_size=1, max_size=30),
        min_size=1,
        max_size=12,
    ).map(lambda words: " ".join(words)[:100].strip() or "A")
)
def test_every_name_up_to_the_limit_fits_whole(name: str):
    fit = fit_name(name, LEFT_WIDTH)
    assert "".join(fit.lines).replace(" ", "") == name.replace(" ", "")
    assert fit.widest() <= LEFT_WIDTH + 0.01
    assert len(fit.lines) * fit.leading <= NAME_BOTTOM - NAME_TOP + 0.01


def test_a_hundred_letter_name_without_spaces_still_fits():
    name = "W" * 100
    fit = fit_name(name, LEFT_WIDTH)
    assert "".join(fit.lines) == name
    assert fit.widest() <= LEFT_WIDTH


# --- sheets ----------------------------------------------------------------------------


def test_sheets_are_a4_ten_cards_a_page_fronts_then_backs():
    cards = [card(full_name=f"Peserta Nomor{i:02d}") for i in range(1, 24)]
    pdf = render_card_sheets(cards)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 6  # 3 sheets: fronts and backs
    for page in reader.pages:
        size = (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
        assert size == A4_PT
    texts = [one_line(t) for t in pages_text(pdf)]
    on_page = [[i for i in range(1, 24) if f"Nomor{i:02d}" in t] for t in texts]
    assert on_page == [
        list(range(1, 11)),
        [],
        list(range(11, 21)),
        [],
        [21, 22, 23],
        [],
    ]
    assert [t.count("3577********0001") for t in texts] == [10, 0, 10, 0, 3, 0]
    assert [t.count("Tanda tangan peserta") for t in texts] == [0, 10, 0, 10, 0, 3]
    assert "DEPAN" in texts[0] and "BELAKANG" in texts[1] and "100%" in texts[0]


def test_backs_are_mirrored_so_duplex_long_edge_puts_each_behind_its_front():
    for index in range(10):
        fx, fy = sheet_slot(index, back=False)
        bx, by = sheet_slot(index, back=True)
        assert by == fy
        # Flipping the sheet on its long (vertical) edge mirrors x about the middle.
        assert abs((SHEET_W - bx - CARD_W) - fx) < 1e-6
        assert fx >= 10 * mm and fx + CARD_W <= SHEET_W - 10 * mm
        assert fy >= 10 * mm and fy + CARD_H <= SHEET_H - 10 * mm
    assert sheet_slot(0, back=False)[0] < sheet_slot(1, back=False)[0]
    assert sheet_slot(0, back=True)[0] > sheet_slot(1, back=True)[0]


def test_empty_list_is_refused():
    with pytest.raises(ValueError):
        render_card_sheets([])
    with pytest.raises(ValueError):
        render_cards([])


# --- the QR code, printed and scanned ---------------------------------------------------


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run installs poppler-utils and zbar-tools")
        pytest.skip(f"{name} not installed (apt-get install poppler-utils zbar-tools)")
    return path


def scan(pdf: bytes, tmp_path: Path, page: int = 1, dpi: int = 300) -> list[str]:
    """Rasterise one page at 300 dpi, as a printer would, and decode every QR code on it."""
    pdftoppm, zbarimg = tool("pdftoppm"), tool("zbarimg")
    (tmp_path / "card.pdf").write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-r", str(dpi), "-png", "-f", str(page), "-l", str(page)]
        + [str(tmp_path / "card.pdf"), str(tmp_path / "page")],
        check=True,
    )
    (png,) = sorted(tmp_path.glob("page*.png"))
    out = subprocess.run(
        [zbarimg, "--raw", "-q", str(png)], capture_output=True, text=True, check=False
    )
    png.unlink()
    return out.stdout.splitlines()


@pytest.mark.slow
def test_qr_scans_at_300_dpi_and_verifies_and_one_changed_character_fails(db, tmp_path):
    qr_text = sign_with(private_key(db), card_payload("35770100123", ENROLMENT_ID))
    assert len(qr_text) == 142
    decoded = scan(render_card(card(qr_text=qr_text)), tmp_path)
    assert decoded == [qr_text]
    keys = [public_key_bytes(db)]
    assert verify_card_text(decoded[0], keys).ok
    for i, ch in enumerate(decoded[0]):
        for other in {"A", "B", "1", "|"} - {ch}:
            tampered = decoded[0][:i] + other + decoded[0][i + 1 :]
            assert not verify_card_text(tampered, keys).ok, (i, other)


@pytest.mark.slow
def test_provisional_card_qr_scans(db, tmp_path):
    qr_text = sign_with(private_key(db), card_payload("P-5B2C9E41", ENROLMENT_ID))
    decoded = scan(render_card(card(member_number=None, qr_text=qr_text, lang="en")), tmp_path)
    assert decoded == [qr_text]
    assert verify_card_text(decoded[0], [public_key_bytes(db)]).ok


@pytest.mark.slow
def test_every_qr_on_a_sheet_scans(db, tmp_path):
    base = card(qr_text="")
    cards = [
        replace(
            base,
            enrolment_id=f"019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e{i:02d}",
            qr_text=sign_with(
                private_key(db),
                card_payload(f"357701001{i:02d}", f"019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e{i:02d}"),
            ),
        )
        for i in range(10)
    ]
    pdf = render_card_sheets(cards)
    assert sorted(scan(pdf, tmp_path, page=1)) == sorted(c.qr_text for c in cards)


@pytest.mark.slow
def test_every_qr_of_a_batch_scans_at_300_and_at_150_dpi(tmp_path):
    """The fixed mask (reports.card.qr_matrix) against many different codes: member and
    provisional numbers, random ids; printed, then read at a printer's 300 dpi and at the
    150 dpi of a cheap USB scanner. The text read is the signed text, unchanged. A fixed
    key (Ed25519 signs deterministically) keeps the codes the same from run to run."""
    import random
    import uuid

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    rng = random.Random(16)
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    cards = []
    for i in range(60):
        enrolment_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        number = f"3577{rng.randint(0, 9_999_999):07d}" if i % 3 else f"P-{rng.getrandbits(32):08X}"
        text = sign_with(key, card_payload(number, enrolment_id))
        cards.append(card(enrolment_id=enrolment_id, qr_text=text, member_number=number))
    pdf = render_card_sheets(cards)
    for sheet in range(6):
        expected = sorted(c.qr_text for c in cards[sheet * 10 : (sheet + 1) * 10])
        for dpi in (300, 150):
            # Fronts are the odd pages: a page of fronts, then its backs.
            assert sorted(scan(pdf, tmp_path, page=2 * sheet + 1, dpi=dpi)) == expected, (
                sheet,
                dpi,
            )


def test_progress_is_reported_and_can_cancel():
    cards = [card(full_name=f"Peserta {i}") for i in range(23)]
    seen: list[int] = []
    render_card_sheets(cards, lambda done: seen.append(done) is None)
    assert seen == [10, 20, 23]
    seen.clear()
    render_cards(cards[:3], lambda done: seen.append(done) is None)
    assert seen == [1, 2, 3]
    with pytest.raises(Cancelled):
        render_card_sheets(cards, lambda done: done < 10)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_back_text_leaves_room_to_sign(lang):
    lines = back_lines(lang)
    assert lines[0][1] >= 3.5 * mm
    last_top = max(top for _, top, _, _, _ in lines)
    assert last_top + 1.5 * mm <= SIGNATURE_LINE - SIGNATURE_ROOM
    for x, _, text, font, size in lines:
        assert x + stringWidth(text, font, size) <= CARD_W - 3.5 * mm + 0.01
