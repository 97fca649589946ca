"""The command line's grammar built for the one command named (`cli.parser.parse_args`)
reads every command line as the whole grammar does, and tells every mistake the same way."""

from __future__ import annotations

import argparse

import pytest

from cli.commands import COMMANDS
from cli.parser import build_parser, command_named, parse_args

LINES = [
    ["status"],
    ["--officer", "ani.p", "status"],
    ["--officer=ani.p", "status", "--lang", "en"],
    ["--off", "status", "status"],  # an officer called "status", the option abbreviated
    ["--data-dir", "/d", "--lang", "en", "--officer", "o", "list", "--event", "e"],
    ["list", "--event", "e", "--format", "json", "--show-nik"],
    ["officer", "add", "--id", "a", "--name", "Ani", "--role", "supervisor"],
    ["officer", "passphrase"],
    ["event", "create", "--name", "n", "--location", "l", "--region", "35.77.01"],
    ["event", "close", "ev-1"],
    ["import", "enrolments", "f.csv", "--event", "e", "--report", "r.csv"],
    ["pay", "--card", "XYZ", "--months", "3"],
    ["cards", "--event", "e", "--out", "o.pdf", "--sheet"],
    ["receipt", "KW-1F05CDC7-000012", "--out", "r.pdf", "--format", "80mm"],
    ["report", "--event", "e", "--out", "r.pdf"],
    ["statement", "--event", "e", "--scheme", "S", "--out", "s.pdf"],
    ["day-close", "--date", "2026-11-22", "--out", "x.pdf"],
    ["check-card", "text"],
    ["register", "--hq", "https://hq.example.id", "--code", "c"],
    ["sync"],
    ["backup", "restore", "--latest"],
    ["backup", "list", "--format", "json"],
    ["bundle", "--out", "x.sigap"],
    ["audit", "verify", "--head", "1:ab"],
    ["export", "--event", "e", "--out", "x.csv"],
    ["settings"],
    ["settings", "set", "lock_minutes", "5"],
    ["check"],
    ["demo"],
    [],
]

MISTAKES = [
    ["status", "--bogus"],
    ["statuss"],
    ["list"],
    ["--lang", "xx", "status"],
    ["officer", "add", "--id"],
    ["pay"],
    ["status", "extra"],
    ["--officer"],
    ["day-close", "--date", "9999-12-31", "--out", "x.pdf"],
]


def test_every_command_is_named_and_built_alone() -> None:
    for name in COMMANDS:
        assert command_named([name]) == name
        alone = build_parser(name)
        commands = next(a for a in alone._actions if isinstance(a, argparse._SubParsersAction))
        assert name in commands.choices
        assert len(commands.choices) < len(COMMANDS)  # not the whole grammar
    assert command_named(["--help", "status"]) is None
    assert command_named(["--version"]) is None
    assert command_named(["bukan-perintah"]) is None


@pytest.mark.parametrize("words", LINES, ids=" ".join)
def test_a_command_line_reads_as_the_whole_grammar_reads_it(words: list[str]) -> None:
    assert vars(parse_args(words)) == vars(build_parser().parse_args(words))


@pytest.mark.parametrize("words", MISTAKES, ids=" ".join)
def test_a_mistake_is_told_as_the_whole_grammar_tells_it(
    words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as narrowed:
        parse_args(words)
    told = capsys.readouterr()
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(words)
    assert narrowed.value.code == whole.value.code == 2
    assert told == capsys.readouterr()
