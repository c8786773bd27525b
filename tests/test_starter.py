"""`briefing init`: a new story folder that works as written, with every key documented."""

from __future__ import annotations

import re
import tomllib
from dataclasses import MISSING, fields
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main
from briefing.config import (
    Config,
    DigestConfig,
    EmailConfig,
    LedgerConfig,
    MeasureConfig,
    ScaleConfig,
    ScheduleConfig,
    TimelineConfig,
    TopicConfig,
    load_config,
)

ARTICLE = ("Title: Flood recedes\n\nOfficials said on Monday that 1,200 residents had been "
           "evacuated from the lower town, and the ministry promised help to families.\n")


def test_init_writes_a_config_and_inbox_that_build_an_edition(tmp_path: Path) -> None:
    story = tmp_path / "story"
    result = CliRunner().invoke(main, ["init", str(story), "--title", "Flood watch"])
    assert result.exit_code == 0, result.stderr
    config = story / "briefing.toml"
    assert (story / "inbox").is_dir() and not any((story / "inbox").iterdir())
    assert f"briefing run -c {config}" in result.stdout  # the next command
    loaded = load_config(config)
    assert loaded.title == "Flood watch" and loaded.inbox == story / "inbox"
    assert any(t.measures for t in loaded.topics)  # a sample with a figures measure
    assert CliRunner().invoke(main, ["check", "-c", str(config)]).exit_code == 0
    (story / "inbox" / "flood.txt").write_text(ARTICLE)
    run = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-05-02"])
    assert run.exit_code == 0, run.stderr
    assert "1,200" in (story / "out" / "2025-05-02" / "briefing.md").read_text()


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "briefing.toml").write_text("# mine\n")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 73 and "already exists" in result.stderr
    assert (tmp_path / "briefing.toml").read_text() == "# mine\n"


def test_every_key_is_shown_with_its_default(tmp_path: Path) -> None:
    CliRunner().invoke(main, ["init", str(tmp_path)])
    text = (tmp_path / "briefing.toml").read_text()
    # Uncommenting a "# key = value" line must give exactly the default.
    # Keyed by section too: [timeline] and [email] both have `enabled`.
    commented: dict[tuple[str, str], str] = {}
    lines = text.splitlines()
    section = "briefing"
    for i, line in enumerate(lines):
        header = re.match(r"^#?\s*\[+([\w.]+)\]+\s*$", line)
        if header:
            section = header.group(1)
        if line.startswith("# ") and " = " in line and line[2:].split(" = ")[0].isidentifier():
            block = line[2:]
            while block.count("[") > block.count("]"):  # a list over several lines
                i += 1
                block += "\n" + lines[i][2:]
            commented.setdefault((section, block.split(" = ")[0]), block)
    sections = {Config: "briefing", DigestConfig: "digest", LedgerConfig: "ledger",
                TimelineConfig: "timeline", EmailConfig: "email", ScheduleConfig: "schedule",
                TopicConfig: "topics", MeasureConfig: "topics.measures", ScaleConfig: "scale"}
    for cls, where in sections.items():
        found = {name: block for (sec, name), block in commented.items() if sec == where}
        for f in fields(cls):
            if f.name in ("path", "digest", "ledger", "timeline", "email", "schedule", "topics",
                          "measures", "scale"):
                continue
            if f.metadata.get("internal"):
                continue
            assert f"{f.name} = " in text, f"{cls.__name__}.{f.name} missing"
            if f.name not in found:
                assert f.name in ("title", "inbox", "name", "description", "terms", "counted",
                                  "events")
                continue
            default = f.default_factory() if f.default_factory is not MISSING else f.default
            if default is None:
                continue  # an example, not a default
            value = tomllib.loads(found[f.name])[f.name]
            if isinstance(default, tuple):
                value = tuple(getattr(v, "text", v) if not isinstance(v, str) else v
                              for v in value)
                default = tuple(getattr(v, "text", v) for v in default)
            if isinstance(default, Path):
                value = Path(value)
            assert value == default, f.name
