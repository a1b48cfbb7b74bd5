"""Alignment as text for people (a side-by-side table) or as JSON/YAML for scripts."""

from __future__ import annotations

import json

from srccompare.core.model import Alignment
from srccompare.core.visible import json_escaped


def render_alignment(alignment: Alignment, fmt: str, width: int | None = None) -> str:
    if fmt == "json":
        return json_escaped(json.dumps(alignment.to_dict(), ensure_ascii=False, indent=2))  # C1, bidi as \u escapes
    if fmt == "yaml":
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return yaml.dump(alignment.to_dict(), Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    from srccompare.output.table import render_table

    return render_table(alignment, width=width)
