"""The families the guard missed or flagged on unseen9 and unseen10, each with variants
beyond its corpus line, and the look-alikes each rule must leave alone."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


def _removed(text: str, *secrets: str) -> None:
    assert missed({"text": text, "secrets": list(secrets)}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "postfix/smtpd[1288]: warning: unknown[198.51.100.77]: SASL LOGIN authentication"
        " failed: UGFzc3dvcmQ6",
        "postfix/smtpd[90]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed:"
        " VXNlcm5hbWU6\nthe login attempts come every minute",
        "dovecot: auth: login failed, last challenge cGFzc3dvcmQ6 (password prompt)",
    ],
)
def test_a_sasl_prompt_in_a_mail_log_is_no_password(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        'import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n'
        "conn = psycopg2.connect(host='db', user='app', password=DB_PASSWORD)",
        "client = Client(api_key=STRIPE_SECRET_KEY, timeout=30)",
        "smtp.login(user, password=smtp_password)",
        "$mail->Password = MAIL_PASSWORD;",
    ],
)
def test_a_variable_named_for_a_secret_is_a_reference(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("password=Hunter_Bay42", "Hunter_Bay42"),
        ("DB_PASSWORD=Granite#Moss7", "Granite#Moss7"),
        ("connect(password='Kite!Flyer22')", "Kite!Flyer22"),
    ],
)
def test_a_password_in_an_assignment_is_still_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-04 14:22:09 INFO  auth: password reset link sent to user_id=4412 (expires in"
        " 30 min)\n2026-12-04 14:25:51 INFO  auth: password changed for user_id=4412",
        "Jan 3 10:01:12 web1 app: password reset requested by account_id=88231",
        "[auth] Passwort zurückgesetzt für uid=1001, Mail an kunde_id=20417 gesendet",
        "mot de passe réinitialisé pour client=77120",
    ],
)
def test_a_log_line_about_a_password_reset_is_no_password(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("password reset, the new one is set to Reset#Bay42", "Reset#Bay42"),
        ("admin password: Hunter=4412x", "Hunter=4412x"),
    ],
)
def test_a_password_beside_a_log_field_is_still_found(text: str, secret: str) -> None:
    _removed(text, secret)
