"""Fault matrix, security: a password in clear, a URL that becomes a tag, a hard link that
publishes a file from elsewhere, NUL bytes, UTF-16 and terminal escapes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.errors import ConfigError
from briefing.render import md_url

from .faults import Workspace, article_text


def mail_config(ws: Workspace, host: str, extra: str) -> Path:
    return ws.write_config(f'[email]\nenabled = true\nhost = "{host}"\nport = 25\n'
                           'sender = "briefing@news.example"\nrecipients = ["ann@example.org"]\n'
                           f'security = "none"\n{extra}')


@pytest.mark.parametrize("host", ["mail.example.org", "192.0.2.10", "localhost.example.org"])
def test_login_without_tls_to_another_host_is_a_config_error(tmp_path: Path, host: str) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    mail_config(ws, host, 'user = "robot"\n')
    ws.fault()
    result = ws.run("run", "--date", "2025-07-01")
    assert result.exit_code == 78
    assert f"security = \"none\" with a login would send the password in clear to {host}" in (
        result.stderr)
    assert not (ws.out / "2025-07-01").exists()
    ws.write_config("")  # fixed: the article is read and published
    assert ws.run("run", "--date", "2025-07-02").exit_code == 0
    ws.check()


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "::1", "127.0.0.2"])
def test_login_without_tls_to_this_machine_is_allowed(tmp_path: Path, host: str) -> None:
    ws = Workspace(tmp_path)
    load_config(mail_config(ws, host, 'user = "robot"\n'))
    with pytest.raises(ConfigError):  # and without a login any host is fine to configure
        load_config(mail_config(ws, "mail.example.org", 'user = "robot"\n'))
    load_config(mail_config(ws, "mail.example.org", ""))


def test_urls_are_validated_and_cannot_become_markup(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    body = article_text(1).split("\n", 1)[1]
    (ws.inbox / "tag.txt").write_text(
        "Title: Port of Genoa\nURL: https://news.example.com/a<img/src=x/onerror=alert(1)>\n"
        + body)
    (ws.inbox / "tracked.txt").write_text(
        "Title: Port of Bremen\nURL: https://news.example.com/story?utm_source=x&id=7\n"
        + article_text(2).split("\n", 1)[1])
    ws.articles.update({"tag.txt": "", "tracked.txt": ""})
    ws.fault(2)
    result = ws.run("run", "--date", "2025-07-01")
    assert result.exit_code == 0, result.stderr
    md = (ws.out / "2025-07-01" / "briefing.md").read_text()
    assert "<img" not in md
    assert "<https://news.example.com/story?id=7>" in md  # tracking parameters dropped
    ws.check()


def test_url_filter_escapes_whatever_is_stored() -> None:
    url = md_url('https://news.example.com/a<img src="x" onerror=alert(1)>`|')
    assert not set(url) & set('<> "`|\\')
    assert url.startswith("https://news.example.com/a%3Cimg%20src=%22x%22")


def test_hard_link_is_skipped_unless_allowed(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.add(1)
    secret = tmp_path / "secret.txt"
    secret.write_text(article_text(2).replace("Port of", "SECRET memo on the port of"))
    os.link(secret, ws.inbox / "linked.txt")
    ws.fault()
    result = ws.run("run", "--date", "2025-07-01")
    assert result.exit_code == 3, result.stderr
    assert "linked.txt: skipped: hard link (2 links)" in result.stderr
    assert "allow_hard_links" in result.stderr
    assert "SECRET" not in (ws.out / "2025-07-01" / "briefing.md").read_text()
    ws.check()
    ws.write_config("allow_hard_links = true\n")
    ws.articles["linked.txt"] = secret.read_text()
    result = ws.run("run", "--date", "2025-07-02")
    assert result.exit_code == 0, result.stderr
    assert "SECRET" in (ws.out / "2025-07-02" / "briefing.md").read_text()
    ws.check()


def test_nul_bytes_utf16_and_terminal_escapes(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    padding = "The dock workers said the talks would go on. " * 30  # past the first KiB
    (ws.inbox / "nul.txt").write_text(
        "Title: Port of Genoa\n\n" + padding + "\n\nThe harbour authority said 40\x00\x00 ships"
        " were \x1b[31mwaiting\x1b[0m outside the port on Monday.\n")
    (ws.inbox / "wide.txt").write_bytes(article_text(3).encode("utf-16"))
    (ws.inbox / "evil\x1b[2Jname.txt").write_text(article_text(4))
    (ws.inbox / "empty\x1b]0;pwned\x07.txt").write_bytes(b"")
    ws.articles.update({"nul.txt": "", "wide.txt": "", "evil\x1b[2Jname.txt": ""})
    ws.fault(4)
    result = ws.run("run", "--date", "2025-07-01")
    assert result.exit_code == 3, result.stderr  # the empty file
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "empty\\x1b]0;pwned\\x07.txt: skipped: empty file" in result.stderr
    assert "nul.txt: 4 control characters removed" in result.stderr
    md = (ws.out / "2025-07-01" / "briefing.md").read_text()
    assert not any(ch in md for ch in "\x00\x1b\x07")
    assert "40 ships were waiting outside the port" in md
    assert "Port of Valencia report 3" in md  # the UTF-16 file, read as text
    ws.check()
