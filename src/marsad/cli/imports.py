"""`marsad import` and `marsad compare`: datasets in, agreement with hand-coded events out."""

from __future__ import annotations

from pathlib import Path

import click

from ..knowledge import load_knowledge
from ..publish import compare as comparing
from ..publish.imports import FORMATS, IMPORTED, import_into, read_import
from . import main
from .common import console, open_store, settings_of, table


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="jsonl/csv/geojson: marsad's own exports; acled, ucdp: hand-coded datasets "
                   "(loaded as reviewed events).")
@click.pass_context
def import_(ctx, file, fmt):
    """Load events from a file: marsad's exports come back as they were; ACLED and UCDP GED
    CSV files load as reviewed (hand-coded) events beside marsad's own.

    \b
    Example:
      marsad import events.jsonl --format jsonl
      marsad import ged_syria.csv --format ucdp
    """
    data_dir = settings_of(ctx).data_dir or None
    batch = read_import(file, fmt, load_knowledge(data_dir), data_dir)
    summary = import_into(open_store(ctx), batch)
    click.echo(f"{file}: {summary.events_new} event(s), {summary.reports_new} new placeholder "
               f"report(s), {summary.claims_new} claim(s); {summary.events_total} event(s) in "
               "the database")


@main.command()
@click.option("--ucdp", "ucdp_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A UCDP GED CSV to compare with (matched per source headline).")
@click.option("--against", type=click.Choice(["imported"]),
              help="Compare with the hand-coded events imported into this database.")
@click.option("--ingest-headlines", type=int, default=0, show_default=True,
              help="With --ucdp: first ingest the file's first N distinct headlines as reports "
                   "(dated by source_date), so marsad codes them.")
@click.pass_context
def compare(ctx, ucdp_file, against, ingest_headlines):
    """Agreement between marsad's events and hand-coded ones: dates, places (km), dyads and
    deaths.

    \b
    Example:
      marsad --db ucdp.db compare --ucdp ged_syria.csv --ingest-headlines 300
      marsad compare --against imported
    """
    if bool(ucdp_file) == bool(against):
        raise click.UsageError("give one of --ucdp FILE or --against imported")
    store = open_store(ctx)
    if ucdp_file:
        result, scope = _against_ucdp(ctx, store, ucdp_file, ingest_headlines)
    else:
        result, scope = _against_imported(store)
    click.echo(scope)
    out = table("agreement with hand-coded events", ["measure", "value"])
    for name, value in result.lines():
        out.add_row(name, value)
    console().print(out)


def _against_ucdp(ctx, store, path: Path, ingest: int):
    data_dir = settings_of(ctx).data_dir or None
    rows = comparing.read_ucdp(path, data_dir)
    if ingest:
        from ..pipeline import Pipeline
        from .ingest import echo_summary

        chosen = comparing.first_headlines([r for r, _ in rows], ingest)
        reports = comparing.headline_reports(chosen)
        click.echo(f"ingesting {len(reports)} headline(s) from {path}", err=True)
        echo_summary(Pipeline.from_settings(settings_of(ctx), store).ingest_reports(reports))
    reports = {r.id: r for r in store.reports() if r.kind != IMPORTED}
    texts = {comparing.normalise(r.text) for r in reports.values()}
    hand = [comparing.HandCoded(e, comparing.normalise(r["source_headline"])) for r, e in rows
            if comparing.normalise(r["source_headline"]) in texts]
    machine, sources = _machine_events(store, reports)
    scope = (f"{len(hand)} of {len(rows)} UCDP rows have their headline in this database "
             f"({len({h.source for h in hand})} headline(s)); matched within each headline, "
             f"dates within {comparing.WINDOW_DAYS} day(s)")
    return comparing.agreement(machine, hand, sources), scope


def _machine_events(store, reports):
    claims = {c.id: c for c in store.claims()}
    machine, sources = [], {}
    for event in store.events():
        own = [claims[c] for c in event.claim_ids if c in claims]
        texts = {comparing.normalise(reports[c.report_id].text) for c in own if c.report_id in reports}
        if texts:  # events of imported reports are hand-coded, not machine output
            machine.append(event)
            sources[event.id] = texts
    return machine, sources


def _against_imported(store):
    imported = {r.id for r in store.reports() if r.kind == IMPORTED}
    claims = {c.id: c for c in store.claims()}
    hand, machine = [], []
    for event in store.events():
        own = {claims[c].report_id for c in event.claim_ids if c in claims}
        if own and own <= imported:
            hand.append(comparing.HandCoded(event))
        else:
            machine.append(event)
    if not hand:
        raise click.UsageError("no imported events in this database; run `marsad import FILE "
                               "--format acled|ucdp` first")
    scope = (f"{len(hand)} imported (hand-coded) event(s) against {len(machine)} marsad event(s); "
             f"matched by date (within {comparing.WINDOW_DAYS} day) then distance")
    return comparing.agreement(machine, hand), scope
