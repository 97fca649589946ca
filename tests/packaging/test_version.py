"""The version is written once, in pyproject.toml, and travels with every request to HQ."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import httpx

from models.version import app_version, user_agent, version_key
from sync.transport import HQClient

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_pyprojects() -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        expected = tomllib.load(f)["project"]["version"]
    assert app_version() == expected
    assert user_agent() == f"Sigap/{expected}"


def test_version_key_orders_numerically() -> None:
    assert version_key("0.10.0") > version_key("0.9.9")
    assert version_key("1.0") == version_key("1.0.0")
    assert version_key("0.3.0rc1") == version_key("0.3.0")


def test_registration_and_every_request_carry_the_version() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/devices"):
            body = {"device_token": "t0k3n", "branch_code": "3577", "member_number_blocks": []}
            return httpx.Response(201, json=body, headers={"X-HQ-Protocol": "1"})
        return httpx.Response(200, json={"results": []}, headers={"X-HQ-Protocol": "1"})

    client = HQClient("https://hq.test", http=httpx.Client(transport=httpx.MockTransport(handle)))
    try:
        client.register("0190a0a0-0000-7000-8000-000000000001", "KODE-1", "Meja 1")
        client.token = "t0k3n"
        try:
            client.push(b'{"records": []}', [])
        except Exception:  # noqa: BLE001 - the answer's shape is not what is tested here
            pass
    finally:
        client.close()
    assert len(seen) == 2
    assert json.loads(seen[0].content)["app_version"] == app_version()
    for request in seen:
        assert request.headers["User-Agent"] == f"Sigap/{app_version()}"
        assert request.headers["X-Sigap-Version"] == app_version()
