"""The bundle for a USB stick: what the device writes, that HQ's reader gets back exactly the
records /sync/push would carry, and that any changed byte is refused before decryption."""

from __future__ import annotations

import base64
import json
import uuid
import zlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hq.bundle import BundleError, read_bundle
from hq.store import sha256_hex
from models.bundle import (
    MAC_SIZE,
    MAGIC,
    derive_keys,
    export_bundle,
    mac,
    seal_bundle,
    token_key,
)
from models.db import device_id, set_setting
from models.errors import SigapError
from models.outbox import canonical_json, payload_sha256
from models.sync_state import (
    PENDING,
    SYNCED,
    Outcome,
    apply_outcomes,
    records_not_at_hq,
    stop_syncing,
)
from sync.protocol import record_wire
from tests.helpers import fixed_clock
from tests.sync.fakehq import enrol_many, outbox_rows

TOKEN = "test-token-for-the-bundle"
NIK_PREFIX = b"357701570890"


@pytest.fixture
def registered(db):
    set_setting(db, "hq_url", "https://hq.test")
    set_setting(db, "device_token", TOKEN)
    return db


@pytest.fixture
def lookup(registered):
    """HQ's side of the key: the device's token hash, by device id."""
    return {device_id(registered): sha256_hex(TOKEN)}.get


@pytest.fixture
def bundle(registered, ref, event, officer, tmp_path) -> bytes:
    enrol_many(registered, ref, event, officer, 3)
    path = tmp_path / "stick" / "desk.sigap"
    path.parent.mkdir()
    result = export_bundle(registered, path, officer, clock=fixed_clock)
    assert result.count == 7 and result.path == path  # the event, 3 enrolments, 3 payments
    return path.read_bytes()


def header_of(data: bytes) -> tuple[dict, int, int]:
    """The header, and where its line starts and ends."""
    start = len(MAGIC)
    end = data.index(b"\n", start)
    return json.loads(data[start:end]), start, end


def flip(data: bytes, i: int, mask: int = 0x01) -> bytes:
    return data[:i] + bytes([data[i] ^ mask]) + data[i + 1 :]


def code_of(data: bytes, lookup) -> str:
    with pytest.raises(BundleError) as caught:
        read_bundle(data, lookup)
    assert caught.value.message and str(caught.value) == caught.value.message
    return caught.value.code


# ------------------------------------------------------------------ round trip


def test_the_bundle_carries_exactly_what_sync_push_would_send(registered, bundle, lookup):
    device, records, bundle_id, created_at = read_bundle(bundle, lookup)
    assert device == device_id(registered)
    assert created_at == "2026-11-22T09:15:00+07:00"
    queued = records_not_at_hq(registered)
    assert [r["id"] for r in records] == [q.id for q in queued] == list(outbox_rows(registered))
    for rec, q in zip(records, queued, strict=True):
        wire = record_wire(q.id, q.type, q.schema, q.recorded_at, q.sha256, q.payload)
        assert rec == json.loads(wire)
        assert payload_sha256(rec["payload"]) == rec["sha256"] == q.sha256
    header, _, _ = header_of(bundle)
    assert header["bundle_id"] == bundle_id


def test_the_header_holds_no_personal_data_and_the_body_is_not_readable(bundle):
    assert bundle.startswith(b"SIGAP-BUNDLE 1\n")
    header, _, _ = header_of(bundle)
    assert set(header) == {"format", "bundle_id", "device_id", "created_at", "records",
                           "compression", "salt", "nonce"}  # fmt: skip
    assert header["format"] == 1 and header["records"] == 7
    assert header["compression"] == "zlib"
    assert len(base64.b64decode(header["salt"])) == 16
    assert len(base64.b64decode(header["nonce"])) == 12
    assert NIK_PREFIX not in bundle and b"Saraswati" not in bundle


def test_records_stay_pending_and_the_export_is_audited(registered, bundle, officer, tmp_path):
    assert {r["state"] for r in outbox_rows(registered).values()} == {PENDING}
    rows = registered.execute(
        "SELECT officer_id, record_type, record_id, detail FROM audit WHERE action = 'export'"
    ).fetchall()
    assert rows == [(officer, "bundle", None, '{"records": 7}')]
    assert list((tmp_path / "stick").iterdir()) == [tmp_path / "stick" / "desk.sigap"]


def test_each_bundle_has_its_own_salt_and_nonce(registered, event, officer, tmp_path, lookup):
    first = export_bundle(registered, tmp_path / "a.sigap", officer, clock=fixed_clock)
    second = export_bundle(registered, tmp_path / "b.sigap", officer, clock=fixed_clock)
    a, b = first.path.read_bytes(), second.path.read_bytes()
    assert header_of(a)[0]["salt"] != header_of(b)[0]["salt"]
    assert read_bundle(a, lookup).records == read_bundle(b, lookup).records


def test_waiting_records_are_bundled_whatever_their_retry_time(registered, ref, event, officer):
    ids = enrol_many(registered, ref, event, officer, 2)
    apply_outcomes(
        registered,
        [
            Outcome(event.id, SYNCED),
            Outcome(
                ids[0], PENDING, next_attempt_at="2999-01-01T00:00:00+00:00", last_error="retry"
            ),
        ],  # fmt: skip
        "2026-11-22T09:20:00+07:00",
    )
    waiting = [r.id for r in records_not_at_hq(registered)]
    assert event.id not in waiting and ids[0] in waiting and len(waiting) == 4


# ------------------------------------------------------------------ any changed byte


def test_any_changed_byte_is_refused(bundle, lookup):
    header, start, end = header_of(bundle)
    device_at = bundle.index(header["device_id"].encode(), start)
    device_span = range(device_at, device_at + 36)
    for i in range(len(bundle)):
        code = code_of(flip(bundle, i), lookup)
        if i < len(MAGIC):
            assert code in ("not_a_bundle", "unsupported_version"), i
        elif i in device_span:
            # A device id changed into another well-formed one names a device HQ does not
            # know: HQ has no key to check the signature with.
            assert code in ("damaged", "unknown_device"), i
        else:
            assert code == "damaged", i


@pytest.mark.parametrize("mask", [0x80, 0xFF, 0x20])
@pytest.mark.parametrize("where", ["header", "ciphertext", "signature", "last byte"])
def test_a_changed_byte_is_damage_wherever_it_is(bundle, lookup, where, mask):
    _, start, end = header_of(bundle)
    i = {
        "header": start + 2,  # inside the key name "bundle_id"
        "ciphertext": (end + len(bundle) - MAC_SIZE) // 2,
        "signature": len(bundle) - MAC_SIZE + 5,
        "last byte": len(bundle) - 1,
    }[where]
    assert code_of(flip(bundle, i, mask), lookup) == "damaged"
    with pytest.raises(BundleError, match="damaged or was changed"):
        read_bundle(flip(bundle, i, mask), lookup)


def test_a_cut_or_lengthened_bundle_is_damage(bundle, lookup):
    assert code_of(bundle[:-1], lookup) == "damaged"
    assert code_of(bundle + b"\0", lookup) == "damaged"
    assert code_of(bundle[: len(MAGIC) + 20], lookup) == "damaged"


def test_a_bundle_made_with_an_older_token_cannot_be_opened(registered, bundle):
    assert code_of(bundle, {device_id(registered): sha256_hex("the new token")}.get) == "damaged"


def sealed(header: dict, body: bytes) -> bytes:
    """A bundle signed with the right key around any header and (compressed) body."""
    salt, nonce = b"s" * 16, b"n" * 12
    header = {"salt": base64.b64encode(salt).decode(), "nonce": base64.b64encode(nonce).decode(),
              **header}  # fmt: skip
    enc_key, mac_key = derive_keys(token_key(TOKEN), salt)
    head = MAGIC + canonical_json(header) + b"\n"
    signed = head + AESGCM(enc_key).encrypt(nonce, zlib.compress(body), head)
    return signed + mac(mac_key, signed)


def test_a_signed_bundle_that_contradicts_itself_is_refused(registered, lookup):
    device = device_id(registered)
    empty = seal_bundle(device, [], token_key(TOKEN), "2026-11-22T09:15:00+07:00")
    assert read_bundle(empty, lookup).records == []
    header = {"format": 1, "bundle_id": "b", "device_id": device, "created_at": "t",
              "records": 2, "compression": "zlib"}  # fmt: skip
    good_body = canonical_json({"device_id": device, "records": [{}, {}]})
    assert len(read_bundle(sealed(header, good_body), lookup).records) == 2
    for bad_header, body in [
        ({**header, "records": 3}, good_body),
        ({**header, "format": 2}, good_body),
        ({**header, "compression": "none"}, good_body),
        (header, canonical_json({"device_id": str(uuid.uuid4()), "records": [{}, {}]})),
        (header, b"not json"),
    ]:
        with pytest.raises(BundleError) as caught:
            read_bundle(sealed(bad_header, body), lookup)
        assert caught.value.code == "malformed"
        assert "signed" in caught.value.message


def test_unknown_or_revoked_device(bundle, registered):
    with pytest.raises(BundleError) as caught:
        read_bundle(bundle, lambda _device: None)
    assert caught.value.code == "unknown_device"
    assert device_id(registered) in caught.value.message


def test_not_a_bundle_and_unsupported_version(bundle, lookup):
    assert code_of(b"", lookup) == "not_a_bundle"
    assert code_of(b"PK\x03\x04 a spreadsheet", lookup) == "not_a_bundle"
    assert code_of(b"SIGAP-BUNDLE x\n", lookup) == "not_a_bundle"
    newer = bundle.replace(b"SIGAP-BUNDLE 1\n", b"SIGAP-BUNDLE 2\n", 1)
    with pytest.raises(BundleError, match="format 2") as caught:
        read_bundle(newer, lookup)
    assert caught.value.code == "unsupported_version"


# ------------------------------------------------------------------ refusals on the device


def test_an_unregistered_device_makes_no_bundle(db, ref, event, officer, tmp_path):
    enrol_many(db, ref, event, officer, 1)
    with pytest.raises(SigapError) as caught:
        export_bundle(db, tmp_path / "desk.sigap", officer, clock=fixed_clock)
    assert caught.value.code == "bundle_not_registered"
    assert "register" in str(caught.value).lower()
    assert list(tmp_path.glob("desk.sigap*")) == []


def test_a_device_hq_refused_makes_no_bundle(registered, event, officer, tmp_path):
    stop_syncing(registered, "auth", "2026-11-22T09:15:00+07:00")
    with pytest.raises(SigapError) as caught:
        export_bundle(registered, tmp_path / "desk.sigap", officer, clock=fixed_clock)
    assert caught.value.code == "bundle_register_again"


def test_nothing_waiting_makes_no_bundle(registered, officer, tmp_path):
    with pytest.raises(SigapError) as caught:
        export_bundle(registered, tmp_path / "desk.sigap", officer, clock=fixed_clock)
    assert caught.value.code == "bundle_nothing_waiting"
    assert caught.value.message("id") != caught.value.message("en")
    assert list(tmp_path.glob("desk.sigap*")) == []


def test_nothing_waiting_once_everything_is_at_hq(registered, event, officer, tmp_path):
    apply_outcomes(registered, [Outcome(event.id, SYNCED)], "2026-11-22T09:20:00+07:00")
    with pytest.raises(SigapError, match="No records are waiting"):
        export_bundle(registered, tmp_path / "desk.sigap", officer, clock=fixed_clock)


def test_an_officer_is_required(registered, event, tmp_path):
    with pytest.raises(SigapError) as caught:
        export_bundle(registered, tmp_path / "desk.sigap", None, clock=fixed_clock)
    assert caught.value.code == "officer_missing"


def test_a_stick_that_cannot_be_written(registered, event, officer, tmp_path):
    target = tmp_path / "gone" / "desk.sigap"
    with pytest.raises(SigapError) as caught:
        export_bundle(registered, target, officer, clock=fixed_clock)
    assert caught.value.code == "bundle_write_failed"
    assert "desk.sigap" in str(caught.value)
    assert not (tmp_path / "gone").exists()
    assert (
        registered.execute("SELECT COUNT(*) FROM audit WHERE action = 'export'").fetchone()[0] == 0
    )


def test_an_older_bundle_is_replaced_whole(registered, event, officer, tmp_path, lookup):
    path = tmp_path / "desk.sigap"
    path.write_bytes(b"an older bundle")
    export_bundle(registered, path, officer, clock=fixed_clock)
    assert read_bundle(path.read_bytes(), lookup).records[0]["id"] == event.id
    assert not Path(str(path) + ".partial").exists()
