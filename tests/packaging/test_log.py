"""The log keeps personal data out: a log written during an enrolment, an import and a sync
(and through an unexpected error that carries a record) holds none of the made-up NIKs,
names, phone numbers or passphrases."""

from __future__ import annotations

import logging
import re
import sys
import threading
from dataclasses import asdict
from datetime import date

from PySide6.QtCore import Qt

from models.imports import import_enrolments
from services import applog
from sync.engine import sync_once
from tests.helpers import fixed_clock, person
from tests.models.helpers_import import COLUMNS, make_nik, write_csv
from tests.models.helpers_import import person as row
from tests.sync.fakehq import FakeHQ, hq_fixture, registered_fixture  # noqa: F401
from tests.ui.test_enrolment_form import fill_valid, make_form

PASSPHRASE = "kata-sandi-rahasia-42"
TYPED = {  # what fill_valid types, and tests.helpers.person's
    "nik": ["3577015708900001"],
    "name": ["Ni Luh Putu Ayu Regapu’u", "Regapu", "Sumirah", "Made Wirawan", "Saraswati"],
    "phone": ["081234567890", "0812-3456-7890", "081298765432", "81234567890"],
}
IMPORTED = [  # a partner's list: three made-up people
    row(make_nik("357701", date(1985, 3, 9), False, 11),
        "Bambang Sutrisno Wibowo", "09-03-1985", "L", phone="081377788899"),
    row(make_nik("357701", date(1992, 12, 1), True, 12),
        "Kartika Dewi Lestari", "01-12-1992", "P", phone="085266655544",
        heir_name="Hendra Gunawan"),
    row(make_nik("357701", date(1979, 6, 30), False, 13),
        "Yohanes Paulus Manurung", "30-06-1979", "L", mother_maiden_name="Theresia Sitompul"),
]  # fmt: skip


def secrets() -> list[str]:
    found = TYPED["nik"] + TYPED["name"] + TYPED["phone"] + [PASSPHRASE]
    for r in IMPORTED:
        found += [r["nik"], r["full_name"], r["mother_maiden_name"], r["heir_name"]]
        found += [r["phone"]] if r.get("phone") else []
        found += r["full_name"].split()  # no part of a name either
    return found


def test_redact_patterns() -> None:
    text = applog.redact(
        'nik=3577015708900001 "full_name": "Siti Aminah" phone 0812-3456-7890 '
        "passphrase: hunter2hunter2 Authorization: Bearer abc.def +6281234567890 "
        "'Bambang Sutrisno' member 10000000001 3577 0157 0890 0001 kept: KW-1A2B-000001"
    )
    for secret in ("3577015708900001", "Siti", "Aminah", "3456", "hunter2", "abc.def",
                   "6281234567890", "Bambang", "10000000001", "0890 0001"):  # fmt: skip
        assert secret not in text, (secret, text)
    assert "KW-1A2B-000001" in text and "kept" in text


def test_a_log_of_an_enrolment_an_import_and_a_sync_has_no_personal_data(
    qtbot, session, tasks, registered, hq, ref, event, officer, tmp_path
) -> None:
    db = registered
    folder = tmp_path / "logs"
    log_file = applog.start_logging(folder)
    hooks = sys.excepthook, threading.excepthook
    try:
        # an enrolment, typed into the window's form and saved
        form = make_form(qtbot, session, tasks)
        fill_valid(qtbot, form)
        with qtbot.waitSignal(form.saved):
            qtbot.keyClick(form.consent, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        # a partner's list imported
        path = tmp_path / "list.csv"
        write_csv(path, COLUMNS, COLUMNS, IMPORTED)
        report = import_enrolments(db, ref, path, event.id, officer, clock=fixed_clock)
        assert report.imported == 3, report
        # a sync with HQ
        result = sync_once(db, client=hq.client(), clock=fixed_clock, rng=lambda: 0.5,
                           sleep=lambda s: None)  # fmt: skip
        assert result.accepted > 0
        # careless code: a record in a log line, and an unexpected error carrying one
        logging.getLogger("sigap.careless").warning("saving %s", asdict(person()))
        logging.getLogger("sigap.careless").info("officer %s passphrase=%s", officer, PASSPHRASE)
        shown: list[str] = []
        applog.install_excepthooks(shown.append)
        try:
            raise ValueError(f"cannot save {IMPORTED[0]!r}")
        except ValueError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]

        def fails() -> None:
            raise RuntimeError(str(IMPORTED[1]))

        worker = threading.Thread(target=fails, name="w")
        worker.start()
        worker.join()
    finally:
        sys.excepthook, threading.excepthook = hooks
        applog.stop_logging()
    text = "\n".join(p.read_text(encoding="utf-8") for p in folder.glob("sigap.log*"))
    # the log says what happened...
    assert "Sigap" in text and "ValueError" in text and "RuntimeError" in text
    assert "Traceback" in text and "thread w" in text
    assert len(shown) == 2 and all("Traceback" in s for s in shown)
    # ...and nobody's data
    leaked = [s for s in secrets() if len(s) > 3 and s.lower() in text.lower()]
    assert not leaked, f"in {log_file}: {leaked}"
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", text)
    for details in shown:
        assert not [s for s in secrets() if len(s) > 3 and s.lower() in details.lower()]
