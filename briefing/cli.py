"""The `briefing` command: a thin click skin over the library."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

# Only light imports here: `briefing --help` must not wait for scikit-learn, SciPy or
# WeasyPrint; each command imports the library parts it uses.
from . import progress
from .config import Config, find_config, load_config, with_overrides
from .errors import BriefingError, ConfigError, UsageError

if TYPE_CHECKING:
    from .deliver import Planned

EXIT_INTERNAL = 70
EXIT_IO = 74


class _StderrLog(logging.Handler):
    """One line per record on stderr: ours as `briefing: ...`; another library's lines only
    with -v, under that library's name, so a font notice is never read as ours."""

    def __init__(self, ours: int, theirs: int) -> None:
        super().__init__()
        self.ours, self.theirs = ours, theirs
        self.timestamps = False  # a service's lines say when: `briefing schedule` sets it

    def emit(self, record: logging.LogRecord) -> None:
        mine = record.name == "briefing" or record.name.startswith("briefing.")
        if record.levelno < (self.ours if mine else self.theirs):
            return
        try:
            text = record.getMessage()
            if record.exc_info:
                text += "\n" + logging.Formatter().formatException(record.exc_info)
            progress.clear_line()
            when = (time.strftime("%Y-%m-%d %H:%M:%S%z ", time.localtime(record.created))
                    if self.timestamps else "")
            # sys.stderr at emit time: click's test runner swaps it per invocation.
            sys.stderr.write(f"{when}{'briefing' if mine else record.name}: {text}\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - logging must never crash the run
            self.handleError(record)


def _setup_logging(verbose: int, quiet: bool) -> None:
    # -q hides progress and the success tally (in the commands), never our warnings: a
    # skipped file or an unsent e-mail must reach cron's mail.
    ours = logging.WARNING
    if verbose == 1:
        ours = logging.INFO
    elif verbose > 1:
        ours = logging.DEBUG
    # Other libraries: nothing by default or with -q; their warnings with -v; info with -vv.
    theirs = logging.CRITICAL + 1 if verbose == 0 else (
        logging.WARNING if verbose == 1 else logging.INFO)
    logging.basicConfig(level=theirs, handlers=[_StderrLog(ours, theirs)], force=True)
    logging.getLogger("briefing").setLevel(ours)


def common(func: Callable[..., Any]) -> Callable[..., Any]:
    """-c/--config, -v, -q for every command; errors become a message and an exit code."""

    @click.option("-c", "--config", "config_path", type=click.Path(path_type=Path),
                  help="The config file. Default: $BRIEFING_CONFIG, else ./briefing.toml, "
                       "else $XDG_CONFIG_HOME/briefing/briefing.toml (~/.config/briefing/).")
    @click.option("-v", "--verbose", count=True, help="More log lines on stderr (-vv: debug).")
    @click.option("-q", "--quiet", is_flag=True,
                  help="Print nothing on success; warnings and errors still go to stderr.")
    @functools.wraps(func)
    def wrapper(config_path: Path | None, verbose: int, quiet: bool, **kwargs: Any) -> None:
        _setup_logging(verbose, quiet)
        # A bar on a terminal; -q wants silence and -v prints a line per file instead.
        progress.enable(None if quiet or verbose else sys.stderr)
        try:
            code = func(load_config(find_config(config_path)), quiet=quiet, **kwargs)
        except BriefingError as exc:
            _error(exc)
            sys.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click reports these itself
        except OSError as exc:  # I/O outside the library's own checks (a full disk): EX_IOERR
            where = f"{exc.filename}: " if exc.filename else ""
            _error(BriefingError(f"{where}{exc.strerror or exc}"))
            sys.exit(EXIT_IO)
        except Exception:  # noqa: BLE001 - a crash still ends with a message and a code
            logging.getLogger("briefing").exception("internal error")
            sys.exit(EXIT_INTERNAL)
        sys.exit(code or 0)

    return wrapper


def _error(exc: BriefingError) -> None:
    progress.clear_line()
    for line in str(exc).splitlines() or [type(exc).__name__]:
        click.echo(f"briefing: error: {line}", err=True)


def _day(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing")
def main() -> None:
    """Turn a folder of news articles into a cited daily briefing (Markdown and PDF).

    \b
    Example:
      briefing run                      # today's edition from the configured inbox
      briefing run --date 2024-10-25 -v
      briefing status
    """


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Daily briefing", show_default=True,
              help="The briefing's title.")
def init(folder: Path, title: str) -> None:
    """Start a story: FOLDER/briefing.toml (every key with its default, commented) and an
    empty FOLDER/inbox/. An existing briefing.toml is never overwritten (exit 73).

    \b
    Example:
      briefing init ~/story --title "Drought in the Arden valley"
    """
    from .starter import start_story

    try:
        config = start_story(folder, title)
    except BriefingError as exc:
        _error(exc)
        sys.exit(exc.exit_code)
    except OSError as exc:
        click.echo(f"briefing: error: {folder}: cannot create: {exc.strerror}", err=True)
        sys.exit(73)
    inbox = config.parent / "inbox"
    click.echo(f"Created {config} and {inbox}{os.sep}")
    click.echo(f"Next: edit the topics in {config.name}, put articles in {inbox}{os.sep}, "
               "then run:")
    click.echo(f"  briefing run -c {shlex.quote(str(config))}")


@main.command()
@click.option("-c", "--config", "config_path", type=click.Path(path_type=Path),
              help="The config file (looked up as for the other commands).")
def check(config_path: Path | None) -> None:
    """Check a config: every problem at once (file, key, what is wrong, what is allowed),
    the subject's placeholders and the templates' syntax. Exit 0 if fine, 78 if not.

    \b
    Example:
      briefing check -c ~/story/briefing.toml
    """
    from .config import inspect_config
    from .render import template_problems

    try:
        path = find_config(config_path)
    except ConfigError as exc:
        _error(exc)
        sys.exit(exc.exit_code)
    config, problems = inspect_config(path)
    if config is not None:
        problems += template_problems(config.templates)
    for problem in problems:
        click.echo(f"briefing: error: {problem}", err=True)
    if problems or config is None:
        click.echo(f"briefing: {len(problems)} problem{'' if len(problems) == 1 else 's'} "
                   f"in {Path(path).resolve()}", err=True)
        sys.exit(ConfigError.exit_code)
    templates = f"own folder {config.templates}" if config.templates else "built-in"
    mail = (f"e-mail to {len(config.email.recipients)} recipients via {config.email.host}"
            if config.email.enabled else "e-mail off")
    click.echo(f"{config.path}: fine. {len(config.topics)} topics; inbox {config.inbox}; "
               f"editions in {config.out_dir}; templates {templates}; {mail}.")


@main.command()
@common
@click.option("--inbox", type=click.Path(path_type=Path), help="Override the inbox folder.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Override the output folder.")
@click.option("--date", "date", type=DATE,
              help="Build the edition for this day (YYYY-MM-DD); default today.")
@click.option("--since", type=DATE,
              help="Back-fill: run every day from this one to --date not yet run.")
@click.option("--all", "include_all", is_flag=True,
              help="Include every known article, not only the new ones.")
@click.option("--rebuild", is_flag=True, help="Re-render an existing edition from the database.")
@click.option("--dry-run", is_flag=True,
              help="Build in a scratch copy and print what would be e-mailed; change nothing.")
def run(config: Config, quiet: bool, inbox: Path | None, out_dir: Path | None,
        date: dt.datetime | None, since: dt.datetime | None, include_all: bool, rebuild: bool,
        dry_run: bool) -> int:
    """Read new articles from the inbox, build an edition, e-mail it if configured.

    \b
    Exit codes: 0 done (or nothing new), 3 done but some files were skipped,
    4 done but some e-mails are pending or failed, 2 bad command line,
    66 no such edition (--rebuild), 70 internal error,
    74 I/O (state database, inbox or edition files; e.g. a full disk),
    75 busy (another run, or another program holding the state database),
    77 --rebuild would change a mailed edition, 78 bad config or template.

    \b
    Examples:
      briefing run
      briefing run -c ~/story/briefing.toml --date 2024-10-25
      briefing run --rebuild --date 2024-10-25
      briefing run --since 2024-10-20       # catch up days a server was down
      briefing run --dry-run                # what would be sent to whom
    """
    from . import pipeline

    if sum([include_all, rebuild, since is not None, dry_run]) > 1:
        raise UsageError("use only one of --all, --rebuild, --since, --dry-run")
    config = with_overrides(config, out_dir=out_dir.resolve() if out_dir else None)
    inbox = inbox.resolve() if inbox else None  # one-off: its files are kept apart
    if inbox and not inbox.is_dir():
        raise UsageError(f"--inbox: folder does not exist: {inbox}")
    day = _day(date)
    if since is not None and since.date() > day:
        raise UsageError(f"--since {since.date().isoformat()} is after the day to build "
                         f"({day.isoformat()}); nothing to back-fill")
    if dry_run:
        _print_plan(pipeline.dry_run(config, day, inbox=inbox)[1])
        return 0
    reports = (pipeline.backfill(config, since.date(), day, inbox) if since
               else [pipeline.run(config, day, include_all=include_all, rebuild=rebuild,
                                  inbox=inbox)])
    for report in reports:
        if report.markdown and not quiet:  # -q: silent on success, so cron mails only trouble
            click.echo(str(report.markdown))
            if report.pdf:
                click.echo(str(report.pdf))
        if not quiet:
            click.echo(f"briefing: {report.tally()}", err=True)
    return max((r.exit_code for r in reports), default=0)


@main.command()
@common
@click.argument("date", type=DATE)
@click.option("--to", "to", metavar="ADDR", help="Only this recipient (retried if it failed).")
@click.option("--resend", is_flag=True, help="Send again to recipients already sent to.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing.")
def send(config: Config, quiet: bool, date: dt.datetime, to: str | None, resend: bool,
         dry_run: bool) -> int:
    """E-mail an existing edition to the recipients not yet sent it (failed ones included).

    \b
    Example:
      briefing send 2024-10-25
      briefing send 2024-10-25 --to ann@example.org
      briefing send 2024-10-25 --resend
    """
    from .deliver import plan_send, send_now
    from .pipeline import EXIT_UNDELIVERED

    if dry_run:
        _print_plan(plan_send(config, date.date(), to, resend))
        return 0
    report = send_now(config, date.date(), to, resend)
    if not quiet:
        click.echo(f"briefing: {report.tally()}", err=True)
    return 0 if report.ok else EXIT_UNDELIVERED


def _print_plan(planned: list[Planned]) -> None:
    for p in planned:
        click.echo(f"would send to {p.recipient}: {p.subject!r} {p.message_id} "
                   f"(PDF {p.pdf_bytes:,} bytes)")
    if not planned:
        click.echo("would send nothing")


@main.command()
@common
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("-n", "--last", default=7, show_default=True, help="How many editions to show.")
def status(config: Config, quiet: bool, as_json: bool, last: int) -> int:
    """Show the last editions, their deliveries per recipient, and pending work.

    \b
    Example:
      briefing status
      briefing status --json | jq '.pending'
    """
    from .status import read_status

    state = read_status(config, last)
    if as_json:
        click.echo(json.dumps(state.to_json(), indent=2))
    else:
        click.echo("\n".join(state.lines()))
    return 0


@main.command()
@common
def schedule(config: Config, quiet: bool) -> int:
    """Run in the foreground and build (and send) editions on the [schedule].

    Catches up a build missed while it was not running, then waits. SIGTERM or
    Ctrl-C stops it after a running build finishes.

    \b
    Example:
      briefing schedule -c /srv/briefing/briefing.toml
    """
    from .schedule import Service

    progress.enable(None)  # a service: log lines only, each with its time
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _StderrLog):
            handler.timestamps = True
    return Service(config).serve()
