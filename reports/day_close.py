"""The day closing (A4 portrait): for one officer and day, the cash that should be in the
box, transfers, sponsor-paid contributions, the receipt range, voids, every payment of the
day, and signature lines for the officer and the supervisor. Data in (`DayCloseData`),
PDF bytes out."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from models.money import long_date, rupiah
from models.report_data import DayCloseData, MoneyLine
from reports.event_report import (
    WIDTH,
    build_pdf,
    data_table,
    heading,
    info_table,
    labels,
    moment_text,
    p,
    receipt_range_text,
    signature_block,
    styles,
    summary_table,
    time_text,
    voids_table,
)

LABELS = {
    "id": {
        "title": "Penutupan Harian",
        "officer": "Petugas",
        "day": "Tanggal",
        "events": "Acara",
        "printed": "Dicetak",
        "no_events": "–",
        "cash_box": "Uang tunai yang harus ada di kas",
        "money": "Penerimaan hari ini",
        "kind": "Jenis",
        "payments": "Pembayaran",
        "amount": "Nilai",
        "cash": "Tunai (di kas)",
        "transfer": "Transfer (tidak di kas)",
        "sponsor": "Dibayar sponsor (bukan tunai)",
        "total": "Total",
        "summary": "Ringkasan",
        "enrolments": "Pendaftaran hari ini",
        "receipts": "Kwitansi terpakai",
        "receipt_count": "Jumlah kwitansi",
        "used_elsewhere": "Nomor di rentang ini yang dipakai petugas lain",
        "gaps": "Nomor terlewat",
        "no_gaps": "Tidak ada",
        "voided": "Pembayaran dibatalkan (tidak dihitung)",
        "voids": "Pembatalan",
        "no_voids": "Tidak ada pembayaran yang dibatalkan hari ini.",
        "earlier_voids": "Dibatalkan hari ini, diterima pada hari sebelumnya",
        "earlier_note": (
            "Uang pembayaran ini tercatat pada penutupan hari diterimanya; bila dikembalikan "
            "tunai hari ini, kurangkan dari kas."
        ),
        "receipt": "Kwitansi",
        "reason": "Alasan",
        "voided_by": "Dibatalkan oleh",
        "approved_by": "Disetujui",
        "voided_at": "Waktu",
        "list": "Daftar pembayaran",
        "time": "Jam",
        "event": "Acara",
        "method": "Cara bayar",
        "status": "Status",
        "void": "BATAL",
        "ok": "Sah",
        "none": "Tidak ada pembayaran hari ini.",
        "m_cash": "Tunai",
        "m_transfer": "Transfer",
        "m_sponsor": "Sponsor",
        "counted": "Uang tunai dihitung",
        "difference": "Selisih",
        "check": "Kas telah dihitung dan dicocokkan dengan penutupan harian ini.",
        "officer_role": "Petugas",
        "supervisor_role": "Supervisor",
        "name": "Nama",
        "date": "Tanggal",
    },
    "en": {
        "title": "Day closing",
        "officer": "Officer",
        "day": "Date",
        "events": "Events",
        "printed": "Printed",
        "no_events": "–",
        "cash_box": "Cash that should be in the box",
        "money": "Received today",
        "kind": "Kind",
        "payments": "Payments",
        "amount": "Amount",
        "cash": "Cash (in the box)",
        "transfer": "Transfer (not in the box)",
        "sponsor": "Paid by sponsor (not cash)",
        "total": "Total",
        "summary": "Summary",
        "enrolments": "Enrolments today",
        "receipts": "Receipts used",
        "receipt_count": "Number of receipts",
        "used_elsewhere": "Numbers in this range used by other officers",
        "gaps": "Numbers skipped",
        "no_gaps": "None",
        "voided": "Voided payments (not counted)",
        "voids": "Voids",
        "no_voids": "No payment was voided today.",
        "earlier_voids": "Voided today, received on an earlier day",
        "earlier_note": (
            "These payments count in the closing of the day they were received; if the cash "
            "was handed back today, take it out of the box."
        ),
        "receipt": "Receipt",
        "reason": "Reason",
        "voided_by": "Voided by",
        "approved_by": "Approved by",
        "voided_at": "When",
        "list": "Payments",
        "time": "Time",
        "event": "Event",
        "method": "Method",
        "status": "Status",
        "void": "VOID",
        "ok": "Valid",
        "none": "No payments today.",
        "m_cash": "Cash",
        "m_transfer": "Transfer",
        "m_sponsor": "Sponsor",
        "counted": "Cash counted",
        "difference": "Difference",
        "check": "The cash has been counted and checked against this day closing.",
        "officer_role": "Officer",
        "supervisor_role": "Supervisor",
        "name": "Name",
        "date": "Date",
    },
}


def render_day_close(data: DayCloseData) -> bytes:
    lang = data.lang
    L = labels(LABELS, lang)
    st = styles()
    day = long_date(data.day, lang)
    story: list[Flowable] = [
        p(L["title"], st["title"]),
        p(f"{data.officer_name} · {day}", st["subtitle"]),
        info_table(
            [
                (L["officer"], f"{data.officer_name} ({data.officer_id})"),
                (L["day"], day),
                (L["events"], "; ".join(data.events) or L["no_events"]),
                (L["printed"], moment_text(data.generated_at, lang)),
            ]
        ),
        Spacer(1, 4 * mm),
        summary_table([[L["cash_box"], rupiah(data.cash.amount, lang)]], big=True),
        *heading(L["money"]),
    ]
    lines: list[tuple[str, MoneyLine]] = [
        (L["cash"], data.cash),
        (L["transfer"], data.transfer),
        (L["sponsor"], data.sponsor),
    ]
    story.append(
        data_table(
            [L["kind"], L["payments"], L["amount"]],
            [[label, str(m.payments), rupiah(m.amount, lang)] for label, m in lines],
            [WIDTH - 70 * mm, 25 * mm, 45 * mm],
            right=(1, 2),
            total=[
                L["total"],
                str(sum(m.payments for _, m in lines)),
                rupiah(sum(m.amount for _, m in lines), lang),
            ],
        )
    )

    r = data.receipts
    gaps = ", ".join(a if a == b else f"{a} – {b}" for a, b in r.gaps) or L["no_gaps"]
    story += heading(L["summary"])
    story.append(
        summary_table(
            [
                [L["enrolments"], str(data.enrolments)],
                [L["receipts"], receipt_range_text(r)],
                [L["receipt_count"], str(r.count)],
                [L["used_elsewhere"], str(r.used_elsewhere)],
                [L["gaps"], gaps],
                [L["voided"], f"{len(data.voids)} · {rupiah(data.voided_amount, lang)}"],
            ]
        )
    )

    story += heading(L["voids"])
    story.append(voids_table(data.voids, L, lang) if data.voids else p(L["no_voids"], st["body"]))
    if data.earlier_voids:
        story += heading(L["earlier_voids"])
        story.append(voids_table(data.earlier_voids, L, lang))
        story.append(Spacer(1, 1.5 * mm))
        story.append(p(L["earlier_note"], st["small"]))

    story.append(
        KeepTogether(
            [
                Spacer(1, 6 * mm),
                summary_table(
                    [[L["counted"], "Rp " + "." * 30], [L["difference"], "Rp " + "." * 30]]
                ),
                *signature_block(
                    [
                        [
                            (L["officer_role"], ""),
                            (L["name"], data.officer_name),
                            (L["date"], day),
                        ],
                        [
                            (L["supervisor_role"], ""),
                            (L["name"], ""),
                            (L["date"], ""),
                        ],
                    ],
                    intro=L["check"],
                ),
            ]
        )
    )
    # Every payment of the day, after the signatures: the page to sign stays the first.
    story += heading(L["list"])
    if data.payments:
        story.append(
            data_table(
                [L["receipt"], L["time"], L["event"], L["method"], L["amount"], L["status"]],
                [
                    [
                        x.receipt_number,
                        time_text(x.received_at, lang),
                        x.event_name,
                        L.get(f"m_{x.method}", x.method),
                        rupiah(x.amount, lang),
                        L["void"] if x.voided else L["ok"],
                    ]
                    for x in data.payments
                ],
                [None] * 6,
                right=(4,),
                stretch=2,
            )
        )
    else:
        story.append(p(L["none"], st["body"]))

    footer = f"{L['title']} · {data.officer_name} · {day}"
    return build_pdf(
        story, f"{L['title']}: {data.officer_name}, {day}", footer, data.generated_at, lang
    )
