"""Numbers that are never quantities: years, dates, clock times, designators, ordinals,
scores, phone numbers, addresses and labels ("Section 427", "Flight 17")."""

from __future__ import annotations

import re

from .quantity_words import (
    HEDGE_LONGEST,
    HEDGE_RE,
    INCREMENT_LONGEST,
    INCREMENT_RE,
    is_plural,
    left_of,
    search_end,
)
from .units import unit_follows, unit_key, unit_table


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers, date chains (11/25/2019), season spans (2018-19) and web addresses: no
    number inside them is a quantity."""
    if not _DIGITS_APART.search(text) and "http" not in text and "www." not in text:
        return []  # most sentences: each pattern below needs one of these
    return [(m.start(), m.end()) for pattern in (PHONE, DATE_CHAIN, YEAR_SPAN, WEB_ADDRESS)
            for m in pattern.finditer(text)]


# Two digits with one mark between them, which every phone number, date chain and season
# span holds ("555-1234", "11/25", "2018-19").
_DIGITS_APART = re.compile(r"\d[\s./\-–]\d")


# A web address and the anchor written after it: "(www.who.int/csr/faq/index.html #q 11)".
WEB_ADDRESS = re.compile(r"(?:\bhttps?://|\bwww\.)\S+(?:\s+#\w*(?:\s+\d+)?)?")


MONTHS = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|"
          r"July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
          r"Dec(?:ember|\.)?)")
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS}|{_DAY},?)\s*(?:the\s+)?$")
MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{MONTHS}(?![a-z])|{_DAY}\b)")
CLOCK_AFTER = re.compile(r"^(?:[:.]\d\d)?\s?(?i:a\.m\.|p\.m\.|am|pm|o'clock|o’clock|GMT|"
                         r"BST|UTC|EST|EDT|PST|PDT|CET|CEST|ET|PT)(?![a-z])|^:\d\d")
# "0800 hrs" and "20:00 hrs" are times of day; "2 hrs" is a duration
CLOCK_HRS = re.compile(r"^(?:[:.]\d\d)?\s?(?i:hrs)(?![a-z])")
CLOCK_RANGE = re.compile(r"^\s*(?:-|–|to|and)\s*\d{1,2}(?:[:.]\d\d)?\s?(?i:a\.m\.|p\.m\.|am|pm)"
                         r"(?![a-z])")
ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b")
# Labels a number names rather than counts: "Section 427", "Flight 17", "page 5", "No. 10".
LABEL_BEFORE = re.compile(
    r"(?i:\b(?:section|row|seat|page|pages|chapter|article|clause|paragraph|rule|room|gate|"
    r"platform|route|highway|interstate|flight|channel|episode|level|gen|generation|version|"
    r"v|model|number|no\.|nos\.|#|item|line|lane|unit|block|building|floor|pier|terminal|"
    r"volume|vol\.|issue|exhibit|resolution|case|bus|apartment|apt\.|suite|district|ward|"
    r"group|grade|class|category|phase|stage|week|day|round|game|match|act|scene|series|"
    r"season|term|title|part|tier|zone|sector|area|region|runway|track|verse|psalm|figure|"
    r"fig\.|table|step|year|minute)\s*)$")
STREET = re.compile(
    r"^\s+(?:(?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th))\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|"
    r"Drive|Dr|Way|Place|Pl|Square|Sq|Court|Ct|Terrace|Crescent|Close|Parkway|Highway|"
    r"Hwy|Row|Mews|Gardens|Hill|Walk)\b")
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?|\d{2,5}[\s.-])"
                   r"\d{3,4}[\s.-]\d{3,5}(?![\w])|(?<![\w,.])\d{3}-\d{4}(?![\w-])")
CODE_AFTER = re.compile(r"\s+(?i:zip\s+code|postcode|post\s+code|area\s+code|postal\s+code)\b")
# A number dialled, not counted: "waited to call 911", "dialled 999.", "the 112 emergency
# call", "a 911 operator" (three digits and a singular: "300 emergency calls", "300
# emergency workers" are counts). After a verb of calling it is a count only when what it counts
# follows ("called 30 witnesses", "phoned 12 of them").
CALLED_BEFORE = re.compile(r"(?i:\b(?:call|calls|called|calling|dial|dials|dialled|dialed|"
                           r"dialling|dialing|ring|rang|phone|phoned|phoning|text|texted)\s+)$")
CALLED_ENDS = re.compile(r"^(?:\s*[.,;:!?)\]]|\s*$|\s+(?i:and|or|but|after|before|when|"
                         r"while|until|immediately|again|instead|for|from|at|on|in|to)\b)")
DIALLED_AFTER = re.compile(r"^\s+(?i:(?:emergency\s+)?(?:call|number|line|hotline|operator|"
                           r"dispatcher)\b(?!-))")
YEAR_SPAN = re.compile(r"(?<![\w.,])(?:19|20)\d\d[-–/](?:\d\d|(?:19|20)\d\d)(?![\w%]|[.,]\d)")
DATE_CHAIN = re.compile(r"(?<![\w.,])\d{1,4}([-/.])\d{1,2}\1\d{1,4}(?![\w])")
SCORE_WORDS = re.compile(
    r"(?i:\b(?:won|win|wins|winning|beat|beats|beaten|lost|lose|loses|losing|defeat|defeated|"
    r"victory|draw|drew|lead|led|leading|trail|trailed|score|scored|scoreline|scoring|"
    r"trailing|thrashing|thrashed|rout|routed|edged|down|up|at|final|finished|ended|deficit|goals?|"
    r"points?|sets?|runs?|innings)\b)")
FUNCTION_CAPS = frozenset(
    "In On At By For From To Of The A An And Or But About Around Some Over Under Up Nearly "
    "Almost Roughly Approximately Only Just More Fewer Less Another Since Until After Before "
    "During Between With Without Than Each Every All Both Of Its It He She They We I You This "
    "That These Those There Here As If When While Where Yet Still Also Then Now Within Across "
    "Per Plus Minus Near Past Like Unlike Among Below Above Beyond Despite Except Including "
    "Says Said Reported Reports Estimated Perhaps Possibly Already Another Additional Further "
    "Just Another Top Least Most Nearly Fully Total Totals Totalling Totaling Around Ages Aged "
    "Age Is Was Were Are Be Been Being Has Have Had Do Does Did Will Would Could Should May "
    "Might Must Can Cost Costs Paid Pay Pays Worth Valued Value Sold Sell Bought Buy Hit Hits "
    "Reach Reached Reaches Killed Kill Killing Injured Wounded Sent Send Deployed Deploy "
    "Dozens Hundreds Thousands Millions Billions Tens".split())

def not_a_quantity(text: str, start: int, end: int, digits: str, money: bool,
                    glued_ok: bool = False) -> bool:
    """Years, dates, clock times, designators, ordinals, scores, addresses, labels."""
    before, after = left_of(text, start), text[end:end + 80]
    prev = before[-1:] if before else ""
    nxt = after[:1]
    # Glued to letters or to a code: C-130, Su-25, A320-200, X5, 720p, MH17, 9/11, 24/7.
    if (prev.isalpha() and not glued_ok) or (prev in "/#" and before[-2:-1].isalnum()):
        return True
    if prev == "-" and not glued_ok and re.search(r"[A-Za-z]\w*-$", before) and \
            not re.search(r"(?i:\bsub-)$", before):
        return True
    if nxt in ("/",) and after[1:2].isdigit():
        return True  # dates 11/25, ratios 24/7
    code = re.match(r"^-(?:[A-Za-z]\w*\d|\d+(?P<tail>[A-Za-z]+))", after)
    if nxt == "-" and code and not (code.group("tail") and unit_key(code.group("tail"))):
        return True  # 4-K47, 737-8MAX (but 5-10W is a range of watts)
    if re.match(r"^[A-Za-z]", after) and not unit_follows(after) and \
            not re.match(r"^(?:bn|bln|mn|mln|tn|trn|[mbkMBK])(?![\w])", after) and \
            not re.match(r"^(?:st|nd|rd|th)\b", after):
        return True  # 720p, 5G, 3D, 4x4 (letters glued after that are not a unit)
    if ORDINAL_AFTER.match(after):
        return True
    if re.match(r"0\d", digits):
        return True  # 0307 (local time), 007: a code or a time, not an amount
    if CLOCK_AFTER.match(after) or CLOCK_RANGE.match(after):
        return True
    if CLOCK_HRS.match(after) and (len(digits) == 4 or after[:1] in ":."):
        return True
    if prev == ":" and before[-2:-1].isdigit():
        return True  # the minutes of 10:27
    bare = "," not in digits and "." not in digits
    if bare and len(digits) <= 2 and (MONTH_BEFORE.search(before) or MONTH_AFTER.match(after)):
        return True  # March 29, 8 July, the 5th of May
    if bare and len(digits) == 4 and not money and _is_year(text, start, end, int(digits)):
        return True
    if bare and (STREET.match(after) or CODE_AFTER.match(after)):
        return True  # 575 Wilbraham Road, the 90049 ZIP code
    if bare and not money and ((search_end(CALLED_BEFORE, before, len("dialling"))
                                and CALLED_ENDS.match(after)) or
                               (len(digits) == 3 and DIALLED_AFTER.match(after))):
        return True  # "call 911", "the 999 emergency call": a number dialled
    if not money and _is_label(before, after, whole=start <= 80):
        return True
    if not money and _is_score(text, start, end):
        return True
    return False


def _is_year(text: str, start: int, end: int, n: int) -> bool:
    """A bare four-digit number from 1000 to 2100 is a year, unless a hedge, a unit or (below
    1900, where years are rarer in news) a plural noun says it counts something."""
    if not 1000 <= n <= 2199:
        return False
    before, after = left_of(text, start), text[end:end + 80]
    um = unit_table().after.match(after)
    if um and unit_follows(after) and unit_key(um.group("unit")) not in (
            "year", "years_old", "month", "week", "day", "m", "point"):
        return False  # "1500 km", "2000 sq ft"; but "2019 season's 12 points" stays a year
    counts = re.match(r"^\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)\b", after)
    if (search_end(HEDGE_RE, before[-30:], HEDGE_LONGEST)
            or search_end(INCREMENT_RE, before, INCREMENT_LONGEST)) and counts and (
            is_plural(counts.group(1)) and counts.group(1) not in _NOT_PLURAL):
        return False
    if search_end(INCREMENT_RE, before, INCREMENT_LONGEST) or _AMOUNT_BEFORE.search(before):
        return False  # "another 1500", "an average of 1500"
    if re.match(r"^\s+(?:more|fewer|other)\b", after):
        return False
    if _end_of_counted_range(before, n, after):
        return False  # "from 1500 to 2000 people", "about 1500-2000 metres"
    if n < 1900:
        noun = re.match(r"^\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*s)\b", after)
        if noun and noun.group(1) not in _NOT_PLURAL:
            return False
    return True


# Words before a number that make it an amount, never a year
_AMOUNT_BEFORE = re.compile(r"(?i:\ban?\s+(?:average|total|maximum|minimum|tally)\s+of\s+"
                            r"(?:about\s+|around\s+|nearly\s+|some\s+)?)$")
_YEAR_WORD_BEFORE = re.compile(r"(?i:\b(?:in|since|by|until|till|before|after|during|early|"
                               r"late|mid|of)\s+)$")
_RANGE_NEXT = re.compile(r"^\s?(?:-|–|to)\s?(\d[\d,]*(?:\.\d+)?)")
_RANGE_BEFORE = re.compile(r"(?<![\d,.])(\d[\d,]*(?:\.\d+)?)\s?(?:-|–|to)\s?$")


def _end_of_counted_range(before: str, n: int, after: str) -> bool:
    """An end of a range whose last end counts something ("from 1500 to 2000 people", "about
    1500-2000 metres") is no year; two years a few apart stay years ("from 2010 to 2015
    levels")."""
    if _YEAR_WORD_BEFORE.search(before) or MONTH_BEFORE.search(before):
        return False  # "from 20 mpg in 2008 to 29 mpg"
    nxt = _RANGE_NEXT.match(after)
    if nxt:
        first, last, rest = float(n), float(nxt.group(1).replace(",", "")), after[nxt.end():]
    else:
        prev = _RANGE_BEFORE.search(before)
        if prev is None:
            return False
        first, last = float(prev.group(1).replace(",", "")), float(n)
        rest = after
    if not first or not 0.1 <= last / first <= 10:
        return False  # "in May 1997 to 20 years" is no range (nor is an end of 0)
    if 1900 <= first < last <= 2100 and last - first <= 30:
        return False  # two years a few apart
    return unit_follows(rest) or _plural_follows(rest)


def _plural_follows(after: str) -> bool:
    noun = re.match(r"^\s+([a-z][\w-]*)\b", after)
    return noun is not None and is_plural(noun.group(1)) and noun.group(1) not in _NOT_PLURAL


_NOT_PLURAL = frozenset({"was", "has", "is", "as", "its", "this", "his", "does", "always",
                         "news", "series", "plus", "less", "thus", "unless", "across"})


def _is_label(before: str, after: str, whole: bool) -> bool:
    if search_end(LABEL_BEFORE, before[-30:], len("generation")):
        # "page 5" names a page; "5 pages" counts them, and "week 5 of" names a week too
        return not re.match(r"^\s*(?:%|per\s?cent|percent)", after)
    m = re.search(r"(?:^|[\s(\"“])([A-Z][\w&'’.+-]*|[A-Z]{2,}|[a-z]+[A-Z][\w-]*)\s+$", before)
    if not m:
        return False
    word = m.group(1)
    if word in FUNCTION_CAPS or re.fullmatch(MONTHS, word) or word.rstrip(".") in FUNCTION_CAPS:
        return False
    if word.endswith(("'s", "’s")):
        return False  # "Friday's 9.0 magnitude earthquake", "Japan's 54 reactors": an owner

    if re.match(r"^\s?(?:%|per\s?cent|percent)", after):
        return False
    if unit_follows(after) or re.match(r"^(?:,\d{3}|\s+(?:million|billion|thousand|"
                                                r"more|fewer|people|of)\b)", after):
        return False
    # A capitalised word right before a number makes it part of a name: "Pixel 7",
    # "Flight 17", "Big 12", "Windows 10"; a word that starts a sentence does not.
    start_of_sentence = whole and not before[:m.start(1)].strip()
    return not start_of_sentence or word.lower() not in _COMMON_STARTS


_COMMON_STARTS = frozenset({"another", "only", "just", "almost", "nearly", "about", "some",
                            "over", "under", "more", "fewer", "less", "around", "roughly"})


_SCORE_FIRST = re.compile(r"(?<![\d.,])(\d{1,3})\s?[-–—]\s?$")  # "24 - " before the 17


def _is_score(text: str, start: int, end: int) -> bool:
    """2-0, 24-17, 3–1: a pair of small integers joined by a dash, with a match around it."""
    after = text[end:]
    before = left_of(text, start)
    m = re.match(r"^\s?[-–—]\s?(\d{1,3})(?![\d%]|[.,]\d)", after)
    if m:
        first = int(text[start:end]) if text[start:end].isdigit() else None
        second = int(m.group(1))
        if first is None:
            return False
        if unit_follows(after[m.end():]):
            return False
        return first >= second or bool(SCORE_WORDS.search(before[-40:] + " " + after[m.end():
                                                                                    m.end() + 40]))
    m = search_end(_SCORE_FIRST, before, len("123-"))
    if m and text[start:end].isdigit():
        first, second = int(m.group(1)), int(text[start:end])
        if unit_follows(after):
            return False
        return first >= second or bool(SCORE_WORDS.search(before[-40:] + " " + after[:40]))
    return False
