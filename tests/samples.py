"""The bundled sample stories and their expected results, for any test that needs them.

``samples/<story>/expected.yaml`` says how each version of a story should align
with the original and which differences must (or must not) be flagged. This
module loads it and turns its exact-text entries into code-point spans, so
tests compare against data instead of repeating it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from srccompare.core.model import Span

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DEFAULT_STORY = "harbour-strike"


def stories() -> list[str]:
    """Every sample story that has an ``expected.yaml``, by name."""
    return sorted(d.name for d in SAMPLES.iterdir() if (d / "expected.yaml").is_file())


def story_dir(story: str = DEFAULT_STORY) -> Path:
    return SAMPLES / story


@cache
def _load(story: str) -> dict[str, Any]:
    with (story_dir(story) / "expected.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_expected(story: str = DEFAULT_STORY) -> dict[str, Any]:
    """The parsed ``expected.yaml`` of ``story`` (a fresh copy: callers may mutate it)."""
    import copy

    return copy.deepcopy(_load(story))


def original_path(story: str = DEFAULT_STORY) -> Path:
    return story_dir(story) / _load(story)["original"]["file"]


def version_paths(story: str = DEFAULT_STORY) -> list[Path]:
    """The non-original versions, in the order ``expected.yaml`` lists them."""
    return [story_dir(story) / v["file"] for v in _load(story)["versions"]]


def all_paths(story: str = DEFAULT_STORY) -> list[Path]:
    """Every version of the story, original first (the folder's name order)."""
    return [original_path(story), *version_paths(story)]


def version_expectation(file_name: str, story: str = DEFAULT_STORY) -> dict[str, Any]:
    for entry in load_expected(story)["versions"]:
        if entry["file"] == file_name:
            return entry
    raise KeyError(file_name)


def read_text(path: Path) -> str:
    """A sample file's text as srccompare reads it (decoded, newlines as ``\\n``): what spans index."""
    from srccompare.inputs.sources import read_source

    return read_source(path).text


def locate(text: str, exact: str) -> Span:
    """The span of ``exact`` in ``text``; it must occur exactly once."""
    first = text.find(exact)
    if first < 0:
        raise ValueError(f"not found: {exact!r}")
    if text.find(exact, first + 1) >= 0:
        raise ValueError(f"occurs more than once: {exact!r}")
    return Span(first, first + len(exact))


@dataclass(frozen=True)
class Located:
    """One ``discrepancies`` or ``harmless`` entry with its spans resolved.

    ``original_span`` / ``version_span`` are None where the entry says ``null``
    (an omitted or an added paragraph).
    """

    version: str
    kind: str | None
    original: str | None
    changed: str | None
    original_span: Span | None
    version_span: Span | None
    note: str | None = None


def _locate_entry(entry: dict[str, Any], story: str) -> Located:
    original_text = read_text(original_path(story))
    version_text = read_text(story_dir(story) / entry["version"])
    return Located(
        version=entry["version"],
        kind=entry.get("kind"),
        original=entry["original"],
        changed=entry["changed"],
        original_span=None if entry["original"] is None else locate(original_text, entry["original"]),
        version_span=None if entry["changed"] is None else locate(version_text, entry["changed"]),
        note=entry.get("note"),
    )


def discrepancies(story: str = DEFAULT_STORY) -> list[Located]:
    """The planted discrepancies, each with its spans in the original and the version."""
    return [_locate_entry(e, story) for e in _load(story)["discrepancies"]]


def harmless(story: str = DEFAULT_STORY) -> list[Located]:
    """Differences that must raise no number/name/quote flag, with their spans."""
    return [_locate_entry(e, story) for e in _load(story)["harmless"]]


def spans_overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


@dataclass(frozen=True)
class Planted:
    """A planted discrepancy (or harmless variant) between two files of a story, any two.

    ``texts`` maps each of the two files to its exact text (None: missing there);
    ``spans`` holds the located spans of the texts that are not None. Entries
    against the original and ``*_between_versions`` entries load the same way.
    """

    story: str
    kind: str | None
    between: tuple[str, str]
    texts: dict[str, str | None]
    spans: dict[str, Span]
    note: str | None = None

    @property
    def label(self) -> str:
        a, b = self.between
        return f"{self.story}:{a}~{b}:{self.kind or self.note}"


def _planted(story: str, kind: str | None, texts: dict[str, str | None], note: str | None) -> Planted:
    spans = {f: locate(read_text(story_dir(story) / f), t) for f, t in texts.items() if t is not None}
    files = tuple(texts)
    return Planted(story, kind, (files[0], files[1]), dict(texts), spans, note)


def planted(story: str = DEFAULT_STORY, harmless: bool = False) -> list[Planted]:
    """Every planted discrepancy of ``story`` (or harmless variant, with ``harmless``): those against
    the original (``discrepancies`` / ``harmless``) and those between two versions
    (``discrepancies_between_versions`` / ``harmless_between_versions``)."""
    data = _load(story)
    original = data["original"]["file"]
    out = []
    for e in data.get("harmless" if harmless else "discrepancies") or []:
        texts = {original: e["original"], e["version"]: e["changed"]}
        out.append(_planted(story, e.get("kind"), texts, e.get("note")))
    for e in data.get("harmless_between_versions" if harmless else "discrepancies_between_versions") or []:
        texts = {f: e["text"].get(f) for f in e["between"]}
        out.append(_planted(story, e.get("kind"), texts, e.get("note")))
    return out
