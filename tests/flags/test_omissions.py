"""Paragraphs, clauses and facts that only some sources have."""

from __future__ import annotations

from srccompare.core.config import default_config
from srccompare.engine.flags import flag_alignment
from tests.flags.util import alignment_of, flags_between, kinds, spanned

ORIGINAL = (
    "Dock workers began a strike on Monday.\n\n"
    "The chamber of commerce said each day costs the economy 45 million złoty.\n\n"
    "Talks resume on Thursday."
)
COPY = "Dock workers began a strike on Monday.\n\nTalks resume on Thursday."


def test_paragraph_missing_from_a_close_copy_is_one_major_omission():
    al = alignment_of(
        {"orig": ORIGINAL, "copy": COPY},
        rows=[{"orig": [0], "copy": [0]}, {"orig": [1]}, {"orig": [2], "copy": [1]}],
        kinds=["match", "only", "match"],
    )
    flag_alignment(al, default_config())
    assert [kinds(r.flags) for r in al.rows] == [[], ["omission"], []]
    (flag,) = al.rows[1].flags
    assert flag.severity == "major" and "missing from copy" in flag.message
    assert spanned(flag, ORIGINAL, "orig") == [
        "The chamber of commerce said each day costs the economy 45 million złoty."
    ]


def test_paragraph_only_in_one_of_two_close_copies_is_flagged_whichever_is_base():
    """Was "only in a version is an addition": with two sources, which one omitted and which one
    added cannot depend on the base, so a paragraph one of two sources lacks is an omission."""
    for base in ("orig", "copy"):
        texts = {"orig": COPY, "copy": ORIGINAL}
        if base == "copy":
            texts = {"copy": ORIGINAL, "orig": COPY}
        al = alignment_of(
            texts,
            rows=[{"orig": [0], "copy": [0]}, {"copy": [1]}, {"orig": [1], "copy": [2]}],
            kinds=["match", "only", "match"],
        )
        flag_alignment(al, default_config())
        (flag,) = al.rows[1].flags
        assert flag.kind == "omission" and flag.severity == "major"
        assert "missing from orig" in flag.message


def test_paragraph_missing_from_a_paraphrase_is_minor():
    other = "Strikers walked out at dawn, the union says.\n\nNegotiators meet again before the week ends."
    al = alignment_of(
        {"orig": ORIGINAL, "para": other},
        rows=[{"orig": [0], "para": [0]}, {"orig": [1]}, {"orig": [2], "para": [1]}],
    )
    flag_alignment(al, default_config())
    assert al.rows[1].flags[0].kind == "omission" and al.rows[1].flags[0].severity == "minor"


def test_paragraph_missing_inside_a_merged_row():
    al = alignment_of({"orig": ORIGINAL, "copy": COPY}, rows=[{"orig": [0, 1, 2], "copy": [0, 1]}])
    flag_alignment(al, default_config())
    (flag,) = [f for f in al.rows[0].flags if f.kind == "omission"]
    assert spanned(flag, ORIGINAL, "orig") == [
        "The chamber of commerce said each day costs the economy 45 million złoty."
    ]


def test_dropped_clause_and_figure_in_a_close_copy():
    ref = (
        "The operator said the terminal had lost no customers, and that talks with the union would resume on Thursday."
    )
    other = "The operator said the terminal had lost no customers."
    flags = flags_between(ref, other)
    assert kinds(flags) == ["omission"]
    assert flags[0].severity == "minor"
    assert "talks with the union would resume" in spanned(flags[0], ref, "a")[0]


def test_boilerplate_row_gets_one_minor_flag():
    al = alignment_of(
        {"a": "Story text here.", "b": "Read more\n\nStory text here."},
        rows=[{"b": [0]}, {"a": [0], "b": [1]}],
        kinds=["boilerplate", "match"],
    )
    flag_alignment(al, default_config())
    assert [(f.kind, f.severity) for f in al.rows[0].flags] == [("boilerplate", "minor")]
    assert al.rows[1].flags == []


def test_paragraph_only_in_a_paraphrase_is_not_flagged():
    """A paragraph between sources that are not close copies is flagged only when it carries a fact."""
    other = "Strikers walked out at dawn, the union says.\n\nA new paragraph of its own.\n\nNegotiators meet again before the week ends."
    al = alignment_of(
        {"orig": COPY, "para": other},
        rows=[{"orig": [0], "para": [0]}, {"para": [1]}, {"orig": [1], "para": [2]}],
    )
    flag_alignment(al, default_config())
    assert al.rows[1].flags == []


def test_text_two_sources_carry_and_a_third_lacks_quotes_one_and_names_the_others_linked_text():
    """The words quoted are one source's; the other source carrying the fact says it in its own words,
    so the message must not read as if it carried the quoted words."""
    orig = "Dock workers began a strike on Monday.\n\nThe port handles 40 million tonnes a year.\n\nTalks resume on Thursday."
    copy = "Dock workers began a strike on Monday.\n\nSome 40 million tonnes pass through the port yearly.\n\nTalks resume on Thursday."
    brief = "Dock workers began a strike on Monday.\n\nTalks resume on Thursday."
    al = alignment_of(
        {"orig": orig, "copy": copy, "brief": brief},
        rows=[
            {"orig": [0], "copy": [0], "brief": [0]},
            {"orig": [1], "copy": [1]},
            {"orig": [2], "copy": [2], "brief": [1]},
        ],
        kinds=["match", "changed", "match"],
    )
    flag_alignment(al, default_config())
    (flag,) = [f for f in al.rows[1].flags if "missing from" in f.message]
    assert flag.message.startswith("“The port handles 40 million tonnes a year.” in orig, its linked text in copy;")
    assert flag.message.endswith("missing from brief")
    assert set(flag.spans) == {"orig", "copy"}
