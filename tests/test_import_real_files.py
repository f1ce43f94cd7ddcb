"""Imports of files as people's own exports really are (issue 10).

The fixtures are our own, written by tests/fixtures/make_quirks.py, each modelled on a
quirk of real exports: LinkedIn's hidden members, 2018 layout, Excel re-saves and lost
headers; Google's old layout; Outlook's 92 columns in Windows-1251; Thunderbird; vCard
2.1 with quoted-printable; UTF-16; files cut short.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import db_bytes

FIX = Path(__file__).parent / "fixtures"
TODAY = "2026-11-22"


def row(db: Path, name: str) -> dict:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    found = conn.execute("SELECT * FROM person WHERE name = ?", (name,)).fetchall()
    if len(found) != 1:
        return {"count": len(found)}
    person = dict(found[0])
    # every e-mail, phone and web address, one "kind value" line each, primary first
    person["points"] = "\n".join(
        f"{kind} {value}"
        for kind, value in conn.execute(
            "SELECT kind, value FROM contact_point WHERE person_id = ? "
            "ORDER BY kind, is_primary DESC, id",
            (person["id"],),
        )
    )
    return person


def names(db: Path) -> list[str]:
    return sorted(n for (n,) in sqlite3.connect(db).execute("SELECT name FROM person"))


# LinkedIn


def test_hidden_members_and_the_2018_layout(cli, isolated_db):
    run = cli("import", "linkedin", str(FIX / "linkedin_2018.csv"), "--json", today=TODAY)
    assert run.exit_code == 0, run
    data = run.json()
    assert (data["created"], data["hidden"], data["skipped"]) == (3, 2, [])
    assert "2 hidden members skipped" in run.stderr
    assert names(isolated_db) == ["Gaëtan Roussel", "Ruth Okoye", "Sam Lee"]
    gaetan = row(isolated_db, "Gaëtan Roussel")
    assert gaetan["email"] is None  # urn:li:member:… is not an address
    assert gaetan["connected_on"] == "2018-01-08"  # 1/8/18, 6:14 PM
    assert row(isolated_db, "Ruth Okoye")["email"] == "ruth@okoye.example"
    assert data["warnings"] == []  # a member id is dropped without a warning


def test_names_are_kept_as_written_and_only_the_name_is_the_family_name(cli, isolated_db):
    run = cli("import", "linkedin", str(FIX / "linkedin_names.csv"), today=TODAY)
    assert run.exit_code == 0, run
    assert "4 created, 0 updated, 0 unchanged, 2 skipped" in run.stderr
    assert names(isolated_db) == [
        "Alex Rivera (they/them)",
        "Jane Smith, PhD",
        "Mark Chu CPA",
        "Nia 🌍 Brown 🚀",
    ]
    card = cli("export", "vcard", today=TODAY).stdout.replace("\n", "\r\n")
    assert "FN:Jane Smith\\, PhD\r\nN:Smith;Jane;;;PhD\r\n" in card
    assert "N:Chu;Mark;;;CPA\r\n" in card
    assert "N:Rivera;Alex;;;\r\n" in card
    assert "FN:Nia 🌍 Brown 🚀\r\nN:Brown;Nia;;;\r\n" in card


def test_excel_resave_semicolons_and_windows_1252(cli, isolated_db):
    run = cli("import", "linkedin", str(FIX / "linkedin_excel.csv"), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert run.json()["encoding"] == "Windows-1252"
    assert "';'-separated" in run.json()["layout"]
    assert names(isolated_db) == ["Françoise Müller", "José Núñez", "Søren Ærø"]
    assert row(isolated_db, "Françoise Müller")["connected_on"] == "2024-03-12"  # 12.03.2024
    assert row(isolated_db, "Søren Ærø")["connected_on"] == "2019-12-25"  # 25/12/2019
    assert row(isolated_db, "José Núñez")["title"] == "“Head” of R&D — €"


def test_a_file_without_its_header_is_read_by_content(cli, isolated_db):
    run = cli("import", "linkedin", str(FIX / "linkedin_no_header.csv"), today=TODAY)
    assert run.exit_code == 0, run
    assert "columns recognised by content" in run.stderr
    assert names(isolated_db) == ["Ada Okafor", "Ben Tal"]
    assert row(isolated_db, "Ben Tal")["email"] == "ben@tal.example"


def test_rows_without_a_name_are_skipped_with_line_and_reason(cli, isolated_db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/annlee,,,,01 Jan 2024\n"
        ",,https://www.linkedin.com/in/nobody,,Acme,,02 Jan 2024\n"
        'Bo,Chen,https://www.linkedin.com/in/bochen,bo chen@x.example,"Acme\tInc",,bad date\n'
    )
    run = cli("import", "linkedin", str(path), "--json", today=TODAY)
    assert run.exit_code == 0, run
    data = run.json()
    assert data["skipped"] == [{"where": "line 3", "reason": "no first or last name"}]
    causes = {(w["action"], w["cause"]): w["fields"] for w in data["warnings"]}
    assert causes[("dropped", "not an e-mail address")] == ["line 4: e-mail"]
    assert causes[("dropped", "not a date")] == ["line 4: connected on"]
    assert ("cleaned", "control characters (tabs, line breaks) removed") in causes
    assert row(isolated_db, "Bo Chen")["company"] == "Acme Inc"


# cut short


def _cut(source: Path, tmp_path: Path, marker: bytes) -> Path:
    data = source.read_bytes()
    path = tmp_path / ("cut" + source.suffix)
    path.write_bytes(data[: data.index(marker) + len(marker)])
    return path


@pytest.mark.parametrize(
    ("source", "marker", "fmt"),
    [
        ("linkedin_connections.csv", b'Stripe,"Senior Engineer ""Pay', "linkedin"),  # in quotes
        ("linkedin_connections.csv", b"tobrien,,,", "linkedin"),  # a short last row
        ("google_contacts.csv", b"Met at Stanford, same dorm.", "google"),  # multi-line note
        ("vcard21.vcf", b"/9j/4AAQSkZJRgABAQAAAQABAAD", "vcard"),  # inside a PHOTO
    ],
)
def test_a_file_cut_short_is_reported_and_imports_nothing(
    cli, isolated_db, tmp_path, source, marker, fmt
):
    path = _cut(FIX / source, tmp_path, marker)
    before = db_bytes(isolated_db)
    run = cli("import", fmt, str(path), "--json", today=TODAY)
    assert run.exit_code == 1, run
    assert "looks cut short" in run.stderr and "--skip-bad" in run.stderr
    assert run.json()["refused"] is True and run.json()["truncated"]
    assert db_bytes(isolated_db) == before
    ok = cli("import", fmt, str(path), "--skip-bad", "--json", today=TODAY)
    assert ok.exit_code == 0, ok
    assert ok.json()["truncated"] and ok.json()["skipped"]


# Google, Outlook, Thunderbird


def test_google_old_layout_and_identity_within_the_file(cli, isolated_db):
    run = cli("import", "google", str(FIX / "google_old.csv"), "--json", today=TODAY)
    assert run.exit_code == 0, run
    data = run.json()
    assert data["layout"] == "Google (old layout)"
    assert (data["created"], data["repeated"]) == (3, 1)
    assert data["ignored_columns"] == ["Custom Field 1 - Value"]
    assert "Columns not imported (no field takes them): Custom Field 1 - Value." in run.stderr
    # two Marios at two shops stay two people
    assert row(isolated_db, "Mario Rossi") == {"count": 2}
    omar = row(isolated_db, "Omar Haddad")
    assert omar["email"] == "omar@home.example" and omar["labels"] == "Climbing"
    assert omar["company"] == "Haddad Conseil" and omar["title"] == "Founder"
    # listed twice with the same e-mail: one person with every phone and e-mail
    for point in ("omar@work.example", "+33 4 72 00 00 00", "+33 1 00 00 00 01"):
        assert point in omar["points"] and point not in omar["notes"]
    assert omar["phone"] == "+33 6 12 34 56 78"


def test_outlook_own_export_in_windows_1251(cli, isolated_db):
    run = cli("import", "outlook", str(FIX / "outlook_cp1251.csv"), "--json", today=TODAY)
    assert run.exit_code == 0, run
    data = run.json()
    assert (data["layout"], data["encoding"], data["created"]) == ("Outlook", "Windows-1251", 2)
    assert data["ignored_columns"] == ["Spouse"]
    assert data["warnings"] == []
    ivan = row(isolated_db, "Иван Петров")
    assert ivan["company"] == "ООО Ромашка" and ivan["title"] == "Директор"
    assert ivan["email"] == "ivan@romashka.example" and ivan["phone"] == "+7 495 123-45-67"
    assert "ivan.petrov@mail.example" in ivan["points"] and "+7 916 000-00-01" in ivan["points"]
    assert ivan["notes"].startswith("Познакомились в Казани.\nЛюбит шахматы.")
    assert (ivan["birth_year"], ivan["birth_month"], ivan["birth_day"]) == (1985, 4, 3)
    assert ivan["location"] == "Москва" and ivan["labels"] == "Работа, Шахматы"
    olga = row(isolated_db, "Ольга Смирнова")
    assert olga["url"] == "https://smirnova.example" and olga["birth_month"] is None


@pytest.mark.parametrize("fmt", ["csv", "google", "outlook", "thunderbird"])
def test_thunderbird_under_every_csv_name(cli, isolated_db, fmt):
    run = cli("import", fmt, str(FIX / "thunderbird.csv"), today=TODAY)
    assert run.exit_code == 0, run
    lena = row(isolated_db, "Lena Vogel")
    assert (lena["birth_year"], lena["birth_month"], lena["birth_day"]) == (1990, 3, 14)
    assert lena["email"] == "lena@vogel.example" and "lena.v@mail.example" in lena["points"]
    assert lena["company"] == "Vogel Studio" and lena["title"] == "Designer"


def test_our_own_csv_export_is_not_a_google_file(cli, isolated_db, tmp_path):
    cli("add", "Ann Lee", "--email", "ann@lee.example", today=TODAY)
    out = tmp_path / "network.csv"
    cli("export", "csv", "-o", str(out), today=TODAY)
    run = cli("import", "google", str(out), today=TODAY)
    assert run.exit_code == 1
    assert "it looks like network's own CSV export" in run.stderr
    again = cli("import", "csv", str(out), "--json", today=TODAY)
    assert again.exit_code == 0, again
    assert again.json()["unchanged"] == 1


# vCard


def test_vcard_21_quoted_printable_escapes_and_birthdays(cli, isolated_db):
    run = cli("import", "vcard", str(FIX / "vcard21.vcf"), "--json", today=TODAY)
    assert run.exit_code == 0, run
    data = run.json()
    assert (data["created"], data["layout"]) == (4, "vCard 2.1, 3.0")
    ayse = row(isolated_db, "Ayşe Öztürk")
    assert ayse["company"] == "Anadolu Çay, A.Ş."
    assert ayse["notes"].startswith(
        "Tanıştık: İstanbul, 2019.\nKedisi var; adı Pamuk.\nÜçüncü satır."
    )
    assert ayse["phone"] == "+90 532 000 00 00" and "+90 212 000 00 00" in ayse["points"]
    assert (ayse["birth_year"], ayse["birth_month"], ayse["birth_day"]) == (None, 4, 15)
    urs = row(isolated_db, "Urs Meier")
    assert urs["url"] == "http://www.meier.example"  # http\://
    assert (urs["birth_year"], urs["birth_month"], urs["birth_day"]) == (None, 6, 1)
    assert urs["labels"] == "Ski Bergsport, Zürich"
    causes = {(w["cause"], tuple(w["fields"])) for w in data["warnings"]}
    assert ("not a date", ("card 3 (line 27): birthday",)) in causes  # circa 1800
    assert ("not a real date", ("card 4 (line 33): birthday",)) in causes  # 1985-02-30
    assert ("not an e-mail address", ("card 3 (line 27): e-mail",)) in causes
    assert row(isolated_db, "Old Timer")["birth_month"] is None


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_vcards_with_and_without_a_byte_order_mark(cli, isolated_db, tmp_path, codec):
    path = tmp_path / "u.vcf"
    path.write_bytes((FIX / "vcard21.vcf").read_text(encoding="utf-8").encode(codec))
    run = cli("import", str(path), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert run.json()["encoding"] == "UTF-16" and run.json()["format"] == "vcard"
    assert row(isolated_db, "Ayşe Öztürk")["company"] == "Anadolu Çay, A.Ş."


def test_our_own_vcard_export_reimports_unchanged_and_reads_back_elsewhere(cli, tmp_path):
    import vcard as validator  # an independent vCard 3.0 checker

    for name in ("vcard21.vcf", "contacts.vcf"):
        cli("import", "vcard", str(FIX / name), today=TODAY)
    cli("import", "google", str(FIX / "google_old.csv"), today=TODAY)
    cli("edit", "Urs Meier", "--company", "Meier; Söhne, AG", "--note", "a\\b, c; d", today=TODAY)
    out = tmp_path / "out.vcf"
    for private in ([], ["--include-private"]):
        assert cli("export", "vcard", "-o", str(out), *private, today=TODAY).exit_code == 0
        again = cli("import", "vcard", str(out), "--json", today=TODAY).json()
        everyone = len(cli("people", "--json", "--all").rows())
        assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, everyone)
    text = out.read_text(encoding="utf-8")
    assert "ORG:Meier\\; Söhne\\, AG" in text and "NOTE:a\\\\b\\, c\\; d" in text
    for card in text.split("END:VCARD\r\n")[:-1]:
        validator.validate_vcard((card + "END:VCARD\r\n").splitlines(keepends=True))


# encoding, sniffing, refusals


def test_one_bad_byte_does_not_turn_utf8_into_mojibake(cli, isolated_db, tmp_path):
    text = (FIX / "linkedin_connections.csv").read_bytes().replace(b"Mei,Lin", b"Mei\xff,Lin")
    path = tmp_path / "c.csv"
    path.write_bytes(text)
    run = cli("import", "linkedin", str(path), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert run.json()["encoding"] == "UTF-8 (1 invalid byte replaced)"
    assert "José Álvarez" in names(isolated_db)


@pytest.mark.parametrize(
    ("name", "fmt", "label"),
    [
        ("linkedin_2018.csv", "linkedin", "LinkedIn Connections.csv"),
        ("linkedin_no_header.csv", "linkedin", "LinkedIn Connections.csv"),
        ("google_old.csv", "google", "Google Contacts CSV"),
        ("outlook_cp1251.csv", "outlook", "Outlook CSV"),
        ("vcard21.vcf", "vcard", "vCard file"),
    ],
)
def test_import_without_a_format_says_what_it_chose(cli, isolated_db, name, fmt, label):
    run = cli("import", str(FIX / name), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert run.json()["format"] == fmt and run.json()["sniffed"] is True
    assert f"looks like a {label}" in run.stderr or f"looks like an {label}" in run.stderr


@pytest.mark.parametrize(
    ("fmt", "fixture", "hint"),
    [
        ("linkedin", "google_old.csv", "network import google"),
        ("google", "linkedin_connections.csv", "network import linkedin"),
        ("outlook", "vcard21.vcf", "network import vcard"),
        ("csv", "contacts.vcf", "network import vcard"),
        ("vcard", "linkedin_2018.csv", "network import linkedin"),
        ("json", "outlook_cp1251.csv", "network import outlook"),
    ],
)
def test_every_format_says_what_a_wrong_file_looks_like(cli, isolated_db, fmt, fixture, hint):
    run = cli("import", fmt, str(FIX / fixture), "--json", today=TODAY)
    assert run.exit_code == 1
    assert "it looks like a" in run.stderr and hint in run.stderr
    refused = run.json()
    assert refused["refused"] is True and refused["created"] == 0
    assert refused["error"].startswith(str(FIX / fixture)) and hint in refused["hint"]


def test_a_file_no_reader_recognises(cli, isolated_db, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some words\n")
    run = cli("import", str(path), "--json", today=TODAY)
    assert run.exit_code == 1
    assert (
        "cannot tell what kind of file" in run.stderr and "network import linkedin|" in run.stderr
    )
    assert run.json()["refused"] is True


def test_the_imports_quick_fold_agrees_with_the_one_fold():
    from hypothesis import given
    from hypothesis import strategies as st

    from network.common.text import fold as one_fold
    from network.domain.contacts import fold

    @given(st.text(alphabet=st.characters(max_codepoint=127)))
    def same(text):
        assert fold(text) == one_fold(text)

    same()
    assert fold("José  Álvarez") == one_fold("José  Álvarez") == "jose alvarez"


def test_a_huge_note_is_trimmed_not_a_broken_file(cli, isolated_db, tmp_path):
    path = tmp_path / "g.csv"
    note = "word " * 40_000  # 200,000 characters: over the csv module's own field limit
    path.write_text(f'First Name,Last Name,Notes\nAnn,Lee,"{note}"\nBo,Chen,short\n')
    run = cli("import", "google", str(path), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert run.json()["created"] == 2
    assert run.json()["warnings"][0]["cause"] == "longer than 5,000 characters"
    assert len(row(isolated_db, "Ann Lee")["notes"]) <= 5000


def test_old_headerless_rows_and_rows_excel_wrapped_in_quotes(cli, isolated_db, tmp_path):
    # no header, no URL column (older exports), and rows a re-save wrapped whole in quotes
    path = tmp_path / "Connections.csv"
    path.write_text(
        "Ida,Berg,,Nordbank,Analyst,11 Jun 2021\n"
        '"Ola,Strand,,Fjord AS, ""Sales, Nordics"",07 May 2021"\n'
        '"Per,""Dahl, MBA"",,Kraft,Recruiter,23 Oct 2018"\n'
        "Kari,Lund (文竹),,,,28 Mar 2019\n"
    )
    run = cli("import", str(path), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert (run.json()["format"], run.json()["created"]) == ("linkedin", 4)
    assert row(isolated_db, "Ola Strand")["title"] == "Sales, Nordics"
    assert row(isolated_db, "Per Dahl, MBA")["connected_on"] == "2018-10-23"
    assert row(isolated_db, "Kari Lund (文竹)")["connected_on"] == "2019-03-28"


def test_android_and_nokia_vcard_21_quirks(cli, isolated_db, tmp_path):
    path = tmp_path / "phone.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D7=A7=D7=99=D7=A8=20=D7=96=\r\n=D7=96\r\n"
        # Android's custom label: parameters vobject cannot read
        "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=D7=A0=D7=99):+972527000000\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Hamisi Juma\r\n"
        # a stray soft break right before END:VCARD
        "NOTE;ENCODING=QUOTED-PRINTABLE:Lipa kwa M-Pesa=\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        # a soft break whose next line starts with a real space; bare QUOTED-PRINTABLE
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=81lvaro=\r\n Prata\r\n"
        "NOTE;QUOTED-PRINTABLE:caf=C3=A9 =3D ok\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    run = cli("import", "vcard", str(path), today=TODAY)
    assert run.exit_code == 0, run
    assert names(isolated_db) == ["Hamisi Juma", "Álvaro Prata", "קיר זז"]
    assert row(isolated_db, "קיר זז")["phone"] == "+972527000000"
    assert row(isolated_db, "Hamisi Juma")["notes"] == "Lipa kwa M-Pesa"
    assert row(isolated_db, "Álvaro Prata")["notes"] == "café = ok"


def test_outlook_in_the_users_language(cli, isolated_db, tmp_path):
    run = cli("import", "outlook", str(FIX / "outlook_de.csv"), "--json", today=TODAY)
    assert run.exit_code == 0, run
    data = run.json()
    assert (data["encoding"], data["created"], data["warnings"]) == ("Windows-1252", 2, [])
    # what no field takes is named, never dropped silently; types and display names are not
    assert data["ignored_columns"] == ["Abteilung", "Straße geschäftlich", "Ehepartner"]
    jurgen = row(isolated_db, "Jürgen Weiß")
    assert (jurgen["company"], jurgen["title"]) == ("Bäckerei Weiß GmbH", "Geschäftsführer")
    assert (jurgen["email"], jurgen["phone"]) == ("juergen@weiss.example", "+49 89 1234")
    assert "j.weiss@mail.example" in jurgen["points"] and "+49 170 5555" in jurgen["points"]
    assert (jurgen["birth_year"], jurgen["birth_month"], jurgen["birth_day"]) == (1985, 4, 3)
    assert jurgen["location"] == "München" and jurgen["labels"] == "Kunden, Lieferanten"
    assert jurgen["url"] == "https://weiss.example"
    russian = tmp_path / "ru.csv"
    russian.write_bytes(
        (
            "Обращение,Имя,Отчество,Фамилия,Организация,Должность,Рабочий телефон,"
            "Мобильный телефон,Адрес эл. почты,Тип эл. почты,Краткое имя эл. почты,"
            "День рождения,Заметки\r\n"
            "Г-н,Пётр,Ильич,Соколов,ООО Север,Инженер,+7 495 000-00-02,+7 916 000-00-03,"
            "petr@sever.example,SMTP,Пётр Соколов,12.06.1979,Любит рыбалку\r\n"
        ).encode("cp1251")
    )
    run = cli("import", str(russian), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert (run.json()["encoding"], run.json()["warnings"]) == ("Windows-1251", [])
    petr = row(isolated_db, "Пётр Ильич Соколов")
    assert (petr["company"], petr["title"], petr["email"]) == (
        "ООО Север",
        "Инженер",
        "petr@sever.example",
    )
    assert (petr["birth_month"], petr["birth_day"]) == (6, 12) and petr["notes"].startswith(
        "Любит рыбалку"
    )


def test_an_org_with_an_unescaped_comma_and_a_folded_charset_line(cli, isolated_db, tmp_path):
    path = tmp_path / "dir.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN;CHARSET=utf-8:Орлова Анна;;;;\r\n"
        "FN;CHARSET=utf-8:Орлова Анна\r\n"
        "ORG;CHARSET=utf-8:Отдел анализа, сводной и статис\r\n тической работы\r\n"
        "EMAIL;INTERNET:orlova@example.org\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    run = cli("import", "vcard", str(path), today=TODAY)
    assert run.exit_code == 0, run
    assert row(isolated_db, "Орлова Анна")["company"] == (
        "Отдел анализа, сводной и статистической работы"
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["import", "myspace", "x.csv"], 'cannot import "myspace"'),
        (["import", "linkedin", "nope.csv"], "there is no file"),
        (["import", "linkedin", "nope.csv", "--tie", "bff"], "is not a tie strength"),
    ],
)
def test_json_says_why_an_import_was_refused(cli, isolated_db, args, error):
    run = cli(*args, "--json", today=TODAY)
    assert run.exit_code == 1
    assert error in run.stderr and error in run.json()["error"]
    assert run.json()["refused"] is True and run.json()["created"] == 0
