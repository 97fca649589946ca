"""The messages of payments after enrolment, in Indonesian and English (merged into
`models.messages.MESSAGES`; kept apart so the catalogue's other owners are not disturbed)."""

from __future__ import annotations

PAYMENT_MESSAGES: dict[str, tuple[str, str]] = {
    "payment_restarts_lapsed": (
        "Kepesertaan ini sudah tidak aktif: iuran terakhir dibayar sampai {paid_until} dan "
        "lebih dari {lapse_after} bulan berturut-turut tidak dibayar. Pembayaran ini memulai "
        "kepesertaan lagi dari bulan ini ({start}); bulan yang terlewat tidak perlu dibayar "
        "dan tidak ada denda.",
        "This membership has lapsed: contributions were last paid up to {paid_until} and more "
        "than {lapse_after} months in a row went unpaid. This payment starts the membership "
        "again from this month ({start}); the missed months are not owed and there is no fine.",
    ),
    "payment_month_paid": (
        "Bulan {month} sudah dibayar. Satu bulan tidak boleh dibayar dua kali.",
        "The month {month} is already paid. A month is never paid twice.",
    ),
    "payment_period_changed": (
        "Pembayaran lain untuk peserta ini baru saja disimpan; periode sekarang mulai {start}. "
        "Periksa jumlah dan periode lagi, lalu simpan.",
        "Another payment for this member was just saved; the period now starts with {start}. "
        "Check the amount and the period again, then save.",
    ),
    "payment_method_unknown": (
        "Cara bayar harus tunai, transfer atau QRIS.",
        "The payment method must be cash, transfer or QRIS.",
    ),
    "payment_reference_cash": (
        "Nomor referensi hanya untuk transfer atau QRIS. Pilih cara bayar yang benar.",
        "A reference is only for a transfer or QRIS. Choose the right payment method.",
    ),
    "member_not_found": (
        "Tidak ada peserta dengan nomor kepesertaan dan NIK itu di laptop ini. Periksa kedua "
        "nomor pada kartu dan KTP. Peserta dari meja lain: pindai kode QR pada kartunya.",
        "No member with that member number and NIK is held on this laptop. Check both numbers "
        "on the card and the ID card. A member from another desk: scan the QR code on their "
        "card.",
    ),
    "payment_waiting_verification": (
        "Menunggu verifikasi: pembayaran {method} dengan referensi {reference} belum bisa "
        "dipastikan tanpa internet. Kantor pusat akan memeriksanya.",
        "Waiting for verification: a {method} payment with reference {reference} cannot be "
        "confirmed offline. HQ will check it.",
    ),
    "payment_not_received": (
        "Pembayaran {receipt} ({method}, referensi {reference}) tidak diterima kantor pusat. "
        "Peserta harus membayar lagi.",
        "Payment {receipt} ({method}, reference {reference}) was not received by HQ. The "
        "member must pay again.",
    ),
    "pay_needs_member": (
        "Sebutkan peserta: --enrolment ID, --card TEKS-QR, atau --member NOMOR bersama --nik NIK.",
        "Name the member: --enrolment ID, --card QR-TEXT, or --member NUMBER with --nik NIK.",
    ),
    "month_invalid": (
        "Tulis bulan sebagai TTTT-BB, misalnya 2026-11.",
        "Write the month as YYYY-MM, for example 2026-11.",
    ),
    "visitor_nik_elsewhere": (
        "NIK ini sudah tercatat di laptop ini untuk peserta lain. Periksa kartu dan KTP.",
        "This NIK is already recorded on this laptop for another member. Check the card and "
        "the ID card.",
    ),
    "visitor_needs_event": (
        "Kartu ini dari meja lain. Sebutkan acara tempat pembayaran diterima (--event) dan "
        "data peserta (--nik, --name, --occupation, --income, --programmes, --paid-until).",
        "This card is from another desk. Name the event where the payment is taken (--event) "
        "and the member's details (--nik, --name, --occupation, --income, --programmes, "
        "--paid-until).",
    ),
    "visitor_needs_open_event": (
        "Buka acara tempat pembayaran ini diterima dulu.",
        "Open the event where this payment is taken first.",
    ),
    "pay_needs_months": (
        "Sebutkan jumlah bulan yang dibayar: --months 1, 3, 6 atau 12.",
        "Say how many months are paid: --months 1, 3, 6 or 12.",
    ),
}
