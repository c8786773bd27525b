"""Event dates: the cases in tests/data/dates/cases.txt, each a sentence, its publication date
and the dates it speaks of."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.analyze.dates import DAY, article_dates, find_dates

from .conftest import ROOT

CASES = ROOT / "tests" / "data" / "dates" / "cases.txt"


@dataclass(frozen=True)
class Case:
    line: int
    published: dt.date | None
    text: str
    expect: tuple[tuple[str, str, str], ...]


def load_cases() -> list[Case]:
    cases, block, start = [], {}, 0
    lines = CASES.read_text(encoding="utf-8").splitlines() + [""]
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            if "text" in block:
                cases.append(_case(start, block))
            block = {}
            continue
        key, _, value = line.partition(": ")
        if not block:
            start = number
        block.setdefault(key, []).append(value.strip())
    return cases


def _case(line: int, block: dict[str, list[str]]) -> Case:
    published = block["published"][0]
    expect = []
    for item in block["expect"]:
        if item == "none":
            continue
        written, _, resolved = item.rpartition(" = ")
        date, grain = resolved.split()
        expect.append((written, date, grain))
    return Case(line, None if published == "none" else dt.date.fromisoformat(published),
                block["text"][0], tuple(expect))


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: f"line{c.line}")
def test_case(case: Case) -> None:
    found = article_dates([(0, case.text)], case.published)[0]
    got = tuple((m.text, m.date.isoformat(), m.granularity) for m in found)
    assert got == case.expect


def test_spans_are_verbatim() -> None:
    for case in load_cases():
        for m in find_dates(case.text, case.published):
            assert case.text[m.start:m.end] == m.text


def test_relative_day_counts_from_last_day_in_paragraph() -> None:
    sentences = [(0, "The vote was held on 4 March."), (0, "Two days later, riots began."),
                 (1, "Two days later, the army moved.")]
    found = article_dates(sentences, dt.date(2019, 3, 20))
    assert [m.date for m in found[1]] == [dt.date(2019, 3, 6)]
    # A new paragraph counts from the publication date again.
    assert [m.date for m in found[2]] == [dt.date(2019, 3, 22)]
    assert all(m.granularity == DAY for ms in found for m in ms)


def test_enough_cases() -> None:
    assert len(load_cases()) >= 50


def test_an_article_keeps_the_dates_found_when_it_was_read(tmp_path: Path) -> None:
    # Found once, when the file is read, and stored with the article in the state: the
    # timeline asks for the dates of every article of the story on every run.
    import json

    from briefing import readers
    from briefing.models import Article, FoundFile

    text = ("Title: Port reopens\nDate: 2024-03-08\n\nThe port reopened on Tuesday after the "
            "storm.\n\nTwo days later, ferries sailed again. Talks resume in April.\n")
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode())
    article = readers.parse(FoundFile(path, "a.txt", len(text), "0" * 64), text.encode())
    fresh = article_dates([(s.paragraph, s.text) for s in article.sentences],
                          article.published)
    assert article.dates is not None
    assert [list(d) for d in article.dates] == fresh
    assert any(m.granularity == DAY for found in fresh for m in found)
    stored = json.loads(json.dumps(article.to_json()))
    assert Article.from_json(stored).dates == article.dates
    # Dates found by other date rules are not trusted: found again when needed.
    stored["dates"]["rules"] = "older rules"
    assert Article.from_json(stored).dates is None
    del stored["dates"]  # an article stored by a briefing before this
    assert Article.from_json(stored).dates is None
