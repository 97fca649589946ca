"""The import report file speaks the interface's language: Indonesian headers and kinds in
the Indonesian interface, English ones in the English interface; codes stay codes."""

from __future__ import annotations

import csv
import io

import pytest

from models.imports import csv_sink, report_header

DUPLICATE = {"row": 5, "code": "duplicate_in_file", "first_row": 2, "message": "Sama."}
REJECTED = {"row": 4, "errors": [{"field": "birth_date", "code": "date_invalid",
                                  "message": "Tanggal tidak dikenali."}]}  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "header", "kinds"),
    [
        ("id", ["Baris", "Jenis", "Kolom", "Kode", "Keterangan"], ["duplikat", "ditolak"]),
        ("en", ["Row", "Kind", "Column", "Code", "Message"], ["duplicate", "rejected"]),
    ],
)
def test_header_and_kinds_in_the_interfaces_language(lang, header, kinds) -> None:
    out = io.StringIO()
    sink = csv_sink(out, lang=lang)
    sink("duplicate", DUPLICATE)
    sink("rejected", REJECTED)
    lines = list(csv.reader(out.getvalue().splitlines()))
    assert lines[0] == header == list(report_header(lang))
    assert [line[1] for line in lines[1:]] == kinds
    assert [line[3] for line in lines[1:]] == ["duplicate_in_file", "date_invalid"]
