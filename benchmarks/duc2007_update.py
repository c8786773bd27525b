"""DUC 2007 update task: briefing's "What's new" against the 22 participants and 2 baselines.

Usage: python benchmarks/duc2007_update.py --data ../shared/eval/duc2007-update [--table FILE]

For each of the 10 topics: a 100-word summary of batch A; of B for a reader who has read A;
of C for a reader who has read A and B; made by briefing.whatsnew.whats_new (the code behind
an edition's "What's new"), told the earlier batches' sentences. ROUGE-1 and ROUGE-2 recall
(rouge-score, Porter stemming, cut to 100 words, mean over the four human summaries, as
benchmarks/duc2004.py scores) per batch, for us and for every peer in eval/ROUGE/peers/
rescored in the same run. Settings were chosen on the dev half (the first five topics);
the held-out half is reported apart. "restated" counts B and C summary sentences that repeat
a fact of the earlier batches, by a check independent of the one whats_new uses: 70% of the
sentence's content words in one earlier-batch sentence.
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duc2004 import score  # noqa: E402

from briefing.analyze.sentences import split_sentences  # noqa: E402
from briefing.analyze.text import content_stems  # noqa: E402
from briefing.clean import clean_lines  # noqa: E402
from briefing.whatsnew import whats_new  # noqa: E402

BATCHES = ("A", "B", "C")
BEST = "40"
BASELINES = {"35": "lead of newest article (baseline 35)", "58": "CLASSY04 (baseline 58)"}
RESTATED = 0.7


@dataclass(frozen=True)
class Topic:
    name: str  # D0703A
    batches: dict[str, list[list[str]]]  # batch -> documents -> sentences

    @property
    def key(self) -> str:  # D0703, as the evaluation files name it
        return self.name[:-1]


def load(data: Path) -> list[Topic]:
    topics = []
    for folder in sorted((data / "docs").iterdir()):
        batches: dict[str, list[list[str]]] = {}
        for batch in BATCHES:
            docs = []
            for path in sorted((folder / f"{folder.name}-{batch}").iterdir(), key=_when):
                raw = path.read_text(encoding="utf-8", errors="replace")
                match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
                if not match:
                    continue
                text = html.unescape(re.sub(r"<[^>]+>", "\n", match.group(1)))
                text = text.replace("``", "“").replace("''", "”")
                paragraphs = clean_lines([" ".join(p.split()) for p in text.split("\n\n")])
                docs.append([s.text for s in split_sentences(paragraphs)])
            batches[batch] = docs
        topics.append(Topic(folder.name, batches))
    return topics


def _when(path: Path) -> str:
    digits = re.search(r"\d{8}\.\d+", path.name)
    return digits.group(0) if digits else path.name


def references(data: Path, topic: Topic, batch: str) -> list[str]:
    models = sorted((data / "eval" / "ROUGE" / "models").glob(f"{topic.key}-{batch}.M.100.*"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in models]


def peers(data: Path) -> list[str]:
    names = {p.name.rsplit(".", 1)[1] for p in (data / "eval" / "ROUGE" / "peers").iterdir()}
    return sorted((n for n in names if n.isdigit()), key=int)


def peer_summary(data: Path, topic: Topic, batch: str, peer: str) -> list[str]:
    path = data / "eval" / "ROUGE" / "peers" / f"{topic.key}-{batch}.M.100.{topic.name[-1]}.{peer}"
    if not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip()]


def ours(topic: Topic, known_weight: float | None = None,
         restates: float | None = None) -> dict[str, list[str]]:
    """The three summaries of a topic, each told every earlier batch's sentences."""
    out: dict[str, list[str]] = {}
    told: list[str] = []
    for batch in BATCHES:
        docs = topic.batches[batch]
        out[batch] = [c.text for c in whats_new(docs, told, known_weight=known_weight,
                                                restates=restates)]
        told += [s for doc in docs for s in doc]
    return out


def restated(summary: list[str], earlier: list[str]) -> int:
    """Summary sentences with RESTATED of their content words in one earlier sentence."""
    sets = [set(content_stems(s)) for s in earlier]
    count = 0
    for sentence in summary:
        own = set(content_stems(sentence))
        if own and any(len(own & e) / len(own) >= RESTATED for e in sets):
            count += 1
    return count


def evaluate(data: Path, topics: list[Topic], systems: dict[str, dict[str, dict[str, list[str]]]]
             ) -> list[tuple[str, dict[str, tuple[float, float]], int, int]]:
    """Per system: mean (R-1, R-2) per batch, restated B/C sentences, B/C sentences."""
    rows = []
    for name, summaries in systems.items():
        per_batch: dict[str, tuple[float, float]] = {}
        again = total = 0
        for batch in BATCHES:
            scores = [score(summaries[t.name][batch], references(data, t, batch)) for t in topics]
            per_batch[batch] = (statistics.mean(s[0] for s in scores),
                                statistics.mean(s[1] for s in scores))
        for t in topics:
            earlier: list[str] = []
            for batch in BATCHES:
                if batch != "A":
                    summary = _cut(summaries[t.name][batch])
                    again += restated(summary, earlier)
                    total += len(summary)
                earlier += [s for doc in t.batches[batch] for s in doc]
        rows.append((name, per_batch, again, total))
    return rows


def _cut(summary: list[str], words: int = 100) -> list[str]:
    """The sentences that fall (at least partly) within the first 100 words."""
    out, used = [], 0
    for sentence in summary:
        if used >= words:
            break
        out.append(sentence)
        used += len(sentence.split())
    return out


def table(rows: list[tuple[str, dict[str, tuple[float, float]], int, int]]) -> str:
    lines = ["| system | R-2 A | R-2 B | R-2 C | R-1 A | R-1 B | R-1 C | restated B+C |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, per, again, total in sorted(rows, key=lambda r: -(r[1]["B"][1] + r[1]["C"][1])):
        r2 = " | ".join(f"{100 * per[b][1]:.2f}" for b in BATCHES)
        r1 = " | ".join(f"{100 * per[b][0]:.2f}" for b in BATCHES)
        lines.append(f"| {name} | {r2} | {r1} | {again} of {total} |")
    return "\n".join(lines)


def systems_for(data: Path, topics: list[Topic], names: list[str]
                ) -> dict[str, dict[str, dict[str, list[str]]]]:
    systems: dict[str, dict[str, dict[str, list[str]]]] = {
        "briefing (whats_new)": {t.name: ours(t) for t in topics}}
    for peer in names:
        label = BASELINES.get(peer, f"peer {peer}" + (" (best in DUC 2007)" if peer == BEST
                                                       else ""))
        systems[label] = {t.name: {b: peer_summary(data, t, b, peer) for b in BATCHES}
                          for t in topics}
    return systems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the duc2007-update folder")
    parser.add_argument("--table", type=Path, help="write the tables as Markdown here")
    args = parser.parse_args()
    topics = load(args.data)
    names = peers(args.data)
    halves = {"dev (first five topics, settings chosen here)": topics[:5],
              "held-out (last five topics)": topics[5:], "all ten topics": topics}
    out = []
    for label, chosen in halves.items():
        rows = evaluate(args.data, chosen, systems_for(args.data, chosen, names))
        out.append(f"DUC 2007 update, {label}: recall, 100 words, stemmed\n\n{table(rows)}\n")
    text = "\n".join(out)
    print(text)
    if args.table:
        args.table.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
