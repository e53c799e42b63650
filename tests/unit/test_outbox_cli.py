"""The outbox from the command line: `reply`, `outbox [--json] [--send]`, `intake -`, and a
sender killed at random points that never loses a message nor sends one twice."""

from __future__ import annotations

import asyncio
import json
import random
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hourdesk.app.core.settings import Settings, load_settings, save_settings
from hourdesk.app.desk.facade import build_desk
from hourdesk.storage.vault import MemoryVault
from tests.mailfixtures import message
from tests.mailserver import Sink, running_sink

SENDER = "alex@rivera-it.example"
CLIENT = "anna@acme.example"


class SlowSink(Sink):
    """Takes a moment over each message, as a real server does, so kills land mid-DATA."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.05)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    with running_sink(SlowSink()) as running:
        yield running


@pytest.fixture
def setup(private_dirs: Path, tmp_path: Path, sink) -> Path:
    """Settings that send to the sink, a client and a ticket; returns the database path."""
    settings = Settings.model_validate(
        {
            "business": {"name": "Rivera IT", "email": SENDER},
            "exports_dir": str(tmp_path / "exports"),
            "smtp": {"host": "127.0.0.1", "port": sink[1], "security": "none", "timeout": 5},
        }
    )
    save_settings(settings, private_dirs / "xdg_config_home" / "hourdesk" / "config.toml")
    db = tmp_path / "hourdesk.db"
    desk = build_desk(db, vault=MemoryVault(), settings=settings)
    client = desk.clients.add(name="Acme", emails=CLIENT)
    desk.tickets.new(client_id=client.id, subject="Printer offline", body="Please help.")
    desk.close()
    return db


def queue(db: Path, count: int) -> list[int]:
    """Replies queued with the settings the commands use (by SMTP to the sink)."""
    desk = build_desk(db, vault=MemoryVault(), settings=load_settings())
    try:
        return [desk.replies.reply("HD-0001", f"Update {n}") for n in range(count)]
    finally:
        desk.close()


def test_reply_and_outbox_commands(cli, setup: Path, sink, tmp_path: Path) -> None:
    done = cli.run("reply", "HD-0001", "On my way.", "--db", setup)
    assert done.returncode == 0, done.stderr
    assert "sent     sent to Acme <anna@acme.example>" in done.stdout
    (sent,) = sink[0].messages
    assert str(sent["Subject"]) == "[HD-0001] Printer offline"

    body = tmp_path / "reply.txt"
    body.write_text("Fixed.\n\nRegards")
    sink[0].refusing = True
    done = cli.run("reply", "HD-0001", "--body-file", body, "--db", setup)
    assert done.returncode == 1
    assert "451 4.3.0 Try again later" in done.stderr and done.stderr[-1] == "\n"

    listed = json.loads(cli.run("outbox", "--json", "--db", setup).stdout)
    assert [(i["id"], i["ref"], i["state"], i["attempts"]) for i in listed] == [
        (2, "HD-0001", "queued", 1)
    ]
    assert "451" in listed[0]["last_error"]
    assert "queued" in cli.run("outbox", "--db", setup).stdout

    sink[0].refusing = False
    done = cli.run("outbox", "--send", "--db", setup)
    assert done.returncode == 0, done.stderr
    assert json.loads(cli.run("outbox", "--json", "--db", setup).stdout) == []
    assert len(json.loads(cli.run("outbox", "--json", "--all", "--db", setup).stdout)) == 2
    assert list(sink[0].counts().values()) == [1, 1]

    refused = cli.run("reply", "HD-0001", "the password: Tr0ub4dor&3xyz!", "--db", setup)
    assert refused.returncode == 1
    assert refused.stderr.startswith("hourdesk: This text holds a credential")


def test_intake_from_standard_input_threads_the_answer(cli, setup: Path, sink) -> None:
    assert cli.run("reply", "HD-0001", "Which printer?", "--db", setup).returncode == 0
    (sent,) = sink[0].messages
    answer = message(
        sender=f"Anna <{CLIENT}>",
        subject="Re: Which printer",
        message_id="<answer@acme.example>",
        headers={"In-Reply-To": str(sent["Message-ID"])},
    )
    done = cli.run("intake", "-", "--db", setup, input=answer.decode())
    assert done.returncode == 0, done.stderr
    assert "appended     HD-0001" in done.stdout
    shown = json.loads(cli.run("ticket", "show", "HD-0001", "--json", "--db", setup).stdout)
    assert shown["thread"][-1]["message_id"] == "<answer@acme.example>"
    again = cli.run("intake", "-", "--db", setup, input=answer.decode())
    assert "1 duplicate" in again.stdout


def test_a_sender_killed_at_random_points_never_loses_nor_repeats(cli, setup: Path, sink) -> None:
    ids = queue(setup, 30)

    rng = random.Random(15)
    kills = 0
    for _ in range(6):
        sender = cli.start("outbox", "--send", "--db", setup)
        time.sleep(rng.uniform(0.4, 1.5))
        if sender.poll() is None:
            sender.send_signal(signal.SIGKILL)
            kills += 1
        sender.communicate(timeout=30)
    cli.run("outbox", "--send", "--db", setup)  # the last run, left to finish

    desk = build_desk(setup, vault=MemoryVault(), settings=Settings())
    items = {i.message_id: i for i in desk.outbox.items(include_done=True)}
    desk.close()
    counts = sink[0].counts()
    assert len(items) == len(ids) == 30
    assert max(counts.values()) == 1  # never twice
    assert set(counts) <= set(items)
    for message_id, item in items.items():
        assert item.state in ("sent", "unknown"), item  # nothing left behind
        if item.state == "sent":
            assert counts[message_id] == 1  # recorded sent: the server has it
    in_doubt = [i for i in items.values() if i.state == "unknown"]
    assert len(in_doubt) <= kills  # at most the one message each kill interrupted
    print(f"kills={kills} received={len(counts)} in_doubt={len(in_doubt)}")

    # the consultant settles each one: received ones are marked sent, the others resent
    for item in in_doubt:
        how = "--sent" if counts[item.message_id] else "--resend"
        assert cli.run("outbox", how, str(item.id), "--db", setup).returncode == 0
    assert cli.run("outbox", "--send", "--db", setup).returncode == 0
    counts = sink[0].counts()
    assert len(counts) == 30 and set(counts.values()) == {1}  # every message exactly once
    assert json.loads(cli.run("outbox", "--json", "--db", setup).stdout) == []


def test_two_senders_started_at_once_send_each_message_once(cli, setup: Path, sink) -> None:
    queue(setup, 20)
    runs = cli.run_all(*[("outbox", "--send", "--db", setup)] * 3)
    assert [r.returncode for r in runs] == [0, 0, 0], [r.stderr for r in runs]
    counts = sink[0].counts()
    assert len(counts) == 20 and set(counts.values()) == {1}
    assert sum(line.split()[2] == "sent" for r in runs for line in r.stdout.splitlines()) == 20
