"""Archive scan: find every version of every story in a pile of articles (issue 14)."""
