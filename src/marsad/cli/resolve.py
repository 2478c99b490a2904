"""`marsad merge`, `split`, `review`, `correct`, `decisions`, `tolls` and `control`."""

from __future__ import annotations

import getpass
import json

import click

from ..publish import words
from ..records import Event
from ..resolve import control as control_lib
from ..resolve import decisions as decisions_lib
from ..resolve import tolls as tolls_lib
from . import main
from .common import console, open_store, settings_of, table
from .query import fatalities_text, place_name

who_option = click.option("--who", default=None,
                          help="Analyst name recorded with the decision (default: the `analyst` "
                               "setting, else your login name).")
note_option = click.option("--note", default="", help="Why: kept with the decision.")


def analyst(ctx: click.Context, who: str | None) -> str:
    return who or settings_of(ctx).analyst or getpass.getuser()


def echo_event(event: Event, prefix: str = "") -> None:
    click.echo(f"{prefix}event {event.id[:8]}  {words.day(event.date.date)}  {event.sub_event_type}  "
               f"{place_name(event)}  fatalities {fatalities_text(event) or '-'}  "
               f"[{event.status.value}]  {len(event.claim_ids)} claim(s)")


@main.command()
@click.argument("event_ids", nargs=-1, required=True)
@who_option
@note_option
@click.pass_context
def merge(ctx, event_ids, who, note):
    """Merge events the machine kept apart into one; later runs keep them together.

    \b
    Example:
      marsad merge 3fa2c1d9 77e0b2aa --note "same strike, two reports"
    """
    event = decisions_lib.merge(open_store(ctx), event_ids, who=analyst(ctx, who), note=note)
    echo_event(event, "merged into ")


@main.command()
@click.argument("event_id")
@click.option("--claim", "claim_ids", multiple=True, required=True,
              help="A claim to take out (repeat for several; a unique prefix is enough).")
@who_option
@note_option
@click.pass_context
def split(ctx, event_id, claim_ids, who, note):
    """Take claims out of an event into an event of their own; later runs keep them apart.

    \b
    Example:
      marsad split 3fa2c1d9 --claim 105446bc
    """
    kept, new = decisions_lib.split(open_store(ctx), event_id, claim_ids,
                                    who=analyst(ctx, who), note=note)
    echo_event(kept, "kept    ")
    echo_event(new, "split   ")


@main.command()
@click.argument("event_id")
@who_option
@note_option
@click.pass_context
def review(ctx, event_id, who, note):
    """Mark an event reviewed: an analyst checked it.

    \b
    Example:
      marsad review 3fa2c1d9 --note "checked against the monitor's bulletin"
    """
    event = decisions_lib.review(open_store(ctx), event_id, who=analyst(ctx, who), note=note)
    echo_event(event, "reviewed ")


@main.command()
@click.argument("event_id")
@click.argument("field", type=click.Choice(decisions_lib.CORRECTABLE))
@click.argument("value")
@who_option
@note_option
@click.pass_context
def correct(ctx, event_id, field, value, who, note):
    """Set a field of an event by hand; later machine runs never overwrite it.

    VALUE is read as JSON where it can be (12, true, null, {"civilians": 3}), else as text.

    \b
    Example:
      marsad correct 3fa2c1d9 fatalities_best 12 --note "hospital list"
      marsad correct 3fa2c1d9 actor1 "Islamic State"
    """
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        parsed = value
    event = decisions_lib.correct(open_store(ctx), event_id, field, parsed,
                                  who=analyst(ctx, who), note=note)
    echo_event(event, "corrected ")


@main.command("decisions")
@click.argument("event_id", required=False)
@click.pass_context
def decisions_command(ctx, event_id):
    """List analysts' decisions, oldest first (of one event, if given).

    \b
    Example:
      marsad decisions
      marsad decisions 3fa2c1d9
    """
    out = table("decisions", ["when", "who", "kind", "events", "claims", "change", "note"])
    for decision in decisions_lib.history(open_store(ctx), event_id):
        change = f"{decision.field} = {json.dumps(decision.value)}" if decision.field else ""
        out.add_row(f"{decision.at:%Y-%m-%d %H:%M}", decision.who, decision.kind.value,
                    " ".join(e[:8] for e in decision.event_ids),
                    " ".join(c[:8] for c in decision.claim_ids), change, decision.note)
    console().print(out)


@main.command()
@click.pass_context
def tolls(ctx):
    """Tolls as timelines per victim group, perpetrator, place and source, each compared with
    the sum of the coded events it covers.

    \b
    Example:
      marsad tolls
    """
    store = open_store(ctx)
    lines = tolls_lib.timelines(store.tolls(), store.events())
    if not lines:
        click.echo("no tolls in this database")
    for line in lines:
        click.echo(line.key.label())
        for toll in line.entries:
            click.echo(f"  {tolls_lib.entry_text(toll)}")
        click.echo(f"  -> {line.comparison()}")


@main.command()
@click.argument("place", required=False)
@click.pass_context
def control(ctx, place):
    """Who held which place, from when, by whose claim (with the share where given).

    PLACE keeps the places whose names contain it.

    \b
    Example:
      marsad control
      marsad control Senaa
    """
    lines = control_lib.timelines(open_store(ctx).controls(), place)
    if not lines:
        click.echo(f"no control claims{' for ' + repr(place) if place else ''} in this database")
    for line in lines:
        click.echo(line.place)
        for period in line.periods:
            share = f" ({period.share:.0%})" if period.share is not None else ""
            until = f" until {period.until}" if period.until else ""
            click.echo(f"  {period.holder}{share} from {period.since or '?'}{until}, by "
                       f"{', '.join(period.claimed_by)}")
