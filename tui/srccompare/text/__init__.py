"""Text with offsets: paragraphs and sentences, normalisation for matching, hard-wrap rejoin."""
