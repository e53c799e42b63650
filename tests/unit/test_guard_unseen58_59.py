"""What the blind splits unseen58 and unseen59 flagged on their first run, each with variants
of our own: mail headers of ``tag=value;`` lists, a PowerShell option that names a user, and
a Portuguese sentence after "a senha … está" taken for a passphrase."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan


@pytest.mark.parametrize(
    "text",
    [
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601; "
        "bh=Vq7Xp4Rt8Nw3Zc6Yh1Jd5Fs0Ga2eU8iO7qWb4Tn1Kx=;\nFrom: Giulia <giulia@example.com>",
        "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed;\n"
        "        d=google.com; s=arc-20160816; bh=Vq7Xp4Rt8Nw3Zc6Yh1Jd5Fs0Ga2eU8iO7qWb4Tn1Kx=;\n"
        "Subject: Re: spam",
        "Authentication-Results: mx.example.com; dkim=pass header.i=@example.com "
        "header.s=sel2024 header.b=Kp4Zt9Lm;\nspf=pass smtp.mailfrom=shop@example.com",
        '$pw = Read-Host -AsSecureString "Zadejte heslo"\n'
        'New-ADUser -Name "Technik3" -AccountPassword $pw -Enabled $true',
        '$pw = Read-Host -AsSecureString "Password"\n'
        "Set-ADUser -Identity anna -GivenName Lab-User7 -Enabled $true",
        "a senha do wi-fi está escrita no cardápio e qualquer um pode usar",
        "a senha do portal é nova e ela não lembra",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel1;\n\n"
            "logins: anna: Tulpe#2026, ben: Fiets!Bel77",
            ["Tulpe#2026", "Fiets!Bel77"],
        ),
        (
            'New-ADUser -Name "Anna" -AccountPassword '
            '(ConvertTo-SecureString "Winter#2026x" -AsPlainText -Force)',
            ["Winter#2026x"],
        ),
        ("a senha do wi-fi é pastel de nata quente", ["pastel de nata quente"]),
    ],
)
def test_secrets_beside_them_are_found(text: str, secrets: list[str]) -> None:
    found = [text[f.start : f.end] for f in scan(text)]
    assert found == secrets


def test_a_list_on_a_long_line_below_a_header_is_read_as_one() -> None:
    """A line too long to look back over is no header's, whatever the text starts with."""
    text = (
        "DKIM-Signature: v=1; a=rsa-sha256\n"
        + "x" * 1500
        + " Dr. Aziz: Molar-Crown-55, Pat: Floss&Mint20"
    )
    found = [(text[f.start : f.end], f.rule) for f in scan(text)]
    assert found == [("Molar-Crown-55", "credential-list"), ("Floss&Mint20", "credential-list")]
