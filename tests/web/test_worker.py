"""Field reports off the request path: stored at once (202 and a status link), run by a worker
from a queue in the store that survives restarts, processed at least once and never twice."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from marsad.store import Store
from marsad.store.queue import Jobs, JobState
from marsad.worker import Worker

from .conftest import FIELD_TEXT, make_site


@pytest.fixture
def queued_site(db, tmp_path, extractor, geocoder):
    """The app with its worker stopped: jobs wait until a test runs them."""
    site = make_site(db, tmp_path, extractor, geocoder, run_worker=False)
    yield site
    site.store.close()


def _send(site, role="contact", **fields):
    return site.client(role).post("/api/reports", data={
        "text": FIELD_TEXT, "date": "2024-03-11", "place": "Kafr Nabl", **fields})


def test_a_field_report_is_answered_at_once_and_run_by_the_worker(queued_site):
    site = queued_site
    events_before = site.store.count("events")
    response = _send(site)
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["state"] == "queued" and body["new"] is True and body["event_ids"] == []
    assert response.headers["location"] == body["status_url"] == \
        f"/api/reports/{body['report_id']}/status"
    # nothing of the pipeline ran in the request
    assert not site.store.has_report(body["report_id"])
    assert site.store.count("events") == events_before
    status = site.client("contact").get(body["status_url"])
    assert status.status_code == 200 and status.json()["state"] == "queued"
    assert site.worker.drain() == 1
    done = site.client("contact").get(body["status_url"]).json()
    assert done["state"] == "done" and done["claims"] >= 1 and done["event_ids"]
    assert site.store.has_report(body["report_id"])
    assert set(done["event_ids"]) <= {e.id for e in site.store.events()}


def test_only_the_sender_and_staff_see_a_reports_state(queued_site):
    site = queued_site
    url = _send(site).json()["status_url"]
    assert site.client("analyst").get(url).status_code == 200
    assert site.client("admin").get(url).status_code == 200
    assert site.client().get(url).status_code == 401
    assert site.client("public").get(url).status_code == 403
    other = site.client("editor").get(url.replace(url[13:29], "0" * 16))
    assert other.status_code == 404


def test_the_intake_form_answers_202_and_links_to_a_page_that_shows_the_state(queued_site):
    site = queued_site
    client = site.login("contact")
    page = client.get("/intake").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    response = client.post("/intake", data={"csrf": csrf, "text": FIELD_TEXT,
                                            "date": "2024-03-11", "place": "Kafr Nabl"})
    assert response.status_code == 202, response.text
    assert "the report was received" in response.text and "queued" in response.text
    link = re.search(r'href="(/intake/[0-9a-f]{16})" id="intake-status-link"', response.text)
    waiting = client.get(link.group(1))
    assert 'data-state="queued"' in waiting.text and 'http-equiv="refresh"' in waiting.text
    site.worker.drain()
    done = client.get(link.group(1)).text
    assert 'data-state="done"' in done and "claim(s) found" in done
    assert 'http-equiv="refresh"' not in done


def test_the_queue_survives_a_restart(queued_site):
    site = queued_site
    report_id = _send(site).json()["report_id"]
    location = str(site.store.engine.url.render_as_string(hide_password=False))
    site.store.close()
    again = Store.open(location.replace("sqlite:///", "") if location.startswith("sqlite")
                       else location)
    pipeline = site.worker.pipeline()
    pipeline.store = again
    Worker(again, lambda: pipeline).drain()
    assert Jobs(again).get(report_id).state is JobState.DONE
    assert again.has_report(report_id)
    pipeline.store = site.store = again


def test_a_job_whose_worker_died_is_taken_again_and_stores_the_report_once(queued_site):
    site = queued_site
    report_id = _send(site).json()["report_id"]
    now = [dt.datetime(2031, 5, 17, 9, 0)]
    jobs = Jobs(site.store, clock=lambda: now[0], lease=dt.timedelta(minutes=15))
    # a worker on this machine took the job, then its process died: taken again at once
    host = site.worker.name.rsplit(":", 1)[0]
    assert jobs.take(f"{host}:{2 ** 22 + 7}").id == report_id
    assert jobs.take(site.worker.name).attempts == 2
    # a worker elsewhere took it: it is free again only when the lease has run out
    now[0] += dt.timedelta(minutes=20)
    assert jobs.take("other-host:1").attempts == 3
    now[0] += dt.timedelta(minutes=5)
    assert jobs.take("third-host:1") is None
    # ... and it stopped too: after three attempts the job fails, saying so
    now[0] += dt.timedelta(minutes=20)
    assert jobs.take("third-host:1") is None
    assert jobs.get(report_id).state is JobState.FAILED
    assert "stopped 3 times" in jobs.get(report_id).error
    # sending it again queues it again; processing it twice stores it once, same events
    assert _send(site).json()["state"] == "queued"
    site.worker.drain()
    first = site.client("contact").get(f"/api/reports/{report_id}/status").json()
    assert first["state"] == "done"
    events = site.store.events()
    site.worker.pipeline().ingest_reports([site.store.report(report_id)])
    assert [r.id for r in site.store.reports()].count(report_id) == 1
    assert site.store.events() == events


def test_a_failed_job_says_why(queued_site):
    site = queued_site

    class Broken:
        store = site.store

        def ingest_reports(self, reports):
            raise RuntimeError("the gazetteer file is missing")

    report_id = _send(site).json()["report_id"]
    Worker(site.store, Broken).drain()
    status = site.client("contact").get(f"/api/reports/{report_id}/status").json()
    assert status["state"] == "failed" and "gazetteer file is missing" in status["error"]
    page = site.login("contact").get(f"/intake/{report_id}").text
    assert "could not be processed" in page and "gazetteer file is missing" in page
