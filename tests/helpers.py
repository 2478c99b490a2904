"""Helpers the tests share: the texts written for them, table dumps, small file writers."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import sqlalchemy as sa

from marsad.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXED_NOW = dt.datetime(2031, 5, 17, 9, 30)  # a clock no report in the tests talks about

# A short report written for the tests: an attack with a monitor's figure, dated "on Sunday".
HAJIN_TEXT = (
    "Islamic State fighters attacked a Syrian Democratic Forces checkpoint in Hajin on Sunday, "
    "killing five fighters, the Syrian Observatory for Human Rights said.\n"
    "Residents said the clashes lasted until dawn."
)
# Another, with "yesterday" and an air strike.
IDLIB_TEXT = (
    "Yesterday an air strike on a market in Idlib killed three civilians, including a child, "
    "rescuers said. The White Helmets said the jets came from the south."
)



def dump_tables(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table (marsad's and Alembic's), sorted: for before/after equality."""
    names = sorted(sa.inspect(store.engine).get_table_names())
    dump: dict[str, list[tuple]] = {}
    with store.engine.connect() as connection:
        for name in names:
            table = sa.Table(name, sa.MetaData(), autoload_with=connection)
            rows = connection.execute(sa.select(table)).all()
            dump[name] = sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)
    return dump


def _plain(value: object) -> object:
    return json.dumps(value, sort_keys=True) if isinstance(value, (dict, list)) else value


def dump_db(path: Path | str) -> dict[str, list[tuple]]:
    store = Store.open(str(path), migrate=False)
    try:
        return dump_tables(store)
    finally:
        store.close()


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# -- PostgreSQL -------------------------------------------------------------------------------

POSTGRES_ADMIN_URL = os.environ.get("MARSAD_TEST_POSTGRES",
                                    "postgresql://postgres@127.0.0.1:5432/test")


def postgres_admin():
    """An autocommit admin connection to the test server (psycopg raises if it is down)."""
    import psycopg

    return psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)


def skip_without_postgres() -> None:
    """Skip the calling test, saying how to start the server, when it cannot be reached."""
    import pytest

    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'marsad[postgres]')")
    try:
        with postgres_admin():
            pass
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {POSTGRES_ADMIN_URL} cannot be reached ({str(exc).strip()}); "
                    "start it with `pg_ctlcluster 15 main start` or set MARSAD_TEST_POSTGRES")
