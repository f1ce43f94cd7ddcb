"""SQLite's own SQL, in one place: what a PostgreSQL backend will say differently.

Queries elsewhere in the store are written in the SQL both engines share; a fragment
that only SQLite understands (integers as booleans, FTS5, julianday, PRAGMAs,
BEGIN IMMEDIATE) is built here, so the second engine swaps this module, not the queries.
"""

from __future__ import annotations

from network.domain.cadence import GROUP_EXEMPT_TIES


def counts_for_cadence(tie: str, is_group: str) -> str:
    """domain.cadence.counts_for_cadence as a SQL condition over the given column
    expressions (never user text): a group event does not count for a close tie."""
    ties = ", ".join(f"'{t}'" for t in GROUP_EXEMPT_TIES)
    # SQLite stores booleans as integers
    return f"NOT ({is_group} = 1 AND {tie} IN ({ties}))"
