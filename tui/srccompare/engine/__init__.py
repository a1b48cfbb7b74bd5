"""Sources -> alignment, word divergences and flags. Never imports Textual or Rich."""
