"""The figures gold set (tests/data/figures_gold) is well formed: every mention's figure is a
slice of its sentence, its measure is one its story configures, its fields take the values
the gold README allows, and its file is listed with its story. A typo in the hand-annotated
set would otherwise only show as a benchmark figure that moved."""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path

GOLD = Path(__file__).parent / "data" / "figures_gold"
FIELDS = {"story", "file", "sentence", "figure", "figure_start", "value", "low", "high", "hedge",
          "kind", "unit", "measure", "who", "where", "when", "when_text", "background",
          "wanted", "note"}


def mentions() -> list[dict]:
    lines = (GOLD / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_mention_has_the_fields_and_its_figure_is_a_slice_of_its_sentence() -> None:
    rows = mentions()
    assert len(rows) >= 150
    for row in rows:
        assert set(row) == FIELDS, row["figure"]
        start = row["figure_start"]
        assert row["sentence"][start:start + len(row["figure"])] == row["figure"], row


def test_values_kinds_and_hedges_are_those_the_readme_allows() -> None:
    for row in mentions():
        if row["kind"] == "not_a_quantity":
            assert row["measure"] is None and not row["wanted"], row["figure"]
            continue
        assert row["kind"] in ("count", "increment", "total"), row
        assert row["hedge"] in ("=", "~", ">", "<"), row
        ranged = row["low"] is not None or row["high"] is not None
        assert (row["value"] is not None) or ranged, row
        if row["low"] is not None and row["high"] is not None:
            assert row["low"] <= row["high"], row
        assert isinstance(row["background"], bool) and isinstance(row["wanted"], bool), row
        assert row["who"], row  # a noun phrase or "not stated", never empty


def test_each_mention_names_a_listed_file_and_a_measure_of_its_story() -> None:
    stories = tomllib.loads((GOLD / "measures.toml").read_text(encoding="utf-8"))["story"]
    measures = {s["name"]: {m["name"] for m in s.get("measures", [])} for s in stories}
    with (GOLD / "articles.tsv").open(encoding="utf-8", newline="") as handle:
        listed = {(r["story"], r["file"]) for r in csv.DictReader(handle, delimiter="\t")}
    for row in mentions():
        assert row["story"] in measures, row["story"]
        assert (row["story"], row["file"]) in listed, (row["story"], row["file"])
        if row["measure"] is not None:
            assert row["measure"] in measures[row["story"]], (row["story"], row["measure"])
