"""The web app on a real store (SQLite file, or a fresh PostgreSQL database), seeded with short
reports written for these tests, with one account per role and an API token each.

The reports are ingested once per session into a seed database; each test gets a copy (a file
copy on SQLite; ``CREATE DATABASE ... TEMPLATE`` on the PostgreSQL server at 127.0.0.1:5432 or
``MARSAD_TEST_POSTGRES``). Every database is ``marsad_web_<random>`` and dropped after use, so
engineers running the suite at the same time never see each other's rows.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from marsad.ingest import Defaults
from marsad.ingest.readers import build_report
from marsad.pipeline import Pipeline, open_geocoder
from marsad.settings import load_settings
from marsad.store import Store
from marsad.web import ROLES, Accounts, create_app
from marsad.web.app import decision_keeping_resolver
from marsad.worker import Worker
from tests.helpers import POSTGRES_ADMIN_URL, skip_without_postgres
from tests.helpers import postgres_admin as admin_connection

ADMIN_URL = POSTGRES_ADMIN_URL
PASSWORD = "correct horse battery"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"

# Reports written for these tests.
REPORTS = [
    ("2024-03-04", "Clashes in Hajin", "Test Wire",
     "Islamic State fighters attacked a Syrian Democratic Forces checkpoint in Hajin on Sunday, "
     "killing five fighters, the Syrian Observatory for Human Rights said. "
     "Residents said the clashes lasted until dawn."),
    ("2024-03-06", "Strike on Idlib market", "Test Wire",
     "An air strike on a market in Idlib on Tuesday killed three civilians, including a child, "
     "the White Helmets said."),
    ("2024-03-06", "Idlib market toll", "Other Wire",
     "Syrian Civil Defence said four civilians were killed when an air strike hit a market in "
     "Idlib on Tuesday."),
    ("2024-03-09", "<script>alert('x')</script> Mogadishu blast", "Test Wire",
     "A car bomb exploded near a checkpoint in Mogadishu on Friday, killing seven people, police "
     "said. <script>alert('x')</script> Witnesses said the blast shook the district."),
]
FIELD_TEXT = ("Government forces shelled the village of Kafr Nabl in Idlib on Monday morning, "
              "killing four civilians, a resident said.")


@dataclass
class Site:
    """An app on a seeded store, with a client and a token per role. Its worker runs queued
    field reports as soon as they are queued (``run_worker=False``: only when a test says)."""

    app: object
    store: Store
    settings: object
    tokens: dict[str, str]
    upload_dir: Path
    worker: Worker | None = None

    def client(self, role: str | None = None, **kwargs):
        from fastapi.testclient import TestClient

        client = TestClient(self.app, **kwargs)
        if role:
            client.headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return client

    def login(self, role: str):
        """A browser-like client signed in as `role` (cookie session + CSRF token)."""
        import re

        client = self.client()
        page = client.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        response = client.post("/login", data={"csrf": csrf, "name": role, "password": PASSWORD,
                                               "next": "/"}, follow_redirects=False)
        assert response.status_code == 303, response.text
        return client

    def event_with(self, words: str) -> str:
        for event in self.store.events():
            claims = self.store.claims(event.claim_ids)
            if any(words in self.store.report(c.report_id).text for c in claims):
                return event.id
        raise AssertionError(f"no event from a report with {words!r}")


_admin = admin_connection


@pytest.fixture(scope="session")
def postgres_admin():
    """The server's admin connection URL, or a skip that says how to start the server."""
    skip_without_postgres()
    return ADMIN_URL


def _pg_url(name: str) -> str:
    return f"{ADMIN_URL.rsplit('/', 1)[0]}/{name}"


@pytest.fixture(scope="session")
def geocoder():
    return open_geocoder(load_settings({}))


@dataclass(frozen=True)
class Seed:
    """A seeded database to copy: its location and the API token of each role."""

    location: str
    tokens: dict[str, str]


def seed(db: str, extractor, geocoder) -> Seed:
    """Store the test reports (through the pipeline) and one account and token per role."""
    store = Store.open(db)
    settings = load_settings({"db": db})
    pipeline = Pipeline(store, extractor, geocoder, resolver=decision_keeping_resolver(settings))
    pipeline.ingest_reports([build_report(text, Defaults(), title=title, outlet=outlet,
                                          published=dt.date.fromisoformat(day))
                             for day, title, outlet, text in REPORTS])
    accounts = Accounts(store)
    tokens = {}
    for role in ROLES:
        accounts.add_user(role, role, PASSWORD)
        tokens[role] = accounts.create_token(role, "tests")
    store.close()
    return Seed(db, tokens)


@pytest.fixture(scope="session")
def sqlite_seed(tmp_path_factory, extractor, geocoder) -> Seed:
    return seed(str(tmp_path_factory.mktemp("seed") / "seed.db"), extractor, geocoder)


@pytest.fixture(scope="session")
def postgres_seed(postgres_admin, extractor, geocoder):
    """A seeded database on the server, used as the TEMPLATE of each test's database."""
    name = f"marsad_web_seed_{secrets.token_hex(6)}"
    with _admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield seed(_pg_url(name), extractor, geocoder)
    finally:
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request, tmp_path):
    """A seeded database of the test's own: the same tests on both back ends."""
    if request.param == "sqlite":
        seeded = request.getfixturevalue("sqlite_seed")
        path = tmp_path / "web.db"
        shutil.copyfile(seeded.location, path)
        yield str(path), seeded.tokens
        return
    seeded = request.getfixturevalue("postgres_seed")
    template = seeded.location.rsplit("/", 1)[1]
    name = f"marsad_web_{secrets.token_hex(6)}"
    with _admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield _pg_url(name), seeded.tokens
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_site(db, tmp_path: Path, extractor, geocoder, run_worker: bool = True,
              **settings) -> Site:
    location, tokens = db
    settings = load_settings({"db": location, "upload_dir": str(tmp_path / "uploads"),
                              "secret_key": "test-secret", **settings})
    store = Store.open(location)
    pipeline = Pipeline(store, extractor, geocoder, resolver=decision_keeping_resolver(settings))
    app = create_app(settings, store, pipeline_factory=lambda: pipeline)
    worker = Worker(store, lambda: pipeline)
    if run_worker:  # the test hook: the worker runs the job before the request is answered
        app.state.ctx.on_queued = worker.drain
    return Site(app, store, settings, tokens, tmp_path / "uploads", worker)


@pytest.fixture
def site(db, tmp_path, extractor, geocoder) -> Site:
    site = make_site(db, tmp_path, extractor, geocoder)
    yield site
    site.store.close()


@pytest.fixture
def public_site(db, tmp_path, extractor, geocoder) -> Site:
    """The app with `public_reviewed_only` on."""
    site = make_site(db, tmp_path, extractor, geocoder, public_reviewed_only=True)
    yield site
    site.store.close()
