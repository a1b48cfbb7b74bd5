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


def test_table_counts_rows_from_one_like_the_app():
    alignment = align_sources(sources(STORY, REWORDED), None, Config())
    lines = render_table(alignment, width=100).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(" row kind score")) + 2
    labels = [line[:4] for line in lines[start:] if line[:4].strip().isdigit()]
    assert labels == [f"{n:>4}" for n in range(1, len(alignment.rows) + 1)]


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
    assert "critical number: 41 ships vs 14 ships" in digest[1] and "row   3" in digest[1]  # rows[2], counted from 1
    assert "minor    spelling: Kyiv vs Kiev" in digest[2]
    assert not any("furniture" in line for line in digest)


def test_within_a_severity_the_digest_goes_by_row_whatever_the_kind_or_source():
    """As the app's flag list: most serious first, then row (not the kind, or where in which source)."""
    alignment = align_sources(sources(STORY, REWORDED), None, Config())
    for row in alignment.rows:
        row.flags.clear()
    alignment.rows[3].flags.append(Flag("quote", "major", "quote in row 4", {"v0": [Span(0, 2)]}))
    alignment.rows[1].flags.append(Flag("omission", "major", "omission in row 2", {"v1": [Span(900, 905)]}))
    alignment.rows[0].flags.append(Flag("omission", "minor", "omission in row 1", {"v0": [Span(1, 2)]}))
    alignment.rows[2].flags.append(Flag("name", "major", "name in row 3", {"v1": [Span(400, 405)]}))
    lines = render_table(alignment, width=100).splitlines()
    digest = [line for line in lines if line.startswith("  row")]
    assert [line.split(":")[0].split()[1:] for line in digest] == [
        ["2", "major", "omission"],
        ["3", "major", "name"],
        ["4", "major", "quote"],
        ["1", "minor", "omission"],
    ]


def test_no_digest_without_flags():
    alignment = align_sources(sources(STORY, REWORDED), None, Config())
    for row in alignment.rows:
        row.flags.clear()
    assert render_table(alignment, width=100).startswith(" row kind score")


# Display width: CJK characters take two terminal cells, combining accents none.
CJK = [
    "港湾水先人は月曜日に職場を離れ、コンテナ船四十一隻が沖で足止めされた。組合は夜勤手当が戻らなければ三十日間続けると述べた。",
    "港务局局长表示，罢工是鲁莽的，每周损失接近一千二百万欧元。前往岛屿的渡轮照常运行。",
    "渔民周二封锁了北码头以示支持，举着关于未付加班费的横幅。",
]
COMBINING = [  # decomposed accents: two or three code points per letter on screen
    "Port director Agnieszka Wro\u0301bel called the stoppage reckless; Ha\u0300 No\u0323\u0302i and Tho\u031b\u0300i were named.",
    "Ca\u0301c nha\u0300 kinh te\u0302\u0301 du\u031b\u0323 ba\u0301o gia\u0301 nhie\u0302n lie\u0323\u0302u se\u0303 ta\u0306ng.",
]


def test_columns_line_up_in_cells_with_cjk_and_combining_text():
    from rich.cells import cell_len

    srcs = sources(CJK, COMBINING + CJK[:1], [REWORDED[0], "Ve\u0301lmora pilots " * 12])
    alignment = align_sources(srcs, None, Config())
    alignment.rows[0].flags.append(Flag("name", "major", "王小明 vs 王晓明 " * 8, {"v0": [Span(0, 2)]}))
    width = 100
    text = render_table(alignment, width=width)
    lines = text.splitlines()
    assert "組合は夜勤手当" in text.replace("\n", "").replace(" | ", "").replace(" ", "")
    assert all(cell_len(line) <= width for line in lines), [line for line in lines if cell_len(line) > width]
    start = next(i for i, line in enumerate(lines) if line.startswith(" row kind score"))
    table = [line for line in lines[start:] if " |" in line]
    assert len(table) > 2 * len(alignment.rows)  # the header and rows wrapped over several lines
    column = (width - 24 - 3 * 3) // 3
    table_width = 24 + 3 * (3 + column)
    # Every line of the table has the same display width (once the trailing spaces the table
    # strips are put back): its gutters sit at the same cells, whatever the script.
    bars = {tuple(cell_len(line[:i]) for i, ch in enumerate(line) if ch == "|") for line in table}
    assert bars == {(25, 25 + column + 3, 25 + 2 * (column + 3))}
    assert all(cell_len(line) <= table_width for line in table)
    assert any(cell_len(line) >= table_width - 1 for line in table)  # CJK fills a column to the last cell
    assert not any(cell.startswith(("\u0300", "\u0301", "\u0323")) for line in table for cell in line.split(" | "))


def test_wrap_cells_cuts_cjk_between_characters_and_keeps_accents_on_their_letter():
    from rich.cells import cell_len

    from srccompare.output.table import wrap_cells

    lines = wrap_cells(CJK[1], 11)
    assert "".join(lines) == CJK[1]
    assert all(cell_len(line) <= 11 for line in lines) and all(cell_len(line) >= 10 for line in lines[:-1])
    accented = "e\u0301" * 12
    lines = wrap_cells(accented, 5)
    assert [cell_len(line) for line in lines] == [5, 5, 2]
    assert all(line.startswith("e") for line in lines)
    assert wrap_cells("one two three four", 9) == ["one two", "three", "four"]
    assert wrap_cells("  row   3  major    name: x " * 3, 20, subsequent_indent="    ")[0] == "  row   3  major"
