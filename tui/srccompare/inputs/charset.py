"""Guess the legacy encoding of a news text that is not UTF-8.

charset-normalizer is good at long texts and multi-byte encodings, but on a few
paragraphs of Western European news it often picks a wrong single-byte code page
(French read as Windows-1250, German as Shift-JIS). Reviewers' files are mostly
European news text in one of a handful of Windows/ISO code pages, so we first
try those and score each reading by how much it looks like real prose in one
language of that code page: its letters score, symbols inside words, control
characters, mixed scripts and case jumps inside a word cost. Only when
no code page reads cleanly is charset-normalizer asked.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter

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

# Latin-script languages and the accented letters they use. A text is written in
# one language, so a reading is scored against the language of its code page
# that explains its letters best: French read as Windows-1250 turns "è à" into
# "č ŕ", letters no single Central European language uses together.
_LATIN_LANGUAGES: dict[str, str] = {
    "fr": "éèàêçôîûùëïâœÿæ",
    "de": "äöüß",
    "es": "áéíóúñü",
    "pt": "áâãàçéêíóôõúü",
    "it": "àèéìíòóùúî",
    "nl": "éëïöüèá",
    "sv": "åäöé",
    "fi": "äöåšž",
    "da": "æøåé",
    "is": "áðéíóúýþæö",
    "ca": "àèéíïòóúüç",
    "et": "äöõüšž",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîşţșț",
    "hr": "čćđšž",
    "sl": "čšž",
    "tr": "çğıöşüâîû",
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
}
_WESTERN = ("fr", "de", "es", "pt", "it", "nl", "sv", "fi", "da", "is", "ca", "et")
_CENTRAL = ("pl", "cs", "sk", "hu", "ro", "hr", "sl", "de")
_CODE_PAGE_LANGUAGES: dict[str, tuple[str, ...]] = {
    "cp1252": _WESTERN,
    "latin_1": _WESTERN,
    "cp1250": _CENTRAL,
    "iso8859_2": _CENTRAL,
    "cp1254": ("tr",),
    "cp1257": ("lt", "lv", "et"),
}
_IN_LANGUAGE = 2.0  # a letter of the language the text is in
_RARE_IN_LANGUAGE = 1.0  # ... one that is rare even there
# Letters a language uses only now and then (or, for Icelandic ð þ: a language
# whose news rarely comes in a legacy code page, while Turkish ğ ı read as
# Windows-1252 turn into exactly these).
_RARE_BY_LANGUAGE: dict[str, str] = {"fr": "æœÿ", "is": "ðþ", "cs": "ťď", "sk": "ťďĺŕ"}
_IN_CODE_PAGE = 0.7  # a letter of another language of the same code page (a foreign name)
_FOREIGN_LETTER = 0.2  # a letter none of the code page's languages use

# Cyrillic and Greek code pages read every high byte as a letter, so there the
# letters' frequency decides (and case: see plausibility).
_LETTER_WEIGHT: dict[str, float] = {
    **dict.fromkeys("оеаинтсрвл", 2.5),
    **dict.fromkeys("кмдпуяыьгзбчйіїєґ", 1.5),
    **dict.fromkeys("хжшюцщэфъёўђјљњћџѓќѕ", 0.7),
    **dict.fromkeys("αειοτνσςηυρκμπλάέίό", 2.5),
    **dict.fromkeys("βγδθφχωήύώ", 1.5),
    **dict.fromkeys("ζξψϊϋΐΰ", 0.7),  # as rare in Greek (under 0.5% of letters) as ф and ю in Russian
}
_ALPHABETS: dict[str, str] = {"cp1251": "CYRILLIC", "koi8_r": "CYRILLIC", "cp1253": "GREEK"}

# Code pages rarely met in news files need a clearer win.
_PRIOR = {"cp1253": 0.85, "cp1257": 0.85, "iso8859_2": 0.95}
_PUNCTUATION_OK = set("“”‘’„‚«»‹›–—…€£¥°§·•№¿¡ªº\u00a0\u00ad")
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_ONE_LETTER_WORDS = set("àéèóáùòì")  # Romance one-letter words: "à", "é", "è", "ó"
_SAMPLE = 65536  # bytes scored; single-byte code pages can be cut anywhere
_MAX_ODD_SHARE = 0.1  # at most this share of non-ASCII characters (or words) may be odd
# Marks that open or close a word, credited when a reading puts them there.
_OPENING = set("«‹“‘„‚¿¡")
_CLOSING = set("»›”’…")
_PLACED_MARK = 1.5
# A non-ASCII mark wedged between two letters ("А»уА", "П°Ј"): bytes read in the wrong code page.
_SYMBOL_INSIDE = re.compile(r"[^\W\d_][^\w\s\-'’\u00ad\x00-\x7f][^\W\d_]")


def _script(ch: str) -> str:
    if ch.isascii():
        return "LATIN"
    name = unicodedata.name(ch, "")
    return next((s for s in _SCRIPTS if name.startswith(s)), "OTHER")


def _capital_glued_to_word(token: str) -> bool:
    """An accented capital before a capitalised word: "ŤHola" is «Hola» read in ISO-8859-2."""
    head = token[:3]
    return len(head) == 3 and not head[0].isascii() and head[0].isupper() and head[1].isupper() and head[2].islower()


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


def _letter_weight(ch: str, own: set[str], rare: str, family: set[str]) -> float:
    if ch in own:
        return _RARE_IN_LANGUAGE if ch in rare else _IN_LANGUAGE
    return _IN_CODE_PAGE if ch in family else _FOREIGN_LETTER


def _latin_letter_score(letters: Counter[str], codec: str) -> tuple[float, int]:
    """Score the accented Latin letters against the code page's best-fitting language.

    Returns the score and how many letters no language of the code page uses.
    """
    languages = _CODE_PAGE_LANGUAGES.get(codec, ())
    family = set("".join(_LATIN_LANGUAGES[lang] for lang in languages))
    foreign = sum(n for ch, n in letters.items() if ch not in family)
    best = 0.0
    for lang in languages or ("",):
        own = set(_LATIN_LANGUAGES.get(lang, ""))
        rare = _RARE_BY_LANGUAGE.get(lang, "")
        score = sum(n * _letter_weight(ch, own, rare, family) for ch, n in letters.items())
        best = max(best, score)
    return best, foreign


def plausibility(text: str, codec: str = "cp1252") -> tuple[float, float]:
    """How much ``text`` reads like prose in a language of ``codec`` (higher is better).

    Returns ``(score, odd_share)``: the score, and the larger of the share of
    non-ASCII characters that are symbols, controls or letters foreign to the
    code page, and the share of non-ASCII words that look broken.
    """
    alphabet = _ALPHABETS.get(codec)
    score, odd, total = 0.0, 0, 0
    latin: Counter[str] = Counter()
    prev = " "
    for ch in text:
        after, prev = prev, ch
        if ch.isascii():
            continue
        total += 1
        if ch in _PUNCTUATION_OK or ch.isspace():
            continue
        if ch.isalpha() and unicodedata.category(ch) in ("Lu", "Ll") and ch != "µ":
            low = ch.lower()
            if alphabet is None:
                latin[low] += 1
            elif _script(ch) == alphabet:
                weight = _LETTER_WEIGHT.get(low, _IN_CODE_PAGE)
                # Capitals inside capitals are rare in prose ("РТПЖУПАЪБ" is
                # lower-case KOI8-R read as Windows-1251), so they count less.
                score += weight * 0.3 if ch.isupper() and after.isupper() else weight
            else:
                score += _FOREIGN_LETTER
                odd += 1
        elif unicodedata.category(ch).startswith("C"):
            score -= 10.0  # control or unassigned: almost certainly a wrong reading
            odd += 1
        else:
            score -= 3.0  # a symbol (¹ ³ ¤ µ ...) where text should be
            odd += 1
    if latin:
        letter_score, foreign = _latin_letter_score(latin, codec)
        score += letter_score
        odd += foreign
    elif alphabet is not None and score > 0:
        # Cyrillic or Greek prose is mostly Cyrillic or Greek letters; a Latin
        # text with one accented letter read as "и" is not.
        own = sum(1 for ch in text if ch.isalpha() and _script(ch) == alphabet)
        ascii_letters = sum(1 for ch in text if ch.isascii() and ch.isalpha())
        share = own / (own + ascii_letters)
        score *= min(1.0, share / 0.5)
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
        if _capital_glued_to_word(token):
            score -= 4.0
        # Quote marks where quote marks go: the reading that makes bytes «this»
        # beats the one that makes them letters ("Ťthisť" in ISO-8859-2).
        score += _PLACED_MARK * ((token[0] in _OPENING) + (token[-1] in _CLOSING))
        jumps = sum(1 for prev, ch in itertools.pairwise(token) if prev.islower() and ch.isupper())
        score -= 2.0 * jumps  # "пОРТ": case jumps inside a word
        if jumps or _SYMBOL_INSIDE.search(token):
            broken += 1
    odd_share = max(odd / total if total else 0.0, broken / tokens if tokens else 0.0)
    return score, odd_share


def guess_code_page(data: bytes) -> tuple[str, str] | None:
    """The best clean single-byte reading of ``data`` as ``(text, codec)``, or None.

    Readings are scored on the first ``_SAMPLE`` bytes (enough to tell, and
    cheap on long files); the winner must then decode the whole file.
    """
    sample = data[:_SAMPLE]
    ranked: list[tuple[float, int, str]] = []
    for order, codec in enumerate(CODE_PAGES):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        score, odd_share = plausibility(text, codec)
        if odd_share > _MAX_ODD_SHARE:
            continue
        # (0 is a text whose only non-ASCII bytes read alike everywhere, e.g. no-break spaces)
        if score * _PRIOR.get(codec, 1.0) >= 0:
            ranked.append((-score * _PRIOR.get(codec, 1.0), order, codec))
    for _, _, codec in sorted(ranked):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None
