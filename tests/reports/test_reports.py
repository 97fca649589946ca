"""Event report, sponsor statement and day closing: the figures gathered from a made-up
event (models.report_data) and what the PDFs show (reports/), read back with pypdf."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from models.db import device_code
from models.enrolments import SavedEnrolment, enrol, void_payment
from models.events import Event
from models.member_numbers import provisional_number
from models.nik import mask_nik
from models.officers import add_officer
from models.report_data import (
    MoneyLine,
    Tally,
    day_close_data,
    event_report_data,
    statement_data,
)
from reports.day_close import render_day_close
from reports.event_report import render_event_report
from reports.statement import render_statement
from services.reports import day_close_pdf, event_report_pdf, statement_pdf
from tests.helpers import WIB, fixed_clock, person, sponsored_event

KOWANTARA = "KOWANTARA-WARTEG"


def at(day: int, hour: int, minute: int):
    moment = datetime(2026, 11, day, hour, minute, tzinfo=WIB)
    return lambda: moment


def applicant(serial: int, born: date, sex: str, name: str, **kw: object):
    """A made-up applicant in district 35.77.01 whose NIK agrees with birth date and sex."""
    day = born.day + (40 if sex == "P" else 0)
    nik = f"357701{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    return person(nik=nik, birth_date=born, gender=sex, full_name=name, **kw)


def pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Extracted text with line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def assert_a4(pdf: bytes) -> None:
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=0.01)


def kowantara_event(db, ref, officer: str, name: str = "Warteg Terlindungi Madiun") -> Event:
    return sponsored_event(
        db, ref, officer, name=name, location="Paguyuban Warteg Kartoharjo",
        region_code="35.77.01.1001",
    )  # fmt: skip


# ----------------------------------------------------- a self-paid event


class Desk:
    """Two days of a self-paid event (and one Kowantara enrolment in between, so the
    device's receipt counter serves two events)."""

    def __init__(self, db, ref, event: Event, sari: str, joko: str, budi: str) -> None:
        self.event = event
        self.warteg = kowantara_event(db, ref, sari)

        def go(who: str, when, inp, event_id: str = event.id) -> SavedEnrolment:
            return enrol(db, ref, event_id, inp, who, when)

        # 22 November
        self.a = go(sari, at(22, 9, 15), applicant(1, date(1990, 8, 17), "P", "Siti Aminah"))
        self.b = go(
            sari,
            at(22, 9, 40),
            applicant(
                2,
                date(1985, 3, 12),
                "L",
                "Bambang Wijaya",
                declared_income=2_000_000,
                programmes=["JKK", "JKM", "JHT"],
                months=3,
                method="transfer",
            ),
        )
        self.w = go(
            sari,
            at(22, 10, 0),
            applicant(3, date(1979, 4, 2), "L", "Tarjo", occupation_code="K006"),
            self.warteg.id,
        )
        self.c = go(
            joko,
            at(22, 10, 30),
            applicant(4, date(1995, 1, 1), "P", "Dewi Lestari", occupation_code="K003"),
        )
        # 25 on the day he enrols: the 25–34 band.
        self.d = go(
            sari,
            at(22, 11, 0),
            applicant(5, date(2001, 11, 22), "L", "Ñoman Sujana", occupation_code="K001"),
        )
        self.e = go(sari, at(22, 11, 20), applicant(6, date(1968, 5, 20), "P", "Sumarni"))
        void_payment(db, self.e.payment_id, "Salah ketik nama", sari, budi, at(22, 11, 30))
        # 23 tomorrow: still in the 15–24 band.
        self.h = go(
            sari,
            at(22, 11, 40),
            applicant(
                7,
                date(2002, 11, 23),
                "P",
                "Rina Marlina",
                occupation_code="K001",
                method="transfer",
            ),
        )
        # 23 November
        self.f = go(
            joko,
            at(23, 8, 30),
            applicant(8, date(1975, 7, 7), "L", "Slamet Riyadi", occupation_code="K005", months=3),
        )
        self.g = go(sari, at(23, 9, 0), applicant(9, date(1962, 12, 1), "L", "Paimin"))
        void_payment(db, self.b.payment_id, "Transfer tidak masuk", sari, budi, at(23, 10, 0))


@pytest.fixture
def desk(db, ref, event, officer, supervisor) -> Desk:
    add_officer(db, "joko", "Joko Prasetyo", "officer", "becak-malam-55", clock=fixed_clock)
    return Desk(db, ref, event, officer, "joko", supervisor)


def kw(db, seq: int) -> str:
    return f"KW-{device_code(db)}-{seq:06d}"


def test_amounts_of_the_made_up_event(desk):
    # PP 50/2025 halves JKK and JKM in 2026 for these trades; January pays in full.
    assert [desk.a.amount, desk.c.amount, desk.d.amount, desk.e.amount, desk.h.amount] == [
        8_400
    ] * 5
    assert desk.b.amount == 173_600
    assert desk.f.amount == desk.w.amount == 33_600
    assert desk.g.amount == 8_400


def test_event_report_figures(db, ref, desk):
    data = event_report_data(db, ref, desk.event.id, "id", fixed_clock)

    assert data.enrolments == 8
    assert data.by_occupation == (
        Tally("K002", "Pedagang Kaki Lima", 4),
        Tally("K001", "Pedagang Keliling", 2),
        Tally("K003", "Pedagang Pasar", 1),
        Tally("K005", "Pemilik Warung", 1),
    )
    assert [(t.key, t.count) for t in data.by_sex] == [("M", 4), ("F", 4)]
    assert [(t.key, t.count) for t in data.by_age_band] == [
        ("15-24", 1),
        ("25-34", 2),
        ("35-44", 2),
        ("45-54", 1),
        ("55-64", 2),
    ]
    assert [(t.key, t.count) for t in data.by_programmes] == [("JKK+JKM", 7), ("JKK+JKM+JHT", 1)]
    assert [(t.key, t.count) for t in data.by_payer] == [("self", 8)]

    # Voided: Sumarni's 8,400 cash and Bambang's 173,600 transfer.
    assert data.money_by_payer == (MoneyLine("self", "self", 6, 75_600),)
    assert data.money_by_method == (
        MoneyLine("cash", "cash", 5, 67_200),
        MoneyLine("transfer", "transfer", 1, 8_400),
        MoneyLine("sponsor", "sponsor", 0, 0),
    )
    assert data.money_total == 75_600
    assert data.voided_amount == 182_000

    r = data.receipts
    assert (r.first, r.last, r.count) == (kw(db, 1), kw(db, 9), 8)
    assert r.used_elsewhere == 1  # number 3 went to the Kowantara event
    assert r.gaps == ()

    assert [(v.receipt_number, v.amount, v.reason, v.approved_by) for v in data.voids] == [
        (kw(db, 2), 173_600, "Transfer tidak masuk", "Budi Santoso"),
        (kw(db, 6), 8_400, "Salah ketik nama", "Budi Santoso"),
    ]
    assert all(v.voided_by == "Sari Wulandari" for v in data.voids)
    assert [(t.key, t.name, t.count) for t in data.per_officer] == [
        ("sari", "Sari Wulandari", 6),
        ("joko", "Joko Prasetyo", 2),
    ]
    # The event, 8 enrolments, 8 payments and 2 voids.
    assert data.waiting_hq == 19
    assert data.quota is None and data.budget is None
    assert data.event.name == "Sosialisasi Pasar Besar"
    assert data.generated_at == fixed_clock()


def test_event_report_pdf(db, ref, desk):
    pdf = render_event_report(event_report_data(db, ref, desk.event.id, "id", fixed_clock))
    assert_a4(pdf)
    pages = pdf_text(pdf)
    assert pages == pdf_text(event_report_pdf(db, ref, desk.event.id, "id", fixed_clock))
    text = flat("\n".join(pages))
    assert "Laporan Acara" in text and "Sosialisasi Pasar Besar" in text
    assert "22 November 2026 – 23 November 2026" in text
    assert "Rp75.600" in text and "Rp67.200" in text and "Rp8.400" in text
    assert "Rp182.000" in text and "Rp173.600" in text
    assert f"{kw(db, 1)} – {kw(db, 9)}" in text
    assert "Transfer tidak masuk" in text and "Salah ketik nama" in text
    assert "Budi Santoso" in text
    assert "Pedagang Kaki Lima" in text and "Laki-laki" in text and "55–64" in text
    assert "Sari Wulandari (sari)" in text and "Joko Prasetyo (joko)" in text
    assert "19 data" in text
    for i, page in enumerate(pages, 1):
        assert f"Halaman {i} dari {len(pages)}" in flat(page)
    # A report about the event's people never prints their NIKs.
    assert "3577015708900001" not in text


def test_event_report_in_english(db, ref, desk):
    text = flat("\n".join(pdf_text(event_report_pdf(db, ref, desk.event.id, "en", fixed_clock))))
    assert "Event report" in text and "Street Food and Goods Vendor" in text
    assert "Rp75,600" in text and "Female" in text and "Page 1 of" in text


def test_empty_event_report(db, ref, event):
    data = event_report_data(db, ref, event.id, "id", fixed_clock)
    assert data.enrolments == 0 and data.by_occupation == () and data.receipts.first is None
    text = flat("\n".join(pdf_text(render_event_report(data))))
    assert "Belum ada pendaftaran." in text and "Rp0" in text


# ------------------------------------------------------------- day closing


def test_day_close_figures(db, ref, desk):
    day = day_close_data(db, ref, "sari", date(2026, 11, 22), "id", fixed_clock)
    assert day.officer_name == "Sari Wulandari"
    assert day.enrolments == 6
    assert day.events == ("Sosialisasi Pasar Besar", "Warteg Terlindungi Madiun")
    # In the box: Siti's and Ñoman's cash; Sumarni's is void, Bambang's transfer is void.
    assert day.cash == MoneyLine("cash", "cash", 2, 16_800)
    assert day.transfer == MoneyLine("transfer", "transfer", 1, 8_400)
    assert day.sponsor == MoneyLine("sponsor", "sponsor", 1, 33_600)
    r = day.receipts
    assert (r.first, r.last, r.count, r.used_elsewhere, r.gaps) == (
        kw(db, 1),
        kw(db, 7),
        6,
        1,  # number 4 is Joko's
        (),
    )
    assert [(v.receipt_number, v.reason) for v in day.voids] == [
        (kw(db, 2), "Transfer tidak masuk"),
        (kw(db, 6), "Salah ketik nama"),
    ]
    assert day.voided_amount == 182_000
    assert day.earlier_voids == ()
    assert [(x.receipt_number, x.voided) for x in day.payments][:2] == [
        (kw(db, 1), False),
        (kw(db, 2), True),
    ]

    # The next day: Paimin's cash, and Bambang's void of a payment taken the day before.
    next_day = day_close_data(db, ref, "sari", date(2026, 11, 23), "id", fixed_clock)
    assert next_day.enrolments == 1
    assert next_day.cash == MoneyLine("cash", "cash", 1, 8_400)
    assert (next_day.receipts.first, next_day.receipts.last) == (kw(db, 9), kw(db, 9))
    assert next_day.voids == ()
    assert [v.receipt_number for v in next_day.earlier_voids] == [kw(db, 2)]

    joko = day_close_data(db, ref, "joko", date(2026, 11, 22), "id", fixed_clock)
    assert joko.cash == MoneyLine("cash", "cash", 1, 8_400) and joko.enrolments == 1


def test_day_close_pdf(db, ref, desk):
    pdf = day_close_pdf(db, ref, "sari", date(2026, 11, 22), "id", fixed_clock)
    assert_a4(pdf)
    text = flat("\n".join(pdf_text(pdf)))
    assert "Penutupan Harian" in text and "Sari Wulandari" in text
    assert "22 November 2026" in text
    assert "Uang tunai yang harus ada di kas Rp16.800" in text
    assert "Rp33.600" in text and "Rp182.000" in text
    assert f"{kw(db, 1)} – {kw(db, 7)}" in text
    assert "Salah ketik nama" in text and "Transfer tidak masuk" in text and "BATAL" in text
    # Signature lines for the officer and the supervisor, each with name and date.
    assert "Petugas" in text and "Supervisor" in text
    assert "Nama: Sari Wulandari" in text and "Tanggal: 22 November 2026" in text
    assert text.count("Nama:") == 2 and text.count("Tanggal:") == 2
    pages = pdf_text(pdf)
    for i, page in enumerate(pages, 1):
        assert f"Halaman {i} dari {len(pages)}" in flat(page)

    english = flat("\n".join(pdf_text(day_close_pdf(db, ref, "sari", date(2026, 11, 23), "en"))))
    assert "Day closing" in english and "Rp8,400" in english and "Supervisor" in english
    assert "Voided today, received on an earlier day" in english


# -------------------------------------------------------- sponsor statement

FIRST = ["Agus", "Sri", "Tarmin", "Wati", "Darsono", "Ñoman", "Kasmini", "Rohmat", "Yuli", "Eko"]
LAST = ["Santoso", "Rahayu", "Pratama", "Wulandari", "Hidayat", "Kusuma"]


@pytest.fixture
def warteg(db, ref, officer, supervisor):
    """A Kowantara event: 60 warteg owners and assistants paid for by the scheme (two of
    them voided), and one worker there who paid for herself."""
    ev = kowantara_event(db, ref, officer)
    saved = []
    for i in range(60):
        sex = "L" if i % 2 else "P"
        born = date(1970 + i % 35, 1 + i % 12, 1 + i % 28)
        name = f"{FIRST[i % 10]} {LAST[i % 6]}"
        if i == 7:
            name = "Ni Luh Putu Ayu Regapu’u Saraswati Kusumawardhani"
        inp = applicant(100 + i, born, sex, name, occupation_code="K006" if i % 3 else "K007")
        saved.append((inp.nik, enrol(db, ref, ev.id, inp, officer, at(22, 8 + i // 10, i % 60))))
    void_payment(db, saved[4][1].payment_id, "Peserta ganda", officer, supervisor, at(22, 15, 0))
    void_payment(
        db, saved[30][1].payment_id, "Bukan anggota Kowantara", officer, supervisor, at(22, 15, 5)
    )
    enrol(
        db,
        ref,
        ev.id,
        applicant(999, date(1988, 2, 14), "P", "Warsini", occupation_code="K007", payer="self"),
        officer,
        at(22, 16, 0),
    )
    return ev, saved


def test_statement_figures(db, ref, warteg):
    ev, saved = warteg
    data = statement_data(db, ref, ev.id, KOWANTARA, "id", fixed_clock)
    assert data.sponsor_name == "Koperasi Warung Tegal Nusantara (Kowantara)"
    assert len(data.lines) == 58
    assert all(x.amount == 33_600 and x.months == 3 for x in data.lines)
    assert data.total == 58 * 33_600 == 1_948_800
    assert [(x.receipt_number, x.void_reason) for x in data.voided] == [
        (saved[4][1].receipt_number, "Peserta ganda"),
        (saved[30][1].receipt_number, "Bukan anggota Kowantara"),
    ]
    assert data.voided_total == 67_200
    first = data.lines[0]
    assert first.nik_masked == mask_nik(saved[0][0]) and "*" in first.nik_masked
    # This device holds no reserved numbers: the provisional one, as the card shows it.
    assert first.member_number == provisional_number(saved[0][1].enrolment_id)
    assert (first.period_start, first.period_end) == (date(2026, 11, 1), date(2027, 1, 1))
    assert first.receipt_number == saved[0][1].receipt_number
    # Warsini paid for herself: not on the sponsor's statement.
    assert "Warsini" not in [x.full_name for x in data.lines + data.voided]


def test_statement_pdf_masks_niks_and_repeats_headers(db, ref, warteg):
    ev, saved = warteg
    pdf = statement_pdf(db, ref, ev.id, KOWANTARA, "id", fixed_clock)
    assert_a4(pdf)
    pages = [flat(t) for t in pdf_text(pdf)]
    assert len(pages) >= 2
    text = " ".join(pages)
    for page_no, page in enumerate(pages, 1):
        assert f"Halaman {page_no} dari {len(pages)}" in page
    # The table's header row is on every page the table runs over.
    table_pages = [pg for pg in pages if saved[0][1].receipt_number[:12] in pg]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "No. peserta" in page and "No. kwitansi" in page and "Periode" in page
    for nik, _ in saved:
        assert nik not in text
    assert mask_nik(saved[0][0]) in text and mask_nik(saved[59][0]) in text
    assert "Rp1.948.800" in text and "Rp33.600" in text and "Rp67.200" in text
    assert "Peserta ganda" in text and "Bukan anggota Kowantara" in text
    assert "Nov 2026 – Jan 2027" in text
    assert "Diverifikasi oleh sponsor" in text and "Sari Wulandari" in text
    assert "Warsini" not in text


def test_sponsored_event_report_counts_both_payers(db, ref, warteg):
    ev, _ = warteg
    data = event_report_data(db, ref, ev.id, "id", fixed_clock)
    assert data.enrolments == 61
    assert [(t.key, t.count) for t in data.by_payer] == [("self", 1), (KOWANTARA, 60)]
    assert [(m.key, m.payments, m.amount) for m in data.money_by_payer] == [
        ("self", 1, 33_600),  # the event's three months, at her own cost
        (KOWANTARA, 58, 1_948_800),
    ]
    assert [(t.key, t.count) for t in data.by_occupation] == [("K006", 40), ("K007", 21)]
    assert (data.quota, data.quota_used) == (100, 60)
    assert (data.budget, data.budget_used) == (5_040_000, 1_948_800)
    assert data.receipts.count == 61 and data.receipts.used_elsewhere == 0
    text = flat("\n".join(pdf_text(render_event_report(data))))
    assert "Kowantara Warteg Terlindungi" in text and "Rp1.982.400" in text


def test_statement_of_a_scheme_with_no_members_here(db, ref, event):
    data = statement_data(db, ref, event.id, KOWANTARA, "en", fixed_clock)
    assert data.lines == () and data.total == 0
    text = flat("\n".join(pdf_text(render_statement(data))))
    assert "The scheme has paid for no member at this event yet." in text


def test_renderers_take_no_database():
    """Renderers are data in, bytes out."""
    import inspect

    for render in (render_event_report, render_statement, render_day_close):
        assert list(inspect.signature(render).parameters) == ["data"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
@pytest.mark.slow
def test_first_pages_render_to_png(db, ref, warteg, tmp_path: Path):
    ev, _ = warteg
    for name, pdf in (
        ("report", event_report_pdf(db, ref, ev.id, "id", fixed_clock)),
        ("statement", statement_pdf(db, ref, ev.id, KOWANTARA, "id", fixed_clock)),
        ("day", day_close_pdf(db, ref, "sari", date(2026, 11, 22), "id", fixed_clock)),
    ):
        src = tmp_path / f"{name}.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(src), str(tmp_path / name)],
            check=True,
        )
        assert list(tmp_path.glob(f"{name}*.png"))
