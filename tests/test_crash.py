"""One run at a time, and a run killed at any moment loses and half-writes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from briefing.cli import main
from briefing.lock import run_lock
from briefing.store import Store

from .conftest import make_big_inbox, write_config

EXE = str(Path(sys.executable).parent / "briefing")
DAY = "2025-06-01"


def test_a_second_run_exits_75_while_the_lock_is_held(tmp_path: Path, seed_inbox: Path) -> None:
    config = write_config(tmp_path, seed_inbox)
    with run_lock(tmp_path / "out" / "state.sqlite"):
        result = CliRunner().invoke(main, ["run", "-c", str(config)])
    assert result.exit_code == 75
    assert "another briefing run holds" in result.stderr
    assert CliRunner().invoke(main, ["run", "-c", str(config)]).exit_code == 0  # lock freed


def test_two_concurrent_runs(tmp_path: Path) -> None:
    make_big_inbox(tmp_path / "inbox", 200)
    config = write_config(tmp_path, tmp_path / "inbox")
    procs = [subprocess.Popen([EXE, "run", "-q", "-c", str(config), "--date", DAY],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    codes = sorted(p.wait(timeout=120) for p in procs)
    assert codes == [0, 75]


def complete(md: Path, pdf: Path) -> bool:
    """Both files whole: the Markdown ends with its footer, the PDF opens."""
    text = md.read_text(encoding="utf-8")
    return text.rstrip().endswith("files skipped.") and len(PdfReader(pdf).pages) >= 1


def test_sigkill_at_any_moment_leaves_previous_outputs_and_the_next_run_finishes(
        tmp_path: Path, seed_inbox: Path) -> None:
    config = write_config(tmp_path, seed_inbox)
    assert CliRunner().invoke(main, ["run", "-c", str(config), "--date", DAY]).exit_code == 0
    folder = tmp_path / "out" / DAY
    md, pdf = folder / "briefing.md", folder / "briefing.pdf"
    before = md.read_bytes()
    make_big_inbox(seed_inbox, 200)  # the same day's second run will take a few seconds
    for delay in (0.2, 0.6, 1.0, 1.5, 2.0, 3.0):
        proc = subprocess.Popen([EXE, "run", "-q", "-c", str(config), "--date", DAY],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert complete(md, pdf), f"partial output after a kill at {delay}s"
        with Store(tmp_path / "out" / "state.sqlite") as store:
            record = store.edition(dt.date.fromisoformat(DAY))
            assert record is not None
            recorded = record.markdown_sha256
        # The record never claims a file that is not there: it names the old edition (the
        # run died before recording) or exactly the file on disk (it died after).
        assert recorded in {hashlib.sha256(before).hexdigest(),
                            hashlib.sha256(md.read_bytes()).hexdigest()}
    result = subprocess.run([EXE, "run", "-c", str(config), "--date", DAY],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with Store(tmp_path / "out" / "state.sqlite") as store:
        record = store.edition(dt.date.fromisoformat(DAY))
        assert record is not None
        assert record.markdown_sha256 == hashlib.sha256(md.read_bytes()).hexdigest()
        assert store.edition_article_count(record.date) == 205
        assert store.pending() == []
    assert list(folder.glob(".*.tmp")) == []
    assert complete(md, pdf)
