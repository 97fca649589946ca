"""The JSON text of one value as Sigap's compact encoders write it (`ensure_ascii=False`), for
the few places that put known values into a text made ahead: a string through the encoder's
own C function, no encoder built per call (`JSONEncoder.encode` builds one for anything but
a string). Containers and floats go through a full encoder."""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_value(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"))`, quicker for the
    strings, integers and None that ids, numbers and times are."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    return _COMPACT.encode(value)
