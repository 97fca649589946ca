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

from hq import records
from hq.store import Store, StoreError

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


def _branch(text: str) -> str:
    if not _BRANCH.match(text):
        raise argparse.ArgumentTypeError("2 to 20 letters, digits or dashes")
    return text.upper()


def build_parser() -> argparse.ArgumentParser:
    db_flag = argparse.ArgumentParser(add_help=False)
    db_flag.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, help="HQ database file (default hq.db)"
    )
    parser = argparse.ArgumentParser(
        prog="python -m hq",
        description="The reference HQ server of shared/hq-api.md, and its admin commands.",
    )
    parser.add_argument("--db", type=Path, default=Path("hq.db"), help="HQ database file")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=_port, default=8800, help="port; 0 picks a free one")
    parser.add_argument("--port-file", type=Path, help="write the port here once listening")
    parser.add_argument("--reference-dir", type=Path, help="reference data (default resources/)")
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
    create.add_argument("--days", type=_positive, default=14, help="days until it expires")

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

    commands.add_parser("stats", parents=[db_flag], help="counts as JSON")

    bundle = commands.add_parser(
        "import-bundle", parents=[db_flag], help="import a device's bundle from a USB stick"
    )
    bundle.add_argument("file", type=Path, help="the bundle file the device exported")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    db_path: Path = args.db
    if args.command is None:
        return serve(args)
    if not (args.command == "code" or db_path.exists()):
        print(f"error: no HQ database at {db_path}", file=sys.stderr)
        return 1
    store = Store(db_path)
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
        print(store.create_code(args.branch, args.days))
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
        print(json.dumps(records.review_reject(store, args.record_id, args.message)))
    elif command == ("review", "activate"):
        print(json.dumps(records.review_activate(store, args.record_id, args.message)))
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


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from hq.app import create_app

    app = create_app(
        args.db,
        args.reference_dir,
        max_batch_records=args.max_batch_records,
        max_batch_bytes=args.max_batch_bytes,
    )
    app.state.reference.regions  # noqa: B018 -- load the 91,600 regions now, not on the first push
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    sock.listen(128)
    port = sock.getsockname()[1]
    if args.port_file:
        # Written whole, then renamed, so a reader never sees half a number.
        tmp = args.port_file.with_name(args.port_file.name + ".tmp")
        tmp.write_text(str(port), encoding="utf-8")
        tmp.replace(args.port_file)
    print(f"HQ listening on http://{args.host}:{port}/api/v1 (database {args.db})", flush=True)
    # Access logs show method, path and status only; bodies (NIKs, names) are never logged.
    config = uvicorn.Config(app, log_level="info", timeout_graceful_shutdown=5)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
