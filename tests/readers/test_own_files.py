"""srccompare's own files (a review, its exports, reports, a printed alignment) are never read as sources.

The folder is made as a user makes it: two sources, a review saved beside them
by the store, every export written by ``srccompare export``, the side-by-side
report and the alignment printed by ``srccompare align -o``. Then the folder, a shell glob over it and
the files named one by one are given back to srccompare.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from srccompare.inputs.own_files import recognise
from srccompare.review.export import FORMATS, export_text
from srccompare.review.model import Annotation, SourceRecord, Target
from srccompare.review.store import AnnotationStore
from tests.readers.builders import ARTICLE, TITLE, article_page

WIRE = "\n\n".join([TITLE, *ARTICLE]) + "\n"
REPRINT = WIRE.replace(ARTICLE[0], ARTICLE[0].replace(" the ", " a ", 1))
EXPORTS = {"csv": ".csv", "json": ".json", "md": ".md", "html": ".html", "w3c": ".jsonld"}
"""What the app's palette writes beside the review file, by format."""


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=None if stdin is None else stdin.decode("utf-8"),
        timeout=120,
    )


def _store(folder: Path) -> AnnotationStore:
    store = AnnotationStore(folder / "srccompare-review.yaml")
    store.sources = [SourceRecord("wire", str(folder / "wire.txt"), "a" * 64)]
    start = WIRE.index(ARTICLE[0])
    store.add(
        Annotation(category="other", row=1, note="checked", targets=[Target.from_text("wire", WIRE, start, start + 10)])
    )
    return store


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    """Two sources, and beside them the review, every export and the printed alignment."""
    folder = tmp_path_factory.mktemp("story")
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "reprint.txt").write_text(REPRINT, encoding="utf-8")
    _store(folder).save()
    review = str(folder / "srccompare-review.yaml")
    for fmt, suffix in EXPORTS.items():
        done = run("export", review, "--format", fmt, "-o", str(folder / f"srccompare-review{suffix}"))
        assert done.returncode == 0, done.stderr
    sources = [str(folder / "wire.txt"), str(folder / "reprint.txt")]
    for fmt, name in (("text", "table.txt"), ("json", "alignment.json"), ("yaml", "alignment.yaml")):
        done = run("align", *sources, "--format", fmt, "-o", str(folder / name))
        assert done.returncode == 0, done.stderr
    report = str(folder / "srccompare-review.report.html")  # as the app's palette names it
    done = run("report", *sources, "--annotations", review, "-o", report)
    assert done.returncode == 0, done.stderr
    return folder


OWN_NAMES = [
    "alignment.json",
    "alignment.yaml",
    "srccompare-review.csv",
    "srccompare-review.html",
    "srccompare-review.json",
    "srccompare-review.jsonld",
    "srccompare-review.md",
    "srccompare-review.report.html",
    "srccompare-review.yaml",
    "table.txt",
]


def _source_names(stdout: str) -> list[str]:
    return [Path(s["path"]).name for s in json.loads(stdout)["sources"]]


def test_every_output_of_srccompare_is_recognised_and_no_source_is(story, tmp_path):
    assert sorted(p.name for p in story.iterdir()) == sorted(OWN_NAMES + ["reprint.txt", "wire.txt"])
    for name in OWN_NAMES:
        assert recognise((story / name).read_bytes()) is not None, name
    store = _store(tmp_path)
    assert all(recognise(export_text(store, fmt).encode("utf-8")) for fmt in FORMATS)
    assert recognise((story / "srccompare-review.yaml").read_bytes()).is_review  # type: ignore[union-attr]
    samples = Path(__file__).parents[2] / "samples"
    for path in [*samples.glob("*/[0-9]*"), story / "wire.txt"]:
        assert recognise(path.read_bytes()) is None, path
    assert recognise(article_page().encode("utf-8")) is None
    assert recognise(b"Minutes of the meeting\n\nformat: the usual one\n") is None


def test_a_folder_passes_over_the_review_and_its_exports_quietly(story):
    done = run("align", str(story), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert _source_names(done.stdout) == ["reprint.txt", "wire.txt"]
    assert done.stderr == ""


def test_a_glob_skips_each_own_file_with_one_line_and_a_hint(story):
    everything = sorted(str(p) for p in story.iterdir())  # what the shell makes of story/*
    done = run("align", *everything, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert _source_names(done.stdout) == ["reprint.txt", "wire.txt"]
    lines = done.stderr.splitlines()
    assert len(lines) == len(OWN_NAMES)
    for name, line in zip(OWN_NAMES, lines):
        assert line.startswith(f"srccompare: skipped {story / name}: is "), line
        assert "not a source" in line
    review = next(line for line in lines if "srccompare-review.yaml" in line)
    assert f"--annotations {story / 'srccompare-review.yaml'}" in review
    assert "--annotations" not in "".join(line for line in lines if line is not review)


@pytest.mark.parametrize("command", [["align"], []], ids=["align", "app"])
def test_nothing_left_but_own_files_exits_2(story, command):
    done = run(*command, str(story / "srccompare-review.yaml"), str(story / "srccompare-review.html"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    *skipped, last = done.stderr.splitlines()
    assert len(skipped) == 2 and all(line.startswith("srccompare: skipped ") for line in skipped)
    assert last.startswith("srccompare: ") and "no source left" in last and done.stdout == ""


def test_show_refuses_a_review_file_named_or_piped(story):
    review = story / "srccompare-review.yaml"
    for done, name in (
        (run("show", str(review)), str(review)),
        (run("show", "-", stdin=review.read_bytes()), "<stdin>"),
    ):
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.splitlines() == [
            f"srccompare: {name}: is a srccompare review file, not a source "
            f"(to open the review, give it with --annotations {'FILE' if name == '<stdin>' else name})"
        ]


def test_the_app_opens_the_same_two_sources_from_a_glob(story, capsys):
    from srccompare.cli.prepare import prepare

    everything = sorted(str(p) for p in story.iterdir())
    args, _config, sources, _base = prepare(everything)
    assert [Path(s.path).name for s in sources] == ["reprint.txt", "wire.txt"]
    assert args.annotation_store.path == story / "srccompare-review.yaml"
    assert [a.row for a in args.annotation_store.annotations] == [1]
    assert len(capsys.readouterr().err.splitlines()) == len(OWN_NAMES)
