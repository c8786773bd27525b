"""End to end on the shipped seeds: the edition a user would get from `make run`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefing.cli import main
from briefing.config import load_config
from briefing.digest import build_briefing
from briefing.store import Store
from briefing.timeline import story_timeline

from .conftest import ROOT, check_golden, write_config

DATE = "2024-11-01"


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["run", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def edition(tmp_path: Path, seed_inbox: Path) -> tuple[Path, Path]:
    config = write_config(tmp_path, seed_inbox)
    code, out, err = run_cli("-c", str(config), "--date", DATE)
    assert code == 0, err
    folder = tmp_path / "out" / DATE
    assert out.split() == [str(folder / "briefing.md"), str(folder / "briefing.pdf")]
    return config, folder


def test_sections_citations_and_no_residue(edition: tuple[Path, Path]) -> None:
    _, folder = edition
    md = (folder / "briefing.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings == ["Overview", "US response", "NATO", "China", "Troop numbers", "Timeline",
                        "Sources"]
    sources = re.findall(r"^(\d+)\. \*\*", md, re.M)
    body = md.split("## Sources")[0]
    cited = {int(n) for group in re.findall(r"\[(\d+(?:, \d+)*)\]", body)
             for n in group.split(", ")}
    assert sources == [str(n) for n in sorted(cited)]  # Sources: what is cited, no more
    assert cited and cited <= {1, 2, 3, 4, 5}
    for bullet in re.findall(r"^- .+$", body, re.M):
        assert re.search(r"\[\d+(, \d+)*\]$", bullet), f"uncited line: {bullet}"
    assert "][" not in body  # adjacent citations would read as a reference link (MD052)
    for junk in ["COMMERCIAL BREAK", "SCROLL TO CONTINUE", "ANI Inputs", "views expressed",
                 "Related", "Gwen Stefani", "Vance", "Diana", "Texas", "636", "Cordes",
                 "icaromediagroup.com/system/images", "Politics"]:
        assert junk not in md, junk


def test_every_line_is_verbatim_from_its_first_source(edition: tuple[Path, Path]) -> None:
    config_path, _ = edition
    config = load_config(config_path)
    with Store(config.database) as store:
        articles = [v.article for v in store.everything()]
    date = __import__("datetime").date(2024, 11, 1)
    briefing = build_briefing(config, articles, date,
                              timeline=story_timeline(config, articles, date))
    assert briefing.timeline
    items = list(briefing.overview) + [i for t in briefing.topics for i in t.items]
    assert items
    items += [i for e in briefing.timeline for i in e.items]
    for item in items:
        first = briefing.articles[item.refs[0].article]
        source = " ".join(first.paragraphs)
        pieces = [p.strip() for p in item.text.split("…") if p.strip()]
        assert pieces and all(p in source for p in pieces), item.text  # cuts shown as "…"
    shown = [i.text for i in items[:len(items) - sum(len(e.items) for e in briefing.timeline)]]
    assert len(shown) == len(set(shown)), "a line appears twice"


LEDGER = [  # (amounts to, what, who says (part), source has this too)
    ("≈1,500", "special forces", "South Korea's spy agency"),
    ("10,000", "soldiers", "Zelenskyy"),
    ("12,000", "personnel", "Zelensky"),
    ("≈10,000", "soldiers", "Blinken"),
    ("≈8,000", "soldiers", "Blinken"),
    (">10,000", "soldiers", "the U.S."),
    ("10,000–12,000", "soldiers", "reports"),
    ("+3,000", "troops", "not stated"),  # "According to reports" is the sentence before
]


def ledger_rows(md: str) -> list[list[str]]:
    table = md.split("### Figures: who says how many")[1].split("## Sources")[0]
    return [[c.strip() for c in line.strip("|").split("|")]
            for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]


def test_ledger_rows(edition: tuple[Path, Path]) -> None:
    _, folder = edition
    rows = ledger_rows((folder / "briefing.md").read_text(encoding="utf-8"))
    for amount, what, who in LEDGER:
        assert any(r[1] == amount and what in r[2] and who in r[4] for r in rows), (amount, who)
    brigades = next(r for r in rows if r[1] == "12,000")
    assert "two brigades, each with 6,000" in brigades[0] and "October 22" in brigades[5]
    kursk = next(r for r in rows if r[1] == "≈8,000")
    assert "Kursk" in kursk[3]
    assert not any("1,200" in r[1] or "636" in r[1] for r in rows)  # casualties, teaser


def test_markdown_passes_the_linter(edition: tuple[Path, Path]) -> None:
    _, folder = edition
    result = subprocess.run([sys.executable, "-m", "pymarkdown", "--config",
                             str(ROOT / ".pymarkdown.json"), "scan",
                             str(folder / "briefing.md")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pdf_opens_and_holds_the_sections(edition: tuple[Path, Path]) -> None:
    _, folder = edition
    reader = PdfReader(folder / "briefing.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in ["Overview", "US response", "NATO", "China", "Troop numbers", "Sources"]:
        assert heading in text
    assert "Page 1 of" in text
    assert not reader.attachments


def test_second_run_builds_nothing_and_date_is_reproducible(
        edition: tuple[Path, Path], tmp_path: Path, seed_inbox: Path) -> None:
    config, folder = edition
    md = (folder / "briefing.md").read_bytes()
    code, out, err = run_cli("-c", str(config), "--date", "2024-11-02")
    assert (code, out) == (0, "")
    assert "nothing new" in err
    assert not (tmp_path / "out" / "2024-11-02").exists()
    # The same inputs and date from a fresh state give the same bytes; so does --rebuild.
    other = tmp_path / "again"
    other.mkdir()
    code, _, _ = run_cli("-c", str(write_config(other, seed_inbox)), "--date", DATE)
    assert code == 0
    assert (other / "out" / DATE / "briefing.md").read_bytes() == md
    code, _, err = run_cli("-c", str(config), "--date", DATE, "--rebuild")
    assert code == 0, err
    assert (folder / "briefing.md").read_bytes() == md


def test_golden_markdown(edition: tuple[Path, Path], update_goldens: bool) -> None:
    _, folder = edition
    check_golden("seeds.md", (folder / "briefing.md").read_text(encoding="utf-8"),
                 update_goldens)


def test_console_script_help_has_examples() -> None:
    exe = Path(sys.executable).parent / "briefing"
    for args in ([], ["run"]):
        result = subprocess.run([str(exe), *args, "--help"], capture_output=True, text=True)
        assert result.returncode == 0
        assert "Example" in result.stdout and "briefing run" in result.stdout
