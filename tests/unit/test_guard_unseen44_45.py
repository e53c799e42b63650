"""What the blind splits unseen44 and unseen45 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a phrase after the colon of a clause that says it is one
        (
            "le mot de passe du portable c'est une phrase, en minuscules : chat gris sur le toit\n",
            ["chat gris sur le toit"],
        ),
        (
            "nowe hasło do poczty to zdanie od córki: kot pije mleko o północy. Małymi literami.",
            ["kot pije mleko o północy"],
        ),
        (
            "I've set the NAS admin to Cedar#Lane44 now. The old one was cedar44 just so you know",
            ["Cedar#Lane44", "cedar44"],
        ),
        ("Receptionist logs in as frontdesk with Lavender2025.", ["Lavender2025"]),
        (
            "her passwords: laptop Harbor_Light7, email HarborLight#mail, door PIN 6612",
            ["Harbor_Light7", "HarborLight#mail", "6612"],
        ),
        (
            "my daughter set up the crypto wallet, here they are:\n\nmaple river stone cloud amber "
            "frost\nsilver candle orbit meadow lunar pepper\n",
            ["maple river stone cloud amber frost\nsilver candle orbit meadow lunar pepper"],
        ),
        ("le code du portail change lundi : nouveau 4C8812, merci", ["4C8812"]),
        ("Windows-konto: kassa2 / Druva2030\n", ["Druva2030"]),
        ("the code for the exam safe in the office: it's 21-44-08 (turn left first)", ["21-44-08"]),
        (
            "the new token came in a letter. Activation code: 44 801 276. Activate in 7 days",
            ["44 801 276"],
        ),
        (
            "De sleutelkluis heeft nu code 5518 (was 1987). Medicijnkast: 0311.",
            ["5518", "1987", "0311"],
        ),
        ("Starý PIN byl 2222, nový PIN ke kopírce je 7781.", ["7781"]),
        ("změnila jsem PIN ke kopírce na 6210. Starý byl 1212, už nefunguje", ["6210", "1212"]),
        ("il PIN della cassaforte è stato cambiato: adesso è 558201. Saluti", ["558201"]),
        ("o PIN do cofre (no escritório) agora é 11 08 30. Só eu sei", ["11 08 30"]),
        ("The combo is 8831 — I changed it from 1408 last week", ["8831", "1408"]),
        (
            "all the scanners share the same unlock code: 61 20 44 — it's the site number",
            ["61 20 44"],
        ),
        ("- riasztó: 4410\n- wifi: Szalon / Kert2020\n", ["4410", "Kert2020"]),
        (
            "https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/Zx8Kq2Lm9Pw4Rt6Yv1Nb3Hc",
            ["https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/Zx8Kq2Lm9Pw4Rt6Yv1Nb3Hc"],
        ),
        ("muhasebe laptopunun BIOS parolası 'Kule1923' — sormuştunuz", ["Kule1923"]),
    ],
)
def test_what_unseen44_and_45_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        '$cred = Get-Credential -Message "Enter SQL password"\n$pw = $env:EXPORT_SQL_PASSWORD\n',
        "Marigold2024 is the name of our spring catalogue",
        "the invoice is dated 3Nov2026, paid in March2024 terms",
        "the wallet app shows:\n\nbalance pending confirmed\nsent received fees\n",
        "the code review: it's 12-14-16 lines in that file",
        "Phone: 55 912 088, ask for reception",
        # "fras" of a passphrase label inside another word
        "The password for the infrastructure dashboard: ask Maria in person",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
