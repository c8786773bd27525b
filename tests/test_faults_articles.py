"""Fault matrix, lost articles: a file away for one run, transient read errors, a bad
residue file, kills between publishing an edition and recording it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import pipeline, sources

from .faults import Workspace

KILL_AFTER_INGEST = {"BRIEFING_FAILPOINT": "run-ingested"}


def pending_by_kill(ws: Workspace, day: str) -> None:
    """Read the inbox and die before building: its articles are read but in no edition (as
    after the scheduler's interval ingest, or a build that failed)."""
    assert ws.run("run", "--date", day, env=KILL_AFTER_INGEST).exit_code == -9
    ws.fault()


def test_inbox_away_for_one_run(tmp_path: Path) -> None:
    """An unmounted share looks like an empty inbox: its pending articles are not lost."""
    ws = Workspace(tmp_path)
    ws.add(1), ws.add(2)
    pending_by_kill(ws, "2025-04-01")
    away = tmp_path / "away"
    shutil.move(ws.inbox, away)
    ws.inbox.mkdir()  # the bare mount point
    ws.fault()
    result = ws.run("run", "--date", "2025-04-02")
    assert result.exit_code == 0, result.stderr
    ws.inbox.rmdir()
    shutil.move(away, ws.inbox)
    result = ws.run("run", "--date", "2025-04-03")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-04-03 with 2 articles" in result.stderr
    ws.check()


def test_unreadable_inbox_is_an_error_not_an_empty_inbox(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1), ws.add(2)
    pending_by_kill(ws, "2025-04-01")
    ws.inbox.chmod(0)
    ws.fault()
    try:
        result = ws.run("run", "--date", "2025-04-02", drop_caps=True)
    finally:
        ws.inbox.chmod(0o755)
    assert result.exit_code == 74, result.stderr
    assert f"{ws.inbox}: cannot read the inbox" in result.stderr
    assert "Traceback" not in result.stderr
    result = ws.run("run", "--date", "2025-04-03")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-04-03 with 2 articles" in result.stderr
    ws.check()


def test_one_off_inbox_leaves_the_regular_inbox_alone(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1), ws.add(2)
    pending_by_kill(ws, "2025-04-01")
    other = tmp_path / "other"
    ws.add(3, folder=other)
    ws.fault()
    result = ws.run("run", "--date", "2025-04-02", "--inbox", str(other))
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-04-02 with 1 articles" in result.stderr
    assert "gone from inbox" not in result.stderr
    result = ws.run("run", "--date", "2025-04-03")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-04-03 with 2 articles" in result.stderr
    ws.check()


def _discover_then(monkeypatch: pytest.MonkeyPatch, act) -> None:  # type: ignore[no-untyped-def]
    """Let the real scan run, then change the file system before anything is read."""
    real = sources.discover

    def discover(*args):  # type: ignore[no-untyped-def]
        found = real(*args)
        act()
        monkeypatch.setattr(pipeline, "discover", real)  # only the first run
        return found

    monkeypatch.setattr(pipeline, "discover", discover)


def test_file_gone_between_scan_and_read_is_read_when_it_is_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    path = ws.add(2)
    parked = tmp_path / "parked.txt"
    _discover_then(monkeypatch, lambda: shutil.move(path, parked))
    ws.fault()
    result = ws.run("run", "--date", "2025-04-01")
    assert result.exit_code == 3, result.stderr
    assert "article-002.txt: skipped: could not be read" in result.stderr
    assert "try again" in result.stderr
    shutil.move(parked, path)
    result = ws.run("run", "--date", "2025-04-02")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-04-02 with 1 articles" in result.stderr
    ws.check()


def test_file_changed_between_scan_and_read_is_published_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workspace(tmp_path)
    path = ws.add(1)
    ws.add(2)

    def edit() -> None:
        path.write_text(path.read_text().replace("longest", "worst"))
        ws.articles[path.name] = path.read_text()

    _discover_then(monkeypatch, edit)
    ws.fault()
    first = ws.run("run", "--date", "2025-04-01")
    assert first.exit_code == 3, first.stderr
    assert "article-001.txt: skipped: changed while being read" in first.stderr
    second = ws.run("run", "--date", "2025-04-02")
    assert second.exit_code == 0, second.stderr
    md = (ws.out / "2025-04-02" / "briefing.md").read_text()
    assert "Built from 1 article;" in md
    ws.check()


def test_bad_residue_pattern_is_a_config_error_before_anything_is_read(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1), ws.add(2)
    residue = tmp_path / "residue.txt"
    residue.write_text("^Advertisement$\n^Share this( story)?[(\n")
    ws.write_config(f'residue_file = "{residue}"\n')
    ws.fault()
    result = ws.run("run", "--date", "2025-04-01")
    assert result.exit_code == 78, result.stderr
    assert f"{residue}: line 2: not a valid regular expression" in result.stderr
    assert not ws.database.exists() or "0 read" not in result.stderr
    residue.write_text("^Advertisement$\n^Share this( story)?$\n")
    result = ws.run("run", "--date", "2025-04-01")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-04-01 with 2 articles" in result.stderr
    ws.check()


def test_kill_after_the_files_are_published_leaves_no_orphan_edition(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1), ws.add(2)
    killed = ws.run("run", "--date", "2025-04-01",
                    env={"BRIEFING_FAILPOINT": "edition-files-written"})
    assert killed.exit_code == -9
    ws.fault()
    assert (ws.out / "2025-04-01" / "briefing.md").is_file()
    ws.add(3)
    result = ws.run("run", "--date", "2025-04-02")
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-04-02 with 1 articles" in result.stderr
    ws.check()


def test_kill_in_the_delivery_window_never_changes_a_mailed_edition(tmp_path: Path,
                                                                     smtp) -> None:
    handler, port = smtp
    ws = Workspace(tmp_path, handler=handler)
    ws.mail(port, ("ann@example.org",))
    ws.add(1)
    killed = ws.run("run", "--date", "2025-04-01",
                    env={"BRIEFING_FAILPOINT": "delivery-accepted"})
    assert killed.exit_code == -9 and len(handler.received) == 1
    ws.fault()
    ws.add(2)
    again = ws.run("run", "--date", "2025-04-01")  # same day, a new article
    assert again.exit_code == 0, again.stderr
    assert "1 new articles wait for the next edition" in again.stderr
    result = ws.run("run", "--date", "2025-04-02")
    assert result.exit_code == 0, result.stderr
    ws.check(window={("2025-04-01", "ann@example.org")})


def test_an_edition_changed_on_disk_is_not_mailed_under_its_message_id(tmp_path: Path,
                                                                       smtp) -> None:
    handler, port = smtp
    handler.data_replies = ["250 OK", "451 4.3.0 try later", "451 4.3.0 try later",
                            "451 4.3.0 try later"]
    both = ("ann@example.org", "bob@example.org")
    ws = Workspace(tmp_path, handler=handler)
    ws.mail(port, both)
    ws.add(1)
    assert ws.run("run", "--date", "2025-04-01").exit_code == 4  # ann has it, bob pending
    md = ws.out / "2025-04-01" / "briefing.md"
    original = md.read_bytes()
    md.write_bytes(original.replace(b"Port of", b"Harbour of"))
    ws.fault()
    result = ws.run("run", "--date", "2025-04-02")
    assert result.exit_code == 4, result.stderr
    assert "edition files changed since they were built" in result.stderr
    assert len(handler.received) == 1
    rebuilt = ws.run("run", "--rebuild", "--date", "2025-04-01")  # the same bytes again
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert md.read_bytes() == original
    result = ws.run("run", "--date", "2025-04-03")
    assert result.exit_code == 0, result.stderr
    ws.check()


def test_a_mailed_edition_is_not_rebuilt_into_something_else(tmp_path: Path, smtp) -> None:
    handler, port = smtp
    ws = Workspace(tmp_path, handler=handler)
    ws.mail(port, ("ann@example.org",))
    ws.add(1), ws.add(2)
    assert ws.run("run", "--date", "2025-04-01").exit_code == 0
    md = ws.out / "2025-04-01" / "briefing.md"
    before = md.read_bytes()
    ws.mail(port, ("ann@example.org",), "[digest]\nmax_sentence_words = 8\n")  # other lines
    ws.fault()
    ws.add(3)
    for option in ("--rebuild", "--all"):
        result = ws.run("run", option, "--date", "2025-04-01")
        assert result.exit_code == 77, (option, result.stderr)
    result = ws.run("run", "--rebuild", "--date", "2025-04-01")
    assert result.exit_code == 77
    assert "edition 2025-04-01 has been e-mailed, and rebuilding it now would change it" in (
        result.stderr)
    assert md.read_bytes() == before
    ws.write_config(ws.extra.split("[digest]")[0])
    assert ws.run("run", "--date", "2025-04-02").exit_code == 0  # the new article, next day
    ws.check()
