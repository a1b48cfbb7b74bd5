"""A statement that one source negates and another affirms is flagged."""

from __future__ import annotations

from tests.flags.util import flags_between, kinds, spanned


def test_dropped_negation_is_flagged():
    ref = "Police said the picket lines had been peaceful and that no arrests had been made."
    other = "The police said that the picket lines were peaceful and that arrests had been made."
    (flag,) = [f for f in flags_between(ref, other) if f.kind == "negation"]
    assert flag.severity == "critical"
    assert spanned(flag, ref, "a") == ["no"]
    assert spanned(flag, other, "b") == ["arrests"]


def test_added_negation_is_flagged():
    ref = "Putin notably announced an extension of the three-day truce on Sunday."
    other = "Putin notably did not announce an extension of the three-day truce on Sunday."
    (flag,) = [f for f in flags_between(ref, other) if f.kind == "negation"]
    assert spanned(flag, other, "b") == ["not"]


def test_negation_said_another_way_is_not_flagged():
    ref = "The minister did not agree to the proposal for a ceasefire, officials said."
    other = "The minister refused the proposal for a ceasefire, officials said."
    assert "negation" not in kinds(flags_between(ref, other))
    ref = "The terminal had not lost any customers to Hamburg so far."
    other = "The terminal did not lose any clients to Hamburg until now."
    assert "negation" not in kinds(flags_between(ref, other))


def test_exceptions_and_lexical_failure_are_not_negations():
    ref = "The strike hit not only the port but also the railway, after talks collapsed on Friday."
    other = "The strike hit the port and also the railway, after talks failed on Friday."
    assert "negation" not in kinds(flags_between(ref, other))


def test_failed_to_counts_as_negation():
    ref = "Negotiators agreed to stop the fighting in Istanbul."
    other = "Negotiators failed to agree to stop the fighting in Istanbul."
    assert "negation" in kinds(flags_between(ref, other))


def test_whether_or_not_is_no_negation():
    ref = "The union will decide on Friday whether or not to extend the strike at the port."
    other = "The union will decide on Friday whether to extend the strike at the port."
    assert "negation" not in kinds(flags_between(ref, other))


def test_lexical_negatives_count_like_not():
    ref = "Officials said a deal before the weekend was unlikely, according to the union."
    other = "Officials said a deal before the weekend was not likely, according to the union."
    assert "negation" not in kinds(flags_between(ref, other))
    other = "Officials said a deal before the weekend was likely, according to the union."
    assert "negation" in kinds(flags_between(ref, other))


def test_negation_moved_a_few_words_is_the_same_statement():
    ref = "Store up treasure in heaven, where neither moth nor rust consumes it and thieves do not steal."
    other = "Store up treasure in heaven, where moth and rust do not consume it and thieves do not steal."
    assert "negation" not in kinds(flags_between(ref, other))


def test_lest_is_a_negation_so_lest_they_come_equals_so_that_they_do_not_come():
    ref = "Warn my brothers, so that they may not end up in this dreadful place as well."
    other = "Warn my brothers, lest they also end up in this dreadful place."
    assert "negation" not in kinds(flags_between(ref, other))
    other = "Warn my brothers, so that they also end up in this dreadful place."
    assert "negation" in kinds(flags_between(ref, other))


def test_a_negated_clause_the_other_sentence_lacks_is_no_flip():
    # The other cell starts halfway through the statement (its first half sits in another
    # row): the clause with "not" has no counterpart here, so nothing was negated or affirmed.
    ref = (
        "The mayor told them not to camp anywhere: neither on the hill, for it is the home of the owls; "
        "nor by the river, for it is the path of the floods; nor near the quarry, for it is the place of the blasting."
    )
    other = (
        "or by the river, for it is the path of the floods; or near the quarry, for it is the place of the blasting."
    )
    assert "negation" not in kinds(flags_between(ref, other))


def test_a_short_flip_with_only_the_verb_inflected_is_still_flagged():
    ref = "He did not resign on Friday after the vote."
    other = "He resigned on Friday after the vote."
    assert "negation" in kinds(flags_between(ref, other))


def test_a_bound_on_a_quantity_is_no_negation():
    ref = "After spending no more than eight or ten days in the port, the crew sailed for Riga."
    other = "After spending some eight or ten days in the port, the crew sailed for Riga."
    assert "negation" not in kinds(flags_between(ref, other))
    ref = "The union expects not less than 4,000 members to join the walkout on Monday."
    other = "The union expects at least 4,000 members to join the walkout on Monday."
    assert "negation" not in kinds(flags_between(ref, other))


def test_no_as_an_answer_negates_nothing():
    ref = "No, this is what the harbour master told the crews on Monday morning."
    other = "This is what the harbour master told the crews on Monday morning."
    assert "negation" not in kinds(flags_between(ref, other))
    ref = "“No,” replied the mayor, “the ferry will sail on Monday as planned.”"
    other = "The mayor replied, “the ferry will sail on Monday as planned.”"
    assert "negation" not in kinds(flags_between(ref, other))
    # "no" before what it negates still counts.
    ref = "The harbour master said no ferry would sail on Monday morning."
    other = "The harbour master said a ferry would sail on Monday morning."
    assert "negation" in kinds(flags_between(ref, other))


def test_a_no_that_closes_a_sentence_is_still_a_negation():
    ref = "Asked whether the ferry would sail on Monday, the harbour master said no."
    other = "Asked whether the ferry would sail on Monday, the harbour master said yes."
    assert "negation" in kinds(flags_between(ref, other))
