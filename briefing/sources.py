"""Discover the inbox's article files; decide which are safe to read; read them safely."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FileUnavailable, InboxError, ReadError
from .models import FoundFile, Skipped

log = logging.getLogger(__name__)

KINDS = (".txt", ".md", ".markdown", ".html", ".htm")
PARTIAL = (".tmp", ".part", ".partial", ".crdownload", ".swp")
RETRY = "will try again next run"


@dataclass
class Scan:
    """One look at the inbox: the files to consider, and what could not be looked at."""

    files: list[FoundFile] = field(default_factory=list)
    problems: list[Skipped] = field(default_factory=list)  # reported every run, not recorded
    unsure: list[str] = field(default_factory=list)  # relpaths whose state is unknown now


def discover(inbox: Path, allow_hard_links: bool = False,
             known: Mapping[str, Mapping[str, str]] | None = None) -> Scan:
    """Every article file under inbox, sorted by relative path.

    `known` maps relpath -> {signature: sha256} from earlier scans (Store.signatures): a file
    whose size, times, device and inode are those of a known version is not read again.

    Dotfiles, partial downloads, symlinks and anything resolving outside the inbox are
    passed over with a log line: a writer that saves then renames never shows us half a file.
    An inbox that cannot be listed raises InboxError (it is not an empty inbox); a subfolder
    or file that cannot be read is reported, and what it holds is left as it was. A file with
    other hard links may be a file from anywhere on the machine linked in: reported and
    passed over unless `allow_hard_links`.
    """
    root = inbox.resolve()
    scan = Scan()

    def listing_failed(exc: OSError) -> None:
        where = Path(exc.filename or root)
        if where == root:
            raise InboxError(f"{root}: cannot read the inbox: {exc.strerror or exc}")
        rel = where.relative_to(root).as_posix()
        scan.unsure.append(rel)
        scan.problems.append(Skipped(display(rel), f"folder could not be read "
                                                   f"({exc.strerror or exc}); {RETRY}"))

    try:
        os.listdir(root)
    except OSError as exc:
        exc.filename = str(root)
        listing_failed(exc)
    for dirpath, dirnames, filenames in os.walk(root, onerror=listing_failed,
                                                followlinks=False):
        here = Path(dirpath)
        # A file that is no symlink resolves where its folder does: one resolve per folder,
        # not per file (a path's resolve reads every component of it).
        inside = here.resolve().is_relative_to(root)
        for name in sorted(dirnames):
            if name.startswith(".") or (here / name).is_symlink():
                log.info("ignored %s: %s", display(here / name),
                         "hidden folder" if name.startswith(".") else "symlinked folder")
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(filenames):
            path = here / name
            relpath = path.relative_to(root).as_posix()
            if not _valid_name(relpath):
                scan.problems.append(Skipped(display(relpath), "file name is not valid UTF-8;"
                                                               " rename the file"))
                continue
            reason = _ignore_reason(path, inside)
            if reason:
                log.info("ignored %s: %s", display(path), reason)
                continue
            if path.suffix.lower() not in KINDS:
                log.debug("ignored %s: not .txt, .md or .html", display(path))
                continue
            try:
                size, sha256, info, signature = _scan_file(path, (known or {}).get(relpath))
            except FileNotFoundError:
                continue  # gone since the folder was listed: it is simply not there
            except OSError as exc:
                scan.unsure.append(relpath)
                scan.problems.append(Skipped(display(relpath), unavailable(exc)))
                continue
            except ReadError as exc:  # not a regular file (also if it was swapped for one)
                log.info("ignored %s: %s", display(path), exc)
                continue
            if info.st_nlink > 1 and not allow_hard_links:
                scan.unsure.append(relpath)
                scan.problems.append(Skipped(display(relpath), (
                    f"hard link ({info.st_nlink} links): it may be a file from elsewhere on "
                    "this machine; set allow_hard_links = true in [briefing] to read it")))
                continue
            scan.files.append(FoundFile(path=path, relpath=relpath, size=size, sha256=sha256,
                                        inode=(info.st_dev, info.st_ino),
                                        links=info.st_nlink, signature=signature))
    scan.files.sort(key=lambda f: f.relpath)
    return scan


def _valid_name(relpath: str) -> bool:
    # os.walk hands undecodable bytes back as surrogates; such a name cannot be stored,
    # logged or shown faithfully.
    try:
        relpath.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def display(name: object) -> str:
    r"""A file name safe to print or render, and still enough to find the file: undecodable
    bytes and control characters (terminal escapes, NUL, newlines) are shown as \xNN."""
    text = str(name)
    if text.isprintable():  # no control character, no undecodable byte: shown as it is
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(f"\\x{ord(ch):02x}" if _is_control(ch) else ch for ch in text)


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code < 0xA0


def unavailable(exc: BaseException) -> str:
    """The reason for a file that could not be read this time."""
    if isinstance(exc, FileUnavailable):
        return str(exc)
    detail = getattr(exc, "strerror", None) or str(exc)
    return f"could not be read ({detail}); {RETRY}"


def _ignore_reason(path: Path, folder_inside: bool) -> str | None:
    """Why path is passed over, if it is; `folder_inside`: its folder resolves inside the
    inbox."""
    name = path.name
    if name.startswith("."):
        return "hidden file"
    if name.lower().endswith(PARTIAL) or name.startswith("~") or name.endswith("~"):
        return "partial or temporary file"
    if path.is_symlink():
        return "symlink (not followed)"
    if not folder_inside:
        return "resolves outside the inbox"
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return "not a regular file"
    except OSError:
        return None  # file_hash meets the same error and reports it
    return None


def open_regular(path: Path) -> int:
    """A file descriptor for path, only if it is a regular file.

    O_NONBLOCK: a FIFO put in the file's place would otherwise block the open (and the run,
    holding its lock) forever; O_NOFOLLOW: a symlink put in its place is not followed.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError("became a symlink (not followed)") from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise ReadError("not a regular file")
    return fd


def file_hash(path: Path) -> tuple[int, str]:
    """Size and SHA-256 of the file's bytes, read in chunks so a large file costs no memory."""
    size, digest, _, _ = _scan_file(path)
    return size, digest


# A file changed less than this long before it was hashed gets no signature: a write in the
# same tick of the file system's clock (coarse: milliseconds, or seconds on some) could leave
# size and times as they were (git's "racily clean" files).
QUIET_NS = 2_000_000_000


def signature(info: os.stat_result) -> str:
    """Size, modification and change times, device and inode. A write changes the change
    time (which, unlike the modification time, cannot be set back); a file replaced by
    another, or moved, has another inode or change time."""
    return (f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_dev}:"
            f"{info.st_ino}")


def _scan_file(path: Path, known: Mapping[str, str] | None = None
               ) -> tuple[int, str, os.stat_result, str | None]:
    """Size, SHA-256, stat and signature (None if the file is too fresh to trust it later).
    A file whose signature is known keeps the known hash and is not read."""
    fd = open_regular(path)
    info = os.fstat(fd)
    mark = signature(info)
    if known is not None and mark in known:
        os.close(fd)
        return info.st_size, known[mark], info, mark
    digest = hashlib.sha256()
    size = 0
    with os.fdopen(fd, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
            size += len(chunk)
    quiet = time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) >= QUIET_NS
    return size, digest.hexdigest(), info, mark if quiet and size == info.st_size else None


def read_bytes(found: FoundFile, max_bytes: int) -> bytes:
    """The file's bytes, exactly those that were hashed (else FileUnavailable: retried).

    Raises ReadError for a verdict on the content (empty, too large, not a regular file).
    """
    if found.size == 0:
        raise ReadError("empty file")
    if found.size > max_bytes:
        raise ReadError(f"too large ({found.size:,} bytes; the limit is {max_bytes:,})")
    try:
        fd = open_regular(found.path)
        info = os.fstat(fd)
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise FileUnavailable(unavailable(exc)) from None
    except ReadError as exc:  # swapped for a FIFO or a link since the scan
        raise FileUnavailable(f"{exc} since the inbox was scanned; {RETRY}") from None
    if found.inode is not None and (info.st_dev, info.st_ino) != found.inode:
        raise FileUnavailable(f"replaced by another file since the inbox was scanned; {RETRY}")
    if info.st_nlink > found.links:
        raise FileUnavailable(f"gained a hard link since the inbox was scanned; {RETRY}")
    if hashlib.sha256(data).hexdigest() != found.sha256:
        raise FileUnavailable(f"changed while being read; {RETRY}")
    return data
