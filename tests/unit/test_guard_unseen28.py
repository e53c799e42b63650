"""What the blind split unseen28 missed or flagged on its first run, each with variants of
our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("haslo do laptopa kasi: mis123kasia\njak cos to dzwon", ["mis123kasia"]),
        (
            "| Netz          | Schlüssel       |\n|---|---|\n| Praxis-Gast   | willkommen2026  |\n",
            ["willkommen2026"],
        ),
        (
            "ok the wifi portal password is Gr@nite-\nFalls-1998 (my phone wrapped it)",
            ["Gr@nite-\nFalls-1998"],
        ),
        (
            "the bank asks for the secret answer now, it's: Biscuit the beagle\n(exactly)",
            ["Biscuit the beagle"],
        ),
        ("The key's passphrase is 'blue whale kitchen', the key itself:", ["blue whale kitchen"]),
        (
            "das App-Kennwort für den Drucker ist wqxnzrbtkplmhvcd. Reicht das?",
            ["wqxnzrbtkplmhvcd"],
        ),
        ("voicemail PIN changed from 2468 to 9135, the phone company made me", ["2468", "9135"]),
        (
            "ssid,psk\nBakery-Staff,Cinnamon#Roll99\nBakery-Guest,freebread\n",
            ["Cinnamon#Roll99", "freebread"],
        ),
    ],
)
def test_what_unseen28_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "$ passwd\nChanging password for jake.\nCurrent password:\n"
        "passwd: Authentication token manipulation error\n",
        "Stripe publishable key: pk_live_51KssHBaN9aI5bDKRTEzfvD233XIkai7iKS9pqflsZqC113Ewu\n",
        "systém mi píše „heslo vypršelo“ a nové heslo musí mít aspoň 10 znaků.",
        "| Name | Key |\n|---|---|\n| Anna | Room 4 |\n",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
