"""``srccompare report``: one self-contained HTML file that escapes everything and numbers rows from 1.

Most tests run ``python -m srccompare report`` in a subprocess, as a user would,
and read the file back with the standard library's HTML parser. How the page
looks in a real browser is tests/test_report_browser.py's business.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from srccompare import __version__
from srccompare.output.html_text import esc, marked_html, visible
from srccompare.output.report_style import PALETTE, stylesheet
from srccompare.review.model import Annotation, Target
from srccompare.review.store import AnnotationStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "harbour-strike"

WIRE = (
    "Dockers strike at the port\n\n"
    "The port authority said 3,000 dockers would strike on Monday over pay and hours.\n\n"
    'Union leader Ana Ruiz said: "We will not back down until the offer is fair."\n\n'
    "Talks are due to resume on Thursday under a mediator named by the ministry.\n"
)
REPRINT = WIRE.replace("3,000", "300")
HOSTILE = WIRE.replace("over pay and hours", "over pay <script>alert(1)</script> and hours\x1b[2J").replace(
    "Thursday", "Thursday\u202e"
)
NOTE = 'Wire says 3,000; the reprint says 300. "><img src=x onerror=alert(1)>'

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "table", "tr", "th", "td",
    "ul", "ol", "li", "section", "nav", "main", "div", "span", "a", "b", "small", "br", "ins", "del", "mark",
    "details", "summary", "aside", "footer",
}  # fmt: skip
"""Every element the report may use: text and layout only (no script, image, frame, form, link or object)."""


class Page(HTMLParser):
    """The report as the parser sees it: tags, attributes, text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def ids(self, prefix: str) -> list[str]:
        return [a["id"] or "" for _t, a in self.tags if (a.get("id") or "").startswith(prefix)]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SRCCOMPARE_NO_USER_CONFIG": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def assert_user_error(proc: subprocess.CompletedProcess[str], *must_mention: str) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    for word in must_mention:
        assert word in lines[0], (word, lines[0])
    assert proc.stdout == ""


@pytest.fixture
def story(tmp_path):
    """Three versions (one with markup and terminal escapes) and a review whose note tries to break out."""
    for name, text in (("wire.txt", WIRE), ("reprint.txt", REPRINT), ("scraped.txt", HOSTILE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    start = WIRE.index("3,000 dockers")
    store = AnnotationStore(tmp_path / "review.yaml")
    store.add(
        Annotation(
            category="wrong-number",
            severity="critical",
            note=NOTE,
            author="desk <b>",
            targets=[Target.from_text("wire", WIRE, start, start + len("3,000 dockers"))],
        )
    )
    store.add(Annotation(category="other", note="about text that is gone", targets=[Target("wire", 0, 5, "Zebra")]))
    store.save()
    return tmp_path


@pytest.fixture
def report(story):
    """The report of the story with its review, and the parsed page."""
    proc = run(
        "report", "wire.txt", "reprint.txt", "scraped.txt", "--annotations", "review.yaml", "-o", "out.html", cwd=story
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    markup = (story / "out.html").read_text(encoding="utf-8")
    return markup, Page(markup)


def test_source_text_and_notes_are_escaped_never_raw(report):
    markup, page = report
    assert "<script" not in markup.lower() and "<img" not in markup.lower()
    assert "&lt;script&gt;" in markup.replace("<ins>", "") and "&lt;/script" in markup  # (a word mark may cut it)
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "desk &lt;b&gt;" in markup
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text, "the markup reads as the text it is"
    assert NOTE in text


def test_control_characters_are_made_visible(report):
    markup, _page = report
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", markup)
    text = "".join(Page(markup).text)
    assert "hours⟨ESC⟩[2J." in text
    assert "Thursday⟨U+202E⟩ under" in text


def test_visible_stand_ins():
    assert visible("a\tb\nc") == "a\tb\nc", "tab and newline are white space, shown as such"
    assert visible("\x00\x07\x1b\x7f\r") == "⟨NUL⟩⟨BEL⟩⟨ESC⟩⟨DEL⟩⟨CR⟩"
    assert visible("\x85\u200f\u2066") == "⟨U+0085⟩⟨U+200F⟩⟨U+2066⟩"
    assert visible("lone \udc80").encode("utf-8") == "lone ⟨U+DC80⟩".encode()
    assert esc('"<&>\x1b') == "&quot;&lt;&amp;&gt;⟨ESC⟩"


def test_marks_are_tags_with_the_flag_inside_the_word_mark():
    text = "They said 3,000 <b> people"
    html = marked_html(text, 0, len(text), [(10, 15, "replaced"), (16, 19, "inserted")], [(10, 15, "flag")])
    assert html == 'They said <span class="rep"><mark class="flag">3,000</mark></span> <ins>&lt;b&gt;</ins> people'


def test_no_script_and_no_outside_resource(report):
    markup, page = report
    assert "<script" not in markup.lower()
    assert not re.search(r"@import|url\(|https?://", markup)
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href


def test_generator_mark_sits_near_the_top(report):
    markup, page = report
    meta = ("meta", {"name": "generator", "content": f"srccompare {__version__}"})
    assert meta in page.tags
    assert markup.index('<meta name="generator"') < 1000, "found by a reader looking at the file's first bytes"


def test_rows_are_numbered_from_1(report, story):
    markup, page = report
    alignment = run("align", "wire.txt", "reprint.txt", "scraped.txt", "--format", "json", cwd=story)
    import json

    rows = json.loads(alignment.stdout)["rows"]
    assert page.ids("r") == [f"r{n}" for n in range(1, len(rows) + 1)]
    assert 'href="#r1" title="row 1">1</a>' in markup
    assert "#r0" not in markup


def test_flags_marks_and_annotations_are_shown(report):
    markup, page = report
    text = "".join(page.text)
    assert re.search(r'<mark class="flag">3,000</mark>', markup), "the flagged number is marked in the wire"
    assert re.search(r'<mark class="flag">300</mark>', markup), "and in the reprint"
    assert re.search(r'<span class="sev sev-\w+">\w+</span> <b>number</b>: ', markup)
    assert "Flags, most serious first" in text
    annotation = [a for t, a in page.tags if t == "aside"]
    assert len(annotation) == 2
    row_of_note = re.search(
        r'<section class="row[^"]*" id="r(\d+)">((?:(?!</section>).)*)' + re.escape(esc(NOTE)), markup
    )
    assert row_of_note, "the annotation sits in the row of the text it is about"
    assert "3,000 dockers" in row_of_note.group(2) and "✎" in row_of_note.group(2)
    assert "Annotations not on any row (1)" in text and "about text that is gone" in text
    assert "2 annotations (2 open)" in text


def test_the_overview_links_every_row(report):
    _markup, page = report
    rows = page.ids("r")
    links = [a["href"] for t, a in page.tags if t == "a" and "heat-col" in (a.get("class") or "")]
    assert links == [f"#{r}" for r in rows]


def test_min_severity_and_base_are_the_apps(story):
    proc = run("report", "wire.txt", "reprint.txt", "--base", "reprint", "--min-severity", "critical", cwd=story)
    assert proc.returncode == 0, proc.stderr
    heads = re.findall(r'<div class="colhead">(\d) ', proc.stdout)
    assert heads == ["2", "1"], "the base (reprint, number 2) is the first column"
    shown = set(re.findall(r'<span class="sev sev-(\w+)">\1</span> <b>', proc.stdout))  # flag lists and digest
    assert shown == {"critical"}, shown


def test_reopens_the_sources_the_review_names(story):
    store = AnnotationStore.load(story / "review.yaml")
    from srccompare.inputs.sources import read_sources

    store.record_sources(read_sources([str(story / "wire.txt"), str(story / "reprint.txt")]))
    store.save()
    proc = run("report", "--annotations", "review.yaml", "-o", "again.html", cwd=story)
    assert proc.returncode == 0, proc.stderr
    assert "reprint.txt" in (story / "again.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (("wire.txt", "missing.txt"), ("missing.txt",)),
        (("wire.txt",), ("2 to 6 sources",)),
        ((), ("--annotations",)),
        (("wire.txt", "reprint.txt", "--annotations", "nope.yaml"), ("nope.yaml",)),
        (("wire.txt", "reprint.txt", "--annotations", "broken.yaml"), ("broken.yaml",)),
        (("wire.txt", "reprint.txt", "-o", "wire.txt"), ("wire.txt",)),
        (("wire.txt", "reprint.txt", "--annotations", "review.yaml", "-o", "review.yaml"), ("review.yaml",)),
        (("wire.txt", "reprint.txt", "-o", "no/such/folder/out.html"), ("out.html",)),
        (("wire.txt", "reprint.txt", "--base", "nobody"), ("nobody",)),
        (("wire.txt", "reprint.txt", "--min-severity", "huge"), ("huge",)),
    ],
)
def test_bad_input_is_one_line_and_exit_2(story, args, mentions):
    (story / "broken.yaml").write_text("format: srccompare-annotations\nannotations: [oops\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in story.iterdir() if p.is_file()}
    proc = run("report", *args, cwd=story)
    assert_user_error(proc, *mentions)
    assert {p.name: p.read_bytes() for p in story.iterdir() if p.is_file()} == before, "nothing written or changed"


def test_text_and_marks_have_enough_contrast():
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for name, (fg, bg) in PALETTE.items():
        lighter, darker = sorted((luminance(fg), luminance(bg)), reverse=True)
        ratio = (lighter + 0.05) / (darker + 0.05)
        assert ratio >= 4.5, f"{name}: {fg} on {bg} is {ratio:.2f}:1"


def test_paper_takes_three_columns_and_stacks_the_rest():
    two, five = stylesheet(2), stylesheet(5)
    assert "size: A4 landscape" in five
    print_two = two[two.index("@media print") :]
    print_five = five[five.index("@media print") :]
    assert "repeat(2, minmax(0, 1fr))" in print_two and "grid-row: span 1;" in print_two
    assert "repeat(3, minmax(0, 1fr))" in print_five and "grid-row: span 2;" in print_five
    assert ".who { display: block;" in print_five and ".who" not in print_two


def test_the_sample_report_has_the_apps_marks():
    """The replaced words in the report are the ones the app marks for the same rows and focus."""
    from srccompare.app.word_marks import compare
    from srccompare.core.config import Config
    from srccompare.engine.pipeline import build_alignment
    from srccompare.inputs.sources import read_sources
    from srccompare.output.report import render_report

    alignment = build_alignment(read_sources([str(SAMPLE)]), None, Config())
    expected = []
    for row in alignment.rows:
        for source_id, marks in compare(alignment, row, alignment.base).items():
            text = alignment.source(source_id).text
            expected += [esc(" ".join(text[s:e].split())) for s, e, kind in marks if kind == "replaced"]
    markup = render_report(alignment)
    rows = markup[markup.index("<main") :].replace('</span><span class="rep">', "")  # a flag cuts a mark in two
    found = re.findall(r'<span class="rep">(.*?)</span>', rows, re.DOTALL)
    shown = [" ".join(re.sub("<[^>]+>", "", m).split()) for m in found]
    assert len(expected) > 20
    assert sorted(shown) == sorted(expected)


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")
def test_the_flag_digest_goes_by_severity_then_row_and_the_intro_counts_what_it_lists():
    """Most serious first, then by row, as the app's flag list; the count at the top is the digest's
    (page furniture is folded, not listed, so not counted either)."""
    from srccompare.core.config import Config
    from srccompare.core.kinds import SEVERITY_RANK
    from srccompare.engine.pipeline import build_alignment
    from srccompare.inputs.sources import read_sources
    from srccompare.output.report import render_report

    alignment = build_alignment(read_sources([str(SAMPLE)]), None, Config())
    page = Page(render_report(alignment))
    text = "".join(page.text)
    digest = text[text.index("Flags, most serious first") :]
    listed = [(int(row), severity) for row, severity in re.findall(r"row (\d+) (critical|major|minor) ", digest)]
    count = int(re.search(r"Flags, most serious first \((\d+)\)", text).group(1))
    assert len(listed) == count > 10
    assert listed == sorted(listed, key=lambda e: (-SEVERITY_RANK[e[1]], e[0])), listed
    intro = re.search(r"(\d+) flags \(([^)]*)\)", text)
    assert intro and int(intro.group(1)) == count, intro and intro.group(0)
    for severity in ("critical", "major", "minor"):
        said = re.search(rf"(\d+) {severity}", intro.group(2))
        assert int(said.group(1) if said else 0) == sum(1 for _, s in listed if s == severity), severity


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")
def test_a_moved_paragraph_names_its_column_by_number_as_the_app_does():
    from srccompare.core.config import Config
    from srccompare.engine.pipeline import build_alignment
    from srccompare.inputs.sources import read_sources
    from srccompare.output.report import render_report

    alignment = build_alignment(read_sources([str(SAMPLE)]), None, Config())
    notes = re.findall(r'<p class="moved">(.*?)</p>', render_report(alignment))
    assert notes, "the sample has paragraphs out of their own order"
    assert all(re.fullmatch(r"¶\d+ of col [1-5], moved", note) for note in notes), notes
