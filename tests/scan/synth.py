"""Synthetic archives for the scan tests: made-up words, planted versions, unrelated articles.

Nothing here is outside text: words are built from syllables, so every
article is original and the planted sets are the only versions there are.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SYLLABLES = "ka lo mi ne su ta ri po ve da ul or en is ar mo be fi gu ho ja ke".split()


def vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    """Made-up content words of 3 to 5 syllables."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))))
    return sorted(words)


FUNCTION_WORDS = [a + b for a in "kmt" for b in "aeiou"] + ["o", "e", "ka", "lo"]
"""Short words every article uses (as the, of, and are in English): two letters, so never content tokens."""


def article(rng: random.Random, vocab: list[str], words: int = 300) -> str:
    """An article on a topic of its own: function words and about 80 content words, names and numbers."""
    topic = rng.sample(vocab, 80)
    paragraphs, count = [], 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            n = rng.randint(8, 18)
            chosen = [rng.choice(topic) if rng.random() < 0.45 else rng.choice(FUNCTION_WORDS) for _ in range(n)]
            chosen[rng.randrange(n)] = rng.choice(topic).capitalize() + " " + str(rng.randint(2, 9999))
            sentences.append(" ".join(chosen).capitalize() + ".")
            count += n
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def edited(rng: random.Random, vocab: list[str], text: str, rate: float = 0.04) -> str:
    """A copy with about ``rate`` of its words replaced and one paragraph dropped or added."""
    paragraphs = text.strip().split("\n\n")
    out = []
    for p in paragraphs:
        tokens = p.split(" ")
        for i in range(len(tokens)):
            if rng.random() < rate:
                tokens[i] = rng.choice(vocab)
        out.append(" ".join(tokens))
    if len(out) > 3 and rng.random() < 0.5:
        del out[rng.randrange(1, len(out))]
    else:
        out.insert(rng.randrange(1, len(out) + 1), article(rng, vocab, 30).strip())
    return "\n\n".join(out) + "\n"


def truncated(text: str, share: float = 0.6) -> str:
    paragraphs = text.strip().split("\n\n")
    keep = max(2, round(len(paragraphs) * share))
    return "\n\n".join(paragraphs[:keep]) + "\n"


@dataclass
class Archive:
    records: list[dict] = field(default_factory=list)
    groups: list[set[str]] = field(default_factory=list)


def make_archive(n_unrelated: int, n_groups: int, seed: int = 7, prefix: str = "a") -> Archive:
    """``n_groups`` stories with 2 to 4 versions each (reprint, edited, truncated), among unrelated articles."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    archive = Archive()
    number = 0

    def add(text: str, date: str | None = None) -> str:
        nonlocal number
        article_id = f"{prefix}{number:05d}"
        number += 1
        archive.records.append({"id": article_id, "text": text, "date": date, "source": f"outlet-{number % 7}"})
        return article_id

    for g in range(n_groups):
        original = article(rng, vocab, rng.randint(250, 400))
        versions = [original]
        kinds = rng.sample(["reprint", "edited", "truncated"], rng.randint(1, 3))
        for kind in kinds:
            if kind == "reprint":
                versions.append(original.replace(". ", ".  ").replace("\n\n", "\n\n\n"))
            elif kind == "edited":
                versions.append(edited(rng, vocab, original))
            else:
                versions.append(truncated(original))
        archive.groups.append({add(v, f"2024-0{1 + g % 9}-1{i}") for i, v in enumerate(versions)})
    for _ in range(n_unrelated):
        add(article(rng, vocab, rng.randint(200, 400)))
    rng.shuffle(archive.records)
    return archive


def reworded(rng: random.Random, text: str) -> str:
    """A rewording: each sentence's words shuffled and its function words changed, facts and content kept.

    Hardly a 5-word shingle survives (tier 1 cannot see it), but the names,
    numbers and content words of every paragraph do (tier 2 can).
    """
    paragraphs = []
    for paragraph in text.strip().split("\n\n"):
        sentences = []
        for sentence in paragraph.split(". "):
            words = sentence.rstrip(".").split(" ")
            words = [rng.choice(FUNCTION_WORDS) if w.lower() in FUNCTION_WORDS else w for w in words]
            head, rest = words[:2], words[2:]
            rng.shuffle(rest)
            sentences.append(" ".join(head + rest) + ".")
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"
