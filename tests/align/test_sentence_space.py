"""Dot products made in bulk for a whole small grid equal ``dot`` pair by pair, and the sentence
space keeps them for the search."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.engine.align.features import dot, every_dot
from srccompare.engine.align.sentence_space import SentenceSpace

_FEATURES = st.sampled_from(["the", "strike", "port", "3000", "talks", "union", "wage", "ŝ", "x"])
_WEIGHTS = st.floats(min_value=1e-6, max_value=50, allow_nan=False, allow_infinity=False)
_VECTORS = st.lists(st.dictionaries(_FEATURES, _WEIGHTS, max_size=6), max_size=7)


@settings(max_examples=200, deadline=None)
@given(_VECTORS, _VECTORS)
def test_every_dot_equals_dot(va, vb):
    space = SentenceSpace(va, vb)
    xs, ys = list(range(len(va))), list(range(len(vb)))
    every_dot(va, vb, xs, ys, space._ab)
    assert {key: space._ab[key] for key in space._ab} == {(x, y): dot(va[x], vb[y]) for x in xs for y in ys}


def test_calibration_of_a_short_pair_keeps_its_dot_products_for_the_search():
    va = [{"strike": 2.0, "port": 1.0}, {"wage": 1.5}]
    vb = [{"strike": 1.0}, {"talks": 1.0, "wage": 0.5}, {}]
    space = SentenceSpace(va, vb)
    space.calibrate([0, 1], [0, 1, 2], [(0, 0), (1, 1)])
    assert space._ab == {(x, y): dot(va[x], vb[y]) for x in (0, 1) for y in (0, 1, 2)}
    assert space.unrelated == 0.0  # the median cosine of the six pairs: four share nothing


def test_sentence_vectors_reuse_paragraph_vectors_only_where_they_are_equal():
    from srccompare.engine.align.features import build_space, weigh
    from srccompare.engine.align.pair import _sentence_vectors
    from srccompare.engine.align.sentences import split_sentences
    from srccompare.inputs.sources import build_source

    a = build_source("a.txt", "One sentence only.\n\nTwo here. And more here.\n\nThe third, alone", {}, set())
    b = build_source("b.txt", "One sentence only.\n\nSomething else entirely.", {}, set())
    texts = [[s.paragraph_text(i) for i in range(len(s.paragraphs))] for s in (a, b)]
    space = build_space(texts)
    table = split_sentences(a)
    vectors = _sentence_vectors(a.text, table, texts[0], space.vectors[0], space.idf)
    assert vectors == [weigh(table.counts[x], space.idf) for x in range(len(table.spans))]
    assert len(vectors) == 4
    assert vectors[0] is space.vectors[0][0] and vectors[3] is space.vectors[0][2]  # one-sentence paragraphs
    assert all(v is not space.vectors[0][1] for v in vectors)


def test_paragraph_counts_are_made_with_the_sentences_and_equal_the_paragraphs_own():
    from srccompare.engine.align.features import build_space, paragraph_counts
    from srccompare.engine.align.sentences import split_sentences
    from tests.align.prose import REWORDED, STORY, source

    src = source("story.txt", ["Dock workers walked out on Monday.", *STORY, " ".join(REWORDED[:3])])
    table = split_sentences(src)
    assert table.paragraph_counts is not None
    texts = [src.paragraph_text(p) for p in range(len(src.paragraphs))]
    assert table.paragraph_counts == [paragraph_counts(t) for t in texts]
    assert [list(c) for c in table.paragraph_counts] == [list(paragraph_counts(t)) for t in texts]  # same order
    assert table.paragraph_counts[0] is table.counts[0]  # a one-sentence paragraph shares its sentence's counts
    assert any(len(table.of(p)) > 1 for p in range(len(src.paragraphs)))  # and some have several sentences
    known = build_space([texts], [table.paragraph_counts])
    fresh = build_space([texts])
    assert known.vectors == fresh.vectors and known.norms2 == fresh.norms2 and known.idf == fresh.idf
    assert split_sentences(src, counted=False).paragraph_counts is None


def _neighbours_one_by_one(vectors, ids):
    after = [dot(vectors[ids[u]], vectors[ids[u + 1]]) for u in range(len(ids) - 1)] + [0.0]
    second = [dot(vectors[ids[u]], vectors[ids[u + 2]]) for u in range(len(ids) - 2)] + [0.0, 0.0]
    return after[: len(ids)], second[: len(ids)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.dictionaries(_FEATURES, _WEIGHTS, max_size=6), min_size=1, max_size=12),
    st.data(),
)
def test_neighbour_dots_made_ahead_equal_those_made_for_any_run_of_sentences(vectors, data):
    """Kept in one order (all of a side's sentences), they serve a search over part of them, in
    their order, with some left out (a moved paragraph's): where two are no neighbours there,
    the dot product is made then."""
    everything = list(range(len(vectors)))
    kept = data.draw(st.sampled_from([everything, everything[::-1], []]))
    ids = sorted(data.draw(st.sets(st.sampled_from(everything))))
    space = SentenceSpace(vectors, vectors)
    space.keep_neighbours(kept, kept)
    for side in ("a", "b"):
        after, second = space.neighbour_dots(side, ids)
        assert (after.tolist(), second.tolist()) == _neighbours_one_by_one(vectors, ids)
    unkept = SentenceSpace(vectors, vectors).neighbour_dots("a", ids)
    assert [values.tolist() for values in unkept] == list(_neighbours_one_by_one(vectors, ids))


def test_a_table_sent_back_from_a_worker_is_the_table_made_here():
    """Pickled (a source split in a worker), the spans travel as offsets and the counts with them."""
    import pickle

    from srccompare.engine.align.sentences import split_sentences
    from tests.align.prose import REWORDED, STORY, source

    for counted in (True, False):
        table = split_sentences(source("a.txt", STORY + REWORDED), counted=counted)
        received = pickle.loads(pickle.dumps(table))
        assert received.spans == table.spans and received.paragraph == table.paragraph
        assert received.first == table.first and received.paragraph_counts == table.paragraph_counts
        assert list(received.counts) == list(table.counts)  # (made on first use where not counted)
        assert received.counts[3] is received.counts[3]  # kept once made


_PIECES = st.sampled_from(
    [
        "Port",
        "port",
        "workers",
        "said",
        "3,000",
        "12.",
        "Mr.",
        "U.S.",
        "e.g.",
        "co-\nop",
        "well-",
        "-",
        "[1]",
        "<b>",
        "&amp;",
        "](x)",
        "“Go",
        "home.”",
        "no!",
        "Why?",
        "1.",
        " ",
        "  ",
        "\n",
        "\t",
        ".",
        ",",
        "'s",
        "zł",
        "Ωmega",
        "x" * 3,
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=30), min_size=1, max_size=4))
def test_a_paragraphs_counts_joined_from_its_sentences_are_its_own_to_the_bit(paragraphs):
    """Where a paragraph's words are its sentences' words, its counts are joined from theirs rather
    than counted again; whatever the text (hyphens at line ends, markup, list numbers), they are
    exactly the counts of its own text, in the same order."""
    from srccompare.engine.align.features import paragraph_counts
    from srccompare.engine.align.sentences import split_sentences
    from tests.align.prose import source

    texts = ["".join(pieces).strip() or "x" for pieces in paragraphs]
    src = source("story.txt", texts)
    table = split_sentences(src)
    assert table.paragraph_counts is not None
    for p in range(len(src.paragraphs)):
        own = paragraph_counts(src.paragraph_text(p))
        assert list(table.paragraph_counts[p].items()) == list(own.items())


def test_markup_across_sentences_is_read_as_the_paragraph_reads_it():
    """Markup may run over a sentence end (a tag's attribute, a list number opening a sentence):
    read alone, the sentences would take its words for text. Such a paragraph is counted itself."""
    from srccompare.engine.align.features import paragraph_counts
    from srccompare.engine.align.sentences import split_sentences
    from tests.align.prose import source

    texts = [
        'Workers met. <a title="Port strike. Workers said"> They went home.',
        "It began in May. 12. Then it ended.",
    ]
    src = source("story.txt", texts)
    table = split_sentences(src)
    assert table.paragraph_counts is not None
    assert all(len(table.of(p)) > 1 for p in range(len(texts)))
    for p in range(len(texts)):
        assert list(table.paragraph_counts[p].items()) == list(paragraph_counts(src.paragraph_text(p)).items())


def test_counts_joined_from_many_repeats_are_those_added_up_one_by_one():
    from srccompare.engine.align.features import joined_counts, paragraph_counts

    parts = ["port " * 200 + "strike.", "port " * 100 + "strike again."]
    assert joined_counts([paragraph_counts(t) for t in parts]) is None  # past the table: counted instead
    few = ["port port strike.", "port talks."]
    assert joined_counts([paragraph_counts(t) for t in few]) == paragraph_counts(" ".join(few))
