"""``hourdesk guard``: one line per finding (kind line:column), never the secret, exit 1 when
something was found; fast enough for a mail client's send hook."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.perf.guard_recall import load

AWS = "AKIAIOSFODNN7FAKEKEY"
PASSWORD = "Hunter2!Kran-9"
PEM = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "QyNTUxOQAAACDfakefakefakefakefakefakefakefakefakefakefakefakeAAAAJgAAA\n"
    "-----END OPENSSH PRIVATE KEY-----"
)
MESSAGE = (
    f"Hi,\n\nthe new key is {AWS} and\nthe admin password: {PASSWORD}\n\n{PEM}\n\nThanks, Anna\n"
)


def test_findings_one_line_each_never_the_secret(cli) -> None:
    done = cli.run("guard", input=MESSAGE)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == ["AWS access key 3:16", "password 4:21", "private key 6:1"]
    for secret in (AWS, PASSWORD, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"):
        assert secret not in done.stdout + done.stderr


def test_a_clean_text_exits_0(cli, tmp_path: Path) -> None:
    clean = tmp_path / "reply.txt"
    clean.write_text(
        "I forgot my password, please reset the password.\n"
        "Invoice 2026-0007 for HD-0042, commit 3f2a9c1d, call +1 555 0100 on 2026-03-02.\n"
    )
    for args in (("guard", clean), ("guard", "-")):
        done = cli.run(*args, input=clean.read_text())
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_file_argument_and_unreadable_file(cli, tmp_path: Path) -> None:
    path = tmp_path / "draft.eml"
    path.write_bytes(MESSAGE.encode() + b"\xff\xfe undecodable\n")
    done = cli.run("guard", path)
    assert done.returncode == 1 and len(done.stdout.splitlines()) == 3
    missing = cli.run("guard", tmp_path / "nope.txt")
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_the_corpus_through_the_command(cli, tmp_path: Path) -> None:
    """Every secret of the tuned split is reported, every look-alike is quiet; no secret
    is printed."""
    cases = load("tune")
    secrets = [case for case in cases if case["secrets"]]
    found = tmp_path / "secrets.txt"
    found.write_text("\n\n".join(case["text"] for case in secrets))
    clean = tmp_path / "lookalikes.txt"
    clean.write_text("\n\n".join(case["text"] for case in cases if not case["secrets"]))
    flagged, quiet = cli.run_all(("guard", found), ("guard", clean))
    assert flagged.returncode == 1
    assert len(flagged.stdout.splitlines()) >= len(secrets)
    for case in secrets:
        for secret in case["secrets"]:
            if len(secret) >= 6:
                assert secret not in flagged.stdout
    assert (quiet.returncode, quiet.stdout) == (0, "")


PROBE = textwrap.dedent(
    """
    import atexit, json, sys

    def loaded():
        heavy = ("sqlite_utils", "pydantic", "keyring", "textual", "jinja2")
        names = [
            m for m in sys.modules
            if m.split(".")[0] in heavy or m.startswith(("hourdesk.app.", "hourdesk.storage"))
        ]
        print(json.dumps(sorted(names)), file=sys.stderr)

    atexit.register(loaded)
    sys.argv = ["hourdesk", "guard", "-"]
    from hourdesk.app.cli.launch import main

    main()
    """
)


def test_the_command_imports_only_the_guard(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        input="password: Hunter2!Kran-9\n",
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert "hourdesk.app.core.guard" in loaded
    assert not [m for m in loaded if m.split(".")[0] in ("sqlite_utils", "pydantic", "keyring")]
    assert not [
        m
        for m in loaded
        if m.split(".")[0] in ("textual", "jinja2")
        or (
            m.startswith("hourdesk.storage")
            and m not in ("hourdesk.storage", "hourdesk.storage.categories")
        )  # words, no database
    ]
    assert not {
        "hourdesk.app.desk.facade",
        "hourdesk.app.desk.intake",
        "hourdesk.app.desk.grants",
        "hourdesk.app.mail",
    } & set(loaded)


def test_explain_gives_the_span_and_the_rule_never_the_secret(cli) -> None:
    done = cli.run("guard", "--explain", input=MESSAGE)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "AWS access key 3:16-3:35 (aws-key-id)",
        "password 4:21-4:34 (label-password-separator)",
        "private key 6:1-9:33 (pem-block)",
    ]
    for secret in (AWS, PASSWORD, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"):
        assert secret not in done.stdout + done.stderr


def test_the_allow_list_in_the_settings_silences_a_benign_pattern(cli, private_dirs) -> None:
    text = "Lot code: AB12CD34EF\n"
    assert cli.run("guard", input=text).stdout == "password 1:11\n"
    config = private_dirs / "xdg_config_home" / "hourdesk" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("guard_allow = ['Lot code: \\w+']\n")
    done = cli.run("guard", input=text)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    config.write_text("guard_allow = ['(unclosed']\n")
    broken = cli.run("guard", input=text)
    assert broken.returncode == 2
    assert "guard_allow" in broken.stderr and "not a regular expression" in broken.stderr


def test_a_reply_with_a_password_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    cli.run("--db", db, "client", "add", "Harbor Dental", "--email", "office@harbor.example")
    cli.run("--db", db, "ticket", "new", "--client", "Harbor Dental", "--subject", "NAS")
    refused = cli.run("--db", db, "ticket", "note", "HD-0001", "--reply", f"pw: {PASSWORD}")
    client = cli.run("--db", db, "ticket", "note", "HD-0001", "--from-client", f"pw: {PASSWORD}")
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1
    assert "hourdesk grant add" in refused.stderr and PASSWORD not in refused.stderr
    assert client.returncode == 0 and "removed" in client.stderr
    thread = cli.run("--db", db, "ticket", "show", "HD-0001").stdout
    assert PASSWORD not in thread and "Suggested reply" in thread


@pytest.mark.parametrize("text", ["", "\n", "just text"])
def test_nothing_to_find(cli, text: str) -> None:
    assert cli.run("guard", input=text).returncode == 0
