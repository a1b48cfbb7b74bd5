"""Page furniture in scraped copies: menus, "Read more", bylines, captions, teasers.

Two passes, because the strongest cue for furniture is having no partner:

* :func:`furniture_by_rule` runs before alignment and marks what is furniture on
  its face: paragraphs whose every line matches a configured pattern, and lines
  repeated within one source (a headline shown twice, a menu item repeated).
* :func:`furniture_by_structure` runs after alignment, only on paragraphs that
  found no partner in any other source, and marks the ones shaped like furniture:
  short lines without sentence punctuation, teaser blocks (a headline line over a
  blurb), author boxes.

A paragraph with a partner is never furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from srccompare.core.config import BoilerplateConfig
from srccompare.core.model import Source
from srccompare.text.normalize import collapse_spaces, fold_punctuation, normalize_text

SENTENCE_END = (".", "!", "?", "…")
CLOSERS = "'\")]»”’"
SHORT_LINE_WORDS = 12
HEADLINE_WORDS = 25
AUTHOR_BOX = re.compile(
    r"^[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){1,3} (?:is|was|has been) (?:a|an|the)\b.{0,80}?"
    r"\b(?:editor|reporter|correspondent|writer|journalist|columnist|contributor|author|producer|"
    r"photographer|analyst|intern|fellow)\b",
)


@lru_cache(maxsize=16)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else re.compile(r"(?!)")


def clean_line(line: str) -> str:
    """A line as patterns see it: quote and dash styles folded, spaces collapsed."""
    return collapse_spaces(fold_punctuation(line))


def lines_of(text: str, wrapped: bool = False) -> list[str]:
    """The logical lines of a paragraph: a line that runs on into the next is rejoined.

    A break inside a sentence (the next line starts in lower case) is reflow, not
    structure, so hard-wrapped prose is judged like the same prose on one line.
    In a source known to be hard-wrapped (``meta["hard_wrapped"]``) no break is structure.
    """
    if wrapped:
        line = clean_line(text)
        return [line] if line else []
    out: list[str] = []
    for raw in text.split("\n"):
        line = clean_line(raw)
        if not line:
            continue
        if out and not ends_sentence(out[-1]) and (line[0].islower() or line[0].isdigit()):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def is_pattern_line(line: str, config: BoilerplateConfig) -> bool:
    if len(line.split(None, config.max_words)) > config.max_words:  # (a prose line is not split to its end)
        return False
    return _compiled(tuple(config.patterns)).match(line) is not None


def is_title_like(line: str, max_words: int = SHORT_LINE_WORDS) -> bool:
    """A short line with no sentence punctuation at its end: a heading, a menu item, a name."""
    words = line.split(None, max_words)  # up to one more than allowed (a prose line is not split to its end)
    return 0 < len(words) <= max_words and not ends_sentence(line)


def ends_sentence(line: str) -> bool:
    """Ends with sentence punctuation, possibly inside a closing quote or bracket (``...," he said."``)."""
    return line.rstrip().rstrip(CLOSERS).endswith(SENTENCE_END)


def is_headline(line: str) -> bool:
    return is_title_like(line, HEADLINE_WORDS)


def furniture_by_rule(sources: Sequence[Source], config: BoilerplateConfig) -> list[set[int]]:
    """Per source, the paragraphs that are furniture on their face (before alignment)."""
    out: list[set[int]] = []
    for source in sources:
        marked: set[int] = set()
        wrapped = bool(source.meta.get("hard_wrapped"))
        para_lines = [lines_of(source.paragraph_text(i), wrapped) for i in range(len(source.paragraphs))]
        seen_lines: Counter[str] = Counter()
        longest_title = 0
        if config.repeated_title:
            for lines in para_lines:
                titles = [line for line in lines if is_title_like(line)]
                seen_lines.update({normalize_text(line) for line in titles})
                longest_title = max([longest_title, *map(len, titles)])
        first_seen: set[str] = set()
        for i, lines in enumerate(para_lines):
            if not lines:
                continue
            furniture = 0
            for line in lines:
                title_like = is_title_like(line)
                # Only a line about as long as a title can read the same as one (and prose lines are many).
                key = normalize_text(line) if title_like or len(line) <= 2 * longest_title else None
                repeated = config.repeated_title and key is not None and title_like and seen_lines[key] > 1
                if is_pattern_line(line, config) or (repeated and (key in first_seen or len(lines) > 1)):
                    furniture += 1
                if key is not None:
                    first_seen.add(key)
            if furniture == len(lines):
                marked.add(i)
            elif furniture and all(is_title_like(line) or is_pattern_line(line, config) for line in lines):
                marked.add(i)
        marked |= _page_titles(para_lines, marked)
        out.append(marked)
    return out


MAX_TITLE_CUTS = 8
"""Separators of a line tried as the end of a heading before " | Site Name" (a title has few; prose may have many)."""
_SITE_SEPARATOR = re.compile(r"\s*[|–—•·:-]\s*\S")


def _page_titles(para_lines: list[list[str]], marked: set[int]) -> set[int]:
    """The browser's title of a scraped page: another heading plus " | Site Name", or, at the very
    top and right above the menu, any heading that ends in " - Site Name"."""
    headings = {normalize_text(lines[0]) for lines in para_lines if len(lines) == 1 and is_headline(lines[0])}
    out: set[int] = set()
    for i, lines in enumerate(para_lines):
        if len(lines) != 1 or not is_headline(lines[0]):
            continue  # a browser title is one short line, a headline itself
        line = lines[0]
        cuts = [m.start() for m in _SITE_SEPARATOR.finditer(line)] if headings else []
        whole = normalize_text(line) if cuts else ""
        if any((key := normalize_text(line[:cut])) in headings and key != whole for cut in cuts[:MAX_TITLE_CUTS]):
            out.add(i)
        elif (
            i == 0 and cuts and is_headline(line) and _is_site_name(line[cuts[-1] :]) and _menu_like(para_lines, marked)
        ):
            out.add(i)
    return out


def _menu_like(para_lines: list[list[str]], marked: set[int]) -> bool:
    """Whether the second paragraph is furniture or short lines without sentences (a menu, a breadcrumb)."""
    return len(para_lines) > 1 and (1 in marked or all(is_headline(line) for line in para_lines[1]))


def _is_site_name(tail: str) -> bool:
    words = tail.strip(" |–—•·:-").split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def looks_like_furniture(text: str, config: BoilerplateConfig, wrapped: bool = False) -> bool:
    """Shape cues for a paragraph that has no partner anywhere."""
    lines = lines_of(text, wrapped)
    if not lines:
        return False
    if all(is_headline(line) or is_pattern_line(line, config) for line in lines):
        return True
    if len(lines) > 1 and is_headline(lines[0]):
        return True  # a teaser: a headline line over its blurb
    if AUTHOR_BOX.match(lines[0]) and len(" ".join(lines).split()) <= 2 * config.max_words:
        return True
    return False


def furniture_by_structure(source: Source, unmatched: set[int], config: BoilerplateConfig) -> set[int]:
    """Among ``unmatched`` paragraphs of ``source``, those shaped like furniture."""
    wrapped = bool(source.meta.get("hard_wrapped"))
    return {i for i in unmatched if looks_like_furniture(source.paragraph_text(i), config, wrapped)}
