"""Texts made ahead of a save are the texts the encoders give: a payload's canonical JSON with
its late members put in afterwards (`CanonicalTemplate`), one JSON value (`json_value`), an
audit entry's hashed body and a one-member audit detail. Generated values include every
kind of character a person could type."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import audit
from models.audit_chain import entry_hash
from models.json_text import json_value
from models.outbox import CanonicalTemplate, canonical_json

keys = st.text(min_size=1, max_size=12)
scalars = st.none() | st.booleans() | st.integers() | st.text()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(keys, values, max_size=8), st.dictionaries(keys, scalars, max_size=5))
def test_a_template_filled_in_is_the_canonical_json_of_the_whole_payload(
    known: dict[str, Any], late: dict[str, Any]
) -> None:
    known = {k: v for k, v in known.items() if k not in late}
    whole = canonical_json({**known, **late})
    assert CanonicalTemplate(known, tuple(late)).text(dict(late)).encode("utf-8") == whole
    made_ahead = CanonicalTemplate(known, tuple(late)).ahead()
    assert made_ahead.text(dict(late)).encode("utf-8") == whole
    assert made_ahead.text(dict(late)).encode("utf-8") == whole  # and again, the same


@pytest.mark.parametrize("ahead", [True, False])
def test_a_template_wants_every_late_member_and_nothing_else(ahead: bool) -> None:
    template = CanonicalTemplate({"b": 1}, ("a", "c"))
    if ahead:
        template.ahead()
    assert template.text({"a": None, "c": "x"}) == '{"a":null,"b":1,"c":"x"}'
    with pytest.raises(KeyError):
        template.text({"a": 1, "d": 2})
    with pytest.raises(ValueError):
        template.text({"a": 1})
    with pytest.raises(ValueError):
        CanonicalTemplate({"a": 1}, ("a",))


@given(values)
def test_one_value_is_written_as_the_compact_encoder_writes_it(value: Any) -> None:
    assert json_value(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@given(
    st.tuples(
        st.integers(min_value=1),
        st.text(),
        st.none() | st.text(),
        st.text(),
        st.text(),
        st.none() | st.text(),
        st.text(),
    )
)
def test_an_audit_entry_is_hashed_over_the_json_list_it_always_was(entry: tuple) -> None:
    body = json.dumps(list(entry), ensure_ascii=False, separators=(",", ":"))
    prev = "ab" * 32
    assert entry_hash(prev, *entry) == hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


@given(keys, st.text())
def test_a_one_member_detail_is_stored_as_audit_row_stores_it(key: str, value: str) -> None:
    assert audit.text_detail(key, value) == audit.audit_row("", None, "", "", None, {key: value})[5]
