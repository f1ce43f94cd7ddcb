"""Who on the team knows someone who knows a topic, and whom to ask for the introduction.

Pure rules over what the team directory publishes (names, companies, ties, strengths):
the same person kept by several members is one row, found by folded name and company;
the member with the closest tie is the one to ask.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# closest first: whom to ask for an introduction
TIE_ORDER = {"close": 0, "casual": 1, "roster": 2}
# how well a published row fits the topic: a strength named so, one holding the words,
# one starting with them, then company/title/location
EXACT, WORDS, PREFIX, PROFILE = 1.0, 0.8, 0.5, 0.4


@dataclass
class TeamContact:
    """One person as the team knows them."""

    name: str
    company: str | None
    fit: float = 0.0
    matched: list[str] = field(default_factory=list)
    known_to: list[tuple[str, str]] = field(default_factory=list)  # (member, tie)

    @property
    def ask(self) -> str:
        """The member to ask for an introduction: the closest tie, then by name."""
        return min(self.known_to, key=lambda k: (TIE_ORDER.get(k[1], 9), k[0]))[0]


def fit(key: str, row_key: str | None, from_strength: bool) -> float:
    """How well one published row fits the topic key (0 when it does not)."""
    if row_key is None:
        return 0.0
    if not from_strength:
        return PROFILE
    if row_key == key:
        return EXACT
    return WORDS if f" {key} " in f" {row_key} " else PREFIX


def gather(key: str, rows: list[dict]) -> list[TeamContact]:
    """Directory rows (one per person × strength) as people, best fit and most known first."""
    people: dict[tuple[str, str], TeamContact] = {}
    for row in rows:
        ident = (row["name_key"], (row["company"] or "").casefold())
        contact = people.setdefault(ident, TeamContact(name=row["name"], company=row["company"]))
        from_strength = row["topic_key"] is not None
        score = fit(key, row["topic_key"] if from_strength else "", from_strength)
        contact.fit = max(contact.fit, score)
        if from_strength:
            label = row["topic"] + (f" ({row['detail']})" if row["detail"] else "")
            if label not in contact.matched:
                contact.matched.append(label)
        knower = (row["member"], row["tie"])
        if knower not in contact.known_to:
            contact.known_to.append(knower)
    for contact in people.values():
        contact.known_to.sort(key=lambda k: (TIE_ORDER.get(k[1], 9), k[0]))
        if not contact.matched:
            contact.matched = ["company or title"]
    return sorted(people.values(), key=lambda c: (-c.fit, -len(c.known_to), c.name))
