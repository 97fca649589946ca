"""A child process for `test_crash_safety.py`: signs in to a prepared desk and saves made-up
enrolments through `enrol(...)` one after another until it is killed.

    SIGAP_PASSPHRASE=... python -m tests.models.save_forever FOLDER OFFICER EVENT START

It prints `ready` once signed in, then one line `ENROLMENT_ID PAYMENT_ID` per save, written
and flushed only after `enrol` returned (so the record was committed). Applicant `n` (from
START on) always has the same NIK, so runs given distinct START values never collide. It
stops by itself after `DEADLINE_S`, in case the test that started it is gone."""

from __future__ import annotations

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from models.enrolments import EnrolmentInput

DISTRICT = "357701"  # Kota Madiun, Kartoharjo: agrees with person()'s village 35.77.01.1001
DEADLINE_S = 30.0


def applicant(n: int) -> EnrolmentInput:
    """Made-up applicant number `n`: a NIK of its own that agrees with birth date and sex."""
    from tests.helpers import person

    female = n % 2 == 1
    serial = (n // 2) % 9999 + 1
    born = date(1984, 1, 1) + timedelta(days=n // 19998)
    day = born.day + (40 if female else 0)
    nik = f"{DISTRICT}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    return person(
        nik=nik,
        full_name="Sri Rahayu Simulasi" if female else "Bambang Simulasi Prakoso",
        birth_date=born,
        gender="P" if female else "L",
    )


def main(argv: list[str]) -> int:
    from models.desk import sign_in
    from models.enrolments import enrol
    from models.reference import default_reference
    from tests.helpers import fixed_clock

    folder, officer_id, event_id, start = Path(argv[0]), argv[1], argv[2], int(argv[3])
    db, officer = sign_in(folder, officer_id, os.environ["SIGAP_PASSPHRASE"])
    ref = default_reference()
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    n, deadline = start, time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        saved = enrol(db, ref, event_id, applicant(n), officer.id, fixed_clock)
        out.write(f"{saved.enrolment_id} {saved.payment_id}\n")
        out.flush()
        n += 1
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
