"""One flag per discrepancy: the same one seen between several pairs joins into a flag naming them all.

A figure changed in one version is seen in its pair with every other version;
those findings share that version's figure span, so findings of one kind whose
fact spans overlap in some source are joined. Omissions and additions join as
one family: which of the two a gap is depends on how many sources have the text
(most have it: the others omitted it; few have it: they added it), never on the base.
A joined gap quotes one source's words, names the sources with the same words and
those whose linked text says it in their own, and lists as missing only the
sources that lack every version of it.
"""

from __future__ import annotations

import hashlib

from srccompare.core.kinds import SEVERITY_RANK
from srccompare.core.model import Flag, Source, Span
from srccompare.engine.flags.cells import excerpt
from srccompare.engine.flags.pairwise import Finding, PairLinks
from srccompare.engine.flags.rules import Rules

_GAPS = ("omission", "addition")


def _family(kind: str) -> str:
    return "gap" if kind in _GAPS else kind


def merge_findings(
    findings: list[Finding],
    sources: dict[str, Source],
    rank: dict[str, int],
    rules: Rules,
    links: PairLinks | None = None,
) -> list[Flag]:
    """Join findings of one family whose fact spans overlap, and text missing from the same source in
    sources whose texts are linked; one :class:`Flag` (with an ``id``) each."""
    parent = list(range(len(findings)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_place: dict[tuple[str, str], list[tuple[int, int, int]]] = {}
    for n, f in enumerate(findings):
        for sid, spans in f.facts.items():
            for s in spans:
                by_place.setdefault((_family(f.kind), sid), []).append((s.start, s.end, n))

    def same(m: int, n: int) -> bool:
        """Two findings of one discrepancy: seen in different pairs, or seen twice in one pair.

        Text missing somewhere joins only text missing from the same source, or the very same
        text: a sentence one source lacks is not the paragraph another source lacks.
        """
        fm, fn = findings[m], findings[n]
        if _family(fm.kind) == "gap" and fm.facts != fn.facts and not (fm.missing & fn.missing):
            return False
        if not fm.pair[0] or fm.pair != fn.pair:
            return True
        return fm.facts == fn.facts and fm.message == fn.message

    for entries in by_place.values():
        entries.sort()
        open_: list[tuple[int, int]] = []  # (end, finding) of the spans still open
        for start, end, n in entries:
            open_ = [(e, m) for e, m in open_ if e > start]
            for _e, m in open_:
                if same(m, n):
                    parent[find(n)] = find(m)
            open_.append((end, n))
    for m, n in _linked_gaps(findings, links or {}, sources):
        parent[find(n)] = find(m)
    groups: dict[int, list[Finding]] = {}
    for n, f in enumerate(findings):
        groups.setdefault(find(n), []).append(f)
    return [_flag(members, sources, rank, rules) for members in groups.values()]


def _linked_gaps(findings: list[Finding], links: PairLinks, sources: dict[str, Source]) -> list[tuple[int, int]]:
    """Pairs of missing-text findings in two sources, on text the two link, missing from one source:
    the same paragraph, which sources ``a`` and ``b`` both have and ``c`` lacks."""
    from bisect import bisect_right

    starts = {sid: [p.start for p in src.paragraphs] for sid, src in sources.items()}

    def para(sid: str, pos: int) -> tuple[str, int]:
        return sid, bisect_right(starts[sid], pos) - 1

    by_para: dict[tuple[str, int], list[tuple[Span, int]]] = {}
    for n, f in enumerate(findings):
        if _family(f.kind) == "gap":
            for sid, spans in f.facts.items():
                for s in spans:
                    by_para.setdefault(para(sid, s.start), []).append((s, n))
    if not by_para:
        return []
    gap_sources = {sid for sid, _p in by_para}

    def touching(sid: str, spans: list[Span]) -> set[int]:
        out: set[int] = set()
        for x in spans:
            for s, n in by_para.get(para(sid, x.start), ()):
                if s.start < x.end and x.start < s.end:
                    out.add(n)
        return out

    pairs: list[tuple[int, int]] = []
    for (a, b), pair_links in links.items():
        if a not in gap_sources or b not in gap_sources:
            continue
        for spans_a, spans_b, _score in pair_links:
            here = touching(a, spans_a)
            if here:
                there = touching(b, spans_b)
                pairs += [(m, n) for m in here for n in there if findings[m].missing & findings[n].missing]
    return pairs


def _lacking(members: list[Finding], present: list[str]) -> set[str]:
    """The sources that lack the text in every version present: a source that has one version (its
    pair with that source found nothing missing) does not lack the fact, though it lacks another
    version's wording. Where no source lacks them all (a chain of merges), every source any lacks."""
    lacks: dict[str, set[str]] = {sid: set() for sid in present}
    for f in members:
        for sid in f.facts:
            lacks[sid] |= f.missing
    every = set.intersection(*lacks.values()) if lacks else set()
    return (every or set().union(*lacks.values())) - set(present)


def _longest_words(text: str, spans: list[Span]) -> str:
    """The words of a source's longest span, compared across sources: quotes, dashes, spacing and case folded."""
    from srccompare.text.normalize import fold_punctuation

    longest = max(spans, key=lambda s: s.end - s.start)
    return " ".join(fold_punctuation(text[longest.start : longest.end]).casefold().split())


def _spans(members: list[Finding], rank: dict[str, int]) -> dict[str, list[Span]]:
    facts: dict[str, set[Span]] = {}
    for f in members:
        for sid, spans in f.facts.items():
            facts.setdefault(sid, set()).update(spans)
    for f in members:
        for sid in f.context:
            facts.setdefault(sid, set())
    context: dict[str, set[Span]] = {}
    for f in members:
        for sid, spans in f.context.items():
            if not facts.get(sid):
                context.setdefault(sid, set()).update(spans)
    out: dict[str, list[Span]] = {}
    for sid in sorted(facts, key=rank.__getitem__):
        chosen = facts[sid] or context.get(sid, set())
        # A span inside another of the same source adds nothing (a sentence inside a missing paragraph).
        kept = [s for s in chosen if not any(o != s and o.start <= s.start and s.end <= o.end for o in chosen)]
        if kept:
            out[sid] = sorted(kept, key=lambda s: (s.start, s.end))
    return out


def _flag(members: list[Finding], sources: dict[str, Source], rank: dict[str, int], rules: Rules) -> Flag:
    spans = _spans(members, rank)
    first = members[0]
    if _family(first.kind) == "gap":
        present = sorted({sid for f in members for sid in f.facts}, key=rank.__getitem__)
        missing = sorted(_lacking(members, present), key=rank.__getitem__)
        kind = "omission" if len(present) >= len(missing) else "addition"
        severity = rules.severity_of(kind, lower=kind == "omission" and all(f.lower for f in members))
        if len(members) == 1:
            severity, message = first.severity or severity, first.message
        else:
            sid = present[0]
            words = {other: _longest_words(sources[other].text, spans[other]) for other in present if spans.get(other)}
            longest = max(spans[sid], key=lambda s: s.end - s.start)
            shown = excerpt(sources[sid].text[longest.start : longest.end], 60)
            # The words quoted are one source's; a source that says it in other words carries linked text.
            same = [other for other in present if words.get(other) == words[sid]]
            worded = [other for other in present if other not in same]
            where = ", ".join(same) + (f", its linked text in {', '.join(worded)}" if worded else "")
            message = f"“{shown}” in {where}; missing from {', '.join(missing) or '?'}"
    else:
        kind = first.kind
        severity = max((f.severity for f in members), key=lambda s: SEVERITY_RANK.get(s, 0))
        message = first.message
        named = {sid for sid in first.facts} | set(first.context)
        others = [sid for sid in spans if sid not in named]
        if others:
            message += f" (also {', '.join(others)})"
    key = repr((kind, sorted((sid, s.start, s.end) for sid, ss in spans.items() for s in ss)))
    between = tuple(sorted({f.pair for f in members if f.pair[0]}, key=lambda p: (rank[p[0]], rank[p[1]])))
    return Flag(
        kind, severity, message, spans, id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:12], between=between
    )
