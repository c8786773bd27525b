"""run(): discover -> read -> clean -> analyze -> digest -> render -> record."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import readers, render
from .config import Config
from .digest import build_briefing
from .errors import BriefingError, ReadError
from .models import Skipped
from .sources import discover
from .store import Store, Version

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_SKIPPED = 3  # finished, but some input files were skipped


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

    @property
    def exit_code(self) -> int:
        return EXIT_SKIPPED if self.skipped else EXIT_OK

    def tally(self) -> str:
        parts = [f"{self.found} files in inbox", f"{self.new} new or changed",
                 f"{self.read} read", f"{len(self.skipped)} skipped"]
        if self.deleted:
            parts.append(f"{len(self.deleted)} gone from inbox")
        edition = (f"edition {self.date.isoformat()} with {self.articles} articles"
                   if self.markdown else self.message)
        return "; ".join(parts) + f"; {edition}"


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


def run(config: Config, date: dt.date, include_all: bool = False,
        rebuild: bool = False) -> Report:
    """Build the edition for `date` from what is new in the inbox (or everything, or again)."""
    report = Report(date=date)
    with Store(config.database) as store:
        ingest(config, store, report)
        previous = store.edition(date)
        skipped = tuple(report.skipped)
        if rebuild:
            if previous is None:
                raise BriefingError(f"no edition for {date.isoformat()} to rebuild")
            versions = store.edition_versions(date)
            skipped = previous.skipped
        elif include_all:
            versions = store.everything()
        else:
            versions = store.pending()
            if not versions:
                report.message = "nothing new: no edition written"
                return report
            if previous is not None:  # a second run on one day extends that day's edition
                versions = store.edition_versions(date) + versions
                skipped = previous.skipped + skipped
        write_edition(config, store, report, versions, skipped)
    return report


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
    store.record_edition(report.date, [v.id for v in articles], md_path, pdf_path,
                         hashlib.sha256(data).hexdigest(), skipped)
    report.articles = len(articles)
    report.markdown, report.pdf = md_path, pdf_path


def _latest_per_path(versions: list[Version]) -> list[Version]:
    latest: dict[str, Version] = {}
    for version in versions:
        current = latest.get(version.article.relpath)
        if current is None or version.id > current.id:
            latest[version.article.relpath] = version
    return sorted(latest.values(), key=lambda v: v.id)
