"""The families the guard missed or flagged on unseen6, each with variants beyond its corpus
line: labels with CJK particles, several ``name = value`` items on a line, door codes with a
letter, "host, user, password" after a remote-access label, and values that are references
in code."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


def _removed(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("事務所のPCのパスワードは Sakura#2026 です", "Sakura#2026"),
        ("パスワードはSakura#2026です", "Sakura#2026"),
        ("WiFiのパスワード：Umi-2026-kaze", "Umi-2026-kaze"),
        ("新しいパスワードを Kumo#55x に変更しました", "Kumo#55x"),
        ("暗証番号は 4821 です", "4821"),
        ("服务器的密码是 Dragon#88", "Dragon#88"),
        ("密碼：Tiger2026!", "Tiger2026!"),
        ("사무실 PC 비밀번호는 Hana#2026 입니다", "Hana#2026"),
        ("와이파이 비밀번호: Seoul!77b", "Seoul!77b"),
        ("ID：tanaka PW：Sakura#2026", "Sakura#2026"),  # a full-width colon after any label
        ("パスワード\u3000Sakura#2026", "Sakura#2026"),  # an ideographic space
        ("Wi-Fiのパスワードは「Umi2026」です", "Umi2026"),
        ("비밀번호는 1234입니다", "1234"),
    ],
)
def test_cjk_labels_with_particles_give_their_value(text: str, secret: str) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    "text",
    [
        "パスワードを忘れました",
        "パスワードはメールで送らないでください",
        "パスワードは8文字以上にしてください",
        "パスワードはLINEで送ります",
        "密码错误，请重试",
        "비밀번호를 잊어버렸어요",
        "パスワードは2024年に変更しました",
    ],
)
def test_cjk_sentences_about_passwords_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "Passwords for the shop: till = Till#Green1, backoffice = Office#Blue2",
            ["Till#Green1", "Office#Blue2"],
        ),
        ("Accounts: router = Rtr!2026x; nas = Nas#Box22", ["Rtr!2026x", "Nas#Box22"]),
        ("Zugänge: Kasse: Kasse#Rot7, Büro: Buero!Blau8", ["Kasse#Rot7", "Buero!Blau8"]),
        ("the logins - guest = Gast#2026, admin = Adm!n2026", ["Gast#2026", "Adm!n2026"]),
        ("Passwords: till=Till#Green1, office=Office#Blue2", ["Till#Green1", "Office#Blue2"]),
    ],
)
def test_several_name_value_items_after_a_lead_are_each_removed(
    text: str, secrets: list[str]
) -> None:
    _removed(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        "Settings: timeout = 30, retries = 5",
        "Totals: net = $1,200.00, vat = $240.00",
        "Build: version = v2.4.1, commit = a1b2c3d",
    ],
)
def test_name_value_settings_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("code porte entrée : 2580A", "2580A"),
        ("code portail : 4417B", "4417B"),
        ("gate code: A2580", "A2580"),
        ("Türcode Hinterhof: 7731B", "7731B"),
        ("código de la puerta: 2580B", "2580B"),
        ("codice cancello: 7314C", "7314C"),
        ("digicode : 12B45", "12B45"),
    ],
)
def test_door_codes_with_a_letter_are_removed(text: str, secret: str) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    "text",
    [
        "code postal : 75011",
        "code erreur : 404B",
        "Code article : 4417B",
        "code promo : SUMMER25",
        "codice fiscale: RSSMRA80A01",
    ],
)
def test_other_codes_with_letters_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("RDP to the server: office-srv01, administrator, Remote#Win11", "Remote#Win11"),
        ("VPN: vpn.shop.example / anna / Vpn!Access24", "Vpn!Access24"),
        ("SSH into the NAS: 192.168.1.20, admin, Nas#Root55", "Nas#Root55"),
        ("FTP server - ftp.shop.example, webmaster, Ftp_Upload2026", "Ftp_Upload2026"),
        ("Remote desktop: kasse, Kasse!2026", "Kasse!2026"),
        ("Fernwartung: pc-07, chef, Chef#Buero9.", "Chef#Buero9"),
        ("VPN login: vpn.firma.de, mueller, Vpn#Zugang24", "Vpn#Zugang24"),
        ("Server: srv01 | admin | Srv!Admin99", "Srv!Admin99"),
    ],
)
def test_user_and_password_listed_after_a_remote_access_label_are_removed(
    text: str, secret: str
) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    "text",
    [
        "RDP to the server: office-srv01, port 3389, NLA enabled",
        "VPN: vpn.shop.example / split tunnel / WireGuard2",
        "Server: srv-01, srv-02, srv-03",
        "SSH: 192.168.1.20, 192.168.1.21",
        "Server: srv01, srv02, srv03-Backup2",
    ],
)
def test_remote_access_lists_without_a_password_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "const API_KEY = process.env.API_KEY;",
        "$password = $_POST['password'];",
        "$secret = getenv('APP_SECRET');",
        "api_key = config.api_key",
        "token = self.token",
        "password = params[:password]",
        "const secret = import.meta.env.VITE_SECRET;",
        "$pass = $request->input('password');",
        "password: ${DB_PASSWORD}",
        "token: settings.GITHUB_TOKEN",
        "const PASSWORD = process.env.DB_PASSWORD || '';",
        "password: !Ref DbPassword",
        "wifi_password: !secret wifi_password",
        "password: '%env(DATABASE_PASSWORD)%'",
        "token = args.token",
        "password = user.password",
        "key = credentials.key",
    ],
)
def test_a_value_that_is_a_reference_in_code_is_not_a_secret(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("password: Summer.Lake2026", "Summer.Lake2026"),
        ("pw: hunter.two22", "hunter.two22"),
        ("password = 'Process.Env77'", "Process.Env77"),
    ],
)
def test_dotted_passwords_are_still_removed(text: str, secret: str) -> None:
    _removed(text, [secret])
