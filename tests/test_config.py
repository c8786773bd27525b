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
    assert [m.name for m in config.topics[3].measures] == ["North Korean troops in Russia"]
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
    ("", "[[topics]]\nname = \"A\"\nterms = [\"a\"]\n[[topics.measures]]\nname = \"Killed\"\n",
     "say what is counted"),
    ("", "[[topics]]\nname = \"A\"\nterms = [\"a\"]\n[[topics.measures]]\nname = \"K\"\n"
     "counted = [\"people\"]\nunit = \"money\"\n", "'counted' nouns or a 'unit', not both"),
    ("", "[[topics]]\nname = \"A\"\nterms = [\"a\"]\n[[topics.measures]]\nname = \"K\"\n"
     "unit = \"furlongs\"\n", "unknown unit 'furlongs'"),
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


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "briefing.md.j2").write_text("# {{ b.title }}\n{% if b.topics %}\nx\n")
    (tmp_path / "briefing.toml").write_text(
        '[briefing]\ntitle = 3\ncolour = "red"\ntemplates = "mine"\n'
        '[email]\nsubject = "{title} on {day}"\nsecurity = "tls"\n'
        '[schedule]\ntime = "7am"\n'
        '[[topics]]\nname = "A"\nterms = []\n'
        '[[topics]]\nname = "B"\nterms = ["b"]\nweight = 2\n')
    result = CliRunner().invoke(main, ["check", "-c", str(tmp_path / "briefing.toml")])
    assert result.exit_code == 78
    lines = [line for line in result.stderr.splitlines() if line.startswith("briefing: error:")]
    expected = ["[briefing]: 'title': expected str, got int", "unknown key 'colour' (known:",
                "topic 'A': 'terms' needs at least one term", "topic 'B': unknown key 'weight'",
                "'inbox' folder does not exist", "'security' must be starttls, ssl or none",
                "'subject': unknown placeholder {day}; allowed: {title}, {date}, {count}",
                "'time' must be HH:MM", "briefing.md.j2:2: template syntax error"]
    assert len(lines) == len(expected), result.stderr
    for text in expected:
        assert sum(text in line for line in lines) == 1, text
    # run stops at the same problems (those of the config itself) with the same code
    run = CliRunner().invoke(main, ["run", "-c", str(tmp_path / "briefing.toml")])
    assert run.exit_code == 78 and "'colour'" in run.stderr and "{day}" in run.stderr


def test_check_passes_a_good_config(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    path = write_config(tmp_path, tmp_path / "inbox")
    result = CliRunner().invoke(main, ["check", "-c", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "" and "fine" in result.stdout


def test_path_defaults_are_relative_to_the_config_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    story, elsewhere = tmp_path / "story", tmp_path / "elsewhere"
    (story / "inbox").mkdir(parents=True)
    elsewhere.mkdir()
    (story / "inbox" / "a.txt").write_text(
        "Title: Strike ends\n\nDock workers voted on Sunday to end their nine-day strike.\n")
    (story / "briefing.toml").write_text(
        '[[topics]]\nname = "Port"\nterms = ["strike", "dock"]\n')  # nothing else set
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["run", "-c", str(story / "briefing.toml"),
                                       "--date", "2025-03-01"])
    assert result.exit_code == 0, result.stderr
    assert (story / "out" / "2025-03-01" / "briefing.md").is_file()
    assert (story / "out" / "briefing.sqlite").is_file()
    assert list(elsewhere.iterdir()) == []


@pytest.fixture
def no_config_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder without briefing.toml and no BRIEFING_CONFIG or XDG config."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return cwd


def _config_in(folder: Path, title: str) -> Path:
    (folder / "inbox").mkdir(parents=True)
    path = write_config(folder, folder / "inbox")
    path.write_text(path.read_text().replace('"Test briefing"', f'"{title}"'))
    return path


def test_config_lookup_order(tmp_path: Path, no_config_env: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    def title() -> str:
        result = CliRunner().invoke(main, ["check"])
        assert result.exit_code == 0, result.stderr
        return load_config(result.stdout.split(": fine.")[0]).title

    missing = CliRunner().invoke(main, ["status"])
    assert missing.exit_code == 78 and "no config file found" in missing.stderr
    assert "briefing init" in missing.stderr and missing.stderr.count("\n") == 1
    _config_in(tmp_path / "xdg" / "briefing", "from XDG")
    assert title() == "from XDG"
    _config_in(no_config_env, "from the current folder")
    assert title() == "from the current folder"
    env = _config_in(tmp_path / "env", "from BRIEFING_CONFIG")
    monkeypatch.setenv("BRIEFING_CONFIG", str(env))
    assert title() == "from BRIEFING_CONFIG"
    given = _config_in(tmp_path / "given", "from -c")
    result = CliRunner().invoke(main, ["check", "-c", str(given)])
    assert result.stdout.startswith(str(given))
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "gone.toml"))  # named but missing
    result = CliRunner().invoke(main, ["status"])
    assert result.exit_code == 78 and "gone.toml: config file not found" in result.stderr


def test_help_says_where_the_config_is_looked_for() -> None:
    result = CliRunner().invoke(main, ["run", "--help"])
    assert "BRIEFING_CONFIG" in result.output and "XDG_CONFIG_HOME" in result.output
def test_old_figures_table_is_one_measure(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    topics = ("[[topics]]\nname = \"Troops\"\nterms = [\"troops\"]\n[topics.figures]\n"
              "counted = [\"troops\"]\ngroups = [\"brigades\"]\n")
    config = load_config(write_config(tmp_path, tmp_path / "inbox", "", topics))
    (measure,) = config.topics[0].measures
    assert measure.name == "Troops" and measure.counted == ("troops",)
    assert "killed" in measure.exclude  # the old casualty default still keeps deaths out
