"""benchmarks/scale.py measures on distinct articles: a generator that repeated its texts
would hide every cost that grows with distinct sentences (caches, vocabulary, the ILP)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
EVAL = Path(os.environ.get("BRIEFING_EVAL_DATA", ROOT.parent / "shared" / "eval"))


@pytest.mark.skipif(not EVAL.is_dir(), reason=f"evaluation data not found at {EVAL}")
def test_scale_inbox_is_distinct_and_reproducible(tmp_path: Path) -> None:
    import scale

    pools = scale.cluster_pools(EVAL / "duc2004")
    scale.write_articles(pools, tmp_path / "a", range(600))
    scale.write_articles(pools, tmp_path / "b", range(590, 600))
    assert scale.distinct_share(tmp_path / "a") >= 0.8
    texts = {p.read_text(encoding="utf-8") for p in (tmp_path / "a").iterdir()}
    assert len(texts) == 600
    for path in (tmp_path / "b").iterdir():  # the same number gives the same article
        assert path.read_bytes() == (tmp_path / "a" / path.name).read_bytes()
