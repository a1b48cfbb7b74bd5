"""Quotes are compared word for word, whatever marks and line breaks they use."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from srccompare.engine.flags.quotes import clause_before
from tests.flags.util import flags_between, kinds, spanned


def test_altered_quote_is_flagged_on_the_quoted_words():
    ref = "The largest operator said in a statement that it “regrets the union’s decision” and would talk."
    other = 'The largest operator said in a statement that it "respects\nthe union\'s decision" and would talk.'
    (flag,) = [f for f in flags_between(ref, other) if f.kind == "quote"]
    assert flag.severity == "major"
    assert spanned(flag, ref, "a") == ["regrets the union’s decision"]
    assert spanned(flag, other, "b") == ["respects\nthe union's decision"]
    assert "regrets" in flag.message and "respects" in flag.message


def test_quote_marks_reflow_and_closing_punctuation_are_not_changes():
    ref = "“The companies took the profits and put nothing back,” he said. “We will not wait.”"
    other = '"The companies took the profits and put\nnothing back." he said. "We will not wait."'
    assert "quote" not in kinds(flags_between(ref, other))


def test_quote_given_to_another_speaker_is_critical():
    ref = "“We will not accept any preconditions for the talks,” Peskov said on Monday."
    other = "“We will not accept any preconditions for the talks,” Lavrov said on Monday."
    flags = [f for f in flags_between(ref, other) if f.kind == "quote"]
    assert len(flags) == 1 and flags[0].severity == "critical"
    assert "Peskov" in flags[0].message and "Lavrov" in flags[0].message


def test_unrelated_quotes_in_a_paraphrase_are_left_alone():
    ref = "“The port is not a bargaining chip,” the minister said."
    other = "“Every day of this strike costs the economy money,” the minister said."
    assert "quote" not in kinds(flags_between(ref, other))


def test_apostrophes_are_not_quote_marks():
    ref = "The union’s leader said the workers’ demands were fair and the port’s owners agreed."
    other = "The union's leader said the workers' demands were fair and the port's owners agreed."
    assert flags_between(ref, other) == []


def test_same_speaker_named_more_or_less_fully_is_no_misattribution():
    ref = "“Russia needs to think about the proposal,” said Kremlin spokesman Dmitry Peskov on Monday."
    other = "“Russia needs to think about the proposal,” said Dmitry Peskov on Monday."
    assert "quote" not in kinds(flags_between(ref, other))
    ref = "Peskov told reporters: “Russia needs to think about the proposal.”"
    other = "Lavrov told reporters: “Russia needs to think about the proposal.”"
    flags = [f for f in flags_between(ref, other) if f.kind == "quote"]
    assert len(flags) == 1 and flags[0].severity == "critical"


def test_a_quote_given_in_part_is_not_a_changed_quote():
    ref = "“The river will finally belong to the walkers,” the mayor said."
    other = "The mayor said the river would “belong to the walkers” again."
    assert "quote" not in kinds(flags_between(ref, other))


def test_a_partial_quote_that_leaves_out_a_negation_is_still_flagged():
    ref = "“I never said that the port would close for good,” the minister said."
    other = "The minister said “the port would close for good”."
    assert "quote" in kinds(flags_between(ref, other))


_CLAUSE_BEFORE_PATTERN = re.compile(r"([^.;!?“”\"«»]{0,90})[:,]?\s*$")
"""What ``clause_before`` finds, written as the pattern it replaces (which is tried from every
position of the window, so it costs the window's length times the clause's)."""


@given(st.text(alphabet='ab Z.,:;!?“”"«»\n\t\u2003', max_size=120))
def test_clause_before_is_the_anchored_pattern(window: str) -> None:
    assert clause_before(window) == _CLAUSE_BEFORE_PATTERN.search(window).group(1)
