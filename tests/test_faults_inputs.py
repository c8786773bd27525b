"""Fault matrix, single inputs that used to stop every run: an undecodable file name, an
unreadable or vanishing file, a FIFO swapped in, a YAML alias bomb. Each is named with its
reason, skipped, and the run goes on."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest

from briefing import pipeline, sources

from .faults import EXE, Workspace


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    fd = os.open(os.fsencode(ws.inbox) + b"/caf\xe9-report.txt", os.O_WRONLY | os.O_CREAT)
    os.write(fd, b"Title: Cafe\n\nThe harbour was closed on Monday after the strike.\n")
    os.close(fd)
    ws.fault()
    for day in ("2025-05-01", "2025-05-02"):  # reported on every run until renamed
        result = ws.run("run", "--date", day)
        assert result.exit_code == 3, result.stderr
        assert "caf\\xe9-report.txt: skipped: file name is not valid UTF-8" in result.stderr
    ws.check()


def test_unreadable_file_is_skipped_and_read_once_it_can_be(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    locked = ws.add(2)
    locked.chmod(0)
    ws.fault()
    try:
        result = ws.run("run", "--date", "2025-05-01", drop_caps=True)
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 3, result.stderr
    assert "article-002.txt: skipped: could not be read (Permission denied)" in result.stderr
    assert "edition 2025-05-01 with 1 articles" in result.stderr
    result = ws.run("run", "--date", "2025-05-02")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-05-02 with 1 articles" in result.stderr
    ws.check()


def test_unreadable_subfolder_keeps_its_articles(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1, name="desk/a.txt")
    ws.add(2)
    (ws.inbox / "desk").chmod(0)
    ws.fault()
    try:
        result = ws.run("run", "--date", "2025-05-01", drop_caps=True)
    finally:
        (ws.inbox / "desk").chmod(0o755)
    assert result.exit_code == 3, result.stderr
    assert "desk: skipped: folder could not be read (Permission denied)" in result.stderr
    result = ws.run("run", "--date", "2025-05-02")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-05-02 with 1 articles" in result.stderr
    ws.check()


def test_file_that_vanishes_while_hashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    doomed = ws.add(2)
    del ws.articles[doomed.name]  # deleted for good: it is in no edition, and that is right
    real = sources.open_regular

    def open_regular(path: Path) -> int:
        if path == doomed:
            path.unlink()
        return real(path)

    monkeypatch.setattr(sources, "open_regular", open_regular)
    ws.fault()
    result = ws.run("run", "--date", "2025-05-01")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-05-01 with 1 articles" in result.stderr
    ws.check()


def test_fifo_swapped_in_after_the_scan_does_not_block(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    path = ws.add(2)
    parked = tmp_path / "parked.txt"
    real = sources.discover

    def discover(*args: object) -> sources.Scan:
        scan = real(*args)  # type: ignore[arg-type]
        path.rename(parked)
        os.mkfifo(path)  # nobody will ever write to it
        monkeypatch.setattr(pipeline, "discover", real)
        return scan

    monkeypatch.setattr(pipeline, "discover", discover)

    def blocked(*_: object) -> None:
        raise TimeoutError("the run blocked on a FIFO")

    signal.signal(signal.SIGALRM, blocked)
    signal.alarm(30)
    ws.fault()
    try:
        result = ws.run("run", "--date", "2025-05-01")
    finally:
        signal.alarm(0)
    assert result.exit_code == 3, result.stderr
    assert "article-002.txt: skipped: not a regular file since the inbox was scanned" in (
        result.stderr)
    path.unlink()
    parked.rename(path)
    result = ws.run("run", "--date", "2025-05-02")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-05-02 with 1 articles" in result.stderr
    ws.check()


LOLS = ",".join(['"lol"'] * 9)
BOMB = ("---\n" + f"a: &a [{LOLS}]\n"
        + "".join(f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]\n"
                  for a, b in zip("abcdefgh", "bcdefghi", strict=True))
        + "title: *i\n---\n\nThe harbour.\n")


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    (ws.inbox / "bomb.md").write_text(BOMB)
    ws.fault()

    def limit_memory() -> None:  # a regression must fail the test, not the machine
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    started = time.monotonic()
    proc = subprocess.run([EXE, "run", "-c", str(ws.config), "--date", "2025-05-01"],
                          capture_output=True, text=True, timeout=120, preexec_fn=limit_memory)
    assert time.monotonic() - started < 60
    assert proc.returncode == 3, proc.stderr
    assert "bomb.md: skipped: YAML front matter uses aliases" in proc.stderr
    ws.check()


def test_oversized_front_matter_is_refused(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    fields = "".join(f"k{i}: {'x' * 300}\n" for i in range(58))
    (ws.inbox / "big.md").write_text(f"---\n{fields}---\n\nThe harbour reopened on Monday.\n")
    ws.fault()
    result = ws.run("run", "--date", "2025-05-01")
    assert result.exit_code == 3, result.stderr
    assert "big.md: skipped: YAML front matter is larger than 16 KiB" in result.stderr
    ws.check()
