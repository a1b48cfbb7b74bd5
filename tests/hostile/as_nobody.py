"""Run ``srccompare`` as the unprivileged user ``nobody``, for the cases where permissions matter.

CI runs as root, and root reads a folder with mode 000 as if nothing were
wrong. So, when the tests run as root, the command runs in a child process
that drops to ``nobody`` (uid and gid 65534) first. The interpreter may live
where ``nobody`` cannot read (``/root/.pyenv``), so the child imports every module of
srccompare and runs each command once on readable files (for their lazy
imports) before it drops.
Run as an ordinary user, the command simply runs as that user. Where the drop
is refused (a container without the capability), the test is skipped and says why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.hostile.cli_checks import run

NOBODY = 65534
CANNOT_DROP = 77
"""The child's exit status when it could not become ``nobody``."""

CHILD = r"""
import contextlib, io, json, os, sys, tempfile

argv, uid, cannot = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
with tempfile.TemporaryDirectory() as warm:
    for name, text in (("a.txt", "One.\n\nTwo three.\n"), ("b.txt", "One.\n\nTwo four.\n")):
        with open(os.path.join(warm, name), "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(warm, "r.yaml"), "w", encoding="utf-8") as f:
        f.write("format: srccompare-annotations\nschema_version: 1\nannotations: []\n")
    import importlib, pkgutil, srccompare
    from srccompare.cli.main import main
    from srccompare.core.config import user_config_path

    # Every module of the package, so that a lazy import after the drop never needs the unreadable install.
    for module in pkgutil.walk_packages(srccompare.__path__, "srccompare."):
        if module.name != "srccompare.__main__":
            importlib.import_module(module.name)

    user_config_path()
    a, b, r = (os.path.join(warm, n) for n in ("a.txt", "b.txt", "r.yaml"))
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for warm_argv in (["show", "--paragraphs", a], ["align", a, b], ["export", r, "--format", "csv"],
                          ["show", a, "-o", os.path.join(warm, "o.txt")]):
            main(warm_argv)
try:
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
except OSError as exc:
    print(f"cannot become nobody: {exc}", file=sys.stderr)
    raise SystemExit(cannot)
raise SystemExit(main(argv))
"""


def run_as_nobody(
    args: list[str], *, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``srccompare ARGS`` as an unprivileged user; skips the test when root cannot drop to ``nobody``."""
    if os.geteuid() != 0:
        return run(*args, cwd=cwd, env=env)
    environment = {**os.environ, "SRCCOMPARE_NO_USER_CONFIG": "1", "NO_COLOR": "1", "HOME": str(cwd), **(env or {})}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(args), str(NOBODY), str(CANNOT_DROP)],
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=180,
    )
    if done.returncode == CANNOT_DROP:
        pytest.skip(f"running as root, and could not run as nobody to test permissions: {done.stderr.decode().strip()}")
    return done


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A temporary folder ``nobody`` may enter and write (pytest's ``tmp_path`` is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="srccompare-nobody-"))
    try:
        if os.geteuid() == 0:
            os.chown(folder, NOBODY, NOBODY)
        folder.chmod(0o755)
        yield folder
    finally:
        for root, dirs, _files in os.walk(folder):  # a folder with mode 000 is opened before it is walked into
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o755)
        shutil.rmtree(folder, ignore_errors=True)
