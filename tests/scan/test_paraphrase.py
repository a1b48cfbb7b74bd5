"""verify_paraphrase: srccompare's aligner accepts a reworded version of a story and rejects another story."""

import pytest

from srccompare.scan.paraphrase import ParaphraseVerdict, verify_paraphrase
from tests.scan.test_content import ORIGINAL, PARAPHRASE, UNRELATED


def test_a_reworded_version_is_accepted_with_evidence():
    verdict = verify_paraphrase(ORIGINAL, PARAPHRASE, min_linked=3)
    assert isinstance(verdict, ParaphraseVerdict)
    assert verdict.ok and verdict.linked >= 4 and verdict.score >= 0.6
    assert verdict.evidence.startswith(f"{verdict.linked} of 6 paragraphs linked")
    assert "1,200" in verdict.evidence and "12 May" in verdict.evidence


def test_another_story_on_the_same_topic_is_rejected():
    for other in (ORIGINAL, PARAPHRASE):
        verdict = verify_paraphrase(other, UNRELATED, min_linked=2)
        assert not verdict.ok and verdict.score < 0.25, verdict


FIRST, SECOND = ORIGINAL.split("\n\n")[:2]
FOLLOW_UP = "\n\n".join(
    [
        "Three weeks after the flood, the Drossberg council voted on Thursday to rebuild the Velna embankment "
        "2 metres higher, at a cost of 11 million euros shared with the Tesslin water authority.",
        FIRST,
        SECOND,
        "Councillor Marit Oddvang, who proposed the plan, said the town could not wait for a second disaster and "
        "that work would begin on 1 September if the regional government approved the loan.",
        "Opponents led by Henrik Lasse argued that the money should go to relocating the 40 households closest "
        "to the river, and the vote passed by 14 to 9.",
        "Shopkeepers on the Marktgasse, most of whom reopened last week, said insurers had paid fewer than half "
        "of their claims so far.",
        "The water authority will publish its engineering study in October, and a public meeting is planned at "
        "the sports hall for residents who want to see the designs.",
    ]
)
"""A later story on the same flood that repeats two background paragraphs of the first word for word: the
names and figures they share, and the two paragraphs linked, do not make it a version of the first."""


def test_a_follow_up_that_repeats_background_paragraphs_is_rejected():
    verdict = verify_paraphrase(ORIGINAL, FOLLOW_UP, min_linked=2)
    assert not verdict.ok and verdict.linked == 2, verdict
    assert verdict.evidence.startswith("2 of 6 paragraphs linked (36% and 29% of the two texts)")
    assert "1,200" in verdict.evidence  # the shared facts are reported, they just do not decide


def test_the_share_is_measured_on_both_texts():
    """A short piece wholly linked inside a long text is not a version of it (either way round)."""
    ab = verify_paraphrase(FIRST + "\n\n" + SECOND, FOLLOW_UP, min_linked=2, corroborated_share=1.0)
    ba = verify_paraphrase(FOLLOW_UP, FIRST + "\n\n" + SECOND, min_linked=2, corroborated_share=1.0)
    assert ab == ba and not ab.ok and ab.score < 0.35 and "(100% and" in ab.evidence


def test_the_verdict_does_not_depend_on_the_order_of_the_texts():
    ab = verify_paraphrase(ORIGINAL, PARAPHRASE, min_linked=2)
    ba = verify_paraphrase(PARAPHRASE, ORIGINAL, min_linked=2)
    assert (ab.ok, ab.score, ab.linked) == (ba.ok, ba.score, ba.linked)


def test_min_linked_is_a_floor_on_linked_paragraphs():
    verdict = verify_paraphrase(ORIGINAL, PARAPHRASE, min_linked=2)
    assert verdict.ok
    assert not verify_paraphrase(ORIGINAL, PARAPHRASE, min_linked=verdict.linked + 1).ok


def test_a_truncated_version_is_judged_on_the_shorter_text():
    first_half = "\n\n".join(PARAPHRASE.split("\n\n")[:3])
    verdict = verify_paraphrase(ORIGINAL, first_half, min_linked=2)
    assert verdict.ok and verdict.linked >= 2 and "of 3 paragraphs" in verdict.evidence


def test_shared_figures_let_a_loosely_linked_rewrite_through_but_not_topic_words_alone():
    strict = verify_paraphrase(ORIGINAL, PARAPHRASE, min_linked=1, min_share=1.01, corroborated_share=0.2)
    assert strict.ok  # many shared numbers and dates corroborate the links
    no_figures = verify_paraphrase(ORIGINAL, PARAPHRASE, min_linked=1, min_share=1.01, min_figures=99)
    assert not no_figures.ok


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("", ""),
        ("", ORIGINAL),
        (ORIGINAL, "   \n\n  "),
        ("One paragraph only.", "One paragraph only."),
        ("One paragraph only.", ORIGINAL),
        ("Share this article", "Share this article"),
        ("x", "y"),
        ("1,200", "1200"),
    ],
)
def test_empty_tiny_and_one_paragraph_texts_never_crash(a, b):
    verdict = verify_paraphrase(a, b, min_linked=1)
    assert 0.0 <= verdict.score <= 1.0 and verdict.linked >= 0 and verdict.evidence
    if not a.strip() or not b.strip():
        assert not verdict.ok and verdict.evidence == "empty text"


def test_one_paragraph_copies_link_but_need_min_linked():
    text = "Mayor Ilse Varnholt said 1,200 residents of Drossberg left their homes on 12 May."
    assert verify_paraphrase(text, text, min_linked=1).ok
    assert not verify_paraphrase(text, text, min_linked=2).ok
