"""The fault matrix's shared parts: a workspace, the real CLI, and the invariants every case
ends with (every article of the inbox in exactly one edition, every recipient sent each
edition once), with the counts printed in the test summary."""

from __future__ import annotations

import ctypes
import email
import email.policy
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from briefing.cli import main

from .conftest import write_config

EXE = str(Path(sys.executable).parent / "briefing")
TOPICS = ('[[topics]]\nname = "Port"\ndescription = "The port."\n'
          'terms = ["harbour", "ships", "strike", "dock", "port"]\n')
PLACES = ("Rotterdam", "Antwerp", "Hamburg", "Valencia", "Genoa", "Gdansk", "Piraeus", "Le Havre",
          "Bremen", "Trieste", "Lisbon", "Marseille")


def article_text(n: int) -> str:
    """A short, distinct article that the Port topic picks up."""
    place = PLACES[n % len(PLACES)]
    return (f"Title: Port of {place} report {n}\n\n"
            f"The harbour authority in {place} said that {n + 12} ships were waiting to unload "
            f"on day {n}, and dock workers voted to continue the strike for another week.\n\n"
            f"Officials in {place} said the queue was the longest since records began.\n")


@dataclass
class Matrix:
    """What the fault-matrix cases did, for the summary line."""

    cases: int = 0
    faults: int = 0
    lost: int = 0
    duplicates: int = 0
    resent_in_window: int = 0  # identical re-sends after a kill between 250 and our record

    def line(self) -> str:
        return (f"fault matrix: {self.cases} cases, {self.faults} faults injected, "
                f"{self.lost} articles lost, {self.duplicates} duplicates "
                f"({self.resent_in_window} identical re-sends in SMTP's end-of-data window)")


MATRIX = Matrix()


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def drop_file_permission_override() -> None:
    """Run as root (CI containers are), a process still reads a chmod 000 file; drop the two
    capabilities that allow it so permission faults are real. Used as a preexec_fn."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@dataclass
class Workspace:
    """An inbox, a config and an output folder; remembers which articles must be published."""

    root: Path
    extra: str = ""
    articles: dict[str, str] = field(default_factory=dict)  # relpath -> text
    handler: Any = None  # smtp_helpers.Handler when e-mail is on
    recipients: tuple[str, ...] = ()
    pdf: bool = False  # most cases need no PDF; rendering one costs a second

    def __post_init__(self) -> None:
        self.inbox = self.root / "inbox"
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.write_config()

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def database(self) -> Path:
        return self.out / "state.sqlite"

    def write_config(self, extra: str | None = None) -> Path:
        if extra is not None:
            self.extra = extra
        pdf = f"pdf = {'true' if self.pdf else 'false'}\n"
        self.config = write_config(self.root, self.inbox, pdf + self.extra, TOPICS)
        return self.config

    def mail(self, port: int, recipients: tuple[str, ...], extra: str = "") -> Path:
        """Turn e-mail on, to a loopback SMTP server, for these recipients."""
        self.recipients = recipients
        return self.write_config(
            f'[email]\nenabled = true\nhost = "127.0.0.1"\nport = {port}\n'
            'security = "none"\nsender = "briefing@news.example"\n'
            f"recipients = {json.dumps(list(recipients))}\nbackoff_seconds = 0.01\n{extra}")

    def add(self, n: int, name: str | None = None, folder: Path | None = None) -> Path:
        """Drop article n into the inbox (or folder); it must end up in exactly one edition."""
        path = (folder or self.inbox) / (name or f"article-{n:03d}.txt")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(n), encoding="utf-8")
        self.articles[path.relative_to(folder or self.inbox).as_posix()] = path.read_text()
        return path

    def fault(self, count: int = 1) -> None:
        MATRIX.faults += count

    def run(self, *args: str, env: dict[str, str] | None = None, process: bool = False,
            drop_caps: bool = False, fsize: int | None = None, timeout: float = 120) -> Result:
        """`briefing ARGS -c CONFIG`, in this process (fast) or as a real process when the
        case needs one (a kill, dropped capabilities, a file size limit)."""
        argv = [*args, "-c", str(self.config)]
        if not (process or env or drop_caps or fsize):
            result = CliRunner().invoke(main, argv)
            if result.exception and not isinstance(result.exception, SystemExit):
                raise result.exception
            return Result(result.exit_code, result.stdout, result.stderr)

        def prepare() -> None:
            if drop_caps:
                drop_file_permission_override()
            if fsize is not None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

        proc = subprocess.run([EXE, *argv], capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, **(env or {})}, preexec_fn=prepare)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def check(self, window: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
              not_sent: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        """Every article in exactly one edition; the record and the files on disk agree (no
        edition folder the state does not know, none it records that is not there whole);
        every recipient got each edition once (twice, identical, only for the (edition,
        recipient) pairs in `window`: a kill between the server's 250 and our record of it)."""
        MATRIX.cases += 1
        status = json.loads(self.run("status", "--json", "-n", "100000").stdout)
        editions = {e["date"]: e for e in status["editions"]}
        on_disk = {md.parent.name: md for md in self.out.glob("*/briefing.md")}
        assert set(editions) == set(on_disk), (
            f"recorded {sorted(editions)} but on disk {sorted(on_disk)}")
        for day, edition in editions.items():
            assert edition["state"] == "done", f"{day} is {edition['state']}"
            digest = hashlib.sha256(on_disk[day].read_bytes()).hexdigest()
            assert digest == edition["markdown_sha256"], f"{day}: the file is not the record"
        listed = Counter(f for e in editions.values() for f in e["files"])
        lost = [p for p in self.articles if listed[p] == 0]
        doubled = [p for p in self.articles if listed[p] > 1]
        MATRIX.lost += len(lost)
        MATRIX.duplicates += len(doubled)
        shown = {day: e["files"] for day, e in editions.items()}
        assert not lost, f"articles in no edition: {lost}; editions: {shown}"
        assert not doubled, f"articles in several editions: {doubled}; editions: {shown}"
        if self.handler is None:
            return
        got: dict[tuple[str, str], list[bytes]] = {}
        for envelope in self.handler.received:
            msg = email.message_from_bytes(envelope.original_content,
                                           policy=email.policy.default)
            day = re.search(r"briefing\.(\d{4}-\d\d-\d\d)\.", msg["Message-ID"])
            assert day, msg["Message-ID"]
            body = msg.get_body(preferencelist=("plain",)).get_content().encode()
            for rcpt in envelope.rcpt_tos:
                got.setdefault((day.group(1), rcpt), []).append(body)
        for day in editions:
            for rcpt in self.recipients:
                if rcpt in not_sent:
                    continue
                bodies = got.get((day, rcpt), [])
                if (day, rcpt) in window and len(bodies) == 2:
                    assert bodies[0] == bodies[1], f"{day} to {rcpt}: two different versions"
                    MATRIX.resent_in_window += 1
                    continue
                MATRIX.duplicates += max(0, len(bodies) - 1)
                assert len(bodies) == 1, f"{day} to {rcpt}: received {len(bodies)} times"
        for (day, rcpt) in got:
            assert day in editions and rcpt in self.recipients, f"unexpected mail {day} {rcpt}"
