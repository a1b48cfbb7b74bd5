"""Every export format is parsed back and must hold every annotation and every quote."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest
import yaml

from srccompare.core.errors import UserError
from srccompare.inputs.own_files import MARKDOWN_MARK
from srccompare.review.export import FORMATS, by_severity, export_text, format_for_path, format_name, md_escape
from srccompare.review.model import Annotation, SourceRecord, Target
from srccompare.review.store import AnnotationStore

WIRE = 'The port authority said 3,000 dockers would strike on Monday.\n\nUnion leader Ana Ruiz said: "We will not back down."\n'
REPRINT = (
    'The port authority said 300 dockers would strike on Monday.\n\nUnion leader Anna Ruiz said: "We will back down."\n'
)


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def make_store(tmp_path) -> AnnotationStore:
    store = AnnotationStore(tmp_path / "review.yaml")
    store.sources = [SourceRecord("wire", "wire.txt", "a" * 64), SourceRecord("reprint", "reprint.txt", "b" * 64)]
    store.add(
        Annotation(
            category="wrong-number",
            severity="critical",
            row=0,
            author="desk",
            note="Wire says 3,000;\nthe reprint says 300.\n",
            targets=[
                Target.from_text("wire", WIRE, *_span(WIRE, "3,000 dockers")),
                Target.from_text("reprint", REPRINT, *_span(REPRINT, "300 dockers")),
            ],
        )
    )
    store.add(
        Annotation(
            category="altered-quote",
            severity="major",
            row=1,
            note="Negation dropped <b>not</b> & more",
            targets=[
                Target.from_text("wire", WIRE, *_span(WIRE, "We will not back down")),
                Target.from_text("reprint", REPRINT, *_span(REPRINT, "We will back down"), anchor="fuzzy"),
            ],
        )
    )
    store.add(
        Annotation(
            category="wrong-name",
            severity="minor",
            status="dismissed",
            note="Spelling only",
            targets=[Target.from_text("reprint", REPRINT, *_span(REPRINT, "Anna Ruiz"))],
        )
    )
    store.add(Annotation(category="other", note="General remark without a target"))
    store.save()
    return store


def quotes(store: AnnotationStore) -> list[str]:
    return [t.exact for a in store.annotations for t in a.targets]


def test_csv_has_one_row_per_annotation_and_target(tmp_path):
    store = make_store(tmp_path)
    rows = list(csv.DictReader(io.StringIO(export_text(store, "csv"))))
    assert len(rows) == sum(max(1, len(a.targets)) for a in store.annotations)
    by_key = {(r["annotation_id"], r["target"]): r for r in rows}
    for ann in store.annotations:
        for i, t in enumerate(ann.targets):
            row = by_key[(ann.id, str(i + 1))]  # targets and rows count from 1, as the app shows them
            assert (row["source"], int(row["start"]), int(row["end"]), row["exact"]) == (
                t.source,
                t.start,
                t.end,
                t.exact,
            )
            assert row["note"] == ann.note and row["category"] == ann.category
            assert row["row"] == ("" if ann.row is None else str(ann.row + 1))
    assert by_key[(store.annotations[0].id, "1")]["source_path"] == "wire.txt"
    assert by_key[(store.annotations[3].id, "")]["exact"] == ""


def test_json_and_yaml_equal_the_file_content(tmp_path):
    store = make_store(tmp_path)
    from_json = json.loads(export_text(store, "json"))
    from_yaml = yaml.safe_load(export_text(store, "yaml"))
    on_disk = yaml.safe_load(store.path.read_text(encoding="utf-8"))
    assert from_json["annotations"][1]["targets"][1]["exact"] == "We will back down"
    assert [a["id"] for a in from_json["annotations"]] == [a.id for a in store.annotations]
    assert from_yaml == on_disk
    assert from_json["sources"] == on_disk["sources"]


def test_w3c_is_web_annotation_json_ld(tmp_path):
    store = make_store(tmp_path)
    doc = json.loads(export_text(store, "w3c"))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == len(store.annotations)
    for item, ann in zip(items, store.annotations):
        assert item["type"] == "Annotation" and item["id"] == f"urn:uuid:{ann.id}"
        assert {"value": ann.category, "purpose": "tagging", "type": "TextualBody"} in item["body"]
        for target, t in zip(item["target"], ann.targets, strict=True):
            quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
            pos = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
            assert (quote["exact"], quote.get("prefix", ""), quote.get("suffix", "")) == (t.exact, t.prefix, t.suffix)
            assert (pos["start"], pos["end"]) == (t.start, t.end)
            assert target["source"] == (tmp_path / f"{t.source}.txt").resolve().as_uri()


class _Marks(HTMLParser):
    """Collects the text inside <mark> elements (the quotes) and all visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.marks: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self.depth += 1
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self.depth -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self.depth:
            self.marks[-1] += data


def test_html_report_shows_every_quote_and_escapes_everything(tmp_path):
    store = make_store(tmp_path)
    page = export_text(store, "html")
    parser = _Marks()
    parser.feed(page)
    assert parser.marks == [t.exact for _sev, anns in by_severity(store.annotations) for a in anns for t in a.targets]
    assert sorted(parser.marks) == sorted(quotes(store))
    assert "b" not in parser.tags  # the note's <b> was escaped, not rendered
    assert "Negation dropped <b>not</b> & more" in "".join(parser.text)
    text = "".join(parser.text)
    assert (
        text.index("critical (1)") < text.index("wrong-number") < text.index("major (2)") < text.index("altered-quote")
    )


def test_markdown_report_groups_and_shows_quotes_side_by_side(tmp_path):
    store = make_store(tmp_path)
    report = export_text(store, "md")
    for quote in quotes(store):
        assert md_escape(quote) in report
    assert "| 3,000 dockers | 300 dockers |" in report
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings == ["## critical (1)", "## major (2)", "## minor (1)"]
    assert "#### wrong-number · open — Wire says 3,000;" in report
    assert "Negation dropped \\<b\\>not\\</b\\> \\& more" in report


def _ordered_store(tmp_path) -> AnnotationStore:
    """Config order puts wrong-number first and other last; severity and row must win."""
    store = AnnotationStore(tmp_path / "order.yaml")
    for category, severity, row, note in [
        ("wrong-number", "minor", 0, "first in config, minor"),
        ("other", "major", 5, "major on row six"),
        ("other", "critical", 9, "the one critical item"),
        ("altered-quote", "major", 2, "major on row three"),
        ("wrong-name", "major", None, "major without a row"),
    ]:
        store.add(Annotation(category=category, severity=severity, row=row, note=note))
    return store


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_list_by_severity_then_row_whatever_the_category(tmp_path, fmt):
    report = export_text(_ordered_store(tmp_path), fmt)
    notes = ["the one critical item", "major on row three", "major on row six", "major without a row"]
    notes.append("first in config, minor")
    positions = [report.index(note) for note in notes]
    assert positions == sorted(positions)


def test_markdown_table_survives_pipes_and_newlines_in_quotes(tmp_path):
    text = "left | right\nsecond line and more words here"
    store = AnnotationStore(tmp_path / "r.yaml")
    store.add(
        Annotation(category="other", targets=[Target.from_text("a", text, 0, 20), Target.from_text("b", text, 0, 4)])
    )
    report = export_text(store, "md")
    row = next(line for line in report.splitlines() if line.startswith("| left"))
    cells = [c for c in __import__("re").split(r"(?<!\\)\|", row)[1:-1]]
    assert len(cells) == 2
    assert "<br>" in cells[0]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_count_rows_from_one_and_the_json_keeps_the_file_s_row(tmp_path, fmt):
    store = make_store(tmp_path)  # rows 0 and 1 in the review file
    report = export_text(store, fmt)
    assert "row 1 " in report and "row 2 " in report and "row 0 " not in report
    assert [a["row"] for a in json.loads(export_text(store, "json"))["annotations"]][:2] == [0, 1]


def test_format_names_and_extensions():
    assert format_name("Markdown") == "md" and format_name("JSON-LD") == "w3c"
    with pytest.raises(UserError):
        format_name("pdf")
    assert format_for_path("out/report.html") == "html"
    assert format_for_path("x.csv") == "csv"
    assert format_for_path("x.jsonld") == "w3c"
    assert format_for_path(None) == "md"
    assert set(FORMATS) == {"csv", "json", "yaml", "md", "html", "w3c"}


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "srccompare", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "html", "w3c"])
def test_cli_export_writes_each_format(tmp_path, fmt):
    store = make_store(tmp_path)
    out = tmp_path / f"out.{fmt}"
    result = _cli("export", str(store.path), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == export_text(store, fmt)


def test_cli_export_to_stdout_infers_nothing_and_defaults_to_markdown(tmp_path):
    store = make_store(tmp_path)
    result = _cli("export", str(store.path))
    assert result.returncode == 0
    mark, blank, title = result.stdout.splitlines()[:3]
    assert mark == MARKDOWN_MARK and blank == "" and title.startswith("# Discrepancy report")


@pytest.mark.parametrize(
    "content, word",
    [
        ("format: srccompare-annotations\nschema_version: 7\n", "newer"),
        ("format: srccompare-annotations\nannotations: [\n", "broken YAML"),
        (None, "no such file"),
    ],
)
def test_cli_export_of_a_bad_file_exits_2_with_one_line(tmp_path, content, word):
    path = tmp_path / "review.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = _cli("export", str(path), "--format", "csv")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and word in lines[0]
    if content is not None:
        assert path.read_text(encoding="utf-8") == content


def test_cli_export_unknown_format_exits_2(tmp_path):
    store = make_store(tmp_path)
    result = _cli("export", str(store.path), "--format", "pdf")
    assert result.returncode == 2 and "unknown export format" in result.stderr


def test_csv_neutralises_spreadsheet_formulas_and_keeps_other_text(tmp_path):
    text = '=HYPERLINK("http://x","y") said the page. -5% growth. Plain words.'
    store = AnnotationStore(tmp_path / "r.yaml")
    store.add(
        Annotation(
            category="other",
            note="@mention me",
            targets=[
                Target.from_text("a", text, 0, 26),
                Target.from_text("a", text, 42, 53),
                Target.from_text("a", text, 54, 65),
            ],
        )
    )
    rows = list(csv.DictReader(io.StringIO(export_text(store, "csv"))))
    assert rows[0]["exact"] == "'" + text[:26]
    assert rows[0]["note"] == "'@mention me"
    assert rows[1]["exact"] == "'-5% growth."
    assert rows[2]["exact"] == "Plain words" and rows[2]["start"] == "54"


@pytest.mark.parametrize("same", ["same path", "another spelling", "a link to it"])
def test_cli_export_never_writes_over_the_annotation_file_itself(tmp_path, same):
    store = make_store(tmp_path)
    before = store.path.read_bytes()
    out = {"same path": store.path, "another spelling": tmp_path / "." / store.path.name}.get(same)
    if out is None:
        out = tmp_path / "link.yaml"
        out.symlink_to(store.path)
    result = _cli("export", str(store.path), "--format", "csv", "-o", str(out))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and "annotation file" in lines[0]
    assert store.path.read_bytes() == before
