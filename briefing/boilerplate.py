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
from itertools import combinations

from .models import Article, SentenceRef

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


def repeated_lines(articles: list[Article]) -> frozenset[SentenceRef]:
    """The sentences of paragraphs that are an outlet's furniture across the edition: carried
    word for word by two or more articles, all of one known outlet or all of unknown ones,
    that share fewer than SHARED_COPY paragraphs (and under a third of either) with each
    other; with unknown outlets, a paragraph that attributes a statement is kept."""
    carriers: dict[str, set[int]] = {}
    for i, article in enumerate(articles):
        for key in {_key(p) for p in article.paragraphs if p.strip()}:
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
        SentenceRef(i, s.index) for i, article in enumerate(articles) for s in article.sentences
        if s.paragraph < len(article.paragraphs)
        and _key(article.paragraphs[s.paragraph]) in furniture)
