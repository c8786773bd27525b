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
    """Raised by config.load_config for a bad key, type, path or template."""

    exit_code = 78  # EX_CONFIG


class StoreError(BriefingError):
    """Raised by store when the state database cannot be opened or is not ours."""

    exit_code = 74  # EX_IOERR


class ReadError(BriefingError):
    """Raised by readers for one bad input file; the pipeline records it and goes on."""
