"""`marsad serve`, `marsad user add`, `marsad token create`: the web app and its accounts."""

from __future__ import annotations

import sys

import click

from . import main
from .common import open_store, settings_of


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--secure-cookies", is_flag=True,
              help="Send cookies over HTTPS only (set it behind a TLS proxy).")
@click.option("--worker/--no-worker", "embedded", default=True, show_default=True,
              help="Run one worker inside the server for queued field reports (--no-worker "
                   "when `marsad worker` processes do it).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, secure_cookies: bool, embedded: bool) -> None:
    """Run the web app and HTTP API (map, events, review, field reports). Field reports are
    answered at once (202) and run through the pipeline by a worker: one runs inside the
    server unless --no-worker; `marsad worker` runs more.

    \b
    Example:
      marsad --db raqqa.db user add amina --role admin
      marsad --db raqqa.db serve --port 8000
    """
    import uvicorn

    from ..web import create_app
    from .worker import make_worker

    settings = settings_of(ctx)
    store = open_store(ctx)
    app = create_app(settings, store, secure_cookies=secure_cookies)
    stop = None
    if embedded:
        web = app.state.ctx
        runner = make_worker(ctx, store)
        runner.pipeline_factory = web.pipeline  # one pipeline, made once, used by the worker only
        web.on_queued = runner.notify
        _, stop = runner.start()
    click.echo(f"marsad serving {settings.db} on http://{host}:{port}/ "
               f"({'with' if embedded else 'without'} a worker; Ctrl-C stops)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
    finally:
        if stop is not None:
            stop.set()
            runner.notify()


@main.group()
def user() -> None:
    """Accounts of the web app.

    \b
    Example:
      marsad user add amina --role admin
      marsad user list
    """


@user.command("add")
@click.argument("name")
@click.option("--role", required=True,
              type=click.Choice(["admin", "editor", "analyst", "contact", "public"]),
              help="admin, editor, analyst, contact or public (read-only).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_context
def user_add(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Add an account (the first admin is made here).

    \b
    Example:
      marsad user add amina --role admin
      echo "$PASSWORD" | marsad user add omar --role analyst --password-stdin
    """
    from ..web import Accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    created = Accounts(open_store(ctx)).add_user(name, role, password)
    click.echo(f"user {created.name} added with role {created.role}")


@user.command("list")
@click.pass_context
def user_list(ctx: click.Context) -> None:
    """List the accounts.

    \b
    Example:
      marsad user list
    """
    from ..web import Accounts

    for account in Accounts(open_store(ctx)).users():
        click.echo(f"{account.name}\t{account.role}")


@main.group()
def token() -> None:
    """API tokens for scripts (send `Authorization: Bearer <token>`).

    \b
    Example:
      marsad token create amina --label nightly-export
    """


@token.command("create")
@click.argument("name")
@click.option("--label", default="", help="What the token is for.")
@click.pass_context
def token_create(ctx: click.Context, name: str, label: str) -> None:
    """Create an API token for user NAME; it is printed once and only its hash is kept.

    \b
    Example:
      marsad token create amina --label nightly-export
    """
    from ..web import Accounts

    click.echo(Accounts(open_store(ctx)).create_token(name, label))
