"""Each sentence's words as compact arrays: a stable hash of each word's stem, and its flags.

What the edition-wide steps need of every sentence (the TF-IDF features, the content words
of shared_words, the summarizer's concepts) is made from these arrays with numpy, not from
Python strings: 8 bytes and a flag byte a word, found once per article and kept in the state
(kept_words), so that extending a day's edition tokenizes only the new articles. Features
are numbered by their hash, a property of the feature alone: the edition's numbers are the
same whatever runs led to it.

A feature is a content stem (its hash, top bit clear) or a pair of adjacent ones, "a b"
(pair_hashes, top bit set). Two features of one edition share a 64-bit hash with a
probability of about n^2 / 2^64 (1e-7 for a million features); they would be counted as
one.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .analyze.text import STOPWORDS, tokens
from .models import Article

STOP = 1  # the word, in lower case, is a stop word
SHORT = 2  # the word, in lower case, is shorter than two characters
TOP = np.uint64(1 << 63)
LOW = (1 << 63) - 1
MASK = (1 << 64) - 1


@dataclass(frozen=True)
class ArticleWords:
    """An article's sentences' words, sentence after sentence."""

    stems: np.ndarray  # uint64: stem_hash of each word's stem
    flags: np.ndarray  # uint8: STOP | SHORT
    lengths: np.ndarray  # int32: words in each sentence
    # lines.written_words of the article's sentences, as sorted string_hash values: the
    # words written starting in lower case, and those written as places.
    lower: np.ndarray
    places: np.ndarray
    paragraphs: np.ndarray  # uint64: boilerplate.paragraph_keys of its paragraphs

    def to_bytes(self) -> tuple[bytes, ...]:
        return (self.stems.astype("<u8").tobytes(), self.flags.tobytes(),
                self.lengths.astype("<i4").tobytes(), self.lower.astype("<u8").tobytes(),
                self.places.astype("<u8").tobytes(), self.paragraphs.astype("<u8").tobytes())

    @classmethod
    def from_bytes(cls, stems: bytes, flags: bytes, lengths: bytes, lower: bytes,
                   places: bytes, paragraphs: bytes) -> ArticleWords:
        return cls(_u8(stems), np.frombuffer(flags, dtype=np.uint8),
                   np.frombuffer(lengths, dtype="<i4").astype(np.int32, copy=False),
                   _u8(lower), _u8(places), _u8(paragraphs))


def _u8(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64, copy=False)


class HashedSet:
    """A set of strings held as their sorted string_hash values: `word in it`."""

    def __init__(self, hashes: np.ndarray) -> None:
        self._hashes = hashes

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not len(self._hashes):
            return False
        wanted = np.uint64(string_hash(word))
        at = int(np.searchsorted(self._hashes, wanted))
        return at < len(self._hashes) and self._hashes[at] == wanted


def written(words: Sequence[ArticleWords]) -> tuple[HashedSet, HashedSet]:
    """lines.written_words of all the articles' sentences."""
    empty = np.zeros(0, dtype=np.uint64)
    return (HashedSet(np.unique(np.concatenate([empty, *(w.lower for w in words)]))),
            HashedSet(np.unique(np.concatenate([empty, *(w.places for w in words)]))))


def _hashes(words: Iterable[str]) -> np.ndarray:
    return np.unique(np.fromiter((stem_hash(w) for w in words), dtype=np.uint64))


def string_hash(text: str) -> int:
    """A stable 63-bit hash of a string (the same in every process and every run)."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") & LOW


@lru_cache(maxsize=1 << 18)
def stem_hash(stem: str) -> int:
    """string_hash of a stem or word (the same few thousand are asked for again and again)."""
    return string_hash(stem)


def pair_hashes(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The hashes of the pairs "first second" of stem hashes (uint64 arrays), top bit set."""
    with np.errstate(over="ignore"):
        x = first * np.uint64(0x9E3779B97F4A7C15) ^ second
        x ^= x >> np.uint64(30)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return x | TOP


def pair_hash(first: int, second: int) -> int:
    """pair_hashes of one pair, in Python's integers (a numpy call costs 40 us)."""
    x = ((first * 0x9E3779B97F4A7C15) & MASK) ^ second
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & MASK
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & MASK
    x ^= x >> 31
    return x | (1 << 63)


def feature_hash(feature: str) -> int | None:
    """The hash of a feature written as analyze.text.analyzer writes it ("stem" or "a b");
    None for a string no feature is written as."""
    parts = feature.split(" ")
    if len(parts) == 1:
        return stem_hash(feature)
    if len(parts) > 2:
        return None
    return pair_hash(stem_hash(parts[0]), stem_hash(parts[1]))


def article_words(texts: Sequence[str], paragraphs: Sequence[str] = ()) -> ArticleWords:
    """The words of these sentences (an article's, in order; `paragraphs`: its paragraphs)."""
    stems = array("Q")
    flags = bytearray()
    lengths = array("i")
    get = _codes.get
    for text in texts:
        toks = tokens(text)
        lengths.append(len(toks))
        for tok in toks:
            code = get(tok.form)
            if code is None:
                code = _code(tok.form, tok.stem)
            stems.append(code[0])
            flags.append(code[1])
    # Both need modules that need this one.
    from .boilerplate import paragraph_keys
    from .lines import written_words

    lower, places = written_words(list(texts))
    return ArticleWords(np.frombuffer(stems, dtype=np.uint64) if stems
                        else np.zeros(0, dtype=np.uint64),
                        np.frombuffer(bytes(flags), dtype=np.uint8),
                        np.frombuffer(lengths, dtype=np.int32) if lengths
                        else np.zeros(0, dtype=np.int32),
                        _hashes(lower), _hashes(places), paragraph_keys(paragraphs))


# A written word -> (stem_hash of its stem, its flags): most of an article's words were met
# in earlier articles, and one look-up is a third of the work of making them again.
CODE_CACHE = 1 << 19
_codes: dict[str, tuple[int, int]] = {}


def _code(form: str, stem: str) -> tuple[int, int]:
    if len(_codes) >= CODE_CACHE:  # a long-lived process: start afresh
        _codes.clear()
    low = form.lower()
    code = _codes[form] = (stem_hash(stem), (STOP if low in STOPWORDS else 0)
                           | (SHORT if len(low) < 2 else 0))
    return code


@dataclass(frozen=True)
class Features:
    """Features of sentences as (sentence, feature hash) pairs, in no particular order."""

    sentence: np.ndarray  # int64
    feature: np.ndarray  # uint64


# The last articles' words joined, and what joining them gave: the TF-IDF features, the
# content stems and the concepts of one corpus each join the same articles' words.
_joined: tuple[Sequence[ArticleWords], tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None


def forget() -> None:
    """Let go of the last joined words (a run is over)."""
    global _joined
    _joined = None


def joined(words: Sequence[ArticleWords]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """stems, flags and the sentence number of each word, over all the articles' sentences
    in order."""
    global _joined
    if _joined is not None and _joined[0] is words:
        return _joined[1]
    out = _join(words)
    _joined = (words, out)
    return out


def _join(words: Sequence[ArticleWords]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not words:
        return (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint8),
                np.zeros(0, dtype=np.int64))
    stems = np.concatenate([w.stems for w in words])
    flags = np.concatenate([w.flags for w in words])
    lengths = np.concatenate([w.lengths for w in words])
    sentence = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    return stems, flags, sentence


def tfidf_features(words: Sequence[ArticleWords]) -> Features:
    """analyzer's features of every sentence: its content stems and their adjacent pairs."""
    stems, flags, sentence = joined(words)
    content = flags == 0
    stems, sentence = stems[content], sentence[content]
    same = sentence[1:] == sentence[:-1]
    pairs = pair_hashes(stems[:-1][same], stems[1:][same])
    return Features(np.concatenate([sentence, sentence[:-1][same]]),
                    np.concatenate([stems, pairs]))


def content_features(words: Sequence[ArticleWords]) -> Features:
    """content_stems of every sentence."""
    stems, flags, sentence = joined(words)
    content = flags == 0
    return Features(sentence[content], stems[content])


def concept_features(words: Sequence[ArticleWords]) -> Features:
    """summarize.concepts of every sentence: pairs of adjacent words' stems, not both stop
    words (the same hash as the feature "a b")."""
    stems, flags, sentence = joined(words)
    same = sentence[1:] == sentence[:-1]
    stop = (flags & STOP) > 0
    keep = same & ~(stop[:-1] & stop[1:])
    return Features(sentence[:-1][keep], pair_hashes(stems[:-1][keep], stems[1:][keep]))


# While kept_words.kept() is open: an article's words, kept in the state or found and kept.
keeper: Callable[[Article], ArticleWords] | None = None


def of_articles(articles: Sequence[Article]) -> list[ArticleWords]:
    """Each article's words: from kept_words.kept() while it is open, otherwise found now."""
    if keeper is not None:
        return [keeper(a) for a in articles]
    return [article_words([s.text for s in a.sentences], a.paragraphs) for a in articles]


def numbered(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(values, return_inverse=True) for uint64 values, by a stable sort (radix for
    integers: 4x faster than np.unique's at millions of features)."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def concept_counts(words: Sequence[ArticleWords], present: set[str]
                   ) -> tuple[Counter[str], Counter[str]]:
    """summarize.document_counts of the articles whose words these are (each a document):
    of the concepts `present`, how many articles use each, and how many in their first
    sentence."""
    by_hash: dict[int, str] = {}
    for concept in present:
        hashed = feature_hash(concept)
        if hashed is not None:
            by_hash[hashed] = concept
    df: Counter[str] = Counter()
    lead: Counter[str] = Counter()
    if not by_hash or not words:
        return df, lead
    wanted = np.array(sorted(by_hash), dtype=np.uint64)
    found = concept_features(words)
    # A binary search in the few concepts wanted (np.isin sorts all the edition's pairs).
    at = np.minimum(np.searchsorted(wanted, found.feature), len(wanted) - 1)
    hit = wanted[at] == found.feature
    column = at[hit]
    sentence = found.sentence[hit]
    per_article = np.array([len(w.lengths) for w in words], dtype=np.int64)
    article = np.repeat(np.arange(len(words), dtype=np.int64), per_article)[sentence]
    first = (np.cumsum(per_article) - per_article)[article] == sentence
    for counter, rows in ((df, slice(None)), (lead, first)):
        pairs = np.unique(article[rows] * len(wanted) + column[rows])
        tally = np.bincount(pairs % len(wanted), minlength=len(wanted))
        counter.update({by_hash[int(wanted[k])]: int(tally[k]) for k in np.flatnonzero(tally)})
    return df, lead
