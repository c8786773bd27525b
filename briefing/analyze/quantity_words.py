"""Words around a figure that say how sure it is and how it moved: hedges, change verbs."""

from __future__ import annotations

import re

HEDGES = [  # longest first within each sign, all matched as whole words before the figure
    ("~", "approximately|approx\\.|around|about|roughly|some|nearly|almost|close to|"
          "an estimated|estimated|circa|an approximate|more or less|give or take|"
          "averaged|averaging|averages|barely|scarcely|~"),
    (">", "more-than-|more than|over|at least|above|upwards of|in excess of|exceeding|"
          "exceeds|exceeded|exceed|surpassing|surpassed|just over|"
          "well over|no fewer than|no less than|over than|greater than|higher than|"
          "a minimum of|north of|a little over|well above|upward of|>"),
    ("<", "fewer-than-|less-than-|fewer than|less than|under|up to|as many as|as much as|"
          "below|just under|at most|no more than|as few as|lower than|a maximum of|just shy of|"
          "a little under|well under|well below|south of|sub-|<"),
]
# Bounds that include the number itself: "at least 1,600" is 1,600 or more, "up to 40 cm" is
# 40 cm or less. The hedge keeps one sign per direction (the gold sets and merging use it);
# the table shows these as >= / <= so it does not claim more than the source said.
INCLUSIVE_RE = re.compile(r"(?i)^(?:at least|no fewer than|no less than|a minimum of|"
                          r"not less than|up to|as many as|as much as|at most|no more than|"
                          r"not more than|a maximum of)\b")
HEDGE_LONGEST = max(len(alt) for _, alts in HEDGES for alt in alts.split("|"))
HEDGE_RE = re.compile(
    r"(?i:(?:\b|(?=[~<>]))(?P<h>" + "|".join(f"(?P<h{i}>{alts})" for i, (_, alts) in
                                            enumerate(HEDGES)) + r"))\s*$")
MORE_AFTER = re.compile(r"\s+(more|additional|extra|further)(?=\s+[a-z])(?!\s+than\b)")
HEDGE_AFTER = re.compile(r"\s+or\s+(?i:(more|so|less|fewer|greater|higher|above|over|"
                         r"lower|below|under))\b")
INCREMENT_RE = re.compile(r"(?i:\b(?:another|an additional|additional|a further|further|"
                          r"an extra|extra)\s+)$")
INCREMENT_LONGEST = len("an additional")
UP = (r"rose|rise|rises|rising|risen|up|increased|increases|increase|increasing|gained|gains|"
      r"gain|gaining|jumped|jumps|jump|jumping|climbed|climbs|climb|climbing|surged|surges|"
      r"surge|surging|soared|soars|soaring|grew|grow|grows|growing|advanced|advances|advancing|"
      r"added|adds|adding|higher|boosted|boosting|expanded|expanding|spiked|spiking|rallied|"
      r"rallying|rebounded|rebounding|leapt|leaped|leaping|widened|widening|hiked|lifted|"
      r"upward|upwards")
DOWN = (r"fell|fall|falls|falling|fallen|down|decreased|decreases|decrease|decreasing|"
        r"declined|declines|decline|declining|dropped|drops|drop|dropping|lost|loses|lose|"
        r"losing|slipped|slips|slipping|slumped|slumps|slumping|plunged|plunges|plunging|"
        r"plummeted|plummets|plummeting|tumbled|tumbles|tumbling|shed|sheds|shedding|cut|cuts|"
        r"cutting|reduced|reduces|reduce|reducing|lower|lowered|lowering|dipped|dips|dipping|"
        r"sank|sinks|sinking|slid|slides|sliding|eased|eases|easing|shrank|shrunk|shrinks|"
        r"shrinking|contracted|contracting|narrowed|narrowing|retreated|retreating|slashed|"
        r"slashing|trimmed|trimming|tanked|tanking|sagged|weakened|weakening|fell back|"
        r"downward|downwards")
# "gave up 517 yards", "shut down 3 plants": up and down as particles of another verb
_PARTICLE_BEFORE = re.compile(
    r"(?i:\b(?:gave|give|gives|given|made|make|picked|set|sum|took|take|shut|turned|broke|step|"
    r"stepped|wound|ended|put|signed|opened|showed|backed|brought|wind|winding|calmed|slow|"
    r"slowed)\s+)$")
CHANGE_BEFORE = re.compile(
    rf"(?i:\b(?P<v>(?P<up>{UP})|(?P<down>{DOWN}))(?:\s+(?:by|of|nearly|almost|"
    r"about|around|some|roughly|just|more than|over|another|a further|only|as much as|"
    r"as many as|to|from|just over|just under|less than|close to|fewer than|a hefty|"
    r"a sharp|sharply|slightly|steeply|strongly|modestly|marginally))*\s*)$")


CHANGE_WORDS = frozenset(w for alts in (UP, DOWN) for w in alts.split("|") if " " not in w)
HEDGE_FIRST = frozenset(alt.split()[0].rstrip("\\.-").lower() for _, alts in HEDGES
                         for alt in alts.split("|") if alt[:1].isalpha())


LETTERS_RE = re.compile(r"[A-Za-z]+")


def has_word(near: str, words: frozenset[str]) -> bool:
    """A cheap test before a costly pattern: does `near` hold one of these words?"""
    return any(w.lower() in words for w in LETTERS_RE.findall(near))


def change_before(near: str) -> re.Match[str] | None:
    """A change verb ending `near` ("rose 5%", "fell by about"); "gave up 517 yards" and
    "shut down 3 plants" use up and down as particles of another verb."""
    if not has_word(near, CHANGE_WORDS):
        return None
    cm = CHANGE_BEFORE.search(near)
    if cm and cm.group("v").lower() in ("up", "down"):
        particle = _PARTICLE_BEFORE.search(near[:cm.start("v")])
        # "ended up 50 yards short", but "the index ended down 1%": a market's close
        if particle and not (cm.group("v").lower() == "down" and
                             particle.group(0).lower().startswith("ended")):
            return None
    return cm


CHANGE_BY = re.compile(rf"(?i:\b(?:(?P<up>{UP})|(?P<down>{DOWN}))\s+(?:[\w'’-]+\s+){{1,4}}?by\s+"
                       r"(?:(?:about|around|some|nearly|almost|roughly|more than|over|"
                       r"less than|up to|as much as|just|only)\s+)?)$")
CHANGE_AFTER = re.compile(r"^\s+(?i:(?P<up>higher|up|more)|(?P<down>lower|down|less))\b"
                          r"(?!\s+(?:to|from|than|with))")
TO_LEVEL = re.compile(r"(?i:\b(?:to|at)\s+)$")  # (the part before its spaces: 2 letters)

def search_end(pattern: re.Pattern[str], text: str, longest: int) -> re.Match[str] | None:
    """pattern.search(text), for a pattern that matches only at the end of text, where at
    most white space follows a part of `longest` characters or fewer that ends in no white
    space ("about ", "another "): searched from where that part can start, not from the
    start of text (a search tries every place; these are asked of every figure)."""
    return pattern.search(text, max(0, len(text.rstrip()) - longest))


def left_of(text: str, at: int) -> str:
    """The words just before position `at`: what a hedge, verb or label before a number is
    looked for in (a window, so that long sentences stay fast)."""
    return text[max(0, at - 80):at]


def is_plural(word: str) -> bool:
    low = word.lower()
    return low in _PLURALS or (low.endswith("s") and not low.endswith(("ss", "us", "is", "'s",
                                                                     "’s")) and len(low) > 3)


_PLURALS = frozenset({"people", "men", "women", "children", "personnel", "police", "staff",
                      "troops", "cattle", "crew", "feet", "teeth", "mice", "geese"})
