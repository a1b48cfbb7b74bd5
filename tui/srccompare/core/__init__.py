"""The data every layer shares: the model, errors, settings and atomic writes."""
