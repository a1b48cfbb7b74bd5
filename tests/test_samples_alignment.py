"""The bundled sample story aligns the way ``samples/harbour-strike/expected.yaml`` says.

The expectations live in the YAML file beside the story; these tests only read
them. Each version is aligned with the original on its own (where the links must
be exactly the expected ones), and all five versions are aligned together (where
each version's links must survive intact inside the shared rows).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from srccompare.config import default_config
from srccompare.model import Alignment
from srccompare.pipeline import build_alignment
from srccompare.segment import paragraph_spans
from srccompare.sources import read_sources
from tests import samples

EXPECTED = samples.load_expected()
VERSIONS = [v["file"] for v in EXPECTED["versions"]]
ORIGINAL = EXPECTED["original"]["file"]
REPO = Path(__file__).resolve().parents[1]


def _stem(file_name: str) -> str:
    return Path(file_name).stem


# --- the sample files and expected.yaml agree with each other -----------------


@pytest.mark.parametrize("file_name", [ORIGINAL, *VERSIONS])
def test_paragraph_counts_match_the_files(file_name):
    text = samples.read_text(samples.story_dir() / file_name)
    wanted = EXPECTED["original"] if file_name == ORIGINAL else samples.version_expectation(file_name)
    assert len(paragraph_spans(text)) == wanted["paragraphs"]


def test_every_exact_text_occurs_verbatim_once():
    """Each discrepancy/harmless text is found exactly once in its file (locate raises otherwise)."""
    located = samples.discrepancies() + samples.harmless()
    assert len(located) == len(EXPECTED["discrepancies"]) + len(EXPECTED["harmless"])
    for entry in located:
        original = samples.read_text(samples.original_path())
        version = samples.read_text(samples.story_dir() / entry.version)
        if entry.original is not None:
            assert original[entry.original_span.start : entry.original_span.end] == entry.original
        if entry.changed is not None:
            assert version[entry.version_span.start : entry.version_span.end] == entry.changed


def test_planted_discrepancies_cover_every_required_kind():
    kinds = {d["kind"] for d in EXPECTED["discrepancies"]}
    assert {"number", "date", "name", "quote", "negation", "title", "omission", "addition"} <= kinds
    for entry in EXPECTED["discrepancies"] + EXPECTED["harmless"]:
        assert entry["version"] in VERSIONS
        assert entry["original"] != entry["changed"] or entry in EXPECTED["harmless"]


def test_omitted_and_added_texts_are_whole_paragraphs_listed_as_only():
    """An omission/addition entry quotes a whole paragraph that expected.yaml lists under `only`."""
    original = samples.read_text(samples.original_path())
    original_paras = [original[s.start : s.end] for s in paragraph_spans(original)]
    for entry in EXPECTED["discrepancies"]:
        only = samples.version_expectation(entry["version"])["only"]
        version = samples.read_text(samples.story_dir() / entry["version"])
        version_paras = [version[s.start : s.end] for s in paragraph_spans(version)]
        if entry["kind"] == "omission":
            assert original_paras.index(entry["original"]) in only["original"]
        if entry["kind"] == "addition":
            assert version_paras.index(entry["changed"]) in only["version"]


@pytest.mark.parametrize("file_name", VERSIONS)
def test_expectation_places_every_paragraph_exactly_once(file_name):
    """Links, `only` and `boilerplate` partition both sides: nothing missing, nothing twice."""
    wanted = samples.version_expectation(file_name)
    orig_seen = [i for link in wanted["links"] for i in link[0]] + wanted["only"]["original"]
    ver_seen = (
        [j for link in wanted["links"] for j in link[1]] + wanted["only"]["version"] + wanted["boilerplate"]
    )
    assert sorted(orig_seen) == list(range(EXPECTED["original"]["paragraphs"]))
    assert sorted(ver_seen) == list(range(wanted["paragraphs"]))
    linked = {j for link in wanted["links"] for j in link[1]}
    assert set(wanted["moved"]) <= linked
    assert set(wanted.get("match", [])) <= linked


def test_folder_reads_the_versions_in_name_order_and_skips_expected_yaml():
    sources = read_sources([str(samples.story_dir())])
    assert [Path(s.path).name for s in sources] == [ORIGINAL, *VERSIONS]
    assert len({s.id for s in sources}) == len(sources)


# --- alignment helpers --------------------------------------------------------


def _align(file_names: list[str]) -> Alignment:
    return _align_cached(tuple(file_names))


@lru_cache(maxsize=None)
def _align_cached(file_names: tuple[str, ...]) -> Alignment:
    paths = [str(samples.story_dir() / f) for f in file_names]
    sources = read_sources(paths)
    return build_alignment(sources, _stem(ORIGINAL), default_config())


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


@pytest.fixture(scope="module", params=VERSIONS)
def pairwise(request):
    return request.param, _align([ORIGINAL, request.param])


def test_pairwise_every_paragraph_in_exactly_one_row(pairwise):
    _, alignment = pairwise
    _assert_every_paragraph_in_one_row(alignment)


def test_pairwise_links(pairwise):
    file_name, alignment = pairwise
    wanted = samples.version_expectation(file_name)
    expected = {(tuple(sorted(o)), tuple(sorted(v))) for o, v in wanted["links"]}
    observed = _observed_links(alignment, _stem(ORIGINAL), _stem(file_name))
    assert _fmt(observed) == _fmt(expected), (
        f"{file_name}: missing {_fmt(expected - observed)}, unexpected {_fmt(observed - expected)}"
    )


def test_pairwise_boilerplate(pairwise):
    file_name, alignment = pairwise
    wanted = samples.version_expectation(file_name)
    ver_id, orig_id = _stem(file_name), _stem(ORIGINAL)
    assert sorted(_boilerplate(alignment, ver_id)) == wanted["boilerplate"]
    assert _boilerplate(alignment, orig_id) == set()
    where = _row_of(alignment, ver_id)
    for j in wanted["boilerplate"]:
        row = alignment.rows[where[j]]
        assert not row.cells.get(orig_id), f"furniture paragraph {j} placed beside the article"
        assert row.kind == "boilerplate", f"row holding furniture paragraph {j} is {row.kind!r}"


def test_pairwise_only(pairwise):
    file_name, alignment = pairwise
    wanted = samples.version_expectation(file_name)
    ver_id, orig_id = _stem(file_name), _stem(ORIGINAL)
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
    file_name, alignment = pairwise
    wanted = samples.version_expectation(file_name)
    assert sorted(_moved(alignment, _stem(file_name))) == wanted["moved"]
    assert _stem(ORIGINAL) not in {sid for r in alignment.rows for sid in r.moved}, "the base is never moved"


@pytest.mark.parametrize("file_name", [v["file"] for v in EXPECTED["versions"] if "match" in v])
def test_pairwise_match_or_changed(file_name):
    """Where expected.yaml says which rows are exact (reprint, scraped copy), kinds agree."""
    alignment = _align([ORIGINAL, file_name])
    wanted = samples.version_expectation(file_name)
    ver_id = _stem(file_name)
    where = _row_of(alignment, ver_id)
    linked = sorted(j for link in wanted["links"] for j in link[1])
    kinds = {j: alignment.rows[where[j]].kind for j in linked}
    expected = {j: "match" if j in wanted["match"] else "changed" for j in linked}
    wrong = {j: kinds[j] for j in linked if kinds[j] != expected[j]}
    assert not wrong, f"{file_name}: rows with the wrong kind (paragraph: kind) {wrong}"


# --- all five versions at once ------------------------------------------------


@pytest.fixture(scope="module")
def together():
    return _align([ORIGINAL, *VERSIONS])


def test_together_every_paragraph_in_exactly_one_row(together):
    _assert_every_paragraph_in_one_row(together)
    assert together.base == _stem(ORIGINAL)
    base_rows = [p for r in together.rows for p in r.cells.get(_stem(ORIGINAL), [])]
    assert base_rows == sorted(base_rows), "rows follow the base's order"


@pytest.mark.parametrize("file_name", VERSIONS)
def test_together_keeps_each_versions_links(together, file_name):
    """Shared rows may hold more than one version's link, but never split or cross one.

    In a row, every version paragraph has all its expected original partners and
    every original paragraph all its expected partners in this version; furniture
    and added paragraphs sit in rows without an original paragraph. (An original
    paragraph this version dropped may share a row that another version needed.)
    """
    wanted = samples.version_expectation(file_name)
    ver_id, orig_id = _stem(file_name), _stem(ORIGINAL)
    of_orig, of_ver = _partners(wanted["links"])
    problems = []
    for row in together.rows:
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


@pytest.mark.parametrize("file_name", VERSIONS)
def test_together_boilerplate_and_moved(together, file_name):
    wanted = samples.version_expectation(file_name)
    ver_id = _stem(file_name)
    assert sorted(_boilerplate(together, ver_id)) == wanted["boilerplate"]
    assert sorted(_moved(together, ver_id)) == wanted["moved"]


def test_align_command_on_the_story_folder():
    """The README's first command, as a script would run it: the folder, JSON out."""
    proc = subprocess.run(
        [sys.executable, "-m", "srccompare", "align", str(samples.story_dir()), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", "expected.yaml beside the versions is left out silently"
    data = json.loads(proc.stdout)
    assert data["schema"] == "srccompare.alignment/1"
    assert data["base"] == _stem(ORIGINAL)
    assert [Path(s["path"]).name for s in data["sources"]] == [ORIGINAL, *VERSIONS]
    for src in data["sources"]:
        text = samples.read_text(samples.story_dir() / Path(src["path"]).name)
        spans = paragraph_spans(text)
        assert [(p["start"], p["end"]) for p in src["paragraphs"]] == [(s.start, s.end) for s in spans]
        placed = sorted(p for row in data["rows"] for p in row["cells"].get(src["id"], []))
        assert placed == list(range(len(spans)))
