"""A rule-based sentence splitter for news text, in one linear pass.

Only the places where a sentence can end are looked at: a run of ``.``, ``!``,
``?`` or ``…`` (or a spaced ellipsis ``. . .``), then any closing quotes and
brackets, then whitespace. Each is decided from the word before it and the word
after it:

* ``?`` and ``!`` end a sentence unless the next word is in lower case
  (``"Is it over?" she asked``);
* an ellipsis ends one only before an upper-case word;
* a period ends one before an upper-case word or a digit, unless the word before
  it is a title or a prefix that never ends a sentence (``Mr.``, ``Gen.``,
  ``e.g.``, ``No. 9``, ``Jan. 12``), a number starting a list item (``1.``), or
  an initial or an abbreviation that rarely does (``George W. Bush``,
  ``Northwind Inc. shares``, ``U.S. Senate``), which ends one only before a word
  that usually starts a sentence (``The``, ``It``, ``There``…); ``a.m.`` and
  ``p.m.`` end one unless a day, a month or a time zone follows;
* before a lower-case word a period ends a sentence only after a plain word
  (``allowed. so``), never after an abbreviation, an initial or a number.

The regexes have no ambiguous repetition (the one nested group is delimited by
a period and only ever sees one word), so nothing backtracks; each possible end
looks back over one word and ahead over one, and the scan is linear in the
length of the text.
"""

from __future__ import annotations

import re

from srccompare.core.model import Span

# A possible sentence end: a spaced ellipsis, or a run of terminal punctuation.
_END = re.compile(r"\.(?:[ \u00a0]\.){2,}|[.!?…‽]+")
_CLOSERS = frozenset("\"'”’»›)]}")
_OPENERS = frozenset("\"'“‘«‹([{¿¡—–-")

# Never end a sentence, whatever follows (titles, and words that always take a complement).
_TITLES = frozenset(
    """
    mr mrs ms messrs mme mlle dr prof sen rep gov gen lt col maj capt cmdr adm sgt cpl pvt det insp supt
    rev hon pres st mt ft fr sr sra srta dott hr vs v cf viz eg ie e.g i.e al
    """.split()
)
# Never end a sentence before a number (``No. 9``, ``Jan. 12``, ``Sec. 4``).
_BEFORE_NUMBERS = frozenset(
    """
    no nos nr art sec secs fig figs vol vols ch chap para pp p tel rte hwy approx ca op
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
# May end a sentence, but usually do not: end one only before a word that typically starts a sentence.
_RARELY_LAST = frozenset(
    """
    inc corp ltd co bros jr llc plc ave blvd rd jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn fla ga kan ky la md mich minn mo mont neb nev okla ore tenn tex va vt wis wyo
    """.split()
)
_LOWER_ABBREVIATIONS = frozenset(
    """
    etc approx est dept govt ft yr yrs mo mos min max sq km cm mm kg lb lbs oz pct incl excl esp ibid
    """.split()
)
_CLOCK = frozenset(("a.m", "p.m", "am", "pm"))
_NOT_AFTER_CLOCK = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday tonight
    et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest eastern central pacific mountain
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december
    """.split()
)
_STARTERS = frozenset(
    """
    the a an he she it they we i you his her its their our my there this that these those but and or so yet
    in on at for if when while after before as then however meanwhile still now some many most all one
    what who why how where
    """.split()
)
# Month names that follow an ordinal (``am 3. Oktober``, ``le 3. mai`` is lower case anyway).
_MONTHS_AFTER_ORDINAL = frozenset(
    """
    januar jänner februar märz april mai juni juli august september oktober november dezember
    januari februari maart mei augustus december tammikuuta helmikuuta
    """.split()
)
_ACRONYM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")  # U.S, A.C.L.U, D.C, e.g (final period cut off)


def _word_before(text: str, end: int, floor: int) -> tuple[str, int]:
    """The whitespace-delimited token ending at ``end`` (openers stripped) and where it starts."""
    i = end
    while i > floor and not text[i - 1].isspace():
        i -= 1
    while i < end and text[i] in _OPENERS:
        i += 1
    return text[i:end], i


def _word_after(text: str, start: int, stop: int) -> tuple[str, str]:
    """The letters of the word starting at ``start`` (after openers), and the character that follows them."""
    i = start
    while i < stop and text[i] in _OPENERS:
        i += 1
    j = i
    while j < stop and text[j].isalpha():
        j += 1
    return text[i:j], text[j] if j < stop else ""


def _ends_after_period(token: str, nxt: str, nxt_word: str, after_word: str, at_start: bool) -> bool:
    """Whether a period after ``token``, followed by whitespace and then ``nxt``, ends a sentence."""
    low = token.lower()
    if not token:
        return True
    if low in _TITLES:
        return False
    if nxt.isdigit():
        return low not in _BEFORE_NUMBERS
    if nxt.islower():
        # Lower case next: only a plain word ends a sentence there.
        return token.isalpha() and len(token) > 1 and low not in _LOWER_ABBREVIATIONS and low not in _RARELY_LAST
    if token.isdigit():
        # A list item's number, or an ordinal before a month (German and Nordic dates).
        return not (at_start or nxt_word.lower() in _MONTHS_AFTER_ORDINAL)
    rarely_last = low in _RARELY_LAST or (len(token) == 1 and token.isalpha()) or _ACRONYM.fullmatch(token)
    if not nxt.isupper():  # a dash, a symbol: a sentence ends there after a plain word only
        return not (rarely_last or low in _CLOCK or low in _LOWER_ABBREVIATIONS)
    if low in _CLOCK:
        return nxt_word.lower() not in _NOT_AFTER_CLOCK
    if rarely_last:
        return nxt_word.lower() in _STARTERS and after_word != "."
    return True


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets in ``text[start:end]`` just after each sentence but the last (closing quotes included)."""
    stop = len(text) if end is None else end
    cuts: list[int] = []
    sentence_start = start
    while sentence_start < stop and text[sentence_start].isspace():
        sentence_start += 1
    for m in _END.finditer(text, start, stop):
        a, b = m.start(), m.end()
        if a == start:
            continue
        close = b
        while close < stop and text[close] in _CLOSERS:
            close += 1
        if close >= stop or not text[close].isspace():
            continue
        nxt_at = close
        while nxt_at < stop and text[nxt_at].isspace():
            nxt_at += 1
        if nxt_at >= stop:
            continue
        nxt_word, after_word = _word_after(text, nxt_at, stop)
        k = nxt_at
        while k < stop and text[k] in _OPENERS:
            k += 1
        nxt = text[k] if k < stop else ""
        punct = text[a:b]
        if "?" in punct or "!" in punct or "‽" in punct:
            ends = not nxt.islower()
        elif "…" in punct or len(punct) > 1:  # an ellipsis
            ends = nxt.isupper() or text[nxt_at] in "¿¡"
        else:
            token, token_start = _word_before(text, a, sentence_start)
            ends = _ends_after_period(token, nxt, nxt_word, after_word, token_start == sentence_start)
            if not ends and text[nxt_at] in "¿¡":
                ends = True
        if ends:
            cuts.append(close)
            sentence_start = nxt_at
    return cuts


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of ``text[start:end]`` (offsets into ``text``), each without surrounding whitespace."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    at = start
    for cut in [*sentence_ends(text, start, stop), stop]:
        s, e = at, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(Span(s, e))
        at = cut
    return spans
