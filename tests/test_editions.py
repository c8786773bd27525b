"""Editions day by day: each one after the first opens with what is new since the last."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main

from .conftest import ROOT, SEEDS, write_config

TOPICS = """[[topics]]
name = "Flood"
description = "The flood and its toll."
terms = ["flood", "river", "killed", "rescue"]

[[topics.measures]]
name = "Killed"
events = ["killed", "dead", "died", "death toll"]
"""

DAY_ONE = """Title: River floods the old town

The river burst its banks on Monday night and flooded the old town of Marlow.
Officials said 43 people were killed when the water swept through the lower streets.
Rescue teams in boats searched the flooded houses for survivors until dawn.
The mayor asked residents of the riverside districts to leave their homes at once.
"""

DAY_TWO = """Title: Flood toll rises as the water recedes

At least 44 people have now died in the Marlow flood, the regional governor said on Wednesday.
The river burst its banks on Monday night and flooded the old town of Marlow.
Engineers began pumping water out of the railway tunnel under the station.
Schools in the valley will stay closed until the end of next week, the council announced.
"""


def run(config: Path, date: str) -> str:
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", date])
    assert result.exit_code == 0, result.stderr
    return result.stderr


def first_flood_edition(tmp_path: Path) -> tuple[Path, Path]:
    """An inbox holding DAY_ONE and its config, with the 2025-03-03 edition built from it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text(DAY_ONE)
    config = write_config(tmp_path, inbox, "pdf = false", topics=TOPICS)
    run(config, "2025-03-03")
    return inbox, config


def section(md: str, heading: str) -> str:
    start = md.index(heading)
    end = md.find("\n## ", start + 1)
    return md[start:end if end >= 0 else None]


def bullets(text: str) -> list[str]:
    return [re.sub(r"\[[\d, ]+\]$", "", line[2:]).strip()
            for line in text.splitlines() if line.startswith("- ")]


def test_the_second_edition_opens_with_what_is_new_and_the_figure_change(
        tmp_path: Path) -> None:
    inbox, config = first_flood_edition(tmp_path)
    first = (tmp_path / "out" / "2025-03-03" / "briefing.md").read_text()
    assert "## Overview" in first and "What's new" not in first
    (inbox / "two.txt").write_text(DAY_TWO)
    run(config, "2025-03-05")
    second = (tmp_path / "out" / "2025-03-05" / "briefing.md").read_text()
    new = section(second, "## What's new since Monday 3 March 2025")
    assert second.index("## What's new") < second.index("## Flood")
    assert "## Overview" not in second
    told = set(bullets(section(first, "## Overview"))) | set(bullets(section(first, "## Flood")))
    lines = bullets(new)
    assert lines and not told & set(lines)  # nothing the first edition said
    assert not any("burst its banks" in line for line in bullets(second))
    assert any(line.startswith("Killed: 43 → ≥44 people, the regional governor")
               for line in lines), new
    assert "**Since Monday 3 March 2025:** 43 → ≥44" in section(second, "## Flood")
    assert "**Since Monday 3 March 2025:** 43 → ≥44" in section(second, "## Flood")
    # The same state and date give the same bytes.
    (tmp_path / "out" / "2025-03-05" / "briefing.md").unlink()
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-03-05",
                                       "--rebuild"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "2025-03-05" / "briefing.md").read_text() == second


DAY_THREE = """Title: Valley schools reopen after the flood

Schools in the Marlow valley reopened on Thursday after the river went back within its banks.
Engineers finished pumping water out of the railway tunnel under the station.
Shops in the old town began clearing mud from their cellars and counting the damage.
"""


def test_a_measure_with_no_new_figure_shows_the_last_one_reported(tmp_path: Path) -> None:
    """A day without news of the toll still tells the reader where it stands: the last
    figure, cited to the earlier edition's article (listed as read for one), not "no
    figures"; and the next figure is a change from it."""
    inbox, config = first_flood_edition(tmp_path)
    (inbox / "three.txt").write_text(DAY_THREE)
    run(config, "2025-03-06")
    md = (tmp_path / "out" / "2025-03-06" / "briefing.md").read_text()
    flood = section(md, "## Flood")
    last = re.search(r"No new figure in this edition\. \*\*Last reported:\*\* 43 people, "
                     r"[^\n]*\[(\d+)\]", flood)
    assert last, flood
    sources = section(md, "## Sources")
    listed = re.search(rf"^{last.group(1)}\. \*\*River floods the old town\*\*\.\n.*"
                       r"Read for an earlier edition\.", sources, re.M)
    assert listed, sources
    (inbox / "two.txt").write_text(DAY_TWO)
    run(config, "2025-03-07")
    later = section((tmp_path / "out" / "2025-03-07" / "briefing.md").read_text(), "## Flood")
    assert "**Since Thursday 6 March 2025:** 43 → ≥44" in later, later


def test_a_topic_with_only_repeated_lines_says_nothing_new_was_reported(tmp_path: Path) -> None:
    inbox, config = first_flood_edition(tmp_path)
    (inbox / "again.txt").write_text(DAY_ONE.replace("Title: River floods the old town",
                                                     "Title: Old town flooded"))
    run(config, "2025-03-04")
    md = (tmp_path / "out" / "2025-03-04" / "briefing.md").read_text()
    assert "Nothing new reported on this topic since Monday 3 March 2025." in md
    assert "Nothing new since Monday 3 March 2025 matched a topic." in md


def test_seeds_over_three_days(tmp_path: Path) -> None:
    """The seeds dropped in over three days: three editions, the second and third opening
    with what is new, never repeating a line an earlier edition showed."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    config = write_config(tmp_path, inbox, "pdf = false")
    seeds = sorted(SEEDS.glob("*.txt"))
    days = {"2024-11-01": seeds[:2], "2024-11-02": seeds[2:4], "2024-11-03": seeds[4:]}
    shown: set[str] = set()
    changes = 0
    for n, (day, files) in enumerate(days.items()):
        for path in files:
            shutil.copy(path, inbox / path.name)
        run(config, day)
        md = (tmp_path / "out" / day / "briefing.md").read_text()
        # What the edition reports (the Timeline, the story so far, is shown whole each time).
        lines = set(bullets(md.split("## Timeline")[0].split("## Sources")[0]))
        if n == 0:
            assert "## Overview" in md
        else:
            assert re.search(r"^## What's new since \w+ \d+ November 2024$", md, re.M)
            assert not shown & lines
            new = md.split("\n## ")[1]
            changes += len(re.findall(r"^- North Korean troops in Russia: \S+ → ", new, re.M))
        shown |= lines
    assert changes  # the troop figure moved, and What's new said so


# The date line forms news pages use; each seed gets one, under its first line.
DATE_LINES = {"2024-11-01": ["November 1, 2024 8:14 am", "Fri 1 Nov 2024 10.35 GMT"],
              "2024-11-02": ["Updated 1412 GMT (2212 HKT) November 2, 2024",
                             "Published: 2 November 2024"],
              "2024-11-03": ["Sun 3 Nov 2024 07.02 GMT"]}


def dated_seeds(folder: Path) -> dict[str, list[Path]]:
    """The five seeds with date lines across three days, written to folder."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = iter(sorted(SEEDS.glob("*.txt")))
    out: dict[str, list[Path]] = {}
    for day, lines in DATE_LINES.items():
        for line in lines:
            seed = next(seeds)
            text = seed.read_text(encoding="utf-8")
            first, rest = text.split("\n", 1)
            headline = len(first.split()) <= 20 and not first.rstrip().endswith(".")
            path = folder / seed.name  # under the headline, or above the text if it has none
            path.write_text(f"{first}\n{line}\n{rest}" if headline else f"{line}\n{text}",
                            encoding="utf-8")
            out.setdefault(day, []).append(path)
    return out


def test_dated_seeds_daily_and_backfilled_give_the_same_three_editions(tmp_path: Path) -> None:
    staged = dated_seeds(tmp_path / "staged")
    daily_inbox = tmp_path / "daily" / "inbox"
    daily_inbox.mkdir(parents=True)
    daily = write_config(tmp_path / "daily", daily_inbox, "pdf = false")
    for day, files in staged.items():
        for path in files:
            shutil.copy(path, daily_inbox / path.name)
        run(daily, day)
    back_inbox = tmp_path / "back" / "inbox"
    shutil.copytree(tmp_path / "staged", back_inbox)
    back = write_config(tmp_path / "back", back_inbox, "pdf = false")
    result = CliRunner().invoke(main, ["run", "-c", str(back), "--since", "2024-11-01",
                                       "--date", "2024-11-03"])
    assert result.exit_code == 0, result.stderr
    for n, (day, files) in enumerate(staged.items()):
        md = (tmp_path / "daily" / "out" / day / "briefing.md").read_text()
        assert (tmp_path / "back" / "out" / day / "briefing.md").read_text() == md
        assert f"Built from {len(files)} article" in md  # that day's articles, no others
        assert md.count(f", {day}.") == len(files)  # each source shows its own date
        assert ("## What's new since" in md) == (n > 0)
    second = (tmp_path / "daily" / "out" / "2024-11-02" / "briefing.md").read_text()
    assert re.search(r"^- North Korean troops in Russia: \S+ → ", second, re.M)


def test_an_undated_article_waits_for_the_day_it_was_received(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    staged = dated_seeds(tmp_path / "staged")
    shutil.copytree(tmp_path / "staged", inbox)
    (inbox / "undated.txt").write_text(DAY_ONE)
    config = write_config(tmp_path, inbox, "pdf = false", topics=TOPICS + """
[[topics]]
name = "Troops"
description = "North Korean troops."
terms = ["troops", "North Korea"]
""")
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--since", "2024-11-01",
                                       "--date", "2024-11-04"])
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"]
    assert len(staged["2024-11-01"]) == 2
    last = (out / "2024-11-04" / "briefing.md").read_text()
    assert "Built from 1 article" in last
    assert "Outlet unknown, received 2024-11-04, no date in the file." in last
    for day in ("2024-11-01", "2024-11-02", "2024-11-03"):
        assert "undated.txt" not in (out / day / "briefing.md").read_text()


def test_articles_made_by_older_code_are_made_again_from_their_bytes(tmp_path: Path) -> None:
    """Derived text does not go stale: an article whose analysis key is not the current
    code's is read again from its stored bytes, even for --rebuild."""
    import json
    import sqlite3

    from briefing.readers import analysis_key

    inbox, config = first_flood_edition(tmp_path)
    md = tmp_path / "out" / "2025-03-03" / "briefing.md"

    def stored_as(title: str, key: str) -> None:
        db = sqlite3.connect(tmp_path / "out" / "state.sqlite")
        with db:
            (article,) = db.execute("SELECT article FROM versions").fetchone()
            data = json.loads(article)
            data["title"] = title  # what an older reader might have made of the file
            db.execute("UPDATE versions SET article = ?, analysis = ?",
                       (json.dumps(data), key))
        db.close()

    def rebuild() -> str:
        result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-03-03",
                                           "--rebuild"])
        assert result.exit_code == 0, result.stderr
        return md.read_text()

    stored_as("Made by the current code", analysis_key())
    assert "**Made by the current code**" in rebuild()  # current: the stored article is used
    stored_as("Made by an older reader", "older")
    assert "**River floods the old town**" in rebuild()  # made again from the bytes
    db = sqlite3.connect(tmp_path / "out" / "state.sqlite")
    assert db.execute("SELECT analysis FROM versions").fetchone() == (analysis_key(),)
    db.close()


def test_an_article_dated_to_a_day_already_covered_comes_next_marked_late(
        tmp_path: Path) -> None:
    inbox, config = first_flood_edition(tmp_path)
    (inbox / "late.txt").write_text("Flood warning for the valley\nMarch 2, 2025 8:14 am\n\n"
                                   "The river rose two metres overnight and rescue teams "
                                   "were sent to the valley.\n")
    run(config, "2025-03-04")
    md = (tmp_path / "out" / "2025-03-04" / "briefing.md").read_text()
    assert ("Outlet unknown, 2025-03-02. Arrived late: dated on or before the previous "
            "edition (2025-03-03).") in md


def test_a_pasted_pages_story_dropped_in_over_three_days(tmp_path: Path) -> None:
    """A real story as users paste it, arriving over three days. Its pages carry no date
    lines (the pasted-pages set keeps a date on 3 of 100 files), so each article belongs to
    the day it was received: three editions, the second and third opening with what is new
    and repeating no line an earlier edition showed."""
    story = ROOT.parent / "shared" / "eval" / "pasted-pages" / "premier-league"
    example = (ROOT / "examples" / "premier-league" / "briefing.toml").read_text()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    config = write_config(tmp_path, inbox, "pdf = false",
                          topics=example[example.index("[[topics]]"):])
    pages = sorted(story.glob("*.txt"), key=lambda p: int(p.stem.rsplit(".", 1)[1]))
    days = ["2025-05-01", "2025-05-02", "2025-05-03"]
    shown: set[str] = set()
    for n, day in enumerate(days):
        for page in pages[n::3]:
            shutil.copy(page, inbox / page.name)
        run(config, day)
        md = (tmp_path / "out" / day / "briefing.md").read_text()
        assert f"Built from {len(pages[n::3])} article" in md
        lines = set(bullets(md.split("## Timeline")[0].split("## Sources")[0]))
        assert lines
        if n == 0:
            assert "## Overview" in md and "What's new" not in md
        else:
            previous = dt.date.fromisoformat(days[n - 1])
            assert f"## What's new since {previous:%A} {previous.day} {previous:%B %Y}" in md
            assert not shown & lines, shown & lines
        shown |= lines


def test_a_figure_change_without_a_counted_noun_reads_cleanly(tmp_path: Path) -> None:
    inbox, config = first_flood_edition(tmp_path)
    (inbox / "two.txt").write_text("Title: Toll rises\n\nThe death toll rose to 45 on "
                                   "Wednesday, the regional governor said.\n")
    run(config, "2025-03-05")
    md = (tmp_path / "out" / "2025-03-05" / "briefing.md").read_text()
    assert re.search(r"^- Killed: 43 → 45, the regional governor, ", md, re.M), md
    assert " ," not in md
