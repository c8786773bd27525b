"""A different story with different topics: the same code gives sensible sections."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main

from .conftest import DATA, check_golden


def build(tmp_path: Path) -> str:
    story = tmp_path / "story2"
    shutil.copytree(DATA / "story2", story, ignore=shutil.ignore_patterns("out"))
    config = story / "briefing.toml"
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-08-09"])
    assert result.exit_code == 0, result.stderr
    return (story / "out" / "2025-08-09" / "briefing.md").read_text(encoding="utf-8")


def section(md: str, name: str) -> str:
    return md.split(f"## {name}\n")[1].split("\n## ")[0]


def test_sections_follow_the_topics(tmp_path: Path) -> None:
    md = build(tmp_path)
    assert re.findall(r"^## (.+)$", md, re.M) == [
        "Overview", "Rationing", "Reservoir", "Farmers", "Households affected", "Timeline",
        "Sources"]
    assert "reservoir" in section(md, "Reservoir").lower()
    assert "farm" in section(md, "Farmers").lower()
    assert "households" in section(md, "Households affected")
    for name in ["Rationing", "Reservoir", "Farmers", "Households affected"]:
        assert section(md, name).count("\n- ") >= 2, name


def test_metadata_from_three_formats_and_no_residue(tmp_path: Path) -> None:
    md = build(tmp_path)
    sources = section(md, "Sources")
    assert "Valley Herald, 2025-08-04. <https://valleyherald.example/news/rationing>" in sources
    assert "**Farmers demand compensation as drought deepens**" in sources  # "| Coast Daily" cut
    assert "River News, 2025-08-08. <https://rivernews.example/arden-tankers>" in sources
    for junk in ["ADVERTISEMENT", "Celebrity chef", "5,000 guests", "championship",
                 "Most read", "recipes", "SCROLL", "Copyright", "document.write", "Home"]:
        assert junk not in md, junk


def test_ledger_merges_one_claim_reported_twice(tmp_path: Path) -> None:
    md = build(tmp_path)
    table = md.split("### Figures: who says how many")[1]
    farms = [line for line in table.splitlines() if "| farms |" in line]
    assert len(farms) == 1 and farms[0].rstrip().endswith("[1, 2] |")
    assert any(">55,000" in line and "households" in line for line in table.splitlines())


def test_golden_markdown(tmp_path: Path, update_goldens: bool) -> None:
    check_golden("story2.md", build(tmp_path), update_goldens)
