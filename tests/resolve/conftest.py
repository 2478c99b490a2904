"""The stores of tests/store (a SQLite file, and a PostgreSQL database of this run's own)."""

from tests.store.conftest import postgres_store, postgres_url, sqlite_store, store  # noqa: F401
