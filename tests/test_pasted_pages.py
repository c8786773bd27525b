"""Every pasted-pages story, end to end, with the example configs a user would write.

The data is ../shared/eval/pasted-pages beside the project (CI has it there): real pages
with their furniture. No crash; no entity escaped twice; no line of the briefing that the
furniture detectors recognise; every line verbatim in its article, and every article's
words taken in order from its file (cleaning removes, never adds or rewords).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from briefing import furniture, pipeline, readers
from briefing.config import load_config
from briefing.corpus import Corpus
from briefing.digest import build_briefing, order_articles
from briefing.models import Article
from briefing.selection import restates
from briefing.sources import discover

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*/briefing.toml"))
DOUBLE_ESCAPED_RE = re.compile(r"&amp;(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
WORD_RE = re.compile(r"\w+")


def test_there_is_an_example_for_each_story() -> None:
    stories = {p.parent.name for p in EXAMPLES}
    data = {p.name for p in (ROOT.parent / "shared" / "eval" / "pasted-pages").iterdir()
            if p.is_dir()}
    assert data and stories == data


def _words(text: str) -> list[str]:
    return WORD_RE.findall(html.unescape(text).lower())


def _in_order(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


@pytest.mark.parametrize("config_path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_story_end_to_end(config_path: Path, tmp_path: Path) -> None:
    config = replace(load_config(config_path), out_dir=tmp_path / "out",
                     database=tmp_path / "state.sqlite", pdf=False)
    report = pipeline.run(config, dt.date(2025, 1, 15), send=False)
    assert report.markdown is not None and not report.skipped, report.tally()
    md = report.markdown.read_text(encoding="utf-8")
    assert not DOUBLE_ESCAPED_RE.search(md)

    articles: list[Article] = []
    for found in discover(config.inbox).files:
        article = readers.read(found, config.max_file_kb * 1024)
        source = _words(readers.decode(found.path.read_bytes())[0])
        assert _in_order(_words(" ".join(article.paragraphs)), source), found.relpath
        for paragraph in article.paragraphs:  # nothing a detector calls furniture is left
            assert furniture.kind(paragraph) is None, (found.relpath, paragraph)
        articles.append(article)
    briefing = build_briefing(config, articles, dt.date(2025, 1, 15))
    items = [*briefing.overview, *(i for t in briefing.topics for i in t.items)]
    assert items
    for line in md.splitlines():
        if line.startswith("- "):
            assert furniture.kind(re.sub(r"(\[\d+\])+$", "", line[2:])) is None, line
    for item in items:
        number = briefing.citation[item.refs[0].article]  # article index -> source number
        article = briefing.sources[number - 1].article
        text = " ".join(article.sentences[r.sentence].text for r in item.shown)
        for piece in item.text.split("…"):
            assert " ".join(piece.split()) in text, item.text



CLAIMS = ROOT / "tests" / "data" / "claims.tsv"


def _claim_pairs() -> list[tuple[str, str, str, str]]:
    rows = [line.split("\t") for line in CLAIMS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return [(r[0], r[1], r[2], r[3]) for r in rows]


@pytest.fixture(scope="module")
def story_corpora() -> dict[str, Corpus]:
    corpora = {}
    for config_path in EXAMPLES:
        config = load_config(config_path)
        articles = [readers.read(found, config.max_file_kb * 1024)
                    for found in discover(config.inbox).files]
        corpora[config_path.parent.name] = Corpus(order_articles(articles))
    return corpora


@pytest.mark.parametrize("story,label,shown,candidate", _claim_pairs())
def test_one_claim_once_in_other_words(story: str, label: str, shown: str, candidate: str,
                                       story_corpora: dict[str, Corpus]) -> None:
    """Read pairs of the dev stories' lines (tests/data/claims.tsv): paraphrases of one
    claim (the same speaker reported twice, two rare phrases of what was done) are not
    shown again; different claims of one speaker, or sharing a phrase, are (no false
    merge)."""
    corpus = story_corpora[story]
    row_shown, row_candidate = corpus.texts.index(shown), corpus.texts.index(candidate)
    assert restates(corpus, row_candidate, [row_shown]) == (label == "same")
