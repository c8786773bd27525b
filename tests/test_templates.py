"""Templates ship inside the package; a config's `templates` folder overrides them per file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from briefing import render
from briefing.cli import main

from .conftest import TEMPLATES, write_config

ARTICLE = "Title: Strike ends\n\nDock workers voted on Sunday to end their nine-day strike.\n"
TOPICS = '[[topics]]\nname = "Port"\ndescription = "The port."\nterms = ["strike", "dock"]\n'


def test_builtin_templates_are_package_data() -> None:
    folder = render.builtin_templates()
    assert folder.is_relative_to(Path(render.__file__).parent)
    assert {p.name for p in folder.iterdir()} >= set(render.TEMPLATE_FILES)


def test_a_templates_folder_overrides_only_the_files_it_has(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    shipped = (TEMPLATES / "briefing.md.j2").read_text(encoding="utf-8")
    (mine / "briefing.md.j2").write_text(shipped + "\nPrepared for the harbour desk.\n",
                                         encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLE)
    config = write_config(tmp_path, inbox, 'templates = "mine"', TOPICS)
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-03-01"])
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "out" / "2025-03-01"
    assert "Prepared for the harbour desk." in (folder / "briefing.md").read_text()
    text = "".join(page.extract_text() for page in PdfReader(folder / "briefing.pdf").pages)
    assert "Prepared for the harbour desk." in text  # built-in HTML shell and print CSS
