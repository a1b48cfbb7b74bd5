"""An alignment's pairwise stage, kept with it: what its rows are built from.

Every pair is aligned on its own evidence, so the pairs' links, the sentences
they name and the furniture marks do not depend on the base; only the rows do.
Kept with the alignment (``Alignment.paired``), they let the same sources be
shown under another base with no new search (:func:`srccompare.engine.align.rebase`):
on a long pair, the app's "make base" takes a fraction of a second instead of
the whole alignment again. The counts behind the search are not kept (they are
most of its memory); the flags, which depend on the links alone, are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from srccompare.core.config import Config
from srccompare.core.model import Flag, Source

if TYPE_CHECKING:
    from srccompare.engine.align.pair import PairResult
    from srccompare.engine.align.sentences import Outline


@dataclass(slots=True)
class PairedStage:
    """The pairs' work behind an alignment, and what it was made from (:func:`made_for`)."""

    made_for: str
    outlines: list[Outline]
    """Each source's sentences: their spans and paragraphs."""
    furniture: list[set[int]]
    """Each source's furniture paragraphs."""
    results: dict[tuple[int, int], PairResult]
    """Each pair's links (by source number, as :func:`.joint.build_rows` reads them)."""
    flags: list[Flag] | None = None
    """Every flag, before being placed on rows (set by the pipeline; None until made)."""
    flags_made_for: bytes = b""
    """The flag settings the flags were made with (:func:`flag_settings`)."""


def made_for(sources: list[Source], config: Config) -> str:
    """A digest of everything the pairwise stage depends on: each source's id, text, paragraphs and
    what its reader learned (in order: pairs are kept by source number), and the align and furniture
    settings. A digest rather than the texts themselves: the stage travels with its alignment from
    the process that aligned it, and this keeps that cheap."""
    import hashlib
    import json

    import msgspec

    digest = hashlib.sha256()
    for s in sources:
        paragraphs = [(p.start, p.end) for p in s.paragraphs]
        head = json.dumps([s.id, len(s.text), paragraphs, s.meta], sort_keys=True, default=repr)
        digest.update(head.encode("utf-8", "surrogatepass"))
        digest.update(s.text.encode("utf-8", "surrogatepass"))
    digest.update(msgspec.json.encode(config.align))
    digest.update(msgspec.json.encode(config.boilerplate))
    return digest.hexdigest()


def flag_settings(config: Config) -> bytes:
    """The flag settings, as compared to tell whether kept flags still hold."""
    import msgspec

    return msgspec.json.encode(config.flags)
