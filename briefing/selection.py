"""Choose a digest's lines under a budget, and cite every outlet that says the same."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from .analyze.attribution import speaker, verb_pattern
from .analyze.text import SENTENCE_CACHE, STOPWORDS, content_stems, tokens
from .config import DigestConfig
from .corpus import Corpus
from .lines import Line, full_names, line_at, surname_references
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
# Within one article the bar is lower: a body sentence sharing this much with the lead (or
# another sentence of its article) details the same fact. From another article, a line
# sharing ECHO_WORDS of the rarer words and ECHO_COSINE of the weighted terms says it again
# ("upgraded the magnitude" / "revised their calculations regarding the magnitude", both the
# USGS). Read on the dev stories' line pairs: restatements 0.30-0.44 within an article,
# different claims 0.25-0.33; across articles, different claims sharing 0.35+ of the rarer
# words had cosine under 0.18.
SAME_ARTICLE_CLAIM = 0.3
ECHO_WORDS = 0.35
ECHO_COSINE = 0.2
# Paraphrases share few words but an anchor (see anchored): the same named speaker
# reported twice, or rare phrases of what was done. With an anchor, ANCHORED of the rarer
# words make the same claim. Read on the dev stories' line pairs (tests/data/claims.tsv):
# anchored restatements 0.197-0.41; different claims of one speaker 0.14 and 0.181 (Kan
# on the budget and on reconstruction: a thin margin).
ANCHORED = 0.19
RARE_PHRASE = 3  # a pair of adjacent content words in at most this many of the edition's sentences
SPEECH_VERBS = verb_pattern(("say", "tell", "announce", "add", "state", "warn"))


def select(limits: DigestConfig, corpus: Corpus, candidates: list[tuple[float, int]],
           budget: int, word_budget: int,
           taken: frozenset[SentenceRef] = frozenset(), names: frozenset[str] = frozenset(),
           met: frozenset[str] = frozenset()) -> list[DigestItem]:
    """Maximal marginal relevance: each pick trades its score against its similarity to
    the lines already chosen, so the digest covers several facts rather than one fact
    several times. Lines too close to a chosen one are never picked, nor lines that show
    a sentence in `taken` (already shown or cited elsewhere in the edition), nor lines
    that say what a line shown elsewhere says: one claim appears once in the briefing.
    A line that calls someone by surname alone ("Mr Papoulias", "Kan said") is taken only
    once the reader has met the full name: in `met` (the overview's) or in a line chosen
    before it; `names` are the edition's surnames (lines.surnames).

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
    overlaps_units = corpus.shared_words([u.row for u in units], [u.row for u in units])
    shown = sorted(corpus.row_of[r] for r in taken if r in corpus.row_of)
    redundancy = np.zeros(len(units))
    said = np.zeros(len(units), dtype=bool)  # a line elsewhere in the briefing says it
    if shown:
        rows = [u.row for u in units]
        # One product for all candidates, not one per candidate (the same numbers).
        cosines = corpus.similarity(rows, shown)
        overlaps = corpus.shared_words(rows, shown)
        redundancy = cosines.max(axis=1)
        said = np.array([restates(corpus, row, shown, overlap=overlaps[i], cosine=cosines[i])
                         for i, row in enumerate(rows)], dtype=bool)
    needs = [surname_references(u.text, names) for u in units]
    known = set(met)
    chosen: list[int] = []
    total = 0
    while len(chosen) < budget:
        best, best_value = None, -np.inf
        for i, unit in enumerate(units):
            if i in chosen or any(unit.covers & units[j].covers for j in chosen):
                continue
            if redundancy[i] >= threshold * 0.7 or said[i]:
                continue  # says much the same as a line already chosen or shown
            if chosen and restates(corpus, unit.row, [units[j].row for j in chosen],
                                   within_article=False, overlap=overlaps_units[i, chosen],
                                   cosine=sims[i, chosen]):
                # The same claim as a line of this section, in other words. Within one
                # article's lines, a detail of the lead is news here (AspectNews: the
                # lower bar cost P@3 on three of four aspects).
                continue
            if word_budget and chosen and total + unit.words > word_budget:
                continue
            if needs[i] - known:
                continue  # a surname the reader has not met yet
            value = score[unit.row] / top - MMR_PENALTY * redundancy[i]
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(best)
        total += units[best].words
        known |= full_names(units[best].text)
        redundancy = np.maximum(redundancy, sims[best])
    picked = sorted((units[i] for i in chosen), key=lambda u: (u.ref.article, u.ref.sentence))
    # Articles are in date order, so article index then position reads in time order.
    return [with_citations(corpus, u, threshold) for u in picked]


def with_citations(corpus: Corpus, unit: Line, threshold: float) -> DigestItem:
    """The line as a digest item citing every other article that says as much."""
    sims = corpus.similarity_to_all(unit.row)
    refs = [unit.ref]
    seen_articles = {unit.ref.article}
    for row in at_least(sims, threshold):
        ref = corpus.refs[int(row)]
        if ref.article not in seen_articles and says_as_much(corpus.texts[int(row)], unit.text):
            refs.append(ref)
            seen_articles.add(ref.article)
    return DigestItem(text=unit.text, refs=tuple(refs), shown=tuple(sorted(
        unit.covers, key=lambda r: r.sentence)))


def at_least(values: np.ndarray, threshold: float) -> np.ndarray:
    """The indexes of values at threshold or above, highest first, ties in index order: a
    sort of those few, not of an edition's 200,000 rows for each line."""
    near = np.flatnonzero(values >= threshold)
    return near[np.argsort(-values[near], kind="stable")]


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


def restates(corpus: Corpus, row: int, shown: list[int], within_article: bool = True,
             overlap: np.ndarray | None = None, cosine: np.ndarray | None = None) -> bool:
    """True if the sentence at `row` restates one of the `shown` rows: it shares most of its
    rarer words (Corpus.shared_words); or, from the same article, a good part of them (an
    article's body details what its lead said: "pressure has exceeded normal levels" and
    "pressure … much higher than normal"); or, from another article, a good part of its
    rarer words and of its weighted terms (TF-IDF cosine) both. Below SAME_CLAIM the line
    must add no figure of its own ("dropped again, to 17 percent" after "kept falling" is
    news; a year is not a figure). Either way the two must share a word in lower case
    (_common_words). If both give numbers, they must share at least one ("40 ships" at one
    port and "15 ships" at another are two claims; "129 seats" and "30 per cent" after "30
    percent and 128 seats" is the same one, updated). within_article=False keeps the lower
    bar to lines of other articles. `overlap` and `cosine`: the row's shared_words and
    similarity to `shown`, if known."""
    if not shown:
        return False
    if overlap is None:
        overlap = corpus.shared_words([row], shown)[0]
    if cosine is None:
        cosine = corpus.similarity([row], shown)[0]
    article = corpus.refs[row].article
    numbers = set(NUMBER_RE.findall(corpus.texts[row]))
    for k, other in enumerate(shown):
        if corpus.refs[other].article == article:
            lower_bar = within_article and overlap[k] >= SAME_ARTICLE_CLAIM
        else:
            lower_bar = overlap[k] >= ECHO_WORDS and cosine[k] >= ECHO_COSINE
        if (not lower_bar and overlap[k] >= ANCHORED
                and (within_article or corpus.refs[other].article != article)):
            # Within one article's lines of a section, a line with the lead's speaker is
            # news (AspectNews: the anchors there cost P@3 on two of four aspects).
            lower_bar = anchored(corpus, row, other)
        theirs = set(NUMBER_RE.findall(corpus.texts[other]))
        if not (overlap[k] >= SAME_CLAIM
                or (lower_bar and not _figures(numbers - theirs))):  # a figure is news
            continue
        if not _common_words(corpus.texts[row]) & _common_words(corpus.texts[other]):
            continue  # the same people, not the same claim
        if not (_figures(numbers) and _figures(theirs) and not numbers & theirs):
            return True
    return False


def anchored(corpus: Corpus, a: int, b: int) -> bool:
    """True if two lines share an anchor of one claim: the same named speaker, reported
    rather than quoted ("President Nicos Anastasiades said" the cabinet would approve the
    rules, "the president said" Cyprus will relax them; two quotations of one speaker are
    two claims), or two rare phrases of what is done (adjacent content words in lower case,
    not amounts: "forced to wind down one major bank"), the lines attributed to no one or
    to the same speaker. Topic phrases with a name ("Greek debt") anchor nothing, nor one
    shared phrase ("the formation of a government" one side calls for, another welcomes),
    nor "million euros"."""
    text_a, text_b = corpus.texts[a], corpus.texts[b]
    said_a, said_b = _speaker_words(text_a), _speaker_words(text_b)
    # The same speaker: the two phrases share a word one of them writes as a name ("the
    # president" and "President Nicos Anastasiades"; not "farmers" and "Farmers in Arden").
    same_speaker = bool(said_a and said_b and said_a[1] & said_b[1] & (said_a[0] | said_b[0]))
    if same_speaker and not (QUOTATION_RE.search(text_a) or QUOTATION_RE.search(text_b)):
        return True
    if (said_a or said_b) and not same_speaker:
        return False
    shared = corpus.rare_phrases(a, RARE_PHRASE) & corpus.rare_phrases(b, RARE_PHRASE)
    return len({p for p in shared if not set(p.split()) & AMOUNT_WORDS}) >= 2


# A quotation of four words or more: the speaker's own words, one claim of several.
QUOTATION_RE = re.compile(r'[“"](?:[^”"\s]+\s+){3,}[^”"]*[”"]?')
AMOUNT_WORDS = frozenset({"hundr", "thousand", "million", "billion", "trillion", "percent", "per",
                          "cent", "euro", "dollar", "pound", "yen", "bn", "m"})


@lru_cache(maxsize=SENTENCE_CACHE)
def _speaker_words(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """Who a line quotes: the words of the phrase that are names (capitalised, not as the
    sentence's first word alone) and all its words, in lower case. "In … Limassol, President
    Nicos Anastasiades said" -> ({president, nicos, anastasiades}, the same); "Farmers in
    the lower valley say" -> ({}, {farmers, lower, valley}); None for pronouns ("he said")."""
    found = speaker(text, SPEECH_VERBS)
    if found is None or found.pronoun:
        return None
    opening = text.lstrip("“\"'‘ ").startswith(found.text)
    words = [re.sub(r"['’]s?$", "", w) for w in re.findall(r"[^\W\d_][\w'’-]*", found.text)]
    words = [w for w in words if w.lower() not in STOPWORDS]
    # A sentence's first word is a name only before another one ("President Anastasiades").
    names = {w.lower() for i, w in enumerate(words) if w[0].isupper() and not (
        opening and i == 0 and not (len(words) > 1 and words[1][0].isupper()))}
    return frozenset(names), frozenset(w.lower() for w in words)


YEAR_RE = re.compile(r"(?:1[5-9]|20)\d\d")


def _figures(numbers: set[str]) -> set[str]:
    """The numbers that are quantities: a year ("since 1900", "the 1930s") dates a claim
    rather than adding a figure to it."""
    return {n for n in numbers if not YEAR_RE.fullmatch(n)}


def _common_words(text: str) -> set[str]:
    """Stems of the words written in lower case: what is done or said, not who does it.
    Two lines that share only names ("President Obama", "Barack H. Obama … President of
    the United States") are about the same people, not the same claim."""
    return {t.stem for t in tokens(text) if t.form[:1].islower() and t.form not in STOPWORDS
            and len(t.form) > 2}


def shown_refs(items: list[DigestItem] | tuple[DigestItem, ...]) -> frozenset[SentenceRef]:
    """Every sentence the items show or cite: what later sections must not use again."""
    return frozenset(r for item in items for r in (*item.refs, *item.shown))
