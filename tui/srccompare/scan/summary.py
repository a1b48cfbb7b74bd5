"""summary.md: what a scan found and what it cost, for a person to read first."""

from __future__ import annotations

from typing import Any

from srccompare.scan import store

LARGEST = 10


def _stat(state: store.State, name: str) -> int:
    return sum(int(b.stats.get(name, 0)) for b in state.batches)


def render(state: store.State, final: Any, seconds: dict[str, float], kept: list[str], workers: int, tier: int) -> str:
    articles = int(state.offsets()[-1])
    lines = ["# srccompare scan", ""]
    lines.append(f"Inputs: {', '.join(i for b in state.batches for i in b.inputs)} ({len(state.batches)} batch(es))")
    lines.append("")
    lines.append("## Counts")
    lines.append("")
    lines.append("| what | count |")
    lines.append("|---|---:|")
    rows = [
        ("articles scanned", articles),
        ("articles skipped (unreadable, or over scan.max_article_mb)", _stat(state, "skipped")),
        ("version sets", final.sets),
        ("articles in a set", final.members),
        ("tier 1: candidate pairs", _stat(state, "candidates1")),
        ("tier 1: pairs whose texts were read (borderline)", _stat(state, "read1")),
        ("tier 1: verified pairs", _stat(state, "verified1")),
        ("tier 1: buckets capped (scan.max_bucket)", _stat(state, "capped1")),
    ]
    if tier == 2:
        rows += [
            (
                "tier 2: content tokens left out (carried by too many articles: scan.tier2_max_df, "
                "scan.tier2_max_df_share)",
                max((int(b.stats.get("tokens2_common", 0)) for b in state.batches), default=0),
            ),
            ("tier 2: candidate pairs", _stat(state, "candidates2")),
            ("tier 2: candidates not already in one tier-1 set", _stat(state, "candidates2_unjoined")),
            (
                "tier 2: candidates aligned (shortlist: scan.tier2_min_jaccard, scan.tier2_per_article)",
                _stat(state, "read2"),
            ),
            ("tier 2: verified pairs (paraphrases, translations)", _stat(state, "verified2")),
            ("tier 2: verified pairs too few to join their groups (scan.tier2_set_edges)", final.tier2_unjoined),
            ("tier 2: buckets capped", _stat(state, "capped2")),
            ("tier 2: sets it joined or grew", final.tier2_sets),
            ("tier 2: articles only it joined", final.tier2_members),
        ]
    else:
        lines.insert(3, "Tier 2 (paraphrases, translations) was not run (--tier 1).\n")
    lines += [f"| {what} | {count:,} |" for what, count in rows]
    examples = [e for b in state.batches for e in b.stats.get("skip_examples", [])][:5]
    if examples:
        lines += ["", "Skipped, for example:", ""] + [f"- {_md(e)}" for e in examples]
    lines += ["", "## Largest sets", ""]
    if final.sizes:
        lines += ["| set | members | medoid |", "|---|---:|---|"]
        lines += [f"| {sid} | {size:,} | {_md(medoid)} |" for size, sid, medoid in final.sizes[:LARGEST]]
    else:
        lines.append("No versions found: every article stands alone.")
    capped = [c for b in state.batches for c in b.stats.get("capped1_list", [])]
    if capped:
        lines += ["", "## Capped buckets (tier 1)", ""]
        lines.append(
            "Buckets with more members than scan.max_bucket; their members were paired with the next one only."
        )
        lines += ["", "| members | first article row |", "|---:|---:|"]
        lines += [f"| {size:,} | {row} |" for size, row in sorted(capped, reverse=True)[:LARGEST]]
    if final.merges:
        lines += ["", "## Merges in this run", ""] + [f"- {_md(m)}" for m in final.merges]
    lines += ["", "## Time per stage (this run)", "", f"Dask workers: {workers}", ""]
    lines += ["| stage | seconds |", "|---|---:|"]
    lines += [f"| {stage} | {secs:.2f} |" for stage, secs in seconds.items()]
    if kept:
        lines += ["", f"Kept from an earlier run (not recomputed): {', '.join(kept)}."]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell (an article id may hold anything)."""
    from srccompare.core.visible import escaped

    return escaped(str(text)).replace("|", "\\|").replace("`", "'")
