"""Multi-document extractive summary by concept coverage (Gillick & Favre 2009), solved exactly.

Concepts are stemmed word bigrams; a concept's weight is the number of documents that use it.
The summary is the set of sentences, within a word budget, that covers the most concept
weight. Each concept counts once however many chosen sentences hold it, so redundancy costs
budget and earns nothing. Solved exactly by branch and bound (coverage.py), which is the
optimum of Gillick & Favre's integer program without an integer-programming solver.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from .analyze.text import STOPWORDS, tokens
from .coverage import Coverage, solve

# The concepts asked about -> (documents using each, documents using it in their first
# sentence): what document_counts answers.
DocumentCounts = Callable[[set[str]], tuple[Counter[str], Counter[str]]]
QUOTE_OPEN_RE = re.compile(r"^[“\"']")


@dataclass(frozen=True)
class Candidate:
    """A sentence the summarizer may pick: which document, which position, its text.

    `text` is the sentence or a shortened form of it; every cut shows as "…" and the words
    kept are the source's own, in order."""

    doc: int
    index: int
    text: str
    shortened: bool = False


DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "... the flooding, the National Emergency Commission said Saturday." -> "... the flooding …"
ATTRIBUTION_TAIL_RE = re.compile(
    rf",\s+(?:[^,“”\"]{{2,60}}?)\s+(?:said|says|reported|announced|added|told [^,.“”]{{1,40}})"
    rf"(?:\s+(?:on\s+|late\s+|early\s+)?{DAYS}(?:\s+(?:night|morning|afternoon|evening))?)?"
    rf"\s*\.$")
# "rejected on Friday the demands" -> "rejected … the demands"
# (Not after "Last", "Next", "This", "By", …: "Last Friday a list…" keeps its day.)
# (Nor after "on", "late", "early", "last" alone: "reached 17,997 on Tuesday as" keeps its
# day rather than become "on … as".)
DAY_PHRASE = (rf"(?<=[a-z,])(?<!\bor)(?<!\band)(?<!\bto)(?<!\bthrough)"
              rf"(?<!\b[Ll]ast)(?<!\b[Nn]ext)(?<!\b[Tt]his)(?<!\b[Bb]y)"
              rf"(?<!\b[Ss]ince)(?<!\b[Uu]ntil)(?<!\b[Ff]rom)(?<!\b[Ee]very)"
              rf"(?<!\b[Oo]n)(?<!\b[Ll]ate)(?<!\b[Ee]arly)"
              rf"\s+(?:on\s+|late\s+|early\s+|last\s+)?{DAYS}"
              rf"(?:\s+(?:night|morning|afternoon|evening))?(?=[\s,.;])"
              # "…, Thursday or Friday." is what the clause says: cut, it reads "… or …".
              rf"(?!\s+(?:or|and|to|through)\s+{DAYS})")
# A lookahead for the weekday first: most places in a sentence fail it at once, before the
# thirteen lookbehinds are tried (5x faster; the same matches, as lookarounds take no text).
DAY_RE = re.compile(rf"(?=\s+(?:on\s+|late\s+|early\s+|last\s+)?{DAYS})" + DAY_PHRASE)
TAIL_WORD_RE = re.compile(r"\b(?:said|says|reported|announced|added|told)\b")
DAY_WORD_RE = re.compile(DAYS)


def shorten(text: str) -> str | None:
    """A shorter form without the attribution tail and weekday phrases, or None.

    Cuts are marked with "…"; nothing is added or reworded. Quotations are left whole."""
    if "“" in text or '"' in text:
        return None
    # Both patterns try every comma or space: a plain search for their words first saves
    # most of a summary's time on the sentences that have neither.
    out = text
    if TAIL_WORD_RE.search(out):
        out = ATTRIBUTION_TAIL_RE.sub(" …", out)
    if DAY_WORD_RE.search(out):
        out = DAY_RE.sub(" …", out)
    out = re.sub(r"…\s*…", "…", out)
    if out == text or len(out.split()) < 6:
        return None
    return out


def concepts(text: str) -> frozenset[str]:
    """Stemmed bigrams, skipping those made only of stop words, and numbers."""
    toks = tokens(text)
    stops = [t.form.lower() in STOPWORDS for t in toks]
    return frozenset(f"{toks[i].stem} {toks[i + 1].stem}" for i in range(len(toks) - 1)
                     if not (stops[i] and stops[i + 1]))


def concepts_among(text: str, wanted: set[str], firsts: set[str]) -> set[str]:
    """concepts(text) & wanted, without making the concepts not wanted (`firsts`: the first
    stems of the wanted ones)."""
    toks = tokens(text)
    found = set()
    for i in range(len(toks) - 1):
        if toks[i].stem in firsts:
            concept = f"{toks[i].stem} {toks[i + 1].stem}"
            if concept in wanted and not (toks[i].form.lower() in STOPWORDS
                                          and toks[i + 1].form.lower() in STOPWORDS):
                found.add(concept)
    return found


# Chosen on DUC 2004 (benchmarks/duc2004.py; see README, Quality): a concept's weight is its
# document frequency squared, plus LEAD_SHARE x (number of documents)^2 for each document
# whose first sentence uses it. A per-sentence position bonus would reward picking the same
# fact twice; on concepts it cannot. SENTENCE_COST only breaks ties.
WEIGHT_POWER = 2.0
LEAD_SHARE = 0.3
SENTENCE_COST = 0.01
# The search proves a 100-word summary's optimum within 974 branchings on DUC 2004 (154 on
# average), and that of all 16,913 candidates of 1,000 articles within 157; past this many,
# HiGHS solves the problem instead (a long summary, where the search's bound is weak).
SEARCH_NODES = 5_000


def summarize(docs: list[list[str]], word_budget: int = 100, min_words: int = 8,
              exclude: set[tuple[int, int]] | None = None, time_limit: float = 10.0,
              allow_shortening: bool = True,
              discount: Mapping[str, float] | None = None,
              only: set[tuple[int, int]] | None = None,
              counts: DocumentCounts | None = None) -> list[Candidate]:
    """The best-covering sentences of docs (each a list of sentences) within word_budget,
    in document order. allow_shortening lets a sentence lose its attribution tail or
    weekday (marked "…"). discount multiplies a concept's weight (whatsnew.py uses it for
    concepts the reader has already been told). `only`: the (document, sentence) pairs that
    may be picked, if not all (an edition's overview picks among a few hundred of its
    100,000s of sentences: a set of those is smaller than one of all the others). `counts`:
    what document_counts answers for these docs, if known a faster way (words.py)."""
    exclude = exclude or set()
    candidates: list[Candidate] = []
    for d, sents in enumerate(docs):
        for i, text in enumerate(sents):
            if (d, i) in exclude or (only is not None and (d, i) not in only) \
                    or not _usable(text, min_words):
                continue
            candidates.append(Candidate(d, i, text))
            if allow_shortening:
                short = shorten(text)
                if short is not None:
                    candidates.append(Candidate(d, i, short, shortened=True))
    if not candidates:
        return []
    cover = [concepts(c.text) for c in candidates]
    present = set().union(*cover)
    # Only the candidates' concepts can be weighed: documents are searched for those alone
    # (an edition's overview has a few hundred candidates among 100,000s of sentences).
    if counts is not None:
        df, lead = counts(present)
    else:
        # A candidate's whole form is its sentence: its concepts are known already.
        df, lead = document_counts(docs, present, {
            (c.doc, c.index): cs for c, cs in zip(candidates, cover, strict=True)
            if not c.shortened})
    # A concept must be shared: by 3 documents in a large edition, by 2 in a small one.
    floor = 3 if len(docs) >= 6 else 2 if len(docs) >= 2 else 1
    lead_weight = LEAD_SHARE * len(docs) ** 2
    weights = {c: float(n) ** WEIGHT_POWER + lead_weight * lead[c]
               for c, n in df.items() if n >= floor and c in present}
    if not weights:  # a single short article: fall back to every bigram
        weights = dict.fromkeys(set().union(*cover), 1.0)
    if discount:
        weights = {c: w * discount.get(c, 1.0) for c, w in weights.items()}
        weights = {c: w for c, w in weights.items() if w > 0}
        if not weights:
            return []
    chosen = _solve(candidates, cover, weights, word_budget, time_limit)
    return sorted((candidates[j] for j in chosen), key=lambda c: (c.doc, c.index))


def document_counts(docs: list[list[str]], present: set[str],
                    known: Mapping[tuple[int, int], frozenset[str]] | None = None
                    ) -> tuple[Counter[str], Counter[str]]:
    """Of the concepts `present`: how many documents use each, and how many use it in their
    first sentence. `known`: concepts of some (document, sentence) pairs, found already."""
    known = known or {}
    df: Counter[str] = Counter()
    lead: Counter[str] = Counter()  # documents that use the concept in their first sentence
    firsts: set[str] = set()  # made when a sentence's concepts are not known (most are)

    def among(d: int, i: int, text: str) -> set[str] | frozenset[str]:
        found = known.get((d, i))
        if found is not None:
            return found
        if not firsts:
            firsts.update(c.split(" ", 1)[0] for c in present)
        return concepts_among(text, present, firsts)

    for d, sents in enumerate(docs):
        seen: set[str] = set()
        for i, text in enumerate(sents):
            seen.update(among(d, i, text))
        df.update(seen)
        if sents:
            lead.update(among(d, 0, sents[0]))
    return df, lead


def _usable(text: str, min_words: int) -> bool:
    words = len(text.split())
    return words >= min_words and not text.rstrip().endswith("?")


def _solve(candidates: list[Candidate], cover: list[frozenset[str]], weights: dict[str, float],
           budget: int, time_limit: float) -> list[int]:
    names = sorted(weights)
    index = {c: i for i, c in enumerate(names)}
    holds = [np.array(sorted(index[c] for c in cs if c in index), dtype=np.int64)
             for cs in cover]
    lengths = np.array([len(c.text.replace("…", " ").split()) for c in candidates], dtype=float)
    # Each sentence costs a little, later ones a little more: ties go to the lead, and a
    # sentence that adds no concept is never worth its place.
    costs = SENTENCE_COST * (2.0 - np.array([1.0 / (1.0 + c.index) for c in candidates]))
    # At most one form (whole or shortened) of each source sentence.
    group_of: dict[tuple[int, int], int] = {}
    groups = np.array([group_of.setdefault((c.doc, c.index), len(group_of))
                       for c in candidates], dtype=np.int64)
    problem = Coverage(holds, np.array([weights[c] for c in names], dtype=float), lengths,
                       costs, groups, preference(candidates), float(budget))
    # Past SEARCH_NODES (a long summary) HiGHS solves it; stopped by the time limit, the
    # summary is the best found, which is never less than the greedy one.
    return solve(problem, time_limit, SEARCH_NODES)


def preference(candidates: list[Candidate]) -> np.ndarray:
    """Each candidate's rank among summaries of equal worth (the whole and the shortened form
    of a sentence, or one sentence that several documents carry at the same place), so that
    the summary is a property of the input, not of a solver's path: earlier in its document
    first, then the earlier document, then the whole form."""
    order = sorted(range(len(candidates)), key=lambda j: (
        candidates[j].index, candidates[j].doc, candidates[j].shortened))
    rank = np.empty(len(candidates), dtype=np.int64)
    rank[order] = np.arange(len(candidates))
    return rank
