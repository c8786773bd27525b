"""run(): discover -> read -> clean -> analyze -> digest -> render -> record."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from . import (
    clean,
    failpoints,
    kept_terms,
    kept_words,
    known_claims,
    progress,
    readers,
    render,
)
from .config import Config
from .deliver import DeliveryReport, Planned, deliver, plan, queue
from .digest import build_briefing
from .engine import Work, check_engine, engine
from .errors import ConfigError, FrozenEdition, NotFound
from .lock import run_lock
from .memory import fewer_collections, map_large_blocks
from .models import FoundFile, Skipped, Told
from .sources import discover, display
from .store import EditionRecord, Held, Store, Version, scratch_copy
from .timeline import Timeline, story_timeline
from .whatsnew import told_by

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_SKIPPED = 3  # finished, but some input files were skipped
EXIT_UNDELIVERED = 4  # finished, but some e-mail deliveries are pending or failed


@dataclass(frozen=True)
class Ingested:
    """What reading the inbox did."""

    found: int = 0
    new: int = 0
    read: int = 0
    skipped: tuple[Skipped, ...] = ()
    deleted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Written:
    """An edition put in place."""

    articles: int
    markdown: Path
    pdf: Path | None


@dataclass(frozen=True)
class Built:
    """What building did: the edition written, or why none was."""

    written: Written | None = None
    message: str = ""


@dataclass(frozen=True)
class Report:
    """What a run did; decides the exit code and the one-line tally."""

    date: dt.date
    found: int = 0
    new: int = 0
    read: int = 0
    skipped: tuple[Skipped, ...] = ()
    deleted: tuple[str, ...] = ()
    articles: int = 0
    markdown: Path | None = None
    pdf: Path | None = None
    message: str = ""
    delivery: DeliveryReport | None = None

    @classmethod
    def of(cls, date: dt.date, ingested: Ingested, built: Built = Built(),
           delivery: DeliveryReport | None = None) -> Report:
        written = built.written
        return cls(date=date, found=ingested.found, new=ingested.new, read=ingested.read,
                   skipped=ingested.skipped, deleted=ingested.deleted,
                   articles=written.articles if written else 0,
                   markdown=written.markdown if written else None,
                   pdf=written.pdf if written else None, message=built.message,
                   delivery=delivery)

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


def ingest(config: Config, store: Store, received: dt.date, inbox: Path | None = None
           ) -> Ingested:
    """Read every new or changed inbox file once and remember it (or why it was skipped),
    received on `received`.

    `inbox` is a one-off folder (`run --inbox`); its files are kept apart from the regular
    inbox's, so scanning it never marks the regular inbox's files gone.
    """
    folder, source = _source(config, inbox)
    extra = (str(config.residue_file),) if config.residue_file else ()
    outlets = (str(config.outlets_file),) if config.outlets_file else ()
    clean.residue_patterns(extra)  # a bad pattern stops the run before anything is read
    known = store.signatures()  # files unchanged since they were hashed are not read again
    scan = discover(folder, config.allow_hard_links, known)
    for problem in scan.problems:  # not recorded: the next run looks again
        log.warning("%s/%s: skipped: %s", display(folder), problem.relpath, problem.reason)
    deleted = store.sync_source(source, {f.relpath: f.sha256 for f in scan.files},
                                tuple(scan.unsure))
    store.remember_signatures([f for f in scan.files
                               if f.signature not in known.get(f.relpath, {})])
    with store.batch():
        new, read, skipped, claims = _read_new(config, store, scan.files, source, extra,
                                               outlets, received)
    if claims:  # the figures found where the articles were read
        store.keep_claims(known_claims.code_key(), claims)
    return Ingested(found=len(scan.files), new=new, read=read,
                    skipped=tuple(scan.problems) + skipped, deleted=tuple(deleted))


def _read_new(config: Config, store: Store, files: list[FoundFile], source: str,
              extra: tuple[str, ...], outlets: tuple[str, ...], received: dt.date
              ) -> tuple[int, int, tuple[Skipped, ...], dict[tuple[str, str], str]]:
    """(files new or changed, files read, files skipped, the read articles' figures) of this
    scan. The engine turns bytes into articles and finds their figures (here, in a process
    pool or on a Dask cluster); the state is written here, in the scan's order."""
    key = readers.analysis_key(extra, outlets)
    todo = []
    for item in files:
        if store.known(item):
            log.info("%s: unchanged since it was read", display(item.path))
        else:
            todo.append(item)
    read = 0
    skipped: list[Skipped] = []
    if not todo:  # no cluster started for nothing
        return 0, 0, (), {}
    work = Work(extra, outlets, tuple(dict.fromkeys(t.measures for t in config.topics
                                                    if t.measures)),
                config.ledger.attribution_verbs, config.topics)
    claims: dict[tuple[str, str], str] = {}
    # Each article's words and terms found, made where it was read, kept in this batch.
    made = Held(store.keep_words, kept_words.key())
    terms = Held(store.keep_terms_found, kept_terms.key(config.topics))
    with engine(config.scale, len(todo)) as runner:
        outcomes = runner.outcomes(todo, config.max_file_kb * 1024, work)
        for outcome in progress.track(outcomes, "Reading", len(todo)):
            item, article = outcome.found, outcome.article
            if outcome.retry:  # I/O trouble, not a verdict: try again next run
                log.warning("%s: skipped: %s", display(item.path), outcome.problem)
                skipped.append(Skipped(display(item.relpath), outcome.problem))
                continue
            if article is None:
                skipped.append(_skip(store, item, outcome.problem, source, received))
                continue
            for note in article.notes:
                log.warning("%s: %s", display(item.path), note)
            store.add_version(item, article, source=source, received=received,
                              raw=outcome.data, analysis=key)
            article_id = known_claims.article_key(article)
            for rules, found in outcome.claims:
                claims[(article_id, rules)] = found
            if outcome.words is not None:
                made.add(article_id, outcome.words)
            if outcome.terms is not None:
                terms.add(article_id, outcome.terms)
            log.info("%s: read: %r (%s, %s)", display(item.path), article.title,
                     article.outlet or "outlet unknown",
                     article.published.isoformat() if article.published else "date unknown")
            read += 1
    made.flush()
    terms.flush()
    return len(todo), read, tuple(skipped), claims


def _source(config: Config, inbox: Path | None) -> tuple[Path, str]:
    """The folder to scan and its source key: '' for the configured inbox."""
    if inbox is None or inbox.resolve() == config.inbox.resolve():
        return config.inbox, ""
    return inbox, str(inbox.resolve())


def _skip(store: Store, item: FoundFile, reason: str, source: str,
          received: dt.date) -> Skipped:
    """A verdict on the file's content: recorded, so it is reported once."""
    log.warning("%s: skipped: %s", display(item.path), reason)
    store.add_version(item, None, reason, source, received=received)
    return Skipped(display(item.relpath), reason)


def run(config: Config, date: dt.date, include_all: bool = False, rebuild: bool = False,
        send: bool = True, inbox: Path | None = None, received: dt.date | None = None) -> Report:
    """Build the edition for `date` from what is new in the inbox (or everything, or again),
    then send whatever e-mail is due. One run at a time (lock.Busy otherwise). `received`:
    the day new files count as received (a back-fill reads them as of its last day)."""
    preflight(config)
    with run_lock(config.database), Store(config.database) as store:
        remove_stale_temp_files(config.out_dir)
        finish_interrupted(config, store)
        map_large_blocks()
        with fewer_collections():
            ingested = ingest(config, store, received or date, inbox)
            failpoints.reached("run-ingested")
            built = build(config, store, date, ingested.skipped, include_all, rebuild,
                          _source(config, inbox)[1])
        failpoints.reached("edition-done")
        delivery = deliver(config, store) if config.email.enabled and send else None
        store.record_run(date, "built" if built.written else "nothing new")
    return Report.of(date, ingested, built, delivery)


def preflight(config: Config) -> None:
    """What would fail every article or every edition is a ConfigError before anything is
    read: a residue pattern that does not compile, a template that does not."""
    clean.residue_patterns((str(config.residue_file),) if config.residue_file else ())
    check_engine(config.scale)
    problems = render.template_problems(config.templates)
    if problems:
        raise ConfigError("\n".join(problems))


def ingest_only(config: Config) -> Report:
    """Read new inbox files now (the scheduler's interval job); build nothing."""
    today = dt.date.today()
    with run_lock(config.database), Store(config.database) as store:
        return Report.of(today, ingest(config, store, today))


def backfill(config: Config, since: dt.date, until: dt.date,
             inbox: Path | None = None) -> list[Report]:
    """Run every day from since to until that no run has dealt with yet, oldest first:
    each edition gets the articles of its day. Files are received as of `until` (the day
    they really arrive), so an undated file waits for that day's edition."""
    with Store(config.database) as store:
        days = [since + dt.timedelta(days=n) for n in range((until - since).days + 1)]
        days = [d for d in days if not store.has_run(d)]
    return [run(config, day, inbox=inbox, received=until) for day in days]


def dry_run(config: Config, date: dt.date, include_all: bool = False,
            inbox: Path | None = None) -> tuple[Report, list[Planned]]:
    """Build in a scratch copy of the state and say what would be sent. Nothing real is
    written, recorded or sent."""
    with scratch_copy(config.database) as database:
        scratch = replace(config, database=database, out_dir=database.parent / "out")
        report = run(scratch, date, include_all=include_all, send=False, inbox=inbox)
        with Store(scratch.database) as store:
            planned = plan(scratch, store)
    return replace(report, markdown=None, pdf=None), planned  # scratch files, gone now


def build(config: Config, store: Store, date: dt.date, skipped: tuple[Skipped, ...],
          include_all: bool, rebuild: bool, source: str = "") -> Built:
    """Choose the edition's articles and write it (or say why nothing was written)."""
    previous = store.edition(date)
    if rebuild:
        if previous is None:
            raise NotFound(f"no edition for {date.isoformat()} to rebuild; build it with "
                           "briefing run")
        return Built(write_edition(config, store, date, store.edition_versions(date),
                                   previous.skipped, frozen=store.may_have_been_received(date)))
    if include_all:
        versions = store.everything(source)
    else:
        # An article belongs to the edition of its day, never to one dated before it.
        versions = [v for v in store.pending(source) if v.day <= date]
        if not versions:
            return Built(message="nothing new: no edition written")
        if previous is not None:
            if store.may_have_been_received(date):
                # Never change what a recipient may have: late articles wait for the next day.
                return Built(message=f"edition {date.isoformat()} was already e-mailed; "
                                     f"{len(versions)} new articles wait for the next edition")
            versions = store.edition_versions(date) + versions  # same day: extend it
            skipped = previous.skipped + skipped
    # --all on a day already mailed: only if it comes out byte for byte the same.
    return Built(write_edition(config, store, date, versions, skipped,
                               frozen=previous is not None and
                               store.may_have_been_received(date)))


def remove_stale_temp_files(out_dir: Path) -> None:
    """Temp files left by a killed run (we hold the lock, so none is being written)."""
    for tmp in out_dir.glob("*/.*.tmp"):
        log.info("removing %s left by an interrupted run", tmp)
        tmp.unlink(missing_ok=True)


def finish_interrupted(config: Config, store: Store) -> None:
    """Complete every edition a killed run left recorded as 'writing': its articles are
    claimed by it, so it is finished (its files checked or written again), never dropped."""
    for record in store.interrupted_editions():
        if _files_match(record):
            log.warning("edition %s was interrupted after its files were written; "
                        "recording it as done", record.date)
            store.finish_edition(record.date, queue(config, record.date))
            continue
        log.warning("edition %s was interrupted while its files were written; "
                    "writing it again", record.date)
        try:
            write_edition(config, store, record.date,
                          store.edition_versions(record.date), record.skipped,
                          frozen=store.may_have_been_received(record.date))
        except FrozenEdition as exc:
            # Sent before, and it can no longer be reproduced: keep what is on disk, and
            # let delivery refuse files that do not match the record.
            log.error("%s", exc)
            store.finish_edition(record.date, queue(config, record.date))


def _files_match(record: EditionRecord) -> bool:
    def sha(path: Path | None) -> str | None:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path and path.is_file() else None

    return (sha(record.markdown_path) == record.markdown_sha256
            and sha(record.pdf_path) == record.pdf_sha256)


def write_edition(config: Config, store: Store, date: dt.date, versions: list[Version],
                  skipped: tuple[Skipped, ...], frozen: bool = False) -> Written:
    """Render Markdown (and PDF) in memory, record the edition as being written, put both
    files in place atomically, then record it done (with its e-mails queued).

    `frozen`: a recipient may already have this edition, so it may only be written again
    byte for byte (e.g. to restore deleted files), never changed.
    """
    articles = _latest_per_path(versions)
    if not frozen:
        articles = reanalyse(config, store, articles)
    bar = progress.Bar("Building", 3 if config.pdf else 2)  # closed below, or by the CLI
    told = store.told_before(date)  # what earlier editions told the reader
    # What the reader was given in earlier editions: the timeline's story, and where a
    # measure's last figure comes from when this edition has none.
    earlier = store.story_versions(date, before=True) \
        if config.timeline.enabled or any(t.measures for t in config.topics) else []
    # The story's figures and every article's words, found once per article.
    with known_claims.kept(store), kept_words.kept(
            store, [v.article for v in articles] + [v.article for v in earlier]):
        timeline = _timeline(config, date, earlier + versions, told) \
            if config.timeline.enabled else None
        found = kept_terms.find(store, config.topics, [v.article for v in articles])
        own = {v.article.relpath for v in articles}
        briefing = build_briefing(config, [v.article for v in articles], date, skipped,
                                  timeline, told, found,
                                  [v.article for v in _latest_per_path(earlier)
                                   if v.article.relpath not in own])
    bar.advance()
    folder = config.out_dir / date.isoformat()
    data = render.render_markdown(briefing, config.templates).encode("utf-8")
    bar.advance()
    md_sha = hashlib.sha256(data).hexdigest()
    if frozen:
        previous = store.edition(date)
        if previous is not None and previous.markdown_sha256 != md_sha:
            raise FrozenEdition(
                f"edition {date.isoformat()} has been e-mailed, and rebuilding it now "
                "would change it; it is left as it is (build a new edition with --date)")
    pdf = pdf_path = None
    if config.pdf:
        html = render.render_html(briefing, data.decode("utf-8"), config.templates,
                                  config.author, config.language)
        pdf = render.render_pdf(html, config.templates, config.pdf_variant)
        pdf_path = folder / config.pdf_name
        bar.advance()
    bar.close()
    md_path = folder / config.markdown_name
    store.begin_edition(date, [v.id for v in articles], md_path, pdf_path, md_sha,
                        hashlib.sha256(pdf).hexdigest() if pdf is not None else None, skipped,
                        told_by(briefing))
    failpoints.reached("edition-recorded")
    if pdf_path is not None and pdf is not None:
        render.write_atomic(pdf_path, pdf)
    render.write_atomic(md_path, data)
    failpoints.reached("edition-files-written")
    store.finish_edition(date, queue(config, date))
    return Written(len(articles), md_path, pdf_path)


def _timeline(config: Config, date: dt.date, versions: list[Version], told: Told) -> Timeline:
    """The story so far: every article of the editions up to this one, and this one's
    (`versions`); marked with what it gained since the timeline the previous edition showed."""
    story = [v.article for v in _latest_per_path(versions)]
    return story_timeline(config, story, date, told)


def reanalyse(config: Config, store: Store, versions: list[Version]) -> list[Version]:
    """Articles made by older reading or cleaning code (or other residue patterns) are made
    again from their stored bytes, so improvements reach articles read before them."""
    extra = (str(config.residue_file),) if config.residue_file else ()
    outlets = (str(config.outlets_file),) if config.outlets_file else ()
    key = readers.analysis_key(extra, outlets)
    out = []
    for version in versions:
        raw = store.raw(version.id) if version.analysis != key else None
        if raw is None:  # current, or read before bytes were kept
            out.append(version)
            continue
        old = version.article
        found = FoundFile(Path(old.relpath), old.relpath, len(raw), old.sha256)
        try:
            article = readers.parse(found, raw, extra, outlets)
        except Exception as exc:  # the new code cannot use it: keep what the old one made
            log.warning("%s: kept as first read; reading it again failed: %s", old.relpath, exc)
            out.append(version)
            continue
        store.replace_article(version.id, article, key)
        out.append(Version(version.id, replace(article, received=old.received), key))
    return out


def _latest_per_path(versions: list[Version]) -> list[Version]:
    latest: dict[str, Version] = {}
    for version in versions:
        current = latest.get(version.article.relpath)
        if current is None or version.id > current.id:
            latest[version.article.relpath] = version
    return sorted(latest.values(), key=lambda v: v.id)
