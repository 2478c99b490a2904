"""Shared fixtures: a temp database, a CLI runner, the spaCy pipeline (loaded once), table dumps.

Tests write the small texts they need; real third-party articles stay in ../shared and are read
only by the tests marked ``corpus``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings as hypothesis_settings

# Property tests: a modest number of examples and a deadline everywhere; in CI (CI=true) the
# examples are derived from the test itself, so a run is the same on every machine and a red
# build is never a roll of the dice. HYPOTHESIS_PROFILE picks another profile by name.
# derandomize is said outright: hypothesis's own default turns it on whenever a variable named
# CI exists, even CI=false.
hypothesis_settings.register_profile(
    "dev", max_examples=25, deadline=dt.timedelta(seconds=2), print_blob=True, derandomize=False)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("dev"), derandomize=True, database=None)
hypothesis_settings.load_profile(os.environ.get(
    "HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev"))


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No engineer's MARSAD_* variables or marsad.toml leak into a test."""
    for name in list(os.environ):
        if name.startswith("MARSAD_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("MARSAD_PROGRESS", "no")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory (so marsad.toml and marsad.db default to it)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def db_path(workdir: Path) -> Path:
    return workdir / "test.db"


@pytest.fixture
def cli(db_path: Path) -> Callable[..., Result]:
    """Run ``marsad --db <db_path> ARGS...`` in-process, as a user would type it."""
    from marsad.cli import main

    runner = CliRunner()

    def run(*args: str, db: str | Path | None = db_path, input: str | None = None,
            env: dict | None = None) -> Result:
        argv = (["--db", str(db)] if db is not None else []) + [str(a) for a in args]
        return runner.invoke(main, argv, input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline with marsad's patterns, loaded once per session."""
    from marsad.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def knowledge():
    from marsad.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def extractor(nlp, knowledge):
    from marsad.extract import Extractor

    return Extractor(nlp, knowledge)


@pytest.fixture(scope="session")
def blank_extractor(knowledge):
    """An extractor on spaCy's blank English pipeline: no model, fast, finds less."""
    from marsad.extract import Extractor
    from marsad.nlp import blank_pipeline

    return Extractor(blank_pipeline(), knowledge)
