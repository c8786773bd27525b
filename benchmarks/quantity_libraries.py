"""The libraries considered for the quantity stage, measured on NewsQuant's dev half.

Usage: python benchmarks/quantity_libraries.py --data ../shared/eval/newsquant
quantulum3 (whole extraction) is scored in benchmarks/newsquant.py. This script measures the
libraries that could do a part of the job:
- price-parser: money amounts. Each dev sentence with money in the gold is given whole (it
  reads one price per string), and we count the sentences where the amount it returns is
  one of the gold money amounts (value within 1e-5).
- pint: unit names. Load time; how many spellings in briefing/data/units.txt it can parse,
  and whether the spellings that share one of our keys parse to one pint unit; and which
  everyday words next to numbers it takes for units.
- number-parser: number words (used by briefing). Time per phrase, uncached.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MONEY = {"dollar", "euro", "pound sterling", "japanese yen", "chinese yuan", "australian dollar",
         "hong kong dollar", "shekel", "malaysian ringgit", "danish krone"}


def dev_items(data: Path) -> list[dict]:
    items = json.loads((data / "NewsQuant.json").read_text(encoding="utf-8"))
    return [item for i, item in enumerate(items) if i % 2 == 0]


def price_parser(items: list[dict]) -> str:
    from price_parser import Price

    cases = [(it["text"], [float(q["value"]) for q in it["quantities"]
                           if q["normalized_unit"] in MONEY and "-" not in q["value"]])
             for it in items]
    cases = [(text, values) for text, values in cases if values]
    start = time.perf_counter()
    right = sum(1 for text, values in cases
                if (a := Price.fromstring(text).amount_float) is not None
                and any(abs(a - v) <= 1e-5 * max(1.0, abs(v)) for v in values))
    seconds = time.perf_counter() - start
    return (f"price-parser: returns one of the money amounts in {right} of {len(cases)} dev "
            f"sentences with money "
            f"({seconds:.2f} s); '$4.2 million' -> {Price.fromstring('$4.2 million').amount}")


def pint_units() -> str:
    import pint

    start = time.perf_counter()
    ureg = pint.UnitRegistry()
    load = time.perf_counter() - start
    spellings: dict[str, list[str]] = {}
    text = (Path(__file__).resolve().parent.parent / "briefing" / "data" / "units.txt")
    for line in text.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        key, _, rest = line.partition(":")
        spellings[key] = [re.sub(r"\(s\)", "s", s.strip()) for s in rest.split(" | ")]
    parsed = agreed = keys = total = 0
    for _key, forms in spellings.items():
        units = set()
        for form in forms:
            total += 1
            try:
                units.add(str(ureg.parse_units(form)))
                parsed += 1
            except Exception:
                pass
        if units:
            keys += 1
            agreed += len(units) == 1
    everyday = []
    for word in ("PS", "pc", "in", "a", "at", "h", "bn", "m", "yen", "percent"):
        try:
            everyday.append(f"{word} -> {ureg.parse_units(word)}")
        except Exception:
            everyday.append(f"{word} -> (none)")
    return (f"pint: registry loads in {load:.2f} s; parses {parsed} of {total} spellings; "
            f"of {keys} keys it knows, {agreed} get one pint unit from all their spellings; "
            f"everyday words: {', '.join(everyday)}")


def number_words() -> str:
    from number_parser import parse_number

    phrases = ["two hundred and fifty thousand", "twenty-five", "three million", "eleven"]
    start = time.perf_counter()
    for _ in range(100):
        for p in phrases:
            parse_number(p)
    per = (time.perf_counter() - start) / (100 * len(phrases))
    return f"number-parser: {per * 1000:.2f} ms per phrase uncached (briefing caches them)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the newsquant folder")
    args = ap.parse_args()
    items = dev_items(args.data)
    for measure in (lambda: price_parser(items), pint_units, number_words):
        try:
            print(measure())
        except ImportError as err:
            print(f"skipped: {err} (pip install -e '.[bench]')")


if __name__ == "__main__":
    main()
