"""A synthetic news archive with planted versions, for ``srccompare scan`` tests and ``bench_scan.py``.

Run on demand::

    python benchmarks/scan_archive.py 100000 archive.parquet --truth truth.json
    python benchmarks/scan_archive.py 300 archive.jsonl --truth truth.json --seed 7
    python benchmarks/scan_archive.py 300 archive-folder --truth truth.json     # one .txt file per article
    python benchmarks/scan_archive.py 100000 a.parquet --truth t.json --bible-dir ../shared/corpora/bible

Why it looks the way it does: a scan is only tested if unrelated articles collide
the way real ones do. Random words never share a 5-gram, so the text here is
built from *phrases* (short runs of function words, common news words and
made-up content words) drawn Zipf-wise from a generic pool and from per-topic
pools, with the people and places of each topic recurring across its articles,
numbers and dates, sources whose header and footer lines repeat on every
article, stock sentences ("did not immediately respond to a request for
comment") and template paragraphs shared by families of briefs. Unrelated
articles on one topic therefore share words, phrases, names and some 5-grams,
and a few share a whole template paragraph: candidate generation sees real
false positives, and verification has to reject them.

Planted groups, each with one kind (pairs inside a group are all versions of one
another; pairs across groups are not):

* ``reprint`` — the same body, maybe re-wrapped or with other spacing, under
  another source's header and footer;
* ``edited`` — a few words changed, a sentence replaced or dropped, a number changed;
* ``truncated`` — the first 40-80 % of the body, cut at a sentence end;
* ``paraphrase`` — with ``bible_dir``, one passage in two or three translations
  from ``shared/corpora/bible`` (read at run time, never stored in the repo),
  while passages last; otherwise (and after that) a synthetic paraphrase:
  synonyms for many content words, other inflections, function words dropped or
  added, clauses and adjacent sentences swapped, the same names and numbers.

Everything is drawn from ``numpy.random.default_rng(seed)``: one seed, one archive.
The bulk of the text is generated with array operations, so 100,000 articles
take seconds, not minutes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

KINDS = ("reprint", "edited", "truncated", "paraphrase")
TIER1_KINDS = ("reprint", "edited", "truncated")

# Share of the archive's articles that belong to planted groups of each kind, and the group sizes drawn.
RATES = {"reprint": 0.06, "edited": 0.06, "truncated": 0.05, "paraphrase": 0.03}
SIZES = {"reprint": (2, 5), "edited": (2, 4), "truncated": (2, 3), "paraphrase": (2, 3)}
WORDS = 420  # mean body length in words
TEMPLATE_SHARE = 0.04  # articles that open with template paragraphs (~120 words) shared by their family
FOLLOW_UP_SHARE = 0.03  # articles that reuse one or two background paragraphs of an earlier story on their topic

# -- vocabulary (written for this generator) --------------------------------------------------

FUNCTION = (
    "the of and to a in that is was for on it with as at by from he she his her they their this be have has had "
    "were are not but or an which who will would said been its after also more than about over into one two new "
    "up out when there we what all some other could can no if only most may last first before while during "
    "between under since against because both such through each any these those them him our where how then "
    "still just even much many very so another three four five further around without among across according"
).split()
COMMON = (
    "government minister company year people police city council report court official officials week month "
    "day state country market price prices workers union plan plans talks statement spokesperson director "
    "president chief group members support election vote party law bill budget cost costs funding project "
    "service services health school schools water energy power station road port border trade deal agreement "
    "investigation decision meeting agency committee public local national former senior early late major "
    "higher lower million billion percent told added expected announced reported confirmed denied warned "
    "called agreed rose fell increase decline growth figures data number case cases hospital residents "
    "families children business businesses industry bank banks interest rates inflation jobs staff strike "
    "protest protesters opposition leader leaders region regional federal capital centre area areas building "
    "housing prices rent tax taxes spending contract contracts network system systems program programme "
    "security military forces troops attack talks ceasefire aid crisis emergency weather storm flooding "
    "fire damage repairs transport rail airport flights passengers travel tourism season record results "
    "shares investors profit losses sales quarter outlook forecast research study scientists university "
    "students teachers court judge trial charges lawyer lawyers evidence ruling appeal sentence prison"
).split()
BOILERPLATE = (
    "The company did not immediately respond to a request for comment.",
    "The ministry declined to comment on the matter when contacted on Friday.",
    "Additional reporting was contributed by our regional correspondents.",
    "This story has been updated with further details as they became available.",
    "Police have asked anyone with information to contact them on the usual number.",
    "An earlier version of this article misstated the date of the meeting.",
    "The figures are provisional and may be revised in the coming weeks.",
    "Officials said the situation was being closely monitored.",
    "A spokesperson said the organisation would not comment on individual cases.",
    "It was not immediately clear how many people had been affected.",
    "Talks are expected to continue later this week.",
    "Representatives of the union could not be reached for comment.",
    "The report is due to be presented to parliament next month.",
    "Markets in the region were mixed in early trading.",
    "The investigation is continuing, the statement said.",
    "Readers can find the full decision on the court's website.",
    "None of those involved have been publicly identified.",
    "The event is free and open to the public.",
    "The council will discuss the proposal at its next meeting.",
    "Weather services have issued a warning for the coming days.",
)
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_ONSETS = "b c d f g h j k l m n p r s t v w z b d k l m n p r s t br ch dr gr pl st tr".split()
_VOWELS = "a e i o u a e i o u a e i o ea ou".split()
_CODAS = ["", "", "", "", "", "", "n", "r", "s", "l", "m", "nd", "st", "t", "x"]
INFLECTIONS = ("", "s", "ed", "ing")
INFLECTION_P = (0.5, 0.25, 0.15, 0.10)

N_STEMS = 12_000
N_TOPICS = 400
TOPIC_STEMS = 500
TOPIC_PHRASES = 400
GENERIC_PHRASES = 4_000
N_PERSONS = 8_000
N_PLACES = 1_500
N_NUMBERS = 60_000
N_SOURCES = 240
N_TEMPLATES = 40
MAX_PHRASE = 5
SLOT_PERSON, SLOT_PLACE, SLOT_NUMBER, SLOT_DATE, SLOT_COMMON, SLOT_TOPIC = -1, -2, -3, -4, -5, -6
# A word slot is filled from the article's own few words, not the whole vocabulary: words come in bursts, so a
# common word is in some articles many times and absent from most, as in real text (document frequency).

# Books left out of the Bible passages: their parallels (the synoptic gospels, Chronicles and Kings) would be
# true versions across groups, and the truth would call them unrelated.
BIBLE_SKIP = {"Mark", "Luke", "I Chronicles", "II Chronicles"}
BIBLE_TRANSLATIONS = ("BSB", "OEB", "Anderson", "Tyndale")


@lru_cache(maxsize=64)
def zipf_cdf(n: int, s: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return np.cumsum(w) / w.sum()


def draw(rng: np.random.Generator, cdf: np.ndarray, size: int | tuple[int, ...]) -> np.ndarray:
    """Indices drawn with the probabilities that ``cdf`` accumulates."""
    return np.minimum(np.searchsorted(cdf, rng.random(size), side="right"), len(cdf) - 1)


def pseudo_words(rng: np.random.Generator, n: int, syllables: tuple[int, int], avoid: set[str]) -> list[str]:
    """``n`` distinct made-up words of 2-3 syllables, in a seeded order."""
    out: dict[str, None] = {}
    while len(out) < n:
        k = 2 * (n - len(out)) + 16
        counts = rng.integers(syllables[0], syllables[1] + 1, k)
        on, vo, co = (rng.choice(part, (k, 3)).tolist() for part in (_ONSETS, _VOWELS, _CODAS))
        for i, c in enumerate(counts.tolist()):
            word = on[i][0] + vo[i][0] + co[i][0] + on[i][1] + vo[i][1] + co[i][1]
            if c == 3:
                word += on[i][2] + vo[i][2] + co[i][2]
            if word not in avoid and word not in out:
                out[word] = None
    return list(out)[:n]


def number_strings(rng: np.random.Generator, n: int) -> list[str]:
    """Figures as news prints them: small counts, thousands with commas, decimals, years, money."""
    kind = rng.integers(0, 5, n)
    a = rng.integers(2, 1000, n)
    b = rng.integers(0, 1000, n)
    out = []
    for k, x, y in zip(kind.tolist(), a.tolist(), b.tolist()):
        if k == 0:
            out.append(str(x))
        elif k == 1:
            out.append(f"{x},{y:03d}")
        elif k == 2:
            out.append(f"{x % 100}.{y % 10}")
        elif k == 3:
            out.append(str(1950 + x % 76))
        else:
            out.append(f"${x % 100}.{y % 10} million")
    return out


@dataclass
class Vocabulary:
    """Every token the generator emits, rendered in 8 variants: lower/capitalised x 4 endings."""

    table: np.ndarray  # object array of strings, 8 per token id
    content: tuple[int, int]  # id range of words an edit or a paraphrase may replace (common + made-up)
    stems: int  # first id of the made-up forms: stem * 4 + inflection
    numbers: tuple[int, int]
    synonym: np.ndarray  # content id -> another content id (a paraphrase's word for it)
    function: tuple[int, int]
    persons: tuple[int, int]
    places: tuple[int, int]
    dates: tuple[int, int]
    boilerplate: tuple[int, int]

    def is_content(self, tok: np.ndarray) -> np.ndarray:
        return (tok >= self.content[0]) & (tok < self.content[1])

    def is_number(self, tok: np.ndarray) -> np.ndarray:
        return (tok >= self.numbers[0]) & (tok < self.numbers[1])


ENDINGS = (" ", ", ", ". ", ".\n\n")


def build_vocabulary(rng: np.random.Generator) -> Vocabulary:
    words: list[str] = []
    capital: list[bool] = []  # names, dates and sentences are written as they are

    def add(items: Sequence[str], cap: bool) -> tuple[int, int]:
        start = len(words)
        words.extend(items)
        capital.extend([cap] * len(items))
        return start, len(words)

    real = set(FUNCTION) | set(COMMON)
    function = add(FUNCTION, False)
    common = add(COMMON, False)
    stems = pseudo_words(rng, N_STEMS, (2, 3), real)
    first = add([s + infl for s in stems for infl in INFLECTIONS], False)
    content = (common[0], first[1])
    given = [w.capitalize() for w in pseudo_words(rng, 500, (2, 2), real)]
    family = [w.capitalize() for w in pseudo_words(rng, 3000, (2, 3), real | set(stems))]
    persons = add([f"{given[i]} {family[j]}" for i, j in rng.integers(0, [500, 3000], (N_PERSONS, 2))], True)
    places = add([w.capitalize() for w in pseudo_words(rng, N_PLACES, (2, 3), real | set(stems))], True)
    numbers = add(number_strings(rng, N_NUMBERS), True)
    dates = add(
        [f"{WEEKDAYS[d]}" for d in range(7)] + [f"{m} {d}" for m in MONTHS for d in range(1, 29)],
        True,
    )
    boiler = add(BOILERPLATE, True)
    grid = np.empty((len(words), 8), dtype=object)
    upper = [w if cap else w[0].upper() + w[1:] for w, cap in zip(words, capital)]
    for e, ending in enumerate(ENDINGS):
        grid[:, e] = [w + ending for w in words]
        grid[:, 4 + e] = [w + ending for w in upper]
    for i in range(*boiler):  # a stock sentence brings its own full stop
        for e in range(8):
            grid[i, e] = words[i] + ("\n\n" if e % 4 == 3 else " ")
    table = grid.reshape(-1)
    synonym = np.arange(len(words), dtype=np.int32)
    n_common = common[1] - common[0]
    synonym[common[0] : common[1]] = common[0] + (np.arange(n_common) + rng.integers(1, n_common, n_common)) % n_common
    other = (np.arange(N_STEMS) + rng.integers(1, N_STEMS, N_STEMS)) % N_STEMS
    synonym[first[0] : first[1]] = first[0] + (np.repeat(other, 4) * 4 + np.tile(np.arange(4), N_STEMS))
    return Vocabulary(table, content, first[0], numbers, synonym, function, persons, places, dates, boiler)


# -- phrases, topics and the bulk generator ------------------------------------------------------


@dataclass
class Model:
    vocab: Vocabulary
    phrases: np.ndarray  # (P, MAX_PHRASE) token ids or slots, -99 padding
    lengths: np.ndarray  # (P,)
    topic_stems: np.ndarray  # (N_TOPICS, TOPIC_STEMS) made-up stems a topic's articles draw their words from
    topic_persons: np.ndarray  # (N_TOPICS, 25)
    topic_places: np.ndarray  # (N_TOPICS, 8)
    templates: list[np.ndarray]
    sources: list[tuple[str, str, str, str]]  # name, domain, header line, footer line


def _phrases(rng: np.random.Generator, v: Vocabulary, n: int, topic_stems: np.ndarray | None) -> np.ndarray:
    """``n`` phrases of 1-5 tokens: function words, common words, topic words (inflected) and slots."""
    lengths = rng.choice([1, 2, 3, 4, 5], n, p=[0.12, 0.28, 0.3, 0.2, 0.1])
    kind = rng.random((n, MAX_PHRASE))
    f_cdf, c_cdf = zipf_cdf(v.function[1] - v.function[0]), zipf_cdf(v.stems - v.content[0], 0.3)
    func = v.function[0] + draw(rng, f_cdf, (n, MAX_PHRASE))
    common = v.content[0] + draw(rng, c_cdf, (n, MAX_PHRASE))
    common = np.where(rng.random((n, MAX_PHRASE)) < 0.1, common, SLOT_COMMON)  # stock wording stays fixed
    slots = rng.choice([SLOT_PERSON, SLOT_PLACE, SLOT_NUMBER, SLOT_DATE], (n, MAX_PHRASE), p=[0.3, 0.2, 0.4, 0.1])
    if topic_stems is None:
        out = np.where(kind < 0.65, func, np.where(kind < 0.88, common, slots))
    else:
        stem = topic_stems[draw(rng, zipf_cdf(len(topic_stems), 0.6), (n, MAX_PHRASE))]
        infl = rng.choice(4, (n, MAX_PHRASE), p=INFLECTION_P)
        topical = np.where(rng.random((n, MAX_PHRASE)) < 0.4, v.stems + stem * 4 + infl, SLOT_TOPIC)
        out = np.where(kind < 0.4, func, np.where(kind < 0.8, topical, np.where(kind < 0.9, common, slots)))
    out[np.arange(MAX_PHRASE)[None, :] >= lengths[:, None]] = -99
    return out.astype(np.int32)


@lru_cache(maxsize=1)
def build_model() -> Model:
    """The archive's "language": the same for every seed (a seed picks the articles), so it is built once."""
    rng = np.random.default_rng(20140)
    v = build_vocabulary(rng)
    topic_stems = np.stack([rng.choice(N_STEMS, TOPIC_STEMS, replace=False) for _ in range(N_TOPICS)])
    pools = [_phrases(rng, v, GENERIC_PHRASES, None)]
    pools += [_phrases(rng, v, TOPIC_PHRASES, topic_stems[t]) for t in range(N_TOPICS)]
    phrases = np.concatenate(pools)
    lengths = (phrases != -99).sum(axis=1)
    topic_persons = rng.integers(*v.persons, (N_TOPICS, 25))
    topic_places = rng.integers(*v.places, (N_TOPICS, 8))
    # Template paragraphs (market and weather briefs, court lists): fixed wording, their own figures.
    templates = []
    for _ in range(N_TEMPLATES):
        stems = topic_stems[rng.integers(N_TOPICS)]
        units = _phrases(rng, v, 45, stems)
        toks = units[units != -99]
        fixed = toks == SLOT_COMMON
        toks[fixed] = rng.integers(v.content[0], v.stems, int(fixed.sum()))
        fixed = toks == SLOT_TOPIC
        toks[fixed] = v.stems + rng.choice(stems, int(fixed.sum())) * 4
        toks[rng.random(len(toks)) < 0.12] = SLOT_NUMBER
        templates.append(toks)
    names = pseudo_words(rng, N_SOURCES, (2, 3), set())
    kinds = ["Daily", "Herald", "Courier", "Post", "Tribune", "Gazette", "News", "Observer", "Times", "Chronicle"]
    sources = []
    for i, name in enumerate(names):
        title = f"The {name.capitalize()} {kinds[i % len(kinds)]}"
        domain = f"{name}-{kinds[i % len(kinds)].lower()}.example"
        header = [f"{title} | News", f"{title}", f"From the {title} newsroom"][i % 3]
        footer = [
            f"© {title}. All rights reserved. Reproduction without permission is prohibited.",
            f"Copyright {title}. Share this article. Sign up for our newsletter.",
            f"Follow {title} for more news. Report an error. All rights reserved.",
        ][i % 3]
        sources.append((title, domain, header, footer))
    return Model(v, phrases, lengths, topic_stems, topic_persons, topic_places, templates, sources)


@dataclass
class Body:
    """One article body as tokens: ``punct`` is 0 none, 1 comma, 2 sentence end, 3 paragraph end."""

    tok: np.ndarray
    punct: np.ndarray


def generate_bodies(rng: np.random.Generator, m: Model, n: int) -> tuple[list[Body], np.ndarray]:
    """``n`` unrelated bodies in one vectorised pass; also each body's main topic (for its people)."""
    v = m.vocab
    target = np.clip(rng.normal(WORDS, 70, n), 250, 650).astype(np.int64)
    units = (target / 2.6 * 1.25).astype(np.int64) + 8  # enough phrases to cut each body to its target
    art = np.repeat(np.arange(n), units)
    n_units = len(art)
    topic = draw(rng, zipf_cdf(N_TOPICS, 0.7), n)
    second = np.where(rng.random(n) < 0.3, rng.integers(0, N_TOPICS, n), topic)
    pick = rng.random(n_units)
    pools = np.where(pick < 0.55, topic[art], second[art])
    phrase = GENERIC_PHRASES + pools * TOPIC_PHRASES + draw(rng, zipf_cdf(TOPIC_PHRASES, 0.6), n_units)
    generic = pick >= 0.6
    phrase[generic] = draw(rng, zipf_cdf(GENERIC_PHRASES, 0.8), int(generic.sum()))
    lens = m.lengths[phrase]
    toks = m.phrases[phrase][np.arange(MAX_PHRASE)[None, :] < lens[:, None]]
    tart = np.repeat(art, lens)
    # single made-up words from the whole vocabulary, and stock sentences, in place of some tokens
    single = rng.random(len(toks)) < 0.1
    toks[single] = SLOT_TOPIC
    boiler = rng.random(len(toks)) < 0.35 / WORDS
    toks[boiler] = rng.integers(*v.boilerplate, int(boiler.sum()))
    # people, places, figures and dates: each article keeps a few and repeats them
    persons = np.where(
        rng.random((n, 4)) < 0.6,
        m.topic_persons[topic[:, None], rng.integers(0, 25, (n, 4))],
        rng.integers(*v.persons, (n, 4)),
    )
    places = np.where(
        rng.random((n, 3)) < 0.6,
        m.topic_places[topic[:, None], rng.integers(0, 8, (n, 3))],
        rng.integers(*v.places, (n, 3)),
    )
    figures = rng.integers(*v.numbers, (n, 8))
    dates = rng.integers(*v.dates, (n, 2))
    n_common = v.stems - v.content[0]
    common = v.content[0] + draw(rng, zipf_cdf(n_common, 0.5), (n, 15))
    # own words: 30 of the main topic's, 10 of the second topic's, 20 from anywhere, each in one inflection mostly
    own_stems = np.concatenate(
        [
            m.topic_stems[topic[:, None], draw(rng, zipf_cdf(TOPIC_STEMS, 0.6), (n, 30))],
            m.topic_stems[second[:, None], draw(rng, zipf_cdf(TOPIC_STEMS, 0.6), (n, 10))],
            draw(rng, zipf_cdf(N_STEMS, 0.5), (n, 20)),
        ],
        axis=1,
    )
    own_words = v.stems + own_stems * 4 + rng.choice(4, own_stems.shape, p=INFLECTION_P)
    slots = (
        (SLOT_PERSON, persons),
        (SLOT_PLACE, places),
        (SLOT_NUMBER, figures),
        (SLOT_DATE, dates),
        (SLOT_COMMON, common),
        (SLOT_TOPIC, own_words),
    )
    for slot, own in slots:
        at = np.flatnonzero(toks == slot)
        which = draw(rng, zipf_cdf(own.shape[1], 0.7), len(at))
        toks[at] = own[tart[at], which]
    # cut each article to its length, then punctuate: sentences of ~16 tokens, paragraphs of ~3 sentences
    starts = np.concatenate([[0], np.cumsum(np.bincount(tart, minlength=n))[:-1]])
    keep = (np.arange(len(toks)) - starts[tart]) < target[tart]
    toks, tart = toks[keep], tart[keep]
    stops = np.cumsum(np.clip(rng.normal(17, 6, len(toks) // 6 + 2), 5, 40).astype(np.int64)) - 1
    stops = stops[stops < len(toks)]
    punct = np.where(rng.random(len(toks)) < 0.05, 1, 0)
    punct[stops] = np.where(rng.random(len(stops)) < 0.3, 3, 2)
    is_boiler = (toks >= v.boilerplate[0]) & (toks < v.boilerplate[1])
    punct[is_boiler] = np.maximum(punct[is_boiler], 2)
    before = np.flatnonzero(is_boiler) - 1
    punct[before[before >= 0]] = np.maximum(punct[before[before >= 0]], 2)
    ends = np.cumsum(np.bincount(tart, minlength=n))
    punct[ends - 1] = 3
    toks, punct = toks.astype(np.int32), punct.astype(np.int8)
    bodies = [Body(toks[a:b], punct[a:b]) for a, b in zip(np.concatenate([[0], ends[:-1]]), ends)]
    return bodies, topic


def render(v: Vocabulary, body: Body) -> str:
    return render_many(v, [body])[0]


def render_many(v: Vocabulary, bodies: Sequence[Body]) -> list[str]:
    """The bodies' text: one table look-up for all their tokens, then one join per body."""
    if not bodies:
        return []
    tok = np.concatenate([b.tok for b in bodies]).astype(np.int64)
    punct = np.concatenate([b.punct for b in bodies])
    ends = np.cumsum([len(b.tok) for b in bodies])
    cap = np.empty(len(tok), dtype=np.int64)
    cap[1:] = punct[:-1] >= 2
    starts = np.concatenate([[0], ends[:-1]])
    cap[starts] = 1
    words = v.table[tok * 8 + cap * 4 + punct].tolist()
    return ["".join(words[a:b]).rstrip() for a, b in zip(starts.tolist(), ends.tolist())]


def sentences(body: Body) -> list[tuple[int, int]]:
    ends = np.flatnonzero(body.punct >= 2) + 1
    return list(zip(np.concatenate([[0], ends[:-1]]).tolist(), ends.tolist()))


def with_template(rng: np.random.Generator, m: Model, body: Body) -> Body:
    """The body opened by a template paragraph with this article's own figures, cut to keep its length."""
    tpl = m.templates[int(rng.integers(len(m.templates)))].copy()
    v = m.vocab
    for slot, span in (
        (SLOT_PERSON, v.persons),
        (SLOT_PLACE, v.places),
        (SLOT_NUMBER, v.numbers),
        (SLOT_DATE, v.dates),
    ):
        at = tpl == slot
        tpl[at] = rng.integers(*span, int(at.sum()))
    tpl_punct = np.where(rng.random(len(tpl)) < 1 / 14, 2, 0).astype(np.int8)
    tpl_punct[-1] = 3
    keep = max(len(body.tok) - len(tpl), len(body.tok) // 2)
    cut = sentences(body)
    end = next((b for _, b in reversed(cut) if b <= keep), cut[0][1])
    return Body(np.concatenate([tpl, body.tok[:end]]), np.concatenate([tpl_punct, body.punct[:end]]))


def paragraphs(body: Body) -> list[tuple[int, int]]:
    ends = np.flatnonzero(body.punct == 3) + 1
    return list(zip(np.concatenate([[0], ends[:-1]]).tolist(), ends.tolist()))


def with_follow_ups(rng: np.random.Generator, bodies: list[Body], topics: np.ndarray, share: float) -> list[Body]:
    """Follow-up stories: ``share`` of the bodies take one or two consecutive background paragraphs from
    another body on the same topic, in place of as many of their own. They are not versions of each other."""
    by_topic: dict[int, list[int]] = {}
    for k, t in enumerate(topics.tolist()):
        by_topic.setdefault(t, []).append(k)
    out = list(bodies)
    for k in np.flatnonzero(rng.random(len(bodies)) < share).tolist():
        peers = by_topic[int(topics[k])]
        donor = bodies[peers[int(rng.integers(len(peers)))]]
        if donor is bodies[k]:
            continue
        give, take = paragraphs(donor), paragraphs(out[k])
        width = 1 if rng.random() < 0.7 else 2
        if len(give) <= width or len(take) <= width + 1:
            continue
        g = int(rng.integers(len(give) - width + 1))
        t = int(rng.integers(1, len(take) - width + 1))
        ga, gb = give[g][0], give[g + width - 1][1]
        if gb - ga > 0.35 * len(out[k].tok):  # background, not most of the story
            continue
        ta, tb = take[t][0], take[t + width - 1][1]
        body = out[k]
        out[k] = Body(
            np.concatenate([body.tok[:ta], donor.tok[ga:gb], body.tok[tb:]]),
            np.concatenate([body.punct[:ta], donor.punct[ga:gb], body.punct[tb:]]),
        )
    return out


# -- planted versions ----------------------------------------------------------------------------


def edited(rng: np.random.Generator, v: Vocabulary, body: Body, donor: Body) -> Body:
    """A few words changed, a number changed, and a sentence replaced (from another article) or dropped."""
    tok, punct = body.tok.copy(), body.punct.copy()
    spots = np.flatnonzero(v.is_content(tok))
    for at in rng.choice(spots, min(len(spots), int(rng.integers(1, 5))), replace=False):
        tok[at] = v.stems + int(rng.integers(N_STEMS)) * 4 + int(rng.integers(4))
    figures = np.flatnonzero(v.is_number(tok))
    if len(figures) and rng.random() < 0.8:
        tok[rng.choice(figures)] = rng.integers(*v.numbers)
    spans = sentences(Body(tok, punct))
    if len(spans) > 4 and rng.random() < 0.85:
        a, b = spans[int(rng.integers(1, len(spans)))]
        if rng.random() < 0.65:
            da, db = sentences(donor)[int(rng.integers(len(sentences(donor))))]
            new_p = donor.punct[da:db].copy()
            new_p[-1] = punct[b - 1]
            tok = np.concatenate([tok[:a], donor.tok[da:db], tok[b:]])
            punct = np.concatenate([punct[:a], new_p, punct[b:]])
        else:
            last = punct[b - 1]
            tok, punct = np.concatenate([tok[:a], tok[b:]]), np.concatenate([punct[:a], punct[b:]])
            punct[a - 1] = max(punct[a - 1], last)
    return Body(tok, punct)


def truncated(rng: np.random.Generator, body: Body) -> Body:
    """The first 40-80 % of the body, ending at the first sentence end past the cut."""
    want = rng.uniform(0.4, 0.8) * len(body.tok)
    end = next((b for _, b in sentences(body) if b >= want), len(body.tok))
    punct = body.punct[:end].copy()
    punct[-1] = 3
    return Body(body.tok[:end].copy(), punct)


def paraphrased(rng: np.random.Generator, v: Vocabulary, body: Body) -> Body:
    """Synonyms for ~55 % of the content words, other inflections, function words dropped or added,
    clauses and adjacent sentences swapped; names, places, figures and dates kept."""
    tok = body.tok.copy()
    content = v.is_content(tok)
    swap = content & (rng.random(len(tok)) < 0.55)
    tok[swap] = v.synonym[tok[swap]]
    made_up = (tok >= v.stems) & (tok < v.content[1]) & ~swap & (rng.random(len(tok)) < 0.2)
    tok[made_up] = v.stems + (tok[made_up] - v.stems) // 4 * 4 + rng.integers(0, 4, int(made_up.sum()))
    function = (tok >= v.function[0]) & (tok < v.function[1])
    drop = function & (body.punct == 0) & (rng.random(len(tok)) < 0.2)
    tok, punct = tok[~drop], body.punct[~drop]
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for a, b in sentences(Body(tok, punct)):
        st, sp = tok[a:b].copy(), punct[a:b].copy()
        commas = np.flatnonzero(sp[:-1] == 1)
        if len(commas) and rng.random() < 0.5:  # "X, Y." -> "Y, X."
            c = int(commas[0]) + 1
            end = sp[-1]
            st = np.concatenate([st[c:], st[:c]])
            sp = np.concatenate([sp[c:], sp[:c]])
            sp[len(sp) - c - 1], sp[-1] = 1, end
        if rng.random() < 0.3:
            at = int(rng.integers(len(st)))
            st = np.insert(st, at, v.function[0] + int(rng.integers(0, 12)))
            sp = np.insert(sp, at, 0)
        out.append((st, sp))
    for i in range(len(out) - 1):  # swap adjacent sentences inside a paragraph, keeping the paragraph ends
        if out[i][1][-1] == 2 and out[i + 1][1][-1] == 2 and rng.random() < 0.15:
            out[i], out[i + 1] = out[i + 1], out[i]
    return Body(np.concatenate([s for s, _ in out]), np.concatenate([p for _, p in out]))


# -- Bible passages --------------------------------------------------------------------------------

_VERSE = re.compile(r"^\[(\d+):(\d+)\]\s*(.*)$")


def bible_passages(bible_dir: Path, rng: np.random.Generator) -> list[dict[str, str]]:
    """Non-overlapping passages of about 420 words, each as {translation: text} for the 2+ translations that
    have every verse of it; verses grouped into paragraphs of 1-3 verses, separately per translation."""
    verses: dict[str, dict[tuple[str, int, int], str]] = {}
    order: list[tuple[str, int, int]] = []
    for name in BIBLE_TRANSLATIONS:
        path = bible_dir / f"{name}.txt"
        if not path.is_file():
            continue
        book, table = "", {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("### "):
                book = line[4:].strip()
                continue
            match = _VERSE.match(line)
            if match and book not in BIBLE_SKIP and match.group(3).strip():
                key = (book, int(match.group(1)), int(match.group(2)))
                table[key] = " ".join(match.group(3).split())
                if not verses:
                    order.append(key)
        if not verses and not order:
            continue
        verses[name] = table
    if len(verses) < 2:
        raise ValueError(f"{bible_dir}: needs at least two of {', '.join(f'{t}.txt' for t in BIBLE_TRANSLATIONS)}")
    chunks: list[tuple[list[tuple[str, int, int]], list[str]]] = []
    keys: list[tuple[str, int, int]] = []
    have: list[str] = []
    words, target = 0, rng.normal(WORDS, 50)
    for key in order:
        here = [t for t in verses if key in verses[t]]
        common = [t for t in have if t in here] if keys else here
        if len(common) < 2 or (keys and key[0] != keys[-1][0]):
            keys, have, words = [], [], 0
            common = here
            if len(common) < 2:
                continue
        keys.append(key)
        have = common
        words += len(verses[have[0]][key].split())
        if words >= target:
            chunks.append((keys, have))
            keys, have, words, target = [], [], 0, rng.normal(WORDS, 50)
    out = []
    for k in rng.permutation(len(chunks)):
        keys, have = chunks[k]
        texts = {}
        for t in have:
            paras, i = [], 0
            while i < len(keys):
                step = int(rng.integers(1, 4))
                paras.append(" ".join(verses[t][key] for key in keys[i : i + step]))
                i += step
            texts[t] = "\n\n".join(paras)
        out.append(texts)
    return out


# -- the archive ------------------------------------------------------------------------------------


@dataclass
class Group:
    kind: str
    ids: list[str]  # the original first
    origin: str = "synthetic"  # or "bible"


@dataclass
class Truth:
    """The planted version sets and the articles that belong to none; pairs and scores over them."""

    seed: int
    n_articles: int
    groups: list[Group] = field(default_factory=list)
    unrelated: list[str] = field(default_factory=list)

    def sets(self, kinds: Iterable[str] = KINDS) -> list[frozenset[str]]:
        wanted = set(kinds)
        return [frozenset(g.ids) for g in self.groups if g.kind in wanted]

    def pairs(self, kinds: Iterable[str] = KINDS) -> set[tuple[str, str]]:
        wanted = set(kinds)
        return {tuple(sorted(p)) for g in self.groups if g.kind in wanted for p in combinations(g.ids, 2)}  # type: ignore[misc]

    def renamed(self, names: dict[str, str]) -> Truth:
        groups = [Group(g.kind, [names[i] for i in g.ids], g.origin) for g in self.groups]
        return Truth(self.seed, self.n_articles, groups, [names[i] for i in self.unrelated])

    def to_json(self) -> str:
        groups = [{"kind": g.kind, "origin": g.origin, "ids": g.ids} for g in self.groups]
        return json.dumps(
            {"seed": self.seed, "n_articles": self.n_articles, "groups": groups, "unrelated": self.unrelated}, indent=1
        )

    @classmethod
    def from_json(cls, text: str) -> Truth:
        d = json.loads(text)
        groups = [Group(g["kind"], list(g["ids"]), g.get("origin", "synthetic")) for g in d["groups"]]
        return cls(int(d["seed"]), int(d["n_articles"]), groups, list(d["unrelated"]))

    def score(self, predicted: Iterable[Iterable[str]]) -> Score:
        """Pair precision and per-kind pair recall of predicted sets, counted without listing the pairs
        (a runaway set of 10,000 articles would hold 50 million)."""
        group_of = {a: k for k, g in enumerate(self.groups) for a in g.ids}
        found = [0] * len(self.groups)
        pairs = correct = 0
        sizes: list[int] = []
        for members in predicted:
            members = list(members)
            sizes.append(len(members))
            pairs += len(members) * (len(members) - 1) // 2
            counts: dict[int, int] = {}
            for a in members:
                if a in group_of:
                    counts[group_of[a]] = counts.get(group_of[a], 0) + 1
            for k, c in counts.items():
                found[k] += c * (c - 1) // 2
                correct += c * (c - 1) // 2
        score = Score(pairs, correct, max(sizes, default=0))
        for g, f in zip(self.groups, found):
            key = g.kind if g.kind != "paraphrase" else f"paraphrase/{g.origin}"
            total, hit = score.recall_counts.get(key, (0, 0))
            score.recall_counts[key] = (total + len(g.ids) * (len(g.ids) - 1) // 2, hit + f)
        return score


@dataclass
class Score:
    pairs: int  # predicted pairs (all pairs inside predicted sets)
    correct: int  # of those, pairs inside one planted group
    largest: int  # size of the largest predicted set
    recall_counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (planted pairs, found)

    @property
    def precision(self) -> float:
        return self.correct / self.pairs if self.pairs else 1.0

    def recall(self, *kinds: str) -> float:
        keys = [k for k in self.recall_counts if k.split("/")[0] in kinds or k in kinds]
        total = sum(self.recall_counts[k][0] for k in keys)
        return sum(self.recall_counts[k][1] for k in keys) / total if total else float("nan")


def _plan(rng: np.random.Generator, n: int) -> list[tuple[str, int]]:
    """(kind, size) of every planted group: about RATES of the archive, at least one per kind from 40 up."""
    plan = []
    for kind in KINDS:
        lo, hi = SIZES[kind]
        groups = round(n * RATES[kind] / ((lo + hi) / 2))
        if n >= 40:
            groups = max(groups, 1)
        plan += [(kind, int(s)) for s in rng.integers(lo, hi + 1, groups)]
    return [plan[k] for k in rng.permutation(len(plan))]


def _title(text: str) -> str:
    words = text[:160].split("\n\n")[0].split()[:8]
    return " ".join(w.strip(",.") for w in words).capitalize()


def _rewrap(text: str, width: int) -> str:
    """Hard-wrap each paragraph at ``width`` columns (a reprint's changed line breaks)."""
    out = []
    for para in text.split("\n\n"):
        lines, line = [], ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def make_archive(
    n_articles: int,
    seed: int,
    *,
    bible_dir: str | Path | None = None,
    furniture: float = 0.85,
    templates: float = TEMPLATE_SHARE,
    follow_ups: float = FOLLOW_UP_SHARE,
) -> tuple[list[dict[str, str]], Truth]:
    """``n_articles`` records (id, text, date, source, title, url) in a seeded random order, and the truth.

    ``furniture`` is the share of articles printed with their source's header and footer lines; ``templates``
    and ``follow_ups`` the shares of the hard unrelated articles (see the module's docstring)."""
    if n_articles < 1:
        raise ValueError("n_articles must be at least 1")
    model = build_model()
    rng = np.random.default_rng(seed)
    v = model.vocab
    plan = _plan(rng, n_articles)
    passages = bible_passages(Path(bible_dir), rng) if bible_dir is not None else []
    while sum(size for _, size in plan) > n_articles:  # a tiny archive: fewer groups
        plan.pop()
    n_bible = min(len(passages), sum(1 for kind, _ in plan if kind == "paraphrase"))
    planted = sum(size for _, size in plan)
    n_unrelated = n_articles - planted
    bodies, topics = generate_bodies(rng, model, n_unrelated + len(plan))
    templated = rng.random(len(bodies)) < templates
    bodies = [with_template(rng, model, b) if t else b for b, t in zip(bodies, templated)]
    bodies = with_follow_ups(rng, bodies, topics, follow_ups)

    # each article: (text body, source index, date, title or None, group key)
    source_cdf = zipf_cdf(N_SOURCES, 0.8)
    base_day = date(2015, 1, 1)
    items: list[tuple[str, int, date, str]] = []
    groups: list[tuple[str, str, list[int]]] = []
    texts = render_many(v, bodies[:n_unrelated])
    src, days = draw(rng, source_cdf, n_articles).tolist(), rng.integers(0, 3650, n_articles).tolist()
    items += [(t, s, base_day + timedelta(d), _title(t)) for t, s, d in zip(texts, src, days)]
    bible_left = n_bible
    for g, (kind, size) in enumerate(plan):
        body = bodies[n_unrelated + g]
        day = base_day + timedelta(int(rng.integers(3650)))
        members: list[str] = []
        origin = "synthetic"
        if kind == "paraphrase" and bible_left:
            bible_left -= 1
            origin = "bible"
            passage = passages[bible_left]
            names = list(passage)
            members = [passage[names[i]] for i in rng.permutation(len(names))[: min(size, len(names))]]
        else:
            members.append(render(v, body))
            for _ in range(size - 1):
                if kind == "reprint":
                    text = members[0]
                    if rng.random() < 0.4:
                        text = _rewrap(text, int(rng.integers(60, 81)))
                    if rng.random() < 0.3:
                        text = text.replace(". ", ".  ")
                    members.append(text)
                elif kind == "edited":
                    members.append(render(v, edited(rng, v, body, bodies[int(rng.integers(max(n_unrelated, 1)))])))
                elif kind == "truncated":
                    members.append(render(v, truncated(rng, body)))
                else:
                    members.append(render(v, paraphrased(rng, v, body)))
        title = _title(members[0])
        first = len(items)
        for j, text in enumerate(members):
            later = day + timedelta(int(rng.integers(0, 3 if kind == "reprint" else 8)) if j else 0)
            items.append((text, src[len(items)], later, title if kind != "paraphrase" else _title(text)))
        groups.append((kind, origin, list(range(first, len(items)))))
    # the rest of a tiny archive (or groups the Bible could not fill at their size): unrelated articles
    while len(items) < n_articles:
        more, _ = generate_bodies(rng, model, n_articles - len(items))
        for text in render_many(v, more):
            items.append((text, src[len(items)], base_day + timedelta(days[len(items)]), _title(text)))

    order = rng.permutation(len(items))
    width = max(6, len(str(len(items))))
    ids = [""] * len(items)
    records: list[dict[str, str]] = []
    with_furniture = rng.random(len(items)) < furniture
    for pos, k in enumerate(order.tolist()):
        ids[k] = f"art-{pos:0{width}d}"
    for k in order.tolist():
        text, src, day, title = items[k]
        name, domain, header, footer = model.sources[src]
        if with_furniture[k]:
            text = f"{header}\n\n{text}\n\n{footer}"
        slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:6]) or "article"
        records.append(
            {
                "id": ids[k],
                "text": text,
                "date": day.isoformat(),
                "source": name,
                "title": title,
                "url": f"https://{domain}/{day.year}/{day.month:02d}/{slug}-{ids[k][4:]}",
            }
        )
    in_group = {k for _, _, members in groups for k in members}
    truth = Truth(
        seed,
        len(records),
        [Group(kind, [ids[k] for k in members], origin) for kind, origin, members in groups],
        sorted(ids[k] for k in range(len(items)) if k not in in_group),
    )
    return records, truth


# -- writing --------------------------------------------------------------------------------------


def write_jsonl(records: Sequence[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_parquet(records: Sequence[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    columns = ("id", "text", "date", "source", "title", "url")
    table = pa.table({c: pa.array([r[c] for r in records], type=pa.string()) for c in columns})
    pq.write_table(table, path, row_group_size=10_000)


def write_folder(records: Sequence[dict[str, Any]], folder: Path) -> dict[str, str]:
    """One ``<source>/<id>.txt`` per article (text only); returns id -> path relative to ``folder``."""
    names = {}
    for r in records:
        rel = f"{'-'.join(re.findall(r'[a-z0-9]+', r['source'].lower()))}/{r['id']}.txt"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(r["text"] + "\n", encoding="utf-8")
        names[r["id"]] = rel
    return names


def write_archive(records: Sequence[dict[str, Any]], truth: Truth, out: Path, truth_path: Path) -> Truth:
    """Write the archive as JSONL, Parquet (by suffix) or a folder of text files, and the truth file."""
    if out.suffix == ".jsonl":
        write_jsonl(records, out)
    elif out.suffix == ".parquet":
        write_parquet(records, out)
    else:
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise ValueError(f"{out}: a folder archive needs a new or empty folder")
        out.mkdir(parents=True, exist_ok=True)
        truth = truth.renamed(write_folder(records, out))
    truth_path.write_text(truth.to_json() + "\n", encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path, help="OUT.jsonl, OUT.parquet, or a folder (one text file per article)")
    ap.add_argument("--truth", type=Path, required=True, help="where to write the planted groups (JSON)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--bible-dir", type=Path, help="shared/corpora/bible: paraphrases from two translations")
    args = ap.parse_args(argv)
    try:
        if args.n < 1:
            raise ValueError(f"{args.n}: the number of articles must be at least 1")
        if args.bible_dir is not None and not args.bible_dir.is_dir():
            raise ValueError(f"{args.bible_dir}: no such folder")
        records, truth = make_archive(args.n, args.seed, bible_dir=args.bible_dir)
        truth = write_archive(records, truth, args.out, args.truth)
    except (OSError, ValueError) as e:
        print(f"scan_archive: {e}", file=sys.stderr)
        return 2
    kinds = {k: sum(1 for g in truth.groups if g.kind == k) for k in KINDS}
    print(f"{len(records)} articles, {len(truth.unrelated)} unrelated, groups: {kinds}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
