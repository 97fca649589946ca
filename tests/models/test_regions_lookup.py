"""Regions are looked up in the shipped file's bytes by bisection (no object per region at
start-up): every answer is the one a full dict of the file gives."""

from __future__ import annotations

from collections import defaultdict

import pytest

from models.reference import RESOURCES, Regions, _read_code_names

FOLDER = RESOURCES / "regions"


@pytest.fixture(scope="module")
def every() -> dict[str, str]:
    return _read_code_names(FOLDER / "regions.csv")


def test_every_code_is_found_with_its_name(every: dict[str, str]) -> None:
    regions = Regions.load(FOLDER)
    regions.DICT_AFTER = len(every) + 10  # bisection for every one of them
    for code, name in every.items():
        region = regions.get(code)
        assert region is not None and (region.code, region.name, region.retired) == (
            code,
            name,
            False,
        )
    assert regions._names is None  # never needed the dict


def test_names_with_commas_and_quotes(every: dict[str, str]) -> None:
    regions = Regions.load(FOLDER)
    quoted = [code for code, name in every.items() if "," in name]
    assert quoted  # the file has some ("Lubuk Pakam I,II")
    for code in quoted:
        region = regions.get(code)
        assert region is not None and region.name == every[code]
    assert regions._names is None


def test_unknown_retired_and_odd_codes() -> None:
    regions = Regions.load(FOLDER)
    retired = _read_code_names(FOLDER / "regions_retired.csv")
    old = next(c for c in retired if c not in regions.names)
    regions = Regions.load(FOLDER)
    found = regions.get(old)
    assert found is not None and found.retired and found.name == retired[old]
    for odd in ("", "0", "99", "99.99.99.9999", "11.01.01.20011", "1", "Ä", "11,01"):
        assert regions.get(odd) is None or odd in retired
    assert regions.get("1101012001") == regions.get("11.01.01.2001") is not None  # NIK form
    assert regions.children("99.99") == []
    assert regions.children("Ä") == []


def test_children_match_the_full_index(every: dict[str, str]) -> None:
    index: dict[str | None, list[str]] = defaultdict(list)
    for c in every:
        index[c.rpartition(".")[0] or None].append(c)
    regions = Regions.load(FOLDER)
    parents = [None, *sorted(c for c in every if c.count(".") < 3)]
    for parent in parents:
        got = [(r.code, r.name) for r in regions.children(parent)]
        assert got == [(c, every[c]) for c in sorted(index.get(parent, []))], parent
    assert len(regions.provinces()) == len(index[None])


def test_a_long_run_of_lookups_builds_the_dict_once(every: dict[str, str]) -> None:
    regions = Regions.load(FOLDER)
    codes = list(every)[: Regions.DICT_AFTER + 5]
    for code in codes:
        assert regions.get(code) is not None
    assert regions._names is not None
    assert regions.get(codes[0]) == regions.get(codes[0])
    assert regions.search("Pakam", "village")  # search reads the dict


def test_a_deeper_region_without_its_parent_is_no_child() -> None:
    regions = Regions(b'code,name\n11,A\n11.01.01,Orphan\n11.02,"B, C"\n12,D', {})
    assert [(r.code, r.name) for r in regions.children("11")] == [("11.02", "B, C")]
    assert [r.code for r in regions.provinces()] == ["11", "12"]
    assert regions.get("12") is not None and regions.get("11.01") is None
