"""A banner an outlet repeats on its pages is furniture; wire copy outlets share is not."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from briefing import pipeline, readers
from briefing.boilerplate import repeated_lines
from briefing.config import load_config
from briefing.digest import order_articles
from briefing.models import Article
from briefing.sources import discover

from .conftest import write_config

# Made up; no single-line detector knows it (the point: only the repetition tells).
BANNER = ("Reuters coverage of the Arden drought, with maps and the latest figures, is "
          "collected on our special page for readers across the region.")
STORIES = [
    ("Arden rationing starts", "ARDEN (Reuters) - Households in the Arden valley will get "
     "water for six hours a day from Monday, the regional water board said on Friday.",
     ["The board said the main reservoir held 18 percent of its capacity.",
      "Tankers will serve villages the pipes no longer reach, officials said.",
      "Swimming pools and car washes must close until the rains return.",
      "The last rationing in the valley, in 1976, lasted four months."]),
    ("Arden farmers ask for aid", "ARDEN (Reuters) - Farmers in the Arden valley asked the "
     "government on Wednesday for emergency compensation after the harvest failed.",
     ["The farmers' union put the losses at 40 million euros.",
      "The agriculture minister promised an answer within a week.",
      "Wheat and maize fields on the valley floor have been ploughed under.",
      "Some growers have sold their herds because the pastures dried up."]),
    ("Arden reservoir at record low", "ARDEN (Reuters) - The main reservoir of the Arden "
     "valley fell to its lowest level since records began, engineers said on Thursday.",
     ["Engineers said rain in the autumn would not refill it before spring.",
      "The water board asked industry to cut its use by a third.",
      "Cracked mud now covers what was the reservoir's northern arm.",
      "A village drowned when the dam was built in 1961 has reappeared."]),
]


def _write(inbox: Path, name: str, title: str, lead: str, body: list[str],
           extra: list[str]) -> None:
    paragraphs = [lead, *body[:1], *extra, *body[1:]]
    (inbox / name).write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _read(inbox: Path) -> list[Article]:
    return order_articles([readers.read(f, 1 << 20) for f in discover(inbox).files])


def test_a_banner_an_outlet_repeats_on_its_pages_is_furniture(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n, (title, lead, body) in enumerate(STORIES):
        _write(inbox, f"story{n}.txt", title, lead, body, [BANNER])
    articles = _read(inbox)
    assert {a.outlet for a in articles} == {"Reuters"}
    found = repeated_lines(articles)
    assert {articles[r.article].sentences[r.sentence].text for r in found} == {BANNER}
    assert len(found) == 3

    topics = ('[[topics]]\nname = "The drought"\ndescription = "The Arden drought: water, '
              'reservoirs and coverage."\nterms = ["drought", "Arden", "water", "reservoir", '
              '"figures", "maps"]\n')
    config = replace(load_config(write_config(tmp_path, inbox, topics=topics)), pdf=False)
    report = pipeline.run(config, dt.date(2025, 8, 9), send=False)
    assert report.markdown is not None
    md = report.markdown.read_text(encoding="utf-8")
    assert "special page" not in md
    assert "water for six hours a day" in md  # the stories are there


def test_wire_copy_several_outlets_carry_is_story(tmp_path: Path) -> None:
    """The same agency paragraph in two outlets' pages (Reuters's and CNN's) is kept."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shared = ("The regional water board said the main reservoir would run dry by the end of "
              "October without rain.")
    title, lead, body = STORIES[0]
    _write(inbox, "reuters.txt", title, lead, body, [shared])
    _write(inbox, "cnn.txt", "Drought grips Arden", "Arden (CNN)Villages in the Arden valley "
           "queued for water from tankers on Saturday.", ["Wells have dried up in 30 villages."],
           [shared])
    articles = _read(inbox)
    assert {a.outlet for a in articles} == {"Reuters", "CNN"}
    assert repeated_lines(articles) == frozenset()


def test_a_story_one_outlet_prints_twice_is_story(tmp_path: Path) -> None:
    """An updated version of one report shares a run of paragraphs with the first: kept."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    title, lead, body = STORIES[0]
    more = ["Schools will close at noon to save water.", "Hospitals are exempt from the cuts."]
    _write(inbox, "first.txt", title, lead, body, more)
    _write(inbox, "update.txt", title + ", board says", lead,
           [*body, "The board will review the hours every week."], more)
    assert repeated_lines(_read(inbox)) == frozenset()


def test_unknown_outlets_a_shared_statement_is_kept_a_shared_blurb_is_not(
        tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    statement = ("\"We will not let a single village go without water,\" the regional "
                 "governor said in a statement.")
    blurb = "Our drought coverage, with maps and the latest figures, is collected on one page."
    for n, (title, lead, body) in enumerate(STORIES[1:]):
        _write(inbox, f"page{n}.txt", title, lead.replace("ARDEN (Reuters) - ", ""), body,
               [statement, blurb])
    articles = _read(inbox)
    assert {a.outlet for a in articles} == {None}
    found = {articles[r.article].sentences[r.sentence].text for r in repeated_lines(articles)}
    assert found == {blurb}


def test_a_banner_on_many_pages_is_found_on_every_one(tmp_path: Path) -> None:
    """Pairs are compared among a paragraph's first carriers only (a banner on every page of
    a large inbox); the verdict holds for all of them."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(70):
        title, lead, body = STORIES[n % 3]
        _write(inbox, f"page{n:02}.txt", f"{title} ({n})", lead.replace("Arden", f"Arden {n}"),
               [f"{line[:-1]} in district {n}." for line in body], [BANNER])
    articles = _read(inbox)
    found = repeated_lines(articles)
    assert len(found) == 70
    assert {articles[r.article].sentences[r.sentence].text for r in found} == {BANNER}
