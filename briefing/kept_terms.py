"""The topics' terms found in each sentence, kept in the state per article.

Extending a day's edition (or building one from articles read before) looks up what the
topics' terms found in the articles it has seen, and searches only the new ones: at 10,000
articles, 200,000 sentences are not searched again for +100; new articles are searched where
they are read (engine: in the worker processes). Kept per article (its file's
hash and path, and a checksum of its sentences: known_claims.article_key) under a key of the
code that searches (analyze/topics.py, analyze/text.py and the stemmer) and the topics'
terms and exclusions; rows under another key go when new ones are kept.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

from .analyze.topics import TopicMatcher, found_by_each
from .config import TopicConfig
from .known_claims import article_key
from .models import Article
from .readers import package_digest
from .store import Store

CODE_FILES = ("analyze/topics.py", "analyze/text.py")

Found = tuple[tuple[float, ...], ...]  # per topic, the weights of its terms found


@dataclass(frozen=True)
class TermsFound:
    """Per sentence text, what each topic's terms found in it (TopicMatcher.found, in the
    order of the topics)."""

    by_text: dict[str, Found]

    def per_topic(self, texts: Sequence[str], topics: int) -> list[list[tuple[float, ...]]]:
        """found_by_each's answer for these texts (each must be known)."""
        rows = [self.by_text[text] for text in texts]
        return [[row[i] for row in rows] for i in range(topics)]


def key(topics: Sequence[TopicConfig]) -> str:
    """The code that searches and the terms it searches for."""
    digest = package_digest(CODE_FILES)
    digest.update(version("snowballstemmer").encode())
    digest.update(repr([(t.terms, t.exclude) for t in topics]).encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=8)
def _matchers(topics: tuple[TopicConfig, ...]) -> list[TopicMatcher]:
    return [TopicMatcher.build(t) for t in topics]


def found_in(article: Article, topics: tuple[TopicConfig, ...]) -> str:
    """What the topics' terms find in the article's sentences, as kept in the state (found
    where the article is read: engine), so that building an edition of new articles
    searches none."""
    per_topic = found_by_each(_matchers(topics), [s.text for s in article.sentences])
    return _row([tuple(found[row] for found in per_topic)
                 for row in range(len(article.sentences))])


def _row(found: list[Found]) -> str:
    return json.dumps([_encode(f) for f in found], separators=(",", ":"))


def find(store: Store, topics: Sequence[TopicConfig], articles: Sequence[Article]
         ) -> TermsFound:
    """What the topics' terms find in every sentence of the articles: kept findings for
    those searched before, a search of the others (whose findings are then kept)."""
    current = key(topics)
    keys = [article_key(a) for a in articles]
    kept = store.terms_found(current, keys)
    by_text: dict[str, Found] = {}
    shared: dict[Found, Found] = {}  # one tuple per distinct finding (most find nothing)
    todo: list[tuple[str, Article]] = []
    for article_id, article in zip(keys, articles, strict=True):
        raw = kept.get(article_id)
        if raw is None:
            todo.append((article_id, article))
            continue
        for sentence, found in zip(article.sentences, json.loads(raw), strict=True):
            value = tuple(tuple(f) for f in found) if found else _nothing(len(topics))
            by_text[sentence.text] = shared.setdefault(value, value)
    if todo:
        texts = list(dict.fromkeys(s.text for _, a in todo for s in a.sentences
                                   if s.text not in by_text))
        per_topic = found_by_each([TopicMatcher.build(t) for t in topics], texts)
        for row, text in enumerate(texts):
            value = tuple(found[row] for found in per_topic)
            by_text[text] = shared.setdefault(value, value)
        store.keep_terms_found(current, {article_id: _row(
            [by_text[s.text] for s in article.sentences]) for article_id, article in todo})
    return TermsFound(by_text)


def _nothing(topics: int) -> Found:
    return tuple(() for _ in range(topics))


def _encode(found: Found) -> list[list[float]] | int:
    return [list(f) for f in found] if any(found) else 0
