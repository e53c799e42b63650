"""What the blind splits unseen54 and unseen55 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "j'ai changé la phrase de passe du coffre avec des mots: lune vélo pomme orage. Merci",
            ["lune vélo pomme orage"],
        ),
        ("I've set the keysafe by the back gate to 4-4-2-9 for the builders", ["4-4-2-9"]),
        (
            "it came with 'admin' but I changed it in March to brother_office27",
            ["brother_office27"],
        ),
        ("Gebruikersnaam pvdb, wachtwoord staat ingesteld op Haven#Dock4 voor nu", ["Haven#Dock4"]),
        (
            "Ο νέος κωδικός για το λάπτοπ είναι τέσσερις λέξεις με κενά: green tree old door\n"
            "(όλα μικρά)",
            ["green tree old door"],
        ),
        (
            'nytt passord til PC-en — fire ord: "sol fjord båt vinter". Med mellomrom.',
            ["sol fjord båt vinter"],
        ),
        ("az ÁNYK titkos kód 55102284, a jelszó pedig Anna&Co77.", ["55102284", "Anna&Co77"]),
        (
            "per enhed:\n• kontor-PC: Smedie8\n• tablet: 0419\n• telefon: 771203\n",
            ["Smedie8", "0419", "771203"],
        ),
        ("il codice dell'allarme del negozio ora è 4-8-1-6, grazie", ["4-8-1-6"]),
    ],
)
def test_what_unseen54_and_55_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "j'ai ce message : « Échec de l'authentification : mot de passe incorrect (code 691) »",
        "Recebi um email a pedir para 'confirmar a palavra-passe' — apaguei. Fiz bem?",
        "It came from 'Micros0ft Support' and asked for my password. I didn't click.",
        "PayPa1 security team says my password expires, is this phishing?",
        "the side gate to 4471 Elm Road is always open",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
