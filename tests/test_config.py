"""Config loading: a bad key, type or path is named with the file; the CLI exits 78."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.config import load_config
from briefing.errors import ConfigError

from .conftest import ROOT, write_config


def test_shipped_config_loads() -> None:
    config = load_config(ROOT / "briefing.toml")
    assert [t.name for t in config.topics] == ["US response", "NATO", "China", "Troop numbers"]
    assert config.topics[3].figures is not None
    assert config.inbox == (ROOT / "seeds").resolve()


@pytest.mark.parametrize("extra,topics,message", [
    ("colour = \"red\"", None, "unknown key 'colour'"),
    ("max_file_kb = \"big\"", None, "'max_file_kb': expected int"),
    ("pdf = 1", None, "'pdf': expected bool"),
    ("", "[[topics]]\nname = \"A\"\n", "'terms' needs at least one term"),
    ("", "[[topics]]\nname = \"A\"\nterms = [\"a\"]\nweight = 3\n", "unknown key 'weight'"),
    ("", "[[topics]]\nname = \"A\"\nterms = [{term = \"a\", weight = \"x\"}]\n", "expected float"),
    ("", "[[topics]]\nname = \"A\"\nterms = [\"a\"]\n[topics.figures]\ncounted = []\n",
     "'counted' needs at least one noun"),
    ("", "[digest]\nsentences_per_topic = -1\n[[topics]]\nname = \"A\"\nterms = [\"a\"]\n",
     "must not be negative"),
])
def test_bad_values_are_named(tmp_path: Path, extra: str, topics: str | None,
                              message: str) -> None:
    (tmp_path / "inbox").mkdir()
    path = write_config(tmp_path, tmp_path / "inbox", extra, topics)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_missing_inbox_and_templates_folder(tmp_path: Path) -> None:
    path = write_config(tmp_path, tmp_path / "nowhere")
    with pytest.raises(ConfigError, match="'inbox' folder does not exist"):
        load_config(path)
    (tmp_path / "inbox").mkdir()
    path = write_config(tmp_path, tmp_path / "inbox", 'templates = "mine"')
    with pytest.raises(ConfigError, match="'templates' folder does not exist: .*mine"):
        load_config(path)


def test_cli_exit_code_for_bad_config(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    path = write_config(tmp_path, tmp_path / "inbox", "colour = 1")
    result = CliRunner().invoke(main, ["run", "-c", str(path)])
    assert result.exit_code == 78
    assert "unknown key 'colour'" in result.output and str(path) in result.output
