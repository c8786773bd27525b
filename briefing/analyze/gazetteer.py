"""Places by name and the country each lies in (briefing/data/places.txt, from GeoNames)."""

from __future__ import annotations

import re
from functools import lru_cache

from .word_lists import data_lines

# What a place's phrase may carry around its name: "the", a direction, "downtown", "the city
# of", a possessive ("eastern Syria's", "the port city of Aden").
_AROUND_RE = re.compile(r"^(?:the\s+)?(?:(?:eastern|western|northern|southern|central|downtown|"
                        r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?")
_KIND_OF_RE = re.compile(r"^.*\b(?:city|town|village|province|region|state|district|island|"
                         r"port)\s+of\s+")


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, str]]:
    """name -> (ISO country code, "country" / "state" / "city")."""
    out = {}
    for line in data_lines("places.txt"):
        name, country, *kind = line.split("\t")
        out[name] = (country, kind[0] if kind else "city")
    return out


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Names of countries and US states: places wherever a page names them ("Spain had 26
    suspected cases"), where a city's name is as often a person's ("Jackson", "Obama")."""
    return frozenset(name for name, (_, kind) in _places().items() if kind != "city")


@lru_cache(maxsize=1 << 12)
def country_of(place: str) -> str | None:
    """The ISO code of the country a place lies in ("Homs", "eastern Syria", "the port city
    of Aden"), or None when the list does not know it."""
    name = re.sub(r"['’]s?$", "", place.strip())
    name = _KIND_OF_RE.sub("", _AROUND_RE.sub("", name))
    places = _places()
    if name in places:
        return places[name][0]
    # "Cairo's Tahrir Square", "Homs province": the first name the list knows.
    for part in re.split(r"['’]s\s+|\s+(?=[a-z])", name):
        if part in places:
            return places[part][0]
    return None
