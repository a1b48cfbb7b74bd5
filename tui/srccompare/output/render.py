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


def alignment_json(alignment: Alignment) -> str:
    """The alignment as indented JSON, C1 and bidi controls as ``\\u`` escapes (:func:`json_escaped`).

    Made one step at a time, each freeing the one before: a long alignment's
    dicts, its compact JSON and its indented JSON are each hundreds of
    megabytes, and were held all at once.
    """
    import msgspec

    encode = msgspec.json.encode
    # ``alignment.to_dict()`` encoded, a row at a time: the dicts of one row live at once, not all.
    head = alignment.to_dict_without_rows()
    compact = encode(head)[:-1] + b',"rows":[' + b",".join(encode(row.to_dict()) for row in alignment.rows) + b"]}"
    indented = msgspec.json.format(compact, indent=2)
    del compact
    text = indented.decode()
    del indented
    return json_escaped(text)


def render_alignment(alignment: Alignment, fmt: str, width: int | None = None) -> str:
    if fmt == "json":
        return alignment_json(alignment)
    if fmt == "yaml":
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return yaml.dump(alignment.to_dict(), Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    from srccompare.output.table import render_table

    return render_table(alignment, width=width)
