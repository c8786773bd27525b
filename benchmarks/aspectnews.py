"""AspectNews: briefing's topic selection against five annotators, with baselines and ceiling.

Usage: python benchmarks/aspectnews.py --data ../shared/eval/aspectnews [--table FILE]
Each aspect is described once, as a user writes a topic (aspectnews_topics.toml). For every
article, briefing picks its top 3 sentences for the topic; they are scored by precision at 3
against the sentences a majority of annotators (3 of 5) picked, and by the mean importance
the annotators gave them (0 to 3). Baselines: the first three sentences, and plain term
overlap. The human ceiling: each annotator's own top 3 scored against the other four
(majority 3 of 4); every system is also scored that way, in its own column, because a
majority of 4 is a stricter target than a majority of 5.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analyze.text import tokens  # noqa: E402
from briefing.config import Config, DigestConfig, Term, TopicConfig  # noqa: E402
from briefing.digest import select_for_topic  # noqa: E402
from briefing.models import Article, Sentence  # noqa: E402

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Item:
    sentences: list[str]
    picks: list[dict[int, int]]  # per annotator: sentence -> importance (1-3)


def read_items(path: Path) -> list[Item]:
    items = []
    for block in path.read_text(encoding="utf-8").split("\n\n\n"):
        sents = {int(m.group(1)): m.group(2)
                 for m in re.finditer(r"^Sentence (\d+): (.*)$", block, re.M)}
        picks = [{int(n): int(i) for n, i in re.findall(r"(\d+) \(importance (\d)\)", m)}
                 for m in re.findall(r"^Annotator \d+: (.*)$", block, re.M)]
        if sents and picks:
            items.append(Item([sents[i] for i in sorted(sents)], picks))
    return items


def load_topics(path: Path) -> list[tuple[str, TopicConfig]]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return [(t["file"], TopicConfig(name=t["name"], description=t["description"],
                                    terms=tuple(Term(x) for x in t["terms"])))
            for t in raw["topics"]]


def majority(picks: list[dict[int, int]], need: int) -> set[int]:
    votes = Counter(n for p in picks for n in p)
    return {n for n, v in votes.items() if v >= need}


def importance(chosen: list[int], picks: list[dict[int, int]]) -> float:
    if not chosen:
        return 0.0
    return statistics.mean(statistics.mean(p.get(n, 0) for p in picks) for n in chosen)


def precision(chosen: list[int], gold: set[int], k: int = 3) -> float:
    return len(set(chosen[:k]) & gold) / k


def briefing_system(topic: TopicConfig) -> Callable[[list[str]], list[int]]:
    # Every sentence may be ranked (min_score 0): the benchmark asks for three per article.
    config = Config(path=HERE, digest=replace(DigestConfig(), min_sentence_words=1,
                                              max_sentence_words=200))

    def pick(sentences: list[str]) -> list[int]:
        article = Article(relpath="a", sha256="", title="", title_derived=True, outlet=None,
                          published=None, url=None, paragraphs=tuple(sentences),
                          sentences=tuple(Sentence(i, 0, s) for i, s in enumerate(sentences)))
        items = select_for_topic(config, topic, [article], 3, min_score=0.0)
        # A line that needs the sentence before it shows both: count both, up to three.
        return [ref.sentence for item in items for ref in item.shown][:3]

    return pick


def leave_one_out(item: Item) -> list[tuple[dict[int, int], list[dict[int, int]]]]:
    """Each annotator's picks with the other four's: the human row is scored this way, and
    so is the systems' "majority of 4" column, so the two compare like with like."""
    return [(own, item.picks[:a] + item.picks[a + 1:]) for a, own in enumerate(item.picks)]


def margin(ours: list[float], theirs: list[float], rounds: int = 5000) -> str:
    """Mean per-article difference with a paired bootstrap 95% interval (fixed seed), so a
    reader sees which margins are larger than the noise of 100 articles."""
    diff = np.array(ours) - np.array(theirs)
    rng = np.random.default_rng(0)
    means = diff[rng.integers(0, len(diff), (rounds, len(diff)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return f"{diff.mean():+.3f} ({low:+.3f} to {high:+.3f})"


def lead(sentences: list[str]) -> list[int]:
    return list(range(min(3, len(sentences))))


def overlap_system(topic: TopicConfig) -> Callable[[list[str]], list[int]]:
    terms = {t.stem for term in topic.terms for t in tokens(term.text)}

    def pick(sentences: list[str]) -> list[int]:
        scores = [(-len({t.stem for t in tokens(s)} & terms), i) for i, s in enumerate(sentences)]
        return [i for _, i in sorted(scores)[:3]]

    return pick


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the aspectnews folder")
    parser.add_argument("--topics", type=Path, default=HERE / "aspectnews_topics.toml")
    parser.add_argument("--table", type=Path, help="write the table as Markdown here")
    parser.add_argument("--articles", type=int, default=0, help="only the first N per aspect")
    args = parser.parse_args()
    lines = ["| aspect | system | P@3, majority of 5 | P@3, majority of 4 | mean importance |",
             "| --- | --- | --- | --- | --- |"]
    margins = ["| aspect | baseline | briefing's P@3 margin (95% interval) |",
               "| --- | --- | --- |"]
    for file, topic in load_topics(args.topics):
        items = read_items(args.data / file)[: args.articles or None]
        systems = {"briefing": briefing_system(topic), "first three": lead,
                   "term overlap": overlap_system(topic)}
        per_article: dict[str, list[float]] = {}
        for name, fn in systems.items():
            p, p4, imp = [], [], []
            for item in items:
                chosen = fn(item.sentences)
                p.append(precision(chosen, majority(item.picks, 3)))
                p4 += [precision(chosen, majority(others, 3)) for _, others in leave_one_out(item)]
                imp.append(importance(chosen, item.picks))
            per_article[name] = p
            lines.append(f"| {topic.name} | {name} | {statistics.mean(p):.3f} | "
                         f"{statistics.mean(p4):.3f} | {statistics.mean(imp):.2f} |")
        for base in ("first three", "term overlap"):
            margins.append(f"| {topic.name} | {base} | "
                           f"{margin(per_article['briefing'], per_article[base])} |")
        p4, imp = [], []
        for item in items:
            for own, others in leave_one_out(item):
                chosen = sorted(own, key=lambda n: (-own[n], n))[:3]
                p4.append(precision(chosen, majority(others, 3)))
                imp.append(importance(chosen, others))
        lines.append(f"| {topic.name} | human (one annotator vs the other four) | — | "
                     f"{statistics.mean(p4):.3f} | {statistics.mean(imp):.2f} |")
    text = "\n".join(lines) + "\n\nMargin over each baseline, paired bootstrap over articles\n\n" \
        + "\n".join(margins)
    print(f"AspectNews, top 3 sentences per article\n\n{text}")
    if args.table:
        args.table.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
