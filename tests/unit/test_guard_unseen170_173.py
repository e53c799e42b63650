"""What the blind splits unseen170 to unseen173 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a code in three groups of capitals and digits after a code's label
        ("The portal's access code is KTV-4471-QX, valid till June", ["KTV-4471-QX"]),
        ("Unlock code for the NVR: 7QD-2K9-XPL", ["7QD-2K9-XPL"]),
        # a code in dashed pairs after a code's label and a word
        ("kod-e anbar: 41-07-93", ["41-07-93"]),
        ("code office: 12-44-90", ["12-44-90"]),
        # Haitian Creole: a password's word and a code's "is" ("se")
        ("Kontrasèn imel biwo a: Lakay-Mwen-88", ["Lakay-Mwen-88"]),
        ("Kòd garaj la se 5521 epi kòd biwo nan se 8830#", ["5521", "8830#"]),
        # Swahili and isiZulu passwords, Swahili recovery codes and wallet words
        ("Nywila ya barua pepe: duma-jioni-31", ["duma-jioni-31"]),
        ("Neno la siri: mvua-kali-12", ["mvua-kali-12"]),
        ("Iphasiwedi yekhompyutha: Imvula2023", ["Imvula2023"]),
        ("Misimbo ya kurejesha: pq4z-7mwk, nc2r-8vtd", ["pq4z-7mwk", "nc2r-8vtd"]),
        (
            "Maneno 12 ya pochi: river cabin lemon shadow pilot orange frost candle "
            "wagon mercy hollow tiger",
            [
                "river cabin lemon shadow pilot orange frost candle wagon mercy hollow tiger",
            ],
        ),
        # Afrikaans app password; Slovak combination
        ("App-wagwoord vir Outlook: mzqkwtrvpxlbhnsy", ["mzqkwtrvpxlbhnsy"]),
        ("Skrinka v sklade má kombináciu 31-07-44.", ["31-07-44"]),
        # Farsi in Latin letters and in its script; Hebrew backup codes
        ("ramz-e modem-e daftar: baran_e_paeez_98", ["baran_e_paeez_98"]),
        ("anydesk: 812 554 903\nramz: s7kd2q", ["s7kd2q"]),
        ("کد پین دستگاه پوز: 5831", ["5831"]),
        ("קודי גיבוי לחשבון: 4120 8837, 5519 0264", ["4120 8837", "5519 0264"]),
        (
            "kalamat-e bazyabi-e kif pool: ocean timber velvet glide rocket honey panel "
            "crisp elbow mango ladder sunset",
            ["ocean timber velvet glide rocket honey panel crisp elbow mango ladder sunset"],
        ),
    ],
)
def test_what_unseen170_to_173_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a network with no password, then its name
        "El wifi de invitados no tiene clave, es abierto: Cafe_Invitados",
        "The guest wifi has no password, it's open: Bakery_Guests",
        "Das Gäste-WLAN hat kein Passwort, einfach verbinden: Praxis_Gast",
        # words about a password after another language's label, cut by a comma
        "Rezèv modpas: sistèm nan mande 8 karaktè, yon chif ak yon majiskil.",
        # a Stripe object's ID
        "Stripe payout po_1PzQ8k2eZvKYlo2C9t3Lm7Qa of 1.240 EUR did not arrive on account, why",
        "Refund re_3NvX2L2eZvKYlo2C0pQrStUv failed, charge ch_3NvX2L2eZvKYlo2C1aBcDeFg",
        # a discount code; a model's code on a sticker; a delivery code
        "kod-e takhfif baraye daneshjoo-ha: SPRING1403 - 20% off",
        "the alarm panel has a code on the sticker inside the lid: 7F-22A1-0093",
        "Delivery code on the manifest is DT-WH2.",
    ],
)
def test_what_unseen170_to_173_hold_stays(text: str) -> None:
    assert scan(text) == []
