"""Tier-2 verification: two articles are one story retold when srccompare's own aligner links their paragraphs.

A paraphrase or a translation shares few words with its original, so a shared
signature only makes it a candidate. The proof is the one the app gives a
reviewer: align the two texts paragraph by paragraph (:func:`srccompare.engine.align.pair.align_two`,
the pairwise step of ``srccompare align``) and count the paragraphs it links.
Two stories on one topic (same place, same kind of event, other names and
figures) share words too, but their paragraphs rarely find confident partners;
so a pair is accepted when at least ``min_linked`` paragraphs are linked and the
linked sentences make up at least ``min_share`` of the shorter text, or at least
``corroborated_share`` of it when the two also share ``min_figures`` numbers and dates.
Links count only on firm evidence (:func:`_linked`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from srccompare.core.model import Paragraph, Source

if TYPE_CHECKING:
    from srccompare.core.config import Config
    from srccompare.engine.align.sentences import SentenceTable

MIN_LINKED = 2
"""Default least number of linked paragraphs (the scan's config overrides it)."""
MIN_SHARE = 0.6
"""Default least share of the shorter text (in characters) that must lie in linked sentences."""
MIN_LINK_SCORE = 0.18
"""Least cosine of a link between sentences that share no number or date: two unrelated passages in one
register (two chapters of one book) get weak links the aligner's own calibration accepts."""
CORROBORATED_SHARE = 0.25
"""A smaller linked share suffices when the texts also share :data:`MIN_FIGURES` numbers and dates:
another outlet's rewrite or a machine translation links less of its text, but keeps the figures."""
MIN_FIGURES = 4
EVIDENCE_FACTS = 4
PREPARED_CACHE = 512
"""Texts kept ready for the aligner (and their facts): an article is verified against several candidates."""
"""Shared facts quoted in the evidence line."""


@dataclass(frozen=True, slots=True)
class ParaphraseVerdict:
    """Whether two texts tell one story, and why (``evidence`` is one short line for people)."""

    ok: bool
    score: float
    """Share of the shorter text (in characters, page furniture left out) in sentences linked to the other text."""
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
    found = _linked(a, b, config, min_link_score)
    linked = min(len(found.paragraphs_a), len(found.paragraphs_b))
    shorter = min(found.body_a, found.body_b)
    score = found.share
    facts = _shared_facts(a.source.text, b.source.text)
    figures = sum(1 for key in facts if key[:1] in "#d")
    firm = score >= min_share or (score >= corroborated_share and figures >= min_figures)
    ok = linked >= max(1, min_linked) and firm
    evidence = f"{linked} of {shorter} paragraphs linked ({score:.0%} of the shorter text)"
    if figures:
        evidence += f", {figures} numbers and dates shared"
    if facts:
        evidence += "; shared: " + ", ".join(_quoted(facts))
    return ParaphraseVerdict(ok, round(score, 4), linked, evidence)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """One text made ready for the aligner: its source, sentences, page furniture, and where it stands in a pair."""

    source: Source
    sentences: SentenceTable
    furniture: frozenset[int]
    order: tuple[str, str, str]


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
    return _Prepared(source, split_sentences(source), furniture, order_key(source))


@dataclass(slots=True)
class _Linked:
    paragraphs_a: set[int]
    paragraphs_b: set[int]
    body_a: int
    """Paragraphs of ``a`` that are not page furniture."""
    body_b: int
    share: float
    """Share of the shorter text (in characters, furniture left out) inside linked sentences."""


def _linked(a: _Prepared, b: _Prepared, config: Config, min_score: float) -> _Linked:
    """What the aligner links between ``a`` and ``b`` on firm evidence: paragraphs, and the share of the shorter text.

    A link is firm when its cosine reaches ``min_score``, or when its two sides
    share a number or a date (:func:`srccompare.scan.content.figures`).
    """
    from srccompare.engine.align.pair import align_two
    from srccompare.engine.align.pairwise import PairSettings
    from srccompare.scan.content import figures

    ta, tb = a.sentences, b.sentences
    furniture_a, furniture_b = a.furniture, b.furniture
    settings = PairSettings(
        threshold=config.align.match_threshold,
        max_group=max(1, config.align.max_group),
        candidates=max(1, config.align.candidates_per_paragraph),
        detect_moves=config.align.detect_moves,
    )
    result = align_two(a.source, b.source, ta, tb, set(furniture_a), set(furniture_b), settings)

    def text_of(side: _Prepared, ids: tuple[int, ...]) -> str:
        spans = side.sentences.spans
        return " ".join(side.source.text[spans[x].start : spans[x].end] for x in ids)

    firm = [
        link
        for link in result.links
        if link.score >= min_score or figures(text_of(a, link.a)) & figures(text_of(b, link.b))
    ]
    linked_a = {x for link in firm for x in link.a if ta.paragraph[x] not in furniture_a}
    linked_b = {y for link in firm for y in link.b if tb.paragraph[y] not in furniture_b}
    size_a = sum(p.end - p.start for i, p in enumerate(a.source.paragraphs) if i not in furniture_a)
    size_b = sum(p.end - p.start for j, p in enumerate(b.source.paragraphs) if j not in furniture_b)
    covered_a = sum(ta.spans[x].end - ta.spans[x].start for x in linked_a)
    covered_b = sum(tb.spans[y].end - tb.spans[y].start for y in linked_b)
    if size_a <= size_b:
        share = covered_a / size_a if size_a else 0.0
    else:
        share = covered_b / size_b if size_b else 0.0
    return _Linked(
        paragraphs_a={ta.paragraph[x] for x in linked_a},
        paragraphs_b={tb.paragraph[y] for y in linked_b},
        body_a=len(a.source.paragraphs) - len(furniture_a),
        body_b=len(b.source.paragraphs) - len(furniture_b),
        share=min(1.0, share),
    )


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
