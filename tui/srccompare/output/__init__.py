"""Alignments rendered for people and scripts: JSON/YAML and the text table."""
