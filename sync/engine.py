"""One sync cycle: say hello, top up member numbers, fetch reference data, drain the queue
in batches, apply HQ's later decisions. Registration of the device.

Network and HQ trouble never raises out of `sync_once`: it ends the cycle with an error
kind in the report, and every record stays queued. Each HQ answer is applied in one local
transaction (models.sync_state), so a crash between two answers loses neither.
"""

from __future__ import annotations

import logging
import platform
import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from models import sync_state as state
from models.audit import head as audit_head
from models.backup import backup_before_sync
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import device_id, write_transaction
from models.enrolments import member_numbers_left
from models.messages import text
from models.payments import PaymentStatus, apply_payment_statuses
from models.reference import reference_from_hq
from models.sync_state import Outcome, QueuedRecord
from models.vocabulary import QUEUE_STATE_FOR_HQ_STATUS
from sync import backoff
from sync.lock import Busy, lock_path_for, sync_lock
from sync.protocol import (
    ACCEPTED,
    ALREADY_RECEIVED,
    CONFLICT,
    DUPLICATE_PERSON,
    HELD_STATUSES,
    REJECTED,
    RETRY,
    Hello,
    RecordResult,
    Registration,
    push_body,
    push_envelope_size,
    record_wire,
)
from sync.transport import (
    AppTooOld,
    AuthFailed,
    DeviceIdTaken,
    HQClient,
    Malformed,
    Offline,
    RegistrationRefused,
    RetryAfter,
    Revoked,
    ServerError,
    TooLarge,
    TransportError,
    normalise_hq_url,
    plain_http,
)
from sync.updates import note_refusal, note_versions, still_refused

__all__ = [
    "KINDS",
    "Registration",
    "SyncError",
    "SyncReport",
    "check_online",
    "register_device",
    "sync_once",
]

log = logging.getLogger(__name__)

KINDS = (
    "offline",
    "auth",
    "revoked",
    "server",
    "busy",
    "not_registered",
    "malformed",
    "app_too_old",  # HQ refuses this desk's version (426): nothing is pushed until updated
    "tls",  # HQ's address showed a certificate this laptop does not trust
)

#: Ask HQ for more member numbers when fewer than this many are left, this many at a time.
TOP_UP_BELOW = 100
TOP_UP_COUNT = 500
#: Our own ceiling on a batch, whatever HQ allows.
MAX_BATCH_RECORDS = 500
#: A wait this short (seconds) is slept through inside the cycle, at most twice a batch;
#: a longer one is written as the records' retry time and the cycle ends.
SHORT_WAIT = 2.0
SHORT_RETRIES = 2
#: Two lost answers in a row end the cycle as offline.
LOST_ANSWERS = 2
MAX_CHANGE_PAGES = 1000

EXIT_OK, EXIT_WAITING, EXIT_REVIEW = 0, 4, 5


@dataclass
class SyncReport:
    """What one cycle did. `error` is the kind that ended it early, if any."""

    sent: int = 0  # records HQ answered for in this cycle (retry answers included)
    accepted: int = 0
    already_received: int = 0
    duplicate_person: int = 0
    rejected: int = 0  # refused in this cycle, including rejections after review
    conflict: int = 0
    pending: int = 0  # queue rows still pending after the cycle
    error: str | None = None  # one of KINDS
    needs_review: int = 0  # queue rows rejected or in conflict after the cycle
    backup_error: str | None = None  # message code: the backup before the cycle failed

    def as_json(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "accepted": self.accepted,
            "already_received": self.already_received,
            "duplicate_person": self.duplicate_person,
            "rejected": self.rejected,
            "conflict": self.conflict,
            "pending": self.pending,
        }

    @property
    def exit_code(self) -> int:
        """4 while records still wait (HQ unreachable, refused the device, or asked to wait):
        run sync again later. Else 5 when records need the officer: rejected or in conflict
        in this cycle or still so in the queue. Else 0: everything is at HQ."""
        if self.pending:
            return EXIT_WAITING
        if self.rejected or self.conflict or self.needs_review:
            return EXIT_REVIEW
        return EXIT_OK


class SyncError(Exception):
    """Registration (or another direct call) failed. `kind` as in KINDS; `code` is the
    message code in models.messages. The text never carries personal data."""

    def __init__(self, kind: str, code: str | None = None, **params: Any) -> None:
        self.kind = kind
        self.code = code or f"sync_{kind}"
        self.params = params
        super().__init__(text(self.code, "en", **params))

    def message(self, lang: str = "id") -> str:
        return text(self.code, lang, **self.params)


def _utc(clock: Clock) -> datetime:
    return clock().astimezone(UTC)


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


# ------------------------------------------------------------------ registration


def register_device(
    db: Database,
    hq_url: str,
    code: str,
    *,
    device_name: str | None = None,
    client: HQClient | None = None,
    clock: Clock = system_clock,
) -> Registration:
    """Register this device with HQ (POST /devices) and keep its token, branch and member
    number blocks. Registering again (after a 401 or a revocation) lets syncing resume."""
    try:
        url = normalise_hq_url(hq_url)
    except ValueError:
        raise SyncError("malformed", "sync_hq_url_invalid") from None
    if plain_http(url) and not state.plain_http_allowed(db):
        raise SyncError("malformed", "hq_url_plain_http")
    code = code.strip()
    if not code:
        raise SyncError("auth", "sync_registration_code_invalid")
    own = client is None
    hq = client or HQClient(url)
    try:
        with sync_lock(lock_path_for(db)):
            hq.hello()
            answer = hq.register(device_id(db), code, device_name or platform.node() or "Sigap")
            state.save_registration(
                db,
                device=device_id(db),
                hq_url=hq.base_url,
                token=answer.device_token,
                branch_code=answer.branch_code,
                blocks=[(b.first, b.last) for b in answer.blocks],
                at=rfc3339(clock()),
            )
    except Busy:
        raise SyncError("busy") from None
    except RegistrationRefused:
        raise SyncError("auth", "sync_registration_code_invalid") from None
    except DeviceIdTaken:
        raise SyncError("auth", "sync_device_id_taken", device=device_id(db)) from None
    except TransportError as exc:
        log.info("registration failed: %s", exc)
        raise SyncError(exc.kind) from None
    finally:
        if own:
            hq.close()
    log.info("registered with HQ, branch %s", answer.branch_code)
    return Registration(answer.branch_code, sum(b.size for b in answer.blocks))


def check_online(db: Database, client: HQClient | None = None) -> bool:
    """Whether HQ answers /hello now. False when the device is not registered."""
    own = client is None
    hq = client or HQClient.from_settings(db)
    if hq is None:
        return False
    try:
        hq.hello()
        return True
    except TransportError:
        return False
    finally:
        if own:
            hq.close()


# ------------------------------------------------------------------ the cycle


def sync_once(
    db: Database,
    *,
    client: HQClient | None = None,
    clock: Clock = system_clock,
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
    lock_path: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SyncReport:
    """One full sync cycle; see the module docstring and docs/sync.md. Refused with error
    `busy` while another cycle holds this data folder's lock."""
    report = SyncReport()
    try:
        with sync_lock(lock_path or lock_path_for(db)):
            report.backup_error = backup_before_sync(db, clock)  # never stops the sync
            _Cycle(db, client, clock, sleep, rng, progress, report).run()
    except Busy:
        report.error = "busy"
    report.pending = state.pending_count(db)
    report.needs_review = state.review_count(db)
    return report


class _Stop(Exception):
    """Ends the cycle with `kind` after the records concerned were marked."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class _Cycle:
    def __init__(
        self,
        db: Database,
        client: HQClient | None,
        clock: Clock,
        sleep: Callable[[float], None],
        rng: Callable[[], float],
        progress: Callable[[int, int], None] | None,
        report: SyncReport,
    ) -> None:
        self.db = db
        self.client = client
        self.clock = clock
        self.sleep = sleep
        self.rng = rng
        self.progress = progress
        self.report = report
        self.reached = False

    def now(self) -> str:
        return rfc3339(self.clock())

    def run(self) -> None:
        stopped = state.stopped(self.db)
        if stopped:
            self.report.error = stopped
            return
        own = self.client is None
        hq = self.client or HQClient.from_settings(self.db)
        if hq is None or not hq.token:
            self.report.error = "not_registered"
            return
        hq.clock = lambda: _utc(self.clock)
        top = audit_head(self.db)  # off the laptop with each sync (docs/hq-api.md)
        hq.audit_head = f"{top[0]}:{top[1]}" if top else None
        minimum: str | None = None  # HQ's min_app_version, once /hello said it
        try:
            hello = hq.hello()
            minimum = hello.min_app_version
            self.reached = True
            note_versions(self.db, hello)  # rev. 2: newest and oldest desk versions
            self._top_up(hq)
            self._reference(hq)
            self._push(hq, hello)
            self._changes(hq)
        except (AuthFailed, Revoked) as exc:
            log.warning("HQ refused this device (%s); syncing stops", exc.kind)
            state.stop_syncing(self.db, exc.kind, self.now())
            self.report.error = exc.kind
        except AppTooOld as exc:
            # Every record stays queued as it was; see _push for when pushing resumes.
            note_refusal(self.db, minimum)
            self.report.error = exc.kind
        except TransportError as exc:
            log.info("sync cycle ended: %s", exc)
            self.report.error = exc.kind
        except _Stop as exc:
            self.report.error = exc.kind
        finally:
            if own:
                hq.close()
        state.finish_cycle(self.db, reached=self.reached, error=self.report.error, at=self.now())

    # ------------------------------------------------------------ side steps

    def _top_up(self, hq: HQClient) -> None:
        if member_numbers_left(self.db) >= TOP_UP_BELOW:
            return
        try:
            blocks = hq.member_numbers(TOP_UP_COUNT)
        except (ServerError, Malformed, TooLarge) as exc:
            log.info("member numbers not topped up: %s", exc)
            return
        added = state.add_member_number_blocks(self.db, [(b.first, b.last) for b in blocks])
        log.info("member numbers topped up by %d", added)

    def _reference(self, hq: HQClient) -> None:
        try:
            got = hq.reference(state.reference_etag(self.db))
        except (ServerError, Malformed, TooLarge) as exc:
            log.info("reference data not fetched: %s", exc)
            return
        if got is None:
            return
        doc, etag = got
        try:
            reference_from_hq(doc.body)
        except (LookupError, TypeError, ValueError) as exc:
            log.warning("HQ's reference data %s cannot be read (%s); not kept", doc.version, exc)
            return
        state.store_reference(self.db, doc.version, etag, doc.body, self.now())

    def _changes(self, hq: HQClient) -> None:
        cursor = state.changes_cursor(self.db)
        for _ in range(MAX_CHANGE_PAGES):
            try:
                page = hq.changes(cursor)
            except (ServerError, Malformed, TooLarge) as exc:
                log.info("changes not fetched: %s", exc)
                return
            statuses = [
                state.MemberStatus(c.record_id, c.status or "", c.member_number, c.message)
                for c in page.changes
                if c.kind == "member_status" and c.record_id
            ]
            paid = [
                PaymentStatus(c.record_id, c.status or "", c.message)
                for c in page.changes
                if c.kind == "payment_status" and c.record_id
            ]
            with write_transaction(self.db):  # a page's decisions and its cursor together
                apply_payment_statuses(self.db, paid, self.now())
                done = state.apply_member_statuses(self.db, statuses, page.next, self.now())
            self.report.rejected += done.rejected
            if not page.changes or page.next == cursor:
                return
            cursor = page.next

    # ------------------------------------------------------------ the queue

    def _push(self, hq: HQClient, hello: Hello) -> None:
        if still_refused(self.db, hello.min_app_version):
            # HQ answered 426 app_too_old before, and neither this desk's version nor HQ's
            # minimum changed since: sending again would only be refused again.
            raise _Stop("app_too_old")
        device = device_id(self.db)
        limit = max(1, min(hello.max_batch_records, MAX_BATCH_RECORDS))
        max_bytes = hello.max_batch_bytes
        total = state.due_count(self.db, _utc_text(_utc(self.clock)))
        done = after = 0
        answered = False  # some push of this cycle was answered 200 (see 400 below)
        lost = short_waits = 0
        while True:
            due = state.due_records(self.db, after, _utc_text(_utc(self.clock)), limit)
            if not due:
                return
            batch_id = str(uuid.uuid4())
            batch, wires = self._fit(due, device, batch_id, max_bytes)
            ids = [r.id for r in batch]
            try:
                results = hq.push(push_body(device, batch_id, wires), ids)
            except TooLarge:
                if len(batch) > 1:
                    limit = max(1, len(batch) // 2)
                    continue
                log.warning("record %s is too large for HQ even alone; it waits", batch[0].id)
                self._wait(batch, "too_large")
                after = batch[-1].seq
                continue
            except Malformed:
                if len(batch) > 1:
                    limit = max(1, len(batch) // 2)
                    continue
                if not answered:
                    # HQ could be refusing every request: no record is judged until one
                    # push of this cycle has passed. This one waits; others go first.
                    self._wait(batch, "malformed")
                    raise _Stop("malformed") from None
                log.warning("HQ cannot read record %s; marked rejected", batch[0].id)
                self._apply(
                    [
                        Outcome(
                            batch[0].id,
                            state.REJECTED,
                            hq_code="malformed_request",
                            hq_message=None,
                        )
                    ]
                )
                self.report.sent += 1
                self.report.rejected += 1
                after = batch[-1].seq
                continue
            except ServerError as exc:
                floor = exc.seconds if isinstance(exc, RetryAfter) else None
                wait = backoff.delay(max(r.attempts for r in batch) + 1, self.rng, floor=floor)
                if wait <= SHORT_WAIT and short_waits < SHORT_RETRIES:
                    short_waits += 1
                    self.sleep(wait)
                    continue
                self._wait(batch, "server", wait)
                raise
            except Offline as exc:
                if not exc.maybe_sent:
                    raise
                lost += 1
                log.info("answer to a batch of %d lost; asking HQ what it holds", len(batch))
                self._held(hq, batch)
                if lost >= LOST_ANSWERS:
                    raise
                limit = max(1, len(batch) // 2)
                continue
            answered = True
            lost = short_waits = 0
            self._apply([self._outcome(r, res) for r, res in zip(batch, results, strict=True)])
            for res in results:
                self._count(res.status)
            after = batch[-1].seq
            done += len(batch)
            if self.progress is not None:
                self.progress(min(done, total), total)

    @staticmethod
    def _fit(
        due: Sequence[QueuedRecord], device: str, batch_id: str, max_bytes: int
    ) -> tuple[list[QueuedRecord], list[bytes]]:
        """The longest run of `due` whose request body stays within `max_bytes` (at least one
        record: HQ says with 413 if that one alone is too large)."""
        size = push_envelope_size(device, batch_id)
        batch: list[QueuedRecord] = []
        wires: list[bytes] = []
        for rec in due:
            wire = record_wire(
                rec.id, rec.type, rec.schema, rec.recorded_at, rec.sha256, rec.payload
            )
            extra = len(wire) + (1 if batch else 0)
            if batch and size + extra > max_bytes:
                break
            size += extra
            batch.append(rec)
            wires.append(wire)
        return batch, wires

    def _outcome(self, rec: QueuedRecord, res: RecordResult) -> Outcome:
        if res.status in (ACCEPTED, ALREADY_RECEIVED):
            return Outcome(rec.id, state.SYNCED, member_number=res.member_number)
        if res.status == DUPLICATE_PERSON:
            return Outcome(rec.id, state.DUPLICATE_PERSON, member_number=res.member_number)
        if res.status == REJECTED:
            return Outcome(
                rec.id,
                state.REJECTED,
                hq_code=res.code or "rejected",
                hq_field=res.field,
                hq_message=res.message,
            )
        if res.status == CONFLICT:
            return Outcome(
                rec.id, state.CONFLICT, hq_code=res.code or "conflict", hq_message=res.message
            )
        assert res.status == RETRY
        wait = backoff.delay(rec.attempts + 1, self.rng)
        return Outcome(
            rec.id,
            state.PENDING,
            next_attempt_at=self._after(wait),
            last_error="retry",
            hq_code=res.code,
            hq_message=res.message,
        )

    def _count(self, status: str) -> None:
        self.report.sent += 1
        if status == ACCEPTED:
            self.report.accepted += 1
        elif status == ALREADY_RECEIVED:
            self.report.already_received += 1
        elif status == DUPLICATE_PERSON:
            self.report.duplicate_person += 1
        elif status == REJECTED:
            self.report.rejected += 1
        elif status == CONFLICT:
            self.report.conflict += 1

    def _after(self, seconds: float) -> str:
        return _utc_text(_utc(self.clock) + timedelta(seconds=seconds))

    def _wait(self, batch: Sequence[QueuedRecord], reason: str, wait: float | None = None) -> None:
        """The batch stays pending, each record until its own backoff (or `wait`) is over."""
        outcomes = []
        for r in batch:
            seconds = wait if wait is not None else backoff.delay(r.attempts + 1, self.rng)
            outcomes.append(
                Outcome(
                    r.id, state.PENDING, next_attempt_at=self._after(seconds), last_error=reason
                )
            )
        self._apply(outcomes)

    def _held(self, hq: HQClient, batch: Sequence[QueuedRecord]) -> None:
        """After a lost answer: mark what HQ holds of the batch (/sync/status); the rest
        stays pending, to be sent again with the same ids and bodies."""
        wanted = {r.id for r in batch}
        outcomes = []
        for res in hq.status([r.id for r in batch]):
            if res.id not in wanted or res.status not in HELD_STATUSES:
                continue
            wanted.discard(res.id)
            at_hq = QUEUE_STATE_FOR_HQ_STATUS[res.status]
            outcomes.append(Outcome(res.id, at_hq, member_number=res.member_number))
            self._count(res.status)
        self._apply(outcomes)

    def _apply(self, outcomes: Sequence[Outcome]) -> None:
        if not outcomes:
            return
        applied = state.apply_outcomes(self.db, outcomes, self.now())
        for record_id in applied.number_clashes:
            log.warning("member number from HQ for %s is carried by another enrolment", record_id)
