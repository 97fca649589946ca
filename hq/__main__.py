"""`python -m hq`: run the reference HQ server, or one of its admin commands."""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hq import payments, reviews
from hq.db import Busy, describe, is_postgres
from hq.rules import is_record_id
from hq.store import MAX_CODE_DAYS, Store, StoreError

_BRANCH = re.compile(r"^[A-Za-z0-9-]{2,20}$")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be from 0 to 65535")
    return value


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number of days") from None
    if not 1 <= value <= MAX_CODE_DAYS:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_CODE_DAYS} days")
    return value


def _device_id(text: str) -> str:
    if not is_record_id(text):
        raise argparse.ArgumentTypeError("a device id (lowercase UUID)")
    return text


def _branch(text: str) -> str:
    if not _BRANCH.match(text):
        raise argparse.ArgumentTypeError("2 to 20 letters, digits or dashes")
    return text.upper()


DATABASE_ENV = "SIGAP_HQ_DATABASE"
DEFAULT_DB = "hq.db"


def _database_flags(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--database",
        default=default,
        help=f"postgresql://user@host/dbname, or an SQLite file (also ${DATABASE_ENV})",
    )
    parser.add_argument("--db", type=Path, default=default, help="an SQLite file (hq.db)")


def build_parser() -> argparse.ArgumentParser:
    db_flag = argparse.ArgumentParser(add_help=False)
    _database_flags(db_flag, argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="python -m hq",
        description="The reference HQ server of docs/hq-api.md, and its admin commands.",
    )
    _database_flags(parser, None)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=_port, default=8800, help="port; 0 picks a free one")
    parser.add_argument("--port-file", type=Path, help="write the port here once listening")
    parser.add_argument(
        "--reference-dir",
        type=Path,
        default=os.environ.get("HQ_REFERENCE_DIR") or None,
        help="reference data (default resources/; also $HQ_REFERENCE_DIR)",
    )
    parser.add_argument(
        "--workers",
        type=_positive,
        default=int(os.environ.get("HQ_WORKERS", "1")),
        help="worker processes (for PostgreSQL; each is stateless)",
    )
    parser.add_argument(
        "--max-batch-records",
        type=_positive,
        default=int(os.environ.get("HQ_MAX_BATCH_RECORDS", "500")),
    )
    parser.add_argument(
        "--max-batch-bytes",
        type=_positive,
        default=int(os.environ.get("HQ_MAX_BATCH_BYTES", "5000000")),
    )
    commands = parser.add_subparsers(dest="command", metavar="command")

    code = commands.add_parser("code", help="registration codes").add_subparsers(
        dest="action", metavar="action", required=True
    )
    create = code.add_parser("create", parents=[db_flag], help="print a new registration code")
    create.add_argument("--branch", type=_branch, required=True, help="branch code, e.g. MDN01")
    create.add_argument(
        "--device",
        type=_device_id,
        help="the one device id this code registers (to register a known device again)",
    )
    create.add_argument(
        "--days", type=_days, default=14, help=f"days until it expires (1 to {MAX_CODE_DAYS})"
    )

    device = commands.add_parser("device", help="registered devices").add_subparsers(
        dest="action", metavar="action", required=True
    )
    device.add_parser("list", parents=[db_flag], help="list devices")
    revoke = device.add_parser("revoke", parents=[db_flag], help="stop a device syncing")
    revoke.add_argument("device_id")

    review = commands.add_parser("review", help="decide on an enrolment").add_subparsers(
        dest="action", metavar="action", required=True
    )
    reject = review.add_parser("reject", parents=[db_flag], help="refuse an active member")
    reject.add_argument("record_id")
    reject.add_argument("--message", required=True, help="why, shown to the officer")
    activate = review.add_parser("activate", parents=[db_flag], help="accept a refused one")
    activate.add_argument("record_id")
    activate.add_argument("--message", help="shown to the officer")
    review.add_parser(
        "payments", parents=[db_flag], help="transfer and QRIS payments waiting for verification"
    )
    paid = review.add_parser(
        "payment", parents=[db_flag], help="verify a transfer or QRIS payment, or say it never came"
    )
    paid.add_argument("record_id", help="the payment's id")
    paid.add_argument("--status", required=True, choices=("verified", "not_received"))
    paid.add_argument("--message", help="shown to the officer")

    commands.add_parser("stats", parents=[db_flag], help="counts as JSON")

    bundle = commands.add_parser(
        "import-bundle", parents=[db_flag], help="import a device's bundle from a USB stick"
    )
    bundle.add_argument("file", type=Path, help="the bundle file the device exported")
    return parser


def database_of(args: argparse.Namespace) -> str:
    """--database, else --db, else $SIGAP_HQ_DATABASE, else hq.db."""
    if args.database:
        return str(args.database)
    if args.db is not None:
        return str(args.db)
    return os.environ.get(DATABASE_ENV) or DEFAULT_DB


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    database = database_of(args)
    if args.command is None:
        return serve(args, database)
    if not (args.command == "code" or is_postgres(database) or Path(database).exists()):
        print(f"error: no HQ database at {database}", file=sys.stderr)
        return 1
    try:
        store = Store(database, max_connections=2)
    except Busy:
        print(f"error: cannot reach the HQ database {describe(database)}", file=sys.stderr)
        return 1
    try:
        return run_command(args, store)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()


def run_command(args: argparse.Namespace, store: Store) -> int:
    command = (args.command, getattr(args, "action", None))
    if command == ("code", "create"):
        print(store.create_code(args.branch, args.days, args.device))
    elif command == ("device", "list"):
        columns = ("id", "branch_code", "name", "app_version", "registered_at", "last_push_at")
        print("\t".join((*columns, "status", "records")))
        for d in store.list_devices():
            status = "revoked" if d["revoked_at"] else "active"
            print("\t".join([*(str(d[c] or "-") for c in columns), status, str(d["records"])]))
    elif command == ("device", "revoke"):
        store.revoke_device(args.device_id)
        print(f"revoked {args.device_id}")
    elif command == ("review", "reject"):
        print(json.dumps(reviews.review_reject(store, args.record_id, args.message)))
    elif command == ("review", "activate"):
        print(json.dumps(reviews.review_activate(store, args.record_id, args.message)))
    elif command == ("review", "payments"):
        print(json.dumps(payments.waiting_payments(store), indent=2))
    elif command == ("review", "payment"):
        print(
            json.dumps(
                payments.set_payment_status(store, args.record_id, args.status, args.message)
            )
        )
    elif command == ("stats", None):
        print(json.dumps(store.stats(), indent=2, sort_keys=True))
    elif command == ("import-bundle", None):
        return import_bundle(args, store)
    return 0


def import_bundle(args: argparse.Namespace, store: Store) -> int:
    """Decide a bundle's records as /sync/push would; a JSON summary, or why not (exit 1)."""
    from hq.bundle import BundleError
    from hq.bundle import import_bundle as import_records
    from models.reference import ReferenceData, default_reference

    path: Path = args.file
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    ref = (
        default_reference()
        if args.reference_dir is None
        else ReferenceData.load(args.reference_dir)
    )
    try:
        summary = import_records(store, ref, data)
    except BundleError as exc:
        print(f"error: {path.name}: {exc.message}", file=sys.stderr)
        return 1
    print(json.dumps(summary, indent=2, sort_keys=True))
    return 0


def serve(args: argparse.Namespace, database: str) -> int:
    import uvicorn

    from hq.app import access_log_config, create_app

    # The database is made or brought up to date once, here, before any worker starts.
    try:
        Store(database, max_connections=1).close()
    except Busy:
        print(f"error: cannot reach the HQ database {describe(database)}", file=sys.stderr)
        return 1
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    sock.listen(1024)
    port = sock.getsockname()[1]
    # Workers read their settings from the environment (they are started afresh).
    os.environ[DATABASE_ENV] = database
    os.environ["HQ_MAX_BATCH_RECORDS"] = str(args.max_batch_records)
    os.environ["HQ_MAX_BATCH_BYTES"] = str(args.max_batch_bytes)
    if args.reference_dir is not None:
        os.environ["HQ_REFERENCE_DIR"] = str(args.reference_dir)
    common: dict[str, Any] = {
        "log_level": "info",
        "log_config": access_log_config(),
        "access_log": False,  # hq.access writes its own lines, without personal data
        "timeout_graceful_shutdown": 5,
    }
    if args.workers == 1:
        app = create_app(
            database,
            args.reference_dir,
            max_batch_records=args.max_batch_records,
            max_batch_bytes=args.max_batch_bytes,
            body_idle=float(os.environ.get("HQ_BODY_IDLE_TIMEOUT", "30")),
        )
        app.state.reference.regions  # noqa: B018 -- load the 91,600 regions now
        server = uvicorn.Server(uvicorn.Config(app, **common))
    else:
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config(
            "hq.app:app_from_environment", factory=True, workers=args.workers, **common
        )
        server = uvicorn.Server(config)
    _write_port(args.port_file, port)
    print(
        f"HQ listening on http://{args.host}:{port}/api/v1 (database {describe(database)}, "
        f"{args.workers} worker{'s' if args.workers > 1 else ''})",
        flush=True,
    )
    if args.workers == 1:
        server.run(sockets=[sock])
    else:
        Multiprocess(config, sockets=[sock]).run()
    return 0


def _write_port(port_file: Path | None, port: int) -> None:
    if port_file:
        # Written whole, then renamed, so a reader never sees half a number.
        tmp = port_file.with_name(port_file.name + ".tmp")
        tmp.write_text(str(port), encoding="utf-8")
        tmp.replace(port_file)


if __name__ == "__main__":
    sys.exit(main())
