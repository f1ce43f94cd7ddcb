"""Reads on PostgreSQL through psycopg's libpq layer alone: what a read command pays for.

`import psycopg` costs a read command more than all its queries: the package's init loads
its connection classes, adapters, the asyncio variants, logging and more (about 180 ms after
the CLI's own imports on the benchmark machine, against 10-50 ms for what a read needs).
A read needs only `psycopg.pq` (libpq itself, the binary implementation when installed): one
connection, one `PQexecParams` per query, text results. So `libpq()` imports psycopg.pq with
the package's init deferred, not skipped: the package module is created without running its
`__init__`, and the first use of anything else in it (a write's SQLAlchemy, an error's class)
runs the real `__init__` in that same module, so psycopg is loaded once, whole, as usual.

`LeanConnection` gives PgReader what it used of a psycopg connection: execute(sql, params)
-> a cursor with description, fetchone/fetchmany/fetchall and iteration; values come back as
sqlite3 returns them (dates as ISO text, booleans 0/1, numbers as floats). Errors are raised
as psycopg's own exception classes (loading psycopg whole: errors are rare), so the wording
in postgres.friendly is the same on both paths.
"""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

_PREFIX = "psycopg"
# names the import machinery sets on a module before its code runs; anything else asked of
# the half-made package means psycopg is wanted whole
_SET_BEFORE_INIT = frozenset(
    {"__name__", "__loader__", "__package__", "__spec__", "__path__", "__file__", "__cached__"}
)


def libpq() -> Any:
    """psycopg.pq, without running psycopg's package init until something else is used."""
    package = sys.modules.get(_PREFIX)
    if package is None:
        import importlib.util

        spec = importlib.util.find_spec(_PREFIX)
        if spec is None or spec.loader is None:  # pragma: no cover - a broken install
            raise ImportError("psycopg is not installed")
        package = importlib.util.module_from_spec(spec)

        def finish(name: str) -> Any:
            # while psycopg.pq itself loads, its modules ask the package for siblings still
            # being imported (from psycopg import pq): the import system then finds them in
            # sys.modules; only a later use means psycopg is wanted whole
            if name in _SET_BEFORE_INIT or loading:
                raise AttributeError(name)
            package.__dict__.pop("__getattr__", None)
            spec.loader.exec_module(package)  # the real __init__, in the same module
            return getattr(package, name)

        package.__getattr__ = finish  # PEP 562: asked only for names the module lacks
        sys.modules[_PREFIX] = package
        loading = True
        try:
            import psycopg.pq
        finally:
            loading = False
    import psycopg.pq

    return psycopg.pq


class Column(NamedTuple):
    """A result column as cursor.description gives it (both .name and [0] work)."""

    name: str
    type_code: int


def _micros(text: str) -> str:
    # SQLAlchemy stores times on SQLite as HH:MM:SS.ffffff
    head, dot, frac = text.partition(".")
    return f"{head}.{frac.ljust(6, '0') if dot else '000000'}"


# text-format values by type oid, as sqlite3 returns them (see postgres._sqlite_like_loaders)
_LOAD: dict[int, Any] = {
    16: lambda b: 1 if b == b"t" else 0,  # bool
    # bytea comes as text "\\x…" hex; sqlite3 and psycopg give a BLOB/bytea as bytes
    17: lambda b: bytes.fromhex(b[2:].decode()),
    20: int,  # int8
    21: int,  # int2
    23: int,  # int4
    26: int,  # oid
    700: float,  # float4
    701: float,  # float8
    1700: float,  # numeric
    1083: lambda b: _micros(b.decode()),  # time
    1114: lambda b: _micros(b.decode()),  # timestamp
}


def _text(value: bytes) -> str:
    return value.decode()


# parameter types by Python type (str goes as "unknown": the server types it from context,
# as psycopg does)
_OIDS: dict[type, int] = {float: 701, Decimal: 1700, date: 1082}


def _dump(value: Any) -> tuple[bytes | None, int]:
    if value is None:
        return None, 0
    kind = type(value)
    if kind is bool:
        return (b"t" if value else b"f"), 16
    if kind is str:
        return value.encode(), 0
    if kind is int:
        # the smallest integer type that holds it, as psycopg does (date - int2 works where
        # date - int8 has no operator)
        oid = 21 if -(2**15) <= value < 2**15 else 23 if -(2**31) <= value < 2**31 else 20
        return str(value).encode(), oid if -(2**63) <= value < 2**63 else 1700
    if kind is datetime:
        return value.isoformat(sep=" ").encode(), 1114
    if kind is time:
        return value.isoformat().encode(), 1083
    return str(value).encode(), _OIDS.get(kind, 0)


_PARAM = re.compile(r"'(?:[^']|'')*'|::|:(\w+)")


@lru_cache(maxsize=1024)
def numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    """`:name` parameters as libpq's $1, $2… (a name used twice is one number), outside
    quotes; and the names in number order."""
    names: list[str] = []

    def swap(match: re.Match[str]) -> str:
        name = match.group(1)
        if not name:
            return match.group(0)
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return _PARAM.sub(swap, sql), tuple(names)


class LeanCursor:
    """The rows of one result, already fetched (libpq hands the whole result at once)."""

    def __init__(self, description: list[Column], rows: list[tuple[Any, ...]]) -> None:
        self.description = description
        self._rows = rows
        self._at = 0

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._at = self._rows[self._at :], len(self._rows)
        return rows

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchmany(self, size: int) -> list[tuple[Any, ...]]:
        rows = self._rows[self._at : self._at + size]
        self._at += len(rows)
        return rows

    def __iter__(self) -> Any:
        while (row := self.fetchone()) is not None:
            yield row


def _error(message: str, sqlstate: str | None) -> Exception:
    import psycopg  # whole, for its exception classes (postgres.friendly words them)

    cls = psycopg.errors.lookup(sqlstate) if sqlstate else psycopg.OperationalError
    return cls(message)


class LeanConnection:
    """One libpq connection in autocommit: execute(sql, params) -> LeanCursor."""

    def __init__(self, url: str) -> None:
        pq = libpq()
        self._pq = pq
        extra = "connect_timeout=10&client_encoding=UTF8"
        conninfo = url + ("&" if "?" in url else "?") + extra
        self.pgconn = pq.PGconn.connect(conninfo.encode())
        if self.pgconn.status != pq.ConnStatus.OK:
            message = self.pgconn.error_message.decode(errors="replace")
            self.pgconn.finish()
            raise _error(f"connection failed: {message}", None)

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> Any:
        """Run `sql` (named :parameters, as on SQLite) in one round trip."""
        pq = self._pq
        command, names = numbered(sql)
        values = [(params or {})[name] for name in names]
        dumped = [_dump(v) for v in values]
        result = self.pgconn.exec_params(
            command.encode(),
            [d[0] for d in dumped],
            [d[1] for d in dumped],
        )
        status = result.status
        if status not in (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.COMMAND_OK):
            state = result.error_field(pq.DiagnosticField.SQLSTATE)
            message = (result.error_message or self.pgconn.error_message).decode(errors="replace")
            raise _error(message.strip(), state.decode() if state else None)
        fields = result.nfields
        columns = [Column(result.fname(i).decode(), result.ftype(i)) for i in range(fields)]
        loads = [_LOAD.get(c.type_code, _text) for c in columns]
        get = result.get_value
        rows = [
            tuple(None if (value := get(r, c)) is None else loads[c](value) for c in range(fields))
            for r in range(result.ntuples)
        ]
        result.clear()
        return LeanCursor(columns, rows)

    def close(self) -> None:
        self.pgconn.finish()
