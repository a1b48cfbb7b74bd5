"""The ``flags:`` settings compiled once into sets, maps and regular expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from srccompare.core.flags_config import FlagsConfig
from srccompare.core.kinds import FLAG_KINDS, SEVERITIES, SEVERITY_RANK
from srccompare.text.normalize import fold_word

KIND_ORDER = FLAG_KINDS


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything the detectors need from the configuration, ready to use."""

    close_copy: float
    severity: dict[str, str]
    number_words: dict[str, int]
    number_words_re: re.Pattern[str]
    variant_group: dict[str, int]
    """Folded spelling -> id of its group of name variants."""
    negation_words: frozenset[str]
    negation_phrases: tuple[tuple[str, ...], ...]
    """Negation entries of several words ("failed to"), matched as a whole."""
    negation_firsts: frozenset[str]
    """First words of ``negation_phrases`` (a quick test before matching them)."""
    negation_exceptions: tuple[tuple[str, ...], ...]
    exceptions_by_word: dict[str, tuple[tuple[tuple[str, ...], int], ...]]
    """Word -> (exception phrase, the word's position in it), for every word of every exception."""
    title_words: frozenset[str]
    title_modifiers: frozenset[str]
    title_canon: dict[str, str]
    """Title word -> the word that stands for its synonyms."""
    speech_verbs: frozenset[str]

    def severity_of(self, kind: str, lower: bool = False) -> str:
        severity = self.severity.get(kind, "minor")
        if lower:
            severity = SEVERITIES[max(0, SEVERITY_RANK[severity] - 1)]
        return severity


def _words_pattern(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=8)
def _compile(encoded: bytes) -> Rules:
    import msgspec

    cfg = msgspec.json.decode(encoded, type=FlagsConfig)
    number_words = {fold_word(k): int(v) for k, v in cfg.number_words.items()}
    # A run of number words: "three thousand", "twenty-five", "one hundred and twenty".
    word = _words_pattern(list(number_words))
    number_words_re = re.compile(rf"\b(?:{word})(?:(?:[\s\-]+(?:and[\s\-]+)?)(?:{word}))*\b", re.IGNORECASE)
    variant_group: dict[str, int] = {}
    for gid, group in enumerate(cfg.name_variants):
        for spelling in group:
            # "Czech Republic": its first word stands for it ("Republic" alone is no variant of Czechia).
            words = spelling.split()
            if words:
                variant_group.setdefault(fold_word(words[0]), gid)
    title_canon: dict[str, str] = {}
    for group in cfg.title_synonyms:
        head = fold_word(group[0])
        for w in group:
            title_canon[fold_word(w)] = head
    return Rules(
        close_copy=cfg.close_copy,
        severity=dict(cfg.severity),
        number_words=number_words,
        number_words_re=number_words_re,
        variant_group=variant_group,
        negation_words=frozenset(fold_word(w) for w in cfg.negation_words if " " not in w.strip()),
        negation_phrases=tuple(tuple(fold_word(w) for w in p.split()) for p in cfg.negation_words if " " in p.strip()),
        negation_firsts=frozenset(fold_word(p.split()[0]) for p in cfg.negation_words if " " in p.strip()),
        negation_exceptions=tuple(tuple(fold_word(w) for w in p.split()) for p in cfg.negation_exceptions),
        exceptions_by_word=_by_word(cfg.negation_exceptions),
        title_words=frozenset(fold_word(w) for w in cfg.title_words),
        title_modifiers=frozenset(title_canon.get(fold_word(w), fold_word(w)) for w in cfg.title_modifiers),
        title_canon=title_canon,
        speech_verbs=frozenset(fold_word(w) for w in cfg.speech_verbs),
    )


def _by_word(phrases: list[str]) -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    out: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase in phrases:
        words = tuple(fold_word(w) for w in phrase.split())
        for offset, word in enumerate(words):
            out.setdefault(word, []).append((words, offset))
    return {k: tuple(v) for k, v in out.items()}


def compile_rules(cfg: FlagsConfig) -> Rules:
    """Compiled rules for ``cfg`` (cached: equal settings compile once)."""
    import msgspec

    return _compile(msgspec.json.encode(cfg))
