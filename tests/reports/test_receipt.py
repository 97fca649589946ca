"""The receipt renderer, read back with pypdf: page sizes, amounts and words, copy and
void marks, the stamp-duty box, the masked NIK and names in any Latin script."""

from __future__ import annotations

import dataclasses
import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from reports.receipt import ReceiptData, amount_in_words, period_text, render_receipt
from tests.helpers import WIB

FULL_NIK = "3577015708900001"


def sample(**changes: object) -> ReceiptData:
    """A made-up 3-month JKK+JKM payment at the full rate: 3 × Rp16,800 = Rp50,400."""
    data = ReceiptData(
        receipt_number="KW-1A2B3C4D-000042",
        place="Kota Madiun",
        received_at=datetime(2026, 11, 22, 9, 15, tzinfo=WIB),
        payer_name="Ni Luh Putu Ayu Regapu’u Saraswati",
        amount=50_400,
        breakdown={"JKK": 30_000, "JKM": 20_400},
        programmes=("JKK", "JKM"),
        months=3,
        period_start=date(2026, 11, 1),
        period_end=date(2027, 1, 1),
        officer_name="Sari Wulandari",
        officer_id="sari",
        branch_code="MDN01",
        event_name="Sosialisasi Pasar Besar",
        member_number="35770000042",
        nik_masked="3577********0001",
        method="cash",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def big(**changes: object) -> ReceiptData:
    """12 months with JHT on a high declared income, for the stamp-duty threshold."""
    amount = int(changes.pop("amount", 6_000_000))  # type: ignore[call-overload]
    jht = amount // 2
    jkm = amount // 4
    return sample(
        amount=amount,
        breakdown={"JKK": amount - jht - jkm, "JKM": jkm, "JHT": jht},
        programmes=("JKK", "JKM", "JHT"),
        months=12,
        period_end=date(2027, 10, 1),
        **changes,
    )


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, text


def flat(text: str) -> str:
    """The text with every run of white space as one space (lines wrap where they fit)."""
    return " ".join(text.split())


# --- pages ------------------------------------------------------------------------------


def test_a6_page_is_a6_to_the_point() -> None:
    reader, _ = read(render_receipt(sample(), "a6"))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == (297.64, 419.53)


def test_roll_is_80mm_wide_and_as_tall_as_its_content() -> None:
    reader, _ = read(render_receipt(sample(), "80mm"))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width), 2) == 226.77
    short = float(box.height)
    longer = read(render_receipt(big(void_reason="Salah ketik", copy_number=2), "80mm"))[0]
    assert 300 < short < float(longer.pages[0].mediabox.height)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        render_receipt(sample(), "a4")


def test_same_data_same_bytes() -> None:
    assert render_receipt(sample(), "a6") == render_receipt(sample(), "a6")
    assert render_receipt(sample(), "80mm") == render_receipt(sample(), "80mm")


# --- what it says -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["a6", "80mm"])
def test_number_amount_words_and_purpose(fmt: str) -> None:
    _, text = read(render_receipt(sample(), fmt))
    words = flat(text)
    assert "KWITANSI" in words
    assert "KW-1A2B3C4D-000042" in words
    assert "Rp50.400" in words
    assert "LIMA PULUH RIBU EMPAT RATUS RUPIAH" in words
    assert "Telah terima dari" in words
    assert "Untuk pembayaran" in words
    assert "Ni Luh Putu Ayu Regapu’u Saraswati" in words
    assert "3 bulan" in words
    assert "November 2026 – Januari 2027" in words
    assert "Rp30.000" in words and "Rp20.400" in words
    assert "Kota Madiun, 22 November 2026" in words
    assert "Sari Wulandari" in words and "MDN01" in words
    assert "Tunai" in words


def test_words_and_period_helpers() -> None:
    assert amount_in_words(50_400) == "LIMA PULUH RIBU EMPAT RATUS RUPIAH"
    assert amount_in_words(16_800) == "ENAM BELAS RIBU DELAPAN RATUS RUPIAH"
    assert amount_in_words(50_400, "en") == "FIFTY THOUSAND, FOUR HUNDRED RUPIAH"
    assert period_text(date(2026, 11, 1), date(2027, 1, 1)) == "November 2026 – Januari 2027"
    assert period_text(date(2026, 11, 1), date(2026, 11, 1), "en") == "November 2026"


def test_original_has_no_copy_mark_and_a_reprint_has_one() -> None:
    _, first = read(render_receipt(sample(copy_number=1)))
    _, second = read(render_receipt(sample(copy_number=2)))
    assert "SALINAN" not in first and "salinan ke-" not in first
    assert "SALINAN" in second and "salinan ke-2" in second


def test_void_says_batal_and_why() -> None:
    reason = "Salah ketik jumlah bulan"
    _, text = read(render_receipt(sample(void_reason=reason)))
    assert "BATAL" in text
    assert f"Alasan: {reason}" in flat(text)
    _, plain = read(render_receipt(sample()))
    assert "BATAL" not in plain


def test_void_and_copy_together_on_a_roll() -> None:
    _, text = read(render_receipt(sample(void_reason="Pembayaran ganda", copy_number=3), "80mm"))
    assert "BATAL" in text and "Pembayaran ganda" in text
    assert "SALINAN" in text and "salinan ke-3" in text


@pytest.mark.parametrize("fmt", ["a6", "80mm"])
def test_stamp_duty_box_only_above_five_million(fmt: str) -> None:
    _, above = read(render_receipt(big(amount=5_000_001), fmt))
    _, at = read(render_receipt(big(amount=5_000_000), fmt))
    _, small = read(render_receipt(sample(), fmt))
    assert "Meterai Rp10.000" in flat(above)
    assert "Meterai" not in at
    assert "Meterai" not in small


def test_masked_nik_only() -> None:
    _, text = read(render_receipt(sample()))
    assert "3577********0001" in text
    assert FULL_NIK not in text.replace(" ", "")
    with pytest.raises(ValueError):
        sample(nik_masked=FULL_NIK)


@pytest.mark.parametrize("fmt", ["a6", "80mm"])
def test_names_in_any_latin_script_round_trip(fmt: str) -> None:
    data = sample(
        payer_name="Siaga Kita Kota Madiun",
        member_name="Ñoman Regapu’u",
        sponsor_name="Pemerintah Kota Madiun (APBD)",
        method="sponsor",
    )
    _, text = read(render_receipt(data, fmt))
    words = flat(text)
    assert "Ñoman Regapu’u" in words
    assert "Siaga Kita Kota Madiun" in words
    assert "Untuk peserta" in words and "Dibayar sponsor" in words


def test_english_labels() -> None:
    data = sample(lang="en", member_number=None, months=1, period_end=date(2026, 11, 1))
    _, text = read(render_receipt(data))
    words = flat(text)
    assert "RECEIPT" in words and "KWITANSI" not in words
    assert "Received from" in words and "Telah terima dari" not in words
    assert "Rp50,400" in words
    assert "FIFTY THOUSAND, FOUR HUNDRED RUPIAH" in words
    assert "1 month" in words and "November 2026" in words
    assert "to follow from HQ" in words
    assert "Kota Madiun, 22 November 2026" in words
    _, copy = read(render_receipt(dataclasses.replace(data, copy_number=2)))
    assert "COPY" in copy and "copy no. 2" in copy
    _, void = read(render_receipt(dataclasses.replace(data, void_reason="Typing mistake")))
    assert "VOID" in void and "Reason: Typing mistake" in flat(void)


def longest(**changes: object) -> ReceiptData:
    """Every text at the longest the rest of Sigap lets it be: names 100 characters
    (validation.NAME_MAX), event name and void reason 60 (TEXT_MAX), scheme and sponsor
    names longer than any shipped one, the longest regency name."""
    values: dict[str, object] = dict(
        payer_name=("Perlindungan Pekerja Rentan Kota Tangerang Selatan Raya " * 2)[:60],
        sponsor_name=("Koperasi Warung Tegal Nusantara (Kowantara) Jakarta " * 2)[:60],
        member_name=("Ni Luh Putu Ayu Regapu’u Saraswati Ñoman " * 3)[:100],
        officer_name=("Bagus Ngurah Made Wirawan Putra " * 2)[:60],
        method="sponsor",
        event_name=("Sosialisasi dan Pendaftaran Pekerja Rentan Oro-oro Ombo " * 2)[:60],
        place="Kabupaten Administrasi Kepulauan Seribu",
        void_reason=("Pembayaran ganda untuk peserta yang sama, uang kembali " * 2)[:60],
        copy_number=12,
    )
    return big(**{**values, **changes})


@pytest.mark.parametrize("fmt", ["a6", "80mm"])
def test_longest_inputs_still_fit_one_page(fmt: str) -> None:
    reader, text = read(render_receipt(longest(), fmt))
    assert len(reader.pages) == 1
    words = flat(text)
    assert "Kabupaten Administrasi Kepulauan Seribu, 22 November 2026" in words
    assert "Meterai Rp10.000" in words and "Simpan kwitansi" in words


def test_a6_refuses_text_it_cannot_fit_rather_than_overprint() -> None:
    with pytest.raises(ValueError, match="80 mm"):
        render_receipt(longest(member_name="Regapu’u " * 60), "a6")
    assert render_receipt(longest(member_name="Regapu’u " * 60), "80mm")


def test_inconsistent_data_is_refused() -> None:
    with pytest.raises(ValueError):
        sample(amount=50_000)  # the breakdown says 50,400
    with pytest.raises(ValueError):
        sample(method="cheque")
    with pytest.raises(ValueError):
        sample(lang="jv")
    with pytest.raises(ValueError):
        sample(copy_number=0)
