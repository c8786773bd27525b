"""The figures ledger against a hand-annotated gold set of figure mentions.

    python benchmarks/figures.py [--eval ../shared/eval] [--gold tests/data/figures_gold]

The gold set (tests/data/figures_gold, see its README) holds 1,650 mentions in fifteen
stories: the seeds, tests/data/story2, seven pasted-pages stories and six Timeline17 stories,
each with the measures a user would configure. For every annotated file the benchmark reads the
article with briefing's own reader (Timeline17's tokenized articles as
benchmarks/timeline17.py reads them), finds the figures of the story's measures with the same
code the briefing uses, and matches them to the gold mentions (same file, same value,
overlapping sentence).

It prints, per split (dev: the stories the rules were written against; held-out: stories
not read while writing them, since read and tuned on; unseen: two stories annotated on
2026-12-07 before any rule was written on them, whose errors were read from the tenth round
(who, where, when) and the eleventh (recall, background) on; unseen-2: two more, annotated
later that day, unread; unseen-3: one more story by two outlets, annotated later still,
unread), how many figures the table would show, their precision (right
measure), the recall of the figures a reader wants, the accuracy of each column on the
figures that are right, how many who/where/when cells are fragments, and how many right
rows are background shown as current.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from briefing.analyze.figures import find_claims  # noqa: E402
from briefing.config import LedgerConfig, MeasureConfig  # noqa: E402
from briefing.ledger import before_story, speaker_key  # noqa: E402
from briefing.models import Article, Claim, FoundFile  # noqa: E402
from briefing.readers import read  # noqa: E402
from briefing.sources import file_hash  # noqa: E402

DEV = ("seeds", "story2", "tohoku-earthquake-tsunami", "barack-obama")
HELD_OUT = ("cypriot-financial-crisis", "debt-crisis-greece", "greek-elections",
            "premier-league", "michelle-obama")
# Annotated on 2026-12-07 by reading, before briefing ran on them; measured once, unread;
# read from the tenth round on (rules written on its kinds), so no longer unseen data.
UNSEEN = ("h1n1-reuters", "egypt-protests-cnn")
# Annotated later on 2026-12-07, once the unseen split's errors were being read to write rules:
# the measure of whether those rules carry to stories nobody tuned for. Never read its errors.
UNSEEN_2 = ("iraq-war-guardian", "finan-washingtonpost")
# Annotated later still on 2026-12-07, once the rules written from the unseen split were
# seen to carry only partly to unseen-2: the carry-over measured again. Never read its errors.
UNSEEN_3 = ("libya-war-cnn", "libya-war-reuters")
UNSEEN_LABEL = "unseen (2026-12-07; read since the tenth round)"
SPLITS = {"dev": DEV, "held-out": HELD_OUT, "unseen": UNSEEN, "unseen-2": UNSEEN_2,
          "unseen-3": UNSEEN_3}
# The rows of the tables the benchmark prints, split by split.
TABLE_ROWS = (("dev (rules written on these)", DEV), ("held-out", HELD_OUT),
              ("all", DEV + HELD_OUT), (UNSEEN_LABEL, UNSEEN),
              ("unseen-2 (2026-12-07, unread)", UNSEEN_2),
              ("unseen-3 (2026-12-07, unread)", UNSEEN_3))
FRAGMENT_WORDS = frozenset("the a an two three i i'm he she they it we where when which who "
                           "that this there mr mrs ms dr is was are were in of to".split())
AUX = frozenset("is are was were has have had will would can could 'm 're".split())


@dataclass
class Story:
    name: str
    folder: Path
    measures: tuple[MeasureConfig, ...]
    timeline17: bool = False  # files are Timeline17's tokenized articles


@dataclass
class Tally:
    shown: int = 0  # figures the table would show (non-background claims)
    right: int = 0  # of those, a gold mention with the same measure
    wanted: int = 0  # gold figures a reader wants (a measure, not background)
    found: int = 0  # of those, shown with the right measure
    columns: dict[str, list[bool]] | None = None
    fragments: int = 0
    cells: int = 0

    def __post_init__(self) -> None:
        self.columns = defaultdict(list)


def load_stories(gold: Path, eval_dir: Path) -> list[Story]:
    raw = tomllib.loads((gold / "measures.toml").read_text(encoding="utf-8"))
    out = []
    for story in raw["story"]:
        where, _, rel = story["files"].partition(":")
        folder = (ROOT if where == "project" else eval_dir) / rel
        # "eval:timeline17/<folder>/InputDocs": read in place, as benchmarks/timeline17.py does.
        timeline17 = where == "eval" and Path(rel).parts[:1] == ("timeline17",)
        measures = []
        for m in story.get("measures", []):
            unit = m.get("unit", "")
            measures.append(MeasureConfig(name=m["name"], counted=tuple(m.get("counted", ())),
                                          unit=unit, events=tuple(m.get("events", ())),
                                          of=tuple(m.get("of", ()))))
        out.append(Story(story["name"], folder, tuple(measures), timeline17))
    return out


def annotated_files(gold: Path) -> dict[str, set[str]]:
    files: dict[str, set[str]] = defaultdict(set)
    for line in (gold / "articles.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, story = line.split("\t")[:2]
        files[story].add(name)
    return files


def read_article(story: Story, name: str) -> Article:
    """One annotated file as briefing sees it: with briefing's reader, or for Timeline17's
    tokenized articles detokenized one sentence a line and dated by their folder."""
    path = story.folder / name
    if story.timeline17:
        from timeline17 import read_article as read_timeline17

        read_t17 = read_timeline17(path, path.parent.parent.parent.name)
        assert read_t17 is not None, path
        return read_t17[0]
    size, digest = file_hash(path)
    return read(FoundFile(path=path, relpath=name, size=size, sha256=digest), 10 ** 8, ())


def squash(text: str) -> str:
    return " ".join(text.split())


def plain(text: str) -> str:
    """Text to compare two readings of one sentence: whitespace squashed, quotes straight."""
    return squash(text).translate(str.maketrans("‘’“”", "''\"\""))


def norm(text: str | None) -> str:
    text = (text or "").lower().replace("’", "'")
    text = re.sub(r"^(the|a)\s+", "", squash(text))
    return text.strip(" .,")


def same_who(ours: str | None, gold: str | None) -> bool:
    if gold in (None, "not stated"):
        return ours is None
    if ours is None:
        return False
    a, b = norm(ours), norm(gold)
    return a == b or a in b or b in a or speaker_key(ours) == speaker_key(gold)


def same_where(ours: str | None, gold: str | None) -> bool:
    if not gold:
        return ours is None
    if ours is None:
        return False
    a, b = norm(ours), norm(gold)
    return a == b or a in b or b in a


def same_when(claim: Claim, gold: dict, published: str | None) -> bool:
    want, words = gold.get("when"), gold.get("when_text")
    if claim.when_date is not None:
        return bool(want) and claim.when_date.isoformat().startswith(want)
    if want:
        # Nothing in the sentence: the table shows the publication date.
        return claim.when is None and published is not None and published.startswith(want)
    if words:
        return claim.when is not None and (norm(claim.when) in norm(words) or
                                           norm(words) in norm(claim.when))
    return claim.when is None


def same_value(claim: Claim, gold: dict) -> bool:
    def close(a: float | None, b: float | None) -> bool:
        return a is None and b is None or (a is not None and b is not None and
                                           abs(a - b) <= 1e-6 * max(1.0, abs(b)))
    return close(claim.value, gold["value"]) and close(claim.low, gold.get("low")) and \
        close(claim.high, gold.get("high")) and claim.hedge == gold["hedge"]


def is_fragment(text: str | None) -> bool:
    if text is None:
        return False
    if re.fullmatch(r"[A-Z]{2,}", text.strip()):
        return False  # "WHO", "US": an organisation's or a country's acronym, no pronoun
    words = norm(text).split()
    return (not words or (len(words) == 1 and words[0] in FRAGMENT_WORDS)
            or words[-1] in FRAGMENT_WORDS or any(w in AUX for w in words)
            or bool(re.fullmatch(r"[\d,. ]+", text)))


def evaluate(stories: list[Story], gold: Path, names: tuple[str, ...], show: bool = False
             ) -> tuple[Tally, float]:
    mentions: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for line in (gold / "mentions.jsonl").read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        mentions[(m["story"], m["file"])].append(m)
    files = annotated_files(gold)
    verbs = LedgerConfig().attribution_verbs
    tally = Tally()
    seconds = 0.0
    for story in stories:
        if story.name not in names:
            continue
        names_read = sorted(files[story.name])
        articles = [read_article(story, name) for name in names_read]
        start = time.perf_counter()
        found_all = [c for k, a in enumerate(articles)
                     for c in find_claims(a, k, story.measures, verbs)]
        # As the table does: figures dated before the story's first page are background.
        found_all = before_story(found_all, [a.published for a in articles])
        seconds += time.perf_counter() - start
        for k, name in enumerate(names_read):
            article = articles[k]
            claims = [c for c in found_all if c.ref.article == k]
            published = article.published.isoformat() if article.published else None
            golds = [g for g in mentions[(story.name, name)] if g["kind"] != "not_a_quantity"]
            used: set[int] = set()
            for claim in claims:
                sentence = squash(article.sentences[claim.ref.sentence].text)
                # A gold mention of the same value in the same sentence first; only then
                # one whose sentence holds the figure with the words around it (the two
                # readers may split a sentence differently), so a subtitle's "9.0" does not
                # take the body's, nor "might reach 30 centimetres" the gold of "10 to 30
                # centimetres" in another sentence.
                candidates = [i for i, g in enumerate(golds) if i not in used and
                              g["value"] is not None and abs(g["value"] - claim.value) <=
                              1e-6 * max(1.0, abs(claim.value))]
                same = [i for i in candidates if sentence in squash(golds[i]["sentence"]) or
                        squash(golds[i]["sentence"]) in sentence]
                around = plain(article.sentences[claim.ref.sentence].text[
                    max(0, claim.start - 12):claim.end + 12])
                near = [i for i in candidates if around in plain(golds[i]["sentence"])]
                match = (same or near or [None])[0]
                if claim.background:
                    if match is not None:
                        used.add(match)
                    continue  # marked background: not a figure of the story's present
                tally.shown += 1
                for col, cell in (("who", claim.who), ("where", claim.where),
                                  ("when", claim.when)):
                    tally.cells += 1
                    tally.fragments += is_fragment(cell)
                    if show and is_fragment(cell):
                        print(f"FRAGMENT {story.name}/{name}: {col} {cell!r} [{claim.figure}] "
                              f"in: {sentence[:160]}")
                if match is None:
                    if show:
                        print(f"EXTRA {story.name}/{name}: {claim.measure} {claim.figure!r} "
                              f"{claim.counted!r} in: {sentence[:160]}")
                    continue
                used.add(match)
                g = golds[match]
                if g["measure"] != claim.measure:
                    if show:
                        print(f"MEASURE {story.name}/{name}: ours {claim.measure} gold "
                              f"{g['measure']} {claim.figure!r} {claim.counted!r} in: "
                              f"{sentence[:160]}")
                    continue
                if show:
                    for col, ok, ours, theirs in (
                            ("who", same_who(claim.who, g["who"]), claim.who, g["who"]),
                            ("where", same_where(claim.where, g["where"]), claim.where,
                             g["where"]),
                            ("when", same_when(claim, g, published),
                             (claim.when, claim.when_date), (g["when"], g["when_text"]))):
                        if not ok:
                            print(f"{col.upper()} {story.name}/{name}: ours {ours!r} gold "
                                  f"{theirs!r} [{claim.figure}] in: {sentence[:160]}")
                tally.right += 1
                assert tally.columns is not None
                tally.columns["value"].append(same_value(claim, g))
                tally.columns["who"].append(same_who(claim.who, g["who"]))
                tally.columns["where"].append(same_where(claim.where, g["where"]))
                tally.columns["when"].append(same_when(claim, g, published))
                # A row of the right measure that the gold calls background (another event,
                # another time, a habitual rate) is shown as the story's current figure.
                tally.columns["current"].append(not g["background"])
                if show and g["background"]:
                    print(f"BACKGROUND {story.name}/{name}: shown as current {claim.measure} "
                          f"{claim.figure!r} in: {sentence[:160]}")
            for i, g in enumerate(golds):
                if g["measure"] and g["wanted"]:
                    tally.wanted += 1
                    if show and i not in used:
                        print(f"MISSED {story.name}/{name}: {g['measure']} {g['figure']!r} in: "
                              f"{squash(g['sentence'])[:160]}")
            for i in used:
                g = golds[i]
                if g["measure"] and g["wanted"] and any(
                        c.measure == g["measure"] and abs(c.value - g["value"]) < 1e-6 *
                        max(1.0, abs(c.value)) and not c.background for c in claims):
                    tally.found += 1
    return tally, seconds


def who_everywhere(stories: list[Story], gold: Path, names: tuple[str, ...],
                   show: bool = False) -> tuple[int, int]:
    """Who says on every annotated quantity of the split, whether or not a measure takes it
    (the attribution rules alone, on more sentences than the figures tables hold): how many
    the rules get right, of how many."""
    from briefing.analyze.attribution import verb_pattern, who_says

    pattern = verb_pattern(LedgerConfig().attribution_verbs)
    by_file: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for line in (gold / "mentions.jsonl").read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        if m["story"] in names and m["kind"] != "not_a_quantity" and m["value"] is not None:
            by_file[(m["story"], m["file"])].append(m)
    by_name = {s.name: s for s in stories}
    right = total = 0
    for (story, name), golds in sorted(by_file.items()):
        article = read_article(by_name[story], name)
        for g in golds:
            gs = squash(g["sentence"])
            index = next((x.index for x in article.sentences
                          if squash(x.text) in gs or gs in squash(x.text)), None)
            if index is None:
                continue
            text = article.sentences[index].text
            at = text.find(g["figure"])
            who, _ = who_says(article.sentences, index, pattern, at if at >= 0 else None)
            total += 1
            ok = same_who(who, g["who"])
            right += ok
            if show and not ok:
                print(f"WHO-ALL {story}/{name}: ours {who!r} gold {g['who']!r} "
                      f"[{g['figure']}] in: {squash(text)[:160]}")
    return right, total


def figures(t: Tally) -> dict[str, float]:
    """The table's figures for one split, as fractions: precision, recall, column accuracy."""
    assert t.columns is not None
    out = {"precision": t.right / t.shown if t.shown else 0.0,
           "recall": t.found / t.wanted if t.wanted else 0.0,
           "fragments": float(t.fragments)}
    for name in ("value", "who", "where", "when", "current"):
        xs = t.columns[name]
        out[name] = statistics.mean(xs) if xs else 0.0
    return out


def row(label: str, t: Tally, seconds: float) -> str:
    assert t.columns is not None

    def pct(xs: list[bool]) -> str:
        return f"{100 * statistics.mean(xs):.1f}" if xs else "—"
    precision = 100 * t.right / t.shown if t.shown else 0.0
    recall = 100 * t.found / t.wanted if t.wanted else 0.0
    return (f"| {label} | {t.shown} | {precision:.1f} | {recall:.1f} | "
            f"{pct(t.columns['value'])} | {pct(t.columns['who'])} | {pct(t.columns['where'])} | "
            f"{pct(t.columns['when'])} | {t.fragments} of {t.cells} | {seconds:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval",
                        help="evaluation data folder (holds pasted-pages/)")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "figures_gold")
    parser.add_argument("--show", "--show-errors",
                        choices=("dev", "held-out", "unseen", "unseen-2", "unseen-3", "all"),
                        help="print every error of one split or of dev and held-out (all): "
                             "figures shown that are "
                             "no gold figure (EXTRA) or another measure's (MEASURE), wanted "
                             "figures missed (MISSED), wrong who/where/when cells, fragments")
    args = parser.parse_args()
    if args.show:
        # "all" leaves the unseen splits out: reading their errors to write rules would make
        # them more tuned splits.
        names = {**SPLITS, "all": DEV + HELD_OUT}[args.show]
        evaluate(load_stories(args.gold, args.eval), args.gold, names, show=True)
        who_everywhere(load_stories(args.gold, args.eval), args.gold, names, show=True)
        return
    stories = load_stories(args.gold, args.eval)
    print("| split | figures shown | precision % | recall of wanted % | value % | who % | "
          "where % | when % | fragments | seconds |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, names in TABLE_ROWS:
        tally, seconds = evaluate(stories, args.gold, names)
        print(row(label, tally, seconds))
    print()
    # Precision counts a row right when its measure is; whether it is the story's current
    # figure or background the gold says apart: rows shown as current that the gold calls
    # background (another event, an earlier time, a habitual rate such as "each year").
    print("| split | right rows | background shown as current | current % |")
    print("| --- | --- | --- | --- |")
    for label, names in TABLE_ROWS:
        tally, _ = evaluate(stories, args.gold, names)
        assert tally.columns is not None
        current = tally.columns["current"]
        print(f"| {label} | {len(current)} | {current.count(False)} | "
              f"{100 * statistics.mean(current) if current else 0.0:.1f} |")
    print()
    print("| split | annotated quantities | who says right % (every quantity, measure or not) |")
    print("| --- | --- | --- |")
    for label, names in TABLE_ROWS:
        if label == "all":
            continue
        right, total = who_everywhere(stories, args.gold, names)
        print(f"| {label} | {total} | {100 * right / total:.1f} |")


if __name__ == "__main__":
    main()
