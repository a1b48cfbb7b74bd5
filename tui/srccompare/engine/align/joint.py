"""Rows for many sources from the links of every pair.

Every pair of sources is aligned on its own (:mod:`.pair`). A row is then the
smallest group that holds its links: the paragraphs connected by links of any
pair (a connected component), nothing more, so no row pairs paragraphs that no
pair linked and versions the base lacks still meet each other. Rows follow the
base's order; a row without base text goes right after the base row its own
paragraphs follow, and rows after one base row are ordered so that every
source reads in its own order as far as possible. A paragraph placed out of
its source's order is listed under ``moved`` (longest run in order kept).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from srccompare.core.model import Link, Source, Span
from srccompare.engine.align.pair import PairResult
from srccompare.engine.align.sentences import SentenceOutline

Node = tuple[int, int]
"""(source number, paragraph index)."""


MAX_PER_SOURCE = 5  # most paragraphs of one source a row may gather through links


class _Components:
    """Union-find over paragraphs that keeps, per component, its paragraphs per source.

    :meth:`join` refuses a union that would make a row too tall (more than
    ``MAX_PER_SOURCE`` paragraphs of one source) or leave a hole in the base
    column (rows follow the base's order).
    """

    def __init__(self, counts: Sequence[int], base: int, base_furniture: set[int]) -> None:
        # Only what has been joined is stored: a paragraph missing from ``parent`` is its own root,
        # and a root missing from ``members`` holds itself alone (most paragraphs of a long text
        # against its copy never join anything beyond their twin; a dict and a set each cost 0.5 KB).
        self.parent: dict[Node, Node] = {}
        self.members: dict[Node, dict[int, set[int]]] = {}
        self.base = base
        self.real_before = [0]
        for p in range(counts[base]):
            self.real_before.append(self.real_before[-1] + (p not in base_furniture))

    def find(self, x: Node) -> Node:
        parent = self.parent
        root = x
        while (up := parent.get(root, root)) != root:
            root = up
        while (up := parent.get(x, x)) != root:
            parent[x], x = root, up
        return root

    def _members(self, root: Node) -> dict[int, set[int]]:
        found = self.members.get(root)
        return found if found is not None else {root[0]: {root[1]}}

    def _merged(self, roots: set[Node]) -> dict[int, set[int]]:
        merged: dict[int, set[int]] = {}
        for root in roots:
            for k, ids in self._members(root).items():
                merged.setdefault(k, set()).update(ids)
        return merged

    def _with_base_gaps(self, roots: set[Node]) -> set[Node] | None:
        """``roots`` plus the rows of the base paragraphs between theirs, if the whole still fits a row."""
        while True:
            merged = self._merged(roots)
            if any(len(ids) > MAX_PER_SOURCE for ids in merged.values()):
                return None
            base_ids = merged.get(self.base)
            if not base_ids:
                return roots
            lo, hi = min(base_ids), max(base_ids)
            if self.real_before[hi + 1] - self.real_before[lo] == len(base_ids):
                return roots
            gaps = {
                self.find((self.base, p))
                for p in range(lo + 1, hi)
                if p not in base_ids and self.real_before[p + 1] > self.real_before[p]
            }
            roots = roots | gaps

    def join(self, nodes: Sequence[Node]) -> bool:
        """Put ``nodes`` in one component if that keeps rows in shape; whether it did.

        A union that would leave a hole in the base column takes the rows of the
        hole in too (a verse regrouped across three paragraphs), as long as the
        result stays within ``MAX_PER_SOURCE`` paragraphs of each source.
        """
        roots = {self.find(x) for x in nodes}
        if len(roots) == 1:
            return True
        closed = self._with_base_gaps(roots)
        if closed is None:
            return False
        keep = min(closed)
        kept = self.members.setdefault(keep, self._members(keep))
        for root in closed - {keep}:
            self.parent[root] = keep
            for k, ids in (self.members.pop(root, None) or self._members(root)).items():
                kept.setdefault(k, set()).update(ids)
        return True


def pair_links(
    sources: Sequence[Source], tables: Sequence[SentenceOutline], results: dict[tuple[int, int], PairResult]
) -> list[Link]:
    """Every pair's links as spans, in a fixed order (pair, then position)."""
    out: list[Link] = []
    for (ka, kb), result in sorted(results.items()):
        ta, tb = tables[ka], tables[kb]
        for link in sorted(result.links, key=lambda lk: (lk.a, lk.b)):
            out.append(Link(link.score, {sources[ka].id: _spans(ta, link.a), sources[kb].id: _spans(tb, link.b)}))
    return out


@dataclass(slots=True)
class JointRow:
    """A row before it gets its kind and score."""

    cells: dict[int, list[int]]
    links: list[Link] = field(default_factory=list)
    moved: set[int] = field(default_factory=set)
    boilerplate: bool = False


def build_rows(
    sources: Sequence[Source],
    tables: Sequence[SentenceOutline],
    base: int,
    furniture: Sequence[set[int]],
    results: dict[tuple[int, int], PairResult],
) -> list[JointRow]:
    """Rows (in display order) from the pair results keyed by (source number, source number).

    Links are joined strongest first, in-order links before moved ones and the
    base's own pairs first among equals. A link that would make a row too tall
    or break the base's order is dropped, and its paragraphs are reported as
    moved (they sit away from a partner).
    """
    comps = _Components([len(s.paragraphs) for s in sources], base, furniture[base])
    candidates = []
    for (ka, kb), result in results.items():
        ta, tb = tables[ka], tables[kb]
        for link in result.links:
            nodes = [(ka, ta.paragraph[x]) for x in link.a] + [(kb, tb.paragraph[y]) for y in link.b]
            candidates.append(((link.moved, base not in (ka, kb), -link.score, ka, kb, link.a[0]), ka, kb, link, nodes))
    candidates.sort(key=lambda c: c[0])
    kept = []
    waiting = [c[1:] for c in candidates]
    del candidates  # (their sort keys: a long pair has one per sentence)
    while waiting:  # a link refused now may fit once the paragraphs between have joined
        refused = []
        for ka, kb, link, nodes in waiting:
            if comps.join(nodes):
                kept.append((ka, kb, link, nodes))
            else:
                refused.append((ka, kb, link, nodes))
        if len(refused) == len(waiting):
            break
        waiting = refused
    dropped = [nodes for _, _, _, nodes in waiting]
    del waiting
    comps.members.clear()  # only joins read them; the rows are read from the roots below
    groups: dict[Node, dict[int, list[int]]] = {}
    for k, source in enumerate(sources):
        for p in range(len(source.paragraphs)):
            groups.setdefault(comps.find((k, p)), {}).setdefault(k, []).append(p)
    rows = {root: JointRow(cells) for root, cells in groups.items()}
    for row in rows.values():
        row.boilerplate = len(row.cells) == 1 and all(p in furniture[k] for k, ids in row.cells.items() for p in ids)
    for ka, kb, link, nodes in kept:
        ta, tb = tables[ka], tables[kb]
        rows[comps.find(nodes[0])].links.append(
            Link(link.score, {sources[ka].id: _spans(ta, link.a), sources[kb].id: _spans(tb, link.b)})
        )
    del kept
    for nodes in dropped:
        for k, p in nodes:
            if k != base:
                rows[comps.find((k, p))].moved.add(k)
    ordered = _order(list(rows.values()), len(sources), base)
    for k in range(len(sources)):
        _mark_out_of_order(ordered, k)
    return ordered


def _spans(table: SentenceOutline, sentences: Sequence[int]) -> list[Span]:
    """Sentences as spans: consecutive sentences of one paragraph joined into one span."""
    if len(sentences) == 1:
        return [table.spans[sentences[0]]]
    out: list[Span] = []
    last_para = -1
    for x in sentences:
        span, para = table.spans[x], table.paragraph[x]
        if out and para == last_para:
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
        last_para = para
    return out


def _order(rows: list[JointRow], n_sources: int, base: int) -> list[JointRow]:
    """Base rows in base order; each other row after the base row its paragraphs follow."""
    row_of: dict[Node, int] = {}
    for r, row in enumerate(rows):
        for k, ids in row.cells.items():
            for p in ids:
                row_of[(k, p)] = r
    base_pos = {r: min(row.cells[base]) for r, row in enumerate(rows) if base in row.cells}
    anchor: dict[int, int] = {}
    for r, row in enumerate(rows):
        if r in base_pos:
            continue
        best = -1
        for k, ids in row.cells.items():
            p = min(ids) - 1
            while p >= 0:
                other = row_of[(k, p)]
                if other in base_pos:
                    best = max(best, base_pos[other])
                    break
                p -= 1
        anchor[r] = best
    after: dict[int, list[int]] = {}
    for r, a in anchor.items():
        after.setdefault(a, []).append(r)
    out = [rows[r] for r in _in_source_order(rows, after.pop(-1, []), n_sources)]
    for r in sorted(base_pos, key=lambda r: (base_pos[r], r)):
        out.append(rows[r])
        followers = after.get(base_pos[r])
        if followers:
            out.extend(rows[x] for x in _in_source_order(rows, followers, n_sources))
            after.pop(base_pos[r])
    return out


def _in_source_order(rows: list[JointRow], members: list[int], n_sources: int) -> list[int]:
    """Order rows so that each source's paragraphs come in its own order (a topological merge)."""
    first = {r: {k: min(ids) for k, ids in rows[r].cells.items()} for r in members}
    succ: dict[int, set[int]] = {r: set() for r in members}
    indeg = dict.fromkeys(members, 0)
    for k in range(n_sources):
        chain = sorted((first[r][k], r) for r in members if k in first[r])
        for (_, x), (_, y) in itertools.pairwise(chain):
            if y not in succ[x]:
                succ[x].add(y)
                indeg[y] += 1

    def priority(r: int) -> tuple[int, int]:
        k = min(first[r])
        return (k, first[r][k])

    heap = [(priority(r), r) for r in members if indeg[r] == 0]
    heapq.heapify(heap)
    out: list[int] = []
    left = set(members)
    while left:
        if not heap:  # a cycle (paragraphs that moved): release the earliest
            r = min(left, key=priority)
            indeg[r] = 0
            heap.append((priority(r), r))
        _, r = heapq.heappop(heap)
        if r not in left:
            continue
        left.discard(r)
        out.append(r)
        for y in succ[r]:
            indeg[y] -= 1
            if indeg[y] == 0 and y in left:
                heapq.heappush(heap, (priority(y), y))
    return out


def _mark_out_of_order(rows: Sequence[JointRow], k: int) -> None:
    """List source ``k`` under ``moved`` where its paragraphs break its own order (longest run in order kept)."""
    from srccompare.engine.align.candidates import anchor_chain

    seq = [(r, min(row.cells[k])) for r, row in enumerate(rows) if k in row.cells and not row.boilerplate]
    keep = {r for r, _ in anchor_chain(seq)}  # the longest run of rows whose paragraphs come in order
    last = -1
    for r, _ in seq:
        cell = rows[r].cells[k]
        if r in keep and cell[0] > last:
            last = cell[-1]
        else:
            rows[r].moved.add(k)
