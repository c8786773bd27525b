"""Fault matrix, kills: SIGKILL at every named point of a run (deterministic), then at random
moments of a week of runs (a fixed seed, a bounded count). Afterwards every article is in
exactly one edition, the state and the files agree, and every recipient has each edition
once (twice and identical only where the kill fell between the server's 250 and our record)."""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from .faults import EXE, Workspace

ANN, BOB = "ann@example.org", "bob@example.org"
D1, D2 = "2025-09-01", "2025-09-02"


POINTS = [
    ("run-ingested", set()),
    ("edition-recorded", set()),
    ("edition-files-written", set()),
    ("edition-done", set()),
    ("delivery-sending", set()),
    ("delivery-sending:2", set()),
    ("delivery-accepted", {(D1, ANN)}),
    ("delivery-accepted:2", {(D1, BOB)}),
]


@pytest.mark.parametrize("point,window", POINTS, ids=[p for p, _ in POINTS])
def test_kill_at_each_point(tmp_path: Path, smtp, point: str,  # type: ignore[no-untyped-def]
                            window: set[tuple[str, str]]) -> None:
    handler, port = smtp
    ws = Workspace(tmp_path, handler=handler, pdf=True)
    ws.mail(port, (ANN, BOB))
    ws.add(1), ws.add(2)
    killed = ws.run("run", "--date", D1, env={"BRIEFING_FAILPOINT": point})
    assert killed.exit_code == -signal.SIGKILL, killed.stderr
    ws.fault()
    ws.add(3)
    again = ws.run("run", "--date", D1)  # the same day, with a late article
    assert again.exit_code == 0, again.stderr
    later = ws.run("run", "--date", D2)
    assert later.exit_code == 0, later.stderr
    ws.check(window=window)


def run_and_kill(argv: list[str], delay: float) -> int:
    """Start a run, wait until it is past its imports (its first log line), let it work for
    `delay` seconds, SIGKILL it; its exit code (-9 if the kill came first)."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = threading.Event()

    def drain() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("briefing: "):
                started.set()
        started.set()  # ended before saying anything

    reader = threading.Thread(target=drain)
    reader.start()
    started.wait(120)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    code = proc.wait(timeout=60)
    reader.join()
    return code


def test_random_kills_over_a_week(tmp_path: Path, smtp) -> None:  # type: ignore[no-untyped-def]
    handler, port = smtp
    ws = Workspace(tmp_path, handler=handler, pdf=True)
    ws.mail(port, (ANN, BOB))
    rng = random.Random(9)
    day, n = 1, 0
    for _ in range(10):
        for _ in range(rng.randint(5, 25)):
            ws.add(n)
            n += 1
        if rng.random() < 0.6:
            day += 1
        # A run takes about a second after its first line here: kills land in reading,
        # rendering, writing, recording and mailing.
        code = run_and_kill([EXE, "run", "-v", "-c", str(ws.config), "--date",
                             f"2025-09-{day:02d}"], rng.uniform(0.0, 1.4))
        if code == -signal.SIGKILL:
            ws.fault()
    for last in (day, day + 1):  # the same day once more, then the next
        result = ws.run("run", "--date", f"2025-09-{last:02d}", process=True)
        assert result.exit_code == 0, result.stderr
    assert not list(ws.out.rglob(".*.tmp"))
    days = {f"2025-09-{d:02d}" for d in range(1, day + 2)}
    ws.check(window={(d, r) for d in days for r in (ANN, BOB)})
