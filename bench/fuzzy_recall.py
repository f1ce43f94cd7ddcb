"""How often a large network's fuzzy shortlist gives the answer scoring everyone gave.

Takes random names from a generated network (bench/generate.py), makes one random
one-edit typo (a letter wrong, missing, extra, or two swapped) in one word of each, and
resolves it twice: as find_match does (the store's shortlist, then the fuzzy scores)
and as before the shortlist (every person scored). Prints the agreement rate (same
Match, or the same suggestions in the same order) and how often each found the person
whose name was mistyped.

    python bench/fuzzy_recall.py /tmp/fz/network-100000.db --samples 2000
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import string
import time

from network.common.errors import UnknownPerson
from network.common.text import fold
from network.domain import names
from network.store.connection import Reader
from network.store.reads import people as queries


def typo(name: str, rng: random.Random) -> str:
    """name with one random edit in one random word."""
    words = name.split(" ")
    at = rng.randrange(len(words))
    word = words[at]
    p = rng.randrange(len(word))
    letter = rng.choice(string.ascii_lowercase)
    kind = rng.choice(("wrong", "missing", "extra", "swapped"))
    if kind == "wrong":
        word = word[:p] + letter + word[p + 1 :]
    elif kind == "missing" and len(word) > 1:
        word = word[:p] + word[p + 1 :]
    elif kind == "extra":
        word = word[:p] + letter + word[p:]
    elif p + 1 < len(word):
        word = word[:p] + word[p + 1] + word[p] + word[p + 2 :]
    words[at] = word
    return " ".join(words)


def everyone(query: str, candidates: list) -> tuple:
    """The fuzzy outcome with every person scored (resolve's last step, as before)."""
    scored = names._scores(fold(query), candidates)
    if scored and scored[0][0] >= names.ACCEPT:
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if runner_up < names.ACCEPT and scored[0][0] - runner_up >= names.MARGIN - 1e-9:
            return ("match", scored[0][1].id)
    return ("unknown", tuple(names._suggestions(scored, 3)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    reader = Reader(conn)
    people = conn.execute("SELECT id, name FROM person").fetchall()
    candidates = [names._candidate(pid, name) for pid, name in people]
    by_id = dict(people)
    fuzzy = agree = found_old = found_new = 0
    slow = 0.0
    misses: list[str] = []
    for pid, name in rng.sample(people, args.samples):
        query = typo(name, rng)
        start = time.perf_counter()
        try:
            match = queries.find_match(reader, query)
            new: tuple = ("match", match.id) if match.how == "fuzzy" else ("other",)
        except UnknownPerson as exc:
            new = ("unknown", tuple(exc.suggestions))
        except names.NetworkError:
            new = ("other",)
        slow = max(slow, time.perf_counter() - start)
        if (
            new == ("other",)
            or conn.execute(
                "SELECT 1 FROM person WHERE instr(name_key, ?) LIMIT 1", (fold(query),)
            ).fetchone()
        ):
            # found exactly or by prefix, or the typo is part of someone's name (then
            # only those are scored, as before): the shortlist played no part
            continue
        fuzzy += 1
        old = everyone(query, candidates)
        agree += old == new
        found_old += old == ("match", pid) or (old[0] == "unknown" and name in old[1][:1])
        found_new += new == ("match", pid) or (new[0] == "unknown" and name in new[1][:1])
        if old != new and len(misses) < 15:
            show = [by_id.get(x, x) if isinstance(x, int) else x for x in (old[1], new[1])]
            misses.append(f"  {name!r} typed {query!r}: before {show[0]!r}, now {show[1]!r}")
    print(f"{args.samples} typos, {fuzzy} reached the fuzzy step")
    print(f"same outcome as scoring everyone: {agree}/{fuzzy} = {agree / max(fuzzy, 1):.1%}")
    print(f"mistyped person found first: before {found_old}, now {found_new}")
    print(f"slowest find_match: {slow:.3f} s")
    print("\n".join(misses))


if __name__ == "__main__":
    main()
