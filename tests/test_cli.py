"""The command line as a user meets it: what it prints, on which stream, with which code."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main

from .conftest import TEMPLATES, write_config

ARTICLE = "Title: Strike ends\n\nDock workers voted on Sunday to end their nine-day strike.\n"
TOPICS = '[[topics]]\nname = "Port"\ndescription = "The port."\nterms = ["strike", "dock"]\n'


def test_other_libraries_log_lines_are_not_ours_and_show_only_with_verbose(
        tmp_path: Path) -> None:
    # A stylesheet WeasyPrint warns about: a library's log line on every machine, the way its
    # font notices are on one without HarfBuzz-Subset.
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    with (templates / "print.css").open("a", encoding="utf-8") as css:
        css.write("\np { frobnicate: 3; }\n")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLE)
    config = write_config(tmp_path, inbox, f'templates = "{templates.as_posix()}"', TOPICS)

    def run(*flags: str, date: str) -> str:
        result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", date, *flags])
        assert result.exit_code == 0, result.stderr
        return result.stderr

    plain = run(date="2025-03-01")
    assert "frobnicate" not in plain
    assert all(line.startswith("briefing: ") for line in plain.splitlines())
    assert "frobnicate" not in run("-q", date="2025-03-02")
    verbose = [line for line in run("-v", "--rebuild", date="2025-03-01").splitlines()
               if "frobnicate" in line]
    assert verbose and all(line.startswith("weasyprint: ") for line in verbose)


def _story(tmp_path: Path, extra: str = "") -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLE)
    return write_config(tmp_path, inbox, extra, topics=TOPICS)


@pytest.mark.parametrize("args,code,message", [
    (["run", "--all", "--rebuild"], 2, "use only one of"),
    (["run", "--inbox", "{tmp}/nowhere"], 2, "--inbox: folder does not exist"),
    (["run", "--since", "2025-03-05", "--date", "2025-03-01"], 2, "--since 2025-03-05 is after"),
    (["run", "--rebuild", "--date", "2025-03-01"], 66, "no edition for 2025-03-01"),
    (["send", "2025-03-01"], 78, "'recipients' is empty"),
    (["run", "-c", "{tmp}"], 78, "is a folder"),
    (["status", "-c", "{tmp}"], 78, "is a folder"),
])
def test_user_mistakes_get_one_line_and_their_code(tmp_path: Path, args: list[str], code: int,
                                                   message: str) -> None:
    config = _story(tmp_path)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "-c" not in args:
        args += ["-c", str(config)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith("briefing: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_send_of_a_day_without_edition(tmp_path: Path) -> None:
    config = _story(tmp_path, '[email]\nrecipients = ["a@example.org"]\n')
    result = CliRunner().invoke(main, ["send", "2025-03-01", "-c", str(config)])
    assert result.exit_code == 66 and result.stderr.count("\n") == 1, result.stderr
    assert "no edition for 2025-03-01" in result.stderr


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends


def test_quiet_is_silent_on_success_but_never_on_trouble(tmp_path: Path) -> None:
    config = _story(tmp_path, f'[email]\nenabled = true\nhost = "127.0.0.1"\n'
                              f'port = {_closed_port()}\nsecurity = "none"\n'
                              'recipients = ["a@example.org"]\nattempts = 1\n')
    (tmp_path / "inbox" / "empty.txt").write_text("")
    first = CliRunner().invoke(main, ["run", "-q", "-c", str(config), "--date", "2025-03-01"])
    assert first.exit_code == 4 and first.stdout == ""
    lines = first.stderr.splitlines()
    assert any("empty.txt: skipped: empty file" in line for line in lines), first.stderr
    assert any("e-mail to a@example.org" in line for line in lines), first.stderr
    assert all(line.startswith("briefing: ") for line in lines)
    assert not any("files in inbox" in line for line in lines)  # no success tally
    # Nothing left to do or say: a quiet run prints nothing at all.
    config.write_text(config.read_text().replace("enabled = true", "enabled = false"))
    second = CliRunner().invoke(main, ["run", "-q", "-c", str(config), "--date", "2025-03-02"])
    assert second.exit_code == 0 and second.stdout == "" and second.stderr == ""


HEAVY = ("sklearn", "scipy", "numpy", "weasyprint", "trafilatura", "apscheduler", "dateparser")


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["schedule", "--help"],
                                  ["init", "--help"]])
def test_help_imports_no_heavy_library(args: list[str]) -> None:
    # Not timed (no timed assertions in tests): --help is fast because it loads none of these.
    code = ("import sys\nfrom briefing.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            f"print([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert "Usage:" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o027, 0o640)])
def test_output_files_follow_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    config = _story(tmp_path)
    old = os.umask(umask)
    try:
        result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-03-01"])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "out" / "2025-03-01"
    for name in ("briefing.md", "briefing.pdf"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == mode, name
