"""Fault matrix, delivery: a removed recipient, a failed recipient retried by `send`, two
briefings to one recipient on one day."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest

from .faults import Workspace
from .smtp_helpers import Handler, free_port, start_server

ANN, BOB = "ann@example.org", "bob@example.org"


def test_pending_delivery_to_a_removed_recipient_is_cancelled(tmp_path: Path, smtp) -> None:
    handler, port = smtp
    handler.refuse = {BOB: "451 4.2.1 mailbox busy"}
    ws = Workspace(tmp_path, handler=handler)
    ws.mail(port, (ANN, BOB))
    ws.add(1)
    result = ws.run("run", "--date", "2025-06-01")
    assert result.exit_code == 4, result.stderr  # bob is pending
    handler.refuse = {}
    ws.mail(port, (ANN,))  # bob asked to be taken off the list
    ws.fault()
    result = ws.run("run", "--date", "2025-06-02")
    assert result.exit_code == 0, result.stderr
    assert f"e-mail to {BOB} for 2025-06-01 cancelled: no longer a recipient" in result.stderr
    assert [e.rcpt_tos for e in handler.received] == [[ANN]]
    text = ws.run("status").stdout
    assert f"{BOB}: cancelled" in text and "no longer a recipient" in text
    ws.recipients = (ANN, BOB)
    ws.check(not_sent={BOB})


def test_send_retries_failed_recipients_and_to_picks_one(tmp_path: Path, smtp) -> None:
    handler, port = smtp
    handler.refuse = {ANN: "550 5.2.2 mailbox full", BOB: "550 5.2.2 mailbox full"}
    ws = Workspace(tmp_path, handler=handler)
    ws.mail(port, (ANN, BOB))
    ws.add(1)
    assert ws.run("run", "--date", "2025-06-01").exit_code == 4
    handler.refuse = {}
    ws.fault(2)
    plan = ws.run("send", "2025-06-01", "--dry-run")
    assert plan.exit_code == 0, plan.stderr
    assert f"would send to {ANN}" in plan.stdout and f"would send to {BOB}" in plan.stdout
    assert not handler.received
    one = ws.run("send", "2025-06-01", "--to", ANN)
    assert one.exit_code == 0, one.stderr
    assert [e.rcpt_tos for e in handler.received] == [[ANN]]
    states = {d["recipient"]: d["status"]
              for d in json.loads(ws.run("status", "--json").stdout)["editions"][0]["deliveries"]}
    assert states == {ANN: "sent", BOB: "failed"}
    rest = ws.run("send", "2025-06-01")
    assert rest.exit_code == 0, rest.stderr
    assert sorted(r for e in handler.received for r in e.rcpt_tos) == [ANN, BOB]
    assert ws.run("send", "2025-06-01", "--dry-run").stdout == "would send nothing\n"
    unknown = ws.run("send", "2025-06-01", "--to", "eve@example.org")
    assert unknown.exit_code == 2
    assert "eve@example.org is not a recipient" in unknown.stderr
    ws.check()


def test_two_briefings_to_one_recipient_on_one_day_have_distinct_message_ids(
        tmp_path: Path, smtp) -> None:
    handler, port = smtp
    first = Workspace(tmp_path / "first", handler=handler)
    second = Workspace(tmp_path / "second", handler=handler)
    for ws, n in ((first, 1), (second, 2)):
        ws.mail(port, (ANN,))
        ws.add(n)
        assert ws.run("run", "--date", "2025-06-01").exit_code == 0
    ws.fault()
    ids = [email.message_from_bytes(e.original_content, policy=email.policy.default)
           ["Message-ID"] for e in handler.received]
    assert len(ids) == 2 and ids[0] != ids[1]


@pytest.mark.parametrize("fault", ["451 three times", "hang-up in DATA", "server down"])
def test_smtp_trouble_is_retried_and_each_edition_arrives_once(tmp_path: Path,
                                                               fault: str) -> None:
    handler = Handler()
    port = free_port()
    ws = Workspace(tmp_path, handler=handler)
    ws.mail(port, (ANN, BOB), "attempts = 3\n")
    ws.add(1)
    controller = None
    if fault != "server down":
        controller = start_server(handler, port=port)
    if fault == "451 three times":
        handler.data_replies = ["451 4.3.0 try later"] * 3  # all of ann's attempts
    elif fault == "hang-up in DATA":
        handler.hang_up_on_data = 1
    ws.fault()
    try:
        first = ws.run("run", "--date", "2025-06-01")
        assert first.exit_code == (0 if fault == "hang-up in DATA" else 4), first.stderr
        if controller is None:
            controller = start_server(handler, port=port)
        ws.add(2)
        result = ws.run("run", "--date", "2025-06-02")
        assert result.exit_code == 0, result.stderr
        ws.check()
    finally:
        if controller is not None:
            controller.stop()
