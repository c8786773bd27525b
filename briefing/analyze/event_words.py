"""Other words for a measure's events, from WordNet (briefing/data/event_words.txt)."""

from __future__ import annotations

from functools import lru_cache

from .word_lists import data_lines


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    out = {}
    for line in data_lines("event_words.txt"):
        lemma, _, words = line.partition("\t")
        out[lemma] = tuple(words.split())
    return out


def _lemmas(word: str) -> list[str]:
    """The verbs a past form may be of: "killed" -> kill, "died" -> die, "carried" -> carry,
    "stabbed" -> stab."""
    out = [word]  # then the verbs
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])
    return out


@lru_cache(maxsize=256)
def other_words(event: str) -> tuple[str, ...]:
    """Words that say the same as a measure's one-word event written as a regular past form
    ("killed": "slain", "beheaded"; "died": "perished"; "detained": "imprisoned"), or none.
    Only such a form is surely a verb: "aid", "deal" or "rights" may be nouns."""
    word = event.lower()
    if " " in word or not word.endswith("ed"):
        return ()
    table = _table()
    return next((table[lemma] for lemma in _lemmas(word)[1:] if lemma in table), ())
