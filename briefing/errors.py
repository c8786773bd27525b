"""The few errors `briefing` raises on purpose, each with the exit code the CLI maps it to."""


class BriefingError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    exit_code = 70  # EX_SOFTWARE


class UsageError(BriefingError):
    """Raised by cli for a command line that cannot work (options that exclude each other,
    an --inbox folder that does not exist); one line, not click's usage block."""

    exit_code = 2  # as click's own usage errors


class NotFound(BriefingError):
    """Raised by cli and pipeline when the edition asked for (to rebuild, to send) does not
    exist."""

    exit_code = 66  # EX_NOINPUT


class ConfigError(BriefingError):
    """Raised by config.load_config for a bad key, type, path or template; holds every
    problem found, one line each."""

    exit_code = 78  # EX_CONFIG

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class StoreError(BriefingError):
    """Raised by store when the state database cannot be opened or is not ours."""

    exit_code = 74  # EX_IOERR


class Busy(BriefingError):
    """Raised by lock.run_lock when another briefing run holds the lock, and by store when
    another program holds the state database: try again later."""

    exit_code = 75  # EX_TEMPFAIL


class OutputError(BriefingError):
    """Raised by render.write_atomic when an edition file cannot be written (a full disk, a
    read-only or missing folder); nothing half-written is left behind."""

    exit_code = 74  # EX_IOERR


class ReadError(BriefingError):
    """Raised by readers for one bad input file; the pipeline records it and goes on."""


class FileUnavailable(BriefingError):
    """Raised by sources and readers when a file cannot be read this time (an I/O error, or
    it changed while being read): reported, not recorded, so the next run tries again."""


class InboxError(BriefingError):
    """Raised by sources.discover when the inbox folder itself cannot be read: an error, not
    an empty inbox (which would mark every file gone)."""

    exit_code = 74  # EX_IOERR


class FrozenEdition(BriefingError):
    """Raised by pipeline.write_edition when rebuilding an edition that may already have been
    e-mailed would change it: what a recipient has is never replaced by something else."""

    exit_code = 77  # EX_NOPERM: not allowed, whoever asks
