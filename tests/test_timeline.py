"""The story's timeline: which days, which lines, citations, and what is new since the
previous edition."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from briefing.analyze.sentences import split_sentences
from briefing.cli import main
from briefing.config import DigestConfig
from briefing.lines import stands_without_context
from briefing.models import Article
from briefing.timeline import build_timeline

from .conftest import write_config

TOPICS = """
[[topics]]
name = "Talks"
terms = ["talks", "ceasefire", "envoys", "port"]
"""


def article(name: str, published: dt.date | None, *paragraphs: str) -> Article:
    return Article(relpath=name, sha256=name, title=name, title_derived=False, outlet=name,
                   published=published, url=None, paragraphs=paragraphs,
                   sentences=tuple(split_sentences(paragraphs)))


def test_days_most_articles_name_win_and_read_oldest_first() -> None:
    pub = dt.date(2019, 3, 10)
    arts = [
        article("a", pub, "The ceasefire talks collapsed on Tuesday in Geneva after a long day.",
                "Envoys had met on 1 March to prepare the agenda for the talks."),
        article("b", pub, "Talks between the two sides collapsed on Tuesday in Geneva, envoys "
                          "said.", "The port was shelled on 2 March, officials said."),
        article("c", pub, "After the talks collapsed on Tuesday, both envoys left Geneva."),
    ]
    entries = build_timeline(arts, DigestConfig(), dates=2, per_date=1)
    assert len(entries) == 2
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    tuesday = [e for e in entries if e.date == dt.date(2019, 3, 5)]
    assert tuesday and tuesday[0].articles == 3  # named by all three: always chosen


def test_lines_are_verbatim_and_outlets_saying_the_same_are_cited_together() -> None:
    pub = dt.date(2019, 3, 10)
    same = "The ceasefire talks collapsed on Tuesday in Geneva, the envoys said."
    arts = [article("a", pub, same), article("b", pub, same.replace("the envoys", "envoys")),
            article("c", pub, "A separate port deal was signed on 1 March by the envoys.")]
    entries = build_timeline(arts, DigestConfig(), dates=2, per_date=1)
    tuesday = next(e for e in entries if e.date == dt.date(2019, 3, 5))
    (item,) = tuesday.items
    assert {r.article for r in item.refs} == {0, 1}
    first = arts[item.refs[0].article]
    assert item.text in " ".join(first.paragraphs)


def test_a_days_second_line_tells_what_the_first_left_out() -> None:
    # Three outlets tell the shelling of the port in the same words, four tell the talks
    # each in their own: the port lines are the most central one by one, but two of them
    # say the day's one thing twice; the day is the port and the talks.
    pub = dt.date(2019, 3, 6)
    texts = [
        "Ceasefire talks in Geneva ended on Tuesday without any agreement on prisoners.",
        "The ceasefire talks broke down on Tuesday when the rebel delegation walked out.",
        "Mediators said the ceasefire talks stalled on Tuesday over the question of borders.",
        "On Tuesday the ceasefire talks were suspended as both delegations flew home.",
        "The port was shelled on Tuesday and aid ships turned back to Djibouti.",
        "The port was shelled on Tuesday, killing two dock workers and a guard.",
        "The port was shelled on Tuesday and its cranes burned overnight.",
    ]
    arts = [article(chr(97 + i), pub, t) for i, t in enumerate(texts)]
    (entry,) = build_timeline(arts, DigestConfig(), dates=1, per_date=2)
    lines = [item.text for item in entry.items]
    assert len(lines) == 2
    assert sum("port was shelled" in line for line in lines) == 1
    assert sum("ceasefire talks" in line for line in lines) == 1


def test_nothing_is_guessed_without_a_publication_date() -> None:
    arts = [article("a", None, "The ceasefire talks collapsed on Tuesday in Geneva, envoys said."),
            article("b", None, "The ceasefire talks began on 4 March 2019 in Geneva, envoys "
                               "said.")]
    entries = build_timeline(arts, DigestConfig(), dates=5, per_date=1)
    assert [e.date for e in entries] == [dt.date(2019, 3, 4)]


def test_background_days_only_when_the_story_is_about_them() -> None:
    pub = dt.date(2019, 3, 10)
    arts = [article(str(i), pub, f"Envoys {i} met on 8 March for ceasefire talks in Oslo.",
                    "The port had been bombed on 11 September 2001 in an older war, envoys "
                    "said." if i == 0 else "The talks were long.")
            for i in range(6)]
    start = dt.date(2019, 2, 8)
    entries = build_timeline(arts, DigestConfig(), dates=5, per_date=1, story_start=start)
    assert dt.date(2001, 9, 11) not in [e.date for e in entries]
    assert dt.date(2019, 3, 8) in [e.date for e in entries]
    everyone = [article(str(i), pub, "The port had been bombed on 11 September 2001, "
                                     f"envoys {i} said at the talks.") for i in range(4)]
    entries = build_timeline(everyone, DigestConfig(), dates=5, per_date=1, story_start=start)
    assert dt.date(2001, 9, 11) in [e.date for e in entries]


def test_a_day_before_the_first_article_mentioned_once_in_passing_is_background() -> None:
    pub = dt.date(2011, 3, 13)
    arts = [article(str(i), pub, f"The quake struck the port on 11 March, envoys {i} said.")
            for i in range(4)]
    arts.append(article("passing", pub, "On 26 February a quake of 5.2 shook the port; a 7.2 "
                        "quake hit two days ago, and four more quakes yesterday."))
    arts.append(article("about", pub, "On 3 March the port was shaken by a quake of 5.0."))
    entries = build_timeline(arts, DigestConfig(), dates=6, per_date=1,
                             story_start=dt.date(2011, 2, 11))
    days = [e.date for e in entries]
    assert dt.date(2011, 2, 26) not in days, "one passing mention among other days"
    assert dt.date(2011, 3, 3) in days, "a sentence about that day alone"
    assert dt.date(2011, 3, 11) in days
    twice = arts + [article("again", pub, "A quake of 5.2 shook the port on 26 February.")]
    entries = build_timeline(twice, DigestConfig(), dates=6, per_date=1,
                             story_start=dt.date(2011, 2, 11))
    assert dt.date(2011, 2, 26) in [e.date for e in entries], "two articles name it"


def test_a_line_whose_pronoun_names_nobody_gives_way() -> None:
    pub = dt.date(2019, 3, 10)
    arts = [article("a", pub, "On Tuesday his envoys said the ceasefire talks had failed."),
            article("b", pub, "On Tuesday their envoys said the ceasefire talks had failed."),
            article("c", pub, "Envoy Ana Lima walked out of the talks in Geneva on Tuesday.")]
    entries = build_timeline(arts, DigestConfig(), dates=1, per_date=1)
    assert [i.text for e in entries for i in e.items] == [arts[2].sentences[0].text]
    # A day told only by such lines gives its place to the next day.
    only = arts[:2] + [article("d", pub, "Envoy Ana Lima reached the port on 2 March.")]
    entries = build_timeline(only, DigestConfig(), dates=1, per_date=1)
    assert [e.date for e in entries] == [dt.date(2019, 3, 2)]
    assert not stands_without_context("After high school, she joined the talks.")
    assert not stands_without_context("Envoy Ana Lima's deputy did so in Geneva.")
    assert not stands_without_context("Envoy Ana Lima stressed the gravity of these reports.")
    assert stands_without_context("The envoy, who had long talks, left his post.")
    # One whose sentence before says who comes with it.
    lead = [article("e", pub, "Envoy Ana Lima has led the ceasefire talks for a year. On "
                              "Tuesday her envoys said the talks had failed in Geneva.")]
    entries = build_timeline(lead, DigestConfig(), dates=1, per_date=1)
    assert [i.text for e in entries for i in e.items] == [" ".join(
        s.text for s in lead[0].sentences)]


LIFE = [
    ("a.txt", "Ana Lima was born on 4 May 1961 in Porto, where her talks on schools began.",
     "In 1992 Ana Lima married the envoy Rui Costa after long talks in Lisbon."),
    ("b.txt", "In 1992 Ana Lima married Rui Costa, a port envoy, in Lisbon.",
     "Ana Lima has led the talks on the port since 2008, aides say.",
     "Rui Costa, the envoy who led the port talks in 1999, said the talks were hard."),
    ("c.txt", "In March 2008 Ana Lima opened the ceasefire talks in Geneva.",
     "Lima's talks in March 2008 were her first as an envoy, aides say."),
]


def test_a_life_told_by_year_and_month_has_entries_of_its_own_precision() -> None:
    arts = [article(name, None, *paragraphs) for name, *paragraphs in LIFE]
    entries = build_timeline(arts, DigestConfig(), dates=6, per_date=1, coarse=True)
    periods = [(e.date, e.grain) for e in entries]
    assert periods == [(dt.date(1961, 5, 4), "day"), (dt.date(1992, 1, 1), "year"),
                       (dt.date(2008, 3, 1), "month")], "not 'since 2008', nor 'who … in 1999'"
    assert "married" in entries[1].items[0].text
    # Without `coarse` (a story of dated reports), only days are entries.
    plain = build_timeline(arts, DigestConfig(), dates=6, per_date=1)
    assert [e.grain for e in plain] == ["day"]
    # A story told by day keeps a year named in passing out ("the largest was in 1923").
    quake = [article(str(i), None, f"The quake hit the port on 11 March 2011, envoys {i} "
                                   "said after the talks.") for i in range(3)]
    quake.append(article("old", None, "The largest quake before hit the port in 1923, "
                                      "envoys said at the talks."))
    entries = build_timeline(quake, DigestConfig(), dates=6, per_date=1, coarse=True)
    assert [(e.date, e.grain) for e in entries] == [(dt.date(2011, 3, 11), "day")]


def test_a_life_shows_no_year_of_someone_elses() -> None:
    # Ana Lima's life, named on most pages; a page tells another woman's year in a sentence
    # about her: a line of her life, not of this one.
    other = ("d.txt", "In 1995, Maria Souza opened the port talks in Oslo for the envoys.",
             "Ana Lima was then an envoy in Porto.")
    arts = [article(name, None, *paragraphs) for name, *paragraphs in [*LIFE, other]]
    entries = build_timeline(arts, DigestConfig(), dates=6, per_date=1, coarse=True)
    assert [(e.date, e.grain) for e in entries] == [
        (dt.date(1961, 5, 4), "day"), (dt.date(1992, 1, 1), "year"),
        (dt.date(2008, 3, 1), "month")]


def test_an_undated_story_shows_years_and_months_and_marks_a_new_one(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, *paragraphs in LIFE[:2]:
        (inbox / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    config = write_config(tmp_path, inbox, "pdf = false", topics=TOPICS)
    runner = CliRunner()
    result = runner.invoke(main, ["run", "-c", str(config), "--date", "2019-03-05"])
    assert result.exit_code == 0, result.stderr
    first = (tmp_path / "out" / "2019-03-05" / "briefing.md").read_text(encoding="utf-8")
    days = [m.group("day") for m in ENTRY_RE.finditer(first)]
    assert days == ["Thursday 4 May 1961", "1992"]
    # The section says what its entries are: a life's years, not "the days articles speak of".
    assert "the years, months and days its pages tell, oldest first" in first
    name, *paragraphs = LIFE[2]
    (inbox / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["run", "-c", str(config), "--date", "2019-03-06"])
    assert result.exit_code == 0, result.stderr
    second = (tmp_path / "out" / "2019-03-06" / "briefing.md").read_text(encoding="utf-8")
    marks = {m.group("day"): bool(m.group("new")) for m in ENTRY_RE.finditer(second)}
    assert marks == {"Thursday 4 May 1961": False, "1992": False, "March 2008": True}


def write(inbox: Path, name: str, date: str, *paragraphs: str) -> None:
    body = "\n\n".join(paragraphs)
    (inbox / name).write_text(f"Title: {name}\nSource: Wire {name}\nDate: {date}\n\n{body}\n",
                              encoding="utf-8")


def test_second_edition_marks_what_the_timeline_gained(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write(inbox, "one.txt", "2019-03-05",
          "Ceasefire talks between the two sides collapsed on Tuesday in Geneva.",
          "Envoys said the talks had opened on 1 March with high hopes.")
    config = write_config(tmp_path, inbox, topics=TOPICS)
    runner = CliRunner()
    result = runner.invoke(main, ["run", "-c", str(config), "--date", "2019-03-05"])
    assert result.exit_code == 0, result.stderr
    first = (tmp_path / "out" / "2019-03-05" / "briefing.md").read_text(encoding="utf-8")
    timeline = first.split("## Timeline\n")[1].split("\n## ")[0]
    assert "Tuesday 5 March 2019" in timeline and "**new**" not in timeline

    write(inbox, "two.txt", "2019-03-08",
          "The port of Odesa was shelled on Thursday, hours after the envoys left Geneva.")
    result = runner.invoke(main, ["run", "-c", str(config), "--date", "2019-03-08"])
    assert result.exit_code == 0, result.stderr
    second = (tmp_path / "out" / "2019-03-08" / "briefing.md").read_text(encoding="utf-8")
    timeline = second.split("## Timeline\n")[1].split("\n## ")[0]
    entries = re.findall(r"^- \*\*(.+?)\*\*( \(\*\*new\*\*\))?: (.+)$", timeline, re.M)
    by_day = {day: (bool(new), line) for day, new, line in entries}
    assert by_day["Thursday 7 March 2019"][0], "the day the new article reports is new"
    assert not by_day["Tuesday 5 March 2019"][0], "the first edition already had this day"
    assert "since the edition of Tuesday 5 March 2019" in timeline
    # The old day cites the first edition's article, listed as read for an earlier edition.
    cited = re.findall(r"\[(\d+)\]", by_day["Tuesday 5 March 2019"][1])
    sources = second.split("## Sources\n")[1]
    entry = re.search(rf"^{cited[0]}\. .*?(?=^\d+\. |\Z)", sources, re.M | re.S)
    assert entry and "one.txt" in entry.group(0) and "earlier edition" in entry.group(0)
    # The footer counts this edition's articles, not the earlier one the timeline cites.
    assert "Built from 1 article;" in second
    assert "Wire one.txt" not in second.split("## ")[0], "the subtitle names this edition's outlets"


def test_undated_story_has_no_background_cut() -> None:
    # Most pages carry no date: the one dated page does not tell when the story began, so
    # a day named by only one of them still shows.
    from briefing.config import Config, Term, TopicConfig
    from briefing.timeline import story_timeline

    config = Config(path=Path("briefing.toml"), topics=(
        TopicConfig(name="Talks", description="", terms=(Term("talks"),)),))
    arts = [article("a", None, "The talks opened on 20 January 2009 in Washington, envoys said."),
            article("b", None, "The talks went on for a long while."),
            article("d", None, "Nobody expected the talks to last."),
            article("e", None, "The talks moved to Geneva in the spring."),
            article("c", dt.date(2014, 3, 5), "The talks ended without a deal, envoys said.")]
    timeline = story_timeline(config, arts, dt.date(2014, 3, 6))
    assert dt.date(2009, 1, 20) in [e.date for e in timeline.entries]


def test_an_undated_story_told_by_day_drops_a_past_day_named_in_passing() -> None:
    # Most pages carry no date; the dated one, of 12 March, looks back over the weeks
    # before in one sentence: 26 February is background, and that sentence is no line for
    # the days of the story it also names (nor brought along by the line after it).
    pub = dt.date(2011, 3, 12)
    arts = [
        article("a", pub, "A quake struck the coast on Friday, killing hundreds of people.",
                "On 26 February a 5.2 quake shook the coast; four more quakes hit yesterday. "
                "But quakes like today's are rare."),
        article("b", None, "The quake of 11 March 2011 was the strongest on record there."),
        article("c", None, "After the quake of 11 March 2011 the coast was evacuated."),
    ]
    entries = build_timeline(arts, DigestConfig(), dates=5, per_date=2, coarse=True)
    assert dt.date(2011, 2, 26) not in [e.date for e in entries]
    assert dt.date(2011, 3, 11) in [e.date for e in entries]
    assert not any("26 February" in item.text for e in entries for item in e.items)


# A day's bullet, with its figures on the lines after it (indented).
ENTRY_RE = re.compile(r"^- \*\*(?P<day>[^*]+)\*\*(?P<new> \(\*\*new\*\*\))?: "
                      r"(?P<rest>.+(?:\n  .+)*)$", re.M)
ITEM_RE = re.compile(r"(?P<new>\(\*\*new\*\*\) )?(?P<text>\S.+?) \[[\d, ]+\](?= |$)", re.M)


def shown_timeline(md: str) -> dict[str, tuple[bool, list[tuple[bool, str]]]]:
    """The Timeline section as a reader sees it: day -> (marked new, [(marked new, line)])."""
    section = md.split("## Timeline\n")[1].split("\n## ")[0]
    return {m["day"]: (bool(m["new"]), [(bool(i["new"]), i["text"])
                                        for i in ITEM_RE.finditer(m["rest"])])
            for m in ENTRY_RE.finditer(section)}


def assert_marks_what_was_gained(before: str, after: str) -> int:
    """Every day and line of `after`'s timeline is marked new exactly when `before`'s
    timeline did not show it; returns how many marks there are."""
    old, new = shown_timeline(before), shown_timeline(after)
    marks = 0
    for day, (day_new, items) in new.items():
        assert day_new == (day not in old), day
        marks += day_new
        if day in old:
            told = {text for _, text in old[day][1]}
            for line_new, text in items:
                assert line_new == (text not in told), (day, text)
                marks += line_new
    return marks


def test_dated_seeds_each_edition_marks_exactly_what_its_timeline_gained(
        tmp_path: Path) -> None:
    from .test_editions import dated_seeds

    staged = dated_seeds(tmp_path / "staged")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # Days 1-2 per edition at first; then the reader asks for more days: days they were
    # never shown are what the timeline gained, though earlier articles named them.
    shipped = (Path(__file__).parent.parent / "briefing.toml").read_text(encoding="utf-8")
    topics = shipped[shipped.index("[[topics]]"):shipped.index("\n# E-mail and schedule")]
    editions = []
    for n, (day, files) in enumerate(staged.items()):
        entries = 2 if n == 0 else 12
        config = write_config(tmp_path, inbox, "pdf = false",
                              topics=f"[timeline]\nentries = {entries}\n\n{topics}")
        for path in files:
            shutil.copy(path, inbox / path.name)
        result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", day])
        assert result.exit_code == 0, result.stderr
        editions.append((tmp_path / "out" / day / "briefing.md").read_text(encoding="utf-8"))
    first = shown_timeline(editions[0])
    assert 1 <= len(first) <= 2 and not any(new for new, _ in first.values())
    assert "**new**" not in editions[0]
    second = shown_timeline(editions[1])
    # A day before the first edition that it did not show is marked.
    assert any(new and dt.datetime.strptime(day, "%A %d %B %Y").date() < dt.date(2024, 11, 1)
               and day not in first for day, (new, _) in second.items())
    for before, after in zip(editions, editions[1:], strict=False):
        assert assert_marks_what_was_gained(before, after) > 0
    assert "since the edition of Saturday 2 November 2024" in editions[2]


def test_a_new_line_under_a_day_already_shown_is_marked(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write(inbox, "one.txt", "2019-03-05",
          "Ceasefire talks between the two sides collapsed on Tuesday in Geneva.")
    config = write_config(tmp_path, inbox, "pdf = false",
                          topics="[timeline]\nsentences_per_entry = 2\n" + TOPICS)
    runner = CliRunner()
    assert runner.invoke(main, ["run", "-c", str(config), "--date", "2019-03-05"]).exit_code == 0
    write(inbox, "two.txt", "2019-03-06",
          "Envoys said on Wednesday that the port of Odesa had been shelled on Tuesday while "
          "the talks were going on.")
    result = runner.invoke(main, ["run", "-c", str(config), "--date", "2019-03-06"])
    assert result.exit_code == 0, result.stderr
    first = (tmp_path / "out" / "2019-03-05" / "briefing.md").read_text(encoding="utf-8")
    second = (tmp_path / "out" / "2019-03-06" / "briefing.md").read_text(encoding="utf-8")
    tuesday = shown_timeline(second)["Tuesday 5 March 2019"]
    assert not tuesday[0] and sorted(new for new, _ in tuesday[1]) == [False, True], tuesday
    assert assert_marks_what_was_gained(first, second) >= 1


FLOOD = """
[[topics]]
name = "Flood"
terms = ["flood", "river", "killed", "died", "rescue"]

[[topics.measures]]
name = "Killed"
events = ["killed", "dead", "died", "death toll"]
"""


def test_a_figures_changes_sit_on_their_days_in_markdown_and_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write(inbox, "one.txt", "2025-03-03",
          "The river burst its banks on Monday and flooded the old town of Marlow.",
          "Officials said 43 people were killed when the water swept through the streets.")
    config = write_config(tmp_path, inbox, topics=FLOOD)
    runner = CliRunner()
    assert runner.invoke(main, ["run", "-c", str(config), "--date", "2025-03-03"]).exit_code == 0
    write(inbox, "two.txt", "2025-03-06",
          "Rescue teams found more victims of the Marlow flood on Thursday.",
          "At least 44 people have died in the flood, the regional governor said on "
          "Wednesday.")
    result = runner.invoke(main, ["run", "-c", str(config), "--date", "2025-03-06"])
    assert result.exit_code == 0, result.stderr
    md = (tmp_path / "out" / "2025-03-06" / "briefing.md").read_text(encoding="utf-8")
    section = md.split("## Timeline\n")[1].split("\n## ")[0]
    days = {m["day"]: m.group(0) for m in ENTRY_RE.finditer(section)}
    # The first figure on the day it was reported; the change on the day the governor
    # gave it, a day the first edition did not have.
    assert "43 people" in days["Monday 3 March 2025"]  # its line, or the figure after it
    wednesday = days["Wednesday 5 March 2025"]
    assert wednesday.startswith("- **Wednesday 5 March 2025** (**new**): ")
    assert re.search(r"\n  \*Killed:\* 43 → ≥44 people, the regional governor \[(\d+)\]$",
                     wednesday), wednesday
    number = re.search(r"\[(\d+)\]$", wednesday).group(1)  # type: ignore[union-attr]
    sources = md.split("## Sources\n")[1]
    assert re.search(rf"^{number}\. .*two\.txt", sources, re.M | re.S)
    assert "*Killed:*" not in days.get("Thursday 6 March 2025", "")
    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(tmp_path / "out" / "2025-03-06" / "briefing.pdf").pages)
    assert "Killed: 43 → ≥44 people, the regional governor" in text


def test_a_figure_change_makes_its_own_day_and_a_new_one_is_marked(tmp_path: Path) -> None:
    from briefing.config import load_config
    from briefing.models import Told, ToldDay
    from briefing.timeline import story_timeline

    config = load_config(write_config(tmp_path, tmp_path, topics=FLOOD))
    arts = [article("a", dt.date(2025, 3, 3), "Officials said 43 people were killed when the "
                                              "river flooded the old town on Monday."),
            article("b", dt.date(2025, 3, 9), "The talks on the dam went on all week.",
                    "At least 51 people have died in the flood, the governor said on "
                    "Friday.")]
    entries = {e.date: e for e in story_timeline(config, arts, dt.date(2025, 3, 9)).entries}
    friday = entries[dt.date(2025, 3, 7)]  # no event line names it; the figure does
    assert [(f.measure, f.before, f.shown) for f in friday.figures] == [("Killed", "43", "≥51")]
    monday = entries[dt.date(2025, 3, 3)]
    # Monday's line is the sentence of the first figure: the figure is not said again.
    assert "43 people" in monday.items[0].text and not monday.figures
    told = Told(dt.date(2025, 3, 4), timeline=(
        ToldDay(dt.date(2025, 3, 3), tuple(i.text for i in monday.items)),
        ToldDay(dt.date(2025, 3, 7), ())))
    marked = {e.date: e for e in story_timeline(config, arts, dt.date(2025, 3, 9),
                                                told).entries}
    assert not marked[dt.date(2025, 3, 3)].gained
    friday = marked[dt.date(2025, 3, 7)]
    assert not friday.new and friday.new_figures == (True,)  # the reader saw no figure


def test_no_sentence_shows_under_two_days() -> None:
    # The second sentence leans on the first ("But ..."), so as a line it comes with it:
    # the first is already the line of the day it names, so it cannot be another day's.
    pub = dt.date(2019, 3, 10)
    arts = [article("a", pub, "Ceasefire envoys said the port was shelled on 2 March by "
                              "heavy artillery. But the ceasefire talks went on today in "
                              "Geneva, the envoys said."),
]
    entries = build_timeline(arts, DigestConfig(), dates=2, per_date=1)
    shown = [r for e in entries for item in e.items for r in item.shown]
    assert shown and len(set(shown)) == len(shown), [e.items for e in entries]


def test_a_life_gives_the_same_edition_whatever_the_order_of_sets(tmp_path: Path) -> None:
    """Two names on as many pages (Ana Lima and Rui Costa): whose life it is must not follow
    the order Python iterates a set in, which changes with each process's hash seed."""
    editions = set()
    for seed in ("1", "2", "3"):
        inbox = tmp_path / seed / "inbox"
        inbox.mkdir(parents=True)
        for name, *paragraphs in LIFE[:2]:
            (inbox / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        config = write_config(tmp_path / seed, inbox, "pdf = false", topics=TOPICS)
        subprocess.run([sys.executable, "-c", "from briefing.cli import main; main()", "run",
                        "-q", "-c", str(config), "--date", "2019-03-05"], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        editions.add((tmp_path / seed / "out" / "2019-03-05" / "briefing.md").read_bytes())
    assert len(editions) == 1


def test_a_day_still_recalled_weeks_later_outranks_one_busy_for_a_day() -> None:
    # The port deal of 1 March is named by three reports that day; the shelling of 2 March
    # by two, one of them a month later: the day still recalled then is the one that
    # mattered.
    deal, shelled = dt.date(2019, 3, 1), dt.date(2019, 3, 2)
    arts = [
        article("a", deal, "A port deal was signed on 1 March by the envoys."),
        article("b", deal, "Envoys signed the port deal on 1 March in Geneva."),
        article("c", deal, "The port deal of 1 March was signed by both envoys."),
        article("d", shelled, "The port was shelled on 2 March, envoys said."),
        article("e", dt.date(2019, 4, 2), "Since the port was shelled on 2 March, the talks "
                                          "have stalled, envoys said."),
    ]
    (entry,) = build_timeline(arts, DigestConfig(), dates=1, per_date=1)
    assert entry.date == shelled


def test_a_late_day_recalled_by_the_few_articles_after_it_counts_as_much() -> None:
    # The port deal of 1 March is named by two reports that day and recalled a month later
    # by one of the seven articles published after it; the shelling of 10 April by one
    # report that day, and recalled by the only article published after it: a day late in
    # the story has had fewer articles to recall it.
    deal, shelled = dt.date(2019, 3, 1), dt.date(2019, 4, 10)
    arts = [
        article("a", deal, "A port deal was signed on 1 March by the envoys."),
        article("b", deal, "Envoys signed the port deal on 1 March in Geneva."),
        *(article(f"f{i}", dt.date(2019, 3, 20 + i), "Port traffic rose again, envoys said.")
          for i in range(4)),
        article("r", dt.date(2019, 4, 1), "Since the port deal of 1 March, traffic has risen."),
        article("c", shelled, "The port was shelled on 10 April, envoys said."),
        article("d", dt.date(2019, 4, 25), "Since the port was shelled on 10 April, the talks "
                                           "have stalled, envoys said."),
    ]
    (entry,) = build_timeline(arts, DigestConfig(), dates=1, per_date=1)
    assert entry.date == shelled


def test_a_day_named_only_to_say_which_event_is_no_line_for_that_day() -> None:
    # "Tuesday's quake" says which quake; the sentence's own event is Friday's plea.
    pub = dt.date(1999, 8, 21)
    plea = ("Relief workers and envoys Friday pleaded for help for the port's victims of "
            "Tuesday's quake.")
    arts = [
        article("a", pub, plea),
        article("b", pub, "The quake struck the port on Tuesday at dawn, envoys said."),
        article("c", pub, "On Tuesday the quake flattened the port's old town, envoys said."),
    ]
    entries = build_timeline(arts, DigestConfig(), dates=2, per_date=3)
    tuesday = next(e for e in entries if e.date == dt.date(1999, 8, 17))
    friday = next(e for e in entries if e.date == dt.date(1999, 8, 20))
    assert len(tuesday.items) == 2
    assert [item.text for item in friday.items] == [plea]
