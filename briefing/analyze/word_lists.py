"""The word lists shipped in briefing/data (made at development time from WordNet and
GeoNames): read once, blank lines and "#" comments left out."""

from __future__ import annotations

from importlib import resources


def data_lines(name: str) -> list[str]:
    """The lines of briefing/data/<name> that hold an entry."""
    text = resources.files("briefing").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
