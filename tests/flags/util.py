"""Small alignments built by hand, so detector tests do not depend on the aligner."""

from __future__ import annotations

from srccompare.core.config import Config, default_config
from srccompare.core.model import Alignment, Flag, Row
from srccompare.engine.flags import flag_alignment
from srccompare.inputs.sources import build_source


def alignment_of(
    texts: dict[str, str], rows: list[dict[str, list[int]]] | None = None, kinds: list[str] | None = None
) -> Alignment:
    """Sources named by ``texts`` (first is the base); by default one row holding every paragraph."""
    taken: set[str] = set()
    sources = [build_source(f"{name}.txt", text, {}, taken) for name, text in texts.items()]
    if rows is None:
        rows = [{s.id: list(range(len(s.paragraphs))) for s in sources}]
    kinds = kinds or ["changed"] * len(rows)
    return Alignment(
        base=sources[0].id,
        sources=sources,
        rows=[Row(id=i, kind=k, score=0.5, cells=c) for i, (c, k) in enumerate(zip(rows, kinds))],
    )


def flags_between(ref: str, other: str, config: Config | None = None) -> list[Flag]:
    """Flags of one row holding ``ref`` (source "a", the base) and ``other`` (source "b")."""
    alignment = alignment_of({"a": ref, "b": other})
    flag_alignment(alignment, config or default_config())
    return alignment.rows[0].flags


def kinds(flags: list[Flag]) -> list[str]:
    return [f.kind for f in flags]


def spanned(flag: Flag, text: str, source: str) -> list[str]:
    """The texts a flag's spans cover in ``source``."""
    return [text[s.start : s.end] for s in flag.spans.get(source, [])]
