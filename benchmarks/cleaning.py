"""Cleaning: which lines of real pasted pages reach the article body, against a line-level gold set.

Usage: python benchmarks/cleaning.py --data ../shared/eval/pasted-pages [--table FILE]
       [--show dev|held-out]

The gold set (tests/data/cleaning-gold, README there) labels every non-blank line of 99
pasted-pages articles as body (B), furniture (F) or the headline (H), by reading them. It is
split in two fixed halves: `dev`, read while writing cleaning rules, and `held-out`, only
ever scored. For every article the reader's kept text is aligned word by word with the
source lines; a line counts as kept when most of its words survive. Scores, per half:

- body precision: of the lines kept, the share that are body (the target is 0.99);
- body recall: of the body lines, the share kept;
- furniture recall: of the furniture lines, the share removed (the target is 0.97);
- title: the share of articles whose title is their headline line.

Headline lines are scored only by the title column. Peers in the same run: keeping every
line, and jusText (the paragraph classifier trafilatura falls back on), given each line as
a paragraph. `--show` lists every mistake of one half, with the line, for reading.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import html
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from briefing import readers  # noqa: E402
from briefing.errors import ReadError  # noqa: E402
from briefing.models import FoundFile  # noqa: E402
from briefing.sources import file_hash  # noqa: E402

GOLD = ROOT / "tests" / "data" / "cleaning-gold"
HALVES = ("dev", "held-out")
WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Labelled:
    """One article of the gold set: its file and a label for each non-blank line."""

    relpath: str  # under the pasted-pages folder, e.g. "premier-league/premier.league.3.txt"
    labels: dict[int, str]  # 1-based line number -> "B", "F" or "H"
    hashes: dict[int, str]


@dataclass(frozen=True)
class Outcome:
    kept: frozenset[int]  # line numbers whose words reached the body
    title: str | None  # None: the system does not recover titles


def load_gold(gold: Path, half: str) -> list[Labelled]:
    out = []
    for path in sorted((gold / half).glob("*/*.tsv")):
        labels, hashes = {}, {}
        for row in path.read_text(encoding="utf-8").splitlines():
            if not row or row.startswith("#"):
                continue
            number, label, digest = row.split("\t")
            labels[int(number)] = label
            hashes[int(number)] = digest
        out.append(Labelled(f"{path.parent.name}/{path.stem}.txt", labels, hashes))
    return out


def source_lines(path: Path) -> list[str]:
    """The file's lines as the reader sees them (same decoding, same line ends)."""
    text, _ = readers.decode(path.read_bytes())
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def line_hash(line: str) -> str:
    return hashlib.sha1(" ".join(line.split()).encode("utf-8")).hexdigest()[:8]


def words(text: str) -> list[str]:
    return WORD_RE.findall(html.unescape(text).lower())


def kept_lines(lines: list[str], kept_text: str) -> frozenset[int]:
    """Line numbers most of whose words occur, in order, in kept_text."""
    src: list[str] = []
    owner: list[int] = []
    for number, line in enumerate(lines, 1):
        for word in words(line):
            src.append(word)
            owner.append(number)
    matched = [0] * (len(lines) + 1)
    matcher = difflib.SequenceMatcher(None, src, words(kept_text), autojunk=False)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            matched[owner[i]] += 1
    return frozenset(n for n, line in enumerate(lines, 1)
                     if words(line) and matched[n] * 2 > len(words(line)))


def ours(path: Path, relpath: str) -> Outcome:
    size, sha256 = file_hash(path)
    found = FoundFile(path=path, relpath=relpath, size=size, sha256=sha256)
    try:
        article = readers.read(found, max_bytes=4 << 20)
    except ReadError:
        return Outcome(frozenset(), None)
    kept = kept_lines(source_lines(path), "\n".join(article.paragraphs))
    return Outcome(kept, None if article.title_derived else article.title)


def keep_everything(path: Path, relpath: str) -> Outcome:
    return Outcome(frozenset(n for n, line in enumerate(source_lines(path), 1) if line.strip()),
                   None)


def justext_peer(path: Path, relpath: str) -> Outcome:
    import justext

    lines = source_lines(path)
    numbers = [n for n, line in enumerate(lines, 1) if line.strip()]
    page = "<html><body>" + "".join(f"<p>{html.escape(lines[n - 1])}</p>" for n in numbers) \
        + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    kept_text = "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
    return Outcome(kept_lines(lines, kept_text), None)


SYSTEMS: dict[str, Callable[[Path, str], Outcome]] = {
    "briefing": ours, "jusText": justext_peer, "keep every line": keep_everything}


def same_title(title: str | None, headline: str) -> bool:
    if title is None:
        return False
    got, want = words(title), words(headline)
    return got == want or (len(got) >= 4 and want[:len(got)] == got)


@dataclass
class Tally:
    body_kept: int = 0
    body: int = 0
    furniture_removed: int = 0
    furniture: int = 0
    kept: int = 0
    titles: int = 0
    articles: int = 0

    def row(self, with_title: bool) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "—"
        title = ratio(self.titles, self.articles) if with_title else "—"
        return (f"{ratio(self.body_kept, self.kept)} | {ratio(self.body_kept, self.body)} | "
                f"{ratio(self.furniture_removed, self.furniture)} | {title}")


def score(data: Path, gold: list[Labelled], system: Callable[[Path, str], Outcome],
          show: bool = False) -> Tally:
    tally = Tally()
    for item in gold:
        path = data / item.relpath
        lines = source_lines(path)
        for number, digest in item.hashes.items():
            if line_hash(lines[number - 1]) != digest:
                raise SystemExit(f"{item.relpath}:{number}: the data differs from the gold set")
        outcome = system(path, item.relpath)
        tally.articles += 1
        headline = next(n for n, label in item.labels.items() if label == "H")
        if same_title(outcome.title, lines[headline - 1]):
            tally.titles += 1
        elif show:
            print(f"{item.relpath}: title {outcome.title!r}")
        for number, label in item.labels.items():
            if label == "H" or not words(lines[number - 1]):
                continue
            kept = number in outcome.kept
            tally.kept += kept
            if label == "B":
                tally.body += 1
                tally.body_kept += kept
            else:
                tally.furniture += 1
                tally.furniture_removed += not kept
            if show and kept != (label == "B"):
                what = "furniture kept" if kept else "body dropped"
                print(f"{item.relpath}:{number}: {what}: {lines[number - 1].strip()[:150]}")
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the pasted-pages folder")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--table", type=Path, help="write the table as Markdown here")
    parser.add_argument("--show", choices=HALVES, help="list briefing's mistakes on this half")
    args = parser.parse_args()
    if args.show:
        score(args.data, load_gold(args.gold, args.show), ours, show=True)
        return
    rows = ["| half | system | body precision | body recall | furniture recall | title |",
            "| --- | --- | --- | --- | --- | --- |"]
    for half in HALVES:
        gold = load_gold(args.gold, half)
        counts = {label: sum(list(g.labels.values()).count(label) for g in gold)
                  for label in "BF"}
        for name, system in SYSTEMS.items():
            tally = score(args.data, gold, system)
            rows.append(f"| {half} ({len(gold)} articles, {counts['B']} body / "
                        f"{counts['F']} furniture lines) | {name} | "
                        f"{tally.row(with_title=name == 'briefing')} |")
    text = "\n".join(rows)
    print(f"Cleaning pasted pages, line by line\n\n{text}")
    if args.table:
        args.table.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
