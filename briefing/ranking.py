"""How much a sentence deserves a place in a topic's digest."""

from __future__ import annotations

import re

from .analyze.topics import TopicMatcher
from .config import TopicConfig
from .corpus import Corpus

FIGURE_RE = re.compile(r"\d")
LEAD_SENTENCES = 3  # lead_prior: sentences that count as the article's lead
LENGTH_CAP = 30  # length_prior: words past which a sentence counts no longer


def rank_for_topic(topic: TopicConfig, matcher: TopicMatcher, corpus: Corpus,
                   scores: list[float], min_score: float) -> list[tuple[float, int]]:
    """(score, row) for every sentence that may go in the topic's digest.

    Relevance (the topic's term weights, capped, plus a little of the description's
    vocabulary) times importance (centrality in the edition), a lead prior and a length
    prior; in a figures topic, sentences with numbers count more."""
    out = []
    for row, score in enumerate(scores):
        if score < min_score:
            continue
        text = corpus.texts[row]
        relevance = min(score, 3.0) / 3.0 + 0.5 * matcher.affinity(text)
        figures = 1.5 if topic.measures and FIGURE_RE.search(text) else 1.0
        # 1 + relevance: every candidate already carries the topic's terms; more of them
        # helps, but does not outweigh importance and the priors (AspectNews: 0 + relevance
        # let one extra term beat a fuller lead sentence: lower precision on all four aspects).
        out.append(((0.3 + corpus.centrality[row]) * (1.0 + relevance)
                    * lead_prior(corpus.refs[row].sentence) * length_prior(text)
                    * figures, row))
    return out


def lead_prior(position: int) -> float:
    """Weight of an article's sentence by its position (0-based)."""
    # The first three sentences of a news article carry its news; later ones fade slowly
    # (half weight by sentence 12), so a late fact still wins on relevance. AspectNews:
    # the annotators' picks drop after sentence 3 on three of four aspects.
    return 1.0 / (1.0 + 0.1 * max(0, position - LEAD_SENTENCES + 1))


def length_prior(text: str) -> float:
    """Weight of a sentence by its length in words."""
    # Longer sentences carry more facts: in AspectNews, length predicts the annotators'
    # picks on all four aspects. Capped so a run-on sentence gains nothing more.
    return 1.0 + 2.0 * min(len(text.split()), LENGTH_CAP) / LENGTH_CAP
