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


class ScanConfig(_Section):
    """``srccompare scan``: how an archive is cut into version sets (word-shingle MinHash, then content tokens)."""

    shingle_words: int = 5
    """Words per shingle (tier 1): reprints and edited copies share long runs of words."""
    permutations: int = 128
    """MinHash permutations of the tier-1 signature (its length)."""
    bands: int = 37
    """LSH bands of the tier-1 signature; two articles are candidates when all rows of one band agree."""
    rows_per_band: int = 3
    """Signature values per band; ``bands * rows_per_band`` may not exceed ``permutations``."""
    seed: int = 1
    """Seed of the permutations; changing it changes every signature (an OUTDIR keeps the one it began with)."""
    max_bucket: int = 200
    """Most articles in one band bucket that are all paired with each other; a larger bucket (page
    furniture, a template) pairs each member with the next one only, and is counted in summary.md."""
    accept_jaccard: float = 0.6
    """Estimated shingle Jaccard at or above which a candidate pair is accepted without reading the texts."""
    reject_similarity: float = 0.15
    """Below this, on both the estimated Jaccard and the estimated containment (the share of the shorter
    article's shingles found in the longer one), a candidate pair is rejected without reading the texts."""
    min_text_similarity: float = 0.7
    """Borderline pairs (between the two above) are accepted when this share of the shorter article's words
    appears in the longer one in the same order (rapidfuzz's longest common subsequence)."""
    tier2_permutations: int = 128
    """MinHash permutations of the tier-2 signature (content tokens: names, numbers, dates, rare words)."""
    tier2_bands: int = 42
    """LSH bands of the tier-2 signature."""
    tier2_rows_per_band: int = 3
    """Signature values per tier-2 band."""
    tier2_min_jaccard: float = 0.15
    """Tier-2 candidates whose estimated content-token Jaccard is below this are not given to the aligner."""
    tier2_max_df: int = 200
    """Tokens that more than this many articles carry are left out of the tier-2 signature (0: no such
    cap). A cap in articles keeps the candidate pairs growing with the archive, not with its square: a
    token shared by ``d`` articles can make ``d * d / 2`` pairs."""
    tier2_max_df_share: float = 1.0
    """Tokens that more than this share of the articles carry are left out of the tier-2 signature (1: no
    such cap); the lower of the two caps applies. Counted over the archive as first scanned and each batch
    added since (a batch's own articles are signed with the counts up to it)."""
    tier2_per_article: int = 3
    """Most tier-2 candidates aligned per article: its best by estimated Jaccard among the articles before it
    in the archive (aligning a pair costs tens of milliseconds; a story's many topical neighbours rank lower)."""
    tier2_min_linked: int = 2
    """Paragraphs the aligner must link before a tier-2 pair (a paraphrase or translation) is accepted."""
    tier2_min_share: float = 0.5
    """Share of each text of a tier-2 pair that must lie in linked sentences; a smaller share (from 0.2) is
    enough when the two also share names, numbers and dates (another outlet's rewrite, a machine translation)."""
    tier2_set_edges: int = 2
    """Verified tier-2 pairs needed to join two groups of tier-1 versions (one pair if either group is a single
    article), so one loose pair cannot chain two unrelated sets."""
    max_article_mb: float = 5.0
    """Most megabytes of one article (a file of a folder, a JSON line, a Parquet text); larger ones are
    skipped and counted in summary.md."""
    partition_articles: int = 5000
    """Articles per partition: the unit of work handed to a Dask worker and of the files kept in OUTDIR/.stages."""
    band_shards: int = 0
    """Files the band tables are split into for finding candidates; 0 chooses from the first run's size."""
    review_members: int = 6
    """Members of a set copied to review/<set-id>/ (the app opens 2 to 6 sources)."""
    worker_malloc_trim_mb: float = 256.0
    """MALLOC_TRIM_THRESHOLD_ given to local Dask workers: Dask's own 64 KB made numpy stages 1.6x slower."""

    @property
    def max_article_bytes(self) -> int:
        return int(self.max_article_mb * 1_000_000)


class Config(_Section):
    align: AlignConfig = msgspec.field(default_factory=AlignConfig)
    boilerplate: BoilerplateConfig = msgspec.field(default_factory=BoilerplateConfig)
    annotations: AnnotationsConfig = msgspec.field(default_factory=AnnotationsConfig)
    flags: FlagsConfig = msgspec.field(default_factory=FlagsConfig)
    limits: LimitsConfig = msgspec.field(default_factory=LimitsConfig)
    scan: ScanConfig = msgspec.field(default_factory=ScanConfig)
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
    _check_scan(config.scan, path)


def _check_scan(scan: ScanConfig, path: str) -> None:
    for name in ("accept_jaccard", "reject_similarity", "min_text_similarity", "tier2_min_jaccard", "tier2_min_share"):
        if not 0.0 <= getattr(scan, name) <= 1.0:
            raise UserError(f"'scan.{name}' must be between 0 and 1", path)
    if not 0.0 < scan.tier2_max_df_share <= 1.0:
        raise UserError("'scan.tier2_max_df_share' must be above 0 and at most 1 (1: no cap)", path)
    if scan.tier2_max_df < 0:
        raise UserError("'scan.tier2_max_df' must be 0 (no cap) or more", path)
    positive = ("shingle_words", "permutations", "bands", "rows_per_band", "tier2_permutations", "tier2_bands")
    more = ("tier2_rows_per_band", "max_bucket", "partition_articles", "tier2_min_linked", "tier2_per_article")
    for name in positive + more + ("tier2_set_edges",):
        if getattr(scan, name) < 1:
            raise UserError(f"'scan.{name}' must be at least 1", path)
    if scan.bands * scan.rows_per_band > scan.permutations:
        raise UserError("'scan.bands' times 'scan.rows_per_band' may not exceed 'scan.permutations'", path)
    if scan.tier2_bands * scan.tier2_rows_per_band > scan.tier2_permutations:
        raise UserError(
            "'scan.tier2_bands' times 'scan.tier2_rows_per_band' may not exceed 'scan.tier2_permutations'", path
        )
    if not 2 <= scan.review_members <= 6:
        raise UserError("'scan.review_members' must be between 2 and 6 (the app opens 2 to 6 sources)", path)
    if scan.band_shards < 0 or not 1e-6 <= scan.max_article_mb < float("inf"):
        raise UserError("'scan.band_shards' must be 0 or more and 'scan.max_article_mb' above 0", path)
    if not 0.0 <= scan.worker_malloc_trim_mb < float("inf"):
        raise UserError("'scan.worker_malloc_trim_mb' must be a number, 0 or more", path)


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
