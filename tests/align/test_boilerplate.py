import pytest

from srccompare.core.config import BoilerplateConfig
from srccompare.engine.align.boilerplate import (
    ends_sentence,
    furniture_by_rule,
    furniture_by_structure,
    is_title_like,
    looks_like_furniture,
)
from tests.align.prose import STORY, source

CONFIG = BoilerplateConfig()


@pytest.mark.parametrize(
    "text",
    [
        "Read more",
        "4 min read",
        "Share this article",
        "Listen to this story",
        "Advertisement",
        "Sign up for our newsletter",
        "Related stories",
        "Editor’s Note: This story has been updated.",
        "By Marta Keller",
        "Harbour pilots at the quay on Monday. (Photo: Jan Ober / AFP via Getty Images)",
        "Menu\nHome\nSearch",
    ],
)
def test_patterns_mark_page_furniture(text):
    src = source("page.txt", [STORY[0], text, STORY[1]])
    assert furniture_by_rule([src], CONFIG) == [{1}]


def test_long_paragraphs_are_never_furniture_by_pattern():
    long = "Read more " + " ".join(["about the strike"] * 20)
    src = source("page.txt", [STORY[0], long])
    assert furniture_by_rule([src], CONFIG) == [set()]


def test_repeated_headline_is_furniture_only_the_second_time():
    headline = "Pilots strike stops Velmora harbour"
    src = source("page.txt", [headline, STORY[0], headline, STORY[1]])
    assert furniture_by_rule([src], CONFIG) == [{2}]


def test_repeated_title_can_be_switched_off():
    headline = "Pilots strike stops Velmora harbour"
    src = source("page.txt", [headline, STORY[0], headline])
    assert furniture_by_rule([src], BoilerplateConfig(repeated_title=False)) == [set()]


def test_real_paragraphs_are_not_furniture_by_rule():
    src = source("story.txt", STORY)
    assert furniture_by_rule([src], CONFIG) == [set()]


@pytest.mark.parametrize(
    "text, furniture",
    [
        ("Senior Business Reporter", True),
        ("Avatar\nMarta Keller", True),
        ("Why the port matters\nThe harbour moves a third of the country's grain, and a long strike would hurt.", True),
        ("Marta Keller is a senior reporter at the Coastal Ledger covering shipping and labour.", True),
        (STORY[2], False),
        ("The strike ended.", False),
    ],
)
def test_shape_cues_for_unpartnered_paragraphs(text, furniture):
    assert looks_like_furniture(text, CONFIG) is furniture


def test_structure_pass_only_looks_at_unpartnered_paragraphs():
    src = source("page.txt", [STORY[0], "Senior Business Reporter", "Most popular"])
    assert furniture_by_structure(src, {1}, CONFIG) == {1}
    assert furniture_by_structure(src, set(), CONFIG) == set()


def test_sentence_ends_see_through_closing_quotes():
    assert ends_sentence('"We will not move," she said.')
    assert ends_sentence("He called it “a disgrace.”")
    assert not ends_sentence("‘We have not given up’ — dockers on the long strike")
    assert is_title_like("Related:")


def test_hard_wrapped_sources_have_no_structural_lines():
    wrapped = "Why the port matters\nThe harbour moves a third of the country's grain, and a long strike would hurt."
    assert looks_like_furniture(wrapped, CONFIG) is True
    assert looks_like_furniture(wrapped, CONFIG, wrapped=True) is False
    src = source("mail.txt", [STORY[0], wrapped])
    src.meta["hard_wrapped"] = True
    assert furniture_by_structure(src, {1}, CONFIG) == set()


def test_an_added_paragraph_in_a_hard_wrapped_copy_is_only_in_that_copy():
    """A paragraph wrapped at 66 columns is not a headline over a blurb (its first line is a wrap)."""
    import textwrap
    from pathlib import Path

    from srccompare.core.config import default_config
    from srccompare.engine.align import align_sources
    from srccompare.inputs.sources import build_source

    story = Path(__file__).resolve().parents[2] / "samples" / "harbour-strike"
    original = (story / "1-original.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in (story / "2-reprint.txt").read_text(encoding="utf-8").split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    added = (
        "Crane drivers at the smaller northern terminal run by the operator Baltic Hub voted on Tuesday "
        "to join the walkout from next week, the union said, which would close the last grain berths on the coast."
    )
    paragraphs.insert(3, added)
    wrapped = "\n\n".join(textwrap.fill(p, 66) for p in paragraphs) + "\n"
    assert "the operator\nBaltic Hub" in wrapped  # the first line reads like a title on its own
    taken: set[str] = set()
    a = build_source("1-original.txt", original, {}, taken)
    b = build_source("wrapped.txt", wrapped, {}, taken)
    assert b.meta.get("hard_wrapped")
    alignment = align_sources([a, b], None, default_config())
    (row,) = [r for r in alignment.rows if r.cells.get(b.id) == [3]]
    assert row.kind == "only"
    assert not b.paragraphs[3].boilerplate


def test_a_browser_title_repeating_the_headline_with_the_site_name_is_furniture():
    page = source(
        "page.txt",
        ["Harbour pilots strike in Velmora | The Coast Ledger", "Menu Home News", "Harbour pilots strike in Velmora"]
        + STORY[:3],
    )
    assert 0 in furniture_by_rule([page], CONFIG)[0]
    assert 2 not in furniture_by_rule([page], CONFIG)[0]


def test_a_browser_title_worded_otherwise_is_furniture_only_at_the_top_above_a_menu():
    top = ["Pilots' walkout strands 41 ships - Coast Ledger", "Menu · News · Business · Sport · Log in"]
    assert 0 in furniture_by_rule([source("page.txt", top + STORY[:3])], CONFIG)[0]
    headline_over_lead = ["Pilots' walkout strands 41 ships - Coast Ledger", *STORY[:3]]
    assert 0 not in furniture_by_rule([source("story.txt", headline_over_lead)], CONFIG)[0]


def test_a_call_to_sign_up_closing_a_promo_is_furniture():
    promo = "Get the Coast Ledger morning briefing in your inbox before 7 a.m. Sign up now."
    assert 1 in furniture_by_rule([source("page.txt", [STORY[0], promo, STORY[1]])], CONFIG)[0]
