"""`network who-knows TOPIC`: who can help, and whom it is fair to ask now."""

from __future__ import annotations

from typing import Annotated

import typer

from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json, Limit
from network.cli.views import output

DEFAULT_SHOWN = 10


def register(app: typer.Typer) -> None:
    """Add the command to the app."""

    @app.command("who-knows")
    @guarded
    def who_knows(
        topic: Annotated[
            str, typer.Argument(metavar="TOPIC", help="What you need help with: cars, resumes…")
        ],
        limit: Limit = None,
        json: Json = False,
    ) -> None:
        """People who know a topic, ranked by fit and by relationship health.

        Matches strengths ignoring case, plurals and accents ("car" finds "cars" and
        "car buying"); company, title and notes count for less. Each row says why it
        ranks where it does and whether it is fair to ask now. Someone you lean on
        (3 asks in 90 days) ranks lower and says so. Someone you barely know shows
        the best-placed person you know well who knows them ("via Alice — close, +6").

        A terminal shows the best 10 (--limit N for more); --json lists everyone.

        Example: network who-knows cars --limit 5
        """
        from network.common.errors import BadInput
        from network.common.text import topic_key
        from network.domain import ranking
        from network.store import connection as db
        from network.store.reads import obligations as obligation_queries
        from network.store.reads import people as queries

        if not topic_key(topic):
            raise BadInput("the topic is empty", "give a word, like: network who-knows cars")
        today = state.today()
        with db.reading(state.db_path()) as reader:
            found = queries.candidates(reader, queries.topic_matches(reader, topic), today)
            # one step further: people you barely know, reached through someone you know well
            barely = [c.id for c in found if ranking.barely_known(c.tie, c.balance)]
            known = obligation_queries.acquaintances(reader, barely) if barely else {}
            ranking.attach_bridges(found, known)
            ranked = ranking.rank(found, today)
            mine = [
                s
                for s in queries.strengths(reader, None).get(None, [])
                if topic_key(topic) in topic_key(s["topic"])
            ]
        # a terminal shows the best few (a popular topic can match hundreds); JSON has all
        shown = limit or (None if json else DEFAULT_SHOWN)
        more = max(0, len(ranked) - shown) if shown else 0
        if shown:
            ranked = ranked[:shown]
        if json:
            output.emit_json(
                {
                    "topic": topic,
                    "you": [s["topic"] for s in mine],
                    "items": [
                        {
                            "id": c.id,
                            "name": c.name,
                            "score": c.score,
                            "tie": c.tie,
                            "balance": c.balance,
                            "last_contact": c.last_contact,
                            "matched": c.matched,
                            "asks_recent": c.asks_recent,
                            "fair_to_ask": c.fair,
                            "prefers": c.prefers,
                            "reasons": c.reasons,
                            "via": c.via,
                        }
                        for c in ranked
                    ],
                }
            )
            return
        if mine:
            output.message(f"You know this yourself: {', '.join(s['topic'] for s in mine)}")
        if not ranked:
            output.message(
                f'Nobody in your network is known for "{topic}". '
                f'Record strengths with: network knows PERSON "{topic}"'
            )
            return
        output.table(
            ["#", "who", "why", "fair to ask?"],
            [[n, c.name, " · ".join(c.reasons), c.fair] for n, c in enumerate(ranked, 1)],
            title=f"Who knows {topic}",
            caption=f"{more} more — network who-knows {topic!r} --limit N" if more else None,
        )
