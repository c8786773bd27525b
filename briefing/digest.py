"""Rank and select sentences per topic, merge what several outlets say, build the Briefing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .analyze.claims import extract_claims
from .analyze.text import analyzer, content_stems
from .analyze.topics import TopicMatcher
from .config import Config, TopicConfig
from .models import (
    Article,
    Briefing,
    Claim,
    DigestItem,
    LedgerRow,
    SentenceRef,
    Skipped,
    SourceEntry,
    TopicDigest,
)
from .summarize import summarize

# Openers that lean on an earlier sentence ("He added", "This warning"): shown only with it.
DANGLING_RE = re.compile(
    r"^[“\"']?(he|she|they|it|its|his|her|their|them|this|that|these|those|such|however|but|and|"
    r"also|nevertheless|nonetheless|moreover|furthermore|still|yet|instead|then|there|here|"
    r"likewise|similarly|so|thus|hence|besides|otherwise|according to (him|her|them))\b",
    re.I)
BACK_REFERENCE_RE = re.compile(r"\b(this|that|these|those|it|such|the same)\b", re.I)
# "stated this during a briefing": a demonstrative standing for something said elsewhere.
BARE_DEMONSTRATIVE_RE = re.compile(
    r"\b\w+(?:ed|s)\s+(?:this|that|these|those)(?:\s+(?:during|at|on|in|to|when|after|before|"
    r"as|because|while)\b|\s*[.,;!?])", re.I)
# "The objective was to…", "The move comes after…": a bare definite noun for an aim or an
# event named in an earlier sentence (which objective? which move?).
REFERRING_NOUN_RE = re.compile(
    r"^the\s+(objective|aim|goal|purpose|intention|reason|result|outcome|move|decision|step|"
    r"visit|trip|meeting|talks|remarks|comments|announcement|development)s?\s+"
    r"(was|is|were|are|came|comes|follows|followed|marks|marked|would|will)\b", re.I)
ATTRIBUTED_RE = re.compile(r"\b(said|says|added|stated|told|according to|wrote|asked|replied)\b")
FIGURE_RE = re.compile(r"\d")
NUMBER_RE = re.compile(r"\d[\d,.]*\d|\d")
# How much similarity to chosen lines costs, against a top score of 1. AspectNews measured
# any soft penalty as a loss (0.7: P@3 0.46 -> 0: 0.50 on geography); near-duplicates are
# still never picked (the hard cut at 0.7 x duplicate_similarity).
MMR_PENALTY = 0.0
LEAD_SENTENCES = 3  # _lead_prior: sentences that count as the article's lead
LENGTH_CAP = 30  # _length_prior: words past which a sentence counts no longer
MAX_CANDIDATES = 300  # per topic: caps every pairwise step so cost stays linear in articles


@dataclass(frozen=True)
class _Unit:
    """A selectable line: one sentence, or a dangling one with the sentence before it."""

    ref: SentenceRef
    text: str
    row: int  # the TF-IDF row of the (last) sentence
    words: int
    covers: frozenset[SentenceRef]  # every sentence the line shows


class Corpus:
    """All sentences of an edition with their TF-IDF vectors and centrality."""

    def __init__(self, articles: list[Article]):
        self.articles = articles
        self.refs = [SentenceRef(a, s.index) for a, art in enumerate(articles)
                     for s in art.sentences]
        self.texts = [articles[r.article].sentences[r.sentence].text for r in self.refs]
        self.row_of = {r: i for i, r in enumerate(self.refs)}
        vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=1)
        self.matrix = vectorizer.fit_transform(self.texts) if self.texts else None
        self.centrality = self._centrality()

    def _centrality(self) -> np.ndarray:
        # Similarity to the edition's centroid: what most articles talk about, in linear time.
        if self.matrix is None or self.matrix.shape[1] == 0:
            return np.zeros(len(self.texts))
        centroid = np.asarray(self.matrix.mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid) or 1.0
        return np.asarray(self.matrix @ (centroid / norm)).ravel()

    def similarity(self, rows_a: list[int], rows_b: list[int]) -> np.ndarray:
        if self.matrix is None or not rows_a or not rows_b:
            return np.zeros((len(rows_a), len(rows_b)))
        return (self.matrix[rows_a] @ self.matrix[rows_b].T).toarray()


def order_articles(articles: list[Article]) -> list[Article]:
    """Reading order and source numbering: dated articles oldest first, then by file name."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or dt.date.min,
                                           a.relpath))


def build_briefing(config: Config, articles: list[Article], date: dt.date,
                   skipped: tuple[Skipped, ...] = ()) -> Briefing:
    """The whole edition: overview, one digest per topic, ledger rows, numbered sources."""
    articles = order_articles(articles)
    corpus = Corpus(articles)
    matchers = [TopicMatcher.build(t) for t in config.topics]
    scores = [[m.score(text) for text in corpus.texts] for m in matchers]
    used: set[SentenceRef] = set()
    overview = _overview(config, corpus, scores, used)
    # Narrow topics choose first, so a broad topic does not take their only sentences.
    order = sorted(range(len(matchers)), key=lambda i: sum(1 for s in scores[i] if s > 0))
    digests: dict[int, TopicDigest] = {}
    in_overview = {ref for item in overview for ref in item.refs}
    for i in order:
        digests[i] = _topic_digest(config, config.topics[i], matchers[i], corpus, scores[i], used,
                                   in_overview)
    return Briefing(
        title=config.title, date=date, overview=tuple(overview),
        topics=tuple(digests[i] for i in range(len(matchers))),
        sources=tuple(SourceEntry(n + 1, a) for n, a in enumerate(articles)),
        citation={i: i + 1 for i in range(len(articles))},
        skipped=skipped, articles_read=len(articles))


def _overview(config: Config, corpus: Corpus, scores: list[list[float]],
              used: set[SentenceRef]) -> list[DigestItem]:
    """The few lines that best sum up the edition: the concept-coverage summary (the same
    summarizer benchmarks/duc2004.py measures) over standalone sentences."""
    limits = config.digest
    ranked = []
    for row in range(len(corpus.refs)):
        text = corpus.texts[row]
        words = len(text.split())
        if _dangling(text) or not limits.min_sentence_words <= words <= limits.max_sentence_words:
            continue
        relevance = sum(1 for s in scores if s[row] >= limits.min_topic_score)
        ranked.append((-corpus.centrality[row] * (1 + 0.2 * relevance), row))
    allowed = {corpus.refs[row] for _, row in sorted(ranked)[:MAX_CANDIDATES]}
    docs = [[s.text for s in article.sentences] for article in corpus.articles]
    exclude = {(r.article, r.sentence) for r in corpus.refs if r not in allowed}
    picked = summarize(docs, word_budget=limits.overview_words, min_words=0, exclude=exclude)
    items = []
    for cand in picked:
        ref = SentenceRef(cand.doc, cand.index)
        unit = _Unit(ref, cand.text, corpus.row_of[ref], len(cand.text.split()),
                     frozenset({ref}))
        used.add(ref)
        items.append(_with_citations(corpus, unit, limits.duplicate_similarity, used))
    return items


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
        figures = 1.5 if topic.figures is not None and FIGURE_RE.search(text) else 1.0
        # 1 + relevance: every candidate already carries the topic's terms; more of them
        # helps, but does not outweigh importance and the priors (AspectNews: 0 + relevance
        # let one extra term beat a fuller lead sentence: lower precision on all four aspects).
        out.append(((0.3 + corpus.centrality[row]) * (1.0 + relevance)
                    * _lead_prior(corpus.refs[row].sentence) * _length_prior(text)
                    * figures, row))
    return out


def _lead_prior(position: int) -> float:
    # The first three sentences of a news article carry its news; later ones fade slowly
    # (half weight by sentence 12), so a late fact still wins on relevance. AspectNews:
    # the annotators' picks drop after sentence 3 on three of four aspects.
    return 1.0 / (1.0 + 0.1 * max(0, position - LEAD_SENTENCES + 1))


def _length_prior(text: str) -> float:
    # Longer sentences carry more facts: in AspectNews, length predicts the annotators'
    # picks on all four aspects. Capped so a run-on sentence gains nothing more.
    return 1.0 + 2.0 * min(len(text.split()), LENGTH_CAP) / LENGTH_CAP


def select_for_topic(config: Config, topic: TopicConfig, articles: list[Article], budget: int,
                     min_score: float | None = None) -> list[DigestItem]:
    """The topic's digest lines for these articles alone (what benchmarks/aspectnews.py
    measures): the same ranking and selection as the briefing's topic sections."""
    corpus = Corpus(articles)
    matcher = TopicMatcher.build(topic)
    scores = [matcher.score(text) for text in corpus.texts]
    threshold = config.digest.min_topic_score if min_score is None else min_score
    candidates = rank_for_topic(topic, matcher, corpus, scores, threshold)
    return _select(config, corpus, candidates, budget, 0, set())


def _topic_digest(config: Config, topic: TopicConfig, matcher: TopicMatcher, corpus: Corpus,
                  scores: list[float], used: set[SentenceRef],
                  in_overview: set[SentenceRef]) -> TopicDigest:
    candidates = rank_for_topic(topic, matcher, corpus, scores, config.digest.min_topic_score)
    budget = topic.sentences if topic.sentences is not None else config.digest.sentences_per_topic
    words = topic.words if topic.words is not None else config.digest.words_per_topic
    items = _select(config, corpus, candidates, budget, words, used)
    claims: list[Claim] = []
    if topic.figures is not None:
        for index, article in enumerate(corpus.articles):
            claims += extract_claims(article, index, topic.figures,
                                     config.ledger.attribution_verbs)
    covered = not items and any(corpus.refs[row] in in_overview for _, row in candidates)
    return TopicDigest(name=topic.name, description=topic.description, items=tuple(items),
                       rows=ledger_rows(claims), tracks_figures=topic.figures is not None,
                       in_overview=covered)


def ledger_rows(claims: list[Claim]) -> tuple[LedgerRow, ...]:
    """One row per distinct claim: the same figure from the same source, reported by
    several outlets, is one row citing them all."""
    rows: dict[tuple, list[Claim]] = {}
    for claim in claims:
        who = re.sub(r"^the\s+", "", (claim.who or "").lower())
        noun = claim.counted.lower().split()[-1] if claim.counted else ""
        key = (claim.value, claim.low, claim.high, claim.kind, noun.rstrip("s"), who)
        rows.setdefault(key, []).append(claim)
    return tuple(LedgerRow(group[0], tuple(c.ref for c in group)) for group in rows.values())


def _unit(config: Config, corpus: Corpus, row: int) -> _Unit | None:
    """The sentence as a line that stands on its own, or None if it cannot."""
    ref = corpus.refs[row]
    text = corpus.texts[row]
    limits = config.digest
    if text.rstrip().endswith("?"):
        return None
    if _dangling(text):
        if ref.sentence == 0:
            return None
        sentences = corpus.articles[ref.article].sentences
        before = sentences[ref.sentence - 1]
        prev = before.text
        # Only the sentence right before, in the same paragraph, is surely what it refers to.
        if (before.paragraph != sentences[ref.sentence].paragraph or _dangling(prev)
                or prev.rstrip().endswith("?")):
            return None
        text = f"{prev} {text}"
        covers = frozenset({ref, SentenceRef(ref.article, ref.sentence - 1)})
    else:
        covers = frozenset({ref})
    words = len(text.split())
    if words < limits.min_sentence_words or words > limits.max_sentence_words:
        return None
    return _Unit(ref, text, row, words, covers)


def _dangling(text: str) -> bool:
    if (DANGLING_RE.match(text) or BARE_DEMONSTRATIVE_RE.search(text)
            or REFERRING_NOUN_RE.match(text)):
        return True
    # "Prior to this, ...", "Against this backdrop, ...": an opening phrase pointing back.
    opening = text.split(",", 1)[0] if "," in text else ""
    if opening and len(opening.split()) <= 5 and BACK_REFERENCE_RE.search(opening):
        return True
    # A bare quotation with nobody named as its speaker.
    return text[:1] in "“\"" and not ATTRIBUTED_RE.search(text)


def _select(config: Config, corpus: Corpus, candidates: list[tuple[float, int]], budget: int,
            word_budget: int, used: set[SentenceRef]) -> list[DigestItem]:
    """Maximal marginal relevance: each pick trades its score against its similarity to
    the lines already chosen, so the digest covers several facts rather than one fact
    several times. Lines too close to a chosen one are never picked.

    A near-duplicate from another article adds its citation to the chosen line, so a fact
    several outlets report shows once and cites them all.
    """
    threshold = config.digest.duplicate_similarity
    ranked = sorted(candidates, key=lambda c: (-c[0], c[1]))[:MAX_CANDIDATES]
    units = [u for u in (_unit(config, corpus, row) for _, row in ranked)
             if u is not None and not u.covers & used]
    if not units:
        return []
    score = {row: sc for sc, row in ranked}
    top = max(score[u.row] for u in units) or 1.0
    sims = corpus.similarity([u.row for u in units], [u.row for u in units])
    redundancy = np.zeros(len(units))
    chosen: list[int] = []
    total = 0
    while len(chosen) < budget:
        best, best_value = None, -np.inf
        for i, unit in enumerate(units):
            if i in chosen or any(unit.covers & units[j].covers for j in chosen):
                continue
            if chosen and redundancy[i] >= threshold * 0.7:
                continue  # says much the same as a line already chosen
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
    picked = [units[i] for i in chosen]
    for unit in picked:
        used.update(unit.covers)
    return [_with_citations(corpus, u, threshold, used) for u in _reading_order(corpus, picked)]


def _with_citations(corpus: Corpus, unit: _Unit, threshold: float,
                    used: set[SentenceRef]) -> DigestItem:
    sims = corpus.similarity([unit.row], list(range(len(corpus.refs))))[0]
    refs = [unit.ref]
    seen_articles = {unit.ref.article}
    for row in np.argsort(-sims, kind="stable"):
        if sims[row] < threshold:
            break
        ref = corpus.refs[int(row)]
        if ref.article not in seen_articles and says_as_much(corpus.texts[int(row)], unit.text):
            refs.append(ref)
            seen_articles.add(ref.article)
            used.add(ref)
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


def _reading_order(corpus: Corpus, units: list[_Unit]) -> list[_Unit]:
    # Articles are already in date order, so article index then position reads in time order.
    return sorted(units, key=lambda u: (u.ref.article, u.ref.sentence))
