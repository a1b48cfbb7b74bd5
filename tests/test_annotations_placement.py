"""Proposed targets for a row or a flag, and the row an annotation is shown on."""

from __future__ import annotations

from srccompare.core.config import Config
from srccompare.core.model import Flag, Span
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.sources import build_source
from srccompare.review.model import Annotation, Target
from srccompare.review.placement import (
    annotated_rows,
    annotation_row,
    category_for_flag,
    flag_targets,
    narrow,
    row_targets,
    word_bounds,
)

WIRE = (
    "Harbour workers strike\n\n"
    "Dock workers at the northern port began a strike on Monday over pay and hours.\n\n"
    "The union said 3,000 members would stay off work for thirty days unless talks resumed.\n\n"
    "The operator said it regretted the decision and hoped to meet the union soon.\n"
)
REPRINT = (
    "Harbour workers strike\n\n"
    "Dock workers at the northern port began a strike on Monday over pay and hours.\n\n"
    "The union said 300 members would stay off work for thirty days unless talks resumed.\n\n"
    "The operator said it regretted the decision and hoped to meet the union soon.\n"
)


def _alignment():
    taken: set[str] = set()
    sources = [build_source("wire.txt", WIRE, {}, taken), build_source("reprint.txt", REPRINT, {}, taken)]
    return build_alignment(sources, None, Config())


def _row_with(alignment, words: str) -> int:
    wire = alignment.source("wire")
    for i, row in enumerate(alignment.rows):
        if any(words in wire.paragraph_text(p) for p in row.cells.get("wire", [])):
            return i
    raise AssertionError(words)


def test_row_targets_cover_the_divergent_words_of_each_source():
    alignment = _alignment()
    row = alignment.rows[_row_with(alignment, "3,000")]
    targets = {t.source: t for t in row_targets(alignment, row)}
    assert targets["wire"].exact == "3,000"
    assert targets["reprint"].exact == "300"
    for t in targets.values():
        assert alignment.source(t.source).text[t.start : t.end] == t.exact


def test_row_without_divergence_proposes_whole_cells():
    alignment = _alignment()
    row = alignment.rows[_row_with(alignment, "regretted")]
    targets = row_targets(alignment, row)
    assert [t.exact for t in targets] == [
        "The operator said it regretted the decision and hoped to meet the union soon."
    ] * 2


def test_flag_targets_and_category():
    alignment = _alignment()
    at = WIRE.index("3,000")
    flag = Flag("number", "major", "3,000 vs 300", {"wire": [Span(at, at + 5), Span(at + 8, at + 12)], "reprint": []})
    targets = flag_targets(alignment, flag)
    assert [(t.source, t.start, t.end) for t in targets] == [("wire", at, at + len("3,000 members"))], (
        "the spans' cover, out to whole words"
    )
    categories = Config().annotations.categories
    assert category_for_flag("number", categories) == "wrong-number"
    assert category_for_flag("negation", categories) == "contradiction"
    assert category_for_flag("quote", categories) == "altered-quote"
    assert category_for_flag("something-new", categories) == "other"


def test_annotation_row_follows_its_targets_not_its_hint():
    alignment = _alignment()
    index = _row_with(alignment, "3,000")
    row = alignment.rows[index]
    ann = Annotation(category="wrong-number", row=0, targets=row_targets(alignment, row))
    assert annotation_row(alignment, ann) == index
    lost = Annotation(category="other", row=1, targets=[Target("wire", 0, 3, "zzz", anchor="orphan")])
    assert annotation_row(alignment, lost) == 1
    assert annotated_rows(alignment, [ann, lost]) == {index: [ann], 1: [lost]}


def test_narrow_moves_the_target_to_the_edited_words():
    text = WIRE
    start = text.index("The union said")
    target = Target.from_text("wire", text, start, start + len("The union said 3,000 members"))
    narrowed = narrow(text, target, "3,000 members")
    assert narrowed is not None and narrowed.exact == "3,000 members"
    assert text[narrowed.start : narrowed.end] == "3,000 members"
    assert narrow(text, target, "not in the text at all") is None
    assert narrow(text, target, target.exact) is target
    wider = narrow(text, target, "thirty days", scope=Span(start, start + 200))
    assert wider is not None and text[wider.start : wider.end] == "thirty days"


def test_narrow_matches_across_line_breaks():
    text = "First line of a quote\nthat wraps here and ends."
    target = Target.from_text("a", text, 0, len(text))
    found = narrow(text, target, "quote that   wraps")
    assert found is not None and found.exact == "quote\nthat wraps"


def _pair(a: str, b: str):
    taken: set[str] = set()
    sources = [build_source("a.txt", a, {}, taken), build_source("b.txt", b, {}, taken)]
    return build_alignment(sources, None, Config())


def test_row_targets_start_and_end_where_a_reviewer_would_quote():
    a = "Talks resumed\n\nOn Monday President Volodymyr Zelensky met the union leaders in Kyiv and praised the walkout.\n"
    b = "Talks resumed\n\nOn Monday President Volodimir Zelensky met the union leaders in Kyiv and praised the strike.\n"
    alignment = _pair(a, b)
    row = next(r for r in alignment.rows if r.kind == "changed")
    targets = {t.source: t.exact for t in row_targets(alignment, row)}
    assert targets == {
        "a": "President Volodymyr Zelensky met the union leaders in Kyiv and praised the walkout.",
        "b": "President Volodimir Zelensky met the union leaders in Kyiv and praised the strike.",
    }, "not mid-name, and the full stop in both sources"


def test_word_bounds():
    text = "Kyiv, March 3 — President Volodymyr Zelensky met the union. U.S. Secretary Lee agreed.\n\nNext"

    def bounds(words: str) -> str:
        start = text.index(words)
        lo, hi = word_bounds(text, start, start + len(words))
        return text[lo:hi]

    assert bounds("Volodymyr") == "President Volodymyr Zelensky"
    assert bounds("olodym") == "President Volodymyr Zelensky", "whole words"
    assert bounds("met") == "met", "a lower-case word stays alone"
    assert bounds("union") == "union.", "the last word of a sentence takes its full stop"
    assert bounds("Secretary") == "Secretary Lee", "names stop at a sentence or an abbreviation"
    assert bounds("Next") == "Next", "and at a paragraph break"
    start = text.index("Volodymyr")
    assert text[slice(*word_bounds(text, start, start + 9, lo=start))] == "Volodymyr Zelensky", "never before lo"
