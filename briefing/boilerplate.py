"""Lines an outlet prints on every page: a site banner repeated across an edition's files.

One file cannot tell a banner ("Reuters' coverage of the vote: follow our live updates")
from a sentence of the story; several files can. A paragraph that several articles of one
outlet carry word for word, while those articles otherwise share no text, is the site's,
not the story's. Shared wire copy is kept: several outlets carrying a paragraph, or
articles sharing a run of paragraphs (an agency story printed twice, an updated version of
one report), are the story.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

import numpy as np

from .models import Article, SentenceRef
from .words import numbered, string_hash

# Two articles that share this many paragraphs or more, or a third of the shorter one's,
# carry the same story copy.
SHARED_COPY = 3
# Pairs of carriers are compared among a paragraph's first this many (in edition order): a
# banner on every one of 10,000 pages would otherwise make 50 million pairs.
MAX_CARRIERS = 50
# A paragraph that attributes what it says is a claim (a statement two outlets both quote
# in full), not a banner, when the outlets are not known to be one.
ATTRIBUTED_RE = re.compile(r"\b(said|says|told|according to|stated|announced)\b")


def _key(paragraph: str) -> str:
    return " ".join(paragraph.split()).casefold()


def repeated_lines(articles: list[Article],
                   keys: Sequence[np.ndarray] | None = None) -> frozenset[SentenceRef]:
    """The sentences of paragraphs that are an outlet's furniture across the edition: carried
    word for word by two or more articles, all of one known outlet or all of unknown ones,
    that share fewer than SHARED_COPY paragraphs (and under a third of either) with each
    other; with unknown outlets, a paragraph that attributes a statement is kept.
    `keys`: each article's paragraph_keys, if known (kept per article: words.py); only the
    paragraphs whose key another article has too are then read."""
    maybe = _maybe_repeated(keys) if keys is not None else None
    carriers: dict[str, set[int]] = {}
    for i, article in enumerate(articles):
        paragraphs = article.paragraphs if maybe is None else \
            [article.paragraphs[p] for p in maybe.get(i, ())]
        for key in {_key(p) for p in paragraphs if p.strip()}:
            carriers.setdefault(key, set()).add(i)
    repeated = {key: found for key, found in carriers.items() if len(found) >= 2}
    if not repeated:
        return frozenset()
    shared: Counter[tuple[int, int]] = Counter()
    for found in repeated.values():
        shared.update(combinations(sorted(found)[:MAX_CARRIERS], 2))
    furniture: set[str] = set()
    for key, found in repeated.items():
        outlets = {(articles[i].outlet or "").casefold() for i in found}
        if len(outlets) > 1:
            continue  # several outlets carry it: wire copy
        if any(shared[(i, j)] >= SHARED_COPY or 3 * shared[(i, j)] >= min(
                len(articles[i].paragraphs), len(articles[j].paragraphs))
               for i, j in combinations(sorted(found)[:MAX_CARRIERS], 2)):
            continue  # part of a story the articles share
        if outlets == {""} and ATTRIBUTED_RE.search(key):
            continue
        furniture.add(key)
    return frozenset(
        SentenceRef(i, s.index) for i in sorted({i for found in repeated.values() for i in found})
        for s in articles[i].sentences
        if s.paragraph < len(articles[i].paragraphs)
        and _key(articles[i].paragraphs[s.paragraph]) in furniture)


def paragraph_keys(paragraphs: Sequence[str]) -> np.ndarray:
    """A stable hash of each paragraph's key (uint64; blank paragraphs too)."""
    return np.fromiter((string_hash(_key(p)) for p in paragraphs), dtype=np.uint64,
                       count=len(paragraphs))


def _maybe_repeated(keys: Sequence[np.ndarray]) -> dict[int, list[int]]:
    """Per article, its paragraphs whose key's hash another article's paragraph has too."""
    if not keys:
        return {}
    hashes = np.concatenate(keys)
    article = np.repeat(np.arange(len(keys)), [len(k) for k in keys])
    paragraph = np.concatenate([np.arange(len(k)) for k in keys])
    distinct, inverse = numbered(hashes)
    # Articles carrying each hash: count each (hash, article) pair once.
    pairs = np.unique(inverse * len(keys) + article)
    carried = np.bincount(pairs // len(keys), minlength=len(distinct))
    out: dict[int, list[int]] = {}
    for at in np.flatnonzero(carried[inverse] >= 2):
        out.setdefault(int(article[at]), []).append(int(paragraph[at]))
    return out
