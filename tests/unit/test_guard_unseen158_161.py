"""What the blind splits unseen158 to unseen161 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Rioplatense and Catalan verbs of keying a code in
        ("Portón del garaje: marcás *7731# y esperás", ["*7731#"]),
        # a remote tool's id, then a word for its password and what kind
        ("rustdesk id 204 551 908, clave de un solo uso Pm4k9x", ["Pm4k9x"]),
        ("AnyDesk 551 208 334; code unique 7rq2kd", ["7rq2kd"]),
        # a code of a year's shape for a key box or an entrance; Basque "kodea … da"
        ("Pour le gîte : boîte à clés code 1912, merci", ["1912"]),
        ("Atariko kodea 1986 da, gero ezkerrera", ["1986"]),
        # a Dutch key safe with its diminutive, a number in what names it
        ("sleutelkluisje bij nr 12: 4471 (niet doorgeven)", ["4471"]),
        # Ukrainian and Russian: "now" with no "is", a key, an app password, a passphrase,
        # a value said to have a space
        ("пароль від пошти тепер 77lviv_kava, перевірте", ["77lviv_kava"]),
        ("пароль теперь 88moskva_chai", ["88moskva_chai"]),
        ("Пароль застосунку для пошти — xkvd mwqp zrtl bnhe", ["xkvd mwqp zrtl bnhe"]),
        ("Парольна фраза до диска: синє море під горою", ["синє море під горою"]),
        ("Пароль от вайфая на складе: Kyiv-Odesa 2019 (с пробелом)", ["Kyiv-Odesa 2019"]),
        # French: "tu tapes … puis", to log in
        ("Pour te connecter au portable tu tapes cerisier77 puis entrée", ["cerisier77"]),
        # a plain word said to be used as the password, or noted for its letters' case
        (
            "Mia says the Etsy shop uses butterscotchpudding as the password",
            ["butterscotchpudding"],
        ),
        (
            "the wifi password is on the router, it's  lemonadestand  all lowercase",
            ["lemonadestand"],
        ),
        ("The password is literally pancakes lowercase, don't laugh", ["pancakes"]),
        # Romanian backup codes with their article
        ("Codurile de rezervă Google: 5XQ9-KP2L-M7RT", ["5XQ9-KP2L-M7RT"]),
        # an entity of markup in a connection string's password
        (
            '<add name="Shop" connectionString="Server=db;User ID=app;Password=Tuin&amp;Huis77" />',
            ["Tuin&amp;Huis77"],
        ),
    ],
)
def test_what_unseen158_to_161_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a serial number or an order's reference said before the colon
        "Clau de producte? No, és el número de sèrie del portàtil: 5CD2148XYZ (HP)",
        "Clé de licence ? Non, juste la référence commande : LIC-ORD-2024-55871",
        # a manual's default, a tool named with a digit in a log
        "El manual pone 'contraseña por defecto: 000000' pero ya la cambiamos",
        "2024-05-14 09:12:34 [INFO] fail2ban: banned 185.34.21.9",
        # a password manager, not a password; how a word is written, not what it is
        "we use bitwarden as the password manager",
        "it is mostly lowercase in the password",
        "Password must be lowercase",
        # a remote tool's id, and no password yet
        "anydesk 118 442 907, password will follow tomorrow",
        "пароль зараз не працює",
    ],
)
def test_what_unseen158_to_161_hold_stays(text: str) -> None:
    assert scan(text) == []
