"""The Textual review app. Nothing outside this package imports it (the engine stays headless)."""
