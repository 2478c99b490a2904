"""The zoomable map in headless Chromium: open the map, open the cluster, zoom with the wheel
to a town, click its event and land on the event's evidence. No request leaves the machine."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .conftest import SCREENSHOTS
from .test_browser import browser, playwright, server  # noqa: F401  (the same fixtures)

pytestmark = pytest.mark.browser


def zoom_of(page) -> int:
    return int(page.get_attribute("#zoom-map", "data-boundaries-zoom") or 0)


def wait_for_boundaries(page, at_least: int = 0) -> None:
    page.wait_for_function(
        "z => { const m = document.getElementById('zoom-map');"
        " return m.hasAttribute('data-boundaries-level') &&"
        " Number(m.getAttribute('data-boundaries-zoom')) >= z; }", arg=at_least, timeout=15000)


def test_zoom_to_a_town_and_open_an_event(browser, server, request):  # noqa: F811
    base, site = server
    backend = request.node.callspec.params["db"]
    event_id = site.event_with("market in Idlib")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, hosts = [], set()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: hosts.add(urlsplit(req.url).netloc))

    page.goto(f"{base}/")
    wait_for_boundaries(page)
    assert page.is_visible("#zoom-map") and not page.is_visible("svg#map")
    assert page.locator("#zoom-map .leaflet-control-attribution").inner_text().endswith(
        "Natural Earth")
    marker = page.locator(f"path.event-{event_id}")

    # Idlib and Hajin are grouped at the first view: open groups until the event stands alone
    for _ in range(6):
        if marker.count():
            break
        page.locator("#zoom-map .marker-cluster").first.click()
        page.wait_for_timeout(700)
    assert marker.count() == 1, "the Idlib event never left its cluster"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{backend}-map-world.png"))

    # zoom with the wheel over the event until the view is a town's
    for _ in range(12):
        if zoom_of(page) >= 12:
            break
        box = marker.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, -240)
        page.wait_for_timeout(450)
        if 6 <= zoom_of(page) <= 8 and not (SCREENSHOTS / f"{backend}-map-region.png").exists():
            page.screenshot(path=str(SCREENSHOTS / f"{backend}-map-region.png"))
    wait_for_boundaries(page, 12)
    assert page.get_attribute("#zoom-map", "data-boundaries-level") == "2"  # 1:10m at full detail
    assert page.locator("#zoom-map .leaflet-basemap-pane canvas").count() == 1
    page.screenshot(path=str(SCREENSHOTS / f"{backend}-map-town.png"))

    # click the event: its popup leads to the evidence
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator(".leaflet-popup")
    popup.wait_for(timeout=5000)
    assert "Idlib" in popup.inner_text()
    page.screenshot(path=str(SCREENSHOTS / f"{backend}-map-popup.png"))
    popup.locator("a.popup-evidence").click()
    page.wait_for_url(re.compile(rf".*/events/{event_id}$"))
    assert "Idlib" in page.locator("mark.evidence").first.inner_text()
    # the event page's own map shows its one event
    wait_for_boundaries(page)
    assert page.locator(f"#zoom-map path.event-{event_id}").count() == 1

    assert hosts == {urlsplit(base).netloc}, hosts
    assert not errors, errors


def test_precision_rings_follow_the_events_that_stand_alone(browser, server):  # noqa: F811
    base, site = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/")
    wait_for_boundaries(page)
    coarse = page.evaluate(
        "JSON.parse(document.getElementById('zoom-map').getAttribute('data-events'))"
        ".filter(e => e.precision > 1).length")
    standing = page.locator("#zoom-map path[class*='event-marker p2'], "
                            "#zoom-map path[class*='event-marker p3']").count()
    rings = page.locator("#zoom-map path.precision-ring").count()
    assert rings == standing <= coarse
