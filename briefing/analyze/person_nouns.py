"""Nouns that name people or occurrences: WordNet lists (briefing/data/person_nouns.txt,
occurrence_nouns.txt)."""

from __future__ import annotations

from functools import lru_cache

from .word_lists import data_lines

# Words for people as a body, whose first WordNet sense is a group, not a person.
COLLECTIVE = frozenset("people persons personnel staff crew police".split())
IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "person"}
# What a measure's counted word says when it means anyone at all: "people".
ANY_PERSON = frozenset("people persons person individuals".split())


@lru_cache(maxsize=2)
def _lemmas(name: str) -> frozenset[str]:
    return frozenset(line.strip() for line in data_lines(name))


def person_lemmas() -> frozenset[str]:
    return _lemmas("person_nouns.txt")


def _singulars(word: str) -> tuple[str, ...]:
    return (word,) + tuple(word[:-len(plural)] + singular
                           for plural, singular in (("ies", "y"), ("es", ""), ("s", ""))
                           if word.endswith(plural))


@lru_cache(maxsize=1 << 10)
def names_occurrence(noun: str) -> bool:
    """Does the noun (its last word) name an occurrence, an event, act or state: "cases",
    "deaths", "infections", "arrests"? A count of them carries what happened in the noun."""
    word = noun.split()[-1].lower() if noun.split() else ""
    lemmas = _lemmas("occurrence_nouns.txt")
    return any(w in lemmas for w in _singulars(word))


@lru_cache(maxsize=1 << 12)
def names_people(noun: str) -> bool:
    """Does the noun name people, in the plural or as a body: "journalists", "Americans",
    "children", "policemen", "security personnel" (its last word)? Not a singular ("a
    million man march": a count above one with a singular noun is no count of people)."""
    word = noun.split()[-1].lower() if noun.split() else ""
    if word in COLLECTIVE:
        return True
    lemmas = person_lemmas()
    if IRREGULAR.get(word) in lemmas:
        return True
    if word.endswith("men") and word[:-3] + "man" in lemmas:
        return True  # "policemen", "gunmen"
    return any(w in lemmas for w in _singulars(word)[1:])  # a plural, not the word itself
