"""Event-date extraction: accuracy on tests/data/dates/cases.txt and speed on real sentences.

    .venv/bin/python benchmarks/event_dates.py --data ../shared/eval/timeline17

Compares briefing.analyze.dates with the libraries that find dates in running text:
dateparser's search_dates (RELATIVE_BASE = publication date, past preferred), datefinder and
ctparse. A found date counts when it equals an expected one (a month or year as its first
day). The other libraries are optional (`pip install datefinder ctparse`); missing ones are
listed as such.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


from briefing.analyze.dates import find_dates  # noqa: E402

Finder = Callable[[str, dt.date | None], list[dt.date]]


def ours(text: str, published: dt.date | None) -> list[dt.date]:
    return [m.date for m in find_dates(text, published)]


def dateparser_search() -> Finder:
    from dateparser.search import search_dates

    def find(text: str, published: dt.date | None) -> list[dt.date]:
        settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
                    "RETURN_AS_TIMEZONE_AWARE": False}
        if published is not None:
            settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
        found = search_dates(text, languages=["en"], settings=settings) or []
        return [d.date() for _, d in found]
    return find


def datefinder_find() -> Finder:
    import datefinder

    def find(text: str, published: dt.date | None) -> list[dt.date]:
        base = dt.datetime.combine(published or dt.date(1900, 1, 1), dt.time(0))
        return [d.date() for d in datefinder.find_dates(text, base_date=base)]
    return find


def ctparse_find() -> Finder:
    from ctparse import ctparse

    def find(text: str, published: dt.date | None) -> list[dt.date]:
        ts = dt.datetime.combine(published or dt.date.today(), dt.time(12))
        parse = ctparse(text, ts=ts, timeout=1.0)
        res = getattr(parse, "resolution", None)
        if res is None or not hasattr(res, "year") or res.year is None:
            start = getattr(res, "start", None)
            if start is None or start.year is None:
                return []
            res = start
        return [dt.date(res.year, res.month or 1, res.day or 1)]
    return find


def accuracy(find: Finder, cases: list) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for case in cases:
        want = [dt.date.fromisoformat(d) for _, d, _ in case.expect]
        got = list(find(case.text, case.published))
        for d in got:
            if d in want:
                want.remove(d)
                tp += 1
            else:
                fp += 1
        fn += len(want)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def real_sentences(data: Path, n: int) -> list[tuple[str, dt.date]]:
    files = sorted(data.glob("*/InputDocs/*/*.txt"))
    random.Random(1).shuffle(files)
    out: list[tuple[str, dt.date]] = []
    for path in files:
        pub = dt.date.fromisoformat(path.parent.name)
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            out.append((line, pub))
            if len(out) >= n:
                return out
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the timeline17 folder")
    parser.add_argument("--sentences", type=int, default=2000)
    args = parser.parse_args()
    from tests.test_dates import load_cases
    cases = load_cases()
    sentences = real_sentences(args.data, args.sentences)
    systems: list[tuple[str, Callable[[], Finder]]] = [
        ("briefing.analyze.dates", lambda: ours),
        ("dateparser search_dates", dateparser_search),
        ("datefinder", datefinder_find),
        ("ctparse", ctparse_find)]
    print(f"{len(cases)} cases ({sum(len(c.expect) for c in cases)} dates); speed on "
          f"{len(sentences)} Timeline17 sentences\n")
    print("| system | precision | recall | F1 | sentences / s |")
    print("| --- | --- | --- | --- | --- |")
    for name, make in systems:
        try:
            find = make()
        except ImportError:
            print(f"| {name} | not installed | | | |")
            continue
        find("warm up on Tuesday, 4 March", dt.date(2019, 3, 10))
        p, r, f = accuracy(find, cases)
        subset = sentences if name != "ctparse" else sentences[:200]
        start = time.perf_counter()
        for text, pub in subset:
            find(text, pub)
        rate = len(subset) / (time.perf_counter() - start)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {rate:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
