"""What is new for a reader who has already been told some sentences.

Used for "What's new since <previous edition>" and measured by the DUC 2007 update task
(benchmarks/duc2007_update.py). It is the concept-coverage summarizer (summarize.py) with
two changes: a concept the reader has been told is worth only KNOWN_WEIGHT of its weight, so
the budget goes to facts not yet told; and a sentence that restates a told sentence (most
of its concepts are in one told sentence) is never picked at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .summarize import Candidate, concepts, summarize

# Chosen on the dev half of DUC 2007 update (see README, Quality).
KNOWN_WEIGHT = 0.6      # what a told concept is still worth
RESTATES = 0.5          # share of a sentence's concepts found in one told sentence


class Told:
    """What the reader has been told: its concepts, and an index to find the told sentence
    a new one overlaps most."""

    def __init__(self, sentences: Sequence[str]):
        self.sentences = [concepts(s) for s in sentences]
        self.known: Counter[str] = Counter()
        self.where: dict[str, list[int]] = {}
        for i, cs in enumerate(self.sentences):
            self.known.update(cs)
            for c in cs:
                self.where.setdefault(c, []).append(i)

    def overlap(self, text: str) -> float:
        """The largest share of text's concepts that one told sentence holds."""
        own = concepts(text)
        if not own:
            return 0.0
        hits: Counter[int] = Counter()
        for c in own:
            hits.update(self.where.get(c, ()))
        return max(hits.values(), default=0) / len(own)

    def restates(self, text: str) -> bool:
        return self.overlap(text) >= RESTATES


def whats_new(docs: list[list[str]], told: Sequence[str], word_budget: int = 100,
              known_weight: float | None = None, restates: float | None = None,
              time_limit: float = 10.0) -> list[Candidate]:
    """The sentences of docs that best cover what the reader has not been told, within
    word_budget, in document order; none that restates a told sentence."""
    known_weight = KNOWN_WEIGHT if known_weight is None else known_weight
    restates = RESTATES if restates is None else restates
    memory = Told(told)
    exclude = {(d, i) for d, sents in enumerate(docs) for i, text in enumerate(sents)
               if memory.overlap(text) >= restates}
    discount = dict.fromkeys(memory.known, known_weight)
    return summarize(docs, word_budget=word_budget, exclude=exclude, discount=discount,
                     time_limit=time_limit)
