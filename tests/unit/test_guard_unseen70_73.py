"""What the blind splits unseen70 to unseen73 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Korean: a disarm code, a setup key in groups, a door lock's new number, the safe's
        ("알람 해제 코드 9075 입니다. 금고는 0411. 내일 새벽 방송팀이 일찍 와요", ["9075", "0411"]),
        (
            "2단계 인증 설정 키: 7KQF NR3M WPZ2 VHLD\n은행 OTP 앱에 다시 넣어야 해요.",
            ["7KQF NR3M WPZ2 VHLD"],
        ),
        ("스튜디오 도어락 번호 바꿨습니다. 새 번호는 *2719# 이에요.", ["*2719#"]),
        ("비번은 Hana#2026 입니다", ["Hana#2026"]),
        # the real app password below the manual's example
        (
            "Gmail made me do an app password:\n\n  abcd efgh ijkl mnop   <- that's the example\n\n"
            "the real one is: wtqe zmlk ycvr hspo\n",
            ["wtqe zmlk ycvr hspo"],
        ),
    ],
)
def test_what_unseen70_to_73_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "주문 번호는 20241105 입니다",
        "우편번호는 06236 입니다",
        # a manual's example, a shell prompt
        "App-Passwort: abcd efgh ijkl mnop (so sieht das Beispiel in der Anleitung aus)",
        'read -s -p "Passwort: " PW; echo "$PW" | sudo -S apt update',
        "read -p 'Password: ' pw && echo done",
    ],
)
def test_what_unseen70_to_73_hold_stays(text: str) -> None:
    assert scan(text) == []
