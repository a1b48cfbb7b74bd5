"""Configuration: built-in defaults, the user's file, and ``--config``; validated at load.

The defaults below are the single source of truth; ``config.yaml`` at the top of
the repository documents each of them and a test keeps the two equal. Settings
are validated with msgspec, so an unknown key or a wrong type is reported by its
dotted name (``align.match_threshold: expected a number, got a string``).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import msgspec

from srccompare.core.errors import UserError
from srccompare.core.flags_config import FlagsConfig
from srccompare.core.kinds import FLAG_KINDS, SEVERITIES

CONFIG_ENV = "SRCCOMPARE_CONFIG"


class _Section(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A section of the settings (``flags:`` is in :mod:`srccompare.core.flags_config`, with the same options)."""


class AlignConfig(_Section):
    """How paragraphs are paired."""

    match_threshold: float = 0.2
    """Lowest similarity at which paragraphs may share a row, on each pair's own scale:
    0 is how alike two unrelated paragraphs of these texts typically are, 1 how alike
    a paragraph and its best partner typically are (so reprints and paraphrases alike work).
    Two different stories on one event (few paragraphs with a clear partner) need up to
    0.3 more (``align.pairwise.pair_threshold``)."""
    identical_threshold: float = 0.999
    """Similarity at or above which a row counts as ``match`` rather than ``changed``."""
    max_group: int = 3
    """Most paragraphs of one source that may share a row (merges and splits)."""
    candidates_per_paragraph: int = 12
    """How many candidate partners the index proposes per paragraph before scoring."""
    detect_moves: bool = True
    """Look for paragraphs placed out of order and report them under ``moved``."""


class BoilerplateConfig(_Section):
    """What counts as page furniture in scraped copies."""

    patterns: list[str] = msgspec.field(
        default_factory=lambda: [
            r"^(read|show|see|load) (more|less|all)\b.*$",
            r"^\d+\s*(min|minute)s?\s+read$",
            r"^(share|share this|share this article|listen to this (story|article)|print|email|comments?|follow us.*)$",
            r"^(advertisement|sponsored( content)?|subscribe( now)?|sign up.*newsletter.*|newsletter)$",
            r"^.*\b(sign up|subscribe)( now| today| here| for free)?[.!]?$",
            r"^(news feed|menu|home|search|log ?in|sign ?in|skip to (main )?content)$",
            r"^(related|related (stories|articles|posts|news|coverage)|more from .*|recommended( for you)?|most read|trending( now)?|you may also like|read also|see also)\b.*$",
            r"^(photo|image|video)( credit)?:.*$",
            r"^.*\((?=[^()]*\)\.?$)[^()]*\b(getty images|reuters|ap photo|ap|afp|epa|shutterstock|bloomberg|photo|image|courtesy)\b",
            r"^(editor'?s note|correction|update):.*$",
            r"^(by|written by|author:)\s+[\w.'\- ]{2,60}$",
            r"^(copyright|©|all rights reserved).*$",
            r"^(this (article|story|report) (first |originally )?(appeared|was (first |originally )?published) (in|on|by)|(republished|reprinted) (with permission )?from)\b.*$",
            r"^(cookies?|we use cookies).*$",
            r"^(tags?|topics?|filed under):.*$",
        ]
    )
    """Regular expressions (case-insensitive, matched against a whole short paragraph)."""
    max_words: int = 40
    """Paragraphs longer than this are never taken for furniture by pattern alone."""
    repeated_title: bool = True
    """A paragraph that repeats the page title (headline shown twice) is furniture."""


class AnnotationsConfig(_Section):
    """The vocabulary of a review."""

    categories: list[str] = msgspec.field(
        default_factory=lambda: [
            "wrong-number",
            "wrong-name",
            "altered-quote",
            "misattribution",
            "omission",
            "addition",
            "contradiction",
            "translation-error",
            "other",
        ]
    )
    severities: list[str] = msgspec.field(default_factory=lambda: ["minor", "major", "critical"])
    statuses: list[str] = msgspec.field(default_factory=lambda: ["open", "confirmed", "dismissed", "resolved"])
    author: str = ""
    """Name written into new annotations; empty means the login name."""


class LimitsConfig(_Section):
    """How much one input may make srccompare read, so a huge or hostile file is refused, not swallowed."""

    max_source_mb: float = 200.0
    """Most megabytes (1 MB = 1,000,000 bytes) read from one source: a file, a named pipe or standard
    input. A larger one is refused, as is a .docx whose parts would unpack to more."""

    @property
    def max_source_bytes(self) -> int:
        return int(self.max_source_mb * 1_000_000)


class Config(_Section):
    align: AlignConfig = msgspec.field(default_factory=AlignConfig)
    boilerplate: BoilerplateConfig = msgspec.field(default_factory=BoilerplateConfig)
    annotations: AnnotationsConfig = msgspec.field(default_factory=AnnotationsConfig)
    flags: FlagsConfig = msgspec.field(default_factory=FlagsConfig)
    limits: LimitsConfig = msgspec.field(default_factory=LimitsConfig)
    keys: dict[str, str] = msgspec.field(default_factory=dict)
    """Binding id -> key(s), e.g. ``next_divergence: "n,space"``; see the app's help screen for ids."""


def user_config_path() -> Path:
    """The platform's config file for srccompare (e.g. ~/.config/srccompare/config.yaml)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("srccompare", appauthor=False)) / "config.yaml"


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml

    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError("no such file", str(path)) from None
    except IsADirectoryError:
        raise UserError("is a folder, not a config file", str(path)) from None
    except UnicodeDecodeError:
        raise UserError("is not UTF-8 text", str(path)) from None
    except OSError as exc:
        raise UserError(f"cannot be read ({exc.strerror})", str(path)) from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise UserError(f"is not valid YAML{where}", str(path)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UserError("must be a mapping of settings", str(path))
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


_PATH_RE = re.compile(r"`\$\.?([^`]*)`")


def _explain(exc: msgspec.ValidationError) -> str:
    """Turn msgspec's message into ``key.path: problem``."""
    text = str(exc)
    match = _PATH_RE.search(text)
    where = match.group(1) if match else ""
    problem = _PATH_RE.sub("", text).replace(" - at ", "").strip()
    unknown = re.match(r"Object contains unknown field `([^`]+)`", problem)
    if unknown:
        key = f"{where}.{unknown.group(1)}" if where else unknown.group(1)
        return f"unknown setting '{key}'"
    problem = problem[0].lower() + problem[1:] if problem else "invalid value"
    return f"'{where}': {problem}" if where else problem


def validate(data: dict[str, Any], path: str = "config") -> Config:
    try:
        config = msgspec.convert(data, Config)
    except msgspec.ValidationError as exc:
        raise UserError(_explain(exc), path) from None
    _check_patterns(config, path)
    return config


def _check_patterns(config: Config, path: str) -> None:
    for i, pattern in enumerate(config.boilerplate.patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise UserError(f"'boilerplate.patterns[{i}]' is not a valid regular expression ({exc})", path) from None
    _check_flags(config, path)
    for name, value in (("align.match_threshold", config.align.match_threshold),):
        if not 0.0 <= value <= 1.0:
            raise UserError(f"'{name}' must be between 0 and 1", path)
    if not 1e-6 <= config.limits.max_source_mb < float("inf"):  # at least one byte, and a number (not .nan)
        raise UserError("'limits.max_source_mb' must be a number above 0", path)


def _check_flags(config: Config, path: str) -> None:
    for kind, severity in config.flags.severity.items():
        if kind not in FLAG_KINDS:
            raise UserError(f"unknown flag kind 'flags.severity.{kind}' (kinds: {', '.join(FLAG_KINDS)})", path)
        if severity not in SEVERITIES:
            raise UserError(f"'flags.severity.{kind}' must be one of {', '.join(SEVERITIES)}", path)
    if not 0.0 <= config.flags.close_copy <= 1.0:
        raise UserError("'flags.close_copy' must be between 0 and 1", path)


def default_config() -> Config:
    return Config()


def _user_file_present(path: Path) -> bool:
    """Whether the user's config file is there; something there that cannot be read is reported, not ignored."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:  # a folder on the way that cannot be entered
        raise UserError(f"cannot be read ({exc.strerror or exc})", str(path)) from None
    if stat.S_ISDIR(mode):
        raise UserError("is a folder, not a config file", str(path))
    if not stat.S_ISREG(mode):  # a pipe or a device: reading could block or never end
        raise UserError("is not a regular file, so it cannot be a config file", str(path))
    return True


def load_config(explicit: str | os.PathLike[str] | None = None, *, use_user_file: bool = True) -> Config:
    """Defaults, overridden by the user's file, overridden by ``explicit`` (``--config``)."""
    data: dict[str, Any] = msgspec.to_builtins(Config())
    used = "defaults"
    if use_user_file and not os.environ.get("SRCCOMPARE_NO_USER_CONFIG"):
        user_file = Path(os.environ.get(CONFIG_ENV) or user_config_path())
        if _user_file_present(user_file):
            data = _merge(data, _read_yaml(user_file))
            used = str(user_file)
            validate(data, used)
    if explicit is not None:
        data = _merge(data, _read_yaml(Path(explicit)))
        used = str(explicit)
    return validate(data, used)
