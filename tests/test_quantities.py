"""Quantities: data-file cases (tests/data/quantities/cases.txt) and span properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analyze.quantities import find_quantities
from briefing.models import Quantity

from .conftest import DATA


def load_cases() -> list[tuple[str, list[str]]]:
    cases = []
    text = (DATA / "quantities" / "cases.txt").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
        if not lines:
            continue
        sentence = " ".join(ln for ln in lines if not ln.startswith("=>"))
        expected = [ln[2:].strip() for ln in lines if ln.startswith("=>") and ln[2:].strip()]
        cases.append((sentence, expected))
    return cases


def number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def row(text: str, q: Quantity) -> str:
    value = (f"{number(q.low)}-{number(q.high)}" if q.low is not None and q.high is not None
             else number(q.value))
    return " | ".join([text[q.start:q.end], value, q.hedge, q.change, q.unit or "-",
                       q.noun or "-", q.kind])


CASES = load_cases()


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_quantity_case(sentence: str, expected: list[str]) -> None:
    assert [row(sentence, q) for q in find_quantities(sentence)] == expected


def test_noun_span_is_a_slice_of_the_sentence() -> None:
    text = "Officials said as many as 8,000 North Korean special forces had arrived."
    (q,) = find_quantities(text)
    assert q.noun_start is not None and q.noun_end is not None
    assert text[q.noun_start:q.noun_end] == q.noun == "North Korean special forces"


def test_the_same_sentence_gives_the_same_quantities() -> None:
    text = "Revenue rose 5% to $4.2 million, while 3,000 workers left."
    assert find_quantities(text) == find_quantities(text)


WORDS = st.sampled_from(
    ["about", "more than", "up to", "between", "and", "to", "-", "troops", "people", "$", "%",
     "sq km", "square miles", "million", "bn", "rose", "fell", "by", "in", "2019", "March",
     "C-130", "Flight", "7pm", "10:30", "another", "two", "dozen", "brigades", ",", "each",
     "with", "of", "the", "3-1", "(555) 123-4567", "12,000", "4.2", "18.6%", "one", "tens",
     "thousands", "Road", "Street", "No.", "page", "€", "£", "HK$", "km²", "mph", "°C"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDS, st.integers(0, 100000).map(str)), max_size=25),
       st.sampled_from([" ", "", "  "]))
def test_every_quantity_is_a_slice_and_spans_do_not_overlap(words: list[str], sep: str) -> None:
    text = sep.join(words) if sep else " ".join(words).replace(" ,", ",")
    found = find_quantities(text)
    last_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last_end, "quantities overlap or are out of order"
        last_end = q.end
        assert text[q.start:q.end].strip() == text[q.start:q.end]
        if q.noun is not None:
            assert text[q.noun_start:q.noun_end] == q.noun
        if q.low is not None:
            assert q.high is not None and q.low <= q.high


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_read_without_error(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start:q.end]


def test_a_count_that_is_a_rate_says_what_it_is_counted_per() -> None:
    text = "The lab ran 4,000 tests per day, 9.5 rebounds a game and 300 tests in May."
    assert [q.per for q in find_quantities(text)] == ["day", "game", None]
    # after "per" any noun says per what; after "a", only the listed ones and times
    text = "Women had 2.1 children per woman and 3 children a woman."
    assert [q.per for q in find_quantities(text)] == ["woman", None]


def test_a_change_told_after_the_figure_is_no_size_newsquant_marks() -> None:
    """"rose 5%" is the size of a change; "5% higher" says the same after the figure, where
    NewsQuant never marks it up or down (dev: 3 of 3), so `by` stays False there."""
    before, after = find_quantities("Shares rose 5% and bonds were 0.68 percent lower.")
    assert (before.change, before.by) == ("up", True)
    assert (after.change, after.by) == ("down", False)
