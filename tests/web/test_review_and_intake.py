"""Review (confirm, correct, merge, split, reject) recorded with who and when and kept by later
machine runs; field reports through the pipeline into the review queue; untrusted text."""

from __future__ import annotations

import datetime as dt
import os
import re

from marsad.ingest import Defaults
from marsad.ingest.readers import build_report

from .conftest import FIELD_TEXT


def _png() -> bytes:
    """A real (tiny) PNG: photos are decoded and encoded again, so a bare signature is refused."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), (10, 120, 10)).save(out, format="PNG")
    return out.getvalue()


PNG = _png()


def _csrf(client, url):
    return re.search(r'name="csrf" value="([^"]+)"', client.get(url).text).group(1)


def test_confirm_from_the_event_page_is_recorded_with_who_and_when(site):
    client = site.login("analyst")
    event_id = site.event_with("Hajin")
    response = client.post(f"/events/{event_id}/review",
                           data={"csrf": _csrf(client, f"/events/{event_id}"),
                                 "action": "confirm", "note": "checked the video"})
    assert response.status_code == 200  # redirected to the event page
    assert 'id="event-status">reviewed' in response.text
    history = site.client().get(f"/api/events/{event_id}").json()["history"]
    assert history[-1]["user"] == "analyst" and history[-1]["action"] == "confirm"
    assert history[-1]["detail"]["note"] == "checked the video"
    assert dt.datetime.fromisoformat(history[-1]["at"]).year >= 2024


def test_a_corrected_field_survives_a_later_machine_run(site):
    event_id = site.event_with("Hajin")
    client = site.client("analyst")
    response = client.post(f"/api/events/{event_id}/review",
                           json={"action": "correct", "field": "fatalities_best", "value": "6",
                                 "note": "hospital list"})
    assert response.status_code == 200, response.text
    corrected = response.json()["event_ids"][0]
    assert site.store.event(corrected).fatalities_best == 6
    claims = set(site.store.event(corrected).claim_ids)
    # a machine run: a new report is ingested and everything is resolved again; the new claim
    # may join the incident (and so renumber it), but the analyst's figure must hold
    pipeline = site.app.state.ctx.pipeline()
    pipeline.ingest_reports([build_report(
        "Fighters clashed near Hajin again on Monday, killing two, activists said.",
        Defaults(), title="Hajin again", published=dt.date(2024, 3, 5))])
    (after,) = [e for e in site.store.events() if claims <= set(e.claim_ids)]
    assert after.fatalities_best == 6


def test_correct_refuses_bad_values_with_4xx(site):
    event_id = site.event_with("Hajin")
    client = site.client("analyst")
    bad = client.post(f"/api/events/{event_id}/review",
                      json={"action": "correct", "field": "fatalities_best", "value": "many"})
    assert bad.status_code == 422 and "whole number" in bad.json()["error"]
    unknown = client.post(f"/api/events/{event_id}/review",
                          json={"action": "correct", "field": "colour", "value": "red"})
    assert unknown.status_code == 422
    missing = client.post(f"/api/events/{event_id}/review", json={"action": "correct"})
    assert missing.status_code == 422 and "which field" in missing.json()["error"]


def test_merge_then_split(site):
    a, b = site.event_with("Hajin"), site.event_with("Mogadishu")
    client = site.client("analyst")
    merged = client.post("/api/events/merge", json={"event_ids": [a, b], "note": "same"})
    assert merged.status_code == 200, merged.text
    merged_id = merged.json()["event_ids"][0]
    claims = site.store.event(merged_id).claim_ids
    assert len(claims) >= 2
    split = client.post(f"/api/events/{merged_id}/split", json={"claim_ids": [claims[-1]]})
    assert split.status_code == 200, split.text
    kept, new = split.json()["event_ids"]
    assert claims[-1] in site.store.event(new).claim_ids
    assert claims[-1] not in site.store.event(kept).claim_ids
    bad = client.post(f"/api/events/{kept}/split", json={"claim_ids": ["ffffffff"]})
    assert 400 <= bad.status_code < 500


def test_rejected_events_leave_the_public_view_and_the_queue(site):
    event_id = site.event_with("Mogadishu")
    response = site.client("editor").post(f"/api/events/{event_id}/review",
                                          json={"action": "reject", "note": "hoax"})
    assert response.status_code == 200
    assert event_id not in [e["id"] for e in site.client().get("/api/events").json()["events"]]
    queue = site.client("analyst").get("/api/review/queue").json()["events"]
    assert event_id not in [e["id"] for e in queue]


def test_field_report_form_goes_through_the_pipeline_into_the_queue(site):
    client = site.login("contact")
    response = client.post("/intake", data={"csrf": _csrf(client, "/intake"), "text": FIELD_TEXT,
                                            "date": "2024-03-11", "place": "Kafr Nabl"},
                           files={"photo": ("street.png", PNG, "image/png")})
    assert response.status_code == 202, response.text
    assert "the report was received" in response.text
    report = [r for r in site.store.reports() if r.kind == "field"]
    assert len(report) == 1 and report[0].published == dt.date(2024, 3, 11)
    queue = site.login("analyst").get("/review").text
    assert "field report" in queue
    field_events = site.app.state.ctx.catalogue.review_queue(None).field_event_ids
    waiting = "Field reports with no event found" in queue and "Kafr Nabl" in queue
    assert field_events or waiting
    # the photo is kept outside the web root, readable by its owner only
    files = list(site.upload_dir.iterdir())
    assert len(files) == 1 and files[0].suffix == ".png"
    assert oct(os.stat(files[0]).st_mode & 0o777) == "0o600"
    assert "static" not in str(files[0])


def test_field_report_api_checks_photo_type_and_size(site):
    client = site.client("contact")
    fake = client.post("/api/reports", data={"text": FIELD_TEXT},
                       files={"photo": ("x.png", b"<?php echo 1; ?>", "image/png")})
    assert fake.status_code == 422 and "JPEG, PNG or WebP" in fake.json()["error"]
    huge = client.post("/api/reports", data={"text": FIELD_TEXT},
                       files={"photo": ("x.png", PNG + b"\x00" * (5 * 1024 * 1024), "image/png")})
    assert huge.status_code == 422 and "too large" in huge.json()["error"]
    short = client.post("/api/reports", data={"text": "fighting"})
    assert short.status_code == 422 and "at least" in short.json()["error"]
    future = client.post("/api/reports", data={"text": FIELD_TEXT, "date": "2999-01-01"})
    assert future.status_code == 422 and "future" in future.json()["error"]
    assert not [r for r in site.store.reports() if r.kind == "field"]


def test_field_report_api_returns_its_events(site):
    response = site.client("contact").post("/api/reports", data={
        "text": FIELD_TEXT, "date": "2024-03-11", "place": "Kafr Nabl"})
    assert response.status_code == 202
    body = response.json()
    assert body["new"] is True and len(body["report_id"]) == 16
    again = site.client("contact").post("/api/reports", data={
        "text": FIELD_TEXT, "date": "2024-03-11", "place": "Kafr Nabl"})
    assert again.json()["new"] is False


def test_field_reports_are_not_shown_to_the_public(site):
    site.client("contact").post("/api/reports", data={"text": FIELD_TEXT, "date": "2024-03-11"})
    public = site.client().get("/api/reports").json()["reports"]
    assert all(r["kind"] != "field" for r in public)
    staff = site.client("analyst").get("/api/reports", params={"kind": "field"}).json()
    assert staff["total"] == 1


def test_script_in_a_report_shows_as_text(site):
    event_id = site.event_with("<script>")
    page = site.client().get(f"/events/{event_id}").text
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert(" not in page
    home = site.client().get("/").text
    assert "<script>alert(" not in home
    assert "script-src 'self'" in site.client().get("/").headers["content-security-policy"]


def test_evidence_sentence_is_highlighted_in_the_report_text(site):
    event_id = site.event_with("market in Idlib")
    page = site.client().get(f"/events/{event_id}").text
    marks = re.findall(r'<mark class="evidence">(.*?)</mark>', page, flags=re.S)
    assert any("market in Idlib" in m for m in marks)
