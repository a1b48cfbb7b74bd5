"""``quote`` flags: quoted words changed, or the same quote given to another speaker.

Quotes are compared on folded words, so curly vs straight marks, line breaks and
closing punctuation never count. Each quote of the reference is matched with the
most similar quote of the other cell; a close but unequal match is an altered
quote, and a match attributed to a different named speaker is a misattribution.
"""

from __future__ import annotations

import re

from srccompare.core.model import Flag, Span
from srccompare.engine.compare import word_key
from srccompare.engine.flags.cells import Cell, Pair, excerpt, make_flag
from srccompare.engine.flags.cells import strip_possessive as _strip_possessive
from srccompare.engine.flags.dates import MONTHS, WEEKDAYS
from srccompare.engine.flags.names import skeleton
from srccompare.text.normalize import fold_word

_OPEN = {"“": "”", "„": "“”", "«": "»", "»": "«", "‘": "’", '"': '"', "‹": "›"}
_MARKS = re.compile(r"[“”„«»‹›\"‘’]")
_WORD = re.compile(r"\w+(?:['’.,:/]\w+)*")
MIN_WORDS = 3
"""Shorter quotes (scare quotes, single terms) are left to the word diff."""
SIMILAR = 0.5
"""Word similarity at which two quotes count as the same quote."""


class Quote:
    """One quotation in a cell: its words (folded, for comparing), and who said it.

    The speaker and the word spans are worked out on first use: most quotes are
    only compared by their words, and finding the attribution clause costs more
    than reading the quote.
    """

    __slots__ = ("_bounds", "_context", "_speaker", "_text", "_words", "keys", "span")

    def __init__(self, span: Span, keys: tuple[str, ...], text: str, bounds: tuple[int, int], context: tuple) -> None:
        self.span = span
        """The quoted words, without the marks."""
        self.keys = keys
        self._text = text
        self._bounds = bounds  # the paragraph piece that holds the quote
        self._context = context  # (rules, lexicon), for the speaker
        self._speaker: tuple[frozenset[str], str] | None = None
        self._words: list[tuple[int, int]] | None = None

    @property
    def words(self) -> list[tuple[int, int]]:
        """(start, end) of each quoted word, in the order of ``keys``."""
        if self._words is None:
            self._words = [m.span() for m in _WORD.finditer(self._text, self.span.start, self.span.end)]
        return self._words

    def _who(self) -> tuple[frozenset[str], str]:
        if self._speaker is None:
            rules, lexicon = self._context
            start, end = self._bounds
            self._speaker = _speaker(self._text, self.span.start - 1, self.span.end, start, end, rules, lexicon)
        return self._speaker

    @property
    def speaker(self) -> frozenset[str]:
        """Skeletons of the speaker's name words, empty when unknown (a pronoun, no verb)."""
        return self._who()[0]

    @property
    def speaker_text(self) -> str:
        return self._who()[1]


def _pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) positions of quotation marks inside one paragraph."""
    out: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for m in _MARKS.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        if ch in "‘’":
            # Single marks are also apostrophes: open only after a space/start, close only before a non-letter.
            before = text[pos - 1] if pos > start else " "
            after = text[pos + 1] if pos + 1 < end else " "
            if opened is None and ch == "‘" and not before.isalnum():
                opened = (pos, "’")
            elif opened is not None and opened[1] == "’" and ch == "’" and not after.isalnum():
                out.append((opened[0], pos))
                opened = None
            continue
        if opened is None:
            if ch in _OPEN:
                opened = (pos, _OPEN[ch])
        elif ch in opened[1] or (ch == '"' and opened[1] in "”“"):
            out.append((opened[0], pos))
            opened = None
        elif ch in "“„«" and opened[1] != "’":
            opened = (pos, _OPEN[ch])  # an unclosed quote: start again
    return out


# The attribution clause right after a quote ('..., said Kremlin spokesman Dmitry Peskov.') or right
# before it ('Nowak told reporters: "...'), up to the next sentence punctuation or quotation mark.
_CLAUSE_AFTER = re.compile(r"[\s,.!?—–-]*([^.;:!?“”\"«»]{0,90})")
_CLAUSE_ENDS = '.;!?“”"«»'
"""What ends an attribution clause: sentence punctuation and quotation marks."""
CLAUSE_CHARS = 90
_WORDS = re.compile(r"[\w’'\-]+")
SPEECH_WINDOW = 5
"""How many words from the quote the speech verb may stand ("..., Nowak told reporters on Monday")."""


def _speaker(text: str, qstart: int, qend: int, start: int, end: int, rules, lexicon) -> tuple[frozenset[str], str]:
    """The named speaker of a quote: the capitalised words of the attribution clause next to it.

    Empty when the clause has no speech verb near the quote or names nobody ("he said").
    """
    after = _CLAUSE_AFTER.match(text, qend + 1, min(end, qend + 100))
    if after:
        found = _named(after.group(1), rules, lexicon, verb_first=True)
        if found[0]:
            return found
    return _named(clause_before(text[max(start, qstart - 100) : qstart]), rules, lexicon, verb_first=False)


def clause_before(window: str) -> str:
    """The attribution clause at the end of ``window`` (the text before a quote): at most
    :data:`CLAUSE_CHARS` characters after the last clause end, leaving out a closing ``:`` or ``,``
    and spaces. Found from the end in one pass (a pattern anchored at the end would be tried
    from every position)."""
    last = max(window.rfind(ch) for ch in _CLAUSE_ENDS)
    rest = window[last + 1 :]
    kept = rest.rstrip()
    tail = len(rest) - len(kept) + (1 if kept[-1:] in (":", ",") else 0)
    start = max(0, len(rest) - (CLAUSE_CHARS + tail))
    return rest[start : start + CLAUSE_CHARS]


def _named(clause: str, rules, lexicon, verb_first: bool) -> tuple[frozenset[str], str]:
    words = _WORDS.findall(clause)
    near = words[:SPEECH_WINDOW] if verb_first else words[-SPEECH_WINDOW:]
    if not any(fold_word(w) in rules.speech_verbs for w in near):
        return frozenset(), ""
    names = [
        w
        for w in words
        if w[:1].isupper()
        and fold_word(w) not in _NOT_SPEAKERS
        and fold_word(w) not in rules.title_words
        and lexicon.could_be_name(_strip_possessive(w))
    ]
    keys = frozenset(skeleton(fold_word(_strip_possessive(w))) for w in names)
    return keys, " ".join(names)


_NOT_SPEAKERS = (
    frozenset(
        "the a an he she they it we i you his her their its this that in on at but and so then when later finally "
        "afterwards presently meanwhile however some others one someone".split()
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)


def extract_quotes(cell: Cell, rules, lexicon) -> list[Quote]:
    """The quotes of a cell; for a cell of sentences, the quotes of its paragraphs that reach into them
    (a quote may run over several sentences)."""
    lexicon = cell.lexicon or lexicon
    if cell.whole is not None:
        whole = cell.whole.facts("quotes", lambda c: extract_quotes(c, rules, lexicon))
        return [q for q in whole if any(q.span.start < p.end and p.start < q.span.end for p in cell.pieces)]
    text = cell.text
    out: list[Quote] = []
    for piece in cell.pieces:
        for qs, qe in _pairs(text, piece.start, piece.end):
            found = _WORD.findall(text, qs + 1, qe)
            if len(found) < MIN_WORDS:
                continue
            keys = tuple(map(word_key, found))
            out.append(Quote(Span(qs + 1, qe), keys, text, (piece.start, piece.end), (rules, lexicon)))
    return out


def _ratio(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(a, b)


def _shown(cell: Cell, q: Quote, lo: int = 0, hi: int | None = None) -> str:
    """The quote's words ``lo:hi`` (with "…" where words are left out)."""
    count = len(q.keys)
    hi = count if hi is None else hi
    lo, hi = max(0, lo), min(count, hi)
    words = q.words
    body = excerpt(cell.text[words[lo][0] : words[hi - 1][1]], 60)
    return "“" + ("…" if lo > 0 else "") + body + ("…" if hi < count else "") + "”"


def _change_window(a: tuple[str, ...], b: tuple[str, ...], context: int = 3) -> tuple[int, int, int, int]:
    """Word ranges around the first change, in both quotes."""
    from difflib import SequenceMatcher

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            return i1 - context, max(i2, i1 + 1) + context, j1 - context, max(j2, j1 + 1) + context
    return 0, len(a), 0, len(b)


def flag_quotes(pair: Pair) -> list[Flag]:
    rules = pair.rules
    ref_q = pair.ref.facts("quotes", lambda c: extract_quotes(c, rules, pair.lexicon))
    if not ref_q:
        return []
    other_q = pair.other.facts("quotes", lambda c: extract_quotes(c, rules, pair.lexicon))
    if not other_q:
        return []
    flags: list[Flag] = []
    matches = _match(ref_q, other_q)
    for n, q in enumerate(ref_q):
        best = matches.get(n)
        if best is None:
            continue
        o = other_q[best]
        spans = {pair.ref.id: [q.span], pair.other.id: [o.span]}
        if q.speaker and o.speaker and not (q.speaker & o.speaker):
            who_ref = _speaker_text(pair.ref, q)
            who_other = _speaker_text(pair.other, o)
            message = f"{_shown(pair.ref, q)} attributed to {who_ref} ({pair.ref.id}) vs {who_other} ({pair.other.id})"
            flags.append(make_flag("quote", rules.severity_of("misattribution"), message, spans))
        elif o.keys != q.keys and not _quoted_in_part(q.keys, o.keys, rules):
            i1, i2, j1, j2 = _change_window(q.keys, o.keys)
            message = (
                f"{_shown(pair.ref, q, i1, i2)} ({pair.ref.id}) vs {_shown(pair.other, o, j1, j2)} ({pair.other.id})"
            )
            flags.append(make_flag("quote", rules.severity_of("quote"), message, spans))
    if pair.ref.spans is not None and pair.other.spans is not None:
        flags += _in_part(pair, ref_q, other_q, matches)
    return flags


def _in_part(pair: Pair, ref_q: list[Quote], other_q: list[Quote], matches: dict[int, int]) -> list[Flag]:
    """Linked sentences: a quote left without a partner may be part of a longer quote on the other
    side (two quotes run together); compared with the best run of words there, a reworded part is flagged."""
    from rapidfuzz.distance import Indel

    flags: list[Flag] = []
    taken = set(matches.values())
    lonely = [(pair.ref, q, pair.other, other_q) for n, q in enumerate(ref_q) if n not in matches]
    lonely += [(pair.other, o, pair.ref, ref_q) for i, o in enumerate(other_q) if i not in taken]
    for cell, q, other_cell, pool in lonely:
        best: tuple[float, Quote, int] | None = None
        size = len(q.keys)
        for o in pool:
            if len(o.keys) <= size:
                continue
            for start in range(len(o.keys) - size + 1):
                r = Indel.normalized_similarity(q.keys, o.keys[start : start + size])
                if best is None or r > best[0]:
                    best = (r, o, start)
        if best is None or best[0] < SIMILAR or best[0] == 1.0:
            continue
        _r, o, start = best
        part = Span(o.words[start][0], o.words[start + size - 1][1])
        i1, i2, j1, j2 = _change_window(q.keys, o.keys[start : start + size])
        ref_side = cell is pair.ref
        mine, theirs = _shown(cell, q, i1, i2), _shown(other_cell, o, start + j1, start + j2)
        ref_shown, other_shown = (mine, theirs) if ref_side else (theirs, mine)
        message = f"{ref_shown} ({pair.ref.id}) vs {other_shown} ({pair.other.id})"
        spans = {cell.id: [q.span], other_cell.id: [part]}
        flags.append(make_flag("quote", pair.rules.severity_of("quote"), message, spans))
    return flags


def _quoted_in_part(a: tuple[str, ...], b: tuple[str, ...], rules) -> bool:
    """One quote is an unchanged run of the other's words: quoting in part is not rewording.

    It still counts as a change when the words left out hold a negation ("did not
    say we would strike" quoted as "we would strike" reverses the speaker).
    """
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_WORDS or len(short) == len(long):
        return False
    for start in range(len(long) - len(short) + 1):
        if long[start : start + len(short)] == short:
            left_out = long[:start] + long[start + len(short) :]
            return not any(word in rules.negation_words or word.endswith("n't") for word in left_out)
    return False


def _match(ref_q: list[Quote], other_q: list[Quote]) -> dict[int, int]:
    """Reference quote -> other quote: identical wording first (nearest in order), then the most
    similar of those left, so one altered quote cannot push its neighbours off their partners."""
    out: dict[int, int] = {}
    used: set[int] = set()
    by_words: dict[tuple[str, ...], list[int]] = {}
    for i, o in enumerate(other_q):
        by_words.setdefault(o.keys, []).append(i)
    for n, q in enumerate(ref_q):
        same = [i for i in by_words.get(q.keys, ()) if i not in used]
        if same:
            centre = n * len(other_q) / max(1, len(ref_q))
            nearest = min(same, key=lambda i: abs(i - centre))
            out[n] = nearest
            used.add(nearest)
    for n, q in enumerate(ref_q):
        if n in out:
            continue
        best, best_ratio = None, 0.0
        for i in _nearby(n, len(ref_q), len(other_q)):
            if i in used:
                continue
            r = _ratio(q.keys, other_q[i].keys)
            if r > best_ratio:
                best, best_ratio = i, r
        if best is not None and best_ratio >= SIMILAR:
            out[n] = best
            used.add(best)
    return out


WINDOW = 8
"""Quotes on either side of the expected place that are compared (cells with many quotes)."""


def _nearby(index: int, count: int, other_count: int) -> range:
    if other_count <= 2 * WINDOW + 1:
        return range(other_count)
    centre = round(index * other_count / max(1, count))
    return range(max(0, centre - WINDOW), min(other_count, centre + WINDOW + 1))


def _speaker_text(cell: Cell, q: Quote) -> str:
    return q.speaker_text or "?"
