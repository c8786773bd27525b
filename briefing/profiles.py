"""Which topic a sentence is about: each topic's profile in this edition, learnt from the
sentences its terms find, checked against the other topics'."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .analyze.topics import TopicMatcher, found_by_each
from .config import TopicConfig
from .corpus import Corpus
from .kept_terms import TermsFound

# A sentence found by two distinct terms (or a term the user weighted 2 or more) is a clear
# example of its topic; one term is weak evidence.
STRONG_SCORE = 2.0
MIN_SEEDS = 3  # fewer clear examples than this: weaker ones shape the profile instead
# A sentence belongs less to this topic than to another whose profile fits it this many
# times better ("Tokyo Electric Power" found by "electricity" is about the nuclear plant).
DOMINATED = 1.5


@dataclass(frozen=True)
class TopicFit:
    """Per topic, per corpus row: the term evidence, the fit to the topic's profile (cosine),
    and whether the topic is what the sentence is about."""

    scores: tuple[np.ndarray, ...]
    fit: tuple[np.ndarray, ...]
    about: tuple[np.ndarray, ...]
    learnt: tuple[bool, ...]  # the profile comes from enough clear examples to rank by


def fit_topics(corpus: Corpus, topics: list[TopicConfig] | tuple[TopicConfig, ...],
               matchers: list[TopicMatcher], min_score: float,
               kept: TermsFound | None = None) -> TopicFit:
    """Term evidence, checked against what the topic's sentences talk about.

    A topic's profile is the mean TF-IDF vector of its clearest sentences in this edition
    (found strongly by its terms, two terms or a weighted one, and by no other topic's),
    plus the words the user wrote (description and terms): what goes with the topic in
    this story. A sentence a term finds is about the topic unless another topic's profile
    fits it much better ("Tokyo Electric Power Company", found by "electricity", is about
    the nuclear plant, not the power cuts). The fit also ranks the topic's lines.
    `kept`: what the terms find in each sentence, kept from earlier runs (kept_terms);
    without it, the sentences are searched.
    """
    n = len(corpus.texts)
    terms_found = kept.per_topic(corpus.texts, len(matchers)) if kept is not None \
        else found_by_each(matchers, corpus.texts)
    scores = tuple(np.array([sum(f) for f in per], dtype=float) for per in terms_found)
    if n == 0 or corpus.matrix is None or corpus.matrix.shape[1] == 0:
        empty = tuple(np.zeros(n) for _ in matchers)
        return TopicFit(scores, empty, tuple(s >= min_score for s in scores),
                        tuple(False for _ in matchers))
    strong = tuple(np.array([len(f) >= 2 for f in per], dtype=bool) | (s >= STRONG_SCORE)
                   for per, s in zip(terms_found, scores, strict=True))
    found = [s >= min_score for s in scores]
    fits = []
    learnt = []
    for i, (topic, firm) in enumerate(zip(topics, strong, strict=True)):
        # The clearest examples of a topic: found strongly by its terms and by no other
        # topic's; failing enough of those, found by its terms alone, then found at all.
        elsewhere = np.zeros(n, dtype=bool)
        for j, other in enumerate(found):
            if j != i:
                elsewhere |= other
        seeds = np.flatnonzero(found[i] & firm & ~elsewhere)
        learnt.append(len(seeds) >= MIN_SEEDS)
        if not learnt[-1]:
            seeds = np.flatnonzero(found[i] & ~elsewhere)
        if len(seeds) < MIN_SEEDS:
            seeds = np.flatnonzero(found[i])
        words = " ".join([topic.description, *(t.text for t in topic.terms)])
        profile = corpus.vector(words)
        if len(seeds):
            profile = profile + _unit(np.asarray(corpus.matrix[seeds].mean(axis=0)).ravel())
        fits.append(np.asarray(corpus.matrix @ _unit(profile)).ravel())
    about = []
    for i, (score, fit) in enumerate(zip(scores, fits, strict=True)):
        # Only a profile learnt from enough clear examples may claim a sentence for its topic:
        # in a small edition, a handful of sentences are no measure of what a topic is.
        others = [fits[j] for j in range(len(fits)) if j != i and learnt[j]]
        best_other = np.max(others, axis=0) if others else np.zeros(n)
        ok = (score >= min_score) & (best_other < DOMINATED * fit)
        about.append(ok)
    return TopicFit(scores, tuple(fits), tuple(_one_topic_each(about, fits, learnt)),
                    tuple(learnt))


def _one_topic_each(about: list[np.ndarray], fits: list[np.ndarray],
                    learnt: list[bool]) -> list[np.ndarray]:
    """A sentence two topics' terms claim leaves a topic whose profile fits it DOMINATED
    times less than another's, each fit measured against the best fit of that topic's own
    sentences (a narrow topic's profile fits its sentences less closely than a broad one's:
    raw cosines do not compare). "Questions … why banks, where deposits face a levy,
    forgave the loans of politicians" is about the loans, not the bailout; a sentence both
    fit about as well stays with both. Only learnt profiles compete."""
    if sum(learnt) < 2:
        return about
    relative = []
    for ok, fit, sure in zip(about, fits, learnt, strict=True):
        top = float(fit[ok].max()) if ok.any() else 0.0
        relative.append(fit / top if sure and top > 0 else np.full(len(fit), -np.inf))
    best = np.max(relative, axis=0)
    return [ok & ~(np.isfinite(best) & (best > DOMINATED * rel) & sure)
            for ok, rel, sure in zip(about, relative, learnt, strict=True)]


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
