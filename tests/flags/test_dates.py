"""Dates, weekdays and times are compared by value within one type."""

from __future__ import annotations

from tests.flags.util import flags_between, kinds, spanned


def test_changed_weekday_is_a_date_flag():
    ref = "Talks are due to resume on Thursday under a mediator."
    other = "Talks must resume on Tuesday under a mediator."
    (flag,) = [f for f in flags_between(ref, other) if f.kind == "date"]
    assert spanned(flag, ref, "a") == ["Thursday"] and spanned(flag, other, "b") == ["Tuesday"]
    assert flag.severity == "major"


def test_changed_calendar_date_and_year():
    ref = "The agreement was signed on March 2, 2014 in Gdańsk by both unions."
    other = "The agreement was signed on March 7, 2016 in Gdańsk by both unions."
    flags = [f for f in flags_between(ref, other) if f.kind == "date"]
    assert sorted(m for f in flags for m in spanned(f, other, "b")) == ["March 7, 2016", "March 7, 2016"]
    assert "number" not in kinds(flags_between(ref, other))  # years and days are not quantities


def test_same_date_written_differently_is_not_flagged():
    ref = "The march is planned for Saturday, March 7, at 10:00 in the city centre."
    other = "On 7 March, a Saturday, the march starts in the city centre at 10 a.m."
    assert "date" not in kinds(flags_between(ref, other))


def test_a_date_and_a_weekday_are_never_paired():
    ref = "Russia invited Ukraine to talks in Istanbul beginning May 15, the president said."
    other = "The president invited Ukraine to talks in Istanbul on Thursday."
    assert "date" not in kinds(flags_between(ref, other))


def test_modal_may_is_not_a_month():
    ref = "The ministry said it may intervene in the dispute in June."
    other = "The ministry said it might intervene in the dispute in June."
    assert "date" not in kinds(flags_between(ref, other))
