"""Installed as users install it: a wheel in its own venv (as pipx does) with the story
anywhere, run from cron's bare environment in /, and `make run` in the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

DAY = "2025-03-01"
ARTICLE = ("Title: Flood recedes\n\nOfficials said on Monday that 1,200 residents had been "
           "evacuated from the lower town, and the ministry promised help to families.\n")
# What a crontab line gets: no HOME, no PATH beyond the basics, no virtualenv.
CRON_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The wheel and sdist, built once from a copy of the checkout, offline."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE", "briefing"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, src / name)
    out = src / "dist"
    hooks = ("from setuptools import build_meta as b\n"  # the PEP 517 hooks pip would call
             f"w = b.build_wheel({str(out)!r})\ns = b.build_sdist({str(out)!r})\n"
             "print('BUILT', w, s)\n")
    done = subprocess.run([sys.executable, "-c", hooks], cwd=src, capture_output=True,
                          text=True, check=True)
    wheel, sdist = done.stdout.split("BUILT ")[-1].split()
    return {"wheel": out / wheel, "sdist": out / sdist}


@pytest.fixture(scope="session")
def installed(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed (console script and all); the libraries come
    from the test venv through a .pth line, so nothing is downloaded. Returns its bin/."""
    venv = tmp_path_factory.mktemp("pipx") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(dist["wheel"])], check=True)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True,
                          check=True).stdout.strip()
    # A plain path line: the test venv's own .pth files (its editable `briefing`) stay off.
    Path(site, "test-venv-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


def test_wheel_and_sdist_carry_license_templates_and_data(dist: dict[str, Path]) -> None:
    names = zipfile.ZipFile(dist["wheel"]).namelist()
    for name in ("briefing/templates/briefing.md.j2", "briefing/templates/briefing.html.j2",
                 "briefing/templates/print.css", "briefing/templates/email.html.j2",
                 "briefing/data/residue.txt"):
        assert name in names, name
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    with tarfile.open(dist["sdist"]) as tar:
        members = [m.split("/", 1)[1] for m in tar.getnames() if "/" in m]
    assert "LICENSE" in members and "briefing/templates/print.css" in members


def test_installed_tool_builds_a_story_anywhere_from_crons_environment(
        installed: Path, tmp_path: Path) -> None:
    where = subprocess.run([str(installed / "python"), "-c",
                            "import briefing; print(briefing.__file__)"], env=CRON_ENV,
                           cwd="/", capture_output=True, text=True, check=True).stdout
    assert Path(where).is_relative_to(installed.parent)  # the installed copy, not the checkout
    story = tmp_path / "story"
    init = subprocess.run([str(installed / "briefing"), "init", str(story)], env=CRON_ENV,
                          cwd="/", capture_output=True, text=True)
    assert init.returncode == 0, init.stderr
    (story / "inbox" / "flood.txt").write_text(ARTICLE, encoding="utf-8")
    root_before = set(os.listdir("/"))
    run = subprocess.run([str(installed / "briefing"), "run", "-q", "-c",
                          str(story / "briefing.toml"), "--date", DAY],
                         env=CRON_ENV, cwd="/", capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "" and run.stderr == ""  # -q: silent on success
    edition = story / "out" / DAY
    assert "1,200 residents" in (edition / "briefing.md").read_text(encoding="utf-8")
    assert (edition / "briefing.pdf").read_bytes().startswith(b"%PDF")
    assert (story / "out" / "briefing.sqlite").is_file()
    assert set(os.listdir("/")) == root_before  # nothing scattered where cron started it
    # BRIEFING_CONFIG instead of -c
    status = subprocess.run([str(installed / "briefing"), "status"], cwd="/",
                            env={**CRON_ENV, "BRIEFING_CONFIG": str(story / "briefing.toml")},
                            capture_output=True, text=True)
    assert status.returncode == 0 and DAY in status.stdout, status.stderr


def test_make_run_in_the_checkout(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    venv = Path(sys.prefix)
    if not (venv / "bin" / "briefing").is_file():
        pytest.skip("not running from the project's venv")
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    for name in ("Makefile", "briefing.toml", "pyproject.toml", "seeds", "requirements"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, checkout / name)
    # The recipe as written, with this venv already set up (-o: do not reinstall).
    made = subprocess.run(["make", "-s", "run", f"VENV={venv}", "-o", f"{venv}/.run-deps"],
                          cwd=checkout, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    today = subprocess.run(["date", "+%Y-%m-%d"], capture_output=True, text=True).stdout.strip()
    assert str(checkout / "out" / today / "briefing.md") in made.stdout
    assert (checkout / "out" / today / "briefing.pdf").is_file()
