"""The pinned dependency sets that make installs from match pyproject.toml."""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins(name: str) -> dict[str, list[str]]:
    """Package -> pinned versions in requirements/NAME.txt (several when markers differ)."""
    out: dict[str, list[str]] = {}
    text = (ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    for package, version in re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", text, re.M):
        out.setdefault(canonicalize_name(package), []).append(version)
    return out


@pytest.mark.parametrize("lock,declared", [
    ("run", PYPROJECT["dependencies"]),
    ("test", PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["test"]),
])
def test_lock_pins_every_declared_dependency_within_its_bounds(lock: str,
                                                               declared: list[str]) -> None:
    pinned = pins(lock)
    for line in declared:
        req = Requirement(line)
        versions = pinned.get(canonicalize_name(req.name))
        assert versions, f"{req.name} is not in requirements/{lock}.txt: run `make lock`"
        for version in versions:
            assert req.specifier.contains(version, prereleases=True), (
                f"requirements/{lock}.txt pins {req.name}=={version}, outside {req.specifier}: "
                "run `make lock`")


def test_run_and_test_sets_agree() -> None:
    run, test = pins("run"), pins("test")
    assert {name: run[name] for name in run} == {name: test[name] for name in run}
