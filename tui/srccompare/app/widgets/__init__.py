"""Widgets of the review screen; the side-by-side view draws itself with the Line API."""
