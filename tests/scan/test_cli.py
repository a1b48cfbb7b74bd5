"""``srccompare scan`` as a user runs it: bad input is one line and exit 2; a killed run resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from .conftest import found_sets, sets_by_id, write_jsonl
from .synth import make_archive

TUI = str(Path(__file__).resolve().parents[2] / "tui")


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": TUI, "SRCCOMPARE_NO_USER_CONFIG": "1"}
    return subprocess.run(
        [sys.executable, "-m", "srccompare", "scan", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def assert_one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("srccompare: ")
    for word in words:
        assert word in lines[0]


def test_a_missing_folder(tmp_path):
    assert_one_line(run_cli(str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")), "nowhere", "no such file")


def test_a_parquet_file_without_text(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "a.parquet"
    pq.write_table(pa.table({"id": ["1", "2"], "body": ["x", "y"]}), path)
    assert_one_line(run_cli(str(path), "-o", str(tmp_path / "out")), "a.parquet", "'text'")


def test_an_empty_archive(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.yaml").write_text("a: 1\n")
    assert_one_line(run_cli(str(tmp_path / "empty"), "-o", str(tmp_path / "out")), "empty", "no articles")
    blank = write_jsonl(tmp_path / "blank.jsonl", [{"id": "1", "text": "   "}])
    assert_one_line(run_cli(str(blank), "-o", str(tmp_path / "out2")), "no articles")


def test_an_unwritable_outdir(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": "one two three"}])
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            assert_one_line(run_cli(str(source), "-o", str(locked / "out")), "locked", "permission denied")
        finally:
            locked.chmod(0o700)
    elif Path("/sys/kernel").is_dir():  # root writes anywhere, except in sysfs
        assert_one_line(run_cli(str(source), "-o", "/sys/kernel/srccompare-out"), "srccompare-out", "cannot be written")
    else:
        pytest.skip("running as root and there is no sysfs to refuse a write")


def test_an_outdir_that_is_a_file(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": "one two three"}])
    (tmp_path / "file").write_text("x")
    assert_one_line(run_cli(str(source), "-o", str(tmp_path / "file")), "is a file")


def test_a_broken_json_line_is_named_by_its_number(tmp_path):
    good = [{"id": str(i), "text": f"article number {i} words"} for i in range(5)]
    path = write_jsonl(tmp_path / "a.jsonl", good)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"id": "x", "text": \n')
    assert_one_line(run_cli(str(path), "-o", str(tmp_path / "out"), "--workers", "1"), "a.jsonl", "line 6")


def test_a_line_without_text(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": "fine"}, {"id": "2", "title": "no text"}])
    assert_one_line(run_cli(str(path), "-o", str(tmp_path / "out"), "--workers", "1"), "line 2", "text")


def test_a_killed_run_resumes_and_gives_the_same_result(tmp_path):
    """SIGKILL (no cleanup at all) right after the signature stage; the next run goes on from there."""
    archive = make_archive(n_unrelated=120, n_groups=10, seed=3)
    source = write_jsonl(tmp_path / "a.jsonl", archive.records)
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from srccompare.core.config import ScanConfig
        from srccompare.scan.cluster import ClusterSettings
        from srccompare.scan.pipeline import ScanRequest
        from srccompare.scan.run import run_scan

        def kill(stage):
            if stage == "signatures1":
                os.kill(os.getpid(), signal.SIGKILL)

        request = ScanRequest([{str(source)!r}], Path({str(tmp_path / "out")!r}), ScanConfig(), tier=1)
        run_scan(request, ClusterSettings(workers=1), after_stage=kill)
        """
    )
    env = {**os.environ, "PYTHONPATH": TUI}
    killed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert (tmp_path / "out" / ".stages" / "sig1").is_dir() and not (tmp_path / "out" / "sets.parquet").exists()
    resumed = run_cli(str(source), "-o", str(tmp_path / "out"), "--tier", "1", "--workers", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert "signatures1" not in resumed.stderr  # kept, not redone
    fresh = run_cli(str(source), "-o", str(tmp_path / "fresh"), "--tier", "1", "--workers", "1")
    assert fresh.returncode == 0, fresh.stderr
    assert sets_by_id(tmp_path / "out") == sets_by_id(tmp_path / "fresh")
    assert set(sets_by_id(tmp_path / "out").values()) == {frozenset(g) for g in archive.groups}


def test_a_folder_scan_writes_review_folders_the_app_reads(tmp_path):
    archive = make_archive(n_unrelated=40, n_groups=3, seed=9)
    folder = tmp_path / "archive"
    for record in archive.records:
        path = folder / record["id"][:3] / f"{record['id']}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record["text"], encoding="utf-8")
    (folder / "a00" / "srccompare-review.yaml").write_text("format: srccompare-annotations\n")
    out = folder / "out"  # inside the scanned folder: its review copies must not be scanned next time
    first = run_cli(str(folder), "-o", str(out), "--tier", "1", "--workers", "1")
    assert first.returncode == 0, first.stderr
    expected = {frozenset(f"{i[:3]}/{i}.txt" for i in g) for g in archive.groups}
    assert set(sets_by_id(out).values()) == expected
    again = run_cli(str(folder), "-o", str(tmp_path / "out2"), "--tier", "1", "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert set(sets_by_id(tmp_path / "out2").values()) == expected

    from srccompare.inputs.sources import read_sources

    for set_folder in (out / "review").iterdir():
        sources = read_sources([str(set_folder)], on_skip=None)
        assert 2 <= len(sources) <= 6  # the manifest is not a source
        assert {s.path.rsplit("/", 1)[-1] for s in sources} <= {p.name for p in set_folder.glob("*.txt")}


def test_pick_writes_any_members_to_a_folder_of_their_own(tmp_path):
    archive = make_archive(n_unrelated=20, n_groups=2, seed=4)
    source = write_jsonl(tmp_path / "a.jsonl", archive.records)
    assert run_cli(str(source), "-o", str(tmp_path / "out"), "--tier", "1", "--workers", "1").returncode == 0
    ids = [archive.records[0]["id"], archive.records[1]["id"]]
    picked = run_cli("-o", str(tmp_path / "out"), "--pick", *ids)
    assert picked.returncode == 0, picked.stderr
    folder = Path(picked.stdout.split(" ", 1)[1].strip())
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{i}.txt" for i in ids)
    assert_one_line(run_cli("-o", str(tmp_path / "out"), "--pick", ids[0], "nope"), "nope")


def test_the_command_line_loads_no_dask_until_a_scan_runs():
    code = (
        "import sys\n"
        "from srccompare.cli.main import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in ('dask', 'distributed', 'pyarrow') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": TUI}
    )
    assert out.stdout.strip() == "[]", out.stderr


def test_without_the_scan_extra_the_command_says_how_to_install_it(tmp_path):
    env = {**os.environ, "PYTHONPATH": TUI}
    source = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": "x"}])
    code = (  # the finder reports the three packages missing, as in an install without the extra
        "import importlib.util, sys\n"
        "real = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda n, *a: None if n in ('dask', 'distributed', 'pyarrow') else real(n, *a)\n"
        "from srccompare.cli import main\n"
        f"sys.exit(main(['scan', {str(source)!r}, '-o', {str(tmp_path / 'out')!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert_one_line(result, 'pip install "srccompare[scan]"')


def test_a_cluster_started_by_hand_in_another_folder_scans_relative_paths(tmp_path):
    """``--scheduler``: the workers read the inputs and write OUTDIR, and they were started elsewhere, so
    the paths the user typed (relative to where they typed them) must reach them whole."""
    env = {**os.environ, "PYTHONPATH": TUI, "SRCCOMPARE_NO_USER_CONFIG": "1"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    address_file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from distributed.cli.dask_scheduler import main; main()",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(address_file),
        ],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert address_file.exists(), "the scheduler did not start"
        address = json.loads(address_file.read_text())["address"]
        worker = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from distributed.cli.dask_worker import main; main()",
                address,
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--host",
                "127.0.0.1",
                "--no-dashboard",
            ],
            cwd=elsewhere,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        archive = make_archive(40, 4, seed=11)
        write_jsonl(tmp_path / "archive.jsonl", archive.records)
        remote = run_cli("archive.jsonl", "-o", "out", "--tier", "1", "--scheduler", address, cwd=tmp_path)
        assert remote.returncode == 0, remote.stderr
        local = run_cli("archive.jsonl", "-o", "out-local", "--tier", "1", cwd=tmp_path)
        assert local.returncode == 0, local.stderr
        assert found_sets(tmp_path / "out") == found_sets(tmp_path / "out-local")
        assert {frozenset(g) for g in archive.groups} <= found_sets(tmp_path / "out")
        assert not (elsewhere / "out").exists()
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
