"""What the blind splits unseen194 to unseen197 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # labels in Khmer, Lao, Thai and Yiddish
        ("លេខសម្ងាត់: hotelkampot", ["hotelkampot"]),
        ("ពាក្យសម្ងាត់: angkorwat", ["angkorwat"]),
        ("ລະຫັດຜ່ານ: vientianecafe", ["vientianecafe"]),
        ("รหัสผ่าน: chiangmaiinn", ["chiangmaiinn"]),
        ("פּאַראָל: shabbos-tish", ["shabbos-tish"]),
        # a Dutch emergency code
        ("Synology noodcode: 7HQ2M-K48PW", ["7HQ2M-K48PW"]),
        # a PIN in Yiddish; an application key in JSON
        ("רעדט דער פּין פון דער טיר איז 4417", ["4417"]),
        (
            '{"applicationKey": "K005Jq2Lm8XpT4rWc9NbYd1Fs3Jg7Zv"}',
            ["K005Jq2Lm8XpT4rWc9NbYd1Fs3Jg7Zv"],
        ),
    ],
)
def test_what_unseen194_to_197_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("пароль ёжик_в_тумане", ["ёжик_в_тумане"]),
        ("password: Pa****w0rd!", ["Pa****w0rd!"]),
        ("pass: Jinxxxxx77", ["Jinxxxxx77"]),
    ],
)
def test_passwords_in_other_scripts_or_with_marks_inside_stay_found(
    text: str, secrets: list[str]
) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # "correct" and "locked" in Spanish and Dutch; an Entra sign-in error's code
        "la contraseña es correcta, pero no entra",
        "Aanmelden mislukt: onjuist wachtwoord of account is vergrendeld",
        "the password prompt came back with AADSTS50076 again",
        # a mask between the ends it shows; an operation's number; a rejection's code
        "the reset page showed 'Ka******12' as the old password",
        "Pago por Yape, código de operación 55120934, para el wifi nuevo con clave",
        "el portal la rechazó con código 3011, la clave no cambió",
        # a label, then the sentence going on in Burmese, Thai, Lao or Yiddish
        "ကွန်ပျူတာ password မေ့သွားတယ်။",
        "รหัสผ่าน: ไม่มี",
        "ລະຫັດຜ່ານ: ບໍ່ມີ",
        "פאראל: קיינער",
        # a customer's number after Lao "code"; a root account's setting
        "ລະຫັດ ລູກຄ້າ 5521",
        "ssh root: prohibit-password",
        # a licence key masked but for its last group
        "Office product key on the old box: XXXXX-XXXXX-XXXXX-XXXXX-7RQ2K, rest scratched off",
    ],
)
def test_the_lookalikes_beside_them_stay(text: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == []
