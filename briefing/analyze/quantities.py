"""Every quantity in a sentence: value or range, hedge, change, unit, counted noun, span."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from number_parser import parse_number as _parse_number_words

from ..models import Quantity

# ----------------------------------------------------------------------------- numbers

_W = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
      r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
      r"seventy|eighty|ninety)")
_S = r"(?:hundred|thousand|million|billion|trillion)"
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
          "tn": 1e12, "trn": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
          "dozen": 12}
_WORDNUM = (rf"(?:{_W}(?:-{_W})?(?:\s+{_S}(?:\s+(?:and\s+)?{_W}(?:-{_W})?)?)*"
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
    (r"(?:US|U\.S\.)\s?\$|\$US", "USD"), (r"(?:A|AU)\s?\$|\$A(?=\d)", "AUD"),
    (r"(?:C|CA|Can)\s?\$", "CAD"),
    (r"HK\s?\$", "HKD"), (r"NZ\s?\$", "NZD"), (r"S\s?\$", "SGD"), (r"R\$", "BRL"),
    (r"\$", "USD"), (r"€", "EUR"), (r"£", "GBP"), (r"¥", "JPY"), (r"₹", "INR"), (r"₩", "KRW"),
    (r"₽", "RUB"), (r"₪", "ILS"), (r"Rs\.?\s?", "INR"), (r"RM\s?", "MYR"),
    (r"(?:USD|EUR|GBP|JPY|CHF|CNY|AUD|CAD|INR|RMB)\s?", None), (r"Y=(?=\d)", "JPY"),
    (r"PS(?=\d[\d.]*\s?(?:m|bn|k|million|billion)\b|\d{1,3},\d{3}|\d+\.\d)", "GBP"),
]
_CURRENCY = "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(CURRENCY_SIGNS))

_FRACTION = (r"(?:(?:an?|one|two|three|four)[\s-](?:half|halves|thirds?|quarters?|fifths?|tenths?)"
             r"|half|(?:one|1)\s+(?:in|out\s+of)\s+(?:two|three|four|five|six|seven|eight|"
             r"nine|ten|\d{1,3})\b)(?=\s+of\b|\s+[A-Za-z])")
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
             "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
CANDIDATE = re.compile(
    # Only where a number, sign or currency can start: a digit or symbol, or a word's first
    # letter (the look-ahead skips the inside of words cheaply).
    r"(?=[\d.+\-−$€£¥₹₩₽₪]|\b[A-Za-z])"
    rf"(?P<sign>(?<![\w.,])[+\-−](?=[\d.])|(?i:\bminus[\s-]?)(?=[\d.]))?(?P<cur>{_CURRENCY})?"
    rf"(?P<sign2>(?<=[$€£¥])-(?=\d))?"
    rf"(?:(?P<slash>(?<![\w/.,])\d{{1,3}}[/⁄]\d{{1,3}}(?=\s+of\b))|(?P<dig>{_DIGITS})(?:(?P<abbr>bn|bln|mn|mln|tn|trn|[mbkMBK])(?![\w])|"
    rf"(?P<dscale>(?:\s+(?:{_S}|dozen|crores?|lakhs?|bn|mn|tn))+)\b)?"
    rf"|(?P<frac>(?i:\b{_FRACTION}))"
    rf"|(?P<word>(?i:\b{_WORDNUM}\b))|(?P<vague>(?i:\b{_VAGUE})))")

# ----------------------------------------------------------------------------- context words

HEDGES = [  # longest first within each sign, all matched as whole words before the figure
    ("~", "approximately|approx\\.|around|about|roughly|some|nearly|almost|close to|"
          "an estimated|estimated|circa|an approximate|more or less|give or take|~"),
    (">", "more than|over|at least|above|upwards of|in excess of|exceeding|just over|"
          "well over|no fewer than|no less than|over than|greater than|higher than|"
          "a minimum of|north of|a little over|well above|upward of|>"),
    ("<", "fewer than|less than|under|up to|as many as|as much as|below|just under|"
          "at most|no more than|as few as|lower than|a maximum of|just shy of|"
          "a little under|well under|well below|south of|sub-|<"),
]
HEDGE_RE = re.compile(
    r"(?i:(?:\b|(?=[~<>]))(?P<h>" + "|".join(f"(?P<h{i}>{alts})" for i, (_, alts) in
                                            enumerate(HEDGES)) + r"))\s*$")
MORE_AFTER = re.compile(r"\s+(more|additional|extra|further)(?=\s+[a-z])(?!\s+than\b)")
HEDGE_AFTER = re.compile(r"\s+or\s+(?i:(more|so|less|fewer))\b")
INCREMENT_RE = re.compile(r"(?i:\b(?:another|an additional|additional|a further|further|"
                          r"an extra|extra)\s+)$")
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


_CHANGE_WORDS = frozenset(w for alts in (UP, DOWN) for w in alts.split("|") if " " not in w)
_HEDGE_FIRST = frozenset(alt.split()[0].rstrip("\\.-").lower() for _, alts in HEDGES
                         for alt in alts.split("|") if alt[:1].isalpha())


def _has_word(near: str, words: frozenset[str]) -> bool:
    """A cheap test before a costly pattern: does `near` hold one of these words?"""
    return any(w.lower() in words for w in re.findall(r"[A-Za-z]+", near))


def _change_before(near: str) -> re.Match[str] | None:
    """A change verb ending `near` ("rose 5%", "fell by about"); "gave up 517 yards" and
    "shut down 3 plants" use up and down as particles of another verb."""
    if not _has_word(near, _CHANGE_WORDS):
        return None
    cm = CHANGE_BEFORE.search(near)
    if cm and cm.group("v").lower() in ("up", "down") and \
            _PARTICLE_BEFORE.search(near[:cm.start("v")]):
        return None
    return cm


CHANGE_BY = re.compile(rf"(?i:\b(?:(?P<up>{UP})|(?P<down>{DOWN}))\s+(?:[\w'’-]+\s+){{1,4}}?by\s+"
                       r"(?:(?:about|around|some|nearly|almost|roughly|more than|over|"
                       r"less than|up to|as much as|just|only)\s+)?)$")
CHANGE_AFTER = re.compile(r"^\s+(?i:(?P<up>higher|up|more)|(?P<down>lower|down|less))\b"
                          r"(?!\s+(?:to|from|than|with))")
TO_LEVEL = re.compile(r"(?i:\b(?:to|at)\s+)$")

MONTHS = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|"
          r"July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
          r"Dec(?:ember|\.)?)")
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS}|{_DAY},?)\s*(?:the\s+)?$")
MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{MONTHS}(?![a-z])|{_DAY}\b)")
CLOCK_AFTER = re.compile(r"^(?:[:.]\d\d)?\s?(?i:a\.m\.|p\.m\.|am|pm|o'clock|o’clock|hrs|GMT|"
                         r"BST|UTC|EST|EDT|PST|PDT|CET|CEST|ET|PT)(?![a-z])|^:\d\d")
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
YEAR_SPAN = re.compile(r"(?<![\w.,])(?:19|20)\d\d[-–/](?:\d\d|(?:19|20)\d\d)(?![\w%]|[.,]\d)")
DATE_CHAIN = re.compile(r"(?<![\w.,])\d{1,4}([-/.])\d{1,2}\1\d{1,4}(?![\w])")
AGE_AFTER_NAME = re.compile(r"\b[A-Z][\w'’.-]+,\s$")
SCORE_WORDS = re.compile(
    r"(?i:\b(?:won|win|wins|winning|beat|beats|beaten|lost|lose|loses|losing|defeat|defeated|"
    r"victory|draw|drew|lead|led|leading|trail|trailed|score|scored|scoreline|scoring|"
    r"trailing|thrashing|thrashed|rout|routed|edged|down|up|at|final|finished|ended|deficit|goals?|"
    r"points?|sets?|runs?|innings)\b)")
SPORT_LEFT = re.compile(r"\b[A-Z][\w'’]*\s*$")

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
    "although unless whether".split())
NOUN_WORD = re.compile(r"[A-Za-z][\w’'&]*(?:-[\w’'&]+)*")

# ----------------------------------------------------------------------------- units


@dataclass(frozen=True)
class _Units:
    after: re.Pattern[str]  # a unit spelled after the number, anchored at the number's end
    keys: dict[str, str]  # spelling -> key (exact spellings)
    keys_lower: dict[str, str]  # lower-case spelling -> key (case-free spellings)


@lru_cache(maxsize=1)
def _units() -> _Units:
    keys: dict[str, str] = {}
    keys_lower: dict[str, str] = {}
    exact: list[str] = []
    free: list[str] = []
    text = resources.files("briefing").joinpath("data/units.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, rest = line.partition(":")
        for spelling in (s.strip() for s in rest.split(" | ")):
            forms = ([spelling[:-3], spelling[:-3] + "s"] if spelling.endswith("(s)")
                     else [spelling])
            forms = [re.sub(r"\(s\)", "s", f) for f in forms] + [
                re.sub(r"\(s\)", "", f) for f in forms if "(s)" in f]
            for form in forms:
                if len(form) >= 3 and form == form.lower() and re.search(r"[a-z]", form):
                    keys_lower.setdefault(form, key.strip())
                    free.append(form)
                else:
                    keys.setdefault(form, key.strip())
                    exact.append(form)

    spellings = sorted({(f, True) for f in free} | {(f, False) for f in exact},
                       key=lambda fc: len(fc[0]), reverse=True)
    alternation = "|".join(f"(?i:{_spelling_pattern(f)})" if case_free else _spelling_pattern(f)
                           for f, case_free in spellings)
    after = re.compile(rf"^(?P<gap>\s?-?\s?)(?P<unit>{alternation})(?![\w²³])")
    return _Units(after, keys, keys_lower)


def _unit_follows(after: str) -> bool:
    """A unit is written next: "5 km", "5km", "5in", but not the preposition in "100 in"."""
    um = _units().after.match(after)
    if not um:
        return False
    written, gap = um.group("unit"), um.group("gap")
    rest = after[um.end():]
    return not (gap and (written == "in" or len(written) <= 1 and written not in _AFTER_SIGNS
                         and not LONE_LETTER_END.match(rest)))


# After a one-letter unit set apart by a space ("down 68 p at 1112 p,"), no word of its
# phrase follows: punctuation or a function word does.
LONE_LETTER_END = re.compile(r"(?:[,.;:)]|\s+(?:at|to|from|and|or|in|on|for|of|per|with)\b|\s*$)")


def _spelling_pattern(form: str) -> str:
    return re.escape(form).replace(r"\ ", r"\s+")


def _unit_key(written: str) -> str | None:
    units = _units()
    squashed = " ".join(written.split())
    return units.keys.get(squashed) or units.keys_lower.get(squashed.lower())


# ----------------------------------------------------------------------------- the scanner


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


def _left(text: str, at: int) -> str:
    """The words just before position `at`: what a hedge, verb or label before a number is
    looked for in (a window, so that long sentences stay fast)."""
    return text[max(0, at - 80):at]


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in one sentence, in order and non-overlapping.

    >>> [q.value for q in find_quantities("Between 10,000 and 12,000 troops, up 5% in 2024.")]
    [12000.0, 5.0]
    """
    phones = [(m.start(), m.end()) for m in PHONE.finditer(text)]
    phones += [(m.start(), m.end()) for m in DATE_CHAIN.finditer(text)]
    phones += [(m.start(), m.end()) for m in YEAR_SPAN.finditer(text)]
    raw: list[_Found] = []
    for m in CANDIDATE.finditer(text):
        if not (m.group("dig") or m.group("word") or m.group("vague") or m.group("frac")
                or m.group("slash")):
            continue
        if any(s <= m.start() < e for s, e in phones):
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
        noun = _noun(text, f) if f.unit is None else None
        out.append(Quantity(
            start=f.start, end=f.end, value=f.value, low=f.low, high=f.high, hedge=f.hedge,
            change=f.change, unit=f.unit, unit_text=f.unit_text,
            noun=noun[0] if noun else None, noun_start=noun[1] if noun else None,
            noun_end=noun[2] if noun else None, kind=f.kind, by=f.by))
        taken_until = f.end
    return tuple(_inherit_in_brackets(text, out))


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
        return _fraction(text, m)
    if m.group("slash"):  # "1/16 of a pint"
        top, bottom = re.split(r"[/⁄]", m.group("slash"))
        if not int(bottom):
            return None
        return _Found(m.start(), m.end(), m.start(), m.end(), value=int(top) / int(bottom),
                      unit="fraction", unit_text=m.group("slash"))
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
        return _with_unit(text, f)
    digits = m.group("dig")
    num_start, num_end = m.start("dig"), m.end("dig")
    if _not_a_quantity(text, num_start, num_end, digits, cur_text is not None or bool(sign),
                       glued_ok=cur_text is not None or bool(m.group("sign"))):
        return None
    value = float(digits.replace(",", ""))
    scale = 1.0
    abbr = m.group("abbr")
    if abbr:
        factor = SCALES.get(abbr.lower())
        # "5m" alone is five metres; "$5m" or "5bn" is money or a count in millions.
        # "5m people" counts in millions too: a plural noun follows, not a length
        nxt = re.match(r"\s+([a-z][\w-]*)(?:\s+([a-z]+)\b)?", text[m.end():])
        per_million = abbr in ("m", "k") and nxt is not None and (
            _is_plural(nxt.group(1)) or bool(nxt.group(2)) and _is_plural(nxt.group(2)))
        if factor and (cur_text or abbr.lower() in ("bn", "bln", "mn", "mln", "tn", "trn")
                       or abbr in ("M", "B") or per_million):
            scale = factor
        else:
            return _with_unit(text, _Found(m.start(), num_end, num_start, num_end, value,
                                           has_sign=sign))
    if m.group("dscale"):
        for word in m.group("dscale").lower().split():
            scale *= SCALES[word]
    f = _Found(m.start(), m.end(), num_start, num_end, value=value * scale,
               scaled=scale != 1.0, has_sign=sign)
    plus = re.match(r"\+(?![\d.])|-plus\b", text[m.end():])
    if plus:
        f.end += plus.end()
        f.hedge = ">"
    if not cur_text and scale == 1.0 and value <= 120 and "." not in digits and (
            AGE_AFTER_NAME.search(_left(text, m.start())) and re.match(r",\s", text[m.end():])
            or re.search(r"(?i:\bage[ds]?:?\s+)$", _left(text, m.start()))):
        f.unit, f.unit_text = "years_old", None  # an age, written without a unit
        return f
    if cur_text:
        f.currency = _currency_key(m)
        f.unit, f.unit_text = f.currency, cur_text.strip()
    if m.group("sign2"):
        f.value = -f.value
    elif sign in ("-", "−") and not f.currency:
        f.value = -f.value if not _rest_is_percent(after) else f.value
    return _with_unit(text, f)


def _fraction(text: str, m: re.Match[str]) -> _Found | None:
    """"two-thirds of", "a quarter of", "one in three": a share, unit "fraction"."""
    phrase = m.group("frac").lower()
    words = re.split(r"[\s-]+", phrase)
    if words[0] == "half":
        # "half of the troops", "almost half": not "half an hour" or "the second half"
        if not (re.match(r"\s+of\b", text[m.end():]) or HEDGE_RE.search(_left(text, m.start()))):
            return None
        value = 0.5
    elif words[1] in ("in", "out"):
        denominator = _word_value(words[-1]) if not words[-1].isdigit() else float(words[-1])
        if not denominator:
            return None
        value = 1 / denominator
    else:
        if not words[-1].endswith("s") and not re.match(r"\s+of\b", text[m.end():]):
            return None  # "the third quarter", "a fifth year": ordinals
        numerator = 1.0 if words[0] in ("a", "an", "one") else _word_value(words[0]) or 1.0
        value = numerator / FRACTIONS[words[-1]]
    f = _Found(m.start(), m.end(), m.start(), m.end(), value=value, word=True,
               unit="fraction", unit_text=m.group("frac"))
    return f


def _rest_is_percent(after: str) -> bool:
    return bool(re.match(r"\s?(?:%|per\s?cent|percent|pc\b)", after, re.I))


def _with_unit(text: str, f: _Found) -> _Found | None:
    """Read the unit written after the number, then a rate ("per barrel", "a year")."""
    um = _units().after.match(text[f.end:])
    if um:
        written, gap = um.group("unit"), um.group("gap")
        key = _unit_key(written)
        rest = text[f.end + um.end():]
        if key == "pence" and not gap and f.value in _SCREEN_LINES:
            return None  # 720p, 1080p: screen resolutions
        if "-" in gap and key in _TIME_UNITS and written == written.rstrip("s") and \
                re.match(r"\s+[$€£A-Za-z]", rest) and not f.currency:
            return None  # "a five-year contract": a duration used as an adjective
        symbol = written in _AFTER_SIGNS
        single_letter = len(written) <= 1 and not symbol
        if single_letter and gap and LONE_LETTER_END.match(rest):
            single_letter = False  # "down 68 p at 1112 p": a unit, since no word follows
        if written == "in" and not gap:
            key = "in"  # "6ft 2in"
        elif key and not _unit_fits(f, key, written, rest):
            key = None
        if key and not (single_letter and gap):
            if f.currency:
                if key in _CURRENCY_KEYS:  # "$76 US": the sign already said which dollar
                    f.unit_text = f"{f.unit_text} {written}"
                    f.end += um.end()
            else:
                if key == "lb" and f.scaled:
                    key = "GBP"  # "1.2 billion pounds" is money, not weight
                f.unit, f.unit_text = key, written
                f.end += um.end()
    if f.unit and f.unit not in ("fraction", "years_old", "months_old"):
        per = _per_unit(text[f.end:])
        if per:
            f.unit = f"{f.unit}/{per[0]}"
            f.unit_text = f"{f.unit_text} {per[1]}" if f.unit_text else per[1]
            f.end += per[2]
    return f


_AFTER_SIGNS = frozenset({"€", "£", "¥", "″", "′", "°", "%"})
_PER_NOUNS = (r"share|night|person|head|capita|unit|ticket|seat|passenger|household|"
              r"resident|vehicle|car|game|match|mmBTU|troy ounce")
_PER = re.compile(rf"^\s*(?P<by>per|a|an|/)\s*(?:(?P<noun>(?i:{_PER_NOUNS}))\b)?")


def _per_unit(after: str) -> tuple[str, str, int] | None:
    """"per barrel", "a year", "/kg": the unit a rate is counted per (key, as written, length)."""
    m = _PER.match(after)
    if not m:
        return None
    if m.group("noun"):
        end, key = m.end(), m.group("noun").lower()
    else:
        um = _units().after.match(after[m.end():])
        if not um or um.group("gap").strip():
            return None
        key = _unit_key(um.group("unit")) or ""
        if not key or (m.group("by") in ("a", "an") and key not in _TIME_UNITS):
            return None
        if len(um.group("unit")) <= 1 and m.group("by") != "/":
            return None
        end = m.end() + um.end()
    if re.match(r"\s+(?:ago|earlier|later|before|after|on|in|from|prior)\b", after[end:]):
        return None  # "a year earlier" dates the figure; it is no rate
    return key, after[:end].strip(), end


_SCREEN_LINES = frozenset({144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0,
                           4320.0})
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})
_CURRENCY_KEYS = frozenset({"USD", "AUD", "CAD", "HKD", "NZD", "SGD", "EUR", "GBP", "JPY", "CNY",
                            "INR", "ILS", "MYR", "DKK", "SEK", "NOK", "RUB", "CHF", "TRY", "ZAR",
                            "MXN", "BRL", "KRW", "cent", "pence"})


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


def _word_value(phrase: str) -> float | None:
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
    before = _left(text, m.start())
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


def _not_a_quantity(text: str, start: int, end: int, digits: str, money: bool,
                    glued_ok: bool = False) -> bool:
    """Years, dates, clock times, designators, ordinals, scores, addresses, labels."""
    before, after = _left(text, start), text[end:end + 80]
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
    if nxt == "-" and code and not (code.group("tail") and _unit_key(code.group("tail"))):
        return True  # 4-K47, 737-8MAX (but 5-10W is a range of watts)
    if re.match(r"^[A-Za-z]", after) and not _unit_follows(after) and \
            not re.match(r"^(?:bn|bln|mn|mln|tn|trn|[mbkMBK])(?![\w])", after) and \
            not re.match(r"^(?:st|nd|rd|th)\b", after):
        return True  # 720p, 5G, 3D, 4x4 (letters glued after that are not a unit)
    if ORDINAL_AFTER.match(after):
        return True
    if re.match(r"0\d", digits):
        return True  # 0307 (local time), 007: a code or a time, not an amount
    if CLOCK_AFTER.match(after) or CLOCK_RANGE.match(after):
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
    before, after = _left(text, start), text[end:end + 80]
    um = _units().after.match(after)
    if um and _unit_follows(after) and _unit_key(um.group("unit")) not in (
            "year", "years_old", "month", "week", "day", "m", "point"):
        return False  # "1500 km", "2000 sq ft"; but "2019 season's 12 points" stays a year
    counts = re.match(r"^\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)\b", after)
    if (HEDGE_RE.search(before[-30:]) or INCREMENT_RE.search(before)) and counts and (
            _is_plural(counts.group(1)) and counts.group(1) not in _NOT_PLURAL):
        return False
    if INCREMENT_RE.search(before):
        return False
    if re.match(r"^\s+(?:more|fewer|other)\b", after):
        return False
    if n < 1900:
        noun = re.match(r"^\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*s)\b", after)
        if noun and noun.group(1) not in _NOT_PLURAL:
            return False
    return True


_NOT_PLURAL = frozenset({"was", "has", "is", "as", "its", "this", "his", "does", "always",
                         "news", "series", "plus", "less", "thus", "unless", "across"})


def _is_label(before: str, after: str, whole: bool) -> bool:
    if LABEL_BEFORE.search(before[-30:]):
        # "page 5" names a page; "5 pages" counts them, and "week 5 of" names a week too
        return not re.match(r"^\s*(?:%|per\s?cent|percent)", after)
    m = re.search(r"(?:^|[\s(\"“])([A-Z][\w&'’.+-]*|[A-Z]{2,}|[a-z]+[A-Z][\w-]*)\s+$", before)
    if not m:
        return False
    word = m.group(1)
    if word in FUNCTION_CAPS or re.fullmatch(MONTHS, word) or word.rstrip(".") in FUNCTION_CAPS:
        return False
    if re.match(r"^\s?(?:%|per\s?cent|percent)", after):
        return False
    if _unit_follows(after) or re.match(r"^(?:,\d{3}|\s+(?:million|billion|thousand|"
                                                r"more|fewer|people|of)\b)", after):
        return False
    # A capitalised word right before a number makes it part of a name: "Pixel 7",
    # "Flight 17", "Big 12", "Windows 10"; a word that starts a sentence does not.
    start_of_sentence = whole and not before[:m.start(1)].strip()
    return not start_of_sentence or word.lower() not in _COMMON_STARTS


_COMMON_STARTS = frozenset({"another", "only", "just", "almost", "nearly", "about", "some",
                            "over", "under", "more", "fewer", "less", "around", "roughly"})


def _is_score(text: str, start: int, end: int) -> bool:
    """2-0, 24-17, 3–1: a pair of small integers joined by a dash, with a match around it."""
    after = text[end:]
    before = _left(text, start)
    m = re.match(r"^\s?[-–—]\s?(\d{1,3})(?![\d%]|[.,]\d)", after)
    if m:
        first = int(text[start:end]) if text[start:end].isdigit() else None
        second = int(m.group(1))
        if first is None:
            return False
        if _unit_follows(after[m.end():]):
            return False
        return first >= second or bool(SCORE_WORDS.search(before[-40:] + " " + after[m.end():
                                                                                    m.end() + 40]))
    m = re.search(r"(?<![\d.,])(\d{1,3})\s?[-–—]\s?$", before)
    if m and text[start:end].isdigit():
        first, second = int(m.group(1)), int(text[start:end])
        if _unit_follows(after):
            return False
        return first >= second or bool(SCORE_WORDS.search(before[-40:] + " " + after[:40]))
    return False


# ----------------------------------------------------------------------------- ranges

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
            before = _left(text, a.start)
            between = re.search(r"(?i:\bbetween\s+)$", before)
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
                                               or (_change_before(before[-50:]) and a.unit)):
                ok = False  # "rose 5% to 18.6%": a change, then the level it reached
            if ok and _compatible(a, b):
                joined = _joined(text, a, b, falling=bool(from_))
                opener = between if word == "and" else from_
                if opener:
                    joined.start = a.start - (len(before) - opener.start())
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


# ----------------------------------------------------------------------------- hedges, change


def _hedge_and_change(text: str, f: _Found) -> None:
    after = HEDGE_AFTER.match(text, f.end)
    if after and f.low is None:  # "1,000 or more", "3 years or so"
        f.hedge = {"more": ">", "so": "~", "less": "<", "fewer": "<"}[after.group(1).lower()]
        f.end = after.end()
    before = _left(text, f.start)
    inc = INCREMENT_RE.search(before)
    if inc:
        f.kind = "increment"
        f.start -= len(before) - inc.start()
        before = _left(text, f.start)
    near = before[-40:]  # the longest hedge is a few words
    hm = HEDGE_RE.search(near) if not f.from_range and f.hedge == "=" and (
        _has_word(near, _HEDGE_FIRST) or re.search(r"[~<>]\s*$", near)) else None
    if hm and not re.search(r"(?i:\bup\s+to\s*)$", near) or (
            hm and re.search(r"(?i:\bup\s+to\s*)$", near)
            and not _change_before(near[:hm.start()])):
        for i, (sign, _) in enumerate(HEDGES):
            if hm.group(f"h{i}"):
                f.hedge = sign
        if hm.group("h") == "over" and re.search(r"(?i:\b(?:the|of)\s+$)", near[:hm.start()]):
            f.hedge = "="  # "over the last 3 years" is handled by the caller; "of over"
        f.start -= len(near) - hm.start()
        before = _left(text, f.start)
        inc = INCREMENT_RE.search(before)
        if inc:
            f.kind = "increment"
            f.start -= len(before) - inc.start()
            before = _left(text, f.start)
    if f.has_sign == "+":
        f.change, f.by = "up", True
        return
    if f.has_sign in ("-", "−") and f.unit == "percent":
        f.change, f.by = "down", True
        return
    near = before[-50:]  # a change verb and its connectives ("plunged by as much as")
    cm = _change_before(near)
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
        f.change = "up" if am.group("up") else "down"
        f.by = True
        return
    # "to $34,935" after a change earlier in the clause: the level the change reached
    lm = TO_LEVEL.search(before)
    if lm:
        clause = re.split(r"[,;:]|\band\b|\bwhile\b", before[:lm.start()])[-1]
        cm = re.search(rf"(?i:\b(?P<up>{UP}|raised|raises|raise|raising)|\b(?P<down>{DOWN}))\b",
                       clause)  # "raised its tax to 12.5%" (but "raised $5m" is no change)
        if cm:
            f.change = "up" if cm.group("up") else "down"


# ----------------------------------------------------------------------------- products


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


# ----------------------------------------------------------------------------- nouns


def _noun(text: str, f: _Found) -> tuple[str, int, int] | None:
    """The counted noun phrase right after a count: "13000 workers in" -> "workers"."""
    pos = f.end
    m = re.match(r"\s+(?:of\s+(?:the\s+|those\s+|these\s+|its\s+|their\s+)?)?", text[pos:])
    if f.low is not None and f.word and f.value >= 100 and not m:
        return None
    if not m:
        return None
    if m.group(0).strip() and not (f.word and f.low is not None) and f.value != 1 \
            and "of" in m.group(0) and not f.word:
        return None  # "5 of the 12": a part, not a count of "the 12"
    pos += m.end()
    words: list[tuple[int, int]] = []
    for w in NOUN_WORD.finditer(text, pos):
        if w.start() != pos:
            break
        token = w.group(0)
        if token.lower() in STOP_NOUN or len(words) >= 4:
            break
        if words and (token.endswith(("ly", "ed", "ing")) or token.lower() in _VERBISH):
            break
        if not words and token.lower() in _NOT_NOUN_START:
            return None
        if words and f.value == 1 and _is_plural(token) and not _is_plural(
                text[words[-1][0]:words[-1][1]]):
            break  # "one proposal asks": after a singular noun, a word in -s is its verb
        words.append((w.start(), w.end()))
        if _is_plural(token) and not re.match(r"\s+(?:of|[A-Z])", text[w.end():]):
            break  # the head noun: "soldiers stayed", "fans fled"
        gap = re.match(r"[ \t]+", text[w.end():])
        if not gap:
            break
        pos = w.end() + gap.end()
    if not words or (len(words) == 1 and text[words[0][0]:words[0][1]].endswith("ing")):
        return None
    start, end = words[0][0], words[-1][1]
    return text[start:end], start, end


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s+([A-Za-z]+)", text[pos:pos + 40])
    return m.group(1).lower() if m else ""


def _is_plural(word: str) -> bool:
    low = word.lower()
    return low in _PLURALS or (low.endswith("s") and not low.endswith(("ss", "us", "is", "'s",
                                                                     "’s")) and len(low) > 3)


_PLURALS = frozenset({"people", "men", "women", "children", "personnel", "police", "staff",
                      "troops", "cattle", "crew", "feet", "teeth", "mice", "geese"})
_VERBISH = frozenset(
    "were was are is have has had said says say told will would could can may might should "
    "died killed left went came made took gave got joined began started remain remained "
    "arrived fled crossed entered attacked fired voted approved signed live lived work worked "
    "including across worldwide ago earlier later".split())
_NOT_NOUN_START = frozenset({"ago", "earlier", "later", "before", "after", "times", "each",
                             "apiece", "more", "fewer", "less", "other", "others", "percent"})
