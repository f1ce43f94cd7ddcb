"""Several e-mails and phones in files modelled on real exports (issue 10): Google's CSV
(both layouts, several values of one type joined with " ::: "), Outlook's CSV (three
e-mail columns, its many phone columns, Windows-1252) and Apple's vCard (several EMAIL
and TEL lines, `item1.` groups with X-ABLabel). Every address lands as a contact point
with its label, compared with what an independent parser (csv, vobject) finds in the
file; the exports carry them all and read back with independent readers."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

FIX = Path(__file__).parent / "fixtures"
TODAY = "2026-11-22"
FILES = [
    "points_google.csv",
    "points_google_old.csv",
    "points_outlook.csv",
    "points_outlook_display.csv",
    "points_apple.vcf",
    "points_vcard21_40.vcf",
]


def stored(db: Path) -> dict[str, dict[str, list[tuple[str, str | None]]]]:
    """{name: {kind: [(value, label), …]}} from the database, primary first."""
    out: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
    conn = sqlite3.connect(db)
    try:
        for name, kind, value, label in conn.execute(
            "SELECT p.name, c.kind, c.value, c.label FROM contact_point c "
            "JOIN person p ON p.id = c.person_id ORDER BY p.id, c.kind, c.is_primary DESC, c.id"
        ):
            out.setdefault(name, {}).setdefault(kind, []).append((value, label))
    finally:
        conn.close()
    return out


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def in_file(name: str) -> dict[str, tuple[set[str], set[str]]]:
    """{person: (e-mails lower-cased, phone digits)} as csv or vobject reads the file."""
    path = FIX / name
    found: dict[str, tuple[set[str], set[str]]] = {}
    if name.endswith(".vcf"):
        import vobject

        for card in vobject.readComponents(path.read_text(encoding="utf-8")):
            emails = {e.value.lower() for e in card.contents.get("email", [])}
            phones = {_digits(t.value) for t in card.contents.get("tel", [])}
            found[card.fn.value] = (emails, phones)
        return found
    raw = path.read_bytes()
    text = raw.decode("utf-8") if name != "points_outlook.csv" else raw.decode("cp1252")
    for row in csv.DictReader(io.StringIO(text)):
        first = row.get("First Name") or row.get("Given Name")
        last = row.get("Last Name") or row.get("Family Name")
        values: dict[str, set[str]] = {"mail": set(), "phone": set()}
        for column, cell in row.items():
            if not cell or column.endswith(("Type", "Label", "Display Name")):
                continue
            kind = "mail" if "E-mail" in column else "phone" if "Phone" in column else None
            if kind is None and ("Fax" in column or column == "Pager"):
                kind = "phone"
            for part in cell.split(" ::: "):
                if kind == "mail":
                    values["mail"].add(part.strip().lower())
                elif kind == "phone":
                    values["phone"].add(_digits(part))
        found[f"{first} {last}"] = (values["mail"], values["phone"])
    return found


@pytest.mark.parametrize("name", FILES)
def test_every_email_and_phone_lands_as_a_point(cli, isolated_db: Path, name: str) -> None:
    run = cli("import", str(FIX / name), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert not run.json()["skipped"]
    have = stored(isolated_db)
    expected = in_file(name)
    assert set(have) == set(expected)
    for person, (emails, phones) in expected.items():
        points = have[person]
        assert {v.lower() for v, _ in points.get("email", [])} == emails, person
        assert {_digits(v) for v, _ in points.get("phone", [])} == phones, person


def test_labels_come_with_the_points(cli, isolated_db: Path) -> None:
    for name in FILES:
        assert cli("import", str(FIX / name), today=TODAY).exit_code == 0
    have = stored(isolated_db)
    # Google: "* Work" is the work label; several values in one cell share its label
    assert have["Gaëtan Moreau"]["email"] == [
        ("gaetan@acme.example", "work"),
        ("g.moreau@acme.example", "work"),
        ("gaetan@home.example", "home"),
    ]
    assert have["Gaëtan Moreau"]["phone"][:2] == [
        ("+33 6 12 34 56 78", "mobile"),
        ("+33 6 98 76 54 32", "mobile"),
    ]
    assert ("+55 11 3456 7891", "work") in have["Maria Silva"]["phone"]
    # Outlook: the column names the label
    jorg = dict(have["Jörg Müller"]["phone"])
    assert (jorg["+49 170 3333333"], jorg["+49 30 4444445"], jorg["+49 30 5555555"]) == (
        "mobile",
        "business",
        "business fax",
    )
    # Apple: X-ABLabel names a grouped property, its own labels unwrapped
    assert have["Johnny Appleseed"]["email"] == [
        ("johnny@apple.example", "work"),
        ("johnny@home.example", "home"),
        ("jappleseed@icloud.example", "other"),
        ("johnny@school.example", "school"),
    ]
    assert ("(408) 555-0102", "main") in have["Johnny Appleseed"]["phone"]
    assert have["Johnny Appleseed"]["url"] == [("http://www.apple.example", "homepage")]
    # vCard 2.1's bare types (TEL;CELL;PREF), the preferred one primary wherever it stands
    assert have["Piotr Nowak"]["phone"] == [
        ("+48 600 000 000", "cell"),
        ("+48 22 111 11 11", "home"),
        ("+48 22 000 00 00", "work"),
    ]
    assert have["Piotr Nowak"]["email"][1] == ("piotr@praca.example", "work")
    # vCard 4.0: tel: URIs as numbers, PREF=1 primary
    assert have["Zoe Park"]["phone"] == [
        ("+1-555-555-0100", "cell"),
        ("+1-555-555-0101 ext. 12", "work"),
    ]
    assert have["Zoe Park"]["email"][0] == ("zoe@home.example", "home")
    assert ("+351 21 000 0001", "home fax") in have["Ana Costa"]["phone"]


def test_exports_carry_every_point_and_read_back(cli, isolated_db: Path, tmp_path: Path) -> None:
    import vcard as validator
    import vobject

    for name in FILES:
        assert cli("import", str(FIX / name), today=TODAY).exit_code == 0
    have = stored(isolated_db)

    def want(person: str, kind: str) -> list[str]:
        return [v for v, _ in have[person].get(kind, [])]

    out = {fmt: tmp_path / f"out.{fmt}" for fmt in ("vcard", "csv", "json")}
    for fmt, path in out.items():
        assert cli("export", fmt, "-o", str(path), today=TODAY).exit_code == 0

    text = out["vcard"].read_text(encoding="utf-8")
    for card in text.split("END:VCARD\r\n")[:-1]:
        validator.validate_vcard((card + "END:VCARD\r\n").splitlines(keepends=True))
    cards = {c.fn.value: c for c in vobject.readComponents(text)}
    assert set(cards) == set(have)
    for person, card in cards.items():
        assert [e.value for e in card.contents.get("email", [])] == want(person, "email")
        assert [t.value for t in card.contents.get("tel", [])] == want(person, "phone")
    school = cards["Johnny Appleseed"].contents["email"][3]
    assert school.params["TYPE"] == ["school"]

    rows = {r["name"]: r for r in csv.DictReader(out["csv"].open(encoding="utf-8", newline=""))}
    for person, row in rows.items():
        # further points in "email 2"…, their labels beside them in "email 2 label"…
        emails = [row["email"]] + [
            row[k] for k in row if k.startswith("email ") and not k.endswith(" label")
        ]
        # a value starting with + is written '+… so a spreadsheet does not take it for a formula
        phones = [row["phone"]] + [
            row[k] for k in row if k.startswith("phone ") and not k.endswith(" label")
        ]
        assert [e for e in emails if e] == want(person, "email")
        assert [p.removeprefix("'") for p in phones if p] == want(person, "phone")

    doc = json.loads(out["json"].read_text(encoding="utf-8"))
    assert len(doc["tables"]["contact_point"]) == sum(
        len(values) for kinds in have.values() for values in kinds.values()
    )

    # and each export re-imports into the same network as everyone unchanged
    for fmt in ("vcard", "csv"):
        again = cli("import", fmt, str(out[fmt]), "--json", today=TODAY)
        assert again.exit_code == 0, again
        assert (again.json()["created"], again.json()["updated"]) == (0, 0), fmt
