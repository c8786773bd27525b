"""What the topics' terms find in each sentence is kept per article: extending a day's
edition searches only the new articles' sentences, and the edition is the same byte for byte
as one built from scratch."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from briefing import kept_terms
from briefing.analyze import topics
from briefing.config import load_config
from briefing.pipeline import run
from briefing.store import Store

from .conftest import write_config

DAY = dt.date(2024, 11, 1)


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sentences kept_terms searched for the topics' terms."""
    texts: list[str] = []
    real = topics.found_by_each

    def found_by_each(matchers, sentences):  # noqa: ANN001, ANN202
        texts.extend(sentences)
        return real(matchers, sentences)

    monkeypatch.setattr(kept_terms, "found_by_each", found_by_each)
    return texts


def test_extending_a_day_searches_only_the_new_articles(tmp_path: Path, seed_inbox: Path,
                                                        searched: list[str]) -> None:
    seeds = sorted(p.name for p in seed_inbox.iterdir())
    late = seed_inbox / seeds[0]
    aside = tmp_path / "later.txt"
    shutil.move(late, aside)
    config = load_config(write_config(tmp_path, seed_inbox, extra="pdf = false"))
    assert run(config, DAY, send=False).markdown is not None
    assert searched
    first = set(searched)
    searched.clear()
    shutil.move(aside, late)
    extended = run(config, DAY, send=False)  # the same day: the edition is extended
    assert extended.markdown is not None and extended.articles == len(seeds)
    assert searched and not set(searched) & first  # only the late article's sentences
    with Store(config.database) as store:
        assert {k for (k,) in store.db.execute("SELECT key FROM terms_found")} == {
            kept_terms.key(config.topics)}

    # Built from scratch in a new state, the edition is the same byte for byte.
    fresh = tmp_path / "fresh"
    shutil.copytree(seed_inbox, fresh / "inbox")
    scratch = load_config(write_config(fresh, fresh / "inbox", extra="pdf = false"))
    again = run(scratch, DAY, send=False)
    assert again.markdown is not None
    assert again.markdown.read_bytes() == extended.markdown.read_bytes()


def test_other_terms_are_searched_for_again(tmp_path: Path, seed_inbox: Path,
                                            searched: list[str]) -> None:
    config = load_config(write_config(tmp_path, seed_inbox, extra="pdf = false"))
    assert run(config, DAY, send=False).markdown is not None
    searched.clear()
    assert run(config, DAY, rebuild=True, send=False).markdown is not None
    assert searched == []  # every finding came from the state
    shipped = (tmp_path / "briefing.toml").read_text(encoding="utf-8")
    (tmp_path / "briefing.toml").write_text(shipped.replace('terms = [', 'terms = ["rescue", ', 1),
                                            encoding="utf-8")
    other = load_config(tmp_path / "briefing.toml")
    assert kept_terms.key(other.topics) != kept_terms.key(config.topics)
    assert run(other, DAY, rebuild=True, send=False).markdown is not None
    assert searched  # the new terms were looked for in every sentence
    with Store(config.database) as store:
        assert {k for (k,) in store.db.execute("SELECT key FROM terms_found")} == {
            kept_terms.key(other.topics)}
