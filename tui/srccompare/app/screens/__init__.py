"""Screens of the review app, one per file so other parts can add their own."""
