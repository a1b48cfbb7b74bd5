"""Numbers are compared by value, so only a changed figure is flagged."""

from __future__ import annotations

import pytest

from srccompare.core.config import default_config
from srccompare.engine.flags.cells import Cell, NameLexicon, Pair
from srccompare.engine.flags.numbers import cell_quantities
from srccompare.engine.flags.rules import compile_rules
from tests.flags.util import alignment_of, flags_between, kinds, spanned


def values(text: str) -> list[float]:
    al = alignment_of({"a": text, "b": text})
    src = al.sources[0]
    cell = Cell(src, list(range(len(src.paragraphs))))
    pair = Pair(cell, cell, compile_rules(default_config().flags), NameLexicon([text]))
    return [q.value for q in cell_quantities(cell, pair)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("About 3,000 jobs.", [3000]),
        ("About 3000 jobs.", [3000]),
        ("About three thousand jobs.", [3000]),
        ("Some twenty-five people and one hundred and twenty cars.", [25, 120]),
        ("It fell by a fifth, then by one-fifth.", [0.2, 0.2]),
        ("A 14% rise, then 6.5 per cent.", [14, 6.5]),
        ("It costs €10.4 million or $5bn.", [10.4e6, 5e9]),
        ("A 30-day strike and 12-hour shifts.", [30, 12]),
        ("On March 2, 2014 at 10:30, in May 2015.", []),
        ("One of them said no one came.", []),
        ("The F-16 and G7 and COVID-19 talks.", []),
    ],
)
def test_quantities_are_read_as_values(text, expected):
    assert values(text) == pytest.approx(expected)


def test_changed_figure_is_flagged_with_both_spans():
    ref = "Officials said 3,000 jobs would be cut at the plant."
    other = "Officials said 300 jobs would be cut at the plant."
    (flag,) = flags_between(ref, other)
    assert flag.kind == "number" and flag.severity == "critical"
    assert spanned(flag, ref, "a") == ["3,000"] and spanned(flag, other, "b") == ["300"]
    assert "3,000 jobs" in flag.message and "300 jobs" in flag.message


def test_same_figures_in_other_words_or_order_are_not_flagged():
    ref = "About 4,200 of the port's 5,600 workers joined; three yards closed."
    other = "Three yards closed, and about 4200 of 5,600 port workers joined."
    assert "number" not in kinds(flags_between(ref, other))


def test_written_out_and_digits_agree():
    assert flags_between("Three thousand people marched.", "3,000 people marched.") == []


def test_paraphrase_with_extra_figures_is_not_a_changed_number():
    ref = "The union wants a 14% rise over two years."
    other = "Demanding a 14% rise, the union, which has 5,600 members and 12 branches, called the strike."
    assert "number" not in kinds(flags_between(ref, other))


def test_same_unit_pairs_figures_in_a_paraphrase():
    ref = "Traders said at least 38 vessels were waiting to load at the two ports on Tuesday."
    other = "On Tuesday, according to traders in the capital, some 83 vessels were still queuing."
    flags = [f for f in flags_between(ref, other) if f.kind == "number"]
    assert [spanned(f, other, "b") for f in flags] == [["83"]]


def test_durations_compare_in_hours_and_currencies_by_symbol():
    ref = "Putin announced a recent three-day truce, and the fund pays about €10 million a year to the port."
    other = "Putin announced a recent 72-hour truce, and the fund pays about 10 million a year to the port."
    assert "number" not in kinds(flags_between(ref, other))
    changed = "Putin announced a recent 72-hour truce, and the fund pays about $10 million a year to the port."
    (flag,) = [f for f in flags_between(ref, changed) if f.kind == "number"]
    assert spanned(flag, ref, "a") == ["€10 million"] and spanned(flag, changed, "b") == ["$10 million"]
    weeks = "Putin announced a recent three-week truce, and the fund pays about €10 million a year to the port."
    (flag,) = [f for f in flags_between(ref, weeks) if f.kind == "number"]
    assert "three-day" in flag.message and "three-week" in flag.message
