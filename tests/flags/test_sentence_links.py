"""Flags from real sentence links: facts compared sentence by sentence, one flag per discrepancy."""

from __future__ import annotations

from srccompare.core.config import default_config
from srccompare.core.model import Alignment, Flag
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.sources import build_source

WIRE = """Port strike enters its second week as the two sides meet again

Dock workers in Gdańsk began a strike on Monday over pay. The union said talks with the operators would resume on Thursday. Ministers from France, Germany and Italy urged both sides to settle.

“We will not give up until the offer is fair,” said union leader Tomasz Wiśniewski. The operators said they regretted the decision.

Traders said 38 vessels were waiting to load at the terminal.
"""
COPY = (
    WIRE.replace("on Thursday", "on Tuesday")
    .replace("France, Germany and Italy", "France and Germany")
    .replace("38 vessels were", "38 vessels and 1,200 containers were")
)
RETELLING = """The strike at the Gdańsk docks, which started on Monday, is now in its second week.

According to union leader Tomasz Wiśniewski, the workers “will not give in until the offer is fair”. The operators said they regretted the decision.
"""


def _align(texts: dict[str, str], base: str | None = None) -> Alignment:
    taken: set[str] = set()
    sources = [build_source(f"{name}.txt", text, {}, taken) for name, text in texts.items()]
    return build_alignment(sources, base, default_config())


def _flags(alignment: Alignment) -> list[Flag]:
    return list({f.id: f for row in alignment.rows for f in row.flags}.values())


def _text(alignment: Alignment, sid: str, flag: Flag) -> list[str]:
    source = alignment.source(sid)
    return [source.text[s.start : s.end] for s in flag.spans.get(sid, [])]


def test_a_day_changed_between_two_tellings_is_a_date_flag_in_both():
    al = _align({"wire": WIRE, "copy": COPY, "retold": RETELLING})
    (date,) = [f for f in _flags(al) if f.kind == "date"]
    assert _text(al, "wire", date) == ["Thursday"] and _text(al, "copy", date) == ["Tuesday"]


def test_a_country_dropped_from_a_list_and_a_figure_added_to_a_sentence():
    al = _align({"wire": WIRE, "copy": COPY, "retold": RETELLING})
    flags = _flags(al)
    italy = [f for f in flags if _text(al, "wire", f) == ["Italy"]]
    assert [f.kind for f in italy] == ["omission"]
    added = [f for f in flags if _text(al, "copy", f) == ["1,200"]]
    assert len(added) == 1
    # The figure on one side, its linked sentence on the other.
    assert _text(al, "wire", added[0]) == ["Traders said 38 vessels were waiting to load at the terminal."]


def test_a_paragraph_two_sources_have_and_one_lacks_is_one_flag_naming_both():
    al = _align({"wire": WIRE, "copy": COPY, "retold": RETELLING})
    traders = [f for f in _flags(al) if any(t.startswith("Traders said") for t in _text(al, "wire", f))]
    gaps = [f for f in traders if "missing from retold" in f.message]
    assert len(gaps) == 1 and gaps[0].kind == "omission"
    assert set(gaps[0].spans) == {"wire", "copy"}
    assert [t.startswith("Traders said") for t in _text(al, "copy", gaps[0])] == [True]


def test_same_flags_and_ids_under_every_base():
    texts = {"wire": WIRE, "copy": COPY, "retold": RETELLING}
    seen = [
        sorted((f.id, f.kind, f.message) for f in _flags(_align(texts, base))) for base in ("wire", "copy", "retold")
    ]
    assert seen[0] == seen[1] == seen[2]


def test_identical_sources_raise_nothing_but_furniture():
    al = _align({"wire": WIRE, "again": WIRE})
    assert [f for f in _flags(al) if f.kind != "boilerplate"] == []
