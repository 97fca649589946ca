"""Messages about who may do what on the desk and about the data folder itself (locks,
sign-in waits, HQ addresses, role grants), merged into `models.messages.MESSAGES`."""

from __future__ import annotations

SECURITY_MESSAGES: dict[str, tuple[str, str]] = {
    "hq_url_plain_http": (
        "Alamat kantor pusat harus https://. Alamat http:// hanya diterima untuk komputer ini sendiri (localhost), atau bila supervisor mengizinkannya dengan pengaturan allow_plain_http.",
        "The HQ address must be https://. An http:// address is accepted only for this computer itself (localhost), or when a supervisor allows it with the allow_plain_http setting.",
    ),
    "folder_busy_restore": (
        "Folder data sedang dipakai (jendela Sigap atau perintah lain masih berjalan). Tutup semuanya dulu, lalu pulihkan lagi. Tidak ada yang diubah.",
        "The data folder is in use (the Sigap window or another command is still running). Close them first, then restore again. Nothing was changed.",
    ),
    "folder_restoring": (
        "Cadangan sedang dipulihkan di folder data ini. Tunggu sampai selesai, lalu coba lagi.",
        "A backup is being restored in this data folder. Wait until it is done, then try again.",
    ),
    "audit_head_missing": (
        "Jejak audit tidak lagi memuat entri {head} yang pernah dicatat (di penutupan harian atau di kantor pusat): jejak audit telah dipotong atau ditulis ulang. Laporkan ke supervisor dan TI cabang.",
        "The audit trail no longer holds entry {head}, written down earlier (on a day closing or at HQ): the trail was cut short or rewritten. Report it to a supervisor and branch IT.",
    ),
    "role_grant_unsigned": (
        "Peran supervisor akun {officer_id} tidak ditandatangani oleh supervisor di laptop ini, jadi tidak berlaku. Minta supervisor mengatur ulang akun ini.",
        "The supervisor role of account {officer_id} is not signed by a supervisor on this laptop, so it does not count. Ask a supervisor to set this account up again.",
    ),
    "member_block_overlaps": (
        "Blok nomor peserta dari kantor pusat ({first}–{last}) berisi {used} nomor yang sudah dipakai di laptop ini; nomor itu dilewati. Laporkan ke kantor pusat.",
        "The member number block from HQ ({first}–{last}) holds {used} numbers already used on this laptop; they are skipped. Report it to HQ.",
    ),
    "numbers_behind_high_water": (
        "Basis data ini di belakang nomor terakhir yang pernah dipakai di laptop ini (cadangan lama dipulihkan?). Nomor berikutnya dilanjutkan setelah nomor tertinggi, tidak diulang.",
        "This database is behind the last number ever used on this laptop (an old backup restored?). Numbering carries on after the highest one, never repeating.",
    ),
    "hq_answer_too_large": (
        "Jawaban kantor pusat terlalu besar atau terlalu lambat; data tetap dalam antrean dan dikirim lagi nanti.",
        "HQ's answer was too large or too slow; records stay queued and are sent again later.",
    ),
}
