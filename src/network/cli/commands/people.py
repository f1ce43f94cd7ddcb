"""Managing people and their strengths: add, edit, archive, rm, knows, forget, show, people."""

from __future__ import annotations

from typing import Annotated

import typer

from network import app
from network.cli import completion, state
from network.cli.guard import guarded
from network.cli.options import (
    Birthday,
    Company,
    Every,
    Json,
    Knows,
    Limit,
    Location,
    Met,
    Note,
    PersonArg,
    Prefers,
    Tie,
    Title,
)
from network.cli.point_options import Emails, NoEmails, NoPhones, NoUrls, Phones, Urls, points
from network.cli.views import output


def __getattr__(name: str) -> dict[str, type]:
    """JSON_RESULTS: the result type each --json command prints (docs/json.md comes from them).

    Computed on first use (PEP 562): building the result dataclasses costs milliseconds
    that --help and TAB completion, which import this module, should not pay.
    """
    if name == "JSON_RESULTS":
        return {"show": app.people.PersonPage, "people": app.people.Listing}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def register(cli: typer.Typer) -> None:
    """Add these commands to the app."""

    @cli.command()
    @guarded
    def add(
        name: Annotated[str, typer.Argument(metavar="NAME", help="Their full name.")],
        company: Company = None,
        title: Title = None,
        email: Emails = None,
        phone: Phones = None,
        url: Urls = None,
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
                "--via",
                metavar="PERSON",
                help="Who introduced you (you will report back to them).",
                autocompletion=completion.person,
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

        Example: network add "Omar Haddad" --email omar@work.example --email omar@home.example
        """
        from network.cli.views import people as view

        details = app.people.Details(
            company=company, title=title, **points(email, phone, url),  # type: ignore[arg-type]
            location=location, tie=tie, every=every, birthday=birthday, met=met,
            prefers=prefers, note=note, last=last,
        )  # fmt: skip
        result = app.people.add(
            state.db_path(), name, details, knows=knows, via=via, today=state.today()
        )
        view.added(result)

    @cli.command()
    @guarded
    def edit(
        person: PersonArg,
        name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
        company: Company = None,
        title: Title = None,
        email: Emails = None,
        phone: Phones = None,
        url: Urls = None,
        no_email: NoEmails = None,
        no_phone: NoPhones = None,
        no_url: NoUrls = None,
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

        The first --email (--phone, --url) replaces the primary one; more are added beside
        it, so give the primary again to keep it. --no-email ADDRESS removes one (a removed
        primary is replaced by the next).

        Example: network edit alice --title "VP Engineering" --every 2w

        Example: network edit alice --email alice@new.example --email alice@home.example --no-email alice@old.example
        """
        from network.cli.views import people as view

        found = points(email, phone, url, no_emails=no_email, no_phones=no_phone, no_urls=no_url)
        details = app.people.Details(
            company=company, title=title, **found,  # type: ignore[arg-type]
            location=location, tie=tie, every=every, birthday=birthday, met=met,
            prefers=prefers, note=note, last=last,
        )  # fmt: skip
        result = app.people.edit(
            state.db_path(), person, details, name=name, knows=knows, today=state.today()
        )
        view.updated(result)

    @cli.command()
    @guarded
    def archive(
        person: PersonArg,
        undo: Annotated[bool, typer.Option("--undo", help="Bring them back.")] = False,
    ) -> None:
        """Archive someone: kept with their history, hidden from due and who-knows.

        Example: network archive "Old Colleague"   (and back: --undo)
        """
        from network.cli.views import people as view

        view.archived(app.people.archive(state.db_path(), person, undo=undo, today=state.today()))

    @cli.command()
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
        from network.cli.views import people as view

        path = state.db_path()
        if not yes:
            import sys

            # the application finds them with a read; the prompt holds no lock
            try:
                app.people.remove(path, person, confirmed=False)
            except app.people.Unconfirmed as unconfirmed:
                if not sys.stdin.isatty():
                    raise
                question = f"Delete {unconfirmed.name} and all their entries?"
                if not output.confirm(question, default=False):
                    view.nothing_removed()
                    return
        view.removed(app.people.remove(path, person, confirmed=True))

    @cli.command()
    @guarded
    def knows(
        person: Annotated[
            str | None,
            typer.Argument(
                metavar="PERSON",
                help="Whose strength (omit with --me).",
                autocompletion=completion.person,
            ),
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
        from network.cli.views import people as view
        from network.common.errors import BadInput

        words = list(topics or [])
        if me:
            if person is not None:
                words.insert(0, person)
            person = None
        elif person is None:
            raise BadInput("whose strength?", "give a PERSON, or --me for your own")
        view.known(app.people.knows(state.db_path(), person, words, detail=detail))

    @cli.command()
    @guarded
    def forget(
        person: Annotated[
            str | None,
            typer.Argument(
                metavar="PERSON",
                help="Whose strength (omit with --me).",
                autocompletion=completion.person,
            ),
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
        from network.cli.views import people as view
        from network.common.errors import BadInput

        if me:
            if topic is not None:
                raise BadInput("with --me, give only the topic", "e.g. network forget --me resumes")
            person, topic = None, person
        if topic is None or (person is None and not me):
            raise BadInput(
                "which strength to forget?",
                "give a PERSON and a TOPIC, e.g. network forget alice cars",
            )
        view.forgotten(app.people.forget(state.db_path(), person, topic))

    @cli.command()
    @guarded
    def show(person: PersonArg, json: Json = False) -> None:
        """Everything about one person: profile, strengths, balance, cadence, recent ledger.

        Example: network show alice
        """
        page = app.people.show(state.db_path(), person, today=state.today())
        if json:
            output.emit_json(page.to_json())
            return
        from network.cli.views import person as view

        view.person(page)

    @cli.command()
    @guarded
    def people(
        tie: Tie = None,
        knows: Annotated[
            str | None, typer.Option("--knows", metavar="TOPIC", help="Only people who know this.")
        ] = None,
        sort: Annotated[
            str,
            typer.Option(
                "--sort",
                metavar="KEY",
                help="name, last, balance or due.",
                autocompletion=completion.sort_key,
            ),
        ] = "name",
        archived: Annotated[
            bool, typer.Option("--archived", help="Include archived people.")
        ] = False,
        all_: Annotated[
            bool, typer.Option("--all", "-a", help="Include the roster (hidden unless asked).")
        ] = False,
        limit: Limit = None,
        json: Json = False,
    ) -> None:
        """List the people in your network; the roster (contacts on file) shows with --all.

        Example: network people --tie close --sort due
        """
        options = dict(
            tie=tie, knows=knows, sort=sort, archived=archived, roster=all_, today=state.today()
        )
        if json:
            # streamed: 100,000 people never sit in memory as one list or one string
            # -n: SQLite writes only the first N objects; the rest are counted
            output.emit_json_listing(
                app.people.people_json(state.db_path(), limit=limit, **options)
            )
            return
        from network.cli.views import people as view

        view.listing(app.people.people(state.db_path(), **options).first(limit))
