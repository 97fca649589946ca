"""The command line's grammar: every command, its options and its help, in one place.

`parse_args` builds only the part of the grammar the command line names (`status`, `list
…`): the whole of it takes longer to build than a short command takes to run. Help, a
mistake, no command at all get the whole grammar, so what argparse prints is the same."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from models.officers import ROLES
from models.version import app_version

# The dates a desk works with: events, payments and day closings of this century. A date
# outside it is a typing mistake (0001-01-01, 9999-12-31), refused before any work starts.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)
MONTHS = (1, 3, 6, 12)


def _date(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "tulis TTTT-BB-HH / use YYYY-MM-DD, for example 2026-11-22"
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            f"tanggal harus antara / the date must lie between {FIRST_DAY} and {LAST_DAY}"
        )
    return day


def _months(value: str) -> int:
    if value.strip() not in {str(m) for m in MONTHS}:
        raise argparse.ArgumentTypeError("bulan / months: 1, 3, 6 atau/or 12")
    return int(value)


def _programmes(value: str) -> list[str]:
    parts = [p for p in value.upper().replace(" ", "").split("+") if p]
    if len(set(parts)) != len(parts) or sorted(parts) not in (
        ["JKK", "JKM"],
        ["JHT", "JKK", "JKM"],
    ):
        raise argparse.ArgumentTypeError(
            "program / programmes: JKK+JKM atau/or JKK+JKM+JHT, masing-masing sekali / each once"
        )
    return parts


def _common_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """--data-dir and --lang, accepted before or after the command. Only the top level sets
    defaults: a command's own default would overwrite a value given before it."""
    unset = argparse.SUPPRESS
    parser.add_argument(
        "--data-dir", default=None if defaults else unset,
        help="folder holding Sigap's database (default: $SIGAP_DATA_DIR or the user data folder)",
    )  # fmt: skip
    parser.add_argument(
        "--lang", choices=("id", "en"),
        default=os.environ.get("SIGAP_LANG", "id") if defaults else unset,
        help="language of messages (default id, or $SIGAP_LANG)",
    )  # fmt: skip
    parser.add_argument(
        "--officer", default=os.environ.get("SIGAP_OFFICER") if defaults else unset,
        help="id of the officer signing in (default $SIGAP_OFFICER); the passphrase is "
        "asked for, or read from $SIGAP_PASSPHRASE",
    )  # fmt: skip


if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole grammar; with `command`, only the group of commands that holds it."""
    common = argparse.ArgumentParser(add_help=False)
    _common_options(common, defaults=False)

    kind = argparse.ArgumentParser if command is None else _OneCommand
    p = kind(prog="sigap", description="Sigap: offline enrolment desk.")
    p.add_argument("--version", action="version", version=f"Sigap {app_version()}")
    _common_options(p, defaults=True)
    # The commands' own parsers are plain ones: only the top level tells its mistakes anew.
    sub = p.add_subparsers(dest="command", parser_class=argparse.ArgumentParser)
    for names, add in _GROUPS:
        if command is None or command in names:
            add(sub, common)
    return p


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    words = list(sys.argv[1:] if argv is None else argv)
    return build_parser(command_named(words)).parse_args(words)


class _OneCommand(argparse.ArgumentParser):
    """The grammar built for one command. A mistake found at the top level (a word no
    command takes) is told by the whole grammar instead, whose usage lists every command."""

    def error(self, message: str) -> NoReturn:
        build_parser().parse_args(self._words)  # exits, with the whole grammar's usage
        super().error(message)  # the whole grammar took the words: still a mistake here

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._words = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)


_VALUED = ("--data-dir", "--lang", "--officer")  # the options before a command with a value


def command_named(words: Sequence[str]) -> str | None:
    """The command the words name, past the options before it; None for anything else
    (help, the version, no command, a word argparse would refuse)."""
    i = 0
    while i < len(words):
        word = words[i]
        if word.startswith("--") and len(word) > 2:
            name = word.split("=", 1)[0]
            if any(o.startswith(name) for o in _VALUED):  # argparse takes abbreviations
                i += 1 if "=" in word else 2
                continue
            return None
        if word.startswith("-"):
            return None
        return word if any(word in names for names, _ in _GROUPS) else None
    return None


def _desk(sub: Commands, common: argparse.ArgumentParser) -> None:
    sub.add_parser("demo", parents=[common], help="fill an empty data folder with made-up data")
    sub.add_parser("status", parents=[common], help="counts of records and of the HQ queue")
    sub.add_parser(
        "check", parents=[common],
        help="the full integrity check of the database (supervisor; exit 1 if damaged)",
    )  # fmt: skip


def _officer(sub: Commands, common: argparse.ArgumentParser) -> None:
    off = sub.add_parser("officer", parents=[common], help="officer accounts")
    off_sub = off.add_subparsers(dest="action", required=True)
    add = off_sub.add_parser(
        "add", parents=[common],
        help="add an officer; the passphrase is asked for, or read from standard input",
    )  # fmt: skip
    add.add_argument("--id", required=True, dest="officer_id")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=ROLES, default="officer")
    off_sub.add_parser("list", parents=[common], help="list officers")
    pw = off_sub.add_parser(
        "passphrase", parents=[common],
        help="set a new passphrase (your own, or a supervisor resets another's); "
        "asked for, or read from standard input",
    )  # fmt: skip
    pw.add_argument("--id", dest="officer_id", default=None, help="whose (default: your own)")
    for action, what in (("deactivate", "remove an officer's access"),
                         ("unlock", "lift the lock left by wrong passphrases")):  # fmt: skip
        a = off_sub.add_parser(action, parents=[common], help=f"{what} (supervisor)")
        a.add_argument("--id", required=True, dest="officer_id")


def _event(sub: Commands, common: argparse.ArgumentParser) -> None:
    ev = sub.add_parser("event", parents=[common], help="outreach events")
    ev_sub = ev.add_subparsers(dest="action", required=True)
    create = ev_sub.add_parser("create", parents=[common], help="create an event")
    create.add_argument("--name", required=True)
    create.add_argument("--location", required=True, help="where, in words")
    create.add_argument("--region", required=True, help="district or village code, 35.77.01")
    create.add_argument("--starts", type=_date, default=None, help="YYYY-MM-DD (default today)")
    create.add_argument("--ends", type=_date, default=None, help="YYYY-MM-DD (default: starts)")
    create.add_argument("--scheme", default=None, help="sponsor scheme code; none: self-paid")
    create.add_argument("--branch", default=None, help="branch office code (kept for next time)")
    create.add_argument(
        "--programmes", type=_programmes, default=None, help="JKK+JKM (default) or JKK+JKM+JHT"
    )
    create.add_argument("--months", type=_months, default=None, help="1, 3, 6 or 12 (default 1)")
    lst = ev_sub.add_parser("list", parents=[common], help="list events")
    lst.add_argument("--format", choices=("json", "table"), default="table")
    close = ev_sub.add_parser("close", parents=[common], help="close an event")
    close.add_argument("event_id")


def _records(sub: Commands, common: argparse.ArgumentParser) -> None:
    imp = sub.add_parser("import", parents=[common], help="import a partner's list")
    imp_sub = imp.add_subparsers(dest="action", required=True)
    ie = imp_sub.add_parser("enrolments", parents=[common], help="enrolment list")
    ie.add_argument("file", type=Path)
    ie.add_argument("--event", required=True, dest="event_id")
    ig = imp_sub.add_parser("eligibility", parents=[common], help="eligibility list")
    ig.add_argument("file", type=Path)
    ig.add_argument("--scheme", required=True)
    for a in (ie, ig):
        a.add_argument(
            "--report", type=Path, default=None,
            help="write every problem, row by row, to this CSV file (the printed report "
            "lists the first 1000 of each kind)",
        )  # fmt: skip

    ls = sub.add_parser("list", parents=[common], help="list an event's enrolments")
    ls.add_argument("--event", required=True, dest="event_id")
    ls.add_argument("--format", choices=("json", "table"), default="table")
    ls.add_argument("--show-nik", action="store_true", help="full NIKs instead of masked ones")


def _documents(sub: Commands, common: argparse.ArgumentParser) -> None:
    cards = sub.add_parser("cards", parents=[common], help="membership cards (PDF)")
    cards.add_argument("--event", required=True, dest="event_id")
    cards.add_argument("--out", required=True, type=Path)
    cards.add_argument("--sheet", action="store_true", help="A4 sheets of 10 for duplex printing")
    rc = sub.add_parser("receipt", parents=[common], help="a receipt (PDF)")
    rc.add_argument("number", help="receipt number, e.g. KW-1F05CDC7-000012")
    rc.add_argument("--out", required=True, type=Path)
    rc.add_argument("--format", choices=("a6", "80mm"), default="a6", dest="fmt")
    rp = sub.add_parser("report", parents=[common], help="event report (PDF)")
    rp.add_argument("--event", required=True, dest="event_id")
    rp.add_argument("--out", required=True, type=Path)
    st = sub.add_parser("statement", parents=[common], help="sponsor statement (PDF)")
    st.add_argument("--event", required=True, dest="event_id")
    st.add_argument("--scheme", required=True)
    st.add_argument("--out", required=True, type=Path)
    dc = sub.add_parser("day-close", parents=[common], help="an officer's day closing (PDF)")
    dc.add_argument("--date", required=True, type=_date, dest="day")
    dc.add_argument("--out", required=True, type=Path)
    ck = sub.add_parser("check-card", parents=[common], help="check a card's QR text")
    ck.add_argument("text", help="the text a QR scanner types")


def _hq(sub: Commands, common: argparse.ArgumentParser) -> None:
    reg = sub.add_parser("register", parents=[common], help="register this device with HQ")
    reg.add_argument("--hq", required=True, dest="hq_url", help="HQ address, https://hq.example.id")
    reg.add_argument("--code", required=True, help="registration code from the branch office")
    reg.add_argument("--name", default=None, help="device name HQ shows (default: host name)")
    sub.add_parser("sync", parents=[common], help="send queued records to HQ, fetch its answers")


def _backup(sub: Commands, common: argparse.ArgumentParser) -> None:
    bk = sub.add_parser("backup", parents=[common], help="encrypted copies of the database")
    bk_sub = bk.add_subparsers(dest="action", required=True)
    bk_sub.add_parser("create", parents=[common], help="make a backup now")
    bl = bk_sub.add_parser("list", parents=[common], help="list backups, newest first")
    bl.add_argument("--format", choices=("json", "table"), default="table")
    br = bk_sub.add_parser(
        "restore", parents=[common],
        help="put a backup in place of the database (supervisor); works on a damaged one",
    )  # fmt: skip
    which = br.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", default=None, help="backup file (or its name)")
    which.add_argument("--latest", action="store_true", help="the newest good backup")


def _bundle_audit(sub: Commands, common: argparse.ArgumentParser) -> None:
    bu = sub.add_parser(
        "bundle", parents=[common],
        help="every record not yet at HQ, encrypted and signed for HQ, for a USB stick "
        "(supervisor)",
    )  # fmt: skip
    bu.add_argument("--out", required=True, type=Path, help="FILE.sigap")
    au = sub.add_parser("audit", parents=[common], help="the tamper-evident audit log")
    au_sub = au.add_subparsers(dest="action", required=True)
    av = au_sub.add_parser(
        "verify", parents=[common], help="check the hash chain (exit 1 if broken)"
    )
    av.add_argument("--head", default=None, help="ID:HASH, a head written down earlier (a day "
                    "closing, HQ): exit 1 unless the trail still holds it")  # fmt: skip
    ae = au_sub.add_parser("export", parents=[common], help="the whole log as CSV (supervisor)")
    ae.add_argument("--out", required=True, type=Path)


def _export_settings(sub: Commands, common: argparse.ArgumentParser) -> None:
    ex = sub.add_parser("export", parents=[common], help="export to CSV or XLSX")
    ex.add_argument("--event", required=True, dest="event_id")
    ex.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")

    se = sub.add_parser("settings", parents=[common], help="the desk's settings (list, set)")
    se_sub = se.add_subparsers(dest="action")
    se_sub.add_parser("list", parents=[common], help="every setting and its value (JSON)")
    ss = se_sub.add_parser("set", parents=[common], help="change one setting (supervisor)")
    ss.add_argument("key", help="lock_minutes, backup_keep, backup_sync_minutes, hq_url, "
                    "receipt_printer or card_printer")  # fmt: skip
    ss.add_argument("value")


def _pay_parser(sub: Commands, common: argparse.ArgumentParser) -> None:
    pay = sub.add_parser(
        "pay", parents=[common],
        help="a payment after enrolment (renewal, overdue months, first payment of a list member)",
    )  # fmt: skip
    who = pay.add_mutually_exclusive_group(required=True)
    who.add_argument("--enrolment", dest="enrolment_id", help="the enrolment's id")
    who.add_argument("--member", help="member number on the card (with --nik)")
    who.add_argument("--card", help="the text a QR scanner types from the member's card")
    who.add_argument(
        "--not-received", action="store_true",
        help="list the transfers and QRIS HQ says never arrived: who must pay again",
    )  # fmt: skip
    pay.add_argument("--nik", help="the member's NIK from the KTP (with --member)")
    pay.add_argument("--months", type=int, default=None, help="1, 3, 6 or 12 (required to pay)")
    pay.add_argument("--method", choices=("cash", "transfer", "qris"), default="cash")
    pay.add_argument(
        "--reference", default=None,
        help="the payer's transaction reference (required for transfer and qris)",
    )  # fmt: skip
    visitor = pay.add_argument_group(
        "a member of another desk (--card of a card this desk did not print)"
    )
    visitor.add_argument("--event", dest="event_id", help="the event where the payment is taken")
    visitor.add_argument("--name", help="the member's name as on the KTP")
    visitor.add_argument("--occupation", help="occupation code, e.g. K002")
    visitor.add_argument("--income", type=int, help="declared income a month, in rupiah")
    visitor.add_argument("--programmes", help="JKK+JKM (default) or JKK+JKM+JHT")
    visitor.add_argument("--paid-until", help="the last month paid, YYYY-MM, from the card")


#: The commands, in the order help lists them, by the function that adds them.
_GROUPS: tuple[tuple[tuple[str, ...], Callable[[Commands, argparse.ArgumentParser], None]], ...] = (
    (("demo", "status", "check"), _desk),
    (("officer",), _officer),
    (("event",), _event),
    (("import", "list"), _records),
    (("pay",), _pay_parser),
    (("cards", "receipt", "report", "statement", "day-close", "check-card"), _documents),
    (("register", "sync"), _hq),
    (("backup",), _backup),
    (("bundle", "audit"), _bundle_audit),
    (("export", "settings"), _export_settings),
)
