"""Assign sentences to the user's topics by the terms that signal each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import attrgetter

from ..config import TopicConfig
from .text import SENTENCE_CACHE, Token, content_stems, is_acronym, tokens


@dataclass(frozen=True)
class TopicMatcher:
    """A compiled topic: term token sequences, their weights, and the exclusions."""

    name: str
    terms: tuple[tuple[tuple[Token, ...], float], ...]
    exclude: tuple[tuple[Token, ...], ...]
    description: frozenset[str]

    @classmethod
    def build(cls, topic: TopicConfig) -> TopicMatcher:
        # "signed" and "signing" are one term: matched by the same stems, counted once.
        weights: dict[tuple[str, ...], tuple[tuple[Token, ...], float]] = {}
        for term in topic.terms:
            toks = tuple(tokens(term.text))
            if not toks:
                continue
            key = tuple(t.form if is_acronym(t.form) else t.stem for t in toks)
            if key not in weights or weights[key][1] < term.weight:
                weights[key] = (toks, term.weight)
        terms = tuple(weights.values())
        exclude = tuple(tuple(tokens(t)) for t in topic.exclude if tokens(t))
        return cls(topic.name, terms, exclude, frozenset(content_stems(topic.description)))

    @cached_property
    def _firsts(self) -> tuple[tuple[tuple[str, tuple[Token, ...]], ...],
                               tuple[tuple[str, tuple[Token, ...], float], ...]]:
        """Exclusions and terms with the key their first word must match (most sentences
        hold no term's first word: they are passed over without a scan)."""
        return (tuple((_key(ex[0]), ex) for ex in self.exclude),
                tuple((_key(term[0]), term, weight) for term, weight in self.terms))

    @cached_property
    def _term_firsts(self) -> frozenset[str]:
        return frozenset(first for first, _, _ in self._firsts[1])

    @cached_property
    def first_keys(self) -> frozenset[str]:
        """The keys a term or an exclusion starts with: the only ones found_in asks about."""
        return self._term_firsts | {first for first, _ in self._firsts[0]}

    def found_in(self, sentence: str, keys: frozenset[str]) -> tuple[float, ...]:
        """found(), given the sentence without its closing attribution and its _keys."""
        if keys.isdisjoint(self._term_firsts):  # most sentences: no term can start here
            return ()
        toks = tokens(sentence)
        exclude, terms = self._firsts
        if any(first in keys and _find(toks, keys, ex) for first, ex in exclude):
            return ()
        return tuple(weight for first, term, weight in terms
                     if first in keys and _find(toks, keys, term))

    def found(self, sentence: str) -> tuple[float, ...]:
        """The weights of the distinct terms found in the sentence; none if an exclusion is
        found. (score and distinct_terms in one pass: fit_topics needs both per sentence.)
        Terms in a closing attribution ("…, their mother said.") do not count: who says it
        is not what the sentence is about."""
        sentence = without_attribution(sentence)
        return self.found_in(sentence, _keys(sentence))

    def score(self, sentence: str) -> float:
        """Sum of the weights of the distinct terms found; 0 if an exclusion is found."""
        return sum(self.found(sentence))

    def distinct_terms(self, sentence: str) -> int:
        """How many of the topic's terms the sentence contains (0 if an exclusion is found)."""
        return len(self.found(sentence))

    def affinity(self, sentence: str) -> float:
        """How much of the description's vocabulary the sentence shares (0..1), for ranking."""
        if not self.description:
            return 0.0
        stems = set(content_stems(sentence))
        return len(stems & self.description) / len(self.description)


_FORM = attrgetter("form")
_STEM = attrgetter("stem")


def found_by_each(matchers: list[TopicMatcher], texts: list[str]) -> list[list[tuple[float, ...]]]:
    """[m.found(text) for text in texts] for each matcher, each text's words looked up once.

    found_in asks only whether keys a term or an exclusion starts with are in the sentence,
    so each sentence's keys are those alone (a set of every stem and form of each sentence
    was most of the search's time)."""
    wanted = frozenset().union(*(m.first_keys for m in matchers))
    out: list[list[tuple[float, ...]]] = [[] for _ in matchers]
    for text in texts:
        sentence = without_attribution(text)
        toks = tokens(sentence)
        keys = wanted.intersection(map(_FORM, toks)) | wanted.intersection(map(_STEM, toks))
        if not keys:  # most sentences: no term or exclusion can start in them
            for found in out:
                found.append(())
            continue
        for found, matcher in zip(out, matchers, strict=True):
            found.append(matcher.found_in(sentence, keys))
    return out


# "…, their mother said.", "…, the White House said on Friday.": a closing attribution.
ATTRIBUTION_RE = re.compile(
    r",\s+[^,“”\"]{2,60}?\s+(?:said|says|told reporters|added|reported|announced|wrote)"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?)?\s*[.!]?$")


@lru_cache(maxsize=SENTENCE_CACHE)
def without_attribution(sentence: str) -> str:
    """The sentence without its closing attribution ("…, their mother said.")."""
    return ATTRIBUTION_RE.sub(".", sentence)


def _same(word: Token, term: Token) -> bool:
    if is_acronym(term.form):
        return word.form == term.form
    return word.stem == term.stem


# A few sentences' keys: found_by_each asks once per sentence, found() once per topic in a
# row. Each set holds about 50 strings (2 KB): kept for a whole edition they took 320 MiB
# at 10,000 articles.
@lru_cache(maxsize=1024)
def _keys(sentence: str) -> frozenset[str]:
    """Every stem and written form in the sentence, for a quick first-word check."""
    return frozenset(k for t in tokens(sentence) for k in (t.form, t.stem))


def _key(word: Token) -> str:
    return word.form if is_acronym(word.form) else word.stem


def _find(toks: tuple[Token, ...], keys: frozenset[str], term: tuple[Token, ...]) -> bool:
    if _key(term[0]) not in keys:
        return False
    n = len(term)
    first = term[0]
    # Only where the first word matches are the others compared: one attribute per word of
    # the sentence, not a call of _same (most of the topics' search time).
    by_form = is_acronym(first.form)
    for i in range(len(toks) - n + 1):
        word = toks[i]
        if (word.form != first.form) if by_form else (word.stem != first.stem):
            continue
        if all(_same(toks[i + k], term[k]) for k in range(1, n)):
            return True
    return False
