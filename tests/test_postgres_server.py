"""The throwaway PostgreSQL the `postgres` tests run against is there and is version 15."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.postgres


def test_a_fresh_database_per_test_on_postgresql_15(pg_url: str) -> None:
    import psycopg

    conninfo = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()[0]
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    assert int(version) // 10000 == 15
    assert tables == 0
