"""The place list: a place's country, and which names are sure places."""

from __future__ import annotations

from briefing.analyze.gazetteer import country_names, country_of


def test_a_place_lies_in_its_country() -> None:
    assert country_of("Homs") == "SY"
    assert country_of("Sanaa") == "YE"
    assert country_of("eastern Syria") == "SY"
    assert country_of("the port city of Aden") == "YE"
    assert country_of("Cairo's Tahrir Square") == "EG"
    assert country_of("the United States") == "US"
    assert country_of("Britain") == "GB"
    assert country_of("the Springfield Dam") is None or country_of("the Springfield Dam") == "US"
    assert country_of("Tahrir Square") is None


def test_sure_places_are_countries_and_states_not_cities() -> None:
    names = country_names()
    assert {"Spain", "Netherlands", "United States", "Texas", "Georgia"} <= names
    # A city's name is as often a person's; a capital's name says its government.
    assert not {"Jackson", "Obama", "Washington", "Paris"} & names
