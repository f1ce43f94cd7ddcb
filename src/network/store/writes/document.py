"""Loading the tool's own JSON document into the database: every table, matched and merged.

People are matched like any import (uid, e-mail, URL, name+company) and only their
empty columns are filled. Other rows follow their people through the id maps; a row
identical to one already there (or clashing with a unique constraint) is not added
again. Into an empty database the ids are kept, so export → import → export gives
the same document. Stored values (balance, next due, …) are recomputed at the end.
The whole load is all-or-nothing: it runs on the caller's one transaction.

`formats.jsondoc` reads the text and checks its shape; here each row is decoded by its
column's type and checked like the commands check what they write.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from network.common.dates import MAX_CADENCE_DAYS, parse_birthday
from network.common.errors import BadInput
from network.common.text import fold
from network.domain import contacts as records
from network.domain.contacts import Bad, Contact
from network.domain.fields import DERIVED, FILLABLE, LIMITS, PERSON
from network.domain.kinds import MAX_POINTS
from network.domain.loops import OUTCOMES
from network.store import dialect, snapshot
from network.store.schema import FLOWS, OBLIGATION_KINDS
from network.store.writes import contact_points
from network.store.writes import contacts as store
from network.store.writes.ledger import check_tie

# Person columns that are the person's identity or own state: an import never changes them.
_PERSON_KEEP = tuple(f.name for f in PERSON if f.identity or f.kept)


def decode_rows(
    document: dict[str, list[Any]], today: date
) -> tuple[dict[str, list[dict[str, Any]]], list[Bad]]:
    """Rows by table in Python types, each checked like the commands check what they write;
    rows that cannot be read or break a rule come back as Bad."""
    tables: dict[str, list[dict[str, Any]]] = {}
    bad: list[Bad] = []
    for table in snapshot.data_tables():
        columns = {c.name: c for c in table.columns}
        defaults = _defaults(table)
        out = tables[table.name] = []
        for number, raw in enumerate(document.get(table.name, []), 1):
            where = f"{table.name} row {number}"
            if not isinstance(raw, dict):
                bad.append(Bad(where, "not an object"))
                continue
            unknown = set(raw) - set(columns)
            if unknown:
                bad.append(Bad(where, f"unknown column {sorted(unknown)[0]}"))
                continue
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
            try:
                check_row(table, row, today)
            except BadInput as exc:
                bad.append(Bad(where, str(exc)))
                continue
            out.append(row)
    return tables, bad


# Columns whose length the commands check under another field's name (fields.LIMITS).
_LIMIT_NAMES = {"notes": "note", "note": "note", "context": "met", "answer_note": "summary"}
_STATUSES = ("open", *OUTCOMES)


def check_row(table: Any, row: dict[str, Any], today: date) -> None:
    """The rules the commands apply when they write such a row; raises BadInput.

    Normalises as the commands do: a tie in any case, and timestamps in UTC (one without
    a zone is taken as UTC, the zone every write uses)."""
    for name, column in table.columns.items():
        value = row[name]
        if isinstance(value, datetime):
            row[name] = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        elif isinstance(value, str):
            limits = [
                LIMITS.get(_LIMIT_NAMES.get(name, name)),
                getattr(column.type, "length", None),
            ]
            limit = min((n for n in limits if n is not None), default=None)
            if limit is not None and len(value) > limit:
                raise BadInput(
                    f"the {name} is too long ({len(value):,} characters; the limit is {limit:,})"
                )
    if table.name == "person":
        if not row["name_key"]:
            raise BadInput("the name is empty")
        row["tie"] = check_tie(row["tie"])
        every = row.get("cadence_days")
        if every is not None and not 1 <= every <= MAX_CADENCE_DAYS:
            raise BadInput(f"cadence_days must be between 1 and {MAX_CADENCE_DAYS}, not {every}")
        _check_birthday(row, today)
    elif table.name == "entry":
        if row["flow"] not in FLOWS:
            raise BadInput(f'flow "{row["flow"]}" is not one of {", ".join(FLOWS)}')
        if not 0 <= row["points"] <= MAX_POINTS:
            raise BadInput(f"points must be between 0 and {MAX_POINTS}, not {row['points']}")
        status = row.get("status")
        if status is not None and status not in _STATUSES:
            raise BadInput(f'status "{status}" is not one of {", ".join(_STATUSES)}')
        if status in OUTCOMES and row.get("answered_on") is None:
            raise BadInput(f"a {status} ask needs the day it was answered (answered_on)")
    elif table.name == "obligation" and row["kind"] not in OBLIGATION_KINDS:
        raise BadInput(f'kind "{row["kind"]}" is not one of {", ".join(OBLIGATION_KINDS)}')


def _check_birthday(row: dict[str, Any], today: date) -> None:
    year, month, day = row.get("birth_year"), row.get("birth_month"), row.get("birth_day")
    if month is None and day is None:
        if year is not None:
            raise BadInput("birth_year is given without birth_month and birth_day")
        return
    if month is None or day is None:
        raise BadInput("a birthday needs both birth_month and birth_day")
    shown = f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"{month:02d}-{day:02d}"
    parse_birthday(shown, today=today)


def _defaults(table: Any) -> dict[str, Any]:
    """The model's own defaults, for columns an older export does not have."""
    from pydantic_core import PydanticUndefined

    from network.store.schema import SQLModel

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
    conn: Any, tables: dict[str, list[dict[str, Any]]], *, overwrite: bool
) -> store.Summary:
    """Merge the document's rows into the database, on the caller's transaction."""
    from sqlalchemy import func, insert, select, update

    from network.store.writes import ledger

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
        highest = dialect.highest_id(conn, table.name)
        next_id = max([highest, *(r["id"] for r in existing)]) + 1
        self_refs = [
            c.name for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)
        ]
        if table.name == "person":
            people = {r["id"]: r for r in existing}
            index = store.index_people(people, contact_points.values_by_person(conn))
        else:
            # each row's content -> its id, so a row already there is found in one look-up
            # (a scan of the table per row made re-importing an export quadratic)
            seen = {}
            for r in existing:
                seen.setdefault(_content(table, r), r["id"])
            uniques = _unique_sets(table, existing)
        inserts: list[dict[str, Any]] = []
        # (row id here, the document's own row): self-references wait for every id
        deferred: list[tuple[int, dict[str, Any]]] = []
        matched: list[tuple[dict[str, Any], dict[str, Any]]] = []
        added = 0
        for row in rows:
            row = dict(row)
            if not _remap(table, row, ids, skip_self=True):
                summary.skipped.append(Bad(f"{table.name} {row['id']}", "refers to a row left out"))
                continue
            if table.name == "person":
                key = index.find(_person_contact(row))
                if key is not None and key[0] == "old":
                    id_map[row["id"]] = key[1]
                    matched.append((people[key[1]], row))
                    continue
                if key is not None:  # the same person twice in the document
                    id_map[row["id"]] = key[1]
                    summary.repeated += 1
                    continue
                summary.created += 1
            else:
                content = _content(table, row)
                same = seen.get(content)
                clash = same if same is not None else _clashes(table, row, uniques)
                if clash is not None:
                    id_map[row["id"]] = clash
                    continue
            # the document's own ids only where the table never gave one (on a team server
            # other members' rows are invisible, their ids taken)
            new_id = row["id"] if empty and not highest else next_id
            next_id = max(next_id, new_id) + 1
            id_map[row["id"]] = new_id
            deferred.append((new_id, {name: row[name] for name in self_refs}))
            row["id"] = new_id
            row.update(dict.fromkeys(self_refs))
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
                seen.setdefault(content, new_id)
        if added:
            summary.tables[table.name] = added
        if inserts:
            conn.execute(insert(table), inserts)
            dialect.after_explicit_ids(conn, table.name)
        for new_id, refs in deferred:
            values = _self_refs(refs, id_map, new_id, {}, overwrite=False)
            if values:
                conn.execute(update(table).where(table.c.id == new_id).values(values))
        for target, row in matched:
            changes = _fill_person(target, row, overwrite, skip=self_refs)
            changes.update(
                _self_refs({n: row[n] for n in self_refs}, id_map, target["id"], target, overwrite)
            )
            if not changes:
                summary.unchanged += 1
                continue
            target.update(changes)
            conn.execute(update(table).where(table.c.id == target["id"]).values(**changes))
            touched.add(target["id"])
            summary.updated += 1
            summary.updated_names.append(target["name"])
    # a document's people come with their points (schema 7 on) or only their columns
    contact_points.sync(conn, touched)
    ledger.refresh_people(conn, sorted(touched))
    return summary


def _self_refs(
    refs: dict[str, Any],
    id_map: dict[Any, Any],
    own_id: int,
    current: dict[str, Any],
    overwrite: bool,
) -> dict[str, Any]:
    """Self-references (who introduced whom) pointed at the rows they became; a row never
    points at itself, and a value already there stays unless overwrite."""
    values = {}
    for name, old in refs.items():
        new = id_map.get(old) if old is not None else None
        if new is None or new == own_id:
            continue
        if current.get(name) is None or (overwrite and current[name] != new):
            values[name] = new
    return values


def _fill_person(
    target: dict[str, Any], row: dict[str, Any], overwrite: bool, skip: list[str]
) -> dict[str, Any]:
    """Empty columns of an existing person that the document fills (every column, generically,
    but for `skip`: references to other people, which need their ids mapped first)."""
    changes = records.fill(target, row, overwrite=overwrite)
    for name, value in row.items():
        if name in _PERSON_KEEP or name in DERIVED or name in skip or name in changes:
            continue
        if value is None or name in FILLABLE or name.startswith("birth_"):
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
    """The id of the row already holding one of this row's unique values, or None."""
    for names, values in uniques.items():
        key = tuple(row.get(n) for n in names)
        if None not in key and key in values:
            return values[key]
    return None


def _remember_unique(table: Any, row: dict[str, Any], uniques: dict) -> None:
    for names, values in uniques.items():
        values.setdefault(tuple(row.get(n) for n in names), row["id"])
