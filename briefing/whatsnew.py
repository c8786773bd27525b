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

from .models import Briefing, FigureChange, Told, ToldDay, ToldFigure, TopicDigest
from .summarize import Candidate, DocumentCounts, concepts, summarize

# Chosen on the dev half of DUC 2007 update (see README, Quality).
KNOWN_WEIGHT = 0.6      # what a told concept is still worth
RESTATES = 0.5          # share of a sentence's concepts found in one told sentence
# A topic section keeps a line unless it only repeats a told one (nearly all its concepts
# in one told line): a known fact with a new detail is still worth its place there.
ONLY_REPEATS = 0.8


class Memory:
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
        if not self.where:  # nothing told yet (a first edition, or one only extended)
            return 0.0
        own = concepts(text)
        if not own:
            return 0.0
        hits: Counter[int] = Counter()
        for c in own:
            hits.update(self.where.get(c, ()))
        return max(hits.values(), default=0) / len(own)

    def restates(self, text: str) -> bool:
        return self.overlap(text) >= RESTATES

    def only_repeats(self, text: str) -> bool:
        return self.overlap(text) >= ONLY_REPEATS


def whats_new(docs: list[list[str]], told: Sequence[str], word_budget: int = 100,
              known_weight: float | None = None, restates: float | None = None,
              time_limit: float = 10.0, min_words: int = 8,
              exclude: set[tuple[int, int]] | None = None,
              only: set[tuple[int, int]] | None = None,
              counts: DocumentCounts | None = None) -> list[Candidate]:
    """The sentences of docs that best cover what the reader has not been told, within
    word_budget, in document order; none that restates a told sentence. `only`: as
    summarize's (only those are compared with what was told); `counts` as summarize's."""
    known_weight = KNOWN_WEIGHT if known_weight is None else known_weight
    restates = RESTATES if restates is None else restates
    memory = Memory(told)
    pairs = only if only is not None else \
        ((d, i) for d, sents in enumerate(docs) for i in range(len(sents)))
    exclude = set(exclude or ()) | {
        (d, i) for d, i in pairs if memory.overlap(docs[d][i]) >= restates}
    discount = dict.fromkeys(memory.known, known_weight)
    return summarize(docs, word_budget=word_budget, min_words=min_words, exclude=exclude,
                     discount=discount, time_limit=time_limit, only=only, counts=counts)


def told_by(briefing: Briefing) -> Told:
    """What an edition tells its reader: every line it shows, each measure's current figure
    and its timeline (kept so the next edition can say what is new, which figures moved and
    what the timeline gained). The timeline's lines are not among `lines`: the story so far
    is shown whole each time, it is not what the edition reports."""
    from .render import amount  # the figure as the edition showed it

    items = [*briefing.overview, *(i for t in briefing.topics for i in t.items)]
    # A measure with no figure in the edition showed the last one reported before it.
    shown = ((t.name, m.name, m.current or m.earlier) for t in briefing.topics
             for m in t.measures)
    figures = tuple(ToldFigure(topic, measure, row.claim.value, amount(row.claim))
                    for topic, measure, row in shown if row is not None)
    timeline = tuple(ToldDay(e.date, (*(i.text for i in e.items), *(f.told for f in e.figures)),
                             e.grain)
                     for e in briefing.timeline) if briefing.timeline_enabled else None
    return Told(briefing.date, tuple(i.text for i in items), figures, timeline)


def figure_changes(topics: Sequence[TopicDigest], told: Told) -> tuple[FigureChange, ...]:
    """Measures whose current figure reads differently from the one last shown (another
    value, range or hedge: "more than 10,000" -> "about 10,000" is news too)."""
    from .render import amount

    before = {(f.topic, f.measure): f for f in told.figures}
    changes = []
    for topic in topics:
        for m in topic.measures:
            old = before.get((topic.name, m.name))
            if m.current is not None and old is not None and \
                    old.shown != amount(m.current.claim):
                changes.append(FigureChange(topic.name, old, m.current))
    return tuple(changes)
