"""``name`` and ``spelling`` flags: people, places and organisations written differently or replaced.

A name is a run of capitalised words that the sources use as names (see
:class:`~srccompare.engine.flags.cells.NameLexicon`). Names are matched word by word, so
"Zelensky" matches "Volodymyr Zelensky". Diacritics (Erdoğan/Erdogan), doubled
letters and y/i/j transliterations (Zelensky/Zelenskyy) and the configured variant
groups (Kyiv/Kiev) are a minor ``spelling`` flag; any other difference between
names in the same place is a ``name`` flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from srccompare.core.model import Flag, Span
from srccompare.engine.flags.cells import Cell, Pair, make_flag, strip_possessive
from srccompare.engine.flags.dates import MONTHS, WEEKDAYS
from srccompare.engine.flags.matching import same_slot
from srccompare.text.normalize import fold_word

# Closed-class words that open sentences; never names even when a text only uses them capitalised.
_NOT_NAMES = (
    frozenset(
        (
            "a an the this that these those it its he she they we i you his her their our my your him them us "
            "and but or nor so yet for if when while after before since as at in on of to by from with without "
            "into over under about against between during through until upon there here then also however "
            "meanwhile instead still even only just not no yes all both each every some any many most more "
            "such what which who whom whose where why how mr mrs ms dr st"
        ).split()
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)

_SKELETON_SUBS = (
    ("rzh", "r"),
    ("zh", "z"),
    ("sh", "s"),
    ("sz", "s"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
    ("x", "ks"),
)
_DOUBLE = re.compile(r"(.)\1+")
_GAP = re.compile(r"[ \t\n\-‐]{1,2}")


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """A folded name with transliteration noise removed: Zelensky, Zelenskyy and Zelenskiy agree."""
    for a, b in _SKELETON_SUBS:
        key = key.replace(a, b)
    return _DOUBLE.sub(r"\1", key)


@dataclass(frozen=True, slots=True)
class NameWord:
    raw: str
    """As written, possessive dropped, case-folded (diacritics kept)."""
    key: str
    """Folded (case, diacritics)."""
    vkey: str
    """Variant key: the configured group, else the skeleton."""
    span: Span


@dataclass(frozen=True, slots=True)
class Entity:
    words: tuple[NameWord, ...]

    @property
    def span(self) -> Span:
        return Span(self.words[0].span.start, self.words[-1].span.end)

    @property
    def key(self) -> str:
        return " ".join(w.key for w in self.words)


def _vkey(key: str, groups: dict[str, int]) -> str:
    gid = groups.get(key)
    return f"#{gid}" if gid is not None else skeleton(key)


def extract_entities(cell: Cell, pair: Pair) -> list[Entity]:
    text = cell.text
    rules, lexicon = pair.rules, cell.lexicon or pair.lexicon
    entities: list[Entity] = []
    run: list[NameWord] = []
    maybe: NameWord | None = None
    """A capitalised word the lexicon does not know (it opens a sentence): a name if a name follows."""
    for piece in cell.pieces:
        for m in _CAPITALISED.finditer(text, piece.start, piece.end):
            _word, run, maybe = _step(m, text, rules, lexicon, entities, run, maybe)
    if run:
        entities.append(Entity(tuple(run)))
    return entities


# A word (as the diff splits them) that starts with a letter other than a-z; checked for a capital below.
_CAPITALISED = re.compile(r"(?<![\w'’.,:/])(?=[^\W\d_a-z])\w+(?:['’.,:/]\w+)*")


def _step(m, text, rules, lexicon, entities, run, maybe):
    """One capitalised word: extend the current name, start a new one, or end it."""
    start, end = m.span()
    if run and not _GAP.fullmatch(text, run[-1].span.end, start):
        entities.append(Entity(tuple(run)))
        run = []
    if maybe is not None and not _GAP.fullmatch(text, maybe.span.end, start):
        maybe = None
    raw = strip_possessive(text[start:end])
    key = fold_word(raw)
    known = key in lexicon
    word = None
    if raw[:1].isupper() and key not in _NOT_NAMES and key not in rules.title_words and not key.isdigit():
        word = NameWord(raw.casefold(), key, _vkey(key, rules.variant_group), Span(start, start + len(raw)))
    if word is not None and known:
        if not run and maybe is not None:
            run.append(maybe)  # "Jerzy Górecki" at the start of a sentence
        run.append(word)
    elif run:
        entities.append(Entity(tuple(run)))
        run = []
    maybe = word if (word is not None and not known) else None
    return word, run, maybe


def cell_entities(cell: Cell, pair: Pair) -> list[Entity]:
    return cell.facts("names", lambda c: extract_entities(c, pair))


def _similar(a: str, b: str) -> bool:
    """Close enough in spelling to be one name misspelled (Kłosińska/Kłosowska, Tusk/Task)."""
    from rapidfuzz.fuzz import ratio

    a, b = skeleton(a), skeleton(b)
    # A misspelling keeps the first letter (Tusk/Task); Vance/France are two names.
    return a[:1] == b[:1] and ratio(a, b) >= 75


_ADJECTIVE_ENDINGS = ("ish", "ian", "ians", "ans", "an", "ese", "i", "is")
"""Endings that make a people's or a place's adjective (Jew -> Jewish, Iran -> Iranian, Dane -> Danish)."""


def _adjective_stem(word: str) -> str | None:
    for ending in _ADJECTIVE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return None


def _bare_stem(word: str) -> str:
    """A plural or a final -e dropped: "jews" -> "jew", "danes" -> "dan"."""
    for ending in ("es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def derived(a: str, b: str) -> bool:
    """One word derived from the other (Russia/Russian, Ukraine/Ukrainian, Europe/European,
    Jews/Jewish): not a change."""
    for x, y in ((a, b), (b, a)):
        stem = _adjective_stem(x)
        if stem is not None and stem in (y, _bare_stem(y)):
            return True
    if min(len(a), len(b)) < 4:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= min(len(a), len(b)) - 2 and common >= 4


@dataclass
class NameDiff:
    spelling: list[tuple[NameWord, NameWord]]
    changed: list[tuple[NameWord | Entity, NameWord | Entity, bool]]
    """(reference, other, looks like a misspelling)."""
    lost: list[Entity]
    gained: list[Entity]


def _index(entities: list[Entity]) -> tuple[dict[str, list[NameWord]], dict[str, list[NameWord]]]:
    by_key: dict[str, list[NameWord]] = {}
    by_vkey: dict[str, list[NameWord]] = {}
    for e in entities:
        for w in e.words:
            by_key.setdefault(w.key, []).append(w)
            by_vkey.setdefault(w.vkey, []).append(w)
    return by_key, by_vkey


def _counterpart(w: NameWord, by_key, by_vkey) -> tuple[str, NameWord | None]:
    """How ``w`` is found on the other side: exact, spelling (with the word), or none."""
    same = by_key.get(w.key)
    if same:
        for o in same:
            if o.raw == w.raw:
                return "exact", o
        return "spelling", same[0]
    variant = by_vkey.get(w.vkey)
    if variant:
        return "spelling", variant[0]
    return "none", None


def name_differences(pair: Pair) -> NameDiff:
    def compute(_cell: Cell) -> NameDiff:
        return _name_differences(pair)

    # Cached on the other cell, keyed by the reference cell (cells are kept for the whole run).
    return pair.other.facts(f"namediff:{pair.ref.id}:{id(pair.ref)}", compute)


def _name_differences(pair: Pair) -> NameDiff:
    ref_e, other_e = cell_entities(pair.ref, pair), cell_entities(pair.other, pair)
    diff = NameDiff([], [], [], [])
    if not ref_e and not other_e:
        return diff
    o_key, o_vkey = _index(other_e)
    r_key, r_vkey = _index(ref_e)
    seen_spelling: set[tuple[str, str]] = set()
    seen_changed: set[tuple[int, int]] = set()

    def partial(
        entity: Entity,
        status: list[tuple[str, NameWord | None]],
        other_entities: list[Entity],
        ref_side: bool,
        back_key,
    ) -> None:
        """Unmatched words of a partly matched name vs the word in the same place of its counterpart."""
        anchor = next(i for i, (s, _) in enumerate(status) if s != "none")
        partner = status[anchor][1]
        host = next((e for e in other_entities if partner in e.words), None)
        if host is None:
            return
        offset = host.words.index(partner) - anchor
        for i, (s, _) in enumerate(status):
            j = i + offset
            if s != "none" or not 0 <= j < len(host.words):
                continue
            mine, theirs = entity.words[i], host.words[j]
            if theirs.key in back_key or derived(mine.key, theirs.key):
                continue  # the other word is matched elsewhere, or only inflected
            if not _similar(mine.key, theirs.key):
                continue  # "Donald Trump" / "Donald Tusk": another person, not a changed name
            a, b = (mine, theirs) if ref_side else (theirs, mine)
            if (a.span.start, b.span.start) not in seen_changed:
                seen_changed.add((a.span.start, b.span.start))
                diff.changed.append((a, b, True))

    for entities, idx, ref_side, lost, back in (
        (ref_e, (o_key, o_vkey), True, diff.lost, r_key),
        (other_e, (r_key, r_vkey), False, diff.gained, o_key),
    ):
        others = other_e if ref_side else ref_e
        for entity in entities:
            status = [_counterpart(w, *idx) for w in entity.words]
            if not any(
                s == "exact" or (o is not None and o.key == w.key) for w, (s, o) in zip(entity.words, status)
            ) and any(s == "none" for s, _ in status):
                # "Volodymyr Zelensky" vs "Vladimir Putin": a variant first name alone is no match
                # (one written without its diacritics is the same word: Zdeňka / Zdenka).
                status = [("none", None)] * len(status)
            if all(s == "none" for s, _ in status):
                lost.append(entity)
                continue
            for w, (s, o) in zip(entity.words, status):
                if s == "spelling" and o is not None and o.raw != w.raw:
                    ref_w, other_w = (w, o) if ref_side else (o, w)
                    if (ref_w.raw, other_w.raw) not in seen_spelling:
                        seen_spelling.add((ref_w.raw, other_w.raw))
                        diff.spelling.append((ref_w, other_w))
            if any(s == "none" for s, _ in status):
                partial(entity, status, others, ref_side, back)

    # Inflected forms are the same name (Russia / Russian).
    for side, keys in ((diff.lost, list(o_key)), (diff.gained, list(r_key))):
        for a in list(side):
            if any(derived(w.key, k) for w in a.words for k in keys):
                side.remove(a)
    # Whole names with no counterpart: pair a misspelling anywhere, a replacement in the same slot.
    for a in list(diff.lost):
        for b in diff.gained:
            if _similar(a.key, b.key):
                seen_changed.add((a.span.start, b.span.start))
                diff.changed.append((a, b, True))
                diff.lost.remove(a)
                diff.gained.remove(b)
                break
    for a in list(diff.lost):
        for b in diff.gained:
            if same_slot(pair, a.span, b.span):
                seen_changed.add((a.span.start, b.span.start))
                diff.changed.append((a, b, False))
                diff.lost.remove(a)
                diff.gained.remove(b)
                break
    _swapped_actors(pair, ref_e, other_e, diff, seen_changed)
    return diff


# Another name right before or after, joined by "and", "or", "&" or a comma: a list.
_LIST_BEFORE = re.compile(r"[A-Z][\w'’.\-]*\s*(?:,|\band|\bor|&)\s*(?:the\s+)?$")
_LIST_AFTER = re.compile(r"\s*(?:,|and\b|or\b|&)\s*(?:the\s+)?[A-Z]")
SWAP_WORDS = 3
"""Most words on each side of an edit for a name written in place of another to count as a swap."""


def _swapped_actors(pair: Pair, ref_e: list[Entity], other_e: list[Entity], diff: NameDiff, seen: set) -> None:
    """A name written where another stood, both names present on both sides ("Russia accused
    Ukraine" vs "Ukraine accused Russia"): the multisets agree, the roles do not."""
    if pair.agreement < 0.5 or not ref_e or not other_e:
        return
    ref_at = {pair.ref.word_index(w.span.start): w for e in ref_e for w in e.words}
    other_at = {pair.other.word_index(w.span.start): w for e in other_e for w in e.words}
    for tag, i1, i2, j1, j2 in pair.word_ops:
        if tag != "replace" or i2 - i1 > SWAP_WORDS or j2 - j1 > SWAP_WORDS:
            continue
        mine = [ref_at[i] for i in range(i1, i2) if i in ref_at]
        theirs = [other_at[j] for j in range(j1, j2) if j in other_at]
        if len(mine) != 1 or len(theirs) != 1:
            continue
        a, b = mine[0], theirs[0]
        if a.vkey == b.vkey or derived(a.key, b.key) or _similar(a.key, b.key):
            continue
        if _coordinated(pair.ref, a) or _coordinated(pair.other, b):
            continue  # "Russia and Ukraine" / "Ukraine and Russia": same roles
        if (a.span.start, b.span.start) in seen:
            continue
        seen.add((a.span.start, b.span.start))
        diff.changed.append((a, b, False))


def _coordinated(cell: Cell, word: NameWord) -> bool:
    """Whether the name is one of a list ("X and Y", "X, Y"), where order carries no role."""
    text = cell.text
    before = text[max(0, word.span.start - 40) : word.span.start]
    after = text[word.span.end : word.span.end + 12]
    return bool(_LIST_BEFORE.search(before)) or bool(_LIST_AFTER.match(after))


def _text(cell: Cell, item: NameWord | Entity) -> str:
    return " ".join(cell.slice(item.span).split())


def flag_names(pair: Pair) -> list[Flag]:
    diff = name_differences(pair)
    flags: list[Flag] = []
    for a, b, misspelt in diff.changed:
        how = "spelled differently" if misspelt else "another name"
        message = f"{_text(pair.ref, a)} ({pair.ref.id}) vs {_text(pair.other, b)} ({pair.other.id}) — {how}"
        flags.append(
            make_flag("name", pair.rules.severity_of("name"), message, {pair.ref.id: [a.span], pair.other.id: [b.span]})
        )
    for a, b in diff.spelling:
        message = f"{_text(pair.ref, a)} ({pair.ref.id}) vs {_text(pair.other, b)} ({pair.other.id})"
        flags.append(
            make_flag(
                "spelling",
                pair.rules.severity_of("spelling"),
                message,
                {pair.ref.id: [a.span], pair.other.id: [b.span]},
            )
        )
    return flags
