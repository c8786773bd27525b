"""Figures of the user's measures: which quantities count what the measure counts, with what
happened to them in the same clause, who says them, where and when."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..config import UNIT_KINDS as MEASURE_UNIT_KINDS
from ..config import MeasureConfig
from ..ledger import speaker_key
from ..models import Article, Claim, Quantity, Sentence, SentenceRef
from .attribution import PASSIVE_BEFORE_RE, verb_pattern, who_says
from .dates import DAY, MONTH, YEAR, DateMention, article_dates
from .event_words import other_words
from .figure_time import (
    RELATIVE_WHEN_RE,
    background,
    event_relative_spans,
    figure_time,
    reach,
)
from .holder import holder, proper_names
from .person_nouns import ANY_PERSON, names_occurrence, names_people
from .place import clause_place, is_place, page_places, place, subject_place
from .quantities import find_quantities
from .text import tokens
from .units import unit_key

# Where a clause ends for what happened to a figure: "60 were detained, and a further 120
# placed under house arrest" gives each figure its own event.
CLAUSE_BREAK_RE = re.compile(
    r"[;:]|\s[—–]\s|,\s+(?:and|but|while|whereas|which|who|although|though|as|after|"
    r"before|when|because|since|with)\b|\bwhile\b|\bwhereas\b|\bbut\b")
RELATIVE_OPEN_RE = re.compile(r",\s+(?:where|which|who|whom|whose)\b")
AUXILIARY_STEMS = frozenset("is are was were be been have has had being".split())
COORDINATOR_RE = re.compile(r"\b(?:and|or|but|while|whereas)\b|(?<!\d),|,(?!\d)|;")  # not "12,000"
# Vague amounts are not figures: "thousands of people", "dozens".
VAGUE_RE = re.compile(r"^(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|hundreds|thousands|millions|"
                      r"billions)$", re.I)
MAGNITUDE_AFTER_RE = re.compile(r"^[\s-]*magnitude\b", re.I)
MAGNITUDE_BEFORE_RE = re.compile(r"\bmagnitude\s+(?:of\s+)?(?:about\s+|around\s+)?$", re.I)
# "15 of Japan's nuclear power stations": the counted noun after "of".
OF_NOUN_RE = re.compile(r"^\s+of\s+(?:the|its|their|his|her|our|[A-Z][\w.-]*['’]s)\s+"
                        r"((?:[\w-]+\s+){0,3}?(?:people|staff|personnel|crew|police|"
                        r"[a-z][\w-]*s))\b")
# A figure of what could or will be, not of what is: "the toll could exceed 10,000".
OUTLOOK_RE = re.compile(r"\b(?:could|may|might|would|will|shall|should|expected|likely|feared|"
                        r"fears?|forecasts?|possibility|projected|projections?|predicts?|"
                        r"predicted|plans?|planned|aims?|target|targets)\b|['’]ll\b", re.I)
# A forecast that already showed something reports what it found, not what will be:
# "Official projections showed New Democracy with 30 percent of the vote".
SHOWED_RE = re.compile(r"\b(?:forecasts?|projections?|predictions?|estimates?)\s+"
                       r"(?:showed|gave|put|found|had)\b", re.I)
# After the figure only a modal of possibility marks it ("1,200 workers could lose their
# jobs"); "42,000 households would receive water" reports a plan already in force.
OUTLOOK_AFTER_RE = re.compile(r"\b(?:could|may|might)\b", re.I)
# A figure that is part of the one before it: "60 people, including 10 children, …".
PART_BEFORE_RE = re.compile(r"(?:including|among them|among whom|of whom|of which|"
                            r"among those|incl\.)\s*$", re.I)
OF_THEM_RE = re.compile(r"^\s+of\s+(?:them|those|these|whom|which)\b", re.I)
# A length right after a verb's object pronoun is a distance moved ("swept her 400 metres").
MOVED_RE = re.compile(r"\b[a-z]+(?:ed|t)\s+(?:her|him|them|it|us|me)\s+(?:about\s+|some\s+|"
                      r"nearly\s+|almost\s+|more\s+than\s+)?$")
# A figure that says which dimension it is ("a diameter of 80 kilometres") is a figure of
# that dimension only.
DIMENSION_RE = re.compile(r"\b(diameter|radius|depth|distance|width|length|height|altitude|"
                          r"elevation|circumference|thickness)\s+of\s+(?:about\s+|some\s+|"
                          r"roughly\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|"
                          r"up\s+to\s+|over\s+|under\s+|just\s+)?$", re.I)
# A length that says after it which dimension or position it is: "five miles high", "80 km
# wide", "300 miles from Jamaica", "20 miles off the coast".
DIMENSION_AFTER_RE = re.compile(
    r"\s+(high|tall|deep|wide|long|thick|across|away|from|off|north|south|east|west|"
    r"northeast|northwest|southeast|southwest|above|below|inland|offshore)\b", re.I)
DIMENSION_WORDS = {"high": "height", "tall": "height", "deep": "depth", "wide": "width",
                   "across": "width", "long": "length", "thick": "thickness"}
# What happened around a figure, not to it: "lost 3m euros under an EU bailout deal".
CIRCUMSTANCE_RE = re.compile(r"\b(?:under|following|after|before|during|despite|amid|"
                             r"because\s+of|due\s+to|as\s+part\s+of|over\s+the\s+(?:course|"
                             r"life|length)\s+of|for\s+the\s+(?:duration|length)\s+of)\b",
                             re.I)
# What can befall the people a figure counts. Two of them joined by "or"/"and" make one
# group ("dead or missing"), which is neither measure's figure.
_FATES = (r"killed|dead|died|injured|wounded|hurt|missing|homeless|affected|displaced|"
          r"evacuated|arrested|detained|infected|hospitali[sz]ed|rescued|trapped|unaccounted")
FATE_AFTER_RE = re.compile(rf"(?:,\s*[a-z]+)*,?\s+(?:and/or|or|and)\s+(?P<fate>{_FATES})\b")
FATE_BEFORE_RE = re.compile(rf"\b(?P<fate>{_FATES})(?:,\s*[a-z]+)*,?\s+(?:and/or|or|and)\s+$")
HEADING_COLON_RE = re.compile(r"\s*:")
# A timeline's entry: a date that opens its paragraph, then a dash ("May 1967 - After
# massacres …, the east tries to secede. Civil war ensues in which one million people
# die."): the entry's later sentences are of its date too.
ENTRY_DASH_RE = re.compile(r"\s+[-–—]\s")
# A count over a year that recurs ("Each year, normal flu kills up to 500,000", "in an
# average year") is a habitual rate, not the story's own figure: background, whatever the
# figure's verb or unit.
_YEARLY = (r"\b(?:each|every)\s+year\b|\bannually\b|\byear\s+after\s+year\b|"
           r"\bin\s+an?\s+(?:average|typical|normal|ordinary|usual)\s+year\b")
YEARLY_RE = re.compile(_YEARLY, re.I)
# So is a count each day, week or month, or "a year" ("3,000 people die every day from
# malaria", "kills up to 500,000 people a year"), but not "a year ago" nor "in a year", and
# only told in the present and with no unit (see _habitual).
HABITUAL_RE = re.compile(_YEARLY + r"|\b(?:each|every|per)\s+(?:day|week|month|year)\b|"
                         r"(?<!\bin\s)(?<!within\s)(?<!\bfor\s)(?<!over\s)(?<!\bat\s)(?<!than\s)"
                         r"\ba\s+(?:day|week|month|year)\b(?!\s+(?:ago|earlier|later|before|"
                         r"after|on|since|from|or|and)\b)", re.I)
# A number (and its noun) just before the span: the span is that other quantity's ("water
# for six hours a day", "£760m a year to show 116 games").
OTHER_RATE_BEFORE_RE = re.compile(r"(?:\d[\d,.]*(?:[a-z]{1,2}|%)?|\b(?:one|two|three|four|five|"
                                  r"six|seven|eight|nine|ten|eleven|twelve|several|few))"
                                  r"(?:\s+[a-z]+)?\s+$", re.I)
PROGRESSIVE_OR_PAST_RE = re.compile(r"\b(?:\w+ing|were|was|have|has|had|\w+ed)\b", re.I)
OF_AFTER_RE = re.compile(r"\s+of\b")
# A second noun joined to a figure's noun: "children and adults", "students or staff".
COORDINATED_PEOPLE_RE = re.compile(r"\s+(?:and|or)\s+([a-z][\w-]*)\b")
# Other people a figure's noun belongs to, who an event after them befell: "300 relatives of
# those who died", "60 family members of the people killed".
OF_OTHERS_RE = re.compile(r"\bof\s+(?:those|the\s+(?:people|persons|ones|victims|dead))\b",
                          re.I)
# How near its event word a count of people the measure does not name must stand.
PEOPLE_EVENT_WORDS = 6
# A sentence's end inside a quotation that the reader keeps whole ("…in Russia. And recent
# information indicates…").
QUOTED_STOP_RE = re.compile(r"[.!?][\"”’']?\s+[\"“‘]?[A-Z]")
# Where an event word is no event: an idiom ("a good deal higher prices") or a compound
# naming another quantity ("a market value of $176.7 billion" is a company's worth, not the
# value of a deal). Matched on the words before and after the event word.
# A figure right after the event word and a preposition is where or how it happened, not
# who it happened to: "900 cases had been confirmed in 20 countries", "arrested in 3 raids".
# ("to", "at", "by", "from" and "over" bring the figure's own value: "rose to 45",
# "estimated at 2,000", "cut by 5%", "up from 41", "over 100".)
PLACE_PREPOSITION_AFTER_RE = re.compile(r"\s+(?:in|across|on|with|among|within|throughout|"
                                        r"into|inside|during)\s+(?:the\s+)?$", re.I)
NOT_EVENT_BEFORE_RE = re.compile(r"\b(?:a\s+(?:good|great)|market|book|face|net|stock[\s-]market)"
                                 r"\s+$", re.I)
# A bare vague amount ("thousands would lose their jobs") between a figure and the event
# word after it takes the event: "the more than 40,000 at Mobil, …, thousands would…".
BARE_VAGUE_RE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|millions)\b(?!\s+of\b)",
                           re.I)
# An amount for each unit of something ("$20 a barrel", "$86 a share", "$300 per ton") is a
# price or rate, another kind of amount than a total; a time is no unit here ("2.2 billion
# euros a year" is a yearly total).
RATE_AFTER_RE = re.compile(r"^(?:\s+(?:a|an|per|each|for\s+each|for\s+every)\s+|\s*/\s*)"
                           r"(?!(?:year|season|month|week|day|quarter|annum|decade|hour|minute|"
                           r"time)s?\b)[a-z]", re.I)
# A correction of the figure told before it, which needs no counted noun or event word of
# its own: "revised that figure down to 12,514", "lowered the toll to 300".
REVISED_RE = re.compile(r"\b(?:revis|lower|rais|correct|reduc|adjust|updat|cut|upp)(?:e|ed|es|"
                        r"ing|s)?\b(?:\s+(?:the|that|this|its|their|his|her|our|official|"
                        r"death|casualty|final|figure|figures|toll|number|count|estimate|tally|"
                        r"total|it)){0,3}\s+(?:sharply\s+|slightly\s+)?(?:down(?:wards?)?|"
                        r"up(?:wards?)?)?\s*to\s*$", re.I)
# The words before a figure's earlier value: "up from", "upgraded from", "compared with".
EARLIER_BEFORE_RE = re.compile(r"\b(?:(?:up|down|upgraded|downgraded|revised|raised|lowered|"
                               r"increased|decreased|rose|fell|risen|fallen|climbed|dropped|"
                               r"jumped|slipped)\s+from|compared\s+(?:with|to))\s+(?:the\s+)?"
                               r"(?:(?:previous|earlier|original|initial)\s+)?$", re.I)
# Words that join a figure to the figure before it within one clause: "more than 60 people
# injured and at least fifteen arrested", "30 per cent of the vote and 129 seats".
# After "and" only a hedge may stand: "… of $10 billion and sources said it had secured
# another $7 billion" joins two clauses, not two figures.
JOINED_RE = re.compile(r"[^,;:()\[\]—–.!?\"“”]*\band\s+(?:(?:at|least|about|around|some|"
                       r"nearly|almost|more|than|over|up|to|another|a|an|further|estimated|"
                       r"roughly|approximately|just|only|as|many)\s+)*")
# A figure of an example ("other big mergers, such as Boeing's $14 billion acquisition of
# McDonnell Douglas") is another event's: background, never the current figure.
EXAMPLE_BEFORE_RE = re.compile(r"\b(?:such\s+as|for\s+example|for\s+instance)\s+"
                               r"(?:the\s+|a\s+|an\s+)?"
                               r"(?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*['’]s\s+)?"
                               r"(?:[a-z-]+\s+){0,3}$")
# The parties a deal's amount names: "the proposed $54 billion merger of British Petroleum
# and Amoco", "Boeing's $14 billion acquisition of McDonnell Douglas".
_DEAL_NOUNS = r"(?:merger|acquisition|takeover|purchase|combination|buyout|deal|bid)"
_PARTY = r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*"
PARTIES_AFTER_RE = re.compile(rf"\s+(?:[a-z-]+\s+){{0,2}}{_DEAL_NOUNS}\s+"
                              rf"(?:of|with|between|for)\s+(?:the\s+)?"
                              rf"({_PARTY}(?:\s+(?:and|with|by)\s+(?:the\s+)?{_PARTY})?)")
PARTY_BEFORE_RE = re.compile(rf"({_PARTY})['’]s\s+(?:[a-z-]+\s+)?$")
# An amount that says which other amount it is: "$2 billion in annual savings", "£35m in
# wages" (not "of": "$5.8m of debt written off" is the debt written off).
OTHER_AMOUNT_AFTER_RE = re.compile(r"\s+in\s+(?:(?:annual|yearly|new|extra|additional|"
                                   r"lost|total)\s+)?(savings|costs|revenues?|sales|profits?|"
                                   r"earnings|wages|salaries|debts?|losses|fees|taxes|"
                                   r"spending|damages?|fines?|subsidies|dividends)\b", re.I)
# A figure its own sentence calls wrong: "resulting in the erroneous report that nearly
# 18,000 people had died", "a mistaken estimate of 900".
RETRACTED_BEFORE_RE = re.compile(r"\b(?:erroneous|mistaken|false|wrong|incorrect|inaccurate)\s+"
                                 r"(?:[a-z]+\s+){0,2}(?:that|of)\s+(?:[a-z]+\s+){0,3}$", re.I)
# "Guatemala said 194 of its people had been killed": the speaker's own people, so its place.
ITS_PEOPLE_RE = re.compile(r"\s+of\s+its\s+(?:own\s+)?(?:people|citizens|nationals|residents|"
                           r"population)\b")
# A clause about each one of something ("Each televised match will now cost the
# broadcasters £6.6m") gives an amount for each: a rate too.
EACH_OPENS_RE = re.compile(r"(?:^|[,;:])\W*(?:[Ee]ach|[Ee]very)\s+[^,;:]*$")
# A noun that names a kind of deal or agreement right before the event word.
KIND_BEFORE_RE = re.compile(r"\b([a-z]{3,}(?:ship|ism))\s+$")
# A past participle read as a figure's noun ("fifteen arrested", "70 detained").
PARTICIPLE_RE = re.compile(r"[a-z]{3,}(?<!e)ed")
# A superlative read as a figure's noun ("the four nearest the epicentre", "the ten largest"):
# a noun in -est after a count above one would be plural.
SUPERLATIVE_RE = re.compile(r"[a-z]{2,}est")
# The counted noun told before the figure, in its clause: "the number of cases in Japan rose
# to 272", "their estimate of deaths from the flu to over 100", "the tally of arrests
# stood at 90".
TOLD_BEFORE_RE = re.compile(
    r"\b(?:number|estimate|count|tally|total|toll|size|figure)\s+of\s+(?:(?:the|confirmed|"
    r"reported|known|new|recorded)\s+)?(?P<noun>[a-z][\w-]*[a-z]s|people)\b"
    r"(?:\s+(?![Oo]f\b)[\w'’.-]+){0,8}?\s+(?:(?:rose|climbed|jumped|grew|increased|fell|"
    r"dropped|reached|hit|topped|stood|stands|is|was|now|has|had|at|to)\s+)+$")
# A preposition right before a figure (and its hedge), not "to" or "at" ("rose to 272").
PREPOSITION_BEFORE_RE = re.compile(r"\b(?:on|of|in|from|among|with|for|about|by|between|into|"
                                   r"across|after|over|under|within)\s+(?:(?:about|around|"
                                   r"nearly|almost|some|roughly|just|only)\s+)?$", re.I)
# A number joined by a hyphen to the noun after it gives the size of a thing ("a 30-page
# form", "the 300-seat parliament"), not a count; "a 40-strong group" is a count.
SIZE_AFTER_RE = re.compile(r"-(?!strong\b)[A-Za-z]")
# Words of a measure's name or events that say it is such a rate ("Cost per match").
RATE_WORDS = frozenset("per each a an rate price prices".split())
UNIT_KINDS = {
    "magnitude": {"magnitude"},
    "percent": {"percent", "percentage point", "pp"},
    "area": {"km2", "mi2", "m2", "ha", "acre", "ft2", "hectare", "sq km", "sq mi"},
    "length": {"km", "mi", "m", "ft", "cm", "mm", "yd", "nmi", "in"},
    "mass": {"kg", "t", "lb", "g", "tonne", "ton", "oz"},
    "volume": {"l", "gal", "bbl", "m3", "barrel", "ml"},
    "energy": {"kwh", "mwh", "gwh", "twh", "mw", "gw", "kw", "w"},
}


@dataclass(frozen=True)
class _Compiled:
    measure: MeasureConfig
    counted: tuple[tuple[str, ...], ...]  # stem sequences
    events: tuple[tuple[str, ...], ...]
    exclude: tuple[tuple[str, ...], ...]
    # Counted words that are units ("barrels", "tonnes"): figures in that unit count too.
    units: frozenset[str] = frozenset()
    # The measure's own subject, the stems of its name's words ("TV rights deal").
    subject: frozenset[str] = frozenset()
    # A counted word that means anyone ("people"): any noun that names people counts.
    anyone: bool = False
    # Its name or events say it follows an amount for each unit ("Cost per match", "a
    # fixture"), or for a span of time ("Monthly pay", "a month", "annual").
    rate: bool = False
    per_time: bool = False
    # The counted noun its name ends with, after one or more words each one of its events and
    # none a doubt ("Confirmed cases"; not "Cases", "Suspected cases", "Jobs at risk"): a count
    # of that noun with no event word is this measure's, when the noun names an occurrence.
    named: tuple[str, ...] = ()
    # Other words for its one-word events, lower-case as written ("slain" for "killed").
    also: frozenset[str] = frozenset()


@lru_cache(maxsize=64)
def _compile(measure: MeasureConfig) -> _Compiled:
    def stems(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        out = tuple(tuple(t.stem for t in tokens(w)) for w in words)
        return tuple(s for s in out if s)
    units = frozenset(k for k in (unit_key(w) for w in measure.counted) if k)
    subject = frozenset(t.stem for t in tokens(measure.name)
                        if len(t.stem) > 2 and t.stem not in NAME_FUNCTION_WORDS)
    anyone = any(w.lower() in ANY_PERSON for w in measure.counted)
    said = {w.lower() for w in re.findall(r"[A-Za-z]+", " ".join((measure.name,) +
                                                               tuple(measure.events)))}
    counted, events = stems(measure.counted), stems(measure.events)
    # "killed" finds "slain" and "beheaded" too, "died" "perished" (WordNet's other words for
    # the event, see analyze/event_words.py), each as written, not by its stem: "life
    # imprisonment" is no "imprisoned", "Merrill Lynch" no "lynched".
    also = frozenset(w for e in measure.events for w in other_words(e)
                     if w not in {x.lower() for x in measure.events})
    name = tuple(t.stem for t in tokens(measure.name))
    doubt = bool({w.lower() for w in re.findall(r"[A-Za-z]+", measure.name)} & DOUBT_WORDS)
    named = max((n for n in counted if len(name) > len(n) and name[len(name) - len(n):] == n
                 and all((w,) in events for w in name[:len(name) - len(n)]) and not doubt),
                key=len, default=())
    return _Compiled(measure, counted, events, stems(measure.exclude), units, subject, anyone,
                     rate=bool(said & RATE_WORDS), per_time=bool(said & TIME_WORDS),
                     named=named, also=also)


NAME_FUNCTION_WORDS = frozenset("the and for per from with into".split())
# Words that make a measure's noun a doubtful one: an unqualified count is none of these.
DOUBT_WORDS = frozenset("""suspected probable possible potential presumed presumptive
    unconfirmed alleged likely feared""".split())
# A measure that follows a gap between shares says so in its name or events ("Lead in the
# polls", "margin"); only such a measure takes figures in percentage points.
GAP_WORDS = ("lead", "margin", "gap", "points", "difference", "ahead", "behind")
# Units every part of a story is given in: fees, wages and deals are all money, turnout and
# vote shares all percentages. A figure of a measure in one of them that says what else it
# was for ("the £24.5m they paid for a striker", "the club pays £35.3m in wages") needs the
# measure's own subject in its sentence (a word of its name, or an event word used as a
# noun: "the deal", "a rescue"), not only an event verb it shares with other payments.
GENERIC_UNIT_KINDS = frozenset({"money", "percent"})
# An event word is used as a verb after a pronoun, an auxiliary or "to" ("they paid", "has
# paid", "to pay"), or when the amount is its object ("pays £35.3m", "paid a record £5bn").
VERBAL_BEFORE = frozenset("i you he she it we they who which that has have had is are was "
                          "were be been being will would could can may might must shall "
                          "should to also".split())
# What an amount was paid for, right after it: "£24.5m they paid for Lyon's Michael
# Essien", "pays £35.3m in wages" (not a time: "in 2005").
FOR_WHAT_RE = re.compile(r"^(?:\s+(?:they|he|she|it|we|has|have|had|was|were|been|paid|"
                         r"spent|pays?|paying))*\s+(?:for|in|on)\s+(?!\d)(?:the\s+|a\s+|an\s+)?"
                         r"[A-Za-z]")
OBJECT_RE = re.compile(r"^\s+(?:(?:a|an|about|around|nearly|almost|some|over|more|than|up|"
                       r"to|record|roughly|just|at|least|estimated|further|another|only)\s+)"
                       r"{0,3}[$€£¥]?\d")


KIND_NAMES = frozenset(MEASURE_UNIT_KINDS)


def unit_kind(unit: str | None) -> str | None:
    """The kind of a normalised unit key: "USD" -> money, "km2" -> area."""
    if unit is None:
        return None
    if re.fullmatch(r"[A-Z]{3}", unit):
        return "money"
    for kind, keys in UNIT_KINDS.items():
        if unit.lower() in keys:
            return kind
    return None


# An amount for a span of time ("paid $150,000 a month", "grew 5% a year") is a figure of
# a measure that names such a span ("Monthly pay", events "a month", "annual"); for the
# others it is another meaning than their totals ("£760m a year" is no deal's value).
TIME_KEYS = frozenset("second minute hour day week month quarter season year annum decade".split())
TIME_WORDS = TIME_KEYS | frozenset("""secondly hourly daily weekly monthly quarterly yearly
    annual annually""".split())


def unit_fits(unit: str, wanted: str, per_time: bool = False) -> bool:
    """Is a quantity in `unit` a figure of a measure in `wanted` (a unit key or kind)?
    With `per_time`, an amount for a span of time is one too."""
    if unit == wanted or unit_kind(unit) == wanted:
        return True
    amount, _, per = unit.partition("/")
    return per_time and per in TIME_KEYS and (amount == wanted or unit_kind(amount) == wanted)


# An article's figures are found once per topic that tracks figures, each with its own
# measures: a sentence's quantities (a pure function of its text) are read once for all.
@lru_cache(maxsize=1024)
def _quantities_of(text: str) -> tuple[Quantity, ...]:
    return find_quantities(text)


def find_claims(article: Article, article_index: int, measures: tuple[MeasureConfig, ...],
                verbs: tuple[str, ...]) -> list[Claim]:
    """Every figure of the measures in the article, in order: a quantity joins a measure
    when what it counts (noun or unit) and what happened to it (event words) agree in its
    clause. Who says it comes from its sentence or the speaker it continues."""
    compiled = [_compile(m) for m in measures]
    pattern = verb_pattern(verbs)
    verb_stems = _verb_stems(verbs)
    event_words = {e for c in compiled for e in c.events if len(e) == 1}
    # The events of measures that count people or things: a bare figure after one and "at"
    # is an age ("died at 87"); after a unit's event it is the amount ("put the quake at 7.4").
    counts = [c for c in compiled if not c.measure.unit]
    count_events: set[tuple[str, ...]] = {e for c in counts for e in c.events if len(e) == 1}
    also = {w for c in counts for w in c.also}
    dates = article_dates([(s.paragraph, s.text) for s in article.sentences], article.published)
    headed = _headed(article, dates)
    claims: list[Claim] = []
    names: frozenset[str] | None = None  # read when the first figure needs its holder
    main: frozenset[str] = frozenset()  # the names the page is about, read with them
    places: frozenset[str] | None = None  # the page's sure places, read when first needed
    nouns: list[str | None] = []  # what the paragraph's figures counted, for "900 of them"
    for sentence in article.sentences:
        text = sentence.text
        if sentence.index and article.sentences[sentence.index - 1].paragraph != \
                sentence.paragraph:
            nouns = []
        found = _quantities_of(text)
        if not found:  # most sentences (the time phrases below are looked for only after)
            continue
        # A duration inside a time phrase ("two days ago", "three days before the Eurogroup
        # meeting") is a time, not a quantity.
        times = [(m.start, m.end) for m in dates[sentence.index]] + \
            event_relative_spans(text)
        quantities = tuple(q for q in found
                           if not any(a <= q.start and q.end <= b for a, b in times))
        if not quantities:
            continue
        # A live page's entry is dated by its own stamp: "today" there is that day.
        entry = article.entries[sentence.paragraph] if article.entries else None
        now = entry or article.published
        mentions = dates[sentence.index] if now == article.published else \
            article_dates([(sentence.paragraph, text)], now)[0]
        sorts = tuple(_with_magnitude(text, o) for o in quantities)
        windows = _windows(text, sorts)
        unconverted = tuple(o for o in sorts if not _converted(text, quantities, o))
        parts = [i > 0 and (bool(PART_BEFORE_RE.search(text[:q.start])) or
                            _converted(text, quantities, q)) for i, q in enumerate(quantities)]
        events = _events(text, quantities, windows, compiled, parts, pattern)
        for i, q in enumerate(quantities):
            if VAGUE_RE.match(text[q.start:q.end].strip()):
                nouns.append(q.noun)
                continue
            q = sorts[i]
            told = TOLD_BEFORE_RE.search(text, windows[i][0], q.start) \
                if q.noun is None and q.unit is None else None
            (noun, part), kind = ((told.group("noun"), False) if told else
                                  _counted(text, q, nouns)), q.kind
            if noun is not None and noun != q.noun and q.noun and PARTICIPLE_RE.fullmatch(
                    q.noun) and _word_stems(noun.split()[-1])[-1:] in event_words:
                # "… 90 arrests in Cairo, while … reports at least 27 wounded": what happened
                # to them follows the figure; the noun before named an event, not people.
                noun = None
            nouns.append(noun)
            if noun is None and q.unit is None and q.value < 130 and \
                    _age_after_event(text, q, count_events, also):
                continue  # "he was arrested again at 17", "died at 87": an age, no count
            part = part or parts[i]
            # The figure's own noun, not one carried from an earlier figure.
            own = noun is not None and (noun == q.noun or told is not None or
                                        bool(OF_NOUN_RE.match(text[q.end:])))
            if own and noun is not None and set(_word_stems(noun.split()[-1])[-1:]) <= verb_stems:
                own = False  # "100 intelligence reports": a report is no event that befalls
            # "Five of these cases were taken to hospital": a part, counted for what else
            # befell it; only a noun of the figure's own ("four cases", "the number of cases
            # rose to 272") counts occurrences with no event word.
            direct = noun is not None and (noun == q.noun and not OF_AFTER_RE.match(
                text, q.end, q.noun_start or q.end) or told is not None)
            measure = _measure_for(q, noun, kind, events[i], windows[i], text, compiled, own,
                                   direct)
            revised = _revision_of(text, q, claims, article_index, sentence.paragraph,
                                   article.sentences)
            if measure is None and revised is not None:
                measure = next(c.measure for c in compiled if c.measure.name == revised.measure)
                noun = revised.counted or None  # "down to 12,514 early today": no noun
            earlier = _earlier_value_of(text, q, claims, article_index, sentence.index) \
                if measure is None else None
            if earlier is not None:
                # "more than 55,000 households …, up from about 42,000": the figure's earlier
                # value, a step of its history.
                measure = next(c.measure for c in compiled if c.measure.name == earlier.measure)
                noun = earlier.counted or None
            if measure is None or RETRACTED_BEFORE_RE.search(text, 0, q.start):
                continue  # "the erroneous report that nearly 18,000 people had died"
            converted = bool(i and _converted(text, quantities, q) and claims and
                             claims[-1].ref == SentenceRef(article_index, sentence.index) and
                             claims[-1].end <= q.start)
            if converted:
                # "€130 billion ($172 billion)": the same amount converted; the table shows
                # it in the first one's cell, not as a row of its own.
                close = text.find(")", q.end)
                end = close + 1 if 0 <= close - q.end < 3 else q.end
                claims[-1] = replace(claims[-1], figure=text[claims[-1].start:end], end=end)
                if claims[-1].measure != measure.name:
                    continue  # "£3 billion ($4.86 billion)": the pounds' measure has it, not
                    # one of amounts in dollars
            if measure.unit and q.unit is None:
                q = replace(q, unit=measure.unit)  # "the quake to 9.0": magnitude 9.0
            who, said_in = who_says(article.sentences, sentence.index, pattern, q.start)
            # Only a figure of the same sort takes a date from it: "in 1843, an
            # 8.3-magnitude quake killed 5,000" dates the toll too.
            kin = tuple(o for o in unconverted if (o.unit is None) == (q.unit is None))
            when, resolved, past = figure_time(text, q, kin, windows[i], mentions, now)
            whole = claims[-1] if claims and part and claims[-1].ref == SentenceRef(
                article_index, sentence.index) and claims[-1].end <= q.start and \
                not QUOTED_STOP_RE.search(text, claims[-1].end, q.start) else None
            if when is None and whole is not None and whole.when is not None:
                # "10,000 soldiers are currently stationed in Russia, with 8,000 of them in
                # Kursk": a part is of the time of the figure it is part of (in the same
                # sentence, not the next one of a quotation read as one).
                when, past = whole.when, whole.background
                resolved = DateMention(0, 0, whole.when, whole.when_date, whole.when_grain) \
                    if whole.when_date is not None and whole.when_grain else None
            joined = claims[-1] if claims and claims[-1].ref == SentenceRef(
                article_index, sentence.index) and claims[-1].end <= q.start and \
                JOINED_RE.fullmatch(text, claims[-1].end, q.start) and not any(
                    claims[-1].end <= o.start < q.start for o in quantities) else None
            if when is None and joined is not None and joined.when is not None:
                # "results early on Monday showed the party gaining about 30 per cent of the
                # vote and 129 seats": a figure joined by "and" to the one before it, in one
                # clause, is of its time.
                when, past = joined.when, joined.background
                resolved = DateMention(0, 0, joined.when, joined.when_date, joined.when_grain) \
                    if joined.when_date is not None and joined.when_grain else None
            if when is None and said_in != sentence.index and not pattern.search(text):
                # "On October 22, Zelensky reported… These may consist of…": the report's date.
                if dates[said_in]:
                    resolved = dates[said_in][0]
                    when, past = resolved.text, background(resolved, article.published)
                else:
                    said = article.sentences[said_in].text
                    written = RELATIVE_WHEN_RE.search(said)
                    when = written.group(0) if written else None
            if when is None and sentence.index in headed:
                resolved = headed[sentence.index]  # "8 Feb 1843: Leeward Islands." above it
                when, past = resolved.text, background(resolved, article.published)
            if when is None and not dates[sentence.index]:
                scene = _past_scene(article, sentence, dates)
                if scene is not None:
                    # "…razed the old quarter of Hama in 1982. Up to 30,000 people were
                    # killed.": the story told goes on in its year.
                    resolved, when, past = scene, scene.text, True
            if when is None and entry is not None and entry != article.published:
                # Nothing in the sentence: the day of its live entry, not the page's date.
                resolved = DateMention(0, 0, "live entry", entry, DAY)
                when = resolved.text
            if names is None:
                names = proper_names([s.text for s in article.sentences])
                main = _main_names(article)
            where = place(text, q, windows[i]) or _own_people(text, q, who)
            if where is None or _only_before(text, where, q):
                if places is None:
                    places = page_places([s.text for s in article.sentences])
                subject = subject_place(text, q, places, conjunctions=where is not None)
                if where is None:
                    where = subject or clause_place(text, q, windows[i], places)
                elif subject and text.rfind(subject, 0, q.start) > text.rfind(where, 0, q.start):
                    # "…in eleven towns of the Arden valley after the Millbrook reservoir
                    # fell to 18 percent": the subject of the figure's own clause is nearer.
                    where = subject
            if where is None and joined is not None and joined.where and not pattern.search(
                    text, max(0, text.rfind(joined.where, 0, joined.start)), joined.start):
                # "in Athens, … left more than 60 people injured and at least fifteen
                # arrested": the fifteen are in Athens too. Not a place told before a
                # speaker's verb ("The statement, released in Lisbon, also said that 22 people
                # were injured and 26 were missing"): where it was said, not where they are.
                where = joined.where
            elif joined is not None and joined.where is None and where is not None and \
                    re.search(r"\bin\s+(?:the\s+)?" + re.escape(where), text[q.end:]) and \
                    not joined.converted:
                # "13 have died and 75 were injured in Suez": a place told after the second of
                # two figures joined by "and" is the first's too, when it has none.
                claims[-1] = replace(claims[-1], where=where)
            claim = Claim(
                measure=measure.name, figure=text[q.start:q.end], value=q.value, low=q.low,
                high=q.high, hedge=q.hedge, kind=kind, unit=q.unit,
                counted=noun or "", who=who,
                where=where, when=when,
                when_date=resolved.date if resolved else None,
                when_grain=resolved.granularity if resolved else None,
                ref=SentenceRef(article_index, sentence.index), start=q.start, end=q.end,
                background=past or bool(EXAMPLE_BEFORE_RE.search(text, 0, q.start)) or
                _other_parties(text, q, main) or _habitual(text, q, windows[i], measure),
                part=part,
                outlook=_outlook(text, q, windows[i]) or _later(resolved, article),
                holder=_holder(text, q, windows[i], names, who), converted=converted,
                # A day a live page's own entries cover is one the page keeps to, never
                # named in passing ("8.8-magnitude earthquake … today" in its first entry).
                passing=resolved is not None and any(
                    m.granularity == DAY and m.date != resolved.date
                    for m in mentions) and not (
                    article.entries and resolved.date >= min(
                        (d for d in article.entries if d), default=resolved.date)),
                revised=revised is not None and revised.measure == measure.name,
                home=_headline_names(article.title, where))
            if converted:
                # "Since May 2010, Greece has survived on a €110 billion ($146 billion)
                # bailout": the same amount, so the place and time of the amount it converts
                # (a time phrase is nearer the first amount and never reaches the second).
                first = claims[-1]
                claim = replace(claim, where=first.where, when=first.when,
                                when_date=first.when_date, when_grain=first.when_grain,
                                background=first.background, passing=first.passing,
                                home=first.home)
            claims.append(claim)
    return claims


@lru_cache(maxsize=8)
def _verb_stems(verbs: tuple[str, ...]) -> frozenset[str]:
    """The stems of the attribution verbs ("reported", "confirmed")."""
    return frozenset(s for v in verbs for s in _word_stems(v))


def _revision_of(text: str, q: Quantity, claims: list[Claim], article_index: int,
                 paragraph: int, sentences: tuple[Sentence, ...]) -> Claim | None:
    """The figure this one corrects: the last figure before it in its paragraph, when the
    words before it revise one ("revised that figure down to 12,514") and both are counts
    or both amounts of one unit."""
    if not REVISED_RE.search(text[:q.start]) or not claims:
        return None
    last = claims[-1]
    if last.ref.article != article_index or \
            sentences[last.ref.sentence].paragraph != paragraph or last.unit != q.unit:
        return None
    if q.noun and last.counted and q.noun.endswith("s") and \
            _word_stems(q.noun.split()[-1]) != _word_stems(last.counted.split()[-1]):
        return None  # "Power has been cut to 4 million homes": other things, no correction
    return last


def _headline_names(title: str | None, where: str | None) -> bool:
    """Does the page's headline name the place (one of its capitalised words)?"""
    if not title or not where:
        return False
    heading = {w.lower() for w in re.findall(r"[A-Z][\w-]+", title)}  # "IN WYOMING" too
    return any(word.lower() in heading for word in re.findall(r"[A-Z][\w-]{2,}", where))


def _earlier_value_of(text: str, q: Quantity, claims: list[Claim], article_index: int,
                      sentence: int) -> Claim | None:
    """The figure of the same sentence whose earlier value this one is ("…, up from about
    42,000", "9.0 magnitude earthquake, upgraded from 8.9", "compared with £4.7m"): the
    figure just before it, in the same unit or in none."""
    if not EARLIER_BEFORE_RE.search(text, max(0, q.start - 40), q.start) or not claims:
        return None
    last = claims[-1]
    if last.ref != SentenceRef(article_index, sentence) or last.end > q.start or \
            (q.unit is not None and q.unit != last.unit) or last.background:
        return None
    return last


def _main_names(article: Article) -> frozenset[str]:
    """The names a page is about: capitalised words it repeats at least half as often as
    its most repeated one (Exxon and Mobil, 12 times each, in a page that names Amoco 2)."""
    counts: dict[str, int] = {}
    for sentence in article.sentences:
        for word in re.findall(r"(?<=\s)[A-Z][\w&-]+", sentence.text):
            counts[word] = counts.get(word, 0) + 1
    if not counts:
        return frozenset()
    top = max(counts.values())
    return frozenset(w for w, n in counts.items() if n >= max(3, top / 2))


def _other_parties(text: str, q: Quantity, main: frozenset[str]) -> bool:
    """Does the deal this amount names have parties none of which the page is about ("the
    proposed $54 billion merger of British Petroleum and Amoco" in a page on Exxon and
    Mobil)? Then it is another deal's amount: background."""
    if not main or q.unit is None or unit_kind(q.unit) != "money":
        return False
    parties = []
    after = PARTIES_AFTER_RE.match(text, q.end)
    if after:
        parties.append(after.group(1))
        before = PARTY_BEFORE_RE.search(text, 0, q.start)
        if before:
            parties.append(before.group(1))
    words = {w for p in parties for w in re.findall(r"[A-Z][\w&-]+", p)}
    return bool(words) and not words & main


def _only_before(text: str, where: str, q: Quantity) -> bool:
    """Is the place named before the figure only, not after it?"""
    return where in text[:q.start] and where not in text[q.end:]


def _own_people(text: str, q: Quantity, who: str | None) -> str | None:
    """The place a figure of "its people" belongs to: its speaker, when a proper place name
    ("Guatemala said 194 of its people had been killed")."""
    if who is None or not ITS_PEOPLE_RE.match(text, q.end):
        return None
    words = who.split()
    if all(w[:1].isupper() for w in words) and is_place(who):
        return who
    return None


def _holder(text: str, q: Quantity, window: tuple[int, int], names: frozenset[str],
            who: str | None) -> str | None:
    """Whose figure it is; never its speaker: "The U.S. Geological Survey has upgraded the
    magnitude to 9.0" is the quake's magnitude, said by the survey."""
    name = holder(text, q, window, names)
    if name and who and speaker_key(name) == speaker_key(who):
        return None
    return name


def _headed(article: Article, dates: list[list[DateMention]]) -> dict[int, DateMention]:
    """Sentences under a dated heading: a date followed by a colon ("8 Feb 1843: Leeward
    Islands.", "May 1992: …") dates the paragraph after it, as in the key-dates lists news
    pages carry."""
    out: dict[int, DateMention] = {}
    heading: tuple[int, DateMention] | None = None
    entry: tuple[int, DateMention] | None = None
    for sentence in article.sentences:
        if heading is not None and sentence.paragraph == heading[0] + 1:
            out[sentence.index] = heading[1]
        elif entry is not None and sentence.paragraph == entry[0]:
            out[sentence.index] = entry[1]  # "May 1967 - … Civil war ensues in which …"
        for mention in dates[sentence.index]:
            if HEADING_COLON_RE.match(sentence.text, mention.end):
                heading = (sentence.paragraph, mention)
            elif ENTRY_DASH_RE.match(sentence.text, mention.end) and \
                    not sentence.text[:mention.start].strip():
                entry = (sentence.paragraph, mention)
    return out


# A sentence that tells what happened then, in the simple past, with no time, speaker or
# running total of its own ("Up to 30,000 people were killed."); not "have been killed",
# "say", "since", "so far", which speak from now.
SIMPLE_PAST_RE = re.compile(r"\b(?:was|were|died|fled|lost|left)\b")
FROM_NOW_RE = re.compile(r"\b(?:has|have|is|are|says?|said|reported|according|since|so\s+far|"
                         r"now|still|currently|total|toll)\b", re.I)


def _past_scene(article: Article, sentence: Sentence,
                dates: list[list[DateMention]]) -> DateMention | None:
    """The past year or month the sentence before (in its paragraph) told, when this one
    goes on telling that past: a sentence in the simple past with no time, speaker or
    running total of its own after one whose every date is before the story."""
    if not sentence.index or not SIMPLE_PAST_RE.search(sentence.text) or \
            FROM_NOW_RE.search(sentence.text):
        return None
    previous = article.sentences[sentence.index - 1]
    told = dates[previous.index]
    if previous.paragraph != sentence.paragraph or not told or not all(
            m.granularity in (YEAR, MONTH) and background(m, article.published)
            for m in told):
        return None
    return told[-1]


def _windows(text: str, quantities: tuple[Quantity, ...]) -> list[tuple[int, int]]:
    """Each quantity's clause: from the previous break (or figure) to the next one. Only a
    figure of the same sort cuts a clause: "3000 people living within a 3-kilometre radius
    have been evacuated" keeps "evacuated" with the people; a figure in brackets right after
    another ("200bn yen (£1.5bn)") is the same figure converted and cuts nothing."""
    breaks = [0] + [m.start() for m in CLAUSE_BREAK_RE.finditer(text)] + [len(text)]
    out = []
    for q in quantities:
        start = max(b for b in breaks if b <= q.start)
        end = min(b for b in breaks if b >= q.end)
        kin = [o for o in quantities if (o.unit is None) == (q.unit is None) and o is not q
               and not _converted(text, quantities, o)]
        start = max([start] + [o.end for o in kin if o.end <= q.start])
        later = [o.start for o in kin if o.start >= q.end and
                 not PART_BEFORE_RE.search(text[:o.start])]
        opens = [m for m in RELATIVE_OPEN_RE.finditer(text, start, q.start)
                 if "," not in text[m.end():q.start]]
        if opens:
            # "the province, where some 1.4 million people live, were looking for the
            # dead": a relative clause ends at its closing comma.
            close = text.find(",", max(q.end, q.noun_end or q.end))
            if close >= 0:
                later.append(close)
        out.append((start, min([end] + later)))
    return out


def _converted(text: str, quantities: tuple[Quantity, ...], q: Quantity) -> bool:
    """True for a figure in brackets right after another: the same amount converted."""
    before = [o for o in quantities if o.end <= q.start]
    return bool(before) and text[before[-1].end:q.start].strip() in ("(", "[")


WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")


@lru_cache(maxsize=1 << 16)
def _word_stems(word: str) -> tuple[str, ...]:
    return tuple(t.stem for t in tokens(word))


@lru_cache(maxsize=1 << 12)
def _token_spans(text: str) -> tuple[tuple[int, str], ...]:
    """(character offset, stem) of the sentence's words."""
    return tuple((m.start(), stem) for m in WORD_RE.finditer(text)
                 for stem in _word_stems(m.group(0)))


def _events(text: str, quantities: tuple[Quantity, ...], windows: list[tuple[int, int]],
            compiled: list[_Compiled], parts: list[bool],
            said: re.Pattern[str]) -> list[dict[str, int]]:
    """For each quantity, the measures whose event words belong to it, with the distance
    in words. An event word belongs to the nearest figure whose clause holds it (the one
    before it on a tie: "87 were killed and 120 injured"); a part ("including 10
    children") passes its events on to the figure it is part of. An event word joined to
    another fate ("killed, injured or homeless") counts people in either: it is none of
    the measure's figures. Nor is one before a speaker's verb that opens the figure's own
    clause ("…were dead. Officials say 100 are missing", with the full stop lost)."""
    found: list[dict[str, int]] = [{} for _ in quantities]
    words = _token_spans(text)
    stems = [s for _, s in words]
    starts: dict[str, list[int]] = {}
    for k, stem in enumerate(stems):
        starts.setdefault(stem, []).append(k)
    for c in compiled:
        own = {p[0] for p in c.events if len(p) == 1}
        hits = [(words[k][0], len(phrase), WORD_RE.match(text, words[k + len(phrase) - 1][0]))
                for phrase in c.events for k in starts.get(phrase[0], ())
                if _phrase_at(stems, k, phrase)]
        if c.also:
            hits += [(m.start(), 1, m) for m in WORD_RE.finditer(text)
                     if m.group(0) in c.also]
        for pos, length, last in hits:
            if _joined_to_other_fate(text, pos, own) or \
                    NOT_EVENT_BEFORE_RE.search(text, max(0, pos - 30), pos) or \
                    _another_kind(text, pos, c):
                continue
            if length == 1 and _plural_of(text, pos, c):
                continue  # "$40.4 billion in corporate acquisitions": a sum of many
            # An event noun with "of" names whose event it is: "2 men charged in the
            # death of a teen" are not dead; only a figure after it is of the event.
            owned = last is not None and not last.group(0).lower().endswith("ed") and \
                OF_AFTER_RE.match(text, last.end()) is not None  # not "died of malaria"
            best, best_d = None, None
            for i, q in enumerate(quantities):
                lo, hi = windows[i]
                if not lo <= pos < hi or not _could_count(q, c):
                    continue
                if pos < q.start and _speaker_between(text, pos, q.start, said) and \
                        not _object_of(text, pos, q, said):
                    continue
                if pos < q.start and last is not None and \
                        PLACE_PREPOSITION_AFTER_RE.fullmatch(text, last.end(), q.start):
                    continue
                if pos >= q.end and (owned and q.unit is None or
                                     BARE_VAGUE_RE.search(text, q.end, pos)):
                    continue  # (a length's "radius of the plant" is its own)
                if pos >= q.end and any(text[m.end():pos].strip() for m in
                                        CIRCUMSTANCE_RE.finditer(text, q.end, pos)):
                    continue  # "lost 3m euros under the bailout": not the bailout's
                if pos >= q.end and q.noun_end is not None and q.noun_start is not None and \
                        not OF_AFTER_RE.match(text, q.end, q.noun_start) and \
                        OF_OTHERS_RE.search(text, q.noun_end, pos):
                    continue  # "300 relatives of those who died": the event is theirs
                d = _word_distance(text, q, pos)
                if pos < q.start:
                    d -= length - 1  # "death toll rose to 45": two words to 45
                if best_d is None or d < best_d or (d == best_d and pos > q.end):
                    best, best_d = i, d
            if best is None or best_d is None:
                continue
            targets = [best]
            j = best
            while j > 0 and parts[j]:
                j -= 1
                targets.append(j)
            for t in targets:
                name = c.measure.name
                found[t][name] = min(found[t].get(name, best_d), best_d)
    return found


# An event word, maybe an adverb, then "at" right before a bare figure.
EVENT_AT_RE = re.compile(r"\b([a-z]+)\s+(?:(?:again|first|later|only|just|finally)\s+)?at\s+$")


def _age_after_event(text: str, q: Quantity, event_words: set[tuple[str, ...]],
                     also: set[str]) -> bool:
    """Is a bare figure right after an event word and "at" an age ("arrested again at 17",
    "died at 87")? Not after a word that values a count ("estimated at 300", "put the number
    of people detained at 300" has its noun)."""
    before = EVENT_AT_RE.search(text, max(0, q.start - 40), q.start)
    if before is None:
        return False
    word = before.group(1)
    return word in also or _word_stems(word)[-1:] in event_words


def _another_kind(text: str, pos: int, c: _Compiled) -> bool:
    """Does a noun before the event word name another kind of it ("its sponsorship deal",
    "a partnership agreement") that the measure does not name? Only nouns in -ship and
    -ism: the suffixes no adjective and no agent has ("new", "record", "government")."""
    kind = KIND_BEFORE_RE.search(text, max(0, pos - 30), pos)
    return kind is not None and not _names_word(c, kind.group(1))


def _plural_of(text: str, pos: int, c: _Compiled) -> bool:
    """Is the word at pos the plural of one of the measure's singular event nouns ("deal"
    written, "deals" read)? An amount of several events is their sum, no one's value."""
    word = WORD_RE.match(text, pos)
    measure = c.measure
    if word is None or not (measure.unit == "money" or unit_kind(measure.unit) == "money"):
        return False  # "waves 10 to 30 metres": each is that high; "job cuts" are counted
    written = word.group(0).lower()
    events = {e.lower() for e in measure.events}
    return written not in events and any(written in (e + "s", e + "es") for e in events
                                         if not e.endswith("s"))


HEDGES_RE = re.compile(r"\s+(?:(?:a|an|about|around|nearly|almost|some|over|more|than|up|to|"
                       r"roughly|just|at|least|another|only|further|a\s+total\s+of)\s+){0,3}",
                       re.I)
DETERMINER_BEFORE_RE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|that)\s+$", re.I)
AUXILIARY_AFTER_RE = re.compile(r"\s+(?:is|are|was|were|have|has|had|will|would|could|may|"
                                r"might|remain|remained)\b")


def _object_of(text: str, pos: int, q: Quantity, said: re.Pattern[str]) -> bool:
    """Is the figure the object of the speaker's verb at pos, which then says what happened
    ("WHO had confirmed 44,287 cases", "the ministry reported 95 deaths"), not the subject of
    the clause it opens ("reported 190 people were taken to hospital", "confirmed that the
    two men are joining")?"""
    verb = said.match(text, pos)
    if verb is None or DETERMINER_BEFORE_RE.search(text, 0, pos):
        return False  # "a reported 460": an adjective, no verb
    end = max(q.end, q.noun_end or q.end)
    return verb.end() <= q.start and bool(HEDGES_RE.fullmatch(text, verb.end(), q.start)) \
        and not AUXILIARY_AFTER_RE.match(text, end)


def _speaker_between(text: str, pos: int, start: int, said: re.Pattern[str]) -> bool:
    """True when a speaker's verb opens the figure's clause after pos ("…were dead
    Officials at the UN say between 100 and 150…"); not a participle after a comma
    ("tsunamis, reported at 10 metres")."""
    for m in said.finditer(text, pos, start):
        if PASSIVE_BEFORE_RE.search(text, 0, m.start()):
            continue  # "the death toll is estimated at 150": no speaker's verb
        if not text[:m.start()].rstrip().endswith(",") and \
                len(text[m.end():start].split()) <= 3:
            return True
    return False


def _joined_to_other_fate(text: str, pos: int, own: set[str]) -> bool:
    """True when the word at pos is listed with another fate by "or"/"and" ("dead or
    missing", "killed, injured or homeless"): a figure of them counts the group, not the
    event. A fate that is also one of the measure's own events ("killed or injured" for a
    measure of both) keeps it."""
    word = re.match(r"[A-Za-z][\w’'-]*", text[pos:])
    if word is None:
        return False
    for m in (FATE_AFTER_RE.match(text, pos + word.end()),
              FATE_BEFORE_RE.search(text[max(0, pos - 80):pos])):
        if m is not None and not {t.stem for t in tokens(m.group("fate"))} & own:
            return True
    return False


def _habitual(text: str, q: Quantity, window: tuple[int, int], measure: MeasureConfig) -> bool:
    """Is the figure a habitual rate ("kills between 250,000 and 500,000 people in an average
    year", "Each year, normal flu kills up to 500,000")? Only a count: an amount of money a
    year is a yearly total ("a deal worth £1.7bn annually"); nor for a measure of a rate."""
    if q.unit is not None and unit_kind(q.unit) in GENERIC_UNIT_KINDS or \
            _compile(measure).rate:
        return False
    lo, hi = reach(text, q, window)  # as a time phrase: not another clause's ("…every
    # year and we have 500 people infected")
    # "water for only six hours a day": the span is another quantity's rate, not the figure's.
    for m in HABITUAL_RE.finditer(text, lo, hi):
        other = OTHER_RATE_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
        if other is not None and not q.start <= other.start() <= q.end:
            continue
        if not YEARLY_RE.fullmatch(m.group(0)) and (
                q.unit is not None or PROGRESSIVE_OR_PAST_RE.search(text, lo, hi)):
            continue  # "output of 1.6 million barrels a day", "2,000 a day were fleeing":
            # the story's own rate, not a habitual toll
        return True
    return False


def _later(resolved: DateMention | None, article: Article) -> bool:
    """A year or month after publication: "debt will be 117 percent in 2020"."""
    if resolved is None or article.published is None:
        return False
    pub = article.published
    if resolved.granularity == YEAR:
        return resolved.date.year > pub.year
    if resolved.granularity == MONTH:
        return (resolved.date.year, resolved.date.month) > (pub.year, pub.month)
    return False


def _names_word(c: _Compiled, word: str) -> bool:
    """Does the measure (its name or an event word) speak of this word ("Sales", "fees")?"""
    stems = {t.stem for t in tokens(word)}
    return bool(stems & ({t.stem for t in tokens(c.measure.name)} |
                         {s for e in c.events for s in e}))


def _names_dimension(c: _Compiled, word: str) -> bool:
    """Does the measure (its name or an event word) speak of this dimension?"""
    stem = tokens(word)[0].stem
    return stem in {t.stem for t in tokens(c.measure.name)} or any(stem in e for e in c.events)


def _could_count(q: Quantity, c: _Compiled) -> bool:
    """Could this quantity be a figure of the measure at all? An amount of money is no
    count of people, a count of people no percentage: "deposits of above €100,000 face a
    levy of 40%" gives "levy" to the percentage."""
    measure = c.measure
    if measure.unit:
        return q.unit is None or unit_fits(q.unit, measure.unit, c.per_time)
    return q.unit is None or q.unit in c.units


def _outlook(text: str, q: Quantity, window: tuple[int, int]) -> bool:
    """True when the figure's own clause speaks of what could or will be: a modal or a
    forecast word just before the figure, or right after its noun ("1,200 workers could
    lose their jobs")."""
    lo, hi = _narrow(text, q, window)
    # Six words before it; a dash between them is no word ("will -- at best -- still be").
    before = " ".join([w for w in text[lo:q.start].split() if any(c.isalnum() for c in w)][-6:])
    after = " ".join(text[max(q.end, q.noun_end or q.end):hi].split()[:3])
    before = SHOWED_RE.sub(" ", before)
    return bool(OUTLOOK_RE.search(before) or OUTLOOK_AFTER_RE.search(after))


def _phrase_at(stems: list[str], k: int, phrase: tuple[str, ...]) -> bool:
    """The phrase starts at word k, auxiliaries allowed between its words: the event
    "bodies found" is in "bodies were found", "death toll" only as written."""
    j = k
    for n, stem in enumerate(phrase):
        if n:
            while j < len(stems) and stems[j] in AUXILIARY_STEMS:
                j += 1
        if j >= len(stems) or stems[j] != stem:
            return False
        j += 1
    return True


def _word_distance(text: str, q: Quantity, pos: int) -> int:
    """Words between the figure and an event word; a coordinator between them ("died and
    10,000 were missing", "people and injured 120") puts them in different clauses."""
    between = text[q.end:pos] if pos >= q.end else text[pos:q.start]
    joined = between
    if pos >= q.end and q.noun and q.noun_end is not None and names_people(q.noun):
        # "Sixteen children and adults have tested positive": two nouns for people joined by
        # "and" are one group the figure counts, no second clause.
        other = COORDINATED_PEOPLE_RE.match(text, q.noun_end)
        if other is not None and other.end() <= pos and names_people(other.group(1)):
            joined = text[other.end():pos]
    apart = 100 if COORDINATOR_RE.search(joined) else 0
    return len(between.split()) + apart


def _with_magnitude(text: str, q: Quantity) -> Quantity:
    """An earthquake's "8.8-magnitude", "magnitude 9.0", "9.0 magnitude quake"."""
    if q.unit is not None:
        return q
    noun_magnitude = bool(q.noun and q.noun.lower().startswith("magnitude"))
    if noun_magnitude or MAGNITUDE_AFTER_RE.match(text[q.end:]) or \
            MAGNITUDE_BEFORE_RE.search(text[:q.start]):
        return replace(q, unit="magnitude", unit_text="magnitude", noun=None, noun_start=None,
                       noun_end=None)
    return q


def _counted(text: str, q: Quantity, before: list[str | None]) -> tuple[str | None, bool]:
    """What the quantity counts, and whether it is part of an earlier figure: "8,000 of
    them" counts what the figure before it counted; "350 people are dead and about 500
    missing" counts people twice. A participle after a figure is what happened to it, not
    what it counts ("more than 60 people injured and at least fifteen arrested", "60
    injured", "a further 70 detained"), nor is a superlative ("the four nearest")."""
    if q.noun and (PARTICIPLE_RE.fullmatch(q.noun) or
                   SUPERLATIVE_RE.fullmatch(q.noun) and q.value != 1):
        q = replace(q, noun=None, noun_start=None, noun_end=None)
    if q.unit is None and re.match(r"-[A-Za-z]", text[q.end:]):
        return None, False  # "the 300-seat parliament": a size, not a count of seats
    if q.noun:
        of = OF_THEM_RE.match(text[q.end:]) if q.noun_start is not None and \
            q.noun_start > q.end else None
        return q.noun, bool(of)
    if q.unit is not None:
        return None, False
    if OF_THEM_RE.match(text[q.end:]):
        previous = next((n for n in reversed(before) if n), None)
        return previous, True
    of_noun = OF_NOUN_RE.match(text[q.end:])
    if of_noun:
        return of_noun.group(1), False
    if before and before[-1]:
        return before[-1], False  # the noun left out after a figure that named it
    return None, False


def _measure_for(q: Quantity, noun: str | None, kind: str, events: dict[str, int],
                 window: tuple[int, int], text: str, compiled: list[_Compiled],
                 own: bool = False, direct: bool = False) -> MeasureConfig | None:
    """The measure this quantity is a figure of, or None. A measure whose event words
    agree wins over one that needs none; excluded words rule a measure out. own: the noun is
    the figure's own, not carried from an earlier figure; a measure counting "people" then
    takes any noun for people, or a noun that is what happened to them ("90 arrests").
    direct: the noun is the figure's own right by it or told before it, not read through
    "of" ("five of these cases")."""
    people = own and noun is not None and names_people(noun)
    # Excluded words count only in the figure's own narrow clause (commas end it): "3,000
    # troops were sent, following heavy casualties" is still a deployment.
    narrow = _narrow(text, q, window)
    window_stems = [s for pos, s in _token_spans(text) if narrow[0] <= pos < narrow[1]]
    present = set(window_stems)
    noun_stems = tuple(t.stem for t in tokens(noun)) if noun else ()
    best: tuple[tuple[int, int], MeasureConfig] | None = None
    tied = False
    sentence_stems = {s for _, s in _token_spans(text)}
    for c in compiled:
        m = c.measure
        loose = False  # taken for a word for people the measure does not list
        if c.exclude and any(ex[0] in present and _contains(window_stems, ex)
                             for ex in c.exclude):
            continue
        if m.of and _another_owner(text, window, m.of):
            continue  # "the 975 million euros earned by Italy's Serie A": not the league's
        if m.unit:
            if q.unit is not None and not c.rate and (
                    RATE_AFTER_RE.match(text[q.end:]) or
                    EACH_OPENS_RE.search(text[window[0]:q.start])):
                continue  # "$20 a barrel", "Each match will cost £6.6m": a price, no total
            if q.unit == "percent" and "point" in (q.unit_text or "").lower() and not any(
                    _names_word(c, w) for w in GAP_WORDS):
                continue  # "18 percentage points behind": a gap between two shares, no share
            generic = m.unit in GENERIC_UNIT_KINDS or unit_kind(m.unit) in GENERIC_UNIT_KINDS
            if generic and c.events and FOR_WHAT_RE.match(text[q.end:]) and not (
                    c.subject & sentence_stems or _nominal_event(text, c)):
                continue  # "the £24.5m they paid for a striker": no TV rights deal
            other = OTHER_AMOUNT_AFTER_RE.match(text, q.end)
            if other and not _names_word(c, other.group(1)):
                continue  # "$2 billion in annual savings": a saving, not a deal's value
            if MOVED_RE.search(text[:q.start]) and unit_kind(q.unit) == "length":
                continue  # "the wave swept her 400 metres": how far it moved her, no size
            dimension = DIMENSION_RE.search(text[:q.start])
            if dimension and not _names_dimension(c, dimension.group(1)):
                continue  # "islands with a diameter of 80 km": a diameter, not wave height
            after = DIMENSION_AFTER_RE.match(text, q.end)
            if after and unit_kind(q.unit) == "length" and not _names_dimension(
                    c, DIMENSION_WORDS.get(after.group(1).lower(), after.group(1))):
                continue  # "nearly five miles high", "300 miles from Jamaica": no distance flown
            bare = q.unit is None and noun is None
            if bare and (m.unit in KIND_NAMES - {"magnitude"} or unit_kind(m.unit) == "money"
                         or not (c.events and events.get(m.name, 99) <= 4)):
                # "upgraded the quake to 9.0": a bare number by the measure's word, only
                # where the measure has one unit (a bare "30" is no amount of money).
                continue
            if not bare and (q.unit is None or not unit_fits(q.unit, m.unit, c.per_time)):
                continue
        elif c.counted:
            if q.unit is not None and q.unit not in c.units:
                continue
            if not noun_stems and SIZE_AFTER_RE.match(text, q.end):
                continue  # "jurors face a 30-page form": the form's size, no count
            # "at least 90 arrests": a noun that is what happens to people (one of the
            # events of a measure that counts people) counts the people it happened to.
            listed = not noun_stems or any(_ends_with(noun_stems, n) for n in c.counted) or \
                c.anyone and own and noun_stems[-1:] in c.events
            # "149 of its members were arrested": members are people, when the event stands
            # near them; a listed noun is trusted across its clause, any word for people is
            # not ("two doctors in the area … after Slepian's death"), and a measure with no
            # event words takes only the nouns it lists.
            loose = not listed and c.anyone and people and \
                events.get(m.name, 99) <= PEOPLE_EVENT_WORDS
            if not listed and not loose:
                continue
            if not noun_stems and events.get(m.name, 99) > 4:
                continue  # "Almost 600,000 have been evacuated": a bare figure by its event
            if kind != "total" and q.value < 2 and q.low is None:
                continue  # "one of the soldiers" is not a figure
            if RATE_AFTER_RE.match(text[max(q.end, q.noun_end or q.end):]) and \
                    not c.rate:
                continue  # "a minimum of 10 per club": a count for each, no total
        else:
            # Events alone: any count, but the event must stand right by the figure
            # ("87 killed", "the death toll rose to 87").
            if q.unit is not None or events.get(m.name, 99) > 3:
                continue
        if c.events and m.name not in events:
            if not _counts_named(c, noun, noun_stems, direct, events, text, q, compiled):
                continue
            rank = (3, 0)
        else:
            # Of two measures whose event words agree, the nearer word decides: "a debt to
            # GDP ratio that will still be at 117 percent in 2020, given the pace at which
            # GDP is contracting" is a ratio of debt, not a contraction.
            # A measure that lists the noun wins over one that takes any word for people.
            rank = (2 if loose else 0, events[m.name]) if c.events else (1, 0)
        tied = tied or best is not None and rank == best[0] == (3, 0)
        if best is None or rank < best[0]:
            best = (rank, m)
    if best is not None and best[0] == (3, 0) and tied:
        return None  # two measures name the noun: neither without an event word
    return best[1] if best else None


def _counts_named(c: _Compiled, noun: str | None, noun_stems: tuple[str, ...], direct: bool,
                  events: dict[str, int], text: str, q: Quantity,
                  compiled: list[_Compiled]) -> bool:
    """"Japan reported four cases": a count of occurrences that the measure's name names
    ("Confirmed cases") needs no event word, when no event word of a measure counting the
    noun stands by it (one of a measure that does not count it is no matter: "cases" is an
    event of "Countries with cases"). Not a count after a preposition, which tells what else
    the cases were ("a study on 43 cases", "in 12 cases"): a tally is reported, had or risen
    to; nor one whose noun doubts ("200 potential cases")."""
    if not (direct and c.named and noun is not None and not c.measure.unit and
            _ends_with(noun_stems, c.named) and names_occurrence(noun)):
        return False
    if {w.lower() for w in noun.split()} & DOUBT_WORDS or \
            PREPOSITION_BEFORE_RE.search(text, 0, q.start):
        return False
    return not any(o.measure.name in events and any(_ends_with(noun_stems, n)
                                                    for n in o.counted) for o in compiled)


# Who a figure belongs to, in its clause: a name that owns it ("the Bundesliga's rights
# sales", "Bundesliga's TV income"; not a buyer's "Sky and BT's current deal"), earns or
# receives it ("Real earned", "Manchester United
# received", "earned by Serie A", "paid to Queens Park Rangers"), has it ("Real Madrid and
# Barcelona have deals"), whose rights are sold ("rights for the Champions League") or whom
# voters back ("voting for Brandt").
_OWNER_NAME = r"((?:[A-Z][\w’'&.-]*\s+)*?[A-Z][\w’'&.-]*(?:\s+(?:and\s+)?[A-Z][\w’'&.-]*)*)"
OWNER_RES = (
    re.compile(_OWNER_NAME + r"['’]s\s+(?:[\w-]+\s+){0,2}(?:sales|income|revenues?|earnings|"
               r"league|rights)\b"),
    re.compile(r"\b(?:earned|generated|received|paid|raised|won|netted)\s+(?:by|to)\s+"
               r"(?:the\s+)?(?:[a-z-]+\s+){0,2}" + _OWNER_NAME),
    re.compile(_OWNER_NAME + r"\s+(?:earned|earns|generates|generated|received|receives|got|"
               r"gets|netted|nets|has\s+(?:a\s+)?deals?|have\s+deals?|has\s+sold|sold)\b"),
    re.compile(r"\brights\s+(?:for|of)\s+(?:the\s+)?" + _OWNER_NAME),  # not "to" a buyer
    # A share of voters for a name: "76 percent would consider voting for Brandt", "41
    # percent backed Brandt", "support for Brandt".
    re.compile(r"\b(?:vot(?:e|es|ed|ing)\s+for|support\s+for|supported|supporting|backed|"
               r"backing|favou?red|favou?ring)\s+(?:the\s+)?" + _OWNER_NAME),
)


def _another_owner(text: str, window: tuple[int, int], owners: tuple[str, ...]) -> bool:
    """Does the figure's clause give it to a name that is none of the measure's owners
    (and to none of them)? A clause that names no owner goes on from the one before it:
    "Real earned 178.4 million euros, about 3 million euros more than Barca"."""
    mine = [o.lower() for o in owners]
    found = _owners(text[window[0]:window[1]]) or _owners(text[:window[0]])
    if not found and re.search(r"\s(?:and|or)\s*$", text[window[0]:window[1]]):
        # "76 percent of independents and 53 percent of Democrats said they would vote for
        # Brandt": figures joined as one subject share the verb after the second.
        found = _owners(text[window[1]:].split(";")[0])
    if not found:
        return False
    return not any(o in f.lower() or f.lower() in o for f in found for o in mine)


def _owners(clause: str) -> list[str]:
    out = []
    for found in (m.group(1).split() for r in OWNER_RES for m in r.finditer(clause)):
        while found and found[0].lower() in NOT_OWNER_WORDS:
            found.pop(0)  # "The German Bundesliga's"
        if found:
            out.append(" ".join(found))
    return out


# Capitalised words that open a sentence or a clause, not a name that owns a figure.
NOT_OWNER_WORDS = frozenset("the a an this that these those it its he she they we i in on at "
                            "as after before with by for of to from and but while".split())


def _nominal_event(text: str, c: _Compiled) -> bool:
    """Does one of the measure's event words stand in the sentence as a noun ("the deal",
    "a €130 billion rescue"), not as a verb ("they paid", "pays £35.3m")?"""
    words = _token_spans(text)
    stems = [s for _, s in words]
    for k, stem in enumerate(stems):
        for phrase in c.events:
            if phrase[0] != stem or not _phrase_at(stems, k, phrase):
                continue
            before = text[:words[k][0]].split()
            if before and before[-1].lower().strip("\"'‘’“”,") in VERBAL_BEFORE:
                continue
            end = WORD_RE.match(text, words[k + len(phrase) - 1][0])
            if end is not None and OBJECT_RE.match(text[end.end():]):
                continue
            return True
    return False


def _narrow(text: str, q: Quantity, window: tuple[int, int]) -> tuple[int, int]:
    start = max([window[0]] + [m.end() for m in re.finditer(r"[,;:]", text[:q.start])])
    after = re.search(r"[,;:]", text[q.end:window[1]])
    end = q.end + after.start() if after else window[1]
    return start, max(end, q.noun_end or end)


def _contains(stems: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(stems[i:i + n]) == phrase for i in range(len(stems) - n + 1))


def _ends_with(noun: tuple[str, ...], counted: tuple[str, ...]) -> bool:
    return len(noun) >= len(counted) and noun[len(noun) - len(counted):] == counted
