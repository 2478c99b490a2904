"""`marsad worker`: run queued field reports through the pipeline, beside `marsad serve`."""

from __future__ import annotations

import threading

import click

from . import main
from .common import open_store, settings_of


def make_worker(ctx: click.Context, store=None):
    from ..pipeline import Pipeline
    from ..worker import Worker

    settings = settings_of(ctx)
    store = store or open_store(ctx)
    window = int(settings.merge_window_days)
    return Worker(store, lambda: Pipeline.from_settings(settings, store),
                  resolver=lambda s: _resolve(s, window))


def _resolve(store, window: int) -> int:
    from ..resolve import resolve_store

    return resolve_store(store, window)


@main.command()
@click.option("--once", is_flag=True,
              help="Run what is queued now, then stop (for cron jobs and scripts).")
@click.option("--poll", default=1.0, show_default=True, type=click.FloatRange(0.05, 3600),
              help="Seconds between looks at an empty queue.")
@click.pass_context
def worker(ctx: click.Context, once: bool, poll: float) -> None:
    """Run the field reports the web app queued through the pipeline (more workers, more
    throughput; `marsad serve` runs one itself). Works on SQLite and PostgreSQL; a job a
    stopped worker left is taken again, and running one twice stores nothing twice.

    \b
    Example:
      marsad --db postgresql://db.example/marsad worker
      marsad --db raqqa.db worker --once
    """
    runner = make_worker(ctx)
    if once:
        runner.catch_up()
        done = runner.drain()
        counts = runner.jobs.counts()
        click.echo(f"{done} job(s) run; " + ", ".join(f"{n} {s.value}" for s, n in counts.items()))
        return
    click.echo(f"marsad worker {runner.name} on {settings_of(ctx).db} (Ctrl-C stops)", err=True)
    stop = threading.Event()
    try:
        runner.run(stop, poll)
    except KeyboardInterrupt:
        stop.set()
