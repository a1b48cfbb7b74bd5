"""Files -> :class:`~srccompare.core.model.Source`: encodings, plain text, HTML, .docx and PDF."""
