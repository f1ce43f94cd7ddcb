"""Synthetic networks for the benchmark, written fast and consistent with the real rules.

The file is created by the real schema code (`db.open_db` → `migrations.create_fresh`,
FTS indexes and triggers included); rows then go in with sqlite3 `executemany` in one
transaction. The stored columns that `ledger.refresh` keeps current (last contact,
balance, next-due day, search key, name key) are computed here with the same rule
functions, and `tests/test_bench.py` recomputes a sample through `ledger.refresh`.

Shape: mostly a LinkedIn-style roster (80 %), some casual ties (18 %) and a few close
ones (2 %); entries fall on close ties far more than on the roster, more of them recent;
birthdays, strengths, open and done obligations, introductions between people. About
1.2 % of the people have gone quiet for longer than their cadence, so `due` always has
overdue people to rank (1,200 at 100,000 people). The ledger is streamed into the table
in batches, so the opt-in `huge` size (1,000,000 people, 10,000,000 entries) fits in memory.

    python bench/generate.py --people 1000 --entries 10000 OUT.db
    python bench/generate.py --linkedin 30000 Connections.csv
"""

from __future__ import annotations

import argparse
import calendar
import csv
import itertools
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from network.common.text import fold, topic_key
from network.domain import cadence, kinds
from network.domain.contacts import point_key
from network.store import connection as db

SIZES = {
    "small": (1_000, 10_000),
    "medium": (10_000, 100_000),
    "large": (100_000, 1_000_000),
    "huge": (1_000_000, 10_000_000),  # opt-in (--sizes huge): minutes to generate, ~2 GB
}
LINKEDIN_ROWS = 30_000
# Close and casual ties are bounded by what one person can keep up (Dunbar's layers); a big
# network grows by its roster, as a recruiter's 30,000 LinkedIn connections do.
TIE_SHARES = {"close": (0.02, 150), "casual": (0.18, 1_500)}  # (share, at most); the rest roster
OPEN_OBLIGATIONS = 25  # open at any time; many more are done, in proportion to the network
# how much more often each tie appears in the ledger than a roster connection
TIE_ACTIVITY = {"close": 40.0, "casual": 8.0, "roster": 0.5}
YEARS_OF_HISTORY = 8
# Some people have gone quiet for longer than their cadence (1 % of the network, at least
# 1,000 at 100,000 people), so `due` ranks real overdue people at every size.
OVERDUE_SHARE = 0.012
QUIET_DAYS = (120, 365)  # how long they have been quiet: longer than any cadence below
QUIET_CADENCES = (30, 60, 90)  # a roster tie that went quiet has a cadence of its own
INTRODUCED_SHARE = 0.02  # people who came through an introduction (person.via_id)
BATCH = 100_000  # ledger rows drawn and written at a time

FIRST = [
    "Maya",
    "Liam",
    "Olivia",
    "Noah",
    "Emma",
    "Ava",
    "Sofia",
    "Lucas",
    "Mia",
    "Ethan",
    "Amelia",
    "Mateo",
    "Harper",
    "Elijah",
    "Aria",
    "Leo",
    "Chloe",
    "Omar",
    "Priya",
    "Arjun",
    "Wei",
    "Yuki",
    "Hiro",
    "Fatima",
    "Amir",
    "Zara",
    "Ines",
    "Tomas",
    "Lena",
    "Jonas",
    "Chen",
    "Mei",
    "Sara",
    "David",
    "Ana",
    "Pedro",
    "Nina",
    "Ivan",
    "Olga",
    "Kofi",
    "Ama",
    "Tariq",
    "Layla",
    "Ravi",
    "Anika",
    "Diego",
    "Lucia",
    "Marco",
    "Giulia",
    "Jan",
    "Emilie",
    "Farid",
    "Grace",
    "Jamal",
    "Kenji",
    "Aiko",
    "Sven",
    "Freya",
    "Nadia",
    "Yusuf",
    "Elena",
    "Pablo",
    "Rosa",
    "Tom",
    "Kate",
    "Sam",
    "Alex",
    "José",
    "Zoë",
    "Björn",
    "Ñico",
    "Renée",
    "Søren",
    "Łukasz",
    "Chloé",
    "Anaïs",
    "Dmitri",
    "Aisha",
    "Hana",
    "Minh",
    "Linh",
    "Quentin",
    "Rania",
]
SYLLABLES = [
    "an",
    "bel",
    "cor",
    "dan",
    "el",
    "fer",
    "gar",
    "hal",
    "in",
    "jor",
    "kel",
    "lan",
    "mar",
    "nor",
    "os",
    "par",
    "quin",
    "ros",
    "sal",
    "tor",
    "ur",
    "val",
    "wen",
    "xan",
    "yor",
    "zel",
    "bri",
    "cha",
    "dre",
    "fio",
    "gre",
]
COMPANIES = [
    *[
        "Acme",
        "Stripe",
        "Ford",
        "Globex",
        "Initech",
        "Umbrella",
        "Hooli",
        "Vandelay",
        "Soylent",
        "Tyrell",
        "Wayne",
        "Stark",
        "Cyberdyne",
        "Aperture",
        "Massive",
        "Wonka",
        "Oscorp",
        "Pied",
        "Gringotts",
        "Monarch",
        "Prestige",
    ],
    *(
        f"{a.title()}{b} {kind}"
        for a in SYLLABLES[:12]
        for b in SYLLABLES[12:24]
        for kind in ("Labs", "Motors", "Health")
    ),
]
TITLES = [
    "Engineer",
    "Senior Engineer",
    "Engineering Manager",
    "Product Manager",
    "Designer",
    "Recruiter",
    "Talent Partner",
    "Sales Director",
    "Account Executive",
    "Data Scientist",
    "CTO",
    "CEO",
    "Founder",
    "Analyst",
    "Consultant",
    "Nurse",
    "Teacher",
    "Lawyer",
    "Mechanic",
    "Editor",
    "Photographer",
    "Accountant",
    "Marketing Lead",
    "Researcher",
]
LOCATIONS = [
    "San Francisco, CA",
    "New York, NY",
    "Austin, TX",
    "Seattle, WA",
    "London",
    "Berlin",
    "Paris",
    "Madrid",
    "Lisbon",
    "Toronto",
    "Vancouver",
    "Sydney",
    "Singapore",
    "Tokyo",
    "東京",
    "Bangalore",
    "São Paulo",
    "Mexico City",
    "Chicago, IL",
    "Boston, MA",
    "Denver, CO",
    "Zürich",
    "Amsterdam",
    "Stockholm",
    "Dublin",
]
TOPICS = [
    "cars",
    "car buying",
    "electric cars",
    "resumes",
    "interviewing",
    "hiring",
    "negotiation",
    "salary negotiation",
    "python",
    "machine learning",
    "data science",
    "statistics",
    "design",
    "product management",
    "startups",
    "fundraising",
    "venture capital",
    "real estate",
    "mortgages",
    "taxes",
    "accounting",
    "law",
    "immigration",
    "visas",
    "college applications",
    "kids",
    "parenting",
    "running",
    "marathons",
    "cycling",
    "climbing",
    "cooking",
    "wine",
    "coffee",
    "photography",
    "writing",
    "publishing",
    "public speaking",
    "marketing",
    "seo",
    "sales",
    "recruiting",
    "nursing",
    "medicine",
    "dentists",
    "fitness",
    "yoga",
    "travel",
    "japan",
    "spanish",
    "french",
    "music",
    "guitar",
    "piano",
    "gardening",
    "home repair",
    "plumbing",
    "electricians",
    "woodworking",
    "dogs",
    "cats",
    "chess",
    "board games",
    "investing",
    "crypto",
    "kubernetes",
    "aws",
    "security",
    "rust",
    "go",
    "javascript",
    "react",
    "ios",
    "android",
    "ux research",
    "ecommerce",
    "logistics",
    "supply chain",
    "manufacturing",
    "energy",
    "solar",
    "climate",
    "nonprofits",
    "grant writing",
    "teaching",
    "tutoring",
    "mental health",
    "therapy",
    "insurance",
    "retirement",
    "weddings",
    "event planning",
    "podcasting",
    "video editing",
    "3d printing",
    "drones",
    "sailing",
    "skiing",
    "hiking",
]
SUMMARIES = {
    "deposit": (
        "sent an article on {t}",
        "coffee, talked about {t}",
        "intro to a friend who knows {t}",
        "congrats on the new role",
        "thanks for the help",
        "lunch catch-up",
        "quick call",
        "shared a podcast about {t}",
        "helped with {t}",
    ),
    "withdrawal": (
        "asked for advice on {t}",
        "asked for an intro about {t}",
        "asked for a referral",
        "asked to review my resume",
        "asked about {t}",
    ),
}
KIND_LIST = kinds.KINDS
OBLIGATION_KINDS = ("thanks", "promise", "followup", "loop")
# Most asks get an answer within weeks; only recent ones are still open, as in real life.
ASK_STATUSES = ("granted",) * 6 + ("partly", "declined")


def _birth_year(year: int, birthday: date) -> int:
    """A birth year that has the birthday: 29 February moves to the leap year before."""
    if (birthday.month, birthday.day) == (2, 29) and not calendar.isleap(year):
        return year - year % 4  # 1950..2003 holds no century year, so this one is leap
    return year


def _ask_status(rng: random.Random, day: date, today: date) -> str:
    if (today - day).days <= 30 and rng.random() < 0.5:
        return "open"
    return rng.choice(ASK_STATUSES)


LAPSED_SHARE = 0.02  # older asks never answered: lapsed as reminders, `due` looks past them


PERSON_COLUMNS = [
    "id",
    "name",
    "name_key",
    "email",
    "phone",
    "company",
    "title",
    "location",
    "url",
    "met",
    "prefers",
    "notes",
    "tie",
    "cadence_days",
    "birth_year",
    "birth_month",
    "birth_day",
    "archived",
    "created_on",
    "last_contact",
    "next_due",
    "balance",
    "search_key",
    "nickname",
    "labels",
    "connected_on",
    "uid",
    "via_id",
    "open_ask_since",
    "open_ask_latest",
]
ENTRY_COLUMNS = [
    "id",
    "person_id",
    "day",
    "at",
    "kind",
    "flow",
    "points",
    "summary",
    "is_group",
    "private",
    "created_at",
    "status",
    "answered_on",
    "answer_note",
    "received",
]


def _insert(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _d(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _dt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's DateTime text form


def _t(at: time | None) -> str | None:
    return None if at is None else at.strftime("%H:%M:%S.%f")


@dataclass
class Facts:
    """What the benchmark needs to know about a generated network to run its commands."""

    people: int
    entries: int
    today: date
    show_name: str  # a close tie with a long ledger
    log_name: str  # an unambiguous name to log against
    topic: str  # a topic several people know, not everyone
    overdue: int = 0  # people whose next-due day has passed (what `due` ranks)


POINT_COLUMNS = ["person_id", "kind", "value", "value_key", "label", "is_primary"]
# The share of each tie with further e-mails and phones (1 to 3 of them, labelled), as an
# address book import brings them: most of the close ties, few of a LinkedIn roster.
MORE_POINTS = {"close": 0.6, "casual": 0.3, "roster": 0.04}
POINT_LABELS = {"email": ("work", "home", "other"), "phone": ("mobile", "work", "home")}
_POINT_AT = {"email": 3, "phone": 4, "url": 8}  # the person column holding the primary one


def contact_points(person_rows: list[list], ties: list[str], rng: random.Random) -> list[tuple]:
    """Every person's e-mails, phones and web addresses as contact_point rows, as the
    write paths keep them (store.writes.contact_points): the person's column is the one
    primary point of its kind, and a share of people have 1–3 more, labelled. Someone
    whose column was empty gets their first new point there, as `sync` would put it.
    (Its own random stream: the rest of the network stays as it was generated before.)"""
    rows: list[tuple] = []
    for row, tie in zip(person_rows, ties, strict=True):
        pid = row[0]
        more: list[tuple[str, str]] = []
        if rng.random() < MORE_POINTS[tie]:
            slug = row[2].replace(" ", ".")
            for n in range(rng.randint(1, 3)):
                if rng.random() < 0.5:
                    more.append(("email", f"{slug}{n + 2}@mail{n}.example.org"))
                else:
                    more.append(("phone", f"+44 20 {n}{rng.randrange(10**6):06d}"))
        for kind, value in more:
            if row[_POINT_AT[kind]] is None:
                row[_POINT_AT[kind]] = value
        for kind, at in _POINT_AT.items():
            if row[at] is not None:
                rows.append((pid, kind, row[at], point_key(kind, row[at]), None, 1))
        for kind, value in more:
            if value != row[_POINT_AT[kind]]:
                label = rng.choice(POINT_LABELS[kind])
                rows.append((pid, kind, value, point_key(kind, value), label, 0))
    return rows


def names(count: int, rng: random.Random) -> list[str]:
    """Unique full names; common first names repeat, as they do in real networks."""
    lasts = [a.title() + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "son", "ez")]
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(lasts)}"
        if len(seen) > 0.6 * len(FIRST) * len(lasts):  # nearly full: add a middle initial
            name = f"{rng.choice(FIRST)} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(lasts)}"
        key = fold(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def generate(path: Path, people: int, entries: int, *, today: date, seed: int = 1) -> Facts:
    """Write a network of `people` and `entries` to a new file at `path`."""
    rng = random.Random(seed)
    lapse = random.Random(seed + 2)
    if path.exists():
        raise SystemExit(f"{path} exists; remove it first")
    conn = db.open_db(path)  # the real schema, FTS indexes and triggers included
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")  # rows go in parents first; checked in the test
    conn.execute("BEGIN")

    full_names = names(people, rng)
    ties = ["roster"] * people
    picked = rng.sample(
        range(people), sum(min(int(people * s), cap) for s, cap in TIE_SHARES.values())
    )
    for tie, (share, cap) in TIE_SHARES.items():
        for i in picked[: min(int(people * share), cap)]:
            ties[i] = tie
        picked = picked[min(int(people * share), cap) :]
    start = today - timedelta(days=365 * YEARS_OF_HISTORY)
    span = (today - start).days
    person_rows: list[list] = []
    created: list[date] = []
    search_cache: dict[tuple, str] = {}
    for n, (name, tie) in enumerate(zip(full_names, ties, strict=True), 1):
        created_on = start + timedelta(days=int(span * rng.random() ** 1.5))
        created.append(created_on)
        company = rng.choice(COMPANIES) if rng.random() < 0.85 else None
        title = rng.choice(TITLES) if rng.random() < 0.8 else None
        location = rng.choice(LOCATIONS) if rng.random() < 0.6 else None
        notes = None
        if rng.random() < (0.6 if tie != "roster" else 0.1):
            notes = f"into {rng.choice(TOPICS)}; ask about {rng.choice(TOPICS)}"
        parts = (company, title, location, notes)
        if parts not in search_cache:
            search_cache[parts] = topic_key(" ".join(x for x in parts if x))[:6000]
        close_or_casual = tie != "roster"
        birthday = rng.random() < {"close": 0.7, "casual": 0.4}.get(tie, 0.005)
        bday = date(2000, 1, 1) + timedelta(days=rng.randrange(366)) if birthday else None
        person_rows.append(
            [
                n,
                name,
                fold(name),
                f"{fold(name).replace(' ', '.')}@example.com" if rng.random() < 0.5 else None,
                f"+1 555 {rng.randrange(10**7):07d}"
                if close_or_casual and rng.random() < 0.5
                else None,
                company,
                title,
                location,
                f"https://www.linkedin.com/in/p{n}" if tie == "roster" else None,
                None,
                "evenings, phone" if tie == "close" and rng.random() < 0.3 else None,
                notes,
                tie,
                rng.choice((14, 45, 60, 180)) if close_or_casual and rng.random() < 0.05 else None,
                _birth_year(rng.randrange(1950, 2004), bday)
                if birthday and rng.random() < 0.5
                else None,
                bday.month if bday else None,
                bday.day if bday else None,
                1 if rng.random() < 0.03 else 0,
                _d(created_on),
                None,
                None,
                0,  # last_contact, next_due, balance: filled from the ledger below
                search_cache[parts],
                None,
                None,
                _d(created_on) if tie == "roster" else None,
                None,
                None,
                None,  # open_ask_since, open_ask_latest: filled from the ledger below
                None,
            ]
        )

    # People who have gone quiet: a cadence, and nothing in the ledger for longer than it,
    # so `due` has real overdue people to rank (at least 1,000 at 100,000 people).
    settled = [
        i
        for i, row in enumerate(person_rows)
        if not row[17] and (today - created[i]).days > 2 * max(QUIET_DAYS)
    ]
    quiet = dict.fromkeys(rng.sample(settled, min(len(settled), int(people * OVERDUE_SHARE))), 0)
    for i in quiet:
        quiet[i] = rng.randrange(*QUIET_DAYS)
        if ties[i] == "roster":  # roster ties have no default cadence: this one has its own
            person_rows[i][13] = rng.choice(QUIET_CADENCES)
    # who introduced whom: a few people came through a close or casual tie
    introducers = [i for i, t in enumerate(ties) if t != "roster"]
    if introducers:
        for i in rng.sample(range(people), int(people * INTRODUCED_SHARE)):
            via = rng.choice(introducers)
            person_rows[i][27] = via + 1 if via != i else None

    # the ledger: who (weighted by tie), when (after they were added, more of it recent);
    # streamed into the table in batches, so ten million entries never sit in memory at once
    weights = [
        TIE_ACTIVITY[t] * (0.2 if row[17] else 1.0)
        for t, row in zip(ties, person_rows, strict=True)
    ]
    cum = list(itertools.accumulate(weights))
    last: list[date | None] = [None] * people
    balance = [0] * people
    open_ask: list[date | None] = [None] * people  # each person's oldest open ask
    open_latest: list[date | None] = [None] * people  # and their newest

    def ledger() -> Iterator[tuple]:
        n = 0
        while n < entries:
            for i in rng.choices(range(people), cum_weights=cum, k=min(BATCH, entries - n)):
                n += 1
                yield _entry(n, i)

    def _entry(n: int, i: int) -> tuple:
        first = created[i]
        # the ledger ends yesterday: the morning list is read before anything is logged
        # today (ending today, a fifth of the network counted as done, and `due` showed
        # "done for today" instead of ranking anyone)
        end = today - timedelta(days=1 + quiet.get(i, 0))
        day = end - timedelta(days=int((end - first).days * rng.random() ** 2))
        flow = "deposit" if rng.random() < 0.75 else "withdrawal"
        kind = (
            rng.choice(KIND_LIST)
            if flow == "deposit"
            else rng.choice(("ask", "advice", "intro", "referral"))
        )
        points = kinds.default_points(kind)
        is_group = kind == "event" or rng.random() < 0.05
        at = time(rng.randrange(8, 21), rng.choice((0, 15, 30, 45))) if rng.random() < 0.3 else None
        summary = rng.choice(SUMMARIES[flow]).format(t=rng.choice(TOPICS))
        status = _ask_status(rng, day, today) if flow == "withdrawal" else None
        # an answered ask always has its day, at the latest today (`import json` insists)
        answered = (
            min(day + timedelta(days=rng.randrange(1, 20)), today)
            if status not in (None, "open")
            else None
        )
        # from a stream of its own, so every other value is what it was before lapsed asks
        if status not in (None, "open") and lapse.random() < LAPSED_SHARE:
            status, answered = "open", None
        balance[i] += kinds.signed(flow, points)
        if status == "open":
            if open_ask[i] is None or day < open_ask[i]:
                open_ask[i] = day
            if open_latest[i] is None or day > open_latest[i]:
                open_latest[i] = day
        if cadence.counts_for_cadence(ties[i], is_group) and (last[i] is None or day > last[i]):
            last[i] = day
        return (
            n,
            i + 1,
            _d(day),
            _t(at),
            kind,
            flow,
            points,
            summary,
            int(is_group),
            int(rng.random() < 0.03),
            _dt(datetime.combine(day, at or time(12))),
            status,
            _d(answered),
            None,
            0,
        )

    conn.executemany(_insert("entry", ENTRY_COLUMNS), ledger())

    # stored columns, by the same rules as ledger.refresh
    overdue = 0
    for i, row in enumerate(person_rows):
        row[19] = _d(last[i])
        every = cadence.effective_cadence(row[12], row[13])
        due_on = None if row[17] else cadence.next_due(last[i] or created[i], every)
        row[20] = _d(due_on)
        row[21] = balance[i]
        row[PERSON_COLUMNS.index("open_ask_since")] = _d(open_ask[i])
        row[PERSON_COLUMNS.index("open_ask_latest")] = _d(open_latest[i])
        overdue += due_on is not None and due_on < today
    point_rows = contact_points(person_rows, ties, random.Random(seed + 1))
    conn.executemany(_insert("person", PERSON_COLUMNS), person_rows)
    conn.executemany(_insert("contact_point", POINT_COLUMNS), point_rows)

    strengths = []
    for i, tie in enumerate(ties):
        count = {"close": rng.randint(1, 4), "casual": rng.randint(0, 3)}.get(
            tie, int(rng.random() < 0.05)
        )
        for topic in rng.sample(TOPICS, count):
            strengths.append(
                (i + 1, topic, topic_key(topic), "rebuilt two engines" if topic == "cars" else None)
            )
    strengths += [(None, t, topic_key(t), None) for t in ("resumes", "python", "cooking")]
    conn.executemany(
        "INSERT INTO strength (person_id, topic, topic_key, detail) VALUES (?, ?, ?, ?)", strengths
    )

    obligations, links = [], set()
    active = [i for i, t in enumerate(ties) if t != "roster"] or list(range(people))
    for n in range(max(OPEN_OBLIGATIONS + 1, people // 20)):
        i = rng.choice(active)
        still_open = n < OPEN_OBLIGATIONS
        made = (
            today - timedelta(days=rng.randrange(30))
            if still_open
            else created[i] + timedelta(days=rng.randrange(max(1, (today - created[i]).days)))
        )
        kind = rng.choice(
            ("promise", "promise", "followup", "thanks") if still_open else OBLIGATION_KINDS
        )
        due_on = made + timedelta(days=rng.choice((3, 14, 30, 60))) if kind != "thanks" else None
        done = None if still_open else min(today, made + timedelta(days=rng.randrange(1, 30)))
        obligations.append(
            (
                i + 1,
                kind,
                f"follow up about {rng.choice(TOPICS)}",
                _d(made),
                _d(due_on),
                _d(done),
                None,
                None,
                None,
            )
        )
    conn.executemany(
        "INSERT INTO obligation (person_id, kind, summary, created_on, due_on, done_on, note, "
        "entry_id, other_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        obligations,
    )
    for _ in range(max(1, people // 10)):
        a, b = sorted(rng.sample(range(1, people + 1), 2))
        links.add((a, b))
    conn.executemany(
        "INSERT INTO link (a_id, b_id, context, created_on) VALUES (?, ?, 'met at an event', ?)",
        [(a, b, _d(today - timedelta(days=rng.randrange(span)))) for a, b in sorted(links)],
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()

    close = [i for i, t in enumerate(ties) if t == "close" and not person_rows[i][17]]
    busiest = max(close or range(people), key=lambda i: (last[i] or date.min, i))
    counts = {}
    for row in strengths:
        counts[row[2]] = counts.get(row[2], 0) + 1
    # the topic most people know: the hardest question for who-knows
    topic = max(counts, key=lambda k: (counts[k], k))
    return Facts(
        people=people,
        entries=entries,
        today=today,
        show_name=full_names[busiest],
        log_name=full_names[close[len(close) // 2] if close else 0],
        topic=topic,
        overdue=overdue,
    )


def linkedin_csv(
    path: Path, rows: int = LINKEDIN_ROWS, *, seed: int = 2, today: date | None = None
) -> None:
    """A LinkedIn `Connections.csv` export: the Notes preamble, then one row per connection."""
    rng = random.Random(seed)
    today = today or date.today()
    with path.open("w", newline="", encoding="utf-8") as f:
        f.write(
            'Notes:\n"When exporting your connection data, you may notice that some of the '
            "email addresses are missing. You will only see email addresses for connections "
            'who have allowed their connections to see or download their email address."\n\n'
        )
        out = csv.writer(f)
        out.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        for n, name in enumerate(names(rows, rng)):
            first, _, last = name.partition(" ")
            on = today - timedelta(days=rng.randrange(365 * 12))
            out.writerow(
                [
                    first,
                    last,
                    f"https://www.linkedin.com/in/{fold(name).replace(' ', '-')}-{n}",
                    f"{fold(first)}.{n}@example.com" if rng.random() < 0.1 else "",
                    rng.choice(COMPANIES) if rng.random() < 0.9 else "",
                    rng.choice(TITLES) if rng.random() < 0.9 else "",
                    on.strftime("%d %b %Y"),
                ]
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--linkedin", type=int, metavar="ROWS", help="write a LinkedIn CSV instead")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.linkedin:
        linkedin_csv(args.out, args.linkedin, seed=args.seed)
        return
    facts = generate(args.out, args.people, args.entries, today=date.today(), seed=args.seed)
    sys.stdout.write(f"{facts}\n")


if __name__ == "__main__":
    main()
