"""Many sources at once: every source aligned to the base, then merged into rows.

Each other source contributes beads against the base. Base paragraphs that any
source grouped together end up in one row (union-find), so a merge seen by one
source and a split seen by another still share a line. Paragraphs of a source
that have no base partner (its own additions, its page furniture) get rows of
their own right after the row of their nearest earlier partnered paragraph, so
every column still reads in its own order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from srccompare.engine.align.pairwise import Bead


class UnionFind:
    def __init__(self, items: Sequence[int]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


@dataclass(slots=True)
class DraftRow:
    """A row before it gets its kind and score: who is in it, and what moved."""

    key: tuple[int, int, int, int]
    cells: dict[str, list[int]] = field(default_factory=dict)
    moved: set[str] = field(default_factory=set)
    boilerplate: bool = False


def merge_rows(
    base_id: str,
    base_count: int,
    base_furniture: set[int],
    others: Sequence[tuple[str, int, set[int], list[Bead]]],
) -> list[DraftRow]:
    """Rows in the base's order from pairwise beads.

    ``others`` holds, per non-base source: its id, paragraph count, furniture
    indices and its beads against the base (``bead.a`` = base indices).
    """
    real = [i for i in range(base_count) if i not in base_furniture]
    uf = UnionFind(real)
    for _, _, _, beads in others:
        for bead in beads:
            for x in bead.a[1:]:
                uf.union(bead.a[0], x)
    rows: dict[tuple[int, int, int, int], DraftRow] = {}
    row_of_base: dict[int, DraftRow] = {}
    for i in real:
        root = uf.find(i)
        key = (root, 0, 0, 0)
        row = rows.get(key)
        if row is None:
            row = rows[key] = DraftRow(key, {base_id: []})
        row.cells[base_id].append(i)
        row_of_base[i] = row
    for i in base_furniture:
        rows[(i, 0, 0, 0)] = DraftRow((i, 0, 0, 0), {base_id: [i]}, boilerplate=True)

    for rank, (sid, count, furniture, beads) in enumerate(others, start=1):
        anchor_of: dict[int, int] = {}
        for bead in beads:
            row = row_of_base[bead.a[0]]
            row.cells.setdefault(sid, []).extend(bead.b)
            if bead.moved:
                row.moved.add(sid)
            else:
                for j in bead.b:
                    anchor_of[j] = row.key[0]
        placed = {j for bead in beads for j in bead.b}
        placed |= _fill_gaps(row_of_base, beads, sid, furniture, placed)
        anchor = -1
        for j in range(count):
            if j in anchor_of:
                anchor = anchor_of[j]
                continue
            if j in placed:
                continue
            key = (anchor, 1, rank, j)
            rows[key] = DraftRow(key, {sid: [j]}, boilerplate=j in furniture)
    ordered = [rows[k] for k in sorted(rows)]
    for row in ordered:
        for ids in row.cells.values():
            ids.sort()
    for sid, *_ in others:
        mark_out_of_order(ordered, sid)
    return ordered


def _fill_gaps(
    row_of_base: dict[int, DraftRow], beads: Sequence[Bead], sid: str, furniture: set[int], placed: set[int]
) -> set[int]:
    """Put a source's stray paragraph into the row that holds its paragraphs on both sides.

    When groups from several sources share a row, a paragraph of this source
    with no partner can end up between two of its paragraphs in that row; it
    belongs to that row's text. (Furniture never joins a row; it keeps its own.)
    """
    added: set[int] = set()
    rows = {id(row_of_base[b.a[0]]): row_of_base[b.a[0]] for b in beads if not b.moved}
    for row in rows.values():
        ids = row.cells.get(sid)
        if not ids:
            continue
        lo, hi = min(ids), max(ids)
        for j in range(lo + 1, hi):
            if j not in placed and j not in furniture and j not in added:
                ids.append(j)
                added.add(j)
    return added


def mark_out_of_order(rows: Sequence[DraftRow], sid: str) -> None:
    """List ``sid`` under ``moved`` in every row where its paragraphs break its own order.

    The pairwise pass already marks what it paired out of order; merging groups
    from several sources can displace a few more. The longest run of rows in
    order stays; the rest are moved. Furniture is never "moved": where it sits
    says nothing about the story (it may land just after a row that another
    source's merge widened around it).
    """
    import bisect

    seq = [
        (k, row.cells[sid][0])
        for k, row in enumerate(rows)
        if row.cells.get(sid) and sid not in row.moved and not row.boilerplate
    ]
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(seq)
    for n, (_, first) in enumerate(seq):
        pos = bisect.bisect_left(tails, first)
        if pos == len(tails):
            tails.append(first)
            tail_at.append(n)
        else:
            tails[pos], tail_at[pos] = first, n
        parent[n] = tail_at[pos - 1] if pos else -1
    keep: set[int] = set()
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        keep.add(seq[n][0])
        n = parent[n]
    last = -1
    for k, _ in seq:
        cell = rows[k].cells[sid]
        if k in keep and cell[0] > last:
            last = cell[-1]
        else:
            rows[k].moved.add(sid)


Related = Callable[[str, int, str, int], bool]


def share_additions(rows: list[DraftRow], base_id: str, related: Related) -> list[DraftRow]:
    """Let paragraphs that several sources added at the same place share rows.

    Two versions may carry the same paragraph the base lacks (a longer body, a
    correction). Between two base rows, the added paragraphs of each source are
    aligned in order with those of the sources before it (a small longest-common-
    subsequence search over ``related`` pairs) and partners are put in one row.
    """
    out: list[DraftRow] = []
    k = 0
    while k < len(rows):
        if not _is_addition(rows[k], base_id):
            out.append(rows[k])
            k += 1
            continue
        end = k
        while end < len(rows) and _is_addition(rows[end], base_id):
            end += 1
        out.extend(_merge_run(rows[k:end], related))
        k = end
    return out


def _is_addition(row: DraftRow, base_id: str) -> bool:
    return not row.boilerplate and len(row.cells) == 1 and base_id not in row.cells and not row.moved


def _merge_run(run: list[DraftRow], related: Related) -> list[DraftRow]:
    by_source: dict[str, list[DraftRow]] = {}
    for row in run:
        (sid,) = row.cells
        by_source.setdefault(sid, []).append(row)
    if len(by_source) < 2:
        return run
    merged: list[DraftRow] = []
    for sid, own in by_source.items():
        if not merged:
            merged = list(own)
            continue
        merged = _align_run(merged, own, sid, related)
    return merged


def _align_run(merged: list[DraftRow], own: list[DraftRow], sid: str, related: Related) -> list[DraftRow]:
    """Longest chain of related (merged row, own row) pairs in order; the rest interleaved in order."""
    n, m = len(merged), len(own)

    def fits(x: int, y: int) -> bool:
        j = own[y].cells[sid][0]
        return any(related(other, i, sid, j) for other, ids in merged[x].cells.items() for i in ids)

    score = [[0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            best = max(score[x + 1][y], score[x][y + 1])
            if fits(x, y):
                best = max(best, score[x + 1][y + 1] + 1)
            score[x][y] = best
    out: list[DraftRow] = []
    x = y = 0
    while x < n and y < m:
        if fits(x, y) and score[x][y] == score[x + 1][y + 1] + 1:
            merged[x].cells[sid] = list(own[y].cells[sid])
            out.append(merged[x])
            x += 1
            y += 1
        elif score[x + 1][y] >= score[x][y + 1]:
            out.append(merged[x])
            x += 1
        else:
            out.append(own[y])
            y += 1
    out.extend(merged[x:])
    out.extend(own[y:])
    return out
