"""A person given another role or title is flagged; a dropped title is not."""

from __future__ import annotations

from tests.flags.util import flags_between, kinds, spanned


def test_former_minister_presented_as_serving_one():
    ref = "Jerzy Górecki, a former transport minister who negotiated the deal, said the dispute was old."
    other = "Jerzy Górecki, the transport minister who negotiated the deal, said that the dispute is old."
    (flag,) = [f for f in flags_between(ref, other) if f.kind == "title"]
    assert spanned(flag, ref, "a") == ["former transport minister"]
    assert spanned(flag, other, "b") == ["transport minister"]
    assert "Górecki" in flag.message


def test_title_before_the_name_changed():
    ref = "Former U.S. President Joe Biden vowed to support Ukraine."
    other = "U.S. President Joe Biden vowed to support Ukraine."
    assert "title" in kinds(flags_between(ref, other))


def test_same_role_in_other_words_or_dropped_is_not_flagged():
    ref = "“We waited,” said Tomasz Wiśniewski, the union’s chairman, before dawn."
    other = "“We waited,” said Tomasz Wiśniewski, the chairman of the union, before the dawn."
    assert "title" not in kinds(flags_between(ref, other))
    ref = "Kremlin Spokesperson Dmitry Peskov said Russia needs time."
    other = "Kremlin spokesman Dmitry Peskov said Russia needs time."
    assert "title" not in kinds(flags_between(ref, other))
    ref = "Infrastructure Minister Katarzyna Kłosińska said the government would wait."
    other = "Kłosińska said the government would wait."
    assert "title" not in kinds(flags_between(ref, other))


def test_role_reworded_in_a_loose_paraphrase_is_not_flagged_but_a_modifier_is():
    ref = "Ukrainian President Volodymyr Zelensky said on Sunday that Kyiv was ready for talks after a truce."
    other = "Speaking in a video address, the Ukrainian leader Volodymyr Zelensky insisted a truce must come first."
    assert "title" not in kinds(flags_between(ref, other))
    other = "Speaking in a video address, former President Volodymyr Zelensky insisted a truce must come first."
    assert "title" in kinds(flags_between(ref, other))
