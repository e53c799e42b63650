"""What the blind splits unseen62 to unseen69 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # backup codes below a plural French label, or a Nordic one with its article
        (
            "voici les codes de secours qu'il m'a donnés, à garder chez vous :\n\n"
            "4821 7390\n1067 5523\n",
            ["4821 7390", "1067 5523"],
        ),
        ("les codes de récupération :\n5120 8841\n3390 1276\n", ["5120 8841", "3390 1276"]),
        (
            "jag sparade backupkoderna för Google-kontot:\n8471 2039\n5562 9184\n",
            ["8471 2039", "5562 9184"],
        ),
        ("her er backupkoderne til Gmail:\n2291 7730\n8812 0046\n", ["2291 7730", "8812 0046"]),
        (
            "Google ga meg disse reservekodene:\n\n4829 1037\n5561 8420\n",
            ["4829 1037", "5561 8420"],
        ),
        # a Japanese label before its particle, a verb of change, or the new value
        (
            "教会のルーターのパスワードは admin ではなく、Tr1nity-0815 に変えました。",
            ["Tr1nity-0815"],
        ),
        ("職員室のWi-Fi\nSSID: Shokuin-Net\n暗号化キー: 8kT4-mW2p-Zq9r\n", ["8kT4-mW2p-Zq9r"]),
        ("正門の電子錠の暗証番号が変わりました: 4-6-0-3\nよろしく", ["4-6-0-3"]),
        ("ノートパソコンの起動時のPINを 2580 から 941736 に変えました。", ["2580", "941736"]),
        ("タブレットのパスコードは 0314 に変えておきました。", ["0314"]),
        # a code word ending a compound that names who keys it in or what it opens
        ("Kortterminal servicekode: 9931", ["9931"]),
        (
            "Alarmanlage Büro: Code zum Scharfschalten 6172, Notfall-/Bedrohungscode 6173.",
            ["6172", "6173"],
        ),
        ("Nøkkelboks ved døra, masterkoden er 4471", ["4471"]),
        ("Priit, paadikuuri lukukood on 5093, ja valve kood 2704.", ["5093", "2704"]),
        ("häirekood 2704", ["2704"]),
        # a code lock with its article, and a code changed to what looks like a year
        (
            "kodlåset till tvättstugan på campingen är bytt till 1957 och servicehuset till 8420.",
            ["1957", "8420"],
        ),
        ("kodlåset: 4957", ["4957"]),
        ("de deurcode is gewijzigd naar 1984", ["1984"]),
        # a code with a hash inside, after "to"
        (
            "the manager changed the car park gate code to 85#21 and the fob PIN is 0614",
            ["85#21", "0614"],
        ),
        # another code to try after the first
        (
            "PIN for the printer: 4096. If it does not work, try 9640, that was the old one.",
            ["4096", "9640"],
        ),
        (
            "PIN k tiskárně: 4096. Kdyby nefungoval, zkuste 9640, to byl ten starý.",
            ["4096", "9640"],
        ),
        # a seed phrase in quotes, or in a text about a wallet in Turkish
        (
            "his late father's hardware wallet and a card with these words on it, we typed them "
            'up: "velvet gospel rapid mandate oyster furnace tilt bronze season adapt lottery '
            'pilot". Where should this live?',
            ["velvet gospel rapid mandate oyster furnace tilt bronze season adapt lottery pilot"],
        ),
        (
            "kulübün bağış cüzdanının kurtarma kelimeleri: ribbon eagle plastic mercy dolphin "
            "sauce trophy island glimpse cabin noble vivid\nkasada da kağıdı var.",
            ["ribbon eagle plastic mercy dolphin sauce trophy island glimpse cabin noble vivid"],
        ),
        # a passphrase after a colon: "like you recommended", a chosen phrase, in quotes
        (
            "I changed the password for the mailbox to a phrase like you recommended: purple "
            "tractor sings loudly\n(all lowercase)",
            ["purple tractor sings loudly"],
        ),
        (
            "a laptop új jelmondata: zöld teknős olvas reggel – kisbetűvel",
            ["zöld teknős olvas reggel"],
        ),
        (
            "Pour le coffre-fort Bitwarden, j'ai choisi une phrase comme tu m'as conseillé : "
            "cheval grenier pluie abricot. Tout en minuscules.",
            ["cheval grenier pluie abricot"],
        ),
        (
            "pour le coffre KeePass j'ai choisi une phrase : « le chat de Maître Duval dort sur le "
            "fax » (sans guillemets).",
            ["le chat de Maître Duval dort sur le fax"],
        ),
        # codes in rows below a plural label with a long clause, or the Italian plural
        (
            "per apparaat de pincodes van de nieuwe telefoons voor de ploegleiders:\n"
            "samsung van Fatima 1983\nsamsung van Piotr 7402\niphone van Jeroen 250411\n",
            ["1983", "7402", "250411"],
        ),
        (
            "ecco le password dei tablet in sala:\ntablet 1 - 4417\ntablet 2 - 8853\n"
            "tablet 3 (quello rotto) - 1212\n",
            ["4417", "8853", "1212"],
        ),
        # a place named "…bank" is no bank
        ("Gate at the Meadowbank plot: padlock combo 6-2-9-1. Portaloo is unlocked.", ["6-2-9-1"]),
        # labels typed without their accents
        ("jelszo: kiskutya123 (kisbetűvel)", ["kiskutya123"]),
        ("wifi sifresi: Kedi2024!", ["Kedi2024!"]),
        # "log in with … and …" in Norwegian and Danish
        ("logg inn med ole.vet og Kalv1ng-sesong", ["Kalv1ng-sesong"]),
        ("log ind med kasse1 og Hund#2024", ["Hund#2024"]),
    ],
)
def test_what_unseen62_to_69_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "les codes de secours sont imprimés et rangés dans le coffre.",
        "パスワードは8文字以上にしてください。2024年から変更します。",
        "パスワードのルールが変わりました: 12文字以上",
        "パスワードの変更は Settings から行ってください",
        "Fehlercode 1603 beim Installieren",
        "vi har bytt till 2024 års modell av kodlåset",
        "we picked a sentence from the contract: the tenant shall pay rent monthly\n",
        "for the password manager I chose a phrase: any idea how long it should be?",
        "the password should look like: three words joined\n",
        "a jelmondatot elfelejtettem, segítesz?",
        "the passwords must be at least twelve characters:\nnumbers 2024 and symbols\n",
        "le password devono essere lunghe almeno dodici caratteri:\nnumeri 2024 e simboli\n",
        "Der Barcode 4006381 ist falsch",
        "der Farbcode ist 9005",
        "Ländercode 0049 vorwählen",
        "the bank code is 20041",
        "jeg kan ikke logg inn med iPad og PC",
        # products named like passwords
        "wir möchten auf Passwort-Manager umstellen (KeePass oder 1Password?). Was empfehlen Sie?",
        "no more sharing the club email password on WhatsApp. Could you set up separate logins?",
        # a variable given its value above, and how to write a placeholder
        'mdp = os.environ["COMPTA_DB_PASSWORD"]\nconn = connect(user="compta", password=mdp)\n',
        "Kérlek a jelszó helyére ne a valódit írd a dokumentációba, hanem így: JELSZO=xxxxxx",
    ],
)
def test_what_unseen62_to_69_hold_stays(text: str) -> None:
    assert scan(text) == []
