"""The scheduler: a real job firing, catch-up after downtime, day names, DST, SIGTERM."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from pypdf import PdfReader

from briefing import pipeline
from briefing.config import ScheduleConfig, load_config
from briefing.errors import ConfigError
from briefing.schedule import Service, build_trigger, catch_up, fire_times
from briefing.store import Store

from .conftest import make_big_inbox, write_config

UTC = dt.timezone.utc


def test_a_real_job_fires(tmp_path: Path, seed_inbox: Path) -> None:
    config = load_config(write_config(tmp_path, seed_inbox))
    now = dt.datetime.now(UTC)
    at = now + dt.timedelta(seconds=2)
    trigger = CronTrigger(hour=at.hour, minute=at.minute, second=at.second, timezone=UTC,
                          start_date=now)
    service = Service(config, trigger=trigger)
    thread = threading.Thread(target=service.serve, kwargs={"install_signals": False})
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not service.runs and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        service.stop.set()
        thread.join(timeout=60)
    day = at.astimezone(ZoneInfo(config.schedule.timezone)).date()
    assert service.runs == [(day, 0)]
    assert (tmp_path / "out" / day.isoformat() / "briefing.md").is_file()


def test_missed_build_is_caught_up_exactly_once(tmp_path: Path, seed_inbox: Path) -> None:
    config = load_config(write_config(tmp_path, seed_inbox))  # daily 07:00 UTC by default
    trigger = build_trigger(config.schedule)
    built: list[dt.date] = []

    def job(day: dt.date) -> None:
        built.append(day)
        pipeline.run(config, day)

    # Down since before Monday's 07:00 build; started again Monday 09:30, twice.
    monday = dt.datetime(2025, 3, 10, 9, 30, tzinfo=UTC)
    assert catch_up(config, trigger, monday, job) == dt.date(2025, 3, 10)
    assert catch_up(config, trigger, monday + dt.timedelta(minutes=5), job) is None
    # Started before Tuesday's build: nothing is due that has not run.
    assert catch_up(config, trigger, dt.datetime(2025, 3, 11, 6, 0, tzinfo=UTC), job) is None
    # Down for three days: one build, for the latest due day, not three.
    assert catch_up(config, trigger, dt.datetime(2025, 3, 14, 8, 0, tzinfo=UTC), job) == (
        dt.date(2025, 3, 14))
    assert built == [dt.date(2025, 3, 10), dt.date(2025, 3, 14)]
    with Store(config.database) as store:
        assert store.edition(dt.date(2025, 3, 10)) is not None


def test_interval_ingest_reads_ahead_of_the_build(tmp_path: Path, seed_inbox: Path) -> None:
    config = load_config(write_config(tmp_path, seed_inbox,
                                      "[schedule]\ningest_every_minutes = 30"))
    service = Service(config)
    service.ingest()
    with Store(config.database) as store:
        assert len(store.pending()) == 5 and store.editions() == []
    service.build(dt.date(2025, 3, 10))
    assert service.runs == [(dt.date(2025, 3, 10), 0)]


def test_day_names_and_numbers() -> None:
    trigger = build_trigger(ScheduleConfig(cron="0 7 * * mon", timezone="UTC"))
    sunday = dt.datetime(2025, 3, 9, 0, 0, tzinfo=UTC)
    fires = fire_times(trigger, sunday, sunday + dt.timedelta(days=7))
    assert [f.strftime("%a %H:%M") for f in fires] == ["Mon 07:00"]


def test_numeric_weekday_is_refused(tmp_path: Path, seed_inbox: Path) -> None:
    path = write_config(tmp_path, seed_inbox, '[schedule]\ncron = "0 7 * * 1"')
    with pytest.raises(ConfigError, match="write days as names"):
        load_config(path)


@pytest.mark.parametrize("start", ["2025-03-25", "2025-10-21"])
def test_one_run_a_day_across_dst_changes(start: str) -> None:
    tz = ZoneInfo("Europe/Berlin")
    trigger = build_trigger(ScheduleConfig(time="07:00", timezone="Europe/Berlin"))
    begin = dt.datetime.fromisoformat(start).replace(tzinfo=tz)
    fires = fire_times(trigger, begin, begin + dt.timedelta(days=12))
    days = [f.astimezone(tz).date() for f in fires]
    assert len(days) == 12 == len(set(days))
    assert all((b - a).days == 1 for a, b in zip(days, days[1:], strict=False))
    assert {f.astimezone(tz).strftime("%H:%M") for f in fires} == {"07:00"}


def test_sigterm_during_a_build_ends_cleanly(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    make_big_inbox(inbox, 250)
    # Due at midnight: whenever the test runs, today's build is due, so the catch-up (of a
    # fresh database: today's edition, never yesterday's) starts at once.
    config = write_config(tmp_path, inbox, '[schedule]\ntime = "00:00"\ntimezone = "UTC"\n')
    exe = Path(sys.executable).parent / "briefing"
    proc = subprocess.Popen([str(exe), "schedule", "-c", str(config), "-v"],
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:  # the catch-up build of the missed day starts at once
        if "building it now" in line:
            # A service's log lines carry the time (local, with its offset).
            assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d{4} briefing: ", line), line
            break
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=600) == 0  # generous: a loaded CI machine is slow, not wrong
    leftovers = list((tmp_path / "out").rglob("*.tmp"))
    assert leftovers == []
    with Store(tmp_path / "out" / "state.sqlite") as store:
        (edition,) = store.editions()
        assert edition.markdown_path.read_text().rstrip().endswith("0 files skipped.")
        assert len(PdfReader(edition.pdf_path).pages) > 1
        assert store.edition_article_count(edition.date) == 250
    assert os.path.exists(edition.markdown_path)


def test_a_fresh_database_builds_today_not_yesterday(tmp_path: Path, seed_inbox: Path) -> None:
    config = load_config(write_config(tmp_path, seed_inbox))  # daily 07:00 UTC by default
    trigger = build_trigger(config.schedule)
    built: list[dt.date] = []

    def job(day: dt.date) -> None:
        built.append(day)
        pipeline.run(config, day)

    # First start on Tuesday 06:00, before Tuesday's build: Monday's is not "missed".
    tuesday_early = dt.datetime(2025, 3, 11, 6, 0, tzinfo=UTC)
    assert catch_up(config, trigger, tuesday_early, job) is None
    assert built == [] and not (tmp_path / "out" / "2025-03-10").exists()
    # Started after Tuesday's time instead: today's build is due and made now.
    assert catch_up(config, trigger, tuesday_early + dt.timedelta(hours=3), job) == (
        dt.date(2025, 3, 11))
    assert built == [dt.date(2025, 3, 11)]
