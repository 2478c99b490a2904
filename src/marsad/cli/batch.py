"""`marsad batch`: ingest an archive on Dask."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..ingest import Defaults
from . import main
from .common import iso_date, open_store, settings_of
from .ingest import echo_summary


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="A running Dask scheduler (tcp://host:8786); default: a local cluster.")
@click.option("--workers", type=click.IntRange(1, 1024), default=None,
              help="Worker processes of the local cluster (default: one per core).")
@click.option("--published", callback=iso_date,
              help="Publication date (YYYY-MM-DD) for reports that do not give one.")
@click.option("--outlet", default="", help="Outlet for reports that do not name one.")
@click.option("--field", is_flag=True, help="Mark these reports as field reports.")
@click.option("--skip-bad", is_flag=True,
              help="Skip bad records (listing them) instead of refusing the whole file.")
@click.option("--allow-root", "allow_roots", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder a JSON Lines 'path' may name besides the file's own (repeatable).")
@click.pass_context
def batch(ctx, paths, scheduler, workers, published, outlet, field, skip_bad, allow_roots):
    """Ingest many files at once on Dask: reading, NLP, extraction and geocoding run in
    parallel on the workers; this process writes the store, file by file, and resolves.
    The events are those of `marsad ingest` on the same files, byte for byte; after a crash,
    run it again: what is stored is skipped.

    \b
    Example:
      marsad --db archive.db batch archive/ --workers 4
      marsad --db postgresql://db/marsad batch /data/feeds --scheduler tcp://10.0.0.5:8786
    """
    from ..batch import run_batch

    settings = settings_of(ctx)
    defaults = Defaults(published=published, outlet=outlet, kind="field" if field else "news",
                        allow_roots=tuple(allow_roots))
    bar = Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.description}"), TimeElapsedColumn(),
                   disable=not settings.progress, transient=True)
    with bar:
        task = bar.add_task("", total=None)

        def started(dashboard: str) -> None:
            if dashboard:
                click.echo(f"Dask dashboard: {dashboard}", err=True)

        def progress(done: int, total: int, path: str) -> None:
            bar.update(task, total=total, completed=done, description=Path(path).name)

        summary = run_batch(paths, settings, open_store(ctx), scheduler=scheduler,
                            workers=workers, defaults=defaults, skip_bad=skip_bad,
                            progress=progress, started=started)
    click.echo(f"{summary.parts} part(s) on {summary.workers} Dask worker(s)", err=True)
    echo_summary(summary)
