"""Hostile input: nothing is fetched, nothing attached, nothing executed."""

from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefing import render
from briefing.cli import main

from .conftest import TEMPLATES, write_config


@pytest.fixture
def trap_server():
    """A real HTTP server on loopback that records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def hostile_html(base: str, secret: Path) -> str:
    return f"""<html><head><title>Harbour closed after oil spill</title>
    <base href="{base}/base/">
    <link rel="stylesheet" href="{base}/style.css">
    <script>fetch("{base}/script");</script></head><body><article>
    <h1>Harbour closed after oil spill</h1>
    <p>The harbour authority closed the port on Monday after a tanker leaked about 300 tonnes
    of oil into the bay, and said clean-up crews were working through the night.</p>
    <img src="{base}/pixel.png">
    <p>Fishermen said the spill would cost them the rest of the season, and the city council
    asked the government for emergency support for the 120 families affected.</p>
    <link rel="attachment" href="file://{secret}">
    <a href="file://{secret}" rel="attachment">notes</a>
    </article></body></html>"""


def test_pipeline_fetches_and_attaches_nothing(tmp_path: Path, trap_server) -> None:
    base, hits = trap_server
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "spill.html").write_text(hostile_html(base, secret))
    # Raw HTML pasted into a text file is never obeyed: its tags are page furniture, removed.
    (inbox / "pasted.txt").write_text(
        "Title: Spill <b>update</b> | council\n\n"
        f"The council met on Tuesday about the spill and the harbour <img src=\"{base}/txt.png\">"
        f" closure, and voted to fund the clean-up <link rel=attachment href=\"file://{secret}\">"
        " with money from its reserve.\n")
    topics = ('[[topics]]\nname = "Harbour"\ndescription = "The port."\n'
              'terms = ["harbour", "port", "spill", "council"]\n')
    config = write_config(tmp_path, inbox, topics=topics)
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-01-01"])
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "out" / "2025-01-01"
    md = (folder / "briefing.md").read_text()
    assert "harbour authority closed the port" in md
    assert "<script" not in md and "fetch(" not in md
    assert "the harbour closure, and voted to fund the clean-up with money" in md
    assert "img" not in md and "rel=attachment" not in md
    reader = PdfReader(folder / "briefing.pdf")
    assert not reader.attachments
    text = "".join(p.extract_text() for p in reader.pages)
    assert "TOP-SECRET" not in text and "TOP-SECRET" not in (folder / "briefing.pdf").read_text(
        errors="ignore")
    assert "Spill update" in text and "<b>" not in text  # the title's markup is dropped
    assert hits == []


def test_fetcher_refuses_network_and_local_files_even_in_raw_html(tmp_path: Path,
                                                                   trap_server) -> None:
    base, hits = trap_server
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    html = (f'<html><head><base href="{base}/"><link rel="attachment" href="file://{secret}">'
            f'</head><body><p>Body text</p><img src="{base}/x.png">'
            f'<img src="file://{secret}"><img src="pixel.png"></body></html>')
    pdf = render.render_pdf(html, TEMPLATES)
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.attachments
    assert b"TOP-SECRET" not in pdf
    assert hits == []


def test_markdown_escaping_keeps_tables_whole() -> None:
    assert render.md_escape("A | B [link](x) <b>*bold*</b>\nnext") == (
        "A \\| B \\[link\\](x) &lt;b&gt;\\*bold\\*&lt;/b&gt; next")
