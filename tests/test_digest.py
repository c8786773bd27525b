"""Digest lines: ranking priors, and lines that lean on the sentence before them."""

from __future__ import annotations

from pathlib import Path

from briefing.config import Config, Term, TopicConfig
from briefing.digest import select_for_topic
from briefing.lines import dangling
from briefing.models import Article, Sentence
from briefing.ranking import lead_prior, length_prior

TOPIC = TopicConfig(name="Water", description="water supply", terms=(Term("reservoir"),))
FILLER = [f"Council member number {n} spoke about parking rules near the old market hall."
          for n in range(20)]


def article(sentences: list[str]) -> Article:
    return Article(relpath="a.txt", sha256="", title="t", title_derived=False, outlet=None,
                   published=None, url=None, paragraphs=tuple(sentences),
                   sentences=tuple(Sentence(i, 0, s) for i, s in enumerate(sentences)))


def top_line(sentences: list[str]) -> str:
    items = select_for_topic(Config(path=Path(".")), TOPIC, [article(sentences)], 1)
    assert len(items) == 1
    return items[0].text


def test_the_lead_beats_a_later_sentence_that_is_more_central() -> None:
    # The later sentence shares words with the rest of the article, so without the lead
    # prior it would win; both carry the topic's one term.
    early = "The town reservoir fell to a third of its usual level by Monday evening."
    late = "The council said the reservoir near the old market hall fell to a third of its level."
    assert top_line([early, *FILLER[:14], late]) == early


def test_a_full_sentence_beats_a_more_central_fragment() -> None:
    fragment = "The council reservoir near the market hall is low."
    full = ("Engineers said the reservoir that serves both valleys is lower than in any "
            "autumn since records began, and that rationing may start in December.")
    assert top_line([FILLER[0], fragment, full, *FILLER[1:4]]) == full


def test_priors_are_flat_in_the_lead_then_fade_and_length_is_capped() -> None:
    assert lead_prior(0) == lead_prior(2) > lead_prior(3) > lead_prior(12)
    assert lead_prior(12) == 0.5 * lead_prior(0)
    assert length_prior("word " * 10) < length_prior("word " * 30) == length_prior("word " * 80)


def test_lines_that_point_back_are_recognised() -> None:
    for text in ["He added that the dam would hold.",
                 "This warning came after the vote.",
                 "Prior to this, the council met twice.",
                 "The objective was to reassure the farmers before winter.",
                 "The move comes after a week of protests.",
                 "Officials stated this during a briefing.",
                 "“We will not ration water,” in the words of the notice.",
                 "“The rights to water should not be compromised,” he said on Friday.",
                 "The move Monday comes after the agency did the same."]:
        assert dangling(text), text
    for text in ["The reservoir fell to a third of its usual level.",
                 "The objectives of the plan are set out in a report by the council.",
                 "“We will not ration water,” the mayor said.",
                 "Engineers said the move was safe."]:
        assert not dangling(text), text


def test_a_line_that_points_back_is_shown_with_its_antecedent() -> None:
    lead = "The water minister made an urgent visit to the valley towns on Monday."
    follow = "The objective was to reassure farmers that the reservoir would last the winter."
    items = select_for_topic(Config(path=Path(".")), TOPIC, [article([lead, follow])], 2)
    assert [item.text for item in items] == [f"{lead} {follow}"]
    assert [ref.sentence for ref in items[0].shown] == [0, 1]
