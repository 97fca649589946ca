"""The HTTP client: what counts as HQ, and every kind of answer mapped to its typed error."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from sync.protocol import record_wire
from sync.transport import (
    AuthFailed,
    HQClient,
    Malformed,
    Offline,
    RegistrationRefused,
    RetryAfter,
    Revoked,
    ServerError,
    TooLarge,
    normalise_hq_url,
    parse_retry_after,
)
from tests.sync.fakehq import HEADERS, hq_json

HELLO = {
    "protocol": 1,
    "server_time": "2026-11-22T02:15:00+00:00",
    "max_batch_records": 500,
    "max_batch_bytes": 5_000_000,
}


def client_answering(*responses: httpx.Response | Exception, token: str | None = "t") -> HQClient:
    """A client whose calls get `responses` in turn; the requests are kept on `.seen`."""
    queue = list(responses)
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    c = HQClient("https://hq.test", token, http=httpx.Client(transport=httpx.MockTransport(handle)))
    c.seen = seen  # type: ignore[attr-defined]
    return c


# ------------------------------------------------------------------ /hello: online or not


def test_hello_from_hq_is_online():
    c = client_answering(hq_json(HELLO))
    hello = c.hello()
    assert (hello.max_batch_records, hello.max_batch_bytes) == (500, 5_000_000)
    request = c.seen[0]  # type: ignore[attr-defined]
    assert str(request.url) == "https://hq.test/api/v1/hello"
    assert "Authorization" not in request.headers  # /hello needs no token


def test_a_wifi_portal_login_page_is_offline():
    page = httpx.Response(
        200,
        text="<html><body><form>Login hotspot</form></body></html>",
        headers={"Content-Type": "text/html"},
    )
    with pytest.raises(Offline):
        client_answering(page).hello()


def test_a_portal_that_answers_json_without_the_protocol_header_is_offline():
    with pytest.raises(Offline):
        client_answering(httpx.Response(200, json=HELLO)).hello()


def test_hq_header_with_html_body_is_offline():
    page = httpx.Response(
        200, text="<html></html>", headers={**HEADERS, "Content-Type": "text/html"}
    )
    with pytest.raises(Offline):
        client_answering(page).hello()


def test_hello_of_another_shape_or_protocol_is_offline():
    with pytest.raises(Offline):
        client_answering(hq_json({"protocol": 1})).hello()
    with pytest.raises(Offline):
        client_answering(hq_json({**HELLO, "protocol": 2})).hello()
    with pytest.raises(Offline):
        client_answering(hq_json({**HELLO, "max_batch_records": "500"})).hello()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_offline_and_not_followed(status):
    redirect = httpx.Response(status, headers={"Location": "http://portal.example/login"})
    c = client_answering(redirect)
    with pytest.raises(Offline):
        c.hello()
    assert len(c.seen) == 1  # type: ignore[attr-defined]


def test_connection_refused_and_timeouts_are_offline():
    with pytest.raises(Offline) as refused:
        client_answering(httpx.ConnectError("refused")).hello()
    assert not refused.value.maybe_sent
    with pytest.raises(Offline) as slow:
        client_answering(httpx.ConnectTimeout("slow")).hello()
    assert not slow.value.maybe_sent
    with pytest.raises(Offline) as lost:
        client_answering(httpx.ReadTimeout("lost")).push(b"{}", [])
    assert lost.value.maybe_sent  # HQ may have the batch: ask /sync/status
    with pytest.raises(Offline) as reset:
        client_answering(httpx.RemoteProtocolError("reset")).push(b"{}", [])
    assert reset.value.maybe_sent


def test_the_default_client_has_both_timeouts_and_follows_no_redirects():
    c = HQClient("https://hq.test", connect_timeout=3, read_timeout=20)
    try:
        assert c.http.timeout.connect == 3
        assert c.http.timeout.read == 20
        assert c.http.follow_redirects is False
    finally:
        c.close()


# ------------------------------------------------------------------ whole-request answers


def test_401_from_hq_is_auth():
    with pytest.raises(AuthFailed) as exc:
        client_answering(hq_json({"error": "unauthorized"}, 401)).changes("0")
    assert exc.value.kind == "auth"


def test_401_or_403_without_the_hq_header_is_a_portal_not_hq():
    # Only HQ itself can stop syncing; a captive portal's 401/403/511 means "not online".
    for status in (401, 403, 511):
        with pytest.raises(Offline):
            client_answering(httpx.Response(status, text="login")).changes("0")


def test_403_device_revoked_is_revoked():
    with pytest.raises(Revoked) as exc:
        client_answering(hq_json({"error": "device_revoked"}, 403)).changes("0")
    assert exc.value.kind == "revoked"


def test_403_invalid_registration_code():
    c = client_answering(hq_json({"error": "invalid_registration_code"}, 403))
    with pytest.raises(RegistrationRefused):
        c.register("d", "WRONG", "laptop")


def test_413_is_too_large_even_from_a_proxy_in_front_of_hq():
    with pytest.raises(TooLarge):
        client_answering(hq_json({"error": "too_large"}, 413)).push(b"{}", [])
    with pytest.raises(TooLarge):
        client_answering(httpx.Response(413, text="nginx")).push(b"{}", [])


def test_400_is_malformed():
    with pytest.raises(Malformed) as exc:
        client_answering(hq_json({"error": "malformed_request"}, 400)).push(b"{}", [])
    assert exc.value.kind == "malformed"


def test_429_and_503_with_retry_after_seconds():
    with pytest.raises(RetryAfter) as exc:
        client_answering(hq_json({}, 429, **{"Retry-After": "120"})).push(b"{}", [])
    assert exc.value.seconds == 120
    assert exc.value.kind == "server"
    with pytest.raises(RetryAfter) as exc:
        client_answering(hq_json({}, 503, **{"Retry-After": "7"})).push(b"{}", [])
    assert exc.value.seconds == 7


def test_retry_after_as_an_http_date():
    c = client_answering(hq_json({}, 503, **{"Retry-After": "Sun, 22 Nov 2026 02:20:00 GMT"}))
    c.clock = lambda: datetime(2026, 11, 22, 2, 15, tzinfo=UTC)
    with pytest.raises(RetryAfter) as exc:
        c.push(b"{}", [])
    assert exc.value.seconds == 300


def test_parse_retry_after():
    now = datetime(2026, 11, 22, 2, 15, tzinfo=UTC)
    assert parse_retry_after("30", now) == 30
    assert parse_retry_after("Sun, 22 Nov 2026 02:14:00 GMT", now) == 0  # past: no wait
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_503_without_retry_after_and_other_5xx_are_server_errors():
    for response in (
        hq_json({}, 503),
        hq_json({}, 500),
        hq_json({}, 502),
        httpx.Response(502, text="Bad gateway"),  # a proxy in front of HQ
    ):
        with pytest.raises(ServerError) as exc:
            client_answering(response).push(b"{}", [])
        assert not isinstance(exc.value, RetryAfter)
        assert exc.value.kind == "server"


def test_an_unexpected_4xx_from_hq_is_a_server_error():
    with pytest.raises(ServerError):
        client_answering(hq_json({"error": "not_found"}, 404)).changes("0")


# ------------------------------------------------------------------ answers' shapes


def test_push_sends_the_token_and_json_and_reads_results_in_order():
    ok = hq_json({"results": [{"id": "a", "status": "accepted", "member_number": "10000000001"},
                              {"id": "b", "status": "retry"}]})  # fmt: skip
    c = client_answering(ok)
    results = c.push(b'{"records":[]}', ["a", "b"])
    assert [(r.id, r.status, r.member_number) for r in results] == [
        ("a", "accepted", "10000000001"),
        ("b", "retry", None),
    ]
    request = c.seen[0]  # type: ignore[attr-defined]
    assert request.headers["Authorization"] == "Bearer t"
    assert request.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "results",
    [
        [{"id": "a", "status": "accepted"}],  # one result missing
        [{"id": "b", "status": "accepted"}, {"id": "a", "status": "accepted"}],  # order
        [{"id": "a", "status": "accepted"}, {"id": "c", "status": "accepted"}],  # other id
        [{"id": "a", "status": "accepted"}, {"id": "b", "status": "maybe"}],  # unknown status
        [{"id": "a", "status": "accepted", "member_number": "123"}, {"id": "b", "status": "retry"}],
    ],
)
def test_a_push_answer_that_does_not_match_the_request_is_a_server_error(results):
    with pytest.raises(ServerError):
        client_answering(hq_json({"results": results})).push(b"{}", ["a", "b"])


def test_status_asks_at_most_500_ids_a_call():
    ids = [f"id-{i}" for i in range(1203)]
    answers = [
        hq_json({"records": [{"id": i, "status": "unknown"} for i in ids[s : s + 500]]})
        for s in range(0, 1203, 500)
    ]
    c = client_answering(*answers)
    out = c.status(ids)
    assert len(out) == 1203
    seen = c.seen  # type: ignore[attr-defined]
    # Revision 2: POST with the ids in the body.
    assert [r.method for r in seen] == ["POST"] * 3
    assert [len(json.loads(r.content)["ids"]) for r in seen] == [500, 500, 203]


@pytest.mark.parametrize("refusal", [404, 405])
def test_status_falls_back_to_get_for_a_revision_1_hq(refusal):
    ids = [f"id-{i}" for i in range(320)]
    answers = [hq_json({"error": "method_not_allowed"}, refusal)] + [
        hq_json({"records": [{"id": i, "status": "unknown"} for i in ids[s : s + 150]]})
        for s in range(0, 320, 150)
    ]
    c = client_answering(*answers, hq_json({"records": [{"id": "x", "status": "unknown"}]}))
    assert len(c.status(ids)) == 320
    assert len(c.status(["x"])) == 1  # found out once: straight to GET from then on
    seen = c.seen  # type: ignore[attr-defined]
    assert [r.method for r in seen] == ["POST", "GET", "GET", "GET", "GET"]
    assert [len(r.url.params["ids"].split(",")) for r in seen[1:]] == [150, 150, 20, 1]


def test_reference_with_etag_and_304():
    doc = {"version": "2027-01-01", "occupations": [], "rates": {}, "schemes": []}
    c = client_answering(
        hq_json(doc, ETag='"v1"'),
        httpx.Response(304, headers={**HEADERS, "ETag": '"v1"'}),
    )
    got = c.reference(None)
    assert got is not None and got[1] == '"v1"' and got[0].version == "2027-01-01"
    assert c.reference('"v1"') is None
    assert c.seen[1].headers["If-None-Match"] == '"v1"'  # type: ignore[attr-defined]


def test_a_304_to_a_request_that_was_not_conditional_is_not_hq():
    with pytest.raises(Offline):
        client_answering(httpx.Response(304, headers=HEADERS)).reference(None)


def test_member_numbers_must_be_eleven_digits():
    c = client_answering(hq_json({"member_number_blocks": [{"first": "1", "last": "9"}]}, 201))
    with pytest.raises(ServerError):
        c.member_numbers(500)


def test_changes_reads_cursor_and_changes():
    page = {
        "changes": [{"cursor": "7", "record_id": "r1", "kind": "member_status",
                     "member_number": "10000000009", "status": "active", "message": ""}],
        "next": "7",
    }  # fmt: skip
    got = client_answering(hq_json(page)).changes("0")
    assert got.next == "7" and got.changes[0].record_id == "r1"


def test_error_texts_carry_no_record_contents():
    with pytest.raises(ServerError) as exc:
        client_answering(hq_json({"error": "x"}, 500)).push(b'{"nik":"3577015708900001"}', [])
    assert "3577" not in str(exc.value)


# ------------------------------------------------------------------ helpers


def test_hq_url_is_normalised():
    assert normalise_hq_url("https://hq.example.id/") == "https://hq.example.id"
    assert normalise_hq_url(" https://hq.example.id/api/v1/ ") == "https://hq.example.id"
    assert normalise_hq_url("http://10.0.0.5:8080/hq") == "http://10.0.0.5:8080/hq"
    for bad in ("hq.example.id", "ftp://hq.example.id", "https://", "https://hq?x=1"):
        with pytest.raises(ValueError):
            normalise_hq_url(bad)


def test_record_wire_keeps_the_payload_bytes_hq_hashes():
    import hashlib

    from models.outbox import canonical_json

    payload = {"full_name": "Ñoman Regapu’u", "nik": "3577015708900001", "n": 1}
    text = canonical_json(payload).decode("utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    wire = record_wire("id-1", "enrolment", 1, "2026-11-22T09:15:00+07:00", sha, text)
    doc = json.loads(wire)
    assert doc["payload"] == payload
    again = json.dumps(doc["payload"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(again.encode("utf-8")).hexdigest() == doc["sha256"] == sha
