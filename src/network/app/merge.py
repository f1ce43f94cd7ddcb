"""Merging two records of one person, and finding likely duplicates.

A merge moves everything that points at OTHER to KEEP — found generically, as every
foreign key to person in models.py — then fills KEEP's empty fields from OTHER and
deletes OTHER. Nothing is lost: where both have a different value, OTHER's is written
into KEEP's notes; a strength or link both already have is merged into one row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from network.common.errors import BadInput
from network.common.text import fold
from network.domain import contacts as records

# Person columns a merge does not copy: identity, and values recomputed afterwards.
_OWN = ("id", "name", "name_key", "last_contact", "next_due", "balance", "search_key")
# Columns filled when KEEP has none, but not worth a line in the notes when they differ.
_INTERNAL = ("uid",)
_TIE_ORDER = ("roster", "casual", "close")
# How a column is named to people (in messages and notes); others lose their underscores.
_LABELS = {
    "email": "e-mail",
    "url": "web",
    "cadence_days": "keep-in-touch cadence",
    "connected_on": "connected on",
    "created_on": "added on",
    "via_id": "introduced by",
    "uid": "UID",
}


def _label(name: str) -> str:
    return _LABELS.get(name, name.replace("_", " "))


def _conflict(name: str, value: Any, names: dict[int, str]) -> str | None:
    """OTHER's differing value as a line for the notes, or None when not worth keeping."""
    if name in _INTERNAL or name.endswith("_key"):
        return None
    if name == "cadence_days":
        return f"keep in touch every {value} day{'s' if value != 1 else ''}"
    if name.endswith("_id"):  # another person: by name, never by internal id
        return f"{_label(name)} {names[value]}" if value in names else None
    return f"{_label(name)}: {value}"


@dataclass
class MergeReport:
    """What a merge moved and changed."""

    keep: str
    other: str
    moved: dict[str, int] = field(default_factory=dict)
    filled: list[str] = field(default_factory=list)
    kept_in_notes: list[str] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for --json."""
        return {
            "keep": self.keep,
            "other": self.other,
            "moved": self.moved,
            "filled": self.filled,
            "kept_in_notes": self.kept_in_notes,
            "result": self.result,
        }


def merged_fields(
    keep: dict[str, Any], other: dict[str, Any], names: dict[int, str] | None = None
) -> tuple[dict[str, Any], list[str], list[str]]:
    """(changes to KEEP, what was filled, conflicts noted) — pure, over every person column.

    `names` gives the names of the people OTHER's references (via_id) point at."""
    changes: dict[str, Any] = {}
    filled: list[str] = []
    conflicts: list[str] = []
    birth = ("birth_year", "birth_month", "birth_day")
    for name, value in other.items():
        if name in _OWN or name in birth or name == "notes" or value is None or value == "":
            continue
        if name.endswith("_id") and value in (keep["id"], other["id"]):
            continue  # KEEP must not point at itself, nor at OTHER (about to go)
        mine = keep.get(name)
        if name == "tie":
            if _TIE_ORDER.index(value) > _TIE_ORDER.index(mine):
                changes[name] = value
                filled.append(_label(name))
        elif name == "labels":
            joined = records.join_labels(records.split_labels(mine) + records.split_labels(value))
            if joined != mine:
                changes[name] = joined
                filled.append(_label(name))
        elif name in ("created_on", "connected_on"):
            if mine is None or value < mine:  # the earlier day is when you really met
                changes[name] = value
                filled.append(_label(name))
        elif name == "archived":
            continue  # KEEP's choice stands
        elif mine is None or mine == "":
            changes[name] = value
            filled.append(_label(name))
        elif mine == value or (isinstance(mine, str) and fold(mine) == fold(str(value))):
            continue
        elif (line := _conflict(name, value, names or {})) is not None:
            conflicts.append(line)
    if other.get("birth_month"):
        if not keep.get("birth_month"):
            changes.update({k: other[k] for k in birth})
            filled.append("birthday")
        elif (keep["birth_month"], keep["birth_day"]) != (other["birth_month"], other["birth_day"]):
            year = f"{other['birth_year']}-" if other.get("birth_year") else ""
            conflicts.append(f"birthday: {year}{other['birth_month']:02d}-{other['birth_day']:02d}")
        elif not keep.get("birth_year") and other.get("birth_year"):
            changes["birth_year"] = other["birth_year"]
            filled.append("birth year")
    if fold(other["name"]) != fold(keep["name"]):
        conflicts.append(f"also known as: {other['name']}")
    notes = [n for n in (keep.get("notes"), other.get("notes")) if n]
    if conflicts:
        notes.append(f"From the merge with {other['name']}: " + "; ".join(conflicts))
    if len(notes) > (1 if keep.get("notes") else 0):
        changes["notes"] = "\n".join(notes)[:5000]
        filled.append("notes")
    return changes, filled, conflicts


def merge(session: Any, keep_id: int, other_id: int) -> MergeReport:
    """Move OTHER's rows and fields to KEEP and delete OTHER (on the caller's transaction)."""
    from sqlalchemy import delete, select, update

    from network.store.schema import Person
    from network.store.snapshot import data_tables
    from network.store.writes import ledger

    if keep_id == other_id:
        raise BadInput("those are the same person", "name two different people")
    conn = session.connection()
    person = Person.__table__

    def load(person_id: int) -> dict[str, Any]:
        return dict(conn.execute(select(person).where(person.c.id == person_id)).mappings().one())

    report = MergeReport(keep=load(keep_id)["name"], other=load(other_id)["name"])
    for table in data_tables():
        refs = [c for c in table.columns if any(fk.column.table is person for fk in c.foreign_keys)]
        for column in refs:
            moved = _move(conn, table, column, keep_id, other_id)
            if moved:
                label = table.name if table.name != "person" else "introduced people"
                report.moved[label] = report.moved.get(label, 0) + moved
    keep, other = load(keep_id), load(other_id)  # as the moves left them
    refs = {v for k, v in other.items() if k.endswith("_id") and isinstance(v, int)}
    names = dict(
        conn.execute(select(person.c.id, person.c.name).where(person.c.id.in_(refs))).all()
    )
    changes, report.filled, report.kept_in_notes = merged_fields(keep, other, names)
    conn.execute(delete(person).where(person.c.id == other_id))
    if changes:
        conn.execute(update(person).where(person.c.id == keep_id).values(**changes))
    ledger.refresh_people(conn, [keep_id])
    session.expire_all()
    report.result = ledger.get(session, keep_id).model_dump()
    return report


def _move(conn: Any, table: Any, column: Any, keep_id: int, other_id: int) -> int:
    """Point one foreign-key column from OTHER to KEEP, merging rows a unique constraint joins."""
    from sqlalchemy import UniqueConstraint, delete, select, update

    rows = [dict(r._mapping) for r in conn.execute(select(table).where(column == other_id))]
    if not rows:
        return 0
    uniques = [
        [c.name for c in u.columns]
        for u in table.constraints
        if isinstance(u, UniqueConstraint) and column.name in [c.name for c in u.columns]
    ]
    is_link = table.name == "link" and column.name in ("a_id", "b_id")
    moved = 0
    for row in rows:
        new = dict(row, **{column.name: keep_id})
        if table.name == "person" and row["id"] == keep_id:
            conn.execute(update(table).where(table.c.id == keep_id).values({column.name: None}))
            continue  # KEEP was introduced by OTHER: that is themself now
        if is_link:
            if new["a_id"] == new["b_id"]:
                conn.execute(delete(table).where(table.c.id == row["id"]))
                continue  # they knew each other: one person now
            new["a_id"], new["b_id"] = sorted((new["a_id"], new["b_id"]))
        twin = None
        for names in uniques + ([["a_id", "b_id"]] if is_link else []):
            clause = [table.c[n] == new[n] for n in names]
            twin = (
                conn.execute(select(table).where(*clause, table.c.id != row["id"]))
                .mappings()
                .first()
            )
            if twin is not None:
                break
        if twin is not None:
            fill = {
                k: v for k, v in row.items() if k != "id" and v is not None and twin.get(k) is None
            }
            if fill:
                conn.execute(update(table).where(table.c.id == twin["id"]).values(**fill))
            conn.execute(delete(table).where(table.c.id == row["id"]))
        else:
            values = {k: new[k] for k in new if k != "id" and new[k] != row[k]}
            conn.execute(update(table).where(table.c.id == row["id"]).values(**values))
        moved += 1
    return moved


# --- duplicates -----------------------------------------------------------------------


def people_for_dupes(db: Any) -> list[dict[str, Any]]:
    """Everyone not archived, with the columns duplicates are judged by (one query)."""
    return db.rows(
        "SELECT id, name, email, url, uid, company, tie FROM person WHERE archived = 0 ORDER BY id"
    )


def likely_duplicates(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pairs that look like one person: same e-mail, profile URL, UID, name, or first+last name."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in people:
        keys = []
        if k := records.email_key(p.get("email")):
            keys.append(("same e-mail", k))
        if k := records.url_key(p.get("url")):
            keys.append(("same profile URL", k))
        if p.get("uid"):
            keys.append(("same UID", p["uid"]))
        name = fold(p["name"])
        keys.append(("same name", name))
        words = name.split()
        if len(words) > 2:
            keys.append(("same first and last name", f"{words[0]} {words[-1]}"))
        elif len(words) == 2:
            keys.append(("same first and last name", name))
        for key in keys:
            groups.setdefault(key, []).append(p)
    pairs: dict[tuple[int, int], dict[str, Any]] = {}
    for (why, _), members in groups.items():
        if len(members) < 2 or len(members) > 20:
            continue  # twenty people called "John Smith" are not one person
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                key = (min(a["id"], b["id"]), max(a["id"], b["id"]))
                found = pairs.setdefault(
                    key,
                    {
                        "a": a if a["id"] < b["id"] else b,
                        "b": b if a["id"] < b["id"] else a,
                        "why": [],
                    },
                )
                if why not in found["why"] and not (
                    why == "same first and last name" and "same name" in found["why"]
                ):
                    found["why"].append(why)
    strength = {
        "same UID": 4,
        "same e-mail": 3,
        "same profile URL": 3,
        "same name": 1,
        "same first and last name": 0,
    }
    return sorted(
        pairs.values(),
        key=lambda p: (
            -sum(strength[w] for w in p["why"]),
            fold(p["a"]["name"]),
            p["a"]["id"],
            p["b"]["id"],
        ),
    )
