"""Multi-document extractive summary by concept coverage (Gillick & Favre 2009), solved exactly.

Concepts are stemmed word bigrams; a concept's weight is the number of documents that use it.
The summary is the set of sentences, within a word budget, that covers the most concept
weight. Each concept counts once however many chosen sentences hold it, so redundancy costs
budget and earns nothing. Solved as an integer program with SciPy's HiGHS (milp).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, vstack

from .analyze.text import STOPWORDS, tokens

QUOTE_OPEN_RE = re.compile(r"^[“\"']")


@dataclass(frozen=True)
class Candidate:
    """A sentence the summarizer may pick: which document, which position, its text."""

    doc: int
    index: int
    text: str


def concepts(text: str) -> set[str]:
    """Stemmed bigrams, skipping those made only of stop words, and numbers."""
    stems = [t.stem for t in tokens(text)]
    lows = [t.form.lower() for t in tokens(text)]
    out = set()
    for i in range(len(stems) - 1):
        if lows[i] in STOPWORDS and lows[i + 1] in STOPWORDS:
            continue
        out.add(f"{stems[i]} {stems[i + 1]}")
    return out


def summarize(docs: list[list[str]], word_budget: int = 100, min_words: int = 8,
              max_position: int = 0, exclude: set[tuple[int, int]] | None = None,
              time_limit: float = 10.0, min_df: int | None = None) -> list[Candidate]:
    """The best-covering sentences of docs (each a list of sentences) within word_budget,
    in document order. max_position > 0 considers only each document's first sentences."""
    exclude = exclude or set()
    candidates = [Candidate(d, i, text) for d, sents in enumerate(docs)
                  for i, text in enumerate(sents)
                  if (d, i) not in exclude and _usable(text, min_words)
                  and (max_position <= 0 or i < max_position)]
    if not candidates:
        return []
    cover = [concepts(c.text) for c in candidates]
    df: Counter[str] = Counter()
    for d, sents in enumerate(docs):
        seen: set[str] = set()
        for text in sents:
            seen |= concepts(text)
        df.update(seen)
    floor = min_df or (3 if len(docs) >= 6 else 2 if len(docs) >= 2 else 1)
    weights = {c: n for c, n in df.items() if n >= floor}
    if not weights:  # a single short article: fall back to every bigram
        weights = dict.fromkeys(set().union(*cover), 1)
    chosen = _solve(candidates, cover, weights, word_budget, time_limit)
    return sorted((candidates[j] for j in chosen), key=lambda c: (c.doc, c.index))


def _usable(text: str, min_words: int) -> bool:
    words = len(text.split())
    return words >= min_words and not text.rstrip().endswith("?")


def _solve(candidates: list[Candidate], cover: list[set[str]], weights: dict[str, int],
           budget: int, time_limit: float) -> list[int]:
    names = sorted(weights)
    index = {c: i for i, c in enumerate(names)}
    m, n = len(names), len(candidates)
    lengths = np.array([len(c.text.split()) for c in candidates], dtype=float)
    # Variables: concepts c_0..c_{m-1}, then sentences s_0..s_{n-1}.
    cost = np.concatenate([-np.array([weights[c] for c in names], dtype=float), np.zeros(n)])
    # A small bonus for early sentences breaks ties the way news is written (lead first).
    position = np.array([1.0 / (1.0 + c.index) for c in candidates])
    cost[m:] -= 0.01 * position
    occ_rows, occ_cols = [], []
    for j, cs in enumerate(cover):
        for c in cs:
            if c in index:
                occ_rows.append(index[c])
                occ_cols.append(j)
    k = len(occ_rows)
    # s_j - c_i <= 0 for each occurrence: picking a sentence switches its concepts on.
    a = coo_matrix((np.concatenate([-np.ones(k), np.ones(k)]),
                    (np.concatenate([np.arange(k), np.arange(k)]),
                     np.concatenate([occ_rows, m + np.array(occ_cols, dtype=int)]))),
                   shape=(k, m + n))
    # c_i - sum_j s_j <= 0: a concept counts only if a chosen sentence has it.
    b = coo_matrix((np.concatenate([np.ones(m), -np.ones(k)]),
                    (np.concatenate([np.arange(m), occ_rows]),
                     np.concatenate([np.arange(m), m + np.array(occ_cols, dtype=int)]))),
                   shape=(m, m + n))
    length = coo_matrix((lengths, (np.zeros(n, dtype=int), m + np.arange(n))), shape=(1, m + n))
    constraints = [LinearConstraint(vstack([a, b]).tocsr(), -np.inf, 0),
                   LinearConstraint(length.tocsr(), 0, budget)]
    result = milp(cost, constraints=constraints, integrality=np.ones(m + n),
                  bounds=Bounds(0, 1), options={"time_limit": time_limit})
    if result.x is None:
        return []
    return [j for j in range(n) if result.x[m + j] > 0.5]
