"""The state database: each version read once, edits are new versions, deletions kept."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from briefing import store as store_module
from briefing.cli import main
from briefing.models import Article, FoundFile, Sentence
from briefing.store import Store

from .conftest import ROOT, write_config

ONE = "Title: Strike ends\n\nDock workers voted on Sunday to end their nine-day strike.\n"
TWO = ("Title: Strike ends\n\nDock workers voted on Sunday to end their nine-day strike, "
       "the union said after a meeting that lasted until midnight.\n")
TOPICS = '[[topics]]\nname = "Port"\ndescription = "The port."\nterms = ["strike", "dock"]\n'


def run(config: Path, date: str) -> str:
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", date])
    assert result.exit_code == 0, result.stderr
    return result.stderr


def test_versions_editions_and_deletions(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ONE)
    config = write_config(tmp_path, inbox, topics=TOPICS)
    assert "1 read" in run(config, "2025-03-01")
    assert "0 new or changed" in run(config, "2025-03-02")  # nothing re-read
    (inbox / "a.txt").write_text(TWO)
    assert "1 new or changed" in run(config, "2025-03-03")
    md = (tmp_path / "out" / "2025-03-03" / "briefing.md").read_text()
    assert "lasted until midnight" in md
    (inbox / "a.txt").unlink()
    assert "1 gone from inbox" in run(config, "2025-03-04")
    db = sqlite3.connect(tmp_path / "out" / "state.sqlite")
    versions = db.execute("SELECT path, edition FROM versions ORDER BY id").fetchall()
    assert versions == [("a.txt", "2025-03-01"), ("a.txt", "2025-03-03")]
    assert db.execute("SELECT deleted_at IS NOT NULL FROM paths").fetchone() == (1,)
    assert [d for (d,) in db.execute("SELECT date FROM editions ORDER BY date")] == [
        "2025-03-01", "2025-03-03"]


def test_all_includes_every_known_article_and_same_day_extends(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ONE)
    config = write_config(tmp_path, inbox, topics=TOPICS)
    run(config, "2025-03-01")
    (inbox / "b.txt").write_text(ONE.replace("Sunday", "Monday").replace("Strike ends",
                                                                         "Strike over"))
    run(config, "2025-03-01")  # a second run on the same day adds to that day's edition
    md = (tmp_path / "out" / "2025-03-01" / "briefing.md").read_text()
    assert "Built from 2 articles" in md
    run_all = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-03-05",
                                        "--all"])
    assert run_all.exit_code == 0
    assert "Built from 2 articles" in (tmp_path / "out" / "2025-03-05" / "briefing.md").read_text()


def test_since_backfills_each_day_not_yet_run_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ONE)
    config = write_config(tmp_path, inbox, topics=TOPICS)
    args = ["run", "-c", str(config), "--since", "2025-03-01", "--date", "2025-03-03"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.stderr
    assert first.stderr.count("briefing: ") == 3  # one tally per day
    # An undated file is received on the back-fill's last day: it belongs to that edition.
    assert "1 read" in first.stderr.splitlines()[0]
    assert "edition 2025-03-03 with 1 articles" in first.stderr
    assert first.stderr.count("nothing new") == 2
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and again.stderr == ""  # every day already dealt with
    db = sqlite3.connect(tmp_path / "out" / "state.sqlite")
    assert [d for (d,) in db.execute("SELECT date FROM runs ORDER BY date")] == [
        "2025-03-01", "2025-03-02", "2025-03-03"]


def port_article(place: str, n: int) -> str:
    return (f"Title: Port of {place} report {n}\n\nThe harbour authority in {place} said that "
            f"{n + 12} ships were waiting to unload, and dock workers voted to continue the "
            "strike.\n")


def test_a_database_from_before_numbered_migrations_opens_and_carries_on(tmp_path: Path) -> None:
    from briefing.store import MIGRATIONS, Store

    database = tmp_path / "out" / "state.sqlite"
    database.parent.mkdir()
    old = sqlite3.connect(database)
    old.executescript((ROOT / "tests" / "data" / "state-v0.sql").read_text())
    old.close()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(port_article("Genoa", 1))  # in the old edition
    (inbox / "c.txt").write_text(port_article("Lisbon", 3))  # read, waiting for an edition
    (inbox / "empty.txt").write_text("")  # skipped, and reported, back then
    config = write_config(tmp_path, inbox, "pdf = false", topics=TOPICS)
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-01-02"])
    assert result.exit_code == 0, result.stderr
    assert "3 files in inbox; 0 new or changed" in result.stderr
    assert "edition 2025-01-02 with 1 articles" in result.stderr
    md = (tmp_path / "out" / "2025-01-02" / "briefing.md").read_text()
    assert "Port of Lisbon report 3" in md and "Genoa" not in md
    with Store(database) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        first = store.edition(dt.date(2025, 1, 1))
        assert first is not None and first.state == "done"
        assert store.edition_article_count(dt.date(2025, 1, 1)) == 2
        (sent,) = store.deliveries(dt.date(2025, 1, 1))
        assert (sent.recipient, sent.status, sent.attempts) == ("ann@example.org", "sent", 1)
        gone = store.db.execute("SELECT deleted_at IS NOT NULL FROM paths WHERE path = 'b.txt'")
        assert gone.fetchone() == (1,)


def test_a_database_from_a_newer_briefing_is_refused(tmp_path: Path, seed_inbox: Path) -> None:
    database = tmp_path / "out" / "state.sqlite"
    database.parent.mkdir()
    newer = sqlite3.connect(database)
    newer.execute("PRAGMA user_version = 999")
    newer.close()
    config = write_config(tmp_path, seed_inbox)
    result = CliRunner().invoke(main, ["run", "-c", str(config)])
    assert result.exit_code == 74
    assert f"{database}: cannot use the state database: made by a newer briefing" in (
        result.stderr)


def _found(folder: Path, name: str) -> tuple[FoundFile, Article]:
    path = folder / name
    path.write_text(f"{name}\n\nA sentence about {name} that is long enough to keep.\n",
                    encoding="utf-8")
    found = FoundFile(path=path, relpath=name, size=path.stat().st_size, sha256=name * 4)
    return found, _article(found)


def _article(found: FoundFile) -> Article:
    text = f"A sentence about {found.relpath} that is long enough to keep."
    return Article(relpath=found.relpath, sha256=found.sha256, title=found.relpath,
                   title_derived=True, outlet=None, published=None, url=None,
                   paragraphs=(text,), sentences=(Sentence(0, 0, text),))


def test_a_batch_commits_in_chunks_and_rolls_back_only_its_open_part(tmp_path: Path,
                                                                    monkeypatch) -> None:
    monkeypatch.setattr(store_module, "BATCH_WRITES", 3)
    database = tmp_path / "state.sqlite"
    with Store(database) as store:
        try:
            with store.batch():
                for k in range(5):  # 3 committed as one chunk, 2 still open
                    store.add_version(*_found(tmp_path, f"f{k}.txt"), source="")
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        assert not store.db.in_transaction
    with Store(database) as store:  # a fresh connection sees only what was committed
        assert sorted(v.article.relpath for v in store.pending()) == ["f0.txt", "f1.txt",
                                                                     "f2.txt"]
        with store.batch():
            store.add_version(*_found(tmp_path, "f9.txt"), source="")
        assert len(store.pending()) == 4
