"""Alignment as text for people (a side-by-side table) or as JSON/YAML for scripts."""

from __future__ import annotations

from typing import Any

from srccompare.core.model import Alignment
from srccompare.core.visible import json_escaped


def to_json(data: Any) -> str:
    """JSON indented by two spaces, non-ASCII kept, as ``json.dumps(..., ensure_ascii=False, indent=2)``
    writes it (exponents aside: ``1e-7``, not ``1e-07``), but encoded in C (msgspec): a long
    alignment's JSON costs milliseconds, not a second."""
    import msgspec

    return msgspec.json.format(msgspec.json.encode(data), indent=2).decode()


def render_alignment(alignment: Alignment, fmt: str, width: int | None = None) -> str:
    if fmt == "json":
        return json_escaped(to_json(alignment.to_dict()))  # C1, bidi as \u escapes
    if fmt == "yaml":
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return yaml.dump(alignment.to_dict(), Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    from srccompare.output.table import render_table

    return render_table(alignment, width=width)
