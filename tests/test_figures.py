"""Figures of measures: data-file cases that read like a table row each."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from briefing.analyze.figures import find_claims
from briefing.analyze.sentences import split_sentences
from briefing.config import CASUALTY_WORDS, LedgerConfig, MeasureConfig
from briefing.models import Article
from briefing.render import amount, when_cell

from .conftest import DATA

TROOPS = MeasureConfig(name="Troops", counted=("troops", "soldiers", "forces", "personnel",
                                               "police officers", "workers", "households"),
                       exclude=CASUALTY_WORDS)
KILLED = MeasureConfig(name="Killed", counted=("people", "civilians", "soldiers", "bodies"),
                       events=("killed", "dead", "died", "death toll", "lost their lives",
                               "bodies found"))
INJURED = MeasureConfig(name="Injured", counted=("people",), events=("injured", "wounded"))
MISSING = MeasureConfig(name="Missing", counted=("people",), events=("missing",))
ARRESTED = MeasureConfig(name="Arrested", counted=("people", "protesters"),
                         events=("arrested", "detained", "held", "house arrest"))
AREA = MeasureConfig(name="Search area", unit="area",
                     events=("search", "searched", "searchers", "spans"))
AID = MeasureConfig(name="Aid", unit="money", events=("aid", "pledged"))
SHARE = MeasureConfig(name="Market share", unit="percent", events=("market share",))
MAGNITUDE = MeasureConfig(name="Magnitude", unit="magnitude",
                          events=("earthquake", "quake", "tremor", "magnitude"))
OIL = MeasureConfig(name="Oil leaking", counted=("barrels",), events=("leaking", "escaping"))
DEATHS = MeasureConfig(name="Deaths", events=("killed", "dead", "died", "death toll"))
LEVY = MeasureConfig(name="Levy", unit="percent", events=("levy", "deposits"))
BAILOUT = MeasureConfig(name="Bailout", unit="money", events=("bailout", "rescue", "aid"))
DEBT = MeasureConfig(name="Debt", unit="percent", events=("debt",))
SEATS = MeasureConfig(name="Seats", counted=("seats",))
WAVES = MeasureConfig(name="Wave height", unit="length", events=("wave", "waves"))
TRAVELLED = MeasureConfig(name="Distance travelled", unit="length",
                          events=("travelled", "flown", "drifting"))
DEAL = MeasureConfig(name="TV rights deal", unit="money", events=("deal", "rights", "paid", "pay"))
VOTES = MeasureConfig(name="Vote share", unit="percent", events=("vote", "votes", "won", "win"))
MONTHLY_PAY = MeasureConfig(name="Monthly pay", unit="money", events=("pay", "paid", "a month"))
SENTENCE = MeasureConfig(name="Sentence", counted=("years",), events=("prison", "face", "faces"))
GROWTH = MeasureConfig(name="Annual growth", unit="percent", events=("grew", "growth"))
LEAGUE_DEAL = MeasureConfig(name="League TV deal", unit="money",
                            events=("deal", "rights", "paid", "earned", "sales"),
                            of=("Premier League", "EPL"))
POUND_DEAL = MeasureConfig(name="Pound deal", unit="GBP", events=("deal", "rights"))
DOLLAR_DEAL = MeasureConfig(name="Dollar deal", unit="USD", events=("deal", "rights"))
DEAL_VALUE = MeasureConfig(name="Deal value", unit="money",
                           events=("deal", "merger", "acquisition", "worth", "valued"))
PER_MATCH = MeasureConfig(name="Cost per match", unit="money", events=("per match", "each match",
                                                                       "merger"))
JOBS_CUT = MeasureConfig(name="Jobs cut", counted=("jobs", "employees", "workers"),
                         events=("cut", "eliminated", "lose", "layoffs"))
SUPPORT = MeasureConfig(name="Lima's support", unit="percent", events=("poll", "support"),
                        of=("Ana Lima", "Lima"))
RESERVOIR = MeasureConfig(name="Reservoir level", unit="percent",
                          events=("reservoir", "capacity"))
SPILLED = MeasureConfig(name="Oil spilled", unit="volume", events=("spilled", "leaking"))
SHUT = MeasureConfig(name="Reactors shut", counted=("reactors",), events=("shut", "shut down"))
CASES = MeasureConfig(name="Cases", counted=("cases", "infections", "people"),
                      events=("confirmed", "infected", "tested positive"))
CONFIRMED = MeasureConfig(name="Confirmed cases", counted=("cases", "people"),
                          events=("confirmed", "tested positive"))
SUSPECTED = MeasureConfig(name="Suspected cases", counted=("cases", "people"),
                          events=("suspected", "probable"))
CROWD = MeasureConfig(name="Crowd", counted=("people",))
CASE_COUNT = MeasureConfig(name="Case count", counted=("cases",), events=("cases",))
MINERS = MeasureConfig(name="Miners killed", counted=("miners",), events=("killed", "dead"))
MEASURES = {m.name: m for m in (CASES, CONFIRMED, SUSPECTED, CASE_COUNT, CROWD, MINERS,
                                SENTENCE, MONTHLY_PAY, GROWTH, SPILLED, SHUT, RESERVOIR, SUPPORT,
                                DEAL_VALUE, PER_MATCH,
                                JOBS_CUT, OIL, DEATHS, TROOPS, KILLED,
                                INJURED, MISSING, ARRESTED, AREA, AID, SHARE, MAGNITUDE, LEVY,
                                BAILOUT, DEBT, SEATS, WAVES, DEAL, VOTES, LEAGUE_DEAL, POUND_DEAL,
                                DOLLAR_DEAL, TRAVELLED)}


def load_cases() -> list[tuple[str, list[str], str, list[str]]]:
    """(published date or "", measure names, text, expected rows) per block."""
    cases = []
    # cases.txt, then one file per kind of rule (cases-<kind>.txt), so that work on different
    # kinds appends to different files.
    files = [DATA / "figures" / "cases.txt", *sorted((DATA / "figures").glob("cases-*.txt"))]
    text = "\n\n".join(f.read_text(encoding="utf-8") for f in files)
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
        if not lines:
            continue
        published, measures = "", ["Troops"]
        body = []
        for line in lines:
            if line.startswith("published:"):
                published = line.split(":", 1)[1].strip()
            elif line.startswith("measures:"):
                measures = [m.strip() for m in line.split(":", 1)[1].split(",")]
            elif not line.startswith("=>"):
                body.append(line)
        expected = [ln[2:].strip() for ln in lines if ln.startswith("=>") and ln[2:].strip()]
        cases.append((published, measures, " ".join(body), expected))
    return cases


def article(text: str, published: str = "") -> Article:
    """An article of the case's text; a "¶" line in a case starts a new paragraph."""
    paragraphs = [p.strip() for p in text.split("¶")]
    return Article(relpath="t.txt", sha256="0", title="t", title_derived=False, outlet=None,
                   published=dt.date.fromisoformat(published) if published else None, url=None,
                   paragraphs=tuple(paragraphs), sentences=tuple(split_sentences(paragraphs)))


def row(claim) -> str:  # type: ignore[no-untyped-def]
    when = claim.when or "-"
    if claim.when_date is not None:
        grain = {"year": 4, "month": 7}.get(claim.when_grain, 10)
        when = f"{claim.when_date.isoformat()[:grain]} ({claim.when})"
        if claim.when_grain == "week":
            when = "week of " + when
    flags = "".join([" background" if claim.background else "", " part" if claim.part else "",
                     " outlook" if claim.outlook else ""])
    return " | ".join([claim.measure, amount(claim), claim.counted or "-", claim.where or "-",
                       claim.who or "-", when + flags])


@pytest.mark.parametrize("published,measures,text,expected", load_cases(),
                         ids=[c[2][:40] for c in load_cases()])
def test_figure_case(published: str, measures: list[str], text: str,
                     expected: list[str]) -> None:
    claims = find_claims(article(text, published), 0, tuple(MEASURES[m] for m in measures),
                         LedgerConfig().attribution_verbs)
    assert [row(c) for c in claims] == expected


def test_every_figure_is_a_slice_of_its_sentence() -> None:
    for published, measures, text, _ in load_cases():
        art = article(text, published)
        for claim in find_claims(art, 0, tuple(MEASURES[m] for m in measures),
                                 LedgerConfig().attribution_verbs):
            sentence = art.sentences[claim.ref.sentence].text
            assert sentence[claim.start:claim.end] == claim.figure


def test_a_week_shows_as_the_week_of_its_monday() -> None:
    art = article("The army said another 25 soldiers are due next week.", "2025-08-08")
    claims = find_claims(art, 0, (TROOPS,), LedgerConfig().attribution_verbs)
    assert [when_cell(c, art.published) for c in claims] == [
        "week of 2025-08-11 (next week)"]
    assert [when_cell(c, art.published, short=True) for c in claims] == ["week of 2025-08-11"]


def test_amount_keeps_the_decimals_written() -> None:
    art = article("Officials said the quake measured magnitude 9.0 and 18.60% of homes lost "
                  "power; $4.2 million in aid was pledged.")
    measures = (MeasureConfig(name="Magnitude", unit="magnitude", events=("quake",)),
                MeasureConfig(name="Homes", unit="percent", events=("homes",)), AID)
    claims = find_claims(art, 0, measures, LedgerConfig().attribution_verbs)
    assert [amount(c) for c in claims] == ["9.0 magnitude", "18.60%", "4.2 million USD"]


@pytest.mark.parametrize("text,holders", [
    ("With most votes counted, New Democracy has 29.7% of the vote, Syriza 26.9% and "
     "Pasok 12.3%.", ["New Democracy", "Syriza", "Pasok"]),
    ("The Syriza party, which had surged in polls across Greece, won 27% of the vote.",
     ["Syriza"]),
    ("After buying the rights to Premier League matches in a $250 million deal, NBC will "
     "show them all.", [None]),
    ("The neo-Nazi Golden Dawn party got 6.9% of the vote.", ["Golden Dawn"]),
    ("He could govern with New Democracy, which gained 29.7%.", ["New Democracy"]),
    # A capital only because the sentence starts, or a name followed by a comma: nobody.
    ("Waves of up to 40% were seen in Tokyo, 12% more than in Osaka.", [None, None]),
    # A share of voters is held by what they chose, named after it ("backed parties that…").
    ("However, only 40% of voters backed parties that support the deal with the EU.",
     ["parties that support the deal"]),
    # The one who says it is not whose it is: the survey's reading of the quake.
    ("The U.S. Geological Survey has upgraded the share of the quake to 9%.", [None]),
])
def test_holder_is_the_name_the_figure_belongs_to(text: str, holders: list[str | None]) -> None:
    """In a breakdown (several figures from one source) a row names whose figure it is."""
    measures = (MeasureConfig(name="Share", unit="percent"),
                MeasureConfig(name="Deal", unit="money", events=("deal",)))
    claims = find_claims(article(text), 0, measures, LedgerConfig().attribution_verbs)
    assert [c.holder for c in claims] == holders


def test_amount_names_a_time_unit_as_it_is_read() -> None:
    """"up to four years" amounts to "≤4 years", not "≤4 year"; one year stays one."""
    art = article("He faces up to four years in prison; his partner got one year in jail.")
    measures = (MeasureConfig(name="Sentence", counted=("years",),
                              events=("prison", "jail")),)
    claims = find_claims(art, 0, measures, LedgerConfig().attribution_verbs)
    assert [amount(c) for c in claims] == ["≤4 years"]
    assert amount(replace(claims[0], value=1.0)) == "≤1 year"


def test_amount_shows_an_inclusive_bound_as_such() -> None:
    # "at least 1,600" includes 1,600 and "up to 40" includes 40: ">" and "<" would say more
    # than the source did; "more than" and "under" stay strict.
    art = article("Officials said at least 1,600 people died, more than 300 people were "
                  "missing, up to 40 people were evacuated and under 20 people were injured.")
    measures = (MeasureConfig(name="People", counted=("people",)),)
    claims = find_claims(art, 0, measures, LedgerConfig().attribution_verbs)
    assert [amount(c) for c in claims] == ["≥1,600", ">300", "≤40", "<20"]


def test_the_place_of_a_figure_does_not_follow_the_order_of_a_set() -> None:
    """Two places of the page in one clause: the figure's is the nearer one, whatever order
    Python iterates a set in (it changes with each process's hash seed)."""
    script = (
        "from tests.test_figures import article, AID\n"
        "from briefing.analyze.figures import find_claims\n"
        "from briefing.config import LedgerConfig\n"
        "art = article('Aid workers in Russia and in the United States met. This summer the "
        "United States raced to put together a $17 billion aid package for Russia.')\n"
        "print([c.where for c in find_claims(art, 0, (AID,), "
        "LedgerConfig().attribution_verbs)])\n")
    seen = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                             text=True, env={**os.environ, "PYTHONHASHSEED": seed},
                             cwd=DATA.parent.parent)
        seen.add(out.stdout.strip())
    assert seen == {"['Russia']"}

