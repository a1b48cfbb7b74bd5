"""srccompare.core.visible: what makes text from the data safe to put on a terminal."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from srccompare.core.visible import (
    REPLACEMENT,
    escaped,
    has_controls,
    json_escaped,
    symbol,
    visible,
    visible_lines,
)

C0 = [chr(c) for c in range(0x20)]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
EVERY_CONTROL = [*C0, "\x7f", *C1, *BIDI]

RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What no terminal text may hold (tests keep their own copy of the rule)."""

PICTURES = {chr(0x2400 + c) for c in range(0x20)} | {"␡", REPLACEMENT}

hostile_text = st.text(
    st.one_of(
        st.sampled_from([*EVERY_CONTROL, "\ud83d", "\udcff", "\u200e", "\u200f", "é", "字", "\u0301"]),
        st.characters(),
    ),
    max_size=80,
)


def test_c0_controls_become_their_control_pictures():
    assert visible("a\x1b[2Jb\x00c\x07") == "a␛[2Jb␀c␇"
    assert visible("\x1f") == "␟"
    assert [symbol(ch) for ch in C0] == [chr(0x2400 + c) for c in range(0x20)]


def test_del_c1_bidi_and_lone_surrogates_have_one_symbol_each():
    assert visible("\x7f") == "␡"
    assert visible("".join(C1)) == REPLACEMENT * len(C1)
    assert visible("".join(BIDI)) == REPLACEMENT * len(BIDI)
    assert visible("a\udcffb") == f"a{REPLACEMENT}b"


def test_tab_and_newline_are_kept_only_when_asked():
    assert visible("a\tb\nc") == "a␉b␊c"
    assert visible("a\tb\nc\rd", keep="\t\n") == "a\tb\nc␍d"


def test_bidi_marks_and_ordinary_text_are_left_alone():
    text = "Gdańsk \u200eשלום\u200f 東京 e\u0301 ½"
    assert visible(text) is text


def test_reports_read_cr_and_crlf_as_line_breaks():
    assert visible_lines("one\r\ntwo\rthree\x1b") == "one\ntwo\nthree␛"


def test_messages_use_repr_style_escapes_on_one_line():
    assert escaped("a\nb\x1b[31mc\x9b\u202ed\te\udcff") == "a\\nb\\x1b[31mc\\x9b\\u202ed\\te\\udcff"
    assert escaped("plain ü") == "plain ü"


def test_json_keeps_the_data_and_escapes_c1_and_bidi():
    data = {"note": "a\x1b\x9b\u202e\u2066b\x7f"}
    text = json_escaped(json.dumps(data, ensure_ascii=False))
    assert not RAW.search(text)
    assert json.loads(text) == data


@given(hostile_text)
def test_visible_output_has_no_controls_and_the_same_length(text):
    out = visible(text)
    assert not RAW.search(out)
    assert len(out) == len(text)
    assert not has_controls(out)


@given(hostile_text)
def test_visible_keeps_every_other_code_point_in_place(text):
    out = visible(text, keep="\t\n")
    for before, after in zip(text, out):
        if RAW.match(before) and before not in "\t\n":
            assert after in PICTURES
        else:
            assert after == before


@given(hostile_text)
def test_visible_with_tab_and_newline_kept_has_no_other_control(text):
    out = visible(text, keep="\t\n")
    assert len(out) == len(text)
    assert not RAW.search(out.replace("\t", "").replace("\n", ""))


@given(hostile_text)
def test_report_text_has_no_control_but_tab_and_newline(text):
    assert not RAW.search(visible_lines(text).replace("\t", "").replace("\n", ""))


@given(hostile_text)
def test_messages_are_one_line_without_controls(text):
    out = escaped(text)
    assert not RAW.search(out)
    assert "\n" not in out
    assert escaped(out) == out  # escaping twice changes nothing


@given(
    st.recursive(
        st.none() | hostile_text | st.integers(), lambda kids: st.lists(kids) | st.dictionaries(hostile_text, kids)
    )
)
def test_json_escaped_keeps_the_data_exactly(data):
    text = json_escaped(json.dumps(data, ensure_ascii=False))
    assert not RAW.search(text)
    assert json.loads(text) == data
