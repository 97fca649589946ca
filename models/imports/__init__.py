"""Partner lists (docs/import-format.md): enrolment lists and scheme eligibility lists, CSV
or XLSX, read row by row in bounded memory (`reading`, `xlsx`), each cell read as the desk
form would (`cells`), saved and reported (`lists`, `report`) within the caps of `limits`."""

from models.imports.cells import (
    ELIGIBILITY_COLUMNS,
    ENROLMENT_COLUMNS,
    ENROLMENT_REQUIRED,
    cell_text,
    map_headers,
    row_to_input,
)
from models.imports.lists import CHUNK, ListFile, import_eligibility, import_enrolments
from models.imports.report import (
    REPORT_COLUMNS,
    ImportReport,
    Sink,
    csv_sink,
    entry_lines,
    kind_word,
    report_header,
)

__all__ = [
    "CHUNK",
    "ELIGIBILITY_COLUMNS",
    "ENROLMENT_COLUMNS",
    "ENROLMENT_REQUIRED",
    "REPORT_COLUMNS",
    "ImportReport",
    "ListFile",
    "Sink",
    "cell_text",
    "csv_sink",
    "entry_lines",
    "kind_word",
    "report_header",
    "import_eligibility",
    "import_enrolments",
    "map_headers",
    "row_to_input",
]
