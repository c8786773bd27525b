"""Cleaning: data-file cases, plus the law that cleaning twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.clean import clean_lines, residue_patterns

from .conftest import DATA

CASES = sorted((DATA / "clean").glob("*.case"))


def parse_case(path: Path) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("--- "):
            current = line[4:].strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {k: "\n".join(v) for k, v in sections.items()}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_clean_case(path: Path) -> None:
    case = parse_case(path)
    got = clean_lines(case["input"].split("\n"), title=case["title"].strip(),
                      patterns=residue_patterns())
    assert got == [line for line in case["expected"].split("\n") if line.strip()]


def test_user_residue_file_extends_the_builtin_list(tmp_path: Path) -> None:
    extra = tmp_path / "residue.txt"
    extra.write_text("# ours\nsupport our journalism.*\n", encoding="utf-8")
    lines = ["A real sentence about the budget vote in parliament today.",
             "Support our journalism: donate now and help keep it free."]
    assert clean_lines(lines, patterns=residue_patterns()) == lines
    assert clean_lines(lines, patterns=residue_patterns((str(extra),))) == lines[:1]


WORDS = st.sampled_from(["Related", "Read", "more", "the", "minister", "said", "“", "”", "...",
                         "…", "ADVERTISEMENT", "10,000", "troops", "Posts", "a", "of", ".",
                         "https://x.example/a.jpg", "Strike", "ends", "Headline"])
LINES = st.lists(st.lists(WORDS, max_size=14).map(" ".join), max_size=25)


@settings(max_examples=300, deadline=None)
@given(lines=LINES, title=st.sampled_from([None, "Strike ends", "Headline more the minister"]))
def test_cleaning_is_idempotent(lines: list[str], title: str | None) -> None:
    patterns = residue_patterns()
    once = clean_lines(lines, title=title, patterns=patterns)
    twice = clean_lines("\n\n".join(once).split("\n"), title=title, patterns=patterns)
    assert twice == once
