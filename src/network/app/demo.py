"""A realistic sample network for trying the tool out (`network demo`).

Everything goes through the ledger API, so the demo data obeys exactly the rules real
data does. Every date is relative to `today`, so the demo always looks current, and
every random choice comes from `random.Random(seed)`, so the same (today, seed) always
builds the same network.

The shape is chosen so each command has something to show: a few close ties, more
casual ones and a LinkedIn-style roster; some people overdue and some not; a birthday
in the next few days; two people you have overdrawn and two you only ever give to;
group get-togethers that do not count as one-on-one time with a close tie; private
entries; and strengths that make `who-knows cars` or `who-knows resumes` useful.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from network.app import agenda as agendas
from network.app.results import Result, doc, view_only
from network.common.errors import BadInput
from network.common.text import fold
from network.domain import cadence
from network.domain.kinds import default_points, signed

if TYPE_CHECKING:
    from network.store.schema import Person

# --- the people ---------------------------------------------------------------------------

# roles: "due" (overdue today), "fresh" (contacted recently), "overdrawn" (you asked more
# than you gave; also overdue), "one-sided" (you only give; also overdue), "quiet" (roster:
# no exchanges at all), "light" (roster: one or two small exchanges).


@dataclass(frozen=True)
class _Seed:
    name: str
    pronoun: str  # "she", "he" or "they"
    tie: str
    role: str
    company: str | None
    title: str | None
    location: str | None
    met: str | None = None
    prefers: str | None = None
    notes: str | None = None
    topics: tuple[tuple[str, str | None], ...] = ()
    cadence_days: int | None = None
    birthday: bool = False
    phone: bool = False


PEOPLE: tuple[_Seed, ...] = (
    # close ties
    _Seed(
        "Maya Chen",
        "she",
        "close",
        "fresh",
        "Stripe",
        "Engineering Manager",
        "San Francisco, CA",
        met="Stanford, same dorm freshman year",
        prefers="evenings, phone",
        notes="two kids, Leo and Ava; training for the NYC marathon",
        topics=(("hiring", "building a payments team"), ("interviewing", None), ("python", None)),
        birthday=True,
        phone=True,
    ),
    _Seed(
        "José Núñez",
        "he",
        "close",
        "due",
        "Núñez Auto Repair",
        "Owner",
        "Queens, NY",
        met="fixed my Civic in 2015, been friends since",
        prefers="text, weekends",
        notes="don't call during shop hours; always knows of a good used car",
        topics=(("cars", "rebuilt two engines"), ("car buying", None)),
        birthday=True,
        phone=True,
    ),
    _Seed(
        "Zoë Müller",
        "she",
        "close",
        "fresh",
        "Figma",
        "Senior Product Designer",
        "Berlin, Germany",
        met="design meetup in Berlin",
        prefers="email at work",
        topics=(("design", "design systems"), ("user research", None)),
        birthday=True,
    ),
    _Seed(
        "Priya Raman",
        "she",
        "close",
        "due",
        "Mount Sinai",
        "Resident Physician",
        "New York, NY",
        met="college roommate",
        prefers="evenings, phone",
        notes="residency hours are brutal; short texts are better than calls",
        topics=(("med school", "matched at Mount Sinai"), ("college applications", None)),
        cadence_days=14,
        birthday=True,
        phone=True,
    ),
    _Seed(
        "Sam Okafor",
        "he",
        "close",
        "overdrawn",
        "Brightline Ventures",
        "Partner",
        "New York, NY",
        met="my first manager at Acme",
        prefers="email at work",
        notes="gave me my first big break; likes hearing how things turned out",
        topics=(("fundraising", "led three seed rounds"), ("hiring", None)),
        birthday=True,
        phone=True,
    ),
    _Seed(
        "Daniel Kim",
        "he",
        "close",
        "due",
        "Kim & Alvarez LLP",
        "Tax Attorney",
        "Chicago, IL",
        met="law school study group",
        prefers="phone, lunchtime",
        topics=(("taxes", None), ("law", "small-business contracts")),
        birthday=True,
    ),
    _Seed(
        "Rachel Goldberg",
        "she",
        "close",
        "fresh",
        "Marquee Group",
        "Events Director",
        "New York, NY",
        met="worked the same product launch party",
        prefers="text, late evenings",
        topics=(
            ("New York nightlife", "knows every door in the Meatpacking District"),
            ("marketing", None),
        ),
        birthday=True,
        phone=True,
    ),
    _Seed(
        "Tom Becker",
        "he",
        "close",
        "fresh",
        "Google",
        "Staff Software Engineer",
        "Seattle, WA",
        met="my brother-in-law",
        prefers="weekends, phone",
        topics=(("technology", None), ("python", "maintains an open-source library")),
        cadence_days=60,
        birthday=True,
    ),
    # casual ties
    _Seed(
        "Sam Patel",
        "he",
        "casual",
        "overdrawn",
        "Stripe",
        "Technical Recruiter",
        "San Francisco, CA",
        met="LinkedIn, then coffee at the Ferry Building",
        prefers="email at work",
        topics=(("resumes", None), ("interviewing", "ex-Amazon recruiter")),
        birthday=True,
    ),
    _Seed(
        "Aisha Mohammed",
        "she",
        "casual",
        "fresh",
        "Columbia University",
        "Admissions Officer",
        "New York, NY",
        met="alumni panel",
        prefers="email at work",
        notes="can't talk specific applicants during reading season (Dec to Mar)",
        topics=(("college applications", "reads two thousand essays a year"),),
        birthday=True,
    ),
    _Seed(
        "Siobhán O'Connor",
        "she",
        "casual",
        "due",
        "Compass",
        "Real Estate Agent",
        "Brooklyn, NY",
        met="sold our neighbours' flat",
        prefers="phone, mornings",
        topics=(("real estate", "Brooklyn brownstones"), ("mortgages", None)),
        birthday=True,
        phone=True,
    ),
    _Seed(
        "François Dubois",
        "he",
        "casual",
        "due",
        "Doctolib",
        "CTO",
        "Paris, France",
        met="speaker dinner at a Paris conference",
        prefers="email, mornings (Paris time)",
        topics=(("technology", None), ("hiring", "grew engineering from 10 to 200")),
        cadence_days=60,
    ),
    _Seed(
        "Kenji Watanabe",
        "he",
        "casual",
        "fresh",
        "Toyota North America",
        "Product Planner",
        "Plano, TX",
        met="car show in Detroit",
        prefers="email",
        topics=(("cars", None), ("EV batteries", None)),
        birthday=True,
    ),
    _Seed(
        "Elena Rossi",
        "she",
        "casual",
        "one-sided",
        "HubSpot",
        "Marketing Director",
        "Boston, MA",
        met="webinar I moderated",
        prefers="email at work",
        topics=(("marketing", "B2B newsletters"), ("SEO", None)),
        birthday=True,
    ),
    _Seed(
        "Marcus Johnson",
        "he",
        "casual",
        "fresh",
        None,
        "Career Coach",
        "Atlanta, GA",
        met="career fair panel",
        prefers="phone, afternoons",
        topics=(
            ("resumes", "former Amazon bar raiser"),
            ("interviewing", None),
            ("salary negotiation", None),
        ),
        phone=True,
    ),
    _Seed(
        "Łukasz Nowak",
        "he",
        "casual",
        "fresh",
        "JetBrains",
        "Developer Advocate",
        "Amsterdam, Netherlands",
        met="PyCon hallway track",
        prefers="chat, workdays",
        topics=(("python", "PyCon speaker"), ("technology", None)),
    ),
    _Seed(
        "Grace Liu",
        "she",
        "casual",
        "due",
        "Plaid",
        "CFO",
        "San Francisco, CA",
        met="intro from Sam Okafor",
        prefers="email at work",
        topics=(("fundraising", None), ("taxes", "startup equity and 83(b) elections")),
        birthday=True,
    ),
    _Seed(
        "Diego Hernández",
        "he",
        "casual",
        "fresh",
        "CarMax",
        "Sales Manager",
        "Austin, TX",
        met="bought my last car from him",
        prefers="text",
        topics=(("car buying", "knows dealer margins"),),
        phone=True,
    ),
    _Seed(
        "Hannah Schmidt",
        "she",
        "casual",
        "due",
        "Deloitte",
        "Tax Manager",
        "Chicago, IL",
        met="Daniel Kim's birthday dinner",
        prefers="email at work",
        topics=(("taxes", None),),
    ),
    _Seed(
        "Omar Haddad",
        "he",
        "casual",
        "fresh",
        "Airbnb",
        "Design Manager",
        "San Francisco, CA",
        met="portfolio review night",
        prefers="email",
        topics=(("design", None), ("hiring", "design hiring")),
    ),
    _Seed(
        "Chloé Martin",
        "she",
        "casual",
        "one-sided",
        "NYU Langone",
        "Medical Student",
        "New York, NY",
        met="mentoring program",
        prefers="text, evenings",
        notes="applying for residency in pediatrics",
        topics=(("med school", None),),
        birthday=True,
    ),
    _Seed(
        "Ben Carter",
        "he",
        "casual",
        "fresh",
        "Carter & Webb LLP",
        "Employment Lawyer",
        "New York, NY",
        met="neighbour in my old building",
        prefers="email, evenings",
        topics=(("law", "employment contracts and non-competes"),),
    ),
    _Seed(
        "Nadia Petrova",
        "she",
        "casual",
        "fresh",
        "Datadog",
        "Data Scientist",
        "New York, NY",
        met="data science meetup",
        prefers="chat",
        topics=(("python", None), ("machine learning", None)),
        birthday=True,
    ),
    _Seed(
        "Alex Rivera",
        "they",
        "casual",
        "due",
        "Eventbrite",
        "Community Manager",
        "New York, NY",
        met="Rachel Goldberg's rooftop party",
        prefers="text, evenings",
        topics=(("New York nightlife", None), ("events", None)),
        phone=True,
    ),
    # the roster: LinkedIn connections, little or no exchange
    _Seed(
        "Kevin O'Brien",
        "he",
        "roster",
        "quiet",
        "Salesforce",
        "Account Executive",
        "Dublin, Ireland",
        met="LinkedIn",
    ),
    _Seed(
        "Fatima Zahra",
        "she",
        "roster",
        "light",
        "McKinsey & Company",
        "Associate",
        "London, UK",
        met="LinkedIn",
        birthday=True,
    ),
    _Seed(
        "Ingrid Larsen",
        "she",
        "roster",
        "quiet",
        "Spotify",
        "Product Manager",
        "Stockholm, Sweden",
        met="LinkedIn",
    ),
    _Seed(
        "Raj Malhotra",
        "he",
        "roster",
        "light",
        "Infosys",
        "Delivery Manager",
        "Bangalore, India",
        met="LinkedIn",
    ),
    _Seed(
        "Sofia Alves",
        "she",
        "roster",
        "quiet",
        "Nubank",
        "Software Engineer",
        "São Paulo, Brazil",
        met="LinkedIn",
    ),
    _Seed(
        "Wei Zhang",
        "he",
        "roster",
        "quiet",
        "ByteDance",
        "Research Scientist",
        "Singapore",
        met="conference badge scan",
    ),
    _Seed(
        "Jordan Taylor",
        "they",
        "roster",
        "quiet",
        "Shopify",
        "UX Researcher",
        "Toronto, Canada",
        met="LinkedIn",
    ),
    _Seed(
        "Mei Tanaka",
        "she",
        "roster",
        "quiet",
        "Sony",
        "Brand Manager",
        "Tokyo, Japan",
        met="LinkedIn",
        birthday=True,
    ),
    _Seed(
        "Carlos Mendoza",
        "he",
        "roster",
        "light",
        "Tesla",
        "Service Advisor",
        "Fremont, CA",
        met="LinkedIn",
    ),
    _Seed(
        "Emily Walsh",
        "she",
        "roster",
        "quiet",
        "Bain & Company",
        "Consultant",
        "Boston, MA",
        met="LinkedIn",
    ),
    _Seed(
        "Noah Friedman",
        "he",
        "roster",
        "light",
        "retired",
        "Former CEO, Acme",
        "Scottsdale, AZ",
        met="Acme, years ago",
        notes="old mentor; a card twice a year",
        cadence_days=180,
    ),
    _Seed(
        "Renée Lefèvre",
        "she",
        "roster",
        "quiet",
        "L'Oréal",
        "Marketing Manager",
        "Paris, France",
        met="LinkedIn",
    ),
)

MY_STRENGTHS: tuple[tuple[str, str | None], ...] = (
    ("hiring", "ran recruiting at two startups"),
    ("resumes", None),
    ("python", None),
)

# What to send someone who knows a topic.
ARTICLES = {
    "cars": "EV batteries",
    "car buying": "leasing versus buying",
    "technology": "AI chips",
    "college applications": "the new essay prompts",
    "resumes": "how ATS filters read resumes",
    "interviewing": "structured interviews",
    "new york nightlife": "the new speakeasy on Orchard St",
    "med school": "residency match rates",
    "hiring": "hiring without resumes",
    "fundraising": "seed valuations this year",
    "real estate": "mortgage rates",
    "mortgages": "rate buydowns",
    "python": "the new Python release",
    "design": "design systems at scale",
    "user research": "remote usability testing",
    "marketing": "B2B newsletters",
    "seo": "search after AI overviews",
    "law": "the FTC non-compete rule",
    "taxes": "home-office deductions",
    "ev batteries": "solid-state batteries",
    "salary negotiation": "pay transparency laws",
    "machine learning": "small language models",
    "events": "ticketing fees",
}
GENERIC_ARTICLES = ("remote work", "a good leadership essay", "the job market", "networking")

ASK_COMPANIES = ("Stripe", "Figma", "a Series A fintech", "Mount Sinai", "Google", "Airbnb")
RESTAURANTS = ("Via Carota", "Katz's", "Balthazar", "a ramen place near the office", "Carbone")
CAFES = ("Blue Bottle", "Joe Coffee", "the café by the office", "Ralph's Coffee")

GROUP_EVENTS = (
    # (days ago range, kind, summary)
    ((240, 300), "event", "alumni happy hour"),
    ((150, 200), "meal", "team dinner at Carbone"),
    ((60, 100), "event", "PyCon meetup after-party"),
    ((5, 14), "event", "Rachel's rooftop party"),
)

PRIVATE = {
    "Elena Rossi": "told me in confidence layoffs are coming at HubSpot",
    "Daniel Kim": "going through a divorce; asked me to keep it quiet",
    "Grace Liu": "shared the company's runway numbers in confidence",
    "Sam Okafor": "thinking about leaving Brightline; not public yet",
}

DEPOSIT_WEIGHTS = {
    "close": {
        "coffee": 4,
        "call": 4,
        "meal": 3,
        "email": 2,
        "article": 3,
        "congrats": 1,
        "thanks": 1,
        "help": 2,
        "intro": 1,
        "referral": 1,
    },
    "casual": {
        "email": 3,
        "article": 3,
        "coffee": 3,
        "call": 2,
        "congrats": 2,
        "thanks": 1,
        "intro": 1,
        "referral": 1,
        "help": 1,
        "meal": 1,
    },
    "roster": {"congrats": 3, "email": 2, "article": 1},
}
WITHDRAWAL_WEIGHTS = {"advice": 4, "ask": 3, "intro": 2, "referral": 1}
ASK_RATE = {"close": 0.15, "casual": 0.2, "roster": 0.0}


@dataclass
class _Planned:
    day: date
    flow: str
    kind: str
    summary: str
    at: time | None = None
    is_group: bool = False
    private: bool = False


# --- wording ------------------------------------------------------------------------------

_PRONOUNS = {
    "she": ("she", "her", "her"),
    "he": ("he", "him", "his"),
    "they": ("they", "them", "their"),
}


class _Words:
    """Summaries for one person, drawn from what they know and where they work."""

    def __init__(self, rng: random.Random, seed: _Seed, others: list[_Seed]) -> None:
        self.rng = rng
        self.seed = seed
        self.others = others
        self.subj, self.obj, self.pos = _PRONOUNS[seed.pronoun]
        self.topics = [t for t, _ in seed.topics]

    def _topic(self) -> str | None:
        return self.rng.choice(self.topics) if self.topics else None

    def _article(self) -> str:
        topic = self._topic()
        return ARTICLES.get(fold(topic), topic) if topic else self.rng.choice(GENERIC_ARTICLES)

    def _other(self) -> _Seed:
        return self.rng.choice(self.others)

    def deposit(self, kind: str) -> str:
        r, topic = self.rng, self._topic()
        is_ = "are" if self.subj == "they" else "is"
        match kind:
            case "coffee":
                options = [
                    f"coffee at {r.choice(CAFES)}, caught up",
                    f"coffee chat, {self.subj}'s hiring"
                    if self.subj != "they"
                    else "coffee chat, they're hiring",
                    f"morning coffee near {self.pos} office",
                ]
                if topic:
                    options.append(f"coffee, talked {topic}")
            case "call":
                options = [
                    "catch-up call",
                    "quick call after the promotion",
                    f"called to check in, {self.subj} {is_} thinking about a move",
                ]
                if topic:
                    options.append(f"call about {topic}")
            case "meal":
                place = r.choice(RESTAURANTS)
                options = [f"lunch at {place}", f"dinner at {place}"]
            case "email":
                options = [
                    "email check-in",
                    f"sent a job posting that fits {self.obj}",
                    "shared notes from a conference",
                ]
            case "article":
                return f"sent article on {self._article()}"
            case "congrats":
                options = [
                    "congrats on the new role",
                    "congrats on the promotion",
                    "congrats on the launch",
                    "congrats on the work anniversary",
                ]
            case "thanks":
                options = [
                    "thank-you note for the advice",
                    "thanked for the intro",
                    "handwritten thank-you card",
                ]
            case "help":
                options = [
                    f"helped {self.obj} prep for an interview",
                    f"reviewed {self.pos} pitch deck",
                    f"gave feedback on {self.pos} portfolio",
                    f"proofread {self.pos} cover letter",
                ]
            case "intro":
                other = self._other()
                first = other.name.split()[0]
                where = f" at {other.company}" if other.company else ""
                return f"intro to {first}{where}"
            case "referral":
                options = [
                    f"referred {self.obj} for an opening at {r.choice(ASK_COMPANIES)}",
                    "referred a friend as a client",
                ]
            case _:
                options = ["note"]
        return r.choice(options)

    def withdrawal(self, kind: str) -> str:
        r, topic = self.rng, self._topic()
        match kind:
            case "advice":
                return f"asked for advice on {topic}" if topic else "asked for career advice"
            case "ask":
                return r.choice(
                    [
                        "asked for resume feedback",
                        "asked to look over my cover letter",
                        "asked for a quick favour",
                        "asked to speak on my panel",
                    ]
                )
            case "intro":
                return f"asked for an intro to someone at {r.choice(ASK_COMPANIES)}"
            case _:
                where = self.seed.company or "their company"
                return f"asked for a referral at {where}"


# --- building -----------------------------------------------------------------------------


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    kinds = list(weights)
    return rng.choices(kinds, weights=[weights[k] for k in kinds])[0]


def _time_for(rng: random.Random, kind: str, summary: str) -> time | None:
    """A plausible time of day for the entry, or None (most entries have no time)."""
    if kind == "coffee":
        hours = (8, 9, 10) if "morning" in summary else (8, 9, 10, 15, 16)
        return time(rng.choice(hours), rng.choice((0, 15, 30)))
    if kind == "meal":
        hours = (12, 13) if summary.startswith("lunch") else (19, 20)
        return time(rng.choice(hours), rng.choice((0, 30)))
    if kind == "call" and rng.random() < 0.6:
        return time(rng.randint(9, 18), rng.choice((0, 30)))
    return None


def _birthday(rng: random.Random) -> tuple[int | None, int, int]:
    day = date(2001, 1, 1) + timedelta(days=rng.randrange(365))  # never Feb 29
    year = rng.randint(1962, 1999) if rng.random() < 0.65 else None
    return year, day.month, day.day


def _soon_birthday(on: date, year: int | None) -> tuple[int | None, int, int]:
    if (on.month, on.day) == (2, 29) and year is not None:
        year = 1992  # a leap year
    return year, on.month, on.day


def _contact_plan(
    rng: random.Random, seed: _Seed, created: date, today: date
) -> tuple[date | None, int]:
    """The last one-on-one contact day and how many entries to log for someone."""
    every = cadence.effective_cadence(seed.tie, seed.cadence_days)
    span = (today - created).days
    if seed.role == "quiet":
        return None, 0
    if seed.role == "light":
        gap = rng.randint(20, min(every - 10, span - 10) if every else span - 10)
        return today - timedelta(days=gap), rng.randint(1, 2)
    assert every is not None
    if seed.role == "fresh":
        gap = rng.randint(0, max(0, every - 5))
    else:  # due, overdrawn, one-sided: overdue today
        gap = rng.randint(every + 1, min(every * 2 + 10, span - 30))
    count = rng.randint(14, 22) if seed.tie == "close" else rng.randint(5, 10)
    if seed.role == "one-sided":
        count += 3
    return today - timedelta(days=gap), count


def _plan_person(
    rng: random.Random, seed: _Seed, words: _Words, created: date, last: date | None, count: int
) -> list[_Planned]:
    if last is None or count == 0:
        return []
    span = (last - created).days
    earlier = sorted(rng.sample(range(span), min(count - 1, span))) if span > 0 else []
    days = [created + timedelta(days=d) for d in earlier] + [last]
    rate = {"overdrawn": 0.4, "one-sided": 0.0}.get(seed.role, ASK_RATE[seed.tie])
    deposits = DEPOSIT_WEIGHTS[seed.tie]
    plan: list[_Planned] = []
    balance = 0
    for day in days:
        flow = "withdrawal" if rng.random() < rate else "deposit"
        kind = _pick(rng, WITHDRAWAL_WEIGHTS if flow == "withdrawal" else deposits)
        points = signed(flow, default_points(kind))
        if flow == "withdrawal" and seed.role != "overdrawn" and balance + points < 0:
            # deposits before withdrawals: give first
            flow, kind = "deposit", _pick(rng, deposits)
            points = signed(flow, default_points(kind))
        summary = words.withdrawal(kind) if flow == "withdrawal" else words.deposit(kind)
        plan.append(_Planned(day, flow, kind, summary, _time_for(rng, kind, summary)))
        balance += points
    secret = PRIVATE.get(seed.name)
    if secret:
        spot = next((p for p in reversed(plan) if p.flow == "deposit"), None)
        if spot is not None:
            spot.kind, spot.summary, spot.private = "call", secret, True
            spot.at = time(20, 0)
    return plan


def _overdraw(rng: random.Random, plan: list[_Planned], words: _Words) -> None:
    """Add asks until the balance is below zero (for the people you lean on too hard)."""
    balance = sum(signed(p.flow, default_points(p.kind)) for p in plan)
    solo = [p.day for p in plan if not p.is_group]
    while balance > -3:
        kind = _pick(rng, WITHDRAWAL_WEIGHTS)
        plan.append(_Planned(rng.choice(solo), "withdrawal", kind, words.withdrawal(kind)))
        balance -= default_points(kind)


def _plan_groups(
    rng: random.Random,
    seeds: list[_Seed],
    created: dict[str, date],
    last: dict[str, date | None],
    today: date,
) -> dict[str, list[_Planned]]:
    """Group get-togethers: close ties may come after their last one-on-one (it doesn't count)."""
    out: dict[str, list[_Planned]] = {}
    for (lo, hi), kind, summary in GROUP_EVENTS:
        day = today - timedelta(days=rng.randint(lo, hi))
        eligible = [
            s
            for s in seeds
            if s.tie != "roster"
            and last[s.name] is not None
            and created[s.name] <= day
            and (s.tie == "close" or day <= last[s.name])
        ]
        at = time(19, 0) if kind == "meal" else time(18, 30)
        guests = rng.sample(eligible, min(len(eligible), rng.randint(3, 5)))
        if lo < 30:
            # the latest party includes an overdue close friend: it must not reset their cadence
            overdue = [s for s in eligible if s.tie == "close" and s.role in ("due", "overdrawn")]
            if overdue and not any(g in overdue for g in guests):
                guests.append(rng.choice(overdue))
        for guest in guests:
            out.setdefault(guest.name, []).append(
                _Planned(day, "deposit", kind, summary, at, is_group=True)
            )
    return out


@dataclass(frozen=True)
class Counts:
    """What a demo build added."""

    people: int
    entries: int
    strengths: int


@dataclass
class Demo(Result):
    """The demo network built, and today's agenda on it (`network demo`).

    The --json document is the agenda alone, exactly as `network due --json` prints it.
    """

    JSON_ROOT = "agenda"

    agenda: agendas.Agenda = doc("today's agenda on the demo network, as in `network due --json`")
    path: Path = view_only()
    counts: Counts = view_only()


def is_replaceable(path: Path) -> bool:
    """Only a missing or empty file, or one the demo itself built, may be rebuilt."""
    from network.store.writes import demo as demo_file

    if not path.exists():
        return True
    if path.is_file() and path.stat().st_size == 0:
        return True
    return demo_file.is_demo_file(path)


def create(target: Path, own_db: Path, today: date, budget: int | None, seed: int = 7) -> Demo:
    """Rebuild the demo network at `target` (never `own_db`) and read today's agenda on it."""
    from network.store.writes import demo as demo_file

    if target.resolve() == own_db.resolve():
        raise BadInput(f"{target} is your own database", "give the demo another --path")
    if not is_replaceable(target):
        raise BadInput(f"{target} exists and is not a demo network", "give a new --path")
    demo_file.remove(target)
    counts = build(target, today, seed)
    return Demo(agenda=agendas.agenda(target, today, budget), path=target, counts=counts)


def build(path: Path, today: date, seed: int = 7) -> Counts:
    """Fill the empty database at `path` with a sample network, in one transaction."""
    from network.store import connection as db

    with db.write_session(path) as session:
        return _fill(session, today, seed)


def _fill(session: Any, today: date, seed: int) -> Counts:
    """Add the sample network through the ledger's own write functions."""
    from network.store.writes import demo as demo_file
    from network.store.writes import ledger

    if demo_file.has_people(session):
        raise BadInput("the database already has people in it", "build the demo in a new file")
    demo_file.mark(session)
    rng = random.Random(seed)
    seeds = list(PEOPLE)
    connected = [s for s in seeds if s.tie != "roster"]

    created: dict[str, date] = {}
    plans: dict[str, list[_Planned]] = {}
    last: dict[str, date | None] = {}
    words: dict[str, _Words] = {}
    for s in seeds:
        created[s.name] = today - timedelta(days=rng.randint(355, 385))
        last[s.name], count = _contact_plan(rng, s, created[s.name], today)
        words[s.name] = _Words(rng, s, [o for o in connected if o.name != s.name])
        plans[s.name] = _plan_person(rng, s, words[s.name], created[s.name], last[s.name], count)
    for name, extra in _plan_groups(rng, seeds, created, last, today).items():
        plans[name].extend(extra)
    for s in seeds:
        if s.role == "overdrawn":
            _overdraw(rng, plans[s.name], words[s.name])

    # birthdays: about half, and two within the coming week (one in two days)
    with_birthday = [s for s in seeds if s.birthday]
    birthdays = {s.name: _birthday(rng) for s in with_birthday}
    soon = [s for s in with_birthday if s.tie != "roster"]
    first, second = rng.sample(soon, 2)
    birthdays[first.name] = _soon_birthday(today + timedelta(days=2), rng.randint(1975, 1995))
    birthdays[second.name] = _soon_birthday(today + timedelta(days=rng.randint(4, 6)), None)

    strengths = 0
    for topic, detail in MY_STRENGTHS:
        strengths += len(ledger.add_strengths(session, None, [topic], detail))

    entries = 0
    people: list[Person] = []
    for s in seeds:
        profile = ledger.Profile(
            name=s.name,
            email=_email(s),
            phone=f"+1 555 01{rng.randint(0, 99):02d}" if s.phone else None,
            company=s.company,
            title=s.title,
            location=s.location,
            url=f"https://www.linkedin.com/in/{fold(s.name).replace(' ', '-').replace(chr(39), '')}"
            if s.tie == "roster"
            else None,
            met=s.met,
            prefers=s.prefers,
            notes=s.notes,
            tie=s.tie,
            cadence_days=s.cadence_days,
            birthday=birthdays.get(s.name),
        )
        person = ledger.add_person(session, profile, created[s.name])
        people.append(person)
        for topic, detail in s.topics:
            strengths += len(ledger.add_strengths(session, person.id, [topic], detail))
        for item in sorted(plans[s.name], key=lambda p: (p.day, p.at or time(12))):
            new = ledger.NewEntry(
                summary=item.summary,
                flow=item.flow,
                day=item.day,
                at=item.at,
                kind=item.kind,
                is_group=item.is_group,
                private=item.private,
            )
            now = datetime.combine(item.day, item.at or time(12))
            ledger.log_entry(session, person.id, new, now=now)
            entries += 1
    entries += _close_loops(session, rng, people, today)
    for person in people:
        ledger.refresh(session, person, today)
    session.flush()
    return Counts(people=len(people), entries=entries, strengths=strengths)


def _close_loops(session: Any, rng: random.Random, people: list[Person], today: date) -> int:
    """Give the year's asks outcomes and leave a few obligations open, as real life does.

    Most asks were granted and thanked a few days later; one was declined; the last
    couple are still open; two thank-yous are still owed; one promise is overdue, one
    is due this week; one introduction awaits its follow-up. Returns entries added.
    """
    from network.store.writes import demo as demo_file
    from network.store.writes import obligations

    added = 0
    asks = demo_file.open_asks(session)
    settled = asks[:-2]  # the two most recent stay open
    for n, ask in enumerate(settled):
        answered = min(today, ask.day + timedelta(days=rng.randint(1, 5)))
        outcome = "declined" if n == len(settled) // 2 else ("partly" if n % 7 == 3 else "granted")
        obligations.answer(session, ask.id, outcome, None, answered)
        if outcome == "declined" or n >= len(settled) - 2:
            continue  # the last two thank-yous are still owed
        thanked = min(today, answered + timedelta(days=rng.randint(0, 3)))
        now = datetime.combine(thanked, time(18))
        obligations.thank(session, ask.person_id, None, thanked, None, now)
        added += 1

    close = [p for p in people if p.tie == "close"]
    casual = [p for p in people if p.tie == "casual"]
    late, soon = rng.sample(close, 2)
    obligations.promise(
        session,
        late.id,
        "send the deck from the offsite",
        today - timedelta(days=3),
        today - timedelta(days=12),
    )
    obligations.promise(
        session,
        soon.id,
        "share my notes on hiring loops",
        today + timedelta(days=4),
        today - timedelta(days=2),
    )
    a, b = rng.sample(casual, 2)
    day = today - timedelta(days=16)
    obligations.intro(
        session, a.id, b.id, "both work on hiring", day, 14, datetime.combine(day, time(10))
    )
    return added + 2


DOMAINS = {
    "Núñez Auto Repair": "nunezauto.com",
    "Mount Sinai": "mountsinai.org",
    "Brightline Ventures": "brightline.vc",
    "Kim & Alvarez LLP": "kimalvarez.com",
    "Marquee Group": "marqueegroup.com",
    "Columbia University": "columbia.edu",
    "NYU Langone": "nyulangone.org",
    "Carter & Webb LLP": "carterwebb.com",
    "Toyota North America": "toyota.com",
}


def _email(s: _Seed) -> str | None:
    """A work address for the people you actually talk to (the roster has none)."""
    if s.tie == "roster":
        return None
    local = ".".join(fold(s.name).replace("'", "").split())
    if not s.company:
        return f"{local}@gmail.com"
    domain = DOMAINS.get(s.company) or fold(s.company).replace(" ", "") + ".com"
    return f"{local}@{domain}"
