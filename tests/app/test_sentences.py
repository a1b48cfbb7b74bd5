"""Sentence by sentence: word marks per linked sentence pair, missing sentences, the sentence cursor."""

from __future__ import annotations

from srccompare.app.view_state import ViewState
from srccompare.core.config import Config
from srccompare.core.model import Alignment, Link, Row, Source, Span
from srccompare.output.marks import row_marks
from srccompare.output.sentence_marks import link_marks, sentence_spans
from tests.app.support import find, make_source, settle, view_of

QUOTE_A = "“We will not go back until the offer is fair and the contracts are honoured,” said Tom Reyes."
QUOTE_B = "“We will not go back until the offer is just and the contracts are respected,” said Tom Reyes."

A = [
    "Strike shuts the port",
    f"The dockers' union called the strike on Sunday night after talks failed. {QUOTE_A} "
    "Ships are waiting in the bay with their cargo.",
    "Talks resume on Friday.",
]
B = [
    "Strike shuts the port",
    f"{QUOTE_B} Officials expect the harbour to stay closed for a week. "
    "The dockers' union called the strike on Sunday night after talks failed.",
    "Talks resume on Friday.",
]


def link(score: float, **spans: Span) -> Link:
    return Link(score, {sid: [span] for sid, span in spans.items()})


def reordered() -> Alignment:
    """Row 1 says two things in both sources, in the other order; each source has one sentence of its own."""
    a, b = make_source("a", A), make_source("b", B)
    union = "The dockers' union called the strike on Sunday night after talks failed."
    rows = [
        Row(0, "match", 1.0, {"a": [0], "b": [0]}, links=[link(1.0, a=find(a, A[0]), b=find(b, B[0]))]),
        Row(
            1,
            "changed",
            0.6,
            {"a": [1], "b": [1]},
            links=[link(1.0, a=find(a, union), b=find(b, union)), link(0.9, a=find(a, QUOTE_A), b=find(b, QUOTE_B))],
        ),
        Row(2, "match", 1.0, {"a": [2], "b": [2]}, links=[link(1.0, a=find(a, A[2]), b=find(b, B[2]))]),
    ]
    return Alignment("a", [a, b], rows)


def marked(source: Source, marks, kinds=("inserted", "deleted", "replaced")) -> list[str]:
    return [source.text[s:e] for s, e, kind in marks if kind in kinds]


# ------------------------------------------------------------ word marks per link


def test_a_quote_changed_in_two_words_marks_only_those_words():
    alignment = reordered()
    a, b = alignment.source("a"), alignment.source("b")
    marks = link_marks(alignment, alignment.rows[1], "b")
    assert marked(b, marks["b"]) == ["just", "respected"]
    assert marked(a, marks["a"]) == ["fair", "honoured"]
    whole_cell = row_marks(alignment, alignment.rows[1], ["b"])
    assert len("".join(marked(b, whole_cell["b"]))) > 100, "cell against cell, the reordering marks far more"


def test_a_two_word_change_found_by_the_aligner_marks_only_those_words(tmp_path):
    from srccompare.cli.prepare import prepare
    from srccompare.engine.align import align_sources

    story_a = ["Strike shuts the port", f"The union called the strike on Sunday night. {QUOTE_A}"]
    story_b = ["Strike shuts the port", f"The union called the strike on Sunday night. {QUOTE_B}"]
    (tmp_path / "a.txt").write_text("\n\n".join(story_a) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\n".join(story_b) + "\n", encoding="utf-8")
    _args, config, sources, base = prepare([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    alignment = align_sources(sources, base, config)
    row = next(r for r in alignment.rows if r.kind == "changed")
    assert row.links, "the aligner links the sentences"
    marks = link_marks(alignment, row, "b")
    assert marked(alignment.source("b"), marks["b"]) == ["just", "respected"]
    assert marked(alignment.source("a"), marks["a"]) == ["fair", "honoured"]


def test_sentences_no_link_joins_across_are_marked_missing_not_diffed():
    alignment = reordered()
    a, b = alignment.source("a"), alignment.source("b")
    marks = link_marks(alignment, alignment.rows[1], "b")
    assert marked(b, marks["b"], ("missing",)) == ["Officials expect the harbour to stay closed for a week."]
    assert marked(a, marks["a"], ("missing",)) == ["Ships are waiting in the bay with their cargo."]
    # With the base focused, the base marks what no other column has; b still marks its own extra.
    marks = link_marks(alignment, alignment.rows[1], "a")
    assert marked(a, marks["a"], ("missing",)) == ["Ships are waiting in the bay with their cargo."]
    assert marked(a, marks["a"]) == [], "the base shows deleted words only for the focused column"


def test_no_sentence_marks_where_a_source_has_no_text():
    a, b = make_source("a", ["One thing. Another thing."]), make_source("b", ["Something else entirely."])
    alignment = Alignment("a", [a, b], [Row(0, "only", 0.0, {"a": [0]}, links=[]), Row(1, "only", 0.0, {"b": [0]})])
    assert link_marks(alignment, alignment.rows[0], "b") == {"a": []}, "no partner in the row: nothing is missing"
    assert link_marks(alignment, alignment.rows[1], "b") == {"b": []}


# ------------------------------------------------------------ the sentence cursor


def test_the_sentence_cursor_walks_the_focused_column_and_marks_the_linked_sentences():
    alignment = reordered()
    a, b = alignment.source("a"), alignment.source("b")
    state = ViewState()
    state.set_alignment(alignment)
    assert state.sentence is None and state.sentence_marks(0) == {}
    said = []
    while state.step_sentence(1):
        span = state.sentence_span()
        said.append((state.cursor, a.text[span.start : span.end]))
    assert [row for row, _ in said] == [0, 1, 1, 1, 2]
    assert said[2][1] == QUOTE_A
    assert not state.step_sentence(1) and state.cursor == 2, "nothing past the last sentence"

    state.step_sentence(-1)
    state.step_sentence(-1)
    assert state.cursor == 1 and a.text[state.sentence_span().start :].startswith("“We will")
    marks = state.sentence_marks(1)
    assert [a.text[s:e] for s, e, k in marks["a"] if k == "sentence"] == [QUOTE_A]
    assert [b.text[s:e] for s, e, k in marks["b"] if k == "linked"] == [QUOTE_B]
    assert state.sentence_marks(0) == {}, "only the cursor row"

    state.step_sentence(1)  # "Ships are waiting...": no link, nothing marked in b
    assert set(state.sentence_marks(1)) == {"a"}

    state.move(0)
    assert state.sentence is None, "moving the row clears the sentence cursor"
    state.step_sentence(1)
    state.focus("b")
    assert state.sentence is None, "so does moving the focus"
    state.move(1)
    state.step_sentence(-1)
    assert state.cursor == 1 and b.text[state.sentence_span().start :].startswith("The dockers'")
    assert [a.text[s:e] for s, e, k in state.sentence_marks(1)["a"]] == [
        "The dockers' union called the strike on Sunday night after talks failed."
    ]


def test_the_sentence_cursor_skips_rows_without_text_in_the_focused_column():
    a, b = make_source("a", ["First. Second.", "Third."]), make_source("b", ["Elsewhere."])
    rows = [Row(0, "only", 0.0, {"a": [0]}), Row(1, "only", 0.0, {"b": [0]}), Row(2, "only", 0.0, {"a": [1]})]
    state = ViewState()
    state.set_alignment(Alignment("a", [a, b], rows))
    steps = []
    while state.step_sentence(1):
        steps.append(state.cursor)
    assert steps == [0, 0, 2]
    assert len(sentence_spans(a)) == 3


# ------------------------------------------------------------ in the app


def _styles_of(view, fragment: str) -> list:
    """The styles of the rendered segments that contain ``fragment`` (on screen now)."""
    return [
        segment.style
        for y in range(view.scrollable_content_region.height)
        for segment in view.render_line(y)
        if fragment in segment.text
    ]


async def test_brackets_move_the_sentence_cursor_and_mark_the_linked_sentence(tmp_path):
    from srccompare.app.app import SrcCompareApp

    alignment = reordered()
    app = SrcCompareApp(alignment.sources, Config(), alignment=alignment, annotations_path=tmp_path / "r.yaml")
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert view.cursor == 1 and view.sentence is not None
        a = alignment.source("a")
        assert a.text[view.state.sentence_span().start :].startswith("“We will")
        quote = _styles_of(view, "go back")
        assert len(quote) == 2 and all(style.overline for style in quote), "the quote in a, the linked one in b"
        assert sorted(bool(style.bold) for style in quote) == [False, True], (
            "the cursor sentence is bold, not the linked"
        )
        respected = _styles_of(view, "respected")
        assert respected and respected[0].overline and respected[0].reverse, "word marks show inside it"
        missing = _styles_of(view, "Ships are waiting")
        assert missing and all(style.italic and style.dim for style in missing), "no partner in the focused column"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert view.cursor == 0
        assert not any(style.overline for style in _styles_of(view, "go back")), "the quote is no longer marked"


async def test_config_keys_remap_the_sentence_keys(tmp_path):
    from srccompare.app.app import SrcCompareApp

    alignment = reordered()
    config = Config(keys={"next_sentence": "x", "prev_sentence": "y"})
    app = SrcCompareApp(alignment.sources, config, alignment=alignment, annotations_path=tmp_path / "r.yaml")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("x", "x")
        assert view.cursor == 1 and view.sentence is not None
        await pilot.press("right_square_bracket")
        assert view.cursor == 1 and view.sentence == 1, "the old key no longer applies"
        await pilot.press("y")
        assert view.cursor == 0
        await pilot.press("question_mark")
        entries = {e.binding_id: e.keys for e in app.screen.entries}
        assert entries["next_sentence"] == "x" and entries["prev_sentence"] == "y"


async def test_the_sentence_cursor_is_scrolled_into_view_in_a_tall_row(tmp_path):
    from srccompare.app.app import SrcCompareApp

    sentences = [f"Sentence number {i} says something about the harbour and its ferries." for i in range(40)]
    a, b = make_source("a", [" ".join(sentences)]), make_source("b", [" ".join(sentences[:-1])])
    alignment = Alignment("a", [a, b], [Row(0, "changed", 0.9, {"a": [0], "b": [0]}, links=[])])
    app = SrcCompareApp(alignment.sources, Config(), alignment=alignment, annotations_path=tmp_path / "r.yaml")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        view = view_of(app)
        for _ in range(30):
            await pilot.press("right_square_bracket")
        await settle(pilot)
        assert view.scroll_offset.y > 0
        assert any(s.bold and s.overline for s in _styles_of(view, "number 29 says")), "the cursor sentence shows"
        assert "sentence 30/40" in str(app.screen.query_one("StatusLine").render())
