"""What the blind splits unseen12 to unseen16 missed on their first run, each with new
variants, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


def _found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "| Sistema | Utilizador | Senha |\n|---|---|---|\n| Shopify | loja | Azulejo#Lx22 |\n"
            "| Wi-Fi loja | CasaAzulejo | pastel2belem |",
            ["Azulejo#Lx22", "pastel2belem"],
        ),
        (
            '"Servicio","Usuario","Clave"\n"Correo","info@olivares.example","Aceite, Virgen 2026"\n'
            '"Banco","38291044","""Jaén""_77"\n"Cámaras","admin","olivo1964"',
            ["Aceite, Virgen 2026", '""Jaén""_77', "olivo1964"],
        ),
        ("Dienst;Nutzer;Kennwort\nDATEV;kanzlei;Steuer-Buero-7", ["Steuer-Buero-7"]),
    ],
)
def test_the_password_column_of_a_table_in_any_language_is_found(
    text: str, secrets: list[str]
) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        '"Servicio","Usuario","Clave"\n"Correo","info@olivares.example","<ver gestor>"',
        "| Sistema | Utilizador | Senha |\n|---|---|---|\n| Shopify | loja | (no cofre) |",
    ],
)
def test_a_table_without_passwords_in_its_column_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        'curl -H "Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=" (their example)',
        ': "${DEPLOY_TOKEN:?DEPLOY_TOKEN not set}"',
        "put SENDGRID_API_KEY=YOUR_API_KEY_HERE in the .env",
        "SECRET_KEY=generate-with-openssl-rand-hex-32",
        "Name: shop-sync   Key: sk-...a3Fq   erstellt 02.11.2026",
        "Key: sk-…7LwP",
        "they asked for my online banking password to 'verify my account'. I said no.",
        'the bank asked me for my password to "verify" the account',
        "$mysqli = new mysqli('localhost', 'wp', $db_pass, 'halloran_live');",
    ],
)
def test_placeholders_masks_and_purposes_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("Authorization: Basic YW5uYTpUdWxpcDQ0IQ==", ["YW5uYTpUdWxpcDQ0IQ=="]),
        ("define( 'DB_PASSWORD', 'Tz7#qP1v!Ld9' );", ["Tz7#qP1v!Ld9"]),
        ('define("DB_PASSWORD", "Tz7#qP1v!Ld9");', ["Tz7#qP1v!Ld9"]),
        ("I changed the password to 'bluebird'", ["bluebird"]),
    ],
)
def test_values_beside_those_are_still_found(text: str, secrets: list[str]) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "Koden til nøgleboksen er 4719 og alarmen slår du fra med 2580 og så OFF.",
            ["4719", "2580"],
        ),
        (
            "il codice del portone è 5502# e l'allarme lo spegni con 1 9 7 3 e poi il verde",
            ["5502#", "1 9 7 3"],
        ),
        ("manager override code used to be 0451", ["0451"]),
        (
            "Router Kennwort: hbf-nord-1139\nKasse 1 PIN 7781, Kasse 2 PIN 7782\nTresor: 31-17-48",
            ["7781", "7782", "31-17-48"],
        ),
        (
            "kód na vstupní dveře do kanceláře je 8 0 4 1 * a alarm se vypíná kódem 6593.",
            ["8 0 4 1 *", "6593"],
        ),
        ("the screen lock is 1 9 7 3, he wants the work email on it", ["1 9 7 3"]),
        (
            "the code for the safe in the office is\n38 21 07\nKey for the cabinet is in there",
            ["38 21 07"],
        ),
        ("Garagentor Code 4 4 0 9 #, Haustür Nuki PIN 218745.", ["4 4 0 9 #", "218745"]),
        ("Fach 3 (Laptop) Code 2 7 9 1, Fach 5 (Schlüssel) Code 0 3 3 8.", ["2 7 9 1", "0 3 3 8"]),
        (
            "the Sonos has a parental lock, code's 8 2 4 1. And the TV in the cafe – 0910.",
            ["8 2 4 1", "0910"],
        ),
        ("The ePrescribing PIN for Anna is 5529 and Ben is 0713.", ["5529", "0713"]),
        ("the merchant PIN to do a refund, Jo says it's 7731? can you check", ["7731"]),
        ("le mdp de la caisse c'est baguette75 et le code du coffre 4482.", ["4482"]),
        ("The alarm panel is inside the hall cupboard, code 9913, it has a delay.", ["9913"]),
        ("the user code for staff is still 1379", ["1379"]),
        ("new code is *8840# from monday. old one 1234# stops working sunday", ["*8840#", "1234#"]),
        ("la caja de seguridad al lado de la puerta, combinación 0-7-2-4.", ["0-7-2-4"]),
    ],
)
def test_codes_in_more_places_and_phrasings_are_found(text: str, secrets: list[str]) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        "The alarm went off at 0300 and again at 0415, the code panel shows error 1207.",
        "The door code changes monthly – room 2108 is upstairs, opened in 1987.",
        "PIN pads arrived, order 55821 is 4 units at 19.99 each",
        "the safe was installed in 2019 and serviced with 3 keys",
        "Schließfach 12 ist frei, Fach 14 auch.",
        "The screen lock timeout is 5 minutes on every laptop.",
    ],
)
def test_numbers_near_codes_that_are_no_codes_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "la clé affichée sous le QR (deux facteurs) : KRUG S4ZA NBSW Y3DP EB3W 64TM MQQG S",
            ["KRUG S4ZA NBSW Y3DP EB3W 64TM MQQG S"],
        ),
        (
            "zapnul jsem 2FA, tady je tajný klíč: xk7m q2vl p9zt w4bn c8yh r3jd 6fge 5auo — díky",
            ["xk7m q2vl p9zt w4bn c8yh r3jd 6fge 5auo"],
        ),
        (
            "Secret key: 4KQX 7MPL ZR2N V9TB WY3D 6HJF - I scanned it",
            ["4KQX 7MPL ZR2N V9TB WY3D 6HJF"],
        ),
        (
            "kräver app-specifikt lösenord för kalendern. Fick det här: hqvt-mzkw-pxer-lbno.",
            ["hqvt-mzkw-pxer-lbno"],
        ),
        (
            "dostałam kod odzyskiwania logowania: 7KQM-2XRV-9PLT-4WBN-C8YH-3JDF — dzięki",
            ["7KQM-2XRV-9PLT-4WBN-C8YH-3JDF"],
        ),
        (
            "My master password is correct horse lemon bicycle, is that long enough?",
            ["correct horse lemon bicycle"],
        ),
        (
            "new master password for Bitwarden is: Tidy Teeth Eleven Lighthouses. Capitals.",
            ["Tidy Teeth Eleven Lighthouses"],
        ),
        (
            "Vi har bytt huvudlösenord. Det är nu fyra ord: blåbär kaffe segelbåt Uppsala (med "
            "mellanslag)",
            ["blåbär kaffe segelbåt Uppsala"],
        ),
        (
            "for the vault I picked: correct-orange-tractor-meadow (all lowercase with dashes)",
            ["correct-orange-tractor-meadow"],
        ),
        (
            "her Windows login is reception3, I set a temporary one of Welcome01! and ticked it",
            ["Welcome01!"],
        ),
        ("Network is FarmShop_Staff with Heifer#Barn19. Can you", ["Heifer#Barn19"]),
        (
            "I'm logging in as rescue_kilkenny with Tails&Whiskers! - it says paused",
            ["Tails&Whiskers!"],
        ),
        (
            "password is in the next line because outlook breaks it\nkT7#zRw2!pLm9Qv\nthanks",
            ["kT7#zRw2!pLm9Qv"],
        ),
    ],
)
def test_keys_in_groups_phrases_and_strong_values_are_found(text: str, secrets: list[str]) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        "GPG-Schlüssel-Fingerprint: 7C3A 9E21 4B8F D0E6 5A17 (2FA für Updates)",
        "2FA is on. IBAN for the invoice: GB29 NWBK 6016 1331 9268 19",
        "the password policy says four words: long, random, unique, memorable",
        "Le mot de passe a été changé en début de semaine, merci.",
        "Our wifi password changed to something else, ask Jo, thanks.",
        "the ticket is about the login page with Office365 for the team",
        "Please run the reset-account-login-flow(user) job for the password.",
    ],
)
def test_look_alikes_beside_groups_and_phrases_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "C:\\> cmdkey /add:fileserver /user:OAKWOOD\\scanner /pass:Scan&Send_88",
            ["Scan&Send_88"],
        ),
        (
            "DATABASE_URL:  postgres://u7kd9:p2f8a1c4e7b0d3f6@ec2.example.com:5432/d8e4a1\n"
            "SECRET_KEY_BASE:    c9f3a7e1b5d2f8a4c6e0b3d7f1a9c5e2b8d4f0a6\nRAILS_ENV:  production",
            ["p2f8a1c4e7b0d3f6", "c9f3a7e1b5d2f8a4c6e0b3d7f1a9c5e2b8d4f0a6"],
        ),
        (
            "peněženku Trezor, zálohu (12 slov):\n\n01 switch\n02 render\n03 cabbage\n04 glove\n"
            "05 wealth\n06 nominee\n07 yellow\n08 civil\n09 arrest\n10 pepper\n11 throw\n12 bounce",
            ["switch", "nominee", "bounce"],
        ),
        (
            "the backup for the bitcoin wallet, keep it safe: canyon sugar wolf island plate mercy "
            "robot dinner cattle swift orange crumble",
            ["canyon sugar wolf island plate mercy robot dinner cattle swift orange crumble"],
        ),
        (
            "name,email,password,phone_pin\nMike,mike@hartley.example,Boiler#Fix21,4410\n"
            "Sam,sam@hartley.example,Wrench99,8823",
            ["Boiler#Fix21", "4410", "Wrench99", "8823"],
        ),
        (
            "Alarm company changed the engineer code to 761204 after the service, and the user "
            "code for staff is still 1379.",
            ["761204", "1379"],
        ),
        (
            "manager override code used to be 0451 but Klaus says he changed it to 8826 last week",
            ["0451", "8826"],
        ),
        (
            "The new DATEV Smartcard PIN is 628391 — the old 440217 is blocked.",
            ["628391", "440217"],
        ),
        ("jeg har ændret koden til Nets-terminalen i butikken til 4827 fordi", ["4827"]),
        ("log ind på routeren med admin og koden rugbrød2023 – jeg kan ikke", ["rugbrød2023"]),
    ],
)
def test_commands_config_seeds_columns_and_changed_codes_are_found(
    text: str, secrets: list[str]
) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        "SECRET_KEY_BASE: (set in the Heroku dashboard)\nTOKEN_TTL:    3600",
        "Token: see the vault entry 'Heroku'",
        "name,email,phone_pin\nMike,mike@hartley.example,(ask him)",
    ],
)
def test_look_alikes_beside_those_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "staff logins:\n\nMrs Patel - spring-blossom-42\nMr O'Neill - Hurling#Clare9\n"
            "Ms Dunne - dunne2026\nAdmin office - StMarys_Office!",
            ["spring-blossom-42", "Hurling#Clare9", "dunne2026", "StMarys_Office!"],
        ),
        ("Anna's is Collie!Creek4 and Ben's is ben_vet_2026.", ["Collie!Creek4", "ben_vet_2026"]),
        ("- portal (REA): agents@coastalrealty.example / listings4life", ["listings4life"]),
        (
            "network: Oakwood_Estates_5G\npw: 4Bedroom-Detached!\nguest: Oakwood_Guest / "
            "openhouse2026",
            ["4Bedroom-Detached!", "openhouse2026"],
        ),
        (
            "INSERT INTO staff (id, login, pass, role) VALUES\n  (1, 'chef', 'Schnecke1970', "
            "'admin'),\n  (3, 'kueche', 'Spaetzle!', 'user');",
            ["Schnecke1970", "Spaetzle!"],
        ),
        (
            "me pide la clave de Windows. La clave que yo sé es tornillo_2019 pero no entra.",
            ["tornillo_2019"],
        ),
    ],
)
def test_lists_rows_and_chosen_values_are_found(text: str, secrets: list[str]) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        "Team:\n- Anna: Sales-Lead-EMEA\n- Ben: Support-Tier-2\n- Eva: Ops2026",
        "Anna's is the blue one and Ben's is Room2108.",
        "write to support@vendor.example / ticket2026 in the subject",
        "INSERT INTO users (login, password_hash) VALUES ('admin', '$2y$10$abcdefghijabcdefghij');",
        "INSERT INTO users (login, pass) VALUES ('admin', NULL);",
        "the password hash is W6ph5Mm5Pz8GgiULbPgzG37mj9g and the salt Xy7Qz",
        "guest: Oakwood_Guest / openhouse2026 is the name of the open house flyer file",
    ],
)
def test_look_alikes_of_lists_and_rows_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "gate code at the yard is now 0619 then the bell button. Old one (5520) won't work",
            ["0619", "5520"],
        ),
        (
            "passwords for the girls at the front desk, they all got reset:\nAnna – Rosemary55\n"
            "Ben's is tractor!Blue",
            ["Rosemary55", "tractor!Blue"],
        ),
        ("pw for the ipad at the counter is 260417 its my daughters birthday", ["260417"]),
        (
            "> What's the lockbox code at the rental?\n\nIt's 3-8-1-5, the box is on the left",
            ["3-8-1-5"],
        ),
        ("Oi Rafael, a senha nova do roteador é cafezinho@2024 — troquei", ["cafezinho@2024"]),
        (
            "did one of those long ones for my laptop: correct walrus harbour lemonade  — all "
            "lowercase with spaces",
            ["correct walrus harbour lemonade"],
        ),
        (
            "Gmail made me do an app password:\n\n  abcd efgh ijkl mnop <- the example\n\n"
            "the real one is: wtqe zmlk ycvr hspo",
            ["wtqe zmlk ycvr hspo"],
        ),
        ("the key safe at the surgery side door:\ncode 7193\nIf that doesn't open it", ["7193"]),
        ("is the wifi pw still leopard-spots-7 or did you change it", ["leopard-spots-7"]),
        ("i tried Harbour1962 and it says wrong password", ["Harbour1962"]),
        ("the code to unlock the phone system admin page is 4096-22, Avaya", ["4096-22"]),
        ("New PIN for the card reader\n   6604\nPlease don't write it down", ["6604"]),
        ("Schlüssel im Schlüsselkasten (Kasten-Code 1908)", ["1908"]),
        ("lockbox on the gate post, 4 digits, 2 9 0 3. key for the shed", ["2 9 0 3"]),
        (
            "> will anyone be there Sunday?\n\nno but use the keypad, 202418, it disarms too",
            ["202418"],
        ),
        (
            "For the password manager master password I went with: tangerine ocean bicycle "
            "murmur 42 — hope that's long enough",
            ["tangerine ocean bicycle murmur 42"],
        ),
        (
            "New password for my account is three words with dashes: Kettle-Orchard-Blanket\n",
            ["Kettle-Orchard-Blanket"],
        ),
        (
            "password for the wifi at the hall is purple elephants dance on tuesdays (all lower "
            "case, with the spaces)",
            ["purple elephants dance on tuesdays"],
        ),
        (
            "Splashtop on the dispensary computer. Security code: 7714-PHARM. After 8pm.",
            ["7714-PHARM"],
        ),
        (
            "2FA secret for the seller account: HV3Q-PK7T-2MXZ-WLB9-R4NE-5YDC-8GSJ-UA6F",
            ["HV3Q-PK7T-2MXZ-WLB9-R4NE-5YDC-8GSJ-UA6F"],
        ),
        (
            "Seed for the MetaMask:\n\n1 absorb   7 tooth\n2 dilemma  8 summer\n"
            "3 fragile  9 vendor\n4 rescue  10 hover\n5 bamboo  11 quarter\n6 copper  12 glimpse\n",
            ["absorb", "tooth", "glimpse", "copper"],
        ),
        (
            "Anna's laptop pw is giraffe77 and Ben's is Snowboard!9, Chris has none",
            ["giraffe77", "Snowboard!9"],
        ),
        (
            "Zugangsdaten:\n\nRouter (FritzBox): Kuckucksuhr-17\nNAS (admin): Schwarzwald#Torte9\n"
            "Drucker Web-UI: 2468",
            ["Kuckucksuhr-17", "Schwarzwald#Torte9", "2468"],
        ),
        (
            "Subject: logins\n\nIpad: 135790\nLaptop: Lisa@Office1\nPharmacy system: RxLisa-2024",
            ["135790", "Lisa@Office1", "RxLisa-2024"],
        ),
        ("set the new pin as 7 3 9 1 on the phone system voicemail", ["7 3 9 1"]),
    ],
)
def test_what_unseen14_missed_is_found(text: str, secrets: list[str]) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        "a senha do e-mail expirou e não consigo criar uma nova, diz que precisa de 10 caracteres",
        "Rooms:\n- Kitchen: 2108\n- Office: 2110",
        "the gate post was painted, 4 digits on the sign are 2 9 0 3",
        "Subject: logins\n\nPlease reset mine, ticket 44812, thanks",
        "It's 10:30 already, did the lockbox arrive?",
        "I typed in Windows11 and got the login screen again",
    ],
)
def test_look_alikes_beside_what_unseen14_missed_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            'wifi: SSID "Clinic-Staff" password is Tooth_Fairy_2022 and the guest one is '
            "Clinic-Guest with floss1234",
            ["Tooth_Fairy_2022", "floss1234"],
        ),
        ("New PIN for the bank card reader:\n5839\n\nThey made me change it", ["5839"]),
        ("gate code for deliveries changed, it's now *2291 then the bell.", ["*2291"]),
        (
            "Printed the backup codes for the admin account, here they are in case the paper "
            "gets lost:\n8461 2937\n5502 7781\n3319 0486",
            ["8461 2937", "5502 7781", "3319 0486"],
        ),
        (
            "Mum's new iCloud password (she insisted on something she can remember): \"blue teapot "
            'garden sunday 4" — with the spaces.',
            ["blue teapot garden sunday 4"],
        ),
        (
            "the booking system password got changed by the girls to hairflip2024 all lowercase",
            ["hairflip2024"],
        ),
        (
            "I made the new wifi password a sentence: correct-pony-battery-river. Is that strong?",
            ["correct-pony-battery-river"],
        ),
        ('She changed the Mac login to "Pa$$word" (I know, I know).', ["Pa$$word"]),
        (
            "Splashtop on the tablet, the security code I set is Surgery2!Remote. Thanks",
            ["Surgery2!Remote"],
        ),
        ("the pw for the guest account is literally guest123 — is that a problem?", ["guest123"]),
        (
            "the recovery code for our 1Password account is\nA3-KX7P2M-9QRT4W-ZB8NL-C6YHV-3DF5G\n",
            ["A3-KX7P2M-9QRT4W-ZB8NL-C6YHV-3DF5G"],
        ),
    ],
)
def test_what_unseen15_missed_is_found(text: str, secrets: list[str]) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        'The API returns {"error":"invalid_token","error_description":"The access token expired"}',
        'Error: 403 - {"message":"Bad credentials","documentation_url":"https://docs.example"}',
        "the wifi works with Windows11 laptops only",
        "I changed the login to the new portal yesterday",
        "see foo-bar-baz.example.com for the login",
    ],
)
def test_look_alikes_beside_what_unseen15_missed_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "all the passwords for the new iPads:\niPad 1 (reception) - 284615\n"
            "iPad 2 (treatment room) - 739102",
            ["284615", "739102"],
        ),
        (
            "Jimmy's login for the POS is jimmy / 2468 and mine is owner / 13579bar",
            ["2468", "13579bar"],
        ),
        ("Alarm panel in hallway, disarm with 2006 then press OFF.", ["2006"]),
        (
            "the recovery words for his Ledger, can you help? tiger anchor olive maple frost "
            "unveil dinner rocket absorb pencil humble gravity",
            ["tiger anchor olive maple frost unveil dinner rocket absorb pencil humble gravity"],
        ),
    ],
)
def test_what_unseen16_missed_is_found(text: str, secrets: list[str]) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        "the alarm went off with 2006 written on the panel log",
        "Rooms for the passwords training:\n- Room 1 - 2108",
        "our docs / Release2026 folder has the login guide",
    ],
)
def test_look_alikes_beside_what_unseen16_missed_stay(text: str) -> None:
    assert scan(text) == []
