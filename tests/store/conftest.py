"""Stores to test against: a real SQLite file always, and a fresh PostgreSQL database per run.

The PostgreSQL database is ``marsad_test_<random>`` on the server at 127.0.0.1:5432 (or
``MARSAD_TEST_POSTGRES``), created for this run and dropped after it, so engineers running the
suite at the same time never see each other's rows.
"""

from __future__ import annotations

import secrets

import pytest

from marsad.store import Store
from tests.helpers import POSTGRES_ADMIN_URL, postgres_admin, skip_without_postgres

ADMIN_URL = POSTGRES_ADMIN_URL
_admin_connection = postgres_admin


@pytest.fixture(scope="session")
def postgres_url():
    """A database of our own on the PostgreSQL server, dropped at the end of the session."""
    skip_without_postgres()
    name = f"marsad_test_{secrets.token_hex(6)}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_store(postgres_url):
    """A migrated, empty store on PostgreSQL; its tables are emptied again after the test."""
    store = Store.open(postgres_url)
    yield store
    store.empty()
    store.close()


@pytest.fixture
def sqlite_store(tmp_path):
    store = Store.open(str(tmp_path / "store.db"))
    yield store
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request):
    """The same tests on both back ends."""
    return request.getfixturevalue(f"{request.param}_store")
