"""How much a sentence deserves a place in a topic's digest."""

from __future__ import annotations

import re

import numpy as np

from .analyze.topics import TopicMatcher
from .config import TopicConfig
from .corpus import Corpus

FIGURE_RE = re.compile(r"\d")
LEAD_SENTENCES = 3  # lead_prior: sentences that count as the article's lead
LENGTH_CAP = 30  # length_prior: words past which a sentence counts no longer
# How much the fit to the topic's profile learnt from this edition adds to relevance (0 to 1
# after scaling by the best fit). 1.0 put the quake's magnitude above "the biggest crisis"
# in the dev stories; AspectNews is unchanged (one article rarely teaches a profile).
FIT_WEIGHT = 1.0


def rank_for_topic(topic: TopicConfig, matcher: TopicMatcher, corpus: Corpus,
                   scores: np.ndarray, about: np.ndarray,
                   fit: np.ndarray | None = None) -> list[tuple[float, int]]:
    """(score, row) for every sentence about the topic (profiles.fit_topics).

    Relevance (the topic's term weights, capped, plus a little of the description's
    vocabulary, plus the fit to the topic's profile when the edition taught one) times
    importance (centrality in the edition), a lead prior and a length prior; in a figures
    topic, sentences with numbers count more."""
    out = []
    affinity = corpus.shares(matcher.description)
    top_fit = float(fit[about].max()) if fit is not None and about.any() else 0.0
    for row in map(int, np.flatnonzero(about)):
        score = scores[row]
        text = corpus.texts[row]
        relevance = min(score, 3.0) / 3.0 + 0.5 * float(affinity[row])
        if fit is not None and top_fit > 0:
            relevance += FIT_WEIGHT * float(fit[row]) / top_fit
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
