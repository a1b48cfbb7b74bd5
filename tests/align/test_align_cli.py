"""``srccompare align`` as a user runs it: formats, output file, base, errors."""

import importlib
import json
import re
import subprocess
import sys

import pytest
import yaml

from tests.align.prose import REWORDED, STORY


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"SRCCOMPARE_NO_USER_CONFIG": "1", "PATH": "/usr/bin:/bin", "COLUMNS": "100"},
        timeout=120,
    )


@pytest.fixture
def story(tmp_path):
    (tmp_path / "wire.txt").write_text("\n\n".join(STORY) + "\n", encoding="utf-8")
    (tmp_path / "reprint.txt").write_text("Share this article\n\n" + "\n\n".join(REWORDED) + "\n", encoding="utf-8")
    return tmp_path


def test_json_output(story):
    proc = run("align", "wire.txt", "reprint.txt", "--format", "json", cwd=story)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "srccompare.alignment/1"
    assert doc["base"] == "wire"
    assert doc["sources"][1]["paragraphs"][0]["boilerplate"] is True
    paired = [r for r in doc["rows"] if r["kind"] in ("match", "changed")]
    assert [r["cells"]["wire"] for r in paired] == [[i] for i in range(len(STORY))]
    assert [r["cells"]["reprint"] for r in paired] == [[i + 1] for i in range(len(STORY))]


def test_yaml_output_is_the_same_structure(story):
    as_json = json.loads(run("align", "wire.txt", "reprint.txt", "--format", "json", cwd=story).stdout)
    proc = run("align", "wire.txt", "reprint.txt", "--format", "yaml", cwd=story)
    assert proc.returncode == 0, proc.stderr
    assert yaml.safe_load(proc.stdout) == as_json


def test_text_table_is_the_default(story):
    proc = run("align", "wire.txt", "reprint.txt", cwd=story)
    assert proc.returncode == 0, proc.stderr
    header = next(line for line in proc.stdout.splitlines() if line.startswith(" row kind score"))
    assert "wire (base)" in header
    assert "boilerplate" in proc.stdout
    assert "rows:" in proc.stdout.splitlines()[-1]


def test_output_file(story):
    proc = run("align", "wire.txt", "reprint.txt", "--format", "json", "-o", "out.json", cwd=story)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert json.loads((story / "out.json").read_text(encoding="utf-8"))["base"] == "wire"


def test_base_option(story):
    proc = run("align", "wire.txt", "reprint.txt", "--format", "json", "--base", "reprint", cwd=story)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["base"] == "reprint"
    order = [r["cells"]["reprint"][0] for r in doc["rows"] if "reprint" in r["cells"]]
    assert order == sorted(order)


def test_unknown_base_is_one_line_exit_2(story):
    proc = run("align", "wire.txt", "reprint.txt", "--base", "nope", cwd=story)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == "srccompare: unknown base 'nope' (sources: wire, reprint)"


def test_three_sources_in_a_folder(story):
    (story / "zz-copy.txt").write_text("\n\n".join(STORY[:4] + STORY[5:]) + "\n", encoding="utf-8")
    proc = run("align", ".", "--format", "json", cwd=story)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert [s["id"] for s in doc["sources"]] == ["reprint", "wire", "zz-copy"]
    for s in doc["sources"]:
        seen = sorted(i for r in doc["rows"] for i in r["cells"].get(s["id"], []))
        assert seen == list(range(len(s["paragraphs"])))


def test_timings_go_to_stderr_and_leave_the_output_alone(story):
    plain = run("align", "wire.txt", "reprint.txt", "--format", "json", cwd=story)
    timed = run("align", "wire.txt", "reprint.txt", "--format", "json", "--timings", cwd=story)
    assert timed.returncode == 0, timed.stderr
    assert timed.stdout == plain.stdout
    line = timed.stderr.strip()
    assert "\n" not in line
    stages = re.fullmatch(r"timings: read ([\d.]+) s, align ([\d.]+) s, flags ([\d.]+) s, write ([\d.]+) s", line)
    assert stages, line
    assert float(stages.group(2)) > 0


def test_a_finished_align_ends_at_once_with_all_its_output(story):
    """``align`` ends without freeing its heap (``cli.run``): what it printed must all be out first."""
    proc = run("align", "wire.txt", "reprint.txt", "--timings", cwd=story)
    assert proc.returncode == 0, proc.stderr
    assert " rows: " in proc.stdout.splitlines()[-1]
    assert proc.stderr.startswith("timings: read ")


@pytest.mark.parametrize(
    ("argv", "status", "threads", "quick"),
    [
        (["align", "a", "b"], 0, 1, True),
        (["--config", "c.yaml", "report", "a", "b"], 0, 1, True),
        (["align", "a", "b"], 2, 1, False),  # an error: the usual exit
        (["align", "a", "b"], 0, 2, False),  # a thread still runs: it gets its usual end
        (["show", "a"], 0, 1, False),
        (["a.txt", "b.txt"], 0, 1, False),  # the app
    ],
)
def test_only_a_finished_batch_command_skips_the_usual_exit(monkeypatch, argv, status, threads, quick):
    cli_main = importlib.import_module("srccompare.cli.main")  # the package's ``main`` is the function
    ended: list[tuple[str, int]] = []
    monkeypatch.setattr(sys, "argv", ["srccompare", *argv])
    monkeypatch.setattr(cli_main, "main", lambda given: status if given == argv else -1)
    monkeypatch.setattr(cli_main.threading, "active_count", lambda: threads)
    monkeypatch.setattr(cli_main.os, "_exit", lambda code: ended.append(("quick", code)))

    def usual(code):
        ended.append(("usual", code))
        raise SystemExit(code)

    monkeypatch.setattr(cli_main.sys, "exit", usual)
    try:
        cli_main.run()
    except SystemExit:
        pass
    assert ended[0] == ("quick" if quick else "usual", status)
