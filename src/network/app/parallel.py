"""A read of the database run in a forked child process, beside the parent's own.

Python runs one thread at a time: two threads each fetching rows from SQLite hand the
interpreter's lock to and fro for every row, and on two idle cores were no faster than
one after the other (`people --json` at 100,000 people: 0.88 s against 0.85 s, for 40 %
more CPU). A child process has an interpreter of its own: it opens a connection of its
own, runs the read, and hands the result back pickled through a pipe, while the parent
reads the rest. It can only save time: where there is no `fork`, one core, or a file too
small to be worth a process, other cores busy by the load average, or when the child
fails in any way, `result()` is None and the caller runs the read itself, to the same
result.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

# A smaller file is read in tens of milliseconds, less than starting a child costs.
LARGE_FILE = 32 * 1024 * 1024


class ParallelRead:
    """`read(reader)` started in a child on `db_path`; `result()` waits for its answer."""

    def __init__(self, db_path: Path, read: Callable[[Any], Any]) -> None:
        self._pid = 0
        self._found: Any = None
        if not hasattr(os, "fork") or cores() < 2 or not large(db_path) or busy():
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: one answer, then out without the parent's cleanup
            os.close(read_end)
            answer(write_end, db_path, read)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    @property
    def started(self) -> bool:
        """Whether a child is reading (until its answer is taken)."""
        return bool(self._pid)

    def result(self) -> Any:
        """What the child read, or None (no child, or it failed). The child is waited
        for on the first call; later calls give the same answer."""
        if not self._pid:
            return self._found
        pid, self._pid = self._pid, 0
        with os.fdopen(self._pipe, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            import pickle  # here, not at the top: a run with no child never needs it

            self._found = pickle.loads(data)
        return self._found


def large(db_path: Path) -> bool:
    """A SQLite file of LARGE_FILE bytes or more (about 10,000 people); a server's
    database is read in the process itself."""
    try:
        return isinstance(db_path, Path) and db_path.stat().st_size >= LARGE_FILE
    except OSError:
        return False


def busy() -> bool:
    """Whether the other cores look taken: the last minute's load average leaves less than
    half a core beside this process. A child then waits for a core and its start-up is
    lost (`people --json` at 100,000 people: 485 ms alone against 520 ms with a child, on
    two cores with one busy; 472 against 393 ms when it is idle)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average here: assume a free core
        return False
    return load > cores() - 0.5


def cores() -> int:
    """The cores this process may run on (its affinity, where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def answer(fd: int, db_path: Path, read: Callable[[Any], Any]) -> None:
    """In the child: run the read, write its result pickled to `fd`, and exit (1 on any
    error, which the parent takes for no answer)."""
    code = 1
    try:
        import pickle

        from network.store import connection as db

        with db.reading(db_path) as reader:
            data = pickle.dumps(read(reader), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)
