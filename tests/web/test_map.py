"""The zoomable map's server side: boundaries by bounding box and zoom (Natural Earth 1:10m
shipped in the package), the builder that makes them, and the events the map is given."""

from __future__ import annotations

import gzip
import html
import json
import re
import struct

import pytest

from marsad.web import boundaries as bd
from marsad.web import boundaries_build as build

SYRIA = "35.5,32.3,42.4,37.3"


def names(collection: dict, kind: str = "land") -> set[str]:
    return {f["properties"].get("name") for f in collection["features"]
            if f["properties"]["kind"] == kind}


def kinds(collection: dict) -> set[str]:
    return {f["properties"]["kind"] for f in collection["features"]}


# -- the endpoint ------------------------------------------------------------------------------

def test_a_country_view_gets_its_countries_and_provinces(site):
    response = site.client().get(f"/api/boundaries?bbox={SYRIA}&zoom=7")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    assert response.headers["content-encoding"] == "gzip"
    body = response.json()
    assert {"Syria", "Iraq", "Turkey", "Lebanon"} <= names(body)
    assert "Brazil" not in names(body)
    assert {"land", "country", "admin1"} <= kinds(body)
    assert body["level"] == 1


def test_a_world_view_is_coarse_and_has_no_provinces(site):
    body = site.client().get("/api/boundaries?bbox=-180,-85,180,85&zoom=2").json()
    assert body["level"] == 0
    assert "admin1" not in kinds(body)
    assert {"Syria", "Sudan", "Brazil"} <= names(body)


def test_a_town_view_is_detailed_and_small(site):
    # Raqqa at zoom 12: the finest level, only what lies near the town
    response = site.client().get("/api/boundaries?bbox=38.95,35.9,39.05,35.98&zoom=12")
    body = response.json()
    assert body["level"] == 2
    assert names(body) == {"Syria"}
    assert len(response.content) < 20_000
    for feature in body["features"]:
        if feature["geometry"]["type"] == "MultiPolygon":  # cut to the (snapped) box, to 1e-4
            west, south, east, north = body["bbox"]
            for polygon in feature["geometry"]["coordinates"]:
                for lon, lat in polygon[0]:
                    assert west - 1e-4 <= lon <= east + 1e-4 and south - 1e-4 <= lat <= north + 1e-4


def test_a_box_larger_than_a_screen_is_answered_coarser(site):
    body = site.client().get("/api/boundaries?bbox=-180,-85,180,85&zoom=12").json()
    assert body["level"] == 0


@pytest.mark.parametrize("bbox", ["nonsense", "1,2,3", "40,30,35,37", "nan,1,2,3",
                                  "1,2,inf,4", "200,95,210,99"])
def test_a_bad_bbox_says_how_to_write_one(site, bbox):
    response = site.client().get(f"/api/boundaries?bbox={bbox}&zoom=5")
    assert response.status_code == 422
    assert "bbox" in response.json()["error"]


def test_a_bad_zoom_is_refused(site):
    assert site.client().get(f"/api/boundaries?bbox={SYRIA}&zoom=-1").status_code == 422
    assert site.client().get(f"/api/boundaries?bbox={SYRIA}").status_code == 422


def test_boundaries_are_public_and_cached_by_browsers(site):
    response = site.client().get(f"/api/boundaries?bbox={SYRIA}&zoom=6")
    assert response.headers["cache-control"] == "public, max-age=86400"


def test_nearby_views_share_one_answer():
    a = bd.boundaries((36.01, 33.02, 41.0, 37.0), 6)
    b = bd.boundaries((36.2, 33.3, 40.8, 36.9), 6)
    assert a is b


# -- clipping, levels ---------------------------------------------------------------------------

def test_a_ring_is_cut_to_the_box():
    square = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]
    cut = bd._clip_ring(square, (5.0, -1.0, 20.0, 5.0))
    assert sorted(map(tuple, cut)) == [(5.0, 0.0), (5.0, 5.0), (10.0, 0.0), (10.0, 5.0)]
    assert bd._clip_ring(square, (20.0, 20.0, 30.0, 30.0)) == []


def test_a_line_sends_only_its_runs_in_the_box():
    line = [[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 5.0], [4.0, 5.0], [5.0, 0.0], [6.0, 0.0]]
    runs = bd._clip_line(line, (-0.5, -0.5, 1.5, 0.5))
    assert runs == [[[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]]]


def test_each_zoom_has_a_level():
    assert [bd.level_for(z).number for z in (0, 4, 5, 7, 8, 18)] == [0, 0, 1, 1, 2, 2]
    assert bd.fitting_zoom((-180, -85, 180, 85)) <= 4
    assert bd.fitting_zoom((38.9, 35.9, 39.1, 36.0)) >= 12


def test_the_shipped_levels_are_natural_earth_10m_and_reasonably_small():
    sizes = [bd.level_path(level.number).stat().st_size for level in bd.LEVELS]
    assert sum(sizes) < 6_000_000
    finest = bd.load_level(bd.LEVELS[-1].number)
    assert len(finest["countries"]) > 240  # 1:10m holds the small islands and territories
    assert len(finest["admin1"]) > 4000


# -- the builder -------------------------------------------------------------------------------

def test_simplify_keeps_the_ends_and_the_corners():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 2.0), (4.0, 0.0)]
    assert build.simplify(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 2.0), (4.0, 0.0)]
    assert build.simplify(line, 5) == [(0.0, 0.0), (4.0, 0.0)]


def test_encode_and_decode_give_back_the_points_to_a_thousandth():
    points = [(38.9931, 35.9528), (39.0104, 35.9601), (39.0104, 35.9601), (-12.5, -0.25)]
    assert bd.decode(build.encode(points)) == [[38.993, 35.953], [39.01, 35.96], [-12.5, -0.25]]


def _polyline_shapefile(path, lines) -> None:
    records = b""
    for number, line in enumerate(lines, 1):
        coords = b"".join(struct.pack("<2d", *p) for p in line)
        content = (struct.pack("<i4d2i", 3, 0, 0, 0, 0, 1, len(line)) + struct.pack("<i", 0)
                   + coords)
        records += struct.pack(">ii", number, len(content) // 2) + content
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(records)) // 2) + \
        struct.pack("<2i4d4d", 1000, 3, 0, 0, 0, 0, 0, 0, 0, 0)
    path.write_bytes(header + records)


def test_the_builder_makes_levels_the_server_reads(tmp_path):
    topology = {"type": "Topology", "transform": {"scale": [0.001, 0.001], "translate": [0, 0]},
                "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Squareland"}}]}},
                "arcs": [[[10000, 10000], [4000, 0], [0, 4000], [-4000, 0], [0, -4000]]]}
    (tmp_path / "countries.json").write_text(json.dumps(topology))
    _polyline_shapefile(tmp_path / "lines.shp", [[(12.0, 10.0), (12.0, 12.0), (12.0, 14.0)]])
    written = build.build(tmp_path / "countries.json", tmp_path / "lines.shp", tmp_path / "out")
    assert [p.name for p in written] == [f"boundaries-{n}.json.gz" for n in range(3)]
    level = json.loads(gzip.decompress(written[2].read_bytes()))
    assert level["countries"][0]["name"] == "Squareland"
    assert bd.decode(level["admin1"][0]["coords"]) == [[12.0, 10.0], [12.0, 14.0]]
    assert json.loads(gzip.decompress(written[0].read_bytes()))["admin1"] == []

    served = bd.boundaries((11.0, 11.0, 15.0, 13.0), 9, tmp_path / "out")
    assert names(served) == {"Squareland"}
    assert {"land", "country", "admin1"} == kinds(served)


# -- the events the map is given ----------------------------------------------------------------

def map_events(page: str) -> list[dict]:
    found = re.search(r"data-events='([^']*)'", page)
    assert found, "the page has no zoomable map"
    return json.loads(html.unescape(found.group(1)))


def test_the_map_gets_the_listed_events_with_their_precision(site):
    page = site.login("analyst").get("/").text
    events = map_events(page)
    listed = set(re.findall(r'<tr data-event="([0-9a-f]+)"', page))
    assert events and {e["id"] for e in events} <= listed
    for event in events:
        assert set(event) == {"id", "lat", "lon", "colour", "precision", "ring_m", "deaths",
                              "label", "precision_name"}
        assert (event["ring_m"] > 0) == (event["precision"] > 1)
    assert '<script src="/static/vendor/leaflet/leaflet.js" defer></script>' in page


def test_the_map_shows_visitors_only_what_they_may_see(public_site):
    # reviewed events only: none yet, so the map is given none
    assert map_events(public_site.client().get("/").text) == []


def test_labels_cannot_break_out_of_the_attribute(site):
    page = site.login("analyst").get("/").text
    attribute = re.search(r"data-events='([^']*)'", page).group(1)
    assert "<" not in attribute and ">" not in attribute


def test_the_event_page_has_the_zoomable_map_of_its_event(site):
    event_id = site.event_with("Idlib")
    events = map_events(site.login("analyst").get(f"/events/{event_id}").text)
    assert [e["id"] for e in events] == [event_id]


@pytest.mark.parametrize("asset", ["vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
                                   "vendor/leaflet.markercluster/leaflet.markercluster.js",
                                   "vendor/leaflet.markercluster/MarkerCluster.Default.css",
                                   "marsad-map.js"])
def test_the_map_assets_are_served_by_marsad(site, asset):
    assert site.client().get(f"/static/{asset}").status_code == 200
