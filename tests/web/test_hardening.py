"""Issue 17 on the web: only http(s) links, browser-policy and cache headers, sign-in throttling,
and photos that are images and nothing else."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image

from marsad.ingest import Defaults
from marsad.ingest.readers import build_report
from marsad.web.errors import BadRequest
from marsad.web.intake import Photo, reencoded
from marsad.web.security import http_link

from .conftest import FIELD_TEXT, PASSWORD

LINK_TEXT = ("Gunmen attacked a police station in Bama on Saturday, killing six officers, "
             "residents said.")


def image_bytes(kind: str = "PNG", size=(32, 24), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format=kind, **save)
    return out.getvalue()


# -- links --------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, link", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(4)", ""), ("JavaScript:alert(4)", ""), (" javascript:alert(4)", ""),
    ("data:text/html,<script>alert(4)</script>", ""), ("vbscript:msgbox", ""),
    ("//evil.example/x", ""), ("/relative", ""), ("https:///no-host", ""),
    ("https://exa mple.org", ""), ("https://example.org/\x01", ""), ("", ""), (None, ""),
])
def test_only_http_and_https_addresses_are_links(url, link):
    assert http_link(url) == link


def test_a_javascript_url_is_shown_as_text_not_a_link(site):
    pipeline = site.app.state.ctx.pipeline()
    pipeline.ingest_reports([build_report(LINK_TEXT, Defaults(), title="Bama station",
                                          outlet="Test Wire", url="javascript:alert(4)",
                                          published=dt.date(2024, 3, 10))])
    page = site.client().get(f"/events/{site.event_with('police station in Bama')}")
    assert page.status_code == 200
    assert 'href="javascript:' not in page.text.lower()
    assert "source: javascript:alert(4)" in page.text


# -- headers ------------------------------------------------------------------------------------

def test_every_answer_says_no_sensors_and_hsts_only_over_tls(site):
    for url in ("/", "/api/events", "/login"):
        plain = site.client().get(url)
        assert "camera=()" in plain.headers["permissions-policy"], url
        assert "strict-transport-security" not in plain.headers
    secure = site.client(base_url="https://testserver").get("/api/events")
    assert secure.headers["strict-transport-security"].startswith("max-age=")


def test_what_an_account_sees_is_never_cached(site):
    assert "no-store" not in site.client().get("/").headers.get("cache-control", "")
    signed_in = site.login("analyst")
    for url in ("/", "/review", "/api/me"):
        assert signed_in.get(url).headers["cache-control"] == "no-store", url
    token = site.client("analyst")
    assert token.get("/api/review/queue").headers["cache-control"] == "no-store"


# -- sign-in throttling -------------------------------------------------------------------------

def _sign_in(client, name: str, password: str):
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    return client.post("/login", data={"csrf": csrf, "name": name, "password": password,
                                       "next": "/"}, follow_redirects=False)


def test_twenty_wrong_passwords_in_a_row_get_429(site):
    client = site.client()
    codes = [_sign_in(client, "analyst", f"guess {n}").status_code for n in range(20)]
    assert codes[0] == 401 and codes[-1] == 429
    refused = _sign_in(client, "analyst", PASSWORD)  # even the right one, while it waits
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert "Too many failed sign-ins for this account" in refused.text
    assert _sign_in(client, "editor", PASSWORD).status_code == 303  # others are not locked out


def test_one_address_guessing_many_accounts_gets_429(site):
    client = site.client()
    codes = [_sign_in(client, f"user{n}", "guess").status_code for n in range(21)]
    assert codes[:20] == [401] * 20 and codes[20] == 429
    refused = _sign_in(client, "editor", PASSWORD)
    assert refused.status_code == 429 and "from your address" in refused.text
    assert "retry-after" in refused.headers


def test_a_right_password_clears_the_accounts_failures(site):
    client = site.client()
    for round_ in range(3):
        for n in range(5):
            assert _sign_in(client, "analyst", f"wrong {round_} {n}").status_code == 401
        assert _sign_in(client, "analyst", PASSWORD).status_code == 303


# -- photos -------------------------------------------------------------------------------------

def test_a_photo_is_encoded_again_without_its_metadata():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make; GPS would sit beside it
    original = image_bytes("JPEG", exif=exif.tobytes())
    assert b"CameraMaker" in original
    clean = reencoded(Photo("street.jpg", original))
    assert clean.data.startswith(b"\xff\xd8\xff") and b"CameraMaker" not in clean.data
    assert Image.open(io.BytesIO(clean.data)).size == (32, 24)


@pytest.mark.parametrize("name, data, words", [
    ("HTML behind a PNG signature", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
     "could not be decoded"),
    ("SVG behind a JPEG signature", b"\xff\xd8\xff<svg onload='alert(1)'/>", "could not be decoded"),
    ("truncated PNG", image_bytes()[:40], "could not be decoded"),
    ("WebP signature on a PNG", b"RIFF\x00\x00\x00\x00WEBP" + image_bytes(), "could not be decoded"),
])
def test_what_is_not_an_image_is_refused(name, data, words):
    with pytest.raises(BadRequest, match=words):
        reencoded(Photo("x.png", data))


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    out = io.BytesIO()
    Image.new("1", (7_000, 7_000)).save(out, format="PNG")  # 49 megapixels in a few KB
    assert len(out.getvalue()) < 100_000
    with pytest.raises(BadRequest, match="megapixels"):
        reencoded(Photo("bomb.png", out.getvalue()))


def test_the_api_keeps_the_encoded_photo_and_refuses_a_disguised_page(site):
    client = site.client("contact")
    fake = client.post("/api/reports", data={"text": FIELD_TEXT}, files={
        "photo": ("x.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>", "image/png")})
    assert fake.status_code == 422 and "could not be decoded" in fake.json()["error"]
    assert not [r for r in site.store.reports() if r.kind == "field"]
    sent = image_bytes("PNG", size=(40, 30))
    good = client.post("/api/reports", data={"text": FIELD_TEXT},
                       files={"photo": ("street.png", sent, "image/png")})
    assert good.status_code == 202, good.text
    (kept,) = list(site.upload_dir.iterdir())
    assert Image.open(kept).size == (40, 30) and Image.open(kept).format == "PNG"


def test_the_api_docs_are_served_from_the_package_with_a_policy(site):
    """Offline means offline: Swagger UI's script and style come from marsad itself, the page
    runs no inline script, and it calls no outside validator."""
    import re

    client = site.client()
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert not re.findall(r"https?://", page.text)
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "<script>" not in page.text
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(src).status_code == 200, src
    start = client.get("/static/swagger-start.js").text
    assert "/api/openapi.json" in start and "validatorUrl: null" in start


def test_no_page_loads_anything_from_an_outside_host(site):
    """Scripts, styles, images and frames come from marsad itself on every page, for every
    role (links to a report's source are links, not loads)."""
    import re

    loads = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="([^"]+)"', re.I)
    event = next(iter(site.store.events())).id
    pages = ["/", f"/events/{event}", "/tolls", "/control", "/login", "/api/docs"]
    for role in (None, "analyst"):
        client = site.login(role) if role else site.client()
        for url in pages + (["/review", "/intake"] if role else []):
            page = client.get(url)
            assert page.status_code == 200, (role, url, page.status_code)
            outside = [u for u in loads.findall(page.text) if re.match(r"(?:https?:)?//", u)]
            assert not outside, (role, url, outside)
