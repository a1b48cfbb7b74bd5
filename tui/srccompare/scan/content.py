"""What a paraphrase or a translation of an article keeps: its names, numbers, dates and rare content words.

Word shingles find reprints and edits, but a paraphrase rewords every sentence and
shares almost no 5-gram with its original. What survives rewording is the facts
(who, how many, when) and the content words that carry the story. The scan's
second signature is a MinHash over these tokens (:func:`content_tokens`).

Every token is recognised by the engine's own readers, so the scan and the
aligner agree on what a name, a number and a date are:

* names: words the text writes capitalised mid-sentence and never in lower case (the
  name lexicon of the ``name`` flags, :class:`srccompare.engine.flags.cells.NameLexicon`),
  word by word, keyed by the ``name`` flags' variant key (configured groups such as Kyiv/Kiev, else a
  transliteration skeleton: Zelensky/Zelenskyy), with u/v folded as early-modern and
  Latin spellings write them (Dauid/David);
* numbers: the ``number`` flags' quantities, by value ("1,200" == "1200" == "twelve
  hundred"; "3.5" stays 3.5; "4 million" == "4,000,000");
* dates: the ``date`` flags' facts, by type and value ("May 15th" == "15 May");
* content words: folded, stop words and short words out, stemmed the way the
  aligner stems (the first letters of a long word), spelling-folded by the
  aligner's consonant skeleton (``sonne``/``son``).

Tokens carry a one-letter kind prefix, so a name never meets a word that happens
to be spelt like it. The output is sorted and has at most ``limit`` tokens.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from srccompare.core.model import Paragraph, Source, Span
from srccompare.text.normalize import TOKEN, fold_word

MAX_TOKENS = 256
"""Most tokens kept for one article (about twice what a 420-word news story yields)."""
MIN_WORD = 4
"""Shorter words are function words or too common to mark a story."""
STEM_LENGTH = 5
"""A long word is keyed by its first letters, as the aligner stems (:data:`.features.STEM_LENGTH`)."""

_PARTS = re.compile(r"[-./:,'’]+")
"""Inner punctuation that joins words the engine reads as one token (``Russian-Ukrainian``, ``Putin's``)."""

# Facts come before content words when the cap bites: they are what versions agree on.
_FACT_KINDS = ("n", "#", "d")

STOP_WORDS = frozenset(
    (
        "a an and as at be but by do for he her him his i if in is it its me my no nor not of on or our "
        "she so the to up us we who why you all any are can did few had has how may one out too two was "
        "about above after however again against almost along already also although always among another "
        "anyone anything around away back because become becomes been before behind being below "
        "beside besides best better between both came cannot come comes could didn does doing done "
        "down during each either else enough even ever every first from further gave give given gives "
        "going gone have having here hers herself himself into itself just keep kept know known last "
        "least less like made make makes many might more most much must myself near need never next "
        "none nothing often once only other others otherwise ought ours ourselves over own perhaps "
        "quite rather really said same says seem seemed seems shall should show since some something "
        "soon still such take taken than that their theirs them themselves then there therefore these "
        "they thing things this those though through thus till together told took toward towards "
        "under unless until upon used very want went were what whatever when whenever where whereas "
        "wherever whether which while whom whose will with within without would year years your yours "
        "yourself unto thee thou thine thereof therein hath doth shalt wilt also"
    ).split()
)
"""Common English words that carry no story: long function words, auxiliaries, reporting verbs."""


def content_tokens(text: str, *, limit: int = MAX_TOKENS) -> list[str]:
    """The sorted, deduplicated tokens that paraphrases and translations of ``text`` keep (see the module docstring).

    Names are ``n:<key>``, numbers ``#<value>``, dates ``d:<type>:<value>``, content
    words ``w:<stem>``. At most ``limit`` tokens: facts first, then words, each kind
    thinned by :func:`_rank` (a fixed hash of the token), which needs no corpus
    statistics and keeps two versions' token sets comparable: a token one version
    keeps, the other keeps too when it has it and is no fuller.
    """
    if limit <= 0:
        return []
    facts, words = content_facts(text)
    if len(facts) + len(words) <= limit:  # the usual case: nothing to thin
        return sorted([*facts, *words])
    kept = sorted(facts, key=_rank)[:limit]
    kept += sorted(words, key=_rank)[: limit - len(kept)]
    return sorted(kept)


def content_facts(text: str) -> tuple[dict[str, str], set[str]]:
    """The facts of ``text`` (token -> the first text that gave it, e.g. ``#1200`` -> ``1,200``) and its word tokens.

    Facts keep text order, so evidence can quote them as a reader meets them.
    """
    if not text.strip():
        return {}, set()
    from srccompare.engine.flags.cells import NameLexicon

    rules = _rules()
    found = _figures(text)
    lexicon = NameLexicon([text])
    words: set[str] = set()
    seen: set[str] = set()
    for match in TOKEN.finditer(text):
        raw = match.group()
        if raw in seen:  # a word's tokens depend on how it is written only: its first place is the one kept
            continue
        seen.add(raw)
        for part, folded in _parts(raw):
            if len(folded) > 1 and folded in lexicon and part[:1].isupper():
                group = rules.variant_group.get(folded)
                name = "n:" + (f"#{group}" if group is not None else name_key(folded))
                found.append((match.start(), name, part))
            elif (word := word_key(folded)) is not None:
                words.add(word)
    facts: dict[str, str] = {}
    for _start, key, shown in sorted(found, key=lambda f: f[0]):
        facts.setdefault(key, " ".join(shown.split()))
    return facts, words


@lru_cache(maxsize=65536)
def _parts(raw: str) -> tuple[tuple[str, str], ...]:
    """The parts of a token as written (``Russian-Ukrainian``: two), each with its folded form; parts that are
    stop words, number words, month or weekday names, titles or not all letters are left out."""
    skip = _not_content()
    out = []
    for part in _PARTS.split(raw):
        folded = fold_word(part)
        if folded not in skip and folded.isalpha():
            out.append((part, folded))
    return tuple(out)


def figures(text: str) -> set[str]:
    """The number and date tokens of ``text`` (as :func:`content_tokens` writes them): the facts a rewording keeps."""
    return {key for _start, key, _shown in _figures(text)}


def _figures(text: str) -> list[tuple[int, str, str]]:
    """(where, token, as written) for every number and date of ``text``."""
    from srccompare.engine.flags.dates import cell_dates
    from srccompare.engine.flags.numbers import extract_quantities

    if not text.strip():
        return []
    cell = _cell(text)
    rules = _rules()
    found: list[tuple[int, str, str]] = []
    for quantity in extract_quantities(cell, rules.number_words, rules.number_words_re):
        found.append((quantity.span.start, "#" + number_key(quantity.value), cell.slice(quantity.span)))
    for date in cell_dates(cell):  # the number reader found them already (cached on the cell)
        found.append((date.span.start, f"d:{date.type}:" + "-".join(str(v) for v in date.value), date.text))
    return found


@lru_cache(maxsize=65536)
def name_key(folded: str) -> str:
    """A folded name's transliteration key (:func:`srccompare.engine.flags.names.skeleton`: Zelensky/Zelenskyy),
    u and v folded as well (Dauid/David); possessives dropped (Putin's)."""
    from srccompare.engine.flags.cells import strip_possessive
    from srccompare.engine.flags.names import skeleton

    return skeleton(strip_possessive(folded)).replace("v", "u")


def number_key(value: float) -> str:
    """A quantity as one string: whole numbers without a point (``1200``), others as short decimals (``3.5``)."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.6g}"


@lru_cache(maxsize=65536)
def word_key(word: str) -> str | None:
    """A folded word's content token, or None for a stop word, a short word or one with digits.

    Long words are cut to their stem (the aligner's prefix stem: ``negotiations`` and
    ``negotiate`` meet), then reduced to the aligner's consonant skeleton, so spelling
    variants meet (``sonne``/``son``, ``colour``/``color``).
    """
    from srccompare.engine.align.features import skeleton

    if len(word) < MIN_WORD or word in STOP_WORDS or not word.isalpha():
        return None
    stem = word[:STEM_LENGTH] if len(word) > STEM_LENGTH + 1 else word
    return "w:" + skeleton(stem)


@lru_cache(maxsize=65536)
def _rank(token: str) -> tuple[bool, bytes]:
    """Facts before words, then a fixed pseudo-random order (a hash, the same in every process)."""
    return token[:1] not in _FACT_KINDS, hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()


def _cell(text: str):  # -> Cell (engine.flags is imported on first use, not with the package)
    """The whole text as one cell of the flag detectors."""
    from srccompare.engine.flags.cells import Cell

    source = Source(id="a", path="", text=text, sha256="", title="", paragraphs=[Paragraph(0, len(text))])
    return Cell(source, [0], spans=[Span(0, len(text))])


@lru_cache(maxsize=1)
def _rules():  # -> Rules
    """The flag detectors' default rules (number words, name variant groups, title words)."""
    from srccompare.core.flags_config import FlagsConfig
    from srccompare.engine.flags.rules import compile_rules

    return compile_rules(FlagsConfig())


@lru_cache(maxsize=1)
def _not_content() -> frozenset[str]:
    """Words that are neither names nor content: stop words, number words, months, weekdays, titles."""
    from srccompare.engine.flags.dates import MONTHS, WEEKDAYS

    rules = _rules()
    return STOP_WORDS | frozenset(rules.number_words) | frozenset(MONTHS) | frozenset(WEEKDAYS) | rules.title_words
