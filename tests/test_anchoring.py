"""Re-anchoring targets after their source changed: anchored, relocated, fuzzy, orphan."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.review.anchoring import fold, locate, reanchor_store
from srccompare.review.model import Annotation, SourceRecord, Target
from srccompare.review.store import AnnotationStore

# Filler and quotes are drawn from disjoint alphabets, so a quote can occur only where we put it.
filler_words = st.lists(st.text("abcdefghijklm", min_size=1, max_size=8), min_size=0, max_size=40).map(" ".join)
quote_words = st.lists(st.text("nopqrstuvwxyz0123456789", min_size=2, max_size=9), min_size=1, max_size=6).map(" ".join)


@dataclass
class Src:
    id: str
    path: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def _edit(text: str, data: st.DataObject, lo: int, hi: int) -> str:
    """Insert or delete filler somewhere in ``text[lo:hi]``."""
    at = data.draw(st.integers(lo, hi))
    if data.draw(st.booleans()) or hi == lo:
        return text[:at] + data.draw(filler_words) + text[at:]
    stop = data.draw(st.integers(at, hi))
    return text[:at] + text[stop:]


@settings(max_examples=200, deadline=None)
@given(before=filler_words, quote=quote_words, after=filler_words, data=st.data())
def test_insertions_and_deletions_around_the_target_keep_it_found(before, quote, after, data):
    text = f"{before} {quote} {after}"
    start = len(before) + 1
    target = Target.from_text("a", text, start, start + len(quote))
    head, tail = text[:start], text[start + len(quote) :]
    for _ in range(data.draw(st.integers(1, 4))):
        head = _edit(head, data, 0, len(head))
        tail = _edit(tail, data, 0, len(tail))
    changed = head + quote + tail
    found = locate(target, changed)
    assert found.anchor in ("anchored", "relocated")
    assert (found.start, found.end) == (len(head), len(head) + len(quote))
    assert found.exact == changed[found.start : found.end] == quote
    assert found.prefix == changed[max(0, found.start - 32) : found.start]


@settings(max_examples=150, deadline=None)
@given(before=filler_words, quote=quote_words, after=filler_words, data=st.data())
def test_target_whose_quote_is_gone_is_orphaned_and_kept(before, quote, after, data):
    text = f"{before} {quote} {after}"
    start = len(before) + 1
    target = Target.from_text("a", text, start, start + len(quote))
    changed = _edit(before, data, 0, len(before)) + " " + after
    found = locate(target, changed)
    assert found.anchor == "orphan"
    assert (found.start, found.end, found.exact) == (target.start, target.end, target.exact)
    assert (found.prefix, found.suffix) == (target.prefix, target.suffix)


def test_unchanged_source_is_anchored_and_pending_states_are_kept():
    text = "Officials said 3,000 jobs would be cut. Nothing else changed here at all."
    start = text.index("3,000")
    target = Target.from_text("a", text, start, start + 23)
    assert locate(target, text, same_hash=True).anchor == "anchored"
    fuzzy = Target.from_text("a", text, start, start + 23, anchor="fuzzy")
    assert locate(fuzzy, text, same_hash=True).anchor == "fuzzy"


def test_the_copy_with_its_old_neighbours_wins_over_the_nearest():
    text = "Alpha beta. The minister resigned on Friday. Gamma delta epsilon zeta eta theta."
    start = text.index("The minister")
    target = Target.from_text("a", text, start, start + len("The minister resigned"))
    changed = "The minister resigned, said a headline. " + ("Filler words here. " * 5) + text
    found = locate(target, changed)
    assert found.anchor == "relocated"
    assert found.start == changed.index("Alpha beta. ") + start


def test_curly_quotes_and_case_changes_relocate():
    text = 'He said "we will not resign" on Friday night in the capital city.'
    start = text.index('"we')
    target = Target.from_text("a", text, start, start + len('"we will not resign"'))
    changed = "Update. " + text.replace('"we will not resign"', "\u201cWe will not resign\u201d")
    found = locate(target, changed)
    assert found.anchor == "relocated"
    assert found.exact == "\u201cWe will not resign\u201d"


def test_reworded_quote_is_found_fuzzily_and_needs_confirmation():
    text = "The council said on Monday that 3,000 jobs would be cut by next year. Unions protested loudly."
    start = text.index("3,000")
    target = Target.from_text("a", text, start, start + len("3,000 jobs would be cut"))
    changed = "A new first sentence. " + text.replace("would be cut", "will be cut")
    found = locate(target, changed)
    assert found.anchor == "fuzzy"
    assert found.exact == "3,000 jobs will be cut"
    assert found.exact == changed[found.start : found.end]


def test_short_quote_changed_is_found_by_its_context():
    text = "The council said on Monday that 3,000 jobs would be cut by next year."
    start = text.index("3,000")
    target = Target.from_text("a", text, start, start + 5)
    found = locate(target, text.replace("3,000", "3.000"))
    assert found.anchor == "fuzzy"
    assert found.exact == "3.000"


def test_two_equally_good_fuzzy_places_make_an_orphan():
    para = "Officials confirmed that the northern bridge will reopen in March after repairs."
    start = para.index("the northern")
    target = Target.from_text("a", para, start, start + len("the northern bridge will reopen in March"))
    changed = (
        "x " + para.replace("will reopen", "shall reopen") + "\n\nx " + para.replace("will reopen", "would reopen")
    )
    assert locate(target, changed).anchor == "orphan"


def test_zero_width_target_follows_its_context():
    text = "First part of the sentence. Second part of the sentence here."
    at = text.index("Second")
    target = Target.from_text("a", text, at, at)
    found = locate(target, "Inserted words. " + text)
    assert (found.start, found.end, found.anchor) == (at + 16, at + 16, "relocated")


def test_fold_keeps_length():
    text = "\u201cÉCOLE\u201d \u2014 İstanbul ß \u00ad"
    assert len(fold(text)) == len(text)


def test_reanchor_store_updates_targets_hashes_and_report(tmp_path):
    old = Src("a", str(tmp_path / "a.txt"), "Intro line.\n\nThe price rose to 45 dollars on Tuesday, traders said.\n")
    other = Src("b", str(tmp_path / "b.txt"), "Intro.\n\nThe price rose to 54 dollars on Tuesday.\n")
    store = AnnotationStore(tmp_path / "r.yaml")
    store.record_sources([old, other])
    s_a = old.text.index("45 dollars")
    s_b = other.text.index("54 dollars")
    kept = Annotation(
        category="wrong-number",
        targets=[Target.from_text("a", old.text, s_a, s_a + 10), Target.from_text("b", other.text, s_b, s_b + 10)],
    )
    lost = Annotation(category="other", targets=[Target.from_text("a", old.text, 0, 11)])
    store.add(kept)
    store.add(lost)
    new = Src("a", old.path, "A brand new headline\n\nThe price rose to 45 dollars on Tuesday, traders said.\n")
    report = reanchor_store(store, [new, other])
    assert report.counts == {"anchored": 1, "relocated": 1, "fuzzy": 0, "orphan": 1}
    assert report.needs_review == 1
    assert kept.targets[0].anchor == "relocated" and kept.targets[0].exact == "45 dollars"
    assert new.text[kept.targets[0].start : kept.targets[0].end] == "45 dollars"
    assert kept.targets[1].anchor == "anchored"
    assert lost.targets[0].anchor == "orphan" and len(store) == 2
    assert store.source_record("a").sha256 == new.sha256
    assert {r.id for r in store.sources} == {"a", "b"}
    assert isinstance(store.sources[0], SourceRecord)


def test_fuzzy_match_keeps_whole_words_and_numbers():
    text = "Talks collapsed late on Friday. About 4,200 of the port's 5,600 workers joined the walkout."
    start = text.index("4,200")
    number = Target.from_text("a", text, start, start + 5)
    found = locate(number, text.replace("4,200", "2,400"))
    assert (found.anchor, found.exact) == ("fuzzy", "2,400")
    start = text.index("About")
    phrase = Target.from_text("a", text, start, start + len("About 4,200 of the port's"))
    found = locate(phrase, text.replace("About 4,200", "Some 4,200"))
    assert (found.anchor, found.exact) == ("fuzzy", "Some 4,200 of the port's")


@settings(max_examples=100, deadline=None)
@given(before=filler_words, quote=quote_words.filter(lambda q: len(q) >= 20), after=filler_words, data=st.data())
def test_a_small_edit_inside_the_quote_is_found_fuzzily_in_place(before, quote, after, data):
    text = f"{before} {quote} {after}"
    start = len(before) + 1
    target = Target.from_text("a", text, start, start + len(quote))
    at = data.draw(st.integers(1, len(quote) - 2).filter(lambda i: quote[i] != " "))
    edited_quote = quote[:at] + ("x" if quote[at] != "x" else "y") + quote[at + 1 :]
    changed = f"{before} {edited_quote} {after}"
    found = locate(target, changed)
    assert found.anchor == "fuzzy"
    assert found.exact == changed[found.start : found.end]
    # the match covers most of the edited quote and nothing far from it
    assert start - 4 <= found.start and found.end <= start + len(quote) + 4
    assert found.end - found.start >= 0.8 * len(quote)
