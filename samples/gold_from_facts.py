#!/usr/bin/env python3
"""Build a story's gold.yaml (paragraph links for every pair of files) from its facts.yaml.

Usage:  python samples/gold_from_facts.py samples/<story> [--check]

facts.yaml maps each fact to the paragraphs that state it in each file; two
paragraphs of two files are linked when some fact is in both. The script checks
that every paragraph of every file is in a fact or listed as furniture, and that
no index is out of range, then writes gold.yaml in the align-dev-multi format
(`files`, then `pairs: {"1-2": {S: [[i, j], ...]}, ...}`). With --check it only
compares the gold.yaml on disk with the one it would write (exit 1 if they differ).
It also prints, for the original against each version, the links grouped the way
expected.yaml's `links` are (connected groups of paragraphs).
"""

from __future__ import annotations

import itertools
import pathlib
import re
import sys

import yaml

HEADER = """\
# Gold paragraph links for the "{story}" sample, for EVERY pair of its files, in
# the format of ../../../shared/align-dev-multi (read by score_alignment.py).
#
# GENERATED from facts.yaml by ../gold_from_facts.py: edit facts.yaml, then run
#   python samples/gold_from_facts.py samples/{story}
# - `files`: the versions in name order; file numbers in pair keys count from 1.
# - `pairs`: for each pair "a-b" (a < b), `S` lists the sure links [i, j]:
#   paragraph i of file a says (part of) the same thing as paragraph j of file b.
#   Paragraphs are blocks of non-blank lines counted from 0. Page furniture links
#   nothing; headlines link only to headlines.
"""


def blocks(text: str) -> list[str]:
    return re.findall(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text)


def build(story: pathlib.Path):
    facts = yaml.safe_load((story / "facts.yaml").read_text(encoding="utf-8"))
    files = {int(k): v for k, v in facts["files"].items()}
    nums = sorted(files)
    counts = {k: len(blocks((story / files[k]).read_text(encoding="utf-8-sig"))) for k in nums}
    covered = {k: set() for k in nums}
    problems = []
    for k, paras in (facts.get("furniture") or {}).items():
        covered[int(k)].update(paras)
    for fid, fact in facts["facts"].items():
        for k, paras in fact["in"].items():
            for p in paras:
                if not 0 <= p < counts[int(k)]:
                    problems.append(f"{fid}: {files[int(k)]} has no paragraph {p}")
            covered[int(k)].update(paras)
    for k in nums:
        missing = sorted(set(range(counts[k])) - covered[k])
        if missing:
            problems.append(f"{files[k]}: paragraphs {missing} are in no fact and not furniture")
    pairs = {}
    for a, b in itertools.combinations(nums, 2):
        links = set()
        for fact in facts["facts"].values():
            pa, pb = fact["in"].get(a, []), fact["in"].get(b, [])
            links.update(itertools.product(pa, pb))
        pairs[f"{a}-{b}"] = sorted(links)
    return facts["story"], files, counts, pairs, problems


def render(story_name, files, pairs) -> str:
    out = [HEADER.format(story=story_name), f"story: {story_name}", "files:"]
    out += [f"- {files[k]}" for k in sorted(files)]
    out.append("pairs:")
    for key, links in pairs.items():
        out.append(f'  "{key}":')
        out.append("    S: [" + ", ".join(f"[{i}, {j}]" for i, j in links) + "]")
    return "\n".join(out) + "\n"


def groups(links):
    """Connected groups of a bipartite link set, as [[left...], [right...]]."""
    left = {}
    for i, j in links:
        left.setdefault(("a", i), set()).add(("b", j))
        left.setdefault(("b", j), set()).add(("a", i))
    seen, out = set(), []
    for node in sorted(left):
        if node in seen:
            continue
        stack, comp = [node], set()
        while stack:
            n = stack.pop()
            if n in comp:
                continue
            comp.add(n)
            stack.extend(left[n])
        seen |= comp
        out.append([sorted(i for s, i in comp if s == "a"), sorted(j for s, j in comp if s == "b")])
    return sorted(out)


def main() -> int:
    story = pathlib.Path(sys.argv[1])
    name, files, counts, pairs, problems = build(story)
    for p in problems:
        print("PROBLEM:", p)
    text = render(name, files, pairs)
    target = story / "gold.yaml"
    if "--check" in sys.argv:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print("gold.yaml is up to date" if same else "gold.yaml differs from facts.yaml")
        return 0 if same and not problems else 1
    target.write_text(text, encoding="utf-8")
    print("paragraphs:", {files[k]: counts[k] for k in sorted(files)})
    for key, links in pairs.items():
        print(f"{key}: {len(links)} links")
    for k in sorted(files)[1:]:
        print(f"1-{k} groups:", groups(pairs[f"1-{k}"]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
