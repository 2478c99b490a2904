"""Accounts and roles: every write needs an account with the right role; sessions and forms
are protected (HttpOnly/SameSite cookies, CSRF tokens); the public sees what it may."""

from __future__ import annotations

import re

import pytest

from marsad.web import Accounts
from marsad.web.errors import AccountError

from .conftest import FIELD_TEXT, PASSWORD

ROLES_AND_ANON = (None, "public", "contact", "analyst", "editor", "admin")


def _expected(role, allowed):
    if role is None:
        return 401
    return None if role in allowed else 403


@pytest.mark.parametrize("role", ROLES_AND_ANON)
def test_confirm_needs_analyst_editor_or_admin(site, role):
    event_id = site.event_with("Hajin")
    response = site.client(role).post(f"/api/events/{event_id}/review", json={"action": "confirm"})
    expected = _expected(role, {"analyst", "editor", "admin"})
    if expected:
        assert response.status_code == expected
        assert "error" in response.json()
        assert site.store.event(event_id).status.value != "reviewed"
    else:
        assert response.status_code == 200, response.text
        assert site.store.event(response.json()["event_ids"][0]).status.value == "reviewed"


@pytest.mark.parametrize("role", ROLES_AND_ANON)
def test_reject_needs_editor_or_admin(site, role):
    event_id = site.event_with("Hajin")
    response = site.client(role).post(f"/api/events/{event_id}/review",
                                      json={"action": "reject", "note": "duplicate"})
    expected = _expected(role, {"editor", "admin"})
    assert response.status_code == (expected or 200), response.text


@pytest.mark.parametrize("role", ROLES_AND_ANON)
def test_merge_and_split_need_a_reviewer(site, role):
    a, b = site.event_with("Hajin"), site.event_with("Mogadishu")
    response = site.client(role).post("/api/events/merge", json={"event_ids": [a, b]})
    expected = _expected(role, {"analyst", "editor", "admin"})
    assert response.status_code == (expected or 200), response.text


@pytest.mark.parametrize("role", ROLES_AND_ANON)
def test_field_report_needs_a_contact_or_more(site, role):
    response = site.client(role).post("/api/reports", data={"text": FIELD_TEXT,
                                                           "date": "2024-03-11"})
    expected = _expected(role, {"contact", "analyst", "editor", "admin"})
    assert response.status_code == (expected or 202), response.text


@pytest.mark.parametrize("role", ROLES_AND_ANON)
def test_review_queue_is_for_reviewers(site, role):
    response = site.client(role).get("/api/review/queue")
    assert response.status_code == (_expected(role, {"analyst", "editor", "admin"}) or 200)


def test_a_bad_token_is_refused_with_a_fix(site):
    client = site.client()
    client.headers["Authorization"] = "Bearer msd_nope"
    response = client.get("/api/events")
    assert response.status_code == 401
    assert "marsad token create" in response.json()["error"]


def test_sign_in_sets_a_safe_cookie_and_wrong_passwords_fail(site):
    client = site.client()
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    wrong = client.post("/login", data={"csrf": csrf, "name": "analyst", "password": "nope"})
    assert wrong.status_code == 401 and "Wrong name or password" in wrong.text
    right = client.post("/login", data={"csrf": csrf, "name": "analyst", "password": PASSWORD},
                        follow_redirects=False)
    assert right.status_code == 303
    cookie = right.headers["set-cookie"].lower()
    assert "marsad_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/api/me").json() == {"name": "analyst", "role": "analyst"}


def test_login_form_without_its_csrf_token_is_refused(site):
    response = site.client().post("/login", data={"name": "admin", "password": PASSWORD})
    assert response.status_code == 403
    assert "reload the page" in response.text


def test_review_form_without_csrf_is_refused(site):
    client = site.login("analyst")
    event_id = site.event_with("Hajin")
    response = client.post(f"/events/{event_id}/review", data={"action": "confirm"})
    assert response.status_code == 403
    assert site.store.event(event_id).status.value != "reviewed"


def test_session_writes_through_the_api_need_the_csrf_header(site):
    client = site.login("analyst")
    event_id = site.event_with("Hajin")
    response = client.post(f"/api/events/{event_id}/review", json={"action": "confirm"})
    assert response.status_code == 403 and "X-CSRF-Token" in response.json()["error"]
    page = client.get(f"/events/{event_id}")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = client.post(f"/api/events/{event_id}/review", json={"action": "confirm"},
                           headers={"X-CSRF-Token": csrf})
    assert response.status_code == 200


def test_sign_out_ends_the_session(site):
    client = site.login("editor")
    page = client.get("/")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    client.post("/logout", data={"csrf": csrf})
    assert client.get("/api/me").json()["name"] is None


def test_pages_send_anonymous_visitors_to_sign_in(site):
    response = site.client().get("/review", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert site.client().get("/intake", follow_redirects=False).status_code == 303
    assert site.login("contact").get("/review").status_code == 403


def test_public_reviewed_only_hides_unreviewed_events_from_visitors(public_site):
    site = public_site
    assert site.client().get("/api/events").json()["total"] == 0
    assert site.client("public").get("/api/events").json()["total"] == 0
    staff_total = site.client("analyst").get("/api/events").json()["total"]
    assert staff_total >= 3
    event_id = site.event_with("Hajin")
    assert site.client().get(f"/api/events/{event_id}").status_code == 404
    site.client("analyst").post(f"/api/events/{event_id}/review", json={"action": "confirm"})
    visible = site.client().get("/api/events").json()
    assert [e["id"] for e in visible["events"]] == [event_id]
    assert site.client().get(f"/api/events/{event_id}").status_code == 200
    assert "Only reviewed events" in site.client().get("/").text


def test_passwords_are_hashed_with_argon2(site):
    import sqlalchemy as sa

    from marsad.web import schema

    with site.store.engine.connect() as conn:
        hashes = [r.password_hash for r in conn.execute(sa.select(schema.users))]
    assert hashes and all(h.startswith("$argon2") for h in hashes)
    assert all(PASSWORD not in h for h in hashes)


@pytest.mark.parametrize("name, role, password, words", [
    ("amina", "boss", "long enough pw", "unknown role"),
    ("amina", "admin", "short", "too short"),
    ("two words", "admin", "long enough pw", "without spaces"),
    ("admin", "admin", "long enough pw", "exists already"),
])
def test_bad_accounts_are_refused_with_a_reason(site, name, role, password, words):
    with pytest.raises(AccountError, match=words):
        Accounts(site.store).add_user(name, role, password)
