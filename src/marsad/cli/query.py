"""`marsad events` and `marsad show`."""

from __future__ import annotations

import json

import click

from ..publish import words
from ..records import Event
from . import main
from .common import console, event_filter, filter_options, open_store, table


def place_name(event: Event) -> str:
    place = event.geocode.place if event.geocode and event.geocode.place else None
    if place is not None:
        return f"{place.name} (p{event.geocode.geo_precision})"
    return event.place.mention if event.place else ""


def fatalities_text(event: Event) -> str:
    if event.fatalities_best is None:
        return ""
    if event.fatalities_low == event.fatalities_high:
        return str(event.fatalities_best)
    return f"{event.fatalities_best} ({event.fatalities_low}-{event.fatalities_high})"


def date_text(event: Event) -> str:
    if event.date.date is None:
        return (f"{words.NO_DATE} ({words.WHY_NO_DATE}; give a report its date with "
                "`marsad reports date REPORT_ID YYYY-MM-DD`)")
    return f"{event.date.date} (precision {event.date.precision})"


def fatalities_line(event: Event) -> str:
    if event.fatalities_best is None:
        return "none reported"
    return (f"low {words.number(event.fatalities_low)} best {event.fatalities_best} "
            f"high {words.number(event.fatalities_high)}")


@main.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def events(ctx, fmt, **filters):
    """List events, oldest first.

    \b
    Example:
      marsad events --since 2017-07-01 --type Battles --actor SDF
      marsad events --place Raqqa --format json
    """
    found = open_store(ctx).events(event_filter(**filters))
    if fmt == "json":
        for event in found:
            click.echo(event.model_dump_json())
        return
    out = table(f"{len(found)} event(s)", ["id", "date", "type", "actors", "place",
                                           "fatalities", "status", "sources"])
    for event in found:
        out.add_row(event.id[:8], words.day(event.date.date, "no date"), event.sub_event_type,
                    " vs ".join(a for a in (event.actor1, event.actor2) if a), place_name(event),
                    fatalities_text(event), event.status.value, ", ".join(event.sources))
    console().print(out)


@main.command()
@click.argument("event_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_context
def show(ctx, event_id, fmt):
    """Show one event: its fields, its claims, their sources and evidence sentences.

    EVENT_ID may be a unique prefix, as `marsad events` prints it.

    \b
    Example:
      marsad show 3fa2c1d9
    """
    store = open_store(ctx)
    event = store.event(event_id)
    claims = store.claims(event.claim_ids)
    if fmt == "json":
        record = event.model_dump(mode="json")
        record["claims"] = [c.model_dump(mode="json") for c in claims]
        click.echo(json.dumps(record, indent=1, ensure_ascii=False))
        return
    click.echo(f"event {event.id}  [{event.status.value}]")
    click.echo(f"  {date_text(event)}  {event.event_type} / {event.sub_event_type}")
    click.echo(f"  actors: {event.actor1 or 'unknown'} vs {event.actor2 or 'unknown'}")
    click.echo(f"  place: {place_name(event) or 'unknown'}")
    click.echo(f"  fatalities: {fatalities_line(event)}")
    if event.notes:
        click.echo(f"  notes: {event.notes}")
    for claim in claims:
        figure = words.count(claim.fatalities) if claim.fatalities else words.NO_FIGURE
        click.echo(f"  - claim {claim.id[:8]} by {claim.attributed_to or 'unattributed'} "
                   f"({claim.source_kind.value}, {claim.modality.value}) via "
                   f"{claim.outlet or 'no outlet named'}: "
                   f"{claim.sub_event_type}, {figure}")
        click.echo(f"    report {claim.report_id} chars {claim.evidence.start}-{claim.evidence.end}: "
                   f"\"{claim.evidence.text}\"")
        for line in _placed(claim):
            click.echo(f"    {line}")


def _placed(claim) -> list[str]:
    """Where a claim was put and why, with the places the gazetteer offered when unsure."""
    geocode = claim.geocode
    if claim.place is None and geocode is None:
        return []
    mention = claim.place.mention if claim.place else geocode.mention
    if geocode is None:
        return [f"place: {mention!r} not placed"]
    if geocode.place is None:
        why = f": {geocode.note}" if geocode.note else ""
        placed = f"place: {mention!r} not placed{why}"
    else:
        place = geocode.place
        where = ", ".join(p for p in (place.name, place.admin1, place.country) if p)
        note = f"; {geocode.note}" if geocode.note else ""
        placed = f"place: {mention!r} -> {where} (geo precision {geocode.geo_precision}{note})"
    return [placed, *(f"  considered: {c}" for c in geocode.candidates)]
