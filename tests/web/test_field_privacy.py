"""A contact's words never reach a visitor who may not read field reports.

Walks every reading endpoint and page as each role, with a field report in the store that
yields an event, a toll and a control claim, and looks for the report's sentences (and the
place names only it gives) in every answer. After an analyst reviews the event, the public sees
the event, still without a word of the field report.
"""

from __future__ import annotations

import json

import pytest

PRIVATE_TEXT = ("Government forces shelled the village of Kafr Nabl in Idlib on Monday morning, "
                "killing four civilians, a resident said. "
                "Since January at least 40 civilians have been killed by government shelling in "
                "Idlib province, the resident said. "
                "Syrian government forces captured the town of Hish in Idlib on Sunday.")
SENTENCES = [s.strip() + "." for s in PRIVATE_TEXT.split(". ") if s.strip(".")]
WORDS = ["a resident said", "the resident said", "by government shelling",
         "captured the town of Hish"]
READERS = [None, "public", "contact"]
STAFF = ["analyst", "editor", "admin"]


def _submit(site) -> dict:
    response = site.client("contact").post("/api/reports", data={
        "text": PRIVATE_TEXT, "date": "2024-03-12", "title": "from a contact"})
    assert response.status_code == 202, response.text
    return response.json()


def _client(site, role):
    return site.client(role)


def _answers(site, role) -> dict[str, str]:
    """Every reading endpoint and page, as `role` sees it (what it may not open is skipped)."""
    api = _client(site, role)
    pages = site.login(role) if role else site.client()
    urls = ["/api/events", "/api/events?format=geojson", "/api/tolls", "/api/control",
            "/api/reports", "/api/reports?kind=field", "/api/events?place=Kafr",
            "/api/control?place=Hish"]
    answers = {url: api.get(url).text for url in urls}
    event_ids = {e["id"] for e in json.loads(answers["/api/events"])["events"]}
    for event in site.store.events():
        event_ids.add(event.id)  # also the ones hidden from the list: a direct link must not leak
    for eid in sorted(event_ids):
        answers[f"/api/events/{eid}"] = api.get(f"/api/events/{eid}").text
        answers[f"/events/{eid}"] = pages.get(f"/events/{eid}").text
    for url in ["/", "/tolls", "/control", "/tolls?victims=civilians", "/control?place=Hish"]:
        answers[url] = pages.get(url).text
    return answers


def _leaks(answers: dict[str, str]) -> list[str]:
    return [f"{url}: {needle!r}" for url, body in answers.items()
            for needle in [*SENTENCES, *WORDS] if needle in body]


def test_the_field_report_gives_an_event_a_toll_and_a_control_claim(site):
    result = _submit(site)
    assert result["event_ids"], result
    field = {result["report_id"]}
    assert any(t.report_id in field for t in site.store.tolls())
    assert any(c.report_id in field for c in site.store.controls())


@pytest.mark.parametrize("role", READERS)
def test_no_role_without_the_right_reads_a_contacts_words(site, role):
    _submit(site)
    assert _leaks(_answers(site, role)) == []


@pytest.mark.parametrize("role", STAFF)
def test_staff_read_the_field_report(site, role):
    _submit(site)
    answers = _answers(site, role)
    assert any("a resident said" in body for body in answers.values())
    assert "the resident said" in answers["/api/tolls"]
    assert "captured the town" in answers["/api/control"]


def test_a_reviewed_field_event_is_shown_to_the_public_without_its_words(site):
    result = _submit(site)
    event_id = result["event_ids"][0]
    assert site.client().get(f"/api/events/{event_id}").status_code == 404
    reviewed = site.client("analyst").post(f"/api/events/{event_id}/review",
                                           json={"action": "confirm"})
    assert reviewed.status_code == 200, reviewed.text
    shown = site.client().get(f"/api/events/{event_id}")
    assert shown.status_code == 200
    body = shown.json()
    assert body["claims"] == [] and body["field_report"] is True
    event = body["event"]
    place = event["geocode"]["place"] if event["geocode"] else None
    assert event["place"] is None or event["place"]["mention"] == (place["name"] if place else "")
    assert event["notes"] == "" and "resident" not in " ".join(event["sources"])
    for role in READERS:
        assert _leaks(_answers(site, role)) == []
