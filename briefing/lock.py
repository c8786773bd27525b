"""One run at a time: a non-blocking flock on a file next to the state database."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import Busy

__all__ = ["Busy", "run_lock", "close_inherited"]

_held: set[int] = set()  # descriptors of the locks this process holds


@contextmanager
def run_lock(database: Path) -> Iterator[None]:
    """Hold the lock for the block. The kernel drops it if the process dies: no stale locks."""
    path = database.with_name(database.name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another briefing run holds {path}; try again later") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        _held.add(fd)
        yield
    finally:
        _held.discard(fd)
        os.close(fd)


def close_inherited() -> None:
    """In a process forked from a run (a pool worker): let go of the run's lock, which a
    flock shares with every copy of its descriptor, so that the lock ends with the run even
    if a worker outlives it."""
    for fd in list(_held):
        os.close(fd)
    _held.clear()
