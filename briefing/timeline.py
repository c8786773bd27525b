"""The story's timeline: which days mattered, and the sentences that best say what happened."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .analyze.dates import DAY, MONTH, YEAR, DateMention, article_dates
from .analyze.topics import TopicMatcher
from .config import Config, DigestConfig
from .corpus import Corpus
from .known_claims import find_claims  # kept in the state: found once per article
from .ledger import measure_tables
from .lines import (
    POSSESSIVE_RE,
    Line,
    line_at,
    name_ends,
    opening_name,
    says_who,
    stands_without_context,
    surnames,
    with_lead_in,
)
from .models import (
    Article,
    FigureStep,
    LedgerRow,
    SentenceRef,
    TimelineEntry,
    Told,
    ToldDay,
)
from .selection import with_citations


@dataclass(frozen=True)
class TimelineSettings:
    """How dates and sentences are chosen (tuned on half of Timeline17, see README)."""

    # A date's score: articles that name it, plus this much per article published that day.
    published_weight: float = 0.25
    # A sentence describes its date when it names it, or (naming no day) when its article
    # was published on that date or up to this many days after it.
    undated_lag: int = 1
    # Sentences from articles published this many days or more after a date do not describe
    # it (a year: retrospectives still say what happened that day).
    max_report_lag: int = 365
    lead_sentences: int = 5  # undated sentences count only from an article's first few
    # How much an article's later sentences fade against its first when describing a day
    # (1 / (1 + fade x position)): reports put what happened first.
    lead_fade: float = 0.0
    # Longest line a timeline entry shows (words; a day is told in a sentence, not a story).
    max_words: int = 55
    # A sentence that names no day only stands for its article's day: as a day's line it
    # counts for this share of its closeness to what the day's sentences say.
    undated_weight: float = 0.8
    # A line must say who its "he", "her", "their" are (a pronoun with nobody before it
    # reads as mid-story out of context): it comes with the sentence before it when that
    # says who, else it is passed over for the next best.
    self_contained: bool = True
    # A day's score also counts this much for each article that names it `recalled_lag`
    # days or more after it: a day still recalled weeks later mattered.
    recalled_weight: float = 3.0
    recalled_lag: int = 14
    # A day late in the story has had fewer articles after it to recall it: its recalled
    # count is scaled by the story's articles over those published late enough to recall
    # it, counting at least this share of the story (1.0: no scaling).
    recalled_floor: float = 0.1


# A day before the story began shows only when this share of the articles name it: the
# story is about it ("the 2004 tsunami"), it is not a passing mention.
BACKGROUND_SHARE = 0.25
OPENING_BONUS = 0.5  # less than one more article naming a period


@dataclass(frozen=True)
class Timeline:
    """The story so far: entries oldest first, over every article the state knows."""

    entries: tuple[TimelineEntry, ...]
    articles: tuple[Article, ...]  # what the entries' refs point into
    since: dt.date | None = None  # the previous edition: what its timeline lacked is marked


# A period of the timeline: a day, or (in a story told by year and month) a month or year,
# as its first day and its grain. Sorted, a year comes before its months and a month
# before its days.
Period = tuple[dt.date, str]
_GRAIN_ORDER = {YEAR: 0, MONTH: 1, DAY: 2}
# "In 1992 she…", "in March 2008", "during 1985": the period when the clause's event
# happened. "since 2008", "by 2010", "until March" bound a span: they tell no event.
_RELATIVE_RE = re.compile(r"\b(?:who|whom|whose|which)\b", re.IGNORECASE)
_WHEN_BEFORE_RE = re.compile(r"(?:^|\b(?:in|In|during|During)\s+(?:(?:early|late|mid)[\s-]+)?)$")


def period_key(period: Period) -> tuple[dt.date, int]:
    return period[0], _GRAIN_ORDER[period[1]]


@dataclass(frozen=True)
class _Dated:
    ref: SentenceRef
    date: dt.date
    named: bool  # the sentence names the date (else it is the article's publication day)
    alone: bool = True  # the only period the sentence names
    grain: str = DAY
    opens: bool = False  # the sentence opens with it ("In 1992, …")
    # Named in passing: "Tuesday's quake" in a sentence whose own event is another day's
    # ("…agencies Friday pleaded for help for the victims of Tuesday's quake").
    aside: bool = False

    @property
    def period(self) -> Period:
        return self.date, self.grain


def sentence_dates(articles: list[Article], settings: TimelineSettings,
                   coarse: bool = False) -> list[_Dated]:
    """The day each sentence speaks of, where one can be told; with `coarse`, also the
    month or year a sentence tells something happened in ("In 1992 she…")."""
    out: list[_Dated] = []
    for index, article in enumerate(articles):
        found = article.dates if article.dates is not None else article_dates(
            [(s.paragraph, s.text) for s in article.sentences], article.published)
        for sentence, mentions in zip(article.sentences, found, strict=True):
            ref = SentenceRef(index, sentence.index)
            told = [m for m in mentions if m.granularity == DAY
                    or (coarse and _tells_when(sentence.text, m))]
            if told:
                distinct = len({m.key for m in told}) == 1
                asides = {m.key for m in told if _possessive(sentence.text, m)}
                event = {m.key for m in told} - asides
                seen: set[tuple[dt.date, str]] = set()
                for m in told:
                    if m.key not in seen:
                        seen.add(m.key)
                        out.append(_Dated(ref, m.date, True, distinct, m.granularity,
                                          _opens_with(sentence.text, m),
                                          bool(event) and m.key in asides))
            elif (article.published is not None and not mentions
                  and sentence.index < settings.lead_sentences):
                out.append(_Dated(ref, article.published, False))
    return out


def _tells_when(text: str, mention: DateMention) -> bool:
    """A month or year the sentence places its event in: written after "in" or "during",
    or opening the sentence ("In 1992 she married…", "in March 2008"); not "since 2008",
    nor in a clause about someone in passing ("the strategist who worked for McCain in
    2000, said…")."""
    before = text[:mention.start]
    return (mention.granularity != DAY and bool(_WHEN_BEFORE_RE.search(before))
            and not _RELATIVE_RE.search(re.split(r"[,;:(—–]", before)[-1]))


def _possessive(text: str, mention: DateMention) -> bool:
    """The day qualifies a noun ("Tuesday's quake", "last week's vote"): it says which
    event, not when the sentence's own one happened."""
    return re.search(r"['’]s?$", mention.text) is not None or re.match(
        r"\s?['’]s\b", text[mention.end:]) is not None


def _opens_with(text: str, mention: DateMention) -> bool:
    """The sentence opens with the period: it is about it ("In 1996, Mrs. Obama joined…")."""
    return re.fullmatch(r"\W*(?:in|during)?\s*", text[:mention.start], re.IGNORECASE) is not None


def build_timeline(articles: list[Article], limits: DigestConfig, dates: int, per_date: int,
                   relevant: Callable[[str], bool] | None = None,
                   start: dt.date | None = None, end: dt.date | None = None,
                   settings: TimelineSettings | None = None,
                   story_start: dt.date | None = None,
                   coarse: bool = False) -> list[TimelineEntry]:
    """The `dates` days the articles speak of most, oldest first, each with up to `per_date`
    lines that best describe it; only days from `start` to `end` (both optional), and days
    before `story_start` only when a quarter of the articles name them. With a
    `story_start`, or in a story told by day whose pages are mostly undated, a day before
    the first dated article is an event of the story only when two articles name it or a
    sentence is about it (names no other day): a day mentioned once in passing ("On 26
    February a 5.2 quake; two days ago a 7.2; yesterday four more") is background, and the
    sentence that mentions it is no line for the other days it names.

    With `coarse` (a story without publication dates), a month or year a sentence places
    its event in ("In 1992 she…") is a period of its own beside the days, when the story
    is told by year and month (such as a life: at least half the dates its sentences name
    are months and years), not by day.

    `relevant` keeps a sentence in play (e.g. it names one of the story's terms). Articles
    are indexed as given: the refs of the items point into `articles`."""
    settings = settings or TimelineSettings()
    dated = [d for d in sentence_dates(articles, settings, coarse)
             if (start is None or d.date >= start) and (end is None or d.date <= end)]
    scores = _date_scores(articles, dated, settings)
    by_day = story_start is not None  # a report of events, told by day
    passing: set[SentenceRef] = set()  # sentences that are no line of this story
    if coarse:
        named = [d for d in dated if d.named]
        if 2 * sum(d.grain != DAY for d in named) < len(named):
            # Told by day (a report of events): a year or month is background ("the
            # largest was in 1923"), not the story's.
            scores = {p: v for p, v in scores.items() if p[1] == DAY}
            by_day = True
        else:
            # Told by year (a life): a period a sentence opens with ("In 1996, …") is what
            # that sentence is about, ahead of one named in passing as often.
            for p in {d.period for d in dated if d.opens}:
                scores[p] += OPENING_BONUS
            # Whose life: the name on at least half the pages. A sentence that opens with
            # someone else's full name ("Hillary Clinton made a solo trip to China in
            # 1995") tells that person's year, not the story's.
            subject = _subject(articles)
            if subject is not None:
                for d in dated:
                    name = opening_name(articles[d.ref.article].sentences[d.ref.sentence].text)
                    if name is not None and POSSESSIVE_RE.sub("", name[-1]) != subject:
                        passing.add(d.ref)
    naming = _naming(dated)
    if story_start is not None:
        least = BACKGROUND_SHARE * len(articles)
        scores = {p: v for p, v in scores.items()
                  if p[0] >= story_start or len(naming.get(p, ())) >= least}
    if by_day:
        # Also in a story most of whose pages carry no date: its dated ones say when it
        # was being reported.
        first = min((a.published for a in articles if a.published is not None), default=None)
        told_alone = {d.period for d in dated if d.named and d.alone}
        # Only pages whose date is known tell that a day is past (an undated page may be
        # as old as the day it names).
        cut = {p for p in scores if first is not None and p[0] < first
               and len(naming.get(p, ())) < 2 and p not in told_alone
               and all(articles[i].published is not None for i in naming.get(p, ()))}
        scores = {p: v for p, v in scores.items() if p not in cut}
        # A sentence that names such a day looks back over the story's past in passing
        # ("On 26 February a 5.2 quake; two days ago a 7.2; yesterday four more"): it is
        # no line for the other days it names either.
        passing |= {d.ref for d in dated if d.period in cut}
    # Best first, with spares: a day none of whose sentences can stand as a line gives its
    # place to the next.
    ranked = sorted(scores, key=lambda p: (-scores[p], period_key(p)))[:2 * dates + 5]
    keep = set(ranked)
    by_date: dict[Period, list[SentenceRef]] = defaultdict(list)
    undated: set[tuple[Period, SentenceRef]] = set()

    for d in dated:
        if d.period not in keep:
            continue
        text = articles[d.ref.article].sentences[d.ref.sentence].text
        if (relevant is not None and not relevant(text)) or d.ref in passing or d.aside:
            continue
        published = articles[d.ref.article].published
        lag = (published - d.date).days if published else 0
        background = (story_start is not None and d.date < story_start) or d.grain != DAY
        if d.named and (lag < 0 or (lag >= settings.max_report_lag and not background)):
            continue  # a plan, or a late look back at a day of the story
        if not d.named and not 0 <= lag <= settings.undated_lag:
            continue
        by_date[d.period].append(d.ref)

        if not d.named:
            undated.add((d.period, d.ref))
    # Only the candidates are vectorized: a 1,000-article story stays a matter of seconds.
    corpus = Corpus(articles, only={r for refs in by_date.values() for r in refs})
    entries: list[TimelineEntry] = []
    taken: list[int] = []
    shown: set[SentenceRef] = set(passing)  # nor brought along by a line leaning on it
    # The chosen days are described oldest first (a later day's line must not say again
    # what an earlier one said); the spares after them, best first.
    for day in sorted(ranked[:dates], key=period_key) + ranked[dates:]:
        if len(entries) >= dates:
            break
        rows = [corpus.row_of[r] for r in by_date.get(day, [])]
        weight = {corpus.row_of[r]: settings.undated_weight for r in by_date.get(day, [])
                  if (day, r) in undated}
        picked = _describe(corpus, replace(limits, max_sentence_words=settings.max_words),
                           rows, per_date, taken, shown, settings, weight)
        if not picked:
            continue
        taken += [p.row for p in picked]
        shown.update(r for p in picked for r in p.covers)
        items = tuple(with_citations(corpus, line, limits.duplicate_similarity)
                      for line in picked)
        entries.append(TimelineEntry(day[0], items, len({corpus.refs[r].article for r in rows}),
                                     grain=day[1]))
    return sorted(entries, key=lambda e: period_key((e.date, e.grain)))


def _date_scores(articles: list[Article], dated: list[_Dated],
                 settings: TimelineSettings) -> dict[Period, float]:
    """How much each day matters: how many articles name it, and how many appeared on it
    (only days some sentence speaks of are in play)."""
    naming = _naming(dated)
    published = Counter((a.published, DAY) for a in articles if a.published is not None)
    scores = {p: len(naming.get(p, ())) + settings.published_weight * published[p]
              for p in {d.period for d in dated}}
    days = sorted(a.published for a in articles if a.published is not None)
    for p, names in naming.items():
        late = p[0] + dt.timedelta(days=settings.recalled_lag)
        recalled = [i for i in names if (articles[i].published or dt.date.min) >= late]
        # Of a story's 100 articles, 3 of the 10 published after a late day recalling it
        # say as much as 30 of 100 would of an early one.
        could = max(len(days) - bisect.bisect_left(days, late),
                    settings.recalled_floor * len(days))
        share = len(days) / could if could else 1.0
        scores[p] += settings.recalled_weight * len(recalled) * share
    return scores


def _subject(articles: list[Article]) -> str | None:
    """The surname at least half the pages name (a life's "Obama"), if one is; of names
    on as many pages, the one more sentences name; none if that too is a tie (the choice
    must not follow the order of a set, which changes from run to run)."""
    # A name on half the pages ends a name on half of them: only such names are asked
    # about as surnames (which reads every word of a page).
    texts = [[s.text for s in a.sentences] for a in articles]
    ends = [a.names if a.names is not None else name_ends(t)  # kept when the page was read
            for a, t in zip(articles, texts, strict=True)]
    often = Counter(name for e in ends for name in e)
    wanted = frozenset(name for name, count in often.items() if 2 * count >= len(articles))
    pages = Counter(name for t, e in zip(texts, ends, strict=True) if e & wanted
                    for name in surnames(t, e & wanted))
    if not pages:
        return None
    most = max(pages.values())
    if 2 * most < len(articles):
        return None
    tied = sorted(name for name, count in pages.items() if count == most)
    if len(tied) == 1:
        return tied[0]
    said = {name: sum(1 for a in articles for s in a.sentences
                      if re.search(rf"\b{re.escape(name)}\b", s.text)) for name in tied}
    best = max(said.values())
    leaders = [name for name in tied if said[name] == best]
    return leaders[0] if len(leaders) == 1 else None


def _naming(dated: list[_Dated]) -> dict[Period, set[int]]:
    """The articles that name each period."""
    naming: dict[Period, set[int]] = defaultdict(set)
    for d in dated:
        if d.named:
            naming[d.period].add(d.ref.article)
    return naming


def _describe(corpus: Corpus, limits: DigestConfig, rows: list[int], per_date: int,
              taken: list[int], shown: set[SentenceRef], settings: TimelineSettings,
              weight: dict[int, float]) -> list[Line]:
    """The lines that together come closest to what the day's sentences say (their TF-IDF
    centroid): each next line is the one that brings the day's lines so far closest to it,
    so a second line tells what the first left out rather than the first again (Gholipour
    Ghalandari 2017's centroid optimisation). Never two lines that say the same, nor one
    already in the timeline: not its sentence, nor one that shows a sentence another day
    shows (a leaning sentence comes with the one before it, which may be another day's
    line)."""
    if not rows or corpus.matrix is None:
        return []
    rows = sorted(set(rows))
    vectors = corpus.matrix[rows]
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    centroid /= np.linalg.norm(centroid) or 1.0
    closeness = np.asarray(vectors @ centroid).ravel()
    factor = np.array([weight.get(r, 1.0) for r in rows])
    factor /= 1.0 + settings.lead_fade * np.array([corpus.refs[r].sentence for r in rows])
    threshold = limits.duplicate_similarity * 0.7
    summary = np.zeros_like(centroid)  # the sum of the picked lines' (unit) vectors
    passed: set[int] = set()  # rows that cannot be a line here
    picked: list[Line] = []
    while len(picked) < per_date:
        # cos(summary + v, centroid) for every candidate v, from dot products alone.
        norms = np.sqrt(np.maximum(summary @ summary + 2 * (vectors @ summary) + 1.0, 1e-12))
        gain = (summary @ centroid + closeness) / norms * factor
        line = None
        for i in np.argsort(-gain, kind="stable"):
            if int(i) in passed:
                continue
            passed.add(int(i))
            line = _usable(corpus, limits, rows[int(i)], taken, shown, picked, settings,
                           threshold)
            if line is not None:
                summary = summary + vectors[int(i)].toarray().ravel()
                break
        if line is None:
            break
        picked.append(line)
    return picked


def _usable(corpus: Corpus, limits: DigestConfig, row: int, taken: list[int],
            shown: set[SentenceRef], picked: list[Line], settings: TimelineSettings,
            threshold: float) -> Line | None:
    """The sentence at `row` as a line of this day, or None: it cannot stand as a line,
    shows a sentence already shown, or says what a line already taken says."""
    line = line_at(limits, corpus, row)
    if line is None or line.covers & shown or any(line.covers & p.covers for p in picked):
        return None
    if settings.self_contained and not _stands(corpus, line):
        line = with_lead_in(limits, corpus, line.row) if len(line.covers) == 1 else None
        if (line is None or not _stands(corpus, line) or line.covers & shown
                or any(line.covers & p.covers for p in picked)):
            return None
    against = taken + [p.row for p in picked]
    if against and corpus.similarity([line.row], against).max() >= threshold:
        return None
    return line


def _stands(corpus: Corpus, line: Line) -> bool:
    """A reader who joins here understands the line: it says who and what it speaks of, or
    it is a sentence with the one before it that does."""
    if len(line.covers) == 1:
        return stands_without_context(line.text)
    lead = corpus.articles[line.ref.article].sentences[line.ref.sentence - 1].text
    return stands_without_context(lead) and says_who(line.text)


def refs_of(entries: list[TimelineEntry]) -> frozenset[SentenceRef]:
    """Every sentence the timeline shows or cites."""
    return frozenset(r for e in entries for item in e.items for r in (*item.refs, *item.shown))


def story_timeline(config: Config, story: list[Article], date: dt.date,
                   told: Told | None = None) -> Timeline:
    """The edition's timeline: the story's days up to `date` from every article in `story`
    (all the state knows), marking what the previous edition's timeline (`told`) did not
    show: its days, and new lines under days it had."""
    entries = _story_entries(config, story, date)
    since = None
    if told is not None and told.timeline is not None:
        since = told.previous
        entries = marked(entries, told.timeline)
    return Timeline(tuple(entries), tuple(order_story(story)), since)


def marked(entries: list[TimelineEntry], before: tuple[ToldDay, ...]) -> list[TimelineEntry]:
    """Entries marked with what they add to the timeline a reader was shown (`before`)."""
    shown = {(day.date, day.grain): {_plain(line) for line in day.lines} for day in before}
    out = []
    for e in entries:
        lines = shown.get((e.date, e.grain))
        if lines is None:
            out.append(replace(e, new=True))
        else:
            out.append(replace(
                e, new_lines=tuple(_plain(i.text) not in lines for i in e.items),
                new_figures=tuple(_plain(f.told) not in lines for f in e.figures)))
    return out


def _plain(text: str) -> str:
    return " ".join(text.split())


def order_story(story: list[Article]) -> list[Article]:
    """Dated articles oldest first, then undated ones; by file name within a day."""
    return sorted(story, key=lambda a: (a.published is None, a.published or dt.date.min,
                                        a.relpath))


def _story_entries(config: Config, story: list[Article], date: dt.date) -> list[TimelineEntry]:
    articles = order_story(story)
    if not articles or config.timeline.entries <= 0:
        return []
    story_start = _story_start(config, articles)
    entries = {(e.date, e.grain): e
               for e in _event_entries(config, articles, date, story_start)}
    for day, steps in figure_steps(config, articles, date).items():
        if (day, DAY) in entries:
            # A first figure whose sentence is the day's line already says nothing more.
            said = refs_of([entries[day, DAY]])
            steps = [f for f in steps if f.before is not None or f.now.claim.ref not in said]
            entries[day, DAY] = replace(entries[day, DAY], figures=tuple(steps))
        elif story_start is None or day >= story_start:
            entries[day, DAY] = TimelineEntry(day, (), 0, figures=tuple(steps))
    return [entries[p] for p in sorted(entries, key=period_key)]


def figure_steps(config: Config, articles: list[Article], end: dt.date
                 ) -> dict[dt.date, list[FigureStep]]:
    """Each tracked figure's history (the ledger's, over the whole story) placed on the days
    its steps were reported: the day the sentence gives, else its article's publication day
    (an undated article's figure has no day: it is left out)."""
    from .render import amount  # a figure as the edition shows it

    out: dict[dt.date, list[FigureStep]] = defaultdict(list)
    for topic in config.topics:
        if not topic.measures:
            continue
        claims = [c for index, article in enumerate(articles)
                  for c in find_claims(article, index, topic.measures,
                                       config.ledger.attribution_verbs)]
        for table in measure_tables(topic.measures, claims, [a.published for a in articles]):
            before = None
            for row in table.history:
                day = _reported_on(row, articles)
                shown = amount(row.claim)
                if day is not None and day <= end:
                    out[day].append(FigureStep(topic.name, table.name, before, row, shown))
                before = shown
    return out


def _reported_on(row: LedgerRow, articles: list[Article]) -> dt.date | None:
    """The day a figure was first reported: the day its first source's sentence names,
    else that source's publication day."""
    first = row.refs[0].article if row.refs else row.claim.ref.article
    published = articles[first].published
    claim = row.claim
    if (claim.ref.article == first and claim.when_grain == DAY and claim.when_date is not None
            and (published is None or claim.when_date <= published)):
        return claim.when_date
    return published


def _story_start(config: Config, articles: list[Article]) -> dt.date | None:
    """The first day of the story: a while before its first article. Unknown (None) when
    most articles carry no date (a story told by year and month, such as a life)."""
    dated = [a.published for a in articles if a.published is not None]
    if dated and 2 * len(dated) >= len(articles):
        return min(dated) - dt.timedelta(days=config.timeline.lookback_days)
    return None


def _event_entries(config: Config, articles: list[Article], date: dt.date,
                   story_start: dt.date | None) -> list[TimelineEntry]:
    matchers = [TopicMatcher.build(t) for t in config.topics]
    least = config.digest.min_topic_score

    def relevant(text: str) -> bool:
        return not matchers or any(m.score(text) >= least for m in matchers)

    return build_timeline(articles, config.digest, config.timeline.entries,
                          config.timeline.sentences_per_entry, relevant=relevant, end=date,
                          story_start=story_start, coarse=story_start is None)
