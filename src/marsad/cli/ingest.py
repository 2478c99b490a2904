"""`marsad ingest` and `marsad reprocess`."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..ingest import Defaults
from ..pipeline import IngestSummary, Pipeline
from ..redate import date_reports, undated_among
from . import main
from .common import iso_date, open_store, settings_of
from .reports import echo_redated


def _progress_bar(enabled: bool):
    return Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.description}"), TimeElapsedColumn(),
                    disable=not enabled, transient=True)


def echo_summary(summary: IngestSummary) -> None:
    click.echo(f"{summary.files} file(s): {summary.reports_new} new report(s), "
               f"{summary.reports_seen} already stored; {summary.claims} claim(s), "
               f"{summary.tolls} toll(s), {summary.controls} control claim(s); "
               f"{summary.events} event(s) in the database")
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    if summary.skipped:
        click.echo(f"skipped {len(summary.skipped)} bad record(s):", err=True)
        for error in summary.skipped:
            click.echo(f"  {error}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=iso_date,
              help="Publication date (YYYY-MM-DD) for reports that do not give one, and for "
                   "those of PATHS stored earlier without one (extracted again).")
@click.option("--outlet", default="", help="Outlet for reports that do not name one.")
@click.option("--field", is_flag=True, help="Mark these reports as field reports.")
@click.option("--skip-bad", is_flag=True,
              help="Skip bad records (listing them) instead of refusing the whole file.")
@click.option("--allow-root", "allow_roots", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder whose files a JSON Lines 'path' may name, besides the JSON Lines "
                   "file's own folder (repeatable).")
@click.pass_context
def ingest(ctx, paths, published, outlet, field, skip_bad, allow_roots):
    """Read reports, extract events, tolls and control claims, and store them.

    PATHS are text files (a first line ' date YYYY-MM-DD Title' gives the date), JSON Lines,
    HTML pages, RSS/Atom feeds, or folders of these. The same report twice is stored once.
    A bad record refuses its whole file (nothing of it is stored) unless --skip-bad.
    A JSON Lines 'path' names a file in the JSON Lines file's folder (or an --allow-root
    folder); links out of a folder and special files (FIFOs, devices) are never read.

    \b
    Example:
      marsad --db raqqa.db ingest ../shared/corpus/seeds/reports.jsonl
      marsad ingest story.txt --published 2017-07-02 --outlet AFP
    """
    settings = settings_of(ctx)
    pipeline = Pipeline.from_settings(settings, open_store(ctx))
    defaults = Defaults(published=published, outlet=outlet, kind="field" if field else "news",
                        allow_roots=tuple(allow_roots))
    with _progress_bar(settings.progress and len(paths) > 0) as bar:
        task = bar.add_task("", total=None)
        lines = None  # a second bar, for the reports of a large JSON Lines file

        def progress(index: int, total: int, path: Path) -> None:
            bar.update(task, total=total, completed=index - 1, description=path.name)

        def stored(done: int, total: int, path: Path) -> None:
            nonlocal lines
            if lines is None:
                lines = bar.add_task("", total=total)
            bar.update(lines, total=total, completed=done, description=f"reports of {path.name}")

        summary = pipeline.ingest(paths, defaults, skip_bad=skip_bad, progress=progress,
                                  stored=stored)
    echo_summary(summary)
    if published is not None:
        echo_dated_again(pipeline, paths, defaults, published)


def echo_dated_again(pipeline: Pipeline, paths, defaults: Defaults, published) -> None:
    """--published also dates the reports of PATHS stored earlier without a date (ingesting
    them again stores nothing new: the same text is the same report)."""
    undated = undated_among(pipeline.store, paths, defaults)
    if undated:
        click.echo(f"{len(undated)} report(s) stored earlier without a date: now published "
                   f"{published}")
        echo_redated(date_reports(pipeline, undated, published))


@main.command()
@click.pass_context
def reprocess(ctx):
    """Extract every stored report again (after new rules or data) and resolve events anew.

    \b
    Example:
      marsad --db raqqa.db reprocess
    """
    pipeline = Pipeline.from_settings(settings_of(ctx), open_store(ctx))
    echo_summary(pipeline.reprocess())
