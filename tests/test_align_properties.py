"""Invariants of the alignment, for generated stories and generated edits (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srccompare.core.config import Config
from srccompare.engine.align import align_sources
from srccompare.inputs.sources import build_source

VOCAB = (
    "harbour pilot ship quay union strike ferry island tanker fuel price minister talks crane berth cargo "
    "night shift pay wage court ruling council mayor river bridge tunnel storm warning coast fishermen "
    "banner vote deadline contract lawyer audit budget deficit tax grain steel timber export import "
    "Velmora Gdańsk Wróbel Kielar Norvane 41 12 30-day 2031 don't won't it's 'reckless' \"unpaid\""
).split()
FURNITURE = ["Share this article", "Read more", "Advertisement", "4 min read", "Related stories"]

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

word = st.sampled_from(VOCAB)
sentence = st.lists(word, min_size=4, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
story = st.lists(paragraph, min_size=1, max_size=8)


@st.composite
def version_of(draw, original: list[str]) -> list[str]:
    """Another version: paragraphs dropped, reworded, merged, inserted, moved; furniture added."""
    out: list[str] = []
    i = 0
    while i < len(original):
        op = draw(st.sampled_from(["keep", "keep", "drop", "reword", "merge", "insert", "furniture"]))
        if op == "drop":
            i += 1
            continue
        if op == "insert":
            out.append(draw(paragraph))
        if op == "furniture":
            out.append(draw(st.sampled_from(FURNITURE)))
        if op == "merge" and i + 1 < len(original):
            out.append(original[i] + " " + original[i + 1])
            i += 2
            continue
        text = original[i]
        if op == "reword":
            words = text.split()
            k = draw(st.integers(0, len(words) - 1))
            words[k] = draw(word)
            text = " ".join(words)
        out.append(text)
        i += 1
    if len(out) > 2 and draw(st.booleans()):
        out.append(out.pop(draw(st.integers(0, len(out) - 2))))
    return out or [draw(paragraph)]


def build(versions: list[list[str]]):
    taken: set[str] = set()
    return [build_source(f"s{k}.txt", "\n\n".join(v) + "\n", {}, taken) for k, v in enumerate(versions)]


def check_invariants(alignment, sources) -> None:
    ids = {s.id for s in sources}
    for src in sources:
        placed = sorted(i for row in alignment.rows for i in row.cells.get(src.id, []))
        assert placed == list(range(len(src.paragraphs))), f"{src.id} paragraphs not each in exactly one row"
        for p in src.paragraphs:
            piece = src.text[p.start : p.end]
            assert piece and piece == piece.strip()
    # Base furniture lying between two paragraphs that other sources' links join sits
    # just after their row, as furniture of any source may.
    base_seen = [i for row in alignment.rows if row.kind != "boilerplate" for i in row.cells.get(alignment.base, [])]
    assert base_seen == sorted(base_seen), "rows must follow the base's order"
    for row in alignment.rows:
        assert row.kind in ("match", "changed", "only", "boilerplate")
        assert 0.0 <= row.score <= 1.0
        assert set(row.cells) <= ids and set(row.moved) <= set(row.cells)
        members = [(sid, i) for sid, ix in row.cells.items() for i in ix]
        assert members, "no empty rows"
        furniture = [alignment.source(sid).paragraphs[i].boilerplate for sid, i in members]
        if any(furniture):
            assert row.kind == "boilerplate" and len(members) == 1, "furniture never shares a row"
        if row.kind == "only":
            assert len([s for s, ix in row.cells.items() if ix]) == 1
    # Each source's text reads in its own order, apart from paragraphs listed as moved
    # (furniture may sit just after a row that another source's merge widened).
    for src in sources:
        order = [
            i
            for row in alignment.rows
            if src.id not in row.moved and row.kind != "boilerplate"
            for i in row.cells.get(src.id, [])
        ]
        assert order == sorted(order)
    doc = json.loads(json.dumps(alignment.to_dict()))
    assert doc["schema"] == "srccompare.alignment/1"


def signature(alignment):
    return [(row.kind, round(row.score, 6), row.cells, row.moved) for row in alignment.rows]


@SETTINGS
@given(st.data(), story, st.integers(2, 6))
def test_every_paragraph_in_exactly_one_row(data, original, count):
    versions = [original] + [data.draw(version_of(original)) for _ in range(count - 1)]
    sources = build(versions)
    base = data.draw(st.sampled_from([None] + [s.id for s in sources]))
    alignment = align_sources(sources, base, Config())
    check_invariants(alignment, sources)


@SETTINGS
@given(story)
def test_a_text_aligned_with_itself_is_all_match(original):
    sources = build([original, original])
    alignment = align_sources(sources, None, Config())
    check_invariants(alignment, sources)
    for row in alignment.rows:
        if row.kind != "boilerplate":
            assert row.kind == "match"
            assert row.cells[sources[0].id] == row.cells[sources[1].id]
            assert row.score == 1.0


CURLY = str.maketrans({"'": "’", '"': "”"})


@st.composite
def reflowed(draw, paragraphs: list[str]) -> list[str]:
    """The same paragraphs with line breaks moved (only before lower-case words) and curly quotes."""
    out = []
    for para in paragraphs:
        words = para.split(" ")
        pieces = [words[0]]
        for w in words[1:]:
            breakable = w[:1].islower()
            pieces.append(("\n" if breakable and draw(st.booleans()) else " ") + w)
        out.append("".join(pieces).translate(CURLY) if draw(st.booleans()) else "".join(pieces))
    return out


@SETTINGS
@given(st.data(), st.lists(paragraph, min_size=2, max_size=8))
def test_reflow_and_quote_styles_do_not_change_the_alignment(data, original):
    # Two paragraphs at least: a text without blank lines is one paragraph per line by design.
    other = data.draw(version_of(original).filter(lambda v: len(v) >= 2))
    plain = align_sources(build([original, other]), None, Config())
    changed = align_sources(build([data.draw(reflowed(original)), data.draw(reflowed(other))]), None, Config())
    assert signature(changed) == signature(plain)
