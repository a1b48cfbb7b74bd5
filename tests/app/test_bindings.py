"""The review screen's bindings: ids and default keys are the user's interface (keys: remaps by id)."""

from __future__ import annotations

import pytest
from textual.actions import parse

from srccompare.app.screens.review import ReviewScreen
from srccompare.app.screens.review_keys import NEEDS_ALIGNMENT
from tests.app.support import settle, story_app, view_of

DEFAULTS = {
    "row_down": ("j,down", "Row down", False),
    "row_up": ("k,up", "Row up", False),
    "next_divergence": ("n", "Next diff", True),
    "prev_divergence": ("N", "Prev diff", False),
    "next_flag": ("f", "Next flag", True),
    "prev_flag": ("F", "Prev flag", False),
    "next_column": ("tab", "Next column", True),
    "prev_column": ("shift+tab", "Previous column", False),
    "columns_right": ("right,greater_than_sign", "Scroll columns right", False),
    "columns_left": ("left,less_than_sign", "Scroll columns left", False),
    "make_base": ("b", "Make base", True),
    "search": ("slash", "Search", True),
    "next_match": ("ctrl+g", "Next match", False),
    "focus_mode": ("z", "Focus mode", True),
    "fold_furniture": ("h", "Show/fold furniture", True),
    "page_down": ("pagedown,space", "Page down", False),
    "page_up": ("pageup", "Page up", False),
    "top": ("g,home", "First row", False),
    "bottom": ("G,end", "Last row", False),
    "annotate": ("a", "Annotate", True),
    "annotate_flag": ("m", "Annotate flag", False),
    "edit_annotation": ("e", "Edit annotation", False),
    "delete_annotation": ("d", "Delete annotation", False),
    "annotations": ("A", "Annotations", True),
    "next_sentence": ("right_square_bracket", "Next sentence", True),
    "prev_sentence": ("left_square_bracket", "Prev sentence", False),
    "flag_list": ("l", "Flag list", True),
    "severity_filter": ("v", "Severity filter (minor, major, critical)", False),
    "flag_order": ("o", "f/F: most serious first or top to bottom", False),
    "go_to_row": ("colon", "Go to row", False),
    "copy": ("c", "Copy the sentence or cell", False),
    "undo": ("u", "Undo the last annotation change", False),
    "next_annotation": ("full_stop", "Next annotation", False),
    "prev_annotation": ("comma", "Prev annotation", False),
}
"""Binding id -> default keys, description, shown in the key bar (as before the actions took parameters)."""


def test_binding_ids_keys_and_descriptions_are_unchanged():
    found = {b.id: (b.key, b.description, b.show) for b in ReviewScreen.BINDINGS}
    assert found == DEFAULTS


@pytest.mark.parametrize("binding", ReviewScreen.BINDINGS, ids=lambda b: b.id)
def test_every_binding_names_an_action_of_the_screen(binding):
    _namespace, name, arguments = parse(binding.action)
    assert callable(getattr(ReviewScreen, f"action_{name}", None))
    assert name in NEEDS_ALIGNMENT
    assert all(argument in (1, -1) for argument in arguments), "parameters are directions"


async def test_the_parameterised_actions_go_both_ways(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        view = view_of(app)
        steps = [
            ("G", 5),
            ("g", 0),
            ("end", 5),
            ("home", 0),
            ("down", 1),
            ("up", 0),
            ("n", 1),
            ("N", 0),
            ("f", 1),
            ("F", 1),
            ("space", None),
            ("pageup", 0),
        ]
        for key, row in steps:
            await pilot.press(key)
            if row is not None:
                assert view.cursor == row, f"after {key}"
        await pilot.press("tab")
        assert view.focused == "b"
        await pilot.press("shift+tab", "shift+tab")
        assert view.focused == "c"
        assert view.geometry.columns == ("a", "c"), "the focused column is scrolled into view"
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert view.geometry.columns == ("a", "b")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert view.geometry.columns == ("a", "c")
