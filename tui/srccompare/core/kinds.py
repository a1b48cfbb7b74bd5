"""The closed vocabularies of srccompare, defined once: severities, row kinds, flag kinds.

They are ``StrEnum`` members, so they compare equal to the plain strings that
the JSON, the YAML review file and the config use, and serialise as those strings.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Severity(StrEnum):
    """How much a divergence matters, weakest first."""

    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class RowKind(StrEnum):
    """What a row of the alignment holds."""

    MATCH = "match"
    CHANGED = "changed"
    ONLY = "only"
    BOILERPLATE = "boilerplate"


class FlagKind(StrEnum):
    """What kind of discrepancy a flag reports, in the order a reviewer should read them when severities tie."""

    NUMBER = "number"
    NEGATION = "negation"
    QUOTE = "quote"
    NAME = "name"
    DATE = "date"
    TITLE = "title"
    MISATTRIBUTION = "misattribution"
    OMISSION = "omission"
    ADDITION = "addition"
    SPELLING = "spelling"
    BOILERPLATE = "boilerplate"


SeverityName = Literal["minor", "major", "critical"]

SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
"""Weakest first: ``minor``, ``major``, ``critical``."""
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}
"""Severity -> rank, higher is more serious; unknown names rank as ``minor`` via ``.get(name, 0)``."""
ROW_KINDS: tuple[str, ...] = tuple(k.value for k in RowKind)
FLAG_KINDS: tuple[str, ...] = tuple(k.value for k in FlagKind)
"""Flag kinds, changes of fact first (ties in severity are read in this order)."""

STDIN_NAME = "<stdin>"
"""How a source piped on standard input is named, in messages and in the review file."""


def severity_rank(severity: str) -> int:
    return SEVERITY_RANK.get(severity, 0)
