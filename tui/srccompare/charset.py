"""Guess the legacy encoding of a news text that is not UTF-8.

charset-normalizer is good at long texts and multi-byte encodings, but on a few
paragraphs of Western European news it often picks a wrong single-byte code page
(French read as Windows-1250, German as Shift-JIS). Reviewers' files are mostly
European news text in one of a handful of Windows/ISO code pages, so we first
try those and score each reading by how much it looks like real prose: letters
that are common in the languages of that code page score, symbols inside words,
control characters, mixed scripts and case jumps inside a word cost. Only when
no code page reads cleanly is charset-normalizer asked.
"""

from __future__ import annotations

import re
import unicodedata

# Tried in this order; on a tie the earlier (more common) one wins.
CODE_PAGES = (
    "cp1252",  # Western European (a superset of Latin-1's printable range)
    "cp1250",  # Central European
    "cp1251",  # Cyrillic
    "koi8_r",  # Russian (Unix)
    "iso8859_2",  # Central European (ISO)
    "cp1254",  # Turkish
    "cp1253",  # Greek
    "cp1257",  # Baltic
    "latin_1",  # last: bytes Windows-1252 leaves undefined
)

# How common each accented letter is in the European languages written in these
# code pages (rough frequency classes). A byte that two code pages read as the
# same letter scores the same in both, so only the bytes they read differently
# decide between them.
_LETTER_WEIGHT: dict[str, float] = {
    **dict.fromkeys("é", 3.0),
    **dict.fromkeys("àèüöäçßáíóúñąłśżčšžřěışğ", 2.5),
    **dict.fromkeys("êę", 2.0),
    **dict.fromkeys("âôîûùìòćńýů", 1.5),
    # Russian letters by frequency, then the rest of the Cyrillic alphabets.
    **dict.fromkeys("оеаинтсрвл", 2.5),
    **dict.fromkeys("кмдпуяыьгзбчйіїєґ", 1.5),
    **dict.fromkeys("хжшюцщэфъёўђјљњћџѓќѕ", 0.7),
    # Greek letters by frequency, then the rest (with accents).
    **dict.fromkeys("αειοτνσςηυρκμπλάέίό", 2.5),
    **dict.fromkeys("βγδζθξφχψωήύώ", 1.5),
    **dict.fromkeys("ϊϋΐΰ", 0.7),
}
_UNCOMMON_LETTER = 0.7  # a letter the code page's languages use, but rarely
_FOREIGN_LETTER = 0.2  # a letter none of the code page's languages use

_WESTERN = set("éèàüöäçßêáíóñúôâîûùëïãõåøæœÿìò")
_CENTRAL = set("ąęłśżźćńóčšžřěůýáéíťďňőűüöäľĺôúşţăâîŕđ")
_CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўђјљњћџѓќѕ")
_TURKISH = set("çğıöşüâîûé")
_GREEK = set("αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ")
_BALTIC = set("ąčęėįšųūžāēģīķļņõäöüé")

# Code pages rarely met in news files need a clearer win.
_PRIOR = {"cp1253": 0.85, "cp1257": 0.85}

# Which letters belong to the languages of each code page.
_LANGUAGES: dict[str, set[str]] = {
    "cp1252": _WESTERN,
    "latin_1": _WESTERN,
    "cp1250": _CENTRAL,
    "iso8859_2": _CENTRAL,
    "cp1251": _CYRILLIC,
    "koi8_r": _CYRILLIC,
    "cp1254": _TURKISH,
    "cp1253": _GREEK,
    "cp1257": _BALTIC,
}
_PUNCTUATION_OK = set("“”‘’„‚«»‹›–—…€£¥°§·•№\u00a0\u00ad")
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_ONE_LETTER_WORDS = set("àéèóáùòì")  # Romance one-letter words: "à", "é", "è", "ó"
_MAX_ODD_SHARE = 0.1  # at most this share of non-ASCII characters (or words) may be odd
# A non-ASCII mark wedged between two letters ("А»уА", "П°Ј"): bytes read in the wrong code page.
_SYMBOL_INSIDE = re.compile(r"[^\W\d_][^\w\s\-'’\u00ad\x00-\x7f][^\W\d_]")


def _script(ch: str) -> str:
    if ch.isascii():
        return "LATIN"
    name = unicodedata.name(ch, "")
    return next((s for s in _SCRIPTS if name.startswith(s)), "OTHER")


def _greek_penalty(word: str) -> float:
    """Greek spelling rules a misread Cyrillic text breaks: one accent a word, final sigma."""
    penalty = 0.0
    accents = sum(1 for ch in word if ch in "άέήίόύώΐΰ")
    if accents > 1:
        penalty += 3.0
    elif accents == 0 and len(word) >= 4:
        penalty += 2.0  # Greek words of two syllables or more carry an accent
    if "ς" in word[:-1]:
        penalty += 5.0
    if len(word) > 1 and word.endswith("σ"):
        penalty += 2.0
    if len(word) == 1 and word not in "οηήω":
        penalty += 3.0
    return penalty


def plausibility(text: str, codec: str = "cp1252") -> tuple[float, float]:
    """How much ``text`` reads like prose in a language of ``codec`` (higher is better).

    Returns ``(score, odd_share)``: the score, and the larger of the share of
    non-ASCII characters that are symbols, controls or letters foreign to the
    code page, and the share of non-ASCII words that look broken.
    """
    members = _LANGUAGES.get(codec, _WESTERN)
    score, odd, total = 0.0, 0, 0
    prev = " "
    for ch in text:
        after, prev = prev, ch
        if ch.isascii():
            continue
        total += 1
        if ch.isalpha() and unicodedata.category(ch) in ("Lu", "Ll"):
            low = ch.lower()
            if low in members:
                weight = _LETTER_WEIGHT.get(low, _UNCOMMON_LETTER)
                # Capitals inside capitals are rare in prose ("РТПЖУПАЪБ" is
                # lower-case KOI8-R read as Windows-1251), so they count less.
                score += weight * 0.3 if ch.isupper() and after.isupper() else weight
            else:
                score += _FOREIGN_LETTER
                odd += 1
        elif ch in _PUNCTUATION_OK or ch.isspace():
            continue
        elif unicodedata.category(ch).startswith("C"):
            score -= 10.0  # control or unassigned: almost certainly a wrong reading
            odd += 1
        else:
            score -= 3.0  # a symbol (¹ ³ ¿ ¤ µ ...) where text should be
            odd += 1
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1:
            score -= 5.0
        if scripts == {"LATIN"}:
            foreign = sum(1 for ch in word if not ch.isascii())
            if foreign >= 3 and foreign * 2 > len(word):
                score -= 3.0 * foreign  # "Ïîðòîâûå": Cyrillic read as Latin
            if len(word) == 1 and word.lower() not in _ONE_LETTER_WORDS:
                score -= 3.0  # "Ť" standing alone: a quote mark read as a letter
        if scripts == {"GREEK"}:
            score -= _greek_penalty(word.lower())
    broken, tokens = 0, 0
    for token in text.split():
        if token.isascii():
            continue
        tokens += 1
        jumps = sum(1 for prev, ch in zip(token, token[1:]) if prev.islower() and ch.isupper())
        score -= 2.0 * jumps  # "пОРТ": case jumps inside a word
        if jumps or _SYMBOL_INSIDE.search(token):
            broken += 1
    odd_share = max(odd / total if total else 0.0, broken / tokens if tokens else 0.0)
    return score, odd_share


def guess_code_page(data: bytes) -> tuple[str, str] | None:
    """The best clean single-byte reading of ``data`` as ``(text, codec)``, or None."""
    best: tuple[float, str, str] | None = None
    for codec in CODE_PAGES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score, odd_share = plausibility(text, codec)
        score *= _PRIOR.get(codec, 1.0)
        if odd_share > _MAX_ODD_SHARE:
            continue
        if best is None or score > best[0]:
            best = (score, text, codec)
    if best is None or best[0] <= 0:
        return None
    return best[1], best[2]
