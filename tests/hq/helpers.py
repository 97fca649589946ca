"""Made-up records for HQ tests: payloads shaped as the app sends them, and a device."""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.ids import new_id
from models.outbox import payload_sha256
from models.reference import RESOURCES

RECORDED_AT = "2026-11-22T09:15:00+07:00"


def nik(serial: int, woman: bool = True) -> str:
    """A NIK issued in Kota Madiun (35.77.01) for someone born 17-08-1990."""
    return f"357701{57 if woman else 17}0890{serial:04d}"


def record(type_: str, payload: dict[str, Any], record_id: str | None = None) -> dict[str, Any]:
    rid = record_id or payload.get(f"{type_}_id") or new_id()
    return {
        "id": rid,
        "type": type_,
        "schema": 1,
        "recorded_at": RECORDED_AT,
        "sha256": payload_sha256(payload),
        "payload": payload,
    }


def event(scheme_code: str | None = None, **overrides: Any) -> dict[str, Any]:
    payload = {
        "event_id": new_id(),
        "name": "Sosialisasi Pasar Besar",
        "starts_on": "2026-11-22",
        "ends_on": "2026-11-23",
        "location": "Pasar Besar Madiun",
        "region_code": "35.77.01",
        "branch_code": "MDN01",
        "scheme_code": scheme_code,
        "officer_id": "sari",
    }
    payload.update(overrides)
    return record("event", payload, payload["event_id"])


def enrolment(event_id: str, serial: int = 1, **overrides: Any) -> dict[str, Any]:
    """A woman born 17-08-1990 whose NIK agrees, paying for herself."""
    payload: dict[str, Any] = {
        "enrolment_id": new_id(),
        "event_id": event_id,
        "member_number": None,
        "nik": nik(serial),
        "full_name": "Ni Luh Putu Ayu Regapu’u Saraswati",
        "birth_place": "Madiun",
        "birth_date": "1990-08-17",
        "gender": "F",
        "mother_maiden_name": "Sumirah",
        "phone": "+6281234567890",
        "address": {
            "street": "Jl. Pahlawan 5",
            "rt": "003",
            "rw": "007",
            "village_code": "35.77.01.1001",
        },
        "occupation_code": "K002",
        "declared_income": 1_000_000,
        "programmes": ["JKK", "JKM"],
        "payer": {"type": "self", "scheme_code": None},
        "heirs": [{"name": "Made Wirawan", "relationship": "spouse", "nik": None, "phone": None}],
        "consent_at": RECORDED_AT,
        "officer_id": "sari",
        "recorded_at": RECORDED_AT,
    }
    payload.update(overrides)
    return record("enrolment", payload, payload["enrolment_id"])


def payment(enrolment_id: str, **overrides: Any) -> dict[str, Any]:
    """One month at the full price: January 2027, after the PP 50/2025 relief for her trade
    (HQ recomputes every amount from the enrolment and the rates of the months paid)."""
    payload = {
        "payment_id": new_id(),
        "enrolment_id": enrolment_id,
        "receipt_number": "KW-0190A4C2-000001",
        "amount": 16_800,
        "months": 1,
        "period_start": "2027-01",
        "breakdown": {"JKK": 10_000, "JKM": 6_800, "JHT": 0},
        "method": "cash",
        "received_at": RECORDED_AT,
        "officer_id": "sari",
    }
    payload.update(overrides)
    return record("payment", payload, str(payload["payment_id"]))


def payment_void(payment_id: str, **overrides: Any) -> dict[str, Any]:
    payload = {
        "payment_id": payment_id,
        "reason": "Salah ketik jumlah",
        "voided_at": RECORDED_AT,
        "officer_id": "sari",
        "approved_by": "budi.s",
    }
    payload.update(overrides)
    return record("payment_void", payload)


def correction(enrolment_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    payload = {
        "enrolment_id": enrolment_id,
        "changes": changes,
        "reason": "Salah ketik",
        "officer_id": "sari",
    }
    return record("enrolment_correction", payload)


@dataclass
class Device:
    """A registered device and the HTTP client it talks through (TestClient or httpx)."""

    client: Any
    id: str
    token: str
    blocks: list[dict[str, str]]
    prefix: str = "/api/v1"

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def push(self, records: list[dict[str, Any]], batch_id: str | None = None) -> Any:
        body = {"device_id": self.id, "batch_id": batch_id or new_id(), "records": records}
        return self.client.post(self.prefix + "/sync/push", json=body, headers=self.headers)

    def results(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        response = self.push(records)
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        assert [r["id"] for r in results] == [r["id"] for r in records]
        return results

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(self.prefix + path, params=params, headers=self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(self.prefix + path, json=body, headers=self.headers)


def register(
    client: Any, code: str, device_id: str | None = None, prefix: str = "/api/v1"
) -> Device:
    device_id = device_id or str(uuid.uuid4())
    response = client.post(
        prefix + "/devices",
        json={
            "device_id": device_id,
            "registration_code": code,
            "device_name": "Laptop Kantor Madiun",
            "app_version": "0.1.0",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    return Device(client, device_id, body["device_token"], body["member_number_blocks"], prefix)


def reference_folder(
    tmp: Path, quota: int, budgets: dict[str, int | None] | None = None
) -> Path:
    """The shipped reference data, with the GN-LINGKARAN-WOM scheme's quota set to `quota`
    (and the budgets of the schemes named in `budgets` set)."""
    folder = tmp / "reference"
    folder.mkdir()
    for name in ("occupations.csv", "rates.json"):
        shutil.copy(RESOURCES / name, folder / name)
    try:
        (folder / "regions").symlink_to(RESOURCES / "regions", target_is_directory=True)
    except OSError:  # no symlinks (Windows without developer mode)
        shutil.copytree(RESOURCES / "regions", folder / "regions")
    doc = json.loads((RESOURCES / "schemes.json").read_text(encoding="utf-8"))
    for scheme in doc["schemes"]:
        if scheme["code"] == "GN-LINGKARAN-WOM":
            scheme["quota"] = quota
        if budgets and scheme["code"] in budgets:
            scheme["budget"] = budgets[scheme["code"]]
    (folder / "schemes.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder
