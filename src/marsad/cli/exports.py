"""`marsad export`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..knowledge import load_knowledge
from ..publish import BINARY_FORMATS, FORMATS, to_csv, to_geojson, to_jsonl, to_ucdp, to_xlsx
from . import main
from .common import event_filter, filter_options, open_store, settings_of


def render(store, fmt: str, events, data_dir: str | None) -> str | bytes:
    knowledge = load_knowledge(data_dir or None)
    if fmt == "csv":
        return to_csv(events, knowledge, data_dir or None)
    if fmt == "geojson":
        return to_geojson(events, knowledge, data_dir or None)
    if fmt in ("ucdp", "xlsx"):
        claims = {c.id: c for c in store.claims({i for e in events for i in e.claim_ids})}
        report_ids = {c.report_id for c in claims.values()}
        tolls = [t for t in store.tolls() if fmt == "xlsx"]
        controls = [c for c in store.controls() if fmt == "xlsx"]
        report_ids |= {t.report_id for t in tolls} | {c.report_id for c in controls}
        reports = {r.id: r for r in store.reports(report_ids)}
        if fmt == "ucdp":
            return to_ucdp(events, knowledge, lambda e: [claims[c] for c in e.claim_ids
                                                         if c in claims], reports, data_dir)
        return to_xlsx(events, knowledge, sorted(claims.values(), key=lambda c: c.id),
                       tolls, controls, reports)
    return to_jsonl(events, lambda e: store.claims(e.claim_ids))


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="csv (ACLED columns), ucdp (UCDP GED columns), geojson, jsonl, xlsx.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (default: standard output; required for xlsx).")
@filter_options
@click.pass_context
def export(ctx, fmt, output, **filters):
    """Export events: ACLED-column CSV, UCDP-GED CSV, GeoJSON points, JSON Lines with claims
    and evidence, or an Excel workbook (events, claims, tolls, control).

    The same database always gives byte-identical files. Event filters apply to every format.

    \b
    Example:
      marsad export --format csv -o events.csv
      marsad export --format ucdp --since 2017-07-01 -o ged.csv
      marsad export --format xlsx -o raqqa.xlsx
    """
    if fmt in BINARY_FORMATS and output is None:
        raise click.UsageError(f"--format {fmt} writes a binary file; give -o FILE.{fmt}")
    store = open_store(ctx)
    data = render(store, fmt, store.events(event_filter(**filters)), settings_of(ctx).data_dir)
    if output is None:
        sys.stdout.write(data)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        output.write_bytes(data)
    else:
        output.write_text(data, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)
