"""What the blind splits unseen162 to unseen165 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Scots: "set it tae … an noo"
        ("the wifi? she set it tae kilmarnock1869 an noo she cannae mind", ["kilmarnock1869"]),
        # Kurmanji labels; Somali labels, code words, "waa" (is), "iyo" (and)
        ("şîfreya nû ya Gmail Dilan2021ab e", ["Dilan2021ab"]),
        ("Min şîfre nivîsand: azadî88 lê nabe", ["azadî88"]),
        ("Erayga sirta ee laptop-ka: Hargeisa77xy", ["Hargeisa77xy"]),
        ("AnyDesk ID: 551 208 334, sirta: k9m2qp", ["k9m2qp"]),
        ("Koodka albaabka xafiiska waa 4410", ["4410"]),
        ("Weedhka sirta ah ee diskiga: roob iyo geel iyo caano", ["roob iyo geel iyo caano"]),
        (
            "Koodhadhka soo celinta (backup codes): R7QZ-M2LX-9WVT iyo K3WN-8BBH-4CDP",
            ["R7QZ-M2LX-9WVT", "K3WN-8BBH-4CDP"],
        ),
        # Cantonese and Vietnamese in Latin letters: "mat ma"
        ("di printer ge mat ma hai: pr1nter66 , m goi", ["pr1nter66"]),
        # a code's digits apart by commas; German "war"; an order's PIN
        ("the alarm pin is 4, 8, 0, 2 (don't tell the kids)", ["4, 8, 0, 2"]),
        ("Der Bestätigungscode war 771204, stimmt das?", ["771204"]),
        ("the online order PIN is 6630 if you need it", ["6630"]),
        # a licence's activation code; an entry code with both keypad marks
        (
            "Der Aktivierungscode für die Software lautet 9KQ2-PX7R-44TM-ZZ1B",
            ["9KQ2-PX7R-44TM-ZZ1B"],
        ),
        ("Zutrittscode Lager ab Montag: #4471*", ["#4471*"]),
        # a value said to have a space
        ("the till pw is now lavender 44 with a space", ["lavender 44"]),
        # a user name with a dot, then words joined by a symbol
        ("mia.schulz / Mia#Schulz#Haare", ["Mia#Schulz#Haare"]),
        # passwords listed with arrows between them
        (
            "Alte Passwörter: Winter2021 → Frühling2022 → Sommer2022",
            ["Winter2021", "Frühling2022", "Sommer2022"],
        ),
        # CJK: a seed phrase after a full-width colon, a Korean recovery code, a TOTP key in
        # groups after "密钥", a Japanese passphrase in brackets
        (
            "钱包助记词：river lumber crisp swallow pilot wisdom bargain fetch neutral hobby "
            "candle ribbon",
            ["river lumber crisp swallow pilot wisdom bargain fetch neutral hobby candle ribbon"],
        ),
        ("구글 계정 복구 코드: 7KQ2X-9MVLT-RZ4WP", ["7KQ2X-9MVLT-RZ4WP"]),
        ("两步验证的密钥（手动输入）：MFZW K3DP KRUG S4ZA", ["MFZW K3DP KRUG S4ZA"]),
        ("ZIPのパスフレーズは「hana no iro wa 77」です。", ["hana no iro wa 77"]),
    ],
)
def test_what_unseen162_to_165_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a program's prompts, then its output
        "$ sudo smbpasswd -a scan\nNew SMB password:\nRetype new SMB password:\nAdded user scan.",
        # a test centre's code, a campaign's code
        "The DVSA test centre code is 1084 and the slot is 09:14",
        "Canada Helps account # CH-0077341, campaign code SPRING24FOOD",
        # a value asked about, not given
        "Is 'Password123' a good password? I'm asking for the kids' tablets",
        # a fingerprint's words
        "Bitwarden export fingerprint: alarm-beacon-pantry-wheat-silver (confirm it matches)",
        # a file and a page, not an account and its password; digits of steps
        "file.txt / Report#Final",
        "code: 1, 2, 3, 4 and 5 are the steps",
    ],
)
def test_what_unseen162_to_165_hold_stays(text: str) -> None:
    assert scan(text) == []
