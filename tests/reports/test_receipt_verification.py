"""A transfer or QRIS receipt says the money is waiting for HQ's verification, never that it
is paid in full; HQ's answer shows on later prints."""

from __future__ import annotations

import pytest

from reports.receipt import render_receipt
from tests.reports.test_receipt import flat, read, sample


@pytest.mark.parametrize("fmt", ["a6", "80mm"])
def test_qris_waiting_says_menunggu_verifikasi_never_lunas(fmt: str) -> None:
    data = sample(method="qris", verification="waiting", reference="QR-20261204-7781")
    _, text = read(render_receipt(data, fmt))
    words = flat(text)
    assert "MENUNGGU VERIFIKASI" in words
    assert "QR-20261204-7781" in words and "QRIS" in words
    assert "lunas" not in words.lower().replace("belum lunas", "")
    _, cash = read(render_receipt(sample(), fmt))
    assert "VERIFIKASI" not in cash


def test_transfer_in_english_and_hq_answers() -> None:
    waiting = sample(method="transfer", verification="waiting", reference="TRF-1", lang="en")
    _, text = read(render_receipt(waiting))
    assert "WAITING FOR VERIFICATION" in flat(text) and "Bank transfer" in flat(text)
    _, text = read(render_receipt(sample(method="qris", verification="verified", reference="Q")))
    assert "TERVERIFIKASI" in flat(text) and "MENUNGGU" not in flat(text)
    _, text = read(
        render_receipt(sample(method="qris", verification="not_received", reference="Q"))
    )
    assert "TIDAK DITERIMA" in flat(text) and "bayar lagi" in flat(text)
