from srccompare.core.config import Config
from srccompare.core.model import Flag, Span
from srccompare.engine.align import align_sources
from srccompare.output.table import render_table
from tests.align.prose import REWORDED, STORY, sources


def test_table_has_header_rows_flags_and_summary():
    srcs = sources(STORY, ["Share this article"] + REWORDED[:3] + [REWORDED[6]] + REWORDED[3:6] + REWORDED[7:])
    alignment = align_sources(srcs, None, Config())
    alignment.rows[1].flags.append(Flag("number", "major", "41 ships vs 14 ships", {"v0": [Span(0, 2)]}))
    text = render_table(alignment, width=100)
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith(" row kind score"))
    assert "v0 (base)" in header and "v1" in header
    assert all(len(line) <= 100 for line in lines)
    assert "  ! number (major): 41 ships vs 14 ships" in lines
    assert any("boilerplate" in line for line in lines)
    assert any("> " in line for line in lines)  # the moved paragraph
    assert lines[-1].startswith(f"{len(alignment.rows)} rows:")
    assert "Velmora" in text


def test_table_uses_terminal_width_when_none(monkeypatch):
    import os
    import shutil

    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((70, 20)))
    text = render_table(align_sources(sources(STORY, REWORDED), None, Config()))
    assert max(len(line) for line in text.splitlines()) <= 70


def test_flags_are_listed_most_serious_first_before_the_rows():
    srcs = sources(STORY, REWORDED)
    alignment = align_sources(srcs, None, Config())
    for row in alignment.rows:
        row.flags.clear()
    alignment.rows[0].flags.append(Flag("spelling", "minor", "Kyiv vs Kiev", {"v0": [Span(0, 2)]}))
    alignment.rows[0].flags.append(Flag("boilerplate", "minor", "furniture", {"v0": [Span(0, 2)]}))
    alignment.rows[2].flags.append(Flag("number", "critical", "41 ships vs 14 ships", {"v0": [Span(5, 7)]}))
    lines = render_table(alignment, width=100).splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith(" row kind score"))
    digest = lines[:header]
    assert digest[0] == "Flags, most serious first (2):"
    assert "critical number: 41 ships vs 14 ships" in digest[1] and "row   2" in digest[1]
    assert "minor    spelling: Kyiv vs Kiev" in digest[2]
    assert not any("furniture" in line for line in digest)


def test_no_digest_without_flags():
    alignment = align_sources(sources(STORY, REWORDED), None, Config())
    for row in alignment.rows:
        row.flags.clear()
    assert render_table(alignment, width=100).startswith(" row kind score")
