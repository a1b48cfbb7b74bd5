"""The JSON writer: the same text as the standard library's, only faster."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from srccompare.output.render import to_json

_SCALARS = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text()
_FLOATS = st.floats(allow_nan=False, allow_infinity=False)
_DATA = st.recursive(_SCALARS, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30)


@given(_DATA)
def test_same_text_as_the_standard_library(data: object) -> None:
    assert to_json(data) == json.dumps(data, ensure_ascii=False, indent=2)


@given(st.recursive(_SCALARS | _FLOATS, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_floats_read_back_exactly(data: object) -> None:
    assert json.loads(to_json(data)) == data


def test_controls_are_escaped_and_text_kept() -> None:
    text = to_json({"t": "é\x1b[2J\x00\u2028"})
    assert "\x1b" not in text and "\x00" not in text
    assert "é" in text
    assert json.loads(text) == {"t": "é\x1b[2J\x00\u2028"}
