"""Sigap's entry point: parse the command line, open the database, then start the window
or run one command. `python main.py --help` lists the commands."""

from __future__ import annotations

import argparse
import errno
import getpass
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from models import enrolments, events, exports, imports, officers
from models.db import Error as DbError
from models.db import resolve_data_dir, set_setting, storage_problem
from models.errors import SigapError, ValidationError
from models.messages import text
from models.nik import mask_nik
from models.reference import ReferenceData, reference_for
from models.stats import device_status
from models.version import app_version

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3
# `sync` also exits 4 (records still wait for HQ) or 5 (records need the officer).


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("use YYYY-MM-DD, for example 2026-11-22") from None


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


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    _common_options(common, defaults=False)

    p = argparse.ArgumentParser(prog="sigap", description="Sigap: offline enrolment desk.")
    p.add_argument("--version", action="version", version=f"Sigap {app_version()}")
    _common_options(p, defaults=True)
    sub = p.add_subparsers(dest="command")

    sub.add_parser("demo", parents=[common], help="fill an empty data folder with made-up data")
    sub.add_parser("status", parents=[common], help="counts of records and of the HQ queue")

    off = sub.add_parser("officer", parents=[common], help="officer accounts")
    off_sub = off.add_subparsers(dest="action", required=True)
    add = off_sub.add_parser(
        "add", parents=[common],
        help="add an officer; the passphrase is asked for, or read from standard input",
    )  # fmt: skip
    add.add_argument("--id", required=True, dest="officer_id")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=officers.ROLES, default="officer")
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
    create.add_argument("--programmes", default=None, help="JKK+JKM (default) or JKK+JKM+JHT")
    create.add_argument("--months", type=int, default=None, help="1, 3, 6 or 12 (default 1)")
    lst = ev_sub.add_parser("list", parents=[common], help="list events")
    lst.add_argument("--format", choices=("json", "table"), default="table")
    close = ev_sub.add_parser("close", parents=[common], help="close an event")
    close.add_argument("event_id")

    imp = sub.add_parser("import", parents=[common], help="import a partner's list")
    imp_sub = imp.add_subparsers(dest="action", required=True)
    ie = imp_sub.add_parser("enrolments", parents=[common], help="enrolment list")
    ie.add_argument("file", type=Path)
    ie.add_argument("--event", required=True, dest="event_id")
    ig = imp_sub.add_parser("eligibility", parents=[common], help="eligibility list")
    ig.add_argument("file", type=Path)
    ig.add_argument("--scheme", required=True)

    ls = sub.add_parser("list", parents=[common], help="list an event's enrolments")
    ls.add_argument("--event", required=True, dest="event_id")
    ls.add_argument("--format", choices=("json", "table"), default="table")
    ls.add_argument("--show-nik", action="store_true", help="full NIKs instead of masked ones")

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

    reg = sub.add_parser("register", parents=[common], help="register this device with HQ")
    reg.add_argument("--hq", required=True, dest="hq_url", help="HQ address, https://hq.example.id")
    reg.add_argument("--code", required=True, help="registration code from the branch office")
    reg.add_argument("--name", default=None, help="device name HQ shows (default: host name)")
    sub.add_parser("sync", parents=[common], help="send queued records to HQ, fetch its answers")

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

    bu = sub.add_parser(
        "bundle", parents=[common],
        help="every record not yet at HQ, encrypted and signed for HQ, for a USB stick "
        "(supervisor)",
    )  # fmt: skip
    bu.add_argument("--out", required=True, type=Path, help="FILE.sigap")
    au = sub.add_parser("audit", parents=[common], help="the tamper-evident audit log")
    au_sub = au.add_subparsers(dest="action", required=True)
    au_sub.add_parser("verify", parents=[common], help="check the hash chain (exit 1 if broken)")
    ae = au_sub.add_parser("export", parents=[common], help="the whole log as CSV (supervisor)")
    ae.add_argument("--out", required=True, type=Path)

    ex = sub.add_parser("export", parents=[common], help="export to CSV or XLSX")
    ex.add_argument("--event", required=True, dest="event_id")
    ex.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    return p


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _table(headers: list[str], rows: list[list[Any]]) -> None:
    cells = [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for r in cells:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def _read_passphrase() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Kata sandi / passphrase: ")
        if getpass.getpass("Ulangi / repeat: ") != first:
            raise SystemExit("Kata sandi tidak sama. / The passphrases differ.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_demo(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from models.demo import DEMO_PASSPHRASE, fill_demo

    result = fill_demo(db, ref)
    out = {"event_id": result.event_id, "officer_id": result.officer_id,
           "enrolments": result.enrolments}  # fmt: skip
    if args.new_desk:
        out["passphrase"] = DEMO_PASSPHRASE
    _print_json(out)
    return EXIT_OK


def cmd_status(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    _print_json(device_status(db))
    return EXIT_OK


def cmd_officer(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    if args.action == "list":
        _table(["id", "name", "role", "active"],
               [[o.id, o.name, o.role, "yes" if o.active else "no"]
                for o in officers.list_officers(db)])  # fmt: skip
        return EXIT_OK
    if args.action == "add":
        if args.new_desk:  # made by set_up() with the first supervisor
            officer = officers.get_officer(db, args.officer_id.strip())
        else:
            _require_supervisor(args)
            officer = officers.add_officer(
                db, args.officer_id, args.name, args.role, _read_passphrase(),
                created_by=args.officer,
            )  # fmt: skip
        assert officer is not None
        _print_json({"id": officer.id, "name": officer.name, "role": officer.role})
        return EXIT_OK
    target = args.officer_id or args.officer
    if args.action != "passphrase" or target != args.officer:
        _require_supervisor(args)
    if args.action == "passphrase":
        officers.set_passphrase(db, target, _read_passphrase(), by=args.officer)
    elif args.action == "deactivate":
        officers.deactivate_officer(db, target, by=args.officer)
    else:
        officers.unlock_officer(db, target, by=args.officer)
    _print_json({"id": target, "done": args.action})
    return EXIT_OK


def _require_supervisor(args: argparse.Namespace) -> None:
    if not args.signed_in.is_supervisor:
        raise SigapError("needs_supervisor")


def _event_json(e: events.Event) -> dict[str, Any]:
    return {**e.payload(), "status": e.status, "default_programmes": list(e.default_programmes),
            "default_months": e.default_months, "closed_at": e.closed_at}  # fmt: skip


def cmd_event(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    if args.action == "create":
        starts = args.starts or date.today()
        programmes = (
            args.programmes.upper().replace(" ", "").split("+") if args.programmes else None
        )
        event = events.create_event(
            db, ref, name=args.name, starts_on=starts, ends_on=args.ends or starts,
            location=args.location, region_code=args.region, officer_id=args.officer,
            scheme_code=args.scheme, branch_code=args.branch, default_programmes=programmes,
            default_months=args.months,
        )  # fmt: skip
        if args.branch:
            set_setting(db, "branch_code", event.branch_code)
        _print_json(_event_json(event))
    elif args.action == "list":
        found = events.list_events(db)
        if args.format == "json":
            _print_json([_event_json(e) for e in found])
        else:
            _table(["id", "name", "dates", "scheme", "status"],
                   [[e.id, e.name, f"{e.starts_on}..{e.ends_on}", e.scheme_code or "-", e.status]
                    for e in found])  # fmt: skip
    else:
        _print_json(_event_json(events.close_event(db, args.event_id, args.officer)))
    return EXIT_OK


def cmd_import(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    if args.action == "enrolments":
        report = imports.import_enrolments(
            db, ref, args.file, args.event_id, args.officer, lang=args.lang
        )
    else:
        report = imports.import_eligibility(
            db, ref, args.file, args.scheme, args.officer, lang=args.lang
        )
    _print_json(report.as_dict())
    return EXIT_REJECTED if report.rejected else EXIT_OK


def cmd_list(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    events.require_event(db, args.event_id)
    rows = enrolments.list_enrolments(db, args.event_id)
    shown = [r._replace(nik=r.nik if args.show_nik else mask_nik(r.nik)) for r in rows]
    if args.format == "json":
        _print_json([r._asdict() for r in shown])
    else:
        _table(["member_number", "nik", "full_name", "sex", "birth_date", "occupation", "payer"],
               [[r.member_number or "-", r.nik, r.full_name, r.gender, r.birth_date,
                 r.occupation_code, r.scheme_code or r.payer_type] for r in shown])  # fmt: skip
    return EXIT_OK


def cmd_export(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    _require_supervisor(args)  # a file of NIKs and names leaves the encrypted database
    n = exports.export_event(db, args.event_id, args.out, args.officer)
    _print_json({"rows": n, "out": str(args.out)})
    return EXIT_OK


def _write_pdf(out: Path, pdf: bytes) -> None:
    """Beside the target, then moved into place: a failed write never leaves half a PDF."""
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(pdf)
    partial.replace(out)
    _print_json({"out": str(out), "bytes": len(pdf)})


def cmd_cards(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from services.printing import print_cards

    officer = officers.require_officer(db, args.officer)
    events.require_event(db, args.event_id)
    _write_pdf(args.out, print_cards(db, ref, args.event_id, officer.id, args.lang,
                                     sheet=args.sheet))  # fmt: skip
    return EXIT_OK


def cmd_receipt(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from services.printing import print_receipt

    officer = officers.require_officer(db, args.officer)
    _write_pdf(args.out, print_receipt(db, ref, args.number, officer.id, args.fmt, args.lang))
    return EXIT_OK


def cmd_report(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from services.reports import event_report_pdf

    _write_pdf(args.out, event_report_pdf(db, ref, args.event_id, args.lang))
    return EXIT_OK


def cmd_statement(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from services.reports import statement_pdf

    _write_pdf(args.out, statement_pdf(db, ref, args.event_id, args.scheme, args.lang))
    return EXIT_OK


def cmd_day_close(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from services.reports import day_close_pdf

    _write_pdf(args.out, day_close_pdf(db, ref, args.officer, args.day, args.lang))
    return EXIT_OK


def cmd_check_card(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from models.signing import check_card

    result = check_card(db, args.text, date.today(), ref)
    _print_json(result.as_dict(args.lang))
    return EXIT_OK if result.genuine else EXIT_ERROR


def cmd_register(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from sync.engine import SyncError, register_device

    try:
        reg = register_device(db, args.hq_url, args.code, device_name=args.name)
    except SyncError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_ERROR
    _print_json({"branch_code": reg.branch_code, "member_numbers_reserved": reg.numbers_reserved})
    return EXIT_OK


def cmd_sync(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from sync.engine import sync_once

    report = sync_once(db)
    _print_json(report.as_json())
    if report.error:
        print(text(f"sync_{report.error}", args.lang), file=sys.stderr)
    if report.needs_review:
        print(text("sync_needs_review", args.lang, count=report.needs_review), file=sys.stderr)
    return report.exit_code


def cmd_backup(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from models import backup

    if args.action == "create":
        _print_json(backup.make_backup(db, backup.MANUAL).as_dict())
        return EXIT_OK
    found = [b.as_dict() for b in backup.list_backups(db.data_dir)]
    if args.format == "json":
        _print_json(found)
    else:
        _table(["file", "made_at", "reason", "bytes"],
               [[b["file"], b["made_at"], b["reason"], b["bytes"]] for b in found])  # fmt: skip
    return EXIT_OK


def cmd_backup_restore(args: argparse.Namespace, data_dir: Path) -> int:
    """Without signing in: the database may be damaged, so it is never opened. The key file
    unlocks the key and says whether the officer is a supervisor."""
    from models import backup
    from sync.lock import LOCK_FILE, Busy, sync_lock

    if not args.officer:
        raise SigapError("officer_missing")
    key = backup.unlock_supervisor(data_dir, args.officer, _passphrase(args))
    if args.latest:
        chosen = backup.newest_good_backup(data_dir, key)
        if chosen is None:
            raise SigapError("backup_none")
        path = chosen.path
    else:
        path = backup.resolve_backup(data_dir, args.file)
    try:
        with sync_lock(data_dir / LOCK_FILE):  # no sync writes to the file being replaced
            result = backup.restore(data_dir, path, key, officer_id=args.officer.strip())
    except Busy:
        raise SigapError("sync_busy") from None
    _print_json(result.as_dict())
    return EXIT_OK


def cmd_bundle(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from models.bundle import export_bundle

    _require_supervisor(args)  # personal data leaves the laptop, encrypted for HQ
    result = export_bundle(db, args.out, args.officer)
    _print_json({"records": result.count, "out": str(result.path)})
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, db: Any, ref: ReferenceData) -> int:
    from models import audit

    if args.action == "export":
        _require_supervisor(args)
        _print_json({"rows": audit.export_csv(db, args.out), "out": str(args.out)})
        return EXIT_OK
    report = audit.verify_chain(db)
    _print_json({"ok": report.ok, "entries": report.entries, "first_bad_id": report.first_bad_id,
                 "reason": report.reason})  # fmt: skip
    if not report.ok:
        print(report.message(args.lang), file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_ERROR


COMMANDS: dict[str, Callable[[argparse.Namespace, Any, ReferenceData], int]] = {
    "demo": cmd_demo,
    "status": cmd_status,
    "officer": cmd_officer,
    "event": cmd_event,
    "import": cmd_import,
    "list": cmd_list,
    "export": cmd_export,
    "cards": cmd_cards,
    "receipt": cmd_receipt,
    "report": cmd_report,
    "statement": cmd_statement,
    "day-close": cmd_day_close,
    "check-card": cmd_check_card,
    "register": cmd_register,
    "sync": cmd_sync,
    "backup": cmd_backup,
    "bundle": cmd_bundle,
    "audit": cmd_audit,
}


def _passphrase(args: argparse.Namespace) -> str:
    """The signing-in officer's passphrase: $SIGAP_PASSPHRASE, else asked on a terminal."""
    env = os.environ.get("SIGAP_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise SigapError("passphrase_needed")
    return getpass.getpass(text("passphrase_prompt", args.lang, officer_id=args.officer))


def _open(args: argparse.Namespace, data_dir: Path) -> Any:
    """Sign in and open the database; on a new folder, `demo` and the first `officer add`
    set the desk up instead."""
    from models import desk
    from models.demo import DEMO_OFFICER, DEMO_PASSPHRASE

    args.new_desk = False
    if desk.folder_state(data_dir) == desk.NEW:
        if args.command == "demo":
            db, first = desk.set_up(data_dir, DEMO_OFFICER, "Petugas Contoh", DEMO_PASSPHRASE)
        elif args.command == "officer" and args.action == "add":
            if args.role != "supervisor":
                raise SigapError("first_officer_supervisor")
            db, first = desk.set_up(data_dir, args.officer_id, args.name, _read_passphrase())
        else:
            raise SigapError("desk_not_set_up")
        args.new_desk, args.officer, args.signed_in = True, first.id, first
        return db
    if not args.officer:
        raise SigapError("officer_missing")
    db, args.signed_in = desk.sign_in(data_dir, args.officer, _passphrase(args))
    return db


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    try:
        from models.desk import hold_folder

        # One window per data folder, and nothing beside a restore. Other commands may run
        # beside the window: each is short and transactional, and syncs take their own lock.
        if args.command is None:
            from ui.app import run_gui

            with hold_folder(data_dir):
                return run_gui(data_dir, args.lang)
        if args.command == "backup" and args.action == "restore":
            with hold_folder(data_dir):
                return cmd_backup_restore(args, data_dir)
        db = _open(args, data_dir)
        try:
            return COMMANDS[args.command](args, db, reference_for(db))
        finally:
            db.close()
    except ValidationError as exc:
        for p in exc.problems:
            print(f"{p.field}: {p.message(args.lang)}", file=sys.stderr)
        return EXIT_ERROR
    except SigapError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        if exc.code in ("database_damaged", "database_missing"):
            print(text("backup_restore_hint", args.lang), file=sys.stderr)
        return EXIT_ERROR
    except DbError as exc:
        print(storage_problem(exc).message(args.lang), file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            print(text("disk_full", args.lang), file=sys.stderr)
            return EXIT_ERROR
        print(text("file_problem", args.lang, reason=exc.strerror or type(exc).__name__),
              file=sys.stderr)  # fmt: skip
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
