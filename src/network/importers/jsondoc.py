"""Importing the tool's own JSON export: every table, matched and merged, nothing duplicated.

People are matched like any import (uid, e-mail, URL, name+company) and only their
empty columns are filled. Other rows follow their people through the id maps; a row
identical to one already there (or clashing with a unique constraint) is not added
again. Into an empty database the ids are kept, so export → import → export gives
the same document. Stored values (balance, next due, …) are recomputed at the end.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from network.exporters import snapshot
from network.importers import records, store, wrong_format
from network.importers.records import Bad, Contact, ImportProblem
from network.text import fold

# Person columns that are the person's identity or computed from other rows.
_PERSON_KEEP = ("id", "name", "name_key", "created_on", "tie", "archived")
DERIVED = ("name_key", "last_contact", "next_due", "balance", "search_key")


def load(path: Path, text: str) -> dict[str, Any]:
    """The export document, checked for shape (not yet row by row)."""
    from network.migrations import SCHEMA_VERSION

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise wrong_format(path, "json", text, f"not JSON (line {exc.lineno}: {exc.msg})") from None
    if (
        not isinstance(doc, dict)
        or doc.get("format") != snapshot.FORMAT
        or not isinstance(doc.get("tables"), dict)
    ):
        raise wrong_format(path, "json", text, 'no "format": "network" and "tables" at the top')
    schema = doc.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise ImportProblem(
            f"{path} was written by a newer network "
            f"(schema {schema}; this one reads {SCHEMA_VERSION})",
            "upgrade network to import it",
        )
    known = {t.name for t in snapshot.data_tables()}
    for name, rows in doc["tables"].items():
        if name not in known:
            raise ImportProblem(
                f'{path} has a table "{name}" this network does not know', "upgrade network"
            )
        if not isinstance(rows, list):
            raise wrong_format(path, "json", text, f'"{name}" is not a list of rows')
    return doc


def decode_rows(doc: dict[str, Any]) -> tuple[dict[str, list[dict[str, Any]]], list[Bad]]:
    """Rows by table, values in Python types; rows that cannot be read come back as Bad."""
    tables: dict[str, list[dict[str, Any]]] = {}
    bad: list[Bad] = []
    for table in snapshot.data_tables():
        columns = {c.name: c for c in table.columns}
        out = tables[table.name] = []
        for number, raw in enumerate(doc["tables"].get(table.name, []), 1):
            where = f"{table.name} row {number}"
            if not isinstance(raw, dict):
                bad.append(Bad(where, "not an object"))
                continue
            unknown = set(raw) - set(columns)
            if unknown:
                bad.append(Bad(where, f"unknown column {sorted(unknown)[0]}"))
                continue
            defaults = _defaults(table)
            try:
                row = {
                    name: snapshot.decode(col, raw[name]) if name in raw else defaults.get(name)
                    for name, col in columns.items()
                }
            except ValueError as exc:
                bad.append(Bad(where, str(exc)))
                continue
            if table.name == "person" and isinstance(row.get("name"), str):
                row.update(name_key=fold(row["name"]), balance=0, search_key="")
            missing = [n for n, c in columns.items() if row[n] is None and not c.nullable]
            if missing:
                bad.append(Bad(where, f"{missing[0]} is missing"))
                continue
            out.append(row)
    return tables, bad


def _defaults(table: Any) -> dict[str, Any]:
    """The model's own defaults, for columns an older export does not have."""
    from pydantic_core import PydanticUndefined

    from network.models import SQLModel

    for mapper in SQLModel._sa_registry.mappers:
        if mapper.local_table is table:
            return {
                name: info.default
                for name, info in mapper.class_.model_fields.items()
                if info.default is not PydanticUndefined
            }
    return {}


def _person_contact(row: dict[str, Any]) -> Contact:
    return Contact(
        where="",
        name=row["name"] or "",
        emails=[row["email"]] if row.get("email") else [],
        urls=[row["url"]] if row.get("url") else [],
        company=row.get("company"),
        uid=row.get("uid"),
    )


def restore(
    conn: Any, tables: dict[str, list[dict[str, Any]]], *, overwrite: bool, today: date, write: bool
) -> store.Summary:
    """Merge the document's rows into the database (with write=False, only count)."""
    from sqlalchemy import func, insert, select, update

    summary = store.Summary()
    empty = all(
        conn.execute(select(func.count()).select_from(t)).scalar_one() == 0
        for t in snapshot.data_tables()
    )
    ids: dict[str, dict[Any, Any]] = {}
    touched: set[int] = set()
    for table in snapshot.data_tables():
        rows = tables.get(table.name, [])
        id_map = ids.setdefault(table.name, {})
        existing = [dict(r._mapping) for r in conn.execute(select(table))]
        next_id = max((r["id"] for r in existing), default=0) + 1
        self_refs = [
            c for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)
        ]
        if table.name == "person":
            people = {r["id"]: r for r in existing}
            index = store.index_people(people)
        else:
            seen = {_content(table, r) for r in existing}
            uniques = _unique_sets(table, existing)
        inserts: list[dict[str, Any]] = []
        deferred: list[dict[str, Any]] = []
        added = 0
        for row in rows:
            row = dict(row)
            if not _remap(table, row, ids, skip_self=True):
                summary.skipped.append(Bad(f"{table.name} {row['id']}", "refers to a row left out"))
                continue
            if table.name == "person":
                key = index.find(_person_contact(row))
                if key is not None and key[0] == "old":
                    target = people[key[1]]
                    changes = _fill_person(target, row, overwrite)
                    id_map[row["id"]] = target["id"]
                    if changes:
                        target.update(changes)
                        if write:
                            conn.execute(
                                update(table).where(table.c.id == target["id"]).values(**changes)
                            )
                        touched.add(target["id"])
                        summary.updated += 1
                        summary.updated_names.append(target["name"])
                    else:
                        summary.unchanged += 1
                    continue
                if key is not None:  # the same person twice in the document
                    id_map[row["id"]] = key[1]
                    summary.repeated += 1
                    continue
                summary.created += 1
            else:
                content = _content(table, row)
                clash = content in seen or _clashes(table, row, uniques)
                if clash:
                    id_map[row["id"]] = (
                        clash if not isinstance(clash, bool) else _find(existing, table, row)
                    )
                    continue
                seen.add(content)
            new_id = row["id"] if empty else next_id
            next_id = max(next_id, new_id) + 1
            id_map[row["id"]] = new_id
            row["id"] = new_id
            for column in self_refs:
                if row[column.name] is not None:
                    deferred.append({"id": new_id, column.name: row[column.name]})
                    row[column.name] = None
            if table.name == "person":
                index.add(
                    ("new", new_id),
                    name=row["name"],
                    emails=[row.get("email") or ""],
                    urls=[row.get("url") or ""],
                    company=row.get("company"),
                    uid=row.get("uid"),
                )
                touched.add(new_id)
            elif "person_id" in row and row["person_id"] is not None:
                touched.add(row["person_id"])
            inserts.append(row)
            added += 1
            if table.name != "person":
                _remember_unique(table, row, uniques)
                existing.append(row)
        if added:
            summary.tables[table.name] = added
        if write and inserts:
            conn.execute(insert(table), inserts)
        for change in deferred:
            ((name, old),) = [(k, v) for k, v in change.items() if k != "id"]
            target = id_map.get(old)
            if write and target is not None:
                conn.execute(update(table).where(table.c.id == change["id"]).values({name: target}))
    if write and touched:
        store.refresh_people(conn, sorted(touched))
    return summary


def _fill_person(target: dict[str, Any], row: dict[str, Any], overwrite: bool) -> dict[str, Any]:
    """Empty columns of an existing person that the document fills (every column, generically)."""
    changes = records.fill(target, row, overwrite=overwrite)
    for name, value in row.items():
        if name in _PERSON_KEEP or name in DERIVED or name in changes or value is None:
            continue
        if name in records.FILLABLE or name.startswith("birth_"):
            continue
        if target.get(name) is None or (overwrite and target.get(name) != value):
            changes[name] = value
    return changes


def _remap(table: Any, row: dict[str, Any], ids: dict[str, dict], skip_self: bool) -> bool:
    """Point foreign keys at the rows they became; False when a required one is gone."""
    for column in table.columns:
        value = row.get(column.name)
        if value is None:
            continue
        for fk in column.foreign_keys:
            target = fk.column.table.name
            if target == table.name and skip_self:
                continue
            new = ids.get(target, {}).get(value)
            if new is None and not column.nullable:
                return False
            row[column.name] = new
    return True


def _content(table: Any, row: dict[str, Any]) -> tuple:
    return tuple(row.get(c.name) for c in table.columns if not c.primary_key)


def _unique_sets(table: Any, rows: list[dict[str, Any]]) -> dict[tuple[str, ...], dict[tuple, Any]]:
    from sqlalchemy import UniqueConstraint

    out: dict[tuple[str, ...], dict[tuple, Any]] = {}
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            names = tuple(c.name for c in constraint.columns)
            out[names] = {tuple(r.get(n) for n in names): r["id"] for r in rows}
    return out


def _clashes(table: Any, row: dict[str, Any], uniques: dict) -> Any:
    for names, values in uniques.items():
        key = tuple(row.get(n) for n in names)
        if None not in key and key in values:
            return values[key]
    return False


def _remember_unique(table: Any, row: dict[str, Any], uniques: dict) -> None:
    for names, values in uniques.items():
        values.setdefault(tuple(row.get(n) for n in names), row["id"])


def _find(existing: list[dict[str, Any]], table: Any, row: dict[str, Any]) -> Any:
    content = _content(table, row)
    for other in existing:
        if _content(table, other) == content:
            return other["id"]
    return None
