"""Build the Briefing: the overview, one digest per topic, the figures, numbered sources."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Container, Iterator, Sequence
from dataclasses import fields, is_dataclass, replace

import numpy as np

from . import words
from .analyze.topics import TopicMatcher
from .boilerplate import repeated_lines
from .config import Config, TopicConfig
from .corpus import Corpus
from .kept_terms import TermsFound
from .known_claims import find_claims  # kept in the state: found once per article
from .ledger import measure_tables
from .lines import (
    Line,
    full_names,
    name_ends,
    named_things,
    stands_alone,
    surnames,
    written_words,
)
from .models import (
    Article,
    Briefing,
    Claim,
    DigestItem,
    MeasureTable,
    SentenceRef,
    Skipped,
    SourceEntry,
    TimelineEntry,
    Told,
    TopicDigest,
)
from .profiles import TopicFit, fit_topics
from .ranking import rank_for_topic
from .selection import (
    MAX_CANDIDATES,
    SAME_CLAIM,
    restates,
    select,
    shown_refs,
    with_citations,
)
from .summarize import summarize
from .timeline import Timeline
from .voice import attributed
from .whatsnew import Memory, figure_changes, whats_new

# An overview line is a fact a newcomer can take in alone: "Team Obama is hoping for the
# best." (7 words) is not one. Shorter lines were cheap picks for the word budget.
OVERVIEW_MIN_WORDS = 10


def order_articles(articles: list[Article]) -> list[Article]:
    """Reading order and source numbering: dated articles oldest first, then by file name."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or dt.date.min,
                                           a.relpath))


def kept_name_ends(articles: Sequence[Article]) -> frozenset[str] | None:
    """lines.name_ends of all the articles' sentences, from what each kept when it was read
    (None if one was read by older code)."""
    if any(a.names is None for a in articles):
        return None
    return frozenset().union(*(a.names for a in articles if a.names is not None))


def edition_surnames(corpus: Corpus, banners: frozenset[SentenceRef]) -> frozenset[str]:
    """lines.surnames of the corpus' sentences (every article's, less the banners), from what
    each article kept when it was read (its name ends) and its words (what it writes in lower
    case and as places); only an article with a banner line is read again, without it."""
    articles = corpus.articles
    with_banner = {ref.article for ref in banners}
    kept = [w for i, w in enumerate(corpus.article_words) if i not in with_banner]
    lower, places = words.written(kept)
    own_lower: set[str] = set()
    own_places: set[str] = set()
    ends: set[str] = set()
    for i in sorted(with_banner):
        texts = [s.text for s in articles[i].sentences if SentenceRef(i, s.index) not in banners]
        found_lower, found_places = written_words(texts)
        own_lower |= found_lower
        own_places |= found_places
        ends |= name_ends(texts)
    among = kept_name_ends([a for i, a in enumerate(articles) if i not in with_banner])
    return surnames(corpus.texts, None if among is None else among | ends,
                    (Either(lower, own_lower), Either(places, own_places)))


class Either:
    """Strings in one container or the other."""

    def __init__(self, first: Container[str], second: Container[str]) -> None:
        self.first, self.second = first, second

    def __contains__(self, item: object) -> bool:
        return item in self.first or item in self.second


def build_briefing(config: Config, articles: list[Article], date: dt.date,
                   skipped: tuple[Skipped, ...] = (), timeline: Timeline | None = None,
                   told: Told | None = None, found: TermsFound | None = None,
                   earlier: Sequence[Article] = ()) -> Briefing:
    """The whole edition: overview, one digest per topic, ledger rows, numbered sources,
    and the story's timeline (whose lines may cite articles of earlier editions: they are
    listed after this edition's sources).

    A sentence shown (or cited) once is not shown again: the overview goes first, then the
    topics, narrowest first, so a broad topic does not take a narrow one's only lines.
    After a first edition (`told` has a previous date) the overview is "What's new since"
    it: facts earlier editions did not tell, and no line that only restates one. `found`:
    what the topics' terms find in the articles' sentences (kept_terms), if already known.
    `earlier`: the articles of earlier editions, where a measure this edition has no figure
    for finds the last one reported (cited, and listed with the timeline's)."""
    told = told or Told()
    articles = order_articles(articles)
    # A site's banner repeated across its pages is no sentence of the story.
    banners = repeated_lines(articles, [w.paragraphs for w in words.of_articles(articles)])
    corpus = Corpus(articles, only={SentenceRef(a, s.index) for a, article in enumerate(articles)
                                    for s in article.sentences} - banners if banners else None)
    memory = Memory(told.lines)
    matchers = [TopicMatcher.build(t) for t in config.topics]
    fits = fit_topics(corpus, config.topics, matchers, config.digest.min_topic_score, found)
    names = edition_surnames(corpus, banners)
    overview = _overview(config, corpus, fits, told, names)
    # Sections call people by surname only once the reader has met the full name: in the
    # briefing's title (the story the user follows) or the overview.
    met = full_names(config.title).union(*(full_names(item.text) for item in overview))
    taken = shown_refs(overview)
    in_overview = {ref for item in overview for ref in item.refs}
    order = sorted(range(len(matchers)), key=lambda i: int(fits.about[i].sum()))
    digests: dict[int, TopicDigest] = {}
    for i in order:
        digests[i] = _topic_digest(config, config.topics[i], matchers[i], corpus,
                                   fits.scores[i], fits.about[i],
                                   fits.fit[i] if fits.learnt[i] else None, taken, in_overview,
                                   memory, names, met)
        taken |= shown_refs(digests[i].items)
    # The timeline and a measure's last figure may cite articles of earlier editions: they
    # follow this edition's own.
    listing = _Listing(articles)
    entries = _place_timeline(timeline, listing)
    topics = tuple(_last_reported(config, digests[i], config.topics[i], earlier, listing)
                   for i in range(len(matchers)))
    listed = listing.listed
    changes = figure_changes(topics, told)
    cited = sorted(cited_articles((overview, topics, entries, changes)))
    return Briefing(
        title=config.title, date=date, overview=tuple(overview), topics=topics,
        sources=tuple(SourceEntry(n + 1, listed[i], earlier=i >= len(articles))
                      for n, i in enumerate(cited)),
        citation={i: n + 1 for n, i in enumerate(cited)},
        skipped=skipped, articles_read=len(articles), articles=tuple(listed),
        timeline=entries, timeline_enabled=config.timeline.enabled,
        timeline_since=timeline.since if timeline else None,
        previous=told.previous, changes=changes)


def cited_articles(value: object) -> set[int]:
    """Indexes of the articles whose sentences anything in value cites: digest lines and
    figure rows (whatever holds `refs`), found in nested dataclasses and tuples, so Sources
    lists exactly what the edition cites."""
    found: set[int] = set()
    if isinstance(value, (tuple, list)):
        for item in value:
            found |= cited_articles(item)
    elif is_dataclass(value):
        refs = getattr(value, "refs", None)
        if isinstance(refs, tuple):
            found |= {r.article for r in refs if isinstance(r, SentenceRef)}
        for f in fields(value):
            if f.name != "refs":
                found |= cited_articles(getattr(value, f.name))
    return found


class _Listing:
    """The edition's articles, then those of earlier editions it cites, in the order first
    cited: what a SentenceRef of the edition points into."""

    def __init__(self, articles: list[Article]) -> None:
        self.listed = list(articles)
        self.index = {(a.relpath, a.sha256): i for i, a in enumerate(articles)}

    def place(self, article: Article, sentence: int) -> SentenceRef:
        key = (article.relpath, article.sha256)
        if key not in self.index:
            self.index[key] = len(self.listed)
            self.listed.append(article)
        return SentenceRef(self.index[key], sentence)


def _last_reported(config: Config, digest: TopicDigest, topic: TopicConfig,
                   earlier: Sequence[Article], listing: _Listing) -> TopicDigest:
    """A measure this edition has no figure for shows the current figure of the earlier
    editions' articles: the reader following a running figure still sees where it stands."""
    def empty(m: MeasureTable) -> bool:
        return m.current is None and not m.rows and not m.breakdown

    if not any(empty(m) for m in digest.measures):
        return digest
    claims = [c for index, article in enumerate(earlier)
              for c in find_claims(article, index, topic.measures,
                                   config.ledger.attribution_verbs)]
    before = {t.name: t.current for t in measure_tables(topic.measures, claims,
                                                        [a.published for a in earlier])}

    def place(ref: SentenceRef) -> SentenceRef:
        return listing.place(earlier[ref.article], ref.sentence)

    measures = []
    for m in digest.measures:
        row = before.get(m.name)
        if empty(m) and row is not None:
            row = replace(row, refs=tuple(place(r) for r in row.refs),
                          claim=replace(row.claim, ref=place(row.claim.ref)))
            m = replace(m, earlier=row)
        measures.append(m)
    return replace(digest, measures=tuple(measures))


def _place_timeline(timeline: Timeline | None, listing: _Listing
                    ) -> tuple[TimelineEntry, ...]:
    """The timeline with its refs pointing into the edition's listing, which gains the
    articles of earlier editions it cites."""
    if timeline is None:
        return ()

    def place(ref: SentenceRef) -> SentenceRef:
        return listing.place(timeline.articles[ref.article], ref.sentence)

    entries = tuple(replace(e, items=tuple(
        replace(item, refs=tuple(place(r) for r in item.refs),
                shown=tuple(place(r) for r in item.shown)) for item in e.items),
        figures=tuple(replace(f, now=replace(
            f.now, refs=tuple(place(r) for r in f.now.refs),
            claim=replace(f.now.claim, ref=place(f.now.claim.ref)))) for f in e.figures))
        for e in timeline.entries)
    return entries


def _overview(config: Config, corpus: Corpus, fits: TopicFit, told: Told,
              names: frozenset[str]) -> list[DigestItem]:
    """The few lines that best sum up the edition: the concept-coverage summary (the same
    summarizer benchmarks/duc2004.py measures) over sentences a newcomer understands alone
    (lines.stands_alone), each claim once, in reading order (overview_order); after a first
    edition, what is new to a reader of the earlier ones (benchmarks/duc2007_update.py)."""
    limits = config.digest
    shortest = max(limits.min_sentence_words, OVERVIEW_MIN_WORDS)
    relevance = np.sum(fits.about, axis=0) if fits.about else np.zeros(len(corpus.refs))
    # The rules of a line that stands alone are the costly part, so they are asked of the
    # best-ranked sentences only, until MAX_CANDIDATES pass (the same candidates as asking
    # every sentence, then keeping the best).
    rows: list[int] = []
    for row in best_first(corpus.centrality, relevance):
        if len(rows) == MAX_CANDIDATES:
            break
        text = corpus.texts[row]
        if not shortest <= len(text.split()) <= limits.max_sentence_words \
                or not stands_alone(text, names):
            continue
        if corpus.voiced(corpus.refs[row].article) and not attributed(text):
            continue  # a column's or an interview's own words: its writer's view
        rows.append(row)
    allowed = {corpus.refs[row] for row in set(rows) - told_thinner(corpus, rows)}
    docs = [[s.text for s in article.sentences] for article in corpus.articles]
    only = {(r.article, r.sentence) for r in allowed}
    def counts(present: set[str]) -> tuple[Counter[str], Counter[str]]:
        return words.concept_counts(corpus.article_words, present)

    if told.previous is None:
        picked = summarize(docs, word_budget=limits.overview_words, min_words=0, only=only,
                           counts=counts)
    else:
        picked = whats_new(docs, told.lines, word_budget=limits.overview_words, min_words=0,
                           only=only, counts=counts)
    lines: list[Line] = []
    for cand in overview_order(corpus, [SentenceRef(c.doc, c.index) for c in picked]):
        text = next(c.text for c in picked if (c.doc, c.index) == (cand.article, cand.sentence))
        row = corpus.row_of[cand]
        if lines and restates(corpus, row, [x.row for x in lines]):
            continue  # the summary's words differ, but the claim is one already shown
        lines.append(Line(cand, text, row, len(text.split()), frozenset({cand})))
    return [with_citations(corpus, line, limits.duplicate_similarity) for line in lines]


def best_first(centrality: np.ndarray, relevance: np.ndarray) -> Iterator[int]:
    """Rows by centrality, raised a fifth for each topic the sentence is about; ties in row
    order. What sorted() of (-score, row) pairs gives, without a Python pair for each of
    the edition's sentences (200,000 at 10,000 articles)."""
    score = -centrality * (1 + 0.2 * np.trunc(relevance))
    return map(int, np.argsort(score, kind="stable"))


def told_thinner(corpus: Corpus, rows: list[int]) -> set[int]:
    """Rows whose claim another row of the same article tells with more names: a deck
    ("Conservative party claims to have preliminary agreement with socialists…") that the
    body says again in full ("The New Democracy conservatives… struck a preliminary agreement
    with the socialists PASOK…"). A newcomer needs to know who; the fuller telling stays."""
    by_article: dict[int, list[int]] = {}
    for row in rows:
        by_article.setdefault(corpus.refs[row].article, []).append(row)
    thinner: set[int] = set()
    for group in by_article.values():
        if len(group) < 2:
            continue
        overlap = corpus.shared_words(group, group)
        named = [len(named_things(corpus.texts[row])) for row in group]
        for i, j in zip(*np.nonzero(overlap >= SAME_CLAIM), strict=True):
            if named[i] < named[j]:
                thinner.add(group[i])
    return thinner


def overview_order(corpus: Corpus, refs: list[SentenceRef]) -> list[SentenceRef]:
    """Reading order for the overview: what happened, then what followed. When every line's
    article is dated, in date order; otherwise the line closest to what the whole edition
    is about first (the event), then the others (details, reactions, background). Never by
    file name."""
    dates = [corpus.articles[r.article].published for r in refs]

    def centre(ref: SentenceRef) -> float:
        return -float(corpus.centrality[corpus.row_of[ref]])

    if all(dates):
        return sorted(refs, key=lambda r: (corpus.articles[r.article].published, centre(r)))
    return sorted(refs, key=centre)


def select_for_topic(config: Config, topic: TopicConfig, articles: list[Article], budget: int,
                     min_score: float | None = None) -> list[DigestItem]:
    """The topic's digest lines for these articles alone (what benchmarks/aspectnews.py
    measures): the same ranking and selection as the briefing's topic sections."""
    corpus = Corpus(articles)
    matcher = TopicMatcher.build(topic)
    threshold = config.digest.min_topic_score if min_score is None else min_score
    fits = fit_topics(corpus, [topic], [matcher], threshold)
    candidates = rank_for_topic(topic, matcher, corpus, fits.scores[0], fits.about[0],
                                fits.fit[0] if fits.learnt[0] else None)
    return select(config.digest, corpus, candidates, budget, 0)


def _topic_digest(config: Config, topic: TopicConfig, matcher: TopicMatcher, corpus: Corpus,
                  scores: np.ndarray, about: np.ndarray, fit: np.ndarray | None,
                  taken: frozenset[SentenceRef], in_overview: set[SentenceRef],
                  memory: Memory, names: frozenset[str], met: frozenset[str]) -> TopicDigest:
    ranked = sorted(rank_for_topic(topic, matcher, corpus, scores, about, fit),
                    key=lambda c: (-c[0], c[1]))

    def news(rows: list[tuple[float, int]], most: int | None = None) -> list[tuple[float, int]]:
        """A line that only restates what an earlier edition said is not news: asked of the
        best-ranked first, until `most` pass (all select looks at)."""
        out: list[tuple[float, int]] = []
        for candidate in rows:
            if most is not None and len(out) == most:
                break
            if not memory.only_repeats(corpus.texts[candidate[1]]):
                out.append(candidate)
        return out

    candidates = news(ranked, MAX_CANDIDATES)
    budget = topic.sentences if topic.sentences is not None else config.digest.sentences_per_topic
    words = topic.words if topic.words is not None else config.digest.words_per_topic
    items = select(config.digest, corpus, candidates, budget, words, taken, names, met)
    if not items and len(candidates) == MAX_CANDIDATES:
        candidates = news(ranked)  # why nothing was chosen is told from all of them
    claims: list[Claim] = []
    for index, article in enumerate(corpus.articles):
        if topic.measures:
            claims += find_claims(article, index, topic.measures, config.ledger.attribution_verbs)
    covered = not items and any(corpus.refs[row] in in_overview for _, row in candidates)
    return TopicDigest(name=topic.name, description=topic.description, items=tuple(items),
                       measures=measure_tables(topic.measures, claims,
                                               [a.published for a in corpus.articles]),
                       tracks_figures=bool(topic.measures), in_overview=covered,
                       all_told=not items and not covered and len(ranked) > len(candidates))
