"""Sync in the officer's words: what HQ said about a record and what to do about it, why a
sync did not reach HQ, and when the last one did. One place, so the status bar, the sync
screen, the record view and the registration dialog say the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from models.db import Error as DbError
from models.db import storage_problem
from models.errors import SigapError
from models.messages import member_number_text, text
from models.money import long_date
from ui.labels import field_label, interface_lang


@dataclass(frozen=True)
class Advice:
    reason: str  # what HQ said, in plain words
    action: str  # what the officer does about it


def record_type_label(type_: str) -> str:
    labels = {
        "event": QCoreApplication.translate("SyncText", "Acara"),
        "enrolment": QCoreApplication.translate("SyncText", "Pendaftaran"),
        "payment": QCoreApplication.translate("SyncText", "Pembayaran"),
        "payment_void": QCoreApplication.translate("SyncText", "Pembatalan pembayaran"),
        "enrolment_correction": QCoreApplication.translate("SyncText", "Koreksi data"),
        "event_correction": QCoreApplication.translate("SyncText", "Koreksi acara"),
    }
    return labels.get(type_, type_)


def advice(
    state: str,
    code: str | None,
    field: str | None = None,
    message: str | None = None,
    member_number: str | None = None,
    last_error: str | None = None,
) -> Advice:
    """HQ's answer about one record (its queue state, rejection code, and for a record still
    waiting why it waits) in plain words. Empty for a record with nothing to say."""
    if last_error == "member_number_clash":
        return Advice(
            QCoreApplication.translate(
                "SyncText",
                "Kantor pusat memberi nomor peserta {number}, tetapi nomor itu sudah dipakai "
                "pendaftaran lain di laptop ini.",
            ).format(number=member_number_text(member_number, None, interface_lang())),
            QCoreApplication.translate(
                "SyncText", "Hubungi kantor cabang. Jangan cetak kartu dengan nomor itu."
            ),
        )
    if state == "pending":
        if last_error == "retry":
            return Advice(
                QCoreApplication.translate(
                    "SyncText",
                    "Kantor pusat meminta menunggu: catatan yang dirujuknya belum diterima.",
                ),
                QCoreApplication.translate(
                    "SyncText", "Tidak perlu tindakan; dikirim ulang otomatis."
                ),
            )
        if last_error == "too_large":
            return Advice(
                QCoreApplication.translate(
                    "SyncText", "Catatan ini terlalu besar untuk diterima kantor pusat."
                ),
                QCoreApplication.translate(
                    "SyncText", "Hubungi petugas TI cabang. Jangan hapus data di laptop ini."
                ),
            )
        if last_error == "malformed":
            return Advice(
                QCoreApplication.translate(
                    "SyncText", "Kantor pusat tidak dapat membaca catatan ini."
                ),
                QCoreApplication.translate(
                    "SyncText", "Hubungi petugas TI cabang. Jangan hapus data di laptop ini."
                ),
            )
        return Advice("", "")
    if state == "duplicate_person":
        return Advice(
            QCoreApplication.translate(
                "SyncText", "Pekerja ini sudah menjadi peserta dengan nomor {number}."
            ).format(number=member_number_text(member_number, None, interface_lang())),
            QCoreApplication.translate(
                "SyncText",
                "Catatan tetap disimpan. Beri tahu pekerja nomor pesertanya; "
                "cetak ulang kartunya bila nomornya berbeda.",
            ),
        )
    if state == "conflict" or code == "conflict":
        return Advice(
            QCoreApplication.translate(
                "SyncText",
                "Kantor pusat sudah menyimpan catatan ini dengan isi yang berbeda.",
            ),
            QCoreApplication.translate(
                "SyncText",
                "Perlu ditinjau kantor cabang. Catatan ini tidak dikirim ulang dan tidak dihapus.",
            ),
        )
    correct = QCoreApplication.translate(
        "SyncText", "Buka catatan, perbaiki lewat “Koreksi data”, lalu sinkronkan lagi."
    )
    branch = QCoreApplication.translate(
        "SyncText", "Hubungi kantor cabang. Catatan tetap disimpan."
    )
    it_staff = QCoreApplication.translate(
        "SyncText", "Hubungi petugas TI cabang. Jangan hapus data di laptop ini."
    )
    if code == "invalid_nik":
        return Advice(
            QCoreApplication.translate("SyncText", "Kantor pusat menyatakan NIK ini tidak sah."),
            QCoreApplication.translate(
                "SyncText",
                "Cocokkan NIK dengan KTP pekerja. NIK tidak bisa dikoreksi di laptop: "
                "hubungi pekerja dan kantor cabang.",
            ),
        )
    if code == "invalid_field":
        if field:
            reason = QCoreApplication.translate(
                "SyncText", "Kantor pusat menolak isian “{field}”."
            ).format(field=field_label(field))
        else:
            reason = QCoreApplication.translate(
                "SyncText", "Kantor pusat menolak salah satu isian."
            )
        return Advice(reason, correct)
    if code == "unknown_reference":
        return Advice(
            QCoreApplication.translate(
                "SyncText",
                "Kantor pusat tidak mengenal kode yang dipakai (pekerjaan, wilayah, skema "
                "atau catatan yang dirujuk).",
            ),
            QCoreApplication.translate(
                "SyncText",
                "Periksa pekerjaan dan desa lewat “Koreksi data”; bila sudah benar, "
                "hubungi kantor cabang.",
            ),
        )
    if code == "member_number_not_allocated":
        return Advice(
            QCoreApplication.translate(
                "SyncText", "Nomor peserta ini bukan dari blok nomor milik laptop ini."
            ),
            QCoreApplication.translate(
                "SyncText",
                "Hubungi kantor cabang. Jangan bagikan kartu dengan nomor ini; "
                "cetak ulang setelah nomornya diganti.",
            ),
        )
    if code == "member_number_used":
        return Advice(
            QCoreApplication.translate(
                "SyncText", "Nomor peserta ini sudah dipakai orang lain di kantor pusat."
            ),
            QCoreApplication.translate(
                "SyncText",
                "Hubungi kantor cabang. Kartu perlu dicetak ulang setelah nomornya diganti.",
            ),
        )
    if code == "sha256_mismatch":
        return Advice(
            QCoreApplication.translate(
                "SyncText", "Isi catatan berubah dalam perjalanan ke kantor pusat."
            ),
            it_staff,
        )
    if code == "quota_exceeded":
        return Advice(
            QCoreApplication.translate(
                "SyncText", "Kuota skema sponsor ini sudah penuh di kantor pusat."
            ),
            QCoreApplication.translate(
                "SyncText",
                "Hubungi pekerja: ia dapat membayar sendiri. Tanyakan juga ke kantor cabang.",
            ),
        )
    if code == "malformed_request":
        return Advice(
            QCoreApplication.translate("SyncText", "Kantor pusat tidak dapat membaca catatan ini."),
            it_staff,
        )
    if code == "rejected_after_review":
        reason = QCoreApplication.translate("SyncText", "Ditolak kantor pusat setelah ditinjau.")
        if message:
            reason = QCoreApplication.translate(
                "SyncText", "Ditolak kantor pusat setelah ditinjau: {message}"
            ).format(message=message)
        return Advice(
            reason, QCoreApplication.translate("SyncText", "Hubungi pekerja dan kantor cabang.")
        )
    if state == "rejected":
        reason = QCoreApplication.translate("SyncText", "Ditolak kantor pusat ({code}).").format(
            code=code or "-"
        )
        if message:
            reason = QCoreApplication.translate(
                "SyncText", "Ditolak kantor pusat ({code}): {message}"
            ).format(code=code or "-", message=message)
        return Advice(reason, branch)
    return Advice("", "")


def sync_failure_text(exc: BaseException, lang: str) -> str:
    """A sync that failed on this laptop (a full disk, a bug), in the officer's words: never
    the exception's own text."""
    if isinstance(exc, SigapError):
        return exc.message(lang)
    if isinstance(exc, DbError | OSError):
        return storage_problem(exc).message(lang)
    return QCoreApplication.translate(
        "SyncText",
        "Sinkron gagal karena kesalahan di laptop ini; semua catatan tetap tersimpan. "
        "Coba lagi; bila terulang, hubungi kantor cabang.",
    )


def sync_error_text(kind: str | None) -> str:
    """Why the last sync did not (fully) reach HQ; empty when it did."""
    texts = {
        "offline": QCoreApplication.translate(
            "SyncText",
            "Kantor pusat tidak terjangkau: tidak ada internet, atau alamatnya salah. "
            "Catatan dikirim otomatis begitu tersambung.",
        ),
        "auth": QCoreApplication.translate(
            "SyncText",
            "Kantor pusat tidak mengenali laptop ini lagi. Daftarkan ulang perangkat dengan "
            "kode baru dari kantor cabang. Semua catatan tetap tersimpan.",
        ),
        "revoked": QCoreApplication.translate(
            "SyncText",
            "Laptop ini dicabut oleh kantor pusat. Hubungi kantor cabang. "
            "Semua catatan tetap tersimpan.",
        ),
        "server": QCoreApplication.translate(
            "SyncText", "Kantor pusat sedang bermasalah. Dicoba lagi otomatis nanti."
        ),
        "busy": QCoreApplication.translate(
            "SyncText",
            "Sinkron lain sedang berjalan di laptop ini. Dicoba lagi otomatis nanti.",
        ),
        "not_registered": QCoreApplication.translate(
            "SyncText", "Laptop ini belum didaftarkan ke kantor pusat."
        ),
        "malformed": QCoreApplication.translate(
            "SyncText",
            "Kantor pusat tidak dapat membaca kiriman. Hubungi petugas TI cabang.",
        ),
    }
    if not kind:
        return ""
    if kind in ("app_too_old", "tls"):  # the core's words: a refused version (426), an
        return text(f"sync_{kind}", interface_lang())  # untrusted certificate
    return texts.get(kind, kind)


def when_text(rfc3339: str | None, now: datetime, lang: str) -> str:
    """`09:15` today, `21 November 2026 16:40` on another day, in `now`'s time zone (the
    laptop's)."""
    if not rfc3339:
        return ""
    try:
        moment = datetime.fromisoformat(rfc3339)
    except ValueError:
        return rfc3339
    if moment.tzinfo is not None and now.tzinfo is not None:
        moment = moment.astimezone(now.tzinfo)
    clock = moment.strftime("%H:%M")
    day: date = moment.date()
    if day == now.date():
        return clock
    return f"{long_date(day, lang)} {clock}"
