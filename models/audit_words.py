"""The audit trail in an officer's words: what was done, to what, and the details, for the
audit screen and a record's history. The trail itself keeps its codes and ids (the CSV
export for the branch office has them all); nothing shown from here is a raw record id or
a snake_case code: records are named by their member number, receipt number, event name,
officer or backup file, and an action or detail the desk has no words for is called
"Kejadian lain" / "Other event" rather than shown as its code."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from models.database import Database
from models.messages import member_number_text, text
from models.vocabulary import FIELDS, field_label

Pair = tuple[str, str]  # Indonesian, English

ACTIONS: dict[str, Pair] = {
    "create": ("Dibuat", "Created"),
    "correct": ("Dikoreksi", "Corrected"),
    "void": ("Dibatalkan", "Voided"),
    "close": ("Ditutup", "Closed"),
    "print": ("Dicetak", "Printed"),
    "export": ("Diekspor", "Exported"),
    "import": ("Diimpor", "Imported"),
    "register": ("Didaftarkan ke kantor pusat", "Registered with HQ"),
    "hq_member_number": ("Nomor peserta dari kantor pusat", "Member number from HQ"),
    "hq_verified": ("Pembayaran dipastikan kantor pusat", "Payment confirmed by HQ"),
    "hq_not_received": ("Pembayaran tidak diterima kantor pusat", "Payment not received by HQ"),
    "approve": ("Disetujui supervisor", "Approved by a supervisor"),
    "member_block_overlap": (
        "Blok nomor peserta bertumpuk dengan nomor yang sudah dipakai",
        "Member number block overlaps numbers already used",
    ),
    "restore": ("Dipulihkan dari cadangan", "Restored from a backup"),
    "setting": ("Pengaturan diubah", "Setting changed"),
    "visitor": ("Peserta dari meja lain dicatat", "Member from another desk recorded"),
    "reactivate": ("Diaktifkan lagi", "Reactivated"),
    "set_passphrase": ("Kata sandi diatur", "Passphrase set"),
    "deactivate": ("Dinonaktifkan", "Deactivated"),
    "unlock": ("Kunci akun dibuka", "Account unlocked"),
    "role_not_granted": ("Peran supervisor tidak diakui", "Supervisor role not recognised"),
    "grant_key_started": ("Kunci pemberi peran dibuat", "Role-granting key started"),
}
OTHER_ACTION: Pair = ("Kejadian lain", "Other event")

# What an approval approved (detail "action" of an "approve" entry).
APPROVED: dict[str, Pair] = {
    "correct": ("koreksi data", "a correction"),
    "void": ("pembatalan pembayaran", "a void"),
    "export": ("ekspor data peserta", "an export of members' data"),
    "register": ("pendaftaran laptop ke kantor pusat", "registering this laptop with HQ"),
    "birth_date_differs_from_nik": (
        "tanggal lahir KTP yang berbeda dengan NIK",
        "a KTP birth date that differs from the NIK",
    ),
}

RECORD_TYPES: dict[str, Pair] = {
    "enrolment": ("Pendaftaran", "Enrolment"),
    "enrolments": ("Pendaftaran", "Enrolments"),
    "payment": ("Pembayaran", "Payment"),
    "event": ("Acara", "Event"),
    "officer": ("Petugas", "Officer"),
    "device": ("Laptop ini", "This laptop"),
    "receipt": ("Kwitansi", "Receipt"),
    "card": ("Kartu", "Card"),
    "card_sheet": ("Lembar kartu", "Card sheets"),
    "event_report": ("Laporan acara", "Event report"),
    "statement": ("Laporan sponsor", "Sponsor statement"),
    "day_close": ("Tutup hari", "Day closing"),
    "eligibility": ("Daftar penerima sponsor", "Sponsor's eligibility list"),
    "database": ("Data laptop", "This laptop's data"),
    "bundle": ("Berkas kiriman (flashdisk)", "Bundle file (USB stick)"),
}
OTHER_RECORD: Pair = ("Catatan lain", "Other record")

DETAIL_KEYS: dict[str, Pair] = {
    "source": ("Asal", "Source"),
    "receipt": ("Kwitansi", "Receipt"),
    "months": ("Bulan", "Months"),
    "period": ("Mulai bulan", "From month"),
    "restarted": ("Kepesertaan dimulai lagi", "Membership restarted"),
    "approved_by": ("Disetujui", "Approved by"),
    "officer_id": ("Petugas", "Officer"),
    "action": ("Yang disetujui", "Approved"),
    "fields": ("Isian", "Fields"),
    "role": ("Peran", "Role"),
    "copy": ("Cetakan ke", "Copy"),
    "cards": ("Kartu", "Cards"),
    "rows": ("Baris", "Rows"),
    "records": ("Catatan", "Records"),
    "imported": ("Disimpan", "Saved"),
    "duplicates": ("Duplikat", "Duplicates"),
    "rejected": ("Ditolak", "Rejected"),
    "cancelled": ("Dibatalkan", "Cancelled"),
    "stopped": ("Berhenti", "Stopped"),
    "file_sha256": ("Sidik berkas", "File fingerprint"),
    "numbers": ("Nomor peserta disiapkan", "Member numbers reserved"),
    "first": ("Dari nomor", "From number"),
    "last": ("Sampai nomor", "To number"),
    "used": ("Sudah dipakai", "Already used"),
    "had_number": ("Nomor sebelumnya", "Earlier number"),
    "granted": ("Diberi peran", "Granted to"),
    "key": ("Pengaturan", "Setting"),
    "value": ("Nilai", "Value"),
    "hq_url": ("Alamat kantor pusat", "HQ address"),
    "backup": ("Cadangan", "Backup"),
    "before_restore": ("Cadangan sebelum pemulihan", "Backup before restoring"),
    "damaged_kept": ("Data rusak disimpan di", "Damaged data kept in"),
}

VALUES: dict[str, Pair] = {
    "source.desk": ("meja pendaftaran", "the desk"),
    "source.import": ("daftar mitra", "a partner's list"),
    "role.officer": ("petugas", "officer"),
    "role.supervisor": ("supervisor", "supervisor"),
    "had_number.True": ("diganti", "replaced"),
    "had_number.False": ("belum ada; nomor pertama", "none; the first number"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
}

SETTINGS: dict[str, Pair] = {
    "lock_minutes": ("Kunci layar setelah (menit)", "Lock the screen after (minutes)"),
    "backup_keep": ("Cadangan yang disimpan", "Backups kept"),
    "backup_sync_minutes": ("Cadangan sebelum kirim (menit)", "Backup before syncing (minutes)"),
    "hq_url": ("Alamat kantor pusat", "HQ address"),
    "allow_plain_http": ("Izinkan http tanpa enkripsi", "Allow unencrypted http"),
    "receipt_printer": ("Printer kwitansi", "Receipt printer"),
    "card_printer": ("Printer kartu", "Card printer"),
}

_OFFICER_KEYS = frozenset({"approved_by", "officer_id", "granted"})  # officers' own ids

# Detail keys that hold ids or internal bookkeeping: the trail keeps them, the screen not.
HIDDEN_KEYS = frozenset({"correction_id", "text"})

# A code as the trail stores it, which must never be shown: snake_case, or a UUID.
_CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _say(pair: Pair, lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def action_text(action: str, lang: str = "id") -> str:
    return _say(ACTIONS.get(action, OTHER_ACTION), lang)


def record_type_text(record_type: str, lang: str = "id") -> str:
    return _say(RECORD_TYPES.get(record_type, OTHER_RECORD), lang)


def approved_text(action: str, lang: str = "id") -> str:
    """What a supervisor approved, for "Koreksi disetujui supervisor" and the like."""
    return _say(APPROVED.get(action, OTHER_ACTION), lang)


def field_text(name: str, lang: str = "id") -> str:
    """A field of an enrolment or event in the officer's words (`address.rt` → RT)."""
    if name in FIELDS:
        return field_label(name, lang)
    return _say(EVENT_FIELDS.get(name, ("isian lain", "other field")), lang)


EVENT_FIELDS: dict[str, Pair] = {
    "name": ("Nama acara", "Event name"),
    "location": ("Tempat", "Place"),
    "region_code": ("Wilayah", "Area"),
    "starts_on": ("Tanggal mulai", "Start date"),
    "ends_on": ("Tanggal selesai", "End date"),
    "scheme_code": ("Skema sponsor", "Sponsor scheme"),
    "programmes": ("Program", "Programmes"),
    "declared_income": ("Penghasilan sebulan", "Monthly income"),
    "payer_type": ("Pembayar", "Payer"),
    "consent_at": ("Persetujuan data pribadi", "Consent to personal data"),
}


def _value(key: str, value: Any, lang: str) -> str:
    if isinstance(value, bool):
        pair = VALUES.get(f"{key}.{value}") or VALUES["yes" if value else "no"]
        return _say(pair, lang)
    if value is None:
        return "-"
    if key in _OFFICER_KEYS:
        return ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    if key == "fields" and isinstance(value, list | tuple):
        return ", ".join(field_text(str(v), lang) for v in value)
    if key == "action":
        return approved_text(str(value), lang)
    if key == "key":
        return _say(SETTINGS.get(str(value), ("pengaturan lain", "another setting")), lang)
    if key == "stopped" and isinstance(value, Mapping):
        reason = text(str(value.get("code", "")), lang)
        row = value.get("row", "")
        return f"{'row' if lang == 'en' else 'baris'} {row}: {reason}"
    if key == "file_sha256":
        return str(value)[:16]
    if isinstance(value, list | tuple):
        return ", ".join(_value(key, v, lang) for v in value)
    if isinstance(value, Mapping):
        return detail_text(value, lang)
    words = VALUES.get(f"{key}.{value}")
    if words is not None:
        return _say(words, lang)
    shown = str(value)
    if UUID.search(shown) or _CODE.match(shown):
        return _say(("(kode)", "(code)"), lang)
    return shown


def detail_text(detail: Mapping[str, Any], lang: str = "id") -> str:
    """An entry's details as `Label: value` pairs; ids and unknown keys are left out."""
    parts = []
    for key, value in sorted(detail.items()):
        if key in HIDDEN_KEYS or key not in DETAIL_KEYS:
            continue
        parts.append(f"{_say(DETAIL_KEYS[key], lang)}: {_value(key, value, lang)}")
    return ", ".join(parts)


# ------------------------------------------------------------------ naming a record


@dataclass(frozen=True)
class RecordNames:
    """What the records of some audit entries are called, read in a few queries."""

    members: dict[str, str]  # enrolment id → member number as shown
    receipts: dict[str, str]  # payment id → receipt number
    events: dict[str, str]  # event id → event name
    officers: dict[str, str]  # officer id → "Name (id)"


def _lookup(db: Database, sql: str, ids: set[str]) -> list[tuple[Any, ...]]:
    """`sql` with `{marks}` (once or more) for the ids, in chunks SQLite accepts."""
    rows: list[tuple[Any, ...]] = []
    listed, times = sorted(ids), sql.count("{marks}")
    for start in range(0, len(listed), 400):
        chunk = listed[start : start + 400]
        marks = ",".join("?" * len(chunk))
        rows += db.execute(sql.format(marks=marks), chunk * times).fetchall()
    return rows


_PAYMENT_KINDS = ("payment", "receipt")
_ENROLMENT_KINDS = ("enrolment", "card")
_EVENT_KINDS = ("event", "enrolments", "card_sheet", "event_report", "statement", "day_close")


def record_names(db: Database, refs: Iterable[tuple[str, str | None]], lang: str) -> RecordNames:
    """Names for the (record_type, record_id) pairs of the entries shown."""
    wanted: dict[str, set[str]] = {"e": set(), "p": set(), "v": set()}
    for record_type, record_id in refs:
        if not record_id:
            continue
        if record_type in _ENROLMENT_KINDS:
            wanted["e"].add(record_id)
        elif record_type in _PAYMENT_KINDS:
            wanted["p"].add(record_id)
        elif record_type in _EVENT_KINDS:
            wanted["v"].add(record_id)
    members = {
        str(eid): member_number_text(number, str(eid), lang)
        for eid, number in _lookup(
            db,
            "SELECT id, member_number FROM enrolments WHERE id IN ({marks}) UNION ALL "
            "SELECT enrolment_id, member_number FROM visiting_members "
            "WHERE enrolment_id IN ({marks})",
            wanted["e"],
        )
    }
    receipts = {
        str(pid): str(number)
        for pid, number in _lookup(
            db, "SELECT id, receipt_number FROM payments WHERE id IN ({marks})", wanted["p"]
        )
    }
    events = {
        str(vid): str(name)
        for vid, name in _lookup(
            db, "SELECT id, name FROM events WHERE id IN ({marks})", wanted["v"]
        )
    }
    officers = {
        str(oid): f"{name} ({oid})"
        for oid, name in db.execute("SELECT id, name FROM officers").fetchall()
    }
    return RecordNames(members, receipts, events, officers)


def record_text(names: RecordNames, record_type: str, record_id: str | None, lang: str) -> str:
    """A record named as an officer knows it: "Peserta 10000000001", "Kwitansi KW-…", the
    event's name, an officer, a backup file; never its raw id."""
    if not record_id:
        return ""
    if record_type in _ENROLMENT_KINDS:
        number = names.members.get(record_id) or member_number_text(None, record_id, lang)
        return f"{_say(('Peserta', 'Member'), lang)} {number}"
    if record_type in _PAYMENT_KINDS:
        receipt = names.receipts.get(record_id)
        return f"{_say(('Kwitansi', 'Receipt'), lang)} {receipt}" if receipt else "-"
    if record_type in _EVENT_KINDS:
        return names.events.get(record_id, "-")
    if record_type == "officer":
        return names.officers.get(record_id, record_id)
    if record_type == "eligibility":
        return record_id  # the scheme's code, as the schemes list shows it
    if record_type == "database":
        return record_id  # the backup file's name
    if record_type == "device" or UUID.search(record_id) or _CODE.match(record_id):
        return ""  # this laptop, or an id the officer has no use for
    return record_id
