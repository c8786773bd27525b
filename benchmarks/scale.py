"""Build editions from 100 and 1,000 real news articles; print seconds and peak memory per stage.

Usage: python benchmarks/scale.py --data ../shared/eval/duc2004 [--sizes 100,1000]
The articles are DUC 2004's 500 news stories; past 500, new articles are assembled from the
second half of one story and the first half of another in the same cluster.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duc_data import read_docs  # noqa: E402

from briefing import render  # noqa: E402
from briefing.config import load_config  # noqa: E402
from briefing.digest import build_briefing  # noqa: E402
from briefing.pipeline import Report, ingest  # noqa: E402
from briefing.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOPICS = """
[[topics]]
name = "Government and politics"
description = "Governments, elections, parties and leaders."
terms = ["government", "election", "president", "prime minister", "parliament", "party",
         "opposition", "minister"]

[[topics]]
name = "Economy"
description = "Markets, trade, banks and money."
terms = ["economy", "market", "bank", "trade", "percent", "dollars", "prices", "stocks"]

[[topics]]
name = "Disasters and violence"
description = "Storms, earthquakes, attacks and their victims."
terms = ["hurricane", "earthquake", "flood", "storm", "attack", "bomb", "killed", "victims"]

[[topics]]
name = "Security forces"
description = "Troops, police and soldiers deployed."
terms = ["troops", "soldiers", "police", "army", "forces"]

[topics.figures]
counted = ["troops", "soldiers", "police", "police officers", "peacekeepers", "forces"]
groups = ["battalions", "brigades", "units"]
"""


def make_inbox(data: Path, n: int, inbox: Path) -> None:
    docs = read_docs(data)
    articles = [d.text for d in docs]
    by_cluster: dict[str, list[str]] = {}
    for d in docs:
        by_cluster.setdefault(d.cluster, []).append(d.text)
    i = 0
    while len(articles) < n:  # assemble more: the end of one story, the start of another
        clusters = sorted(by_cluster)
        texts = by_cluster[clusters[i % len(clusters)]]
        a, b = texts[i % len(texts)], texts[(i + 1) % len(texts)]
        articles.append(a[len(a) // 2:].split("\n", 1)[-1] + "\n\n" + b[: len(b) // 2]
                        .rsplit("\n", 1)[0])
        i += 1
    inbox.mkdir(parents=True)
    for k, text in enumerate(articles[:n]):
        (inbox / f"article-{k:05d}.txt").write_text(text, encoding="utf-8")


def write_config(folder: Path, inbox: Path) -> Path:
    path = folder / "briefing.toml"
    path.write_text(f"""
[briefing]
title = "Scale test"
inbox = "{inbox}"
out_dir = "{folder / 'out'}"
database = "{folder / 'out' / 'state.sqlite'}"
max_file_kb = 4096
{TOPICS}""", encoding="utf-8")
    return path


def measure(data: Path, n: int, trace: bool) -> dict[str, tuple[float, float]]:
    """Per stage: (seconds, peak MiB traced by tracemalloc or 0 when not tracing)."""
    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_inbox(data, n, folder / "inbox")
        config = load_config(write_config(folder, folder / "inbox"))
        date = dt.date(2024, 1, 1)

        def stage(name: str, fn):  # type: ignore[no-untyped-def]
            if trace:
                tracemalloc.start()
            start = time.perf_counter()
            value = fn()
            seconds = time.perf_counter() - start
            peak = 0.0
            if trace:
                peak = tracemalloc.get_traced_memory()[1] / 2**20
                tracemalloc.stop()
            results[name] = (seconds, peak)
            return value

        with Store(config.database) as store:
            report = Report(date=date)
            stage("discover+read+clean+store", lambda: ingest(config, store, report))
            articles = stage("load from store", lambda: [v.article for v in store.pending()])
            briefing = stage("topics+digest+ledger",
                             lambda: build_briefing(config, articles, date))
            text = stage("render markdown", lambda: render.render_markdown(briefing,
                                                                            config.templates))
            html = render.render_html(briefing, text, config.templates)
            stage("render pdf", lambda: render.render_pdf(html, config.templates))
        results["total"] = (sum(s for s, _ in results.values()),
                            max(p for _, p in results.values()))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the duc2004 folder")
    parser.add_argument("--sizes", default="100,1000")
    args = parser.parse_args()
    for n in [int(s) for s in args.sizes.split(",")]:
        timed = measure(args.data, n, trace=False)
        traced = measure(args.data, n, trace=True)
        print(f"\n{n} articles")
        print(f"{'stage':30} {'seconds':>8} {'peak MiB (tracemalloc)':>24}")
        for name, (seconds, _) in timed.items():
            print(f"{name:30} {seconds:8.2f} {traced[name][1]:24.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess max RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
