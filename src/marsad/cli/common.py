"""Helpers shared by the command modules: opening the store and pipeline, printing tables."""

from __future__ import annotations

import datetime as dt

import click
from rich.console import Console
from rich.table import Table

from ..knowledge import load_knowledge
from ..records import EventStatus
from ..settings import Settings
from ..store import EventFilter, Store


def settings_of(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


def open_store(ctx: click.Context) -> Store:
    return Store.open(settings_of(ctx).db)


def iso_date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def event_type(ctx: click.Context, param, value: str | None) -> str | None:
    """An ACLED event type or sub-event type of the taxonomy, in any case, as the taxonomy
    spells it; anything else is a usage error that lists what there is."""
    if value is None:
        return None
    taxonomy = load_knowledge(settings_of(ctx).data_dir or None).taxonomy
    names = [*taxonomy, *(s for subs in taxonomy.values() for s in subs)]
    for name in names:
        if name.casefold() == value.strip().casefold():
            return name
    raise click.BadParameter(
        f"{value!r} is neither an event type nor a sub-event type. Event types: "
        f"{', '.join(taxonomy)}. Sub-event types: "
        f"{', '.join(s for subs in taxonomy.values() for s in subs)}.")


def filter_options(command):
    """The event filters shared by `events`, `export` and `report`."""
    statuses = [s.value for s in EventStatus]
    options = [
        click.option("--since", callback=iso_date, help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=iso_date, help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--type", "event_type", callback=event_type,
                     help="ACLED event type or sub-event type, e.g. Battles or 'Air/drone strike'."),
        click.option("--actor", help="Actor name (or part of it)."),
        click.option("--place", help="Place name (or part of it)."),
        click.option("--status", type=click.Choice(statuses, case_sensitive=False),
                     help=f"{', '.join(statuses[:-1])} or {statuses[-1]}."),
        click.option("--source", help="Source or outlet (or part of it)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def event_filter(**kwargs) -> EventFilter:
    keys = ("since", "until", "event_type", "actor", "place", "status", "source")
    return EventFilter(**{k: kwargs.get(k) for k in keys})


def console() -> Console:
    return Console(highlight=False, soft_wrap=False, width=160)


def table(title: str, columns: list[str]) -> Table:
    result = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        result.add_column(column, overflow="fold")
    return result
