"""Build editions from 1,000 to 10,000 distinct news articles; print seconds per stage.

Usage: python benchmarks/scale.py --data ../shared/eval/duc2004 [--sizes 1000,2000,5000]
       [--large] [--no-peers | --peers-only] [--peer-limit 60]

The articles are made from DUC 2004's 500 stories so that most of their sentences are
unique, as in a real inbox: each article draws 10-24 sentences from the documents of one
cluster (a seeded RNG), and each sentence has some of its numbers and names swapped for
others of the same cluster. The script prints, per size, the seconds each stage took and the
run's peak RSS (each size runs in its own process), flags a stage that grows faster than 1.3x
the article ratio, times +100 new files on the built state (next day, and the same day, which
extends that day's edition), and a floor pass that only reads the files and splits them into
sentences with the same segmenter. --large adds 10,000 articles.

Then the summarizer side by side with sumy's LexRank and TextRank (CPU seconds, the systems
alternated): per DUC 2004 cluster (100 words), and on the 1,000-article input, both on the
300 sentences the overview considers and on all of them (a system still running after
--peer-limit CPU seconds is stopped and shown as "> limit").
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import re
import resource
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duc_data import read_docs  # noqa: E402

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
SENTENCE_END_RE = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")
NAME_RE = re.compile(r"(?<=\s)[A-Z][a-z]{2,}\b")
NUMBER_RE = re.compile(r"\b\d{1,3}\b")
LONG_WORD_RE = re.compile(r"\b[a-z]{7,}\b")
Pool = tuple[list[str], list[str], list[str]]  # sentences, names, long words
GROWTH_FLAG = 1.3  # a stage growing faster than this times the article ratio is flagged
NEW_FILES = 100
SUMMARY_WORDS = 100  # DUC 2004's length, and the overview's default budget
PEER_INPUT = 1000  # articles in the summarizers' large input
OVERVIEW_CANDIDATES = 300  # as selection.MAX_CANDIDATES: the overview's candidates
Summarizer = Callable[[list[list[str]]], list[str]]


def cluster_pools(data: Path) -> list[Pool]:
    """Per DUC cluster: its sentences (unwrapped), the capitalised names and the long
    lower-case words they use."""
    by_cluster: dict[str, list[str]] = {}
    for doc in read_docs(data):
        text = " ".join(doc.text.split())
        by_cluster.setdefault(doc.cluster, []).extend(
            s for s in SENTENCE_END_RE.split(text) if len(s.split()) >= 4)
    pools = []
    for name in sorted(by_cluster):
        sentences = by_cluster[name]
        names = sorted({m.group(0) for s in sentences for m in NAME_RE.finditer(s)})
        words = sorted({m.group(0) for s in sentences for m in LONG_WORD_RE.finditer(s)})
        pools.append((sentences, names or ["Smith"], words or ["yesterday"]))
    return pools


def make_article(pools: list[Pool], k: int) -> str:
    """Article number k: a title line, then paragraphs of 1-3 edited sentences."""
    rng = random.Random(k * 1_000_003 + 7)
    sentences, names, words = pools[k % len(pools)]
    picked = rng.sample(sentences, min(len(sentences), rng.randint(10, 24)))
    edited = []
    for sentence in picked:
        sentence = NAME_RE.sub(lambda m: rng.choice(names) if rng.random() < 0.4
                               else m.group(0), sentence)
        sentence = NUMBER_RE.sub(lambda m: str(int(m.group(0)) + rng.randint(1, 9))
                                 if rng.random() < 0.7 else m.group(0), sentence)
        sentence = LONG_WORD_RE.sub(lambda m: rng.choice(words) if rng.random() < 0.2
                                    else m.group(0), sentence)
        edited.append(sentence)
    paragraphs, at = [], 0
    while at < len(edited):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(edited[at:at + size]))
        at += size
    title = " ".join(edited[0].split()[:9]).rstrip(",;:.")
    return f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_articles(pools: list[Pool], inbox: Path, numbers: range) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for k in numbers:
        (inbox / f"article-{k:05d}.txt").write_text(make_article(pools, k), encoding="utf-8")


def write_config(folder: Path, inbox: Path) -> Path:
    path = folder / "briefing.toml"
    path.write_text(f"""
[briefing]
title = "Scale test"
inbox = "{inbox}"
out_dir = "{folder / 'out'}"
database = "{folder / 'out' / 'state.sqlite'}"
max_file_kb = 4096
pdf = true
{TOPICS}""", encoding="utf-8")
    return path


class Stages:
    """CPU seconds spent in named functions, by wrapping them for the length of one run.
    Each stage counts its own time: a wrapped call inside another (the story's articles
    loaded for the timeline) is taken out of the outer one's.

    CPU, not wall-clock, time: on a machine shared with other work, wall-clock seconds
    measure the neighbours (even the floor pass then seems to grow faster than linear)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._undo: list[tuple[Any, str, Any]] = []
        self._inner: list[float] = []  # per open call: time spent in wrapped calls inside it

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        original = getattr(owner, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            self._inner.append(0.0)
            try:
                return original(*args, **kwargs)
            finally:
                elapsed = time.process_time() - start
                own = elapsed - self._inner.pop()
                self.seconds[name] = self.seconds.get(name, 0.0) + own
                if self._inner:
                    self._inner[-1] += elapsed

        self._undo.append((owner, attr, original))
        setattr(owner, attr, timed)

    def restore(self) -> None:
        for owner, attr, original in reversed(self._undo):
            setattr(owner, attr, original)
        self._undo.clear()


def instrument() -> Stages:
    from briefing import digest, engine, kept_terms, pipeline, readers, render, sources, store

    stages = Stages()
    stages.wrap(pipeline, "discover", "discover + hash")
    stages.wrap(engine, "read_bytes", "read + clean + split")
    stages.wrap(readers, "parse", "read + clean + split")
    stages.wrap(store.Store, "add_version", "store articles")
    stages.wrap(store.Store, "pending", "load articles")
    stages.wrap(store.Store, "edition_versions", "load articles")
    stages.wrap(store.Store, "story_versions", "load articles")
    stages.wrap(pipeline, "reanalyse", "re-analyse stale articles")
    stages.wrap(pipeline, "_timeline", "timeline (the whole story)")
    stages.wrap(kept_terms, "find", "topic terms found (kept or searched)")
    stages.wrap(digest, "Corpus", "TF-IDF corpus")
    stages.wrap(digest, "_overview", "overview")
    stages.wrap(digest, "_topic_digest", "topic rank + select")
    stages.wrap(pipeline, "build_briefing", "topic scoring + other analysis")
    stages.wrap(render, "render_markdown", "render markdown")
    stages.wrap(render, "render_pdf", "render pdf")
    del sources
    return stages


def timed_run(config_path: Path, date: dt.date) -> dict[str, float]:
    """pipeline.run for date, with per-stage seconds and the whole run's."""
    from briefing.config import load_config
    from briefing.pipeline import run

    config = load_config(config_path)
    stages = instrument()
    start, cpu, workers = time.perf_counter(), time.process_time(), children_cpu()
    try:
        report = run(config, date, send=False)
    finally:
        stages.restore()
    out = dict(stages.seconds)
    whole = time.process_time() - cpu
    out["rest of the run (state, templates, locks)"] = whole - sum(out.values())
    out["parse in worker processes (CPU)"] = children_cpu() - workers
    out["whole run (CPU)"] = whole + out["parse in worker processes (CPU)"]
    out["whole run (wall clock)"] = time.perf_counter() - start
    if not report.markdown:
        raise SystemExit(f"no edition written: {report.message}")
    markdown = report.markdown.read_text(encoding="utf-8")
    overview = markdown.split("## Overview", 1)[-1].split("\n## ", 1)[0]
    out["overview lines"] = float(overview.count("\n- "))
    out["overview words"] = float(sum(len(line.split()) for line in overview.splitlines()
                                      if line.startswith("- ")))
    return out


def children_cpu() -> float:
    """CPU seconds of the worker processes that have ended (the local pool's, [scale])."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fresh_run(config_path: Path, date: dt.date) -> dict[str, float]:
    """timed_run in a new process, as cron starts one: nothing cached from the build before
    (imports are not counted; modules the run imports itself are)."""
    child = subprocess.run([sys.executable, __file__, "--run", str(config_path),
                            "--date", date.isoformat()], capture_output=True, text=True)
    if child.returncode:
        raise SystemExit(f"run of {config_path} failed:\n{child.stderr[-3000:]}")
    return dict(json.loads(child.stdout.strip().splitlines()[-1]))


def floor_pass(inbox: Path) -> float:
    """Read every file and split it into sentences with the same segmenter, nothing else."""
    from briefing.analyze.sentences import split_paragraph

    start = time.process_time()
    count = 0
    for path in sorted(inbox.iterdir()):
        text = path.read_bytes().decode("utf-8")
        for paragraph in text.split("\n\n"):
            if paragraph.strip():
                count += len(split_paragraph(" ".join(paragraph.split())))
    return time.process_time() - start


def one_size(data: Path, n: int) -> dict[str, Any]:
    """Everything measured at one size (run in a child process, so RSS is this run's)."""
    pools = cluster_pools(data)
    with tempfile.TemporaryDirectory(prefix="briefing-scale-") as tmp:
        folder = Path(tmp) / "a"
        inbox = folder / "inbox"
        write_articles(pools, inbox, range(n))
        distinct = distinct_share(inbox)
        config = write_config(folder, inbox)
        day = dt.date(2024, 1, 1)
        full = timed_run(config, day)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        floor = floor_pass(inbox)
        # Same day: a copy of the built state, extended with 100 new files.
        twin = Path(tmp) / "b"
        shutil.copytree(inbox, twin / "inbox")
        (twin / "out").mkdir(parents=True)
        with sqlite3.connect(folder / "out" / "state.sqlite") as src, \
                sqlite3.connect(twin / "out" / "state.sqlite") as dst:
            src.backup(dst)
        for sub in (folder / "out").iterdir():
            if sub.is_dir():
                shutil.copytree(sub, twin / "out" / sub.name)
        twin_config = write_config(twin, twin / "inbox")
        write_articles(pools, inbox, range(n, n + NEW_FILES))
        write_articles(pools, twin / "inbox", range(n, n + NEW_FILES))
        next_day = fresh_run(config, day + dt.timedelta(days=1))
        same_day = fresh_run(twin_config, day)
    return {"n": n, "stages": full, "rss": rss, "worker_rss": worker_rss, "floor": floor,
            "distinct": distinct,
            "next_day": next_day["whole run (CPU)"], "same_day": same_day["whole run (CPU)"],
            "next_day_wall": next_day["whole run (wall clock)"],
            "same_day_wall": same_day["whole run (wall clock)"]}


def distinct_share(inbox: Path) -> float:
    """Share of the inbox's sentences that occur once (the same splitter as the generator)."""
    seen: dict[str, int] = {}
    for path in inbox.iterdir():
        for s in SENTENCE_END_RE.split(" ".join(path.read_text(encoding="utf-8").split())):
            seen[s] = seen.get(s, 0) + 1
    total = sum(seen.values())
    return sum(1 for c in seen.values() if c == 1) / total if total else 0.0


def print_table(results: list[dict[str, Any]]) -> None:
    sizes = [r["n"] for r in results]
    names = list(results[0]["stages"])
    names.remove("overview lines")
    names.remove("overview words")
    head = "| stage | " + " | ".join(f"{n:,} articles" for n in sizes) + " | growth |"
    print(head)
    print("| --- " * (len(sizes) + 2) + "|")

    def row(name: str, values: list[float], fmt: Callable[[float], str]) -> None:
        flags = []
        for (n0, v0), (n1, v1) in zip(zip(sizes, values, strict=True),
                                      zip(sizes[1:], values[1:], strict=True), strict=False):
            if v0 > 0.05:
                growth = v1 / v0
                mark = " (!)" if growth > GROWTH_FLAG * n1 / n0 else ""
                flags.append(f"{growth:.1f}x{mark}")
        print(f"| {name} | " + " | ".join(fmt(v) for v in values)
              + f" | {', '.join(flags)} |")

    for name in names:
        row(name, [r["stages"].get(name, 0.0) for r in results], lambda v: f"{v:.2f} s")
    row("peak RSS", [r["rss"] for r in results], lambda v: f"{v:,.0f} MiB")
    row("peak RSS of a worker process (forked: shares pages)",
        [r.get("worker_rss", 0.0) for r in results], lambda v: f"{v:,.0f} MiB")
    row(f"+{NEW_FILES} new files, next day", [r["next_day"] for r in results],
        lambda v: f"{v:.2f} s")
    row(f"+{NEW_FILES} new files, same day", [r["same_day"] for r in results],
        lambda v: f"{v:.2f} s")
    # Wall clock: the targets' measure on a quiet machine (+100 files are read on both cores).
    row(f"+{NEW_FILES} new files, next day (wall clock)",
        [r.get("next_day_wall", 0.0) for r in results], lambda v: f"{v:.2f} s")
    row(f"+{NEW_FILES} new files, same day (wall clock)",
        [r.get("same_day_wall", 0.0) for r in results], lambda v: f"{v:.2f} s")
    row("floor: read + split only", [r["floor"] for r in results], lambda v: f"{v:.2f} s")
    print("| whole run / floor | " + " | ".join(
        f"{r['stages']['whole run (CPU)'] / r['floor']:.1f}x" for r in results) + " | |")
    print("| overview lines | " + " | ".join(
        f"{r['stages']['overview lines']:.0f}" for r in results) + " | |")
    print("| overview words | " + " | ".join(
        f"{r['stages']['overview words']:.0f}" for r in results) + " | |")
    print("| distinct sentences | " + " | ".join(
        f"{r['distinct']:.0%}" for r in results) + " | |")
    print("\nSeconds are CPU seconds of the run's process (the +100 rows: with its worker "
          "processes'), except the wall-clock rows; "
          "store articles also waits for the disk (fsync), which CPU time does not show.")
    print(f"(!): grew faster than {GROWTH_FLAG}x the article ratio. Targets (issue 14): "
          "1,000 articles <= 5 s; 10,000 <= 30 s and <= 1 GiB; +100 <= 3 s.")


def summarizers() -> dict[str, Summarizer]:
    """briefing's summarizer and sumy's LexRank and TextRank, each given the same sentences
    (briefing's splitter: sumy's own would need an NLTK download) and asked for about
    SUMMARY_WORDS words."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    from briefing.summarize import summarize

    class Words:
        language = "english"

        @staticmethod
        def to_words(text: str) -> list[str]:
            return "".join(ch if ch.isalnum() else " " for ch in text).split()

        @staticmethod
        def to_sentences(text: str) -> list[str]:
            return [text]

    def ours(docs: list[list[str]]) -> list[str]:
        return [c.text for c in summarize(docs, word_budget=SUMMARY_WORDS)]

    def peer(cls: Any) -> Summarizer:
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")

        def run(docs: list[list[str]]) -> list[str]:
            document = ObjectDocumentModel(
                [Paragraph([Sentence(s, Words) for s in doc]) for doc in docs if doc])
            lengths = [len(s.split()) for doc in docs for s in doc]
            count = max(1, round(SUMMARY_WORDS * len(lengths) / max(sum(lengths), 1)))
            return [str(s) for s in summarizer(document, count)]  # one call: ~100 words

        return run

    return {"briefing": ours, "LexRank (sumy)": peer(LexRankSummarizer),
            "TextRank (sumy)": peer(TextRankSummarizer)}


class OutOfTime(Exception):
    pass


def cpu_seconds(fn: Callable[[], Any], limit: float) -> tuple[float | None, Any]:
    """CPU seconds fn took and its result, or (None, None) if it ran past limit (stopped by
    a CPU-time timer, so a system that would take hours costs limit seconds)."""
    def stop(signum: int, frame: Any) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, limit)
    start = time.process_time()
    try:
        result = fn()
        return time.process_time() - start, result
    except OutOfTime:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def duc_clusters(data: Path) -> list[list[list[str]]]:
    """Sentences per document per DUC 2004 cluster, cleaned and split as briefing does."""
    from briefing.analyze.sentences import split_sentences
    from briefing.clean import clean_lines

    clusters: dict[str, list[list[str]]] = {}
    for doc in read_docs(data):
        paragraphs = clean_lines(doc.text.split("\n"))
        clusters.setdefault(doc.cluster, []).append(
            [s.text for s in split_sentences(paragraphs)])
    return [clusters[name] for name in sorted(clusters)]


def inbox_sentences(data: Path, n: int) -> tuple[list[list[str]], list[list[str]]]:
    """The first n scale articles as briefing reads them: every sentence per article, and
    only the OVERVIEW_CANDIDATES most central ones (the overview's candidates)."""
    import hashlib

    from briefing import readers
    from briefing.corpus import Corpus
    from briefing.models import FoundFile, SentenceRef

    pools = cluster_pools(data)
    articles = []
    with tempfile.TemporaryDirectory(prefix="briefing-peers-") as tmp:
        inbox = Path(tmp)
        write_articles(pools, inbox, range(n))
        for path in sorted(inbox.iterdir()):
            data_ = path.read_bytes()
            found = FoundFile(path, path.name, len(data_), hashlib.sha256(data_).hexdigest())
            articles.append(readers.read(found, 1 << 22))
    corpus = Corpus(articles)
    top = {corpus.refs[row] for row in
           sorted(range(len(corpus.refs)), key=lambda r: -corpus.centrality[r])
           [:OVERVIEW_CANDIDATES]}
    every = [[s.text for s in a.sentences] for a in articles]
    central = [[s.text for s in a.sentences if SentenceRef(i, s.index) in top]
               for i, a in enumerate(articles)]
    return every, central


def compare_summarizers(data: Path, limit: float,
                        repeats: int = 3) -> list[tuple[str, dict[str, Any]]]:
    """Rows of (input, {system: (CPU seconds or None, words)}). Each input is summarized
    `repeats` times by each system, the systems taking turns to go first (a busy neighbour
    slows all of them alike), and each system's median is kept; a DUC 2004 row is the mean
    of those medians over the clusters. Every timed call starts alike: the garbage of
    earlier calls collected and the heap built before it frozen out of collection (a full
    collection over the 1,000-article corpus cost whichever system ran into it, 2x on one
    summary), and briefing's token caches as they were before the input's first summary
    (no repeat is helped by the sentences it tokenized before)."""
    systems = summarizers()
    names = list(systems)
    rows: list[tuple[str, dict[str, Any]]] = []
    totals = {name: [0.0, 0] for name in names}
    clusters = duc_clusters(data)

    def medians(docs: list[list[str]], first: int) -> dict[str, tuple[float | None, int]]:
        times: dict[str, list[float]] = {name: [] for name in names}
        words: dict[str, int] = {}
        before = caches()
        for r in range(repeats):
            turn = (first + r) % len(names)
            for name in names[turn:] + names[:turn]:
                if name in words and not times[name]:
                    continue  # stopped at the limit once: not run again
                restore(before)
                seconds, summary = timed(lambda: systems[name](docs), limit)  # noqa: B023
                words[name] = len(" ".join(summary or []).split())
                if seconds is not None:
                    times[name].append(seconds)
        return {name: (statistics.median(times[name]) if times[name] else None,
                       words[name]) for name in names}

    for k, docs in enumerate(clusters):
        for name, (seconds, count) in medians(docs, k).items():
            totals[name][0] += seconds if seconds is not None else limit
            totals[name][1] += count
    rows.append((f"DUC 2004, per cluster (mean of {len(clusters)})",
                 {name: (totals[name][0] / len(clusters), totals[name][1] / len(clusters))
                  for name in names}))
    every, central = inbox_sentences(data, PEER_INPUT)
    count = sum(len(d) for d in every)
    for label, docs in ((f"{PEER_INPUT:,} articles, the {OVERVIEW_CANDIDATES} most central "
                         "sentences", central),
                        (f"{PEER_INPUT:,} articles, all {count:,} sentences", every)):
        rows.append((label, medians(docs, 0)))
    return rows


def timed(fn: Callable[[], Any], limit: float) -> tuple[float | None, Any]:
    """cpu_seconds(fn, limit), with only fn's own garbage to collect."""
    gc.collect()
    gc.freeze()
    try:
        return cpu_seconds(fn, limit)
    finally:
        gc.unfreeze()


def caches() -> dict[str, Any]:
    """briefing's word cache as it is now (restore() puts it back)."""
    from briefing.analyze import text

    return dict(text._word_tokens)


def restore(words: dict[str, Any]) -> None:
    """briefing's token caches as they were when caches() read them: the sentences' tokens
    and the words' stems made since are forgotten, so a repeat tokenizes as the first did."""
    from briefing.analyze import text

    text.tokens.cache_clear()
    text.content_stems.cache_clear()
    text._token.cache_clear()
    text._word_tokens.clear()
    text._word_tokens.update(words)


def print_peers(rows: list[tuple[str, dict[str, Any]]], limit: float,
                repeats: int) -> None:
    names = list(rows[0][1])
    print("\n| input | " + " | ".join(f"{n} s (words)" for n in names)
          + " | LexRank / briefing |")
    print("| --- " * (len(names) + 2) + "|")
    for label, cells in rows:
        shown = [f"{s:.3f} ({w:.0f})" if s is not None else f"> {limit:.0f} (stopped)"
                 for s, w in cells.values()]
        ours, lex = cells["briefing"][0], cells["LexRank (sumy)"][0]
        ratio = ("—" if ours is None else f"> {limit / ours:.0f}x" if lex is None
                 else f"{lex / ours:.1f}x")
        print(f"| {label} | " + " | ".join(shown) + f" | {ratio} |")
    print(f"\nCPU seconds for one summary of about 100 words (sumy asked for as many sentences "
          f"as make 100 words on average), the median of {repeats} per input and system, the "
          "systems taking turns to go first. Target (issue 14): briefing >= 20x faster than "
          "LexRank.")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, help="the duc2004 folder (required)")
    parser.add_argument("--sizes", default="1000,2000,5000")
    parser.add_argument("--large", action="store_true", help="add 10,000")
    parser.add_argument("--no-peers", action="store_true", help="skip the sumy comparison")
    parser.add_argument("--peers-only", action="store_true",
                        help="only the summarizers side by side (no editions are built)")
    parser.add_argument("--peer-limit", type=float, default=60.0,
                        help="CPU seconds a summarizer may take on one input")
    parser.add_argument("--repeats", type=int, default=3,
                        help="timed summaries per input and system (the median is shown)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # an incremental run
    parser.add_argument("--date", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        import briefing.pipeline  # noqa: F401  (imported before the clock starts, as above)

        print(json.dumps(timed_run(args.run, args.date)))
        return
    if args.data is None:
        parser.error("--data is required")
    if args.one:
        print(json.dumps(one_size(args.data, args.one)))
        return
    if args.peers_only:
        print_peers(compare_summarizers(args.data, args.peer_limit, args.repeats),
                    args.peer_limit, args.repeats)
        return
    sizes = [int(s) for s in args.sizes.split(",")] + ([10000] if args.large else [])
    results = []
    for n in sizes:
        child = subprocess.run([sys.executable, __file__, "--data", str(args.data),
                                "--one", str(n)], capture_output=True, text=True)
        if child.returncode:
            raise SystemExit(f"{n} articles failed:\n{child.stderr[-3000:]}")
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(f"{n:,} articles done ({results[-1]['stages']['whole run (wall clock)']:.1f} s)",
              file=sys.stderr)
    print_table(results)
    if not args.no_peers:
        print_peers(compare_summarizers(args.data, args.peer_limit, args.repeats),
                    args.peer_limit, args.repeats)


if __name__ == "__main__":
    main()
