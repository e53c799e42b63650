"""What the blind splits unseen32 and unseen33 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "I set my new Windows password as a sentence like you told me: purple otter drinks "
            "cold coffee. Is that ok?",
            ["purple otter drinks cold coffee"],
        ),
        (
            "Tresor in der Kanzlei: Kombination 17 – 42 – 08. Der Schlüssel liegt drin.",
            ["17 – 42 – 08"],
        ),
        (
            "het nieuwe ww voor de kassa is Haring2024 en voor de pin-automaat beheer 7712.",
            ["Haring2024", "7712"],
        ),
        (
            "la pass del router es 'Tapas_y_Cañas_2024' y la del wifi de clientes es "
            "barcelonacafe.",
            ["Tapas_y_Cañas_2024", "barcelonacafe"],
        ),
        ("> Can you send me the PIN for the card terminal?\n\nsure its 0815\n", ["0815"]),
        ("the door code at the new office is 7#4#1#9 and the wifi", ["7#4#1#9"]),
        (
            "WiFi clientes: rede Tasca-Clientes, senha PastelDeNata\nCofre 19-27-33\n",
            ["PastelDeNata", "19-27-33"],
        ),
        (
            "for the Veracrypt volume I picked: battery staple horse correct purple, without the "
            "quotes.",
            ["battery staple horse correct purple"],
        ),
        # a Finnish "PIN-koodi" and a case ending before the colon, the code below a blank line
        ("tässä uusi PIN-koodi kassakoneeseen:\n\n5518\n\nt. Jukka", ["5518"]),
        ("New alarm panel code for the barn:\n\n20461\n", ["20461"]),
    ],
)
def test_what_unseen32_and_33_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        'Credentials in the doc: api_key: "sk_test_REPLACE_ME" and token: "TODO".',
        "WARN  auth: invalid token for user=kasse3 (token expired)",
        "> What year did you start?\n\nsure its 2019\n",
        "senha WordPress no painel, não sei qual é",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
