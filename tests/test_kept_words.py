"""Each article's words are made where it is read (in the worker processes) and kept in the
state with it: building the edition makes none, and what is kept is what the edition would
have made from the article as the state holds it (issue 14)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing import engine, kept_words, words
from briefing.config import load_config
from briefing.known_claims import article_key
from briefing.pipeline import build, ingest
from briefing.store import Store

from .conftest import write_config
from .test_engine import DATE


def made_in_build(tmp_path: Path, inbox: Path, scale: str,
                  monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], Path]:
    """Words made while the edition was built (after the inbox was read), and the state."""
    config = load_config(write_config(tmp_path, inbox, extra="pdf = false\n\n" + scale))
    with Store(config.database) as store:
        ingested = ingest(config, store, DATE)
        made: list[int] = []
        real = words.article_words

        def counted(texts, paragraphs=()):  # noqa: ANN001, ANN202
            made.append(len(texts))
            return real(texts, paragraphs)

        monkeypatch.setattr(words, "article_words", counted)
        built = build(config, store, DATE, ingested.skipped, False, False)
        monkeypatch.setattr(words, "article_words", real)
        assert built.written is not None, built.message
    return made, config.database


@pytest.mark.parametrize("scale", ["[scale]\nworkers = 1\n",
                                   "[scale]\nworkers = 2\nbatch_size = 1\n"],
                         ids=["this process", "process pool"])
def test_words_are_made_where_the_articles_are_read(
        tmp_path: Path, seed_inbox: Path, scale: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int] = []
    real_pool = engine._pool

    def pool(workers: int):  # noqa: ANN202
        pools.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(engine, "_pool", pool)
    made, database = made_in_build(tmp_path, seed_inbox, scale, monkeypatch)
    assert pools == ([2] if "workers = 2" in scale else [])
    assert made == []  # every article's words were kept when it was read
    with Store(database) as store:
        articles = [v.article for v in store.edition_versions(DATE)]
        kept = store.kept_words(kept_words.key(), [article_key(a) for a in articles])
    assert len(articles) >= 5 and len(kept) == len(articles)
    for article in articles:  # the article as the edition gets it, from the state
        fresh = words.article_words([s.text for s in article.sentences], article.paragraphs)
        assert kept[article_key(article)] == fresh.to_bytes(), article.relpath


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
