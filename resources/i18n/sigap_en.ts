<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Tentang Sigap</source>
        <translation>About Sigap</translation>
    </message>
    <message>
        <source>Meja pendaftaran luring untuk petugas lapangan BPJS Ketenagakerjaan.</source>
        <translation>Offline enrolment desk for BPJS Ketenagakerjaan field officers.</translation>
    </message>
    <message>
        <source>Folder data: {data}
Folder log: {log}</source>
        <translation>Data folder: {data}
Log folder: {log}</translation>
    </message>
    <message>
        <source>Salin info</source>
        <translation>Copy info</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Lisensi huruf, data dan pustaka yang dibawa Sigap:</source>
        <translation>Licences of the fonts, data and libraries Sigap carries:</translation>
    </message>
</context>
<context>
    <name>AddOfficerDialog</name>
    <message>
        <source>Tambah petugas</source>
        <translation>Add an officer</translation>
    </message>
    <message>
        <source>misalnya sari.w</source>
        <translation>for example sari.w</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Id petugas</source>
        <translation>Officer id</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Kata sandi ({n}+ karakter)</source>
        <translation>Passphrase ({n}+ characters)</translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Petugas baru masuk dengan id dan kata sandi ini. Kata sandinya membuka data di laptop ini, jadi berikan langsung kepadanya, jangan lewat pesan.</source>
        <translation>The new officer signs in with this id and passphrase. The passphrase opens the data on this laptop, so tell it to them in person, not in a message.</translation>
    </message>
    <message>
        <source>Petugas belum ditambahkan.</source>
        <translation>The officer was not added.</translation>
    </message>
</context>
<context>
    <name>AddressBoxes</name>
    <message>
        <source>Ketik sebagian nama…</source>
        <translation>Type part of the name…</translation>
    </message>
</context>
<context>
    <name>ApprovalBox</name>
    <message>
        <source>Persetujuan supervisor</source>
        <translation>Supervisor&apos;s approval</translation>
    </message>
    <message>
        <source>Supervisor yang menyetujui</source>
        <translation>Approving supervisor</translation>
    </message>
    <message>
        <source>Kata sandi supervisor</source>
        <translation>Supervisor&apos;s passphrase</translation>
    </message>
    <message>
        <source>Belum ada supervisor aktif di laptop ini; tindakan ini tidak bisa disetujui.</source>
        <translation>There is no active supervisor on this laptop yet; this cannot be approved.</translation>
    </message>
    <message>
        <source>Belum ada supervisor aktif di laptop ini.</source>
        <translation>There is no active supervisor on this laptop yet.</translation>
    </message>
    <message>
        <source>Kata sandi supervisor belum diisi.</source>
        <translation>The supervisor&apos;s passphrase is empty.</translation>
    </message>
    <message>
        <source>Kata sandi supervisor salah.</source>
        <translation>The supervisor&apos;s passphrase is wrong.</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Setujui</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Belum ada yang diubah.</source>
        <translation>Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>Periksa</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Hitung ulang sidik setiap entri untuk memastikan tidak ada yang diubah.</source>
        <translation>Recompute the fingerprint of every entry to make sure nothing was changed.</translation>
    </message>
    <message>
        <source>Ekspor CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>&amp;Petugas:</source>
        <translation>&amp;Officer:</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Jenis catatan</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Rincian</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Tampilkan lebih banyak</source>
        <translation>Show more</translation>
    </message>
    <message>
        <source>Semua petugas</source>
        <translation>All officers</translation>
    </message>
    <message>
        <source>{name} ({id})</source>
        <translation>{name} ({id})</translation>
    </message>
    <message>
        <source>Sistem</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Sidik: {hash}</source>
        <translation>Fingerprint: {hash}</translation>
    </message>
    <message numerus="yes">
        <source>Menampilkan %n entri terbaru.</source>
        <translation>
            <numerusform>Showing the %n newest entry.</numerusform>
            <numerusform>Showing the %n newest entries.</numerusform>
        </translation>
    </message>
    <message>
        <source>Memeriksa catatan audit…</source>
        <translation>Checking the audit trail…</translation>
    </message>
    <message>
        <source>Catatan audit tidak bisa diperiksa: {reason}</source>
        <translation>The audit trail could not be checked: {reason}</translation>
    </message>
    <message>
        <source>Ekspor catatan audit</source>
        <translation>Export the audit trail</translation>
    </message>
    <message>
        <source>Berkas CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n entri diekspor ke {path}.</source>
        <translation>
            <numerusform>%n entry exported to {path}.</numerusform>
            <numerusform>%n entries exported to {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ekspor gagal: {reason}</source>
        <translation>Export failed: {reason}</translation>
    </message>
    <message>
        <source>Mengekspor…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>BackupScreen</name>
    <message>
        <source>Sigap menyimpan salinan basis data sebelum sinkronisasi dan saat tutup hari. Salinan terenkripsi dengan kunci yang sama dan hanya terbuka dengan kata sandi petugas laptop ini (untuk laptop lain, berkas sigap.keys juga perlu dibawa).</source>
        <translation>Sigap keeps a copy of the database before syncing and at the day&apos;s close. The copies are encrypted with the same key and open only with the passphrase of an officer of this laptop (on another laptop, the sigap.keys file is needed too).</translation>
    </message>
    <message>
        <source>Buat cadangan sekarang</source>
        <translation>Make a backup now</translation>
    </message>
    <message>
        <source>Pulihkan…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>Pulihkan cadangan yang dipilih</source>
        <translation>Restore the chosen backup</translation>
    </message>
    <message>
        <source>Catatan yang dibuat setelah cadangan itu tidak ada lagi di basis data sesudah dipulihkan; basis data yang sekarang disimpan dulu sebagai cadangan “sebelum pemulihan”. Perlu persetujuan supervisor.</source>
        <translation>Records made after that backup are no longer in the database once it is restored; the current database is first kept as a “before restore” backup. Needs a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>Membuat cadangan…</source>
        <translation>Making a backup…</translation>
    </message>
    <message>
        <source>Membuat cadangan… {percent}%</source>
        <translation>Making a backup… {percent}%</translation>
    </message>
    <message>
        <source>Cadangan dibuat: {name} ({size}).</source>
        <translation>Backup made: {name} ({size}).</translation>
    </message>
    <message>
        <source>Cadangan tidak dibuat: {reason}</source>
        <translation>No backup was made: {reason}</translation>
    </message>
    <message>
        <source>Pilih dulu cadangan yang akan dipulihkan di tabel.</source>
        <translation>First choose the backup to restore in the table.</translation>
    </message>
    <message>
        <source>Tidak ada yang dipulihkan.</source>
        <translation>Nothing was restored.</translation>
    </message>
    <message>
        <source>Pulihkan cadangan</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Pulihkan cadangan {when} ({reason})? Catatan yang dibuat setelah waktu itu tidak ada lagi di basis data. Basis data yang sekarang disimpan sebagai cadangan “sebelum pemulihan”.</source>
        <translation>Restore the backup of {when} ({reason})? Records made after that time will no longer be in the database. The current database is kept as a “before restore” backup.</translation>
    </message>
    <message>
        <source>Sinkronisasi sedang berjalan. Tunggu sampai selesai, lalu coba lagi.</source>
        <translation>A sync is running. Wait until it has finished, then try again.</translation>
    </message>
    <message>
        <source>Cadangan tidak dipulihkan: {reason}</source>
        <translation>The backup was not restored: {reason}</translation>
    </message>
    <message>
        <source>Pemulihan gagal</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>Cadangan tidak dipulihkan: {reason}
Sigap membuka ulang basis data.</source>
        <translation>The backup was not restored: {reason}
Sigap opens the database again.</translation>
    </message>
    <message>
        <source>Cadangan {name} dipulihkan.</source>
        <translation>Backup {name} restored.</translation>
    </message>
    <message>
        <source>Cadangan dipulihkan</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <source>Basis data sebelumnya disimpan sebagai cadangan {name}.</source>
        <translation>The previous database was kept as backup {name}.</translation>
    </message>
    <message>
        <source>Basis data yang rusak disimpan sebagai {name}.</source>
        <translation>The damaged database was kept as {name}.</translation>
    </message>
    <message>
        <source>Cadangan {when} dipulihkan.</source>
        <translation>The backup of {when} was restored.</translation>
    </message>
    <message>
        <source>Sigap memuat ulang data sekarang.</source>
        <translation>Sigap reloads the data now.</translation>
    </message>
</context>
<context>
    <name>BackupTexts</name>
    <message>
        <source>Sebelum sinkronisasi</source>
        <translation>Before a sync</translation>
    </message>
    <message>
        <source>Tutup hari</source>
        <translation>Day close</translation>
    </message>
    <message>
        <source>Dibuat petugas</source>
        <translation>Made by an officer</translation>
    </message>
    <message>
        <source>Sebelum pemulihan</source>
        <translation>Before a restore</translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation>{n} KB</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>CardBatchDialog</name>
    <message>
        <source>Cetak kartu acara</source>
        <translation>Print the event&apos;s cards</translation>
    </message>
    <message>
        <source>Semua kartu acara ini ({n})</source>
        <translation>Every card of this event ({n})</translation>
    </message>
    <message>
        <source>Hanya yang belum dicetak ({n})</source>
        <translation>Only those not printed yet ({n})</translation>
    </message>
    <message>
        <source>Yang dipilih di daftar peserta ({n})</source>
        <translation>Those selected in the participants list ({n})</translation>
    </message>
    <message>
        <source>Kartu</source>
        <translation>Cards</translation>
    </message>
    <message>
        <source>Lembar A4, 10 kartu (cetak bolak-balik)</source>
        <translation>A4 sheets, 10 cards (print double-sided)</translation>
    </message>
    <message>
        <source>Satu kartu per halaman (printer kartu)</source>
        <translation>One card a page (card printer)</translation>
    </message>
    <message>
        <source>Tata letak</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>Buat PDF</source>
        <translation>Make PDF</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Membuat kartu…</source>
        <translation>Making the cards…</translation>
    </message>
    <message>
        <source>Membatalkan…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Kartu siap: simpan PDF atau cetak.</source>
        <translation>Cards ready: save the PDF or print.</translation>
    </message>
    <message>
        <source>Dibatalkan. Tidak ada kartu yang dicatat.</source>
        <translation>Cancelled. No card was logged.</translation>
    </message>
    <message>
        <source>Gagal membuat kartu: {error}</source>
        <translation>Could not make the cards: {error}</translation>
    </message>
    <message>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PDF tidak dapat disimpan: {error}</source>
        <translation>The PDF could not be saved: {error}</translation>
    </message>
    <message>
        <source>Tersimpan: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Mengirim ke printer…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>Pencetakan dibatalkan.</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <source>Gagal mencetak: {error}</source>
        <translation>Could not print: {error}</translation>
    </message>
    <message>
        <source>Dikirim ke printer.</source>
        <translation>Sent to the printer.</translation>
    </message>
</context>
<context>
    <name>ChangeOwnPassphraseDialog</name>
    <message>
        <source>Ganti kata sandi saya</source>
        <translation>Change my passphrase</translation>
    </message>
    <message>
        <source>Kata sandi sekarang</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <source>Kata sandi baru ({n}+ karakter)</source>
        <translation>New passphrase ({n}+ characters)</translation>
    </message>
    <message>
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Ganti</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Kata sandi baru untuk {name} ({id}).</source>
        <translation>A new passphrase for {name} ({id}).</translation>
    </message>
    <message>
        <source>Kata sandi sekarang salah.</source>
        <translation>The current passphrase is wrong.</translation>
    </message>
</context>
<context>
    <name>CheckCardDialog</name>
    <message>
        <source>Cek kartu</source>
        <translation>Check a card</translation>
    </message>
    <message>
        <source>Pindai kode QR kartu, atau tempel teksnya</source>
        <translation>Scan the card&apos;s QR code, or paste its text</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>No. peserta</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <source>Iuran s.d.</source>
        <translation>Paid until</translation>
    </message>
    <message>
        <source>Bayar iuran… (Ctrl+B)</source>
        <translation>Pay contributions… (Ctrl+B)</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Koreksi data peserta</source>
        <translation>Correct member details</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Hubungan</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>NIK (bila ada)</source>
        <translation>NIK (if known)</translation>
    </message>
    <message>
        <source>Nomor HP</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Tambah ahli waris</source>
        <translation>Add heir</translation>
    </message>
    <message>
        <source>Hapus ahli waris terpilih</source>
        <translation>Remove selected heir</translation>
    </message>
    <message>
        <source>Misalnya: salah ketik, sesuai KTP</source>
        <translation>For example: typing mistake, as on the ID card</translation>
    </message>
    <message>
        <source>NIK tidak bisa dikoreksi. Bila salah, batalkan dan daftarkan ulang.</source>
        <translation>The NIK cannot be corrected. If it is wrong, void the enrolment and enrol the person again.</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>Kode desa/kelurahan</source>
        <translation>Village code</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Ahli waris</source>
        <translation>Heirs</translation>
    </message>
    <message>
        <source>Alasan koreksi</source>
        <translation>Reason for correction</translation>
    </message>
    <message>
        <source>Simpan koreksi</source>
        <translation>Save correction</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Koreksi disimpan sebagai catatan baru dan dikirim ke kantor pusat; data yang sudah tercatat tidak ditimpa.</source>
        <translation>A correction is saved as a new record and sent to HQ; the details already recorded are not overwritten.</translation>
    </message>
    <message>
        <source>Data ini sudah diterima kantor pusat, jadi koreksinya perlu persetujuan supervisor.</source>
        <translation>HQ has already accepted this record, so correcting it needs a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>Masuk dulu sebagai petugas.</source>
        <translation>Sign in as an officer first.</translation>
    </message>
    <message>
        <source>Supervisor: lihat KTP-nya. Bila tanggal lahirnya sama, setujui di bawah dan simpan lagi.</source>
        <translation>Supervisor: look at the ID card. If its birth date is the same, approve below and save again.</translation>
    </message>
    <message>
        <source>Koreksi tidak disimpan.</source>
        <translation>The correction was not saved.</translation>
    </message>
    <message>
        <source>Ahli waris {n}: {message}</source>
        <translation>Heir {n}: {message}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Sigap — terjadi kesalahan</source>
        <translation>Sigap — something went wrong</translation>
    </message>
    <message>
        <source>Terjadi kesalahan yang tidak terduga. Sigap tetap terbuka dan data yang sudah diketik tidak hilang; simpan pekerjaan Anda seperti biasa.

Detail disimpan di {path}. Jika kesalahan ini terulang, hubungi petugas TI cabang dan berikan detailnya.</source>
        <translation>An unexpected error occurred. Sigap stays open and nothing typed is lost; save your work as usual.

The details are saved in {path}. If this happens again, contact the branch&apos;s IT staff and give them the details.</translation>
    </message>
    <message>
        <source>Salin detail</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Lihat detail</source>
        <translation>Show details</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Detail tersalin</source>
        <translation>Details copied</translation>
    </message>
</context>
<context>
    <name>Curtain</name>
    <message>
        <source>Sigap terkunci</source>
        <translation>Sigap is locked</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Belum ada acara yang dipilih. Pilih acara di layar Acara.</source>
        <translation>No event has been chosen yet. Choose one on the Events screen.</translation>
    </message>
    <message>
        <source>Peserta</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Terdaftar hari ini</source>
        <translation>Enrolled today</translation>
    </message>
    <message>
        <source>Terdaftar seluruhnya</source>
        <translation>Enrolled in total</translation>
    </message>
    <message>
        <source>Menunggu dikirim ke kantor pusat</source>
        <translation>Waiting to be sent to HQ</translation>
    </message>
    <message>
        <source>Uang diterima</source>
        <translation>Money received</translation>
    </message>
    <message>
        <source>Bayar sendiri, tunai</source>
        <translation>Self-paid, cash</translation>
    </message>
    <message>
        <source>Bayar sendiri, transfer</source>
        <translation>Self-paid, transfer</translation>
    </message>
    <message>
        <source>Dibayar sponsor</source>
        <translation>Paid by sponsor</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Skema sponsor</source>
        <translation>Sponsor scheme</translation>
    </message>
    <message>
        <source>Kuota terpakai</source>
        <translation>Quota used</translation>
    </message>
    <message>
        <source>Sisa kuota</source>
        <translation>Quota left</translation>
    </message>
    <message>
        <source>Anggaran terpakai</source>
        <translation>Budget used</translation>
    </message>
    <message>
        <source>Sisa anggaran</source>
        <translation>Budget left</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Pendaftaran</source>
        <translation>Enrolments</translation>
    </message>
    <message>
        <source>Pendaftaran per petugas</source>
        <translation>Enrolments per officer</translation>
    </message>
    <message>
        <source>Pendaftaran per jam hari ini</source>
        <translation>Enrolments per hour today</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Dasbor acara&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Event dashboard&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Dasbor: {name}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Dashboard: {name}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Angka dasbor tidak bisa dibaca: {reason}</source>
        <translation>The dashboard figures could not be read: {reason}</translation>
    </message>
    <message>
        <source>{n} peserta ({day})</source>
        <translation>{n} member(s) ({day})</translation>
    </message>
    <message>
        <source>{n} peserta</source>
        <translation>{n} member(s)</translation>
    </message>
    <message>
        <source>{n} catatan (seluruh laptop: {all})</source>
        <translation>{n} record(s) (whole laptop: {all})</translation>
    </message>
    <message>
        <source>{total} (dibatalkan: {voided})</source>
        <translation>{total} (voided: {voided})</translation>
    </message>
    <message>
        <source>Skema sponsor: {name}</source>
        <translation>Sponsor scheme: {name}</translation>
    </message>
    <message>
        <source>tanpa batas</source>
        <translation>unlimited</translation>
    </message>
    <message>
        <source>{used} dari {quota}</source>
        <translation>{used} of {quota}</translation>
    </message>
    <message>
        <source>{used} dari {budget}</source>
        <translation>{used} of {budget}</translation>
    </message>
</context>
<context>
    <name>DeskLock</name>
    <message>
        <source>Sigap terkunci</source>
        <translation>Sigap is locked</translation>
    </message>
    <message>
        <source>Sigap — terkunci</source>
        <translation>Sigap — locked</translation>
    </message>
</context>
<context>
    <name>EnrolmentForm</name>
    <message>
        <source>Buka data yang ada</source>
        <translation>Open the existing record</translation>
    </message>
    <message>
        <source>16 angka NIK di KTP</source>
        <translation>The 16-digit NIK on the ID card</translation>
    </message>
    <message>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
    <message>
        <source>L — Laki-laki</source>
        <translation>M — Male</translation>
    </message>
    <message>
        <source>P — Perempuan</source>
        <translation>F — Female</translation>
    </message>
    <message>
        <source>Ketik sebagian nama pekerjaan</source>
        <translation>Type part of the occupation&apos;s name</translation>
    </message>
    <message>
        <source>JHT (Jaminan Hari Tua, 2%)</source>
        <translation>JHT (old-age savings, 2%)</translation>
    </message>
    <message>
        <source>{n} bulan</source>
        <translation>{n} month(s)</translation>
    </message>
    <message>
        <source>Saya menyetujui data pribadi saya (NIK, nama, tanggal lahir, alamat, nomor HP, ahli waris) diproses oleh BPJS Ketenagakerjaan untuk kepesertaan jaminan sosial, sesuai UU 27/2022 tentang Pelindungan Data Pribadi.</source>
        <translation>I agree that BPJS Ketenagakerjaan may process my personal data (NIK, name, date of birth, address, phone number, heirs) for my social security membership, in accordance with Law 27/2022 on Personal Data Protection.</translation>
    </message>
    <message>
        <source>Peserta menyetujui (dibacakan oleh petugas)</source>
        <translation>The applicant agrees (read out by the officer)</translation>
    </message>
    <message>
        <source>Simpan (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>Kosongkan</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Cetak kwitansi (Ctrl+P)</source>
        <translation>Print receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>Cetak kartu (Ctrl+K)</source>
        <translation>Print card (Ctrl+K)</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <source>No. HP</source>
        <translation>Phone no.</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Penghasilan sebulan</source>
        <translation>Monthly income</translation>
    </message>
    <message>
        <source>JKK + JKM (wajib)</source>
        <translation>JKK + JKM (compulsory)</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <source>Lama bayar</source>
        <translation>Months paid</translation>
    </message>
    <message>
        <source>Pembayar</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>Ahli waris</source>
        <translation>Heirs</translation>
    </message>
    <message>
        <source>Iuran</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <source>Pilih acara dulu di layar Acara.</source>
        <translation>Choose an event on the Events screen first.</translation>
    </message>
    <message>
        <source> (ditutup)</source>
        <translation> (closed)</translation>
    </message>
    <message>
        <source>Acara: {name}{state}</source>
        <translation>Event: {name}{state}</translation>
    </message>
    <message>
        <source>Bayar sendiri, tunai</source>
        <translation>Self-paid, cash</translation>
    </message>
    <message>
        <source>Bayar sendiri, transfer</source>
        <translation>Self-paid, transfer</translation>
    </message>
    <message>
        <source>Dibayar skema {name}</source>
        <translation>Paid by the {name} scheme</translation>
    </message>
    <message>
        <source>Formulir belum disimpan</source>
        <translation>Form not saved</translation>
    </message>
    <message>
        <source>Ada data yang belum disimpan di formulir. Tinggalkan tanpa menyimpan?</source>
        <translation>The form has details that have not been saved. Leave without saving?</translation>
    </message>
    <message>
        <source>NIK ini sudah terdaftar di laptop ini: {name}, nomor peserta {number}, didaftarkan {when}.</source>
        <translation>This NIK is already enrolled on this laptop: {name}, member number {number}, enrolled on {when}.</translation>
    </message>
    <message>
        <source>{months} bulan · {payer}</source>
        <translation>{months} month(s) · {payer}</translation>
    </message>
    <message>
        <source>{per_month} / bulan · {months} bulan · {total}</source>
        <translation>{per_month} / month · {months} month(s) · {total}</translation>
    </message>
    <message>
        <source>{total} · {months} bulan · {payer}</source>
        <translation>{total} · {months} month(s) · {payer}</translation>
    </message>
    <message>
        <source>Tidak tersimpan</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Tersimpan. Bukti pendaftaran {receipt} · {amount}</source>
        <translation>Saved. Registration slip {receipt} · {amount}</translation>
    </message>
    <message>
        <source>Cetak bukti pendaftaran (Ctrl+P)</source>
        <translation>Print registration slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>Data ini BELUM tersimpan. Isian formulir tetap ada. {reason}</source>
        <translation>This record was NOT saved. The form keeps everything. {reason}</translation>
    </message>
    <message>
        <source>Data ini BELUM tersimpan. Isian formulir tetap ada; coba simpan lagi. Sebab: {reason}</source>
        <translation>This record has NOT been saved. What was typed is still in the form; try saving again. Cause: {reason}</translation>
    </message>
    <message>
        <source>Tersimpan. Kwitansi {receipt} · {amount}</source>
        <translation>Saved. Receipt {receipt} · {amount}</translation>
    </message>
    <message>
        <source>+ Ahli waris (Ctrl+H)</source>
        <translation>+ Heir (Ctrl+H)</translation>
    </message>
    <message>
        <source>Tersimpan.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>Acara baru</source>
        <translation>New event</translation>
    </message>
    <message>
        <source>Koreksi acara</source>
        <translation>Correct an event</translation>
    </message>
    <message>
        <source>misalnya Balai Desa Kartoharjo</source>
        <translation>e.g. Balai Desa Kartoharjo</translation>
    </message>
    <message>
        <source>Bayar sendiri</source>
        <translation>Self-paid</translation>
    </message>
    <message>
        <source>JKK + JKM (wajib)</source>
        <translation>JKK + JKM (compulsory)</translation>
    </message>
    <message>
        <source>JHT (jaminan hari tua)</source>
        <translation>JHT (old-age savings)</translation>
    </message>
    <message>
        <source>{n} bulan</source>
        <translation>{n} month(s)</translation>
    </message>
    <message>
        <source>kode kantor cabang</source>
        <translation>branch office code</translation>
    </message>
    <message>
        <source>misalnya salah ketik nama</source>
        <translation>for example a typo in the name</translation>
    </message>
    <message>
        <source>Nama acara</source>
        <translation>Event name</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>Tempat</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>Wilayah</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Skema sponsor</source>
        <translation>Sponsor scheme</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <source>Jumlah bulan</source>
        <translation>Months paid</translation>
    </message>
    <message>
        <source>Kode cabang</source>
        <translation>Branch code</translation>
    </message>
    <message>
        <source>Alasan koreksi</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <source>Simpan (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Sudah ada peserta di acara ini: skemanya tidak bisa diubah lagi.</source>
        <translation>People are enrolled at this event: its scheme can no longer be changed.</translation>
    </message>
    <message>
        <source>Masuk dulu sebagai petugas.</source>
        <translation>Sign in as an officer first.</translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message>
        <source>Nama acara</source>
        <translation>Event name</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>Tempat</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>Skema</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Acara baru…</source>
        <translation>New event…</translation>
    </message>
    <message>
        <source>Pilih acara</source>
        <translation>Choose event</translation>
    </message>
    <message>
        <source>Tutup acara</source>
        <translation>Close event</translation>
    </message>
    <message>
        <source>Koreksi acara…</source>
        <translation>Correct the event…</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Acara&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Events&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Bayar sendiri</source>
        <translation>Self-paid</translation>
    </message>
    <message>
        <source>terbuka</source>
        <translation>open</translation>
    </message>
    <message>
        <source>ditutup</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>Acara yang dipilih: {name}</source>
        <translation>Chosen event: {name}</translation>
    </message>
    <message>
        <source>Belum ada acara yang dipilih.</source>
        <translation>No event has been chosen yet.</translation>
    </message>
    <message>
        <source>Acara ini sudah ditutup; pilih acara yang masih terbuka.</source>
        <translation>This event is closed; choose one that is still open.</translation>
    </message>
    <message>
        <source>Masuk dulu sebagai petugas.</source>
        <translation>Sign in as an officer first.</translation>
    </message>
    <message>
        <source>Tutup acara “{name}”? Acara yang ditutup tidak menerima pendaftaran baru.</source>
        <translation>Close the event “{name}”? A closed event takes no new enrolments.</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Ekspor pendaftaran acara</source>
        <translation>Export the event&apos;s enrolments</translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <source>Excel (.xlsx)</source>
        <translation>Excel (.xlsx)</translation>
    </message>
    <message>
        <source>Simpan ke berkas…</source>
        <translation>Save to file…</translation>
    </message>
    <message>
        <source>Pilih…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Berkas ekspor berisi data pribadi peserta. Simpan di tempat yang aman dan hapus bila sudah tidak diperlukan.</source>
        <translation>The export file holds members&apos; personal data. Keep it somewhere safe and delete it once it is no longer needed.</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Berkas:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Belum ada acara yang dibuka. Buka acara dulu.</source>
        <translation>No event is open. Open an event first.</translation>
    </message>
    <message>
        <source>Acara: {name}</source>
        <translation>Event: {name}</translation>
    </message>
    <message>
        <source>Ekspor ke berkas</source>
        <translation>Export to file</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Buka acara dulu.</source>
        <translation>Open an event first.</translation>
    </message>
    <message>
        <source>Masuk dulu sebagai petugas untuk mengekspor.</source>
        <translation>Sign in as an officer first to export.</translation>
    </message>
    <message>
        <source>Tidak diekspor.</source>
        <translation>Nothing was exported.</translation>
    </message>
    <message>
        <source>Mengekspor…</source>
        <translation>Exporting…</translation>
    </message>
    <message numerus="yes">
        <source>%n pendaftaran diekspor ke {path}.</source>
        <translation>
            <numerusform>%n enrolment exported to {path}.</numerusform>
            <numerusform>%n enrolments exported to {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ekspor gagal karena kesalahan tak terduga ({name}).</source>
        <translation>The export failed because of an unexpected error ({name}).</translation>
    </message>
    <message>
        <source>Ekspor masih berjalan. Tunggu sampai selesai sebelum menutup jendela ini.</source>
        <translation>The export is still running. Wait until it has finished before closing this window.</translation>
    </message>
</context>
<context>
    <name>HeirRow</name>
    <message>
        <source>Nama ahli waris</source>
        <translation>Heir&apos;s name</translation>
    </message>
    <message>
        <source>NIK (bila ada)</source>
        <translation>NIK (if known)</translation>
    </message>
    <message>
        <source>No. HP (bila ada)</source>
        <translation>Phone no. (if known)</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Ke isian berikutnya (di tombol: jalankan tombol itu)</source>
        <translation>Next field (on a button: press it)</translation>
    </message>
    <message>
        <source>Ke isian berikutnya / sebelumnya</source>
        <translation>Next / previous field</translation>
    </message>
    <message>
        <source>Centang atau hapus centang kotak pilihan</source>
        <translation>Tick or untick a box</translation>
    </message>
    <message>
        <source>Simpan pendaftaran, acara atau koreksi</source>
        <translation>Save the enrolment, the event or the correction</translation>
    </message>
    <message>
        <source>Simpan pendaftaran</source>
        <translation>Save the enrolment</translation>
    </message>
    <message>
        <source>Tambah ahli waris</source>
        <translation>Add an heir</translation>
    </message>
    <message>
        <source>Cetak kwitansi pendaftaran yang baru disimpan</source>
        <translation>Print the receipt of the enrolment just saved</translation>
    </message>
    <message>
        <source>Cetak kartu peserta yang baru disimpan</source>
        <translation>Print the card of the enrolment just saved</translation>
    </message>
    <message>
        <source>Buka daftar pilihan atau kalender</source>
        <translation>Open a drop-down&apos;s list or a date&apos;s calendar</translation>
    </message>
    <message>
        <source>Layar Acara, Dasbor, Pendaftaran, Peserta, Sinkron, Petugas, Audit, Cadangan</source>
        <translation>Events, Dashboard, Enrolment, Members, Sync, Officers, Audit, Backups</translation>
    </message>
    <message>
        <source>Cari peserta</source>
        <translation>Find a participant</translation>
    </message>
    <message>
        <source>Sinkronkan sekarang</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Impor daftar mitra</source>
        <translation>Import a partner list</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Cetak kartu acara</source>
        <translation>Print the event&apos;s cards</translation>
    </message>
    <message>
        <source>Cek kartu</source>
        <translation>Check a card</translation>
    </message>
    <message>
        <source>Penutupan harian (cetak atau simpan PDF)</source>
        <translation>Day closing (print or save as PDF)</translation>
    </message>
    <message>
        <source>Laporan acara (cetak atau simpan PDF)</source>
        <translation>Event report (print or save as PDF)</translation>
    </message>
    <message>
        <source>Rekapitulasi iuran sponsor (cetak atau simpan PDF)</source>
        <translation>Sponsor statement (print or save as PDF)</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Kunci meja / ganti petugas</source>
        <translation>Lock the desk / change officer</translation>
    </message>
    <message>
        <source>Bantuan: daftar pintasan ini</source>
        <translation>Help: this list</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Tutup dialog tanpa menyimpan</source>
        <translation>Close a dialog without saving</translation>
    </message>
    <message>
        <source>Bantuan — pintasan keyboard</source>
        <translation>Help — keyboard shortcuts</translation>
    </message>
    <message>
        <source>Tombol</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Gunanya</source>
        <translation>What they do</translation>
    </message>
    <message>
        <source>Di formulir pendaftaran, Enter saja sudah cukup dari NIK sampai Simpan.</source>
        <translation>On the enrolment form, Enter alone takes you from the NIK to Save.</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Impor daftar mitra</source>
        <translation>Import a partner list</translation>
    </message>
    <message>
        <source>Daftar peserta, ke acara yang dibuka</source>
        <translation>Member list, into the open event</translation>
    </message>
    <message>
        <source>Daftar penerima skema sponsor</source>
        <translation>Sponsor scheme eligibility list</translation>
    </message>
    <message>
        <source>{name} ({code})</source>
        <translation>{name} ({code})</translation>
    </message>
    <message>
        <source>Berkas .csv atau .xlsx</source>
        <translation>.csv or .xlsx file</translation>
    </message>
    <message>
        <source>Pilih berkas…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Simpan laporan…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <source>Skema:</source>
        <translation>Scheme:</translation>
    </message>
    <message>
        <source>Berkas:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Belum ada acara yang dibuka. Buka acara dulu untuk mengimpor daftar peserta.</source>
        <translation>No event is open. Open an event first to import a member list.</translation>
    </message>
    <message>
        <source>Acara {name} sudah ditutup dan tidak menerima pendaftaran baru.</source>
        <translation>The event {name} is closed and takes no new enrolments.</translation>
    </message>
    <message>
        <source>Peserta diimpor ke acara: {name}</source>
        <translation>Members are imported into the event: {name}</translation>
    </message>
    <message>
        <source>Pilih daftar mitra</source>
        <translation>Choose a partner list</translation>
    </message>
    <message>
        <source>Daftar mitra (*.csv *.xlsx)</source>
        <translation>Partner lists (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Masuk dulu sebagai petugas untuk mengimpor daftar.</source>
        <translation>Sign in as an officer first to import a list.</translation>
    </message>
    <message>
        <source>Pilih berkas .csv atau .xlsx dulu.</source>
        <translation>Choose a .csv or .xlsx file first.</translation>
    </message>
    <message>
        <source>Buka acara yang masih berjalan dulu.</source>
        <translation>Open an event that is still running first.</translation>
    </message>
    <message>
        <source>Pilih skema sponsor dulu.</source>
        <translation>Choose a sponsor scheme first.</translation>
    </message>
    <message>
        <source>Mengimpor… Jangan tutup jendela ini.</source>
        <translation>Importing… Do not close this window.</translation>
    </message>
    <message numerus="yes">
        <source>%n baris dibaca</source>
        <translation>
            <numerusform>%n row read</numerusform>
            <numerusform>%n rows read</numerusform>
        </translation>
    </message>
    <message>
        <source>Daftar penerima disimpan sekaligus: bila dibatalkan, tidak ada yang disimpan.</source>
        <translation>An eligibility list is saved all at once: if cancelled, nothing is saved.</translation>
    </message>
    <message>
        <source>Membatalkan… Bagian yang sedang disimpan diselesaikan dulu; baris yang sudah disimpan tetap tersimpan.</source>
        <translation>Cancelling… The batch being saved is finished first; rows already saved stay saved.</translation>
    </message>
    <message>
        <source>{imported} disimpan, {duplicates} duplikat, {rejected} ditolak</source>
        <translation>Saved: {imported}, duplicates: {duplicates}, rejected: {rejected}</translation>
    </message>
    <message>
        <source>Impor dibatalkan. Daftar penerima tidak disimpan.</source>
        <translation>Import cancelled. The eligibility list was not saved.</translation>
    </message>
    <message>
        <source>Impor dibatalkan. Baris yang sudah disimpan tetap tersimpan; baris sesudahnya belum diimpor. Impor berkas yang sama lagi untuk melanjutkan: baris yang sudah tersimpan dilaporkan sebagai duplikat.</source>
        <translation>Import cancelled. Rows already saved stay saved; the rows after them have not been imported. Import the same file again to carry on: the rows already saved will be reported as duplicates.</translation>
    </message>
    <message>
        <source>Impor selesai. Baris di tabel tidak disimpan; perbaiki di berkas mitra lalu impor lagi.</source>
        <translation>Import finished. The rows in the table were not saved; correct them in the partner&apos;s file, then import it again.</translation>
    </message>
    <message>
        <source>Impor selesai tanpa masalah.</source>
        <translation>Import finished with no problems.</translation>
    </message>
    <message>
        <source>Tabel memuat {listed} baris pertama tiap jenis; laporan yang disimpan memuat semuanya.</source>
        <translation>The table shows the first {listed} rows of each kind; the saved report has them all.</translation>
    </message>
    <message>
        <source>Impor berhenti karena kesalahan tak terduga ({name}). Baris yang sudah disimpan tetap tersimpan.</source>
        <translation>The import stopped because of an unexpected error ({name}). Rows already saved stay saved.</translation>
    </message>
    <message>
        <source>duplikat</source>
        <translation>duplicate</translation>
    </message>
    <message>
        <source>ditolak</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>Simpan laporan impor</source>
        <translation>Save the import report</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Laporan disimpan ke {path}.</source>
        <translation>Report saved to {path}.</translation>
    </message>
    <message>
        <source>Impor masih berjalan. Tekan Batal lalu tunggu sampai selesai sebelum menutup jendela ini.</source>
        <translation>The import is still running. Press Cancel, then wait until it has finished before closing this window.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>id</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sigap — Pendaftaran Peserta BPU</source>
        <translation>Sigap — BPU Member Enrolment</translation>
    </message>
    <message>
        <source>Acara</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Pendaftaran</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <source>Peserta</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Sinkron</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Cadangan</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>&amp;Meja</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <source>Sinkronkan sekarang</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Daftarkan perangkat…</source>
        <translation>Register this device…</translation>
    </message>
    <message>
        <source>Impor daftar mitra…</source>
        <translation>Import partner list…</translation>
    </message>
    <message>
        <source>Ekspor…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Cetak kartu acara…</source>
        <translation>Print the event&apos;s cards…</translation>
    </message>
    <message>
        <source>Cek kartu…</source>
        <translation>Check a card…</translation>
    </message>
    <message>
        <source>Penutupan harian…</source>
        <translation>Day closing…</translation>
    </message>
    <message>
        <source>Laporan acara…</source>
        <translation>Event report…</translation>
    </message>
    <message>
        <source>Rekapitulasi iuran sponsor…</source>
        <translation>Sponsor statement…</translation>
    </message>
    <message>
        <source>Pengaturan…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Kunci / ganti petugas</source>
        <translation>Lock / switch officer</translation>
    </message>
    <message>
        <source>Bantuan: pintasan keyboard</source>
        <translation>Help: keyboard shortcuts</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Cari peserta</source>
        <translation>Find a participant</translation>
    </message>
    <message>
        <source>&amp;Bahasa</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Kwitansi ini tidak ditemukan.</source>
        <translation>This receipt was not found.</translation>
    </message>
    <message>
        <source>Tentang Sigap…</source>
        <translation>About Sigap…</translation>
    </message>
    <message>
        <source>Sinkron berhenti. Buka layar Sinkron (Ctrl+5) untuk tindakannya.</source>
        <translation>Syncing has stopped. Open the Sync screen (Ctrl+5) to see what to do.</translation>
    </message>
    <message>
        <source>Pilih acara dulu.</source>
        <translation>Choose an event first.</translation>
    </message>
    <message>
        <source>Petugas: {name}</source>
        <translation>Officer: {name}</translation>
    </message>
    <message>
        <source>Acara: {name}</source>
        <translation>Event: {name}</translation>
    </message>
</context>
<context>
    <name>OfficersScreen</name>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kunci di laptop ini</source>
        <translation>Key on this laptop</translation>
    </message>
    <message>
        <source>Kata sandi salah</source>
        <translation>Wrong passphrases</translation>
    </message>
    <message>
        <source>Tambah petugas…</source>
        <translation>Add an officer…</translation>
    </message>
    <message>
        <source>Atur ulang kata sandi…</source>
        <translation>Reset the passphrase…</translation>
    </message>
    <message>
        <source>Nonaktifkan…</source>
        <translation>Deactivate…</translation>
    </message>
    <message>
        <source>Buka kunci akun…</source>
        <translation>Unlock the account…</translation>
    </message>
    <message>
        <source>Ganti kata sandi saya…</source>
        <translation>Change my passphrase…</translation>
    </message>
    <message>
        <source>Setiap petugas masuk dengan kata sandinya sendiri; kata sandi itu membuka data terenkripsi di laptop ini. Perubahan akun perlu persetujuan supervisor.</source>
        <translation>Each officer signs in with their own passphrase; it opens the encrypted data on this laptop. Changes to accounts need a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>Ada</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Belum ada</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Nonaktif</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Terkunci sampai {time}</source>
        <translation>Locked until {time}</translation>
    </message>
    <message>
        <source>Terkunci</source>
        <translation>Locked</translation>
    </message>
    <message numerus="yes">
        <source>%n kali salah</source>
        <translation>
            <numerusform>%n wrong</numerusform>
            <numerusform>%n wrong</numerusform>
        </translation>
    </message>
    <message>
        <source>Aktifkan lagi…</source>
        <translation>Reactivate…</translation>
    </message>
    <message>
        <source>Petugas ditambahkan.</source>
        <translation>Officer added.</translation>
    </message>
    <message>
        <source>Kata sandi {id} diganti.</source>
        <translation>The passphrase of {id} was changed.</translation>
    </message>
    <message>
        <source>Nonaktifkan petugas</source>
        <translation>Deactivate an officer</translation>
    </message>
    <message>
        <source>{name} ({id}) tidak bisa masuk lagi di laptop ini. Catatan yang dibuatnya tetap ada. Akun ini bisa diaktifkan lagi dengan kata sandi baru.</source>
        <translation>{name} ({id}) can no longer sign in on this laptop. The records they made stay. The account can be reactivated with a new passphrase.</translation>
    </message>
    <message>
        <source>Nonaktifkan</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>{id} dinonaktifkan.</source>
        <translation>{id} was deactivated.</translation>
    </message>
    <message>
        <source>Buka kunci akun</source>
        <translation>Unlock an account</translation>
    </message>
    <message>
        <source>Hitungan kata sandi salah untuk {name} ({id}) dihapus; akun ini bisa masuk lagi.</source>
        <translation>The count of wrong passphrases of {name} ({id}) is cleared; the account can sign in again.</translation>
    </message>
    <message>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Kunci akun {id} dibuka.</source>
        <translation>Account {id} unlocked.</translation>
    </message>
    <message>
        <source>Kata sandi Anda diganti.</source>
        <translation>Your passphrase was changed.</translation>
    </message>
</context>
<context>
    <name>ParticipantsModel</name>
    <message>
        <source>No. peserta</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>L/P</source>
        <translation>M/F</translation>
    </message>
    <message>
        <source>Tgl. lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Pembayar</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Didaftarkan</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>Status kirim</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>Kwitansi</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Pembayaran</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Bayar sendiri</source>
        <translation>Self-paid</translation>
    </message>
</context>
<context>
    <name>ParticipantsScreen</name>
    <message>
        <source>Cari NIK, nama atau nomor peserta…</source>
        <translation>Search by NIK, name or member number…</translation>
    </message>
    <message>
        <source>Semua acara</source>
        <translation>All events</translation>
    </message>
    <message>
        <source>Kartu belum dicetak</source>
        <translation>No card printed yet</translation>
    </message>
    <message>
        <source>Perlu cetak ulang kartu</source>
        <translation>Card to reprint</translation>
    </message>
    <message>
        <source>Kartu terakhir memuat nomor lain dari nomor peserta yang diberikan HQ</source>
        <translation>The last card printed carries another number than the member number HQ gave</translation>
    </message>
    <message>
        <source>Status kirim:</source>
        <translation>Sync status:</translation>
    </message>
    <message>
        <source>Pembayar:</source>
        <translation>Payer:</translation>
    </message>
    <message>
        <source>Petugas:</source>
        <translation>Officer:</translation>
    </message>
    <message>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Semua pembayar</source>
        <translation>All payers</translation>
    </message>
    <message>
        <source>Bayar sendiri</source>
        <translation>Self-paid</translation>
    </message>
    <message>
        <source>Semua petugas</source>
        <translation>All officers</translation>
    </message>
    <message numerus="yes">
        <source>%n peserta</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <source>Semua acara di laptop ini</source>
        <translation>All events on this laptop</translation>
    </message>
    <message>
        <source>Acara: {name}</source>
        <translation>Event: {name}</translation>
    </message>
</context>
<context>
    <name>PayDialog</name>
    <message>
        <source>Bayar iuran</source>
        <translation>Pay contributions</translation>
    </message>
    <message numerus="yes">
        <source>%n bulan</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
    <message>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Transfer bank</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>QRIS</source>
        <translation>QRIS</translation>
    </message>
    <message>
        <source>Nomor referensi di HP atau bukti transfer</source>
        <translation>Reference on the phone or the transfer slip</translation>
    </message>
    <message>
        <source>Jumlah bulan</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>Cara bayar</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Referensi</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Iuran</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Simpan pembayaran (Ctrl+S)</source>
        <translation>Save payment (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cetak kwitansi (Ctrl+P)</source>
        <translation>Print receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Peserta dari meja lain: isi dari kartu, KTP dan kwitansi terakhir</source>
        <translation>A member of another desk: fill in from the card, the ID card and the last receipt</translation>
    </message>
    <message>
        <source>rupiah sebulan, misalnya 1500000</source>
        <translation>rupiah a month, for example 1500000</translation>
    </message>
    <message>
        <source>TTTT-BB, misalnya 2026-11</source>
        <translation>YYYY-MM, for example 2026-11</translation>
    </message>
    <message>
        <source>Termasuk JHT</source>
        <translation>Including JHT</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Penghasilan sebulan</source>
        <translation>Monthly income</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <source>Iuran terakhir sampai</source>
        <translation>Last paid until</translation>
    </message>
    <message>
        <source>Kwitansi {receipt} ({amount}, referensi {reference}) tidak diterima kantor pusat. Bulan-bulan itu harus dibayar lagi.</source>
        <translation>Receipt {receipt} ({amount}, reference {reference}) was not received by HQ. Those months must be paid again.</translation>
    </message>
    <message>
        <source>{name} · nomor peserta {number} · dibayar sampai {until}</source>
        <translation>{name} · member number {number} · paid until {until}</translation>
    </message>
    <message>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Masuk dulu sebagai petugas.</source>
        <translation>Sign in as an officer first.</translation>
    </message>
    <message>
        <source>Tersimpan. Kwitansi {receipt} · {amount}</source>
        <translation>Saved. Receipt {receipt} · {amount}</translation>
    </message>
    <message>
        <source>Menunggu verifikasi: uang transfer atau QRIS belum bisa dipastikan tanpa internet. Kwitansi menyebutnya, bukan lunas.</source>
        <translation>Waiting for verification: a transfer or QRIS cannot be confirmed without internet. The receipt says so, not paid in full.</translation>
    </message>
</context>
<context>
    <name>PaymentStatus</name>
    <message>
        <source>Lunas</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Dibatalkan</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>Belum bayar</source>
        <translation>Unpaid</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Ukuran:</source>
        <translation>Size:</translation>
    </message>
    <message>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Gagal mencetak: {error}</source>
        <translation>Could not print: {error}</translation>
    </message>
    <message>
        <source>Dikirim ke printer.</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <source>PDF tidak dapat disimpan: {error}</source>
        <translation>The PDF could not be saved: {error}</translation>
    </message>
    <message>
        <source>Tersimpan: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Kwitansi {number}</source>
        <translation>Receipt {number}</translation>
    </message>
    <message>
        <source>Kartu peserta</source>
        <translation>Membership card</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Data peserta</source>
        <translation>Member details</translation>
    </message>
    <message>
        <source>Nomor peserta</source>
        <translation>Member number</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Tempat, tanggal lahir</source>
        <translation>Place and date of birth</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <source>Nomor HP</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Penghasilan sebulan</source>
        <translation>Monthly income</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <source>Pembayar</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>Acara</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Persetujuan data pribadi</source>
        <translation>Personal data consent</translation>
    </message>
    <message>
        <source>Didaftarkan</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>Status kirim</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>Kata kantor pusat</source>
        <translation>HQ says</translation>
    </message>
    <message>
        <source>Tampilkan NIK</source>
        <translation>Show NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Hubungan</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>Ahli waris</source>
        <translation>Heirs</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Bulan</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Cara bayar</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Belum ada pembayaran.</source>
        <translation>No payments yet.</translation>
    </message>
    <message>
        <source>Nomor kwitansi</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>Pembayaran dan kwitansi</source>
        <translation>Payments and receipts</translation>
    </message>
    <message>
        <source>Belum ada cetakan kwitansi atau kartu.</source>
        <translation>No receipt or card has been printed yet.</translation>
    </message>
    <message>
        <source>Cetakan</source>
        <translation>Printouts</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Salinan</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Kejadian</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Isian</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Koreksi data…</source>
        <translation>Correct details…</translation>
    </message>
    <message>
        <source>Bayar iuran… (Ctrl+B)</source>
        <translation>Pay contributions… (Ctrl+B)</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Data pendaftaran ini tidak ditemukan.</source>
        <translation>This enrolment record cannot be found.</translation>
    </message>
    <message>
        <source>RT {rt}/RW {rw}</source>
        <translation>RT {rt}/RW {rw}</translation>
    </message>
    <message>
        <source>{programmes}, {months} bulan</source>
        <translation>{programmes}, {months} month(s)</translation>
    </message>
    <message>
        <source>Bayar sendiri</source>
        <translation>Self-paid</translation>
    </message>
    <message>
        <source>diimpor dari daftar mitra</source>
        <translation>imported from a partner list</translation>
    </message>
    <message>
        <source>{state}: nomor peserta di kantor pusat {number}</source>
        <translation>{state}: member number at HQ {number}</translation>
    </message>
    <message>
        <source>{record}: {reason} {action}</source>
        <translation>{record}: {reason} {action}</translation>
    </message>
    <message>
        <source>Sembunyikan NIK</source>
        <translation>Hide NIK</translation>
    </message>
    <message>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Dibayar sponsor</source>
        <translation>Paid by sponsor</translation>
    </message>
    <message>
        <source>QRIS</source>
        <translation>QRIS</translation>
    </message>
    <message>
        <source>Dibatalkan {when}: {reason} (disetujui {supervisor})</source>
        <translation>Voided {when}: {reason} (approved by {supervisor})</translation>
    </message>
    <message>
        <source>Tidak diterima kantor pusat: bayar lagi</source>
        <translation>Not received by HQ: pay again</translation>
    </message>
    <message>
        <source>Terverifikasi</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Menunggu verifikasi</source>
        <translation>Waiting for verification</translation>
    </message>
    <message>
        <source>Sah</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Batalkan pembayaran…</source>
        <translation>Void payment…</translation>
    </message>
    <message>
        <source>Bukti pendaftaran {receipt}</source>
        <translation>Registration slip {receipt}</translation>
    </message>
    <message>
        <source>Kwitansi {receipt}</source>
        <translation>Receipt {receipt}</translation>
    </message>
    <message>
        <source>Pembayaran diterima, kwitansi {receipt}</source>
        <translation>Payment received, receipt {receipt}</translation>
    </message>
    <message>
        <source>Kartu peserta</source>
        <translation>Membership card</translation>
    </message>
    <message>
        <source>Asli</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Pendaftaran diimpor</source>
        <translation>Enrolment imported</translation>
    </message>
    <message>
        <source>Pendaftaran dicatat</source>
        <translation>Enrolment recorded</translation>
    </message>
    <message>
        <source>Data dikoreksi</source>
        <translation>Details corrected</translation>
    </message>
    <message>
        <source>Nomor peserta diberikan kantor pusat</source>
        <translation>Member number given by HQ</translation>
    </message>
    <message>
        <source>Koreksi disetujui supervisor</source>
        <translation>Correction approved by a supervisor</translation>
    </message>
    <message>
        <source>Tanggal lahir KTP disetujui supervisor</source>
        <translation>ID card birth date approved by a supervisor</translation>
    </message>
    <message>
        <source>Dibayar sponsor, bukti pendaftaran {receipt}</source>
        <translation>Paid by the sponsor, registration slip {receipt}</translation>
    </message>
    <message>
        <source>Pembayaran {receipt} dibatalkan, disetujui {supervisor}</source>
        <translation>Payment {receipt} voided, approved by {supervisor}</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <source>Provinsi</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Ketik sebagian nama…</source>
        <translation>Type part of the name…</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Daftarkan perangkat</source>
        <translation>Register this device</translation>
    </message>
    <message>
        <source>Laptop ini perlu didaftarkan sekali ke kantor pusat sebelum mengirim catatan. Minta kode pendaftaran ke kantor cabang. Laptop harus tersambung ke internet.</source>
        <translation>This laptop must be registered with HQ once before it can send records. Ask the branch office for a registration code. The laptop must be connected to the internet.</translation>
    </message>
    <message>
        <source>Kode dari kantor cabang</source>
        <translation>Code from the branch office</translation>
    </message>
    <message>
        <source>Alamat kantor pusat</source>
        <translation>HQ address</translation>
    </message>
    <message>
        <source>Kode pendaftaran</source>
        <translation>Registration code</translation>
    </message>
    <message>
        <source>Daftarkan</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Alamat kantor pusat diawali https:// (atau http://).</source>
        <translation>The HQ address starts with https:// (or http://).</translation>
    </message>
    <message>
        <source>Isi kode pendaftaran dari kantor cabang.</source>
        <translation>Enter the registration code from the branch office.</translation>
    </message>
    <message>
        <source>Perangkat tidak didaftarkan.</source>
        <translation>The device was not registered.</translation>
    </message>
    <message>
        <source>Menghubungi kantor pusat…</source>
        <translation>Contacting HQ…</translation>
    </message>
    <message>
        <source>Terdaftar di kantor cabang {branch}. Kantor pusat menyiapkan {n} nomor peserta untuk laptop ini. Catatan yang menunggu akan dikirim.</source>
        <translation>Registered with branch office {branch}. HQ set aside {n} member numbers for this laptop. Waiting records will be sent.</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Kantor pusat tidak terjangkau. Periksa sambungan internet dan alamat kantor pusat, lalu coba lagi.</source>
        <translation>HQ cannot be reached. Check the internet connection and the HQ address, then try again.</translation>
    </message>
    <message>
        <source>Kode pendaftaran tidak diterima kantor pusat (salah, sudah dipakai atau kedaluwarsa). Minta kode baru ke kantor cabang.</source>
        <translation>HQ did not accept the registration code (wrong, already used or expired). Ask the branch office for a new code.</translation>
    </message>
    <message>
        <source>Kantor pusat menolak laptop ini. Hubungi kantor cabang.</source>
        <translation>HQ refuses this laptop. Contact the branch office.</translation>
    </message>
    <message>
        <source>Kantor pusat sedang bermasalah. Coba lagi beberapa menit lagi.</source>
        <translation>HQ is having trouble. Try again in a few minutes.</translation>
    </message>
    <message>
        <source>Alamat kantor pusat tidak sah. Contoh: https://hq.example.id</source>
        <translation>The HQ address is not valid. Example: https://hq.example.id</translation>
    </message>
    <message>
        <source>Alamat itu tidak menjawab seperti kantor pusat Sigap. Periksa alamatnya.</source>
        <translation>That address does not answer like a Sigap HQ. Check the address.</translation>
    </message>
    <message>
        <source>Pendaftaran gagal ({kind}).</source>
        <translation>Registration failed ({kind}).</translation>
    </message>
    <message>
        <source>Pendaftaran gagal: {error}</source>
        <translation>Registration failed: {error}</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Penutupan harian</source>
        <translation>Day closing</translation>
    </message>
    <message>
        <source>Laporan acara</source>
        <translation>Event report</translation>
    </message>
    <message>
        <source>Rekapitulasi iuran sponsor</source>
        <translation>Sponsor statement</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Acara</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>Sponsor</translation>
    </message>
    <message>
        <source>Tampilkan</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Belum ada acara yang iurannya dibayar sponsor.</source>
        <translation>No event has its contributions paid by a sponsor yet.</translation>
    </message>
    <message>
        <source>Belum ada acara.</source>
        <translation>No events yet.</translation>
    </message>
    <message>
        <source>Membuat laporan…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>Laporan tidak dapat dibuat: {error}</source>
        <translation>The report could not be made: {error}</translation>
    </message>
</context>
<context>
    <name>ResetPassphraseDialog</name>
    <message>
        <source>Atur ulang kata sandi</source>
        <translation>Reset the passphrase</translation>
    </message>
    <message>
        <source>Aktifkan lagi dan atur kata sandi</source>
        <translation>Reactivate and set a passphrase</translation>
    </message>
    <message>
        <source>Kata sandi baru ({n}+ karakter)</source>
        <translation>New passphrase ({n}+ characters)</translation>
    </message>
    <message>
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Kata sandi baru untuk {name} ({id}). Kata sandi lamanya tidak berlaku lagi, dan kunci akunnya dibuka.</source>
        <translation>A new passphrase for {name} ({id}). The old passphrase no longer works, and the account is unlocked.</translation>
    </message>
    <message>
        <source>Kata sandi tidak diubah.</source>
        <translation>The passphrase was not changed.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Pulihkan basis data</source>
        <translation>Restore the database</translation>
    </message>
    <message>
        <source>Basis data di laptop ini rusak dan tidak bisa dibuka. Pilih cadangan untuk dipulihkan (yang paling baru di atas). Basis data yang rusak disimpan, tidak dihapus.</source>
        <translation>The database on this laptop is damaged and cannot be opened. Choose a backup to restore (the newest at the top). The damaged database is kept, not deleted.</translation>
    </message>
    <message>
        <source>Supervisor yang menyetujui</source>
        <translation>Approving supervisor</translation>
    </message>
    <message>
        <source>Kata sandi supervisor</source>
        <translation>Supervisor&apos;s passphrase</translation>
    </message>
    <message>
        <source>Pulihkan</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Tidak ada supervisor di laptop ini; pemulihan tidak bisa disetujui.</source>
        <translation>There is no supervisor on this laptop; the restore cannot be approved.</translation>
    </message>
    <message>
        <source>Pilih dulu cadangan yang akan dipulihkan di tabel.</source>
        <translation>First choose the backup to restore in the table.</translation>
    </message>
    <message>
        <source>Kata sandi supervisor salah.</source>
        <translation>The supervisor&apos;s passphrase is wrong.</translation>
    </message>
    <message>
        <source>Tidak ada yang dipulihkan.</source>
        <translation>Nothing was restored.</translation>
    </message>
    <message>
        <source>Cadangan tidak dipulihkan: {reason}</source>
        <translation>The backup was not restored: {reason}</translation>
    </message>
    <message>
        <source>Cadangan dipulihkan</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <source>Cadangan {when} dipulihkan. Sigap membuka basis data sekarang.</source>
        <translation>The backup of {when} was restored. Sigap opens the database now.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Kunci otomatis setelah</source>
        <translation>Lock automatically after</translation>
    </message>
    <message>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>Cadangan yang disimpan (per jenis)</source>
        <translation>Backups kept (of each kind)</translation>
    </message>
    <message>
        <source>Jarak cadangan sebelum sinkron</source>
        <translation>Backup spacing before a sync</translation>
    </message>
    <message>
        <source>Alamat kantor pusat</source>
        <translation>HQ address</translation>
    </message>
    <message>
        <source>Printer kwitansi</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Printer kartu</source>
        <translation>Card printer</translation>
    </message>
    <message>
        <source>Tanya setiap kali</source>
        <translation>Ask each time</translation>
    </message>
    <message>
        <source>Persetujuan supervisor (untuk alamat kantor pusat)</source>
        <translation>Supervisor&apos;s approval (for the HQ address)</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Hanya supervisor yang boleh mengubah pengaturan.</source>
        <translation>Only a supervisor may change the settings.</translation>
    </message>
    <message>
        <source>Pengaturan tidak disimpan.</source>
        <translation>The settings were not saved.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Sigap — persiapan pertama</source>
        <translation>Sigap — first-time set-up</translation>
    </message>
    <message>
        <source>misalnya MDN01</source>
        <translation>e.g. MDN01</translation>
    </message>
    <message>
        <source>misalnya budi.s</source>
        <translation>e.g. budi.s</translation>
    </message>
    <message>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Kode kantor cabang</source>
        <translation>Branch office code</translation>
    </message>
    <message>
        <source>Id supervisor</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <source>Nama supervisor</source>
        <translation>Supervisor&apos;s name</translation>
    </message>
    <message>
        <source>Kata sandi ({n}+ karakter)</source>
        <translation>Passphrase ({n}+ characters)</translation>
    </message>
    <message>
        <source>Laptop ini belum dipakai untuk Sigap. Buat akun supervisor pertama; supervisor nanti menambah petugas lain. Data di laptop ini dienkripsi; kata sandi inilah kuncinya, jadi jangan sampai lupa. Contoh bentuk yang baik: tiga kata dan angka, kopi-pagi-pasar-27.</source>
        <translation>This laptop has not been used for Sigap yet. Create the first supervisor account; the supervisor then adds the other officers. The data on this laptop is encrypted and this passphrase is its key, so do not forget it. A good shape: three words and a number, kopi-pagi-pasar-27.</translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sigap — masuk</source>
        <translation>Sigap — sign in</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Sekarang masuk: {name}</source>
        <translation>Currently signed in: {name}</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Belum ada petugas yang bisa masuk di laptop ini.</source>
        <translation>No officer can sign in on this laptop yet.</translation>
    </message>
    <message>
        <source>Pilih petugas dari daftar.</source>
        <translation>Choose an officer from the list.</translation>
    </message>
    <message>
        <source>Lebih dari satu petugas cocok dengan “{typed}”: pilih dari daftar.</source>
        <translation>More than one officer matches “{typed}”: choose from the list.</translation>
    </message>
    <message>
        <source>Tidak ada petugas yang cocok dengan “{typed}”.</source>
        <translation>No officer matches “{typed}”.</translation>
    </message>
    <message>
        <source>Kata sandi belum diisi.</source>
        <translation>The passphrase is empty.</translation>
    </message>
    <message>
        <source>Data lama sedang dienkripsi… Ini hanya sekali; jangan matikan laptop.</source>
        <translation>Encrypting the existing data… This happens once; do not switch the laptop off.</translation>
    </message>
    <message>
        <source>Membuka data…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>Tidak bisa masuk karena kesalahan tak terduga ({name}).</source>
        <translation>Could not sign in because of an unexpected error ({name}).</translation>
    </message>
    <message>
        <source>{label} ({seconds})</source>
        <translation>{label} ({seconds})</translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <source>Pulihkan cadangan…</source>
        <translation>Restore a backup…</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Sigap tidak bisa dibuka</source>
        <translation>Sigap cannot open</translation>
    </message>
    <message>
        <source>Untuk memulihkan, masuk dulu dengan kata sandi Anda: kata sandi itu membuka kunci cadangan.</source>
        <translation>To restore, first sign in with your passphrase: it unlocks the key of the backups.</translation>
    </message>
</context>
<context>
    <name>StartRefusal</name>
    <message>
        <source>Folder data: {folder}</source>
        <translation>Data folder: {folder}</translation>
    </message>
    <message>
        <source>Sigap sudah terbuka</source>
        <translation>Sigap is already open</translation>
    </message>
    <message>
        <source>Sigap sudah terbuka untuk folder data ini. Pindah ke jendela Sigap itu: klik Sigap di taskbar, atau tekan Alt+Tab.</source>
        <translation>Sigap is already open on this data folder. Switch to that Sigap window: click Sigap on the taskbar, or press Alt+Tab.</translation>
    </message>
    <message>
        <source>Tidak ada jendela Sigap yang terlihat? Mungkin cadangan sedang dipulihkan lewat baris perintah, atau Sigap yang tadi masih menutup. Tunggu satu menit, lalu buka Sigap lagi. Jika pesan ini tetap muncul, mulai ulang laptop: catatan yang sudah disimpan tetap aman.</source>
        <translation>No Sigap window to be seen? A backup may be being restored from the command line, or the Sigap from before is still closing. Wait a minute, then open Sigap again. If this message keeps coming, restart the laptop: the records already saved are safe.</translation>
    </message>
    <message>
        <source>Sigap berhenti</source>
        <translation>Sigap stopped</translation>
    </message>
    <message>
        <source>Sigap belum bisa dibuka</source>
        <translation>Sigap cannot be opened yet</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Buka layar sinkron (Ctrl+5)</source>
        <translation>Open the sync screen (Ctrl+5)</translation>
    </message>
    <message>
        <source>Daring</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Luring</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Menunggu dikirim: {n}</source>
        <translation>Waiting to be sent: {n}</translation>
    </message>
    <message>
        <source>Terakhir sinkron: {when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <source>Belum pernah sinkron</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <source>sedang sinkron…</source>
        <translation>syncing…</translation>
    </message>
    <message>
        <source>Perangkat belum didaftarkan</source>
        <translation>Device not registered</translation>
    </message>
    <message>
        <source>Sinkron berhenti: perangkat dicabut</source>
        <translation>Syncing stopped: device revoked</translation>
    </message>
    <message>
        <source>Sinkron berhenti: daftarkan ulang perangkat</source>
        <translation>Syncing stopped: register the device again</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>Daftar catatan tidak bisa dibaca: {reason}</source>
        <translation>The lists of records could not be read: {reason}</translation>
    </message>
    <message>
        <source>Daftarkan perangkat…</source>
        <translation>Register this device…</translation>
    </message>
    <message>
        <source>Alamat kantor pusat</source>
        <translation>HQ address</translation>
    </message>
    <message>
        <source>Laptop ini</source>
        <translation>This laptop</translation>
    </message>
    <message>
        <source>Sambungan</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Terakhir sinkron</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>Masalah terakhir</source>
        <translation>Last problem</translation>
    </message>
    <message>
        <source>Nomor peserta tersisa</source>
        <translation>Member numbers left</translation>
    </message>
    <message>
        <source>Kantor pusat</source>
        <translation>HQ</translation>
    </message>
    <message>
        <source>Antrean ke kantor pusat</source>
        <translation>Queue to HQ</translation>
    </message>
    <message>
        <source>Sinkronkan sekarang</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S atau F5</source>
        <translation>Ctrl+Shift+S or F5</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Peserta</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kata kantor pusat</source>
        <translation>HQ says</translation>
    </message>
    <message>
        <source>Yang perlu dilakukan</source>
        <translation>What to do</translation>
    </message>
    <message>
        <source>Tidak ada catatan yang ditolak atau perlu ditinjau.</source>
        <translation>No record was rejected or needs review.</translation>
    </message>
    <message>
        <source>Buka catatan</source>
        <translation>Open record</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nomor peserta</source>
        <translation>Member number</translation>
    </message>
    <message>
        <source>Nomor di kartu tercetak</source>
        <translation>Number on the printed card</translation>
    </message>
    <message>
        <source>Acara</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Tidak ada kartu yang perlu dicetak ulang.</source>
        <translation>No card needs reprinting.</translation>
    </message>
    <message>
        <source>Cetak ulang kartu…</source>
        <translation>Reprint cards…</translation>
    </message>
    <message>
        <source>belum diisi</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>Terdaftar, kantor cabang {branch}</source>
        <translation>Registered, branch office {branch}</translation>
    </message>
    <message>
        <source>Belum didaftarkan</source>
        <translation>Not registered</translation>
    </message>
    <message>
        <source>Luring (perangkat belum didaftarkan)</source>
        <translation>Offline (device not registered)</translation>
    </message>
    <message>
        <source>Daring: kantor pusat menjawab</source>
        <translation>Online: HQ answers</translation>
    </message>
    <message>
        <source>Luring: kantor pusat tidak terjangkau</source>
        <translation>Offline: HQ cannot be reached</translation>
    </message>
    <message>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Laptop ini belum didaftarkan ke kantor pusat, jadi catatan belum bisa dikirim. Minta kode pendaftaran ke kantor cabang, lalu daftarkan perangkat. Semua catatan tetap tersimpan di laptop ini.</source>
        <translation>This laptop is not registered with HQ yet, so records cannot be sent. Ask the branch office for a registration code, then register the device. Every record stays saved on this laptop.</translation>
    </message>
    <message>
        <source>Sedang sinkron…</source>
        <translation>Syncing…</translation>
    </message>
    <message numerus="yes">
        <source>Perlu tindakan (%n)</source>
        <translation>
            <numerusform>Needs action (%n)</numerusform>
            <numerusform>Needs action (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kartu perlu dicetak ulang (%n)</source>
        <translation>
            <numerusform>Card to reprint (%n)</numerusform>
            <numerusform>Cards to reprint (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Daftarkan perangkat dulu.</source>
        <translation>Register the device first.</translation>
    </message>
    <message>
        <source>Sinkron berikutnya menyusul yang sedang berjalan.</source>
        <translation>Another sync will follow the one running now.</translation>
    </message>
    <message>
        <source>Sinkron gagal.</source>
        <translation>Sync failed.</translation>
    </message>
    <message>
        <source>Selesai: {sent} dikirim, {waiting} masih menunggu, {review} perlu tindakan.</source>
        <translation>Done: {sent} sent, {waiting} still waiting, {review} need action.</translation>
    </message>
    <message>
        <source>Selesai: {sent} dikirim, {waiting} masih menunggu.</source>
        <translation>Done: {sent} sent, {waiting} still waiting.</translation>
    </message>
    <message>
        <source>Kartu yang perlu dicetak ulang ({n})</source>
        <translation>Cards to reprint ({n})</translation>
    </message>
</context>
<context>
    <name>SyncText</name>
    <message>
        <source>Acara</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Pendaftaran</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <source>Pembayaran</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Pembatalan pembayaran</source>
        <translation>Payment void</translation>
    </message>
    <message>
        <source>Koreksi data</source>
        <translation>Data correction</translation>
    </message>
    <message>
        <source>Koreksi acara</source>
        <translation>Event correction</translation>
    </message>
    <message>
        <source>Kantor pusat memberi nomor peserta {number}, tetapi nomor itu sudah dipakai pendaftaran lain di laptop ini.</source>
        <translation>HQ gave member number {number}, but another enrolment on this laptop already carries it.</translation>
    </message>
    <message>
        <source>Hubungi kantor cabang. Jangan cetak kartu dengan nomor itu.</source>
        <translation>Contact the branch office. Do not print a card with that number.</translation>
    </message>
    <message>
        <source>Kantor pusat meminta menunggu: catatan yang dirujuknya belum diterima.</source>
        <translation>HQ asked to wait: a record it refers to has not arrived yet.</translation>
    </message>
    <message>
        <source>Tidak perlu tindakan; dikirim ulang otomatis.</source>
        <translation>Nothing to do; it is sent again automatically.</translation>
    </message>
    <message>
        <source>Catatan ini terlalu besar untuk diterima kantor pusat.</source>
        <translation>This record is too large for HQ to accept.</translation>
    </message>
    <message>
        <source>Hubungi petugas TI cabang. Jangan hapus data di laptop ini.</source>
        <translation>Contact the branch IT staff. Do not delete data on this laptop.</translation>
    </message>
    <message>
        <source>Kantor pusat tidak dapat membaca catatan ini.</source>
        <translation>HQ cannot read this record.</translation>
    </message>
    <message>
        <source>Pekerja ini sudah menjadi peserta dengan nomor {number}.</source>
        <translation>This worker is already a member, with number {number}.</translation>
    </message>
    <message>
        <source>Catatan tetap disimpan. Beri tahu pekerja nomor pesertanya; cetak ulang kartunya bila nomornya berbeda.</source>
        <translation>The record is kept. Tell the worker their member number; reprint the card if the number differs.</translation>
    </message>
    <message>
        <source>Kantor pusat sudah menyimpan catatan ini dengan isi yang berbeda.</source>
        <translation>HQ already holds this record with different contents.</translation>
    </message>
    <message>
        <source>Perlu ditinjau kantor cabang. Catatan ini tidak dikirim ulang dan tidak dihapus.</source>
        <translation>The branch office must review it. This record is not sent again and not deleted.</translation>
    </message>
    <message>
        <source>Buka catatan, perbaiki lewat “Koreksi data”, lalu sinkronkan lagi.</source>
        <translation>Open the record, fix it with “Correct details”, then sync again.</translation>
    </message>
    <message>
        <source>Hubungi kantor cabang. Catatan tetap disimpan.</source>
        <translation>Contact the branch office. The record is kept.</translation>
    </message>
    <message>
        <source>Kantor pusat menyatakan NIK ini tidak sah.</source>
        <translation>HQ says this NIK is not valid.</translation>
    </message>
    <message>
        <source>Cocokkan NIK dengan KTP pekerja. NIK tidak bisa dikoreksi di laptop: hubungi pekerja dan kantor cabang.</source>
        <translation>Compare the NIK with the worker&apos;s ID card. A NIK cannot be corrected on the laptop: contact the worker and the branch office.</translation>
    </message>
    <message>
        <source>Kantor pusat menolak isian “{field}”.</source>
        <translation>HQ rejected the field “{field}”.</translation>
    </message>
    <message>
        <source>Kantor pusat menolak salah satu isian.</source>
        <translation>HQ rejected one of the fields.</translation>
    </message>
    <message>
        <source>Kantor pusat tidak mengenal kode yang dipakai (pekerjaan, wilayah, skema atau catatan yang dirujuk).</source>
        <translation>HQ does not know a code used (occupation, region, scheme or a record referred to).</translation>
    </message>
    <message>
        <source>Periksa pekerjaan dan desa lewat “Koreksi data”; bila sudah benar, hubungi kantor cabang.</source>
        <translation>Check the occupation and village with “Correct details”; if they are right, contact the branch office.</translation>
    </message>
    <message>
        <source>Nomor peserta ini bukan dari blok nomor milik laptop ini.</source>
        <translation>This member number is not from a block reserved for this laptop.</translation>
    </message>
    <message>
        <source>Hubungi kantor cabang. Jangan bagikan kartu dengan nomor ini; cetak ulang setelah nomornya diganti.</source>
        <translation>Contact the branch office. Do not hand out a card with this number; reprint it once the number is replaced.</translation>
    </message>
    <message>
        <source>Nomor peserta ini sudah dipakai orang lain di kantor pusat.</source>
        <translation>HQ already has another person with this member number.</translation>
    </message>
    <message>
        <source>Hubungi kantor cabang. Kartu perlu dicetak ulang setelah nomornya diganti.</source>
        <translation>Contact the branch office. The card must be reprinted once the number is replaced.</translation>
    </message>
    <message>
        <source>Isi catatan berubah dalam perjalanan ke kantor pusat.</source>
        <translation>The record&apos;s contents changed on the way to HQ.</translation>
    </message>
    <message>
        <source>Kuota skema sponsor ini sudah penuh di kantor pusat.</source>
        <translation>This sponsor scheme&apos;s quota is full at HQ.</translation>
    </message>
    <message>
        <source>Hubungi pekerja: ia dapat membayar sendiri. Tanyakan juga ke kantor cabang.</source>
        <translation>Contact the worker: they can pay for themselves. Ask the branch office too.</translation>
    </message>
    <message>
        <source>Ditolak kantor pusat setelah ditinjau.</source>
        <translation>Rejected by HQ after review.</translation>
    </message>
    <message>
        <source>Ditolak kantor pusat setelah ditinjau: {message}</source>
        <translation>Rejected by HQ after review: {message}</translation>
    </message>
    <message>
        <source>Hubungi pekerja dan kantor cabang.</source>
        <translation>Contact the worker and the branch office.</translation>
    </message>
    <message>
        <source>Ditolak kantor pusat ({code}).</source>
        <translation>Rejected by HQ ({code}).</translation>
    </message>
    <message>
        <source>Ditolak kantor pusat ({code}): {message}</source>
        <translation>Rejected by HQ ({code}): {message}</translation>
    </message>
    <message>
        <source>Sinkron gagal karena kesalahan di laptop ini; semua catatan tetap tersimpan. Coba lagi; bila terulang, hubungi kantor cabang.</source>
        <translation>Sync failed because of a problem on this laptop; every record is still saved. Try again; if it happens again, contact the branch office.</translation>
    </message>
    <message>
        <source>Kantor pusat tidak terjangkau: tidak ada internet, atau alamatnya salah. Catatan dikirim otomatis begitu tersambung.</source>
        <translation>HQ cannot be reached: no internet, or a wrong address. Records are sent automatically once connected.</translation>
    </message>
    <message>
        <source>Kantor pusat tidak mengenali laptop ini lagi. Daftarkan ulang perangkat dengan kode baru dari kantor cabang. Semua catatan tetap tersimpan.</source>
        <translation>HQ no longer recognises this laptop. Register the device again with a new code from the branch office. Every record stays saved.</translation>
    </message>
    <message>
        <source>Laptop ini dicabut oleh kantor pusat. Hubungi kantor cabang. Semua catatan tetap tersimpan.</source>
        <translation>HQ has revoked this laptop. Contact the branch office. Every record stays saved.</translation>
    </message>
    <message>
        <source>Kantor pusat sedang bermasalah. Dicoba lagi otomatis nanti.</source>
        <translation>HQ is having trouble. It is tried again automatically later.</translation>
    </message>
    <message>
        <source>Sinkron lain sedang berjalan di laptop ini. Dicoba lagi otomatis nanti.</source>
        <translation>Another sync is running on this laptop. It is tried again automatically later.</translation>
    </message>
    <message>
        <source>Laptop ini belum didaftarkan ke kantor pusat.</source>
        <translation>This laptop is not registered with HQ.</translation>
    </message>
    <message>
        <source>Kantor pusat tidak dapat membaca kiriman. Hubungi petugas TI cabang.</source>
        <translation>HQ cannot read what was sent. Contact the branch IT staff.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Sigap terkunci</source>
        <translation>Sigap is locked</translation>
    </message>
    <message>
        <source>Sigap dikunci. Ketik kata sandi untuk melanjutkan, atau pilih petugas lain untuk berganti. Isian yang belum disimpan tetap ada.</source>
        <translation>Sigap is locked. Type the passphrase to go on, or choose another officer to switch. Anything not saved yet is kept.</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>Sigap {running} sudah terlalu lama: kantor pusat menolak kiriman sampai diperbarui ke {version} atau lebih baru. Semua data tetap tersimpan dan menunggu dikirim.</source>
        <translation>Sigap {running} is too old: HQ refuses its records until it is updated to {version} or newer. Every record stays saved and waits to be sent.</translation>
    </message>
    <message>
        <source>Sigap {version} sudah tersedia (yang terpasang {running}).</source>
        <translation>Sigap {version} is available (this is {running}).</translation>
    </message>
    <message>
        <source>Sigap perlu diperbarui</source>
        <translation>Sigap needs an update</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Batalkan pembayaran</source>
        <translation>Void payment</translation>
    </message>
    <message>
        <source>Bukti pendaftaran {receipt}, {amount}. Pembatalan dicatat dan dikirim ke kantor pusat.</source>
        <translation>Registration slip {receipt}, {amount}. The void is recorded and sent to HQ.</translation>
    </message>
    <message>
        <source>Alasan pembatalan</source>
        <translation>Reason for voiding</translation>
    </message>
    <message>
        <source>Pembayaran tidak dibatalkan.</source>
        <translation>The payment was not voided.</translation>
    </message>
    <message>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Kwitansi {receipt}, {amount}. Pembatalan dicatat dan dikirim ke kantor pusat.</source>
        <translation>Receipt {receipt}, {amount}. The void is recorded and sent to HQ.</translation>
    </message>
    <message>
        <source>Masuk dulu sebagai petugas.</source>
        <translation>Sign in as an officer first.</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
