"""Screenshots of the form, the participants list, the dashboard and the sync screen for the
README, from made-up demo data (the sync screen against the reference HQ on loopback). Run
under a real X display:

    xvfb-run -a -s "-screen 0 1366x768x24" uv run python docs/make_screenshots.py

The window is as big as a 1366×768 laptop with a taskbar leaves it (`ui.widgets.fit`).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from models import vault  # noqa: E402
from models.db import open_database  # noqa: E402
from models.demo import fill_demo  # noqa: E402
from models.events import list_events  # noqa: E402
from models.officers import get_officer  # noqa: E402
from models.reference import default_reference  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402
from ui.tasks import InlineTasks  # noqa: E402
from ui.widgets.fit import fit  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv)
    out = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        key = vault.create(data_dir)  # a made-up desk's key, in its own folder
        db = open_database(data_dir, key, create=True)
        ref = default_reference()
        # Spread the demo enrolments over the morning, as at a real event.
        start = datetime.now().astimezone().replace(hour=8, minute=0, second=0, microsecond=0)
        ticks = iter(start + timedelta(minutes=7 * i) for i in range(500))
        fill_demo(db, ref, clock=lambda: next(ticks))
        session = Session(db, ref, data_dir, "id", clock=lambda: start + timedelta(hours=4))
        session.sign_in(get_officer(db, "demo"))  # type: ignore[arg-type]
        session.set_event(list_events(db)[0])
        window = MainWindow(session, InlineTasks())
        fit(window, 1366, 768)
        window.show()

        form = window.form
        form.nik.setText("3577014507920003")
        form._nik_edited(form.nik.text())
        form.full_name.setText("Sri Rahayu Lestari")
        form._edited("full_name")
        form.birth_place.setText("Madiun")
        form._edited("birth_place")
        form.phone.setText("0812 3456")
        form._edited("phone")
        form.occupation.setText("Pedagang Kaki Lima (Street Food and Goods Vendor)")
        form._edited("occupation_code")
        form.income.setText("1500000")
        form._income_edited(form.income.text())
        app.processEvents()
        window.grab().save(str(out / "form.png"))

        window.form.clear()
        window.show_screen(window.participants)
        app.processEvents()
        window.grab().save(str(out / "participants.png"))

        window.show_screen(window.dashboard)
        window.dashboard.refresh() if hasattr(window.dashboard, "refresh") else None
        app.processEvents()
        window.grab().save(str(out / "dashboard.png"))
        db.close()
    sync_screen(out)
    print("wrote docs/form.png, docs/participants.png, docs/dashboard.png, docs/sync.png")


def sync_screen(out: Path) -> None:
    """The demo desk registered with a reference HQ, synced once, with one enrolment HQ
    refused after review and one card printed before HQ gave its member number."""
    import subprocess

    from services.printing import print_card
    from sync.engine import register_device, sync_once
    from tests.hq_server import run_hq

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "desk"
        data_dir.mkdir()
        db = open_database(data_dir, vault.create(data_dir), create=True)
        ref = default_reference()
        fill_demo(db, ref)
        first = str(db.execute("SELECT id FROM enrolments ORDER BY rowid LIMIT 1").fetchone()[0])
        print_card(db, ref, first, "demo")  # provisional number: due for a reprint
        with run_hq(Path(tmp) / "hq") as hq:
            register_device(db, hq.url, hq.create_code("DEMO01"), device_name="LAPTOP-DEMO")
            sync_once(db)
            refused = str(db.execute("SELECT id FROM enrolments ORDER BY rowid DESC LIMIT 1")
                          .fetchone()[0])  # fmt: skip
            subprocess.run(
                [sys.executable, "-m", "hq", "review", "reject", refused, "--message",
                 "Nama ibu kandung tidak sesuai data Dukcapil", "--db", str(hq.db_path)],
                check=True, cwd=ROOT, capture_output=True,
            )  # fmt: skip
            sync_once(db)
            session = Session(db, ref, data_dir, "id")
            session.sign_in(get_officer(db, "demo"))  # type: ignore[arg-type]
            session.set_event(list_events(db)[0])
            window = MainWindow(session, InlineTasks())
            fit(window, 1366, 768)
            window.show()
            window.sync._set_online(True)
            window.show_screen(window.sync_screen)
            QApplication.processEvents()
            window.grab().save(str(out / "sync.png"))
            window.sync.stop()
        db.close()


if __name__ == "__main__":
    main()
