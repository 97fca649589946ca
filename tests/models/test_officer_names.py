"""`sigap.names`: the sign-in's names of the active officers, kept private, following the
accounts, and harmless when missing, damaged or edited. Every person here is made up."""

from __future__ import annotations

import json
import os
import stat

import pytest

from models import desk, officer_names
from services import officers
from tests.helpers import fixed_clock


@pytest.fixture
def approver(db, supervisor):
    opened, officer = desk.sign_in(db.data_dir, supervisor, "kopi-tubruk-88")
    yield officer
    opened.close()


def test_a_sign_in_writes_the_active_officers_names(db, officer, supervisor):
    assert officer_names.read(db.data_dir) == {}
    opened, _ = desk.sign_in(db.data_dir, officer, "pasar-pagi-77")
    opened.close()
    assert officer_names.read(db.data_dir) == {"budi.s": "Budi Santoso", "sari": "Sari Wulandari"}
    if os.name == "posix":
        mode = stat.S_IMODE(officer_names.path(db.data_dir).stat().st_mode)
        assert mode == 0o600


def test_a_read_only_sign_in_writes_nothing(db, officer):
    opened, _ = desk.sign_in(db.data_dir, officer, "pasar-pagi-77", only_reads=True)
    opened.close()
    assert not officer_names.path(db.data_dir).exists()


def test_the_names_follow_added_and_deactivated_accounts(db, officer, approver):
    officers.add(db, "dewi", "Dewi Lestari", "officer", "sawah-hijau-31", approver,
                 clock=fixed_clock)  # fmt: skip
    assert officer_names.read(db.data_dir)["dewi"] == "Dewi Lestari"
    officers.deactivate(db, "dewi", approver, clock=fixed_clock)
    assert "dewi" not in officer_names.read(db.data_dir)


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[1, 2]", json.dumps({"format": "other"}).encode(),
     json.dumps({"format": "sigap-officer-names", "names": {"sari": 7, "x": "a" * 500}}).encode()],
)  # fmt: skip
def test_a_damaged_file_shows_ids_alone(db, content):
    officer_names.path(db.data_dir).write_bytes(content)
    names = officer_names.read(db.data_dir)
    assert names == {}
    assert officer_names.label("sari", names) == "sari"


def test_a_label_names_the_officer_and_keeps_the_id():
    assert officer_names.label("sari", {"sari": "Sari Wulandari"}) == "Sari Wulandari (sari)"
