"""The SQLite state: every file version seen, its article, and the editions built."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError
from .models import Article, FoundFile, Skipped

SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'skipped')),
    reason TEXT,
    article TEXT,
    edition TEXT,
    UNIQUE (path, sha256)
);
CREATE TABLE IF NOT EXISTS paths (
    path TEXT PRIMARY KEY,
    current INTEGER REFERENCES versions(id),
    deleted_at TEXT
);
CREATE TABLE IF NOT EXISTS editions (
    date TEXT PRIMARY KEY,
    built_at TEXT NOT NULL,
    markdown_path TEXT NOT NULL,
    pdf_path TEXT,
    markdown_sha256 TEXT NOT NULL,
    skipped TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_edition ON versions(edition);
CREATE TABLE IF NOT EXISTS deliveries (
    edition TEXT NOT NULL REFERENCES editions(date),
    recipient TEXT NOT NULL,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (edition, recipient)
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    edition TEXT NOT NULL,
    recipient TEXT NOT NULL,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    date TEXT PRIMARY KEY,
    finished_at TEXT NOT NULL,
    outcome TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Version:
    id: int
    article: Article


@dataclass(frozen=True)
class EditionRecord:
    date: dt.date
    built_at: str
    markdown_path: Path
    pdf_path: Path | None
    markdown_sha256: str
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class Delivery:
    edition: dt.date
    recipient: str
    message_id: str
    status: str
    attempts: int
    last_error: str | None
    updated_at: str


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """One open state database; use as a context manager."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot use the state database: {exc}") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def known(self, found: FoundFile) -> bool:
        row = self.db.execute("SELECT 1 FROM versions WHERE path = ? AND sha256 = ?",
                              (found.relpath, found.sha256)).fetchone()
        return row is not None

    def add_version(self, found: FoundFile, article: Article | None,
                    reason: str | None = None) -> None:
        """Remember a file version once, with its article or the reason it was skipped."""
        status = "ok" if article is not None else "skipped"
        payload = json.dumps(article.to_json(), ensure_ascii=False) if article else None
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            cur = self.db.execute(
                "INSERT OR IGNORE INTO versions (path, sha256, size, first_seen, status, reason,"
                " article) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (found.relpath, found.sha256, found.size, _now(), status, reason, payload))
            if cur.rowcount:
                self.db.execute(
                    "INSERT INTO paths (path, current, deleted_at) VALUES (?, ?, NULL)"
                    " ON CONFLICT(path) DO UPDATE SET current = excluded.current,"
                    " deleted_at = NULL", (found.relpath, cur.lastrowid))

    def mark_present(self, relpaths: set[str]) -> list[str]:
        """Note files gone from the inbox (they stay in history); returns newly deleted."""
        gone = [p for (p,) in self.db.execute("SELECT path FROM paths WHERE deleted_at IS NULL")
                if p not in relpaths]
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            for path in gone:
                self.db.execute("UPDATE paths SET deleted_at = ? WHERE path = ?", (_now(), path))
        return gone

    def pending(self) -> list[Version]:
        """Current, readable versions not yet in any edition (one per path)."""
        return self._versions(
            "SELECT v.id, v.article FROM versions v JOIN paths p ON p.current = v.id"
            " WHERE v.status = 'ok' AND v.edition IS NULL AND p.deleted_at IS NULL")

    def everything(self) -> list[Version]:
        """The current readable version of every file ever seen, deleted ones included."""
        return self._versions(
            "SELECT v.id, v.article FROM versions v JOIN paths p ON p.current = v.id"
            " WHERE v.status = 'ok'")

    def edition_versions(self, date: dt.date) -> list[Version]:
        return self._versions("SELECT id, article FROM versions WHERE edition = ?",
                              (date.isoformat(),))

    def _versions(self, sql: str, args: tuple = ()) -> list[Version]:
        rows = self.db.execute(sql + " ORDER BY id", args).fetchall()
        return [Version(i, Article.from_json(json.loads(a))) for i, a in rows]

    def edition(self, date: dt.date) -> EditionRecord | None:
        row = self.db.execute("SELECT date, built_at, markdown_path, pdf_path, markdown_sha256,"
                              " skipped FROM editions WHERE date = ?",
                              (date.isoformat(),)).fetchone()
        if row is None:
            return None
        skipped = tuple(Skipped(**s) for s in json.loads(row[5]))
        return EditionRecord(dt.date.fromisoformat(row[0]), row[1], Path(row[2]),
                             Path(row[3]) if row[3] else None, row[4], skipped)

    def record_edition(self, date: dt.date, version_ids: list[int], markdown_path: Path,
                       pdf_path: Path | None, markdown_sha256: str,
                       skipped: tuple[Skipped, ...],
                       deliveries: tuple[tuple[str, str], ...] = ()) -> None:
        """Claim the versions, record the edition and queue its e-mails, in one transaction:
        a crash leaves either all of it or none."""
        day = date.isoformat()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("UPDATE versions SET edition = ? WHERE id = ? AND"
                                " (edition IS NULL OR edition = ?)",
                                [(day, i, day) for i in version_ids])
            self.db.execute(
                "INSERT INTO editions (date, built_at, markdown_path, pdf_path, markdown_sha256,"
                " skipped) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(date) DO UPDATE SET"
                " built_at = excluded.built_at, markdown_path = excluded.markdown_path,"
                " pdf_path = excluded.pdf_path, markdown_sha256 = excluded.markdown_sha256,"
                " skipped = excluded.skipped",
                (day, _now(), str(markdown_path), str(pdf_path) if pdf_path else None,
                 markdown_sha256, json.dumps([s.__dict__ for s in skipped])))
            self.db.executemany(
                "INSERT OR IGNORE INTO deliveries (edition, recipient, message_id, status,"
                " updated_at) VALUES (?, ?, ?, 'pending', ?)",
                [(day, rcpt, mid, _now()) for rcpt, mid in deliveries])

    # Deliveries: one row per (edition, recipient). 'sending' is written before DATA and
    # 'sent' after the server's 250, so a crash in between is retried (at-least-once).

    def queue_delivery(self, date: dt.date, recipient: str, message_id: str) -> None:
        """Make sure a delivery row exists; an existing one (sent or not) is left alone."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(
                "INSERT OR IGNORE INTO deliveries (edition, recipient, message_id, status,"
                " updated_at) VALUES (?, ?, ?, 'pending', ?)",
                (date.isoformat(), recipient, message_id, _now()))

    def requeue(self, date: dt.date, recipient: str) -> None:
        """--resend: make a sent or failed delivery pending again."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("UPDATE deliveries SET status = 'pending', updated_at = ?"
                            " WHERE edition = ? AND recipient = ?",
                            (_now(), date.isoformat(), recipient))

    def set_delivery(self, date: dt.date, recipient: str, status: str,
                     detail: str | None = None, attempt: bool = False) -> None:
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(
                "UPDATE deliveries SET status = ?, last_error = COALESCE(?, last_error),"
                " attempts = attempts + ?, updated_at = ? WHERE edition = ? AND recipient = ?",
                (status, detail if status != "sent" else None, int(attempt), _now(),
                 date.isoformat(), recipient))
            if status != "sending":
                self.db.execute("INSERT INTO attempts (edition, recipient, at, outcome, detail)"
                                " VALUES (?, ?, ?, ?, ?)",
                                (date.isoformat(), recipient, _now(), status, detail))

    def deliveries(self, date: dt.date | None = None) -> list[Delivery]:
        sql = ("SELECT edition, recipient, message_id, status, attempts, last_error, updated_at"
               " FROM deliveries")
        args: tuple = ()
        if date is not None:
            sql += " WHERE edition = ?"
            args = (date.isoformat(),)
        rows = self.db.execute(sql + " ORDER BY edition, recipient", args).fetchall()
        return [Delivery(dt.date.fromisoformat(r[0]), *r[1:]) for r in rows]

    def was_sent(self, date: dt.date) -> bool:
        return any(d.status == "sent" for d in self.deliveries(date))

    def unfinished_deliveries(self) -> list[Delivery]:
        return [d for d in self.deliveries() if d.status in ("pending", "sending")]

    def editions(self, limit: int = 10) -> list[EditionRecord]:
        dates = [d for (d,) in self.db.execute(
            "SELECT date FROM editions ORDER BY date DESC LIMIT ?", (limit,))]
        return [e for e in (self.edition(dt.date.fromisoformat(d)) for d in dates) if e]

    def edition_article_count(self, date: dt.date) -> int:
        return self.db.execute("SELECT COUNT(*) FROM versions WHERE edition = ?",
                               (date.isoformat(),)).fetchone()[0]

    # Runs: which scheduled days have been dealt with, so a restart catches up exactly once.

    def record_run(self, date: dt.date, outcome: str) -> None:
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("INSERT INTO runs (date, finished_at, outcome) VALUES (?, ?, ?)"
                            " ON CONFLICT(date) DO UPDATE SET finished_at = excluded.finished_at,"
                            " outcome = excluded.outcome", (date.isoformat(), _now(), outcome))

    def has_run(self, date: dt.date) -> bool:
        return self.db.execute("SELECT 1 FROM runs WHERE date = ?",
                               (date.isoformat(),)).fetchone() is not None
