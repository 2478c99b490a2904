"""`marsad report` and `marsad chart`: a situation report, and its charts on their own."""

from __future__ import annotations

from pathlib import Path

import click

from ..publish.charts import CHARTS, chart as make_chart, render as render_chart
from ..publish.report import FORMATS, render, report_from_store
from . import main
from .common import event_filter, filter_options, open_store


@main.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="File to write (report.html, report.md, report.pdf).")
@click.option("--title", default="Situation report", show_default=True)
@click.option("--md-charts/--no-md-charts", default=True, show_default=True,
              help="Embed the charts in Markdown as data-URI PNG images.")
@click.pass_context
def report(ctx, fmt, output, title, md_charts, **filters):
    """Write a situation report: headline figures, control changes, incidents with sources,
    contested figures, tolls beside coded events, charts and a map; every figure footnoted
    with the report and the sentence it came from. Works offline.

    \b
    Example:
      marsad report --since 2017-07-01 --place Raqqa -o raqqa.html
      marsad report --format pdf -o raqqa.pdf
    """
    data = report_from_store(open_store(ctx), event_filter(**filters), title=title,
                             png_charts=fmt == "pdf" or (fmt == "md" and md_charts))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(render(data, fmt))
    click.echo(f"wrote {output} ({len(data.incidents)} events, {len(data.notes)} footnotes)",
               err=True)


@main.command()
@click.argument("kind", type=click.Choice(sorted(CHARTS)))
@filter_options
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="File to write: .png or .svg.")
@click.pass_context
def chart(ctx, kind, output, **filters):
    """Draw one chart of the events: fatalities (over time by actor), types (events by type
    over time) or map (events on an offline base map, precision shown).

    \b
    Example:
      marsad chart map --place Raqqa -o map.png
      marsad chart fatalities --since 2017-07-01 -o fatalities.svg
    """
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise click.UsageError("the output file must end in .png or .svg")
    events = open_store(ctx).events(event_filter(**filters))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(render_chart(make_chart(kind, events), fmt))
    click.echo(f"wrote {output}", err=True)
