"""The `briefing` command: a thin click skin over pipeline.run()."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

import click

from . import pipeline
from .config import load_config, with_overrides
from .errors import BriefingError

EXIT_USAGE = 2  # click's own code for a bad option
EXIT_INTERNAL = 70


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING
    if quiet:
        level = logging.ERROR
    elif verbose == 1:
        level = logging.INFO
    elif verbose > 1:
        level = logging.DEBUG
    logging.basicConfig(level=level, stream=sys.stderr, format="briefing: %(message)s",
                        force=True)
    # WeasyPrint and fontTools talk a lot at INFO; their warnings still show.
    for noisy in ("weasyprint", "fontTools", "trafilatura", "htmldate", "courlan"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing")
def main() -> None:
    """Turn a folder of news articles into a cited daily briefing (Markdown and PDF).

    \b
    Example:
      briefing run                      # today's edition from the configured inbox
      briefing run --date 2024-10-25 -v
    """


@main.command()
@click.option("-c", "--config", "config_path", type=click.Path(path_type=Path),
              default="briefing.toml", show_default=True, help="The config file.")
@click.option("--inbox", type=click.Path(path_type=Path), help="Override the inbox folder.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Override the output folder.")
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Build the edition for this day (YYYY-MM-DD); default today.")
@click.option("--all", "include_all", is_flag=True,
              help="Include every known article, not only the new ones.")
@click.option("--rebuild", is_flag=True, help="Re-render an existing edition from the database.")
@click.option("-v", "--verbose", count=True, help="More log lines on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def run(config_path: Path, inbox: Path | None, out_dir: Path | None, date: dt.datetime | None,
        include_all: bool, rebuild: bool, verbose: int, quiet: bool) -> None:
    """Read new articles from the inbox and build an edition.

    \b
    Exit codes: 0 done (or nothing new), 3 done but some files were skipped,
    70 internal error, 74 state database unusable, 78 bad config.

    \b
    Examples:
      briefing run
      briefing run -c ~/story/briefing.toml --date 2024-10-25
      briefing run --rebuild --date 2024-10-25
    """
    _setup_logging(verbose, quiet)
    if include_all and rebuild:
        raise click.UsageError("--all and --rebuild cannot be used together")
    try:
        config = load_config(config_path)
        config = with_overrides(config, inbox=inbox.resolve() if inbox else None,
                                out_dir=out_dir.resolve() if out_dir else None)
        if inbox and not config.inbox.is_dir():
            raise BriefingError(f"--inbox: folder does not exist: {config.inbox}")
        day = date.date() if date else dt.date.today()
        report = pipeline.run(config, day, include_all=include_all, rebuild=rebuild)
    except BriefingError as exc:
        click.echo(f"briefing: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception:  # noqa: BLE001 - a crash still ends with a message and a code for cron
        logging.getLogger("briefing").exception("internal error")
        sys.exit(EXIT_INTERNAL)
    if report.markdown:
        click.echo(str(report.markdown))
        if report.pdf:
            click.echo(str(report.pdf))
    if not quiet:
        click.echo(f"briefing: {report.tally()}", err=True)
    sys.exit(report.exit_code)
