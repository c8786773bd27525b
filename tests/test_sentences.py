"""Sentence splitting keeps abbreviations, numbers and quotations whole, and loses nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analyze.sentences import split_paragraph, split_sentences


@pytest.mark.parametrize("text,expected", [
    ("The U.S. Army sent 1,500.5 tonnes of aid. Gen. Smith said so on Oct. 24 in Kyiv.",
     ["The U.S. Army sent 1,500.5 tonnes of aid.", "Gen. Smith said so on Oct. 24 in Kyiv."]),
    ("“We will not stop. We cannot stop,” she said. The vote is on Friday.",
     ["“We will not stop. We cannot stop,” she said.", "The vote is on Friday."]),
    ('He said, "Prices rose 3.2 percent. That is too much." Markets fell.',
     ['He said, "Prices rose 3.2 percent. That is too much."', "Markets fell."]),
    ("Mr. Lee met Dr. Park at 3 p.m. on Monday. They spoke for an hour.",
     ["Mr. Lee met Dr. Park at 3 p.m. on Monday.", "They spoke for an hour."]),
    # Tickers and index codes are not sentence ends.
    ("Stocks fell, with the insurance index .KIX down 3 percent. Allstate (ALL.N) lost 2.5 "
     "percent.", ["Stocks fell, with the insurance index .KIX down 3 percent.",
                  "Allstate (ALL.N) lost 2.5 percent."]),
    ("The Dow Jones industrial average .DJI dropped 178.84 points. The Nasdaq fell.",
     ["The Dow Jones industrial average .DJI dropped 178.84 points.", "The Nasdaq fell."]),
    # A name cut after a short abbreviation goes on with its verb of speech.
    ("Ann Lee, an analyst for Baker Alex. Brown, said the banks would cut jobs. Yes, said "
     "the minister.", ["Ann Lee, an analyst for Baker Alex. Brown, said the banks would cut jobs.",
                       "Yes, said the minister."]),
    ("He met Gen. Smith on Monday. Brown said no.", ["He met Gen. Smith on Monday.",
                                                      "Brown said no."]),
    # A title before a name ends no sentence, however the name goes on.
    ("Letters between Ms. Lima and Brandt; gifts; Ms. Lima's phone records. It was signed by "
     "Ana Lima Jr. He left.", ["Letters between Ms. Lima and Brandt; gifts; Ms. Lima's phone "
                               "records.", "It was signed by Ana Lima Jr.", "He left."]),
])
def test_split(text: str, expected: list[str]) -> None:
    assert split_paragraph(text) == expected


def test_indices_and_paragraphs() -> None:
    sents = split_sentences(["One sentence here. Two here.", "Third one."])
    assert [(s.index, s.paragraph) for s in sents] == [(0, 0), (1, 0), (2, 1)]


TEXT = st.lists(st.sampled_from(["The", "U.S.", "said", "10,000", "troops", ".", "Gen.", "“",
                                 "”", "?", "!", "Oct.", "24", "a", "3.5", "Mr.", "Kim", ","]),
                min_size=1, max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_no_characters_lost(text: str) -> None:
    joined = "".join(split_paragraph(text))
    assert joined.replace(" ", "") == text.replace(" ", "")
