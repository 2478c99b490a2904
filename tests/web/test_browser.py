"""The app in headless Chromium (Debian's chromium, driven by Playwright): sign in, filter the
map, open an event and see its evidence, review it, send a field report and find it in the
queue. Screenshots of the main pages go to test-output/screenshots/ for a person to look at."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import FIELD_TEXT, PASSWORD, SCREENSHOTS

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def playwright():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed "
                                   "(pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def server(site):
    """The site on a real HTTP port (uvicorn in a thread), stopped after the test."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(site.app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start in 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", site
    server.should_exit = True
    thread.join(timeout=10)


def shot(page, name: str, backend: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{backend}-{name}.png"), full_page=True)


def sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/$"))


def test_analyst_workflow(browser, server, request):
    base, site = server
    backend = request.node.callspec.params["db"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    sign_in(page, base, "analyst")
    assert "analyst" in page.inner_text("header .who")
    shot(page, "map", backend)
    all_rows = page.locator("#events tbody tr").count()
    assert all_rows >= 3

    # filter by place: the URL keeps the filter, the list and the map shrink
    page.fill("#filters input[name=place]", "Idlib")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r".*place=Idlib.*"))
    rows = page.locator("#events tbody tr")
    assert 1 <= rows.count() < all_rows
    markers = page.locator("#map circle.marker").count()
    assert markers <= rows.count()
    shot(page, "map-filtered", backend)

    # open the event: its evidence sentence is highlighted in the report's text
    rows.first.locator("a").first.click()
    page.wait_for_url(re.compile(r".*/events/[0-9a-f]+$"))
    evidence = page.locator("mark.evidence").first
    assert "Idlib" in evidence.inner_text()
    assert evidence.is_visible()
    shot(page, "event", backend)

    # review it: confirm, and the history says who did
    page.fill("#review-actions input[name=note] >> nth=0", "checked with the civil defence")
    page.click("#confirm")
    page.wait_for_load_state()
    assert page.inner_text("#event-status") == "reviewed"
    assert "analyst" in page.inner_text("#history")
    assert "confirm" in page.inner_text("#history")

    # send a field report, then find it in the queue marked as a field report
    page.goto(f"{base}/intake")
    page.fill("textarea[name=text]", FIELD_TEXT)
    page.fill("input[name=date]", "2024-03-11")
    page.fill("input[name=place]", "Kafr Nabl")
    shot(page, "intake", backend)
    page.click("#intake-form button[type=submit]")
    page.wait_for_selector("#intake-result")
    assert "received" in page.inner_text("#intake-result")
    page.goto(f"{base}/review")
    assert "field report" in page.inner_text("main")
    badge_rows = page.locator("#queue tbody tr:has(.badge.field)").count()
    waiting = page.inner_text("#waiting")
    assert badge_rows >= 1 or "Kafr Nabl" in waiting
    shot(page, "review-queue", backend)

    page.goto(f"{base}/tolls")
    shot(page, "tolls", backend)
    page.goto(f"{base}/control")
    shot(page, "control", backend)
    assert not errors, errors


def test_script_in_a_report_does_not_run(browser, server, request):
    base, site = server
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    event_id = site.event_with("<script>")
    page.goto(f"{base}/events/{event_id}")
    assert "<script>alert('x')</script>" in page.inner_text("main")
    page.goto(f"{base}/")
    page.wait_for_timeout(200)
    assert dialogs == []


def test_contact_cannot_review(browser, server):
    base, site = server
    page = browser.new_page()
    sign_in(page, base, "contact")
    assert page.locator("a[href='/review']").count() == 0
    assert page.locator("a[href='/intake']").count() == 1
    event_id = site.event_with("Hajin")
    page.goto(f"{base}/events/{event_id}")
    assert page.locator("#review-actions").count() == 0
    response = page.goto(f"{base}/review")
    assert response.status == 403
