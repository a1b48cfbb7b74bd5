"""``scan --pick ID...``: any 2 to 6 scanned articles as files in a folder of their own, for the app.

A set's review folder holds at most 6 of its members; the manifest lists the
rest, and this writes any of them (from any set) to ``OUTDIR/picked/<name>/``,
named by their safe ids, read back from the texts the scan kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from srccompare.core.atomic import atomic_write_text
from srccompare.core.errors import UserError
from srccompare.scan import store
from srccompare.scan.names import member_file_name, safe_stem


def pick(outdir: Path, ids: list[str]) -> Path:
    import pyarrow as pa
    import pyarrow.compute as pc

    state = store.load_state(outdir) if store.state_path(outdir).exists() else None
    if state is None:
        raise UserError("holds no scan; run 'srccompare scan INPUT -o OUTDIR' first", str(outdir))
    wanted = list(dict.fromkeys(ids))
    if not 2 <= len(wanted) <= 6:
        raise UserError(f"--pick takes 2 to 6 different article ids (the app opens 2 to 6 sources); got {len(wanted)}")
    texts: dict[str, str] = {}
    for part in range(len(state.part_rows)):
        path = store.part_file(outdir, "articles", part)
        if not path.exists():
            continue
        table = store.read_table(path, ["id", "text"])
        found = table.filter(pc.is_in(table.column("id"), value_set=pa.array(wanted)))
        texts.update(zip(found.column("id").to_pylist(), found.column("text").to_pylist()))
    missing = [i for i in wanted if i not in texts]
    if missing:
        raise UserError(f"no scanned article has the id '{missing[0]}'", str(outdir))
    digest = hashlib.sha256("\n".join(wanted).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    folder = outdir / "picked" / f"{safe_stem(wanted[0])[:40]}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for article_id in wanted:
        atomic_write_text(folder / member_file_name(article_id, taken), texts[article_id])
    return folder
