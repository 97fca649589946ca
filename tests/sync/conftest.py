"""Sync tests run `main.py sync` as a real process too: it signs in as the officer the
devices of these tests are made with (fault_proxy.Device, or the demo's)."""

from __future__ import annotations

import pytest

from tests.sync.fault_proxy import OFFICER, OFFICER_PASSPHRASE


@pytest.fixture(autouse=True)
def signed_in_officer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGAP_OFFICER", OFFICER)
    monkeypatch.setenv("SIGAP_PASSPHRASE", OFFICER_PASSPHRASE)
