"""DUC 2004 Task 2: briefing's summarizer against 13 published systems and live sumy peers.

Usage: python benchmarks/duc2004.py --data ../shared/eval/duc2004 [--out DIR] [--table FILE]
Scores ROUGE-1 and ROUGE-2 recall (rouge-score, Porter stemming, summaries cut to 100
words, the mean over the four human references) for every system in one run, prints one
table, writes it as Markdown, and writes every summary (one sentence a line) to --out so
that the official ROUGE-1.5.5 script can rescore them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duc_data import read_docs  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402

from briefing.analyze.sentences import split_sentences  # noqa: E402
from briefing.clean import clean_lines  # noqa: E402
from briefing.summarize import summarize  # noqa: E402

PUBLISHED = ["Lead", "LexRank", "Centroid", "FreqSum", "TsSum", "GreedyKL", "CLASSY04",
             "CLASSY11", "Submodular", "DPP", "OCCAMS_V", "RegSum", "ICSISumm"]
SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)


def truncate(sentences: list[str], words: int = 100) -> str:
    return " ".join(" ".join(sentences).split()[:words])


def score(summary: list[str], references: list[str]) -> tuple[float, float]:
    """Mean recall over the references, of the summary cut to 100 words."""
    text = truncate(summary)
    r1 = [SCORER.score(ref, text)["rouge1"].recall for ref in references]
    r2 = [SCORER.score(ref, text)["rouge2"].recall for ref in references]
    return statistics.mean(r1), statistics.mean(r2)


def load(data: Path) -> tuple[dict[str, list[list[str]]], dict[str, list[str]]]:
    """Sentences per document per cluster (split as briefing splits), and the references."""
    clusters: dict[str, list[list[str]]] = {}
    for doc in read_docs(data):
        paragraphs = clean_lines(doc.text.split("\n"))
        clusters.setdefault(doc.cluster, []).append(
            [s.text for s in split_sentences(paragraphs)])
    refs: dict[str, list[str]] = {}
    for path in sorted((data / "models").glob("*")):
        refs.setdefault(path.name.split(".")[0], []).append(
            path.read_text(encoding="utf-8", errors="replace"))
    return clusters, refs


def ours(docs: list[list[str]]) -> list[str]:
    return [c.text for c in summarize(docs, word_budget=100)]


def sumy_system(name: str) -> Callable[[list[list[str]]], list[str]]:
    """A sumy summarizer fed briefing's own sentences, so no NLTK download is needed."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    class Words:
        language = "english"

        @staticmethod
        def to_words(text: str) -> list[str]:
            return [w for w in "".join(ch if ch.isalnum() else " " for ch in text).split()]

        @staticmethod
        def to_sentences(text: str) -> list[str]:
            return [text]

    cls = {"LexRank (sumy)": LexRankSummarizer, "TextRank (sumy)": TextRankSummarizer,
           "LSA (sumy)": LsaSummarizer, "KL-Sum (sumy)": KLSummarizer}[name]
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(docs: list[list[str]]) -> list[str]:
        paragraphs = [Paragraph([Sentence(s, Words) for s in doc]) for doc in docs]
        document = ObjectDocumentModel(paragraphs)
        lengths = [len(s.split()) for doc in docs for s in doc]
        count = max(1, round(100 / (sum(lengths) / len(lengths))))  # start near 100 words
        picked: list[str] = []
        while count <= len(lengths):
            picked = [str(s) for s in summarizer(document, count)]
            if len(" ".join(picked).split()) >= 100:
                break
            count += 1
        return picked

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the duc2004 folder")
    parser.add_argument("--out", type=Path, help="write every summary here")
    parser.add_argument("--table", type=Path, help="write the table as Markdown here")
    parser.add_argument("--clusters", type=int, default=0, help="only the first N clusters")
    args = parser.parse_args()
    clusters, refs = load(args.data)
    names = sorted(clusters)[: args.clusters or None]
    systems: dict[str, Callable[[list[list[str]]], list[str]]] = {"briefing": ours}
    for name in ["LexRank (sumy)", "TextRank (sumy)", "LSA (sumy)", "KL-Sum (sumy)"]:
        systems[name] = sumy_system(name)
    rows = []
    for system in PUBLISHED:
        start = time.perf_counter()
        scores = []
        for c in names:
            path = args.data / "peers" / f"{c[:-1]}.{system}"
            summary = path.read_text(encoding="utf-8", errors="replace").splitlines()
            scores.append(score(summary, refs[c[:-1]]))
            _write(args.out, c, system, summary)
        rows.append((f"{system} (published output)", scores, None))
    for system, fn in systems.items():
        start = time.perf_counter()
        scores = []
        for c in names:
            summary = fn(clusters[c])
            scores.append(score(summary, refs[c[:-1]]))
            _write(args.out, c, system, summary)
        rows.append((system, scores, (time.perf_counter() - start) / len(names)))
    table = ["| system | ROUGE-1 | ROUGE-2 | seconds per cluster |", "| --- | --- | --- | --- |"]
    for system, scores, seconds in sorted(rows, key=lambda r: statistics.mean(
            s[1] for s in r[1])):
        r1 = 100 * statistics.mean(s[0] for s in scores)
        r2 = 100 * statistics.mean(s[1] for s in scores)
        secs = f"{seconds:.2f}" if seconds is not None else "—"
        table.append(f"| {system} | {r1:.2f} | {r2:.2f} | {secs} |")
    text = "\n".join(table)
    print(f"DUC 2004, {len(names)} clusters, recall, 100 words, stemmed\n")
    print(text)
    if args.table:
        args.table.write_text(text + "\n", encoding="utf-8")


def _write(out: Path | None, cluster: str, system: str, summary: list[str]) -> None:
    if out is None:
        return
    out.mkdir(parents=True, exist_ok=True)
    safe = "".join(ch if ch.isalnum() else "_" for ch in system).strip("_")
    (out / f"{cluster}.{safe}").write_text("\n".join(summary) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
