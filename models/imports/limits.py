"""How much of a partner's file an import will read: caps that hold whatever the file
declares about itself, so a hostile or broken file stops with a clear message instead of
taking the laptop's memory or hours of its time (docs/import-format.md, "Limits")."""

from __future__ import annotations

MAX_ROWS = 1_000_000  # data rows after the header
MAX_COLUMNS = 256  # header cells; cells further right have no header and are not read
MAX_CELL_CHARS = 1_000  # the longest real cell is an address of a few hundred characters
MAX_LINE_BYTES = 64 * 1024  # one CSV line; a longer one is reported, not read
MAX_FILE_BYTES = 1024 * 1024 * 1024  # the file on disk, CSV or XLSX
MAX_XLSX_PART_BYTES = 1536 * 1024 * 1024  # one XML part of a spreadsheet, unpacked
MAX_XLSX_TOTAL_BYTES = 2048 * 1024 * 1024  # the parts read, unpacked, together
MAX_SHARED_STRINGS = 20_000_000  # distinct texts a spreadsheet may hold
REPORT_LIMIT = 1_000  # entries of each kind listed in the report itself; counts stay exact
