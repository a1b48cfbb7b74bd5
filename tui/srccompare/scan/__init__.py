"""Archive scan: find every set of versions of one story in a pile of articles, on Dask.

Tier 1 (reprints, edited and truncated copies) compares word shingles with
MinHash and LSH bands; tier 2 (paraphrases, translations) compares the tokens
paraphrases keep and verifies with the pairwise aligner. The heavy stages are
batch-in, batch-out functions over Arrow tables and numpy arrays, mapped over
partitions by Dask (:mod:`.pipeline`); Dask, distributed and pyarrow are
imported only when a scan runs, never by the app.
"""
