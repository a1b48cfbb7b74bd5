"""The bundled sample stories align the way their ``expected.yaml`` says.

The expectations live in the YAML file beside each story; these tests only read
them. Each version is aligned with the original on its own (where the links must
be exactly the expected ones), and all versions of a story are aligned together
(where each version's links must survive intact inside the shared rows).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from srccompare.core.config import default_config
from srccompare.core.model import Alignment
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.sources import read_sources
from srccompare.text.segment import paragraph_spans
from tests import samples

REPO = Path(__file__).resolve().parents[1]
STORIES = samples.stories()
VERSION_CASES = [(story, v["file"]) for story in STORIES for v in samples.load_expected(story)["versions"]]
FILE_CASES = [(story, samples.load_expected(story)["original"]["file"]) for story in STORIES] + VERSION_CASES
MATCH_CASES = [
    (story, v["file"]) for story in STORIES for v in samples.load_expected(story)["versions"] if "match" in v
]


def _ids(cases) -> list[str]:
    return [f"{story}/{name}" for story, name in cases]


def _stem(file_name: str) -> str:
    return Path(file_name).stem


def _original(story: str) -> str:
    return samples.load_expected(story)["original"]["file"]


def _versions(story: str) -> list[str]:
    return [v["file"] for v in samples.load_expected(story)["versions"]]


# --- the sample files and expected.yaml agree with each other -----------------


def test_the_default_story_is_bundled():
    assert samples.DEFAULT_STORY in STORIES


@pytest.mark.parametrize(("story", "file_name"), FILE_CASES, ids=_ids(FILE_CASES))
def test_paragraph_counts_match_the_files(story, file_name):
    text = samples.read_text(samples.story_dir(story) / file_name)
    expected = samples.load_expected(story)
    wanted = expected["original"] if file_name == _original(story) else samples.version_expectation(file_name, story)
    assert len(paragraph_spans(text)) == wanted["paragraphs"]


@pytest.mark.parametrize("story", STORIES)
def test_every_exact_text_occurs_verbatim_once(story):
    """Each discrepancy/harmless text is found exactly once in its file (locate raises otherwise)."""
    expected = samples.load_expected(story)
    located = samples.discrepancies(story) + samples.harmless(story)
    assert len(located) == len(expected["discrepancies"]) + len(expected["harmless"])
    original = samples.read_text(samples.original_path(story))
    for entry in located:
        version = samples.read_text(samples.story_dir(story) / entry.version)
        if entry.original is not None:
            assert original[entry.original_span.start : entry.original_span.end] == entry.original
        if entry.changed is not None:
            assert version[entry.version_span.start : entry.version_span.end] == entry.changed


def test_the_default_story_plants_every_kind_of_discrepancy():
    kinds = {d["kind"] for d in samples.load_expected()["discrepancies"]}
    assert {"number", "date", "name", "quote", "negation", "title", "omission", "addition"} <= kinds


@pytest.mark.parametrize("story", STORIES)
def test_discrepancy_entries_are_well_formed(story):
    expected = samples.load_expected(story)
    kinds = {"number", "date", "name", "quote", "negation", "title", "omission", "addition"}
    for entry in expected["discrepancies"]:
        assert entry["kind"] in kinds
        assert entry["version"] in _versions(story)
        assert entry["original"] != entry["changed"]
        assert (entry["original"] is None) == (entry["kind"] == "addition")
        assert (entry["changed"] is None) == (entry["kind"] == "omission")
    for entry in expected["harmless"]:
        assert entry["version"] in _versions(story)
        assert entry["original"] and entry["changed"]


@pytest.mark.parametrize("story", STORIES)
def test_omitted_and_added_texts_are_whole_paragraphs_listed_as_only(story):
    """An omission/addition entry quotes a whole paragraph that expected.yaml lists under `only`."""
    original = samples.read_text(samples.original_path(story))
    original_paras = [original[s.start : s.end] for s in paragraph_spans(original)]
    for entry in samples.load_expected(story)["discrepancies"]:
        only = samples.version_expectation(entry["version"], story)["only"]
        version = samples.read_text(samples.story_dir(story) / entry["version"])
        version_paras = [version[s.start : s.end] for s in paragraph_spans(version)]
        if entry["kind"] == "omission":
            assert original_paras.index(entry["original"]) in only["original"]
        if entry["kind"] == "addition":
            assert version_paras.index(entry["changed"]) in only["version"]


@pytest.mark.parametrize(("story", "file_name"), VERSION_CASES, ids=_ids(VERSION_CASES))
def test_expectation_places_every_paragraph_exactly_once(story, file_name):
    """Links, `only` and `boilerplate` partition both sides: nothing missing, nothing twice."""
    wanted = samples.version_expectation(file_name, story)
    orig_seen = [i for link in wanted["links"] for i in link[0]] + wanted["only"]["original"]
    ver_seen = [j for link in wanted["links"] for j in link[1]] + wanted["only"]["version"] + wanted["boilerplate"]
    assert sorted(orig_seen) == list(range(samples.load_expected(story)["original"]["paragraphs"]))
    assert sorted(ver_seen) == list(range(wanted["paragraphs"]))
    linked = {j for link in wanted["links"] for j in link[1]}
    assert set(wanted["moved"]) <= linked
    assert set(wanted.get("match", [])) <= linked


@pytest.mark.parametrize("story", STORIES)
def test_folder_reads_the_versions_in_name_order_and_skips_expected_yaml(story):
    sources = read_sources([str(samples.story_dir(story))])
    assert [Path(s.path).name for s in sources] == [_original(story), *_versions(story)]
    assert len({s.id for s in sources}) == len(sources)


# --- alignment helpers --------------------------------------------------------


def _align(story: str, file_names: list[str]) -> Alignment:
    return _align_cached(story, tuple(file_names))


@cache
def _align_cached(story: str, file_names: tuple[str, ...]) -> Alignment:
    paths = [str(samples.story_dir(story) / f) for f in file_names]
    sources = read_sources(paths)
    return build_alignment(sources, _stem(_original(story)), default_config())


def _partners(links: list) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """For each original paragraph its expected version partners, and the reverse."""
    of_orig: dict[int, set[int]] = defaultdict(set)
    of_ver: dict[int, set[int]] = defaultdict(set)
    for orig, ver in links:
        for i in orig:
            of_orig[i].update(ver)
        for j in ver:
            of_ver[j].update(orig)
    return of_orig, of_ver


def _row_of(alignment: Alignment, source_id: str) -> dict[int, int]:
    """Paragraph index of ``source_id`` -> index of the row that holds it."""
    where: dict[int, int] = {}
    for k, row in enumerate(alignment.rows):
        for p in row.cells.get(source_id, []):
            assert p not in where, f"{source_id} paragraph {p} is in two rows"
            where[p] = k
    return where


def _assert_every_paragraph_in_one_row(alignment: Alignment) -> None:
    for src in alignment.sources:
        where = _row_of(alignment, src.id)
        assert sorted(where) == list(range(len(src.paragraphs))), f"{src.id}: paragraphs missing from rows"


def _observed_links(alignment: Alignment, orig_id: str, ver_id: str) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = set()
    for row in alignment.rows:
        o, v = row.cells.get(orig_id, []), row.cells.get(ver_id, [])
        if o and v:
            out.add((tuple(sorted(o)), tuple(sorted(v))))
    return out


def _moved(alignment: Alignment, ver_id: str) -> set[int]:
    return {p for row in alignment.rows if ver_id in row.moved for p in row.cells.get(ver_id, [])}


def _boilerplate(alignment: Alignment, source_id: str) -> set[int]:
    return {i for i, p in enumerate(alignment.source(source_id).paragraphs) if p.boilerplate}


def _fmt(links) -> list:
    return sorted([list(o), list(v)] for o, v in links)


# --- each version against the original ----------------------------------------


@pytest.fixture(scope="module", params=VERSION_CASES, ids=_ids(VERSION_CASES))
def pairwise(request):
    story, file_name = request.param
    return story, file_name, _align(story, [_original(story), file_name])


def test_pairwise_every_paragraph_in_exactly_one_row(pairwise):
    _, _, alignment = pairwise
    _assert_every_paragraph_in_one_row(alignment)


def test_pairwise_links(pairwise):
    story, file_name, alignment = pairwise
    wanted = samples.version_expectation(file_name, story)
    expected = {(tuple(sorted(o)), tuple(sorted(v))) for o, v in wanted["links"]}
    observed = _observed_links(alignment, _stem(_original(story)), _stem(file_name))
    assert _fmt(observed) == _fmt(expected), (
        f"{file_name}: missing {_fmt(expected - observed)}, unexpected {_fmt(observed - expected)}"
    )


def test_pairwise_boilerplate(pairwise):
    story, file_name, alignment = pairwise
    wanted = samples.version_expectation(file_name, story)
    ver_id, orig_id = _stem(file_name), _stem(_original(story))
    assert sorted(_boilerplate(alignment, ver_id)) == wanted["boilerplate"]
    assert _boilerplate(alignment, orig_id) == set()
    where = _row_of(alignment, ver_id)
    for j in wanted["boilerplate"]:
        row = alignment.rows[where[j]]
        assert not row.cells.get(orig_id), f"furniture paragraph {j} placed beside the article"
        assert row.kind == "boilerplate", f"row holding furniture paragraph {j} is {row.kind!r}"


def test_pairwise_only(pairwise):
    story, file_name, alignment = pairwise
    wanted = samples.version_expectation(file_name, story)
    ver_id, orig_id = _stem(file_name), _stem(_original(story))
    only_orig = {p for r in alignment.rows if not r.cells.get(ver_id) for p in r.cells.get(orig_id, [])}
    only_ver = {
        p
        for r in alignment.rows
        if not r.cells.get(orig_id) and r.kind != "boilerplate"
        for p in r.cells.get(ver_id, [])
    }
    assert sorted(only_orig) == wanted["only"]["original"]
    assert sorted(only_ver) == wanted["only"]["version"]
    for r in alignment.rows:
        if bool(r.cells.get(ver_id)) != bool(r.cells.get(orig_id)) and r.kind != "boilerplate":
            assert r.kind == "only", f"row {r.id} has one source but kind {r.kind!r}"


def test_pairwise_moved(pairwise):
    story, file_name, alignment = pairwise
    wanted = samples.version_expectation(file_name, story)
    assert sorted(_moved(alignment, _stem(file_name))) == wanted["moved"]
    base = _stem(_original(story))
    assert base not in {sid for r in alignment.rows for sid in r.moved}, "the base is never moved"


@pytest.mark.parametrize(("story", "file_name"), MATCH_CASES, ids=_ids(MATCH_CASES))
def test_pairwise_match_or_changed(story, file_name):
    """Where expected.yaml says which rows are exact, the row kinds agree."""
    alignment = _align(story, [_original(story), file_name])
    wanted = samples.version_expectation(file_name, story)
    where = _row_of(alignment, _stem(file_name))
    linked = sorted(j for link in wanted["links"] for j in link[1])
    kinds = {j: alignment.rows[where[j]].kind for j in linked}
    expected = {j: "match" if j in wanted["match"] else "changed" for j in linked}
    wrong = {j: kinds[j] for j in linked if kinds[j] != expected[j]}
    assert not wrong, f"{file_name}: rows with the wrong kind (paragraph: kind) {wrong}"


# --- all versions of a story at once ------------------------------------------


def _together(story: str) -> Alignment:
    return _align(story, [_original(story), *_versions(story)])


@pytest.mark.parametrize("story", STORIES)
def test_together_every_paragraph_in_exactly_one_row(story):
    alignment = _together(story)
    _assert_every_paragraph_in_one_row(alignment)
    base = _stem(_original(story))
    assert alignment.base == base
    base_rows = [p for r in alignment.rows for p in r.cells.get(base, [])]
    assert base_rows == sorted(base_rows), "rows follow the base's order"


@pytest.mark.parametrize(("story", "file_name"), VERSION_CASES, ids=_ids(VERSION_CASES))
def test_together_keeps_each_versions_links(story, file_name):
    """Shared rows may hold more than one version's link, but never split or cross one.

    In a row, every version paragraph has all its expected original partners and
    every original paragraph all its expected partners in this version; furniture
    and added paragraphs sit in rows without an original paragraph. (An original
    paragraph this version dropped may share a row that another version needed.)
    """
    alignment = _together(story)
    wanted = samples.version_expectation(file_name, story)
    ver_id, orig_id = _stem(file_name), _stem(_original(story))
    of_orig, of_ver = _partners(wanted["links"])
    problems = []
    for row in alignment.rows:
        o, v = set(row.cells.get(orig_id, [])), set(row.cells.get(ver_id, []))
        for j in sorted(v):
            if of_ver.get(j) and not of_ver[j] <= o:
                problems.append(f"version {j} beside {sorted(o)}, expected beside {sorted(of_ver[j])}")
            if not of_ver.get(j) and o:
                problems.append(f"unpartnered version {j} beside original {sorted(o)}")
        for i in sorted(o):
            if of_orig.get(i) and not of_orig[i] <= v:
                problems.append(f"original {i} beside {sorted(v)}, expected beside {sorted(of_orig[i])}")
    assert not problems, f"{file_name}: " + "; ".join(problems)


@pytest.mark.parametrize(("story", "file_name"), VERSION_CASES, ids=_ids(VERSION_CASES))
def test_together_boilerplate_and_moved(story, file_name):
    alignment = _together(story)
    wanted = samples.version_expectation(file_name, story)
    ver_id = _stem(file_name)
    assert sorted(_boilerplate(alignment, ver_id)) == wanted["boilerplate"]
    assert sorted(_moved(alignment, ver_id)) == wanted["moved"]


@pytest.mark.parametrize("story", STORIES)
def test_align_command_on_the_story_folder(story):
    """The README's first command, as a script would run it: the folder, JSON out."""
    proc = subprocess.run(
        [sys.executable, "-m", "srccompare", "align", str(samples.story_dir(story)), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", "expected.yaml beside the versions is left out silently"
    data = json.loads(proc.stdout)
    assert data["schema"] == "srccompare.alignment/1"
    assert data["base"] == _stem(_original(story))
    assert [Path(s["path"]).name for s in data["sources"]] == [_original(story), *_versions(story)]
    for src in data["sources"]:
        text = samples.read_text(samples.story_dir(story) / Path(src["path"]).name)
        spans = paragraph_spans(text)
        assert [(p["start"], p["end"]) for p in src["paragraphs"]] == [(s.start, s.end) for s in spans]
        placed = sorted(p for row in data["rows"] for p in row["cells"].get(src["id"], []))
        assert placed == list(range(len(spans)))
