"""The review screen's key bindings (each with an id the config's ``keys:`` can remap) and
which of their actions need an alignment on screen."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# The ids (what keys: in config.yaml remaps, and the help lists) and default keys are
# the user's interface: keep them. One action serves both directions of a move.
REVIEW_BINDINGS: list[BindingType] = [
    Binding("j,down", "next_row(1)", "Row down", id="row_down", show=False),
    Binding("k,up", "next_row(-1)", "Row up", id="row_up", show=False),
    Binding("n", "next_divergence(1)", "Next diff", id="next_divergence"),
    Binding("N", "next_divergence(-1)", "Prev diff", id="prev_divergence", show=False),
    Binding("f", "next_flag(1)", "Next flag", id="next_flag"),
    Binding("F", "next_flag(-1)", "Prev flag", id="prev_flag", show=False),
    Binding("tab", "next_column(1)", "Next column", id="next_column"),
    Binding("shift+tab", "next_column(-1)", "Previous column", id="prev_column", show=False),
    Binding("right,greater_than_sign", "scroll_columns(1)", "Scroll columns right", id="columns_right", show=False),
    Binding("left,less_than_sign", "scroll_columns(-1)", "Scroll columns left", id="columns_left", show=False),
    Binding("b", "make_base", "Make base", id="make_base"),
    Binding("slash", "search", "Search", id="search"),
    Binding("ctrl+g", "next_match(1)", "Next match", id="next_match", show=False),
    Binding("z", "toggle_zoom", "Focus mode", id="focus_mode"),
    Binding("h", "toggle_fold", "Show/fold furniture", id="fold_furniture"),
    Binding("pagedown,space", "page(1)", "Page down", id="page_down", show=False),
    Binding("pageup", "page(-1)", "Page up", id="page_up", show=False),
    Binding("g,home", "go_to_end(-1)", "First row", id="top", show=False),
    Binding("G,end", "go_to_end(1)", "Last row", id="bottom", show=False),
    Binding("a", "annotate", "Annotate", id="annotate"),
    Binding("m", "annotate_flag", "Annotate flag", id="annotate_flag", show=False),
    Binding("e", "edit_annotation", "Edit annotation", id="edit_annotation", show=False),
    Binding("d", "delete_annotation", "Delete annotation", id="delete_annotation", show=False),
    Binding("A", "annotations", "Annotations", id="annotations"),
    # Last, so the key bar shows them only where the others fit already.
    Binding("right_square_bracket", "next_sentence(1)", "Next sentence", id="next_sentence"),
    Binding("left_square_bracket", "next_sentence(-1)", "Prev sentence", id="prev_sentence", show=False),
    Binding("l", "flag_list", "Flag list", id="flag_list"),
    Binding("v", "severity_filter", "Severity filter (minor, major, critical)", id="severity_filter", show=False),
    Binding("o", "flag_order", "f/F: most serious first or top to bottom", id="flag_order", show=False),
    Binding("colon", "go_to_row", "Go to row", id="go_to_row", show=False),
    Binding("c", "copy", "Copy the sentence or cell", id="copy", show=False),
    Binding("u", "undo", "Undo the last annotation change", id="undo", show=False),
    Binding("full_stop", "next_annotation(1)", "Next annotation", id="next_annotation", show=False),
    Binding("comma", "next_annotation(-1)", "Prev annotation", id="prev_annotation", show=False),
]

NEEDS_ALIGNMENT = {
    "next_row",
    "next_divergence",
    "next_flag",
    "next_sentence",
    "next_column",
    "scroll_columns",
    "make_base",
    "search",
    "next_match",
    "toggle_zoom",
    "toggle_fold",
    "page",
    "go_to_end",
    "annotate",
    "annotate_flag",
    "edit_annotation",
    "delete_annotation",
    "annotations",
    "flag_list",
    "severity_filter",
    "flag_order",
    "go_to_row",
    "copy",
    "undo",
    "next_annotation",
}
"""Actions (by name, without their parameters) that need an alignment on screen."""
