"""The e-mail a reader opens: one-line subject, plain text without Markdown escapes, HTML with
table borders and a viewport, a named sender, recipients with names."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.deliver import markdown_to_text
from briefing.render import md_escape

from .conftest import write_config
from .smtp_helpers import Handler, start_server

DAY = "2024-11-01"


@pytest.fixture
def received(tmp_path: Path, seed_inbox: Path):  # type: ignore[no-untyped-def]
    handler = Handler()
    controller = start_server(handler)
    recipients = ["Ana Lima <ana@example.org>", "bob@example.org"]
    section = (f'[email]\nenabled = true\nhost = "127.0.0.1"\nport = {controller.port}\n'
               'security = "none"\nsender = "desk@news.example"\nsender_name = "Morning Desk"\n'
               f"recipients = {json.dumps(recipients)}\nattempts = 1\n")
    config = write_config(tmp_path, seed_inbox, 'title = "North Korean troops in Russia\'s '
                                                'war on Ukraine, a long title"\n' + section,
                          topics=None)
    text = config.read_text()
    config.write_text(text.replace('title = "Test briefing"\n', "", 1))
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", DAY])
    controller.stop()
    assert result.exit_code == 0, result.stderr
    yield config, handler.received


def parsed(envelope) -> email.message.EmailMessage:  # type: ignore[no-untyped-def]
    return email.message_from_bytes(envelope.original_content, policy=email.policy.default)


def test_subject_is_one_line_and_from_is_named(received) -> None:  # type: ignore[no-untyped-def]
    _, messages = received
    raw = messages[0].original_content
    head = raw.split(b"\r\n\r\n")[0].decode()
    subject = next(line for line in head.splitlines() if line.startswith("Subject:"))
    assert len(subject) > 78  # long enough that Python would have folded it
    assert subject == ("Subject: North Korean troops in Russia's war on Ukraine, a long title: "
                       "2024-11-01 (5 articles)")
    assert parsed(messages[0])["From"] == "Morning Desk <desk@news.example>"


def test_recipient_names_in_to_and_the_address_is_the_identity(received) -> None:  # type: ignore[no-untyped-def]
    config, messages = received
    to = sorted(str(parsed(m)["To"]) for m in messages)
    assert to == ["Ana Lima <ana@example.org>", "bob@example.org"]
    assert sorted(m.rcpt_tos[0] for m in messages) == ["ana@example.org", "bob@example.org"]
    status = json.loads(CliRunner().invoke(main, ["status", "--json", "-c", str(config)]).stdout)
    sent = {d["recipient"]: d["status"] for d in status["editions"][0]["deliveries"]}
    assert sent == {"ana@example.org": "sent", "bob@example.org": "sent"}
    # Dropping the name changes nothing: nothing is sent again.
    config.write_text(config.read_text().replace('"Ana Lima <ana@example.org>"',
                                                 '"ana@example.org"'))
    again = CliRunner().invoke(main, ["send", DAY, "-c", str(config), "--dry-run"])
    assert again.exit_code == 0 and "ana@example.org" not in again.stdout


def test_text_part_has_no_markdown_escapes(received) -> None:  # type: ignore[no-untyped-def]
    config, messages = received
    plain = parsed(messages[0]).get_body(preferencelist=("plain",)).get_content()
    markdown = (config.parent / "out" / DAY / "briefing.md").read_text()
    assert "File: 001\\_c19fdcb6935dad6a.txt" in markdown  # escaped for Markdown readers
    assert "File: 001_c19fdcb6935dad6a.txt" in plain  # as written, for people
    assert "## Overview" in plain  # the structure stays
    assert "\\" not in plain


def test_plain_text_undoes_exactly_the_markdown_escaping() -> None:
    text = "The U.S. [sic] envoy: *final* offer | Dock_Co & Sons <Ltd> &amp; #1 `x` \\ end"
    assert markdown_to_text(md_escape(text)) == text


def test_html_part_has_table_borders_and_a_viewport(received) -> None:  # type: ignore[no-untyped-def]
    _, messages = received
    html = parsed(messages[0]).get_body(preferencelist=("html",)).get_content()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "<table style=" in html and '<td style="border: 1px solid' in html
    assert "<td>" not in html and "<th>" not in html  # every cell has its border inline
    assert '<html lang="en">' in html


def test_bad_recipients_are_named(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    config = write_config(tmp_path, tmp_path / "inbox",
                          '[email]\nrecipients = ["Ana <ana@example.org>, bob@example.org", '
                          '"nobody", "ANA@example.org", "ana@example.org"]\n', topics=None)
    result = CliRunner().invoke(main, ["check", "-c", str(config)])
    assert result.exit_code == 78
    assert "not an e-mail address: 'Ana <ana@example.org>, bob@example.org'" in result.stderr
    assert "not an e-mail address: 'nobody'" in result.stderr
    assert "'recipients' has ana@example.org twice" in result.stderr
