"""The SQLite state: every file version seen, its article, and the editions built."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Generic, TypeVar

from .errors import BriefingError, Busy, StoreError
from .models import Article, FoundFile, Skipped, Told, ToldDay, ToldFigure

# The schema as it was before migrations were numbered; a database made then has
# user_version 0 and all of these tables, so this first step changes nothing in it.
BASE_SCHEMA = """
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

# Each step runs once, in order, in its own transaction; PRAGMA user_version counts the
# steps done. Add new steps at the end; never edit one that has been released.
MIGRATIONS: tuple[str, ...] = (
    BASE_SCHEMA,
    # 2. An edition is recorded as 'writing' before its files are renamed into place and
    # 'done' after, so a kill in between is finished at the next start instead of leaving
    # files no record knows. Paths are per source: '' is the configured inbox, a one-off
    # `run --inbox DIR` keeps its own rows and never marks the regular inbox's files gone.
    """
    ALTER TABLE editions ADD COLUMN state TEXT NOT NULL DEFAULT 'done'
        CHECK (state IN ('writing', 'done'));
    ALTER TABLE editions ADD COLUMN pdf_sha256 TEXT;
    CREATE TABLE paths_by_source (
        source TEXT NOT NULL,
        path TEXT NOT NULL,
        current INTEGER REFERENCES versions(id),
        deleted_at TEXT,
        PRIMARY KEY (source, path)
    );
    INSERT INTO paths_by_source (source, path, current, deleted_at)
        SELECT '', path, current, deleted_at FROM paths;
    DROP TABLE paths;
    ALTER TABLE paths_by_source RENAME TO paths;
    """,
    # 3. A delivery can be 'cancelled': its recipient was taken out of the config before it
    # was sent (SQLite cannot change a CHECK constraint in place, so the table is rebuilt).
    """
    CREATE TABLE deliveries_v3 (
        edition TEXT NOT NULL REFERENCES editions(date),
        recipient TEXT NOT NULL,
        message_id TEXT NOT NULL,
        status TEXT NOT NULL
            CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (edition, recipient)
    );
    INSERT INTO deliveries_v3 (edition, recipient, message_id, status, attempts, last_error,
                               updated_at)
        SELECT edition, recipient, message_id, status, attempts, last_error, updated_at
        FROM deliveries;
    DROP TABLE deliveries;
    ALTER TABLE deliveries_v3 RENAME TO deliveries;
    """,
    # 4. What each edition told the reader (its lines and its current figures), so that
    # later editions can say what is new since. Written in the transaction that records
    # the edition; editions made before this step simply have no memory.
    """
    CREATE TABLE told (
        edition TEXT PRIMARY KEY,
        lines TEXT NOT NULL,
        figures TEXT NOT NULL
    );
    -- The day a version was received: the edition day of the run whose scan first saw it
    -- (an article without a publication date belongs to that day's edition). Unknown for
    -- versions read before this step: they keep their place and show "date unknown".
    ALTER TABLE versions ADD COLUMN received TEXT;
    """,
    # 5. A version's bytes, and the analysis key (readers.analysis_key) of the code that made
    # its article: when the reader, cleaner or residue patterns change, the article is made
    # again from the bytes (pipeline.reanalyse) instead of going stale. Versions read before
    # this step have no bytes and keep their article.
    """
    ALTER TABLE versions ADD COLUMN raw BLOB;
    ALTER TABLE versions ADD COLUMN analysis TEXT;
    """,
    # 6. The timeline each edition showed (its days and their lines), so the next edition
    # marks exactly what the timeline gained. NULL: no timeline shown, or made before this.
    """
    ALTER TABLE told ADD COLUMN timeline TEXT;
    """,
    # 7. The stat signature (sources.signature: size, times, device, inode) under which a
    # version's bytes were last hashed: a file still showing it is not read and hashed again
    # on every scan. NULL (versions seen before this step, or files changed just before
    # their scan): hashed as before.
    """
    ALTER TABLE versions ADD COLUMN signature TEXT;
    """,
    # 8. Each article's figures, found once (known_claims): per article (hash, path and a
    # checksum of its sentences) and rules (measures, verbs), made by the code `code`.
    """
    CREATE TABLE claims (
        article TEXT NOT NULL,
        rules TEXT NOT NULL,
        code TEXT NOT NULL,
        found TEXT NOT NULL,
        PRIMARY KEY (article, rules)
    );
    """,
    # 9. What the topics' terms found in each sentence of an article (kept_terms), per
    # article (as in claims) under a key of the code that searched and the terms searched.
    """
    CREATE TABLE terms_found (
        article TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        found TEXT NOT NULL
    );
    """,
    # 10. Each article's words as compact arrays (kept_words): per article (as in claims)
    # under a key of the code that made them; stem hashes, flags and sentence lengths, and
    # the hashes of the words it writes in lower case and as places, and of its paragraphs.
    """
    CREATE TABLE words (
        article TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        stems BLOB NOT NULL,
        flags BLOB NOT NULL,
        lengths BLOB NOT NULL,
        lower BLOB NOT NULL,
        places BLOB NOT NULL,
        paragraphs BLOB NOT NULL
    );
    """,
)


@dataclass(frozen=True)
class Version:
    id: int
    article: Article  # with `received`: the edition day whose scan first saw this version
    analysis: str | None = None  # the analysis key of the code that made the article

    @property
    def day(self) -> dt.date:
        """The edition day it belongs to: its publication date, else the day received."""
        return self.article.published or self.article.received or dt.date.min


@dataclass(frozen=True)
class EditionRecord:
    date: dt.date
    built_at: str
    markdown_path: Path
    pdf_path: Path | None
    markdown_sha256: str
    skipped: tuple[Skipped, ...]
    state: str = "done"  # 'writing' while its files are being put in place
    pdf_sha256: str | None = None


@dataclass(frozen=True)
class Delivery:
    edition: dt.date
    recipient: str
    message_id: str
    status: str
    attempts: int
    last_error: str | None
    updated_at: str


def _edition(row: tuple) -> EditionRecord:
    skipped = tuple(Skipped(**s) for s in json.loads(row[5]))
    return EditionRecord(dt.date.fromisoformat(row[0]), row[1], Path(row[2]),
                         Path(row[3]) if row[3] else None, row[4], skipped, row[6], row[7])


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


BATCH_WRITES = 500
QUERY_VALUES = 500  # values bound in one query (SQLite allows 999 in older builds)
HELD_ROWS = 500  # rows a Held writer holds before it writes them
T = TypeVar("T")
BUSY_SECONDS = 10


def database_error(path: Path, exc: BaseException) -> BriefingError:
    """The BriefingError for a failure of the state database: busy (75) or unusable (74)."""
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(exc):
        return Busy(f"{path}: the state database is locked by another program (not a "
                    f"briefing run) for more than {BUSY_SECONDS} s; try again later")
    detail = getattr(exc, "strerror", None) or str(exc)
    advice = ""
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in detail:
        advice = ("; restore it from a backup, or move it aside to start afresh (every inbox "
                  "file is then read as new)")
    return StoreError(f"{path}: cannot use the state database: {detail}{advice}")


class Store:
    """One open state database; use as a context manager."""

    def __init__(self, path: Path):
        self.path = path
        self._batch: int | None = None  # writes since the last commit, inside batch()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Only our own short transactions compete (one run at a time holds the run
            # lock), so a lock held longer than this is another program's.
            self.db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
            self._migrate()
            self.db.execute("PRAGMA foreign_keys = ON")
        except (sqlite3.Error, OSError) as exc:
            raise database_error(path, exc) from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise sqlite3.DatabaseError(f"made by a newer briefing (schema {version}, this "
                                        f"one knows {len(MIGRATIONS)})")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # Table rebuilds need foreign keys off; they are checked before committing.
            self.db.execute("PRAGMA foreign_keys = OFF")
            try:
                self.db.executescript(f"BEGIN IMMEDIATE;\n{script}\n"
                                      f"PRAGMA user_version = {number};")
                problem = self.db.execute("PRAGMA foreign_key_check").fetchone()
                if problem:
                    raise sqlite3.DatabaseError(f"migration {number} broke a reference: "
                                                f"{problem}")
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> None:
        self.db.close()
        # Any SQLite error inside the block (a full disk, a damaged file, another program
        # holding the database) ends the run with one line naming the file, and its code.
        if isinstance(exc, sqlite3.Error):
            raise database_error(self.path, exc) from exc

    # Files and their versions. A path belongs to a source: '' is the configured inbox,
    # anything else the folder of a one-off `run --inbox`.

    def known(self, found: FoundFile) -> bool:
        row = self.db.execute("SELECT 1 FROM versions WHERE path = ? AND sha256 = ?",
                              (found.relpath, found.sha256)).fetchone()
        return row is not None

    def add_version(self, found: FoundFile, article: Article | None,
                    reason: str | None = None, source: str = "",
                    received: dt.date | None = None, raw: bytes | None = None,
                    analysis: str | None = None) -> None:
        """Remember a file version once, with its article (and the bytes it was made from,
        and the analysis key of the code that made it) or the reason it was skipped (a
        verdict on its content, so it is never read again). Inside batch(), the write
        joins the batch's transaction."""
        status = "ok" if article is not None else "skipped"
        payload = json.dumps(article.to_json(), ensure_ascii=False) if article else None
        row = (found.relpath, found.sha256, found.size, _now(), status, reason, payload,
               (received or dt.date.today()).isoformat(), raw if article else None,
               analysis if article else None, found.signature)
        if self._batch is not None:
            self._insert_version(row, source)
            self._batch += 1
            if self._batch >= BATCH_WRITES:  # bound what a crash can cost
                self.db.execute("COMMIT")
                self.db.execute("BEGIN IMMEDIATE")
                self._batch = 0
            return
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self._insert_version(row, source)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many add_version calls, committed together (every BATCH_WRITES and at the end):
        one commit per file costs a disk sync each, most of a large run's reading time.
        On an exception the uncommitted part is rolled back whole (read again next run)."""
        self.db.execute("BEGIN IMMEDIATE")
        self._batch = 0
        try:
            yield
        except BaseException:
            if self.db.in_transaction:  # SQLite rolls back by itself on a full disk
                self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._batch = None

    def _insert_version(self, row: tuple, source: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO versions (path, sha256, size, first_seen, status, reason,"
            " article, received, raw, analysis, signature)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        self._make_current(source, row[0], row[1])

    def _make_current(self, source: str, relpath: str, sha256: str) -> None:
        self.db.execute(
            "INSERT INTO paths (source, path, current, deleted_at)"
            " SELECT ?, path, id, NULL FROM versions WHERE path = ? AND sha256 = ?"
            " ON CONFLICT(source, path) DO UPDATE SET current = excluded.current,"
            " deleted_at = NULL"  # rows already right are not written again, every run
            " WHERE current IS NOT excluded.current OR deleted_at IS NOT NULL",
            (source, relpath, sha256))

    def sync_source(self, source: str, present: dict[str, str],
                    unsure: tuple[str, ...] = ()) -> list[str]:
        """Bring the source's paths in line with one scan: a known file that is there is
        current again (also after it was away), a file not there is marked gone. `present`
        maps relpath -> sha256; paths at or under an `unsure` relpath (a folder or file that
        could not be read) are left as they were. Returns the paths newly marked gone."""
        def vouched_for(path: str) -> bool:
            return any(path == u or path.startswith(u.rstrip("/") + "/") for u in unsure)

        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            for relpath, sha256 in present.items():
                self._make_current(source, relpath, sha256)
            rows = self.db.execute("SELECT path FROM paths WHERE source = ? AND"
                                   " deleted_at IS NULL", (source,)).fetchall()
            gone = [p for (p,) in rows if p not in present and not vouched_for(p)]
            self.db.executemany("UPDATE paths SET deleted_at = ? WHERE source = ? AND path = ?",
                                [(_now(), source, p) for p in gone])
        return gone

    def signatures(self) -> dict[str, dict[str, str]]:
        """relpath -> {stat signature: sha256} of every version hashed under a signature
        (for sources.discover; the inode and device in it keep sources' files apart)."""
        out: dict[str, dict[str, str]] = {}
        for path, mark, sha256 in self.db.execute(
                "SELECT path, signature, sha256 FROM versions WHERE signature IS NOT NULL"):
            out.setdefault(path, {})[mark] = sha256
        return out

    def remember_signatures(self, files: list[FoundFile]) -> None:
        """Note the signature under which each known version's bytes were just hashed (new
        versions get theirs when added)."""
        rows = [(f.signature, f.relpath, f.sha256) for f in files if f.signature is not None]
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("UPDATE versions SET signature = ? WHERE path = ? AND"
                                " sha256 = ? AND signature IS NOT ?",
                                [row + (row[0],) for row in rows])

    def pending(self, source: str = "") -> list[Version]:
        """Current, readable versions of the source's files not yet in any edition."""
        return self._versions(
            "SELECT v.id, v.article, v.received, v.analysis FROM versions v"
            " JOIN paths p ON p.current = v.id"
            " WHERE v.status = 'ok' AND v.edition IS NULL AND p.deleted_at IS NULL"
            " AND p.source = ?", (source,))

    def everything(self, source: str = "") -> list[Version]:
        """The current readable version of every file the source ever had, gone ones too."""
        return self._versions(
            "SELECT v.id, v.article, v.received, v.analysis FROM versions v"
            " JOIN paths p ON p.current = v.id"
            " WHERE v.status = 'ok' AND p.source = ?", (source,))

    def edition_versions(self, date: dt.date) -> list[Version]:
        return self._versions("SELECT id, article, received, analysis FROM versions"
                              " WHERE edition = ?", (date.isoformat(),))

    def story_versions(self, until: dt.date, before: bool = False) -> list[Version]:
        """Every version in an edition dated up to `until` (before it, with `before`): what
        the reader had been given by then, for the story's timeline."""
        op = "<" if before else "<="
        return self._versions("SELECT id, article, received, analysis FROM versions"
                              " WHERE edition IS NOT NULL"
                              f" AND edition {op} ?", (until.isoformat(),))

    def _versions(self, sql: str, args: tuple = ()) -> list[Version]:
        rows = self.db.execute(sql + " ORDER BY id", args).fetchall()
        return [Version(i, Article.from_json(
            json.loads(a), dt.date.fromisoformat(day) if day else None), key)
                for i, a, day, key in rows]

    def raw(self, version_id: int) -> bytes | None:
        """The bytes a version's article was made from (None if read before they were kept)."""
        row = self.db.execute("SELECT raw FROM versions WHERE id = ?", (version_id,)).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None

    def replace_article(self, version_id: int, article: Article, analysis: str) -> None:
        """The article made again from the version's bytes by the current code."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("UPDATE versions SET article = ?, analysis = ? WHERE id = ?",
                            (json.dumps(article.to_json(), ensure_ascii=False), analysis,
                             version_id))

    # Editions. Recorded 'writing' (with the articles they claim) before their files are
    # renamed into place, 'done' after: whatever the kill point, the next run finds either
    # no trace, or a 'writing' record it can finish (pipeline.finish_interrupted).

    _EDITION_COLUMNS = ("date, built_at, markdown_path, pdf_path, markdown_sha256, skipped,"
                        " state, pdf_sha256")

    def edition(self, date: dt.date) -> EditionRecord | None:
        row = self.db.execute(f"SELECT {self._EDITION_COLUMNS} FROM editions WHERE date = ?",
                              (date.isoformat(),)).fetchone()
        return _edition(row) if row else None

    def interrupted_editions(self) -> list[EditionRecord]:
        rows = self.db.execute(f"SELECT {self._EDITION_COLUMNS} FROM editions"
                               " WHERE state = 'writing' ORDER BY date").fetchall()
        return [_edition(r) for r in rows]

    def begin_edition(self, date: dt.date, version_ids: list[int], markdown_path: Path,
                      pdf_path: Path | None, markdown_sha256: str, pdf_sha256: str | None,
                      skipped: tuple[Skipped, ...], told: Told | None = None) -> None:
        """Claim the versions and record the edition as being written (with what it tells
        the reader), in one transaction."""
        day = date.isoformat()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            if told is not None:
                self.db.execute(
                    "INSERT INTO told (edition, lines, figures, timeline) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT(edition) DO UPDATE SET lines = excluded.lines,"
                    " figures = excluded.figures, timeline = excluded.timeline",
                    (day, json.dumps(list(told.lines), ensure_ascii=False),
                     json.dumps([asdict(f) for f in told.figures], ensure_ascii=False),
                     None if told.timeline is None else json.dumps(
                         [[_period_text(d), list(d.lines)] for d in told.timeline],
                         ensure_ascii=False)))
            self.db.executemany("UPDATE versions SET edition = ? WHERE id = ? AND"
                                " (edition IS NULL OR edition = ?)",
                                [(day, i, day) for i in version_ids])
            self.db.execute(
                "INSERT INTO editions (date, built_at, markdown_path, pdf_path, markdown_sha256,"
                " skipped, state, pdf_sha256) VALUES (?, ?, ?, ?, ?, ?, 'writing', ?)"
                " ON CONFLICT(date) DO UPDATE SET built_at = excluded.built_at,"
                " markdown_path = excluded.markdown_path, pdf_path = excluded.pdf_path,"
                " markdown_sha256 = excluded.markdown_sha256, skipped = excluded.skipped,"
                " state = 'writing', pdf_sha256 = excluded.pdf_sha256",
                (day, _now(), str(markdown_path), str(pdf_path) if pdf_path else None,
                 markdown_sha256, json.dumps([s.__dict__ for s in skipped]), pdf_sha256))

    def finish_edition(self, date: dt.date,
                       deliveries: tuple[tuple[str, str], ...] = ()) -> None:
        """The files are in place: mark the edition done and queue its e-mails."""
        day = date.isoformat()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("UPDATE editions SET state = 'done' WHERE date = ?", (day,))
            self.db.executemany(
                "INSERT OR IGNORE INTO deliveries (edition, recipient, message_id, status,"
                " updated_at) VALUES (?, ?, ?, 'pending', ?)",
                [(day, rcpt, mid, _now()) for rcpt, mid in deliveries])

    def claims(self, code: str) -> dict[tuple[str, str], str]:
        """Kept claims made by the code `code`: (article, rules) -> their JSON."""
        return {(a, r): f for a, r, f in self.db.execute(
            "SELECT article, rules, found FROM claims WHERE code = ?", (code,))}

    def keep_claims(self, code: str, found: dict[tuple[str, str], str]) -> None:
        """Keep claims found by the code `code`; those of other code go."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("DELETE FROM claims WHERE code != ?", (code,))
            self.db.executemany(
                "INSERT OR REPLACE INTO claims (article, rules, code, found) VALUES (?, ?, ?, ?)",
                [(a, r, code, f) for (a, r), f in found.items()])

    def terms_found(self, key: str, articles: list[str]) -> dict[str, str]:
        """Kept findings of the topics' terms (kept_terms) under `key`: article -> JSON."""
        found: dict[str, str] = {}
        for at in range(0, len(articles), QUERY_VALUES):
            part = articles[at:at + QUERY_VALUES]
            found.update(self.db.execute(
                "SELECT article, found FROM terms_found WHERE key = ? AND article IN "
                f"({', '.join('?' * len(part))})", (key, *part)))
        return found

    def keep_terms_found(self, key: str, found: dict[str, str], others_go: bool = True
                         ) -> None:
        """Keep findings of the topics' terms under `key`; those under another key go
        (unless not `others_go`, as in keep_words). Inside batch(), the writes join the
        batch's transaction."""
        def write() -> None:
            if others_go:
                self.db.execute("DELETE FROM terms_found WHERE key != ?", (key,))
            self.db.executemany(
                "INSERT OR REPLACE INTO terms_found (article, key, found) VALUES (?, ?, ?)",
                [(a, key, f) for a, f in found.items()])

        self._write(write)

    def kept_words(self, key: str, articles: list[str]) -> dict[str, tuple[bytes, ...]]:
        """Kept words of articles (kept_words) under `key`: article -> its arrays."""
        found: dict[str, tuple[bytes, ...]] = {}
        for at in range(0, len(articles), QUERY_VALUES):
            part = articles[at:at + QUERY_VALUES]
            found.update((row[0], tuple(row[1:])) for row in self.db.execute(
                "SELECT article, stems, flags, lengths, lower, places, paragraphs FROM words"
                f" WHERE key = ? AND article IN ({', '.join('?' * len(part))})", (key, *part)))
        return found

    def keep_words(self, key: str, found: dict[str, tuple[bytes, ...]],
                   others_go: bool = True) -> None:
        """Keep articles' words under `key`; those under another key go (unless not
        `others_go`: a later write of the same run, when they are gone). Inside batch(),
        the writes join the batch's transaction."""
        def write() -> None:
            if others_go:
                self.db.execute("DELETE FROM words WHERE key != ?", (key,))
            self.db.executemany(
                "INSERT OR REPLACE INTO words (article, key, stems, flags, lengths, lower,"
                " places, paragraphs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(a, key, *blobs) for a, blobs in found.items()])

        self._write(write)

    def _write(self, write: Callable[[], None]) -> None:
        """Inside batch(), in its transaction; otherwise in one of its own."""
        if self._batch is not None:
            write()
            return
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            write()

    def told_before(self, date: dt.date) -> Told:
        """What the editions dated before `date` told the reader: every line, each
        measure's last figure shown, and the latest one's date (which "What's new since"
        names) and timeline."""
        rows = self.db.execute(
            "SELECT t.edition, t.lines, t.figures, t.timeline FROM told t JOIN editions e"
            " ON e.date = t.edition WHERE t.edition < ? AND e.state = 'done'"
            " ORDER BY t.edition", (date.isoformat(),)).fetchall()
        if not rows:
            return Told()
        lines = tuple(line for _, text, _, _ in rows for line in json.loads(text))
        latest: dict[tuple[str, str], ToldFigure] = {}  # a measure's last figure shown
        for _, _, figures, _ in rows:
            for f in json.loads(figures):
                latest[f["topic"], f["measure"]] = ToldFigure(**f)
        timeline = rows[-1][3]
        days = None if timeline is None else tuple(
            _told_day(day, texts) for day, texts in json.loads(timeline))
        return Told(dt.date.fromisoformat(rows[-1][0]), lines, tuple(latest.values()), days)

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
        """`send`: make a failed, cancelled or (--resend) sent delivery pending again."""
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

    def may_have_been_received(self, date: dt.date) -> bool:
        """True once any e-mail of the edition went as far as DATA: from then on its content
        must never change (a retry must carry the same bytes under the same Message-ID)."""
        return any(d.attempts > 0 or d.status in ("sending", "sent")
                   for d in self.deliveries(date))

    def delivery(self, date: dt.date, recipient: str) -> Delivery | None:
        return next((d for d in self.deliveries(date) if d.recipient == recipient), None)

    def unfinished_deliveries(self) -> list[Delivery]:
        return [d for d in self.deliveries() if d.status in ("pending", "sending")]

    def editions(self, limit: int = 10) -> list[EditionRecord]:
        dates = [d for (d,) in self.db.execute(
            "SELECT date FROM editions ORDER BY date DESC LIMIT ?", (limit,))]
        return [e for e in (self.edition(dt.date.fromisoformat(d)) for d in dates) if e]

    def edition_files(self, date: dt.date) -> list[str]:
        """The inbox paths of the articles an edition holds (cited or not)."""
        rows = self.db.execute("SELECT DISTINCT path FROM versions WHERE edition = ? "
                               "ORDER BY path", (date.isoformat(),)).fetchall()
        return [path for (path,) in rows]

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

    def ever_run(self) -> bool:
        """Whether any run has been recorded: false for a fresh state database."""
        return self.db.execute("SELECT 1 FROM runs LIMIT 1").fetchone() is not None

    def has_run(self, date: dt.date) -> bool:
        return self.db.execute("SELECT 1 FROM runs WHERE date = ?",
                               (date.isoformat(),)).fetchone() is not None


class Held(Generic[T]):
    """Rows for a table kept per article (words, terms found), written a few hundred at a
    time through `keep(key, rows, others_go)` (Store.keep_words, Store.keep_terms_found;
    inside batch(), in its transaction): a run of 10,000 articles does not hold them all.
    The first write also drops the rows kept under another key."""

    def __init__(self, keep: Callable[[str, dict[str, T], bool], None], key: str) -> None:
        self.keep, self.key = keep, key
        self.pending: dict[str, T] = {}
        self.first = True

    def add(self, article: str, row: T) -> None:
        """Keep `row` for the article (its known_claims.article_key)."""
        self.pending[article] = row
        if len(self.pending) >= HELD_ROWS:
            self.flush()

    def flush(self) -> None:
        """Write what is held."""
        if self.pending:
            self.keep(self.key, self.pending, self.first)
            self.first = False
            self.pending = {}


@contextmanager
def scratch_copy(database: Path) -> Iterator[Path]:
    """A throw-away copy of the state database (for dry runs), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="briefing-dry-run-") as tmp:
        copy = Path(tmp) / "state.sqlite"
        if database.exists():
            try:
                with closing(sqlite3.connect(database)) as src, \
                        closing(sqlite3.connect(copy)) as dst:
                    src.backup(dst)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{database}: cannot use the state database: {exc}") from None
        yield copy


# A timeline period as stored: "2019-03-05" a day, "2008-03" a month, "1992" a year (rows
# written before months and years were periods hold days only).
_PERIOD_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def _period_text(day: ToldDay) -> str:
    return day.date.strftime(_PERIOD_FORMATS[day.grain])


def _told_day(text: str, lines: list[str]) -> ToldDay:
    grain = {10: "day", 7: "month"}.get(len(text), "year")
    date = dt.datetime.strptime(text, _PERIOD_FORMATS[grain]).date()
    return ToldDay(date, tuple(lines), grain)
