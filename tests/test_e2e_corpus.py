"""End to end on the real seed reports in ../shared/corpus/seeds (read there, never copied here).

Skips with a reason where ../shared is absent (a clone outside the project's workspace).
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from tests.helpers import SHARED, dump_db

SEEDS = SHARED / "corpus" / "seeds"
REPORTS = SEEDS / "reports.jsonl"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.model,
    pytest.mark.skipif(not REPORTS.is_file(),
                       reason=f"the seed corpus is not here ({REPORTS}); it lives in the project's "
                              "shared folder beside the repository"),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """The seed reports ingested once through the CLI into a SQLite file."""
    from click.testing import CliRunner

    from marsad.cli import main

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(REPORTS)],
                                env={"MARSAD_PROGRESS": "no"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def rows(cli, db) -> list[dict]:
    result = cli("export", "--format", "csv", db=db)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_seed_reports_give_acled_rows_in_summer_2017(cli, seeded):
    found = rows(cli, seeded)
    assert len(found) >= 5
    dates = sorted(r["event_date"] for r in found if r["event_date"])
    assert dates and all("2017-06-20" <= d <= "2017-07-10" for d in dates), dates
    assert all(r["year"] == "2017" for r in found if r["event_date"])
    assert {r["event_type"] for r in found} <= {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
        "Riots", "Strategic developments"}


def test_the_al_daraiya_air_strike_has_11_fatalities(cli, seeded):
    strikes = [r for r in rows(cli, seeded) if r["sub_event_type"] == "Air/drone strike"
               and r["fatalities"] == "11"]
    assert len(strikes) == 1, "no single air strike row with 11 fatalities"
    (strike,) = strikes
    assert strike["event_date"] == "2017-07-02"
    assert strike["event_type"] == "Explosions/Remote violence"
    assert "coalition" in strike["actor1"].lower()
    assert strike["actor2"] == "Civilians"
    shown = json.loads(cli("show", strike["marsad_event_id"], "--format", "json",
                           db=seeded).stdout)
    sentences = " ".join(c["evidence"]["text"] for c in shown["claims"])
    assert "Daraiya" in sentences and "11 civilians" in sentences


def test_the_toll_since_june_is_not_an_event(cli, seeded):
    assert all(r["fatalities"] != "200" for r in rows(cli, seeded))


def test_ingesting_the_seeds_twice_changes_nothing(cli, seeded):
    before = dump_db(seeded)
    result = cli("ingest", REPORTS, db=seeded)
    assert result.exit_code == 0, result.output
    assert "0 new report(s)" in result.stdout
    assert dump_db(seeded) == before


def test_a_malformed_line_beside_the_seeds_is_refused(cli, seeded, workdir):
    """The file sits beside copies of the seed files so its 'path' lines resolve; it is never
    kept: the test's own folder is removed with tmp_path."""
    copy = workdir / "seeds"
    copy.mkdir()
    for path in SEEDS.iterdir():
        if path.suffix == ".txt":
            shutil.copy(path, copy / path.name)
    lines = REPORTS.read_text(encoding="utf-8").splitlines()
    broken = copy / "reports.jsonl"
    broken.write_text("\n".join([lines[0], '{"id": "broken", "path": ', *lines[1:]]) + "\n",
                      encoding="utf-8")
    before = dump_db(seeded)
    result = cli("ingest", broken, db=seeded)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error[M100]: {broken}:2: not valid JSON")
    assert dump_db(seeded) == before


def test_marsad_eval_on_the_seeds_keeps_the_bar(cli):
    """The issue's bar on the real seeds, through the project's own evaluation command:
    incident F1 >= 0.85, fatalities right on >= 0.9 and sub-event types on >= 0.8 of matched
    events, every toll found as a toll and none coded as an event."""
    result = cli("eval", str(SEEDS / "gold.json"), "--json", db=None)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["f1"] >= 0.85, scores
    assert scores["sub_event_type_right"] >= 0.8, scores
    assert scores["fatalities_right"] >= 0.9, scores
    assert scores["tolls_found"] == "3/3" and scores["tolls_as_events"] == 0, scores


DEV = SHARED / "corpus" / "dev" / "gold.json"
# The floors the dev corpus is held to: raised whenever a change lifts a figure, so no later
# change can lower it unnoticed. (overall, then each part: its report-id prefix)
DEV_FLOORS = {"f1": 0.745, "precision": 0.74, "recall": 0.75, "actors_right": 0.76,
              "fatalities_right": 0.81, "control_holder_right": 0.94}
DEV_PART_F1 = {"dA": 0.80, "dB": 0.61, "dC": 0.755, "dD": 0.805}
# tolls found as tolls and control claims found, out of the gold's
DEV_FOUND = {"tolls_found": 31, "control_found": 40}
# toll figures also coded as events (counted twice by anyone who sums events): at most
DEV_TOLLS_AS_EVENTS = 3
# required incidents whose best claim lies within the entry's distance (issue 14: 0.85), and
# events at a country's centroid although a claim names a finer place (issue 14: 0), at most
DEV_PLACED_SHARE = 0.85
DEV_AT_COUNTRY = 0


@pytest.mark.skipif(not DEV.is_file(), reason=f"the dev corpus is not here ({DEV})")
def test_marsad_eval_on_the_dev_corpus_keeps_its_floors(cli):
    result = cli("eval", str(DEV), "--json", db=None)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    for name, floor in DEV_FLOORS.items():
        assert scores[name] >= floor, (name, scores[name], floor)
    for part, floor in DEV_PART_F1.items():
        assert scores["parts"][part]["f1"] >= floor, (part, scores["parts"][part], floor)
    for name, floor in DEV_FOUND.items():
        assert int(scores[name].split("/")[0]) >= floor, (name, scores[name], floor)
    assert scores["tolls_as_events"] <= DEV_TOLLS_AS_EVENTS, scores["tolls_as_events"]
    places = scores["places"]
    assert places["placed_share"] >= DEV_PLACED_SHARE, places["unplaced"]
    assert places["country_centroid_events"] <= DEV_AT_COUNTRY, places["at_country"]


CASE = SHARED / "corpus" / "case2021" / "dev.tsv"
# raised with every gain in event typing (the snippets' dates are invented, so a change to
# dates that makes a snippet's stated day background can cost a point here)
CASE_WEIGHTED_F1 = 0.84
CASE_LABEL_F1 = 0.5  # every one of the 25 sub-types (issue 13's table)
CASE_NO_EVENT = 0.8  # the snippets of no political violence given no event


@pytest.mark.skipif(not CASE.is_file(), reason=f"the CASE 2021 snippets are not here ({CASE})")
def test_marsad_eval_case_keeps_its_floor(cli):
    result = cli("eval", "--case", str(CASE), "--json", db=None)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["weighted_f1"] >= CASE_WEIGHTED_F1, scores["weighted_f1"]
    low = [(row["label"], row["f1"]) for row in scores["per_label"] if row["f1"] < CASE_LABEL_F1]
    assert not low, low
    assert scores["no_event_all"]["share"] >= CASE_NO_EVENT, scores["no_event_all"]


PLACES = SHARED / "corpus" / "ucdp" / "places_syria.csv"


@pytest.mark.skipif(not PLACES.is_file(), reason=f"the UCDP places are not here ({PLACES})")
def test_no_place_far_from_ucdp_s_point_is_marked_precise(cli):
    """With its governorate or alone, no place string is put > 25 km from UCDP's point at
    geo_precision 1: a wrong point is never marked exact."""
    result = cli("eval", "--places", str(PLACES), "--country", "SY", "--json", db=None)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["precise_outliers_where_prec_1"] == 0, scores["outliers"][:5]
    assert scores["alone"]["precise_outliers_where_prec_1"] == 0, scores["alone"]["outliers"][:5]
