"""The unit table (briefing/data/units.txt): spellings after a number, their keys, rates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


class UnitMatch:
    """What unit_table().after.match found: the gap before the unit, the unit as written, and
    where it ends (the groups "gap" and "unit" and the end of the one-pattern match)."""

    __slots__ = ("_gap", "_unit", "_end")

    def __init__(self, gap: str, unit: str, end: int) -> None:
        self._gap, self._unit, self._end = gap, unit, end

    def group(self, name: str) -> str:
        return self._gap if name == "gap" else self._unit

    def end(self) -> int:
        return self._end


class _After:
    """`pattern` (one alternation of every spelling, longest first) asked only for the
    spellings that can start with the character where the unit would start: the same match,
    without trying a thousand alternatives in turn."""

    def __init__(self, pattern: re.Pattern[str], alternatives: list[tuple[str, str, bool]]
                 ) -> None:
        self.pattern = pattern
        self._alternatives = alternatives  # (pattern text, first character, any case), in order
        self._by_first: dict[str, re.Pattern[str] | None] = {}

    def _starting_with(self, char: str) -> re.Pattern[str] | None:
        if char not in self._by_first:
            kept = [alt for alt, first, any_case in self._alternatives
                    if re.fullmatch(f"(?i:{re.escape(first)})" if any_case else re.escape(first),
                                    char)]
            self._by_first[char] = re.compile(rf"(?P<unit>{'|'.join(kept)})(?![\w²³])") \
                if kept else None
        return self._by_first[char]

    def match(self, text: str) -> UnitMatch | None:
        """As self.pattern.match(text): the gap before the unit gives up characters in the
        order the regex backtracks, and at each place the unit may start, the spellings that
        can start there are tried."""
        tried = set()
        for gap in _gaps(text):
            if gap in tried or gap >= len(text):
                continue
            tried.add(gap)
            pattern = self._starting_with(text[gap])
            m = pattern.match(text, gap) if pattern is not None else None
            if m is not None:
                return UnitMatch(text[:gap], m.group("unit"), m.end())
        return None


def _gaps(text: str) -> list[int]:
    """The lengths the gap (a space, a hyphen, a space, each optional) can match at the start
    of text, in the order the regex tries them (each part taken before it is left out)."""
    out = []
    for a in (1, 0):
        if a and not text[:1].isspace():
            continue
        for b in (1, 0):
            if b and text[a:a + 1] != "-":
                continue
            for c in (1, 0):
                if c and not text[a + b:a + b + 1].isspace():
                    continue
                out.append(a + b + c)
    return out


@dataclass(frozen=True)
class _Units:
    after: _After  # a unit spelled after the number, anchored at the number's end
    keys: dict[str, str]  # spelling -> key (exact spellings)
    keys_lower: dict[str, str]  # lower-case spelling -> key (case-free spellings)
    keys_folded: dict[str, str]  # lower-case form of a symbol -> key ("ghz" -> "GHz")


@lru_cache(maxsize=1)
def unit_table() -> _Units:
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

    folded = _folded_symbols(keys, keys_lower)
    spellings = sorted({(f, "any case") for f in free} | {(f, "exact") for f in exact}
                       | {(f, "folded") for f in folded}, key=lambda fc: len(fc[0]), reverse=True)
    alternatives = [(_spelling_alternative(f, case), f[0], case != "exact")
                    for f, case in spellings]
    alternation = "|".join(alt for alt, _, _ in alternatives)
    after = re.compile(rf"^(?P<gap>\s?-?\s?)(?P<unit>{alternation})(?![\w²³])")
    return _Units(_After(after, alternatives), keys, keys_lower, folded)


def _folded_symbols(keys: dict[str, str], keys_lower: dict[str, str]) -> dict[str, str]:
    """A unit symbol of a prefix and a unit is often written in another case ("4Ghz", "85db",
    "12mp", "3 KWH"): its lower-case form, when no other key shares it. Not currency codes
    or symbols that spell words ("US", "PS", "WAR"): those stay exact."""
    by_form: dict[str, set[str]] = {}
    for form, key in keys.items():
        if form.isalpha() and len(form) >= 2 and not (form.isupper() and len(form) >= 2
                                                          and not _is_measure(key)):
            by_form.setdefault(form.lower(), set()).add(key)
    return {form: next(iter(ks)) for form, ks in by_form.items()
            if len(ks) == 1 and form not in keys and form not in keys_lower
            and not any(k.lower() == form and k not in ks for k in keys.values())}


def _is_measure(key: str) -> bool:
    """A key of a measure, not a currency code or a word of its own ("USD", "PS", "WAR")."""
    return not (key.isupper() and len(key) == 3) and key not in ("PS", "WAR")


def _spelling_alternative(form: str, case: str) -> str:
    if case == "any case":
        return f"(?i:{_spelling_pattern(form)})"
    if case == "exact":
        return _spelling_pattern(form)
    if len(form) >= 3:
        return f"(?i:{_spelling_pattern(form)})"
    # Folded, two letters: in mixed case only when glued to the number ("85Db", not "85 Db");
    # all in capitals or all in small letters also after a space ("50 HZ", "8 gb"), unless
    # the letters are also a word or initials ("ah", "ma", "PJ")
    spaced = "" if form in _TWO_LETTER_WORDS else f"|{re.escape(form)}|{re.escape(form.upper())}"
    return rf"(?:(?<![\s-])(?i:{_spelling_pattern(form)}){spaced})"


_TWO_LETTER_WORDS = frozenset({"ah", "ma", "pj", "tj"})


def unit_follows(after: str) -> bool:
    """A unit is written next: "5 km", "5km", "5in", but not the preposition in "100 in"."""
    um = unit_table().after.match(after)
    if not um:
        return False
    written, gap = um.group("unit"), um.group("gap")
    rest = after[um.end():]
    return not (gap and (written == "in" or len(written) <= 1 and written not in AFTER_SIGNS
                         and not LONE_LETTER_END.match(rest)))


# After a one-letter unit set apart by a space ("down 68 p at 1112 p,"), no word of its
# phrase follows: punctuation or a function word does.
LONE_LETTER_END = re.compile(r"(?:[,.;:)]|\s+(?:at|to|from|and|or|in|on|for|of|per|with)\b|\s*$)")


def _spelling_pattern(form: str) -> str:
    # the words of a unit are joined by spaces or a hyphen: "square foot", "square-foot"
    return re.escape(form).replace(r"\ ", r"(?:\s+|-)")


def unit_key(written: str) -> str | None:
    units = unit_table()
    squashed = " ".join(written.split())
    key = units.keys.get(squashed) or units.keys_lower.get(squashed.lower()) or \
        units.keys_folded.get(squashed.lower())
    if key is None and "-" in squashed:  # "square-foot" is "square foot"
        key = units.keys_lower.get(squashed.replace("-", " ").lower())
    return key


AFTER_SIGNS = frozenset({"€", "£", "¥", "¢", "″", "′", "°", "%"})
_PER_NOUNS = (r"share|night|person|head|capita|unit|ticket|seat|passenger|household|"
              r"resident|vehicle|car|game|match|mmBTU|troy ounce")
_PER = re.compile(rf"^\s*(?P<by>per\b|an\b|a\b|each\b|every\b|/)\s*"
                  rf"(?:(?P<noun>(?i:{_PER_NOUNS}))\b)?")
# What the unit measures, between it and its rate: "200,000 gallons of oil a day",
# "5,000 barrels of crude per day".
_OF_STUFF = re.compile(r"\s+of\s+(?:[a-z]+\s+)?[a-z]+(?=\s+(?:per|an?|each|every)\s)")


def per_unit(after: str, price: bool = False) -> tuple[str, str, int] | None:
    """"per barrel", "a year", "/kg": the unit a rate is counted per (key, as written, length).
    After a price, "a" or "an" also says per: "$1,271.2 an ounce", "$20 a barrel"."""
    m = _PER.match(after)
    if not m:
        stuff = _OF_STUFF.match(after)
        if stuff is None or price:
            return None
        found = per_unit(after[stuff.end():])
        if found is None or found[0] not in TIME_UNITS:
            return None  # "30 tonnes of grain a day" is a rate; "of grain a farmer" is not
        return found[0], after[:stuff.end() + found[2]].strip(), stuff.end() + found[2]
    um = unit_table().after.match(after[m.end():]) if not m.group("noun") else None
    if m.group("noun"):
        end, key = m.end(), m.group("noun").lower()
    elif m.group("by") == "per" and (not um or um.group("gap").strip()):
        # "per employee", "per tonne of grain": after "per" any noun says per what
        noun = _PER_ANY_NOUN.match(after, m.end())
        if noun is None or noun.group(1).lower() in _NOT_PER_NOUN:
            return None
        end, key = noun.end(), noun.group(1).lower()
    else:
        if not um or um.group("gap").strip():
            return None
        key = unit_key(um.group("unit")) or ""
        if not key or (m.group("by") in ("a", "an", "each", "every") and
                       key not in TIME_UNITS and not (m.group("by") in ("a", "an") and price and
                                                      key not in CURRENCY_KEYS and
                                                      key != "percent")):
            return None
        if len(um.group("unit")) <= 1 and m.group("by") != "/":
            return None
        end = m.end() + um.end()
    if m.group("by") in ("a", "an") and \
            re.match(r"\s+(?:ago|earlier|later|before|after|on|in|from|prior)\b", after[end:]):
        return None  # "a year earlier" dates the figure; it is no rate ("per year in" is)
    return key, after[:end].strip(), end


_PER_ANY_NOUN = re.compile(r"([a-z][a-z-]*[a-z])\b")
_NOT_PER_NOUN = frozenset("the a an his her their its our my your this that each every se cent "
                          "centum".split())


SCREEN_LINES = frozenset({144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0,
                           4320.0})
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})
CURRENCY_KEYS = frozenset({"USD", "AUD", "CAD", "HKD", "NZD", "SGD", "EUR", "GBP", "JPY", "CNY",
                            "INR", "ILS", "MYR", "DKK", "SEK", "NOK", "RUB", "CHF", "TRY", "ZAR",
                            "MXN", "BRL", "KRW", "cent", "pence", "IDR", "THB", "PHP", "NGN",
                            "AED", "SAR", "PLN", "HUF", "CZK", "HRK", "GEL", "RON", "UAH", "BDT",
                            "VND", "PKR", "LKR", "TWD", "BTC"})
