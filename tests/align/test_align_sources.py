import json

import pytest

from srccompare.core.config import Config
from srccompare.core.errors import UserError
from srccompare.core.model import ALIGNMENT_SCHEMA
from srccompare.engine.align import align_sources, resolve_base
from tests.align.prose import REWORDED, STORY, sources

FURNITURE = ["Menu", "Share this article", "4 min read"]


def test_every_paragraph_once_and_rows_in_base_order():
    scraped = FURNITURE + STORY[:4] + ["Related stories"] + STORY[4:] + ["Read more"]
    srcs = sources(STORY, scraped, REWORDED)
    alignment = align_sources(srcs, None, Config())
    for src in srcs:
        seen = [i for row in alignment.rows for i in row.cells.get(src.id, [])]
        assert sorted(seen) == list(range(len(src.paragraphs)))
    base_order = [i for row in alignment.rows for i in row.cells.get(srcs[0].id, [])]
    assert base_order == sorted(base_order)


def test_scraped_copy_pairs_one_to_one_and_marks_furniture():
    scraped = FURNITURE + STORY[:4] + ["Related stories"] + STORY[4:] + ["Read more"]
    base, page = sources(STORY, scraped)
    alignment = align_sources([base, page], None, Config())
    pairs = [(r.cells.get(base.id), r.cells.get(page.id)) for r in alignment.rows if r.kind in ("match", "changed")]
    assert pairs == [([i], [i + 3 if i < 4 else i + 4]) for i in range(len(STORY))]
    furniture = {0, 1, 2, 7, len(scraped) - 1}
    assert {i for i, p in enumerate(page.paragraphs) if p.boilerplate} == furniture
    assert all(r.kind == "boilerplate" for r in alignment.rows if set(r.cells.get(page.id, [])) & furniture)
    assert all(r.kind == "match" for r in alignment.rows if r.cells.get(base.id))


def test_boilerplate_never_shares_a_row_with_real_paragraphs():
    scraped = FURNITURE + STORY
    srcs = sources(STORY, scraped)
    alignment = align_sources(srcs, None, Config())
    for row in alignment.rows:
        if row.kind == "boilerplate":
            assert sum(len(v) for v in row.cells.values()) == 1


def test_moved_paragraph_is_listed_under_moved():
    moved = [STORY[5]] + STORY[:5] + STORY[6:]
    base, other = sources(STORY, moved)
    alignment = align_sources([base, other], None, Config())
    row = next(r for r in alignment.rows if r.cells.get(base.id) == [5])
    assert row.cells[other.id] == [0]
    assert row.moved == [other.id]
    assert sum(1 for r in alignment.rows if r.moved) == 1


@pytest.mark.parametrize("name", ["v1", "v1.txt"])
def test_base_by_id_or_file_name(name):
    srcs = sources(STORY, REWORDED)
    assert resolve_base(srcs, name) is srcs[1]
    alignment = align_sources(srcs, name, Config())
    assert alignment.base == srcs[1].id
    order = [r.cells[srcs[1].id][0] for r in alignment.rows if r.cells.get(srcs[1].id)]
    assert order == sorted(order)


def test_unknown_base_names_the_choices():
    srcs = sources(STORY, REWORDED)
    with pytest.raises(UserError) as err:
        align_sources(srcs, "nope", Config())
    assert str(err.value) == "unknown base 'nope' (sources: v0, v1)"


def test_progress_is_reported_up_to_the_total():
    calls = []
    align_sources(sources(STORY, REWORDED, STORY), None, Config(), progress=lambda d, t: calls.append((d, t)))
    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1]
    assert all(0 <= d <= t for d, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_json_follows_the_contract():
    srcs = sources(STORY, FURNITURE + REWORDED)
    doc = json.loads(json.dumps(align_sources(srcs, None, Config()).to_dict()))
    assert doc["schema"] == ALIGNMENT_SCHEMA
    assert doc["base"] == "v0"
    assert [s["id"] for s in doc["sources"]] == ["v0", "v1"]
    for s, src in zip(doc["sources"], srcs):
        assert {"id", "path", "sha256", "title", "paragraphs"} <= set(s)
        assert [(p["start"], p["end"]) for p in s["paragraphs"]] == [(p.start, p.end) for p in src.paragraphs]
    assert [r["id"] for r in doc["rows"]] == list(range(len(doc["rows"])))
    for row in doc["rows"]:
        assert row["kind"] in ("match", "changed", "only", "boilerplate")
        assert 0.0 <= row["score"] <= 1.0
        assert row["cells"] and all(row["cells"].values())
        assert set(row.get("moved", [])) <= set(row["cells"])
        assert row["flags"] == []


def test_config_threshold_changes_what_pairs():
    srcs = sources(STORY, REWORDED)
    strict = Config()
    strict.align.match_threshold = 1.0
    loose = align_sources(srcs, None, Config())
    tight = align_sources(sources(STORY, REWORDED), None, strict)
    assert sum(r.kind == "only" for r in tight.rows) > sum(r.kind == "only" for r in loose.rows)


def test_a_paragraph_two_versions_added_shares_one_row():
    extra = "Harbour authorities in Velmora said on Thursday that 17 tankers were queueing offshore for berths."
    other = "Schools near the northern quay closed early because of the crowds at the fishermen's protest."
    b = STORY[:4] + [extra] + STORY[4:]
    c = REWORDED[:4] + [other, extra] + REWORDED[4:]
    srcs = sources(STORY, b, c)
    alignment = align_sources(srcs, None, Config())
    shared = [r for r in alignment.rows if r.cells.get("v1") == [4]]
    assert len(shared) == 1 and shared[0].cells == {"v1": [4], "v2": [5]}
    assert shared[0].kind == "match"
    alone = [r for r in alignment.rows if r.cells.get("v2") == [4]]
    assert alone[0].cells == {"v2": [4]} and alone[0].kind == "only"


@pytest.mark.parametrize(
    "versions",
    [
        (STORY, ["Share this article", "Read more"]),
        (["Read more"], STORY),
        (["Read more"], ["Advertisement"]),
        (STORY[:1], STORY * 3),
    ],
)
def test_degenerate_inputs_still_place_every_paragraph(versions):
    srcs = sources(*versions)
    alignment = align_sources(srcs, None, Config())
    for src in srcs:
        seen = sorted(i for row in alignment.rows for i in row.cells.get(src.id, []))
        assert seen == list(range(len(src.paragraphs)))


def test_a_paragraph_ending_with_its_neighbours_sentence_joins_that_row():
    # Six sentences found nowhere else, then the sentence the other version has in paragraph 1:
    # too little of the whole paragraph for a merge, but that one sentence clearly has its partner.
    carried_over = (
        "Dockers at three other harbours along the coast are watching the dispute closely. "
        "Some of them have already collected money for the families of the crews, a collection organised by churches. "
        "Students from the maritime academy joined a march through the old town on Sunday afternoon. "
        "Shopkeepers near the fish market said trade had halved since the weekend, and several cafés closed early. "
        "A regional radio station has been broadcasting interviews with pilots' wives every evening. "
        "Tourists waiting for the island boats were offered vouchers by the ferry company, which ran extra sailings. "
        + STORY[1]
    )
    srcs = sources(STORY[:2] + [carried_over] + STORY[2:], STORY)
    rows = align_sources(srcs, None, Config()).rows
    a, b = srcs[0].id, srcs[1].id
    assert any(row.cells.get(a) == [1, 2] and row.cells.get(b) == [1] for row in rows)
    assert all(row.kind != "only" for row in rows)
