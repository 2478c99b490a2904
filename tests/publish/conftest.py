"""Fixtures for the publish tests: a temporary store filled with the records of records.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.store import Store

from .records import fill


@pytest.fixture
def filled(db_path: Path) -> Store:
    store = fill(Store.open(str(db_path)))
    yield store
    store.close()
