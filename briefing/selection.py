"""Choose a digest's lines under a budget, and cite every outlet that says the same."""

from __future__ import annotations

import re

import numpy as np

from .analyze.text import content_stems
from .config import DigestConfig
from .corpus import Corpus
from .lines import Line, line_at
from .models import DigestItem, SentenceRef

NUMBER_RE = re.compile(r"\d[\d,.]*\d|\d")
# How much similarity to chosen lines costs, against a top score of 1. AspectNews measured
# any soft penalty as a loss (0.7: P@3 0.46 -> 0: 0.50 on geography); near-duplicates are
# still never picked (the hard cut at 0.7 x duplicate_similarity).
MMR_PENALTY = 0.0
MAX_CANDIDATES = 300  # per topic: caps every pairwise step so cost stays linear in articles
# Two lines make the same claim when the shorter one's rarer words are mostly in the other
# (Corpus.shared_words): "the cover girl for the March edition of Vogue" and "graces the
# cover of next month's Vogue magazine". Measured on the dev stories: restatements 0.47 to
# 0.63, different claims about the same people 0.31 to 0.44.
SAME_CLAIM = 0.45


def select(limits: DigestConfig, corpus: Corpus, candidates: list[tuple[float, int]],
           budget: int, word_budget: int,
           taken: frozenset[SentenceRef] = frozenset()) -> list[DigestItem]:
    """Maximal marginal relevance: each pick trades its score against its similarity to
    the lines already chosen, so the digest covers several facts rather than one fact
    several times. Lines too close to a chosen one are never picked, nor lines that show
    a sentence in `taken` (already shown or cited elsewhere in the edition), nor lines
    that say what a line shown elsewhere says: one claim appears once in the briefing.

    A near-duplicate from another article adds its citation to the chosen line, so a fact
    several outlets report shows once and cites them all.
    """
    threshold = limits.duplicate_similarity
    ranked = sorted(candidates, key=lambda c: (-c[0], c[1]))[:MAX_CANDIDATES]
    units = [u for u in (line_at(limits, corpus, row) for _, row in ranked)
             if u is not None and not u.covers & taken]
    if not units:
        return []
    score = {row: sc for sc, row in ranked}
    top = max(score[u.row] for u in units) or 1.0
    sims = corpus.similarity([u.row for u in units], [u.row for u in units])
    shown = sorted(corpus.row_of[r] for r in taken if r in corpus.row_of)
    redundancy = np.zeros(len(units))
    said = np.zeros(len(units), dtype=bool)  # a line elsewhere in the briefing says it
    if shown:
        rows = [u.row for u in units]
        redundancy = corpus.similarity(rows, shown).max(axis=1)
        said = np.array([restates(corpus, row, shown) for row in rows], dtype=bool)
    chosen: list[int] = []
    total = 0
    while len(chosen) < budget:
        best, best_value = None, -np.inf
        for i, unit in enumerate(units):
            if i in chosen or any(unit.covers & units[j].covers for j in chosen):
                continue
            if redundancy[i] >= threshold * 0.7 or said[i]:
                continue  # says much the same as a line already chosen or shown
            if word_budget and chosen and total + unit.words > word_budget:
                continue
            value = score[unit.row] / top - MMR_PENALTY * redundancy[i]
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(best)
        total += units[best].words
        redundancy = np.maximum(redundancy, sims[best])
    picked = sorted((units[i] for i in chosen), key=lambda u: (u.ref.article, u.ref.sentence))
    # Articles are in date order, so article index then position reads in time order.
    return [with_citations(corpus, u, threshold) for u in picked]


def with_citations(corpus: Corpus, unit: Line, threshold: float) -> DigestItem:
    """The line as a digest item citing every other article that says as much."""
    sims = corpus.similarity_to_all(unit.row)
    refs = [unit.ref]
    seen_articles = {unit.ref.article}
    for row in np.argsort(-sims, kind="stable"):
        if sims[row] < threshold:
            break
        ref = corpus.refs[int(row)]
        if ref.article not in seen_articles and says_as_much(corpus.texts[int(row)], unit.text):
            refs.append(ref)
            seen_articles.add(ref.article)
    return DigestItem(text=unit.text, refs=tuple(refs), shown=tuple(sorted(
        unit.covers, key=lambda r: r.sentence)))


def says_as_much(other: str, shown: str, coverage: float = 0.7) -> bool:
    """True if `other` carries the shown line's facts: all its numbers, most of its words.

    Similar is not enough to cite a second source for a line: a sentence that shares a
    clause but not the figure must not be credited with the figure.
    """
    if not set(NUMBER_RE.findall(shown)) <= set(NUMBER_RE.findall(other)):
        return False
    shown_stems = set(content_stems(shown))
    if not shown_stems:
        return False
    return len(shown_stems & set(content_stems(other))) / len(shown_stems) >= coverage


def restates(corpus: Corpus, row: int, shown: list[int]) -> bool:
    """True if the sentence at `row` restates one of the `shown` rows: it shares most of its
    rarer words (Corpus.shared_words), and if both give numbers, at least one of them ("40
    ships" at one port and "15 ships" at another are two claims; "129 seats" and "30 per
    cent" after "30 percent and 128 seats" is the same one, updated)."""
    if not shown:
        return False
    overlap = corpus.shared_words([row], shown)[0]
    numbers = set(NUMBER_RE.findall(corpus.texts[row]))
    for k, other in enumerate(shown):
        theirs = set(NUMBER_RE.findall(corpus.texts[other]))
        if overlap[k] >= SAME_CLAIM and not (numbers and theirs and not numbers & theirs):
            return True
    return False


def shown_refs(items: list[DigestItem] | tuple[DigestItem, ...]) -> frozenset[SentenceRef]:
    """Every sentence the items show or cite: what later sections must not use again."""
    return frozenset(r for item in items for r in (*item.refs, *item.shown))
