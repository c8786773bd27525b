"""Fault matrix, exit codes: configuration and templates (78), the state database and I/O
such as a full disk (74), a database another program holds (75). One line naming the file,
no traceback, and nothing lost once the fault is gone."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from .conftest import TEMPLATES
from .faults import EXE, Workspace


def one_line_error(stderr: str, *needles: str) -> None:
    errors = [line for line in stderr.splitlines() if line.startswith("briefing: error:")]
    assert errors, stderr
    assert "Traceback" not in stderr, stderr
    for needle in needles:
        assert any(needle in line for line in errors), (needle, stderr)


def finish(ws: Workspace, day: str = "2025-08-02") -> None:
    result = ws.run("run", "--date", day)
    assert result.exit_code == 0, result.stderr
    ws.check()


@pytest.mark.parametrize("text,expected", [
    ("# {{ b.title | md }\n", "briefing.md.j2:1: template syntax error"),
    ("# {{ b.title | md }}\n{% for x in b.topics %}\n", "briefing.md.j2:2: template syntax error"),
    ("# {{ b.no_such_field }}\n", "briefing.md.j2: template error:"),
    ("# {{ b.title | no_such_filter }}\n", "briefing.md.j2:1: template syntax error"),
])
def test_broken_template_is_a_config_error(tmp_path: Path, text: str, expected: str) -> None:
    ws = Workspace(tmp_path)
    ws.add(1), ws.add(2)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.md.j2").write_text(text)
    ws.write_config(f'templates = "{templates}"\n')
    ws.fault()
    result = ws.run("run", "--date", "2025-08-01")
    assert result.exit_code == 78, result.stderr
    one_line_error(result.stderr, str(templates / "briefing.md.j2"), expected)
    (templates / "briefing.md.j2").unlink()  # back to the built-in template
    finish(ws)


def test_unreadable_templates_folder_is_a_config_error(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.md.j2").write_text((TEMPLATES / "briefing.md.j2").read_text())
    ws.write_config(f'templates = "{templates}"\n')
    templates.chmod(0)
    ws.fault()
    try:
        result = ws.run("run", "--date", "2025-08-01", drop_caps=True)
    finally:
        templates.chmod(0o755)
    assert result.exit_code == 78, result.stderr
    one_line_error(result.stderr, str(templates), "Permission denied")
    finish(ws)


@pytest.mark.parametrize("setting,expected", [
    ('subject = "{title} on {datum}"', "'subject': unknown placeholder {datum}"),
    ("timeout = nan", "'timeout': must be a finite number"),
    ("timeout = inf", "'timeout': must be a finite number"),
    ("timeout = 0", "'timeout' must be more than 0 seconds"),
    ("backoff_seconds = nan", "'backoff_seconds': must be a finite number"),
])
def test_bad_email_setting_is_a_config_error(tmp_path: Path, setting: str, expected: str) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    ws.write_config('[email]\nenabled = true\nhost = "127.0.0.1"\nsecurity = "none"\n'
                    f'recipients = ["ann@example.org"]\n{setting}\n')
    ws.fault()
    result = ws.run("run", "--date", "2025-08-01")
    assert result.exit_code == 78, result.stderr
    one_line_error(result.stderr, str(ws.config), expected)
    ws.write_config("")
    finish(ws)


@pytest.mark.parametrize("room", [None, 0, 4096])
def test_full_state_database_is_74_and_the_next_run_loses_nothing(tmp_path: Path,
                                                                   room: int | None) -> None:
    """A file size limit (RLIMIT_FSIZE) fails writes past it as a full disk would: the new
    state database (room None) or an existing one growing while it records articles."""
    ws = Workspace(tmp_path)
    limit = 1000
    if room is not None:
        ws.add(100)
        assert ws.run("run", "--date", "2025-07-31").exit_code == 0
        limit = ws.database.stat().st_size + room
    for n in range(12):
        ws.add(n)
    ws.fault()
    result = ws.run("run", "--date", "2025-08-01", fsize=limit)
    assert result.exit_code == 74, result.stderr
    one_line_error(result.stderr, f"{ws.database}: cannot use the state database: disk I/O")
    result = ws.run("run", "--date", "2025-08-01")  # space again: the same day completes
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-08-01 with 12 articles" in result.stderr
    ws.check()


def mounts_allowed() -> bool:
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(shutil.which("unshare") is None or not mounts_allowed(),
                    reason="needs unshare -m (a private mount namespace) for a real full disk")
@pytest.mark.parametrize("pdf", [False, True])
def test_full_disk_for_the_edition_is_74_and_the_next_run_loses_nothing(tmp_path: Path,
                                                                         pdf: bool) -> None:
    """The edition's folder on a full tmpfs (in a private mount namespace): writing the
    Markdown (or the PDF first) fails with ENOSPC."""
    ws = Workspace(tmp_path, pdf=pdf)
    for n in range(3):
        ws.add(n)
    folder = ws.out / "2025-08-01"
    folder.mkdir(parents=True)
    script = (f"mount -t tmpfs -o size=64k tmpfs {folder} && "
              f"(cat /dev/zero > {folder}/filler 2>/dev/null; true) && "
              f"exec {EXE} run -c {ws.config} --date 2025-08-01")
    ws.fault()
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 74, proc.stderr
    name = "briefing.pdf" if pdf else "briefing.md"
    one_line_error(proc.stderr, f"{folder / name}: cannot write: No space left on device")
    result = ws.run("run", "--date", "2025-08-02")  # the disk has room again
    assert result.exit_code == 0, result.stderr
    assert "edition 2025-08-01 was interrupted while its files were written" in result.stderr
    assert "nothing new" in result.stderr
    ws.check()


def test_corrupt_database_is_74(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    for n in range(30):
        ws.add(n)
    assert ws.run("run", "--date", "2025-08-01").exit_code == 0
    data = bytearray(ws.database.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[2 * page:len(data) - page] = bytes([0xA5]) * (len(data) - 3 * page)
    ws.database.write_bytes(bytes(data))
    ws.fault()
    ws.add(99)
    result = ws.run("run", "--date", "2025-08-02")
    assert result.exit_code == 74, result.stderr
    one_line_error(result.stderr, str(ws.database), "malformed")
    ws.database.write_bytes(b"not a database at all, " * 100)
    ws.fault()
    result = ws.run("run", "--date", "2025-08-02")
    assert result.exit_code == 74, result.stderr
    one_line_error(result.stderr, str(ws.database), "not a database")


def test_database_held_by_another_program_is_75(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    assert ws.run("run", "--date", "2025-08-01").exit_code == 0
    ws.add(2)
    other = sqlite3.connect(ws.database, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # e.g. someone's sqlite3 shell, or a backup tool
    ws.fault()
    try:
        result = ws.run("run", "--date", "2025-08-02", process=True)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 75, result.stderr
    one_line_error(result.stderr, str(ws.database), "locked by another program")
    finish(ws)
