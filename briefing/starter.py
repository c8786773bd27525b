"""`briefing init`: a new story folder with a commented briefing.toml and an empty inbox."""

from __future__ import annotations

import json
from dataclasses import MISSING, Field, fields
from pathlib import Path
from typing import Any

from .config import (
    CONFIG_NAME,
    Config,
    DigestConfig,
    EmailConfig,
    LedgerConfig,
    MeasureConfig,
    ScaleConfig,
    ScheduleConfig,
    Term,
    TimelineConfig,
    TopicConfig,
)
from .errors import BriefingError

WIDTH = 92

# What to show for keys whose default is "not set", so the commented line is a usable example.
EXAMPLES: dict[str, Any] = {
    "templates": "templates", "residue_file": "residue.txt", "ca_file": "private-ca.pem",
    "sentences": 4, "words": 120,
}

HEADER = """\
# briefing.toml: one story. Paths are relative to this file's folder.
# Every key is listed with its default: a line "# key = value" is the default; remove the
# "# " to change it. This checks the file and lists every problem:
#   briefing check -c {path}
"""

SAMPLE_TOPICS = """\
# One [[topics]] table per section of the briefing, in the order shown. A sentence joins a
# topic when it contains its terms (plurals match). Replace these two with your story's.

[[topics]]
name = "Official response"
description = "What governments and officials say and do."
terms = ["government", "minister", "ministry", "officials", "authorities",
         {{ term = "spokesperson", weight = 2 }}]
{topic_defaults}

[[topics]]
name = "Who is affected"
description = "How many people are affected, where, and who says so."
terms = ["people", "residents", "families", "households", "evacuated"]
{topic_defaults}

# Each [[topics.measures]] is one figure the topic above follows in its table: the current
# figure, how it moved, and who says how many, where and when.
[[topics.measures]]
name = "People evacuated"
counted = ["people", "residents", "families", "households"]
events = ["evacuated", "evacuate", "displaced", "fled", "shelters"]
{measure_defaults}"""


class Exists(BriefingError):
    """Raised by start_story when the folder already has a config: it is never overwritten."""

    exit_code = 73  # EX_CANTCREAT


def start_story(folder: Path, title: str) -> Path:
    """Write FOLDER/briefing.toml (every key with its default) and FOLDER/inbox/; return the
    config's path."""
    config = folder / CONFIG_NAME
    if config.exists():
        raise Exists(f"{config} already exists; not overwritten")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "inbox").mkdir(exist_ok=True)
    with config.open("x", encoding="utf-8") as fh:  # "x": never clobber a file made meanwhile
        fh.write(sample_config(title, config))
    return config


def sample_config(title: str, path: Path) -> str:
    """The commented config text: every key of every section, its help and its default."""
    parts = [HEADER.format(path=path), "[briefing]"]
    skip = {"path", "digest", "ledger", "timeline", "email", "schedule", "scale", "topics"}
    for f in fields(Config):
        if f.name in skip:
            continue
        value: Any = {"title": title, "inbox": "inbox"}.get(f.name, MISSING)
        parts.append(_key(f, value))
    for name, cls in (("digest", DigestConfig), ("ledger", LedgerConfig),
                      ("timeline", TimelineConfig), ("email", EmailConfig),
                      ("schedule", ScheduleConfig), ("scale", ScaleConfig)):
        parts.append(f"\n[{name}]")
        parts.extend(_key(f) for f in fields(cls) if not f.metadata.get("internal"))
    topic_defaults = "\n".join(_key(f) for f in fields(TopicConfig)
                               if f.name not in ("name", "description", "terms", "measures"))
    measure_defaults = "\n".join(_key(f) for f in fields(MeasureConfig)
                                  if f.name not in ("name", "counted", "events"))
    parts.append("\n" + SAMPLE_TOPICS.format(topic_defaults=topic_defaults,
                                             measure_defaults=measure_defaults))
    return "\n".join(parts).rstrip("\n") + "\n"


def _key(f: Field[Any], value: Any = MISSING) -> str:
    """'# help' then 'key = value' (set) or '# key = default' (left at its default)."""
    default = f.default_factory() if f.default_factory is not MISSING else f.default
    text = f.metadata["help"] + (" Not set by default." if default is None else "")
    lines = [f"# {line}" for line in _wrap(text, WIDTH - 2)]
    if value is not MISSING:
        lines.append(f"{f.name} = {_toml(value)}")
        return "\n".join(lines)
    if default is None:
        if f.name not in EXAMPLES:
            return "\n".join([*lines, f"# {f.name} = ..."])
        default = EXAMPLES[f.name]
    lines.extend(f"# {line}" for line in _assignment(f.name, default, WIDTH - 2))
    return "\n".join(lines)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, Path):
        return json.dumps(value.as_posix(), ensure_ascii=False)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, Term):
        return _toml(value.text) if value.weight == 1.0 else (
            f"{{ term = {_toml(value.text)}, weight = {value.weight!r} }}")
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")  # pragma: no cover


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _assignment(name: str, value: Any, width: int) -> list[str]:
    """`name = value`; a long list over several lines (TOML allows it), aligned."""
    text = f"{name} = {_toml(value)}"
    if len(text) <= width or not isinstance(value, (tuple, list)):
        return [text]
    indent = " " * (len(name) + 4)
    lines = [f"{name} = ["]
    for item in (_toml(v) for v in value):
        candidate = f"{lines[-1]}{'' if lines[-1].endswith('[') else ' '}{item},"
        if len(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(f"{indent}{item},")
    lines[-1] = lines[-1][:-1] + "]"
    return lines
