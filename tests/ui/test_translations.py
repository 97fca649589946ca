"""The English translation: complete, placeholders intact, the .qm compiled from the current
.ts, every interface text in the .ts, and the interface actually speaking English with it."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QLabel

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TS = I18N / "sigap_en.ts"
QM = I18N / "sigap_en.qm"
UI_SOURCES = sorted((ROOT / "ui").rglob("*.py"))

PLACEHOLDER = re.compile(r"\{[^{}]*\}")

Key = tuple[str, str, str]  # context, source text, disambiguation comment


def messages(ts: Path) -> dict[Key, ET.Element]:
    out: dict[Key, ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            out[key] = message
    return out


def translations(message: ET.Element) -> list[str]:
    """The translated text, or each plural form of a numerus message."""
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.findall("numerusform")]
    return [translation.text or ""]


def qt_tool(name: str) -> str:
    """A Qt tool from this virtual environment (bin/ or Scripts/, beside the interpreter)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} not found next to {sys.executable}; run `uv sync`")
    return found


def show(keys: list[Key]) -> str:
    return "\n".join(f"  [{c}] {s!r}" + (f" ({d})" if d else "") for c, s, d in sorted(keys))


# ---------------------------------------------------------------- (a) the .ts itself


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    found = messages(TS)
    assert found, "no messages in the .ts"
    problems = []
    for (context, source, _), message in found.items():
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") is not None:
            problems.append(f"[{context}] {source!r} is {translation.get('type')}")
            continue
        texts = translations(message)
        if not texts or not all(t.strip() for t in texts):
            problems.append(f"[{context}] {source!r} has an empty translation")
            continue
        wanted = set(PLACEHOLDER.findall(source))
        for text in texts:
            if set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"[{context}] {source!r}: placeholders differ in {text!r}")
            if ("%n" in source) != ("%n" in text):
                problems.append(f"[{context}] {source!r}: %n differs in {text!r}")
            if source.count("&") != text.count("&"):
                problems.append(f"[{context}] {source!r}: accelerator differs in {text!r}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- (b) the .qm is current


@pytest.mark.slow
def test_the_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "sigap_en.qm"
    subprocess.run(
        [qt_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == QM.read_bytes(), (
        "resources/i18n/sigap_en.qm is out of date; run\n"
        "  uv run pyside6-lrelease resources/i18n/sigap_en.ts -qm resources/i18n/sigap_en.qm"
    )


# ---------------------------------------------------------------- (c) every text is in the .ts


@pytest.mark.slow
def test_every_interface_text_is_in_the_ts(tmp_path: Path) -> None:
    collected = tmp_path / "collected.ts"
    subprocess.run(
        [qt_tool("pyside6-lupdate"), *map(str, UI_SOURCES), "-locations", "none"]
        + ["-ts", str(collected)],
        check=True,
        capture_output=True,
    )
    in_code = set(messages(collected))
    assert in_code, "lupdate found no texts in ui/"
    in_ts = set(messages(TS))
    missing = in_code - in_ts
    stale = in_ts - in_code
    how = (
        "\nupdate the catalogue and translate the new texts:\n"
        "  uv run pyside6-lupdate $(git ls-files 'ui/*.py') -locations none "
        "-ts resources/i18n/sigap_en.ts\n"
        "  uv run pyside6-lrelease resources/i18n/sigap_en.ts -qm resources/i18n/sigap_en.qm"
    )
    assert not missing, "texts in ui/ missing from sigap_en.ts:\n" + show(list(missing)) + how
    assert not stale, "texts in sigap_en.ts no longer in ui/:\n" + show(list(stale)) + how


def _literal(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_texts_reach_tr_and_translate_as_literals() -> None:
    """lupdate reads only string literals written inside tr(…)/translate(…); a text passed
    in a variable is silently left out of the .ts (and test (c) cannot notice)."""
    hidden = []
    for path in UI_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = node.args
            if name == "tr" and args and not _literal(args[0]):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif name == "translate" and not (len(args) >= 2 and all(map(_literal, args[:2]))):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not hidden, "texts lupdate cannot collect:\n" + "\n".join(hidden)


# ---------------------------------------------------------------- (d) the interface in English


@pytest.fixture
def english(qapp) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


def test_the_main_window_speaks_english(qtbot, english, session, tasks) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Sigap — BPU Member Enrolment"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Events",
        "Dashboard",
        "Enrolment",
        "Members",
        "Sync",
        "Officers",
        "Audit",
        "Backups",
    ]
    assert [m.title() for m in (a.menu() for a in window.menuBar().actions())] == [
        "&Desk",
        "&Language",
    ]
    assert window.officer_label.text() == "Officer: Sari Wulandari"
    assert window.event_label.text() == "Event: Sosialisasi Pasar Besar"
    assert window.waiting_label.text() == "Waiting to be sent: 1"


def test_the_enrolment_form_speaks_english(qtbot, english, session, tasks) -> None:
    from ui.screens.enrolment_form import EnrolmentForm

    form = EnrolmentForm(session, tasks)
    qtbot.addWidget(form)
    labels = {label.text() for label in form.findChildren(QLabel)}
    for caption in (
        "NIK",
        "Full name",
        "Place of birth",
        "Date of birth",
        "Sex",
        "Mother's maiden name",
        "Phone no.",
        "Address",
        "District",
        "Village",
        "Occupation",
        "Monthly income",
        "JKK + JKM (compulsory)",
        "Programmes",
        "Months paid",
        "Payer",
        "Heirs",
        "Contribution",
        "Event: Sosialisasi Pasar Besar",
    ):
        assert caption in labels
    assert not labels & {"Nama lengkap", "Tanggal lahir", "Pekerjaan", "Iuran"}
    assert form.nik.placeholderText() == "The 16-digit NIK on the ID card"
    assert form.birth_date.placeholderText() == "DD-MM-YYYY"
    assert form.save_button.text() == "Save (Ctrl+S)"
    assert form.jht.text() == "JHT (old-age savings, 2%)"
    assert form.payer.itemText(0) == "Self-paid, cash"
    assert form.gender.itemText(2) == "F — Female"

    # The core's messages follow the session's language, not the translator.
    session.lang = "en"
    qtbot.keyClicks(form.nik, "12345")
    assert form.errors["nik"].text() == "The NIK must be 16 digits; 5 were typed."
