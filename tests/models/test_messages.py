"""The message catalogue: complete, bilingual, and covering every code the core produces."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from models.errors import Problem, SigapError, ValidationError
from models.messages import LANGUAGES, MESSAGES, text

MODELS = Path(__file__).resolve().parents[2] / "models"


def placeholders(template: str) -> set[tuple[str, str]]:
    """(name, format spec) of every `{name:spec}` in a template."""
    return {
        (name, spec or "")
        for _, name, spec, _ in string.Formatter().parse(template)
        if name is not None
    }


# --- the catalogue itself ----------------------------------------------------------------


def test_languages_are_indonesian_then_english() -> None:
    assert LANGUAGES == ("id", "en")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_both_texts_with_the_same_placeholders(code: str) -> None:
    pair = MESSAGES[code]
    assert len(pair) == 2
    id_text, en_text = pair
    assert isinstance(id_text, str) and id_text.strip()
    assert isinstance(en_text, str) and en_text.strip()
    assert placeholders(id_text) == placeholders(en_text)
    # Placeholders are named, never positional; `money` and `member` (a member number as
    # models.messages.member_number_text writes it) are the only special formats.
    for name, spec in placeholders(id_text):
        assert name.isidentifier(), (code, name)
        assert spec in ("", "money", "member"), (code, spec)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_renders_in_both_languages(code: str) -> None:
    params = {name: 12345 for name, _ in placeholders(MESSAGES[code][0])}
    id_text = text(code, "id", **params)
    en_text = text(code, "en", **params)
    assert "{" not in id_text and "}" not in id_text
    assert "{" not in en_text and "}" not in en_text
    assert id_text != code and en_text != code


def test_the_two_languages_differ() -> None:
    # A catalogue where the "Indonesian" is English (or the reverse) is not bilingual.
    same = [c for c, (i, e) in MESSAGES.items() if i == e]
    assert same == []


# --- text() ------------------------------------------------------------------------------


def test_money_in_indonesian() -> None:
    assert text("income_too_low", "id", minimum=16_800) == (
        "Penghasilan yang dilaporkan paling sedikit Rp16.800 sebulan."
    )


def test_money_in_english() -> None:
    assert text("income_too_low", "en", minimum=16_800) == (
        "The declared income must be at least Rp16,800 a month."
    )


def test_money_in_millions_and_several_amounts() -> None:
    id_text = text(
        "scheme_budget_short", "id", scheme="Contoh", remaining=1_000_000, amount=201_600
    )
    en_text = text(
        "scheme_budget_short", "en", scheme="Sample", remaining=1_000_000, amount=201_600
    )
    assert "Rp1.000.000" in id_text and "Rp201.600" in id_text
    assert "Rp1,000,000" in en_text and "Rp201,600" in en_text


def test_indonesian_is_the_default_and_the_fallback() -> None:
    assert text("nik_required") == "NIK wajib diisi."
    assert text("nik_required", "jv") == "NIK wajib diisi."
    assert text("nik_required", "en") == "The NIK is required."


def test_plain_placeholders() -> None:
    assert text("nik_length", "en", length=15) == "The NIK must be 16 digits; 15 were typed."
    assert text("nik_length", "id", length=15) == "NIK harus 16 angka; yang diketik 15 angka."


def test_unknown_code_comes_back_as_itself() -> None:
    assert text("no_such_code", "id") == "no_such_code"
    assert text("no_such_code", "en") == "no_such_code"


def test_problem_and_error_use_the_catalogue() -> None:
    p = Problem("declared_income", "income_too_low", {"minimum": 1_000_000})
    assert p.message("id").endswith("Rp1.000.000 sebulan.")
    assert p.message("en").endswith("Rp1,000,000 a month.")
    assert p.as_dict("en") == {
        "field": "declared_income",
        "code": "income_too_low",
        "message": "The declared income must be at least Rp1,000,000 a month.",
    }
    err = SigapError("event_unknown", event_id="EV-1")
    assert str(err) == "There is no event with id EV-1."
    assert err.message("id") == "Tidak ada acara dengan id EV-1."
    assert "validation_failed" in MESSAGES
    v = ValidationError([Problem("nik", "nik_required")])
    assert v.message("en") == "nik: The NIK is required."


# --- every code produced in models/ is in the catalogue -----------------------------------


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _produced_codes() -> dict[str, list[tuple[str, int, set[str] | None]]]:
    """code → [(file, line, keys of the params given or None if not literal)]."""
    found: dict[str, list[tuple[str, int, set[str] | None]]] = {}

    def add(code: str | None, path: Path, line: int, keys: set[str] | None) -> None:
        if code is not None:
            found.setdefault(code, []).append((path.name, line, keys))

    for path in sorted(MODELS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _name(node.func)
                kwargs = {k.arg: k.value for k in node.keywords if k.arg}
                if name == "Problem":
                    code_node = node.args[1] if len(node.args) > 1 else kwargs.get("code")
                    params = node.args[2] if len(node.args) > 2 else kwargs.get("params")
                    keys: set[str] | None
                    if params is None:
                        keys = set()
                    elif isinstance(params, ast.Dict) and all(
                        _literal(k) is not None for k in params.keys
                    ):
                        keys = {_literal(k) for k in params.keys}  # type: ignore[misc]
                    else:
                        keys = None
                    add(_literal(code_node), path, node.lineno, keys)
                elif name == "SigapError":
                    code_node = node.args[0] if node.args else kwargs.get("code")
                    if any(k.arg is None for k in node.keywords):
                        keys = None  # **params
                    else:
                        keys = {k.arg for k in node.keywords if k.arg != "code"}
                    add(_literal(code_node), path, node.lineno, keys)
            elif isinstance(node, ast.Assign):
                # `self.code = "validation_failed"`
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and target.attr == "code":
                        add(_literal(node.value), path, node.lineno, None)
            elif isinstance(node, ast.Dict):
                # Import reports: {"code": "duplicate_in_file", ...}
                for k, v in zip(node.keys, node.values, strict=True):
                    if k is not None and _literal(k) == "code":
                        add(_literal(v), path, node.lineno, None)
    return found


PRODUCED = _produced_codes()


def test_the_scan_finds_the_codes_it_should() -> None:
    # Guard against a scan that silently finds nothing: codes from several modules,
    # including calls written over several lines.
    for code in (
        "nik_required",  # nik.py
        "nik_district_mismatch",  # nik.py, with severity=
        "phone_not_indonesian",  # validation.py
        "programme_mandatory",  # rates.py, multi-line call
        "scheme_quota_full",  # enrolments/ledger.py, multi-line call
        "nik_already_enrolled",  # enrolments/ledger.py, multi-line call
        "validation_failed",  # errors.py, attribute assignment
        "file_not_found",  # imports.py, SigapError
        "duplicate_in_file",  # imports.py
    ):
        assert code in PRODUCED, code
    assert len(PRODUCED) >= 50


@pytest.mark.parametrize("code", sorted(PRODUCED))
def test_every_code_produced_in_models_has_a_message(code: str) -> None:
    where = ", ".join(f"{f}:{line}" for f, line, _ in PRODUCED[code])
    assert code in MESSAGES, f"{code} (produced at {where}) has no catalogue entry"


@pytest.mark.parametrize("code", sorted(c for c in PRODUCED if c in MESSAGES))
def test_every_producer_gives_the_placeholders_its_message_needs(code: str) -> None:
    needed = {name for name, _ in placeholders(MESSAGES[code][0])}
    for file, line, keys in PRODUCED[code]:
        if keys is None:
            continue  # params not written literally at this call
        missing = needed - keys
        assert not missing, f"{file}:{line} gives {sorted(keys)} for {code}, missing {missing}"
