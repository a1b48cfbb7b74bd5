"""The review screen's key bindings (each with an id the config's ``keys:`` can remap) and
which of their actions need an alignment on screen."""

from __future__ import annotations

from textual.binding import Binding, BindingType

REVIEW_BINDINGS: list[BindingType] = [
    Binding("j,down", "row_down", "Row down", id="row_down", show=False),
    Binding("k,up", "row_up", "Row up", id="row_up", show=False),
    Binding("n", "next_divergence", "Next diff", id="next_divergence"),
    Binding("N", "prev_divergence", "Prev diff", id="prev_divergence", show=False),
    Binding("f", "next_flag", "Next flag", id="next_flag"),
    Binding("F", "prev_flag", "Prev flag", id="prev_flag", show=False),
    Binding("tab", "next_column", "Next column", id="next_column"),
    Binding("shift+tab", "prev_column", "Previous column", id="prev_column", show=False),
    Binding("right,greater_than_sign", "columns_right", "Scroll columns right", id="columns_right", show=False),
    Binding("left,less_than_sign", "columns_left", "Scroll columns left", id="columns_left", show=False),
    Binding("b", "make_base", "Make base", id="make_base"),
    Binding("slash", "search", "Search", id="search"),
    Binding("ctrl+g", "next_match", "Next match", id="next_match", show=False),
    Binding("z", "toggle_zoom", "Focus mode", id="focus_mode"),
    Binding("h", "toggle_fold", "Fold furniture", id="fold_furniture"),
    Binding("pagedown,space", "page_down", "Page down", id="page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="page_up", show=False),
    Binding("g,home", "top", "First row", id="top", show=False),
    Binding("G,end", "bottom", "Last row", id="bottom", show=False),
    Binding("a", "annotate", "Annotate", id="annotate"),
    Binding("m", "annotate_flag", "Annotate flag", id="annotate_flag", show=False),
    Binding("e", "edit_annotation", "Edit annotation", id="edit_annotation", show=False),
    Binding("d", "delete_annotation", "Delete annotation", id="delete_annotation", show=False),
    Binding("A", "annotations", "Annotations", id="annotations"),
]

NEEDS_ALIGNMENT = {
    "row_down",
    "row_up",
    "next_divergence",
    "prev_divergence",
    "next_flag",
    "prev_flag",
    "next_column",
    "prev_column",
    "columns_left",
    "columns_right",
    "make_base",
    "search",
    "next_match",
    "toggle_zoom",
    "toggle_fold",
    "page_down",
    "page_up",
    "top",
    "bottom",
    "annotate",
    "annotate_flag",
    "edit_annotation",
    "delete_annotation",
    "annotations",
}
