"""The shipped reference data: regions, occupations, schemes."""

from __future__ import annotations

from models.reference import SPONSOR_TYPES, normalise_region_code

TRADES_NAMED_IN_PRODUCT = [
    "pedagang keliling", "pedagang kaki lima", "kuli bangunan", "tukang becak", "pemulung",
    "kuli angkut", "buruh tani", "tukang sampah", "tukang sol sepatu", "tukang gali sumur",
    "asisten rumah tangga", "sopir", "tukang kebun", "pengasuh anak", "petani",
    "pemilik warteg", "asisten warteg",
]  # fmt: skip


def test_regions_by_code_and_by_parent(ref):
    regions = ref.regions
    assert regions.get("35.77").name == "Kota Madiun"
    assert regions.get("3577011001") == regions.get("35.77.01.1001")
    assert regions.get("35.77.01").level == "district"
    assert [r.code for r in regions.path("35.77.01.1001")] == [
        "35", "35.77", "35.77.01", "35.77.01.1001"
    ]  # fmt: skip
    assert len(regions.provinces()) == 38
    districts = regions.children("35.77")
    assert [r.code for r in districts] == ["35.77.01", "35.77.02", "35.77.03"]
    assert all(r.parent_code == "35.77.01" for r in regions.children("35.77.01"))
    assert regions.get("99.99") is None


def test_retired_codes_are_known_but_offered_nowhere(ref):
    merauke = ref.regions.get("91.01.01")
    assert merauke is not None and merauke.retired
    assert "91.01.01" not in [r.code for r in ref.regions.children("91.01")]
    assert all(not r.retired for r in ref.regions.search("Merauke"))


def test_region_code_normalisation():
    assert normalise_region_code("3172011001") == "31.72.01.1001"
    assert normalise_region_code(" 31.72 ") == "31.72"
    assert normalise_region_code("317") == "317"


def test_occupation_catalogue_covers_the_named_trades(ref):
    assert len(ref.occupations) >= 60
    names = {o.name_id.casefold() for o in ref.occupations.values()}
    assert [t for t in TRADES_NAMED_IN_PRODUCT if t not in names] == []
    assert all(o.name_en and o.sector for o in ref.occupations.values())
    assert [o.code for o in ref.occupation_search("becak")] == ["K020"]
    assert "K020" in [o.code for o in ref.occupation_search("pedicab")]


def test_schemes_from_the_seeds(ref):
    siaga = ref.schemes["SIAGA-KITA-MADIUN"]
    assert (siaga.quota, siaga.budget, siaga.eligibility_list_required) == (
        4_500, 2_000_000_000, True
    )  # fmt: skip
    assert siaga.sponsor_type == "apbd"  # hq-api.md rev. 2: a city budget is APBD
    assert ref.schemes["GN-LINGKARAN-WOM"].sponsor_type == "company_csr"
    assert ref.schemes["KOWANTARA-WARTEG"].sponsor_type == "community"
    for scheme in ref.schemes.values():
        assert scheme.sponsor_type in SPONSOR_TYPES
        assert {"JKK", "JKM"} <= set(scheme.programmes)
        assert scheme.months in (1, 3, 6, 12)
        assert all(code in ref.occupations for code in scheme.eligible_occupations or ())
