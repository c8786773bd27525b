"""Other words for a measure's events (briefing/data/event_words.txt, from WordNet)."""

import pytest

from briefing.analyze.event_words import other_words


def test_a_past_form_finds_other_words_for_its_verb() -> None:
    assert {"slain", "beheaded"} <= set(other_words("killed"))
    assert "perished" in other_words("died")
    assert "imprisoned" in other_words("detained")


@pytest.mark.parametrize("event", ["dead", "deaths", "aid", "deal", "death toll", "held", ""])
def test_no_other_words_for_what_is_no_regular_past(event: str) -> None:
    assert other_words(event) == ()


def test_no_other_word_is_a_noun_for_people_or_an_ambiguous_verb() -> None:
    for event in ("killed", "died", "detained", "injured", "wounded", "arrested", "evacuated"):
        words = set(other_words(event))
        assert not words & {"murderers", "assassins", "troops", "went", "passed", "expired"}
        assert all(w == w.lower() and w.isalpha() for w in words)
