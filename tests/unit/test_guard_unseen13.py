"""What the blind splits unseen12 and unseen13 missed on their first run, each with new
variants, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


def _found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "| Sistema | Utilizador | Senha |\n|---|---|---|\n| Shopify | loja | Azulejo#Lx22 |\n"
            "| Wi-Fi loja | CasaAzulejo | pastel2belem |",
            ["Azulejo#Lx22", "pastel2belem"],
        ),
        (
            '"Servicio","Usuario","Clave"\n"Correo","info@olivares.example","Aceite, Virgen 2026"\n'
            '"Banco","38291044","""Jaén""_77"\n"Cámaras","admin","olivo1964"',
            ["Aceite, Virgen 2026", '""Jaén""_77', "olivo1964"],
        ),
        ("Dienst;Nutzer;Kennwort\nDATEV;kanzlei;Steuer-Buero-7", ["Steuer-Buero-7"]),
    ],
)
def test_the_password_column_of_a_table_in_any_language_is_found(
    text: str, secrets: list[str]
) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        '"Servicio","Usuario","Clave"\n"Correo","info@olivares.example","<ver gestor>"',
        "| Sistema | Utilizador | Senha |\n|---|---|---|\n| Shopify | loja | (no cofre) |",
    ],
)
def test_a_table_without_passwords_in_its_column_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        'curl -H "Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=" (their example)',
        ': "${DEPLOY_TOKEN:?DEPLOY_TOKEN not set}"',
        "put SENDGRID_API_KEY=YOUR_API_KEY_HERE in the .env",
        "SECRET_KEY=generate-with-openssl-rand-hex-32",
        "Name: shop-sync   Key: sk-...a3Fq   erstellt 02.11.2026",
        "Key: sk-…7LwP",
        "they asked for my online banking password to 'verify my account'. I said no.",
        'the bank asked me for my password to "verify" the account',
        "$mysqli = new mysqli('localhost', 'wp', $db_pass, 'halloran_live');",
    ],
)
def test_placeholders_masks_and_purposes_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("Authorization: Basic YW5uYTpUdWxpcDQ0IQ==", ["YW5uYTpUdWxpcDQ0IQ=="]),
        ("define( 'DB_PASSWORD', 'Tz7#qP1v!Ld9' );", ["Tz7#qP1v!Ld9"]),
        ('define("DB_PASSWORD", "Tz7#qP1v!Ld9");', ["Tz7#qP1v!Ld9"]),
        ("I changed the password to 'bluebird'", ["bluebird"]),
    ],
)
def test_values_beside_those_are_still_found(text: str, secrets: list[str]) -> None:
    _found(text, secrets)
