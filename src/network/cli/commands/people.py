"""Managing people and their strengths: add, edit, archive, rm, knows, forget, show, people."""

from __future__ import annotations

from typing import Annotated

import typer

from network.cli import state
from network.cli.guard import guarded
from network.cli.options import (
    Birthday,
    Company,
    Email,
    Every,
    Json,
    Knows,
    Location,
    Met,
    Note,
    PersonArg,
    Phone,
    Prefers,
    Tie,
    Title,
    Url,
)
from network.cli.views import output


def _profile(
    *,
    name=None,
    company=None,
    title=None,
    email=None,
    phone=None,
    url=None,
    location=None,
    tie=None,
    every=None,
    birthday=None,
    met=None,
    prefers=None,
    note=None,
):
    """Check every option and build a ledger.Profile (nothing is written yet)."""
    from network.common import dates
    from network.domain import fields
    from network.store.writes import ledger

    return ledger.Profile(
        name=fields.clean(name, "name", required=True) if name is not None else None,
        email=(fields.clean_email(email) or "") if email is not None else None,
        phone=_opt(phone, "phone"),
        company=_opt(company, "company"),
        title=_opt(title, "title"),
        location=_opt(location, "location"),
        url=_opt(url, "url"),
        met=_opt(met, "met"),
        prefers=_opt(prefers, "prefers"),
        notes=_opt(note, "note", multiline=True),
        tie=ledger.check_tie(tie) if tie is not None else None,
        # '' clears a field: the own cadence (back to the tie's default) and the birthday too
        cadence_days=(0 if every.strip() in ("", "0") else dates.parse_cadence(every))
        if every is not None
        else None,
        birthday=(
            (None, None, None)
            if not birthday.strip()
            else dates.parse_birthday(birthday, today=state.today())
        )
        if birthday is not None
        else None,
    )


def _opt(value: str | None, field: str, multiline: bool = False) -> str | None:
    """None stays 'not given'; an empty string given on purpose clears the field."""
    from network.domain.fields import clean

    if value is None:
        return None
    return clean(value, field, multiline=multiline) or ""


def _default_tie() -> str:
    """The tie `add` gives without --tie: default_tie in the settings, else casual."""
    from network.common import config

    return config.load().default_tie


def _last_spoke(session, person_id: int, last: str) -> None:
    """--last: when you last spoke, so their rhythm counts from then (issue 11)."""
    from network.common import dates
    from network.store.writes import agenda

    day = dates.parse_day(last, state.today())
    agenda.record_last_spoke(session, person_id, day, state.now())


def _topics(knows: str | None) -> list[str]:
    from network.domain.fields import clean_topics

    return clean_topics([knows]) if knows else []


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""

    @app.command()
    @guarded
    def add(
        name: Annotated[str, typer.Argument(metavar="NAME", help="Their full name.")],
        company: Company = None,
        title: Title = None,
        email: Email = None,
        phone: Phone = None,
        url: Url = None,
        location: Location = None,
        tie: Tie = None,
        every: Every = None,
        knows: Knows = None,
        birthday: Birthday = None,
        met: Met = None,
        prefers: Prefers = None,
        note: Note = None,
        via: Annotated[
            str | None,
            typer.Option(
                "--via", metavar="PERSON", help="Who introduced you (you will report back to them)."
            ),
        ] = None,
        last: Annotated[
            str | None,
            typer.Option(
                "--last",
                metavar="DATE",
                help="When you last spoke (2026-10-03, '3 weeks ago'): their rhythm counts from it.",
            ),
        ] = None,
    ) -> None:
        """Add someone to your network.

        Ties set how often to keep in touch: close every 30 days, casual every 90,
        roster never (unless --every says otherwise). --via records who introduced
        you, and reminds you to tell them how it went once something comes of it.

        Example: network add "Alice Chen" --company Acme --tie close --knows cars,resumes --birthday 04-03
        """
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import ledger, obligations

        profile = _profile(
            name=name,
            company=company,
            title=title,
            email=email,
            phone=phone,
            url=url,
            location=location,
            tie=tie or _default_tie(),
            every=every,
            birthday=birthday,
            met=met,
            prefers=prefers,
            note=note,
        )
        topics = _topics(knows)
        with db.write_session(state.db_path()) as session:
            via_name = None
            if via is not None:
                via_id, via_name = queries.find_person(db.SessionReader(session), via)
            person = ledger.add_person(session, profile, state.today())
            ledger.add_strengths(session, person.id, topics, None)
            if last is not None:
                _last_spoke(session, person.id, last)
            if via is not None:
                obligations.set_via(session, person.id, via_id, state.today())
            added, tie_set = person.name, person.tie
        extra = f", knows {', '.join(topics)}" if topics else ""
        extra += f", introduced by {via_name}" if via_name else ""
        output.message(f"Added {added} ({tie_set}{extra}).")
        if via_name:
            output.message(f"Once something comes of it, tell {via_name} how it went.")

    @app.command()
    @guarded
    def edit(
        person: PersonArg,
        name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
        company: Company = None,
        title: Title = None,
        email: Email = None,
        phone: Phone = None,
        url: Url = None,
        location: Location = None,
        tie: Tie = None,
        every: Every = None,
        knows: Knows = None,
        birthday: Birthday = None,
        met: Met = None,
        prefers: Prefers = None,
        note: Note = None,
        last: Annotated[
            str | None,
            typer.Option(
                "--last",
                metavar="DATE",
                help="When you last spoke (2026-10-03, '3 weeks ago'): their rhythm counts from it.",
            ),
        ] = None,
    ) -> None:
        """Change someone's details; only the options given change ('' clears a field).

        Example: network edit alice --title "VP Engineering" --every 2w
        """
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import ledger

        profile = _profile(
            name=name,
            company=company,
            title=title,
            email=email,
            phone=phone,
            url=url,
            location=location,
            tie=tie,
            every=every,
            birthday=birthday,
            met=met,
            prefers=prefers,
            note=note,
        )
        topics = _topics(knows)
        with db.write_session(state.db_path()) as session:
            person_id, _ = queries.find_person(db.SessionReader(session), person)
            changed = ledger.edit_person(session, person_id, profile, state.today())
            ledger.add_strengths(session, person_id, topics, None)
            if last is not None:
                _last_spoke(session, person_id, last)
            shown = changed.name
        output.message(f"Updated {shown}.")

    @app.command()
    @guarded
    def archive(
        person: PersonArg,
        undo: Annotated[bool, typer.Option("--undo", help="Bring them back.")] = False,
    ) -> None:
        """Archive someone: kept with their history, hidden from due and who-knows.

        Example: network archive "Old Colleague"   (and back: --undo)
        """
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import ledger

        with db.write_session(state.db_path()) as session:
            person_id, _ = queries.find_person(db.SessionReader(session), person)
            changed = ledger.set_archived(session, person_id, not undo, state.today())
            shown = changed.name
        output.message(f"{'Restored' if undo else 'Archived'} {shown}.")

    @app.command()
    @guarded
    def rm(
        person: PersonArg,
        yes: Annotated[
            bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")
        ] = False,
    ) -> None:
        """Delete someone and their whole history (asks first; consider archive instead).

        Example: network rm "Spam Contact" --yes
        """
        from network.common.errors import BadInput
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import ledger

        path = state.db_path()
        if not yes:
            import sys

            # confirm before taking the write lock, so an open prompt blocks no one
            with db.reading(path) as reader:
                _, name = queries.find_person(reader, person)
            if not sys.stdin.isatty():
                raise BadInput(f"not deleting {name} without confirmation", "add --yes to confirm")
            if not typer.confirm(f"Delete {name} and all their entries?", default=False, err=True):
                output.message("Nothing deleted.")
                return
        with db.write_session(path) as session:
            person_id, _ = queries.find_person(db.SessionReader(session), person)
            name, count = ledger.remove(session, person_id)
        output.message(f"Deleted {name} and {count} entr{'y' if count == 1 else 'ies'}.")

    @app.command()
    @guarded
    def knows(
        person: Annotated[
            str | None, typer.Argument(metavar="PERSON", help="Whose strength (omit with --me).")
        ] = None,
        topics: Annotated[
            list[str] | None, typer.Argument(metavar="TOPIC...", help="One or more topics.")
        ] = None,
        me: Annotated[bool, typer.Option("--me", help="Record your own strengths.")] = False,
        detail: Annotated[
            str | None, typer.Option("--detail", metavar="TEXT", help="e.g. 'rebuilt two engines'.")
        ] = None,
    ) -> None:
        """Record what someone is strong at (or you, with --me).

        Examples:

          network knows alice cars "car buying" --detail "rebuilt two engines"

          network knows --me resumes interviewing
        """
        from network.common.errors import BadInput
        from network.domain import fields
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import ledger

        words = list(topics or [])
        if me:
            if person is not None:
                words.insert(0, person)
            person = None
        elif person is None:
            raise BadInput("whose strength?", "give a PERSON, or --me for your own")
        cleaned = fields.clean_topics(words)
        if not cleaned:
            raise BadInput("no topic given", "name at least one, e.g. network knows alice cars")
        detail_text = fields.clean(detail, "detail")
        with db.write_session(state.db_path()) as session:
            person_id, name = (
                (None, "You")
                if person is None
                else queries.find_person(db.SessionReader(session), person)
            )
            added = ledger.add_strengths(session, person_id, cleaned, detail_text)
        if added:
            output.message(f"{name} know{'' if person_id is None else 's'}: {', '.join(added)}.")
        else:
            output.message(
                f"Already recorded for {name}{' (detail updated)' if detail_text else ''}."
            )

    @app.command()
    @guarded
    def forget(
        person: Annotated[
            str | None, typer.Argument(metavar="PERSON", help="Whose strength (omit with --me).")
        ] = None,
        topic: Annotated[
            str | None, typer.Argument(metavar="TOPIC", help="The topic to remove.")
        ] = None,
        me: Annotated[bool, typer.Option("--me", help="Remove one of your own strengths.")] = False,
    ) -> None:
        """Remove a strength from someone (or one of yours, with --me).

        Examples:

          network forget alice cars

          network forget --me resumes
        """
        from network.common.errors import BadInput
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import ledger

        if me:
            if topic is not None:
                raise BadInput("with --me, give only the topic", "e.g. network forget --me resumes")
            person, topic = None, person
        if topic is None or (person is None and not me):
            raise BadInput(
                "which strength to forget?",
                "give a PERSON and a TOPIC, e.g. network forget alice cars",
            )
        with db.write_session(state.db_path()) as session:
            if me:
                person_id, name = None, "you"
            else:
                person_id, name = queries.find_person(db.SessionReader(session), person)
            removed = ledger.forget(session, person_id, topic)
        output.message(f"Forgot {removed} for {name}.")

    @app.command()
    @guarded
    def show(person: PersonArg, json: Json = False) -> None:
        """Everything about one person: profile, strengths, balance, cadence, recent ledger.

        Example: network show alice
        """
        from network.app import profile
        from network.store import connection as db
        from network.store.reads import people as queries

        today = state.today()
        with db.reading(state.db_path()) as reader:
            person_id, _ = queries.find_person(reader, person)
            data = profile.gather(reader, person_id, today)
        if json:
            output.emit_json(data)
            return
        from network.cli.views import person as render

        render.person(data)

    @app.command()
    @guarded
    def people(
        tie: Tie = None,
        knows: Annotated[
            str | None, typer.Option("--knows", metavar="TOPIC", help="Only people who know this.")
        ] = None,
        sort: Annotated[
            str, typer.Option("--sort", metavar="KEY", help="name, last, balance or due.")
        ] = "name",
        archived: Annotated[
            bool, typer.Option("--archived", help="Include archived people.")
        ] = False,
        json: Json = False,
    ) -> None:
        """List the people in your network.

        Example: network people --tie close --sort due
        """
        from network.app import reciprocity
        from network.common.errors import BadInput
        from network.common.text import topic_key
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import ledger

        if sort not in queries.SORTS:
            raise BadInput(f'cannot sort by "{sort}"', "use name, last, balance or due")
        tie_value = ledger.check_tie(tie) if tie else None
        if knows is not None and not topic_key(knows):
            raise BadInput("the topic is empty", "give a word, like: network people --knows cars")
        today = state.today()
        with db.reading(state.db_path()) as reader:
            rows = queries.people(
                reader, tie=tie_value, knows=knows, sort=sort, archived=archived, iso_dates=json
            )
            found = reciprocity.signals_for(reader, today)
        for p in rows:
            p["signals"] = found.get(p["id"], [])
        if json:
            output.emit_json(rows)
            return
        if not rows:
            output.message('No one here yet. Add someone: network add "Alice Chen" --tie close')
            return
        from network.common.dates import ago

        output.table(
            ["name", "tie", "company", "last contact", "balance", "next due", "signals"],
            [
                [
                    p["name"] + (" (archived)" if p["archived"] else ""),
                    p["tie"],
                    p["company"] or "",
                    ago(p["last_contact"], today),
                    output.signed(p["balance"]),
                    p["next_due"].isoformat() if p["next_due"] else "",
                    reciprocity.short(p["signals"]),
                ]
                for p in rows
            ],
            caption=f"{len(rows)} {'person' if len(rows) == 1 else 'people'}",
        )
