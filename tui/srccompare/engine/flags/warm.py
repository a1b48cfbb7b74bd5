"""What the flags need of each source on its own, made ahead of the alignment's end.

A long pair's paragraph search runs in a worker while this process would
otherwise wait (:func:`srccompare.engine.align.align_sources`, ``meanwhile``);
the whole-source word index and the name lexicon of each source depend on its
text alone, so they are made then and kept here for the flags to find.
"""

from __future__ import annotations

from collections import OrderedDict

from srccompare.core.model import Source
from srccompare.engine.flags.cells import NameLexicon

_LEXICONS: OrderedDict[tuple[str, int], tuple[str, NameLexicon]] = OrderedDict()
_LEXICONS_KEPT = 8  # a run compares at most six sources; the app realigns the same ones


def source_lexicon(source: Source) -> NameLexicon:
    """The names of ``source``'s text (:class:`NameLexicon`), made once, the last few kept."""
    key = (source.sha256, len(source.text))
    hit = _LEXICONS.get(key)
    if hit is not None and hit[0] == source.text:
        _LEXICONS.move_to_end(key)
        return hit[1]
    lexicon = NameLexicon([source.text])
    _LEXICONS[key] = (source.text, lexicon)
    if len(_LEXICONS) > _LEXICONS_KEPT:
        _LEXICONS.popitem(last=False)
    return lexicon


def warm_sources(sources: list[Source]) -> None:
    """Make each source's word index and name lexicon now, for the flags to find later."""
    from srccompare.engine.compare import source_words

    for source in sources:
        source_words(source)
        source_lexicon(source)
