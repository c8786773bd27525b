"""The one Config object, loaded and checked once from briefing.toml."""

from __future__ import annotations

import ipaddress
import math
import os
import re
import tomllib
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, field, fields, replace
from email.utils import formataddr, getaddresses
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _help(text: str, default: Any = MISSING, factory: Any = MISSING) -> Any:
    """A dataclass field whose help text is kept for the README and error messages."""
    if factory is not MISSING:
        return field(default_factory=factory, metadata={"help": text})
    return field(default=default, metadata={"help": text})


@dataclass(frozen=True)
class Term:
    """A word or phrase that signals a topic, with its weight."""

    text: str
    weight: float = 1.0


UNIT_KINDS = ("money", "percent", "area", "length", "mass", "volume", "energy", "magnitude")
CASUALTY_WORDS = ("dying", "died", "dead", "deaths", "death toll", "killed", "wounded",
                  "injured", "casualties", "lost their lives", "captured", "missing")


@dataclass(frozen=True)
class MeasureConfig:
    """One figure a reader follows: what is counted and what happened to it."""

    name: str = _help("Row label and heading, e.g. \"Killed\", \"Troops deployed\", "
                      "\"Search area\".")
    counted: tuple[str, ...] = _help(
        "Nouns that are counted, e.g. people, civilians (plural and singular both match). "
        "Empty with `unit` set, or to count any noun as long as an event word agrees.",
        factory=tuple)
    unit: str = _help(
        "Instead of nouns, a kind of unit: money, percent, area, length, mass, volume, energy, "
        "magnitude (of an earthquake), or one unit (USD, EUR, km2, km, ...). Spellings of one "
        "unit match (sq km = km²).", "")
    events: tuple[str, ...] = _help(
        "Words that say what happened to them, in the figure's clause: killed, dead, died, "
        "death toll. Empty: the counted noun alone says it.", factory=tuple)
    exclude: tuple[str, ...] = _help(
        "Words in the figure's clause that make it another measure, e.g. killed, wounded for "
        "troops deployed.", factory=tuple)
    of: tuple[str, ...] = _help(
        "Whose figure it is, by every name the pages use, e.g. Premier League, EPL, "
        "Premiership. A figure whose clause gives it to another name (\"Italy's Serie A\", "
        "\"earned by Real\", \"Real earned\", \"rights to the Champions League\") is left "
        "out. Empty: any.", factory=tuple)


@dataclass(frozen=True)
class FiguresConfig:
    """The older single-measure form, [topics.figures]; read as one measure."""

    counted: tuple[str, ...] = _help(
        "Nouns whose numbers are tracked (old form: write a [[topics.measures]] table "
        "instead).", factory=tuple)
    groups: tuple[str, ...] = _help("Group nouns (old form; no longer needed: '2 brigades, "
                                    "each with 6,000' is read as 12,000 for any group noun).",
                                    factory=tuple)
    exclude_near: tuple[str, ...] = _help(
        "Words that make a figure another kind of number (old form: `exclude` of a measure).",
        factory=lambda: CASUALTY_WORDS)


@dataclass(frozen=True)
class TopicConfig:
    name: str = _help("Section heading.")
    description: str = _help("One line shown under the heading; its words also count a little.")
    terms: tuple[Term, ...] = _help(
        "Words, phrases or names that signal the topic: \"NATO\" or {term = \"NATO\", weight = 2}.",
        factory=tuple,
    )
    exclude: tuple[str, ...] = _help(
        "A sentence containing any of these is never placed in the topic.", factory=tuple
    )
    sentences: int | None = _help("Budget: most lines in this digest (default: [digest]).", None)
    words: int | None = _help("Budget: most words in this digest (default: [digest]).", None)
    measures: tuple[MeasureConfig, ...] = _help(
        "Figures to follow in this topic's table, one [[topics.measures]] table each.",
        factory=tuple)


@dataclass(frozen=True)
class DigestConfig:
    sentences_per_topic: int = _help("Most lines per topic digest.", 5)
    words_per_topic: int = _help("Most words per topic digest; 0 for no word budget.", 160)
    overview_words: int = _help("Word budget of the overview at the top (its summary).", 100)
    min_topic_score: float = _help("Least term weight a sentence needs to join a topic.", 1.0)
    duplicate_similarity: float = _help(
        "Cosine similarity (TF-IDF) above which two sentences say the same thing.", 0.55
    )
    min_sentence_words: int = _help("Shorter sentences are not used in digests.", 6)
    max_sentence_words: int = _help("Longer sentences are not used in digests.", 70)


@dataclass(frozen=True)
class TimelineConfig:
    enabled: bool = _help("Show the story's timeline: its dated events from every article "
                          "read so far.", True)
    entries: int = _help("Most dates chosen for their events (the days most articles speak "
                         "of; in an undated story told by year, such as a life, years and "
                         "months too); days a tracked figure changed are shown besides.", 12)
    sentences_per_entry: int = _help("Most lines per date.", 1)
    lookback_days: int = _help(
        "Days before the first article that count as part of the story; an older date shows "
        "only when at least a quarter of the articles name it. Within them, a day only one "
        "article names, in passing, is background.", 30)


@dataclass(frozen=True)
class LedgerConfig:
    attribution_verbs: tuple[str, ...] = _help(
        "Verbs that introduce who says a figure (base forms; -s, -ed, -ing forms match too).",
        factory=lambda: ("say", "said", "state", "report", "confirm", "claim", "estimate",
                         "assess", "tell", "told", "announce", "add", "warn", "note", "write",
                         "wrote", "believe", "indicate", "suggest", "allege", "upgrade",
                         "downgrade", "revise", "point out"),
    )


@dataclass(frozen=True)
class EmailConfig:
    enabled: bool = _help("Send each new edition by e-mail.", False)
    host: str = _help("SMTP server.", "localhost")
    port: int = _help("SMTP port (587 for starttls, 465 for ssl, 25 for a local relay).", 587)
    security: str = _help("starttls, ssl, or none (only for a relay on this machine).",
                          "starttls")
    user: str = _help("SMTP login; empty for no login.", "")
    password_env: str = _help("Name of the environment variable holding the SMTP password "
                              "(never the password itself).", "BRIEFING_SMTP_PASSWORD")
    sender: str = _help("From address.", "briefing@localhost")
    sender_name: str = _help("Name shown with the From address.", "briefing")
    recipients: tuple[str, ...] = _help(
        "To addresses, written ana@example.org or \"Ana Lima <ana@example.org>\"; each gets its "
        "own message. The address alone identifies a recipient, so adding a name later sends "
        "nothing twice.", factory=tuple)
    subject: str = _help("Subject; {title}, {date} and {count} are filled in.",
                         "{title}: {date} ({count} articles)")
    ca_file: Path | None = _help("CA bundle to verify the server with (default: the system's).",
                                 None)
    timeout: float = _help("Seconds before a silent connection is given up.", 30.0)
    attempts: int = _help("Tries per recipient in one run for temporary failures.", 3)
    backoff_seconds: float = _help("Wait before the first retry; doubles each time.", 2.0)
    # Not a key: the names given in `recipients` ("Ana Lima <ana@...>"), which load_config
    # reduces to their addresses.
    names: tuple[tuple[str, str], ...] = field(default=(), metadata={"internal": True})

    def to_header(self, address: str) -> str:
        """The To header for one recipient: with the name the config gave it, if any."""
        name = dict(self.names).get(address.lower(), "")
        return formataddr((name, address)) if name else address


@dataclass(frozen=True)
class ScheduleConfig:
    time: str = _help("Time of day for the daily build, HH:MM.", "07:00")
    cron: str = _help("Instead of time: a crontab line with day names, e.g. "
                      "\"30 6 * * mon-fri\".", "")
    timezone: str = _help("IANA time zone the schedule is in.", "UTC")
    misfire_grace_hours: float = _help("A build missed by less than this still runs.", 6.0)
    ingest_every_minutes: int = _help("Also read new inbox files this often (0: only at "
                                      "build time).", 0)


ENGINES = ("local", "dask")


@dataclass(frozen=True)
class ScaleConfig:
    engine: str = _help(
        "Where the per-article work (read, clean, split, find dates and figures) runs: "
        "\"local\" in this process, or \"dask\" on a Dask cluster (pip install "
        "'briefing[dask]'); the state stays here either way.", "local")
    scheduler_address: str = _help(
        "dask: a running scheduler, e.g. \"tcp://10.0.0.5:8786\"; empty: a LocalCluster on "
        "127.0.0.1 (worker processes, no dashboard) is started for the run.", "")
    workers: int = _help("Processes for the per-article work (0: one per core): local, a "
                         "process pool when there are at least 2 batches per worker to read "
                         "(of batch_size articles, or of 20 if batch_size is larger: 80 "
                         "articles on 2 cores) (1: always in this process); dask without "
                         "scheduler_address, the LocalCluster's workers.", 0)
    batch_size: int = _help("Articles sent to a worker in one task (a Dask task costs about "
                            "2 ms, so not one each).", 50)


@dataclass(frozen=True)
class Config:
    path: Path = _help("The config file itself; other paths resolve relative to its folder.")
    title: str = _help("The briefing's title, shown above the date.", "Daily briefing")
    inbox: Path = _help("Folder scanned for .txt, .md and .html articles.", Path("inbox"))
    out_dir: Path = _help("Editions are written to OUT_DIR/YYYY-MM-DD/.", Path("out"))
    database: Path = _help("SQLite state file.", Path("out/briefing.sqlite"))
    markdown_name: str = _help("File name of the Markdown edition.", "briefing.md")
    pdf_name: str = _help("File name of the PDF edition.", "briefing.pdf")
    pdf: bool = _help("Render the PDF as well as the Markdown.", True)
    pdf_variant: str = _help(
        "\"pdf/ua-1\" for a PDF/UA-1 (accessibility standard) edition; empty: a tagged PDF "
        "(headings, lists and tables marked up for screen readers) without the PDF/UA claim.",
        "")
    author: str = _help("Author of the edition, shown in the PDF's properties; empty for none.",
                        "")
    language: str = _help("Language of the articles, a BCP 47 tag (en, de, pt-BR): the PDF's "
                          "and the e-mail's language, so screen readers pronounce it right.",
                          "en")
    templates: Path | None = _help(
        "Folder with your own versions of any of briefing.md.j2, briefing.html.j2, print.css "
        "and email.html.j2; files it does not have come from the built-in set.", None)
    max_file_kb: int = _help("Larger input files are skipped.", 2048)
    allow_hard_links: bool = _help(
        "Read inbox files that have other hard links too (off: such a file may be a file from "
        "elsewhere on the machine, linked in; it is skipped with a log line).", False)
    residue_file: Path | None = _help(
        "Extra residue patterns (one regular expression a line) added to the built-in list.", None
    )
    outlets_file: Path | None = _help(
        "Extra outlet names (one a line) added to the built-in list of known outlets.", None
    )
    digest: DigestConfig = _help("[digest] section.", factory=DigestConfig)
    ledger: LedgerConfig = _help("[ledger] section.", factory=LedgerConfig)
    timeline: TimelineConfig = _help("[timeline] section.", factory=TimelineConfig)
    email: EmailConfig = _help("[email] section.", factory=EmailConfig)
    schedule: ScheduleConfig = _help("[schedule] section.", factory=ScheduleConfig)
    scale: ScaleConfig = _help("[scale] section.", factory=ScaleConfig)
    topics: tuple[TopicConfig, ...] = _help("[[topics]] tables, in the order shown.",
                                            factory=tuple)


CONFIG_NAME = "briefing.toml"
PDF_VARIANTS = ("", "pdf/ua-1")


def config_candidates() -> list[tuple[str, Path]]:
    """Where a config is looked for when -c is not given, in order, each with its origin."""
    out: list[tuple[str, Path]] = []
    env = os.environ.get("BRIEFING_CONFIG")
    if env:
        out.append(("BRIEFING_CONFIG", Path(env).expanduser()))
    out.append(("the current folder", Path(CONFIG_NAME)))
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(xdg):  # the XDG spec: a relative value is to be ignored
        home = os.environ.get("HOME")
        xdg = os.path.join(home, ".config") if home else ""
    if xdg:
        out.append(("the XDG config folder", Path(xdg) / "briefing" / CONFIG_NAME))
    return out


def find_config(given: Path | None) -> Path:
    """-c if given; else $BRIEFING_CONFIG; else ./briefing.toml; else
    $XDG_CONFIG_HOME/briefing/briefing.toml (~/.config/...). ConfigError if none exists."""
    if given is not None:
        return given
    candidates = config_candidates()
    for origin, path in candidates:
        if origin == "BRIEFING_CONFIG" or path.is_file():
            return path  # an explicit variable naming a missing file is an error, not skipped
    tried = ", ".join(str(p.absolute()) for _, p in candidates)
    raise ConfigError(f"no config file found (tried {tried}); give one with -c FILE, set "
                      "BRIEFING_CONFIG, or start a story with `briefing init DIR`")


class _Problems:
    """Every problem found in one config file, so all of them can be shown at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        self.items.append(text)

    @contextmanager
    def collect(self) -> Iterator[None]:
        """Record a ConfigError raised in the block and go on with the next check."""
        try:
            yield
        except ConfigError as exc:
            self.items.extend(exc.problems)


def load_config(path: Path | str) -> Config:
    """Read and check briefing.toml; raise ConfigError naming the file, the key and what is
    wrong, with every problem found (not only the first)."""
    config, problems = inspect_config(path)
    if problems or config is None:
        raise ConfigError(*problems)
    return config


def inspect_config(path: Path | str) -> tuple[Config | None, list[str]]:
    """The config (bad values replaced by their defaults) and every problem found in it;
    (None, [why]) when the file cannot be read as TOML at all."""
    path = Path(path).resolve()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [f"{path}: config file not found"]
    except IsADirectoryError:
        return None, [f"{path}: is a folder; give the config file in it, e.g. "
                      f"{path / 'briefing.toml'}"]
    except PermissionError:
        return None, [f"{path}: config file cannot be read (permission denied)"]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return None, [f"{path}: not valid TOML: {exc}"]
    where = str(path)
    problems = _Problems()
    raw = dict(raw)
    top = raw.pop("briefing", {})
    values: dict[str, Any] = {"path": path}
    values.update(_convert_table(top, Config, f"{where}: [briefing]", problems,
                                 skip={"path", "digest", "ledger", "timeline", "email",
                                       "schedule", "scale", "topics"}))
    for section, cls in (("digest", DigestConfig), ("ledger", LedgerConfig),
                         ("timeline", TimelineConfig),
                         ("email", EmailConfig), ("schedule", ScheduleConfig),
                         ("scale", ScaleConfig)):
        if section in raw:
            values[section] = cls(**_convert_table(raw.pop(section), cls,
                                                   f"{where}: [{section}]", problems))
    topics = raw.pop("topics", [])
    for key in sorted(raw):
        problems.add(f"{where}: unknown section or key '{key}' (known: [briefing], [digest], "
                     "[ledger], [email], [schedule], [scale], [[topics]])")
    if not isinstance(topics, list) or not topics:
        problems.add(f"{where}: at least one [[topics]] table is needed")
        topics = []
    parsed = [_topic(t, f"{where}: topic {i + 1}", problems) for i, t in enumerate(topics)]
    values["topics"] = tuple(t for t in parsed if t is not None)
    base = path.parent
    defaults = {f.name: f.default for f in fields(Config)}
    for key in ("inbox", "out_dir", "database", "templates", "residue_file",
                "outlets_file"):
        value = values.get(key, defaults[key])  # defaults too are relative to the file
        if value is not None:
            values[key] = (base / value).resolve()
    if "email" in values:
        values["email"] = _split_recipients(values["email"], f"{where}: [email]", problems)
    if "email" in values and values["email"].ca_file is not None:
        values["email"] = replace(values["email"],
                                  ca_file=(base / values["email"].ca_file).resolve())
    config = Config(**values)
    _check_paths(config, where, problems)
    return config, problems.items


def _topic(raw: Any, where: str, problems: _Problems) -> TopicConfig | None:
    if not isinstance(raw, dict):
        problems.add(f"{where}: must be a table")
        return None
    raw = dict(raw)
    if isinstance(raw.get("name"), str) and raw["name"].strip():
        where = f"{where.rsplit(':', 1)[0]}: topic '{raw['name']}'"
    figures = raw.pop("figures", None)
    measures = raw.pop("measures", [])
    values = _convert_table(raw, TopicConfig, where, problems, skip={"measures"})
    if "name" not in values or not values["name"].strip():
        problems.add(f"{where}: 'name' is required")
        return None
    values.setdefault("description", "")
    if not values.get("terms"):
        problems.add(f"{where}: 'terms' needs at least one term")
        return None
    found: list[MeasureConfig] = []
    if not isinstance(measures, list):
        problems.add(f"{where}: 'measures' must be [[topics.measures]] tables")
        measures = []
    for i, raw_measure in enumerate(measures):
        measure = _measure(raw_measure, f"{where} measure {i + 1}", problems)
        if measure is not None:
            found.append(measure)
    if figures is not None:
        old = _old_figures(figures, values["name"], f"{where} [figures]", problems)
        if old is not None:
            found.append(old)
    names = [m.name for m in found]
    if len(set(names)) != len(names):
        problems.add(f"{where}: two measures share a name")
    values["measures"] = tuple(found)
    return TopicConfig(**values)


def _measure(raw: Any, where: str, problems: _Problems) -> MeasureConfig | None:
    values = _convert_table(raw, MeasureConfig, where, problems)
    if not isinstance(values.get("name"), str) or not values["name"].strip():
        problems.add(f"{where}: 'name' is required")
        return None
    where = f"{where.rsplit(' measure ', 1)[0]} measure '{values['name']}'"
    measure = MeasureConfig(**values)
    if measure.unit and measure.counted:
        problems.add(f"{where}: give 'counted' nouns or a 'unit', not both")
    if measure.unit and measure.unit not in UNIT_KINDS and not _known_unit(measure.unit):
        problems.add(f"{where}: unknown unit '{measure.unit}' (a kind: "
                     f"{', '.join(UNIT_KINDS)}; or a unit key such as USD, EUR, km2, km)")
    if not (measure.unit or measure.counted or measure.events):
        problems.add(f"{where}: say what is counted: 'counted' nouns, a 'unit' "
                     f"({', '.join(UNIT_KINDS)} or a unit such as USD, km2), or 'events' words")
    return measure


def _known_unit(unit: str) -> bool:
    from .analyze.figures import unit_kind  # the quantities stage knows the unit keys

    return unit_kind(unit) is not None


def _old_figures(raw: Any, topic: str, where: str, problems: _Problems) -> MeasureConfig | None:
    """[topics.figures] (counted, groups, exclude_near) still works: it is one measure named
    after the topic; README's "Measures" section shows the newer form."""
    fig = FiguresConfig(**_convert_table(raw, FiguresConfig, where, problems))
    if not fig.counted:
        problems.add(f"{where}: 'counted' needs at least one noun (or write "
                     f"[[topics.measures]] tables: name, counted or unit, events)")
        return None
    return MeasureConfig(name=topic, counted=fig.counted, exclude=fig.exclude_near)


def _convert_table(raw: Any, cls: type, where: str, problems: _Problems,
                   skip: set[str] = frozenset()) -> dict:  # type: ignore[assignment]
    """Check raw's keys and value types against cls's fields; bad ones are left out."""
    if not isinstance(raw, dict):
        problems.add(f"{where}: must be a table")
        return {}
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls) if not f.metadata.get("internal")} - set(skip)
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            problems.add(f"{where}: unknown key '{key}' (known: {', '.join(sorted(known))})")
            continue
        with problems.collect():
            out[key] = _coerce(value, hints[key], f"{where}: '{key}'")
    return out


def _coerce(value: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        return _coerce(value, inner[0], where)
    if hint is Term:
        if isinstance(value, str) and value.strip():
            return Term(value.strip())
        if isinstance(value, dict) and set(value) <= {"term", "weight"} and "term" in value:
            weight = _coerce(value.get("weight", 1.0), float, f"{where} weight")
            return Term(_coerce(value["term"], str, f"{where} term"), weight)
        raise ConfigError(f"{where}: a term is a string or {{term = \"...\", weight = 2}}")
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: expected a list, got {type(value).__name__}")
        return tuple(_coerce(v, args[0], where) for v in value)
    if hint is Path:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: expected a path string")
        return Path(value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, bool, float):
        if type(value) is not hint:
            raise ConfigError(f"{where}: expected {hint.__name__}, got {type(value).__name__}")
        if hint is float and not math.isfinite(value):  # TOML has nan and inf
            raise ConfigError(f"{where}: must be a finite number, not {value}")
        if hint in (int, float) and value < 0:
            raise ConfigError(f"{where}: must not be negative")
        return value
    raise ConfigError(f"{where}: unsupported value")  # pragma: no cover


def _check_paths(config: Config, where: str, problems: _Problems) -> None:
    if not config.inbox.is_dir():
        problems.add(f"{where}: 'inbox' folder does not exist: {config.inbox}")
    if config.pdf_variant not in PDF_VARIANTS:
        problems.add(f"{where}: [briefing] 'pdf_variant' must be one of "
                     f"{', '.join(repr(v) for v in PDF_VARIANTS)}, not {config.pdf_variant!r}")
    if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", config.language):
        problems.add(f"{where}: [briefing] 'language' must be a BCP 47 tag such as en, de or "
                     f"pt-BR, not {config.language!r}")
    if config.templates is not None and not config.templates.is_dir():
        problems.add(f"{where}: 'templates' folder does not exist: {config.templates}")
    if config.residue_file is not None and not config.residue_file.is_file():
        problems.add(f"{where}: 'residue_file' not found: {config.residue_file}")
    elif config.residue_file is not None:
        from .clean import residue_patterns

        with problems.collect():  # a bad pattern is a ConfigError
            residue_patterns((str(config.residue_file),))
    if config.outlets_file is not None and not config.outlets_file.is_file():
        problems.add(f"{where}: 'outlets_file' not found: {config.outlets_file}")
    _check_email(config.email, where, problems)
    _check_schedule(config.schedule, where, problems)
    if config.scale.engine not in ENGINES:
        problems.add(f"{where}: [scale] 'engine' must be \"local\" or \"dask\", not "
                     f"{config.scale.engine!r}")
    if config.scale.batch_size < 1:
        problems.add(f"{where}: [scale] 'batch_size' must be at least 1")
    names = [t.name for t in config.topics]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.add(f"{where}: two topics share the name {name!r}")


def _split_recipients(email: EmailConfig, where: str, problems: _Problems) -> EmailConfig:
    """Recipients reduced to their addresses (what identifies a delivery); the names given
    as "Name <address>" kept for the To header."""
    addresses: list[str] = []
    names: list[tuple[str, str]] = []
    for written in email.recipients:
        parsed = getaddresses([written])
        name, address = parsed[0] if len(parsed) == 1 else ("", "")
        if not _is_address(address) or "\n" in written or "\r" in written:
            problems.add(f"{where} not an e-mail address: {written!r} (write ana@example.org "
                         "or \"Ana Lima <ana@example.org>\", one per list item)")
            continue
        if address.lower() in {a.lower() for a in addresses}:
            problems.add(f"{where} 'recipients' has {address} twice")
            continue
        addresses.append(address)
        if name:
            names.append((address.lower(), name))
    return replace(email, recipients=tuple(addresses), names=tuple(names))


def _is_address(address: str) -> bool:
    local, at, domain = address.rpartition("@")
    return bool(at and local and domain) and not any(c in address for c in " \r\n<>,;\"")


def _check_email(email: EmailConfig, where: str, problems: _Problems) -> None:
    where = f"{where}: [email]"
    if email.security not in ("starttls", "ssl", "none"):
        problems.add(f"{where} 'security' must be starttls, ssl or none, not {email.security!r}")
    if email.enabled and not email.recipients:
        problems.add(f"{where} 'recipients' is empty but e-mail is enabled")
    if not _is_address(email.sender):
        problems.add(f"{where} 'sender' is not an e-mail address: {email.sender!r} (the name "
                     "goes in sender_name)")
    if any(c in email.sender_name for c in "\r\n"):
        problems.add(f"{where} 'sender_name' must be one line")
    if email.ca_file is not None and not email.ca_file.is_file():
        problems.add(f"{where} 'ca_file' not found: {email.ca_file}")
    if email.attempts < 1:
        problems.add(f"{where} 'attempts' must be at least 1")
    if email.timeout <= 0:  # 0 would make the socket non-blocking, not patient
        problems.add(f"{where} 'timeout' must be more than 0 seconds")
    if email.security == "none" and email.user and not _is_loopback(email.host):
        problems.add(f"{where} security = \"none\" with a login would send the password in "
                     f"clear to {email.host}; use starttls or ssl (none is only for a relay on "
                     "this machine)")
    try:
        email.subject.format(title="", date="", count=0)
    except KeyError as exc:
        problems.add(f"{where} 'subject': unknown placeholder {{{exc.args[0]}}}; "
                     "allowed: {title}, {date}, {count} (write {{ and }} for braces)")
    except (IndexError, ValueError) as exc:
        problems.add(f"{where} 'subject': {exc}; allowed placeholders: {{title}}, {{date}}, "
                     "{count} (write {{ and }} for braces)")


def _is_loopback(host: str) -> bool:
    """Only names that cannot leave the machine: 'localhost' and loopback addresses (no DNS
    lookup, which could be answered by anyone)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_schedule(schedule: ScheduleConfig, where: str, problems: _Problems) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    where = f"{where}: [schedule]"
    try:
        ZoneInfo(schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.add(f"{where} unknown time zone {schedule.timezone!r} (an IANA name such as "
                     "Europe/Berlin)")
    if schedule.cron:
        fields = schedule.cron.split()
        if len(fields) != 5:
            problems.add(f"{where} 'cron' needs five fields: {schedule.cron!r}")
        elif any(ch.isdigit() for ch in fields[4]):
            # APScheduler counts 0 as Monday, cron as Sunday: names cannot be misread.
            problems.add(f"{where} 'cron': write days as names (mon-fri, sun), not numbers: "
                         f"{fields[4]!r}")
    elif not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", schedule.time):
        problems.add(f"{where} 'time' must be HH:MM, got {schedule.time!r}")


def with_overrides(config: Config, **changes: Any) -> Config:
    """A copy of config with some fields replaced (CLI options such as --inbox)."""
    return replace(config, **{k: v for k, v in changes.items() if v is not None})
