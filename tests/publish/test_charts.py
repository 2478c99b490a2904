"""`marsad chart` and the offline base map."""

from __future__ import annotations

import pytest

from marsad.publish.basemap import countries_in, load_countries
from marsad.publish.charts import chart, inline_svg


@pytest.mark.parametrize("kind", ["fatalities", "types", "map"])
@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_each_chart_writes_png_and_svg(cli, filled, workdir, kind, suffix):
    result = cli("chart", kind, "-o", f"c.{suffix}")
    assert result.exit_code == 0, result.output
    data = (workdir / f"c.{suffix}").read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in data


def test_chart_refuses_other_suffixes(cli, filled):
    result = cli("chart", "map", "-o", "c.gif")
    assert result.exit_code != 0 and ".png or .svg" in result.output


def test_base_map_is_natural_earth_shipped_offline():
    names = {c.name for c in load_countries()}
    assert len(names) > 150 and "Syria" in names
    assert {"Syria", "Iraq", "Turkey"} <= {c.name for c in countries_in((38, 33, 42, 37))}


def test_map_shows_precision_in_its_legend(filled):
    svg = inline_svg(chart("map", filled.events()), prefix="m")
    assert 'id="m-' in svg and 'id="figure_1"' not in svg  # ids kept apart between charts


def test_empty_charts_say_so():
    for kind in ("fatalities", "types", "map"):
        figure = chart(kind, [])
        assert any("no " in t.get_text() for ax in figure.axes for t in ax.texts)
