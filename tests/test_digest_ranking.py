"""Topic ranking priors: an article's lead and fuller sentences win ties on relevance."""

from __future__ import annotations

from pathlib import Path

from briefing.config import Config, Term, TopicConfig
from briefing.digest import _lead_prior, _length_prior, select_for_topic
from briefing.models import Article, Sentence

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
    assert _lead_prior(0) == _lead_prior(2) > _lead_prior(3) > _lead_prior(12)
    assert _lead_prior(12) == 0.5 * _lead_prior(0)
    assert _length_prior("word " * 10) < _length_prior("word " * 30) == _length_prior("word " * 80)
