"""The palette's "Save report as HTML…": the report of what is on screen, written beside the review file."""

from __future__ import annotations

from pathlib import Path

from srccompare.app.app import SrcCompareApp
from srccompare.app.report_file import FALLBACK_NAME, report_path
from srccompare.cli.prepare import prepare
from srccompare.review.model import Annotation
from srccompare.review.store import AnnotationStore

WIRE = (
    "Harbour workers strike\n\n"
    "Dock workers at the northern port began a strike on Monday over pay and hours.\n\n"
    "The union said 3,000 members would stay off work for thirty days unless talks resumed.\n"
)
REPRINT = WIRE.replace("3,000 members", "300 members")


async def wait_for(pilot, condition, what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def test_save_report_from_the_command_palette(tmp_path):
    wire, reprint, review = tmp_path / "wire.txt", tmp_path / "reprint.txt", tmp_path / "review.yaml"
    wire.write_text(WIRE, encoding="utf-8")
    reprint.write_text(REPRINT, encoding="utf-8")
    store = AnnotationStore.load(review)
    store.add(Annotation(category="other", note="a note for the report <b>"))
    store.save()
    args, config, sources, base = prepare([str(wire), str(reprint), "--annotations", str(review)])
    app = SrcCompareApp(sources, config, base, annotations_path=args.annotations, annotations=args.annotation_store)
    out = tmp_path / "review.report.html"
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "alignment", None) is not None, "the alignment")
        await pilot.press("tab")  # focus the reprint: the base then shows what the reprint replaced
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"Save report as HTML")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, out.exists, "the report")
    markup = out.read_text(encoding="utf-8")
    assert '<meta name="generator" content="srccompare ' in markup
    assert "a note for the report &lt;b&gt;" in markup
    assert "the base marks what 2 reprint dropped" in markup
    assert '<span class="rep"><mark class="flag">3,000</mark></span>' in markup, "the base's replaced number"
    assert review.read_text(encoding="utf-8").startswith("format: srccompare-annotations"), "the review is intact"


def test_the_report_goes_beside_the_review_and_never_over_a_source(tmp_path):
    review = tmp_path / "srccompare-review.yaml"
    assert report_path(review, [str(tmp_path / "a.txt")]) == tmp_path / "srccompare-review.report.html"
    clash = tmp_path / "srccompare-review.report.html"
    assert report_path(review, [str(clash)]) != clash
    assert report_path(None, [str(tmp_path / "story" / "a.txt")]) == tmp_path / "story" / FALLBACK_NAME
    assert report_path(None, ["-"]) == Path.cwd() / FALLBACK_NAME
