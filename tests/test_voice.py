"""Who speaks: a page in its writer's own voice (a column, an editorial, an interview's
questions) gives the briefing the facts it reports, not its writer's view as if a fact."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from briefing.config import Config, Term, TopicConfig
from briefing.digest import build_briefing
from briefing.models import Article, Sentence
from briefing.voice import attributed, in_writers_voice

COLUMN = [
    "The harbour deal went through and the ferry subsidy has been paid.",
    "So is the harbour crisis over?",
    "By no means.",
    "For a change, everything at the harbour has gone well in recent weeks.",
    "The port board approved the 40 million euro ferry subsidy on Tuesday.",
    "Is the harbour saved?",
    "The town council must now use the time to mend its own budget.",
    "We should not pretend that the harbour can pay for itself.",
    "The harbour board's chair said the ferries would keep sailing all winter.",
    "What comes next is anyone's guess.",
]
REPORT = [
    "The port board approved a 40 million euro subsidy for the island ferries on Tuesday.",
    "\"Is this the end of the harbour?\" one fisherman asked the board.",
    "The harbour master said the town must dredge the channel before spring.",
    "Ferry crews said they were relieved that the harbour subsidy had been paid.",
    "Dock workers at the harbour returned to work on Wednesday morning.",
    "The harbour's ferry timetable for the winter will be published next week.",
    "The subsidy covers fuel and crew wages for the harbour ferries until March.",
    "Harbour shops reported more visitors after the ferry service resumed.",
    "The regional government said the harbour subsidy would be reviewed in a year.",
    "Fishing boats left the harbour before dawn on Thursday as the weather cleared.",
]


def article(sentences: list[str], relpath: str) -> Article:
    return Article(relpath=relpath, sha256=relpath, title=relpath, title_derived=False,
                   outlet=None, published=dt.date(2025, 3, 6), url=None,
                   paragraphs=tuple(sentences),
                   sentences=tuple(Sentence(i, i, s) for i, s in enumerate(sentences)))


def test_a_column_speaks_in_its_writers_voice_a_report_does_not() -> None:
    assert in_writers_voice(COLUMN)
    # Questions and "must" inside quotations, or said by someone named, are reported.
    assert not in_writers_voice(REPORT)
    # One or two questions are no voice, even in a short page.
    assert not in_writers_voice(["Is the harbour saved?", "Who pays for the ferries?",
                                 "The port board approved the subsidy on Tuesday."])


def test_according_to_plan_names_no_source() -> None:
    assert not attributed("Everything at the harbour went according to plan this week.")
    assert attributed("The subsidy was paid on Tuesday, according to the port board.")
    assert attributed("The ferries will keep sailing, the chair said.")


def test_a_columns_own_view_is_no_line_but_the_facts_it_reports_are() -> None:
    topic = TopicConfig(name="Harbour", description="The harbour and its ferries.",
                        terms=(Term("harbour"), Term("ferry"), Term("subsidy")))
    config = replace(Config(path=Path(".")), topics=(topic,))
    briefing = build_briefing(config, [article(COLUMN, "column.txt"),
                                       article(REPORT, "report.txt")], dt.date(2025, 3, 7))
    column = 0  # both dated alike: sources go by file name
    shown = [(item.refs[0].article, item.text)
             for item in (*briefing.overview, *briefing.topics[0].items)]
    assert shown
    from_column = [text for a, text in shown if a == column]
    for text in from_column:
        # A line of the column either says who says it or reports a figure.
        assert attributed(text) or any(c.isdigit() for c in text), text
    for view in (COLUMN[0], COLUMN[3]):
        assert all(view not in text for _, text in shown)
    assert any(a != column for a, _ in shown)


def test_only_the_pages_asked_about_are_read_for_their_voice(monkeypatch) -> None:  # noqa: ANN001
    """An edition of thousands of pages asks about the few whose lines are candidates."""
    from briefing import corpus as corpus_module
    from briefing.corpus import Corpus

    asked: list[str] = []

    def counted(texts: list[str]) -> bool:
        asked.append(texts[0])
        return in_writers_voice(texts)

    monkeypatch.setattr(corpus_module, "in_writers_voice", counted)
    corpus = Corpus([article(COLUMN, "column.txt"), article(REPORT, "report.txt")])
    assert asked == []
    assert corpus.voiced(0) and corpus.voiced(0) and not corpus.voiced(1)
    assert asked == [COLUMN[0], REPORT[0]]  # each page read once, when asked about
