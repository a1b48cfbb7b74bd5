"""content_tokens: what paraphrases keep (names, numbers, dates, content words), normalised, deterministic, bounded.

The articles here are invented for these tests (names, places and figures made up);
``test_paraphrase`` uses them too.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.scan.content import MAX_TOKENS, content_facts, content_tokens, figures, number_key

ORIGINAL = """Floodwater forced 1,200 residents of Drossberg from their homes on 12 May after the Velna river rose 3.5 metres in a single night, Mayor Ilse Varnholt said.

Varnholt told reporters at the town hall that emergency crews from Karsk and Ulmen had reached the flooded districts by dawn and were carrying elderly people out by boat.

The regional weather office had warned of heavy rain on Sunday, but forecasters at the Ostreva observatory said the downpour was twice what they expected.

Two bridges across the Velna were closed and the railway line to Karsk was suspended until further notice, the operator Nordbahn announced.

Engineers from the Tesslin water authority estimated that repairs to the embankment would cost about 4.2 million euros and take eight weeks.

Varnholt asked the national government for emergency funds and said a temporary shelter for 300 families had opened in the Drossberg sports hall."""

PARAPHRASE = """Some 1200 people in Drossberg had to leave their houses on May 12th when the Velna rose by 3.5 metres overnight, according to the town's mayor, Ilse Varnholt.

Rescue teams sent from Karsk and Ulmen arrived in the submerged neighbourhoods before sunrise, Varnholt said at the town hall, and used boats to evacuate older residents.

Forecasters at the Ostreva observatory admitted the rainfall was double their prediction, even though the regional weather office had issued a warning for heavy rain on Sunday.

Nordbahn, the rail operator, halted trains between Drossberg and Karsk indefinitely, and both bridges over the Velna were shut.

Fixing the embankment will take eight weeks and cost roughly 4.2 million euros, according to engineers at the Tesslin water authority.

The mayor has requested emergency money from the national government; the Drossberg sports hall now serves as a temporary shelter for 300 families."""

UNRELATED = """Heavy rain flooded 640 homes in Kelmarsh on 3 June after the Arlen river burst its banks, Mayor Tobias Renn said on Tuesday.

Renn said volunteers from Pellow had spent the night filling sandbags and that the fire brigade rescued 27 people from cars stranded on the ring road.

The national weather service said the storm dropped 80 millimetres of rain in six hours, the most since records began at the Harwick station in 1911.

Buses replaced trains between Kelmarsh and Pellow while the line was inspected, the operator Westlink said.

The county council estimated the damage at 9.8 million pounds and said the flood barrier planned for 2019 had never been built.

Renn promised a public inquiry and said schools in the lower town would stay closed for the rest of the week."""


def jaccard(a: str, b: str) -> float:
    x, y = set(content_tokens(a)), set(content_tokens(b))
    return len(x & y) / len(x | y)


def test_a_paraphrase_that_keeps_names_and_numbers_shares_most_facts():
    facts = {t for t in content_tokens(ORIGINAL) if not t.startswith("w:")}
    kept = {t for t in content_tokens(PARAPHRASE) if not t.startswith("w:")}
    assert {"n:uarnholt", "n:drosberg", "n:uelna", "#1200", "#3.5", "#4200000", "d:md:5-12"} <= facts & kept
    assert len(facts & kept) >= 0.7 * len(facts)


def test_a_paraphrase_shares_far_more_than_an_unrelated_story_on_the_same_topic():
    assert jaccard(ORIGINAL, PARAPHRASE) >= 0.35
    assert jaccard(ORIGINAL, UNRELATED) <= 0.15
    assert jaccard(PARAPHRASE, UNRELATED) <= 0.15


def test_numbers_are_read_by_value():
    assert figures("1,200 people") == figures("1200 people") == figures("twelve hundred people") == {"#1200"}
    assert figures("a rise of 3.5 metres") == {"#3.5"}
    assert figures("3.5 metres") != figures("35 metres")
    assert figures("4.2 million euros") == figures("4,200,000 euros") == {"#4200000"}
    assert number_key(1200.0) == "1200" and number_key(0.25) == "0.25"


def test_dates_are_read_by_value_whatever_the_order_or_suffix():
    assert figures("on 12 May") == figures("on May 12th") == {"d:md:5-12"}
    assert "d:year:2022" in figures("in February 2022") and "d:month:2" in figures("in February 2022")
    assert figures("on 12 May") != figures("on 13 May")


def test_names_fold_case_diacritics_transliteration_and_configured_variants():
    def names(text: str) -> set[str]:
        return {t for t in content_tokens(text) if t.startswith("n:")}

    assert names("Talks with Zelensky began.") == names("Talks with Zelenskyy began.")
    assert names("A visit by Erdoğan ended.") == names("A visit by Erdogan ended.")
    assert names("Trains to Kyiv stopped.") == names("Trains to Kiev stopped.")
    assert names("The son of Dauid spoke.") == names("The son of David spoke.")


def test_content_words_are_stemmed_and_stop_words_dropped():
    words = {t for t in content_tokens("the negotiations would continue") if t.startswith("w:")}
    assert words == {t for t in content_tokens("they negotiate and continued") if t.startswith("w:")}
    assert content_tokens("and the of which would there") == []


def test_names_are_not_counted_again_as_words():
    tokens = content_tokens("Officials met Varnholt. Later Varnholt left.")
    assert "n:uarnholt" in tokens and not any(t.startswith("w:") and "rnh" in t for t in tokens)


def test_facts_keep_how_the_text_writes_them_in_text_order():
    facts, words = content_facts(ORIGINAL)
    assert facts["#1200"] == "1,200" and facts["n:uelna"] == "Velna"
    keys = list(facts)
    assert keys.index("#1200") < keys.index("n:uarnholt") < keys.index("#4200000")
    assert all(w.startswith("w:") for w in words)


def test_empty_and_blank_texts_have_no_tokens():
    assert content_tokens("") == [] and content_tokens(" \n\t ") == [] and content_tokens(ORIGINAL, limit=0) == []


def test_huge_texts_are_capped_facts_first_and_the_cap_is_a_consistent_sample():
    consonants = "bdfglmnprst"
    triples = [(x, y, z) for x in consonants for y in consonants for z in consonants]
    names = " ".join(f"Met {x.upper()}a{y}e{z}o{w}." for x, y, z in triples[:600] for w in "dk")
    words = " ".join(f"{x}a{y}o{z}ing" for x, y, z in triples)
    tokens = content_tokens(names + " " + words)
    assert len(tokens) == MAX_TOKENS
    assert all(t.startswith("n:") for t in tokens)  # facts come first
    small = content_tokens(words, limit=50)
    assert len(small) == 50 and small == sorted(small)
    # A token kept from the fuller text is kept from any part of it that has it (bottom-k by a fixed hash).
    half = content_tokens(words[: len(words) // 2], limit=50)
    full_kept = set(content_tokens(words, limit=50))
    assert set(half) >= {t for t in full_kept if t in set(content_tokens(words[: len(words) // 2], limit=10_000))}


def test_the_same_text_gives_the_same_tokens_in_a_fresh_interpreter():
    import os
    import subprocess
    import sys

    code = "from srccompare.scan.content import content_tokens; import sys; print(content_tokens(sys.stdin.read()))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], input=ORIGINAL, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == repr(content_tokens(ORIGINAL))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.integers(min_value=0, max_value=40))
def test_tokens_are_deterministic_sorted_unique_and_bounded(text, limit):
    tokens = content_tokens(text, limit=limit)
    assert tokens == content_tokens(text, limit=limit)
    assert tokens == sorted(set(tokens))
    assert len(tokens) <= limit
    assert all(t[:1] in "n#dw" for t in tokens)
