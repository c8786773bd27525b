"""Event dates in sentences: "on 4 March", "Mar. 9", "last Friday", "in March", "yesterday",
resolved against the article's publication date; what cannot be resolved is left out."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

DAY, MONTH, YEAR = "day", "month", "year"
# Dates stored with an article (models.Article.dates) are used only while these rules are
# the ones that found them.
DATES_KEY = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# "Good Friday", "Super Tuesday": named days whose date a weekday rule would get wrong.
NAMED_DAY_WORDS = frozenset({"good", "black", "bloody", "super", "easter", "palm", "ash",
                             "holy", "maundy", "cyber", "shrove", "whit"})
# Month and weekday names are proper nouns: capitals only, so "may" and "march" as verbs and
# "sat" never match. Abbreviations may carry a dot ("Mar. 9", "Sept. 30").
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# "in 1692 in Jamaica, a quake killed 2,000": an older year only after a preposition and
# before a break or "in" ("in 1200 homes" is a count).
_OLD_YEAR = r"(?:1[0-7]\d\d(?=[,.;:)]|\s+in\b|\s*$))"
_COUNT = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_END = r"(?![\w-])"  # not followed by more of a word or number ("March 2010s", "4-5")

# One alternation, longest forms first; each branch is a named group so resolution knows
# which kind of expression it has.
PATTERN = re.compile(
    r"(?P<iso>\b" + _YEAR + r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b)"
    r"|(?P<dmy>\b(?P<dmy_d>" + _DAYNUM + r")\s+(?:of\s+)?(?P<dmy_m>" + _MONTH + r"),?\s+"
    r"(?P<dmy_y>" + _YEAR + r")" + _END + r")"
    r"|(?P<mdy>\b(?P<mdy_m>" + _MONTH + r")\s+(?P<mdy_d>" + _DAYNUM + r"),?\s+(?P<mdy_y>"
    + _YEAR + r")" + _END + r")"
    r"|(?P<dm>\b(?P<dm_d>" + _DAYNUM + r")\s+(?:of\s+)?(?P<dm_m>" + _MONTH + r")" + _END + r")"
    r"|(?P<md>\b(?P<md_m>" + _MONTH + r")\s+(?P<md_d>" + _DAYNUM + r")" + _END + r"(?!,?\s*\d))"
    r"|(?P<my>\b(?:(?:early|mid|late|end of|beginning of)[\s-]+)?"
    r"(?P<my_m>" + _MONTH + r"),?\s+(?P<my_y>" + _YEAR + r")" + _END + r")"
    r"|(?P<mon>\b(?P<mon_p>in|since|until|till|by|during|from|early|mid|late|of|last|this|"
    r"next|through|throughout|before|after|end of|beginning of)[\s-]+(?P<mon_m>" + _MONTH
    + r")" + _END + r"(?!,?\s+\d))"
    r"|(?P<yr>\b(?:in|since|until|by|during|from|of|before|after|early|late|mid|through|"
    r"throughout)[\s-]+(?P<yr_y>" + _YEAR + r"|" + _OLD_YEAR + r")" + _END
    + r"(?!\s*(?:%|percent|people|per)))"
    # "the 2004 bombing", "a 1969 coup", "the 2003 SARS outbreak": a year before the noun it
    # dates, after a determiner (news writes counts of a thousand and more with a comma).
    r"|(?P<ya>\b(?:the|a|its|this|that|their|his|her)\s+(?P<ya_y>" + _YEAR + r")" + _END
    + r"(?-i:(?:\s+[A-Z][A-Z0-9]+)?\s+[a-z]+)\b)"
    r"|(?P<wd>\b(?:(?P<wd_q>last|next|this|on|early|late)\s+)?(?P<wd_w>" + _WEEKDAY + r")"
    r"(?:['’]s)?\b(?!\s+(?!" + _MONTH + r")(?-i:[A-Z][a-z])))"
    r"|(?P<rel>\b(?P<rel_w>yesterday|today|tonight|tomorrow|last night|this morning|"
    r"this afternoon|this evening)\b)"
    r"|(?P<ago>(?<!more than )(?<!less than )(?<!over )(?<!nearly )(?<!almost )(?<!about )"
    r"(?<!around )(?<!some )\b(?P<ago_n>" + _COUNT + r")\s+(?P<ago_u>days?|months?|years?)\s+"
    r"(?P<ago_dir>ago|earlier|later|before|after)\b(?!\s+(?:the|a|an|his|her|its|their|he|she|"
    r"it|they|this|that|being|(?-i:[A-Z])|\w+ing\b)))"
    r"|(?P<prevday>\b(?:the\s+(?P<pd_w>previous|following|next)\s+day|the\s+day\s+(?P<pd_b>"
    r"before|after)(?!\s+\w)|a\s+day\s+(?P<pd_e>earlier|later))\b)"
    r"|(?P<period>\b(?P<per_q>last|this|next|earlier\s+this|later\s+this|earlier\s+in\s+the|"
    r"late\s+last|early\s+last|earlier\s+last)\s+(?P<per_u>month|year)\b)",
    re.IGNORECASE,
)
# Every branch above starts a word (a \b before a digit or letter): searched from word starts
# only, the big alternation is not tried inside words (1.7x faster, the same matches).
_PATTERN_AT_WORDS = re.compile(r"\b(?=\w)(?:" + PATTERN.pattern + ")", re.IGNORECASE)
# Every expression holds one of these words; the big pattern is only tried just before
# each of them (it is slow to try at every position of every sentence).
_TRIGGER_WORDS = (r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|"
                  r"march|april|june|july|august|september|october|november|december|monday|"
                  r"tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                  r"tomorrow|days?|night|morning|afternoon|evening|months?|years?)\b")
# (each is a whole word in every expression: "day" inside "holiday" or "mar" inside "market"
# starts none)
TRIGGER_RE = re.compile(r"\b(?:1[0-9]|20)\d\d\b|(?i:" + _TRIGGER_WORDS + ")")
# The same scan on the text in lower case, without (?i) (which makes the regex compare every
# letter case-blind: 2x slower); lower-casing keeps every character's place and whether it
# is a word character. The letters re's case-blind match folds to ASCII that str.lower()
# does not ("İ", which also lowers to two characters, "ı" and "ſ") take the scan above.
_TRIGGER_LOWER_RE = re.compile(r"\b(?:1[0-9]|20)\d\d\b|" + _TRIGGER_WORDS)
_FOLDS_APART_RE = re.compile("[\u0130\u0131\u017f]")
LONGEST_PREFIX = 30  # characters an expression may start before its trigger word
LONGEST_SUFFIX = 60  # characters it (and what it looks at) may reach past the trigger
# Month, weekday and relative words are matched case-insensitively above for the modifiers;
# the names themselves must be capitalised (checked after matching).
_NAME_GROUPS = ("dmy_m", "mdy_m", "dm_m", "md_m", "my_m", "mon_m", "wd_w")
# A sentence about what is to come resolves "on Tuesday" and "in March" forwards.
WEEKDAY_PAIR_RE = re.compile(r"\s*(?:and|or|to|through|until|-|–)\s*")
FUTURE_RE = re.compile(
    r"\b(will|would|shall|'ll|’ll|is due|are due|is expected to|are expected to|is scheduled|"
    r"hopes? to|hoped to|aims? to|aimed to|intends? to|intended to|"
    r"are scheduled|is set to|are set to|plans? to|planned for|to be held|upcoming|next)\b",
    re.IGNORECASE)
# "ahead of", "on the eve of": before something, as seen when it was said; by the time of
# publication it may have happened. Such a weekday is the nearest one, either way.
NEAR_RE = re.compile(r"\b(ahead of|in advance of|on the eve of|in the run-up to|"
                     r"in the build-up to|in preparation for|preparing for|prepares for)\b",
                     re.IGNORECASE)
# A past tense in the clause: what it tells has happened ("was", "attended", "has killed").
PAST_RE = re.compile(r"\b(was|were|had|did|has|have|\w{2,}ed|came|went|took|made|gave|"
                     r"began|left|met|held|struck|hit|said|told|won|lost|fell|rose)\b",
                     re.IGNORECASE)
BE_BEFORE_RE = re.compile(r"\bbe\s+$")
# Where the writer turns to a source ("…will guarantee bank debt, according to a draft
# statement under discussion by European leaders Sunday"): what follows is not the tense
# before it.
SOURCE_RE = re.compile(r"\baccording to\b|\bsaid\b|\bsays\b", re.IGNORECASE)
# "Sunday's awards", "Tuesday's vote": a scheduled event named by its weekday. With no tense
# in its clause, it is the nearest such weekday (the coming one two days ahead rather than
# the one five days back); a happening ("Tuesday's quake") keeps the past reading.
SCHEDULED_RE = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,4}?(?:awards?|elections?|votes?|polls?|referendum|match|"
    r"game|final|summit|meeting|talks|ceremony|concert|telethon|debate|race|conference|"
    r"hearing|deadline|launch|parade|rally|session|festival|premiere|show|gala|"
    r"inauguration|wedding|funeral|memorial|service)\b")
# A clock time ("11:51 pm EDT", "17:03 GMT", "10:53 AM"). Right beside a date it makes a
# stamp: when a page, a post or a comment was written ("AMMAN | Fri Jun 10, 2011 11:51 pm
# EDT", "Posted by: X | September 17, 2008 10:53 AM", "At 10:28 am on 28 May 2010, X
# wrote"), not a day the sentence speaks of.
_CLOCK = r"(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?i:[ap]\.?m\.?))?(?:\s*[A-Z]{1,4}\b)?"
# The clock right after the day ("03 February 12 17:03 GMT": the year's two digits may come
# between), or after "Last updated at".
STAMP_AFTER_RE = re.compile(r"\s*(?:\d\d\s+)?[,;|]?\s*(?:(?i:last\s+updated\s+at)\s+)?"
                            + _CLOCK)
# "February 1, 2011 at 5:18 pm |": with its year, a day "at" a clock time is a stamp too
# ("on 12 May at 14:28" tells when the event happened).
STAMP_AT_RE = re.compile(r"\s*,?\s*at\s+" + _CLOCK)
STAMP_BEFORE_RE = re.compile(_CLOCK + r"\s*[,;|]?\s*(?:on\s+)?$")
# "(Update 1:12 a.m. Tuesday in Cairo, 6:12 p.m. ET Monday)": a live page's entry stamp.
UPDATE_STAMP_RE = re.compile(r"\(\s*(?i:updated?|posted)\b:?\s*" + _CLOCK + r"[^()]*$")
# Where a clause ends: the tense of "He said on Monday that talks will resume" is "said".
CLAUSE_RE = re.compile(r"[;:!?]|,\s|\s--?\s|\s[—–]\s|\bthat\b|\bwhen\b|\bafter\b|\bbefore\b|"
                       r"\bbut\b|\band\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date a sentence speaks about: where it is written and what it resolves to."""

    start: int  # character span in the sentence
    end: int
    text: str  # as written
    date: dt.date  # the first day of the period
    granularity: str  # "day", "month" or "year"

    @property
    def key(self) -> tuple[dt.date, str]:
        return self.date, self.granularity


def find_dates(text: str, published: dt.date | None,
               anchor: dt.date | None = None) -> list[DateMention]:
    """Every date in `text` that can be resolved, in order.

    `published` resolves "on Tuesday", "yesterday", "in March", "4 March"; `anchor` (a day the
    text around it speaks of, else `published`) resolves "two days earlier", "the next day".
    Without the date needed, an expression is skipped: nothing is guessed."""
    out: list[DateMention] = []
    anchor = anchor or published
    matches = [m for m in _matches(text)
               if _names_capitalised(m) and not _part_of_name(m, text) and not _stamp(m, text)]
    scene = _earlier_year_told(text, matches, published)
    for match in matches:
        told = scene[0] if scene and match.start() >= scene[1] else None
        mention = _resolve(match, text, published, anchor, told)
        if mention is not None and out and match.lastgroup == "wd" and \
                WEEKDAY_PAIR_RE.fullmatch(text[out[-1].end:mention.start]) and \
                out[-1].granularity == DAY and _is_weekday(out[-1].text):
            # "Wednesday and Thursday", "by Thursday or Friday": the second day follows the
            # first, whichever way the first was read.
            ahead = (mention.date.weekday() - out[-1].date.weekday()) % 7 or 7
            mention = replace(mention, date=out[-1].date + dt.timedelta(days=ahead))
        if mention is not None:
            out.append(mention)
            if mention.granularity == DAY:
                anchor = mention.date  # "on Tuesday. Two days earlier, ..."
    return out


def _matches(text: str) -> list[re.Match[str]]:
    """PATTERN's matches, in order, as a scan of the whole text would find them."""
    out: list[re.Match[str]] = []
    done = 0
    for trigger in _triggers(text):
        if trigger.end() <= done:
            continue
        pos = max(done, trigger.start() - LONGEST_PREFIX)
        while True:
            match = _first_match(text, pos, trigger.end(), trigger.end() + LONGEST_SUFFIX)
            if match is None:
                break
            out.append(match)
            pos = done = max(match.end(), match.start() + 1)
            if match.end() >= trigger.end():
                break
    return out


def _first_match(text: str, pos: int, last: int, endpos: int) -> re.Match[str] | None:
    """_PATTERN_AT_WORDS.search(text, pos, endpos) when it starts at `last` or before, else
    None: tried only at the word starts up to `last` (a search would go on to `endpos`)."""
    for start in _WORD_START_RE.finditer(text, pos, last + 1):
        match = _PATTERN_AT_WORDS.match(text, start.start(), endpos)
        if match is not None:
            return match
    return None


_WORD_START_RE = re.compile(r"\b(?=\w)")


def _triggers(text: str) -> Iterator[re.Match[str]]:
    """TRIGGER_RE.finditer(text), or its matches' places (about 2x faster)."""
    if _FOLDS_APART_RE.search(text):
        return TRIGGER_RE.finditer(text)
    return _TRIGGER_LOWER_RE.finditer(text.lower())


def article_dates(sentences: Iterable[tuple[int, str]], published: dt.date | None
                  ) -> list[list[DateMention]]:
    """Dates of each (paragraph, text) in order; "two days later" and "the previous day"
    count from the last day named earlier in the same paragraph, else from `published`."""
    return [list(found) for found in _article_dates(tuple(sentences), published)]


# The figures ledger (once per topic that tracks figures) and the timeline each ask for every
# article's dates in one build: found once (enough entries for a 10,000-article edition
# and the story before it; the keys hold the articles' own strings).
@lru_cache(maxsize=1 << 15)
def _article_dates(sentences: tuple[tuple[int, str], ...], published: dt.date | None
                   ) -> tuple[tuple[DateMention, ...], ...]:
    out = []
    anchor, paragraph = published, None
    for para, text in sentences:
        if para != paragraph:
            anchor, paragraph = published, para
        found = find_dates(text, published, anchor)
        days = [m.date for m in found if m.granularity == DAY]
        if days:
            anchor = days[-1]
        out.append(tuple(found))
    return tuple(out)


def _names_capitalised(match: re.Match[str]) -> bool:
    return all(match.group(g) is None or match.group(g)[0].isupper() for g in _NAME_GROUPS)


def _part_of_name(match: re.Match[str], text: str) -> bool:
    """'Fox News Sunday', 'the Today programme', 'Good Friday': a day name inside a title or a
    named day, not a date. 'the' before it, a closing quote after it, or a feast's word."""
    if match.lastgroup not in ("wd", "rel") or match.group("wd_q"):
        return False
    word = match.group(0)
    before = text[:match.start()].split()
    previous = before[-1] if before else ""
    if previous.lower() in ("the", "a") and word[0].isupper():
        return True
    if match.lastgroup == "wd" and text[match.end():match.end() + 1] in ("\"", "”", "’"):
        return True
    return previous.lower() in NAMED_DAY_WORDS


def _stamp(match: re.Match[str], text: str) -> bool:
    """A date in a page's, a post's or a comment's stamp ("Fri Jun 10, 2011 11:51 pm EDT",
    "03 February 12 17:03 GMT", "6 January 2011 Last updated at 17:03 GMT", "6:30 pm ET
    February 11, 2013", "(Update 1:12 a.m. Tuesday…)"), not an event's. A clock before the
    day, or "at" one after it, makes a stamp only of a day with its year: "at 9:45 pm on
    April 20" tells when the event happened."""
    if UPDATE_STAMP_RE.search(text, max(0, match.start() - 60), match.start()):
        return True
    if match.lastgroup not in ("dmy", "mdy", "dm", "md"):
        return False
    if STAMP_AFTER_RE.match(text, match.end()):
        return True
    return match.lastgroup in ("dmy", "mdy") and bool(
        STAMP_AT_RE.match(text, match.end())
        or STAMP_BEFORE_RE.search(text, max(0, match.start() - 30), match.start()))


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _clause(text: str, start: int, end: int) -> str:
    """The clause holding text[start:end], without it."""
    return CLAUSE_RE.split(text[:start])[-1] + " " + CLAUSE_RE.split(text[end:])[0]


def _future(text: str, start: int, end: int) -> bool:
    """True when the clause holding text[start:end] speaks of what is to come."""
    clause = _clause(text, start, end)
    if FUTURE_RE.search(clause):
        return True
    return not PAST_RE.search(clause) and _tense_before(text, start) == "future"


def _tense_before(text: str, start: int) -> str:
    """The tense of the nearest clause before text[start:] that has one: "future", "past"
    or "" for none. A clause without a verb of its own ("…hope to reach the coast, perhaps
    by Saturday evening"; "…will hover and make its final descent at dawn Sunday") goes on
    the one before it."""
    future = [m.end() for m in FUTURE_RE.finditer(text, 0, start)
              if m.group(1).lower() not in ("next", "upcoming")]
    # "could be launched": a participle after "be" is no past tense.
    past = [m.end() for m in PAST_RE.finditer(text, 0, start)
            if not BE_BEFORE_RE.search(text, max(0, m.start() - 5), m.start())]
    if not future and not past:
        return ""
    last = max(future + past)
    if SOURCE_RE.search(text, last, start):
        return ""
    return "future" if last in future else "past"


def _weekday_reading(text: str, start: int, end: int, name_end: int) -> str:
    """How a weekday is read from its clause's tense: "future" (the coming one), "near"
    (the nearest, either way: "ahead of the vote on Sunday", "Sunday's awards" with no
    tense) or "past" (the latest, as news reports what happened)."""
    clause = _clause(text, start, end)
    if FUTURE_RE.search(clause):
        return "future"
    if NEAR_RE.search(clause):
        return "near"
    if PAST_RE.search(clause):
        return "past"
    if SCHEDULED_RE.match(text, name_end):
        return "near"
    return "future" if _tense_before(text, start) == "future" else "past"


def _earlier_year_told(text: str, matches: list[re.Match[str]],
                       published: dt.date | None) -> tuple[int, int] | None:
    """The year before the publication's that a sentence opens with ("In 2009, …", "In March
    2009 …"), and where it ends: the sentence tells of that year, so a day it names later
    without a year is of it ("In March 2009 the storm killed 41 people on 14 March"). A
    year told elsewhere in a sentence ("the boat, built in 1955, sank on July 10") is no
    scene for its days."""
    if published is None or not matches or not SCENE_OPENS_RE.fullmatch(
            text, 0, matches[0].start()):
        return None
    first, kind = matches[0], matches[0].lastgroup
    if kind in ("my", "yr") and not NOT_TOLD_RE.match(first.group(0)):
        year = int(first.group("my_y" if kind == "my" else "yr_y"))
        if year < published.year:
            return year, first.end()
    return None


SCENE_OPENS_RE = re.compile(r"[\W_]*(?:(?:In|During|Early|Late|Throughout)\s+)?")
NOT_TOLD_RE = re.compile(r"(?:since|from|until|by|through|throughout|after)\b", re.I)


def _resolve(match: re.Match[str], text: str, published: dt.date | None,
             anchor: dt.date | None, told: int | None = None) -> DateMention | None:
    kind = match.lastgroup
    g = match.group
    start, end = match.span()
    date: dt.date | None = None
    grain = DAY
    if kind == "iso":
        y, m, d = (int(p) for p in g("iso").split("-"))
        date = _safe_date(y, m, d)
    elif kind == "dmy":
        date = _safe_date(int(g("dmy_y")), _month(g("dmy_m")), _day(g("dmy_d")))
    elif kind == "mdy":
        date = _safe_date(int(g("mdy_y")), _month(g("mdy_m")), _day(g("mdy_d")))
    elif kind in ("dm", "md"):
        month, day = _month(g(f"{kind}_m")), _day(g(f"{kind}_d"))
        date = _nearest_year(month, day, published, _year_named_after(text, end) or told)
    elif kind == "my":
        date, grain = dt.date(int(g("my_y")), _month(g("my_m")), 1), MONTH
    elif kind == "mon":
        grain = MONTH
        start = match.start("mon_m") if g("mon_p").lower() in ("in", "since", "until", "till",
                                                               "by", "during", "from", "of",
                                                               "through", "throughout",
                                                               "before", "after") else start
        date = _month_occurrence(_month(g("mon_m")), published, g("mon_p").lower(),
                                 _future(text, start, end))
    elif kind == "yr":
        date, grain = dt.date(int(g("yr_y")), 1, 1), YEAR
        start = match.start("yr_y")
    elif kind == "ya":
        date, grain = dt.date(int(g("ya_y")), 1, 1), YEAR
    elif kind == "wd":
        qualifier = (g("wd_q") or "").lower()
        if qualifier == "on":
            start = match.start("wd_w")
        date = _weekday(WEEKDAYS[g("wd_w").lower()], published, qualifier,
                        _weekday_reading(text, start, end, match.end("wd_w")))
    elif kind == "rel":
        word = " ".join(g("rel_w").lower().split())
        if published is not None:
            shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
            date = published + dt.timedelta(days=shift)
    elif kind == "ago":
        date, grain = _count_back(g("ago_n"), g("ago_u"), g("ago_dir"), published, anchor)
    elif kind == "prevday":
        word = (g("pd_w") or g("pd_b") or g("pd_e") or "").lower()
        if anchor is not None:
            date = anchor + dt.timedelta(days=-1 if word in ("previous", "before", "earlier")
                                         else 1)
    elif kind == "period":
        date, grain = _period(g("per_q"), g("per_u"), published)
    if date is None:
        return None
    return DateMention(start, end, text[start:end], date, grain)


def _year_named_after(text: str, end: int) -> int | None:
    # "March 4 and 5, 2010" or "4 March ... of 2010": a year right after the day belongs to it.
    follow = re.match(r"\s*(?:and|-|–|to)\s*\d{1,2}(?:st|nd|rd|th)?,?\s+(" + _YEAR + r")\b",
                      text[end:])
    return int(follow.group(1)) if follow else None


def _nearest_year(month: int, day: int, published: dt.date | None,
                  year: int | None) -> dt.date | None:
    """A day and month without a year: the year named next to it, else the one that puts the
    date nearest the publication date (news speaks of the weeks around it)."""
    if year is not None:
        return _safe_date(year, month, day)
    if published is None:
        return None
    options = [d for d in (_safe_date(published.year + k, month, day) for k in (-1, 0, 1)) if d]
    return min(options, key=lambda d: (abs((d - published).days), d > published), default=None)


def _month_occurrence(month: int, published: dt.date | None, prep: str,
                      future: bool) -> dt.date | None:
    """'in March': the latest March not after publication, or the next one when the clause
    speaks of the future (or says "next")."""
    if published is None:
        return None
    year = published.year
    # "by September", "until June": a deadline, so this year's when still ahead.
    deadline = prep in ("by", "until", "till") and month >= published.month
    if prep == "next" or (future and prep != "last") or deadline:
        if month < published.month or (prep == "next" and month == published.month):
            year += 1
    elif prep == "last":
        if month >= published.month:
            year -= 1
    elif month > published.month:
        year -= 1
    return dt.date(year, month, 1)


def _is_weekday(text: str) -> bool:
    return bool(re.search(_WEEKDAY, text))


def _weekday(weekday: int, published: dt.date | None, qualifier: str,
             reading: str) -> dt.date | None:
    """'on Tuesday' in a report is the latest Tuesday up to publication; in a clause about
    what is to come, the next one; read "near", the nearer of the two (the latest on a
    tie); 'last' and 'next' exclude the publication day itself."""
    if published is None:
        return None
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if qualifier == "last":
        return published - dt.timedelta(days=back or 7)
    if qualifier == "next":
        return published + dt.timedelta(days=ahead or 7)
    if reading == "future" or (reading == "near" and ahead < back):
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _count_back(count: str, unit: str, direction: str, published: dt.date | None,
                anchor: dt.date | None) -> tuple[dt.date | None, str]:
    n = int(count) if count.isdigit() else NUMBERS[count.lower()]
    base = published if direction.lower() == "ago" else anchor
    if base is None:
        return None, DAY
    sign = 1 if direction.lower() in ("later", "after") else -1
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return base + dt.timedelta(days=sign * n), DAY
    if unit == "month":
        index = base.year * 12 + base.month - 1 + sign * n
        return dt.date(index // 12, index % 12 + 1, 1), MONTH
    return dt.date(base.year + sign * n, 1, 1), YEAR


def _period(qualifier: str, unit: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    if published is None:
        return None, DAY
    q = " ".join(qualifier.lower().split())
    shift = -1 if q.endswith("last") else 1 if q == "next" else 0
    if unit.lower() == "month":
        index = published.year * 12 + published.month - 1 + shift
        return dt.date(index // 12, index % 12 + 1, 1), MONTH
    return dt.date(published.year + shift, 1, 1), YEAR
