"""docs/openapi.json describes exactly the routes the running server has, and the answers
of the server have the shapes it gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.hq.helpers import Device
from tests.hq_server import HQProcess, hq_server  # noqa: F401 (a fixture)

DOC = json.loads((Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text())
PREFIX = "/api/v1"


def documented() -> set[tuple[str, str]]:
    return {
        (method.upper(), PREFIX + path)
        for path, operations in DOC["paths"].items()
        for method in operations
    }


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return dict(DOC["components"]["schemas"][name])
    return schema


def conforms(value: Any, schema: dict[str, Any], where: str = "$") -> None:
    """The parts of JSON Schema the document uses: type, required, properties, items,
    enum and const."""
    schema = resolve(schema)
    kinds = {"object": dict, "array": list, "string": str, "integer": int, "null": type(None)}
    if "type" in schema:
        allowed = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        assert any(isinstance(value, kinds[k]) for k in allowed), f"{where}: {value!r}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if "const" in schema:
        assert value == schema["const"], f"{where}: {value!r}"
    if isinstance(value, dict):
        for name in schema.get("required", []):
            assert name in value, f"{where}: {name} missing"
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                conforms(value[name], sub, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            conforms(item, schema["items"], f"{where}[{i}]")


def response_schema(method: str, path: str, status: int) -> dict[str, Any]:
    answer = DOC["paths"][path][method]["responses"][str(status)]
    schema: dict[str, Any] = answer["content"]["application/json"]["schema"]
    return schema


def test_the_document_has_exactly_the_servers_routes(client: TestClient) -> None:
    routes = {
        (method, route.path)
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route)
        for method in (route.methods or set()) - {"HEAD"}
    }
    assert routes == documented()
    assert DOC["openapi"].startswith("3.")


@pytest.mark.slow  # the HQ server runs as a process
def test_the_running_server_answers_as_documented(hq_server: HQProcess) -> None:  # noqa: F811
    from tests.hq import helpers as h
    from tests.hq.helpers import register

    with httpx.Client(base_url=hq_server.url, timeout=30) as http:
        for method, path in sorted(documented()):
            # Every documented operation exists: nothing answers 404 or 405.
            status = http.request(method, path).status_code
            assert status not in (404, 405), (method, path, status)
        hello = http.get(PREFIX + "/hello")
        conforms(hello.json(), response_schema("get", "/hello", 200))
        conforms(http.get(PREFIX + "/health").json(), response_schema("get", "/health", 200))
        device: Device = register(http, hq_server.create_code("MDN01"))
        ev = h.event()
        bad = h.enrolment(ev["id"], 1, nik="123")
        pushed = device.push([ev, bad]).json()
        conforms(pushed, response_schema("post", "/sync/push", 200))
        status_post = device.post("/sync/status", {"ids": [ev["id"], bad["id"], "x"]}).json()
        conforms(status_post, response_schema("post", "/sync/status", 200))
        status_get = device.get("/sync/status", ids=ev["id"]).json()
        conforms(status_get, response_schema("get", "/sync/status", 200))
        changes = device.get("/sync/changes", since="0").json()
        conforms(changes, response_schema("get", "/sync/changes", 200))
        blocks = device.post("/member-numbers", {"count": 5}).json()
        conforms(blocks, response_schema("post", "/member-numbers", 201))
        refused = http.post(PREFIX + "/sync/push", json={})
        conforms(refused.json(), response_schema("post", "/sync/push", 401))
