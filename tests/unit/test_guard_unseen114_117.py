"""What the blind splits unseen114 to unseen117 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Faroese, Icelandic, Norwegian (nynorsk) and Romansh words for a password
        ("Loyniorðið til skipanina:\nTorshavn.Nólsoy.4", ["Torshavn.Nólsoy.4"]),
        ("Passordet til kassa er no kveite-sild-72, eg byter det sjølv", ["kveite-sild-72"]),
        ("Passfrasen til backup-disken: tre måkar på eit tak", ["tre måkar på eit tak"]),
        ("il pled-clav dal computer è Muntanella9", ["Muntanella9"]),
        # a network's key; Swahili "ni", Pidgin "na", Yoruba "fún" and Swahili "ya"
        ("Netið heitir Skrivstova og lykillinn er grindadráp77", ["grindadráp77"]),
        (
            'Passphrase ya SSH key ya office ni "kuku anavuka barabara leo" sijui kama ni sawa',
            ["kuku anavuka barabara leo"],
        ),
        ("wifi name na Studio2, pass na 0803studio99", ["0803studio99"]),
        ("recovery code fún Google account: 8f2k1-77dqe", ["8f2k1-77dqe"]),
        # codes: Swiss "isch", Twi "yɛ", Icelandic and Faroese compounds, Swahili "msimbo"
        ("Bestätigigscode vo dr Post isch 44-19-07, merci", ["44-19-07"]),
        ("Ɛdan no code yɛ 4471#", ["4471#"]),
        ("Hliðið opnast með kóðanum 5521# frá og með í dag", ["5521#"]),
        ("Stjórnandakóðinn fyrir kassann er ##7730## ef þarf", ["##7730##"]),
        ("Msimbo wa stoo: *9917*", ["*9917*"]),
        # keys and app passwords in groups, after the word for them and up to five words
        (
            "Tveystigs-lykilin fyri Google-kontoina hjá búðini: 7QKM 2XWP L9RT 4DNZ",
            ["7QKM 2XWP L9RT 4DNZ"],
        ),
        (
            "Endurheimtarkóðinn fyrir iPadinn: PK4T-9LQZ-M2XV-W7RN-3HJD-C8YF",
            ["PK4T-9LQZ-M2XV-W7RN-3HJD-C8YF"],
        ),
        ("Appalykilorðið fyrir Outlook: qvrt-mzkp-ylwn-hbsd", ["qvrt-mzkp-ylwn-hbsd"]),
        (
            "Eg laga eit app-passord til Outlook på kontoret: zqwvtrkplmxnhbsd — utan mellomrom",
            ["zqwvtrkplmxnhbsd"],
        ),
        # Portuguese "mudei pra"; a passkey in an environment file; "opens with"
        ("a senha do caixa eu mudei pra padaria_beira22 ontem", ["padaria_beira22"]),
        (
            "export MPESA_PASSKEY=4f8e2c1a9b7d3e5f6a0c8b2d4e6f1a3c",
            ["4f8e2c1a9b7d3e5f6a0c8b2d4e6f1a3c"],
        ),
        ("the till now opens with breadbin2031 until you change it", ["breadbin2031"]),
    ],
)
def test_what_unseen114_to_117_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a tax PIN on an invoice; the account a command is run on
        "Invoice 2291 due 12/06, KES 12,000 incl VAT. PIN A004417752Q",
        "$ passwd kofi7\nNew password:\nRetype new password:\npasswd: password updated",
        "sudo usermod -aG sudo ama2",
    ],
)
def test_what_unseen114_to_117_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "recovery key for the iphone: HX7Q-29MA-PL4V-8ZNT-C3WB-K6HD keep it safe",
            "HX7Q-29MA-PL4V-8ZNT-C3WB-K6HD",
        ),
        (
            "the app password for the printer: tkrw-vnpz-lqhm-xsbe is the right one",
            "tkrw-vnpz-lqhm-xsbe",
        ),
        ("the app password I got: rkvm-tzqp wlsx fbny?? copied wrong", "rkvm-tzqp wlsx fbny"),
    ],
)
def test_a_key_in_groups_ends_at_its_last_group(text: str, key: str) -> None:
    """Groups in dashes end at a space: the words after them stay."""
    assert [text[f.start : f.end] for f in scan(text)] == [key]


def test_a_password_after_passwd_in_a_sentence_is_still_one() -> None:
    text = "VNC on the scale PC: 10.4.0.21:5900 passwd wedge8pan (8 characters max)"
    assert missed({"text": text, "secrets": ["wedge8pan"]}) == [], scan(text)
