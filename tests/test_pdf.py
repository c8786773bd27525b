"""The PDF edition as a reader (and a screen reader) gets it: tagged, with language and
author, PDF/UA-1 on request; print tables at a readable size."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefing import render
from briefing.cli import main

from .conftest import write_config

DAY = "2025-03-01"


def pdfinfo(path: Path) -> dict[str, str]:
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo is missing: apt-get install poppler-utils (.ci/run does)")
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {k.strip(): v.strip() for k, _, v in
            (line.partition(":") for line in out.stdout.splitlines())}


def build(tmp_path: Path, seed_inbox: Path, extra: str = "") -> Path:
    config = write_config(tmp_path, seed_inbox, extra)
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", DAY])
    assert result.exit_code == 0, result.stderr
    return tmp_path / "out" / DAY / "briefing.pdf"


def test_pdf_is_tagged_with_language_and_author(tmp_path: Path, seed_inbox: Path) -> None:
    pdf = build(tmp_path, seed_inbox, 'author = "Desk of Ana Lima"\nlanguage = "en-GB"')
    info = pdfinfo(pdf)
    assert info["Tagged"] == "yes"
    assert info["Author"] == "Desk of Ana Lima"
    assert info["Title"].startswith("Test briefing")
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "en-GB"


def test_pdf_ua_1_on_request(tmp_path: Path, seed_inbox: Path) -> None:
    pdf = build(tmp_path, seed_inbox, 'pdf_variant = "pdf/ua-1"')
    info = pdfinfo(pdf)
    assert info["Tagged"] == "yes" and info["PDF version"] == "1.7"
    xmp = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp


def test_bad_pdf_variant_and_language_are_config_errors(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    config = write_config(tmp_path, tmp_path / "inbox",
                          'pdf_variant = "pdf/a-9"\nlanguage = "English please"')
    result = CliRunner().invoke(main, ["check", "-c", str(config)])
    assert result.exit_code == 78
    assert "'pdf_variant' must be one of '', 'pdf/ua-1'" in result.stderr
    assert "'language' must be a BCP 47 tag" in result.stderr


def _tables(count: int, rows: int = 10) -> str:
    """Tables shaped as the Markdown makes them, each after a paragraph of a different
    length, so page breaks fall at every place in some table."""
    head = "".join(f"<th>Head {j}</th>" for j in range(7))
    out = ["<h1>Title</h1>"]
    for t in range(count):
        body = "".join(f"<tr><td>T{t:02d}R{r:02d}</td>"
                       + "".join(f"<td>cell {j}</td>" for j in range(6)) + "</tr>"
                       for r in range(rows))
        out.append(f"<p>{'word ' * (17 * (t % 7) + 5)}</p><h4>Measure {t}</h4><table><thead>"
                   f"<tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return "".join(out)


def test_print_tables_are_readable_and_never_leave_one_or_two_rows_alone() -> None:
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if re.match(r"T\d\dR", text):
            sizes.append(size * tm[0] * cm[0])  # WeasyPrint draws in px scaled to pt

    count = 24
    pages = [page.extract_text(visitor_text=visit) for page in
             PdfReader(io.BytesIO(render.render_pdf(_tables(count), None))).pages]
    splits = 0
    for t in range(count):
        parts = [n for n in (len(re.findall(rf"T{t:02d}R\d\d", text)) for text in pages) if n]
        assert sum(parts) == 10
        if len(parts) > 1:
            splits += 1
            assert min(parts) >= 3, f"table {t}: rows per page {parts}"
    assert splits >= 3  # the check above did run on split tables
    assert min(sizes) >= 8.5, f"table text at {min(sizes):.1f} pt"
