"""Progress: a bar on a terminal once a step takes a while; -v says per file what happened."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import pipeline, progress
from briefing.cli import main
from briefing.config import load_config

from .conftest import write_config

ARTICLE = "Title: Strike ends\n\nDock workers voted on Sunday to end their nine-day strike.\n"
TOPICS = '[[topics]]\nname = "Port"\ndescription = "The port."\nterms = ["strike", "dock"]\n'


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _story(tmp_path: Path, n: int = 3) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(n):
        (inbox / f"a{i}.txt").write_text(ARTICLE.replace("Sunday", f"day {i}"))
    return write_config(tmp_path, inbox, topics=TOPICS)


@pytest.fixture
def no_bars():
    yield
    progress.enable(None)


def test_a_terminal_gets_bars_for_reading_and_building(tmp_path: Path, no_bars: None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)  # as if every step were slow
    terminal = Terminal()
    progress.enable(terminal)
    pipeline.run(load_config(_story(tmp_path)), dt.date(2025, 3, 1))
    shown = terminal.getvalue()
    assert "Reading" in shown and "3/3" in shown
    assert "Building" in shown


def test_no_bar_on_a_pipe_or_when_quick(tmp_path: Path, no_bars: None,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    progress.enable(pipe)  # not a terminal
    monkeypatch.setattr(progress, "DELAY", 0.0)
    pipeline.run(load_config(_story(tmp_path)), dt.date(2025, 3, 1))
    assert pipe.getvalue() == ""
    monkeypatch.setattr(progress, "DELAY", 3600.0)  # a quick run: no bar
    terminal = Terminal()
    progress.enable(terminal)
    (tmp_path / "inbox" / "b.txt").write_text(ARTICLE.replace("Sunday", "Friday"))
    pipeline.run(load_config(tmp_path / "briefing.toml"), dt.date(2025, 3, 2))
    assert terminal.getvalue() == ""


def test_verbose_says_per_file_what_happened(tmp_path: Path) -> None:
    config = _story(tmp_path, n=1)
    first = CliRunner().invoke(main, ["run", "-v", "-c", str(config), "--date", "2025-03-01"])
    assert first.exit_code == 0, first.stderr
    assert "a0.txt: read: 'Strike ends'" in first.stderr
    (tmp_path / "inbox" / "empty.txt").write_text("")
    second = CliRunner().invoke(main, ["run", "-v", "-c", str(config), "--date", "2025-03-02"])
    assert "a0.txt: unchanged since it was read" in second.stderr
    assert "empty.txt: skipped: empty file" in second.stderr
    plain = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-03-03"])
    assert "unchanged" not in plain.stderr and "read:" not in plain.stderr
