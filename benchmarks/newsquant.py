"""NewsQuant: briefing's quantity stage against CQE, quantulum3 and GPT-3 on 590 news sentences.

Usage: python benchmarks/newsquant.py --data ../shared/eval/newsquant [--table FILE] [--errors N]
       python benchmarks/newsquant.py --data ../shared/eval/newsquant --kinds
Scores value F1, value+change F1 and value+unit F1 with the matching rules of the CQE paper
(Almasian et al., EMNLP 2023; their evaluate_models.py), reimplemented here: per sentence,
gold and predicted quantities are sorted by normalised unit; each gold quantity is compared
with the predictions left in order; every value match counts towards value (at most as many
as the sentence has gold quantities) and, when the change agrees, towards value+change; the
first match whose unit also agrees counts towards value+unit and uses that prediction up.
Values match with numpy.isclose (rtol 1e-5); a range matches only a range with both ends
close, in the order written. quantulum3 has its ranges averaged, as the paper did.

Rules were written against the even-indexed sentences only ("dev"); the odd-indexed ones
("held out") were not read, so the table shows whether the margin holds on unseen text.
Published rows are the paper's, on all 590 sentences. quantulum3 runs live through the same
matcher, with unit names mapped to NewsQuant's as the paper's tagger.py does.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analyze.quantities import STOP_NOUN, find_quantities  # noqa: E402
from briefing.analyze.quantity_words import HEDGE_FIRST  # noqa: E402
from briefing.analyze.units import unit_key  # noqa: E402
from briefing.models import Quantity  # noqa: E402

Value = float | tuple[float, float]

PUBLISHED = [  # value F1, value+change F1, value+unit F1 (all 590 sentences)
    ("CQE (published)", 92.0, 88.1, 85.6),
    ("GPT-3 few-shot (published)", 70.6, 51.9, 59.1),
    ("quantulum3 (published)", 73.0, None, 47.2),
]


@dataclass(frozen=True)
class Tag:
    value: Value
    unit: str  # NewsQuant's normalised unit name, lower-case; "-" for none
    change: str | None  # "=", "~", ">", "<", "up", "down"; None when the system has none


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    value: int = 0
    change: int = 0
    unit: int = 0

    def f1(self, hits: int) -> float:
        if not hits:
            return 0.0
        p, r = hits / self.predicted, hits / self.gold
        return 100 * 2 * p * r / (p + r)


# ----------------------------------------------------------------------------- data


def load(data: Path) -> list[tuple[str, list[Tag]]]:
    items = json.loads((data / "NewsQuant.json").read_text(encoding="utf-8"))
    return [(item["text"], [gold_tag(q) for q in item["quantities"]]) for item in items]


def gold_tag(q: dict) -> Tag:
    raw = q["value"].strip()
    if "-" in raw and "E" not in raw and not raw.startswith("-"):
        lo, hi = raw.split("-", 1)
        value: Value = (float(lo), float(hi))
    else:
        value = float(raw)
    return Tag(value, q["normalized_unit"].strip().lower(), q["change"].strip())


# ----------------------------------------------------------------------------- matching


def close(a: float, b: float) -> bool:
    return bool(np.isclose(a, b, rtol=1e-05, atol=1e-08))


def values_match(gold: Value, predicted: Value) -> bool:
    if isinstance(gold, tuple) != isinstance(predicted, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(predicted, tuple):
        return close(gold[0], predicted[0]) and close(gold[1], predicted[1])
    return close(gold, predicted)  # type: ignore[arg-type]


def average(value: Value) -> Value:
    return (value[0] + value[1]) / 2 if isinstance(value, tuple) else value


def score(pairs: list[tuple[list[Tag], list[Tag]]], average_ranges: bool = False) -> Counts:
    """The CQE paper's counting rules (see the module docstring)."""
    counts = Counts()
    for gold, predicted in pairs:
        counts.gold += len(gold)
        counts.predicted += len(predicted)
        left = sorted(predicted, key=lambda t: t.unit)
        budget = len(gold)
        for g in sorted(gold, key=lambda t: t.unit):
            g_value = average(g.value) if average_ranges else g.value
            for p in list(left):
                if not values_match(g_value, p.value):
                    continue
                if budget > 0:
                    counts.value += 1
                    budget -= 1
                if p.change is not None and p.change == g.change:
                    counts.change += 1
                if p.unit == g.unit:
                    counts.unit += 1
                    left.remove(p)
                    break
    return counts


# ----------------------------------------------------------------------------- briefing

# Our unit keys as NewsQuant names them (an adapter, like the paper's tagger.py).
UNIT_NAMES = {
    "percent": "percentage", "bp": "basis point", "USD": "dollar", "AUD": "australian dollar",
    "CAD": "canadian dollar", "HKD": "hong kong dollar", "NZD": "new zealand dollar",
    "SGD": "singapore dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen",
    "CNY": "chinese yuan", "INR": "indian rupee", "ILS": "shekel", "MYR": "malaysian ringgit",
    "DKK": "danish krone", "SEK": "swedish krone", "NOK": "norwegian krone",
    "RUB": "russian ruble", "CHF": "swiss franc", "TRY": "turkish lira",
    "ZAR": "south african rand", "MXN": "mexican peso", "BRL": "brazilian real",
    "KRW": "south korean won", "cent": "cent",
    "pence": "point",  # NewsQuant names share prices in pence "point" ("down 68 p at 1112 p")
    "km2": "square kilometre", "mi2": "square mile", "m2": "square metre", "ft2": "square foot",
    "ha": "hectare", "acre": "acre", "km": "kilometre", "m": "metre", "cm": "centimetre",
    "mm": "millimetre", "um": "micrometre", "nm": "nanometre", "mi": "mile",
    "nmi": "nautical mile", "ft": "foot", "in": "inch", "yd": "yard", "mph": "mile per hour",
    "km/h": "kilometre per hour", "kn": "knot", "m/s": "metre per second", "kg": "kilogram",
    "g": "gram", "mg": "milligram", "ug": "microgram", "lb": "pound-mass", "oz": "ounce",
    "t": "metric ton", "ton": "ton", "Gt": "gigaton", "l": "litre", "ml": "millilitre",
    "gal": "gallon", "bbl": "barrel", "bbl/d": "barrel per day", "bbl/day": "barrel per day",
    "m3": "cubic metre",
    "W": "watt", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt", "kWh": "kilowatt hour",
    "MWh": "megawatt hour", "GWh": "gigawatt hour", "TWh": "terawatt hour", "hp": "horsepower",
    "mAh": "milliampere-hour", "V": "volt", "kV": "kilovolt", "Hz": "hertz",
    "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz", "KB": "kilobyte",
    "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte", "Mbps": "megabit per second",
    "Gbps": "gigabit per second", "degC": "celsius", "degF": "fahrenheit", "deg": "degree",
    "dB": "decibel", "rpm": "revolutions per minute", "Nm": "newton metre",
    "lbft": "foot pound-force", "ppm": "part per million", "ppb": "parts-per-billion",
    "kcal": "calorie", "second": "second", "minute": "minute", "hour": "hour", "day": "day",
    "week": "week", "month": "month", "year": "year", "decade": "decade",
    "century": "century", "years_old": "year of age", "months_old": "month of age",
    "point": "point", "times": "count", "mpg": "mile per gallon",
    "WAR": "win above replacement", "PS": "horsepower", "bhp": "brake horsepower",
    "fraction": "-", "IDR": "indonesian rupiah", "THB": "thai baht", "PHP": "philippine peso",
    "NGN": "nigerian naira", "AED": "united arab emirates dirham", "SAR": "saudi riyal",
    "PLN": "polish złoty",
    "HUF": "hungarian forint", "CZK": "czech koruna", "HRK": "croatian kuna",
    "GEL": "georgian lari", "RON": "romanian leu", "UAH": "ukrainian hryvnia",
    "BDT": "bangladeshi taka", "VND": "vietnamese dong", "PKR": "pakistani rupee",
    "LKR": "sri lankan rupee", "TWD": "new taiwan dollar", "BTC": "bitcoin", "pt": "pint",
    "qt": "quart",
    "floz": "ounce",  # NewsQuant: "US fluid ounce" is an ounce (the paper's tagger too)
    "cup": "cup", "tbsp": "tablespoon", "tsp": "teaspoon",
    "cc": "millilitre", "cl": "centilitre",
    "ft3": "cubic foot", "GPa": "gigapascal", "MPa": "megapascal",
    "kPa": "kilopascal", "hPa": "hectopascal", "psi": "pound per square inch",
    "ksi": "kilopound per square inch", "atm": "atmosphere", "A": "ampere",
    "mA": "milliampere", "ohm": "ohm", "F_cap": "farad", "lm": "lumen", "lx": "lux",
    "nit": "nit", "MP": "megapixel", "fps": "frame per second", "ct": "carat",
    "ly": "light-year", "AU": "astronomical unit", "BTU": "british thermal unit",
    "J": "joule", "kJ": "kilojoule", "MJ": "megajoule", "N": "newton", "K": "kelvin",
    "Wh": "watt hour", "kbps": "kilobit per second", "bit": "bit", "byte": "byte",
    "PB": "petabyte", "TFLOPS": "teraflop",
    "share": "share", "barrel": "barrel", "gallon": "gallon", "gram": "gram",
    "square foot": "square foot", "mmbtu": "mega british thermal unit",
    "yd2": "square yard", "in2": "square inch", "pm": "picometre", "dm": "decimetre",
    "angstrom": "angstrom", "pc": "parsec", "fur": "furlong", "fathom": "fathom",
    "ft/s": "foot per second", "pt_us": "pint", "qt_us": "quart", "gal_us": "gallon",
    "in3": "cubic inch", "yd3": "cubic yard", "km3": "cubic kilometre", "hl": "hectolitre",
    "mmHg": "millimetre of mercury", "PFLOPS": "petaflop", "EFLOPS": "exaflop",
    "TW": "terawatt", "GJ": "gigajoule", "TJ": "terajoule", "PJ": "petajoule",
    "EJ": "exajoule", "kVA": "kilovolt-ampere", "MVA": "megavolt-ampere",
    "Ah": "ampere hour", "Sv": "sievert", "mSv": "millisievert", "uSv": "microsievert",
    "Bq": "becquerel", "kt_tnt": "kiloton", "Mt_tnt": "megaton", "ms": "millisecond",
    "us_time": "microsecond", "ns_time": "nanosecond",
}
# NewsQuant names a counted noun by its noun phrase lemmatised, without function words
# ("14 first-team players" -> "first-team player", "one of the best wireless speakers" ->
# "good wireless speaker", "60 commercial fishermen" -> "commercial fisherman"). We report the
# phrase as written; these rules give its lemmas (English plurals and superlatives).
IRREGULAR = {"people": "people", "children": "child", "men": "man", "women": "woman",
             "feet": "foot", "mice": "mouse", "geese": "goose", "teeth": "tooth",
             "oxen": "ox", "dice": "die", "lice": "louse", "personnel": "personnel",
             "police": "police", "staff": "staff", "cattle": "cattle",
             "criteria": "criterion", "phenomena": "phenomenon", "bacteria": "bacterium",
             "indices": "index", "matrices": "matrix", "appendices": "appendix",
             "vertices": "vertex", "cacti": "cactus", "fungi": "fungus", "nuclei": "nucleus",
             "radii": "radius", "stimuli": "stimulus", "alumni": "alumnus", "larvae": "larva",
             "lives": "life", "wives": "wife", "knives": "knife", "leaves": "leaf",
             "halves": "half", "shelves": "shelf", "thieves": "thief", "wolves": "wolf",
             "calves": "calf", "loaves": "loaf", "selves": "self", "heroes": "hero",
             "tomatoes": "tomato", "potatoes": "potato", "echoes": "echo", "vetoes": "veto",
             "torpedoes": "torpedo", "volcanoes": "volcano", "mosquitoes": "mosquito",
             "embargoes": "embargo", "quizzes": "quiz"}
# Words that end in -s in the singular; words whose plural -es follows -s, -x, -z, -ch, -sh
# or -is ("analyses"); -ies that is -ie + s ("movies").
_S_SINGULAR = frozenset("news series species means headquarters crossroads barracks physics "
                        "economics politics athletics mathematics gas bus lens chaos bias "
                        "atlas canvas alias thesis crisis analysis basis diagnosis".split())
_IS_PLURAL = frozenset("analyses crises theses diagnoses hypotheses parentheses emphases oases "
                       "synopses prognoses syntheses".split())
_US_PLURAL = frozenset("viruses buses bonuses campuses censuses statuses choruses circuses "
                       "surpluses geniuses prospectuses syllabuses octopuses walruses sinuses "
                       "fetuses foetuses minuses pluses nexuses apparatuses".split())
_IE_PLURAL = frozenset("movies rookies calories cookies zombies hippies selfies goalies "
                       "aussies freebies newbies techies pies ties lies dies".split())
_NOT_MEN = frozenset("omen abdomen stamen semen amen specimen".split())


def singular(word: str) -> str:
    low = word.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low in _S_SINGULAR or len(low) <= 3:
        return low
    if low.endswith("men") and low not in _NOT_MEN:
        return low[:-3] + "man"  # "fishermen", "businesswomen"
    if low in _IS_PLURAL:
        return low[:-2] + "is"
    if low in _US_PLURAL:
        return low[:-2]
    if low in _IE_PLURAL:
        return low[:-1]
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"),
                         ("xes", "x"), ("zzes", "zz")):
        if low.endswith(suffix) and len(low) > len(suffix) + 1:
            return low[: -len(suffix)] + repl
    if low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s")):
        return low[:-1]
    return low


SUPERLATIVES = {"best": "good", "worst": "bad", "furthest": "far", "farthest": "far",
                "largest": "large", "strangest": "strange", "most": "", "least": ""}
_NOT_SUPERLATIVE = frozenset(
    "interest forest harvest protest request contest arrest quest guest nest test west rest "
    "chest suggest honest modest manifest inquest conquest tempest digest".split())


def base_adjective(word: str) -> str:
    """"proudest" -> "proud", "biggest" -> "big", "busiest" -> "busy", "latest" -> "late"."""
    low = word.lower()
    if low in SUPERLATIVES:
        return SUPERLATIVES[low]
    if not low.endswith("est") or len(low) < 6 or low in _NOT_SUPERLATIVE:
        return low
    stem = low[:-3]
    if stem.endswith("i"):
        return stem[:-1] + "y"  # "busiest"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        return stem[:-1]  # "biggest", "hottest"
    if re.search(r"[^aeiou][aeiou][bcdfgkmnprstvz]$", stem) and not stem.endswith("w"):
        return stem + "e"  # "latest", "finest", "safest", "widest"
    return stem


# Function words NewsQuant leaves out of a unit's name ("snaps of man coverage" -> "snap man
# coverage", "Kia and Hyundai vehicles" -> "kia hyundai vehicle").
_FUNCTION_WORDS = frozenset("a an the of and or in on at to for with his her its their our my "
                            "your ever".split())


def noun_name(noun: str) -> str:
    words = [w for w in noun.split() if w.lower() not in _FUNCTION_WORDS]
    if not words:
        return "-"
    # Every word is a lemma ("snaps of man coverage" -> "snap man coverage"); a name before the
    # head stays as written ("Texas oil wells")
    names = [w.lower() if w[:1].isupper() else singular(base_adjective(w))
             for w in words[:-1]] + [singular(words[-1])]
    return " ".join(n for n in names if n).lower()


def unit_name(q: Quantity) -> str:
    if q.unit == "fraction":  # NewsQuant names a share "% what it is a share of"
        return f"% {noun_name(q.noun)}" if q.noun else "% -"
    if q.unit is not None:
        base, _, per = q.unit.partition("/")
        if per and q.unit not in UNIT_NAMES:  # "km/h" and "ft/s" are named whole
            name = UNIT_NAMES.get(base, base.lower())
            per_name = UNIT_NAMES.get(per, per.lower())
            return f"{name} per {per_name}"
        if q.unit == "bbl" and q.unit_text and " of " in q.unit_text:
            return "barrel of oil"  # a unit of its own in CQE's list
        if q.unit == "lbft" and q.unit_text and "pound" in q.unit_text.lower():
            return "pound-foot"  # NewsQuant: "lb-ft" is foot pound-force, "pound-feet" pound-foot
        return UNIT_NAMES.get(q.unit, q.unit.lower())
    if q.noun:
        head = q.noun.split()[-1]
        key = unit_key(head) if head.islower() and len(head) >= 3 and not q.per else None
        if key is not None:
            # A noun phrase whose head is a unit counts in that unit, as NewsQuant names it
            # ("517 rushing yards" -> yard, "50 previous years" -> year); a name stays a noun
            # ("8 straight World Cups")
            return UNIT_NAMES.get(key, key.lower())
        per = f" per {UNIT_NAMES.get(q.per, q.per)}" if q.per else ""  # "test per day"
        return noun_name(q.noun) + per
    return "-"


# "one of the proudest moments in his life", "one of the largest dinosaurs to ever live":
# NewsQuant names the group of a superlative with the words that complete it (`proud moment
# life`, `large dinosaur live`), up to the clause's end; with nothing after it the name is the
# noun phrase ("one of the best wireless speakers around?" -> `good wireless speaker`)
_CLAUSE_WORD = r"\s(?:but|and|or|while|because|when|which|who|that)\b"
_IN_CLAUSE = rf"(?:(?!{_CLAUSE_WORD})[^.,;:!?()])*?"  # up to a comma or a clause's own word
_SUPERLATIVE_GROUP = re.compile(
    rf"\s+of\s+the\s+(?P<group>(?:most|least|best|worst|[a-z]{{3,}}est)\s{_IN_CLAUSE}"
    rf"\s(?:in|to|ever|for|of|on|at|since)\s{_IN_CLAUSE})(?={_CLAUSE_WORD}|[.,;:!?()]|\s*$)")
# "the top three seeds", "a record 32 goals": a modifier between the article and the count is
# a word of the counted noun's name (`top seed`, `record goal`); a participle is not ("the
# combined 4.3M digital and physical sales" -> `digital physical sale`)
_MODIFIER_BEFORE = re.compile(r"(?i:\b(?:a|an|the)\s+)(?P<word>[a-z]+)\s+$")


_ORDINALS = frozenset("first second third fourth fifth final past other remaining same only "
                      "entire whole".split())


def group_name(text: str, q: Quantity) -> str | None:
    """The name of "one of the <superlative> ... <complement>", or None."""
    if q.value != 1 or q.unit is not None or q.low is not None:
        return None
    group = _SUPERLATIVE_GROUP.match(text, q.end)
    if group is None:
        return None
    first = group.group("group").split()[0]
    if first.lower() not in ("most", "least") and base_adjective(first) == first.lower():
        return None  # "interest", "forest": no superlative
    return noun_name(group.group("group"))


def modifier_before(text: str, q: Quantity) -> str | None:
    """A modifier between an article and a count ("the top three seeds"), or None."""
    m = _MODIFIER_BEFORE.search(text, max(0, q.start - 30), q.start)
    if m is None:
        return None
    word = m.group("word").lower()
    if word in STOP_NOUN or word in HEDGE_FIRST or word in _ORDINALS or \
            word.endswith(("ed", "ly")):
        return None
    return word


def change_code(q: Quantity) -> str:
    return q.change if q.by and q.change != "=" else q.hedge


# A share written with its sign ("Dow -0.2%"): the stage reads the minus as the change (0.2,
# down); NewsQuant keeps it in the value (-0.2), as it keeps "+0.2%" as 0.2, up.
_SIGNED = re.compile(r"(?<![\w.,])[-−]\s?\d")


def briefing_tags(text: str) -> list[Tag]:
    tags = []
    for q in find_quantities(text):
        if q.low is not None and q.high is not None:
            # A falling range is written high to low ("from $75 to $45.88")
            value: Value = (q.high, q.low) if q.value == q.low != q.high else (q.low, q.high)
        elif q.unit == "percent" and q.change == "down" and q.value > 0 and \
                _SIGNED.search(text, q.start, q.end):
            value = -q.value
        else:
            value = q.value
        name = unit_name(q)
        if q.unit is None:
            name = group_name(text, q) or name
            modifier = modifier_before(text, q) if q.noun and not q.per else None
            if modifier:
                name = f"{modifier} {name}"
        tags.append(Tag(value, name, change_code(q)))
    return tags


# ----------------------------------------------------------------------------- quantulum3

QUANTULUM_UNITS = {  # quantulum3 unit names that NewsQuant spells otherwise
    "dimensionless": "-", "unk": "-", "per cent": "percentage", "percentage drop": "percentage",
    "dollar dollar": "dollar", "united states dollar": "dollar", "tonne": "metric ton",
    "degree angle": "degree", "degree celsius": "celsius", "degree fahrenheit": "fahrenheit",
    "second of arc": "second", "minute of arc": "minute", "yard yard": "yard",
    "cubic centimetre": "millilitre", "pound sterling year": "pound sterling per year",
}


def quantulum_system() -> tuple[str, Callable[[str], list[Tag]]] | None:
    try:
        from quantulum3 import classifier, parser
    except ImportError:
        return None
    label = "quantulum3 (live)"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            classifier.classifier("en_US", None)
        except Exception:  # the shipped classifier does not load with this scikit-learn
            classifier.USE_CLF = False
            label = "quantulum3 (live, no classifier)"

    def tag(text: str) -> list[Tag]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(text)
        out = []
        for q in found:
            name = q.unit.name.lower()
            out.append(Tag(float(q.value), QUANTULUM_UNITS.get(name, name).strip(), None))
        return out

    return label, tag


# ----------------------------------------------------------------------------- report


def halves(n: int) -> dict[str, list[int]]:
    return {"dev (even)": list(range(0, n, 2)), "held out (odd)": list(range(1, n, 2)),
            "all": list(range(n))}


def run(data: Path) -> tuple[list[list[str]], dict[str, dict[str, Counts]]]:
    items = load(data)
    systems: list[tuple[str, Callable[[str], list[Tag]], bool]] = [
        ("briefing", briefing_tags, False)]
    q = quantulum_system()
    if q:
        systems.append((q[0], q[1], True))
    rows: list[list[str]] = []
    results: dict[str, dict[str, Counts]] = {}
    for name, tagger, averaged in systems:
        tagger(items[0][0])  # load outside the clock
        start = time.perf_counter()
        predicted = [tagger(text) for text, _ in items]
        seconds = time.perf_counter() - start
        results[name] = {}
        for part, idx in halves(len(items)).items():
            c = score([(items[i][1], predicted[i]) for i in idx], average_ranges=averaged)
            results[name][part] = c
            has_change = name == "briefing"
            rows.append([name, part, f"{c.f1(c.value):.1f}",
                         f"{c.f1(c.change):.1f}" if has_change else "—",
                         f"{c.f1(c.unit):.1f}",
                         f"{seconds:.2f}" if part == "all" else "—"])
    for name, v, ch, u in PUBLISHED:
        rows.append([name, "all", f"{v:.1f}", f"{ch:.1f}" if ch is not None else "—",
                     f"{u:.1f}", "—"])
    return rows, results


def markdown(rows: list[list[str]]) -> str:
    head = ["system", "sentences", "value F1", "value+change F1", "value+unit F1",
            "seconds (590 sentences)"]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def show_errors(data: Path, limit: int, part: str) -> None:
    """Print dev sentences where briefing misses or adds quantities (for writing rules)."""
    items = load(data)
    idx = halves(len(items))[part]
    shown = 0
    for i in idx:
        text, gold = items[i]
        pred = briefing_tags(text)
        c = score([(gold, pred)])
        if c.unit == len(gold) == len(pred) and c.change == len(gold):
            continue
        print(i, text)
        print("   gold:", [(g.value, g.unit, g.change) for g in gold])
        print("   ours:", [(p.value, p.unit, p.change) for p in pred])
        shown += 1
        if shown >= limit:
            break


_CURRENCY_NAMES = frozenset(
    UNIT_NAMES[k] for k in ("USD AUD CAD HKD NZD SGD EUR GBP JPY CNY INR ILS MYR DKK SEK NOK "
                            "RUB CHF TRY ZAR MXN BRL KRW IDR THB PHP NGN AED SAR PLN HUF CZK "
                            "HRK GEL RON UAH BDT VND PKR LKR TWD BTC cent pence").split())
_TIME_NAMES = frozenset("second minute hour day week month year decade century".split())


def unit_kind(name: str) -> str:
    """A NewsQuant unit name's kind: none, percent, share, currency, age, time, rate, a unit
    of measure, or a counted noun."""
    if name == "-":
        return "none"
    if name == "percentage":
        return "percent"
    if name.startswith("% "):
        return "share"
    if name in _CURRENCY_NAMES:
        return "currency"
    if name in ("year of age", "month of age", "age"):
        return "age"
    if name in _TIME_NAMES:
        return "time"
    if " per " in name:
        return "rate"
    return "unit" if name in set(UNIT_NAMES.values()) else "counted noun"


def miss_kinds(pairs: list[tuple[list[Tag], list[Tag]]]) -> dict[str, Counter[str]]:
    """How the gold quantities are missed, by kind only (no sentence is shown): a value found
    with a unit of another kind, a value not found, and predictions matching no gold value."""
    unit: Counter[str] = Counter()
    value: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    for gold, predicted in pairs:
        left = sorted(predicted, key=lambda t: t.unit)
        for g in sorted(gold, key=lambda t: t.unit):
            first = next((p for p in left if values_match(g.value, p.value)), None)
            hit = next((p for p in left if values_match(g.value, p.value) and p.unit == g.unit),
                       None)
            if hit is not None:
                left.remove(hit)
            elif first is None:
                value[unit_kind(g.unit)] += 1
            else:
                unit[f"{unit_kind(g.unit)} found as {unit_kind(first.unit)}"] += 1
        for p in predicted:
            if not any(values_match(g.value, p.value) for g in gold):
                extra[unit_kind(p.unit)] += 1
    return {"value found, unit missed (gold kind found as our kind)": unit,
            "value not found (gold kind)": value, "found, no gold value (our kind)": extra}


def show_kinds(data: Path) -> None:
    """Counts of misses by kind on both halves: what kinds the unread half misses, without
    reading its sentences."""
    items = load(data)
    predicted = [briefing_tags(text) for text, _ in items]
    for part, idx in halves(len(items)).items():
        if part == "all":
            continue
        print(f"## {part}")
        for title, counts in miss_kinds([(items[i][1], predicted[i]) for i in idx]).items():
            print(f"{title}: {sum(counts.values())}")
            for kind, n in counts.most_common():
                print(f"  {n:3d}  {kind}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the newsquant folder")
    ap.add_argument("--table", type=Path, help="also write the table as Markdown here")
    ap.add_argument("--errors", type=int, default=0,
                    help="print this many dev sentences briefing gets wrong, and stop")
    ap.add_argument("--kinds", action="store_true",
                    help="print counts of misses by kind on both halves (no sentences), and stop")
    args = ap.parse_args()
    if args.kinds:
        show_kinds(args.data)
        return
    if args.errors:
        show_errors(args.data, args.errors, "dev (even)")
        return
    rows, _ = run(args.data)
    table = markdown(rows)
    print(table)
    if args.table:
        args.table.parent.mkdir(parents=True, exist_ok=True)
        args.table.write_text(table, encoding="utf-8")
    published = list(csv.reader((args.data / "published_scores.csv").open(encoding="utf-8"),
                                delimiter="\t"))
    assert any("CQE" in "".join(r) for r in published), "published_scores.csv changed shape"


if __name__ == "__main__":
    re.purge()
    main()
