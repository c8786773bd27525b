"""Each article's figures are found once and kept in the state: the next runs find only the new
articles' figures, and the edition is the same byte for byte."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from briefing import known_claims
from briefing.analyze import figures
from briefing.config import load_config
from briefing.pipeline import run
from briefing.readers import read
from briefing.sources import discover
from briefing.store import Store

from .conftest import SEEDS, write_config

DAY = dt.date(2024, 11, 1)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The articles analyze.figures.find_claims was asked about."""
    calls: list[str] = []
    real = figures.find_claims

    def find_claims(article, *args):  # noqa: ANN001, ANN202
        calls.append(article.relpath)
        return real(article, *args)

    monkeypatch.setattr(figures, "find_claims", find_claims)
    return calls


def test_the_next_day_finds_only_the_new_articles_figures(tmp_path: Path, seed_inbox: Path,
                                                          counted: list[str]) -> None:
    seeds = sorted(p.name for p in seed_inbox.iterdir())
    new = seed_inbox / seeds[0]
    moved = tmp_path / "later.txt"
    shutil.move(new, moved)
    config = load_config(write_config(tmp_path, seed_inbox, extra="pdf = false"))
    assert run(config, DAY, send=False).markdown is not None
    assert set(counted) == set(seeds[1:])  # found once each, for the ledger and the timeline
    with Store(config.database) as store:
        assert len(store.claims(known_claims.code_key())) == len(seeds) - 1
    counted.clear()
    shutil.move(moved, new)
    assert run(config, DAY + dt.timedelta(days=1), send=False).markdown is not None
    assert counted == [seeds[0]]  # the story's other articles' figures were kept


def test_kept_figures_give_the_same_edition(tmp_path: Path, seed_inbox: Path,
                                            counted: list[str]) -> None:
    config = load_config(write_config(tmp_path, seed_inbox, extra="pdf = false"))
    first = run(config, DAY, send=False)
    assert first.markdown is not None and counted
    made = first.markdown.read_bytes()
    counted.clear()
    again = run(config, DAY, rebuild=True, send=False)
    assert counted == []  # every figure came from the state
    assert again.markdown is not None and again.markdown.read_bytes() == made


def test_figures_of_other_code_are_not_used_and_go(tmp_path: Path, seed_inbox: Path,
                                                   counted: list[str]) -> None:
    config = load_config(write_config(tmp_path, seed_inbox, extra="pdf = false"))
    assert run(config, DAY, send=False).markdown is not None
    with Store(config.database) as store:
        kept = store.claims(known_claims.code_key())
        # The same articles and rules, as an older version of the code kept them: unusable.
        store.db.execute("DELETE FROM claims")
        store.db.executemany("INSERT INTO claims (article, rules, code, found) "
                             "VALUES (?, ?, 'older code', 'not JSON')",
                             [(a, r) for a, r in kept])
    counted.clear()
    assert run(config, DAY, rebuild=True, send=False).markdown is not None
    assert counted  # found again
    with Store(config.database) as store:
        codes = {c for (c,) in store.db.execute("SELECT code FROM claims")}
        assert codes == {known_claims.code_key()}


def test_claims_survive_the_state_unchanged(tmp_path: Path) -> None:
    """Encoded and decoded, every claim of the seeds is equal to the one found, moved to
    the index asked for."""
    config = load_config(write_config(tmp_path, SEEDS))
    measures = tuple(m for t in config.topics for m in t.measures)
    verbs = config.ledger.attribution_verbs
    found = discover(SEEDS, False, {}).files
    assert measures and found
    total = 0
    for index, item in enumerate(found):
        article = read(item, 1 << 22)
        claims = figures.find_claims(article, index, measures, verbs)
        at_zero = figures.find_claims(article, 0, measures, verbs)
        moved = [known_claims.decode(known_claims.encode(c)) for c in at_zero]
        assert [c.ref.sentence for c in moved] == [c.ref.sentence for c in claims]
        assert [c.ref.article for c in claims] == [index] * len(claims)
        with Store(tmp_path / "state.sqlite") as store:
            with known_claims.kept(store):
                assert known_claims.find_claims(article, index, measures, verbs) == claims
            with known_claims.kept(store):  # now from the state
                assert known_claims.find_claims(article, index, measures, verbs) == claims
        total += len(claims)
    assert total > 5


def test_figures_are_found_where_articles_are_read(tmp_path: Path, seed_inbox: Path,
                                                    counted: list[str]) -> None:
    """Reading (in this process, a process pool or on Dask) finds each new article's figures
    and keeps them: building the edition then finds none."""
    from briefing.pipeline import ingest_only

    config = load_config(write_config(tmp_path, seed_inbox, extra="pdf = false"))
    assert ingest_only(config).read == 5
    assert sorted(counted) == sorted(p.name for p in seed_inbox.iterdir())
    with Store(config.database) as store:
        assert len(store.claims(known_claims.code_key())) == 5
    counted.clear()
    assert run(config, DAY, send=False).markdown is not None
    assert counted == []
