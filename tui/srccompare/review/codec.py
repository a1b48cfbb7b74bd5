"""The annotation file's YAML: written in a stable shape, read back with every problem named.

The shape (``format: srccompare-annotations``, ``schema_version: 1``) is fixed by
DESIGN.md. Reading validates with msgspec against the Structs below, then turns
msgspec's message into one line a reviewer can act on (``'annotations[0].row'
must be a whole number``). Keys this version does not know are kept, so a file
written by a newer minor tool or edited by hand loses nothing on the next save.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, TypeVar

import msgspec

from srccompare.core.errors import UserError
from srccompare.core.yaml_guard import yaml_hazard
from srccompare.review.model import ANCHOR_STATES, Annotation, SourceRecord, Target, utc_now

FILE_FORMAT = "srccompare-annotations"
SCHEMA_VERSION = 1

# --------------------------------------------------------------------------- writing


class _Timestamp(str):
    """A str written as a plain YAML timestamp (``2026-01-02T10:05:00Z``), not quoted."""


class _Block(str):
    """A str written as a block scalar when it has several lines (reviewers' notes)."""


_ODD_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
"""Line breaks PyYAML folds when reading quoted or block scalars; only "double quotes" escape them."""


_DUMPER: type | None = None


def _dumper() -> type:
    """A SafeDumper that writes notes as block scalars and timestamps unquoted.

    PyYAML itself falls back to a quoted style whenever a block scalar could not
    round-trip (trailing spaces on a line, control characters), and quotes any
    plain value it would read back as something else (``no``, ``1.10``, ``12:30``).
    """
    global _DUMPER
    if _DUMPER is not None:
        return _DUMPER
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when present: much faster

    class Dumper(base):  # type: ignore[valid-type,misc]
        def ignore_aliases(self, data: Any) -> bool:  # every value written in full, no &anchors
            return True

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        text = str(value)
        style = '"' if "\n" in text or any(b in text for b in _ODD_BREAKS) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    def represent_block(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        text = str(value)
        if "\n" not in text or any(b in text for b in _ODD_BREAKS):
            return represent_str(dumper, text)
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")

    def represent_timestamp(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        text = str(value)
        resolved = dumper.resolve(yaml.ScalarNode, text, (True, False))
        if resolved == "tag:yaml.org,2002:timestamp":
            return dumper.represent_scalar(resolved, text)
        return represent_str(dumper, text)

    Dumper.add_representer(str, represent_str)
    Dumper.add_representer(_Timestamp, represent_timestamp)
    Dumper.add_representer(_Block, represent_block)
    _DUMPER = Dumper
    return Dumper


def dump_yaml(data: Any) -> str:
    """``data`` as YAML in the order given, unicode kept readable, lines never folded."""
    import yaml

    return yaml.dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**30,  # never fold long lines (libyaml needs a whole number)
        indent=2,
    )


def target_to_dict(target: Target) -> dict[str, Any]:
    return {
        "source": target.source,
        "start": target.start,
        "end": target.end,
        "exact": target.exact,
        "prefix": target.prefix,
        "suffix": target.suffix,
        "anchor": target.anchor,
    }


def annotation_to_dict(annotation: Annotation) -> dict[str, Any]:
    """The annotation's keys in the documented order, then the unknown ones it was read with."""
    out: dict[str, Any] = {
        "id": annotation.id,
        "row": annotation.row,
        "category": annotation.category,
        "severity": annotation.severity,
        "status": annotation.status,
        "note": _Block(annotation.note),
        "author": annotation.author,
        "created": _Timestamp(annotation.created),
        "modified": _Timestamp(annotation.modified),
        "targets": [target_to_dict(t) for t in annotation.targets],
    }
    for key, value in annotation.extra.items():
        out.setdefault(key, value)
    return out


def source_to_dict(record: SourceRecord) -> dict[str, Any]:
    return {"id": record.id, "path": record.path, "sha256": record.sha256}


def review_to_dict(
    sources: list[SourceRecord], annotations: list[Annotation], extra: dict[str, Any], generator: str
) -> dict[str, Any]:
    """The whole file as plain data, in the order DESIGN.md shows."""
    out: dict[str, Any] = {
        "format": FILE_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "generator": generator,
        "sources": [source_to_dict(s) for s in sources],
        "annotations": [annotation_to_dict(a) for a in annotations],
    }
    for key, value in extra.items():
        out.setdefault(key, value)
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD (the rest kept exactly)."""
    if isinstance(value, str):
        return type(value)(_SURROGATE.sub("\ufffd", value)) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {k: _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


def dump_review(data: dict[str, Any]) -> str:
    """``data`` (from :func:`review_to_dict`) as YAML; a lone surrogate (a broken paste) becomes U+FFFD."""
    try:
        return dump_yaml(data)
    except UnicodeEncodeError:  # a lone surrogate cannot be written as UTF-8
        return dump_yaml(_without_surrogates(data))


# --------------------------------------------------------------------------- reading


class _When(str):
    """A timestamp as the file gives it (a YAML timestamp, a date, or text), normalised by :func:`_decode`."""


def _when(value: Any) -> _When:
    """``value`` as ``YYYY-MM-DDTHH:MM:SSZ``; a naive time is taken as UTC, as it was written."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo is None else value.astimezone(UTC)
        return _When(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    if isinstance(value, date):
        return _When(f"{value.isoformat()}T00:00:00Z")
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"is not a date and time ({value!r})") from None
        return _when(parsed)
    raise ValueError("is not a date and time")


def _decode(kind: type, value: Any) -> Any:
    """msgspec's hook for the types it does not know; a ValueError becomes a ValidationError with the path."""
    if kind is _When:
        return _when(value)
    raise NotImplementedError(kind)


_Text = str | None
"""Optional text: ``None`` (or a missing key) means the default."""
_Count = Annotated[int, msgspec.Meta(ge=0)]


class _TargetIn(msgspec.Struct):
    source: str
    start: _Count
    end: _Count
    exact: _Text = None
    prefix: _Text = None
    suffix: _Text = None
    anchor: Literal["anchored", "relocated", "fuzzy", "orphan"] | None = None


class _AnnotationIn(msgspec.Struct):
    id: Annotated[str, msgspec.Meta(min_length=1)] | int
    row: int | None = None
    category: _Text = None
    severity: _Text = None
    status: _Text = None
    note: _Text = None
    author: _Text = None
    created: _When | None = None
    modified: _When | None = None
    targets: list[_TargetIn] | None = None


class _SourceIn(msgspec.Struct):
    id: str
    path: _Text = None
    sha256: _Text = None


class _Header(msgspec.Struct):
    schema_version: Annotated[int, msgspec.Meta(ge=1)]


_S = TypeVar("_S", bound=msgspec.Struct)


class _FileIn(msgspec.Struct):
    sources: list[_SourceIn] | None = None
    annotations: list[_AnnotationIn] | None = None


_ANNOTATION_KEYS = frozenset(_AnnotationIn.__struct_fields__)
_FILE_KEYS = frozenset({"format", "schema_version", "generator", *_FileIn.__struct_fields__})
_CHOICES = {"anchor": ANCHOR_STATES}
"""Allowed values of the fields typed as a Literal, for the message."""


def _explain(exc: msgspec.ValidationError) -> str:
    """msgspec's ``Expected `int`, got `str` - at `$.annotations[0].row``` as a reviewer's sentence."""
    text = str(exc)
    problem, _sep, at = text.partition(" - at `")
    where = at.rstrip("`").removeprefix("$").lstrip(".")
    missing = re.fullmatch(r"Object missing required field `([^`]+)`", problem)
    if missing:
        field = f"{where}.{missing.group(1)}" if where else missing.group(1)
        return f"'{field}' is missing"
    expected = re.match(r"Expected `([^`]+)`(.*?)(?:, got `[^`]+`)?$", problem)
    if expected:
        kinds, detail = set(expected.group(1).split(" | ")), expected.group(2)
        if "object" in kinds:
            return f"'{where}' must be a mapping"
        if "array" in kinds:
            return f"'{where}' must be a list"
        if "length >= 1" in detail:
            return f"'{where}' is missing"
        if "str" in kinds:
            return f"'{where}' must be text (put values like no, on or 1.10 in quotes)"
        if "int" in kinds:
            return f"'{where}' must not be negative" if ">= 0" in detail else f"'{where}' must be a whole number"
    if problem.startswith("Invalid enum value"):
        choices = _CHOICES.get(where.rpartition(".")[2])
        if choices:
            return f"'{where}' must be one of {', '.join(choices)}"
    return f"'{where}' {problem}" if where else problem


def _text_keys(value: Any) -> Any:
    """``value`` without mapping keys that are not text (msgspec refuses them; they are kept as extras)."""
    if isinstance(value, dict):
        return {k: _text_keys(v) for k, v in value.items() if isinstance(k, str)}
    if isinstance(value, list):
        return [_text_keys(v) for v in value]
    return value


def _convert(data: dict[Any, Any], kind: type[_S]) -> _S:
    """``data`` checked and converted to ``kind``; on failure, checked again without non-text keys.

    Those keys (``3: note`` typed by hand) are kept as extras; msgspec refuses them
    in a Struct, and stripping them up front would cost every load a walk of the file.
    """
    try:
        return msgspec.convert(data, kind, dec_hook=_decode)
    except msgspec.ValidationError:
        return msgspec.convert(_text_keys(data), kind, dec_hook=_decode)


@dataclass(slots=True)
class ParsedReview:
    sources: list[SourceRecord]
    annotations: list[Annotation]
    extra: dict[str, Any]


def unreadable(problem: str, path: str) -> UserError:
    """The one-line refusal for a file that is not a readable review (it is never written over)."""
    return UserError(f"is not a readable annotation file: {problem}; it was left untouched", path)


def parse_annotation_file(raw: bytes, path: str) -> ParsedReview:
    """Parse the bytes of an annotation file, or raise :class:`UserError` saying what is wrong."""
    import yaml

    if not raw.strip():
        return ParsedReview([], [], {})  # an empty file (just created by hand) is an empty review
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise unreadable("it is not UTF-8 text", path) from None
    try:
        hazard = yaml_hazard(text)  # a billion laughs, or nesting that crashes the C loader: refused unloaded
        if hazard:
            raise unreadable(hazard, path)
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise unreadable(f"broken YAML{where}", path) from None
    except (RecursionError, ValueError) as exc:
        raise unreadable(f"broken YAML ({exc})", path) from None
    if not isinstance(data, dict):
        raise unreadable("expected a mapping with 'format: srccompare-annotations'", path)
    if "format" not in data:
        raise unreadable(
            f"'format' is missing (not a srccompare annotation file? they start with 'format: {FILE_FORMAT}')", path
        )
    if data.get("format") != FILE_FORMAT:
        raise unreadable(f"'format' is {data.get('format')!r}, expected {FILE_FORMAT!r}", path)
    try:
        version = _convert(data, _Header).schema_version
    except msgspec.ValidationError:
        raise unreadable("'schema_version' must be a whole number from 1", path) from None
    if version > SCHEMA_VERSION:  # checked before the shapes: a newer file may be shaped otherwise
        raise UserError(
            f"was written by a newer srccompare (schema_version {version}; this version reads "
            f"{SCHEMA_VERSION}); upgrade srccompare — the file was left untouched",
            path,
        )
    try:
        parsed = _convert(data, _FileIn)
    except msgspec.ValidationError as exc:
        raise unreadable(_explain(exc), path) from None
    except RecursionError:
        raise unreadable("nested too deeply", path) from None
    raw_annotations = data.get("annotations") or []
    annotations = [
        _annotation(a, raw_annotations[i], f"annotations[{i}]", path) for i, a in enumerate(parsed.annotations or [])
    ]
    seen: set[str] = set()
    for ann in annotations:  # a hand-merged file may repeat an id: keep both, tell them apart
        if ann.id in seen:
            ann.id = str(uuid.uuid4())
        seen.add(ann.id)
    sources = [SourceRecord(s.id, s.path or "", s.sha256 or "") for s in parsed.sources or []]
    return ParsedReview(sources, annotations, {k: v for k, v in data.items() if k not in _FILE_KEYS})


def _annotation(item: _AnnotationIn, raw: dict[Any, Any], where: str, path: str) -> Annotation:
    targets = []
    for j, t in enumerate(item.targets or []):
        if t.end < t.start:
            raise unreadable(f"'{where}.targets[{j}]' ends before it starts", path)
        targets.append(
            Target(t.source, t.start, t.end, t.exact or "", t.prefix or "", t.suffix or "", t.anchor or "anchored")
        )
    created = item.created or utc_now()
    return Annotation(
        id=str(item.id),
        row=item.row,
        category=item.category if item.category is not None else "other",
        severity=item.severity if item.severity is not None else "major",
        status=item.status if item.status is not None else "open",
        note=item.note or "",
        author=item.author or "",
        created=str(created),
        modified=str(item.modified or created),
        targets=targets,
        extra={k: v for k, v in raw.items() if k not in _ANNOTATION_KEYS},
    )
