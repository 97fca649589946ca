"""Every message the core shows, in Indonesian and English, by stable code.

Placeholders are named; `{x:money}` writes rupiah for the language. Messages say what to
fix and never repeat the personal data typed. The Qt interface shows these same texts.
"""

from __future__ import annotations

import string
from typing import Any

from models.member_numbers import is_provisional, member_reference
from models.messages_security import SECURITY_MESSAGES
from models.money import rupiah
from models.payment_messages import PAYMENT_MESSAGES

LANGUAGES = ("id", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # NIK
    "nik_required": ("NIK wajib diisi.", "The NIK is required."),
    "nik_not_digits": ("NIK hanya boleh berisi angka.", "The NIK may contain digits only."),
    "nik_length": (
        "NIK harus 16 angka; yang diketik {length} angka.",
        "The NIK must be 16 digits; {length} were typed.",
    ),
    "nik_region_unknown": (
        "Enam angka pertama NIK bukan kode kecamatan yang dikenal. Periksa NIK di KTP.",
        "The first six digits of the NIK are not a known district code. Check the NIK on the ID card.",
    ),
    "nik_date_invalid": (
        "Angka tanggal lahir di dalam NIK (angka ke-7 sampai ke-12) bukan tanggal yang mungkin. Periksa NIK di KTP.",
        "The birth date inside the NIK (digits 7 to 12) is not a possible date. Check the NIK on the ID card.",
    ),
    "nik_serial_zero": (
        "Empat angka terakhir NIK tidak boleh 0000. Periksa NIK di KTP.",
        "The last four digits of the NIK cannot be 0000. Check the NIK on the ID card.",
    ),
    "nik_birth_date_mismatch": (
        "Tanggal lahir tidak cocok dengan NIK. Samakan dengan tanggal lahir di KTP.",
        "The birth date does not match the NIK. Use the birth date on the ID card.",
    ),
    "nik_birth_date_needs_approval": (
        "Tanggal lahir tidak cocok dengan NIK. Bila KTP memang menulis tanggal ini (NIK tidak diganti saat tanggal lahir dibetulkan), supervisor yang melihat KTP-nya menyetujui saat disimpan; bila tidak, samakan dengan tanggal lahir di KTP.",
        "The birth date does not match the NIK. If the ID card does show this date (a NIK is not reissued when a birth date is corrected), a supervisor who sees the card approves it when saving; otherwise use the birth date on the ID card.",
    ),
    "nik_birth_date_approved": (
        "Tanggal lahir berbeda dengan NIK; tanggal di KTP disimpan dengan persetujuan supervisor.",
        "The birth date differs from the NIK; the date on the ID card is kept with a supervisor's approval.",
    ),
    "nik_birth_date_approval_title": (
        "Tanggal lahir berbeda dengan NIK",
        "Birth date differs from the NIK",
    ),
    "nik_birth_date_approval_button": ("Setujui dan simpan", "Approve and save"),
    "nik_birth_date_approval_prompt": (
        "Tanggal lahir yang diketik berbeda dengan angka tanggal di NIK. NIK tidak diganti saat tanggal lahir dibetulkan, jadi hal ini bisa benar. Supervisor melihat KTP-nya: bila tanggal di KTP sama dengan yang diketik, setujui; data disimpan dengan tanggal KTP dan nama supervisor.",
        "The birth date typed differs from the date in the NIK's digits. A NIK is not reissued when a birth date is corrected, so this can be right. A supervisor looks at the ID card: if its date is the one typed, approve; the record keeps the card's date and the supervisor's name.",
    ),
    "nik_birth_date_enrol_at_desk": (
        "Tanggal lahir berbeda dengan angka tanggal di NIK. Dari daftar mitra hal ini tidak bisa diterima karena belum ada yang melihat KTP-nya: daftarkan orang ini di meja pendaftaran, dengan KTP.",
        "The birth date differs from the date in the NIK's digits. It cannot be accepted from a partner's list because nobody has seen the ID card: enrol this person at the desk, with the card.",
    ),
    "nik_district_unknown": (
        "Kode kecamatan NIK (angka ke-5 dan ke-6) tidak ada di daftar wilayah; mungkin kecamatan lama yang sudah dipecah atau diganti kodenya. Tidak apa-apa bila sama dengan KTP.",
        "The NIK's district code (digits 5 and 6) is not in the region list; it may be an old district since split or renumbered. That is fine if it matches the ID card.",
    ),
    "nik_gender_mismatch": (
        "Jenis kelamin tidak cocok dengan NIK. Periksa jenis kelamin di KTP.",
        "The sex does not match the NIK. Check the sex on the ID card.",
    ),
    "nik_district_mismatch": (
        "Kecamatan alamat berbeda dengan kecamatan penerbit NIK. Tidak apa-apa bila peserta sudah pindah; bila tidak, periksa alamatnya.",
        "The address district differs from the district that issued the NIK. That is fine if the person has moved; otherwise check the address.",
    ),
    "nik_already_enrolled": (
        "NIK ini sudah terdaftar di laptop ini (nomor peserta {member_number:member}, tanggal {recorded_on}). Buka data yang ada, jangan daftar ulang.",
        "This NIK is already enrolled on this laptop (member number {member_number:member}, on {recorded_on}). Open the existing record instead of enrolling again.",
    ),
    # Person
    "field_required": ("Wajib diisi.", "Required."),
    "name_required": ("Nama wajib diisi.", "The name is required."),
    "name_too_long": (
        "Nama paling banyak {max} huruf.",
        "The name can be at most {max} characters.",
    ),
    "name_invalid_chars": (
        "Nama hanya boleh berisi huruf, spasi, titik, koma, tanda hubung dan apostrof.",
        "A name may contain only letters, spaces, full stops, commas, hyphens and apostrophes.",
    ),
    "text_too_long": ("Paling banyak {max} huruf.", "At most {max} characters."),
    "text_invalid_chars": (
        "Ada karakter yang tidak boleh dipakai.",
        "Contains characters that are not allowed.",
    ),
    "gender_invalid": ("Isi L (laki-laki) atau P (perempuan).", "Enter M (male) or F (female)."),
    "age_too_young": (
        "Peserta harus berumur paling sedikit {min} tahun.",
        "The applicant must be at least {min} years old.",
    ),
    "age_too_old": (
        "Peserta harus berumur di bawah {max} tahun.",
        "The applicant must be under {max} years old.",
    ),
    "phone_invalid": (
        "Nomor HP tidak dikenali. Tulis seperti 0812xxxxxxxx, 62812xxxxxxxx atau +62812xxxxxxxx.",
        "The phone number is not recognised. Write it like 0812xxxxxxxx, 62812xxxxxxxx or +62812xxxxxxxx.",
    ),
    "phone_not_indonesian": (
        "Hanya nomor Indonesia (+62) yang diterima.",
        "Only Indonesian numbers (+62) are accepted.",
    ),
    "rt_rw_invalid": (
        "RT/RW berupa angka 0 sampai 999 (000 seperti tertulis di KTP).",
        "RT/RW is a number from 0 to 999 (000 as printed on the ID card).",
    ),
    "village_unknown": (
        "Kode desa/kelurahan tidak dikenal. Pilih dari daftar wilayah (contoh 31.72.01.1001).",
        "Unknown village code. Choose it from the region list (for example 31.72.01.1001).",
    ),
    "occupation_unknown": (
        "Kode pekerjaan tidak ada di katalog pekerjaan.",
        "The occupation code is not in the occupation catalogue.",
    ),
    "income_too_low": (
        "Penghasilan yang dilaporkan paling sedikit {minimum:money} sebulan.",
        "The declared income must be at least {minimum:money} a month.",
    ),
    "scheme_outside_area": (
        "Skema {scheme} hanya membayar warga {area}; tempat acara ini di luar wilayah itu. Pilih tempat di wilayah skema, skema lain, atau acara tanpa skema.",
        "The {scheme} scheme pays only for residents of {area}; this event's place is outside that area. Choose a place in the scheme's area, another scheme, or an event without a scheme.",
    ),
    "scheme_area_nik": (
        "NIK ini diterbitkan di luar wilayah skema {scheme} ({area}). Skema membayar warga wilayahnya: periksa KTP dan alamat peserta.",
        "This NIK was issued outside the {scheme} scheme's area ({area}). The scheme pays for residents of its area: check the ID card and the address.",
    ),
    "scheme_area_address": (
        "Alamat ini di luar wilayah skema {scheme} ({area}). Skema membayar warga wilayahnya: periksa alamat peserta.",
        "This address is outside the {scheme} scheme's area ({area}). The scheme pays for residents of its area: check the address.",
    ),
    "income_too_high": (
        "Penghasilan yang dilaporkan paling banyak {maximum:money} sebulan (batas atas tabel iuran BPU). Bila penghasilannya lebih besar, laporkan {maximum:money}.",
        "The declared income can be at most {maximum:money} a month (the top of the BPU contribution table). If the income is higher, declare {maximum:money}.",
    ),
    # The price explained (models/enrolments/pricing.py amount_line)
    "months_one": ("1 bulan", "1 month"),
    "months_many": ("{months} bulan", "{months} months"),
    "relief_note": ("(keringanan {regulation})", "({regulation} relief)"),
    "income_invalid": (
        "Penghasilan harus angka rupiah bulat, misalnya 1.500.000.",
        "The income must be a whole rupiah amount, for example 1,500,000.",
    ),
    # Heirs
    "heir_required": (
        "Isi paling sedikit satu ahli waris (nama dan hubungan).",
        "Enter at least one heir (name and relationship).",
    ),
    "heir_is_member": (
        "Ahli waris tidak boleh peserta itu sendiri.",
        "The heir cannot be the member themselves.",
    ),
    "relationship_unknown": (
        "Hubungan tidak dikenal. Yang diterima: suami, istri, anak, ayah, ibu, orang tua, kakek, nenek, cucu, kakak, adik, saudara kandung, mertua, penerima wasiat (boleh ditambah kandung, laki-laki atau perempuan).",
        "Unknown relationship. Accepted: spouse, husband, wife, child, son, daughter, father, mother, parent, grandparent, grandchild, brother, sister, sibling, parent-in-law, named in a will.",
    ),
    # Programmes, money, payer
    "programme_unknown": ("Program tidak dikenal: {names}.", "Unknown programme: {names}."),
    "programme_mandatory": (
        "Program {names} wajib untuk peserta BPU.",
        "The {names} programmes are required for informal workers.",
    ),
    "months_invalid": (
        "Jumlah bulan harus salah satu dari {allowed}.",
        "The number of months must be one of {allowed}.",
    ),
    "method_invalid": (
        "Cara bayar harus tunai atau transfer.",
        "The payment method must be cash or transfer.",
    ),
    "payer_invalid": (
        "Pembayar harus peserta sendiri atau skema sponsor.",
        "The payer must be the worker or a sponsor scheme.",
    ),
    "consent_required": (
        "Peserta harus menyetujui pemrosesan data pribadinya; centang persetujuan setelah membacakannya.",
        "The applicant must consent to the processing of their personal data; tick consent after reading it out.",
    ),
    # Events
    "event_closed": (
        "Acara ini sudah ditutup dan tidak menerima pendaftaran baru.",
        "This event is closed and takes no new enrolments.",
    ),
    "event_unknown": (
        "Tidak ada acara dengan id {event_id}.",
        "There is no event with id {event_id}.",
    ),
    "event_already_closed": ("Acara ini sudah ditutup.", "This event is already closed."),
    "event_dates_reversed": (
        "Tanggal selesai tidak boleh sebelum tanggal mulai.",
        "The end date cannot be before the start date.",
    ),
    "event_region_invalid": (
        "Lokasi acara harus kode kecamatan atau desa/kelurahan yang berlaku (contoh 35.77.01).",
        "The event location must be a current district or village code (for example 35.77.01).",
    ),
    "branch_missing": (
        "Kode kantor cabang belum diatur. Isi kode cabang (huruf/angka, 2–20).",
        "The branch office code is not set. Enter the branch code (letters/digits, 2–20).",
    ),
    "event_scheme_has_enrolments": (
        "Skema acara tidak bisa diubah: sudah ada peserta yang didaftarkan di acara ini.",
        "The event's scheme cannot be changed: people are already enrolled at this event.",
    ),
    "event_field_not_correctable": (
        "Bagian acara ini tidak bisa dikoreksi.",
        "This part of an event cannot be corrected.",
    ),
    "event_correction_empty": (
        "Tidak ada yang berubah: ubah dulu data acaranya.",
        "Nothing changed: change the event's details first.",
    ),
    "event_has_no_scheme": (
        "Acara ini tidak punya skema sponsor; pilih peserta bayar sendiri.",
        "This event has no sponsor scheme; choose self-paid.",
    ),
    # Schemes
    "scheme_unknown": ("Skema sponsor tidak dikenal.", "Unknown sponsor scheme."),
    "scheme_programmes": (
        "Skema ini hanya membayar program {programmes}.",
        "This scheme pays only for {programmes}.",
    ),
    "scheme_months": (
        "Skema ini membayar {months} bulan.",
        "This scheme pays for {months} months.",
    ),
    "scheme_occupation": (
        "Pekerjaan ini tidak termasuk dalam skema {scheme}. Pilih pekerjaan yang sesuai atau daftarkan sebagai bayar sendiri.",
        "This occupation is not covered by the {scheme} scheme. Choose the right occupation or enrol as self-paid.",
    ),
    "scheme_quota_full": (
        "Kuota skema {scheme} sudah penuh: {used} dari {quota} terpakai, sisa 0.",
        "The {scheme} scheme's quota is full: {used} of {quota} used, 0 left.",
    ),
    "scheme_budget_short": (
        "Sisa anggaran skema {scheme} {remaining:money}, tidak cukup untuk iuran {amount:money}.",
        "The {scheme} scheme has {remaining:money} of budget left, not enough for a contribution of {amount:money}.",
    ),
    "scheme_budget_used_up": (
        "Anggaran skema {scheme} sudah habis (sisa {remaining:money}). Daftarkan sebagai bayar sendiri atau tanyakan sponsor.",
        "The {scheme} scheme's budget is used up ({remaining:money} left). Enrol as self-paid or ask the sponsor.",
    ),
    "scheme_not_eligible": (
        "NIK ini tidak ada di daftar penerima skema {scheme} (misalnya DTSEN). Daftarkan sebagai bayar sendiri atau minta daftar terbaru.",
        "This NIK is not on the {scheme} scheme's eligibility list (for example DTSEN). Enrol as self-paid or ask for the latest list.",
    ),
    # What the enrolment form says before a message (services/enrolment_form.py)
    "not_eligible_here": (
        "Tidak bisa didaftarkan di acara ini: {reason}",
        "Cannot be enrolled at this event: {reason}",
    ),
    "form_warning": ("Perhatian: {message}", "Warning: {message}"),
    # Officers and payments
    "officer_id_invalid": (
        "Id petugas 2–32 huruf/angka (boleh . _ -).",
        "An officer id is 2–32 letters or digits (. _ - allowed).",
    ),
    "role_invalid": (
        "Peran harus officer atau supervisor.",
        "The role must be officer or supervisor.",
    ),
    "passphrase_too_short": (
        "Kata sandi paling sedikit {min} karakter.",
        "The passphrase must be at least {min} characters.",
    ),
    "passphrases_differ": ("Kedua kata sandi tidak sama.", "The two passphrases differ."),
    "officer_exists": (
        "Petugas dengan id {officer_id} sudah ada.",
        "An officer with id {officer_id} already exists.",
    ),
    "officer_missing": (
        "Sebutkan petugas yang bekerja dengan --officer ID (atau SIGAP_OFFICER).",
        "Name the officer at work with --officer ID (or SIGAP_OFFICER).",
    ),
    "officer_unknown": (
        "Petugas {officer_id} tidak dikenal atau tidak aktif. Tambahkan dengan 'officer add'.",
        "Officer {officer_id} is unknown or inactive. Add them with 'officer add'.",
    ),
    # Passphrases, keys and the encrypted database
    "passphrase_too_simple": (
        "Kata sandi terlalu mudah ditebak: pakai paling sedikit {distinct} karakter berbeda, jangan memuat id petugas atau kata sandi umum. Contoh bentuk yang baik: tiga kata dan angka, kopi-pagi-pasar-27.",
        "The passphrase is too easy to guess: use at least {distinct} different characters, not the officer id, not a common password. A good shape: three words and a number, kopi-pagi-pasar-27.",
    ),
    "passphrase_wrong": (
        "Id petugas atau kata sandi salah.",
        "The officer id or the passphrase is wrong.",
    ),
    "passphrase_wrong_wait": (
        "Id petugas atau kata sandi salah. Coba lagi dalam {seconds} detik.",
        "The officer id or the passphrase is wrong. Try again in {seconds} seconds.",
    ),
    "passphrase_wait": (
        "Terlalu banyak kata sandi salah. Tunggu {seconds} detik lalu coba lagi.",
        "Too many wrong passphrases. Wait {seconds} seconds, then try again.",
    ),
    "officer_locked": (
        "Akun ini terkunci setelah terlalu banyak kata sandi salah. Minta supervisor membukanya di menu Petugas.",
        "This account is locked after too many wrong passphrases. Ask a supervisor to unlock it under Officers.",
    ),
    "supervisor_locked": (
        "Akun supervisor ini terkunci setelah terlalu banyak kata sandi salah. Coba lagi dalam {minutes} menit, atau minta supervisor lain membukanya.",
        "This supervisor account is locked after too many wrong passphrases. Try again in {minutes} minutes, or ask another supervisor to unlock it.",
    ),
    "officer_no_key": (
        "Akun {officer_id} belum punya kunci di laptop ini. Minta supervisor mengatur ulang kata sandinya di menu Petugas.",
        "Account {officer_id} has no key on this laptop yet. Ask a supervisor to reset its passphrase under Officers.",
    ),
    "grant_key_needed": (
        "Supervisor yang menyetujui belum memegang kunci hak supervisor laptop ini, jadi hak supervisor tidak bisa diberikan (supervisor baru, atau kata sandi baru untuk supervisor lain). Minta supervisor yang memegangnya menyetujui (atau mengatur ulang kata sandi Anda: sesudah itu Anda ikut memegangnya).",
        "The approving supervisor does not hold this laptop's supervisor grant key yet, so a supervisor's role cannot be granted (a new supervisor, or a new passphrase for another supervisor). Ask a supervisor who holds it to approve (or to reset your passphrase: you then hold it too).",
    ),
    "needs_supervisor": (
        "Hanya supervisor yang boleh melakukan ini. Minta supervisor masuk atau menyetujui dengan kata sandinya.",
        "Only a supervisor may do this. Ask a supervisor to sign in or approve with their passphrase.",
    ),
    # Settings a supervisor changes (services/settings.py)
    "setting_unknown": (
        "Tidak ada pengaturan bernama {key}. Lihat daftarnya dengan `settings`.",
        "There is no setting called {key}. List them with `settings`.",
    ),
    "setting_invalid": (
        "{key} harus bilangan bulat dari {lowest} sampai {highest}.",
        "{key} must be a whole number from {lowest} to {highest}.",
    ),
    "setting_invalid_text": (
        "{key} terlalu panjang atau berisi baris baru.",
        "{key} is too long or contains a line break.",
    ),
    "hq_url_invalid": (
        "Alamat kantor pusat harus alamat web http:// atau https://, misalnya https://hq.contoh.id.",
        "The HQ address must be an http:// or https:// web address, for example https://hq.contoh.id.",
    ),
    "passphrase_needed": (
        "Kata sandi petugas diperlukan untuk membuka data. Ketik saat diminta, atau isi SIGAP_PASSPHRASE.",
        "The officer's passphrase is needed to open the data. Type it when asked, or set SIGAP_PASSPHRASE.",
    ),
    "first_officer_supervisor": (
        "Akun pertama di laptop ini harus supervisor (--role supervisor).",
        "The first account on this laptop must be a supervisor (--role supervisor).",
    ),
    "officer_not_self": (
        "Akun sendiri tidak bisa dinonaktifkan; minta supervisor lain.",
        "You cannot deactivate your own account; ask another supervisor.",
    ),
    "last_supervisor": (
        "Ini supervisor aktif terakhir di laptop ini; tambahkan supervisor lain dulu.",
        "This is the last active supervisor on this laptop; add another supervisor first.",
    ),
    "desk_not_set_up": (
        "Laptop ini belum disiapkan untuk Sigap. Jalankan Sigap untuk membuat akun supervisor pertama (atau 'officer add --role supervisor').",
        "This laptop is not set up for Sigap yet. Start Sigap to create the first supervisor account (or 'officer add --role supervisor').",
    ),
    "passphrase_prompt": ("Kata sandi {officer_id}: ", "Passphrase of {officer_id}: "),
    "keys_missing": (
        "Berkas kunci sigap.keys tidak ada di folder data, jadi data terenkripsi tidak bisa dibuka. Kembalikan berkas itu atau pulihkan cadangan bersama kuncinya.",
        "The key file sigap.keys is missing from the data folder, so the encrypted data cannot be opened. Put the file back or restore a backup with its keys.",
    ),
    "keys_damaged": (
        "Berkas kunci sigap.keys rusak. Jangan hapus apa pun; hubungi TI cabang.",
        "The key file sigap.keys is damaged. Delete nothing; call branch IT.",
    ),
    "keys_version": (
        "Berkas kunci dibuat oleh versi Sigap lain (versi {version}). Pasang Sigap terbaru.",
        "The key file was made by another version of Sigap (version {version}). Install the latest Sigap.",
    ),
    "keys_exist": (
        "Folder data ini sudah punya kunci; laptop ini sudah disiapkan.",
        "This data folder already has keys; this laptop is already set up.",
    ),
    "database_not_encrypted": (
        "Basis data di folder ini tidak terenkripsi. Sigap tidak akan menulis data pribadi tanpa enkripsi; hubungi TI cabang.",
        "The database in this folder is not encrypted. Sigap will not write personal data unencrypted; call branch IT.",
    ),
    "encryption_unavailable": (
        "Enkripsi basis data (SQLCipher) tidak tersedia di pemasangan ini. Pasang ulang Sigap; data tidak dibuka tanpa enkripsi.",
        "Database encryption (SQLCipher) is not available in this installation. Reinstall Sigap; data is not opened without encryption.",
    ),
    "database_key_wrong": (
        "Kunci tidak cocok dengan basis data ini (berkas kunci dari laptop lain?). Tidak ada yang diubah.",
        "The key does not match this database (a key file from another laptop?). Nothing was changed.",
    ),
    "database_missing": (
        "Basis data sigap.db tidak ada di folder data, padahal kuncinya ada. Sigap tidak membuat basis data kosong baru: pulihkan cadangan terbaru.",
        "The database sigap.db is missing from the data folder although its keys are there. Sigap does not start an empty one: restore the newest backup.",
    ),
    "database_damaged": (
        "Basis data rusak (pemeriksaan integritas gagal). Sigap berhenti menulis agar tidak memperparah. Pulihkan cadangan terbaru yang baik.",
        "The database is damaged (the integrity check failed). Sigap has stopped writing so as not to make it worse. Restore the newest good backup.",
    ),
    "already_running": (
        "Sigap sudah berjalan untuk folder data ini. Pakai jendela yang sudah terbuka, atau tutup dulu lalu mulai lagi.",
        "Sigap is already running on this data folder. Use the window that is open, or close it first and start again.",
    ),
    "disk_full": (
        "Disk penuh: data TIDAK tersimpan. Isian formulir tetap ada. Kosongkan ruang disk (hapus berkas yang tidak perlu) lalu simpan lagi.",
        "The disk is full: the record was NOT saved. The form keeps everything. Free some disk space (delete files you do not need), then save again.",
    ),
    "void_needs_supervisor": (
        "Pembatalan pembayaran harus disetujui supervisor.",
        "Voiding a payment needs a supervisor's approval.",
    ),
    "payment_unknown": (
        "Tidak ada pembayaran dengan id {payment_id}.",
        "There is no payment with id {payment_id}.",
    ),
    "payment_already_void": ("Pembayaran ini sudah dibatalkan.", "This payment is already void."),
    "receipt_unknown": (
        "Tidak ada kwitansi dengan nomor itu di laptop ini. Periksa nomornya, misalnya KW-1A2B3C4D-000001.",
        "There is no receipt with that number on this laptop. Check the number, for example KW-1A2B3C4D-000001.",
    ),
    # Corrections
    "enrolment_unknown": (
        "Tidak ada pendaftaran dengan id {enrolment_id}.",
        "There is no enrolment with id {enrolment_id}.",
    ),
    "correction_nik_refused": (
        "NIK tidak bisa diubah dengan koreksi. Bila NIK salah, batalkan pendaftaran ini lalu daftarkan ulang dengan NIK yang benar.",
        "The NIK cannot be changed by a correction. If the NIK is wrong, void this enrolment and enrol the person again with the right NIK.",
    ),
    "correction_field_not_allowed": (
        "Isian {field} tidak bisa dikoreksi.",
        "The field {field} cannot be corrected.",
    ),
    "correction_reason_required": (
        "Tulis alasan koreksi, misalnya salah ketik saat pendaftaran.",
        "Write the reason for the correction, for example a typing mistake at enrolment.",
    ),
    "correction_no_changes": (
        "Tidak ada isian yang berubah, jadi tidak ada koreksi yang disimpan.",
        "No field was changed, so no correction was saved.",
    ),
    "validation_failed": (
        "Ada {count} isian yang perlu diperbaiki.",
        "{count} fields need fixing.",
    ),
    # Membership cards: printing and checking a card (models/cards.py, models/signing.py)
    "cards_none": (
        "Tidak ada kartu untuk dicetak: pilihan ini tidak berisi pendaftaran.",
        "There are no cards to print: this selection holds no enrolments.",
    ),
    "card_enrolment_not_in_event": (
        "Peserta {member_number:member} bukan bagian dari acara ini.",
        "Member {member_number:member} is not part of this event.",
    ),
    "card_genuine": (
        "Kartu asli: dibuat dan ditandatangani di laptop ini.",
        "Genuine card: made and signed on this laptop.",
    ),
    "card_not_sigap": (
        "Teks ini bukan kode QR kartu peserta Sigap. Pindai kode QR di depan kartu.",
        "This text is not the QR code of a Sigap membership card. Scan the QR code on the front of the card.",
    ),
    "card_signature_invalid": (
        "Kartu ini TIDAK terbukti asli: tanda tangan digitalnya tidak cocok. Pindai sekali lagi; bila tetap gagal, kartu ini diubah atau dicetak di laptop lain, jadi periksa KTP pemegangnya.",
        "This card is NOT proven genuine: its digital signature does not match. Scan it once more; if it still fails, the card was altered or printed on another laptop, so check the holder's ID card.",
    ),
    "card_enrolment_missing": (
        "Tanda tangan kartu asli, tetapi pendaftarannya tidak ada di laptop ini. Periksa apakah data laptop ini dipulihkan dari cadangan lama.",
        "The card's signature is genuine, but its enrolment is not on this laptop. Check whether this laptop's data was restored from an old backup.",
    ),
    "card_number_assigned": (
        "Kartu ini memakai nomor sementara, dan nomor peserta sudah terbit. Cetak kartu baru.",
        "This card shows a provisional number, and the member number has been assigned since. Print a new card.",
    ),
    "card_number_differs": (
        "Nomor di kartu berbeda dengan nomor peserta di laptop ini. Cetak kartu baru.",
        "The number on the card differs from the member number on this laptop. Print a new card.",
    ),
    "card_no_payment": (
        "Belum ada pembayaran iuran yang tercatat untuk peserta ini.",
        "No contribution payment is recorded for this member yet.",
    ),
    "card_paid_up": (
        "Iuran bulan ini sudah dibayar.",
        "This month's contribution is paid.",
    ),
    "card_in_arrears": (
        "Iuran tertunggak {months} bulan. Kepesertaan masih aktif; minta peserta membayar iuran.",
        "Contributions are overdue (unpaid months: {months}). The membership still holds; ask the member to pay.",
    ),
    "card_lapsed": (
        "Kepesertaan tidak aktif: iuran tidak dibayar lebih dari {lapse_after} bulan. Minta peserta menghubungi kantor cabang untuk mengaktifkannya kembali.",
        "The membership has lapsed: contributions went unpaid for more than {lapse_after} months. Ask the member to contact a branch office to reactivate it.",
    ),
    # Imports
    "file_unreadable": (
        "Berkas tidak bisa dibaca sebagai CSV atau XLSX: {reason}",
        "The file cannot be read as CSV or XLSX: {reason}",
    ),
    "file_not_found": ("Berkas tidak ditemukan: {path}", "File not found: {path}"),
    "file_type": (
        "Jenis berkas tidak didukung; gunakan .csv atau .xlsx.",
        "Unsupported file type; use .csv or .xlsx.",
    ),
    "file_not_regular": (
        "{path} bukan berkas biasa (misalnya pipa atau perangkat); pilih berkas .csv atau .xlsx yang tersimpan di disk.",
        "{path} is not an ordinary file (a pipe or a device, for example); choose a .csv or .xlsx file saved on disk.",
    ),
    "file_too_big": (
        "Berkas lebih besar dari {limit_mb} MB; bagi daftar menjadi beberapa berkas.",
        "The file is larger than {limit_mb} MB; split the list into several files.",
    ),
    "too_many_rows": (
        "Berkas berisi lebih dari {limit} baris; bagi daftar menjadi beberapa berkas.",
        "The file holds more than {limit} rows; split the list into several files.",
    ),
    "too_many_columns": (
        "Baris judul berisi lebih dari {limit} kolom; hapus kolom yang tidak dipakai.",
        "The header row holds more than {limit} columns; delete the columns not used.",
    ),
    "xlsx_too_big": (
        "Isi spreadsheet ini, bila dibuka, lebih besar dari {limit_mb} MB (berkas rusak atau sengaja dibuat begitu). Simpan ulang sebagai CSV, atau bagi daftarnya.",
        "This spreadsheet unpacks to more than {limit_mb} MB (a damaged or deliberately crafted file). Save it again as CSV, or split the list.",
    ),
    "xlsx_unsafe": (
        "Spreadsheet ini memuat deklarasi XML yang tidak dipakai spreadsheet biasa; berkas tidak dibaca. Simpan ulang dari program spreadsheet.",
        "This spreadsheet holds XML declarations no ordinary spreadsheet uses; the file was not read. Save it again from a spreadsheet program.",
    ),
    "xlsx_no_sheet": (
        "Spreadsheet ini tidak berisi lembar kerja.",
        "This spreadsheet holds no worksheet.",
    ),
    "cell_too_long": (
        "Isi sel lebih dari {limit} huruf; sel ini tidak dibaca.",
        "The cell holds more than {limit} characters; it was not read.",
    ),
    "row_too_long": (
        "Baris ini terlalu panjang untuk dibaca; baris tidak disimpan.",
        "This row is too long to read; it was not saved.",
    ),
    "quote_unclosed": (
        "Tanda kutip (\") di baris ini tidak ditutup; baris tidak disimpan. Setiap baris daftar harus satu baris berkas.",
        "A quote mark (\") in this row is not closed; the row was not saved. Each row of the list must be one line of the file.",
    ),
    "mixed_encoding": (
        "Sebagian besar berkas tersimpan sebagai UTF-8, tetapi baris {lines} tidak; baris itu dibaca sebagai Windows-1252. Periksa nama di baris itu.",
        "Most of the file is saved as UTF-8, but lines {lines} are not; those lines were read as Windows-1252. Check the names on them.",
    ),
    "import_report_listed": (
        "Laporan di atas hanya memuat {listed} baris pertama tiap jenis (jumlahnya tetap lengkap). Impor lagi dengan --report BERKAS.csv untuk laporan semua baris; berkas yang sama tidak menyimpan apa pun dua kali.",
        "The report above lists the first {listed} rows of each kind (its counts are complete). Import again with --report FILE.csv for every row; the same file saves nothing twice.",
    ),
    "import_stopped": (
        "Impor berhenti di baris {row}: {reason} Baris sebelumnya sudah disimpan atau dilaporkan; baris sesudahnya belum dibaca.",
        "The import stopped at row {row}: {reason} The rows before it were saved or reported; the rows after it were not read.",
    ),
    "columns_missing": (
        "Kolom wajib tidak ada di baris judul: {columns}.",
        "Required columns are missing from the header row: {columns}.",
    ),
    "number_mangled": (
        "Angka ini sudah dirusak spreadsheet (tampil sebagai angka/notasi E). Format kolom sebagai Teks lalu ketik ulang.",
        "The spreadsheet mangled this number (stored as a number or in E notation). Format the column as Text and retype it.",
    ),
    "date_invalid": (
        "Tanggal tidak dikenali. Tulis 17/08/1990, 17-08-1990 atau 1990-08-17.",
        "The date is not recognised. Write 17/08/1990, 17-08-1990 or 1990-08-17.",
    ),
    "programmes_invalid": (
        "Program harus JKK+JKM atau JKK+JKM+JHT.",
        "Programmes must be JKK+JKM or JKK+JKM+JHT.",
    ),
    "months_not_number": ("Jumlah bulan harus 1, 3, 6 atau 12.", "Months must be 1, 3, 6 or 12."),
    "duplicate_in_device": (
        "NIK sudah terdaftar di laptop ini (nomor peserta {member_number:member}); baris ini tidak disimpan lagi.",
        "The NIK is already enrolled on this laptop (member number {member_number:member}); this row was not saved again.",
    ),
    "duplicate_in_file": (
        "NIK yang sama sudah ada di baris {first_row} berkas ini; baris ini tidak disimpan.",
        "The same NIK is already in row {first_row} of this file; this row was not saved.",
    ),
    "eligibility_duplicate": (
        "NIK sudah ada di daftar penerima skema ini.",
        "The NIK is already on this scheme's eligibility list.",
    ),
    "eligibility_name_mismatch": (
        "Nama berbeda dengan nama yang sudah tercatat di daftar penerima untuk NIK ini.",
        "The name differs from the name already on the eligibility list for this NIK.",
    ),
    "demo_not_empty": (
        "Folder data ini sudah dipakai (ada petugas atau data). Data contoh hanya diisi ke folder kosong, agar tidak tercampur dengan data asli; pakai --data-dir dengan folder baru.",
        "This data folder is already in use (it has officers or records). Demo data only goes into an empty folder, so it never mixes with real records; use --data-dir with a new folder.",
    ),
    "database_problem": (
        "Basis data tidak bisa dipakai saat ini ({reason}). Tutup Sigap lain yang memakai folder data yang sama, atau periksa ruang disk.",
        "The database cannot be used right now ({reason}). Close any other Sigap using the same data folder, or check the free disk space.",
    ),
    "database_busy": (
        "Basis data sedang dipakai program lain dan tidak bisa ditulis sekarang. Tutup Sigap lain yang memakai folder data yang sama, lalu coba lagi; tidak ada yang hilang.",
        "The database is in use by another program and cannot be written now. Close any other Sigap using the same data folder, then try again; nothing was lost.",
    ),
    "file_problem": ("Masalah berkas: {reason}.", "File problem: {reason}."),
    "export_disk_full": (
        "Disk penuh: berkas {path} TIDAK ditulis, dan tidak ada sisa setengah jadi yang tertinggal. Data di laptop tidak berubah. Kosongkan ruang disk lalu ekspor lagi.",
        "The disk is full: the file {path} was NOT written, and no half-written copy was left behind. The data on this laptop is unchanged. Free some disk space, then export again.",
    ),
    "export_type": ("Simpan sebagai .csv atau .xlsx.", "Save as .csv or .xlsx."),
    # Sync with HQ: why a cycle ended (sync.engine KINDS), registration
    "sync_offline": (
        "HQ tidak bisa dihubungi (tidak ada internet, atau jaringan meminta login dulu). Semua data tetap tersimpan di laptop ini dan dikirim saat tersambung.",
        "HQ cannot be reached (no internet, or the network wants a login first). Every record stays on this laptop and is sent once connected.",
    ),
    "sync_auth": (
        "HQ tidak mengenali perangkat ini lagi. Daftarkan ulang perangkat dengan kode pendaftaran baru dari kantor cabang; semua data tetap tersimpan.",
        "HQ no longer recognises this device. Register it again with a new registration code from the branch office; every record is kept.",
    ),
    "sync_revoked": (
        "Perangkat ini diblokir oleh HQ. Hubungi kantor cabang. Semua data tetap tersimpan di laptop ini dan tidak dikirim sampai perangkat didaftarkan ulang.",
        "HQ has revoked this device. Call the branch office. Every record stays on this laptop and nothing is sent until the device is registered again.",
    ),
    "sync_tls": (
        "Alamat HQ menunjukkan sertifikat yang tidak dipercaya laptop ini (jaringan yang menyadap sambungan, alamat HQ yang salah, atau jam laptop yang jauh meleset). Tidak ada yang dikirim; semua data tetap tersimpan. Hubungi TI cabang.",
        "HQ's address showed a certificate this laptop does not trust (a network that intercepts connections, a wrong HQ address, or a laptop clock far off). Nothing was sent; every record stays on this laptop. Call branch IT.",
    ),
    "sync_server": (
        "HQ sedang bermasalah atau sibuk. Data yang belum terkirim dicoba lagi nanti secara otomatis.",
        "HQ is having trouble or is busy. Records not sent yet are tried again later on their own.",
    ),
    "sync_app_too_old": (
        "HQ menolak kiriman dari versi Sigap ini karena sudah terlalu lama. Minta petugas TI cabang memasang versi terbaru. Semua data tetap tersimpan di laptop ini dan dikirim setelah Sigap diperbarui.",
        "HQ refuses records from this version of Sigap because it is too old. Ask the branch's IT staff to install the latest version. Every record stays on this laptop and is sent once Sigap is updated.",
    ),
    "sync_busy": (
        "Pengiriman ke HQ sedang berjalan dari jendela atau perintah lain untuk folder data ini. Tunggu sampai selesai.",
        "A sync with HQ is already running for this data folder, from another window or command. Wait until it finishes.",
    ),
    "sync_not_registered": (
        "Perangkat ini belum terdaftar di HQ. Daftarkan dengan 'register --hq URL --code KODE' memakai kode dari kantor cabang.",
        "This device is not registered with HQ yet. Register it with 'register --hq URL --code CODE' using the code from the branch office.",
    ),
    "sync_malformed": (
        "HQ tidak bisa membaca permintaan dari laptop ini. Data yang bermasalah ditahan; laporkan ke kantor cabang bila terus terjadi.",
        "HQ cannot read a request from this laptop. The records concerned are held back; tell the branch office if it keeps happening.",
    ),
    "sync_registration_code_invalid": (
        "Kode pendaftaran tidak diterima HQ. Periksa kodenya atau minta kode baru dari kantor cabang.",
        "HQ did not accept the registration code. Check the code or ask the branch office for a new one.",
    ),
    "sync_device_id_taken": (
        "HQ sudah mengenal laptop ini (ID perangkat {device}). Minta kantor cabang membuat kode pendaftaran untuk ID perangkat itu, lalu daftarkan lagi dengan kode tersebut.",
        "HQ already knows this laptop (device id {device}). Ask the branch office for a registration code issued for that device id, then register again with it.",
    ),
    "sync_hq_url_invalid": (
        "Alamat HQ harus berupa alamat web lengkap, misalnya https://hq.example.id.",
        "The HQ address must be a full web address, for example https://hq.example.id.",
    ),
    "sync_needs_review": (
        "{count} data ditolak HQ atau perlu diperiksa. Buka daftar masalah kirim untuk memperbaikinya.",
        "{count} records were refused by HQ or need review. Open the list of sync problems to fix them.",
    ),
    # Sync with HQ: why one record waits or needs the officer (models.sync_state)
    "sync_record_retry": (
        "HQ meminta data ini dikirim lagi nanti (misalnya data yang dirujuknya belum sampai). Dikirim ulang otomatis.",
        "HQ asked for this record to be sent again later (for example, a record it refers to has not arrived yet). It is resent on its own.",
    ),
    "sync_record_too_large": (
        "Data ini terlalu besar untuk diterima HQ. Laporkan ke kantor cabang; data tetap tersimpan.",
        "This record is too large for HQ to accept. Tell the branch office; the record is kept.",
    ),
    "sync_record_malformed": (
        "HQ tidak bisa membaca data ini. Dicoba lagi nanti setelah data lain terkirim.",
        "HQ cannot read this record. It is tried again after other records have gone through.",
    ),
    "sync_record_conflict": (
        "HQ sudah menyimpan data dengan id yang sama tetapi isinya berbeda. Data ini tidak dikirim lagi; minta pemeriksaan kantor cabang.",
        "HQ already holds a record with this id but different contents. It is not sent again; ask the branch office to review it.",
    ),
    "sync_record_duplicate_person": (
        "NIK ini sudah menjadi peserta aktif di HQ dengan nomor peserta {member_number}. Pendaftaran disimpan; pakai nomor itu untuk kartu.",
        "This NIK is already an active member at HQ, with member number {member_number}. The enrolment is kept; use that number for the card.",
    ),
    "member_number_clash": (
        "Nomor peserta dari HQ sudah dipakai pendaftaran lain di laptop ini, jadi belum dipasang. Laporkan ke kantor cabang.",
        "The member number from HQ is already carried by another enrolment on this laptop, so it was not set. Tell the branch office.",
    ),
    "malformed_request": (
        "HQ tidak bisa membaca data ini dan menolaknya. Perbaiki dengan koreksi data.",
        "HQ could not read this record and refused it. Fix it with a correction.",
    ),
    "rejected_after_review": (
        "Pendaftaran ini ditolak HQ setelah diperiksa. Lihat keterangan HQ dan perbaiki dengan koreksi data.",
        "HQ rejected this enrolment after review. See HQ's note and fix it with a correction.",
    ),
    # Rejection codes HQ uses (hq-api.md), shown when HQ sent no message of its own
    "hq_invalid_nik": (
        "HQ menolak NIK ini. Periksa NIK di KTP lalu perbaiki dengan koreksi data.",
        "HQ refused this NIK. Check the NIK on the ID card, then fix it with a correction.",
    ),
    "hq_invalid_field": (
        "HQ menolak salah satu isian ({field}). Perbaiki dengan koreksi data.",
        "HQ refused one of the fields ({field}). Fix it with a correction.",
    ),
    "hq_unknown_reference": (
        "HQ tidak mengenal data yang dirujuk (acara, pendaftaran atau pembayaran).",
        "HQ does not know the record this one refers to (event, enrolment or payment).",
    ),
    "hq_member_number_not_allocated": (
        "Nomor peserta ini bukan dari blok yang diberikan HQ untuk perangkat ini.",
        "This member number is not from a block HQ reserved for this device.",
    ),
    "hq_member_number_used": (
        "Nomor peserta ini sudah dipakai peserta lain di HQ.",
        "This member number is already used by another member at HQ.",
    ),
    "hq_sha256_mismatch": (
        "Isi data tidak cocok dengan sidik SHA-256-nya saat sampai di HQ. Laporkan ke kantor cabang.",
        "The record's contents did not match its SHA-256 fingerprint when they reached HQ. Tell the branch office.",
    ),
    "hq_quota_exceeded": (
        "Kuota skema sponsor di HQ sudah penuh untuk pendaftaran ini.",
        "The sponsor scheme's quota at HQ is full for this enrolment.",
    ),
    "hq_rejected": (
        "HQ menolak data ini (kode {hq_code}).",
        "HQ refused this record (code {hq_code}).",
    ),
    # Bundle for a USB stick (models/bundle.py)
    "bundle_not_registered": (
        "Daftarkan perangkat ini ke HQ terlebih dahulu: bundel dienkripsi untuk HQ dengan kunci perangkat ini.",
        "Register this device with HQ first: the bundle is encrypted for HQ with this device's key.",
    ),
    "bundle_register_again": (
        "HQ menolak perangkat ini pada sinkronisasi terakhir, jadi HQ tidak bisa menerima bundel darinya. Daftarkan ulang perangkat dengan kode dari kantor cabang, lalu buat bundel lagi.",
        "HQ refused this device at the last sync, so HQ cannot take a bundle from it. Register the device again with a code from the branch office, then export the bundle.",
    ),
    "bundle_nothing_waiting": (
        "Tidak ada data yang menunggu dikirim ke HQ, jadi bundel tidak dibuat.",
        "No records are waiting to go to HQ, so no bundle was made.",
    ),
    "bundle_write_failed": (
        "Bundel tidak bisa disimpan sebagai {path}. Periksa flashdisk masih terpasang, tidak penuh dan tidak dikunci, lalu coba lagi.",
        "The bundle could not be saved as {path}. Check that the USB stick is still plugged in, not full and not write-protected, then try again.",
    ),
    # Audit trail: whether its hash chain adds up (models/audit.py verify_chain)
    "audit_chain_ok": (
        "Catatan audit utuh: {entries} entri.",
        "The audit log is intact (entries checked: {entries}).",
    ),
    "audit_chain_broken": (
        "Catatan audit RUSAK mulai entri #{id}: {reason} Laporkan ke kantor cabang.",
        "The audit log is BROKEN from entry #{id}: {reason} Tell the branch office.",
    ),
    "audit_chain_hash_mismatch": (
        "isi entri itu diubah setelah dicatat.",
        "that entry was changed after it was written.",
    ),
    "audit_chain_prev_mismatch": (
        "entri itu tidak menyambung ke entri sebelumnya (entri sebelumnya diubah, atau urutannya dipindah).",
        "that entry does not follow the one before it (the one before was changed, or entries were moved).",
    ),
    "audit_chain_missing_entry": (
        "entri itu sudah dihapus.",
        "that entry was deleted.",
    ),
    # Backups (models/backup.py)
    "backup_damaged": (
        "Cadangan {name} rusak atau tidak terbuka dengan kunci laptop ini; tidak dipulihkan. Pilih cadangan lain.",
        "The backup {name} is damaged or does not open with this laptop's key; it was not restored. Choose another backup.",
    ),
    "backup_check_failed": (
        "Salinan cadangan tidak lolos pemeriksaan integritas, jadi tidak disimpan. Basis data tidak diubah.",
        "The backup copy failed its integrity check, so it was not kept. The database was not changed.",
    ),
    "backup_not_found": (
        "Tidak ada berkas cadangan {name}. Lihat daftarnya dengan: sigap backup list",
        "There is no backup file {name}. See the list with: sigap backup list",
    ),
    "backup_none": (
        "Tidak ada cadangan yang baik di laptop ini. Hubungi TI cabang; jangan hapus berkas apa pun di folder data.",
        "There is no good backup on this laptop. Call branch IT; do not delete any file in the data folder.",
    ),
    "backup_failed": (
        "Cadangan tidak bisa dibuat. Data yang tersimpan tidak terpengaruh; coba lagi nanti.",
        "The backup could not be made. The records already saved are not affected; try again later.",
    ),
    "backup_restore_screen": (
        "Supervisor: buka layar Cadangan (Ctrl+8), pilih cadangan terbaru yang baik, lalu Pulihkan.",
        "Supervisor: open the Backups screen (Ctrl+8), choose the newest good backup, then Restore.",
    ),
    "database_damaged_title": ("Basis data rusak", "The database is damaged"),
    "backup_restore_hint": (
        "Untuk memulihkan cadangan terbaru yang baik, supervisor menjalankan: sigap backup restore --latest --officer ID_SUPERVISOR",
        "To restore the newest good backup, a supervisor runs: sigap backup restore --latest --officer SUPERVISOR_ID",
    ),
}
MESSAGES.update(PAYMENT_MESSAGES)

MESSAGES.update(SECURITY_MESSAGES)  # who may do what, the data folder (their own module)

# A member number as every screen, document and table shows it (`member_number_text`).
MESSAGES["member_number_provisional"] = ("{number} (sementara)", "{number} (provisional)")
MESSAGES["member_number_awaited"] = ("menyusul dari kantor pusat", "to follow from HQ")


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "money":
            return rupiah(int(value), self.lang)
        if format_spec == "member":
            return member_number_text(str(value or ""), lang=self.lang)
        return str(super().format_field(value, format_spec))


def text(code: str, lang: str = "id", **params: Any) -> str:
    """The message for `code` in `lang` (Indonesian unless English is asked for)."""
    pair = MESSAGES.get(code)
    if pair is None:
        return code
    template = pair[1] if lang == "en" else pair[0]
    return str(_Formatter(lang).format(template, **params))


def member_number_text(
    member_number: str | None, enrolment_id: str | None = None, lang: str = "id"
) -> str:
    """A member number the one way an officer sees it everywhere (receipt, card, record,
    list, banners, command-line tables): the final number as it is; the provisional
    `P-XXXXXXXX` number (given, or made from `enrolment_id`) marked "(sementara)"; with
    neither, "menyusul dari kantor pusat" (to follow from HQ). `{x:member}` in a message
    does the same."""
    number = member_reference(member_number, enrolment_id)
    if not number:
        return text("member_number_awaited", lang)
    if is_provisional(number):
        return text("member_number_provisional", lang, number=number)
    return number


# The names of the desk's codes (models/vocabulary.py), in Indonesian and English: short
# labels rather than messages, so a word may read the same in both languages (NIK, RT).
LABELS: dict[str, tuple[str, str]] = {
    "gender.M": ("Laki-laki", "Male"),
    "gender.F": ("Perempuan", "Female"),
    "gender_letter.M": ("L", "M"),
    "gender_letter.F": ("P", "F"),
    "queue_state.pending": ("Menunggu", "Waiting"),
    "queue_state.synced": ("Terkirim", "Sent"),
    "queue_state.duplicate_person": ("Sudah terdaftar (duplikat)", "Already a member (duplicate)"),
    "queue_state.rejected": ("Ditolak HQ", "Rejected by HQ"),
    "queue_state.conflict": ("Konflik", "Conflict"),
    "relationship.spouse": ("Suami/istri", "Spouse"),
    "relationship.child": ("Anak", "Child"),
    "relationship.parent": ("Orang tua", "Parent"),
    "relationship.grandparent": ("Kakek/nenek", "Grandparent"),
    "relationship.grandchild": ("Cucu", "Grandchild"),
    "relationship.sibling": ("Saudara kandung", "Sibling"),
    "relationship.parent_in_law": ("Mertua", "Parent-in-law"),
    "relationship.will_named": ("Penerima wasiat", "Named in a will"),
    "field.nik": ("NIK", "NIK"),
    "field.full_name": ("Nama lengkap", "Full name"),
    "field.birth_place": ("Tempat lahir", "Place of birth"),
    "field.birth_date": ("Tanggal lahir", "Date of birth"),
    "field.gender": ("Jenis kelamin", "Sex"),
    "field.mother_maiden_name": ("Nama ibu kandung", "Mother's maiden name"),
    "field.phone": ("Nomor HP", "Mobile number"),
    "field.address.street": ("Alamat", "Address"),
    "field.address.rt": ("RT", "RT"),
    "field.address.rw": ("RW", "RW"),
    "field.address.village_code": ("Desa/kelurahan", "Village"),
    "field.occupation_code": ("Pekerjaan", "Occupation"),
    "field.heirs": ("Ahli waris", "Heirs"),
}


def label(key: str, lang: str = "id") -> str:
    """The label for `key` in `lang` (Indonesian unless English is asked for); the key itself
    when there is none."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]
