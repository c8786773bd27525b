"""Shared fixtures: project paths, throw-away configs, and the golden-file switch."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"
TEMPLATES = ROOT / "briefing" / "templates"  # the built-in set


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="Rewrite tests/data/golden/* from the current output.")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def check_golden(name: str, actual: str, update: bool) -> None:
    """Compare with tests/data/golden/NAME; `pytest --update-goldens` rewrites it."""
    path = DATA / "golden" / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path} was missing and has been written; review it")
    assert actual == path.read_text(encoding="utf-8"), (
        f"output differs from {path}; if the change is intended, run pytest --update-goldens "
        "and review the diff")


def write_config(folder: Path, inbox: Path, extra: str = "", topics: str | None = None) -> Path:
    """A briefing.toml in folder using the built-in templates and the shipped topics."""
    if topics is None:
        shipped = (ROOT / "briefing.toml").read_text(encoding="utf-8")
        topics = shipped[shipped.index("[[topics]]"):shipped.index("\n# E-mail and schedule")]
    text = textwrap.dedent(f"""\
        [briefing]
        title = "Test briefing"
        inbox = "{inbox.as_posix()}"
        out_dir = "{(folder / 'out').as_posix()}"
        database = "{(folder / 'out' / 'state.sqlite').as_posix()}"
        {extra}
        """) + "\n" + topics
    path = folder / "briefing.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def seed_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    return inbox


def make_big_inbox(inbox: Path, n: int, seed: int = 7) -> None:
    """n distinct articles made by shuffling the seeds' lines: enough work for a run to take
    a few seconds, so a test can interrupt it."""
    import random

    rng = random.Random(seed)
    lines = [line for path in sorted(SEEDS.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()[1:]
             if len(line.split()) > 12]
    inbox.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = "\n\n".join(rng.sample(lines, 8))
        (inbox / f"gen-{i:04d}.txt").write_text(f"Title: Generated article {i}\n\n{body}\n",
                                                encoding="utf-8")


@pytest.fixture
def smtp():  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback: (its handler, which records what arrives; its port)."""
    from .smtp_helpers import Handler, start_server

    handler = Handler()
    controller = start_server(handler)
    yield handler, controller.port
    controller.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fault matrix's tally: cases, faults injected, articles lost, duplicates."""
    from .faults import MATRIX

    if MATRIX.cases:
        terminalreporter.write_line(MATRIX.line())
