"""The flag list's order and filter, where a flag leads, and sources named by column (no terminal)."""

from __future__ import annotations

from dataclasses import replace

from srccompare.app.flag_index import (
    flag_entries,
    flag_source,
    next_sort,
    shown_entries,
    step_worst_first,
    worst_first,
)
from srccompare.app.source_names import column_names, columns_list, flag_message, name_sources
from srccompare.app.view_state import ViewState
from srccompare.core.model import Flag, Span
from tests.app.support import flagged_story, story


def test_each_flag_is_listed_once_and_furniture_is_left_out():
    entries = flag_entries(flagged_story())
    assert [(e.flag.kind, e.row) for e in entries] == [("number", 1), ("negation", 4), ("omission", 5)]


def test_the_list_sorts_by_severity_row_or_kind_and_filters_by_severity():
    entries = flag_entries(flagged_story())
    assert [e.row for e in shown_entries(entries, "minor", "severity")] == [4, 1, 5]
    assert [e.row for e in shown_entries(entries, "minor", "row")] == [1, 4, 5]
    assert [e.flag.kind for e in shown_entries(entries, "minor", "kind")] == ["negation", "number", "omission"]
    assert [e.row for e in shown_entries(entries, "major", "severity")] == [4, 1]
    assert [e.row for e in shown_entries(entries, "critical", "row")] == [4]
    assert [next_sort(s) for s in ("severity", "row", "kind")] == ["row", "kind", "severity"]


def test_a_flag_leads_to_the_source_that_differs_from_the_others():
    alignment = story()
    flag = Flag("number", "critical", "", {"b": [Span(0, 1)], "a": [Span(0, 1)], "c": [Span(0, 1)]})
    assert flag_source(alignment, flag) == "b", "without pairs: the first source other than the base"
    seen = replace(flag, between=(("b", "c"), ("a", "c")))
    assert flag_source(alignment, seen) == "c", "the source in most of the pairs it was seen between"
    tie = replace(flag, between=(("b", "a"),))
    assert flag_source(alignment, tie) == "b", "a tie goes to the source named first"
    base_only = Flag("omission", "minor", "", {"a": [Span(0, 1)]})
    assert flag_source(alignment, base_only) == "a"


def test_f_can_take_the_most_serious_flags_first():
    order = worst_first([1, 4, 5, 7], {1: 1, 4: 2, 5: 0, 7: 2})
    assert order == [4, 7, 1, 5]
    assert step_worst_first(order, 0, 1) == 4, "a first step: the most serious flag"
    assert step_worst_first(order, 5, 1) == 4, "also from a flagged row the walk did not reach"
    assert step_worst_first(order, 4, 1, last=4) == 7, "then on from where it got to"
    assert step_worst_first(order, 1, 1, last=1) == 5
    assert step_worst_first(order, 5, 1, last=5) is None, "past the least serious"
    assert step_worst_first(order, 7, -1, last=7) == 4
    assert step_worst_first(order, 4, -1, last=4) is None
    assert step_worst_first(order, 0, -1) == 5, "F starts from the least serious"
    state = ViewState()
    state.set_alignment(flagged_story(), cursor=0)
    assert state.next_flag(1) == 1, "top to bottom by default"
    state.toggle_worst_first()
    state.move(5)
    assert state.next_flag(1) == 4, "the critical flag first, wherever the cursor is"
    state.move(4)
    assert state.next_flag(1) == 1
    state.move(1)
    assert state.next_flag(-1) == 4
    state.set_min_severity("critical")
    state.move(0)
    assert state.flag_order == [4] and state.next_flag(1) == 4


def test_messages_name_sources_by_column_and_title():
    alignment = story()
    names = column_names(alignment)
    assert names == {"a": "col 1 “Version A”", "b": "col 2 “Version B”", "c": "col 3 “Version C”"}
    message = "2,400 (c) vs 4,200 (a) (also b)"
    assert name_sources(message, names) == "2,400 (col 3 “Version C”) vs 4,200 (col 1 “Version A”) (also col 2)"
    assert name_sources("“a b” in a, missing from b, c", names) == (
        "“a b” in col 1 “Version A”, missing from col 2 “Version B”, col 3 “Version C”"
    ), "quoted text is left as it is"
    assert name_sources("“a b” in a, its linked text in b, c; missing from c", names) == (
        "“a b” in col 1 “Version A”, its linked text in col 2 “Version B”, col 3 “Version C”; "
        "missing from col 3 “Version C”"
    ), "a merged gap names every source that carries it"
    assert name_sources("only c mentions a ferry", names) == "only c mentions a ferry", "ids as words stay"
    assert columns_list(alignment, ["c", "a"]) == "cols 1, 3" and columns_list(alignment, ["b"]) == "col 2"
    alignment.sources[1].title = "b.txt"
    alignment.sources[2].title = ""
    assert column_names(alignment) == {"a": "col 1 “Version A”", "b": "col 2", "c": "col 3"}, (
        "a title that is only the file name adds nothing"
    )


def test_hash_ids_become_columns_with_a_shortened_title():
    alignment = story()
    alignment.sources[2].id = "003-622b2473189a"
    alignment.sources[2].title = "Harbour pilots strike over pay and the new night shifts"
    flag = Flag("number", "major", "2,400 (003-622b2473189a) vs 4,200 (a) (also b, 003-622b2473189a)", {})
    shown = flag_message(alignment, flag)
    assert "003-622b2473189a" not in shown
    assert shown.startswith("2,400 (col 3 “Harbour pilots strike…”) vs 4,200 (col 1 “Version A”)")
    assert shown.endswith("(also cols 2, 3)")
