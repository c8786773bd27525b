"""Progress bars for long steps: shown on a terminal once a step has taken a while, never
on a pipe, under cron or with -q / -v (which prints a line per file instead)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

DELAY = 1.5  # seconds a step runs before a bar appears: quick runs stay one line

_stream: TextIO | None = None  # set by the CLI: where bars go, or None for no bars
_shown = False  # a bar is on screen: a log line must clear it first


def enable(stream: TextIO | None) -> None:
    """Show bars on stream if it is a terminal; None (the default) shows none."""
    global _stream
    _stream = stream if stream is not None and stream.isatty() else None


def clear_line() -> None:
    """Before a log line: erase a bar drawn on the same line (it is redrawn on its next step)."""
    if _shown and _stream is not None:
        _stream.write("\r\033[K")


class Bar:
    """One step's bar, drawn only once the step has run for DELAY seconds."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0
        self.started = time.monotonic()
        self._bar: Any = None

    def advance(self, n: int = 1) -> None:
        global _shown
        self.done += n
        if _stream is None or self.total < 2:
            return
        if self._bar is None:
            if time.monotonic() - self.started < DELAY:
                return
            import click

            self._bar = click.progressbar(length=self.total, label=self.label, file=_stream,
                                          show_pos=True)
            self._bar.__enter__()
            _shown = True
            self._bar.update(self.done)
        else:
            self._bar.update(n)

    def close(self) -> None:
        global _shown
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            _shown = False


@contextmanager
def step(label: str, total: int) -> Iterator[Bar]:
    """A bar for a step of `total` parts; call .advance() after each."""
    bar = Bar(label, total)
    try:
        yield bar
    finally:
        bar.close()


def track(items: Sequence[T] | Iterable[T], label: str, total: int | None = None
          ) -> Iterator[T]:
    """Yield items, advancing a bar after each."""
    count = total if total is not None else len(items)  # type: ignore[arg-type]
    with step(label, count) as bar:
        for item in items:
            yield item
            bar.advance()
