"""Reference data shipped in resources/: regions, occupations, rates and sponsor schemes.

Each loader reads its file once. HQ's copy (GET /reference, kept in the database by the
sync client) replaces the occupations, rates and schemes when its version is newer than
the shipped one: `reference_for(db)`. Regions always come from resources/.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.hq_reference import stored_reference
from models.rates import RateTable, sponsor_type

if TYPE_CHECKING:
    from models.database import Database

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

LEVELS = {1: "province", 2: "regency", 3: "district", 4: "village"}


@dataclass(frozen=True)
class Region:
    code: str  # dotted Kemendagri code: 31, 31.72, 31.72.01, 31.72.01.1001
    name: str
    retired: bool = False

    @property
    def level(self) -> str:
        return LEVELS[self.code.count(".") + 1]

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


def normalise_region_code(raw: str) -> str:
    """`3172011001` or `31.72.01.1001` → `31.72.01.1001`; anything else returned stripped."""
    s = raw.strip()
    digits = s.replace(".", "")
    if not digits.isdigit():
        return s
    cuts = {2: [2], 4: [2, 4], 6: [2, 4, 6], 10: [2, 4, 6, 10]}.get(len(digits))
    if cuts is None:
        return s
    parts, start = [], 0
    for end in cuts:
        parts.append(digits[start:end])
        start = end
    return ".".join(parts)


def _read_code_names(path: Path) -> dict[str, str]:
    """`code,name[,…]` rows. Almost no name is quoted, so lines are split directly and only
    the few quoted ones go through the csv module: three times faster at start-up."""
    with open(path, "rb") as f:
        return _code_names(f.read())


def _code_names(data: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    lines = data.decode("utf-8").splitlines()
    for line in lines[1:]:  # after the header
        if not line:
            continue
        code, name = _split(line)
        out[code] = name
    return out


def _split(line: str) -> tuple[str, str]:
    """A `code,name[,…]` line's code and name."""
    if '"' in line:
        row = next(csv.reader([line]))
        return row[0], row[1]
    code, _, rest = line.partition(",")
    return code, rest.partition(",")[0]


class Regions:
    """Current Kemendagri codes plus retired ones (a NIK keeps the code it was issued with).

    Kept lean because the window needs it at start: the current file is held as its bytes
    (2.2 MB, one line per region, sorted by code, so a region's descendants are the lines
    right after it) and looked up by bisection, without a Python object per region. A
    dict of every name is built only when asked for many: a search, or a long run of
    lookups such as an import (then each lookup is a dict's)."""

    DICT_AFTER = 2000  # bisection lookups before the dict of every name is built
    FOUND_KEPT = 256  # regions kept from lookups (`get`)

    def __init__(self, current: bytes, retired: dict[str, str]) -> None:
        if not current.endswith(b"\n"):
            current += b"\n"
        self._data = current
        self._body = current.find(b"\n") + 1  # after the header
        self._retired = retired
        self._names: dict[str, str] | None = None
        self._lookups = 0
        # Regions found, by the code as asked: a desk's saves ask for the same few districts
        # and villages again and again (bounded: an import's run builds the dict instead).
        self._found: dict[str, Region | None] = {}

    @classmethod
    def load(cls, folder: Path = RESOURCES / "regions") -> Regions:
        return cls(
            (folder / "regions.csv").read_bytes(),
            _read_code_names(folder / "regions_retired.csv"),
        )

    @property
    def names(self) -> dict[str, str]:
        """Every current region's name by code, built on first use."""
        if self._names is None:
            self._names = _code_names(self._data)
        return self._names

    def _seek(self, key: bytes) -> int:
        """The offset of the first line whose code sorts at or after `key`."""
        data, lo, hi = self._data, self._body, len(self._data)
        while lo < hi:  # lo and hi are line starts; lines before lo sort before key
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            end = data.find(b",", start)
            if data[start:end] < key:
                lo = data.find(b"\n", start) + 1
            else:
                hi = start
        return lo

    def _name(self, code: str) -> str | None:
        if self._names is not None:
            return self._names.get(code)
        self._lookups += 1
        if self._lookups > self.DICT_AFTER:
            return self.names.get(code)
        key = code.encode()
        start = self._seek(key)
        line = self._data[start : self._data.find(b"\n", start)]
        if not line.startswith(key + b","):
            return None
        return _split(line.decode("utf-8").rstrip("\r"))[1]

    def get(self, code: str) -> Region | None:
        if code in self._found:
            return self._found[code]
        region = self._get(code)
        if len(self._found) < self.FOUND_KEPT:
            self._found[code] = region
        return region

    def _get(self, code: str) -> Region | None:
        c = normalise_region_code(code)
        name = self._name(c) if c.isascii() else None
        if name is not None:
            return Region(c, name)
        name = self._retired.get(c)
        return None if name is None else Region(c, name, True)

    def children(self, code: str | None) -> list[Region]:
        """Current regions directly under `code` (None: the provinces), sorted by code."""
        if code is not None and not code.isascii():
            return []
        prefix = b"" if code is None else code.encode() + b"."
        data, out = self._data, []
        at = self._seek(prefix) if prefix else self._body
        while at < len(data):
            end = data.find(b"\n", at)
            line = data[at:end]
            if not line.startswith(prefix):
                break
            child = Region(*_split(line.decode("utf-8").rstrip("\r")))
            if "." not in child.code[len(prefix) :]:  # not a deeper one without its parent
                out.append(child)
            # The child's own descendants come next: jump past them ("/" sorts after ".").
            at = self._seek(child.code.encode() + b"/")
        return out

    def provinces(self) -> list[Region]:
        return self.children(None)

    def path(self, code: str) -> list[Region]:
        """The region and its ancestors, province first (known ones only)."""
        out: list[Region] = []
        c: str | None = normalise_region_code(code)
        while c:
            r = self.get(c)
            if r is not None:
                out.append(r)
            c = c.rsplit(".", 1)[0] if "." in c else None
        return list(reversed(out))

    def search(self, text: str, level: str | None = None, limit: int = 50) -> list[Region]:
        needle = text.casefold().strip()
        hits = [
            Region(c, name)
            for c, name in self.names.items()
            if needle in name.casefold() and (level is None or LEVELS[c.count(".") + 1] == level)
        ]
        return sorted(hits, key=lambda r: (len(r.name), r.code))[:limit]


@dataclass(frozen=True)
class Occupation:
    code: str
    name_id: str
    name_en: str
    sector: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_id


@dataclass(frozen=True)
class Scheme:
    code: str
    name: str
    sponsor_type: str  # one of SPONSOR_TYPES (`local_government` is read as `apbd`)
    sponsor_name: str
    programmes: tuple[str, ...]
    months: int
    quota: int | None
    budget: int | None
    eligible_occupations: tuple[str, ...] | None  # None: every occupation
    eligibility_list_required: bool
    region_code: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scheme:
        occ = d.get("eligible_occupations")
        return cls(
            code=d["code"],
            name=d["name"],
            sponsor_type=sponsor_type(d["sponsor_type"]),
            sponsor_name=d.get("sponsor_name", ""),
            programmes=tuple(d["programmes"]),
            months=int(d["months"]),
            quota=d.get("quota"),
            budget=d.get("budget"),
            eligible_occupations=tuple(occ) if occ else None,
            eligibility_list_required=bool(d.get("eligibility_list_required", False)),
            region_code=d.get("region_code"),
        )


# hq-api.md revision 2: central budget, province/city/regency budget, village budget (APBDes),
# a company's CSR fund, a community, a cooperative, a person or foundation.
SPONSOR_TYPES = ("apbn", "apbd", "village", "company_csr", "community", "cooperative", "donor")


class ReferenceData:
    """Everything validation and the rate engine look things up in."""

    def __init__(
        self,
        occupations: list[Occupation],
        rates: dict[str, Any],
        schemes: list[Scheme],
        version: str,
        regions_folder: Path = RESOURCES / "regions",
    ) -> None:
        self.occupations = {o.code: o for o in occupations}
        self.rates = rates
        self.schemes = {s.code: s for s in schemes}
        self.version = version
        self._regions_folder = regions_folder

    @cached_property
    def rate_table(self) -> RateTable:
        return RateTable(self.rates)

    @cached_property
    def regions(self) -> Regions:
        # 91,600 rows: loaded on first use, not at start-up.
        return Regions.load(self._regions_folder)

    @classmethod
    def load(cls, folder: Path = RESOURCES) -> ReferenceData:
        with open(folder / "occupations.csv", encoding="utf-8", newline="") as f:
            occupations = [
                Occupation(r["code"], r["name_id"], r["name_en"], r["sector"])
                for r in csv.DictReader(f)
            ]
        rates = json.loads((folder / "rates.json").read_text(encoding="utf-8"))
        schemes_doc = json.loads((folder / "schemes.json").read_text(encoding="utf-8"))
        schemes = [Scheme.from_dict(s) for s in schemes_doc["schemes"]]
        return cls(occupations, rates, schemes, rates["version"], folder / "regions")

    def occupation_search(self, text: str, limit: int = 20) -> list[Occupation]:
        """Occupations whose Indonesian or English name contains `text` (case-insensitive)."""
        needle = text.casefold().strip()
        hits = [
            o
            for o in self.occupations.values()
            if needle in o.name_id.casefold() or needle in o.name_en.casefold()
        ]
        return sorted(hits, key=lambda o: (not o.name_id.casefold().startswith(needle), o.name_id))[
            :limit
        ]


_default: ReferenceData | None = None


def default_reference() -> ReferenceData:
    """The shipped reference data, loaded once per process."""
    global _default
    if _default is None:
        _default = ReferenceData.load()
    return _default


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Orders versions the way people write them: digit runs as numbers, so `2026-11-01`
    < `2026-12-01` and `2026.9` < `2026.10`."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.findall(r"\d+|[^\d]+", version)
    )


def reference_from_hq(
    doc: dict[str, Any],
    shipped: ReferenceData | None = None,
    regions_folder: Path = RESOURCES / "regions",
) -> ReferenceData:
    """Reference data from HQ's GET /reference body. hq-api.md names only some fields of an
    occupation or scheme; one HQ leaves out is taken from the shipped entry with the same
    code (an occupation's `sector`, a scheme's budget and eligibility rules), so HQ's copy
    never silently drops a rule. Raises KeyError, TypeError or ValueError for a body that
    cannot be read, including rates the rate engine cannot read."""
    base = shipped or default_reference()
    occupations = []
    for o in doc["occupations"]:
        code = str(o["code"])
        known = base.occupations.get(code)
        sector = o.get("sector") or (known.sector if known else "")
        occupations.append(Occupation(code, str(o["name_id"]), str(o["name_en"]), str(sector)))
    schemes = []
    for raw in doc["schemes"]:
        known_scheme = base.schemes.get(str(raw["code"]))
        merged = dataclasses.asdict(known_scheme) if known_scheme else {}
        merged.update(raw)
        schemes.append(Scheme.from_dict(merged))
    rates = doc["rates"]
    if not isinstance(rates, dict):
        raise TypeError("rates is not an object")
    ref = ReferenceData(occupations, rates, schemes, str(doc["version"]), regions_folder)
    # The rate engine reads the document now, not at the first save: today must be covered.
    ref.rate_table.period(date.today())
    return ref


_from_hq: dict[tuple[str, str], ReferenceData] = {}


def reference_for(db: Database) -> ReferenceData:
    """The reference data to use on this device: HQ's copy when HQ sent one whose version is
    newer than the shipped one (and it can be read), else the shipped copy. Built once per
    version and ETag."""
    shipped = default_reference()
    stored = stored_reference(db)
    if stored is None:
        return shipped
    version, etag, body = stored
    if version_key(version) <= version_key(shipped.version):
        return shipped
    key = (version, etag)
    ref = _from_hq.get(key) if etag else None
    if ref is None:
        try:
            ref = reference_from_hq(body, shipped)
        except (KeyError, TypeError, ValueError, LookupError) as exc:
            log.warning("HQ's reference data %s cannot be read (%s); using the shipped copy",
                        version, type(exc).__name__)  # fmt: skip
            return shipped
        if etag:
            _from_hq[key] = ref
    return ref
