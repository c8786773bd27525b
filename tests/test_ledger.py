"""The figures table per measure: current figure, how it moved, one row per distinct claim."""

from __future__ import annotations

import datetime as dt

from briefing.analyze.figures import find_claims
from briefing.analyze.sentences import split_sentences
from briefing.config import LedgerConfig, MeasureConfig
from briefing.digest import order_articles
from briefing.ledger import measure_tables
from briefing.models import Article
from briefing.render import amount

KILLED = MeasureConfig(name="Killed", counted=("people",),
                       events=("killed", "dead", "died", "death toll", "toll"))
INJURED = MeasureConfig(name="Injured", counted=("people",), events=("injured", "surgery"))


def article(name: str, published: str, text: str) -> Article:
    return Article(relpath=name, sha256=name, title=name, title_derived=False, outlet=None,
                   published=dt.date.fromisoformat(published), url=None, paragraphs=(text,),
                   sentences=tuple(split_sentences([text])))


def tables(*articles: Article):  # type: ignore[no-untyped-def]
    ordered = order_articles(list(articles))
    claims = [c for i, a in enumerate(ordered)
              for c in find_claims(a, i, (KILLED, INJURED), LedgerConfig().attribution_verbs)]
    return {t.name: t for t in measure_tables((KILLED, INJURED), claims,
                                              [a.published for a in ordered])}


RUNNING = [
    article("a.txt", "2024-03-10", "Officials said 41 people were killed in the floods."),
    article("b.txt", "2024-03-10", "Officials said 41 people were killed in the floods."),
    article("c.txt", "2024-03-11", "The death toll rose to 43, officials said on Monday."),
    article("d.txt", "2024-03-12", "At least 44 people were killed, the governor said. "
                                   "About 30 people were in surgery on Tuesday."),
    article("e.txt", "2024-03-13", "The toll has risen to 45, the governor said."),
]


def test_current_figure_leads_and_history_shows_each_change() -> None:
    killed = tables(*RUNNING)["Killed"]
    assert killed.current is not None and amount(killed.current.claim) == "45"
    assert [amount(h.claim) for h in killed.history] == ["41", "43", "≥44", "45"]
    # The unchanged 41 from two outlets is one step citing both.
    assert len(killed.history[0].refs) == 2


def test_same_figure_same_speaker_is_one_row_and_meanings_do_not_mix() -> None:
    t = tables(*RUNNING)
    killed = [(amount(r.claim), len(r.refs)) for r in t["Killed"].rows]
    assert killed == [("41", 2), ("43", 1), ("≥44", 1), ("45", 1)]
    # "about 30 in surgery" is another measure, never a row of Killed.
    assert [amount(r.claim) for r in t["Injured"].rows] == ["≈30"]


def test_background_and_parts_are_not_the_current_figure() -> None:
    later = article("f.txt", "2024-03-14",
                    "In the 2004 floods, 200 people were killed, officials recalled. "
                    "The toll has risen to 46, including 12 people who died in hospital.")
    killed = tables(*RUNNING, later)["Killed"]
    assert killed.current is not None and amount(killed.current.claim) == "46"
    assert any(r.claim.background and amount(r.claim) == "200" for r in killed.rows)
    assert any(r.claim.part and amount(r.claim) == "12" for r in killed.rows)


def test_long_measures_keep_the_latest_rows() -> None:
    many = [article(f"{n:02}.txt", f"2024-04-{n:02}", f"Officials said {100 + n} people "
                    f"were killed.") for n in range(1, 16)]
    killed = tables(*many)["Killed"]
    assert len(killed.rows) == 10 and killed.more == 5
    assert amount(killed.rows[-1].claim) == "115" and len(killed.history) == 15


def test_a_breakdown_by_subject_has_no_single_current_figure() -> None:
    seats = MeasureConfig(name="Seats", counted=("seats",))
    text = ("The Blue party won 129 seats, the Red party 71 seats and the Green party 33 "
            "seats.")
    art = article("g.txt", "2024-05-07", text)
    claims = find_claims(art, 0, (seats,), LedgerConfig().attribution_verbs)
    (table,) = measure_tables((seats,), claims)
    assert table.breakdown and table.current is None and not table.history
    assert [amount(r.claim) for r in table.rows] == ["129", "71", "33"]


def test_a_breakdown_keeps_each_holder_in_its_own_row() -> None:
    seats = MeasureConfig(name="Seats", counted=("seats",))
    texts = [("a.txt", "In the count, Pasok won 33 seats, Syriza won 71 seats and New Democracy "
                       "won 129 seats. "
                       "Later, Golden Dawn won 33 seats."),
             ("b.txt", "The Socialist PASOK party won 33 seats, Syriza won 71 seats and New "
                       "Democracy won 129 seats.")]
    ordered = order_articles([article(n, "2012-06-18", t) for n, t in texts])
    claims = [c for i, a in enumerate(ordered)
              for c in find_claims(a, i, (seats,), LedgerConfig().attribution_verbs)]
    table = measure_tables((seats,), claims)[0]
    assert table.breakdown
    rows = [(r.claim.holder, amount(r.claim), len(r.refs)) for r in table.rows]
    # Pasok's 33 and Golden Dawn's 33 are two rows; "Socialist PASOK" is Pasok again.
    assert rows == [("Pasok", "33", 2), ("Syriza", "71", 2), ("New Democracy", "129", 2),
                    ("Golden Dawn", "33", 1)]


def test_an_amount_converted_in_brackets_is_one_row() -> None:
    bailout = MeasureConfig(name="Bailout", unit="money", events=("rescue",))
    art = article("a.txt", "2012-02-21", "Ministers approved the €130 billion ($172 billion) "
                                         "rescue on Wednesday.")
    claims = find_claims(art, 0, (bailout,), LedgerConfig().attribution_verbs)
    table = measure_tables((bailout,), claims)[0]
    assert [r.claim.figure for r in table.rows] == ["€130 billion ($172 billion)"]


def test_the_same_number_worded_otherwise_is_no_move() -> None:
    """"at least 40", then "40", then "at least 40" again on later days: the toll did not
    move; one step, in its latest wording, then the next number."""
    days = [article(f"{n}.txt", f"2024-03-1{i}", f"Officials said {w} people were killed.")
            for i, (n, w) in enumerate(zip("abcd", ("at least 40", "40", "at least 40", "52"),
                                           strict=True))]
    killed = tables(*days)["Killed"]
    assert [amount(r.claim) for r in killed.history] == ["≥40", "52"]
    assert {ref.article for ref in killed.history[0].refs} == {0, 1, 2}


def test_one_day_of_reports_is_one_step_of_the_history() -> None:
    """Four outlets on one day give 45, 50, 45 and 46: the day's step is the figure most of
    them give, not a toll going up and down; the next day's figure follows it."""
    day = [article(f"{n}.txt", "2024-03-10", f"Officials said {v} people were killed.")
           for n, v in zip("abcd", (45, 50, 45, 46), strict=True)]
    killed = tables(*day, article("e.txt", "2024-03-11", "The toll rose to 60, officials said."))[
        "Killed"]
    assert [amount(r.claim) for r in killed.history] == ["45", "60"]
    assert [r.claim.ref.article for r in killed.history] == [2, 4]
    assert {ref.article for ref in killed.history[0].refs} == {0, 2}


def undated(name: str, text: str) -> Article:
    return Article(relpath=name, sha256=name, title=name, title_derived=False, outlet=None,
                   published=None, url=None, paragraphs=(text,),
                   sentences=tuple(split_sentences([text])))


def test_the_current_figure_of_undated_pages_does_not_follow_file_names() -> None:
    """Pages without a date cannot be ordered by their names: the running figure grows, so
    the largest they give is current, said to be undated, whatever the files are called."""
    texts = ("Officials say 350 people were killed.", "A UN agency said 1,600 people died.",
             "Police said 900 people were killed.")
    for names in (("a.txt", "b.txt", "c.txt"), ("c.txt", "b.txt", "a.txt")):
        killed = tables(*[undated(n, t) for n, t in zip(names, texts, strict=True)])["Killed"]
        assert killed.current is not None and amount(killed.current.claim) == "1,600"
        assert killed.undated == 3 and len(killed.history) == 1


def test_a_dated_figure_leads_unless_an_undated_one_is_larger() -> None:
    dated = article("z.txt", "2024-03-10", "Officials said 500 people were killed.")
    smaller = undated("a.txt", "Officials say 350 people were killed.")
    killed = tables(dated, smaller)["Killed"]
    assert killed.current is not None and amount(killed.current.claim) == "500"
    assert killed.undated == 0
    larger = undated("b.txt", "Officials say 700 people were killed.")
    killed = tables(dated, smaller, larger)["Killed"]
    assert [amount(h.claim) for h in killed.history] == ["500", "700"]
    assert killed.undated == 2


def test_figures_for_another_place_are_another_history() -> None:
    """A wave height recorded at a far coast is not the next step of the height in Japan."""
    wave = MeasureConfig(name="Wave height", unit="length", events=("wave", "waves"))
    texts = [("a.txt", "2011-03-11", "Waves of 10 metres struck the coast."),
             ("b.txt", "2011-03-12", "Waves of 10 metres were reported."),
             ("c.txt", "2011-03-13", "Waves of 2 metres hit Crescent City in California.")]
    ordered = order_articles([article(*t) for t in texts])
    claims = [c for i, a in enumerate(ordered)
              for c in find_claims(a, i, (wave,), LedgerConfig().attribution_verbs)]
    assert [c.where for c in claims][-1] is not None
    (table,) = measure_tables((wave,), claims, [a.published for a in ordered])
    assert table.current is not None and amount(table.current.claim) == "10 m"
    assert [amount(h.claim) for h in table.history] == ["10 m"]
    assert "2 m" in [amount(r.claim) for r in table.rows]


def test_several_figures_from_one_source_without_holders_are_no_breakdown() -> None:
    """A report of costs gives several figures of one measure; they are not parts held by
    parties (seats per party), so the table still has a current figure."""
    cost = MeasureConfig(name="Cost", unit="money", events=("cost", "costs", "spent"))
    art = article("a.txt", "2010-06-20", "The clean-up has cost $450 million. Claims have "
                  "cost $1.25 billion. In all the spill has cost BP $2 billion.")
    claims = find_claims(art, 0, (cost,), LedgerConfig().attribution_verbs)
    assert len({c.value for c in claims}) == 3
    (table,) = measure_tables((cost,), claims, [art.published])
    assert not table.breakdown and table.current is not None


def test_the_current_figure_stays_in_a_cut_table() -> None:
    """A table cut to its latest rows still shows the row of its current figure."""
    many = [undated(f"{n:02}.txt", f"Officials said {100 - n} people were killed.")
            for n in range(1, 16)]
    killed = tables(*many)["Killed"]
    assert len(killed.rows) == 10 and killed.more == 5
    assert "99" in [amount(r.claim) for r in killed.rows]


def test_a_cut_table_keeps_what_several_outlets_report() -> None:
    """Among undated pages, file order says nothing of time: a figure two outlets give is
    kept before the figures single files happen to list last."""
    shared = [undated(f"00{n}.txt", "Officials said 77 people were killed.") for n in "ab"]
    many = [undated(f"{n:02}.txt", f"Officials said {100 - n} people were killed.")
            for n in range(1, 16)]
    killed = tables(*shared, *many)["Killed"]
    assert "77" in [amount(r.claim) for r in killed.rows]
    assert len(killed.rows) == 10


def test_no_increment_follows_an_undated_current_figure() -> None:
    """"Another 30 were killed" in one undated page cannot be said to come after the figure
    of another undated page: it is a row, not a "then" of the current line."""
    for names in (("a.txt", "b.txt"), ("b.txt", "a.txt")):
        pages = [undated(names[0], "Officials said 500 people were killed."),
                 undated(names[1], "Another 30 people were killed overnight.")]
        killed = tables(*pages)["Killed"]
        assert killed.current is not None and amount(killed.current.claim) == "500"
        assert killed.since == ()
        assert "+30" in [amount(r.claim) for r in killed.rows]


def test_a_figure_dated_before_the_story_began_is_background() -> None:
    """A figure dated before the story's first page is another event's when it is a month or
    year before (a 2023 flood in an undated page of a 2024 story), or a day before told in
    passing among other days (a foreshock "on Sunday, days after the March 1 storm"); a
    day the page keeps to ("30 were killed on Saturday") is the story's own, as in the
    timeline."""
    first = article("a.txt", "2024-03-12",  # a Tuesday
                    "Officials said 41 people were killed yesterday. "
                    "A smaller blast killed 12 people on Sunday, days after the March 1 storm. "
                    "Police said 30 people were killed on Saturday.")
    later = undated("b.txt", "In May 2023, 200 people were killed in the first floods. "
                             "Officials say 50 people were killed.")
    killed = tables(first, later)["Killed"]
    flags = {amount(r.claim): r.claim.background for r in killed.rows}
    assert flags == {"41": False, "12": True, "30": False, "200": True, "50": False}
    assert killed.current is not None and amount(killed.current.claim) == "50"


def test_a_correction_supersedes_its_article_and_its_day() -> None:
    """"revised that figure down to 640" leads its article's step, and outranks the figure
    another outlet gives the same day (a correction is made knowing the earlier figure)."""
    killed = tables(
        article("a.txt", "2024-03-10", "Officials said 500 people were killed."),
        article("b.txt", "2024-03-11", "The government said the death toll rose to 830, but "
                                       "revised that figure down to 640 early today."),
        article("c.txt", "2024-03-11", "The death toll reached some 830."))["Killed"]
    assert [amount(r.claim) for r in killed.history] == ["500", "640"]
    assert killed.current is not None and amount(killed.current.claim) == "640"


def test_a_live_page_dates_each_entry_by_its_own_stamp() -> None:
    from pathlib import Path

    from briefing.models import FoundFile
    from briefing.readers import parse

    page = ("Storm live: what we know\n\n0930 GMT, 14 June 2024\n\n"
            "Officials said 41 people were killed overnight.\n\n"
            "1830 GMT, 13 June 2024\n\n"
            "The storm made landfall and killed 12 people today.\n\n"
            "Rescuers said 30 people were injured.\n\n"
            "1032 GMT, 12 June 2024\n\nForecasters warned of a strong storm.\n")
    live = parse(FoundFile(path=Path("live.txt"), relpath="live.txt", size=len(page),
                           sha256="0"), page.encode())
    assert live.published == dt.date(2024, 6, 14)
    claims = find_claims(live, 0, (KILLED, INJURED), LedgerConfig().attribution_verbs)
    when = {c.figure: (c.when, c.when_date, c.background) for c in claims}
    # "today" in the entry of 13 June is 13 June; a figure with no time words is of its
    # entry's day, not of the page's latest stamp.
    assert when["12"] == ("today", dt.date(2024, 6, 13), False)
    assert when["30"] == ("live entry", dt.date(2024, 6, 13), False)
    assert when["41"][1] in (None, dt.date(2024, 6, 14))
    assert Article.from_json(live.to_json()).entries == live.entries


def test_a_place_the_headline_names_is_the_story_own_place() -> None:
    """A count "at Jabiluka" under a headline that names Jabiluka is the next step of the
    count the other pages give without a place; a far coast's wave (above) is not."""
    arrested = MeasureConfig(name="Arrested", counted=("protesters",), events=("arrested",))
    first = article("a.txt", "1998-07-03", "More than 100 protesters were arrested, police said.")
    later = Article(relpath="b.txt", sha256="b", title="Protesters arrested at Jabiluka mine",
                    title_derived=False, outlet=None, published=dt.date(1998, 7, 14), url=None,
                    paragraphs=("Police arrested 112 protesters at Jabiluka.",),
                    sentences=tuple(split_sentences(
                        ["Police arrested 112 protesters at Jabiluka."])))
    ordered = order_articles([first, later])
    claims = [c for i, a in enumerate(ordered)
              for c in find_claims(a, i, (arrested,), LedgerConfig().attribution_verbs)]
    assert claims[-1].where is not None
    (table,) = measure_tables((arrested,), claims, [a.published for a in ordered])
    assert table.current is not None and amount(table.current.claim) == "112"
    assert [amount(h.claim) for h in table.history] == [">100", "112"]
