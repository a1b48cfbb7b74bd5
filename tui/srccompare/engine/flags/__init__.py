"""Discrepancy flags: point the reviewer at the divergences that may change the facts.

:func:`flag_alignment` fills ``row.flags`` for every row of an alignment. Every
pair of sources is compared on its own sentence links (``Alignment.pair_links``,
:mod:`.pairwise`), one detector per concern: numbers, dates, names (and harmless
spelling variants), quotes, negations, titles, omissions/additions, page
furniture. The same discrepancy seen in several pairs becomes one flag naming
every source involved (:mod:`.merge`), with a stable ``id``, on every row that
holds one of its spans. Nothing depends on the base: flags are the same under
every base. Flags are ordered so that changes of fact come first (severity, then kind).
"""

from __future__ import annotations

from srccompare.core.config import Config
from srccompare.core.model import Alignment, Flag, Row
from srccompare.engine.flags.cells import excerpt
from srccompare.engine.flags.pairwise import Context, Finding, PairLinks
from srccompare.engine.flags.rules import KIND_ORDER, SEVERITY_RANK, Rules, compile_rules

__all__ = [
    "begin_flags",
    "compute_flags",
    "filter_flags",
    "flag_alignment",
    "flag_rows",
    "place_flags",
    "severity_at_least",
    "sort_flags",
    "sort_listed",
]

_KIND_RANK = {kind: i for i, kind in enumerate(KIND_ORDER)}


def sort_flags(flags: list[Flag]) -> list[Flag]:
    """Most severe first; within a severity, changes of fact before omissions, spelling, furniture."""

    def key(flag: Flag) -> tuple:
        first = min((s.start for spans in flag.spans.values() for s in spans), default=0)
        return (-SEVERITY_RANK.get(flag.severity, 0), _KIND_RANK.get(flag.kind, len(_KIND_RANK)), first)

    return sorted(flags, key=key)


def sort_listed(entries: list[tuple[Flag, int]]) -> list[tuple[Flag, int]]:
    """Flags listed with the first row each is on, for a digest: most severe first, then by row
    (as the app's flag list); within a row, as :func:`sort_flags` orders it."""
    ranked = {id(flag): n for n, flag in enumerate(sort_flags([flag for flag, _ in entries]))}
    return sorted(entries, key=lambda e: (-SEVERITY_RANK.get(e[0].severity, 0), e[1], ranked[id(e[0])]))


def severity_at_least(flag: Flag, minimum: str) -> bool:
    return SEVERITY_RANK.get(flag.severity, 0) >= SEVERITY_RANK[minimum]


def filter_flags(alignment: Alignment, minimum: str) -> None:
    """Drop the flags below ``minimum`` severity (minor | major | critical)."""
    for row in alignment.rows:
        row.flags = [f for f in row.flags if severity_at_least(f, minimum)]


def _boilerplate(ctx: Context, alignment: Alignment, rows: list[Row], rules: Rules) -> list[Finding]:
    """Page furniture: one minor flag per furniture paragraph (paragraphs of furniture rows included)."""
    for row in rows:
        if row.kind == "boilerplate":
            ctx.furniture.update((sid, i) for sid, ix in row.cells.items() for i in ix)
    out = []
    for sid, i in sorted(ctx.furniture, key=lambda k: (ctx.rank[k[0]], k[1])):
        src = ctx.sources[sid]
        para = src.paragraphs[i]
        message = f"page furniture in {sid} (“{excerpt(src.text[para.start : para.end], 50)}”)"
        out.append(Finding("boilerplate", rules.severity_of("boilerplate"), message, {sid: [para.span]}))
    return out


class FlagsUnderWay:
    """Flags being made (:func:`begin_flags`); :meth:`result` joins in and returns them."""

    def __init__(self, ctx: Context, findings: list[Finding], compared: PairLinks, beside: bool) -> None:
        from srccompare.engine.cores import spread
        from srccompare.engine.flags.pairwise import link_pieces, pieces_worth_spreading, run_piece

        self._ctx, self._findings, self._compared = ctx, findings, compared
        self._pieces = link_pieces(ctx, compared)
        worth_it = bool(compared) and (beside or pieces_worth_spreading(compared))
        self._checking = spread(run_piece, (ctx, compared), self._pieces, worth_it=worth_it)

    @property
    def forked(self) -> bool:
        """Whether a worker is at the pieces now (else they all run on :meth:`result`)."""
        return self._checking.forked

    def result(self) -> list[Flag]:
        from srccompare.engine.collector import let_go
        from srccompare.engine.flags.merge import merge_findings
        from srccompare.engine.flags.pairwise import pair_findings

        ctx = self._ctx
        parts = self._checking.results()
        findings = self._findings + pair_findings(ctx, self._compared, self._pieces, parts)
        let_go(ctx, parts)
        return merge_findings(findings, ctx.sources, ctx.rank, ctx.rules, self._compared)

    def cancel(self) -> None:
        self._checking.cancel()


def begin_flags(alignment: Alignment, rules: Rules, *, beside: bool = False) -> FlagsUnderWay:
    """Start on every flag of the alignment, each once, from every pair's own links (the base plays no
    part): a worker takes the pieces on while this process goes on, and ``result()`` joins in.

    ``beside``: this process has other work to do meanwhile (the rows), so a worker is forked
    however few the pieces. Before any row exists, the alignment's links and the paragraphs'
    furniture marks are all that is read (a furniture row only holds paragraphs marked so already).
    """
    from srccompare.engine.flags.pairwise import links_by_pair, related

    ctx = Context(alignment, rules)
    findings = _boilerplate(ctx, alignment, alignment.rows, rules)
    by_hand = not alignment.pair_links
    compared = {pair: links for pair, links in links_by_pair(alignment, ctx.rank).items() if related(links, by_hand)}
    return FlagsUnderWay(ctx, findings, compared, beside)


def compute_flags(alignment: Alignment, rules: Rules) -> list[Flag]:
    """Every flag of the alignment, each once, from every pair's own links (the base plays no part)."""
    return begin_flags(alignment, rules).result()


def place_flags(alignment: Alignment, flags: list[Flag], rows: list[Row]) -> None:
    """Put each flag on every row (of ``rows``) that holds one of its spans, then sort each row's flags."""
    from bisect import bisect_right

    starts = {s.id: [p.start for p in s.paragraphs] for s in alignment.sources}
    where: dict[tuple[str, int], Row] = {}
    for row in rows:
        row.flags = []
        for sid, ix in row.cells.items():
            for i in ix:
                where[(sid, i)] = row
    for flag in flags:
        placed: set[int] = set()
        for sid, spans in flag.spans.items():
            for span in spans:
                holder = where.get((sid, max(0, bisect_right(starts[sid], span.start) - 1)))
                if holder is not None and id(holder) not in placed:
                    placed.add(id(holder))
                    holder.flags.append(flag)
    for row in rows:
        row.flags = sort_flags(row.flags)


def flag_rows(alignment: Alignment, rows: list[Row], rules: Rules) -> list[Flag]:
    """Fill ``flags`` of ``rows`` (all of the alignment's rows, or some of them); returns every flag."""
    flags = compute_flags(alignment, rules)
    place_flags(alignment, flags, rows)
    return flags


def flag_alignment(alignment: Alignment, config: Config) -> list[Flag]:
    """Fill ``row.flags`` for every row (nothing when ``flags.enabled`` is off); returns every flag
    (kept with the alignment's pairs' work: they hold under every base)."""
    if not config.flags.enabled:
        for row in alignment.rows:
            row.flags = []
        return []
    from srccompare.engine.collector import collector_paused

    with collector_paused():
        return flag_rows(alignment, alignment.rows, compile_rules(config.flags))
