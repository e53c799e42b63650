"""The credential guard: the corpus, redaction, positions, merging and pathological input."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.guard import SECURE_ACCESS_REPLY, Finding, redact, scan

CORPUS = Path(__file__).parents[1] / "guard_corpus"


def _load(name: str) -> list[dict]:
    with (CORPUS / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


SECRETS = _load("secrets.jsonl")
LOOKALIKES = _load("lookalikes.jsonl")


def _marker(kind: str) -> str:
    return f"[credential removed: {kind}]"


def test_corpus_is_large_enough() -> None:
    assert len(SECRETS) >= 80
    assert len(LOOKALIKES) >= 80


@pytest.mark.parametrize("case", SECRETS, ids=lambda case: case["text"][:40])
def test_every_secret_in_the_corpus_is_found_exactly(case: dict) -> None:
    text = case["text"]
    found = [(text[f.start : f.end], f.kind) for f in scan(text)]
    assert found == list(zip(case["secrets"], case["kinds"], strict=True))


@pytest.mark.parametrize("case", SECRETS, ids=lambda case: case["text"][:40])
def test_redaction_removes_exactly_the_secrets(case: dict) -> None:
    text = case["text"]
    redacted, findings = redact(text)
    for secret in case["secrets"]:
        assert secret not in redacted
    removed = sum(f.end - f.start for f in findings)
    added = sum(len(_marker(f.kind)) for f in findings)
    assert len(redacted) == len(text) - removed + added
    assert scan(redacted) == []


@pytest.mark.parametrize("case", LOOKALIKES, ids=lambda case: case["text"][:40])
def test_no_lookalike_is_flagged(case: dict) -> None:
    assert scan(case["text"]) == []


def test_redaction_keeps_the_label() -> None:
    assert redact("password: Hunter2!")[0] == "password: [credential removed: password]"
    assert redact("pw is hunter2")[0] == "pw is [credential removed: password]"
    assert redact("login: bob / Hunter2!")[0] == "login: bob / [credential removed: password]"
    assert (
        redact("my password for the server is 'xyz'")[0]
        == "my password for the server is '[credential removed: password]'"
    )


def test_redacted_text_keeps_every_byte_around_the_secret_and_none_of_it() -> None:
    before, secret, after = "Hi,\nthe NAS password: ", "Tr0ub4dor&3", "\nthanks, Maria"
    redacted, (finding,) = redact(before + secret + after)
    assert redacted == before + _marker("password") + after
    assert (finding.start, finding.end) == (len(before), len(before) + len(secret))


def test_url_keeps_everything_but_the_password() -> None:
    redacted, (finding,) = redact("see https://bob:s3cret@intranet.example/status?x=1 please")
    assert redacted == (
        "see https://bob:[credential removed: password in URL]@intranet.example/status?x=1 please"
    )
    redacted, (finding,) = redact("postgres://shop:Pg!2026@db.internal:5432/shop")
    assert finding.kind == "connection string password"
    assert (
        redacted
        == "postgres://shop:[credential removed: connection string password]@db.internal:5432/shop"
    )


def test_line_and_column_are_one_based() -> None:
    text = "Hello,\n\nour server:\n  password: Hunter2!\nand token: ghp_" + "a1B2" * 9
    first, second = scan(text)
    assert (first.line, first.column) == (4, 13)
    assert text[first.start : first.end] == "Hunter2!"
    assert (second.line, second.column) == (5, 12)
    assert second.kind == "GitHub token"


def test_columns_count_characters_and_crlf_lines() -> None:
    (finding,) = scan("Grüße\r\nContraseña: Gato!2023\r\n")
    assert (finding.line, finding.column) == (2, 13)


def test_overlapping_detections_merge_into_the_most_specific_kind() -> None:
    token = "ghp_" + "Zx9" * 12
    assert scan(f"token: {token}") == [Finding("GitHub token", 1, 8, 7, 7 + len(token))]
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg"
    assert redact(f"Authorization: Bearer {jwt}")[0] == (
        "Authorization: Bearer [credential removed: JWT]"
    )
    key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"
    (finding,) = scan(f"aws_secret_access_key = {key}")
    assert finding.kind == "AWS access key"


def test_a_secret_inside_a_private_key_block_is_one_finding() -> None:
    block = "-----BEGIN RSA PRIVATE KEY-----\npassword: Hunter2!\n-----END RSA PRIVATE KEY-----"
    assert [f.kind for f in scan(block)] == ["private key"]


PEM_BODY = "\n".join(["MIIEowIBAAKCAQEA" + "q8Zk" * 12] * 4)


def test_a_multi_line_pem_block_is_removed_whole() -> None:
    block = f"-----BEGIN PRIVATE KEY-----\n{PEM_BODY}\n-----END PRIVATE KEY-----"
    text = f"Here it is:\n\n{block}\n\nThanks, Mike"
    redacted, (finding,) = redact(text)
    assert redacted == "Here it is:\n\n[credential removed: private key]\n\nThanks, Mike"
    assert (finding.line, finding.column) == (3, 1)


def test_two_pem_blocks_are_two_findings() -> None:
    block = f"-----BEGIN EC PRIVATE KEY-----\n{PEM_BODY}\n-----END EC PRIVATE KEY-----"
    findings = scan(f"{block}\nand the old one:\n{block}")
    assert [f.line for f in findings] == [1, 8]


def test_a_truncated_pem_block_runs_to_the_end_of_the_key_material() -> None:
    text = f"cut off:\n-----BEGIN OPENSSH PRIVATE KEY-----\n{PEM_BODY}\n\nI'll resend it."
    redacted, _ = redact(text)
    assert redacted == "cut off:\n[credential removed: private key]\n\nI'll resend it."


def test_a_truncated_block_does_not_swallow_a_later_one() -> None:
    block = f"-----BEGIN PRIVATE KEY-----\n{PEM_BODY}\n-----END PRIVATE KEY-----"
    text = f"-----BEGIN PRIVATE KEY-----\n{PEM_BODY}\n\nsorry, again:\n{block}"
    redacted, findings = redact(text)
    assert len(findings) == 2
    assert "sorry, again:" in redacted


def test_public_keys_and_certificates_are_not_private_keys() -> None:
    cert = f"-----BEGIN CERTIFICATE-----\n{PEM_BODY}\n-----END CERTIFICATE-----"
    public = f"-----BEGIN PUBLIC KEY-----\n{PEM_BODY}\n-----END PUBLIC KEY-----"
    assert scan(cert) == []
    assert scan(public) == []


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my password",
        "please reset the password",
        "the password reset link does not work",
        "password policy requires 12 characters",
        "Password: see the secure link I sent",
        "HD-0042 invoice 2026-0007 $1,250.00 on 2026-03-02 at 10:30, call 555-0123",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 and a1b2c3d",
        "id 123e4567-e89b-12d3-a456-426614174000 at https://example.com/a?b=c",
        "bob@example.com, /etc/hosts, C:\\Temp\\x.log, version 4.2.1",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "password: " * 100_000,
        "a:" * 100_000,
        "https://a:" * 100_000,
        "password " * 100_000,
        "key=" * 100_000,
        "login: a/" * 100_000,
        "pw for the x" * 50_000,
        "password: '" * 100_000,
        "-----BEGIN RSA PRIVATE KEY-----\n" * 20_000,
        "mysql -p" * 100_000,
        "eyJ" * 300_000,
        "A" * 1_000_000,
    ],
    ids=lambda text: repr(text[:12]),
)
def test_pathological_input_completes(text: str) -> None:
    findings = scan(text)
    assert all(a.end <= b.start for a, b in pairwise(findings))


def test_a_megabyte_message_scans() -> None:
    lines = [case["text"] for case in SECRETS + LOOKALIKES]
    text = "\n".join(lines * (1_000_000 // len("\n".join(lines)) + 1))[:1_000_000]
    assert len(scan(text)) > 1000


_WORDS = st.sampled_from(
    [
        "password", "pw", "is", ":", "=", " ", "\n", "token", "key", "login:", "/", "bob",
        "Hunter2!", "https://", "@", "a:", "'", '"', "-----BEGIN PRIVATE KEY-----",
        "-----END PRIVATE KEY-----", "MIIEowIBAAKCAQEAq8Zkq8Zk", "ghp_" + "x1" * 18, ";",
        "for the NAS", "9fceb02d0ae598e95dc970b74767f19372d61af8", "the", "(", ")",
    ]
)  # fmt: skip


@given(st.lists(_WORDS, max_size=40).map("".join))
def test_findings_are_sorted_disjoint_and_redaction_is_consistent(text: str) -> None:
    findings = scan(text)
    assert all(0 <= f.start < f.end <= len(text) for f in findings)
    assert all(a.end <= b.start for a, b in pairwise(findings))
    redacted, again = redact(text)
    assert again == findings
    assert redacted.count("[credential removed: ") == text.count("[credential removed: ") + len(
        findings
    )


def test_secure_access_reply_asks_for_a_safe_channel_and_a_new_password() -> None:
    reply = SECURE_ACCESS_REPLY.lower()
    for words in ("removed", "never send passwords", "one-time", "expire", "temporary account"):
        assert words in reply
    assert "password manager" in reply
    assert "change it" in reply
