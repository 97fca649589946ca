"""The PDF commands of the command line: cards, receipt, report, statement, day-close, and
checking a card's QR text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

import main
from models.cards import card_data
from models.demo import DEMO_OFFICER, DEMO_PASSPHRASE
from models.desk import sign_in
from models.reference import default_reference


@pytest.fixture
def demo(tmp_path: Path, capsys, monkeypatch) -> tuple[Path, str]:
    data_dir = tmp_path / "data"
    assert main.main(["demo", "--data-dir", str(data_dir)]) == 0
    event_id = json.loads(capsys.readouterr().out)["event_id"]
    monkeypatch.setenv("SIGAP_OFFICER", DEMO_OFFICER)
    monkeypatch.setenv("SIGAP_PASSPHRASE", DEMO_PASSPHRASE)
    return data_dir, event_id


def _run(capsys, *args: str) -> tuple[int, dict, str]:
    code = main.main(list(args))
    out = capsys.readouterr()
    return code, (json.loads(out.out) if out.out.strip() else {}), out.err


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_pdf_commands_write_their_documents(demo, tmp_path, capsys):
    data_dir, event_id = demo
    d = str(data_dir)
    code, out, _ = _run(capsys, "cards", "--data-dir", d, "--event", event_id, "--out",
                        str(tmp_path / "cards.pdf"), "--sheet")  # fmt: skip
    assert code == 0 and out["bytes"] > 0
    sheets = PdfReader(tmp_path / "cards.pdf")
    assert len(sheets.pages) == 10  # 50 cards: 5 sheets of fronts and 5 of backs
    assert "****" in _text(tmp_path / "cards.pdf")

    code, _, _ = _run(capsys, "report", "--data-dir", d, "--event", event_id, "--out",
                      str(tmp_path / "report.pdf"))  # fmt: skip
    assert code == 0 and "Sosialisasi Siaga Kita" in _text(tmp_path / "report.pdf")

    code, _, _ = _run(capsys, "statement", "--data-dir", d, "--event", event_id, "--scheme",
                      "SIAGA-KITA-MADIUN", "--out", str(tmp_path / "st.pdf"))  # fmt: skip
    assert code == 0 and "Siaga Kita" in _text(tmp_path / "st.pdf")

    db = sign_in(data_dir, DEMO_OFFICER, DEMO_PASSPHRASE)[0]
    receipt, day = db.execute("SELECT receipt_number, substr(received_at, 1, 10) FROM payments "
                              "ORDER BY receipt_seq LIMIT 1").fetchone()  # fmt: skip
    db.close()
    for name in ("r1.pdf", "r2.pdf"):
        code, _, _ = _run(capsys, "receipt", receipt, "--data-dir", d, "--out",
                          str(tmp_path / name), "--format", "80mm")  # fmt: skip
        assert code == 0
    assert "SALINAN" not in _text(tmp_path / "r1.pdf")
    assert "SALINAN" in _text(tmp_path / "r2.pdf") and receipt in _text(tmp_path / "r2.pdf")

    code, _, _ = _run(capsys, "day-close", "--data-dir", d, "--officer", "demo", "--date", day,
                      "--out", str(tmp_path / "dc.pdf"))  # fmt: skip
    assert code == 0 and "Supervisor" in _text(tmp_path / "dc.pdf")


def test_unknown_receipt_is_a_plain_message(demo, tmp_path, capsys):
    data_dir, _ = demo
    code, _, err = _run(capsys, "receipt", "KW-00000000-000999", "--data-dir", str(data_dir),
                        "--out", str(tmp_path / "x.pdf"))  # fmt: skip
    assert code == 1 and "Traceback" not in err and "kwitansi" in err.lower()
    assert not (tmp_path / "x.pdf").exists()


def test_check_card_says_genuine_or_not(demo, capsys):
    data_dir, event_id = demo
    db = sign_in(data_dir, DEMO_OFFICER, DEMO_PASSPHRASE)[0]
    enrolment_id = db.execute("SELECT id FROM enrolments LIMIT 1").fetchone()[0]
    text = card_data(db, default_reference(), enrolment_id).qr_text
    db.close()
    code, out, _ = _run(capsys, "check-card", text, "--data-dir", str(data_dir))
    assert code == 0 and out["genuine"] is True
    tampered = text[:-5] + ("A" if text[-5] != "A" else "B") + text[-4:]
    code, out, _ = _run(capsys, "check-card", tampered, "--data-dir", str(data_dir))
    assert code == 1 and out["genuine"] is False
