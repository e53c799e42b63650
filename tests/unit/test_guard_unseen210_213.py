"""What the blind splits unseen210 to unseen213 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Macedonian with its article, Malagasy, a Belarusian app password
        ("Лозинката за мејлот е skopje1963", ["skopje1963"]),
        ("Ny teny miafina dia antananarivo22", ["antananarivo22"]),
        ("Пароль прыкладання (Google): qwnmtrbvxlpkzsdh", ["qwnmtrbvxlpkzsdh"]),
        # Sorani Kurdish: a password, a word to pass, the English word in its letters
        ("وشەی نهێنی: Nan2024shekr", ["Nan2024shekr"]),
        ("وشەی تێپەڕی پاشەکەوت: correct-horse-kurdish-carpet", ["correct-horse-kurdish-carpet"]),
        ("پاسۆرد: 0750123987a", ["0750123987a"]),
        # recovery codes in Serbian and Montenegrin
        ("kodovi za oporavak: 48213907, 66120394", ["48213907", "66120394"]),
    ],
)
def test_what_unseen210_to_213_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # runas names the program to run after the user, not a password
        "runas /user:KANCELARIJA\\admin cmd",
        'runas /user:CORP\\helpdesk "mmc compmgmt.msc"',
        # a hash with its name: an MD5 sum, a bcrypt hash in its field
        "the log shows: md5=5f4dcc3b5aa765d61d8327deb882cf99 next to the password field",
        "password field in the export: "
        "password_hash=$2y$10$Qz7vL2mN8xR4tK1pW6yE3uO9sA5dF0gH2jK4lZ6xC8vB0nM2qW4eS",
        # the new labels in sentences about a password
        "Лозинката ја заборавив, може ресет?",
        "Tsy tadidiko ny teny miafina, azafady",
        "وشەی نهێنی بیرچووەتەوە، تکایە یارمەتیم بدە",
        "پاسۆردەکە کار ناکات",
    ],
)
def test_the_lookalikes_beside_them_stay(text: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == []
