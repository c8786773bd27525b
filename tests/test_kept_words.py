"""Each article's words (and what the topics' terms find in it) are made where it is read (in
the worker processes) and kept in the state with it: building the edition makes none, and
what is kept is what the edition would have made from the article as the state holds it
(issue 14)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from briefing import engine, kept_terms, kept_words, words
from briefing.analyze import topics
from briefing.config import load_config
from briefing.known_claims import article_key
from briefing.pipeline import build, ingest
from briefing.store import Store

from .conftest import write_config
from .test_engine import DATE


def made_in_build(tmp_path: Path, inbox: Path, scale: str, monkeypatch: pytest.MonkeyPatch,
                  searched: list[str] | None = None) -> tuple[list[int], Path]:
    """Words made while the edition was built (after the inbox was read), and the state;
    `searched` gets the sentences searched for the topics' terms meanwhile."""
    config = load_config(write_config(tmp_path, inbox, extra="pdf = false\n\n" + scale))
    with Store(config.database) as store:
        ingested = ingest(config, store, DATE)
        made: list[int] = []
        real, real_search = words.article_words, topics.found_by_each

        def counted(texts, paragraphs=()):  # noqa: ANN001, ANN202
            made.append(len(texts))
            return real(texts, paragraphs)

        def search(matchers, texts):  # noqa: ANN001, ANN202
            (searched if searched is not None else []).extend(texts)
            return real_search(matchers, texts)

        monkeypatch.setattr(words, "article_words", counted)
        monkeypatch.setattr(kept_terms, "found_by_each", search)
        built = build(config, store, DATE, ingested.skipped, False, False)
        monkeypatch.setattr(words, "article_words", real)
        monkeypatch.setattr(kept_terms, "found_by_each", real_search)
        assert built.written is not None, built.message
    return made, config.database


@pytest.mark.parametrize("scale", ["[scale]\nworkers = 1\n",
                                   "[scale]\nworkers = 2\nbatch_size = 1\n"],
                         ids=["this process", "process pool"])
def test_words_and_terms_are_found_where_the_articles_are_read(
        tmp_path: Path, seed_inbox: Path, scale: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int] = []
    real_pool = engine._pool

    def pool(workers: int):  # noqa: ANN202
        pools.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(engine, "_pool", pool)
    searched: list[str] = []
    made, database = made_in_build(tmp_path, seed_inbox, scale, monkeypatch, searched)
    assert pools == ([2] if "workers = 2" in scale else [])
    assert made == [] and searched == []  # all kept when the articles were read
    config = load_config(tmp_path / "briefing.toml")
    with Store(database) as store:
        articles = [v.article for v in store.edition_versions(DATE)]
        keys = [article_key(a) for a in articles]
        kept = store.kept_words(kept_words.key(), keys)
        found = store.terms_found(kept_terms.key(config.topics), keys)
    assert len(articles) >= 5 and len(kept) == len(found) == len(articles)
    for article in articles:  # the article as the edition gets it, from the state
        fresh = words.article_words([s.text for s in article.sentences], article.paragraphs)
        assert kept[article_key(article)] == fresh.to_bytes(), article.relpath
    # What kept_terms.find would have kept of them, searched in this process.
    with Store(tmp_path / "plain.sqlite") as plain:
        kept_terms.find(plain, config.topics, articles)
        assert plain.terms_found(kept_terms.key(config.topics), keys) == found
    assert any(any(json.loads(row)) for row in found.values())  # some terms were found


def test_words_kept_by_other_code_go_when_new_ones_are_read(
        tmp_path: Path, seed_inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(write_config(tmp_path, seed_inbox, extra="pdf = false\n"))
    with Store(config.database) as store:
        store.keep_words("older code", {"an article": (b"",) * 6})
        ingest(config, store, DATE)
    with sqlite3.connect(config.database) as db:
        keys = {k for (k,) in db.execute("SELECT DISTINCT key FROM words")}
    assert keys == {kept_words.key()}


def test_the_edition_makes_the_words_of_articles_read_without_them(
        tmp_path: Path, seed_inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles read before words were kept where they are read (or whose words were made
    by other code) get theirs when the edition is built, and keep them."""
    monkeypatch.setattr(kept_words, "made", lambda article: (_ for _ in ()).throw(
        RuntimeError("a bug in making words")))
    made, database = made_in_build(tmp_path, seed_inbox, "[scale]\nworkers = 1\n",
                                   monkeypatch)
    with Store(database) as store:
        articles = [v.article for v in store.edition_versions(DATE)]
        kept = store.kept_words(kept_words.key(), [article_key(a) for a in articles])
    assert len(made) == len(articles) == len(kept)
