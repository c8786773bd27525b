"""The README stays complete: every config key and exit code is documented."""

from __future__ import annotations

from dataclasses import fields

import pytest

from briefing.config import (
    Config,
    DigestConfig,
    EmailConfig,
    FiguresConfig,
    LedgerConfig,
    MeasureConfig,
    ScaleConfig,
    ScheduleConfig,
    TimelineConfig,
    TopicConfig,
)

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("cls", [Config, DigestConfig, LedgerConfig, TopicConfig,
                                 FiguresConfig, MeasureConfig, EmailConfig, ScheduleConfig,
                                 TimelineConfig, ScaleConfig])
def test_every_config_key_is_documented(cls: type) -> None:
    for f in fields(cls):
        if f.name in ("path", "digest", "ledger", "timeline", "topics", "email", "schedule",
                      "scale"):
            continue
        if f.metadata.get("internal"):
            continue
        assert f"| `{f.name}` |" in README, f"{cls.__name__}.{f.name} missing from README"
        assert f.metadata.get("help"), f"{cls.__name__}.{f.name} has no help text"


def test_readme_starts_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:6])
    assert "make run" in head and "make test" in head


@pytest.mark.parametrize("code", ["0", "2", "3", "4", "66", "70", "73", "74", "75", "77",
                                  "78"])
def test_exit_codes_documented(code: str) -> None:
    assert f"| {code} |" in README


def test_cron_and_systemd_advice() -> None:
    cron = README.split("### With cron")[1].split("### With systemd")[0]
    assert "CRON_TZ" in cron and "ignore" in cron  # Debian's cron fires in the system zone
    systemd = README.split("### With systemd")[1].split("### With the built-in")[0]
    assert "User=briefing" in systemd and "useradd --system" in systemd
    assert "run -q" in cron
