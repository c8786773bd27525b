"""Discover the inbox's article files; decide which are safe to read."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from .models import FoundFile

log = logging.getLogger(__name__)

KINDS = (".txt", ".md", ".markdown", ".html", ".htm")
PARTIAL = (".tmp", ".part", ".partial", ".crdownload", ".swp")


def discover(inbox: Path) -> list[FoundFile]:
    """Every article file under inbox, sorted by relative path.

    Dotfiles, partial downloads, symlinks and anything resolving outside the inbox are
    passed over with a log line: a writer that saves then renames never shows us half a file.
    """
    root = inbox.resolve()
    found: list[FoundFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for name in sorted(dirnames):
            if name.startswith(".") or (here / name).is_symlink():
                log.info("ignored %s: %s", here / name,
                         "hidden folder" if name.startswith(".") else "symlinked folder")
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(filenames):
            path = here / name
            reason = _ignore_reason(path, root)
            if reason:
                log.info("ignored %s: %s", path, reason)
                continue
            if path.suffix.lower() not in KINDS:
                log.debug("ignored %s: not .txt, .md or .html", path)
                continue
            found.append(FoundFile(path=path, relpath=path.relative_to(root).as_posix(),
                                   size=path.stat().st_size, sha256=file_hash(path)))
    return sorted(found, key=lambda f: f.relpath)


def _ignore_reason(path: Path, root: Path) -> str | None:
    name = path.name
    if name.startswith("."):
        return "hidden file"
    if name.lower().endswith(PARTIAL) or name.startswith("~") or name.endswith("~"):
        return "partial or temporary file"
    if path.is_symlink():
        return "symlink (not followed)"
    if not path.resolve().is_relative_to(root):
        return "resolves outside the inbox"
    if not path.is_file():
        return "not a regular file"
    return None


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes, read in chunks so a large file costs no memory."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
