"""Where and when a figure is: a proper place in its clause, and its time phrase resolved
against the publication date (or as written), with figures of another time marked."""

from __future__ import annotations

import datetime as dt
import re

from ..models import Quantity
from .dates import DAY, YEAR, DateMention
from .units import CURRENCY_KEYS

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
# What kind of place a name is: "the port city of Suez", "the province of Aceh".
_PLACE_KIND = (r"(?:(?:port|border|coastal|capital|industrial|holy)\s+)?(?:city|town|village|"
               r"region|province|prefecture|state|county|district|island)\s+of\s+")
PLACE_RE = re.compile(
    r"(?:\b(?:[Ii]n|to|into|inside|at|near|across|from|off|around|outside|throughout|across)|"
    r"\b(?:towns?|villages?|cities|city|coast|parts?|areas?|regions?|outskirts|centre|center|"
    r"capital|islands?|north|south|east|west|radius|vicinity)\s+of)\s+("
    r"(?:the\s+)?(?:(?:eastern|western|northern|southern|central|north-eastern|north-western|"
    r"south-eastern|south-western|northeastern|northwestern|southeastern|southwestern|downtown)"
    r"\s+)?(?:" + _PLACE_KIND + r")?"
    r"(?:(?:[A-Z]\.){2,}|(?:St|Ste|Mt|Ft|Pt)\.\s+[A-Z][\w’'-]*|[A-Z][\w’'-]*)"
    r"(?:\s+(?:[A-Z][\w’'-]*|(?:of|de)(?=\s+[A-Z])|(?:region|oblast|province|prefecture|state|"
    r"county|district|area|border|coast|city|island|islands|valley|reservoir|lake|river|dam|"
    r"bay|port|harbou?r|airport|peninsula|plant)\b))*)")
SCENE_WHEN_RE = re.compile(r",?\s+when\b")
SCENE_OPENS_RE = re.compile(r"\s*(?:(?:In|On|By|During|Early|Late)\s+)?")
DEMONYM_RE = re.compile(r"(?:ian|ese|ish|iot)$")
ACCORDING_RE = re.compile(r"\baccording\s*$", re.I)
GEO_NOUNS = frozenset("region oblast province prefecture state county district area border "
                      "coast city island islands valley reservoir lake river dam bay port "
                      "harbour harbor airport peninsula plant".split())
NOT_PLACES = frozenset("mr mrs ms dr prof president prime minister secretary general gen sen "
                       "rep gov governor mayor king queen prince princess pope the a an "
                       "january february march april may june july august september october "
                       "november december monday tuesday wednesday thursday friday saturday "
                       "sunday jan feb mar apr jun jul aug sep sept oct nov dec "
                       # institutions and measures, not places: "18 seats in Parliament",
                       # "debt to GDP"
                       "parliament congress senate gdp gnp".split())


# Heads of an organisation's name, never a place: "Laiki Bank", "the Labour Party".
ORGANISATION_WORDS = frozenset("bank banks party league club fund company corporation corp "
                               "group council commission agency survey union ministry "
                               "department university college institute association "
                               "federation committee authority board court times post "
                               "newspaper news ltd inc plc llc gmbh holdings".split())
# The prepositions that set a place in a story's pages ("in Greece", "across Japan"); "to",
# "from" and "at" also take companies and people ("sold to Sky", "employees at Exxon").
LEARN_PLACE_RE = re.compile(r"(?:in|into|inside|near|across|around|outside|throughout)\s",
                            re.I)
# Money moved somewhere: "took €21m from Laiki Bank and transferred the money to London",
# "moved €5m to Zurich"; the verb's object is the money or the figure itself ("moving to City
# … for a fee of £25m" is a footballer's move, "the move to the Emirates Stadium" no verb).
_MOVING = (r"\b(?:transferr(?:ed|ing)|mov(?:ed|ing)|shift(?:ed|ing)|wir(?:ed|ing)|"
           r"smuggl(?:ed|ing)|channell?(?:ed|ing)|funnell?(?:ed|ing)|siphon(?:ed|ing))\s+")
MOVED_TO_RE = re.compile(_MOVING + r"(?:(?:the|their|its|his|her)\s+)?(?:money|funds|cash|sum|"
                         r"amount|assets|deposits|savings|it|them)\s+$", re.I)
MOVED_FIGURE_RE = re.compile(_MOVING + r"(?:\S+\s+){0,2}$", re.I)
# A holding in a company, not a place: "Shares in BP rise", "a stake in Laiki".
HOLDING_BEFORE_RE = re.compile(r"\b(?:shares?|stakes?|holdings?|interests?|investments?|"
                               r"equity)\s+$", re.I)


# What kind of place a name is, before it: learned as the bare name.
PLACE_KIND_RE = re.compile("^" + _PLACE_KIND)
MODIFIED_NOUN_RE = re.compile(r"\s+[a-z]+s\b")
# A part of the figure told after it, with its own place: "1,004 suspected cases, including
# four possible cases in Mexicali", "in 18 countries, including one case in Italy".
INCLUDING_RE = re.compile(r",?\s+(?:including|among\s+them|of\s+whom|of\s+which)\b")


# A place named just before a relative "where" clause that holds the figure: "El Salvador _
# where 140 people died", "as did Guatemala, where 21 people died".
WHERE_CLAUSE_RE = re.compile(r"\b([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s*"
                             r"(?:,|\s_|\s—|\s–|\s--)\s+where\s+[^,;_—–()]*$")


# A relative "which" clause that holds the figure: "…, which could see waves of up to 40 cm".
WHICH_CLAUSE_RE = re.compile(r",\s+which\s+[^,;:_—–()]*$")


def place(text: str, q: Quantity, window: tuple[int, int]) -> str | None:
    """A proper place name in the figure's clause, after it first, else before it."""
    lo, hi = reach(text, q, window, words=12)
    end = max(hi, q.noun_end or q.end)
    # "1,004 cases, including four in Mexicali": the four's place, not the whole's (but
    # "213 people, including 12 Americans, at the embassy in Nairobi" goes on after it).
    subsets = [(m.start(), m.end() + len(re.split(r"[,;:()]", text[m.end():end])[0]))
               for m in INCLUDING_RE.finditer(text, q.noun_end or q.end, end)]
    money = q.unit in CURRENCY_KEYS
    for start, stop in ((q.end, end), (lo, q.start)):
        for m in PLACE_RE.finditer(text[start:stop]):
            if start == q.end and any(a <= start + m.start() < b for a, b in subsets):
                continue
            if ACCORDING_RE.search(text[:start + m.start()]):
                continue  # "according to Xinhua News Agency": a source, not a place
            if money and m.group(0)[:3].lower() == "to " and not (
                    MOVED_TO_RE.search(text, max(0, start + m.start() - 40), start + m.start())
                    or start == q.end and MOVED_FIGURE_RE.search(text, max(0, q.start - 40),
                                                                 q.start)):
                continue  # "$1m to Partners In Health": who gets the money, not a place
                # (but "transferred the money to London" says where it went)
            if money and m.group(0)[:5].lower() == "from " and start == q.end:
                continue  # "a $1 million prize from Anheuser-Busch": who pays, not a place
            found = re.sub(r"['’]s$", "", m.group(1).strip().rstrip("."))  # "in Haiti's quake"
            if found.isupper() and MODIFIED_NOUN_RE.match(text, start + m.end()):
                continue  # "talk to ROV operators": an acronym before a noun names a kind
            if is_place(found):
                return found
    where = WHERE_CLAUSE_RE.search(text, 0, q.start)
    if where and is_place(where.group(1)):
        return where.group(1)  # "El Salvador _ where 140 people died": the place it tells of
    which = WHICH_CLAUSE_RE.search(text, 0, q.start)
    if which:
        # "the west coast of North America, which could see waves of up to 40 centimetres":
        # the place the relative clause tells of, when a place noun or "in" sets it.
        for m in PLACE_RE.finditer(text, max(0, which.start() - 80), which.start()):
            found = m.group(1).strip()
            if m.end() == which.start() and not found.endswith(("'s", "’s")) and \
                    is_place(found):
                return found
    return None


def page_places(texts: list[str]) -> frozenset[str]:
    """The places a page names where a place is sure: after "in", "across", "near" ("in
    Greece", "across northern Japan"), or as "the city of X". A figure's sentence that names
    one of them elsewhere ("Greece's European partners", "Cyprus was forced to…") is there."""
    out = set()
    inner = {w for text in texts for w in INNER_CAPITAL_RE.findall(text)}
    for text in texts:
        for m in PLACE_RE.finditer(text):
            opener = m.group(0)[:len(m.group(0)) - len(m.group(1))]
            if not (LEARN_PLACE_RE.match(opener) or opener.rstrip().endswith(" of")) or \
                    m.group(1).endswith(("'s", "’s")):
                continue  # "in Gingrich's place": an owner, no place
            if HOLDING_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
                continue  # "Shares in BP rise": a company held, no place
            found = re.sub(r"['’]s$", "", m.group(1).strip().rstrip("."))
            if re.match(r"the\s+\S+$", found, re.I):
                continue  # "in the House", "in the Premiership": an institution, no place
            found = re.sub(r"^the\s+", "", found, flags=re.I)
            found = PLACE_KIND_RE.sub("", found)  # "the port city of Tripoli": Tripoli
            found = re.sub(r"^(?:(?:eastern|western|northern|southern|central|north-eastern|"
                           r"north-western|south-eastern|south-western|northeastern|"
                           r"northwestern|southeastern|southwestern)\s+)", "", found)
            if is_place(found) and found[:1].isupper():
                out.add(found)
        for m in SITE_NAME_RE.finditer(text):
            words = m.group(1).split()
            while words and words[0].lower() in NOT_PLACES | OPENING_WORDS:
                words.pop(0)  # "The Arden valley", "Officials at Kashiwa plant"
            found = " ".join(words)
            opening = not text[:m.start()].strip(" \"“‘'")
            if opening and words[0] not in inner:
                continue  # "Small islands should see…": a capital only because it opens
            if len(words) > 1 and words[0][:1].isupper() and is_place(found):
                out.add(found)
    return frozenset(out)


# A proper name followed by a geographic common noun, as written in lower case ("the
# Millbrook reservoir", "the Hawaiian islands", "Sendai port"): a place wherever the page
# names it, with or without "in". A capital noun ("Manchester City", "Derby County") is as
# often a club or a company, and is left to the prepositions.
SITE_NAME_RE = re.compile(r"(?<![\w’'-])((?:[A-Z][\w’'-]*\s+){1,3}(?:reservoir|lake|river|dam|"
                          r"islands?|bay|port|harbou?r|airport|peninsula|plant|valley|coast|"
                          r"prefecture|province|county|district|region|oblast))\b")
INNER_CAPITAL_RE = re.compile(r"(?<=[\s(“\"])[A-Z][\w’'&-]*")  # a capital inside a sentence
OPENING_WORDS = frozenset("this that these those its his her their our officials at on in of "
                          "for by with from and but".split())


# Where a clause's subject stands: the sentence's start, after an opening phrase and its
# comma ("Since May 2010, Greece has…"), or after a reporting verb ("has said Greece's
# economy…").
SUBJECT_BEFORE_RE = re.compile(r"(?:^|^[^,]{0,40},\s+|\b(?:said|says|say|that)\s+)(?:the\s+)?$")
# A clause a conjunction opens ("…in eleven towns of the Arden valley after the Millbrook
# reservoir fell to 18 percent"): its subject is nearer the figure than a place before it.
CONJUNCTION = r"(?:after|as|when|because|while|before|until|once|although|though)"
SUBJECT_AFTER_CONJUNCTION_RE = re.compile(r"\b" + CONJUNCTION + r"\s+(?:the\s+)?$")
# Where such a clause starts after the figure: "four more towns on Friday as the Millbrook
# reservoir kept falling" (not "such as", "as well as").
CONJUNCTION_CLAUSE_RE = re.compile(r"(?<!such)(?<!well)\s" + CONJUNCTION +
                                   r"\s+(?:the\s+)?[A-Z]")
# What follows a place that is its clause's subject: a verb ("Cyprus is to relax…",
# "Greece has been dependent…") or its possessive before a noun that is no organisation or
# title ("Greece's economy", not "Japan's ministry of health" or "Japan's chief cabinet
# secretary", whose figures are said, not had).
SUBJECT_AFTER_RE = re.compile(r"(?:\s+(?:(?:is|was|has|had|will|would|could|can|must|"
                              r"now|also|still|fell|rose|sank|grew|shrank|stood|hit|kept|got|"
                              r"lost|won|saw|paid|spent|sold|took|gave)\b|[a-z]+ed\b)|"
                              r"['’]s?\s+([a-z]+))")
TITLE_WORDS = frozenset("chief minister president prime secretary foreign finance deputy "
                        "head leader spokesman spokeswoman envoy ambassador officials "
                        "political ruling opposition government official authorities health "
                        "interior".split())


def subject_place(text: str, q: Quantity, places: frozenset[str],
                  conjunctions: bool = False) -> str | None:
    """A place of the page that is the subject of the figure's sentence: "Cyprus is to relax
    its rules for investors who lost at least 3m euros", "Greece has been dependent on
    rescue loans totalling $300bn", "Greece's economy was expected to shrink by 3.5 per
    cent". Its organisations and officials ("Japan's ministry of health said…") are
    speakers, not places. With `conjunctions`, also the subject of a clause a conjunction
    opens ("after the Millbrook reservoir fell to 18 percent")."""
    found = []
    for name in places:
        if name not in text:
            continue  # most places: not in this sentence, no pattern needed
        pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
        for m in pattern.finditer(text, 0, q.start):
            if not (SUBJECT_BEFORE_RE.search(text, 0, m.start()) or conjunctions and
                    SUBJECT_AFTER_CONJUNCTION_RE.search(text, 0, m.start())):
                continue
            after = SUBJECT_AFTER_RE.match(text, m.end())
            noun = after.group(1) if after else None
            if after and not (noun and _body_or_title(noun)):
                found.append((q.start - m.end(), -len(name), name))
    return _nearest(found)


def _nearest(found: list[tuple[int, int, str]]) -> str | None:
    """The place nearest the figure, the longer name first: never the first a set gives
    (its order changes with each process's hash seed, and the edition must not)."""
    return min(found)[2] if found else None


def clause_place(text: str, q: Quantity, window: tuple[int, int],
                 places: frozenset[str]) -> str | None:
    """A place of the page named in the figure's own clause, commas closing it ("A 10m wave
    struck Sendai", "30,000 protesters flooded Athens' streets"); not the first word of a
    longer name ("the Tokyo Electric Power Company") nor the owner of a speaker or an
    organisation ("Japan's ministry of health")."""
    lo = max([window[0]] + [window[0] + m.end()
                            for m in re.finditer(r"[,;:(]", text[window[0]:q.start])])
    # An amount converted in brackets right after the figure is the same figure, no end of
    # its clause: "the €130 billion ($170 billion) second rescue package for Greece".
    converted = CONVERTED_AFTER_RE.match(text, q.end)
    after = converted.end() if converted else q.end
    stop = re.search(r"[,;:()]", text[after:window[1]])
    hi = after + stop.start() if stop else window[1]
    clause = CONJUNCTION_CLAUSE_RE.search(text, q.end, hi)
    hi = clause.start() if clause else hi  # "… as the Millbrook reservoir kept falling"
    found = []
    for name in places:
        if name not in text:
            continue
        pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
        for m in pattern.finditer(text, lo, hi):
            if re.match(r"\s+[A-Z]", text[m.end():]):
                continue  # "the Tokyo Electric Power Company": part of a longer name
            owner = re.match(r"['’]s?\s+([a-z]+)", text[m.end():])
            if owner and _body_or_title(owner.group(1)):
                continue
            found.append((max(m.start() - q.end, q.start - m.end(), 0), -len(name), name))
    return _nearest(found)


CONVERTED_AFTER_RE = re.compile(r"\s*[(\[][^()\[\],;]*\d[^()\[\],;]*[)\]]")


def _body_or_title(noun: str) -> bool:
    """A noun after a place's possessive that makes the place an owner of an organisation or
    an official ("Japan's ministry", "Greece's finance minister"), not where a figure is."""
    return noun in ORGANISATION_WORDS or noun in TITLE_WORDS or \
        noun.rstrip("s") in ORGANISATION_WORDS


def is_place(phrase: str) -> bool:
    """A proper place name, not a title ("Mr Jones"), a month or a name cut short."""
    words = phrase.split()
    bare = [w for w in words if w.lower() != "the"]
    if not bare or any(ch.isdigit() for ch in phrase):
        return False
    if bare[0].lower().rstrip(".") in NOT_PLACES:
        return False
    if len(bare) == 1 and len(bare[0]) <= 2 and not bare[0].isupper():
        return False  # "St" of "St. Kitts" cut at its full stop
    if len(bare) == 1 and DEMONYM_RE.search(bare[0]):
        return False  # "to Haitian earthquake relief": a people's adjective, not a place
    if len(bare) == 1 and len(bare[0]) >= 4 and bare[0].isupper():
        return False  # "sold to ESPN", "joined NATO": an organisation's acronym
    if any(w.lower().rstrip(".,") in ORGANISATION_WORDS for w in bare):
        return False  # "with Laiki Bank in London", "from Transocean Ltd": a firm is no place

    if words[0].lower() == "the" and len(bare) == 1:
        return False  # "the Springfield …": a name cut short, not a place
    if words[0].lower() == "the" and not any(w.lower() in GEO_NOUNS for w in bare) and \
            len(bare) < 2:
        return False
    return True


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
    """Where the figure's time may be written: its clause, at most `words` words away
    (a sentence that quotes three sentences at once speaks of several times)."""
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
