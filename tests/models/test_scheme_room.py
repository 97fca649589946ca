"""One rule for a sponsor scheme's room (quota, budget) and its eligibility list, used by the
form before anything but the NIK is typed and by every save."""

from __future__ import annotations

import dataclasses

from models.errors import ERROR, WARNING
from models.reference import ReferenceData
from models.validation import check_scheme_list, check_scheme_room


def test_quota_and_budget(ref: ReferenceData) -> None:
    s = dataclasses.replace(ref.schemes["KOWANTARA-WARTEG"], quota=2, budget=50_000)
    assert check_scheme_room(s, 1, 0, None) == []
    [full] = check_scheme_room(s, 2, 0, None)
    assert (full.field, full.code, full.params["used"]) == ("payer", "scheme_quota_full", 2)
    # The price not known yet: only a budget with nothing left is refused, never below Rp0.
    assert check_scheme_room(s, 0, 49_999, None) == []
    [used_up] = check_scheme_room(s, 0, 60_000, None)
    assert used_up.code == "scheme_budget_used_up" and used_up.params["remaining"] == 0
    # The price known: refused when it does not fit, as a save refuses it.
    assert check_scheme_room(s, 0, 16_400, 33_600) == []
    [short] = check_scheme_room(s, 0, 16_401, 33_600)
    assert (short.code, short.params["remaining"]) == ("scheme_budget_short", 33_599)
    unlimited = dataclasses.replace(s, quota=None, budget=None)
    assert check_scheme_room(unlimited, 10**6, 10**12, 10**6) == []


def test_eligibility_list(ref: ReferenceData) -> None:
    siaga = ref.schemes["SIAGA-KITA-MADIUN"]
    [missing] = check_scheme_list(siaga, None)
    assert (missing.field, missing.code, missing.severity) == ("nik", "scheme_not_eligible", ERROR)
    assert check_scheme_list(siaga, "Sri Wahyuni") == []  # the form before the name is typed
    assert check_scheme_list(siaga, "Sri Wahyuni", "sri wahyuni") == []
    assert check_scheme_list(siaga, "", "Sri Wahyuni") == []  # the list gives no name
    [other] = check_scheme_list(siaga, "Sri Wahyuningsih", "Sri Wahyuni")
    assert (other.code, other.severity) == ("eligibility_name_mismatch", WARNING)
    assert check_scheme_list(ref.schemes["KOWANTARA-WARTEG"], None) == []  # no list kept
