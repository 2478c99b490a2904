"""`marsad eval`: score marsad against hand-coded gold."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..evaluate import gold as gold_scoring
from ..evaluate import ucdp as ucdp_scoring
from ..evaluate.case import evaluate_case
from ..evaluate.explain import Explanation, render_explanation, render_parts
from ..evaluate.run import evaluate_gold, evaluate_ucdp
from . import main
from .common import settings_of


@main.command("eval")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--ucdp", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score against a UCDP GED CSV, each source headline as a report.")
@click.option("--case", "case", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score event typing on a CASE 2021 Task 2 TSV (id, EventSnippet, SubType), "
                   "each snippet as a report.")
@click.option("--limit", type=int, default=None, help="With --ucdp: only the first N headlines.")
@click.option("--places", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score the geocoder on a place benchmark (place string -> UCDP point).")
@click.option("--country", default="SY", show_default=True,
              help="With --places or --ucdp: the country the places are in.")
@click.option("--train", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="With --places: a GED CSV whose earlier-year places are imported first.")
@click.option("--keep-db", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the evaluation database in this folder (to inspect with marsad --db).")
@click.option("--explain", is_flag=True,
              help="Say for every missed and spurious event which stage went wrong, counted "
                   "by stage.")
@click.option("--by-part", is_flag=True,
              help="Also score each part of the corpus (report-id prefix: dA, dB, ...).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.pass_context
def eval_command(ctx, gold, ucdp, case, limit, places, country, train, keep_db, explain, by_part,
                 as_json):
    """Ingest the reports a gold file names into a fresh database and score the events,
    tolls and control claims (precision, recall, F1; sub-event types, actors, fatalities;
    the missed and spurious events with their evidence).

    \b
    Example:
      marsad eval ../shared/corpus/seeds/gold.json
      marsad eval ../shared/corpus/dev/gold.json --by-part --explain
      marsad eval examples/gold.json --json
      marsad eval --ucdp ../shared/corpus/ucdp/ged_syria_2016_2018_dev.csv --limit 300
      marsad eval --places ../shared/corpus/ucdp/places_syria.csv --country SY
      marsad eval --case ../shared/corpus/case2021/dev.tsv
    """
    settings = settings_of(ctx)
    chosen = [x for x in (gold, ucdp, places, case) if x is not None]
    if len(chosen) != 1:
        raise click.UsageError("give one of: a GOLD file, --ucdp FILE, --places FILE or "
                               "--case FILE")
    if case is not None:
        result = evaluate_case(case, settings)
        click.echo(json.dumps(result.as_dict(), indent=1) if as_json else result.render())
    elif places is not None:
        _places(settings, places, country, train, as_json)
    elif ucdp is not None:  # headlines seldom name their country: the file's is the default
        result = evaluate_ucdp(ucdp, settings.replace(geocode_country=country), limit)
        click.echo(json.dumps(result.as_dict(), indent=1) if as_json else ucdp_scoring.render(result))
    else:
        result = evaluate_gold(gold, settings, keep_db)
        if as_json:
            click.echo(json.dumps(result.as_dict(), indent=1))
            return
        stages = result.stages
        click.echo(gold_scoring.render(result, stages=explain))
        if by_part:
            click.echo(render_parts(result.parts))
        if explain:
            click.echo(render_explanation(Explanation(
                {k: v for k, v in stages.items() if k in {g.id for g in result.missed}},
                {k: v for k, v in stages.items() if k in {e.id for e in result.spurious}})))


def _places(settings, places, country, train, as_json) -> None:
    from ..evaluate.places import evaluate_places
    from ..pipeline import open_geocoder

    geocoder = open_geocoder(settings)
    if geocoder is None:
        raise click.UsageError("geocoding is not available in this installation")
    result = evaluate_places(places, geocoder, country=country, train=train)
    click.echo(json.dumps(result.as_dict(), indent=1) if as_json else result.render())
