"""The NewsQuant benchmark's adapter: our quantities under NewsQuant's unit names."""

from __future__ import annotations

import sys

import pytest

from briefing.analyze.quantities import find_quantities

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import newsquant  # noqa: E402


@pytest.mark.parametrize("noun,name", [
    ("best wireless speakers", "good wireless speaker"),  # a superlative's base adjective
    ("proudest moments", "proud moment"),
    ("biggest solar farms", "big solar farm"),
    ("busiest airports", "busy airport"),
    ("commercial fishermen", "commercial fisherman"),  # irregular plurals
    ("wolves", "wolf"),
    ("cases", "case"),  # -ses: the -s of a word in -se
    ("viruses", "virus"),
    ("crises", "crisis"),
    ("movies", "movie"),
    ("electric and hybrid buses", "electric hybrid bus"),  # no function words
    ("snaps of man coverage", "snap man coverage"),
    ("news", "news"),
    ("interest payments", "interest payment"),  # "interest" is no superlative
])
def test_a_counted_noun_phrase_is_named_by_its_lemmas(noun: str, name: str) -> None:
    assert newsquant.noun_name(noun) == name


def test_a_share_is_named_by_what_it_is_a_share_of() -> None:
    share, of_none = (find_quantities("A quarter of the workforce lives abroad.")[0],
                      find_quantities("Almost half of which is debt.")[0])
    assert newsquant.unit_name(share) == "% workforce"
    assert newsquant.unit_name(of_none) == "% -"


def test_a_rate_and_torque_under_newsquant_names() -> None:
    (tests,) = find_quantities("They ran 3,000 tests per day.")
    lb_ft, pound_feet = find_quantities("It makes 332 lb-ft or 332 pound-feet.")
    assert newsquant.unit_name(tests) == "test per day"
    assert newsquant.unit_name(lb_ft) == "foot pound-force"
    assert newsquant.unit_name(pound_feet) == "pound-foot"


def test_barrels_of_oil_are_a_unit_of_their_own() -> None:
    oil, crude_a_day, barrels = find_quantities(
        "It pumped 1 million barrels of oil, 5 barrels of crude a day and 300 barrels.")
    assert (oil.unit, oil.unit_text) == ("bbl", "barrels of oil")  # one key for the table
    assert newsquant.unit_name(oil) == "barrel of oil"
    assert newsquant.unit_name(crude_a_day) == "barrel per day"
    assert newsquant.unit_name(barrels) == "barrel"


def test_a_unit_whose_key_holds_a_slash_is_named_whole() -> None:
    speed, per_year = find_quantities("It flew at 30 feet per second, 5 km per year.")
    assert newsquant.unit_name(speed) == "foot per second"  # "ft/s", not "foot per s"
    assert newsquant.unit_name(per_year) == "kilometre per year"


def test_a_noun_phrase_headed_by_a_unit_is_named_by_the_unit() -> None:
    yards, years, cups = find_quantities(
        "He gained 517 rushing yards in 50 previous years and played 8 straight World Cups.")
    assert yards.noun == "rushing yards"  # the stage keeps the words; the name is the unit
    assert newsquant.unit_name(yards) == "yard"
    assert newsquant.unit_name(years) == "year"
    assert newsquant.unit_name(cups) == "straight world cup"


def test_a_share_written_with_a_minus_keeps_its_sign() -> None:
    dow, fall, rng = newsquant.briefing_tags("Dow -0.2% after it fell 0.5%; costs fell 5-10%.")
    assert (dow.value, dow.unit, dow.change) == (-0.2, "percentage", "down")
    assert (fall.value, fall.change) == (0.5, "down")  # the size of a change told in words
    assert rng.value == (5.0, 10.0)  # a range's dash is no sign


def test_a_superlative_group_is_named_with_what_completes_it() -> None:
    (life,) = newsquant.briefing_tags("It was one of the finest days in her long career.")
    (ever,) = newsquant.briefing_tags("He hit one of the longest drives ever seen at Augusta.")
    (bare,) = newsquant.briefing_tags("Buy one of the cheapest phones around.")
    assert life.unit == "fine day long career"
    assert ever.unit == "long drive seen augusta"
    assert bare.unit == "cheap phone"  # nothing completes it: the noun phrase
    (who,) = newsquant.briefing_tags("He was one of the best players who ever lived in Rome.")
    assert who.unit == "good player"  # a clause's own word ends the group


def test_a_modifier_between_article_and_count_joins_the_name() -> None:
    top, record, combined, first = newsquant.briefing_tags(
        "The top four teams scored a record 91 goals, the combined 12 clubs and the first 20 "
        "players.")
    assert (top.unit, record.unit) == ("top team", "record goal")
    assert combined.unit == "club"  # a participle is no part of the name
    assert first.unit == "player"  # nor an ordinal
