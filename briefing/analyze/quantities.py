"""Every quantity in a sentence: value or range, hedge, change, unit, counted noun, span."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from number_parser import parse_number as _parse_number_words

from ..models import Quantity
from .nonquantities import blocked_spans, not_a_quantity
from .quantity_words import (
    CHANGE_AFTER,
    CHANGE_BY,
    DOWN,
    HEDGE_AFTER,
    HEDGE_FIRST,
    HEDGE_LONGEST,
    HEDGE_RE,
    HEDGES,
    INCREMENT_LONGEST,
    INCREMENT_RE,
    MORE_AFTER,
    TO_LEVEL,
    UP,
    change_before,
    has_word,
    is_plural,
    left_of,
    search_end,
)
from .units import (
    AFTER_SIGNS,
    CURRENCY_KEYS,
    LONE_LETTER_END,
    SCREEN_LINES,
    TIME_UNITS,
    per_unit,
    unit_key,
    unit_table,
)

_W = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
      r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
      r"seventy|eighty|ninety)")
_S = r"(?:hundred|thousand|million|billion|trillion)"
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
          "tn": 1e12, "trn": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
          "dozen": 12}
_WORDNUM = (rf"(?:{_W}(?:-{_W})?(?:\s+and\s+a\s+half)?(?:\s+{_S}(?:\s+(?:and\s+)?{_W}(?:-{_W})?)?)*"
            rf"(?:\s+dozen)?|an?\s+(?:{_S}|dozen)(?:\s+{_S})*)")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
# "Dozens of people", "tens of thousands of fans": a range of one order of magnitude.
_VAGUE = (r"(?:tens|hundreds|thousands|millions|billions|dozens)"
          r"(?:\s+of\s+(?:thousands|millions|billions))?(?=\s+of\s)")
VAGUE = {"dozens": 12.0, "tens": 10.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
         "billions": 1e9}

# Currency written before the number. "PS" is how ASCII-folded text spells "£"; it counts
# only before a written-out amount (PS2.7m, PS21,700), since PS4 and PS5 are consoles.
CURRENCY_SIGNS = [
    # a space may follow a sign before the digits ("US$ 5", "€ 12bn")
    (r"(?:(?:US|U\.S\.)\s?\$|\$US)(?:\s(?=\d))?", "USD"),
    # "A$5" is Australian, "A $5m grant" an article before dollars.
    (r"A\$|AU\s?\$|\$A(?=\d)", "AUD"), (r"C\$|(?:CA|Can)\s?\$", "CAD"),
    (r"HK\s?\$", "HKD"), (r"NZ\s?\$", "NZD"), (r"S\$", "SGD"), (r"R\$", "BRL"),
    (r"NT\s?\$", "TWD"), (r"₱", "PHP"), (r"₦", "NGN"), (r"₺", "TRY"), (r"฿", "THB"),
    (r"₫", "VND"), (r"₴", "UAH"), (r"Rp\.?\s?(?=\d)", "IDR"),
    # "R2bn" is rand only with a scale: "R2" alone is a road, a rating or a round
    (r"R(?=\d[\d.,]*\s?(?:bn|m|million|billion|trillion)\b)", "ZAR"),
    (r"\$(?:\s(?=\d))?", "USD"), (r"€(?:\s(?=\d))?", "EUR"), (r"£(?:\s(?=\d))?", "GBP"),
    (r"¥", "JPY"), (r"₹", "INR"), (r"₩", "KRW"),
    (r"₽", "RUB"), (r"₪", "ILS"), (r"Rs\.?\s?", "INR"), (r"RM\s?", "MYR"),
    # ISO codes ("AED 5m"); not TRY, PHP, GEL or RON, words and names before numbers too
    (r"(?:USD|EUR|GBP|JPY|CHF|CNY|AUD|CAD|INR|RMB|SGD|HKD|NZD|SEK|NOK|DKK|ZAR|MXN|BRL|KRW|AED|"
     r"SAR|PLN|HUF|CZK|ILS|MYR|IDR|THB|NGN|PKR|UAH|RUB|TWD|VND)\s?", None), (r"Y=(?=\d)", "JPY"),
    (r"PS(?=\d[\d.]*\s?(?:m|bn|k|million|billion)\b|\d{1,3},\d{3}|\d+\.\d)", "GBP"),
]
_CURRENCY = "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(CURRENCY_SIGNS))

_FRACTION = (r"(?:(?:an?|one|two|three|four|five|six|seven)[\s-](?:half|halves|thirds?|quarters?|"
             r"fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
             r"|half|(?:one|two|three|four|five|six|seven|eight|nine|\d{1,2})[\s-]+(?:in|out[\s-]+of)"
             r"(?:[\s-]+every)?[\s-]+(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b)"
             r"(?=\s+of\b|\s+[A-Za-z])")
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
             "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
             "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
CANDIDATE = re.compile(
    # Only where a number, sign or currency can start: a digit or symbol, or a word's first
    # letter (the look-ahead skips the inside of words cheaply).
    r"(?=[\d.+\-−$€£¥₹₩₽₪₱₦₺฿₫₴]|\b[A-Za-z])"
    rf"(?P<sign>(?<![\w.,%])[+\-−](?=[\d.])|(?i:\bminus[\s-]?)(?=[\d.]))?(?P<cur>{_CURRENCY})?"
    rf"(?P<sign2>(?<=[$€£¥])-(?=\d))?"
    rf"(?:(?P<slash>(?<![\w/.,])\d{{1,3}}[/⁄]\d{{1,3}}(?=\s+of\b))|(?P<dig>{_DIGITS})"
    rf"(?P<dhalf>(?i:\s+and\s+a\s+half\b)|[½¼¾⅓⅔](?![\d.]))?(?:(?P<abbr>bn|bln|mn|mln|tn|trn|[mbkMBK])(?![\w])|"
    rf"(?P<dscale>(?:\s+(?:{_S}|dozen|crores?|lakhs?|bn|mn|tn))+)\b)?"
    rf"|(?P<frac>(?i:\b{_FRACTION}))"
    rf"|(?P<word>(?i:\b{_WORDNUM}\b))|(?P<vague>(?i:\b{_VAGUE})))")

# What every candidate above needs (a digit, a number word, a fraction or a vague amount),
# found by a much cheaper scan.
MAY_HOLD_NUMBER = re.compile(rf"\d|(?i:\b(?:{_WORDNUM}|{_FRACTION}|{_VAGUE}))")
# The same scan on the sentence in lower case, without (?i) (which makes the regex compare
# every letter case-blind: 2.5x slower). Lower-casing keeps every word and space character
# what it was; the only letters re's case-blind match folds to ASCII that str.lower() does
# not are "İ", "ı" and "ſ", for which the scan above is asked instead.
_MAY_HOLD_LOWER = re.compile(rf"\d|\b(?:{_WORDNUM}|{_FRACTION}|{_VAGUE})")
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")


def may_hold_number(text: str) -> bool:
    """MAY_HOLD_NUMBER.search(text), about 2.5x faster."""
    if _FOLDS_APART.search(text):
        return MAY_HOLD_NUMBER.search(text) is not None
    return _MAY_HOLD_LOWER.search(text.lower()) is not None


# Where a candidate's number can begin: a digit, or the first word of a number in words, a
# fraction or a vague amount (each a whole word), found in the sentence in lower case.
_CORE_LOWER = re.compile(
    r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|half|tens|hundreds|thousands|millions|billions|dozens)\b"
    # "a"/"an" only before a scale or a fraction ("a hundred", "a third", "an eighth")
    r"|\ban?(?=[\s-]+(?:hundred|thousand|million|billion|trillion|dozen|half|halves|third|"
    r"quarter|fifth|sixth|seventh|eighth|ninth|tenth))")
# How far before that a candidate can start: a sign ("minus-", 6) or a currency ("U.S. $ ",
# 7) and a sign after it (1), then "." before the first digit (1).
CORE_REACH = 9
_CANDIDATE_START = re.compile(r"[\d.+\-−$€£¥₹₩₽₪₱₦₺฿₫₴]|\b[A-Za-z]")


def candidates(text: str) -> list[re.Match[str]]:
    """CANDIDATE.finditer(text), tried only within CORE_REACH characters before a place a
    number can begin (the big pattern is slow to try at every word of a sentence)."""
    lower = text.lower()
    if _FOLDS_APART.search(text) or len(lower) != len(text):
        return list(CANDIDATE.finditer(text))
    out: list[re.Match[str]] = []
    done = 0  # positions before this are tried, or inside a match
    for core in _CORE_LOWER.finditer(lower):
        at = core.start()
        if at < done:
            continue
        pos = max(done, at - CORE_REACH)
        while pos <= at:
            # only where CANDIDATE's opening look-ahead holds (endpos: none reaches past `at`)
            start = _CANDIDATE_START.search(text, pos, at + 1)
            if start is None:
                break
            m = CANDIDATE.match(text, start.start())
            if m is None:
                pos = start.start() + 1
                continue
            out.append(m)
            pos = done = m.end()
        done = max(done, at + 1)
    return out

SPACED_SCALE_RE = re.compile(r"\s(m|bn|mn|b|k)(?![\w'’])")
AGE_AFTER_NAME = re.compile(r"\b[A-Z][\w'’.-]+,\s$")
SPORT_LEFT = re.compile(r"\b[A-Z][\w'’]*\s*$")

STOP_NOUN = frozenset(
    "a an the of in on at by for from to and or but with without as than that which who whom "
    "whose what where when while if is was were are be been being has have had do does did "
    "will would could should may might must can this these those there here it its it's their "
    "his her our your my we they he she i you them him us per each every all some any no not "
    "more less fewer most least only just also even still yet already about around over under "
    "up down into onto out off after before since until during between against among through "
    "across toward towards within so such very too than then now once again said says say told "
    "according including reportedly respectively while whereas percent cent last next ago "
    "earlier later ever behind beside beyond near via inside outside along throughout upon "
    "versus vs amid amidst despite following like unlike plus minus instead because though "
    "although unless whether "
    # A day or month after the noun says when: "arrested 100 protesters Tuesday at…".
    "today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday "
    "sunday january february march april june july august september october november "
    "december".split())
NOUN_WORD = re.compile(r"[A-Za-z][\w’'&]*(?:-[\w’'&]+)*")


@dataclass
class _Found:
    start: int  # the figure's span, growing as hedge, unit and range are read
    end: int
    num_start: int  # the number itself (no sign, currency or unit)
    num_end: int
    value: float
    currency: str | None = None
    unit: str | None = None
    unit_text: str | None = None
    low: float | None = None
    high: float | None = None
    hedge: str = "="
    change: str = "="
    by: bool = False
    kind: str = "count"
    scaled: bool = False  # had a scale word or abbreviation ("4.2 million", "$3bn")
    word: bool = False  # written in words
    has_sign: str | None = None
    from_range: bool = False  # "from A to B"


# A tens word mistyped by one letter before a hyphen and a unit ("Sixth-seven suspected
# rioters" for sixty-seven): read as the tens it stands for, the text's length unchanged.
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
TENS_TYPO_RE = re.compile(r"\b([A-Za-z]{5,7})-(?=(?:one|two|three|four|five|six|seven|eight|"
                          r"nine)\b)", re.I)


def _mend_tens(text: str) -> str:
    for m in TENS_TYPO_RE.finditer(text):
        word = m.group(1)
        if word.lower() in TENS:
            continue
        for tens in TENS:
            if len(tens) == len(word) and \
                    sum(a != b for a, b in zip(tens, word.lower(), strict=True)) == 1:
                mended = (tens[0].upper() if word[0].isupper() else tens[0]) + tens[1:]
                text = text[:m.start(1)] + mended + text[m.end(1):]
                break
    return text


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in one sentence, in order and non-overlapping.

    >>> [q.value for q in find_quantities("Between 10,000 and 12,000 troops, up 5% in 2024.")]
    [12000.0, 5.0]
    """
    # Most sentences have no candidate (no digit and no number word). A candidate holds what
    # may_hold_number looks for, and a mended tens word ("Sixth-seven") has one after it: so
    # a sentence without one was told apart by may_hold_number, and mending adds none.
    found_here = candidates(text)
    if not found_here:
        return ()
    if "-" in text:
        mended = _mend_tens(text)
        if mended != text:
            text, found_here = mended, candidates(mended)
    found_here = [m for m in found_here if m.group("dig") or m.group("word")
                  or m.group("vague") or m.group("frac") or m.group("slash")]
    if not found_here:
        return ()
    blocked = blocked_spans(text)
    raw: list[_Found] = []
    for m in found_here:
        if any(s <= m.start() < e for s, e in blocked):
            continue
        found = _read(text, m)
        if found is not None and found.value is not None:
            raw.append(found)
    merged = _merge_ranges(text, raw)
    out: list[Quantity] = []
    taken_until = -1
    for i, f in enumerate(merged):
        if f.start < taken_until:
            continue
        product = _product(text, f, merged[i + 1] if i + 1 < len(merged) else None)
        if product is not None:
            f = product
        else:
            _hedge_and_change(text, f)
        more = MORE_AFTER.match(text, f.end) if f.unit is None and f.low is None else None
        if more and _next_word(text, more.end()) not in STOP_NOUN | _VERBISH:
            # "3,000 more troops": an increment, its noun after "more"
            f.kind, f.end = "increment", more.end(1)
        # "a third of the population": a share also says of what
        noun = _noun(text, f) if f.unit is None or f.unit == "fraction" else None
        if noun is None and f.unit is None and f.low is None and _RANK_BEFORE.search(
                left_of(text, f.start)):
            continue  # "slipped towards the bottom three": a place in a table, no count
        if noun is None and f.unit is None and f.low is None and _JOINED_WORD.match(text, f.end):
            continue  # "a two-pronged attack", "a one-off payment": part of a word
        if noun is None and f.unit is None and f.low is None:
            one_or = _ONE_OR.search(left_of(text, f.start))
            if one_or:  # "a day or two", "another pick or two": what the one counted
                at = f.start - (len(left_of(text, f.start)) - one_or.start("word"))
                key = unit_key(one_or.group("word"))
                if key in TIME_UNITS or (key is not None and len(one_or.group("word")) > 2):
                    f.unit, f.unit_text = key, one_or.group("word")
                elif one_or.group("word").lower() not in STOP_NOUN | _VERBISH:
                    noun = (one_or.group("word"), at, at + len(one_or.group("word")))
        if noun is None and f.unit is None:
            scale = _ON_SCALE.match(text, f.end)
            um = unit_table().after.match(text[scale.end():]) if scale else None
            if scale and um and re.match(r"\s+scale\b", text[scale.end() + um.end():]):
                # "between 50 and 70 on the GPa scale": the scale names the unit
                f.unit, f.unit_text = unit_key(um.group("unit")), um.group("unit")
        if noun is not None and f.unit is None and _names_a_model(text, f, noun):
            continue  # "Boeing's 787 Dreamliner", "iPhone 11 Pro", "22 Ave Foch"
        out.append(Quantity(
            start=f.start, end=f.end, value=f.value, low=f.low, high=f.high, hedge=f.hedge,
            change=f.change, unit=f.unit, unit_text=f.unit_text,
            noun=noun[0] if noun else None, noun_start=noun[1] if noun else None,
            noun_end=noun[2] if noun else None, kind=f.kind, by=f.by,
            per=_counted_per(text, noun[2]) if noun else None))
        taken_until = f.end
    return tuple(_inherit_in_brackets(text, _change_left_out(text, _clock_minutes(
        text, _unit_left_out(text, out)))))


def _clock_minutes(text: str, found: list[Quantity]) -> list[Quantity]:
    """"4h 20m": an "m" glued to a number right after hours is minutes, not metres."""
    out = list(found)
    for i in range(1, len(out)):
        prev, q = out[i - 1], out[i]
        if prev.unit == "hour" and q.unit == "m" and text[prev.start:prev.end].endswith("h") \
                and text[q.start:q.end].endswith("m") and not text[prev.end:q.start].strip():
            out[i] = replace(q, unit="minute", unit_text="m")
    return out


# Between a change and a figure whose verb is left out: a name, then "by" perhaps.
_GAPPED = re.compile(r"\s*(?:,|;|\band\b)\s*(?:and\s+)?(?:the\s+)?"
                     r"(?P<name>(?:[A-Za-z][\w&'’.-]*\s+){1,4})(?:by\s+)?")


def _change_left_out(text: str, found: list[Quantity]) -> list[Quantity]:
    """"Shares of A were down 2.3%, B by 2.6%": the second change is down too."""
    out = list(found)
    for i in range(1, len(out)):
        prev, q = out[i - 1], out[i]
        gapped = _GAPPED.fullmatch(text, prev.end, q.start)
        if prev.by and q.change == "=" and q.unit == prev.unit and q.unit is not None and \
                gapped and not any(w.lower() in (STOP_NOUN - {"by"}) | _VERBISH
                                   for w in gapped.group("name").split()):
            out[i] = replace(q, change=prev.change, by=True)
        elif prev.by and q.change == "=" and q.unit is not None and \
                _OR_AS_SHARE.fullmatch(text, prev.end, q.start):
            out[i] = replace(q, change=prev.change, by=True)  # "cut 1,200 jobs, or 8%"
        elif prev.by and prev.unit is not None and q.unit is None and q.noun is None and \
                prev.unit.split("/")[0] not in ("percent", "bp") and \
                _TO_LEVEL_AFTER.fullmatch(text, prev.end, q.start):
            # "rose 450 points, or 0.8 per cent, to 58,000": the level is in points
            out[i] = replace(q, unit=prev.unit, change=prev.change)
        elif i > 1 and out[i - 2].by and out[i - 1].by and q.unit is None and q.noun is None \
                and (out[i - 2].unit or "").split("/")[0] not in ("", "percent", "bp") and \
                _OR_AS_SHARE.fullmatch(text, out[i - 2].end, prev.start) and \
                _TO_LEVEL_AFTER.fullmatch(text, prev.end, q.start):
            out[i] = replace(q, unit=out[i - 2].unit, change=out[i - 2].change)
    return out


# "rose 450 points, or 0.8 per cent": the same change told as a share
_OR_AS_SHARE = re.compile(r"(?:\s+[a-z]+){0,2},?\s+or\s+(?:about\s+|nearly\s+|some\s+)?")
_TO_LEVEL_AFTER = re.compile(r"(?:\s+[a-z]+){0,3},?\s+(?:to|at)\s+")


_OF_THE = re.compile(r"\s+of\s+(?:the\s+|an?\s+|its\s+|their\s+)?")
_PARALLEL_BEFORE = re.compile(r"(?i:\b(by|at)\s+)$")


def _unit_left_out(text: str, found: list[Quantity]) -> list[Quantity]:
    """A bare number whose unit the sentence gives once for two: "280 million of the 1.5
    billion shekels", "from about 14-18 mpg to 24", "increased by 2 percent but the Nasdaq
    fell by 1", "ended at 1,463.78 points, while the TA-125 ended at 1,334.20"."""
    out = list(found)
    for i, q in enumerate(out):
        prev = out[i - 1] if i else None
        if q.unit == "m" and q.unit_text == "m" and prev is not None and \
                prev.unit in CURRENCY_KEYS and _COMPARED_WITH.fullmatch(text, prev.end, q.start):
            # "£35.3m in wages, up from 28.1m": millions of the money it is compared with
            out[i] = replace(q, value=q.value * 1e6, unit=prev.unit)
            continue
        if q.unit is not None or q.noun is not None or q.kind != "count":
            continue
        counted = _noun_left_out(text, out[:i], q)
        if counted is not None:
            out[i] = replace(q, noun=counted.noun, noun_start=counted.noun_start,
                             noun_end=counted.noun_end, per=counted.per)
            continue
        unit = None
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is not None and _carries_unit(nxt) and _OF_THE.fullmatch(text, q.end, nxt.start):
            unit = nxt.unit
        elif prev is not None and _carries_unit(prev) and prev.low is not None and \
                re.fullmatch(r"\s+to\s+", text[prev.end:q.start]):
            unit = prev.unit
        elif prev is not None and prev.unit == "years_old" and prev.unit_text is None and \
                re.fullmatch(r"\s+and\s+", text[prev.end:q.start]):
            unit = prev.unit  # "aged 5 and 7"
        elif prev is not None and _carries_unit(prev) and \
                _COMPARED_WITH.fullmatch(text, prev.end, q.start):
            unit = prev.unit  # "rose to $5.2 billion from 4.8 billion", "5%, against 4"
        elif nxt is not None and nxt.unit in CURRENCY_KEYS and \
                _IN_BRACKETS.fullmatch(text, q.end, nxt.start):
            unit = _converted_like(text, out[:i], nxt.unit)
        elif i >= 3 and q.change != "=" and not q.by and prev is not None and prev.by and \
                _carries_unit(out[i - 2]) and out[i - 2].unit not in ("percent", "bp") and \
                out[i - 3].by and out[i - 3].unit == prev.unit and \
                _WHILE.fullmatch(text, out[i - 2].end, prev.start):
            # "A fell 1.2% to 1,430 rupees, while B lost 0.8% to 980": the level the second
            # change reached is in the unit of the first's
            unit = out[i - 2].unit
        else:
            at = _PARALLEL_BEFORE.search(left_of(text, q.start))
            if at:
                word = at.group(1).lower()
                for p in reversed(out[:i]):
                    if re.search(r"[.!?;]\s", text[p.end:q.start]):
                        break  # another sentence or clause
                    before = _PARALLEL_BEFORE.search(left_of(text, p.start))
                    if before and before.group(1).lower() == word:
                        unit = p.unit if _carries_unit(p) else None
                        break
        if unit is not None:
            out[i] = replace(q, unit=unit)
    return out


def _noun_left_out(text: str, before: list[Quantity], q: Quantity) -> Quantity | None:
    """A bare count whose noun the sentence gives once for two: "rose to 50 cases, up from
    40", "12 people who were hurt and 3 who died", "5 goals by Kane and 3 by Son": the count
    before it that names the noun."""
    if not before:
        return None
    prev = before[-1]
    if prev.noun is not None and prev.unit is None and prev.noun_end is not None and \
            _COMPARED_WITH.fullmatch(text, prev.noun_end, q.start):
        return prev
    after_q = _FIRST_WORD.match(text, q.end)
    if after_q is None:
        return None
    for p in reversed(before):
        if re.search(r"[.!?;:]\s", text[p.end:q.start]):
            return None  # another clause or sentence
        if p.unit is not None:
            continue  # "12 people who had waited for 2 years and 3 who died": a measure between
        if p.noun_end is None:
            return None  # the nearest count names none
        after_p = _FIRST_WORD.match(text, p.noun_end)
        if after_p and after_p.group(1) == after_q.group(1) and \
                re.search(r"\b(?:and|while|whereas)\b", text[p.noun_end:q.start]):
            return p
        return None
    return None


_FIRST_WORD = re.compile(r"\s+([a-z]+)\b")
_IN_BRACKETS = re.compile(r"\s*\(\s*")
# Between two parallel clauses: ", while B ...", ", whereas B ...", ", and B ..."
_WHILE = re.compile(r",?\s+(?:while|whereas|and)\s+[^.;:()]{0,60}?")


def _converted_like(text: str, before: list[Quantity], converted_to: str) -> str | None:
    """"500 rupees ($7) for adults and 250 ($3.50) for children": a bare amount converted in
    brackets is in the currency of an earlier amount converted to the same one."""
    for j in range(len(before) - 1, 0, -1):
        amount, conversion = before[j - 1], before[j]
        if amount.unit in CURRENCY_KEYS and conversion.unit == converted_to != amount.unit and \
                _IN_BRACKETS.fullmatch(text, amount.end, conversion.start):
            return amount.unit
    return None


# Between a figure and the one it is compared with, in the same clause: "from", "up from",
# "compared with", "versus", "against", after at most three words ("a year earlier")
_COMPARED_WITH = re.compile(
    r"(?:\s+[a-z]+){0,3},?\s+(?:(?:up|down)\s+from|from|compared\s+(?:with|to)|versus|vs\.?|"
    r"against)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|some\s+)?")


def _carries_unit(q: Quantity) -> bool:
    return q.unit is not None and q.unit not in ("fraction", "years_old", "months_old")


_ON_SCALE = re.compile(r"\s+on\s+(?:the|a|an)(?=\s)")
_ONE_OR = re.compile(r"(?i:\b(?:a|an|another|one)\s+)(?P<word>[a-z]+)\s+or\s+$")
_JOINED_WORD = re.compile(r"-(?:[A-Za-z]+ed|off)\b")
# Capitalised words after a count that are a plural in their singular form (nationalities),
# or a headline's adjectives ("12 Dead, 40 Missing")
_NOT_A_MODEL = re.compile(r"(?:ese|ish|s|ed|an)$|^(?:French|Dutch|Czech|Dead|Missing|Hurt|Homeless|"
                          r"Safe|Sick)$")


def _names_a_model(text: str, f: _Found, noun: tuple[str, int, int]) -> bool:
    """Digits before capitalised words in the singular name a thing, not how many: "the 787
    Dreamliner", "iPhone 11 Pro", "22 Ave Foch" (a count takes a plural: "737 Max jets",
    "300 Republican senators", "1,500 Palestinian", "five BMWs"; "300 U.S. troops"; a hedged
    figure counts: "about 500 Boeing 737s")."""
    if f.word or f.scaled or f.low is not None or f.value == 1 or f.hedge != "=" or \
            not float(f.value).is_integer():
        return False
    words = noun[0].split()
    return all(w[:1].isupper() and len(w) > 1 and not w.isupper() for w in words) and \
        not _NOT_A_MODEL.search(words[-1].rstrip("'’")) and unit_key(words[-1]) is None and \
        not re.match(r"[.'’]\w", text[noun[2]:])


_RANK_BEFORE = re.compile(r"(?i:\bthe\s+(?:top|bottom)\s+)$")


def _inherit_in_brackets(text: str, found: list[Quantity]) -> list[Quantity]:
    """"just under 296 hp (224 kW / 300 PS)": the conversions are "just under" too."""
    out: list[Quantity] = []
    for q in found:
        if out and q.hedge == "=" and q.change == "=":
            gap = text[out[-1].end:q.start]
            if re.fullmatch(r"\s*\(\s*", gap) or (re.fullmatch(r"\s*/\s*", gap) and len(out) > 1
                                                  and "(" in text[out[-2].end:out[-1].start]):
                prev = out[-1]
                q = replace(q, hedge=prev.hedge, change=prev.change, by=prev.by)
        out.append(q)
    return out


def _read(text: str, m: re.Match[str]) -> _Found | None:
    """One number with its currency, scale and unit; None when it is no quantity."""
    after = text[m.end():]
    sign = m.group("sign") or m.group("sign2")
    if sign and sign.lower().startswith("minus"):
        sign = "-"
    cur_text = m.group("cur")
    if m.group("frac"):
        return _of_a_unit(text, _fraction(text, m))
    if m.group("slash"):  # "1/16 of a pint"
        top, bottom = re.split(r"[/⁄]", m.group("slash"))
        if not int(bottom):
            return None
        return _of_a_unit(text, _Found(m.start(), m.end(), m.start(), m.end(),
                                       value=int(top) / int(bottom), unit="fraction",
                                       unit_text=m.group("slash")))
    if m.group("vague"):
        words = m.group("vague").lower().split()
        base = VAGUE[words[0]] * (VAGUE[words[-1]] if len(words) > 1 else 1.0)
        f = _Found(m.start(), m.end(), m.start(), m.end(), value=base * 10, word=True)
        f.low, f.high = base, base * 10
        return _with_unit(text, f)
    if m.group("word"):
        phrase = m.group("word")
        value = _word_value(phrase)
        if value is None or not _word_is_number(text, m, phrase):
            return None
        f = _Found(m.start(), m.end(), m.start("word"), m.end("word"), value=value, word=True,
                   scaled=any(s in phrase.lower() for s in ("hundred", "thousand", "illion")))
        half = re.search(r"(?i:\bhalf\s+)$", left_of(text, m.start())) \
            if phrase.lower().startswith("a ") else None
        if half:  # "half a dozen", "half a million"
            f.value /= 2
            f.start = m.start() - len(half.group(0))
        return _with_unit(text, f)
    digits = m.group("dig")
    num_start, num_end = m.start("dig"), m.end("dig")
    share = _DIGIT_SHARE.match(text, num_start) if not cur_text and not sign else None
    part = _share_value(text, share) if share else None
    if share and part is not None:  # "3 in 10 adults"
        return _Found(m.start(), share.end(), num_start, share.end(), value=part, word=True,
                      unit="fraction", unit_text=share.group(0))
    if not_a_quantity(text, num_start, num_end, digits, cur_text is not None or bool(sign),
                       glued_ok=cur_text is not None or bool(m.group("sign"))):
        return None
    value = float(digits.replace(",", "")) + _vulgar(m.group("dhalf"))
    scale = 1.0
    m_end = m.end()
    abbr = m.group("abbr")
    power = _POWER_OF_TEN.match(text, num_end) if not abbr and not m.group("dscale") else None
    if power:  # "1.99×10−30 kilograms", "6.02 x 10^23"
        written = power.group(1) or power.group(2) or power.group(3)
        exponent = int(written.translate(_SUPERSCRIPTS).replace("−", "-"))
        return _with_unit(text, _Found(m.start(), power.end(), num_start, power.end(),
                                       value * 10.0 ** exponent, scaled=True, has_sign=sign))
    if abbr:
        factor = SCALES.get(abbr.lower())
        # "5m" alone is five metres; "$5m" or "5bn" is money or a count in millions.
        # "5m people" counts in millions too: a plural noun follows, not a length
        nxt = re.match(r"\s+([a-z][\w-]*)(?:\s+([a-z]+)\b)?", text[m.end():])
        # "3m euros" and "3m euro": a currency after the figure makes "m" millions too.
        code = re.match(r"\s+([A-Z]{3})\b", text[m.end():])  # "5m USD"
        per_million = abbr in ("m", "k", "K") and (nxt is not None and (
            is_plural(nxt.group(1)) or bool(nxt.group(2)) and is_plural(nxt.group(2))
            or unit_key(nxt.group(1)) in CURRENCY_KEYS)
            or code is not None and unit_key(code.group(1)) in CURRENCY_KEYS)
        if factor and (cur_text or abbr.lower() in ("bn", "bln", "mn", "mln", "tn", "trn")
                       or abbr in ("M", "B") or per_million):
            scale = factor
        else:
            return _with_unit(text, _Found(m.start(), num_end, num_start, num_end, value,
                                           has_sign=sign))
    if m.group("dscale"):
        for word in m.group("dscale").lower().split():
            scale *= SCALES[word]
    elif cur_text and not abbr:
        # "$4.37 m", "£2.7 m": after a currency sign a spaced letter is its scale, not metres.
        spaced = SPACED_SCALE_RE.match(text, m.end())
        if spaced:
            scale = SCALES[spaced.group(1).lower()]
            m_end = spaced.end()
    f = _Found(m.start(), m_end, num_start, num_end, value=value * scale,
               scaled=scale != 1.0, has_sign=sign)
    plus = re.match(r"\+(?![\d.])|-plus\b", text[m_end:])
    if plus:
        f.end += plus.end()
        f.hedge = ">"
    odd = re.match(r"-?odd\b", text[m_end:]) if not plus else None
    if odd:  # "50-odd", "100odd": about so many
        f.end += odd.end()
        f.hedge = "~"
    if not cur_text and scale == 1.0 and value <= 120 and "." not in digits and (
            AGE_AFTER_NAME.search(left_of(text, m.start())) and re.match(r",\s", text[m.end():])
            or search_end(_AGE_WORD_BEFORE, left_of(text, m.start()), len("ages:"))
            or re.search(r"(?i:\b(?:the|an?)\s+age\s+of\s+)$", left_of(text, m.start()))
            or _AGE_BEFORE.search(left_of(text, m.start()))
            and _NOTHING_COUNTED.match(text, m.end()) is not None
            # "who turned 60 last week": turning a number with nothing after it is an age
            or re.search(r"(?i:\b(?:turn|turns|turned|turning)\s+)$", left_of(text, m.start()))
            and re.match(r"(?:[,.;:]|\s+(?:on|in|last|this|next|and|but|when|after|"
                         r"before)\b|\s*$)", text[m.end():])):
        f.unit, f.unit_text = "years_old", None  # an age, written without a unit
        years = _YEARS_OF_AGE.match(text, m.end())
        if years and re.search(r"(?i:\bage\s+of\s+)$", left_of(text, m.start())):
            f.end, f.unit_text = years.end(), years.group(1)  # "under the age of 18 years"
        return f
    if cur_text:
        f.currency = _currency_key(m)
        f.unit, f.unit_text = f.currency, cur_text.strip()
    if m.group("sign2"):
        f.value = -f.value
    elif sign in ("-", "−") and not f.currency:
        f.value = -f.value if not _rest_is_percent(after) else f.value
    return _with_unit(text, f)


# A power of ten needs its mark (^, **, a minus, superscripts): "10 x 10" is two numbers.
_POWER_OF_TEN = re.compile(r"\s?[×x*]\s?10(?:(?:\^|\*\*)([−-]?\d{1,3})|([−-]\d{1,3})|"
                           r"(⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))(?![\d.,])")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


# A number that is an age though no unit says so, when nothing counted follows it: "who was
# 45.", "he will be 35 by the end of the year", "life expectancy ... is around 73"
_AGE_BEFORE = re.compile(
    r"(?i:\b(?:(?:he|she|who|I)\s+(?:is|was|will\s+be|would\s+be|am|"
    r"has\s+been|had\s+been|’s|'s)|life\s+expectancy\b[^.;,]{0,40}?\b(?:is|was|of|at|to))"
    r"\s+(?:(?:about|around|nearly|almost|only|just|over|under)\s+)?)$")
# After the age nothing is counted: punctuation, the sentence's end, a time or a clause
_NOTHING_COUNTED = re.compile(r"(?:[,.;:!?)]|\s+(?:by|when|in|at|and|but|on|last|this|next|"
                              r"now|then|[a-z]+ing)\b|\s*$)", re.I)
_AGE_WORD_BEFORE = re.compile(r"(?i:\bage[ds]?:?\s+)$")
_YEARS_OF_AGE = re.compile(r"\s+(years?)\b(?![\s-]+old)")


_DIGIT_SHARE = re.compile(r"(\d{1,2})\s+(?:in|out\s+of)(?:\s+every)?\s+"
                          r"(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\b"
                          r"(?=\s+of\b|\s+[A-Za-z])")


def _share_value(text: str, share: re.Match[str]) -> float | None:
    """"3 in 10 adults" is 0.3; "3 in 10 days" is no share (a time), nor "12 out of 5"."""
    top, bottom = share.group(1), share.group(2)
    numerator = float(top)
    denominator = float(bottom) if bottom.isdigit() else _word_value(bottom)
    after = re.match(r"\s+([A-Za-z]+)", text[share.end():])
    if not denominator or not numerator or numerator >= denominator or (
            after and unit_key(after.group(1)) in TIME_UNITS):
        return None
    return numerator / denominator


def _fraction(text: str, m: re.Match[str]) -> _Found | None:
    """"two-thirds of", "a quarter of", "one in three": a share, unit "fraction"."""
    phrase = m.group("frac").lower()
    words = re.split(r"[\s-]+", phrase)
    if words[0] == "half":
        # "half of the troops", "almost half": not "half an hour" or "the second half"
        if not (re.match(r"\s+of\b", text[m.end():])
                or search_end(HEDGE_RE, left_of(text, m.start()), HEDGE_LONGEST)):
            return None
        value = 0.5
    elif words[1] in ("in", "out"):
        # "three in four voters", "1 in 10 adults"; not "3 in 10 days", "won 2 out of 5 games"
        # is a share of games all the same
        denominator = _word_value(words[-1]) if not words[-1].isdigit() else float(words[-1])
        numerator = _word_value(words[0]) if not words[0].isdigit() else float(words[0])
        after = re.match(r"\s+([A-Za-z]+)", text[m.end():])
        if not denominator or not numerator or numerator >= denominator or (
                after and unit_key(after.group(1)) in TIME_UNITS):
            return None
        value = numerator / denominator
    else:
        if not words[-1].endswith("s") and not re.match(r"\s+of\b", text[m.end():]):
            return None  # "the third quarter", "a fifth year": ordinals
        numerator = 1.0 if words[0] in ("a", "an", "one") else _word_value(words[0]) or 1.0
        value = numerator / FRACTIONS[words[-1]]
    f = _Found(m.start(), m.end(), m.start(), m.end(), value=value, word=True,
               unit="fraction", unit_text=m.group("frac"))
    return f


_OF_A = re.compile(r"\s+of\s+an?\s+(?:(?:US|U\.S\.|imperial|metric)\s+)?")


def _of_a_unit(text: str, f: _Found | None) -> _Found | None:
    """"1/16 of a US pint", "three-quarters of a mile": a measure in that unit."""
    if f is None:
        return None
    of = _OF_A.match(text, f.end)
    um = unit_table().after.match(text[of.end():]) if of else None
    if of is None or um is None or um.group("gap").strip() or len(um.group("unit")) <= 2:
        return f
    key = unit_key(um.group("unit"))
    if key is None or key in CURRENCY_KEYS or key == "percent":
        return f
    f.unit, f.unit_text = key, um.group("unit")
    f.end = of.end() + um.end()
    return f


def _rest_is_percent(after: str) -> bool:
    return bool(re.match(r"\s?(?:%|per\s?cent|percent|pc\b)", after, re.I))


def _with_unit(text: str, f: _Found) -> _Found | None:
    """Read the unit written after the number, then a rate ("per barrel", "a year")."""
    um = unit_table().after.match(text[f.end:])
    if um:
        written, gap = um.group("unit"), um.group("gap")
        key = unit_key(written)
        rest = text[f.end + um.end():]
        if key == "pence" and not gap and f.value in SCREEN_LINES:
            return None  # 720p, 1080p: screen resolutions
        if "-" in gap and key in TIME_UNITS and written == written.rstrip("s") and \
                re.match(r"\s+[$€£A-Za-z]", rest) and not f.currency:
            return None  # "a five-year contract": a duration used as an adjective
        symbol = written in AFTER_SIGNS
        single_letter = len(written) <= 1 and not symbol
        if single_letter and gap and LONE_LETTER_END.match(rest):
            single_letter = False  # "down 68 p at 1112 p": a unit, since no word follows
        if written == "in" and not gap:
            key = "in"  # "6ft 2in"
        elif key and not _unit_fits(f, key, written, rest):
            key = None
        if key and not (single_letter and gap):
            if f.currency:
                if key in CURRENCY_KEYS:  # "$76 US": the sign already said which dollar
                    f.unit_text = f"{f.unit_text} {written}"
                    f.end += um.end()
            else:
                if key == "lb" and f.scaled:
                    key = "GBP"  # "1.2 billion pounds" is money, not weight
                f.unit, f.unit_text = key, written
                f.end += um.end()
    if f.unit and f.unit not in ("fraction", "years_old", "months_old"):
        per = per_unit(text[f.end:], price=f.currency is not None)
        if per:
            f.unit = f"{f.unit}/{per[0]}"
            f.unit_text = f"{f.unit_text} {per[1]}" if f.unit_text else per[1]
            f.end += per[2]
        else:
            # "5,000 barrels (210,000 gallons) a day": the rate after a conversion in
            # brackets is this figure's too (the figure stays the words before the brackets).
            converted = _CONVERSION.match(text, f.end) or _CONVERSION_END.match(text, f.end)
            per = per_unit(text[converted.end():]) if converted else None
            if per and per[0] in TIME_UNITS:
                f.unit = f"{f.unit}/{per[0]}"
    return f


_CONVERSION = re.compile(r"\s*\([^()]{1,40}\)")
_CONVERSION_END = re.compile(r"\)")  # the amount in the brackets: "(210,000 gallons) a day"


def _unit_fits(f: _Found, key: str, written: str, rest: str) -> bool:
    """Reject unit readings that are words of the sentence: "US" after a plain number,
    "pounds" of weight after money, "C" or "F" standing for grades."""
    if key == "USD" and written in ("US", "U.S."):
        return f.currency is not None
    if key in ("degC", "degF") and len(written) == 1:
        return not re.match(r"^[\w-]", rest)
    if key == "KRW" and written.lower() == "won":
        return f.scaled or f.value >= 1000
    if written == "in":
        return False  # "5 in" is a preposition; "5in" is read by _with_unit
    return True


def _currency_key(m: re.Match[str]) -> str:
    for i, (_, key) in enumerate(CURRENCY_SIGNS):
        written = m.group(f"c{i}")
        if written:
            return key or written.strip().upper().replace("RMB", "CNY")
    return "USD"


# "2½ years", "2 and a half years": what a written fraction adds to the number before it
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


def _vulgar(written: str | None) -> float:
    return 0.0 if not written else VULGAR.get(written, 0.5)


_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.I)


def _word_value(phrase: str) -> float | None:
    half = _AND_A_HALF.search(phrase)
    if half:  # "two and a half million": 2.5, then the scale after it
        head = _word_value(phrase[:half.start()])
        if head is None:
            return None
        scale = 1.0
        for word in phrase[half.end():].lower().split():
            scale *= SCALES.get(word, 1.0)
        return (head + 0.5) * scale
    words = phrase.lower().split()
    if words[0] in ("a", "an"):
        words[0] = "one"
    scale = 1.0
    while words and words[-1] == "dozen":
        scale *= 12
        words.pop()
    if not words:
        return 12.0 if scale == 12 else scale
    value = _words_to_number(" ".join(words))
    return None if value is None else value * scale


@lru_cache(maxsize=4096)
def _words_to_number(words: str) -> float | None:
    value = _parse_number_words(words)
    return float(value) if value is not None else None


def _word_is_number(text: str, m: re.Match[str], phrase: str) -> bool:
    """Number words that are no quantity: "one" as a pronoun ("each one", "no one"), a
    title ("Formula One", "Air Force One"), "one another"."""
    low = phrase.lower()
    before = left_of(text, m.start())
    after = text[m.end():]
    if low in ("one", "an a", "a"):
        if re.search(r"(?i:\b(?:each|no|any|every|some|this|that|the|which|same|another|"
                     r"little|only|last|first|next|other|one|every\s+single)\s+)$", before):
            return False
        if re.match(r"(?i:\s+(?:another|of\s+(?:us|them|you|those|these|his|her|its|their|"
                    r"our)\b|day|time|way|thing)\b|\s*[,.;:!?]|\s*$)", after):
            return False
    if phrase[:1].isupper() and SPORT_LEFT.search(before) and not before.rstrip().endswith(
            (".", ",", ":", ";")):
        # "Formula One", "Air Force One": a capitalised number word inside a name
        return False
    return True


_BETWEEN_END = re.compile(r"(?i:\bbetween\s+)$")
_SIGN_END = re.compile(r"[~<>]\s*$")
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|or|through)\s*$", re.I)


def _merge_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """"between 10,000 and 12,000", "10 to 12 million", "5-10W", "from 41 to 45"."""
    out: list[_Found] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and a.low is None and b.low is None:
            gap = text[a.end:b.start]
            before = left_of(text, a.start)
            between = search_end(_BETWEEN_END, before, len("between"))
            from_ = re.search(r"(?i:\bfrom\s+(?:up\s+to\s+|about\s+|around\s+)?)$", before)
            join = _RANGE_JOIN.match(gap)
            if join is None and from_ and re.fullmatch(r"(?i)\s*to\s*", gap) is None:
                # "from $36,040 at 10.45pm last night to $34,935": a short aside is allowed
                join = re.fullmatch(r"(?i)[^,;()]{0,40}?\bto\s*", gap)  # type: ignore[assignment]
            word = join.group(0).strip().lower() if join else ""
            if from_ and word.endswith(" to"):
                word = "to"  # "from $36,040 at 10.45pm last night to $34,935"
            ok = bool(join) and (
                (word == "and" and between) or (word == "to") or
                (word in ("-", "–", "—") and not _is_score_pair(text, a, b)) or
                (word == "or" and a.word and b.word and b.value > a.value) or
                (word == "through" and bool(from_)))
            if word == "to" and not from_ and (not _same_kind(a, b) or (a.unit and not b.unit)
                                               or (change_before(before[-50:]) and a.unit)):
                ok = False  # "rose 5% to 18.6%": a change, then the level it reached
            if word == "to" and not from_ and a.value > b.value and not b.scaled:
                ok = False  # "led 52 percent to 42 percent": a poll's two shares, no range
            if ok and _compatible(a, b):
                joined = _joined(text, a, b, falling=bool(from_))
                opener = between if word == "and" else from_
                if opener:
                    joined.start = a.start - (len(before) - opener.start())
                if from_ and re.search(r"(?i:about|around)", from_.group(0)):
                    joined.hedge = "~"  # "from about 14-18 mpg to 24"
                out.append(joined)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _is_score_pair(text: str, a: _Found, b: _Found) -> bool:
    return (a.unit is None and b.unit is None and not a.scaled and not b.scaled
            and a.value >= b.value and float(a.value).is_integer())


def _same_kind(a: _Found, b: _Found) -> bool:
    return a.unit == b.unit or a.unit is None or b.unit is None


def _compatible(a: _Found, b: _Found) -> bool:
    if a.unit and b.unit and a.unit.split("/")[0] != b.unit.split("/")[0]:
        return False
    return not (a.word != b.word and not (a.scaled or b.scaled) and a.value > 12)


def _joined(text: str, a: _Found, b: _Found, falling: bool) -> _Found:
    lo, hi = a.value, b.value
    # "10 to 12 million", "$3-5bn": the first end takes the second's scale
    if b.scaled and not a.scaled and lo < hi / 100 and "," not in text[a.num_start:a.num_end]:
        scale = hi / _first_number(text[b.num_start:b.num_end], hi)
        if lo * scale <= hi:  # "$89 to $93 billion", but not "$200 to $4 million"
            lo *= scale
    unit = b.unit if b.unit and "/" in b.unit else (a.unit or b.unit)
    unit_text = b.unit_text or a.unit_text
    f = _Found(a.start, b.end, a.num_start, b.num_end, value=hi, unit=unit, unit_text=unit_text,
               currency=a.currency or b.currency, word=a.word and b.word,
               scaled=a.scaled or b.scaled)
    f.low, f.high = min(lo, hi), max(lo, hi)
    f.value = hi if (falling or lo <= hi) else max(lo, hi)
    f.from_range = falling
    return f


def _first_number(written: str, fallback: float) -> float:
    m = re.match(_DIGITS, written)
    return float(m.group(0).replace(",", "")) if m else fallback


# A bound told after the figure and its unit: "30 centimetres at most", "waves 10 to 30
# centimetres high at most".
BOUND_AFTER = re.compile(r"\s+(?:(?:high|tall|deep|long|wide|thick)\s+)?at\s+(?:the\s+)?"
                         r"(most|least)\b", re.I)


def _hedge_and_change(text: str, f: _Found) -> None:
    after = HEDGE_AFTER.match(text, f.end)
    if after and f.low is None:  # "1,000 or more", "3 years or so"
        f.hedge = {"more": ">", "so": "~", "less": "<", "fewer": "<", "greater": ">",
                   "higher": ">", "above": ">", "over": ">", "lower": "<", "below": "<",
                   "under": "<"}[after.group(1).lower()]
        f.end = after.end()
    bound = BOUND_AFTER.match(text, f.end)
    if bound and f.hedge == "=":  # "waves 10 to 30 centimetres high at most"
        f.hedge = "<" if bound.group(1).lower() == "most" else ">"
    before = left_of(text, f.start)
    inc = search_end(INCREMENT_RE, before, INCREMENT_LONGEST)
    if inc:
        f.kind = "increment"
        f.start -= len(before) - inc.start()
        before = left_of(text, f.start)
    near = before[-40:]  # the longest hedge is a few words
    hm = search_end(HEDGE_RE, near, HEDGE_LONGEST) if not f.from_range and f.hedge == "=" and (
        has_word(near, HEDGE_FIRST) or search_end(_SIGN_END, near, 1)) else None
    if hm and not re.search(r"(?i:\bup\s+to\s*)$", near) or (
            hm and re.search(r"(?i:\bup\s+to\s*)$", near)
            and not change_before(near[:hm.start()])):
        for i, (sign, _) in enumerate(HEDGES):
            if hm.group(f"h{i}"):
                f.hedge = sign
        if hm.group("h") == "over" and re.search(r"(?i:\b(?:the|of)\s+$)", near[:hm.start()]):
            f.hedge = "="  # "over the last 3 years" is handled by the caller; "of over"
        f.start -= len(near) - hm.start()
        before = left_of(text, f.start)
        inc = search_end(INCREMENT_RE, before, INCREMENT_LONGEST)
        if inc:
            f.kind = "increment"
            f.start -= len(before) - inc.start()
            before = left_of(text, f.start)
    if f.has_sign == "+":
        f.change, f.by = "up", True
        return
    if f.has_sign in ("-", "−") and f.unit == "percent":
        f.change, f.by = "down", True
        return
    near = before[-50:]  # a change verb and its connectives ("plunged by as much as")
    cm = change_before(near)
    if cm:
        tail = near[cm.end("v"):]
        if re.search(r"(?i:\bfrom\b)", tail):
            return  # "up from 17%": the level before the change
        f.change = "up" if cm.group("up") else "down"
        f.by = not re.search(r"(?i:\bto\b)", tail) and not f.from_range
        return
    by = "by" in before[-30:].lower() and re.search(r"(?i:\bby\s+(?:\w+\s+){0,2})$", before[-30:])
    bm = CHANGE_BY.search(before[-60:]) if by else None
    if bm:
        f.change = "up" if bm.group("up") else "down"
        f.by = True
        return
    am = CHANGE_AFTER.match(text[f.end:])
    if am and (f.unit == "percent" or f.currency):
        # "0.68 percent lower": a change in size, but told after the figure, where NewsQuant
        # never marks it (dev: 3 of 3, with "a 3 percent drop"); only words before it do
        f.change = "up" if am.group("up") else "down"
        return
    # "to $34,935" after a change earlier in the clause: the level the change reached
    lm = search_end(TO_LEVEL, before, 2)
    if lm:
        clause = re.split(r"[,;:]|\band\b|\bwhile\b", before[:lm.start()])[-1]
        cm = re.search(rf"(?i:\b(?P<up>{UP}|raised|raises|raise|raising)|\b(?P<down>{DOWN}))\b",
                       clause)  # "raised its tax to 12.5%" (but "raised $5m" is no change)
        if cm:
            f.change = "up" if cm.group("up") else "down"


_PRODUCT = re.compile(
    r"^(?P<noun>\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+?),?\s+(?:each|every\s+one)\s+"
    r"(?:with|of|comprising|numbering|having|containing|carrying|holding|made\s+up\s+of)\s+$",
    re.I)
_PRODUCT_EACH = re.compile(r"^(?P<noun>\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+?)\s+of\s+$", re.I)


def _product(text: str, a: _Found, b: _Found | None) -> _Found | None:
    """"two brigades, each with 6,000 personnel" is 12,000 personnel (kind "total")."""
    if b is None or a.unit is not None or a.low is not None or b.low is not None:
        return None
    gap = text[a.end:b.start]
    m = _PRODUCT.match(gap)
    each_after = None
    if not m:
        m = _PRODUCT_EACH.match(gap)
        each_after = re.match(r"^\s+(?:[\w’'-]+\s+){0,3}?each\b", text[b.end:])
        if not (m and each_after):
            return None
    if any(w.lower() in STOP_NOUN for w in m.group("noun").split()):
        return None
    _hedge_and_change(text, b)
    total = _Found(a.start, b.end, b.num_start, b.num_end, value=a.value * b.value, kind="total",
                   unit=b.unit, unit_text=b.unit_text, hedge=b.hedge)
    head = _Found(a.start, a.end, a.num_start, a.num_end, a.value)
    _hedge_and_change(text, head)
    total.start = head.start
    if head.hedge != "=":
        total.hedge = head.hedge
    return total


def _noun(text: str, f: _Found) -> tuple[str, int, int] | None:
    """The counted noun phrase right after a count: "13000 workers in" -> "workers"."""
    pos = f.end
    m = re.match(r"\s+(?:of\s+(?:the\s+|those\s+|these\s+|its\s+|their\s+)?)?", text[pos:])
    if f.low is not None and f.word and f.value >= 100 and not m:
        return None
    if not m:
        return _compound_noun(text, f)
    if m.group(0).strip() and not (f.word and f.low is not None) and f.value != 1 \
            and "of" in m.group(0) and not f.word and \
            not re.match(r"[A-Za-z]", text[pos + m.end():]):
        return None  # "5 of the 12": a part, not a count of "the 12" ("17 of the protesters" is)
    pos += m.end()
    partitive = "of" in m.group(0)  # "one of the best wireless speakers": the noun is plural
    words: list[tuple[int, int]] = []
    for w in NOUN_WORD.finditer(text, pos):
        if w.start() != pos:
            break
        token = w.group(0)
        if words and token.lower() in ("and", "or") and (f.value != 1 or partitive) and \
                not is_plural(text[words[-1][0]:words[-1][1]]):
            shared = _shared_head(text, w.end())
            if shared:  # "4.3M digital and physical sales", "dozens of Kia and Hyundai vehicles"
                words += shared
                break
        other = re.match(r"[ \t]+(?=[A-Za-z])", text[w.end():]) if not words and \
            token.lower() == "other" else None
        if other:
            pos = w.end() + other.end()  # "14 other UN staff": the noun is "UN staff"
            continue
        if (token.lower() in STOP_NOUN and not (token.isupper() and len(token) > 1)) or \
                len(words) >= 4:
            break  # "US troops" is no "us"
        if words and (token.endswith(("ly", "ed", "ing")) or token.lower() in _VERBISH) and \
                not (token.lower() not in _VERBISH and _plural_next(text, w.end())):
            break  # "workers striking", but "three consecutive winning seasons"
        if words and token.lower() in _VERB_S and not is_plural(
                text[words[-1][0]:words[-1][1]]):
            break  # "a third of the population lives": the verb of a singular noun
        if not words and token.lower() in _NOT_NOUN_START:
            return None
        if words and f.value == 1 and not partitive and is_plural(token) and not is_plural(
                text[words[-1][0]:words[-1][1]]):
            break  # "one proposal asks": after a singular noun, a word in -s is its verb
        words.append((w.start(), w.end()))
        if is_plural(token) and not re.match(r"\s+(?:of|[A-Z])", text[w.end():]) and not (
                token.lower() in _PLURALS_AS_MODIFIERS and _plural_next(text, w.end())):
            break  # the head noun: "soldiers stayed", "fans fled" (but "police officers")
        gap = re.match(r"[ \t]+", text[w.end():])
        if not gap:
            break
        pos = w.end() + gap.end()
    if not words or (len(words) == 1 and text[words[0][0]:words[0][1]].endswith("ing")):
        return None
    start, end = words[0][0], words[-1][1]
    return text[start:end], start, end


# After "and" or "or" inside a noun phrase: a second modifier and the plural head they share.
_COORDINATED = re.compile(r"[ \t]+([A-Za-z][\w’'&]*(?:-[\w’'&]+)*)[ \t]+([A-Za-z][\w’'&]*"
                          r"(?:-[\w’'&]+)*)(?![\w’'-])")


_COMPOUND = re.compile(r"-([A-Za-z][a-z]+)(?![\w-])")
# "four-, five- and six-cylinder engines": the noun is written after the last number only
_SUSPENDED = re.compile(r"-(?:,\s+[\w.]+-)*,?\s+(?:and|or)\s+[\w.]+-([A-Za-z][a-z]+)(?![\w-])")


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w’'&]*(?:-[\w’'&]+)*)")
_PLURALS_AS_MODIFIERS = frozenset("police sales arms goods news savings earnings".split())


def _plural_next(text: str, pos: int) -> bool:
    """Is the next word a plural noun (the head the words before it modify)?"""
    m = _NEXT_WORD.match(text, pos)
    if m is None:
        return False
    word = m.group(1)
    return is_plural(word) and word.lower() not in STOP_NOUN | _VERBISH | _VERB_S and \
        not word.endswith(("ly", "ed", "ing"))


def _counted_per(text: str, noun_end: int) -> str | None:
    """"3,000 tests per day", "7.1 rebounds a game": what a count is counted per."""
    after = text[noun_end:noun_end + 40]
    m = re.match(r"\s*(?:per|a|an)\s+(game|match|season|share|capita|person|head|night)\b",
                 after, re.I)
    if m:
        return m.group(1).lower()
    per = per_unit(after)
    if per and re.match(r"\s*per\b", after, re.I):
        return per[0]  # "2.1 children per woman", "30 tests per lab"
    return per[0] if per and per[0] in TIME_UNITS else None


# "a 3,000-strong force", "a three-time champion", "a two-way race": no noun is counted
_NOT_COMPOUND_NOUN = frozenset("strong odd fold way time something plus".split())


def _compound_noun(text: str, f: _Found) -> tuple[str, int, int] | None:
    """"a six-cylinder engine", "a 300-seat parliament": the number and its noun make one
    adjective, and the noun says what is counted (a size: the figures table never counts it)."""
    if f.low is not None:
        return None
    m = _COMPOUND.match(text, f.end) or _SUSPENDED.match(text, f.end)
    if m is None or m.group(1).lower() in STOP_NOUN | _NOT_COMPOUND_NOUN or m.group(1).endswith(
            ("ly", "ed", "ing")):
        return None
    return m.group(1), m.start(1), m.end(1)


def _shared_head(text: str, pos: int) -> list[tuple[int, int]]:
    """After "and" or "or" in a noun phrase, a second modifier and the plural head both
    modifiers share: the spans of both, or none."""
    both = _COORDINATED.match(text, pos)
    if not both:
        return []
    second, head = both.group(1), both.group(2)
    if second.lower() in STOP_NOUN | _QUANTIFIERS or MAY_HOLD_NUMBER.match(second) or \
            is_plural(second) or not is_plural(head) or head.lower() in STOP_NOUN | _VERBISH:
        return []
    return [(both.start(1), both.end(1)), (both.start(2), both.end(2))]


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s+([A-Za-z]+)", text[pos:pos + 40])
    return m.group(1).lower() if m else ""


_VERBISH = frozenset(
    "were was are is have has had said says say told will would could can may might should "
    "died killed left went came made took gave got joined began started remain remained "
    "arrived fled crossed entered attacked fired voted approved signed live lived work worked "
    "including across worldwide ago earlier later".split())
_QUANTIFIERS = frozenset("several many few numerous countless dozens hundreds thousands "
                         "millions other another".split())
# Verbs in -s that follow a singular (or mass) noun and would pass for a plural noun.
_VERB_S = frozenset("lives goes says wants needs has does makes takes comes works believes "
                    "thinks supports opposes owns uses faces remains expects plans gets sees "
                    "knows holds lacks earns pays spends receives suffers favours favors "
                    "backs rejects agrees disagrees".split())
_NOT_NOUN_START = frozenset({"ago", "earlier", "later", "before", "after", "times", "each",
                             "apiece", "more", "fewer", "less", "other", "others", "percent"})
