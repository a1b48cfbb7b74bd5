"""YAML that would make a loader explode is found before it is loaded.

An alias repeats a node without repeating its text, so ten short lines can
stand for a billion nodes (a "billion laughs": 11.5 GB for one review file).
PyYAML's C loader also overflows the stack on nesting a few hundred thousand
levels deep, and its scanner slows quadratically on deeply nested brackets.
srccompare's review files hold no anchors or aliases and nest a few levels, so
such a file can be refused outright, in time linear in its length.
"""

from __future__ import annotations

import re

MAX_DEPTH = 100
"""Most levels of nested lists and mappings; a review file has about six."""
MAX_OPEN_BRACKETS = 1000
"""Most ``[``/``{`` open at once, counted in the raw text (quoted ones too), before the parser sees it."""

_BRACKET = re.compile(r"[\[\]{}]")


def _bracket_depth(text: str) -> int:
    """The most brackets open at once, quotes ignored: an upper bound on flow nesting, cheap to get."""
    if text.count("[") + text.count("{") <= MAX_OPEN_BRACKETS:
        return 0
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


def yaml_hazard(text: str) -> str | None:
    """What makes ``text`` unsafe to load (an alias or anchor, nesting too deep), or None.

    Raises ``yaml.YAMLError`` for text that is not YAML at all.
    """
    if _bracket_depth(text) > MAX_OPEN_BRACKETS:
        return f"it is nested more than {MAX_OPEN_BRACKETS} brackets deep"
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return "it uses YAML anchors or aliases (&name, *name), which review files never hold"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return f"it is nested more than {MAX_DEPTH} levels deep"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None
