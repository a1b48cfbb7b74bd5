"""Flag ordering, severity filtering, configuration and the invariants every flag keeps."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.core.config import default_config, validate
from srccompare.core.errors import UserError
from srccompare.core.model import Flag, Span
from srccompare.engine.flags import filter_flags, flag_alignment, sort_flags
from tests.flags.util import alignment_of, flags_between, kinds

REPO = Path(__file__).resolve().parents[2]
ORIGINAL = "Officials said 3,000 jobs would go, and Kłosińska said talks resume on Thursday in Kyiv."
CHANGED = "Officials said 300 jobs would go, and Kłosowska said talks resume on Tuesday in Kiev."


def test_changes_of_fact_come_before_spelling():
    flags = flags_between(ORIGINAL, CHANGED)
    assert kinds(flags) == ["number", "name", "date", "spelling"]
    assert [f.severity for f in flags] == ["critical", "major", "major", "minor"]


def test_sort_flags_orders_by_severity_then_kind_then_position():
    def f(kind, severity, start):
        return Flag(kind, severity, kind, {"a": [Span(start, start + 1)]})

    flags = [
        f("spelling", "minor", 0),
        f("date", "major", 5),
        f("quote", "major", 9),
        f("number", "critical", 50),
        f("quote", "major", 1),
    ]
    assert [(x.kind, x.spans["a"][0].start) for x in sort_flags(flags)] == [
        ("number", 50),
        ("quote", 1),
        ("quote", 9),
        ("date", 5),
        ("spelling", 0),
    ]


def test_filter_flags_keeps_the_severe_ones():
    al = alignment_of({"a": ORIGINAL, "b": CHANGED})
    flag_alignment(al, default_config())
    filter_flags(al, "major")
    assert kinds(al.rows[0].flags) == ["number", "name", "date"]
    filter_flags(al, "critical")
    assert kinds(al.rows[0].flags) == ["number"]


def test_severity_and_switch_come_from_config():
    data = msgspec.to_builtins(default_config())
    data["flags"]["severity"]["spelling"] = "major"
    al = alignment_of({"a": ORIGINAL, "b": CHANGED})
    flag_alignment(al, validate(data))
    assert ("spelling", "major") in [(f.kind, f.severity) for f in al.rows[0].flags]
    data["flags"]["enabled"] = False
    flag_alignment(al, validate(data))
    assert al.rows[0].flags == []


def test_variant_table_is_configurable():
    data = msgspec.to_builtins(default_config())
    data["flags"]["name_variants"] = []
    al = alignment_of({"a": "Talks were held in Kyiv on Monday.", "b": "Talks were held in Kiev on Monday."})
    flag_alignment(al, validate(data))
    assert kinds(al.rows[0].flags) == ["name"]


def test_bad_flag_settings_are_reported_by_name():
    data = msgspec.to_builtins(default_config())
    data["flags"]["severity"]["number"] = "huge"
    try:
        validate(data, "my.yaml")
    except UserError as exc:
        assert "flags.severity.number" in str(exc) and str(exc).startswith("my.yaml")
    else:
        raise AssertionError("accepted a bad severity")


def test_match_rows_are_examined_only_when_their_words_differ():
    restyled = ORIGINAL.replace("Kłosińska", "KŁOSIŃSKA")
    al = alignment_of({"a": ORIGINAL, "b": restyled}, kinds=["match"])
    flag_alignment(al, default_config())
    assert al.rows[0].flags == []
    al = alignment_of({"a": ORIGINAL, "b": CHANGED}, kinds=["match"])  # an aligner's 'match' that is not one
    flag_alignment(al, default_config())
    assert "number" in kinds(al.rows[0].flags)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "srccompare", *args], capture_output=True, text=True, cwd=REPO)


def test_cli_min_severity_filters_printed_flags(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    story = "Port strike enters its second week as the two sides meet again\n\n{}\n\nThe union and the operators are due to meet again next week.\n"
    a.write_text(story.format(ORIGINAL), encoding="utf-8")
    b.write_text(story.format(CHANGED), encoding="utf-8")
    every = json.loads(_run("align", str(a), str(b), "--format", "json").stdout)
    severe = json.loads(_run("align", str(a), str(b), "--format", "json", "--min-severity", "critical").stdout)
    all_kinds = [f["kind"] for r in every["rows"] for f in r["flags"]]
    assert "spelling" in all_kinds and "number" in all_kinds
    assert [f["kind"] for r in severe["rows"] for f in r["flags"]] == ["number"]
    flag = next(f for r in severe["rows"] for f in r["flags"])
    assert set(flag) == {"kind", "severity", "message", "spans", "id"}
    text = a.read_text(encoding="utf-8")
    assert text[flag["spans"]["a"][0]["start"] : flag["spans"]["a"][0]["end"]] == "3,000"


def test_cli_rejects_unknown_severity(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("text\n", encoding="utf-8")
    done = _run("align", str(a), str(a), "--min-severity", "severe")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


_sentences = st.lists(
    st.sampled_from(
        [
            "Officials said 3,000 jobs would go by March 2.",
            "“We will not wait any longer,” said Tomasz Wiśniewski.",
            "Talks resume on Thursday in Kyiv, the former minister said.",
            "No arrests were made, police in Gdańsk said.",
            "The union wants a 14% rise over two years.",
            "About three thousand workers joined the 30-day strike.",
        ]
    ),
    min_size=1,
    max_size=5,
)


def _restyle(text: str) -> str:
    """Same words: straight quotes, plain hyphens, lines broken at other places."""
    text = text.replace("“", '"').replace("”", '"').replace("’", "'")
    return text.replace(" said", "\nsaid").replace(", ", ",  ")


@settings(max_examples=60, deadline=None)
@given(_sentences, _sentences)
def test_flags_stay_inside_their_cells_and_restyling_raises_no_fact_flag(ref_sentences, other_sentences):
    ref, other = " ".join(ref_sentences), " ".join(other_sentences)
    al = alignment_of({"a": ref, "b": other})
    flag_alignment(al, default_config())
    texts = {s.id: s for s in al.sources}
    for flag in al.rows[0].flags:
        assert flag.message and "\n" not in flag.message
        for sid, spans in flag.spans.items():
            cell = [texts[sid].paragraphs[i] for i in al.rows[0].cells[sid]]
            for span in spans:
                assert any(p.start <= span.start < span.end <= p.end for p in cell)
    same = flags_between(ref, _restyle(ref))
    assert not {"number", "name", "quote", "date", "negation", "title"} & set(kinds(same))


def test_changes_deep_inside_a_very_long_cell_are_found():
    """Windowed matching in long cells still pairs the right quote, sentence and figure."""
    names = ["Nowak", "Berg", "Sousa", "Kovalenko", "Almeida"]
    sentences = [
        f"“Shipment {i} left the port on time and in good order,” {names[i % 5]} said of the {i + 100} crates."
        for i in range(600)
    ]
    ref = " ".join(sentences)
    changed = list(sentences)
    changed[500] = changed[500].replace("on time", "late").replace("600 crates", "900 crates")
    changed[300] = changed[300].replace("left the port", "did not leave the port")
    other = " ".join(changed)
    flags = flags_between(ref, other)
    by_kind = {f.kind: f for f in flags}
    assert set(by_kind) == {"number", "quote", "negation"}, [f.message for f in flags]
    assert "600 crates" in by_kind["number"].message and "900 crates" in by_kind["number"].message
    assert "late" in by_kind["quote"].message
    assert other[by_kind["negation"].spans["b"][0].start :].startswith("not leave")
