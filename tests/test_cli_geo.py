"""`marsad geocode` and `marsad gazetteer` through click's runner, on real temp files."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from marsad.cli import main
from tests.geo.conftest import write_small_gazetteer


@pytest.fixture
def run(tmp_path, monkeypatch):
    gaz = write_small_gazetteer(tmp_path / "gazetteer.sqlite")
    monkeypatch.setenv("MARSAD_GAZETTEER", str(gaz))
    monkeypatch.delenv("MARSAD_USER_GAZETTEER", raising=False)
    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        return CliRunner().invoke(main, ["--db", str(tmp_path / "marsad.db"), *args])

    return invoke


def test_geocode_table_and_json(run):
    result = run("geocode", "Al-Daraiya", "--near", "Raqqa", "--country", "SY")
    assert result.exit_code == 0, result.output
    assert "Al-Daraiya" in result.output and "geo_precision  1" in result.output
    result = run("geocode", "Tripoli", "--country", "LB", "--format", "json")
    data = json.loads(result.output)
    assert data["place"]["country"] == "LB" and data["where_prec"] == 1


def test_geocode_input_file_writes_csv(run, tmp_path):
    (tmp_path / "places.txt").write_text("Aleppo town\nAtlantis\n\nel-Bab\n")
    result = run("geocode", "--input", "places.txt", "--country", "SY", "-o", "out.csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert [r["query"] for r in rows] == ["Aleppo town", "Atlantis", "el-Bab"]
    assert rows[0]["geonames_id"] == "170063" and rows[0]["geo_precision"] == "1"
    assert rows[1]["name"] == "" and rows[2]["name"] == "Al Bab"
    assert rows[1]["note"] and rows[0]["note"] == ""  # why Atlantis has no point


def test_geocode_a_places_spreadsheet_with_its_parents_and_countries(run, tmp_path):
    (tmp_path / "places.csv").write_text(
        "id,place,near,near_2,country,note\n"
        "a,Tell Amir,Aleppo Governorate,,SY,mine\n"
        "b,Tell Amir,,Raqqa Governorate,SY,\n"
        "c,Daraiya,Syria;Raqqa,,,\n"
        "d,Daraiya,,,,\n"
        "e,Tripoli,,,LB,\n"
        "f,Tripoli,,,ly,\n"
        "g,Tell Amir,,,,\n"
        "h,,,,,\n")
    result = run("geocode", "--input", "places.csv", "--country", "SY", "-o", "out.csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    by_id = {r["id"]: r for r in rows}
    assert [r["id"] for r in rows] == list("abcdefgh")  # every row kept, in order
    assert (by_id["a"]["latitude"], by_id["b"]["latitude"]) == ("36.5", "35.8")
    assert by_id["a"]["geo_precision"] == "1" and by_id["a"]["note"] == "mine"
    assert by_id["c"]["name"] == "Al-Daraiya" and by_id["d"]["name"] == "Darayya"
    assert (by_id["e"]["geocoded_country"], by_id["f"]["geocoded_country"]) == ("LB", "LY")
    assert by_id["g"]["name"] == "" and "2 places named" in by_id["g"]["geocoded_note"]
    assert by_id["h"]["geocoded_note"] == "no place in this row"


def test_a_spreadsheet_country_that_is_no_code_is_one_clear_error(run, tmp_path):
    (tmp_path / "places.csv").write_text("place,near,country\nAleppo,,SY\nRaqqa,,Syria\n")
    result = run("geocode", "--input", "places.csv")
    assert result.exit_code == 1
    assert "error[M100]" in result.output and "places.csv:3" in result.output
    assert "ISO alpha-2" in result.output


def test_gazetteer_add_then_geocode_uses_the_user_layer_beside_the_db(run, tmp_path):
    result = run("gazetteer", "add", "Al-Tayar", "--lat", "35.96", "--lon", "39.03",
                 "--kind", "neighbourhood", "--parent", "Raqqa", "--country", "SY",
                 "--alt", "Tayyar")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "marsad.places.sqlite").is_file()
    result = run("geocode", "Tayyar", "--near", "Raqqa", "--format", "json")
    assert json.loads(result.output)["place"]["name"] == "Al-Tayar"


def test_gazetteer_import_ucdp_and_info(run, tmp_path):
    (tmp_path / "ged.csv").write_text(
        "id,year,where_coordinates,where_prec,adm_1,adm_2,latitude,longitude\n"
        "1,2016,Kafr Hamrah village,1,Aleppo Governorate,,36.2526,37.0791\n")
    result = run("gazetteer", "import", "ged.csv", "--country", "SY")
    assert result.exit_code == 0, result.output
    assert "UCDP GED CSV: 1 places" in result.output
    result = run("gazetteer", "info", "--format", "json")
    layers = json.loads(result.output)["layers"]
    assert len(layers) == 2 and layers[0]["places"] == 1


def test_malformed_import_is_one_clear_error(run, tmp_path):
    (tmp_path / "ged.csv").write_text(
        "id,year,where_coordinates,where_prec,adm_1,adm_2,latitude,longitude\n"
        "1,2016,Kafr Hamrah village,1,Aleppo Governorate,,north,37.0791\n")
    result = run("gazetteer", "import", "ged.csv")
    assert result.exit_code == 1
    assert "error[M400]" in result.output and "ged.csv:2" in result.output


def test_build_is_idempotent(run, tmp_path, monkeypatch):
    from marsad.geo import build

    calls = []
    monkeypatch.setattr(build, "_fill", lambda conn, progress: calls.append(1))
    target = tmp_path / "built.sqlite"
    assert "built" in run("gazetteer", "build", "--path", str(target)).output
    assert "up to date" in run("gazetteer", "build", "--path", str(target)).output
    assert calls == [1]


@pytest.mark.parametrize("args", [["geocode"], ["gazetteer"], ["gazetteer", "build"],
                                  ["gazetteer", "import"], ["gazetteer", "add"],
                                  ["gazetteer", "info"]])
def test_help_has_an_example(args):
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_geocode_shows_the_places_an_unsure_answer_was_chosen_among(run, tmp_path):
    result = run("geocode", "Tell Amir", "--country", "SY")
    assert result.exit_code == 0, result.output
    considered = [line for line in result.output.splitlines() if "Tell Amir (" in line]
    assert len(considered) == 2 and considered[0].startswith("considered")
    (tmp_path / "places.txt").write_text("Tell Amir\nAleppo town\n")
    run("geocode", "--input", "places.txt", "--country", "SY", "-o", "out.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert rows[0]["candidates"].count("Tell Amir (") == 2 and rows[1]["candidates"] == ""
