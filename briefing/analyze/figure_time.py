"""When a figure is: its time phrase resolved against the publication date (or shown as
written), and figures of another time marked as background."""

from __future__ import annotations

import datetime as dt
import re

from ..models import Quantity
from .dates import DAY, YEAR, DateMention

WEEK = "week"  # a figure's time only: the timeline keeps to days, months and years

# "In the 2004 bombing": a figure of another, earlier event.
EVENT_YEAR_RE = re.compile(r"\b(?:in|during|after|since|of)\s+the\s+((?:19|20)\d\d)\s+[a-z]+",
                           re.I)
# Said of a time before the story's present, resolvable or not.
PAST_RE = re.compile(r"\b(?:last|previous)\s+(?:year|month)|\b(?:years|months|a year|a month)\s+"
                     r"(?:ago|earlier|before)\b", re.I)
# A time told against another event: "three days before the Eurogroup meeting", "two weeks
# after the election". The event's words end at a function word, a verb of being or a new
# phrase ("…before the Eurogroup meeting the company took…").
_NOT_EVENT_WORD = (r"(?!(?:the|a|an|of|in|on|at|to|for|with|by|from|and|or|but|that|which|who|"
                   r"was|were|is|are|has|had|have|will|would|could|when|as)\b)")
EVENT_RELATIVE = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|"
                  r"a\s+few|few)\s+(?:hours?|days?|weeks?|months?|years?)\s+(?:before|after|"
                  r"ahead\s+of|prior\s+to)\s+(?:the|a|an|his|her|its|their)\s+" + _NOT_EVENT_WORD +
                  r"[A-Za-z][\w’'-]*(?:\s+" + _NOT_EVENT_WORD + r"[A-Za-z][\w’'-]*){0,3}")
EVENT_RELATIVE_RE = re.compile(EVENT_RELATIVE, re.I)
# The letters a case-blind regex takes for ASCII ones that str.lower() does not make so
_FOLDS_APART_RE = re.compile("[\u0130\u0131\u017f]")


def event_relative_spans(text: str) -> list[tuple[int, int]]:
    """Where EVENT_RELATIVE_RE matches in text, scanned only when text holds "before",
    "after", "ahead" or "prior" (every match does; the scan of a sentence costs ~30 us)."""
    lower = text.lower()
    if not _FOLDS_APART_RE.search(text) and "before" not in lower and "after" not in lower \
            and "ahead" not in lower and "prior" not in lower:
        return []
    return [m.span() for m in EVENT_RELATIVE_RE.finditer(text)]
# What follows such a time before the figure's clause: a comma or a new subject ("three days
# before the Eurogroup meeting the company took…"), not the event's own clause ("…before
# the explosion that killed 11 workers", "after the explosion on the rig killed 11").
NEW_SUBJECT_RE = re.compile(r"\s*(?:,|(?:the|a|an|it|they|he|she|we|its|their|his|her)\b)",
                            re.I)
# Time words that no resolver turns into a date; shown as written.
RELATIVE_WHEN_RE = re.compile(
    r"\b(?:(?:in|over|during)\s+(?:the\s+)?(?:recent|past|last|coming|next)\s+(?:few\s+)?"
    r"(?:days|weeks|months|years)|(?:this|last|next|previous)\s+(?:week|weekend|month|year|spring|"
    r"summer|autumn|fall|winter)|earlier\s+this\s+(?:week|month|year)|"
    r"(?:at\s+)?the\s+(?:start|beginning|end)\s+of\s+(?:the|this|last|next)\s+week|"
    r"(?:\d+|a|an|two|three|four|five|several|many)\s+(?:days|weeks|months|years|year|month)"
    r"\s+ago|(?:in\s+)?an?\s+(?:average|typical|normal)\s+(?:year|season)|(?:each|every)\s+"
    r"(?:year|season|winter|summer)|" + EVENT_RELATIVE + r"|(?:(?i:on|by|since|until)\s+)?"
    r"(?-i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?)|yesterday|today|tonight|last\s+night|"
    r"this\s+(?:morning|afternoon|evening)|(?:(?i:on|by|since|until|in|last|this|next)\s+)?"
    r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|June|July|August|September|October|November|December))\b", re.I)
# A bare day or month name before a plural noun names a kind of thing ("Friday evening
# games", "Sunday packages"), not when a figure is.
DAY_AS_ADJECTIVE_RE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                                 r"Sunday)$")
NOUN_AFTER_DAY_RE = re.compile(r"\s+(?:(?:morning|afternoon|evening|night)\s+)?(?!(?:was|has|"
                               r"his|its|this|does|goes|is|as|says|plus|thus|unless|across)\b)"
                               r"[a-z]{2,}s\b")
# A day named after a preposition is a day, even before a plural noun: "On Friday soldiers
# killed 19" (a bare one there names a kind of thing: "Friday evening games").
DAY_PREPOSITION_RE = re.compile(r"\b(?:on|by|since|until|last|this|next)\s+$", re.I)
# The time of writing: the publication date when it is known, else as written.
NOW_RE = re.compile(r"\b(?:currently|at present)\b", re.I)
# "in 2004", "last year": a figure set in another time than the story's present. "since 2004"
# is a running total up to now, not background.
NOT_BACKGROUND_PREP_RE = re.compile(r"^(?:since|from|by|until|through)\b", re.I)

POSSESSIVE_RE = re.compile(r"(?:['’]s)?\s+[a-z]")


def _possessive(text: str, m: DateMention) -> bool:
    """"Tuesday's killer earthquake": a day's possessive before a noun names an event."""
    own = m.text.endswith(("'s", "’s"))
    return (own or text.startswith(("'s", "’s"), m.end)) and bool(
        POSSESSIVE_RE.match(text, m.end))


def figure_time(text: str, q: Quantity, quantities: tuple[Quantity, ...],
                window: tuple[int, int], mentions: list[DateMention],
                published: dt.date | None) -> tuple[str | None, DateMention | None, bool]:
    """The time of the figure: the date phrase nearest to it (and not nearer another figure),
    resolved against the publication date; otherwise time words as written. Background when
    it places the figure before the story's present (another year, months before)."""
    spans = [(o.start, o.end) for o in quantities if window[0] <= o.start < window[1]]

    def distance(start: int, end: int, span: tuple[int, int]) -> int:
        return max(span[0] - end, start - span[1], 0)

    mine = (q.start, q.end)
    lo, hi = reach(text, q, window)
    # "Piccard and Jones, who took off March 1 from the Alps, have covered 10,500 miles":
    # a date in a relative clause between commas is that clause's, not the figure's.
    asides = [a.span() for a in ASIDE_RE.finditer(text) if not a.start() <= q.start < a.end()]
    mentions = [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in asides)]
    best: DateMention | None = None
    for m in mentions:
        if DAY_AS_ADJECTIVE_RE.match(m.text) and NOUN_AFTER_DAY_RE.match(text, m.end) and \
                not DAY_PREPOSITION_RE.search(text, max(0, m.start - 8), m.start):
            continue  # "the first ever Friday evening games" ("On Friday soldiers killed" is
            # a day)
        d = distance(m.start, m.end, mine)
        if m.start < lo or m.end > hi or any(distance(m.start, m.end, s) < d for s in spans
                                             if s != mine):
            continue
        if best is None or d < distance(best.start, best.end, mine):
            best = m
    if best is None:
        best = _scene(text, mentions, lo)
    if best is not None and _possessive(text, best):
        # "confirmed dead in Tuesday's killer earthquake, …, announced Sunday": the day's
        # possessive names the event; the figure is of when it was told, if the sentence says.
        told = [m for m in mentions if m is not best and not _possessive(text, m)]
        if told:
            best = min(told, key=lambda m: distance(m.start, m.end, mine))
    if best is not None and _starts_running_total(text, best, q):
        # "have traveled more than 20,500 miles since lifting off … on March 1": the day
        # starts a running total; the figure is as of the page, not of that day.
        return None, None, False
    if best is not None:
        return _with_preposition(text, best), best, background(best, published)
    event = EVENT_YEAR_RE.search(text, lo, hi)
    if event and published is not None and int(event.group(1)) < published.year:
        year = DateMention(event.start(), event.end(), event.group(0),
                           dt.date(int(event.group(1)), 1, 1), YEAR)
        return year.text, year, True
    for now in NOW_RE.finditer(text, lo, hi):
        if any(distance(now.start(), now.end(), s) < distance(now.start(), now.end(), mine)
               for s in spans if s != mine):
            continue
        if published is None:
            return now.group(0), None, False
        return now.group(0), DateMention(now.start(), now.end(), now.group(0), published,
                                         DAY), False
    for words in RELATIVE_WHEN_RE.finditer(text):
        if DAY_AS_ADJECTIVE_RE.match(words.group(0)) and \
                NOUN_AFTER_DAY_RE.match(text, words.end()):
            continue  # "the first ever Friday evening games": a kind of game, not a time
        if any(a <= words.start() and words.end() <= b for a, b in asides):
            continue
        if words.end() <= q.start and EVENT_RELATIVE_RE.fullmatch(words.group(0)) and \
                not NEW_SUBJECT_RE.match(text, words.end()):
            continue  # "two hours before the explosion that killed 11 workers": the figure
            # is the event's, not of a time told against it
        d = distance(words.start(), words.end(), mine)
        nearer_other = any(distance(words.start(), words.end(), s) < d for s in spans
                           if s != mine)
        since = RUNNING_SINCE_RE.search(text, max(q.end, words.start() - 80), words.start())
        if words.start() >= lo and words.end() <= hi and not nearer_other and since and \
                published is not None:
            # "5,000 injured since the protests began early last week": the week starts a
            # running total, which is as of the page (undated, the words are shown).
            return None, None, False
        if words.start() >= lo and words.end() <= hi and not nearer_other:
            week = _week(words, published)
            if week is not None:
                return words.group(0), week, background(week, published)
            return words.group(0), None, bool(PAST_RE.search(words.group(0)))
    # Nothing in the clause, but every date the sentence gives is of another time: "The
    # previous largest was in 1923, …, and that was 7.9 magnitude."
    # A date that starts a running total ("have been killed since the protests erupted on
    # March 18", "the party, in power since 1963") is no other time: the figure is as of
    # the page.
    others = [m for m in mentions if not _starts_running_total(text, m, q, bare=True)]
    if others and all(background(m, published) for m in others):
        nearest = min(others, key=lambda m: distance(m.start, m.end, mine))
        return _with_preposition(text, nearest), nearest, True
    return None, None, False


# "next week", "earlier this week", "at the start of the week": a week the publication date
# resolves, to its Monday.
WEEK_WORDS_RE = re.compile(r"(?:(?:earlier|later)\s+|(?:at\s+)?the\s+(?:start|beginning|end)\s+"
                           r"of\s+)?(this|last|next|previous|the)\s+week$", re.I)
WEEK_STEP = {"this": 0, "the": 0, "last": -1, "previous": -1, "next": 1}


def _week(words: re.Match[str], published: dt.date | None) -> DateMention | None:
    """The week that "this week", "last week" or "next week" names, as its Monday, when the
    publication date is known."""
    week = WEEK_WORDS_RE.fullmatch(words.group(0))
    if week is None or published is None:
        return None
    monday = published - dt.timedelta(days=published.weekday()) + \
        dt.timedelta(weeks=WEEK_STEP[week.group(1).lower()])
    return DateMention(words.start(), words.end(), words.group(0), monday, WEEK)


# A relative clause set off by commas (", who took off March 1 from the Alps,") or by dashes
# ("--who last month lifted a moratorium, including the Gulf--").
ASIDE_RE = re.compile(r",\s+(?:who|which)\b[^,;]*,"
                      r"|(?:--|[—–])\s*(?:who|which)\b[^;—–]*?(?:--|[—–])")
# A date inside a "since" clause or an "after …ing" phrase ("since lifting off from the Alps
# on March 1", "since the fighting began on 3 May", "after leaving Geneva on Monday"): the
# start of a running total. ("since May 2010" alone is read by the rules for "since".)
RUNNING_SINCE_RE = re.compile(r"\b(?:since|after\s+\w+ing)\s+\w[^,;:.!?]*\s(?:(?:on|in)\s+)?$",
                              re.I)
SINCE_RE = re.compile(r"\bsince\s+$", re.I)


def _starts_running_total(text: str, m: DateMention, q: Quantity, bare: bool = False) -> bool:
    """Is the date the start of a running total the figure is as of now ("killed since
    the protests erupted on March 18"; with `bare`, "in power since 1963" too)? Not when
    the figure is inside the "since" clause itself: "since five guards were killed last
    month" dates the five."""
    since = RUNNING_SINCE_RE.search(text, max(0, m.start - 80), m.start) or \
        (SINCE_RE.search(text, max(0, m.start - 8), m.start) if bare else None)
    return since is not None and not since.start() <= q.start < m.start


# A year or a month shown alone ("2020") reads as a number; with the preposition the
# sentence gives it ("in 2020", "by March") it reads as a time. "since" and "from" are left
# to the rules that read them (a running total up to now).
YEAR_PREPOSITION_RE = re.compile(r"\b(?:in|by|until|before|after|during|through|of)\s+$",
                                 re.I)


def _with_preposition(text: str, m: DateMention) -> str:
    if m.granularity == DAY:
        return m.text
    before = YEAR_PREPOSITION_RE.search(text, max(0, m.start - 12), m.start)
    return text[before.start():m.start] + m.text if before else m.text


# A date that opens the sentence ("In 1946, …") or that a "when" clause goes on from.
SCENE_WHEN_RE = re.compile(r",?\s+when\b")
SCENE_OPENS_RE = re.compile(r"\s*(?:(?:In|On|By|During|Early|Late)\s+)?")


def _scene(text: str, mentions: list[DateMention], lo: int) -> DateMention | None:
    """A date that sets the scene for what follows it in the sentence: one that opens the
    sentence ("In 1946, a quake … produced a tsunami that killed almost 2,000 people") or
    one a "when" clause goes on from ("storms in 2008, when almost a thousand people were
    killed")."""
    for m in reversed(mentions):
        if m.end > lo:
            continue
        opens = SCENE_OPENS_RE.fullmatch(text[:m.start]) and re.match(r"\s*,", text[m.end:])
        if opens or SCENE_WHEN_RE.match(text, m.end):
            return m
    return None


def reach(text: str, q: Quantity, window: tuple[int, int], words: int = 15
          ) -> tuple[int, int]:
    """Where the figure's time (or place) may be written: its clause, at most `words` words
    away (a sentence that quotes three sentences at once speaks of several times)."""
    before = text[window[0]:q.start].split()
    after = text[q.end:window[1]]
    lo = q.start - len(" ".join(before[-words:])) - 1 if len(before) > words else window[0]
    # The end of the `words`-th word by its position ("…plant in the city-state on Tuesday":
    # not the first place its text occurs, which a repeated "the" or a letter cuts short).
    ends = [m.end() for m in re.finditer(r"\S+", after)]
    hi = q.end + len(after) if len(ends) <= words else q.end + ends[words - 1]
    # A new clause, a subject and its verb after a conjunction, is another's time and place:
    # after the figure ("…149 people in Mexico and the WHO moved closer on Monday", "…cases
    # and new deaths have also been recorded in Canada") or before it ("Millions die of flu
    # every year and we have 500 cases").
    clause = NEW_CLAUSE_RE.search(text, q.end, hi)
    hi = clause.start() if clause else hi
    lo = max([lo, window[0]] + [m.start() for m in NEW_CLAUSE_RE.finditer(text, lo, q.start)])
    # A sentence's end inside a quotation read as one sentence ("…killed many in 1988.
    # Recently they have arrested nearly a thousand…"): the time is the figure's sentence's.
    stops = [m.end() - 1 for m in INNER_STOP_RE.finditer(text, lo, q.start)
             if not ABBREVIATION_BEFORE_RE.search(text, 0, m.start())]
    after_stop = next((m.start() + 1 for m in INNER_STOP_RE.finditer(text, q.end, hi)
                       if not ABBREVIATION_BEFORE_RE.search(text, 0, m.start())), hi)
    return (stops[-1] if stops else lo), after_stop


NEW_CLAUSE_RE = re.compile(r",?\s(?:and|but|while|whereas)\s+(?:(?:we|they|he|she|it|I)|(?:the|a|"
                           r"an|its|their|his|her|new|other)\s+[\w-]+(?:\s+[\w-]+){0,2})\s+"
                           r"(?:(?:also|now|still|already|have|has|had|are|is|was|were|will|"
                           r"would)\b|(?!(?:in|on|at|of|to|and)\b)[a-z]+ed\b)")


# A full stop then a capital, inside one sentence as read; not after a title or an initial
# ("Mr. Lima", "U.S. Army", "Capt. Ross").
INNER_STOP_RE = re.compile(r"[.!?][\"”’']?\s+[\"“‘]?[A-Z]")
ABBREVIATION_BEFORE_RE = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b(?:Capt|Corp|Prof|Sept|Supt|Insp)"
                                    r"|\.[A-Za-z])$")


def background(mention: DateMention, published: dt.date | None) -> bool:
    """True when the date puts a figure before the story's present."""
    if NOT_BACKGROUND_PREP_RE.match(mention.text):
        return False
    if published is None:
        return bool(PAST_RE.search(mention.text))
    if mention.granularity == YEAR:
        return mention.date.year < published.year
    if mention.granularity == WEEK:
        return (published - mention.date).days > 13  # last week is the story's present
    return (published - mention.date).days > 7
