"""Named points where a test can kill the process, to prove that a kill there loses nothing.

`BRIEFING_FAILPOINT=name` (or `name:N` for the N-th time the point is reached) makes the
process SIGKILL itself at that point. Unset, each call is one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_hits: Counter[str] = Counter()


def reached(name: str) -> None:
    """Die here if the environment names this point (used by the crash tests only)."""
    wanted = os.environ.get("BRIEFING_FAILPOINT")
    if not wanted:
        return
    point, _, count = wanted.partition(":")
    if point != name:
        return
    _hits[name] += 1
    if _hits[name] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)
