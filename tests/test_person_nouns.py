"""Nouns that name people (briefing/data/person_nouns.txt, from WordNet)."""

import pytest

from briefing.analyze.person_nouns import names_occurrence, names_people, person_lemmas


@pytest.mark.parametrize("noun", ["journalists", "Americans", "children", "policemen",
                                  "security personnel", "members", "refugees", "Egyptians",
                                  "nurses", "deputies", "women"])
def test_plural_person_nouns_name_people(noun: str) -> None:
    assert names_people(noun)


@pytest.mark.parametrize("noun", [
    "cases",  # a person only in a later sense (a patient)
    "fans",  # first a device
    "helicopters", "components", "agents",  # person-like suffixes, no person
    "man",  # a singular: "a million man march"
    "journalist",
    "",
])
def test_other_nouns_do_not(noun: str) -> None:
    assert not names_people(noun)


def test_the_list_is_lemmas_of_common_nouns() -> None:
    lemmas = person_lemmas()
    assert len(lemmas) > 5000
    assert all(w == w.lower() and " " not in w for w in lemmas)
    assert "einstein" not in lemmas  # a named person (an instance) is no kind of person


@pytest.mark.parametrize("noun,occurrence", [
    ("cases", True), ("deaths", True), ("infections", True), ("arrests", True),
    ("swine flu cases", True),  # the last word decides
    ("buildings", False), ("troops", False), ("seats", False), ("", False),
])
def test_nouns_for_occurrences(noun: str, occurrence: bool) -> None:
    assert names_occurrence(noun) is occurrence
