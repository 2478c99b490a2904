"""The ``marsad`` command line: a thin layer over the library.

Each command group lives in its own module under ``marsad.cli`` and registers itself on
:data:`main`; this module only builds the root group, the shared context and error handling.
A :class:`~marsad.errors.MarsadError` becomes one line ``error[CODE]: message`` and exit 1.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from ..errors import MarsadError
from ..settings import load_settings

# Command modules, each adding its commands to `main` when imported.
COMMAND_MODULES = (
    "ingest",
    "query",
    "exports",
    "demo",
    "info",
    "reports",
    "evaluate",
    "geo",
    "serve",
    "resolve",
    "report",
    "imports",
    "worker",
    "batch",
)


class MarsadGroup(click.Group):
    """Turns marsad's errors into one clear line and a non-zero exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MarsadError as exc:
            click.echo(f"error[{exc.code}]: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=MarsadGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="MARSAD_DB", default=None,
              help="SQLite file or SQLAlchemy URL (default marsad.db, or MARSAD_DB).")
@click.option("--data-dir", default=None, help="Extra knowledge folder (actors, triggers, places).")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.version_option(package_name="marsad")
@click.pass_context
def main(ctx: click.Context, db: str | None, data_dir: str | None, verbose: int) -> None:
    """marsad: turn conflict reports into source-attributed event data.

    \b
    Example:
      marsad --db raqqa.db ingest reports/ --published 2017-07-02
      marsad --db raqqa.db events --since 2017-07-01
      marsad --db raqqa.db export --format csv -o events.csv
    """
    try:
        settings = load_settings({"db": db, "data_dir": data_dir})
    except MarsadError as exc:
        click.echo(f"error[{exc.code}]: {exc}", err=True)
        ctx.exit(1)
    level = [settings.log_level, "INFO", "DEBUG"][min(verbose, 2)]
    logging.basicConfig(level=getattr(logging, str(level).upper(), logging.WARNING),
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = settings


for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")
