"""Small generated stories for the engine tests (original text; nothing third-party)."""

from __future__ import annotations

import random

from srccompare.core.model import Source
from srccompare.inputs.sources import build_source

STORY = [
    "Harbour pilots in Velmora walked off the job on Monday, stopping 41 container ships at anchor.",
    "The pilots' union said the strike would last 30 days unless the port authority restored night-shift pay.",
    "Port director Agnieszka Wróbel called the stoppage reckless and warned of losses near 12 million euros a week.",
    "Ferries to the islands kept running because their captains hold their own pilotage licences.",
    "Fishermen blocked the northern quay on Tuesday in support, carrying banners about unpaid overtime.",
    "The transport ministry offered mediation, but union leader Tomasz Kielar said talks had not begun.",
    "Economists expect fuel prices on the coast to rise if tankers cannot berth before the weekend.",
    "A spokesman for the shipping line Norvane confirmed that three vessels had been diverted to Gdynia.",
]

REWORDED = [
    "On Monday harbour pilots in Velmora stopped work, leaving 41 container ships waiting at anchor.",
    "Their union said the stoppage would run for 30 days unless night-shift pay was brought back by the port authority.",
    "Agnieszka Wrobel, the port director, described the strike as reckless and put weekly losses near 12 million euros.",
    "Island ferries were unaffected, since their captains hold pilotage licences of their own.",
    "On Tuesday fishermen blocked the northern quay in solidarity, with banners about unpaid overtime.",
    "Mediation was offered by the transport ministry; union leader Tomasz Kielar said no talks had started.",
    "Fuel on the coast is expected by economists to cost more if tankers cannot berth before the weekend.",
    "Norvane, a shipping line, confirmed through a spokesman that three ships had gone to Gdynia instead.",
]

WORDS = (
    "harbour pilot ship quay union strike ferry island tanker fuel price minister talks crane berth cargo "
    "night shift pay wage court ruling council mayor river bridge tunnel storm warning coast fishermen "
    "banner vote deadline contract lawyer audit budget deficit tax grain steel timber export import"
).split()


def source(name: str, paragraphs: list[str], taken: set[str] | None = None, sep: str = "\n\n") -> Source:
    text = sep.join(paragraphs) + "\n"
    return build_source(name, text, {}, taken if taken is not None else set())


def sources(*versions: list[str]) -> list[Source]:
    taken: set[str] = set()
    return [source(f"v{k}.txt", paras, taken) for k, paras in enumerate(versions)]


def random_paragraphs(rng: random.Random, n: int) -> list[str]:
    """``n`` paragraphs of made-up prose, each with a distinctive number and rare words."""
    out = []
    for k in range(n):
        words = rng.choices(WORDS, k=rng.randint(12, 30))
        words.insert(rng.randrange(len(words)), f"{rng.randint(10, 9999)}")
        words.insert(rng.randrange(len(words)), f"Zorvik{k}a")
        out.append(" ".join(words).capitalize() + ".")
    return out
