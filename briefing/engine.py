"""Where the per-article work runs: in this process, or on a Dask cluster ([scale] engine).

The work is readers.parse (decode, clean, split into sentences, find dates), and each
article's figures (known_claims) and words (kept_words), on bytes this process has read.
Everything about the state stays here: which files are new, the SQLite file, the order
articles are stored in. Results come back in the order the files were given (each batch
keyed by its files' content hashes), never in the order workers finish, so the edition is
the same byte for byte whichever engine made it.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from . import kept_terms, kept_words, known_claims, lock, readers
from .config import MeasureConfig, ScaleConfig, TopicConfig
from .errors import ConfigError, FileUnavailable, ReadError
from .models import Article, FoundFile
from .sources import read_bytes

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = "20s"  # to reach a running scheduler
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends
POOL_BATCHES = 2  # a local pool only for at least this many batches per worker
# A local pool's batches may be smaller than batch_size (a pool's task costs far less than a
# Dask task), down to this many articles: +100 new articles are read on both cores.
POOL_MIN_BATCH = 20
T = TypeVar("T")
NO_DASK = ("[scale] engine = \"dask\" needs Dask: pip install 'briefing[dask]' "
           "(or engine = \"local\")")


@dataclass(frozen=True)
class Outcome:
    """What became of one file: its article, or why there is none."""

    found: FoundFile
    data: bytes | None = None  # the bytes read (None: they could not be read)
    article: Article | None = None
    problem: str = ""  # why there is no article
    retry: bool = False  # the file could not be read this time (not a verdict on it)
    claims: tuple[tuple[str, str], ...] = ()  # (rules, claims as kept: known_claims)
    words: tuple[bytes, ...] | None = None  # its words as kept (kept_words; None: not made)
    terms: str | None = None  # what the topics' terms found in it, as kept (kept_terms)


@dataclass(frozen=True)
class Work:
    """What the per-article work needs besides the bytes: the user's residue and outlets
    files, the measures (per topic that tracks figures) and verbs its figures are found
    with, and the topics whose terms are searched for: each article's figures, words and
    terms found are found where it is read."""

    extra_residue: tuple[str, ...] = ()
    extra_outlets: tuple[str, ...] = ()
    measures: tuple[tuple[MeasureConfig, ...], ...] = ()
    verbs: tuple[str, ...] = ()
    topics: tuple[TopicConfig, ...] = ()

    def key(self) -> str:
        """The code and data that turn bytes into articles, figures, words and terms found."""
        return ":".join((readers.analysis_key(self.extra_residue, self.extra_outlets),
                         known_claims.code_key(), kept_words.key(),
                         kept_terms.key(self.topics)))


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back per file: the article, its figures, its words and the
    topics' terms found in it (each as kept in the state; None: not found, found again
    when the edition is built), or no article and the reason."""

    article: Article | None
    problem: str = ""
    claims: tuple[tuple[str, str], ...] = ()
    words: tuple[bytes, ...] | None = None
    terms: str | None = None


def parse_batch(batch: list[tuple[FoundFile, bytes]], work: Work
                ) -> tuple[str, list[tuple[tuple[str, str], Parsed]]]:
    """The articles in a batch of files' bytes, each keyed by its content hash and path, and
    the key of the code that made them (the caller checks it is its own). Runs on a worker:
    a file that cannot be parsed gives its reason, never an exception."""
    out = [((found.sha256, found.relpath), parse_one(found, data, work))
           for found, data in batch]
    return work.key(), out


def parse_one(found: FoundFile, data: bytes, work: Work) -> Parsed:
    try:
        article = readers.parse(found, data, work.extra_residue, work.extra_outlets)
    except ReadError as exc:
        return Parsed(None, str(exc))
    except Exception as exc:  # a reader bug must not cost the other files
        log.debug("%s: reader failed", found.relpath, exc_info=True)
        return Parsed(None, f"could not be read ({type(exc).__name__}: {exc})")
    # Each found again when the edition is built (where a bug shows) if it fails here.
    claims = _or_none(found, "figures", lambda: tuple(
        (known_claims.rules_key(m, work.verbs), known_claims.found(article, m, work.verbs))
        for m in work.measures))
    return Parsed(article, "", claims or (),
                  _or_none(found, "words", lambda: kept_words.made(article)),
                  _or_none(found, "topics' terms", lambda: kept_terms.found_in(article,
                                                                               work.topics)))


def _or_none(found: FoundFile, what: str, make: Callable[[], T]) -> T | None:
    try:
        return make()
    except Exception:
        log.debug("%s: %s not found", found.relpath, what, exc_info=True)
        return None


def _read(found: FoundFile, max_bytes: int) -> Outcome | bytes:
    try:
        return read_bytes(found, max_bytes)
    except FileUnavailable as exc:  # I/O trouble, not a verdict: try again next run
        return Outcome(found, problem=str(exc), retry=True)
    except ReadError as exc:
        return Outcome(found, problem=str(exc))


class Local:
    """One file after the other, in this process."""

    def outcomes(self, files: Iterable[FoundFile], max_bytes: int, work: Work
                 ) -> Iterator[Outcome]:
        for found in files:
            data = _read(found, max_bytes)
            if isinstance(data, Outcome):
                yield data
                continue
            yield _outcome(found, data, parse_one(found, data, work))


class Batches:
    """Batches of files sent to workers (a Dask cluster's, or a local process pool's) with
    `submit(fn, *args) -> future`, a few batches per worker in flight at a time (so the bytes
    held here stay bounded), taken back in the order sent."""

    def __init__(self, submit: Callable[..., Any], batch_size: int, in_flight: int) -> None:
        self.submit = submit
        self.batch_size = max(1, batch_size)
        self.in_flight = max(2, in_flight)

    def outcomes(self, files: Iterable[FoundFile], max_bytes: int, work: Work
                 ) -> Iterator[Outcome]:
        key = work.key()
        window: deque[tuple[list[Outcome | bytes], list[FoundFile], Any]] = deque()
        for chunk in _chunks(files, self.batch_size):
            read = [_read(found, max_bytes) for found in chunk]
            batch = [(found, data) for found, data in zip(chunk, read, strict=True)
                     if isinstance(data, bytes)]
            future = self.submit(parse_batch, batch, work) if batch else None
            window.append((read, chunk, future))
            while len(window) > self.in_flight:
                yield from _collect(*window.popleft(), key)
        while window:
            yield from _collect(*window.popleft(), key)


def _collect(read: list[Outcome | bytes], chunk: list[FoundFile], future: Any, key: str
             ) -> Iterator[Outcome]:
    """A batch's outcomes in the order its files were given."""
    parsed: dict[tuple[str, str], Parsed] = {}
    if future is not None:
        their_key, results = future.result()
        if their_key != key:
            raise ConfigError(
                f"the Dask workers turn files into articles with other code or data than "
                f"this machine (code key {their_key}, here {key}): install the same "
                f"briefing version on them, with the same residue and outlets files")
        parsed = dict(results)
    for found, data in zip(chunk, read, strict=True):
        if isinstance(data, Outcome):
            yield data
            continue
        yield _outcome(found, data, parsed[(found.sha256, found.relpath)])


def _outcome(found: FoundFile, data: bytes, parsed: Parsed) -> Outcome:
    return Outcome(found, data, parsed.article, parsed.problem, claims=parsed.claims,
                   words=parsed.words, terms=parsed.terms)


def _chunks(files: Iterable[FoundFile], size: int) -> Iterator[list[FoundFile]]:
    chunk: list[FoundFile] = []
    for found in files:
        chunk.append(found)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


Engine = Local | Batches


@contextmanager
def _pool(workers: int) -> Iterator[Any]:
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers start at once with the readers imported; a forked child only parses
    # bytes (never touching the state's connection). A process with other threads (the
    # built-in scheduler's) forks from a clean server process instead, since a thread could
    # hold a lock at the moment of the fork.
    method = "fork" if threading.active_count() == 1 else "forkserver"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["briefing.engine"])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start,
                             initargs=(os.getpid() if method == "fork" else None,)) as pool:
        yield pool


def _worker_start(parent: int | None) -> None:
    """A pool worker holds nothing of the run's (its lock) and ends with it: a run killed
    with SIGKILL leaves no worker behind to keep the lock or wait forever."""
    lock.close_inherited()
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:  # the run ended before the line above
        os._exit(0)


def _dask_submit(client: Any) -> Callable[..., Any]:
    def submit(fn: Callable[..., Any], *args: Any) -> Any:
        return client.submit(fn, *args, pure=False)  # the same bytes twice: two files

    return submit


def check_engine(scale: ScaleConfig) -> None:
    """A ConfigError before anything is read if the engine asked for is not installed."""
    if scale.engine == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ConfigError(NO_DASK) from None


@contextmanager
def engine(scale: ScaleConfig, files: int) -> Iterator[Engine]:
    """The engine the config asks for, for `files` files to read, for the length of a run
    (a process pool or LocalCluster started for it is stopped at the end)."""
    if scale.engine != "dask":
        workers = scale.workers or os.cpu_count() or 1
        batch = min(scale.batch_size, files // (POOL_BATCHES * workers))
        if workers == 1 or batch < min(scale.batch_size, POOL_MIN_BATCH):
            yield Local()  # a pool would cost more than it saves
            return
        with _pool(workers) as pool:
            yield Batches(pool.submit, batch, 2 * workers)
        return
    check_engine(scale)
    from distributed import Client, LocalCluster

    if scale.scheduler_address:
        try:
            client = Client(scale.scheduler_address, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            raise ConfigError(f"[scale] scheduler_address: cannot reach the Dask scheduler at "
                              f"{scale.scheduler_address}: {exc}") from None
        with client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield Batches(_dask_submit(client), scale.batch_size, 2 * workers)
        return
    workers = scale.workers or os.cpu_count() or 1
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
        yield Batches(_dask_submit(client), scale.batch_size, 2 * workers)
