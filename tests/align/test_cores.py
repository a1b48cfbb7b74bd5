"""Work spread over the cores gives what the same work gives in one process.

The pieces (a source's sentences, stretches of the sentence search, runs of
links checked for flags) are cut by the texts alone, so the result must not
depend on whether they ran side by side. Each test runs both ways in one go.
"""

from __future__ import annotations

import os
import random
import time
from itertools import pairwise

import pytest

import srccompare.engine.align as align
import srccompare.engine.align.pair as pair
import srccompare.engine.align.rows as rows
import srccompare.engine.align.screened as screened
import srccompare.engine.align.sentence_search as sentence_search
import srccompare.engine.cores as cores
import srccompare.engine.flags.pairwise as flags_pairwise
from srccompare.core.config import Config
from srccompare.engine.align import align_sources
from srccompare.engine.align.beads import Bead
from srccompare.engine.flags import compile_rules, compute_flags
from tests.align.prose import REWORDED, STORY, source

needs_cores = pytest.mark.skipif(
    cores.usable_cores() < 2 or not hasattr(os, "fork"), reason="needs fork and two cores to run side by side"
)


def _square(shared: int, item: int) -> tuple[int, int]:
    return item * item + shared, os.getpid()


@needs_cores
def test_fork_map_keeps_order_and_reports_progress() -> None:
    seen: list[int] = []
    out = cores.fork_map(_square, 5, list(range(20)), done=seen.append)
    assert [value for value, _pid in out] == [i * i + 5 for i in range(20)]
    assert seen == list(range(1, 21))
    assert {pid for _value, pid in out} - {os.getpid()}, "the items ran in worker processes"


def _nested(shared: None, item: int) -> list[int]:
    return [pid for _value, pid in cores.fork_map(_square, 0, [item, item + 1])]


@needs_cores
def test_a_worker_runs_its_own_pieces_itself() -> None:
    for pids in cores.fork_map(_nested, None, [1, 2]):
        assert len(set(pids)) == 1, "no worker forks workers of its own"


def _square_slowly(shared: int, item: int) -> tuple[int, int]:
    import time

    time.sleep(0.2)  # long enough that the second worker is up before the first has done them all
    return _square(shared, item)


def _pieces_of_a_background_worker(shared: None) -> tuple[int, list[int]]:
    return os.getpid(), [pid for _value, pid in cores.fork_map(_square_slowly, 0, [1, 2, 3, 4])]


@needs_cores
@pytest.mark.parametrize("nested", [True, False])
def test_only_a_nested_background_worker_spreads_its_own_pieces(nested: bool) -> None:
    worker, pids = cores.in_background(_pieces_of_a_background_worker, None, nested=nested).result()
    assert worker != os.getpid()
    if nested:
        assert worker not in pids and len(set(pids)) == 2, "two workers of its own, one per core"
    else:
        assert set(pids) == {worker}


def _pid_and_sum(shared: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(shared)


def _fails(shared: str) -> None:
    raise ValueError(shared)


@needs_cores
def test_in_background_runs_in_a_worker_while_this_process_goes_on() -> None:
    pending = cores.in_background(_pid_and_sum, list(range(100)))
    assert cores.threading.active_count() > 1  # the pool's thread: a fork_map meanwhile stays here
    mine = sum(range(100))  # this process's own work, meanwhile
    pid, total = pending.result()
    assert (total, mine) == (4950, 4950) and pid != os.getpid()
    assert cores.can_fork(), "the pool is gone once the result is in"


def test_in_background_not_worth_it_runs_here_on_result() -> None:
    pending = cores.in_background(_pid_and_sum, [1, 2], worth_it=False)
    assert pending.result() == (os.getpid(), 3)


@pytest.mark.parametrize("worth_it", [True, False])
def test_in_background_passes_the_error_on(worth_it: bool) -> None:
    pending = cores.in_background(_fails, "no such paragraph", worth_it=worth_it)
    with pytest.raises(ValueError, match="no such paragraph"):
        pending.result()
    assert cores.can_fork() or cores.usable_cores() < 2 or not hasattr(os, "fork")


@needs_cores
def test_halves_map_shares_the_items_between_a_worker_and_this_process() -> None:
    sizes = [5, 1, 1, 1, 1, 1]
    out = cores.halves_map(_square, 3, list(range(6)), sizes)
    assert [value for value, _pid in out] == [i * i + 3 for i in range(6)]
    pids = [pid for _value, pid in out]
    assert pids[0] == os.getpid(), "this process takes the biggest item"
    assert set(pids[1:]) - {os.getpid()}, "a worker takes a share"
    assert sum(size for size, pid in zip(sizes, pids) if pid == os.getpid()) == 5


def test_halves_map_runs_while_waiting_here_after_its_share_only_when_a_worker_took_one() -> None:
    waited: list[int] = []
    out = cores.halves_map(_square, 0, [0, 1], [5, 1], while_waiting=lambda: waited.append(os.getpid()))
    assert [value for value, _pid in out] == [0, 1] and waited == [os.getpid()]
    cores.halves_map(_square, 0, [0, 1], [5, 1], worth_it=False, while_waiting=lambda: waited.append(0))
    assert waited == [os.getpid()], "nothing is waited for when everything ran here"


def _fails_on_the_biggest(shared: None, item: int) -> int:
    if item == 0:
        raise ValueError("no such paragraph")
    return item


@needs_cores
def test_halves_map_passes_this_processs_error_on_with_the_worker_gone() -> None:
    with pytest.raises(ValueError, match="no such paragraph"):
        cores.halves_map(_fails_on_the_biggest, None, [0, 1, 2], [5, 1, 1])
    assert cores.can_fork(), "the worker's pool is shut down, its thread gone"


def test_halves_map_not_worth_it_runs_everything_here() -> None:
    out = cores.halves_map(_square, 0, [1, 2, 3], [1, 1, 1], worth_it=False)
    assert [value for value, _pid in out] == [1, 4, 9]
    assert {pid for _value, pid in out} == {os.getpid()}


def _square_after_a_while(shared: int, item: int) -> tuple[int, int]:
    time.sleep(0.05)
    return _square(shared, item)


@needs_cores
def test_spread_has_a_worker_start_from_the_front_and_this_process_join_in_from_the_back() -> None:
    spreading = cores.spread(_square_after_a_while, 1, list(range(10)))
    assert spreading.forked
    time.sleep(0.2)  # this process's own work meanwhile: the worker is at the items already
    out = spreading.results()
    assert [value for value, _pid in out] == [i * i + 1 for i in range(10)]
    pids = [pid for _value, pid in out]
    worker = pids[0]
    assert worker != os.getpid(), "the worker took the first item"
    assert pids[-1] == os.getpid(), "this process took the last"
    assert pids == sorted(pids, key=lambda pid: pid == os.getpid()), "one run each: the two met once"
    assert pids.count(worker) >= 4, "the worker went on while this process was busy"
    assert cores.can_fork(), "the worker's pool is gone once the results are in"


def test_spread_not_worth_it_runs_every_item_here_on_results() -> None:
    ran: list[int] = []
    spreading = cores.spread(lambda shared, item: ran.append(item) or (item, os.getpid()), 0, [1, 2, 3], worth_it=False)
    assert not spreading.forked and ran == [], "nothing runs before it is asked for"
    assert spreading.results() == [(1, os.getpid()), (2, os.getpid()), (3, os.getpid())]


def _fails_on_item(shared: int, item: int) -> int:
    time.sleep(0.05)
    if item == shared:
        raise ValueError(f"no such paragraph {item}")
    return item


@needs_cores
@pytest.mark.parametrize("failing", [0, 5])
def test_spread_passes_an_error_on_from_either_side_with_the_worker_gone(failing: int) -> None:
    """Item 0 fails in the worker, item 5 (the last) in this process."""
    with pytest.raises(ValueError, match=f"no such paragraph {failing}"):
        cores.spread(_fails_on_item, failing, list(range(6))).results()
    assert cores.can_fork(), "the worker's pool is shut down, its thread gone"


@needs_cores
def test_a_spread_given_up_leaves_no_worker_behind() -> None:
    spreading = cores.spread(_square_after_a_while, 0, list(range(40)))
    spreading.cancel()
    assert cores.can_fork()


def _align_in_a_pool_worker(_item: int) -> tuple[int, int]:
    """Five short versions aligned by a caller's own (daemonic) pool worker: the number of rows, and
    whether this worker may fork."""
    rng = random.Random(5)
    taken: set[str] = set()
    sources = [
        source(f"v{k}.txt", [f"Line {j} of the log, kept by clerk {rng.randint(1, 3)}." for j in range(12)], taken)
        for k in range(5)
    ]
    return len(align_sources(sources, None, Config()).rows), int(cores.can_fork())


@needs_cores
def test_a_callers_daemonic_pool_worker_aligns_without_forking() -> None:
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        rows, may_fork = pool.map(_align_in_a_pool_worker, [0])[0]
    assert rows > 0 and not may_fork


def test_small_work_stays_in_this_process() -> None:
    out = cores.fork_map(_square, 0, [1, 2, 3], parallel=False)
    assert {pid for _value, pid in out} == {os.getpid()}


def _long_pair(paragraphs: int, seed: int):
    """Two long tellings: the story's sentences shuffled into many paragraphs, one of them reworded."""
    rng = random.Random(seed)
    a_paras, b_paras = [], []
    for k in range(paragraphs):
        picks = rng.sample(range(len(STORY)), rng.randint(1, 3))
        tag = f" Item {k} of the log."
        a_paras.append(" ".join(STORY[i] for i in picks) + tag)
        b_paras.append(" ".join(REWORDED[i] for i in picks) + tag)
    taken: set[str] = set()
    return [source("a.txt", a_paras, taken), source("b.txt", b_paras, taken)]


def test_stretches_cover_the_search_and_cut_between_firm_pairs() -> None:
    ordered = [Bead((k,), (k,), 1.0) for k in range(40)]
    zx = [2 * k + 1 for k in range(40) for _ in range(3)]  # three sentences in each bead, both sides
    zy = list(zx)
    old = sentence_search.STRETCH
    sentence_search.STRETCH = 20
    try:
        boxes = sentence_search.stretches(ordered, zx, zy)
    finally:
        sentence_search.STRETCH = old
    assert boxes[0][0] == 0 and boxes[0][2] == 0 and boxes[-1][1] == len(zx) and boxes[-1][3] == len(zy)
    for (_i0, i1, _j0, j1), (i0, _i1, j0, _j1) in pairwise(boxes):
        assert (i1, j1) == (i0, j0)
        assert zx[i0 - 1] != zx[i0] and zy[j0 - 1] != zy[j0], "a cut falls between two beads"
    assert len(boxes) > 2


@needs_cores
def test_alignment_and_flags_are_the_same_side_by_side(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = _long_pair(1400, seed=7)
    monkeypatch.setattr(sentence_search, "STRETCH", 600)
    monkeypatch.setattr(pair, "BACKGROUND_PARAGRAPHS", 0)  # the ordered search runs in a worker too ...
    monkeypatch.setattr(screened, "PARALLEL_CELLS", 0)  # ... and its screen over workers of its own
    monkeypatch.setattr(flags_pairwise, "LINK_CHUNK", 300)
    monkeypatch.setattr(flags_pairwise, "PARALLEL_LINKS", 0)
    config = Config()
    rules = compile_rules(config.flags)

    def run() -> tuple[list, list]:
        alignment = align_sources(sources, None, config)
        flags = compute_flags(alignment, rules)
        return [(lk.score, sorted(lk.spans.items())) for lk in alignment.pair_links], [
            (f.kind, sorted(f.spans.items())) for f in flags
        ]

    together = run()
    monkeypatch.setattr(cores, "can_fork", lambda: False)
    alone = run()
    assert together == alone
    assert together[0] and together[1]


@needs_cores
def test_the_callers_work_runs_while_a_long_pairs_search_runs_in_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = _long_pair(400, seed=3)
    config = Config()
    calls: list[int] = []
    small = align_sources(sources, None, config, meanwhile=lambda: calls.append(os.getpid()))
    assert calls == [], "a short pair's search runs here: nothing to wait for"
    monkeypatch.setattr(pair, "BACKGROUND_PARAGRAPHS", 0)
    long = align_sources(sources, None, config, meanwhile=lambda: calls.append(os.getpid()))
    assert calls == [os.getpid()], "once, in this process, while the worker searched"
    assert [(lk.score, sorted(lk.spans.items())) for lk in long.pair_links] == [
        (lk.score, sorted(lk.spans.items())) for lk in small.pair_links
    ]


@needs_cores
def test_rows_are_judged_the_same_here_in_pieces_and_on_words_made_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = _long_pair(400, seed=5)
    config = Config()
    made: list[str] = []
    real = rows.paragraph_tokens
    monkeypatch.setattr(rows, "paragraph_tokens", lambda source: made.append(source.id) or real(source))
    judged: list[tuple[int, bool]] = []  # each time rows are judged: in how many pieces, whether spread
    real_map = cores.fork_map

    def watch(work, shared, items, **kw):
        if work is align._judge_rows:
            judged.append((len(items), kw.get("parallel", True)))
        return real_map(work, shared, items, **kw)

    monkeypatch.setattr(cores, "fork_map", watch)

    def rows_of(alignment) -> list[tuple]:
        return [(r.kind, r.score, r.cells, r.moved) for r in alignment.rows]

    here = rows_of(align_sources(sources, None, config))
    assert made == [] and judged == [(1, False)], "a short pair: one piece, here, on words found now"
    judged.clear()
    monkeypatch.setattr(align, "PARALLEL_ROWS", 10)
    in_pieces = rows_of(align_sources(sources, None, config))
    assert judged == [(4, True)], "four pieces, over the cores"
    judged.clear()
    monkeypatch.setattr(pair, "BACKGROUND_PARAGRAPHS", 0)
    ahead = rows_of(align_sources(sources, None, config))
    assert made == [s.id for s in sources], "each source's words, once, while the worker searched"
    assert judged == [(1, False)], "words made ahead: one piece, here"
    assert {kind for kind, *_rest in here} == {"changed"}
    assert in_pieces == here
    assert ahead == here


@needs_cores
@pytest.mark.parametrize("reprinted", [False, True])
def test_a_search_worker_weighs_its_own_vectors_the_same(monkeypatch: pytest.MonkeyPatch, reprinted: bool) -> None:
    """The search worker is forked before this process weighs the paragraphs, and weighs its own copy:
    the whole pair, or (``reprinted``: identical paragraphs paired first) only what is left to search."""
    import srccompare.engine.align.anchors as anchors

    sources = _long_pair(300, seed=11)
    if reprinted:  # every other paragraph of b is a's, character for character
        a_paras = [sources[0].paragraph_text(i) for i in range(len(sources[0].paragraphs))]
        b_paras = [sources[1].paragraph_text(j) for j in range(len(sources[1].paragraphs))]
        taken: set[str] = set()
        mixed = [a_paras[k] if k % 2 else b_paras[k] for k in range(len(b_paras))]
        sources = [source("a.txt", a_paras, taken), source("b.txt", mixed, taken)]
        monkeypatch.setattr(anchors, "ANCHOR_MIN_PARAGRAPHS", 0)
    config = Config()
    searched: list[tuple[bool, object]] = []  # each search: whether forked, and what it found
    real = cores.in_background

    def watch(work, shared, **kw):
        pending = real(work, shared, **kw)
        if work is pair._ordered_search:
            result = pending.result

            def kept():
                found = result()
                searched.append((pending.forked, found))
                return found

            pending.result = kept
        return pending

    monkeypatch.setattr(cores, "in_background", watch)

    def links_of() -> list[tuple]:
        return [(lk.score, sorted(lk.spans.items())) for lk in align_sources(sources, None, config).pair_links]

    here = links_of()
    monkeypatch.setattr(pair, "BACKGROUND_PARAGRAPHS", 0)
    forked = links_of()
    assert [was_forked for was_forked, _found in searched] == [False, True]
    assert searched[1][1] == searched[0][1], "the same beads, scale and best partners"
    assert forked == here and here


def test_identical_paragraph_pairs_are_left_out_of_the_search() -> None:
    ordered = [Bead((k,), (k,), 1.0) for k in range(10)]
    zx = [2 * k + 1 for k in range(10) for _ in range(2)]  # two sentences in each bead
    zy = list(zx)
    same = [k in (0, 4, 5, 9) for k in range(10)]
    boxes = sentence_search.stretches(ordered, zx, zy, same)
    searched = {i for i0, i1, _j0, _j1 in boxes for i in range(i0, i1)}
    assert searched == {i for i, z in enumerate(zx) if not same[(z - 1) // 2]}
    assert boxes == [(2, 8, 2, 8), (12, 18, 12, 18)]


@pytest.mark.parametrize(
    "sizes", [[5], [4000, 3200], [10, 10, 10], [1, 2, 3, 4, 100], [7, 7, 7, 7], list(range(1, 12))]
)
def test_sources_are_shared_out_in_two_halves_of_about_equal_size(sizes: list[int]) -> None:
    mine, theirs = cores.share_out(sizes)
    assert sorted(mine + theirs) == list(range(len(sizes)))
    load_mine, load_theirs = sum(sizes[k] for k in mine), sum(sizes[k] for k in theirs)
    assert abs(load_mine - load_theirs) <= max(sizes)
    assert max(sizes) in [sizes[k] for k in mine], "this process takes the biggest"


def _flags_by_row(alignment) -> list[list[tuple[str, str, list]]]:
    return [[(f.id, f.kind, sorted(f.spans.items())) for f in row.flags] for row in alignment.rows]


def _watch_flags_beside_rows(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each time the pipeline asks for flags beside the rows: whether a worker was forked for them."""
    import srccompare.engine.pipeline as pipeline

    started: list[bool] = []
    real = pipeline._flags_beside_rows

    def watched(*args):
        pending = real(*args)
        started.append(pending.forked)
        return pending

    monkeypatch.setattr(pipeline, "_flags_beside_rows", watched)
    return started


@needs_cores
def test_flags_made_beside_the_rows_are_the_flags_made_after_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Flags read only the pair links and the furniture marks, so a worker makes them while this
    process builds the rows; placed on the rows, they are the ones flagging afterwards finds."""
    import srccompare.engine.pipeline as pipeline

    sources = _long_pair(300, seed=11)
    config = Config()
    started = _watch_flags_beside_rows(monkeypatch)
    monkeypatch.setattr(pipeline, "EARLY_FLAG_LINKS", 10**9)
    after = pipeline.build_alignment(sources, None, config)
    monkeypatch.setattr(pipeline, "EARLY_FLAG_LINKS", 1)
    beside = pipeline.build_alignment(sources, None, config)
    assert started == [True], "made after the rows, then in a worker beside them"
    assert _flags_by_row(beside) == _flags_by_row(after)
    assert any(_flags_by_row(after)), "the case has flags to compare"
    assert cores.can_fork(), "the worker is gone once its flags are placed"


def test_flags_asked_beside_the_rows_from_a_thread_are_made_after_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app aligns in a thread, where nothing may be forked: the flags are then made after
    the rows, here, and are the same."""
    import threading

    import srccompare.engine.flags as flags_module
    import srccompare.engine.pipeline as pipeline

    sources = _long_pair(60, seed=13)
    config = Config()
    alone = pipeline.build_alignment(sources, None, config)
    monkeypatch.setattr(pipeline, "EARLY_FLAG_LINKS", 1)
    started = _watch_flags_beside_rows(monkeypatch)
    made_again: list[int] = []
    real = flags_module.flag_alignment
    monkeypatch.setattr(flags_module, "flag_alignment", lambda *a: made_again.append(1) or real(*a))
    out: list = []
    thread = threading.Thread(target=lambda: out.append(pipeline.build_alignment(sources, None, config)))
    thread.start()
    thread.join()
    assert started == [False], "asked for, but not forked from a thread"
    assert made_again == [], "the flags begun are the ones taken, not made a second time"
    assert _flags_by_row(out[0]) == _flags_by_row(alone) and any(_flags_by_row(alone))


def test_the_pair_links_are_handed_on_before_the_rows_are_built(monkeypatch: pytest.MonkeyPatch) -> None:
    import srccompare.engine.align.joint as joint

    sources = _long_pair(40, seed=5)
    events: list[str] = []
    handed: list[list] = []
    real_rows = joint.build_rows
    monkeypatch.setattr(joint, "build_rows", lambda *a: events.append("rows") or real_rows(*a))
    alignment = align_sources(
        sources, None, Config(), paired=lambda srcs, links: events.append("paired") or handed.append(links)
    )
    assert events == ["paired", "rows"]
    assert handed == [alignment.pair_links] and alignment.pair_links


@needs_cores
def test_a_failed_alignment_gives_up_the_flags_worker_and_passes_the_error_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import srccompare.engine.align.joint as joint
    import srccompare.engine.pipeline as pipeline

    def broken(*_args):
        raise RuntimeError("rows went wrong")

    monkeypatch.setattr(pipeline, "EARLY_FLAG_LINKS", 1)
    monkeypatch.setattr(joint, "build_rows", broken)
    with pytest.raises(RuntimeError, match="rows went wrong"):
        pipeline.build_alignment(_long_pair(40, seed=5), None, Config())
    assert cores.can_fork(), "no pool is left behind"


def test_a_pending_result_given_up_before_it_ran_never_runs() -> None:
    ran: list[int] = []
    pending = cores.in_background(lambda shared: ran.append(shared), 1, worth_it=False)
    pending.cancel()
    assert ran == []


def test_blas_is_asked_for_one_thread_unless_the_user_chose(monkeypatch):
    from srccompare.engine.cores import BLAS_THREAD_SETTINGS, one_blas_thread

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "4")
    one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["MKL_NUM_THREADS"] == "4"  # the user's own setting stands
    assert set(BLAS_THREAD_SETTINGS) == {"OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}


def test_the_command_sets_blas_to_one_thread_before_numpy_loads(tmp_path):
    """``srccompare`` (the console script's entry) leaves one BLAS thread to the engine's workers."""
    import subprocess
    import sys

    probe = (
        "import importlib, os, sys; m = importlib.import_module('srccompare.cli.main'); "
        "m.main = lambda argv: print(os.environ.get('OPENBLAS_NUM_THREADS'), 'numpy' in sys.modules) or 0; "
        "sys.argv = ['srccompare', '--version']; m.run()"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["1", "False"]
