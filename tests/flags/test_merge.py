"""Text missing from several sources, seen pair by pair, joins into one flag that says it truly."""

from __future__ import annotations

from srccompare.core.config import default_config
from srccompare.core.model import Span
from srccompare.engine.flags.merge import merge_findings
from srccompare.engine.flags.pairwise import Finding
from srccompare.engine.flags.rules import compile_rules
from srccompare.inputs.sources import build_source

LEAD = "Dock workers began a strike on Monday."
FACT = "The port handles 40 million tonnes a year."
REWORDED = "Some 40 million tonnes pass through the port yearly."


def _sources(texts: dict[str, str]):
    taken: set[str] = set()
    return {name: build_source(f"{name}.txt", text, {}, taken) for name, text in texts.items()}


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def _gap(texts: dict[str, str], present: str, part: str, lacking: str) -> Finding:
    span = _span(texts[present], part)
    return Finding(
        "omission",
        "minor",
        f"“{part}” in {present}, missing from {lacking}",
        {present: [span]},
        missing=frozenset({lacking}),
        pair=(present, lacking),
    )


def test_a_source_with_one_version_of_the_text_is_not_said_to_lack_it():
    """orig and copy carry the fact in their own words; brief has neither; digest has orig's words
    (its pair with orig found nothing missing) but not copy's. Only brief lacks the fact."""
    texts = {
        "orig": f"{LEAD}\n\n{FACT}",
        "copy": f"{LEAD}\n\n{REWORDED}",
        "brief": LEAD,
        "digest": f"{LEAD}\n\n{FACT}",
    }
    sources = _sources(texts)
    findings = [
        _gap(texts, "orig", FACT, "brief"),
        _gap(texts, "copy", REWORDED, "brief"),
        _gap(texts, "copy", REWORDED, "digest"),
    ]
    links = {("orig", "copy"): [([_span(texts["orig"], FACT)], [_span(texts["copy"], REWORDED)], 0.6)]}
    rank = {name: k for k, name in enumerate(texts)}
    (flag,) = merge_findings(findings, sources, rank, compile_rules(default_config().flags), links)
    assert flag.message == f"“{FACT}” in orig, its linked text in copy; missing from brief"
    assert set(flag.spans) == {"orig", "copy"}
    assert flag.kind == "omission", "three of four sources carry the fact"


def test_sources_with_the_same_words_are_named_together():
    texts = {"orig": f"{LEAD}\n\n{FACT}", "copy": f"{LEAD}\n\n{FACT}", "brief": LEAD}
    sources = _sources(texts)
    findings = [_gap(texts, "orig", FACT, "brief"), _gap(texts, "copy", FACT, "brief")]
    links = {("orig", "copy"): [([_span(texts["orig"], FACT)], [_span(texts["copy"], FACT)], 1.0)]}
    rank = {name: k for k, name in enumerate(texts)}
    (flag,) = merge_findings(findings, sources, rank, compile_rules(default_config().flags), links)
    assert flag.message == f"“{FACT}” in orig, copy; missing from brief"
