"""`marsad settings`: the settings table with current values."""

from __future__ import annotations

import click

from ..settings import SETTINGS
from . import main
from .common import console, settings_of, table


@main.command("settings")
@click.pass_context
def settings_command(ctx):
    """Print every setting: name, environment variable, current value, default and help.

    \b
    Example:
      MARSAD_DB=team.db marsad settings
    """
    values = settings_of(ctx).as_dict()
    out = table("settings (marsad.toml, MARSAD_<NAME>, or options)",
                ["name", "env", "value", "default", "help"])
    for setting in SETTINGS:
        out.add_row(setting.name, setting.env, str(values[setting.name]), str(setting.default),
                    setting.help)
    console().print(out)
