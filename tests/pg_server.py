"""A throwaway PostgreSQL 15 for the tests marked `postgres`.

`python tests/pg_server.py start DIR` initialises a cluster in DIR, starts it listening on a
unix socket in DIR only (no TCP port at all), creates the database `network_test` and prints
its URL; `python tests/pg_server.py stop DIR` stops it (`.ci/run` does both, with a trap).
The session fixture in conftest.py calls the same functions when NETWORK_TEST_PG_URL is not
set and the binaries are installed, so the README's test command covers PostgreSQL too.

initdb refuses to run as root: as root, the cluster is owned by and run as `nobody`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(os.environ.get("NETWORK_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "network"
DATABASE = "network_test"
PASSWORD_ROLE = "network_pw"  # the one role whose password the server checks


def available() -> bool:
    return (BIN / "initdb").is_file() and (BIN / "pg_ctl").is_file()


def _as_owner(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "nobody", "--", *args]


def start(folder: Path) -> str:
    """Initialise and start a cluster under `folder`; the URL of its test database."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
    data = folder / "data"
    run = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    subprocess.run(
        _as_owner(
            [
                str(BIN / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth=trust",  # the socket's folder is the only door, and it is ours
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "-N",  # no fsync: a throwaway cluster
            ]
        ),
        **run,
    )
    # one role that must give its password, for the tests of a wrong one (everyone else: trust)
    hba = data / "pg_hba.conf"
    hba.write_text(f"local all {PASSWORD_ROLE} scram-sha-256\n" + hba.read_text())
    options = f"-k {folder} -c listen_addresses='' -F -c max_connections=60"
    subprocess.run(
        _as_owner(
            [str(BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w"]
            + ["start"]
        ),
        **run,
    )
    url = f"postgresql+psycopg://{SUPERUSER}@/{DATABASE}?host={folder}"
    _create_database(folder)
    return url


def _create_database(folder: Path) -> None:
    import psycopg

    for _ in range(50):
        try:
            conn = psycopg.connect(host=str(folder), user=SUPERUSER, dbname="postgres")
            break
        except psycopg.OperationalError:
            time.sleep(0.1)
    else:  # pragma: no cover - the server did not come up
        raise RuntimeError((folder / "log").read_text(errors="replace"))
    with conn:
        conn.autocommit = True
        conn.execute(f"CREATE DATABASE {DATABASE}")
        # the template every per-test database is copied from has pg_trgm already
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", prepare=False)
        with psycopg.connect(host=str(folder), user=SUPERUSER, dbname="template1") as t1:
            t1.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            t1.commit()


def stop(folder: Path) -> None:
    data = folder / "data"
    if data.is_dir():
        subprocess.run(
            _as_owner([str(BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    verb, where = sys.argv[1], Path(sys.argv[2])
    if verb == "start":
        print(start(where))
    else:
        stop(where)
