"""Whose figure it is: the named party, company or place a figure belongs to when one source
gives a figure for several at once ("New Democracy has 29.7%, Syriza 26.9% and Pasok
12.3%"). Shown only in such breakdowns, where a row without it cannot be read."""

from __future__ import annotations

import re

from ..models import Quantity
from .attribution import (
    DETERMINERS,
    FUNCTION_WORDS,
    LEADING_FILLER,
    NOT_SUBJECT_START,
    PRONOUNS,
    WH_WORDS,
)
from .place import NOT_PLACES

# A run of capitalised words ("New Democracy", "Golden Dawn", "BSkyB"), "of"/"de" inside.
NAME_RE = re.compile(r"(?<![\w-])[A-Z][\w’'&.-]*(?:\s+(?:(?:of|de|and)\s+)?[A-Z][\w’'&.-]*)*")
# The lowercase word after a name that keeps it the one who acts ("Sky paid", "New Democracy
# has", "the Syriza party, …"); any other ("Premier League matches", "EPL deal") makes the
# name a modifier of that noun.
HEADS = frozenset("party parties company group bank club side team network channel "
                  "broadcaster alliance coalition bloc".split())
VERBS = frozenset("has have had is was are were got won took paid came made gave held holds "
                  "sold bought spent lost put set saw became will would could may also "
                  "alone with".split())
INNER_CAPITAL_RE = re.compile(r"(?<=[\s(“\"])[A-Z][\w’'&-]*")
HEDGE_WORDS = frozenset("about some nearly almost around over only just roughly".split())
# Words that open a sentence or name a time, not a holder of a figure.
NOT_HOLDERS = (PRONOUNS | DETERMINERS | FUNCTION_WORDS | LEADING_FILLER | NOT_SUBJECT_START |
               WH_WORDS | NOT_PLACES | frozenset("there official near with however".split()))
# A relative or participle clause between a holder and its figure: "The Syriza party, which
# had surged on …, gained 27 per cent": the figure is the party's, not the clause's names.
ASIDE_RE = re.compile(r",\s+(?:which|who|that|known|seen|led|once|whose)\b[^,]*,", re.I)


def holder(text: str, q: Quantity, window: tuple[int, int],
           names: frozenset[str] = frozenset()) -> str | None:
    """The nearest name before the figure in its clause that acts or holds it ("Sky paid",
    "New Democracy has", "Syriza 26.9%"); else, when the clause has none (it follows an
    aside), the nearest such name before the clause in the same sentence. `names` are the
    article's words capitalised inside a sentence: a sentence's first word is a name only if
    it is one of them ("Pasok placed third", not "Cars were swept away")."""
    head = ASIDE_RE.sub(lambda m: " " * len(m.group(0)), text[:q.start])
    return _last_name(head, window[0], q.start, names) or \
        _last_name(head, 0, window[0], names) or _chosen(text[q.end:])


# A share of voters names what they chose after it: "40% of voters backed parties that
# broadly support the bailout deal", "30 percent of voters favored the measure".
CHOSEN_RE = re.compile(r"\s+of\s+(?:the\s+)?(?:voters|votes|the\s+vote|electorate|ballots|"
                       r"respondents|those\s+(?:polled|asked|surveyed))\s+(?:\w+ly\s+)?(?:backed|"
                       r"voted\s+for|supported|chose|favou?red|went\s+to|preferred)\s+"
                       r"((?:[\w’'-]+\s+){0,7}?[\w’'-]+)(?=\s+(?:with|in|on|at|for|after|before|"
                       r"from|by|while|but|as)\b|\s*[,.;:]|\s*$)")


def _chosen(after: str) -> str | None:
    """What a share of voters chose, as written, when no name before the figure holds it."""
    m = CHOSEN_RE.match(after)
    return m.group(1) if m else None


def proper_names(sentences: list[str]) -> frozenset[str]:
    """Words written with a capital inside a sentence, not only at its start."""
    return frozenset(w for s in sentences for w in INNER_CAPITAL_RE.findall(s))


def _last_name(text: str, lo: int, hi: int, names: frozenset[str]) -> str | None:
    best = None
    first = len(text) - len(text.lstrip())
    for m in NAME_RE.finditer(text, lo, hi):
        words = m.group(0).split()
        opening = m.start() == first and words[0].lower() not in NOT_HOLDERS
        while words and words[0].lower().strip(".,") in NOT_HOLDERS:
            words.pop(0)
        while words and words[-1].lower().strip(".,") in NOT_HOLDERS:
            words.pop()
        if not words or any(ch.isdigit() for ch in " ".join(words)):
            continue
        if opening and not words[0].isupper() and words[0] not in names:
            continue  # a capital only because the sentence starts there
        end = m.start() + m.group(0).rfind(words[-1]) + len(words[-1])
        rest = text[end:]
        # "Sky paid", "New Democracy, which gained 129 seats"
        follower = re.match(r"(?:,\s+(?:which|who)(?:\s+\w+ly)?)?\s+([a-z]+)\b", rest)
        right_before = not rest.strip(" $£€~") or rest.strip().lower() in HEDGE_WORDS
        if not right_before and not (follower and (follower.group(1) in HEADS | VERBS or
                                                   follower.group(1).endswith("ed"))):
            continue  # "Tokyo, which…", "Premier League matches": not who holds the figure
        best = re.sub(r"['’]s$", "", " ".join(words).rstrip(".,"))  # "Spain's deficit"
    return best
