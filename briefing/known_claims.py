"""Each article's figures found once and kept in the state.

The timeline's figures history asks for the figures of every article of the story on every
run, and the ledger for those of the edition's: without memory, a story of 10,000 articles
costs a minute of find_claims per morning, however few articles are new. Claims are found
with the article at index 0 and moved to the index asked for (nothing else in them depends on
it). Kept per article (its file's hash and path, and a checksum of the sentences it was made
into) and per rules (the measures and attribution verbs asked with); all rows go when the
code that finds claims changes (its source files' digest).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

from .analyze import figures
from .config import MeasureConfig
from .models import Article, Claim, SentenceRef
from .readers import package_digest
from .store import Store

# Everything find_claims reads: the analyze package, the modules it imports, the data files.
CODE_DIRS = ("analyze", "data")
CODE_FILES = ("ledger.py", "models.py", "config.py")
FIELDS = tuple(f.name for f in dataclasses.fields(Claim))

_memo: dict[tuple[str, str], tuple[Claim, ...]] | None = None  # (article, rules) -> claims
_stored: dict[tuple[str, str], str] = {}  # kept in the state, not yet decoded
_new: dict[tuple[str, str], str] = {}  # found this run, to keep
# id(article) -> (the article, its article_key): a checksum of all its text, asked for by
# every topic with measures and by the timeline; the article is held, so its id stays its own.
_keys: dict[int, tuple[Article, str]] = {}


def code_key() -> str:
    """A digest of the code and data that find claims."""
    package = resources.files("briefing")
    names = [f"{d}/{p.name}" for d in CODE_DIRS for p in package.joinpath(d).iterdir()
             if p.name.endswith((".py", ".txt"))] + list(CODE_FILES)
    return str(package_digest(sorted(names)).hexdigest()[:16])


def article_key(article: Article) -> str:
    text = "\n".join(f"{s.index} {s.paragraph} {s.text}" for s in article.sentences)
    checksum = zlib.crc32(f"{article.published}\n{article.title}\n{text}".encode())
    return f"{article.sha256}:{checksum:08x}:{article.relpath}"


@lru_cache(maxsize=64)  # asked for each article of the story with each topic's measures
def rules_key(measures: tuple[MeasureConfig, ...], verbs: tuple[str, ...]) -> str:
    return hashlib.sha256(repr((measures, verbs)).encode()).hexdigest()[:16]


def find_claims(article: Article, article_index: int, measures: tuple[MeasureConfig, ...],
                verbs: tuple[str, ...]) -> list[Claim]:
    """analyze.figures.find_claims, found once per article and rules while kept() is open."""
    if _memo is None:
        return figures.find_claims(article, article_index, measures, verbs)
    known = _keys.get(id(article))
    if known is None or known[0] is not article:
        known = _keys[id(article)] = (article, article_key(article))
    key = (known[1], rules_key(measures, verbs))
    claims = _memo.get(key)
    if claims is None:
        raw = _stored.pop(key, None)
        if raw is not None:
            claims = tuple(decode(row) for row in json.loads(raw))
        else:
            claims = tuple(figures.find_claims(article, 0, measures, verbs))
            _new[key] = json.dumps([encode(c) for c in claims], ensure_ascii=False)
        _memo[key] = claims
    if not article_index:
        return list(claims)
    return [dataclasses.replace(c, ref=SentenceRef(article_index, c.ref.sentence))
            for c in claims]


def found(article: Article, measures: tuple[MeasureConfig, ...], verbs: tuple[str, ...]
          ) -> str:
    """The article's claims as kept in the state (found where it is read: engine)."""
    claims = figures.find_claims(article, 0, measures, verbs)
    return json.dumps([encode(c) for c in claims], ensure_ascii=False)


@contextmanager
def kept(store: Store) -> Iterator[None]:
    """Claims kept in the state are used for the length of the block, and those found in it
    are kept (in one transaction, at the end)."""
    global _memo
    code = code_key()
    _stored.clear()
    _new.clear()
    _stored.update(store.claims(code))
    _memo = {}
    try:
        yield
        if _new:
            store.keep_claims(code, _new)
    finally:
        _memo = None
        _stored.clear()
        _new.clear()
        _keys.clear()


def encode(claim: Claim) -> list[Any]:
    values: list[Any] = []
    for name in FIELDS:
        value = getattr(claim, name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, SentenceRef):
            value = value.sentence
        values.append(value)
    return values


def decode(values: list[Any]) -> Claim:
    data = dict(zip(FIELDS, values, strict=True))
    if data["when_date"] is not None:
        data["when_date"] = dt.date.fromisoformat(data["when_date"])
    data["ref"] = SentenceRef(0, data["ref"])
    return Claim(**data)
