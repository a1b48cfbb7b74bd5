"""Tier-2 verification: two articles are one story retold when srccompare's own aligner links their paragraphs.

A paraphrase or a translation shares few words with its original, so a shared
signature only makes it a candidate. The proof is the one the app gives a
reviewer: align the two texts paragraph by paragraph (:func:`srccompare.engine.align.pair.align_two`,
the pairwise step of ``srccompare align``) and measure how much of *each* text
lies in linked sentences. Measured on both sides, because the hard negatives
are lopsided: a follow-up story repeats one or two background paragraphs of an
earlier one (most of the earlier story, little of the follow-up), and a brief
shares a template paragraph with its family.

A pair is accepted when at least ``min_linked`` paragraphs are linked and either

* the linked sentences make up at least ``min_share`` of each text (a retelling
  from end to end), or
* they make up at least ``corroborated_share`` of each text not counting word-for-word
  sentences, and the texts share at least ``min_names`` names and ``min_figures``
  numbers and dates (another outlet's rewrite or a machine translation links less,
  but keeps the facts). Word-for-word sentences are left out here because the
  scan only verifies pairs tier 1 did not join: text they share verbatim without
  being copies is background or a template, not a retelling.

A link counts when its cosine reaches ``min_link_score``; a link that joins more
than :data:`GROUP_SENTENCES` sentences on a side (the aligner's fallback for
paragraphs it cannot split) counts only from :data:`BROAD_LINK_SCORE`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from srccompare.core.model import Paragraph, Source

if TYPE_CHECKING:
    from srccompare.core.config import Config
    from srccompare.engine.align.pair import PairResult
    from srccompare.engine.align.sentences import SentenceTable

MIN_LINKED = 2
"""Default least number of linked paragraphs (the scan's config overrides it)."""
MIN_SHARE = 0.5
"""Default least share of each text (in characters, page furniture left out) that must lie in linked sentences.
Measured by benchmarks/scan_archive.py archives: retold pairs 0.64 and up, topical negatives 0.41 at most."""
MIN_LINK_SCORE = 0.15
"""Least cosine of a link between sentences: translations of old texts link at 0.12-0.45, two stories on
one topic at 0.05-0.2 (two flood reports written paragraph for paragraph alike: 0.09-0.15)."""
GROUP_SENTENCES = 3
BROAD_LINK_SCORE = 0.5
"""A link joining more than :data:`GROUP_SENTENCES` sentences on a side counts only from this cosine:
the aligner's paragraph-wide fallback links would otherwise cover whole paragraphs on thin evidence."""
VERBATIM_SCORE = 0.95
"""Links at or above this cosine are word for word (left out of the corroborated share)."""
CORROBORATED_SHARE = 0.2
"""Least share of each text in linked sentences, word-for-word ones left out, when the texts also share
:data:`MIN_NAMES` names and :data:`MIN_FIGURES` numbers and dates."""
MIN_FIGURES = 4
MIN_NAMES = 4
EVIDENCE_FACTS = 4
"""Shared facts quoted in the evidence line."""
PREPARED_CACHE = 512
"""Texts kept ready for the aligner (and their facts): an article is verified against several candidates."""


@dataclass(frozen=True, slots=True)
class ParaphraseVerdict:
    """Whether two texts tell one story, and why (``evidence`` is one short line for people)."""

    ok: bool
    score: float
    """The smaller of the two texts' shares (in characters, page furniture left out) in linked sentences."""
    linked: int
    """Paragraphs of the shorter side (by paragraphs linked) that have a partner in the other text."""
    evidence: str


def verify_paraphrase(
    text_a: str,
    text_b: str,
    *,
    min_linked: int = MIN_LINKED,
    min_share: float = MIN_SHARE,
    min_link_score: float = MIN_LINK_SCORE,
    corroborated_share: float = CORROBORATED_SHARE,
    min_figures: int = MIN_FIGURES,
    min_names: int = MIN_NAMES,
    config: Config | None = None,
) -> ParaphraseVerdict:
    """Align ``text_a`` with ``text_b`` and judge whether they are versions of one story (see the module docstring).

    The verdict does not depend on the order of the two texts. Empty texts are never versions of anything.
    """
    import msgspec

    config = config or _default_config()
    rules = msgspec.json.encode(config.boilerplate)
    a, b = _prepared(text_a, rules), _prepared(text_b, rules)
    if not a.source.paragraphs or not b.source.paragraphs:
        return ParaphraseVerdict(False, 0.0, 0, "empty text")
    if b.order < a.order:  # the aligner is run in the same order whichever text came first
        a, b = b, a
    found = _linked(a, b, _aligned(a, b, config), min_link_score)
    linked = min(len(found.paragraphs_a), len(found.paragraphs_b))
    shorter = min(found.body_a, found.body_b)
    score = min(found.share_a, found.share_b)
    facts = _shared_facts(a.source.text, b.source.text)
    figures = sum(1 for key in facts if key[:1] in "#d")
    names = len(facts) - figures
    corroborated = (
        min(found.retold_a, found.retold_b) >= corroborated_share and figures >= min_figures and names >= min_names
    )
    ok = linked >= max(1, min_linked) and (score >= min_share or corroborated)
    evidence = f"{linked} of {shorter} paragraphs linked ({found.share_a:.0%} and {found.share_b:.0%} of the two texts)"
    if facts:
        evidence += f", {names} names and {figures} numbers and dates shared: " + ", ".join(_quoted(facts))
    return ParaphraseVerdict(ok, round(score, 4), linked, evidence)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """One text made ready for the aligner: its source, sentences, page furniture, and where it stands in a pair."""

    source: Source
    sentences: SentenceTable
    furniture: frozenset[int]
    order: tuple[str, str, str]
    body_chars: int
    """Characters in paragraphs that are not page furniture."""


@lru_cache(maxsize=PREPARED_CACHE)
def _prepared(text: str, boilerplate: bytes) -> _Prepared:
    """An in-memory source split into paragraphs as srccompare reads a file, with what every pair needs of it.

    Cached: the scan verifies one article against several candidates in a row.
    """
    import msgspec

    from srccompare.core.config import BoilerplateConfig
    from srccompare.engine.align import order_key
    from srccompare.engine.align.boilerplate import furniture_by_rule
    from srccompare.engine.align.sentences import split_sentences
    from srccompare.text.segment import paragraph_spans

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    spans = paragraph_spans(text) if text.strip() else []
    paragraphs = [Paragraph(s.start, s.end) for s in spans]
    source = Source(id="text", path="text", text=text, sha256="", title="", paragraphs=paragraphs)
    config = msgspec.json.decode(boilerplate, type=BoilerplateConfig)
    furniture = frozenset(furniture_by_rule([source], config)[0]) if paragraphs else frozenset()
    body = sum(p.end - p.start for i, p in enumerate(paragraphs) if i not in furniture)
    return _Prepared(source, split_sentences(source), furniture, order_key(source), body)


@dataclass(slots=True)
class _Linked:
    paragraphs_a: set[int]
    paragraphs_b: set[int]
    body_a: int
    """Paragraphs of ``a`` that are not page furniture."""
    body_b: int
    share_a: float
    """Share of ``a`` (in characters, furniture left out) inside linked sentences."""
    share_b: float
    retold_a: float
    """The same, word-for-word links left out."""
    retold_b: float


def _aligned(a: _Prepared, b: _Prepared, config: Config) -> PairResult:
    """The pairwise aligner's result for ``a`` and ``b`` with the configured alignment settings."""
    from srccompare.engine.align.pair import align_two
    from srccompare.engine.align.pairwise import PairSettings

    settings = PairSettings(
        threshold=config.align.match_threshold,
        max_group=max(1, config.align.max_group),
        candidates=max(1, config.align.candidates_per_paragraph),
        detect_moves=config.align.detect_moves,
    )
    return align_two(a.source, b.source, a.sentences, b.sentences, set(a.furniture), set(b.furniture), settings)


def _linked(a: _Prepared, b: _Prepared, result: PairResult, min_score: float) -> _Linked:
    """What the aligner linked between ``a`` and ``b`` on firm evidence (see the module docstring): paragraphs,
    and the share of each text in linked sentences, with and without word-for-word links."""
    ta, tb = a.sentences, b.sentences
    linked_a: set[int] = set()
    linked_b: set[int] = set()
    retold_a: set[int] = set()
    retold_b: set[int] = set()
    for link in result.links:
        broad = max(len(link.a), len(link.b)) > GROUP_SENTENCES
        if link.score < (BROAD_LINK_SCORE if broad else min_score):
            continue
        xs = [x for x in link.a if ta.paragraph[x] not in a.furniture]
        ys = [y for y in link.b if tb.paragraph[y] not in b.furniture]
        linked_a.update(xs)
        linked_b.update(ys)
        if link.score < VERBATIM_SCORE:
            retold_a.update(xs)
            retold_b.update(ys)
    return _Linked(
        paragraphs_a={ta.paragraph[x] for x in linked_a},
        paragraphs_b={tb.paragraph[y] for y in linked_b},
        body_a=len(a.source.paragraphs) - len(a.furniture),
        body_b=len(b.source.paragraphs) - len(b.furniture),
        share_a=_share(a, linked_a),
        share_b=_share(b, linked_b),
        retold_a=_share(a, retold_a),
        retold_b=_share(b, retold_b),
    )


def _share(side: _Prepared, sentences: set[int]) -> float:
    """Share of ``side``'s text outside page furniture that lies in ``sentences``."""
    spans = side.sentences.spans
    covered = sum(spans[x].end - spans[x].start for x in sentences)
    return min(1.0, covered / side.body_chars) if side.body_chars else 0.0


def _shared_facts(text_a: str, text_b: str) -> dict[str, str]:
    """Names, numbers and dates both texts hold (token -> as ``text_a`` writes it), in ``text_a``'s order."""
    keys_b = {key for key, _shown in _facts(text_b)}
    return {key: shown for key, shown in _facts(text_a) if key in keys_b}


@lru_cache(maxsize=PREPARED_CACHE)
def _facts(text: str) -> tuple[tuple[str, str], ...]:
    """:func:`srccompare.scan.content.content_facts` of ``text`` (its facts only), cached and read-only."""
    from srccompare.scan.content import content_facts

    return tuple(content_facts(text)[0].items())


def _quoted(facts: dict[str, str]) -> list[str]:
    """Up to :data:`EVIDENCE_FACTS` shared facts for the evidence line: figures first (they mark a story
    better than its main names), then names, each in text order."""
    ranked = sorted(facts.items(), key=lambda kv: kv[0][:1] == "n")  # stable: text order within each kind
    out: list[str] = []
    for _key, shown in ranked:
        if not any(shown in seen for seen in out):  # "2022" adds nothing after "February 2022"
            out.append(shown)
            if len(out) == EVIDENCE_FACTS:
                break
    return out


@lru_cache(maxsize=1)
def _default_config() -> Config:
    from srccompare.core.config import Config

    return Config()
