"""Every export, read back with the library its users use."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from marsad.publish.ucdp import COLUMNS as UCDP_COLUMNS


def test_acled_csv_reads_in_pandas(cli, filled):
    frame = pd.read_csv(io.StringIO(cli("export", "--format", "csv").output))
    assert list(frame["marsad_event_id"]) == ["e-clash-0000001", "e-strike-000001"]
    strike = frame.iloc[1]
    assert (strike["fatalities"], strike["fatalities_best"], strike["victims_children"]) == (4, 7, 3)


def test_ucdp_csv_reads_in_pandas(cli, filled):
    frame = pd.read_csv(io.StringIO(cli("export", "--format", "ucdp").output))
    assert list(frame.columns) == UCDP_COLUMNS
    clash, strike = frame.iloc[0], frame.iloc[1]
    assert (clash["side_a"], clash["side_b"], clash["type_of_violence"]) == ("SDF", "IS", 2)
    assert (strike["side_a"], strike["side_b"], strike["type_of_violence"]) == (
        "Government of Syria", "Civilians", 3)
    assert (strike["low"], strike["best"], strike["high"], strike["deaths_civilians"]) == (4, 7, 7, 7)
    assert strike["dyad_name"] == "Government of Syria - Civilians"
    assert set(strike["source_office"].split(";")) == {"Test Wire", "Other Wire"}
    assert (clash["where_prec"], clash["date_prec"]) == (6, 1)  # the geocode's UCDP precision


def test_geojson_reads_in_geopandas(cli, filled, workdir):
    geopandas = pytest.importorskip("geopandas")
    cli("export", "--format", "geojson", "-o", "e.geojson")
    frame = geopandas.read_file(workdir / "e.geojson")
    assert len(frame) == 2 and frame.crs.to_epsg() == 4326
    strike = frame[frame["marsad_event_id"] == "e-strike-000001"].iloc[0]
    assert (round(strike.geometry.x, 2), round(strike.geometry.y, 2)) == (36.56, 35.61)


def test_xlsx_reads_in_openpyxl_and_pandas(cli, filled, workdir):
    result = cli("export", "--format", "xlsx", "-o", "e.xlsx")
    assert result.exit_code == 0
    book = load_workbook(workdir / "e.xlsx", read_only=True)
    assert book.sheetnames == ["events", "claims", "tolls", "control"]
    sheets = pd.read_excel(workdir / "e.xlsx", sheet_name=None)
    assert len(sheets["events"]) == 2 and len(sheets["claims"]) == 3
    assert set(sheets["claims"]["sentence"]) >= {
        "The army said only 4 people died in Kafr Nabl."}
    assert sheets["tolls"].iloc[0]["words"] == "more than 300"
    assert sheets["control"].iloc[0]["share"] == 0.6


def test_xlsx_needs_a_file(cli, filled):
    result = cli("export", "--format", "xlsx")
    assert result.exit_code != 0 and "give -o FILE.xlsx" in result.output


@pytest.mark.parametrize("fmt", ["csv", "ucdp", "geojson", "jsonl", "xlsx"])
def test_filters_apply_to_every_export(cli, filled, workdir, fmt):
    cli("export", "--format", fmt, "--since", "2019-03-04", "-o", f"f.{fmt}")
    path = workdir / f"f.{fmt}"
    if fmt == "xlsx":
        frame = pd.read_excel(path, sheet_name="events")
        ids = list(frame["marsad_event_id"])
    elif fmt == "geojson":
        import json
        ids = [f["id"] for f in json.loads(path.read_text())["features"]]
    elif fmt == "jsonl":
        import json
        ids = [json.loads(line)["id"] for line in path.read_text().splitlines()]
    else:
        frame = pd.read_csv(path)
        ids = list(frame["marsad_event_id" if fmt == "csv" else "id"])
    assert "e-clash-0000001" not in ids and "e-strike-000001" in ids


@pytest.mark.parametrize("fmt", ["csv", "ucdp", "geojson", "jsonl", "xlsx"])
def test_exports_are_byte_identical(cli, filled, workdir, fmt):
    cli("export", "--format", fmt, "-o", f"1.{fmt}")
    cli("export", "--format", fmt, "-o", f"2.{fmt}")
    assert (workdir / f"1.{fmt}").read_bytes() == (workdir / f"2.{fmt}").read_bytes()


def test_xlsx_has_no_clock_in_it(cli, filled, workdir):
    """A workbook saved a few seconds later is the same file: neither the document's
    `modified` property nor the zip members' dates come from the clock (zip dates have a
    two-second resolution, hence the wait)."""
    import time
    import zipfile

    cli("export", "--format", "xlsx", "-o", "early.xlsx")
    time.sleep(2.1)
    cli("export", "--format", "xlsx", "-o", "late.xlsx")
    assert (workdir / "early.xlsx").read_bytes() == (workdir / "late.xlsx").read_bytes()
    with zipfile.ZipFile(workdir / "late.xlsx") as archive:
        assert {m.date_time for m in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in archive.read("docProps/core.xml")
    assert load_workbook(workdir / "late.xlsx").properties.modified.year == 2000
