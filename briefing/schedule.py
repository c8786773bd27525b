"""The in-process scheduler: APScheduler says when; our ledger of runs says what is due."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from collections.abc import Callable
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from . import pipeline
from .config import Config, ScheduleConfig
from .errors import BriefingError
from .lock import Busy
from .store import Store

log = logging.getLogger(__name__)
RETRY_WHEN_BUSY = dt.timedelta(minutes=5)


def build_trigger(schedule: ScheduleConfig) -> CronTrigger:
    """The daily (or crontab) trigger in the configured IANA time zone."""
    tz = ZoneInfo(schedule.timezone)
    if schedule.cron:
        # Day names only (checked in config): APScheduler's 0 is Monday, cron's is Sunday.
        return CronTrigger.from_crontab(schedule.cron, timezone=tz)
    hour, minute = (int(x) for x in schedule.time.split(":"))
    return CronTrigger(hour=hour, minute=minute, timezone=tz)


def fire_times(trigger: BaseTrigger, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Every time the trigger fires in [start, end)."""
    out: list[dt.datetime] = []
    previous = None
    moment = start
    while True:
        nxt = trigger.get_next_fire_time(previous, moment)
        if nxt is None or nxt >= end:
            return out
        out.append(nxt)
        previous, moment = nxt, nxt + dt.timedelta(seconds=1)


def latest_due(trigger: BaseTrigger, now: dt.datetime) -> dt.datetime | None:
    """The most recent fire time at or before now (looking back up to eight days)."""
    times = fire_times(trigger, now - dt.timedelta(days=8), now + dt.timedelta(seconds=1))
    return times[-1] if times else None


def catch_up(config: Config, trigger: BaseTrigger, now: dt.datetime,
             job: Callable[[dt.date], object]) -> dt.date | None:
    """Build the latest due edition if no run dealt with it; one edition, not one per day.

    A fresh state database has missed nothing: a build due on an earlier day is not made
    up (it would be yesterday's edition holding everything); the first build is today's."""
    due = latest_due(trigger, now)
    if due is None:
        return None
    day = due.date()
    with Store(config.database) as store:
        if store.has_run(day):
            return None
        if not store.ever_run() and day < now.astimezone(due.tzinfo).date():
            log.info("fresh state: no build is missed; the first one is today's")
            return None
    log.warning("the build due %s was missed; building it now", due.isoformat())
    job(day)
    return day


class Service:
    """`briefing schedule`: runs in the foreground until SIGTERM / SIGINT."""

    def __init__(self, config: Config, trigger: BaseTrigger | None = None):
        self.config = config
        self.trigger = trigger or build_trigger(config.schedule)
        self.tz = ZoneInfo(config.schedule.timezone)
        self.stop = threading.Event()
        self.runs: list[tuple[dt.date, int]] = []  # (edition date, exit code), for the log
        self.scheduler = BackgroundScheduler(
            timezone=self.tz,
            # Passed as job_defaults: plain keyword arguments would be ignored.
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": int(config.schedule.misfire_grace_hours * 3600)})

    def build(self, day: dt.date | None = None) -> None:
        """The scheduled job: build (and send) the edition for the day it fires."""
        day = day or dt.datetime.now(self.tz).date()
        try:
            report = pipeline.run(self.config, day)
        except Busy:
            retry = dt.datetime.now(self.tz) + RETRY_WHEN_BUSY
            log.warning("another run is busy; trying the %s build again at %s", day, retry)
            self.scheduler.add_job(self.build, DateTrigger(retry), args=[day])
            return
        except BriefingError as exc:
            log.error("build for %s failed: %s", day, exc)
            self.runs.append((day, exc.exit_code))
            return
        except Exception:  # the service must outlive one bad run
            log.exception("build for %s crashed", day)
            self.runs.append((day, 70))
            return
        log.warning("build for %s: %s", day, report.tally())
        self.runs.append((day, report.exit_code))

    def ingest(self) -> None:
        """Read new inbox files between builds, so the morning build has less to do."""
        try:
            pipeline.ingest_only(self.config)
        except Busy:
            log.info("ingest skipped: a run is busy")
        except Exception:
            log.exception("ingest crashed")

    def serve(self, install_signals: bool = True) -> int:
        if install_signals:
            for sig in (signal.SIGTERM, signal.SIGINT):
                # Only set a flag here; shutting down happens in the main thread below.
                signal.signal(sig, lambda *_: self.stop.set())
        catch_up(self.config, self.trigger, dt.datetime.now(self.tz), self.build)
        self.scheduler.add_job(self.build, self.trigger, id="build")
        minutes = self.config.schedule.ingest_every_minutes
        if minutes:
            self.scheduler.add_job(self.ingest, IntervalTrigger(minutes=minutes), id="ingest")
        self.scheduler.start()
        job = self.scheduler.get_job("build")
        log.warning("scheduler started; next build at %s", job.next_run_time if job else "?")
        self.stop.wait()
        log.warning("stopping: waiting for a running build to finish")
        self.scheduler.shutdown(wait=True)
        return 0
