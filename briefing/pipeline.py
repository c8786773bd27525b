"""run(): discover -> read -> clean -> analyze -> digest -> render -> record."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import readers, render
from .config import Config
from .deliver import DeliveryReport, deliver, message_id
from .digest import build_briefing
from .errors import NotFound, ReadError
from .lock import run_lock
from .models import Skipped
from .sources import discover
from .store import Store, Version

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_SKIPPED = 3  # finished, but some input files were skipped
EXIT_UNDELIVERED = 4  # finished, but some e-mail deliveries are pending or failed


@dataclass
class Report:
    """What a run did; decides the exit code and the one-line tally."""

    date: dt.date
    found: int = 0
    new: int = 0
    read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    articles: int = 0
    markdown: Path | None = None
    pdf: Path | None = None
    message: str = ""
    delivery: DeliveryReport | None = None

    @property
    def exit_code(self) -> int:
        if self.delivery is not None and not self.delivery.ok:
            return EXIT_UNDELIVERED
        return EXIT_SKIPPED if self.skipped else EXIT_OK

    def tally(self) -> str:
        parts = [f"{self.found} files in inbox", f"{self.new} new or changed",
                 f"{self.read} read", f"{len(self.skipped)} skipped"]
        if self.deleted:
            parts.append(f"{len(self.deleted)} gone from inbox")
        edition = (f"edition {self.date.isoformat()} with {self.articles} articles"
                   if self.markdown else self.message)
        mail = f"; {self.delivery.tally()}" if self.delivery is not None else ""
        return "; ".join(parts) + f"; {edition}{mail}"


def ingest(config: Config, store: Store, report: Report) -> None:
    """Read every new or changed inbox file once and remember it (or why it was skipped)."""
    found = discover(config.inbox)
    report.found = len(found)
    report.deleted = store.mark_present({f.relpath for f in found})
    extra = (str(config.residue_file),) if config.residue_file else ()
    for item in found:
        if store.known(item):
            continue
        report.new += 1
        try:
            article = readers.read(item, config.max_file_kb * 1024, extra)
        except ReadError as exc:
            _skip(store, report, item, str(exc))
            continue
        except Exception as exc:  # a reader bug must not cost the other files
            log.debug("%s: reader failed", item.path, exc_info=True)
            _skip(store, report, item, f"could not be read ({type(exc).__name__}: {exc})")
            continue
        for note in article.notes:
            log.warning("%s: %s", item.relpath, note)
        store.add_version(item, article)
        report.read += 1


def _skip(store: Store, report: Report, item, reason: str) -> None:  # type: ignore[no-untyped-def]
    log.warning("%s: skipped: %s", item.path, reason)
    report.skipped.append(Skipped(item.relpath, reason))
    store.add_version(item, None, reason)


def run(config: Config, date: dt.date, include_all: bool = False, rebuild: bool = False,
        send: bool = True) -> Report:
    """Build the edition for `date` from what is new in the inbox (or everything, or again),
    then send whatever e-mail is due. One run at a time (lock.Busy otherwise)."""
    report = Report(date=date)
    with run_lock(config.database), Store(config.database) as store:
        remove_stale_temp_files(config.out_dir)
        ingest(config, store, report)
        build(config, store, report, include_all, rebuild)
        if config.email.enabled and send:
            report.delivery = deliver(config, store)
        store.record_run(date, "built" if report.markdown else "nothing new")
    return report


def ingest_only(config: Config) -> Report:
    """Read new inbox files now (the scheduler's interval job); build nothing."""
    report = Report(date=dt.date.today())
    with run_lock(config.database), Store(config.database) as store:
        ingest(config, store, report)
    return report


def backfill(config: Config, since: dt.date, until: dt.date) -> list[Report]:
    """Run every day from since to until that no run has dealt with yet, oldest first."""
    with Store(config.database) as store:
        days = [since + dt.timedelta(days=n) for n in range((until - since).days + 1)]
        days = [d for d in days if not store.has_run(d)]
    return [run(config, day) for day in days]


def dry_run(config: Config, date: dt.date, include_all: bool = False
            ) -> tuple[Report, list[tuple[str, str, str, int]]]:
    """Build in a scratch copy of the state and say what would be sent: (to, subject,
    Message-ID, PDF bytes). Nothing real is written, recorded or sent."""
    import sqlite3
    import tempfile
    from dataclasses import replace

    from .deliver import subject

    with tempfile.TemporaryDirectory(prefix="briefing-dry-run-") as tmp:
        scratch = replace(config, database=Path(tmp) / "state.sqlite", out_dir=Path(tmp) / "out")
        if config.database.exists():
            with sqlite3.connect(config.database) as src, \
                    sqlite3.connect(scratch.database) as dst:
                src.backup(dst)
        report = run(scratch, date, include_all=include_all, send=False)
        plan = []
        with Store(scratch.database) as store:
            for d in store.unfinished_deliveries():
                record = store.edition(d.edition)
                size = record.pdf_path.stat().st_size if record and record.pdf_path and \
                    record.pdf_path.is_file() else 0
                plan.append((d.recipient, subject(config.email, config.title, d.edition,
                                                  store.edition_article_count(d.edition)),
                             d.message_id, size))
    report.markdown = report.pdf = None  # they were scratch files, gone now
    return report, plan


def build(config: Config, store: Store, report: Report, include_all: bool,
          rebuild: bool) -> None:
    """Choose the edition's articles and write it (or say why nothing was written)."""
    date = report.date
    previous = store.edition(date)
    skipped = tuple(report.skipped)
    if rebuild:
        if previous is None:
            raise NotFound(f"no edition for {date.isoformat()} to rebuild; build it with "
                           "briefing run")
        versions = store.edition_versions(date)
        skipped = previous.skipped
    elif include_all:
        versions = store.everything()
    else:
        versions = store.pending()
        if not versions:
            report.message = "nothing new: no edition written"
            return
        if previous is not None:
            if store.was_sent(date):
                # Never send one day twice: late articles go into the next day's edition.
                report.message = (f"edition {date.isoformat()} was already e-mailed; "
                                  f"{len(versions)} new articles wait for the next edition")
                return
            versions = store.edition_versions(date) + versions  # same day: extend it
            skipped = previous.skipped + skipped
    write_edition(config, store, report, versions, skipped)


def remove_stale_temp_files(out_dir: Path) -> None:
    """Temp files left by a killed run (we hold the lock, so none is being written)."""
    for tmp in out_dir.glob("*/.*.tmp"):
        log.info("removing %s left by an interrupted run", tmp)
        tmp.unlink(missing_ok=True)


def write_edition(config: Config, store: Store, report: Report, versions: list[Version],
                  skipped: tuple[Skipped, ...]) -> None:
    """Render Markdown (and PDF), write both atomically, then record the edition."""
    articles = _latest_per_path(versions)
    briefing = build_briefing(config, [v.article for v in articles], report.date, skipped)
    folder = config.out_dir / report.date.isoformat()
    text = render.render_markdown(briefing, config.templates)
    data = text.encode("utf-8")
    pdf_path = None
    if config.pdf:
        html = render.render_html(briefing, text, config.templates)
        pdf_path = folder / config.pdf_name
        render.write_atomic(pdf_path, render.render_pdf(html, config.templates))
    md_path = folder / config.markdown_name
    render.write_atomic(md_path, data)
    email = config.email
    queue = tuple((r, message_id(report.date, r, email.sender)) for r in email.recipients
                  ) if email.enabled else ()
    store.record_edition(report.date, [v.id for v in articles], md_path, pdf_path,
                         hashlib.sha256(data).hexdigest(), skipped, queue)
    report.articles = len(articles)
    report.markdown, report.pdf = md_path, pdf_path


def _latest_per_path(versions: list[Version]) -> list[Version]:
    latest: dict[str, Version] = {}
    for version in versions:
        current = latest.get(version.article.relpath)
        if current is None or version.id > current.id:
            latest[version.article.relpath] = version
    return sorted(latest.values(), key=lambda v: v.id)
