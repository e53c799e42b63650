"""What the blind splits unseen206 to unseen209 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # labels in Kabyle and Corsican
        ("awal uffir n lkumbyuter: azul2024tizi", ["azul2024tizi"]),
        ("Awal n uɛeddi: tamurt2025", ["tamurt2025"]),
        ("a parolla d'intrata hè bastia1998", ["bastia1998"]),
        # Kinyarwanda, Afaan Oromo, Tigrinya in its script and in Latin letters, Amharic
        ("ijambo ry'ibanga ni kigali2024", ["kigali2024"]),
        ("Jecha icciitii: adama2023", ["adama2023"]),
        ("ፓስዋርድ asmara1993", ["asmara1993"]),
        ("mehlefi qal: keren2021", ["keren2021"]),
        ("የይለፍ ቃል: addis2024", ["addis2024"]),
    ],
)
def test_what_unseen206_to_209_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # "erased" after a label
        "S/N: 8MZ7S2. l'étiquette avec le mot de passe est effacée",
        # Algerian Arabic in Latin letters: "I send you", "I don't have it"
        "CCP ta3 l'association: 0023456789 clé 42 . rani nb3atlek l facture",
        "l mot de passe rah 3and Youssef, ana ma3andich. 9olo yb3atlek",
        # the new labels in sentences about a password
        "awal uffir yettwattu, ttxil-k ales-it",
        "Ijambo ry'ibanga ryibagiranye, mwamfasha?",
        "a parolla d'intrata ùn marchja più",
        # a verb after the label with the Ethiopic full stop or comma ("was not changed")
        "ብ 0911 234 567 ደዊለ ግን ፓስዋርድ ኣይተቐየረን።",
        "የይለፍ ቃል አልሰራም፣ እባክዎ",
        # "forgot", "expired", "wrong" after a label in Kabyle, Corsican, Afaan Oromo,
        # Kinyarwanda and Amharic
        "Awal uffir - ttuɣ-t.",
        "Parolla d'intrata - scurdata.",
        "Jecha icciitii: dogoggora",
        "Ijambo ry'ibanga: ryarangiye",
        "የይለፍ ቃል: ተረስቷል",
    ],
)
def test_the_lookalikes_beside_them_stay(text: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == []
