"""The per-article work in a process pool or on Dask gives the same edition, byte for byte,
as in this process.

The DUC 2004 documents are in ../shared/eval beside the project (CI has them there)."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import engine as engine_module
from briefing.config import ScaleConfig, load_config
from briefing.engine import Batches, Local, Work, parse_batch
from briefing.errors import ConfigError
from briefing.models import FoundFile
from briefing.pipeline import run

from .conftest import ROOT, SEEDS, write_config

DUC = ROOT.parent / "shared" / "eval" / "duc2004" / "docs"
DATE = dt.date(2024, 11, 1)
DUC_ARTICLES = 300
BATCH = 20


def duc_inbox(inbox: Path, n: int) -> None:
    """The seeds, n DUC 2004 documents as pasted text, and two files no engine can read."""
    shutil.copytree(SEEDS, inbox)
    for path in sorted(DUC.glob("*/*"))[:n]:
        raw = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        if match:
            text = html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
            (inbox / f"{path.name}.txt").write_text(text.strip() + "\n", encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)


def build(folder: Path, inbox: Path, scale: str) -> tuple[bytes, int]:
    folder.mkdir()
    config = load_config(write_config(folder, inbox, extra="pdf = false\n\n" + scale))
    report = run(config, DATE, send=False)
    assert report.markdown is not None, report.message
    return report.markdown.read_bytes(), report.exit_code


@pytest.mark.skipif(not DUC.is_dir(), reason="../shared/eval/duc2004 not beside the project")
def test_pool_and_dask_editions_are_byte_identical_to_the_local_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    inbox = tmp_path / "inbox"
    duc_inbox(inbox, DUC_ARTICLES)
    files = len(list(inbox.iterdir()))
    local, local_code = build(tmp_path / "local", inbox, "[scale]\nworkers = 1\n")
    pools = []
    real_pool = engine_module._pool

    def pool(workers: int):  # noqa: ANN202
        pools.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(engine_module, "_pool", pool)
    pooled, _ = build(tmp_path / "pool", inbox, f"[scale]\nworkers = 2\nbatch_size = {BATCH}\n")
    assert pools == [2]  # the local process pool did the work
    assert pooled == local
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client, \
            distributed.get_task_stream(client) as tasks:
        remote, remote_code = build(
            tmp_path / "dask", inbox,
            f'[scale]\nengine = "dask"\nscheduler_address = "{cluster.scheduler_address}"\n'
            f"batch_size = {BATCH}\n")
        workers = set(client.scheduler_info()["workers"])
    assert remote == local
    assert remote_code == local_code == 3  # the two unreadable files are skipped in both
    assert b"empty.txt" in remote and b"binary.txt" in remote
    ran = [t for t in tasks.data if str(t["key"]).startswith("parse_batch")]
    # Every readable file went to the cluster, in batches (the empty file is judged here).
    assert len(ran) == math.ceil((files - 1) / BATCH) or len(ran) == math.ceil(files / BATCH)
    assert {t["worker"] for t in ran} <= workers


def test_dask_local_cluster_started_for_the_run(tmp_path: Path, seed_inbox: Path) -> None:
    pytest.importorskip("distributed")
    local, _ = build(tmp_path / "local", seed_inbox, "")
    remote, _ = build(tmp_path / "dask", seed_inbox,
                      '[scale]\nengine = "dask"\nworkers = 2\nbatch_size = 2\n')
    assert remote == local


def test_results_come_back_in_the_order_given_not_the_order_finished(tmp_path: Path) -> None:
    """A client whose batches finish last-first: the outcomes still follow the files."""
    paths = []
    for i in range(7):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f"Article {i}\n\nThe council met on Monday to talk about item {i} "
                        "of the plan for the town.\n", encoding="utf-8")
        paths.append(path)
    import hashlib

    files = [FoundFile(p, p.name, p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
             for p in paths]

    class Done:
        def __init__(self, value: object) -> None:
            self.value = value

        def result(self) -> object:
            return self.value

    def reversed_submit(fn, batch, *args):  # noqa: ANN001, ANN202
        """Runs each batch, and hands its results back in the reverse order."""
        key, results = fn(list(reversed(batch)), *args)
        return Done((key, results))

    local = [o.article for o in Local().outcomes(files, 1 << 20, Work())]
    remote = [o.article for o in Batches(reversed_submit, 3, 2).outcomes(files, 1 << 20, Work())]
    assert remote == local
    assert [a.relpath for a in remote if a] == [f.relpath for f in files]


def test_workers_with_other_code_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A title\n\nThe council met on Monday to talk about the plan.\n",
                    encoding="utf-8")
    import hashlib

    found = FoundFile(path, "a.txt", path.stat().st_size,
                      hashlib.sha256(path.read_bytes()).hexdigest())

    class Done:
        def __init__(self, results: object) -> None:
            self.results = results

        def result(self) -> object:
            return "0123456789abcdef", self.results

    def other_version(fn, batch, *args):  # noqa: ANN001, ANN202
        return Done(parse_batch(batch, *args)[1])

    with pytest.raises(ConfigError, match="same briefing version"):
        list(Batches(other_version, 10, 2).outcomes([found], 1 << 20, Work()))


def test_local_engine_imports_no_dask(tmp_path: Path, seed_inbox: Path) -> None:
    config = write_config(tmp_path, seed_inbox, extra="pdf = false")
    code = f"""
import datetime, sys
from briefing import engine as engine_module
from briefing.config import ScaleConfig, load_config
from briefing.pipeline import run
report = run(load_config({str(config)!r}), datetime.date(2024, 11, 1), send=False)
assert report.markdown is not None
loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))
assert not loaded, loaded
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_dask_engine_without_dask_installed_says_what_to_install(tmp_path: Path,
                                                                  seed_inbox: Path) -> None:
    config = write_config(tmp_path, seed_inbox, extra='pdf = false\n\n[scale]\nengine = "dask"')
    code = f"""
import datetime, sys
sys.modules['distributed'] = None  # as if the dask extra were not installed
from briefing import engine as engine_module
from briefing.config import ScaleConfig, load_config
from briefing.errors import ConfigError
from briefing.pipeline import run
try:
    run(load_config({str(config)!r}), datetime.date(2024, 11, 1), send=False)
except ConfigError as exc:
    print(exc)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "pip install 'briefing[dask]'" in result.stdout, result.stderr


def test_unknown_engine_is_a_config_error(tmp_path: Path, seed_inbox: Path) -> None:
    with pytest.raises(ConfigError, match="'engine' must be"):
        load_config(write_config(tmp_path, seed_inbox, extra='[scale]\nengine = "spark"'))


def test_a_local_pool_reads_a_hundred_files_on_every_core_in_smaller_batches() -> None:
    """+100 new files are read in a pool of batches smaller than batch_size (down to
    POOL_MIN_BATCH); fewer files than two such batches per worker are read here."""
    scale = ScaleConfig(workers=2, batch_size=50)
    with engine_module.engine(scale, 100) as runner:
        assert isinstance(runner, Batches) and runner.batch_size == 25
    with engine_module.engine(scale, 2 * 2 * engine_module.POOL_MIN_BATCH - 1) as runner:
        assert isinstance(runner, Local)
    with engine_module.engine(scale, 1000) as runner:
        assert isinstance(runner, Batches) and runner.batch_size == 50
    with engine_module.engine(ScaleConfig(workers=2, batch_size=2), 8) as runner:
        assert isinstance(runner, Batches) and runner.batch_size == 2
