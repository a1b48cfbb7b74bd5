"""Spelling variants of a name are minor; a misspelled or replaced name is a name flag."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.engine.flags.cells import NameLexicon
from srccompare.engine.flags.names import derived, skeleton
from tests.flags.util import flags_between, kinds, spanned


@pytest.mark.parametrize(
    "ref_name, other_name",
    [
        ("Erdoğan", "Erdogan"),
        ("Zelensky", "Zelenskyy"),
        ("Kyiv", "Kiev"),
        ("Wiśniewski", "Wisniewski"),
        ("Odesa", "Odessa"),
    ],
)
def test_transliteration_and_diacritics_are_spelling_not_name(ref_name, other_name):
    ref = f"On Monday the talks with {ref_name} went on, officials in the region said."
    other = f"On Monday the talks with {other_name} went on, officials in the region said."
    flags = flags_between(ref, other)
    assert kinds(flags) == ["spelling"]
    assert flags[0].severity == "minor"
    assert spanned(flags[0], ref, "a") == [ref_name] and spanned(flags[0], other, "b") == [other_name]


def test_misspelled_surname_is_a_name_flag():
    ref = "Infrastructure Minister Katarzyna Kłosińska said the government would not intervene."
    other = "The Minister of Infrastructure Katarzyna Kłosowska said the government will not intervene."
    flags = [f for f in flags_between(ref, other) if f.kind == "name"]
    assert len(flags) == 1
    assert spanned(flags[0], ref, "a") == ["Kłosińska"] and spanned(flags[0], other, "b") == ["Kłosowska"]


def test_replaced_name_in_the_same_place_is_flagged():
    ref = "The plan was drawn up by officials in Warsaw last week, the report said."
    other = "The plan was drawn up by officials in Berlin last week, the report said."
    (flag,) = flags_between(ref, other)
    assert flag.kind == "name" and "Warsaw" in flag.message and "Berlin" in flag.message


def test_inflected_names_and_shared_first_names_are_not_flagged():
    ref = "Russia said U.S. President Donald Trump backed the Ukraine proposal."
    other = "A Russian statement said Polish Prime Minister Donald Tusk backed the Ukrainian proposal."
    assert "name" not in kinds(flags_between(ref, other))
    assert "title" not in kinds(flags_between(ref, other))


def test_surname_alone_matches_the_full_name():
    ref = "President Volodymyr Zelensky met the leaders in the capital."
    other = "Zelensky met the leaders in the capital, his office said."
    assert not {"name", "spelling"} & set(kinds(flags_between(ref, other)))


def test_skeleton_and_derivation_rules():
    assert skeleton("zelensky") == skeleton("zelenskyy") == skeleton("zelenskiy")
    assert skeleton("klosinska") != skeleton("klosowska")
    assert derived("russia", "russian") and derived("ukraine", "ukrainian") and derived("alexander", "alexandrian")
    assert not derived("tusk", "task")


def test_swapped_actors_are_flagged():
    ref = "During the truce, Putin said, Ukraine attacked Russia five times across the border."
    other = "During the truce, Putin said, Russia attacked Ukraine five times across the border."
    flags = [f for f in flags_between(ref, other) if f.kind == "name"]
    assert {(spanned(f, ref, "a")[0], spanned(f, other, "b")[0]) for f in flags} == {
        ("Ukraine", "Russia"),
        ("Russia", "Ukraine"),
    }


def test_reordered_list_of_names_is_not_a_swap():
    ref = "Leaders of France, Germany and Poland met in Kyiv on Saturday to discuss the ceasefire."
    other = "Leaders of Poland, Germany and France met in Kyiv on Saturday to discuss the ceasefire."
    assert "name" not in kinds(flags_between(ref, other))


def test_variant_first_name_of_another_person_is_not_a_spelling():
    ref = "Talks were set up by Volodymyr Zelensky and the Turkish side in Istanbul."
    other = "Talks were set up by Vladimir Putin and the Turkish side in Istanbul."
    flags = flags_between(ref, other)
    assert "spelling" not in kinds(flags)


def test_transliterated_first_name_of_the_same_person_is_spelling():
    ref = "Talks were set up by Volodymyr Zelensky and the Turkish side in Istanbul."
    other = "Talks were set up by Vladimir Zelensky and the Turkish side in Istanbul."
    assert kinds(flags_between(ref, other)) == ["spelling"]


def test_a_people_and_its_adjective_are_one_name():
    assert derived("jews", "jewish") and derived("danes", "danish") and derived("iran", "iranian")
    assert not derived("jews", "jewel") and not derived("iran", "irene")
    ref = "The Jews of the city met the envoy from Rome on Monday."
    other = "The Jewish people of the city met the envoy from Rome on Monday."
    assert "name" not in kinds(flags_between(ref, other))


# The lexicon's lower-case word pattern once put its look-behind after the first letter; the
# look-behind now comes first (faster), and must find exactly the same words.
_LOWER_BEFORE = re.compile(rf"[{NameLexicon._LOWS}](?<![\w'’\-].)[\w'’]*")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["word", "Word", "x", "é", "ß", "жук", "'", "’", "-", " ", "\n", "3", "_", ".", "O'neil", "don’t"]
        ),
        max_size=30,
    ).map("".join)
)
def test_lower_case_words_are_found_as_before(text):
    assert NameLexicon._LOWER.findall(text) == _LOWER_BEFORE.findall(text)


def test_a_sources_lexicon_is_made_once_and_shared_by_the_same_text():
    from srccompare.engine.flags.warm import _LEXICONS_KEPT, source_lexicon
    from srccompare.inputs.sources import build_source as build

    def build_source(name: str, text: str):
        return build(name, text, {}, set())

    first = build_source("a", "Mayor Ana Lind spoke. The port reopened.")
    again = build_source("b", "Mayor Ana Lind spoke. The port reopened.")
    other = build_source("c", "Mayor Ana Lindh spoke. The port reopened.")
    assert source_lexicon(first) is source_lexicon(again)
    assert source_lexicon(other) is not source_lexicon(first)
    assert "lindh" in source_lexicon(other).names and "lind" in source_lexicon(first).names
    kept = source_lexicon(first)
    for k in range(_LEXICONS_KEPT + 2):  # only the last few are kept
        source_lexicon(build_source(f"s{k}", f"Chief Ola Berg{k} spoke."))
    assert source_lexicon(first) is not kept  # made anew: the first one was let go
