"""`marsad export`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..knowledge import load_knowledge
from ..publish import FORMATS, to_csv, to_geojson, to_jsonl
from . import main
from .common import event_filter, filter_options, open_store, settings_of


def render(store, fmt: str, events, data_dir: str | None) -> str:
    knowledge = load_knowledge(data_dir or None)
    if fmt == "csv":
        return to_csv(events, knowledge)
    if fmt == "geojson":
        return to_geojson(events, knowledge)
    return to_jsonl(events, lambda e: store.claims(e.claim_ids))


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (default: standard output).")
@filter_options
@click.pass_context
def export(ctx, fmt, output, **filters):
    """Export events: ACLED-column CSV, GeoJSON points, or JSON Lines with claims and evidence.

    The same database always gives byte-identical files.

    \b
    Example:
      marsad export --format csv -o events.csv
      marsad export --format geojson --since 2017-07-01 -o events.geojson
    """
    store = open_store(ctx)
    text = render(store, fmt, store.events(event_filter(**filters)), settings_of(ctx).data_dir)
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
