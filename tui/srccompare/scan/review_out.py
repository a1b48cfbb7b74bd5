"""``review/<set-id>/``: a set's chosen members as files the app opens, and a manifest of all members.

The folder belongs to the reviewer as much as to the scan: a review saved in
it (``srccompare-review.yaml``, drafts, notes) points at the member files
beside it. So the scan only ever touches the files its own manifest lists;
once anything else is there the member files stay exactly as they are and
only the manifest is rewritten. Every run writes these files afresh, so they are
written atomically but not fsynced (the fsyncs were most of the set stage's CPU
time; summary.md, written last, is). When sets merge, a reviewed folder moves whole
into the surviving set's folder (``merged-<old-id>/``), so its review still
opens with its own sources; an unreviewed one is simply removed.
"""

from __future__ import annotations

import errno
import os
import shlex
from pathlib import Path
from typing import Any

import yaml

from srccompare.core.atomic import atomic_write_text
from srccompare.scan.names import member_file_name

MANIFEST = "manifest.yaml"
FORMAT = "srccompare-scan-set"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: a set stage reads thousands
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / MANIFEST
    if not path.is_file() or path.is_symlink():
        return None
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def our_files(folder: Path, manifest: dict[str, Any] | None = None) -> set[str]:
    """The names the scan wrote in ``folder`` (its manifest and the member files it lists)."""
    manifest = manifest if manifest is not None else read_manifest(folder)
    if manifest is None:
        return set()
    files = manifest.get("files") or []
    return {MANIFEST} | {str(f) for f in files if isinstance(f, str)}


def user_entries(folder: Path, ours: set[str] | None = None) -> list[str]:
    """What the reviewer put in ``folder``: everything the scan did not write."""
    if not folder.is_dir():
        return []
    ours = ours if ours is not None else our_files(folder)
    return sorted(e.name for e in os.scandir(folder) if e.name not in ours)


def is_reviewed(folder: Path) -> bool:
    return bool(user_entries(folder))


def retire(folder: Path, into: Path) -> str:
    """A set's folder whose set merged into another: moved whole into ``into`` when reviewed, else removed.

    Returns what was done, for the merge log.
    """
    if not folder.is_dir():
        return "no review folder"
    if is_reviewed(folder):
        into.mkdir(parents=True, exist_ok=True)
        target = into / f"merged-{folder.name}"
        n = 2
        while target.exists() or target.is_symlink():
            target = into / f"merged-{folder.name}-{n}"
            n += 1
        os.rename(folder, target)
        return f"review moved to {target.parent.name}/{target.name}"
    remove_ours(folder)
    return "review folder removed (no review saved in it)"


def remove_ours(folder: Path) -> None:
    """Remove the scan's files from ``folder``, and the folder when nothing else is left."""
    for name in our_files(folder):
        path = folder / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
    try:
        folder.rmdir()
    except OSError:
        pass


def write_set_folder(
    folder: Path, set_id: str, members: list[dict[str, Any]], chosen: list[int], texts: dict[int, str], outdir: Path
) -> list[str]:
    """Write the chosen members and the manifest; returns the member file names in the folder.

    ``members`` are dicts (``row``, ``id``, metadata, ``similarity``, ``is_medoid``,
    ``tier``); ``chosen`` indexes them; ``texts`` maps a chosen row to its text.
    """
    if not os.path.lexists(folder):
        return _write_new_folder(folder, set_id, members, chosen, texts, outdir)
    kept: dict[str, Any] | None = None
    ours: set[str] = set()
    theirs: list[str] = []
    if not folder.is_dir():
        raise FileExistsError(errno.EEXIST, "exists and is not a folder", str(folder))
    kept = read_manifest(folder)
    ours = our_files(folder, kept)
    theirs = user_entries(folder, ours)
    previous = ours - {MANIFEST}
    reviewed = bool(theirs)
    names: dict[int, str] = {}
    if reviewed and previous:
        kept = kept or {}
        by_id = {m.get("id"): m.get("file") for m in kept.get("members") or [] if isinstance(m, dict)}
        for i, member in enumerate(members):
            if by_id.get(member["id"]) in previous:
                names[i] = str(by_id[member["id"]])
    else:
        taken = {name.lower() for name in theirs}
        for i in chosen:
            names[i] = member_file_name(members[i]["id"], taken)
        for name in previous - set(names.values()):
            path = folder / name
            if path.is_file() and not path.is_symlink():
                path.unlink()
        for i, name in names.items():
            atomic_write_text(folder / name, texts[members[i]["row"]], durable=False)
    files = sorted(names.values())
    atomic_write_text(
        folder / MANIFEST, _manifest(folder, set_id, members, names, files, reviewed, outdir), durable=False
    )
    return files


STAGING = ".new-"
"""Prefix of the folder a new set's files are written in before it takes the set's name."""


def _write_new_folder(
    folder: Path, set_id: str, members: list[dict[str, Any]], chosen: list[int], texts: dict[int, str], outdir: Path
) -> list[str]:
    """A set folder that did not exist: its files are written in a staging folder, which then takes the set's
    name, so the folder appears whole or not at all. Each file is created afresh (never through a link) and
    not fsynced: a few system calls a file instead of a dozen, which was most of the set stage's time."""
    staging = folder.parent / f"{STAGING}{folder.name}"
    if os.path.lexists(staging):  # left by an interrupted run
        remove_staging(staging)
    staging.mkdir(parents=True)
    taken: set[str] = set()
    names = {i: member_file_name(members[i]["id"], taken) for i in chosen}
    for i, name in names.items():
        _create(staging / name, texts[members[i]["row"]])
    files = sorted(names.values())
    _create(staging / MANIFEST, _manifest(folder, set_id, members, names, files, False, outdir))
    os.rename(staging, folder)
    return files


def _create(path: Path, text: str) -> None:
    """Write a new file; nothing may be there already (not even a link)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC, 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))


def remove_staging(path: Path) -> None:
    """Remove a staging folder an interrupted run left (its files only, never what a link points to)."""
    import shutil

    if path.is_symlink() or not path.is_dir():
        path.unlink()
        return
    shutil.rmtree(path)


def _manifest(
    folder: Path,
    set_id: str,
    members: list[dict[str, Any]],
    names: dict[int, str],
    files: list[str],
    reviewed: bool,
    outdir: Path,
) -> str:
    listed = []
    for i, member in enumerate(members):
        entry: dict[str, Any] = {"id": member["id"]}
        if i in names:
            entry["file"] = names[i]
        for key in ("path", "date", "source", "title", "url"):
            if member.get(key) is not None:
                entry[key] = member[key]
        entry["similarity"] = round(float(member["similarity"]), 4)
        entry["medoid"] = bool(member["is_medoid"])
        entry["tier"] = int(member["tier"])
        listed.append(entry)
    out_name = str(outdir)
    data = {
        "format": FORMAT,
        "set": set_id,
        "members": listed,
        "files": files,
        "open": f"srccompare {shlex.quote(str(folder))}",
        "other_members": (
            f"This folder holds {len(files)} of the set's {len(members)} members (the app opens 2 to 6). "
            f"To compare any others, name 2 to 6 article ids: srccompare scan -o {shlex.quote(out_name)} --pick ID ID ... "
            "writes their texts to a folder of their own and prints the command that opens it."
        ),
    }
    if reviewed:
        data["note"] = "A review is saved here, so the member files are kept as they were when it was made."
    header = "# Written by srccompare scan; rewritten on every run. Files you add here are never touched.\n"
    return header + yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)


def clear_stale(review_root: Path, live: set[str]) -> None:
    """Remove unreviewed folders of sets that no longer exist (a reviewed one is left in place), and staging
    folders an interrupted run left."""
    if not review_root.is_dir():
        return
    for entry in os.scandir(review_root):
        if entry.name.startswith(STAGING):
            remove_staging(Path(entry.path))
            continue
        if entry.is_dir(follow_symlinks=False) and entry.name not in live and read_manifest(Path(entry.path)):
            if not is_reviewed(Path(entry.path)):
                remove_ours(Path(entry.path))
