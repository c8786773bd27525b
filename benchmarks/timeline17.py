"""Timeline17: briefing's timeline against 19 journalists' timelines, with the published and
live peers scored by the same evaluator in the same run.

    .venv/bin/python benchmarks/timeline17.py --data ../shared/eval/timeline17 \
        --peers ../shared/eval/timeline17-peers

For each gold timeline (the standard setting of Gholipour Ghalandari & Ifrim 2020): the
story's articles are the union of its folders' InputDocs; the timeline has as many dates as
the gold one and its average number of sentences per date, within the gold's first and last
date; sentences must name one of the story's keywords (topics.json, as news-tls does). Scored
with tilse (Martschat & Markert 2017/2018): alignment-based ROUGE-1 and ROUGE-2 F1
(date-content costs, many-to-one) through ROUGE-1.5.5 ("original"; needs Debian's
libxml-parser-perl) and date F1, averaged over timelines. Settings were chosen on the stories
in TUNE only; the table shows that half, the other half, and all 19.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from briefing.analyze.topics import TopicMatcher  # noqa: E402
from briefing.config import DigestConfig, Term, TopicConfig  # noqa: E402
from briefing.models import Article, Sentence  # noqa: E402
from briefing.timeline import TimelineSettings, build_timeline  # noqa: E402

# Fixed before any result was looked at: every other story in alphabetical order (4 of 9
# stories, 6 of 19 timelines). Settings are chosen on these only.
TUNE = ("egypt", "h1n1", "iraq", "mj")

PUBLISHED = [  # Gholipour Ghalandari & Ifrim (ACL 2020), Table 4: AR-1, AR-2, date F1
    ("DATEWISE (published)", .120, .035, .544),
    ("MARTSCHAT2018 (published)", .105, .030, .544),
    ("PUBCOUNT (published)", .105, .027, .481),
    ("TRAN2013 (published)", .094, .022, .517),
    ("CLUST (published)", .082, .020, .407),
    ("CHIEU2004 (published)", .066, .019, .251),
]
PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
       "``": '"', "''": '"'}


@dataclass(frozen=True)
class Story:
    name: str
    keywords: tuple[str, ...]
    articles: list[Article]
    tokenized: dict[tuple[int, int], str]  # (article, sentence) -> the line as in the data


@dataclass(frozen=True)
class Gold:
    story: str
    name: str  # the timeline file's stem, as the peers name it
    dates: dict[dt.date, list[str]]


@functools.lru_cache(maxsize=1)
def _detokenizer():  # type: ignore[no-untyped-def]
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    return TreebankWordDetokenizer()


def detokenize(line: str) -> str:
    """A Penn-Treebank tokenized line as a reader would see it."""
    words = [PTB.get(w, w) for w in line.split()]
    text = _detokenizer().detokenize(words)
    # Quotes: the detokenizer cannot tell opening from closing once both are '"'.
    return re.sub(r'"\s+([^"]*?)\s+"', r'"\1"', text)


def load_stories(data: Path, only: str | None = None) -> dict[str, Story]:
    """Every story's articles (or only the one named), detokenized, with their lines as in
    the data for scoring."""
    meta = json.loads((data / "topics.json").read_text())
    folders: dict[str, list[str]] = {}
    for folder, story in meta["topic_of_folder"].items():
        if only is None or story == only:
            folders.setdefault(story, []).append(folder)
    stories = {}
    for story, names in sorted(folders.items()):
        articles: list[Article] = []
        tokenized: dict[tuple[int, int], str] = {}
        for folder in sorted(names):
            for path in sorted((data / folder / "InputDocs").glob("*/*.txt")):
                read = read_article(path, folder)
                if read is None:
                    continue
                index = len(articles)
                article, lines = read
                for i, ln in enumerate(lines):
                    tokenized[(index, i)] = ln
                articles.append(article)
        stories[story] = Story(story, tuple(meta["keywords"][story]), articles, tokenized)
    return stories


def read_article(path: Path, folder: str) -> tuple[Article, list[str]] | None:
    """One article of a Timeline17 folder (``<folder>/InputDocs/<date>/<id>.htm.txt``) as
    briefing sees it: detokenized, one sentence a line, dated by its date folder; with its
    tokenized lines, or None when it is empty."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        return None
    texts = [detokenize(ln) for ln in lines]
    # One sentence a line; the paragraphs are lost, so all count as one.
    sentences = tuple(Sentence(i, 0, t) for i, t in enumerate(texts))
    article = Article(
        relpath=f"{folder}/{path.parent.name}/{path.name}", sha256="",
        title=texts[0][:80], title_derived=True, outlet=folder.split("_")[-1],
        published=dt.date.fromisoformat(path.parent.name), url=None,
        paragraphs=(" ".join(texts),), sentences=sentences)
    return article, lines


def read_timeline(path: Path) -> dict[dt.date, list[str]]:
    """A tilse-format timeline; an entry whose date line is malformed is skipped."""
    out: dict[dt.date, list[str]] = {}
    for block in re.split(r"\n-{5,}\n?", path.read_text(encoding="utf-8", errors="replace")):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        try:
            date = dt.date.fromisoformat(lines[0])
        except ValueError:
            continue
        out.setdefault(date, []).extend(lines[1:])
    return out


def load_golds(data: Path) -> list[Gold]:
    meta = json.loads((data / "topics.json").read_text())
    golds = []
    for folder, story in sorted(meta["topic_of_folder"].items()):
        for path in sorted((data / folder / "timelines").glob("*.txt")):
            golds.append(Gold(story, path.stem, read_timeline(path)))
    return golds


def ours(story: Story, gold: Gold, settings: TimelineSettings,
         limits: DigestConfig) -> dict[dt.date, list[str]]:
    """briefing's timeline for one gold timeline, in the gold's (tokenized) form."""
    matcher = TopicMatcher.build(TopicConfig(name=story.name, description="",
                                             terms=tuple(Term(k) for k in story.keywords)))
    sizes = [len(s) for s in gold.dates.values()]
    per_date = max(1, round(statistics.mean(sizes)))
    entries = build_timeline(story.articles, limits, len(gold.dates), per_date,
                             relevant=lambda text: matcher.score(text) > 0,
                             start=min(gold.dates), end=max(gold.dates), settings=settings)
    out: dict[dt.date, list[str]] = {}
    for entry in entries:
        for item in entry.items:
            out.setdefault(entry.date, []).extend(
                story.tokenized[(r.article, r.sentence)] for r in item.shown)
    return out


def peer_timelines(peers: Path, run: str, golds: list[Gold]) -> dict[str, dict]:
    out = {}
    for gold in golds:
        # The peers name MJ's "bbc.co.uk" timeline "bbc".
        names = (gold.name, gold.name.split(".")[0])
        paths = [peers / f"TL17_{run}" / f"TL17_{run}_{gold.story}_{n}.txt" for n in names]
        found = [p for p in paths if p.is_file()]
        if not found:
            raise SystemExit(f"{paths[0]}: no {run} timeline for {gold.story}/{gold.name}")
        out[f"{gold.story}/{gold.name}"] = read_timeline(found[0])
    return out


class Scorer:
    """tilse's alignment ROUGE (date-content costs, many-to-one) and date F1."""

    def __init__(self, route: str):
        from tilse.evaluation import rouge

        self.evaluator = rouge.TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"},
                                                      rouge_computation=route)

    def score(self, predicted: dict[dt.date, list[str]], gold: Gold) -> tuple[float, ...]:
        from tilse.data.timelines import GroundTruth, Timeline
        from tilse.evaluation import dates as date_eval

        pred = Timeline({d: s for d, s in predicted.items() if s})
        truth = GroundTruth([Timeline(gold.dates)])
        if not predicted:
            return 0.0, 0.0, 0.0
        scores = self.evaluator.evaluate_align_date_content_costs_many_to_one(pred, truth)
        date_f1 = date_eval.evaluate_dates(pred, truth)["f_score"]
        return scores["rouge_1"]["f_score"], scores["rouge_2"]["f_score"], date_f1


def mean(rows: list[tuple[float, ...]]) -> tuple[float, ...]:
    return tuple(statistics.mean(r[i] for r in rows) for i in range(3)) if rows else (0, 0, 0)


def parse_settings(items: list[str]) -> TimelineSettings:
    settings = TimelineSettings()
    for item in items:
        key, _, value = item.partition("=")
        current = getattr(settings, key)
        settings = replace(settings, **{key: type(current)(value)})
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the timeline17 folder")
    parser.add_argument("--peers", type=Path, help="the timeline17-peers folder")
    parser.add_argument("--route", choices=("original", "reimpl"), default="original",
                        help="ROUGE-1.5.5 (original, as published) or tilse's Python reimpl")
    parser.add_argument("--half", choices=("tune", "held-out", "all"), default="all")
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE",
                        help="override a TimelineSettings field (for tuning on the TUNE half)")
    parser.add_argument("--out", type=Path, help="write briefing's timelines here")
    parser.add_argument("--table", type=Path, help="also write the table as Markdown")
    args = parser.parse_args()

    settings = parse_settings(args.set)
    limits = DigestConfig()
    golds = load_golds(args.data)
    if args.half != "all":
        golds = [g for g in golds if (g.story in TUNE) == (args.half == "tune")]
    started = time.perf_counter()
    stories = load_stories(args.data)
    print(f"read {sum(len(s.articles) for s in stories.values())} articles in "
          f"{time.perf_counter() - started:.1f} s; {len(golds)} timelines; {settings}",
          file=sys.stderr)
    systems: dict[str, dict[str, dict]] = {"briefing": {}}
    seconds = []
    for gold in golds:
        started = time.perf_counter()
        systems["briefing"][f"{gold.story}/{gold.name}"] = ours(stories[gold.story], gold,
                                                                 settings, limits)
        seconds.append(time.perf_counter() - started)
        print(f"  {gold.story}/{gold.name}: {len(stories[gold.story].articles)} articles, "
              f"{seconds[-1]:.1f} s", file=sys.stderr)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for key, tl in systems["briefing"].items():
            text = "".join(f"{d.isoformat()}\n" + "".join(f"{s}\n" for s in tl[d])
                           + "-" * 32 + "\n" for d in sorted(tl))
            (args.out / (key.replace("/", "_") + ".txt")).write_text(text, encoding="utf-8")
    if args.peers:
        for run in ("bestds", "bestsumm"):
            systems[f"SDF-TLS {run} (published output)"] = peer_timelines(args.peers, run, golds)
    scorer = Scorer(args.route)
    results: dict[str, dict[str, tuple[float, ...]]] = {}
    for name, timelines in systems.items():
        started = time.perf_counter()
        results[name] = {key: scorer.score(timelines[key], gold) for gold in golds
                         for key in [f"{gold.story}/{gold.name}"]}
        print(f"scored {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    halves = [("tune half", lambda g: g.story in TUNE),
              ("held-out half", lambda g: g.story not in TUNE), ("all", lambda g: True)]
    lines = [f"Timeline17, {len(golds)} timelines, ROUGE route: {args.route}; briefing "
             f"{statistics.mean(seconds):.1f} s per timeline (mean), "
             f"{max(seconds):.1f} s at most", "",
             "| system | timelines | AR-1 F1 | AR-2 F1 | date F1 |",
             "| --- | --- | --- | --- | --- |"]
    for label, keep in halves:
        chosen = [g for g in golds if keep(g)]
        if not chosen:
            continue
        for name in results:
            r1, r2, df = mean([results[name][f"{g.story}/{g.name}"] for g in chosen])
            lines.append(f"| {name} | {label} ({len(chosen)}) | {r1:.3f} | {r2:.3f} | {df:.3f} |")
    if args.half == "all":
        for name, r1, r2, df in PUBLISHED:
            lines.append(f"| {name} | all (19) | {r1:.3f} | {r2:.3f} | {df:.3f} |")
    lines.append("")
    lines.append("| timeline | articles | briefing AR-1 | AR-2 | date F1 |")
    lines.append("| --- | --- | --- | --- | --- |")
    for gold in golds:
        r1, r2, df = results["briefing"][f"{gold.story}/{gold.name}"]
        lines.append(f"| {gold.story}/{gold.name} | {len(stories[gold.story].articles)} | "
                     f"{r1:.3f} | {r2:.3f} | {df:.3f} |")
    print("\n".join(lines))
    if args.table:
        args.table.parent.mkdir(parents=True, exist_ok=True)
        args.table.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
