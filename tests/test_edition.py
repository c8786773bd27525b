"""What the reader gets around the digest: the subtitle's outlets, citations that stay plain
text in any Markdown reader, and a Sources list of what is cited."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main

from .conftest import write_config

TOPICS = '[[topics]]\nname = "Port"\ndescription = "The port."\nterms = ["strike", "dock"]\n'
DAY = "2025-03-01"


def article(n: int, outlet: str | None = None, text: str | None = None) -> str:
    source = f"Source: {outlet}\n" if outlet else ""
    body = text or (f"Dock workers in berth {n} voted on day {n} to extend their strike, and "
                    f"{n + 10} ships waited outside the harbour.")
    return f"Title: Port report {n}\n{source}\n{body}\n"


def build(tmp_path: Path, files: dict[str, str], extra: str = "") -> str:
    inbox = tmp_path / "inbox"
    inbox.mkdir(parents=True)
    for name, text in files.items():
        (inbox / name).write_text(text, encoding="utf-8")
    config = write_config(tmp_path, inbox, extra, TOPICS)
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", DAY])
    assert result.exit_code == 0, result.stderr
    return (tmp_path / "out" / DAY / "briefing.md").read_text(encoding="utf-8")


def subtitle(md: str) -> str:
    return md.split("\n\n")[1]


def test_subtitle_states_outlets_only_when_known(tmp_path: Path) -> None:
    md = build(tmp_path / "a", {"1.txt": article(1, "Harbour Times"),
                                "2.txt": article(2, "Harbour Times"),
                                "3.txt": article(3, "Quay Post"), "4.txt": article(4)})
    assert subtitle(md).endswith(
        "4 new articles; outlets: Harbour Times (2), Quay Post (1), unknown (1).")
    md = build(tmp_path / "b", {"1.txt": article(1), "2.txt": article(2)})
    assert subtitle(md).endswith("2 new articles.")  # no outlet known: none named
    assert "from" not in subtitle(md) and "outlet" not in subtitle(md)


def test_adjacent_citations_are_not_reference_link_syntax(tmp_path: Path) -> None:
    same = "Dock workers voted on Sunday to end their nine-day strike at the container port."
    md = build(tmp_path, {"a.txt": article(1, text=same), "b.txt": article(2, text=same)})
    assert f"{same} [1, 2]" in md
    assert "][" not in md


def test_sources_list_what_is_cited_and_the_footer_counts_the_rest(tmp_path: Path) -> None:
    files = {f"port-{n}.txt": article(n) for n in range(1, 10)}
    files |= {f"other-{n}.txt": f"Title: Orchestra tour {n}\n\nThe city orchestra played "
              f"{n} concerts in the autumn season, the conductor said.\n" for n in range(3)}
    md = build(tmp_path, files, "[digest]\nsentences_per_topic = 2\noverview_words = 40\n")
    body, sources = md.split("## Sources")
    cited = sorted({int(n) for group in re.findall(r"\[(\d+(?:, \d+)*)\]", body)
                    for n in group.split(", ")})
    numbers = [int(n) for n in re.findall(r"^(\d+)\. \*\*", sources, re.M)]
    assert numbers == cited == list(range(1, len(cited) + 1))
    assert 0 < len(cited) < 12
    listed = re.findall(r" File: (\S+)$", sources, re.M)
    assert len(listed) == len(cited)  # an article read but never cited is not listed
    assert (f"Built from 12 articles: {len(cited)} cited above, {12 - len(cited)} more read "
            "but not cited; 0 files skipped.") in sources


def test_status_names_every_file_of_an_edition(tmp_path: Path) -> None:
    files = {f"port-{n}.txt": article(n) for n in range(1, 7)}
    md = build(tmp_path, files, "[digest]\nsentences_per_topic = 1\noverview_words = 20\n")
    assert len(re.findall(r" File: ", md)) < 6  # not all cited
    status = CliRunner().invoke(main, ["status", "--json", "-c", str(tmp_path / "briefing.toml")])
    (edition,) = json.loads(status.stdout)["editions"]
    assert edition["files"] == sorted(files) and edition["articles"] == 6
