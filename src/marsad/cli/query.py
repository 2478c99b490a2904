"""`marsad events`, `marsad show` and `marsad reports`."""

from __future__ import annotations

import json

import click

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
        out.add_row(event.id[:8], str(event.date.date or "?"), event.sub_event_type,
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
    click.echo(f"  {event.date.date} (precision {event.date.precision})  {event.event_type} / "
               f"{event.sub_event_type}")
    click.echo(f"  actors: {event.actor1 or '?'} vs {event.actor2 or '?'}")
    click.echo(f"  place: {place_name(event)}")
    click.echo(f"  fatalities: low {event.fatalities_low} best {event.fatalities_best} "
               f"high {event.fatalities_high}")
    if event.notes:
        click.echo(f"  notes: {event.notes}")
    for claim in claims:
        figure = claim.fatalities.words if claim.fatalities else "no figure"
        click.echo(f"  - claim {claim.id[:8]} by {claim.attributed_to or 'unattributed'} "
                   f"({claim.source_kind.value}, {claim.modality.value}) via {claim.outlet or '?'}: "
                   f"{claim.sub_event_type}, {figure}")
        click.echo(f"    report {claim.report_id} chars {claim.evidence.start}-{claim.evidence.end}: "
                   f"\"{claim.evidence.text}\"")


@main.command()
@click.pass_context
def reports(ctx):
    """List stored reports with their date, outlet, language and status.

    \b
    Example:
      marsad reports
    """
    store = open_store(ctx)
    statuses = store.report_statuses()
    out = table("reports", ["id", "published", "outlet", "lang", "title", "status"])
    for report in store.reports():
        out.add_row(report.id, str(report.published or "?"), report.outlet, report.language,
                    report.title[:60], statuses.get(report.id, "") or "; ".join(report.warnings))
    console().print(out)
