"""Quality floors: a fast subset of both benchmarks must not score below the pinned floors.

The floors live in benchmarks/quality_floors.toml; lowering one is an explicit, reviewed edit.
The data is the public evaluation set beside the project (../shared/eval), or the folder named
by BRIEFING_EVAL_DATA; it is read in place, never copied.
"""

from __future__ import annotations

import os
import statistics
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

FLOORS = tomllib.loads((ROOT / "benchmarks" / "quality_floors.toml").read_text())
EVAL = Path(os.environ.get("BRIEFING_EVAL_DATA", ROOT.parent / "shared" / "eval"))

needs_data = pytest.mark.skipif(not EVAL.is_dir(), reason=f"evaluation data not found at {EVAL}")


@needs_data
def test_duc2004_subset_rouge2_floor() -> None:
    import duc2004

    floor = FLOORS["duc2004"]
    clusters, refs = duc2004.load(EVAL / "duc2004")
    names = sorted(clusters)[: floor["clusters"]]
    scores = [duc2004.score(duc2004.ours(clusters[c]), refs[c[:-1]]) for c in names]
    rouge1 = 100 * statistics.mean(s[0] for s in scores)
    rouge2 = 100 * statistics.mean(s[1] for s in scores)
    assert rouge2 >= floor["rouge2"], f"ROUGE-2 {rouge2:.2f} fell below {floor['rouge2']}"
    assert rouge1 >= floor["rouge1"], f"ROUGE-1 {rouge1:.2f} fell below {floor['rouge1']}"


@needs_data
@pytest.mark.parametrize("aspect", sorted(FLOORS["aspectnews"]["aspects"]))
def test_aspectnews_subset_floor(aspect: str) -> None:
    import aspectnews

    floor = FLOORS["aspectnews"]
    topics = dict(aspectnews.load_topics(aspectnews.HERE / "aspectnews_topics.toml"))
    items = aspectnews.read_items(EVAL / "aspectnews" / aspect)[: floor["articles"]]
    pick = aspectnews.briefing_system(topics[aspect])
    p, imp = [], []
    for item in items:
        chosen = pick(item.sentences)
        p.append(aspectnews.precision(chosen, aspectnews.majority(item.picks, 3)))
        imp.append(aspectnews.importance(chosen, item.picks))
    want = floor["aspects"][aspect]
    assert statistics.mean(p) >= want["precision"], f"P@3 {statistics.mean(p):.3f}"
    assert statistics.mean(imp) >= want["importance"], f"importance {statistics.mean(imp):.3f}"


@needs_data
def test_newsquant_floor() -> None:
    import newsquant

    floor = FLOORS["newsquant"]
    items = newsquant.load(EVAL / "newsquant")
    c = newsquant.score([(gold, newsquant.briefing_tags(text)) for text, gold in items])
    assert c.f1(c.value) >= floor["value"], f"value F1 {c.f1(c.value):.1f}"
    assert c.f1(c.change) >= floor["value_change"], f"value+change F1 {c.f1(c.change):.1f}"
    assert c.f1(c.unit) >= floor["value_unit"], f"value+unit F1 {c.f1(c.unit):.1f}"


@needs_data
@pytest.mark.parametrize("half", ["dev", "held-out"])
def test_cleaning_gold_set_floor(half: str) -> None:
    import cleaning

    want = FLOORS["cleaning"][half]
    gold = cleaning.load_gold(cleaning.GOLD, half)
    tally = cleaning.score(EVAL / "pasted-pages", gold, cleaning.ours)
    got = {"body_precision": tally.body_kept / tally.kept,
           "body_recall": tally.body_kept / tally.body,
           "furniture_recall": tally.furniture_removed / tally.furniture,
           "title": tally.titles / tally.articles}
    for name, floor in want.items():
        assert got[name] >= floor, f"{half} {name} {got[name]:.3f} fell below {floor}"


@needs_data
@pytest.mark.parametrize("split", ["dev", "held-out", "unseen", "unseen-2", "unseen-3"])
def test_figures_gold_set_floor(split: str) -> None:
    import figures

    want = FLOORS["figures"][split]
    stories = figures.load_stories(figures.ROOT / "tests" / "data" / "figures_gold", EVAL)
    names = figures.SPLITS[split]
    tally, _ = figures.evaluate(stories, figures.ROOT / "tests" / "data" / "figures_gold", names)
    got = figures.figures(tally)
    for name, floor in want.items():
        if name == "fragments":
            assert got[name] <= floor, f"{split}: {got[name]:.0f} fragment cells"
        else:
            assert got[name] >= floor, f"{split} {name} {got[name]:.3f} fell below {floor}"


@needs_data
@pytest.mark.parametrize("split", ["dev", "held-out", "unseen", "unseen-2", "unseen-3"])
def test_who_says_on_every_annotated_quantity_floor(split: str) -> None:
    import figures

    gold = figures.ROOT / "tests" / "data" / "figures_gold"
    stories = figures.load_stories(gold, EVAL)
    names = figures.SPLITS[split]
    right, total = figures.who_everywhere(stories, gold, names)
    assert right / total >= FLOORS["figures_who"][split], f"{split}: {right} of {total}"


@needs_data
def test_timeline17_one_timeline_floor() -> None:
    """One small Timeline17 timeline, built and scored as benchmarks/timeline17.py does
    (tilse through ROUGE-1.5.5, which needs Debian's libxml-parser-perl)."""
    import timeline17

    from briefing.config import DigestConfig

    floor = FLOORS["timeline17"]
    story, name = floor["timeline"].split("/")
    data = EVAL / "timeline17"
    gold = next(g for g in timeline17.load_golds(data) if (g.story, g.name) == (story, name))
    stories = timeline17.load_stories(data, only=story)
    ours = timeline17.ours(stories[story], gold, timeline17.TimelineSettings(), DigestConfig())
    ar1, ar2, date_f1 = timeline17.Scorer("original").score(ours, gold)
    assert ar1 >= floor["ar1"], f"AR-1 {ar1:.3f}"
    assert ar2 >= floor["ar2"], f"AR-2 {ar2:.3f}"
    assert date_f1 >= floor["date_f1"], f"date F1 {date_f1:.3f}"


def test_duc2007_update_floor() -> None:
    """What's new (whats_new, told the earlier batches) on the dev half of DUC 2007 update."""
    import duc2007_update

    floor = FLOORS["duc2007_update"]
    data = EVAL / "duc2007-update"
    topics = duc2007_update.load(data)[: floor["topics"]]
    systems = {"ours": {t.name: duc2007_update.ours(t) for t in topics}}
    [(_, per_batch, again, _total)] = duc2007_update.evaluate(data, topics, systems)
    for batch in ("A", "B", "C"):
        got = 100 * per_batch[batch][1]
        want = floor[f"rouge2_{batch.lower()}"]
        assert got >= want, f"batch {batch} ROUGE-2 {got:.2f} fell below {want}"
    assert again <= floor["restated"], f"{again} B/C sentences restate an earlier batch"
