"""Each pair of sources compared on its own sentence links, whatever the base.

A pair's links (:attr:`Alignment.pair_links`) say which sentences of one source
say what which sentences of the other say. Every link becomes a :class:`Pair` of
two cells made of those sentences, and the detectors compare the facts in them.
Sentences of a linked paragraph that found no partner are an omission when they
carry a fact; paragraphs with no partner at all are a missing paragraph.

Everything here depends on the two texts only: the pair is put in an order fixed
by the texts (sha256), cells are made of text spans, and facts are extracted with
the source's own name lexicon, so each sentence is analysed once for all pairs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from srccompare.core.model import Alignment, Flag, Link, Source, Span
from srccompare.engine.flags.cells import _SENTENCE_END, Cell, NameLexicon, Pair, excerpt
from srccompare.engine.flags.rules import Rules

STRONG_LINK = 0.3
"""Link score above which two sentences surely say the same thing. Two texts with at least two such
links (or only such links) tell one story and are compared; weaker evidence alone (the aligner links
unrelated texts by chance, at scores around 0.1) raises nothing."""


@dataclass(slots=True)
class Finding:
    """One discrepancy seen between two sources, before the same one seen in other pairs joins it."""

    kind: str
    severity: str
    message: str
    facts: dict[str, list[Span]]
    """The spans that say what the discrepancy is (a figure, a name, a missing sentence)."""
    context: dict[str, list[Span]] = field(default_factory=dict)
    """Spans shown as well, in sources that have no fact span (the partner of a missing figure)."""
    missing: frozenset[str] = frozenset()
    """For omissions/additions: the sources that lack the text."""
    lower: bool = False
    """For omissions: seen only where the sources are not close copies of each other."""
    pair: tuple[str, str] = ("", "")
    """The pair it was seen in: two findings of one pair are two discrepancies, unless they are equal."""


def canonical_order(sources: list[Source]) -> dict[str, int]:
    """Rank of each source in an order fixed by the texts (as ``engine.align.pair_order`` orders a pair)."""
    from srccompare.engine.align import order_key

    ranked = sorted(sources, key=order_key)
    return {s.id: k for k, s in enumerate(ranked)}


class Context:
    """Per-run caches: cells by (source, spans) and name lexicons by source."""

    def __init__(self, alignment: Alignment, rules: Rules) -> None:
        self.rules = rules
        self.sources = {s.id: s for s in alignment.sources}
        self.rank = canonical_order(alignment.sources)
        self._starts = {s.id: [p.start for p in s.paragraphs] for s in alignment.sources}
        self._cells: dict[tuple[str, tuple[Span, ...]], Cell] = {}
        self._whole: dict[tuple[str, tuple[int, ...]], Cell] = {}
        self._lexicons: dict[str, NameLexicon] = {}
        self._pair_lexicons: dict[tuple[str, str], NameLexicon] = {}
        self.furniture: set[tuple[str, int]] = {
            (s.id, i) for s in alignment.sources for i, p in enumerate(s.paragraphs) if p.boilerplate
        }

    def paragraph_of(self, sid: str, pos: int) -> int:
        return max(0, bisect_right(self._starts[sid], pos) - 1)

    def lexicon(self, sid: str) -> NameLexicon:
        if sid not in self._lexicons:
            from srccompare.engine.flags.warm import source_lexicon

            self._lexicons[sid] = source_lexicon(self.sources[sid])  # the same texts share one
        return self._lexicons[sid]

    def pair_lexicon(self, a: str, b: str) -> NameLexicon:
        if (a, b) not in self._pair_lexicons:
            self._pair_lexicons[(a, b)] = NameLexicon.union(self.lexicon(a), self.lexicon(b))
        return self._pair_lexicons[(a, b)]

    def cell(self, sid: str, spans: list[Span] | tuple[Span, ...]) -> Cell:
        key = (sid, tuple(spans))
        cell = self._cells.get(key)
        if cell is None:
            paragraphs = sorted({self.paragraph_of(sid, s.start) for s in spans})
            whole_key = (sid, tuple(paragraphs))
            whole = self._whole.get(whole_key)
            if whole is None:
                whole = Cell(self.sources[sid], paragraphs, lexicon=self.lexicon(sid))
                self._whole[whole_key] = whole
            cell = Cell(self.sources[sid], paragraphs, spans=list(spans), whole=whole, lexicon=self.lexicon(sid))
            self._cells[key] = cell
        return cell


PairLinks = dict[tuple[str, str], list[tuple[list[Span], list[Span], float]]]


def links_by_pair(alignment: Alignment, rank: dict[str, int]) -> PairLinks:
    """Each pair's links, the pair in canonical order, the links in text order.

    Without ``pair_links`` (an alignment made by hand), the rows stand in for them as
    DESIGN.md reads rows: a row's ``links``, or every cell linked with every other.
    """
    links: list[Link] = list(alignment.pair_links)
    if not links:
        for row in alignment.rows:
            if row.links is not None:
                links += row.links
                continue
            cells = {sid: ix for sid, ix in row.cells.items() if ix}
            if len(cells) > 1:
                by_id = {s.id: s for s in alignment.sources}
                links.append(Link(0.0, {sid: [by_id[sid].paragraphs[i].span for i in ix] for sid, ix in cells.items()}))
    out: PairLinks = {}
    for link in links:
        sids = sorted((sid for sid, spans in link.spans.items() if spans and sid in rank), key=rank.__getitem__)
        for i, a in enumerate(sids):
            for b in sids[i + 1 :]:
                out.setdefault((a, b), []).append((list(link.spans[a]), list(link.spans[b]), link.score))
    for pair_links in out.values():
        pair_links.sort(key=lambda lk: (lk[0][0].start, lk[1][0].start))
    return dict(sorted(out.items(), key=lambda kv: (rank[kv[0][0]], rank[kv[0][1]])))


# --- which detectors can find anything in a pair --------------------------------------------

_MONTHS_WEEKDAYS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mondays tuesdays "
    "wednesdays thursdays fridays saturdays sundays noon midnight midday".split()
)
_NUMERIC_WORDS = frozenset(
    "half halves third thirds quarter quarters fifth fifths sixth sixths seventh sevenths eighth eighths ninth "
    "ninths tenth tenths percent per cent bn m k mn second seconds minute minutes hour hours day days week "
    "weeks month months year years dollar dollars euro euros pound pounds zloty lira hryvnia hryvnias ruble "
    "rubles rouble roubles yen yuan franc francs krona kronor krone kroner".split()
)
"""Words whose change can change a figure: fractions, percent, magnitudes, durations, currencies."""
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f\W]")
_WORD = re.compile(r"\w+")


def concerns(pair: Pair) -> set[str]:
    """Which detectors can find anything: facts equal on both sides cancel out, so only the words
    the diff shows as changed (and diacritics, which folding hides) can make a difference."""
    ops = pair.word_ops
    if not ops:
        return {"names"} if _accents_differ(pair) else set()
    ref_keys, other_keys = pair.ref.words.keys, pair.other.words.keys
    changed = {k for _t, i1, i2, _j1, _j2 in ops for k in ref_keys[i1:i2]}
    changed.update(k for _t, _i1, _i2, j1, j2 in ops for k in other_keys[j1:j2])
    rules = pair.rules
    out = {"quotes"}
    # A negation flag starts from a negation word inside an edit op, so one of the changed words.
    if (
        not changed.isdisjoint(rules.negation_words)
        or not changed.isdisjoint(rules.negation_firsts)
        or any(k[-3:] == "n't" for k in changed)
    ):
        out.add("negation")
    numeric = any(k[:1].isdigit() or k[-1:].isdigit() for k in changed)
    if numeric or not changed.isdisjoint(rules.number_words) or not changed.isdisjoint(_NUMERIC_WORDS):
        out.add("numbers")
    if numeric or not changed.isdisjoint(_MONTHS_WEEKDAYS):
        out.add("dates")
    if not changed.isdisjoint(pair.lexicon.names) or not changed.isdisjoint(rules.title_words) or _accents_differ(pair):
        out.update(("names", "titles"))
    return out


def _accents_differ(pair: Pair) -> bool:
    def build(c: Cell) -> frozenset[str]:
        text = c.text
        if all(text[p.start : p.end].isascii() or not _NON_ASCII_LETTER.search(text, p.start, p.end) for p in c.pieces):
            return frozenset()  # (testing a slice is far cheaper than searching it, so that comes first)
        return frozenset(w for p in c.pieces for w in _WORD.findall(text, p.start, p.end) if not w.isascii())

    def accented(cell: Cell) -> frozenset[str]:
        return cell.facts("accented", build)

    return accented(pair.ref) != accented(pair.other)


def detectors() -> dict[str, Callable[[Pair], list[Flag]]]:
    """The per-pair detectors by the concern they need, in the order they run (imported on first use)."""
    from srccompare.engine.flags.dates import flag_dates
    from srccompare.engine.flags.names import flag_names
    from srccompare.engine.flags.negation import flag_negations
    from srccompare.engine.flags.numbers import flag_numbers
    from srccompare.engine.flags.quotes import flag_quotes
    from srccompare.engine.flags.titles import flag_titles

    return {
        "numbers": flag_numbers,
        "dates": flag_dates,
        "names": flag_names,
        "quotes": flag_quotes,
        "negation": flag_negations,
        "titles": flag_titles,
    }


def flag_link(pair: Pair, found: dict[str, Callable[[Pair], list[Flag]]]) -> list[Flag]:
    """Every detector that can find something, then facts and clauses on one side only."""
    from srccompare.engine.flags.omissions import flag_partial

    wanted = concerns(pair)
    flags: list[Flag] = []
    for concern, detector in found.items():
        if concern in wanted:
            flags += detector(pair)
    covered = [(sid, s) for f in flags if f.kind != "spelling" for sid, spans in f.spans.items() for s in spans]
    flags += flag_partial(pair, covered, wanted)
    return flags


# --- one pair ---------------------------------------------------------------------------------


def related(links: list[tuple[list[Span], list[Span], float]], by_hand: bool) -> bool:
    """Whether two sources tell the same story: two strong links, or nothing but strong links."""
    if by_hand:
        return bool(links)
    strong = sum(1 for _a, _b, score in links if score >= STRONG_LINK)
    return strong >= 2 or (strong >= 1 and strong * 2 >= len(links))


LINK_CHUNK = 250
"""Links of a pair checked as one piece of work (long texts spread their pieces over the cores). Small
enough that the two processes sharing the pieces end within a piece of each other (about 0.03 s on
the New Testament pair; with 1,000 one of them waited up to 0.1 s for the other's last piece)."""
PARALLEL_LINKS = 1000
"""Above this many links in all, the pieces run side by side (:mod:`srccompare.engine.cores`)."""

Checked = tuple[list[Flag], float, int]
"""What checking one link found: its flags, the two sides' word agreement and their word count."""


def link_pieces(ctx: Context, compared: PairLinks) -> list[Piece]:
    """The work of checking every pair (in canonical order) on its links alone, cut in pieces
    (:func:`run_piece`): runs of a pair's links, and each side's text the other has no partner for.
    What the pieces share is made here first, before any worker is forked for them."""
    from srccompare.engine.compare import source_words

    for (a, b), links in compared.items():
        text_a, text_b = ctx.sources[a].text, ctx.sources[b].text
        if not all(_same_text(text_a, text_b, sa, sb) for sa, sb, _score in links):
            ctx.pair_lexicon(a, b)  # (only if a link differs)
            source_words(ctx.sources[a])
            source_words(ctx.sources[b])
    # The gaps first: each is as long as several runs of links, and a long piece last would run alone.
    pieces: list[Piece] = [(x, y, GAPS) for a, b in compared for x, y in ((a, b), (b, a))]
    pieces += [(a, b, start) for (a, b), links in compared.items() for start in range(0, len(links), LINK_CHUNK)]
    return pieces


def pieces_worth_spreading(compared: PairLinks) -> bool:
    return sum(len(links) for links in compared.values()) >= PARALLEL_LINKS


def pair_findings(ctx: Context, compared: PairLinks, pieces: list[Piece], parts: list[list[Any]]) -> list[Finding]:
    """Every discrepancy between the sources of each pair, from what its pieces found."""
    checked: dict[tuple[str, str], list[Checked]] = {pair: [] for pair in compared}
    gaps: dict[tuple[str, str], list[Gap]] = {}
    for (a, b, start), part in zip(pieces, parts):
        if start == GAPS:
            gaps[(a, b)] = part
        else:
            checked[(a, b)] += part
    out: list[Finding] = []
    for (a, b), links in compared.items():
        out += _pair_findings(ctx, a, b, links, checked[(a, b)], (gaps[(a, b)], gaps[(b, a)]))
    return out


Piece = tuple[str, str, int]
"""``(a, b, start)``: links ``start`` onwards of the pair, or (``start`` = :data:`GAPS`) what of ``a`` has no partner in ``b``."""
GAPS = -1

Gap = tuple[Span, str | None, bool]
"""Text of one side with no partner in the other: its span, the fact it carries (if any), whether a whole paragraph."""


def run_piece(shared: tuple[Context, PairLinks], piece: Piece) -> list[Any]:
    """What one piece (:func:`link_pieces`) finds; it reads nothing but the shared context and links."""
    ctx, compared = shared
    a, b, start = piece
    if start == GAPS:
        linked = compared[(a, b)] if (a, b) in compared else [(sb, sa, score) for sa, sb, score in compared[(b, a)]]
        return _gaps(ctx, a, [sa for sa, _sb, _score in linked])
    return _check_links(shared, piece)


def _check_links(shared: tuple[Context, PairLinks], piece: tuple[str, str, int]) -> list[Checked]:
    """Run the detectors over one piece of a pair's links (each link on its own)."""
    ctx, compared = shared
    a, b, start = piece
    found = detectors()
    out: list[Checked] = []
    text_a, text_b = ctx.sources[a].text, ctx.sources[b].text
    from srccompare.engine.compare import DIFF_WORD

    for sa, sb, _score in compared[(a, b)][start : start + LINK_CHUNK]:
        if _same_text(text_a, text_b, sa, sb):
            words = sum(len(DIFF_WORD.findall(text_a, x.start, x.end)) for x in sa)
            out.append(([], 1.0, 2 * words))  # the same sentences, word for word
            continue
        pair = Pair(ctx.cell(a, sa), ctx.cell(b, sb), ctx.rules, ctx.pair_lexicon(a, b))
        flags = flag_link(pair, found) if pair.ref.words.keys != pair.other.words.keys or _accents_differ(pair) else []
        out.append((flags, pair.agreement, len(pair.ref.words.keys) + len(pair.other.words.keys)))
    return out


def _same_text(text_a: str, text_b: str, sa: list[Span], sb: list[Span]) -> bool:
    """Two linked sentence groups with the same characters."""
    return len(sa) == len(sb) and all(text_a[x.start : x.end] == text_b[y.start : y.end] for x, y in zip(sa, sb))


def _pair_findings(
    ctx: Context,
    a: str,
    b: str,
    links: list[tuple[list[Span], list[Span], float]],
    checked: list[Checked],
    unpartnered: tuple[list[Gap], list[Gap]],
) -> list[Finding]:
    """One pair's findings: its links' flags, merged paragraphs' gaps, and what has no partner."""
    from srccompare.engine.flags.omissions import flag_merged_gaps

    rules = ctx.rules
    closeness = sum(agreement * weight for _f, agreement, weight in checked) / max(1, sum(w for _f, _a, w in checked))
    out: list[Finding] = []
    for (sa, sb, _score), (flags, _agreement, _weight) in zip(links, checked):
        if not flags and len(sa) == 1 and len(sb) == 1:
            continue  # nothing found, and one piece a side: no gap between merged paragraphs either
        ref, other = ctx.cell(a, sa), ctx.cell(b, sb)
        if len(ref.pieces) > 1 or len(other.pieces) > 1:
            gaps = flag_merged_gaps(ref, other, {a: closeness, b: closeness}, rules)
            if gaps:
                flags = [f for f in flags if not _inside_any(f, gaps)] + gaps
        for flag in flags:
            out.append(_finding(flag, (ref, other), closeness < rules.close_copy, (a, b)))
    out += _unpartnered(ctx, a, b, unpartnered[0], closeness)
    out += _unpartnered(ctx, b, a, unpartnered[1], closeness)
    return out


def _finding(flag: Flag, cells: tuple[Cell, Cell], lower: bool, between: tuple[str, str]) -> Finding:
    context: dict[str, list[Span]] = {}
    missing: frozenset[str] = frozenset()
    for cell in cells:
        if cell.id not in flag.spans:
            context[cell.id] = list(cell.pieces)
            if flag.kind in ("omission", "addition"):
                missing = frozenset({cell.id})
    return Finding(flag.kind, flag.severity, flag.message, dict(flag.spans), context, missing, lower, between)


def _inside_any(flag: Flag, gaps: list[Flag]) -> bool:
    """An omission/addition already covered by a whole missing paragraph."""
    if flag.kind not in ("omission", "addition"):
        return False
    return any(
        all(
            any(g.start <= s.start and s.end <= g.end for g in gap.spans.get(sid, []))
            for sid, spans in flag.spans.items()
            for s in spans
        )
        for gap in gaps
    )


def _gaps(ctx: Context, a: str, linked_spans: list[list[Span]]) -> list[Gap]:
    """Text of ``a`` that no link covers: whole paragraphs (with the fact each carries, if any),
    and sentences of linked paragraphs that carry a fact."""
    src = ctx.sources[a]
    linked = sorted((s.start, s.end) for spans in linked_spans for s in spans)
    linked_paras = {ctx.paragraph_of(a, start) for start, _end in linked}
    out: list[Gap] = []
    for i, para in enumerate(src.paragraphs):
        if (a, i) in ctx.furniture or not src.text[para.start : para.end].strip():
            continue
        if i not in linked_paras:
            out.append((para.span, _fact_in(ctx, a, para.span), True))
            continue
        for sentence in _uncovered(src.text, para.span, linked):
            what = _fact_in(ctx, a, sentence)
            if what:
                out.append((sentence, what, False))
    return out


def _unpartnered(ctx: Context, a: str, b: str, gaps: list[Gap], closeness: float) -> list[Finding]:
    """Text of ``a`` that ``b`` has no partner for (:func:`_gaps`): whole paragraphs, and sentences that carry a fact."""
    text = ctx.sources[a].text
    lower = closeness < ctx.rules.close_copy
    out: list[Finding] = []
    for span, what, whole in gaps:
        shown = excerpt(text[span.start : span.end], 60)
        if whole:
            if lower and not what:
                continue  # a paraphrase or another outlet's own material, and no fact in it
            message = f"“{shown}” in {a}, missing from {b}"
        else:
            message = f"sentence with {what} “{shown}” in {a}, missing from {b}"
        out.append(Finding("omission", "", message, {a: [span]}, {}, frozenset({b}), lower, (a, b)))
    return out


def _uncovered(text: str, para: Span, linked: list[tuple[int, int]]) -> list[Span]:
    """The sentences of a paragraph that no link covers (links hold whole sentences, so what lies
    between them is whole sentences too), split the light way."""
    from bisect import bisect_left

    out: list[Span] = []
    pos = para.start
    k = max(0, bisect_left(linked, (para.start, para.start)) - 1)
    gaps: list[tuple[int, int]] = []
    while k < len(linked) and linked[k][0] < para.end:
        start, end = linked[k]
        if end > pos:
            if start > pos:
                gaps.append((pos, start))
            pos = max(pos, end)
        k += 1
    if pos < para.end:
        gaps.append((pos, para.end))
    for lo, hi in gaps:
        chunk = text[lo:hi]
        if not any(ch.isalnum() for ch in chunk):
            continue
        begin = lo
        for m in _SENTENCE_END.finditer(text, lo, hi):
            out.append(Span(begin, m.start() + len(m.group().rstrip())))
            begin = m.end()
        out.append(Span(begin, hi))
    return [_trim(text, s) for s in out if any(ch.isalnum() for ch in text[s.start : s.end])]


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _fact_in(ctx: Context, sid: str, sentence: Span) -> str | None:
    """What fact a sentence carries (a figure, a quote, a negation, a name), or None."""
    from srccompare.engine.flags.names import cell_entities
    from srccompare.engine.flags.negation import _cell_cues
    from srccompare.engine.flags.numbers import cell_quantities
    from srccompare.engine.flags.quotes import extract_quotes

    cell = ctx.cell(sid, [sentence])
    probe = Pair(cell, cell, ctx.rules, cell.lexicon or NameLexicon())
    if cell_quantities(cell, probe):
        return "a figure"
    if cell.facts("quotes", lambda c: extract_quotes(c, ctx.rules, c.lexicon)):
        return "a quote"
    if _cell_cues(cell, ctx.rules):
        return "a negation"
    if cell_entities(cell, probe):
        return "a name"
    return None
