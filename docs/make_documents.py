"""The receipt and registration-slip images for the README (docs/receipt.png and
docs/registration_slip.png), printed by the desk's own print path from made-up people on a
throwaway desk, and drawn at 150 dpi with PDFium:

    uv run python docs/make_documents.py

The receipt is a worker paying 3 months from December 2026 (one month under the PP 50/2025
relief, two at the full price); the slip is a city budget (APBD) paying a year for a
vulnerable worker."""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2  # noqa: E402

from models import vault  # noqa: E402
from models.db import open_database, set_setting  # noqa: E402
from models.enrolments import EnrolmentInput, HeirInput, enrol  # noqa: E402
from models.events import create_event  # noqa: E402
from models.imports import import_eligibility  # noqa: E402
from models.officers import add_officer  # noqa: E402
from models.reference import default_reference  # noqa: E402
from services.printing import print_receipt  # noqa: E402

WIB = timezone(timedelta(hours=7))
WHEN = datetime(2026, 12, 3, 10, 20, tzinfo=WIB)
DPI = 150


def clock() -> datetime:
    return WHEN


def png(pdf: bytes, path: Path) -> None:
    page = pypdfium2.PdfDocument(pdf)[0]
    page.render(scale=DPI / 72).to_pil().save(path)


def worker(nik: str, name: str, born: date, **more: object) -> EnrolmentInput:
    """A made-up woman of Kartoharjo, Kota Madiun, whose NIK agrees with her birth date."""
    values: dict[str, object] = dict(
        nik=nik, full_name=name, birth_place="Madiun", birth_date=born, gender="P",
        mother_maiden_name="Sumini", street="Jl. Kutai 12", rt="003", rw="000",
        village_code="35.77.01.1008", occupation_code="K002", declared_income=1_000_000,
        heirs=[HeirInput("Joko Santoso", "suami")], consent=True,
    )  # fmt: skip
    values.update(more)
    return EnrolmentInput(**values)  # type: ignore[arg-type]


def main() -> None:
    ref = default_reference()
    out = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder, vault.create(folder), create=True)
        set_setting(db, "branch_code", "MDN01")
        add_officer(db, "sari", "Sari Wulandari", "officer", "pasar-pagi-77", clock=clock)
        day = WHEN.date()
        market = create_event(
            db, ref, name="Sosialisasi Pasar Besar", starts_on=day, ends_on=day,
            location="Pasar Besar Madiun", region_code="35.77.01", officer_id="sari",
            clock=clock,
        )  # fmt: skip
        paid = enrol(
            db, ref, market.id,
            worker("3577015708900001", "Sri Rahayu Lestari", date(1990, 8, 17), months=3),
            "sari", clock,
        )  # fmt: skip
        png(print_receipt(db, ref, str(paid.receipt_number), "sari", "a6", "id", clock),
            out / "receipt.png")  # fmt: skip

        listed = folder / "dtsen.csv"
        listed.write_text("nik,nama\n3577016203850002,Tutik Handayani\n", encoding="utf-8")
        import_eligibility(db, ref, listed, "SIAGA-KITA-MADIUN", "sari", "id", clock)
        city = create_event(
            db, ref, name="Siaga Kita Kartoharjo", starts_on=day, ends_on=day,
            location="Balai Kelurahan Kartoharjo", region_code="35.77.01.1008",
            officer_id="sari", scheme_code="SIAGA-KITA-MADIUN", clock=clock,
        )  # fmt: skip
        sponsored = enrol(
            db, ref, city.id,
            worker("3577016203850002", "Tutik Handayani", date(1985, 3, 22)),
            "sari", clock,
        )  # fmt: skip
        png(print_receipt(db, ref, str(sponsored.receipt_number), "sari", "a6", "id", clock),
            out / "registration_slip.png")  # fmt: skip
        db.close()
    print("wrote docs/receipt.png, docs/registration_slip.png")


if __name__ == "__main__":
    main()
