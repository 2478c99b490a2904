"""`marsad eval --places` counts the far-off precise places with the governorate as context and
with each place alone (only the country), on the small gazetteer of tests/geo."""

from __future__ import annotations

import pytest

from marsad.evaluate.places import evaluate_places
from marsad.geo import Gazetteer, Geocoder
from tests.geo.conftest import write_small_gazetteer

# Daraiya, a Raqqa neighbourhood: alone, the larger Darayya near Damascus wins, ~300 km off
PLACES = ("where_coordinates,adm_1,adm_2,latitude,longitude,where_prec,count\n"
          "Aleppo town,Aleppo Governorate,,36.201241,37.161173,1,10\n"
          "Daraiya,Raqqa Governorate,,35.946,38.983,1,3\n"
          "Tell Amir village,Raqqa Governorate,,35.80,38.80,1,2\n")


@pytest.fixture
def geocoder(tmp_path):
    gazetteer = Gazetteer(write_small_gazetteer(tmp_path / "small.sqlite"),
                          tmp_path / "user.places.sqlite")
    yield Geocoder(gazetteer)
    gazetteer.close()


def test_the_governorate_keeps_a_namesake_far_away_from_being_called_exact(geocoder, tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(PLACES)
    score = evaluate_places(path, geocoder, country="SY")
    assert score.precise_outliers == [] and score.all_precise_outliers == 0
    assert [name for name, _ in score.alone_outliers] == ["Daraiya"]
    assert score.alone_outliers[0][1] > 250 and score.alone_all_outliers == 1


def test_both_figures_are_printed_and_in_the_json(geocoder, tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(PLACES)
    score = evaluate_places(path, geocoder, country="SY")
    text = score.render()
    assert "with the governorate:         0 (where_prec 1)" in text
    assert "alone, only the country:      1 (where_prec 1)" in text and "Daraiya:" in text
    alone = score.as_dict()["alone"]
    assert alone["precise_outliers_where_prec_1"] == 1 and alone["outliers"][0]["place"] == "Daraiya"
    assert score.as_dict()["precise_outliers_where_prec_1"] == 0
