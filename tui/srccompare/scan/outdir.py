"""OUTDIR: checked before any work, and its state matched to the run (new, resumed, or ``--add``).

A scan into an OUTDIR that already holds one resumes it when the inputs and
settings are the same, and refuses otherwise (a different archive would mix
with the old one): adding to it is what ``--add`` is for, and an OUTDIR
started with other signature settings cannot be added to at all.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from srccompare.core.atomic import atomic_write_text
from srccompare.core.errors import UserError
from srccompare.scan import store
from srccompare.scan.inputs import SCAN_MARK, Piece

KEPT_SETTINGS = (
    "shingle_words",
    "permutations",
    "bands",
    "rows_per_band",
    "seed",
    "max_bucket",
    "accept_jaccard",
    "reject_similarity",
    "min_text_similarity",
    "tier2_permutations",
    "tier2_bands",
    "tier2_rows_per_band",
    "tier2_max_df",
    "tier2_max_df_share",
    "tier2_min_jaccard",
    "tier2_per_article",
    "tier2_min_linked",
    "tier2_min_share",
    "max_article_mb",
)
"""Settings an OUTDIR keeps from its first run: they decide which pairs were found, so batches must agree."""


def prepare(outdir: Path) -> Path:
    """OUTDIR made (with its parents) and proven writable; its absolute path."""
    name = str(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise UserError("is a file, not a folder; give a folder for the scan's output", name)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test.", dir=outdir)
        os.close(fd)
        os.unlink(probe)
        store.stages_dir(outdir).mkdir(exist_ok=True)
    except PermissionError:
        raise UserError("cannot be written (permission denied); choose another output folder", name) from None
    except OSError as exc:
        raise UserError(f"cannot be written ({exc.strerror or exc})", name) from None
    mark = outdir / SCAN_MARK
    if not mark.exists():
        atomic_write_text(mark, "This folder holds the output of 'srccompare scan'; scans never read it as input.\n")
    return outdir.resolve()


def settings_of(scan: Any) -> dict[str, Any]:
    return {name: getattr(scan, name) for name in KEPT_SETTINGS}


def _inputs_key(inputs: list[str]) -> list[str]:
    return [os.path.abspath(i) for i in inputs]


def match_state(outdir: Path, inputs: list[str], scan: Any, add: bool, plan: Callable[[], list[Piece]]) -> store.State:
    """The state to run with: a new one, the same one (a resumed or repeated run), or one more batch.

    ``plan`` cuts the inputs into pieces; it is called only for a new batch.
    """
    state = store.load_state(outdir) if store.state_path(outdir).exists() else None
    wanted = settings_of(scan)
    key = _inputs_key(inputs)
    if state is None:
        if add:
            raise UserError("holds no scan to add to; run 'srccompare scan INPUT -o OUTDIR' first", str(outdir))
        return store.State(settings=wanted, shards=scan.band_shards, batches=[_batch(key, plan(), 0)])
    if state.format != store.FORMAT:
        raise UserError(
            f"was made by another version of srccompare scan ({state.format}, this one writes {store.FORMAT}); "
            "scan into a new output folder",
            str(outdir),
        )
    changed = [k for k in KEPT_SETTINGS if state.settings.get(k) != wanted[k]]
    if changed:
        raise UserError(
            f"was scanned with other settings ({', '.join('scan.' + k for k in changed)}); "
            "use the settings it was made with, or another output folder",
            str(outdir),
        )
    if any(b.inputs == key for b in state.batches):
        return state  # the same inputs again: resume that batch (or write the output again)
    if not add:
        raise UserError(
            "already holds a scan of other inputs; give --add to add these to it, or choose another output folder",
            str(outdir),
        )
    first = state.batches[-1].first_part + state.batches[-1].parts
    state.batches.append(_batch(key, plan(), first))
    return state


def _batch(inputs: list[str], pieces: list[Piece], first_part: int) -> store.Batch:
    return store.Batch(inputs=inputs, pieces=pieces, first_part=first_part)
