"""The command line as a user meets it: what it prints, on which stream, with which code."""

from __future__ import annotations

import shutil
from pathlib import Path

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
    config = write_config(tmp_path, inbox, topics=TOPICS)
    config.write_text(config.read_text().replace(TEMPLATES.as_posix(), templates.as_posix()))

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
