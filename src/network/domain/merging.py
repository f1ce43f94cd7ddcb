"""What merging two records of one person does to the fields: the rule, without the database.

KEEP's empty fields are filled from OTHER; where both have a different value, OTHER's is
written into KEEP's notes, so nothing is lost (an e-mail, phone or web address is not: it
stays one of KEEP's contact points). The stronger tie and the earlier day you
met win; labels are joined.
"""

from __future__ import annotations

from typing import Any

from network.common.text import fold
from network.domain import contacts as records
from network.domain.fields import PERSON, spoken

# Person columns a merge does not copy: identity, and values recomputed afterwards.
_OWN = tuple(f.name for f in PERSON if f.identity or f.derived)
# Columns filled when KEEP has none, but not worth a line in the notes when they differ:
# internal state, and the primary e-mail, phone and web address (OTHER's stay as contact
# points of KEEP, so nothing is lost).
_INTERNAL = tuple(f.name for f in PERSON if not f.noted or f.point)
_TIE_ORDER = ("roster", "casual", "close")
# How a column is named to people (in messages and notes).
_label = spoken


def _conflict(name: str, value: Any, names: dict[int, str]) -> str | None:
    """OTHER's differing value as a line for the notes, or None when not worth keeping."""
    if name in _INTERNAL or name.endswith("_key"):
        return None
    if name == "cadence_days":
        return f"keep in touch every {value} day{'s' if value != 1 else ''}"
    if name.endswith("_id"):  # another person: by name, never by internal id
        return f"{_label(name)} {names[value]}" if value in names else None
    return f"{_label(name)}: {value}"


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
