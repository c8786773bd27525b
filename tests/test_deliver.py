"""E-mail against a real SMTP server on loopback: structure, retries, failures, TLS, AUTH."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.config import load_config
from briefing.deliver import briefing_identity, message_id

from .conftest import write_config
from .smtp_helpers import Handler, make_ca, start_server

ARTICLE = ("Title: Ferry strike ends\nSource: Harbour News\nDate: 2025-05-02\n\n"
           "Ferry crews ended their strike on Friday after the operator agreed to hire 120 more "
           "sailors, the union said. Services will resume on Saturday morning.\n")
TOPICS = ('[[topics]]\nname = "Ferries"\ndescription = "Ferry services."\n'
          'terms = ["ferry", "strike", "sailors"]\n')
DAY = "2025-05-03"
SENDER = "briefing@news.example"


def setup(tmp_path: Path, port: int, recipients: list[str], extra: str = "") -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    (inbox / "ferry.txt").write_text(ARTICLE)
    extra = extra or 'security = "none"'
    section = (f"[email]\nenabled = true\nhost = \"127.0.0.1\"\nport = {port}\n"
               f"sender = \"{SENDER}\"\nrecipients = {json.dumps(recipients)}\n"
               f"attempts = 3\nbackoff_seconds = 0.01\ntimeout = 10\n{extra}\n")
    return write_config(tmp_path, inbox, section, TOPICS)


def cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def identity(config: Path) -> str:
    return briefing_identity(load_config(config))


def status(config: Path) -> dict:
    return json.loads(cli("status", "-c", str(config), "--json").stdout)


@pytest.fixture
def server():
    started = []

    def start(handler: Handler, **kwargs):  # type: ignore[no-untyped-def]
        controller = start_server(handler, **kwargs)
        started.append(controller)
        return controller

    yield start
    for controller in started:
        controller.stop()


def test_message_structure_and_nothing_sent_twice(tmp_path: Path, server) -> None:
    handler = Handler()
    port = server(handler).port
    config = setup(tmp_path, port, ["ann@example.org", "bob@example.org"])
    result = cli("run", "-c", str(config), "--date", DAY)
    assert result.exit_code == 0, result.stderr
    assert "2 sent, 0 pending, 0 failed" in result.stderr
    assert sorted(e.rcpt_tos[0] for e in handler.received) == ["ann@example.org",
                                                              "bob@example.org"]
    msg = email.message_from_bytes(handler.received[0].original_content,
                                   policy=email.policy.default)
    to = msg["To"]
    assert msg["Subject"] == "Test briefing: 2025-05-03 (1 articles)"
    assert msg["Auto-Submitted"] == "auto-generated" and msg["Date"]
    assert msg["Message-ID"] == message_id(dt.date(2025, 5, 3), to, SENDER, identity(config))
    assert msg.get_content_type() == "multipart/mixed"
    body = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert "Ferry crews ended their strike" in body.get_content()
    assert "<h2>Ferries</h2>" in html.get_content()
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    pdf = tmp_path / "out" / DAY / "briefing.pdf"
    assert attachment.get_content() == pdf.read_bytes()
    # Nothing new: nothing sent. `send` without --resend: nothing. With --resend: again.
    assert cli("run", "-c", str(config), "--date", "2025-05-04").exit_code == 0
    assert cli("send", DAY, "-c", str(config)).exit_code == 0
    assert len(handler.received) == 2
    assert cli("send", DAY, "-c", str(config), "--resend").exit_code == 0
    assert len(handler.received) == 4
    again = email.message_from_bytes(handler.received[2].original_content,
                                     policy=email.policy.default)
    assert again["Message-ID"] == message_id(dt.date(2025, 5, 3), again["To"], SENDER,
                                             identity(config))


def test_451_is_retried_then_left_pending_with_a_stable_message_id(tmp_path: Path,
                                                                     server) -> None:
    handler = Handler(data_replies=["451 4.3.0 try later"] * 3)
    port = server(handler).port
    config = setup(tmp_path, port, ["ann@example.org"])
    result = cli("run", "-c", str(config), "--date", DAY)
    assert result.exit_code == 4, result.stderr  # built, but an e-mail is pending
    assert handler.data_calls == 3 and not handler.received
    (d,) = status(config)["pending"]["deliveries"]
    assert d["status"] == "pending" and "451" in d["last_error"]
    # The next run (the server is fine again) sends it, under the same Message-ID.
    result = cli("run", "-c", str(config), "--date", "2025-05-04")
    assert result.exit_code == 0, result.stderr
    (env,) = handler.received
    msg = email.message_from_bytes(env.original_content, policy=email.policy.default)
    assert msg["Message-ID"] == message_id(dt.date(2025, 5, 3), "ann@example.org", SENDER,
                                         identity(config))
    assert status(config)["pending"]["deliveries"] == []


def test_550_is_recorded_and_not_retried(tmp_path: Path, server) -> None:
    handler = Handler(data_replies=["550 5.7.1 rejected"])
    port = server(handler).port
    config = setup(tmp_path, port, ["ann@example.org"])
    assert cli("run", "-c", str(config), "--date", DAY).exit_code == 4
    assert handler.data_calls == 1
    (edition,) = status(config)["editions"]
    assert edition["deliveries"][0]["status"] == "failed"
    assert cli("run", "-c", str(config), "--date", "2025-05-04").exit_code == 0
    assert handler.data_calls == 1  # never tried again


def test_one_refused_recipient_among_several(tmp_path: Path, server) -> None:
    handler = Handler(refuse={"ghost@example.org": "550 5.1.1 no such user"})
    port = server(handler).port
    config = setup(tmp_path, port, ["ann@example.org", "ghost@example.org", "bob@example.org"])
    result = cli("run", "-c", str(config), "--date", DAY)
    assert result.exit_code == 4
    states = {d["recipient"]: d["status"] for d in status(config)["editions"][0]["deliveries"]}
    assert states == {"ann@example.org": "sent", "bob@example.org": "sent",
                      "ghost@example.org": "failed"}
    text = cli("status", "-c", str(config)).stdout
    assert "2025-05-03  1 articles" in text
    assert "ghost@example.org: failed, 1 attempts (550 5.1.1 no such user)" in text


def test_dropped_connection_is_retried(tmp_path: Path, server) -> None:
    handler = Handler(hang_up_on_data=1)
    port = server(handler).port
    config = setup(tmp_path, port, ["ann@example.org"])
    result = cli("run", "-c", str(config), "--date", DAY)
    assert result.exit_code == 0, result.stderr
    assert handler.data_calls == 2 and len(handler.received) == 1
    assert status(config)["editions"][0]["deliveries"][0]["attempts"] == 2


def test_starttls_verified_with_the_test_ca_and_auth_from_env(tmp_path: Path, server,
                                                               monkeypatch) -> None:
    ca_file, good_ctx, _ = make_ca(tmp_path)
    handler = Handler()
    port = server(handler, tls=good_ctx, users={"robot": "s3cret-pw"}).port
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret-pw")
    extra = (f'security = "starttls"\nca_file = "{ca_file}"\nuser = "robot"\n'
             'password_env = "TEST_SMTP_PASSWORD"')
    config = setup(tmp_path, port, ["ann@example.org"], extra)
    result = cli("run", "-vv", "-c", str(config), "--date", DAY)
    assert result.exit_code == 0, result.stderr
    assert len(handler.received) == 1
    assert "s3cret-pw" not in result.stderr + result.stdout


def test_wrong_password_and_self_signed_server_are_refused(tmp_path: Path, server,
                                                           monkeypatch) -> None:
    ca_file, good_ctx, self_signed_ctx = make_ca(tmp_path)
    handler = Handler()
    port = server(handler, tls=self_signed_ctx).port
    config = setup(tmp_path, port, ["ann@example.org"],
                   f'security = "starttls"\nca_file = "{ca_file}"')
    result = cli("run", "-c", str(config), "--date", DAY)
    assert result.exit_code == 4
    assert not handler.received and handler.data_calls == 0
    (d,) = status(config)["pending"]["deliveries"]
    assert "certificate not trusted" in d["last_error"]

    other = tmp_path / "other"
    other.mkdir()
    port = server(Handler(), tls=good_ctx, users={"robot": "right"}).port
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "wrong")
    config = setup(other, port, ["ann@example.org"],
                   f'security = "starttls"\nca_file = "{ca_file}"\nuser = "robot"\n'
                   'password_env = "TEST_SMTP_PASSWORD"')
    result = cli("run", "-c", str(config), "--date", DAY)
    assert result.exit_code == 4 and "login refused" in result.stderr
    assert "wrong" not in result.stderr


def test_dry_run_sends_and_records_nothing(tmp_path: Path, server) -> None:
    handler = Handler()
    port = server(handler).port
    config = setup(tmp_path, port, ["ann@example.org", "bob@example.org"])
    result = cli("run", "-c", str(config), "--date", DAY, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "would send to ann@example.org: 'Test briefing: 2025-05-03 (1 articles)'" in (
        result.stdout)
    assert "would send to bob@example.org" in result.stdout
    assert not handler.received
    assert status(config)["editions"] == [] and not (tmp_path / "out" / DAY).exists()
