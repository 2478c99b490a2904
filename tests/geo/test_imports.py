import zipfile

import pytest

from marsad.errors import GazetteerError
from marsad.geo import Geocoder, add_place, import_file
from marsad.records import PlaceQuery


def dump_line(gid, name, lat, lon, cls="P", code="PPL", cc="SY", adm1="09", adm2="", pop=0,
              alts=""):
    cols = [str(gid), name, name, alts, str(lat), str(lon), cls, code, cc, "", adm1, adm2, "",
            "", str(pop), "", "300", "Asia/Damascus", "2020-01-01"]
    return "\t".join(cols) + "\n"


GEONAMES = (dump_line(900001, "Tall Rifat", 36.4697, 37.0967, alts="Tal Rifaat,Tell Rifaat")
            + dump_line(900002, "Kafr Naya", 36.40, 37.02, adm2="SY0900")
            + dump_line(900003, "Some River", 36.0, 37.0, cls="H", code="STM"))
UCDP = ("id,year,where_coordinates,where_prec,adm_1,adm_2,latitude,longitude\n"
        "1,2016,Kafr Hamrah village,1,Aleppo Governorate,Jabal Saman district,36.2526,37.0791\n"
        "2,2016,Anadan town,1,Aleppo Governorate,Jabal Saman district,36.2939,37.0447\n"
        "3,2016,Northern Aleppo Governorate,4,Aleppo Governorate,,36.5,37.2\n"
        "4,2016,Hayyan town,2,Aleppo Governorate,,36.21,37.12\n")
ACLED = ("event_id_cnty,event_date,year,country,admin1,admin2,location,latitude,longitude,"
         "geo_precision\n"
         "SYR1,2020-01-01,2020,Syria,Aleppo,Jebel Saman,Haritan,36.2611,37.1075,1\n"
         "SYR2,2020-01-02,2020,Syria,Aleppo,Jebel Saman,Somewhere near,36.3,37.1,2\n")


def geocode(gazetteer, mention, parents=()):
    return Geocoder(gazetteer).geocode(PlaceQuery(mention=mention, country="SY", parents=parents))


def test_geonames_dump_txt(gazetteer, tmp_path):
    path = tmp_path / "SY.txt"
    path.write_text(GEONAMES, encoding="utf-8")
    report = import_file(path, gazetteer.user_path, gazetteer)
    assert (report.places, report.skipped) == (2, 1)
    result = geocode(gazetteer, "Tel Rifaat")
    assert result.place.id == "gn:900001" and result.place.admin1 == "Halab"
    assert result.geo_precision == 1


def test_geonames_dump_zip_and_alternate_names_and_admin2(gazetteer, tmp_path):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("SY.txt", GEONAMES)
        z.writestr("readme.txt", "about")
    import_file(archive, gazetteer.user_path, gazetteer)
    (tmp_path / "admin2Codes.txt").write_text("SY.09.SY0900\tJabal Saman\tJabal Saman\t163000\n")
    assert import_file(tmp_path / "admin2Codes.txt", gazetteer.user_path, gazetteer).names == 1
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t900002\tar\tكفر نايا\t\t\t\t\t\t\n2\t900002\tlink\thttp://x\t\t\t\t\t\t\n"
                   "3\t123456789\ten\tNowhere\t\t\t\t\t\t\n", encoding="utf-8")
    report = import_file(alt, gazetteer.user_path, gazetteer)
    assert (report.names, report.skipped) == (1, 2)
    assert geocode(gazetteer, "كفر نايا").place.id == "gn:900002"
    # an alternate name for a packaged place lands in the user layer and is found
    alt.write_text("4\t170063\ten\tHaleb\t\t\t\t\t\t\n", encoding="utf-8")
    import_file(alt, gazetteer.user_path, gazetteer)
    assert geocode(gazetteer, "Haleb").place.id == "gn:170063"


def test_ucdp_csv_teaches_villages_only_from_exact_rows(gazetteer, tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text(UCDP, encoding="utf-8")
    report = import_file(path, gazetteer.user_path, gazetteer, country="SY")
    assert (report.places, report.skipped) == (2, 2)
    result = geocode(gazetteer, "Kafr Hamrah", parents=("Aleppo",))
    assert result.place.name == "Kafr Hamrah" and result.geo_precision == 1
    assert result.place.admin1 == "Halab"
    assert geocode(gazetteer, "Hayyan town").place is None  # where_prec 2: not imported


def test_acled_csv(gazetteer, tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(ACLED, encoding="utf-8")
    report = import_file(path, gazetteer.user_path, gazetteer)
    assert (report.places, report.skipped) == (1, 1)
    result = geocode(gazetteer, "Haritan")
    assert result.place.country == "SY" and result.geo_precision == 1


def test_malformed_line_names_file_and_line_and_imports_nothing(gazetteer, tmp_path):
    path = tmp_path / "SY.txt"
    path.write_text(GEONAMES + dump_line(900004, "Bad", "north", 37.0), encoding="utf-8")
    with pytest.raises(GazetteerError) as caught:
        import_file(path, gazetteer.user_path, gazetteer)
    message = str(caught.value)
    assert f"{path}:4" in message and "latitude" in message and "nothing was imported" in message
    assert geocode(gazetteer, "Tall Rifat").place is None


def test_unknown_format_is_refused(gazetteer, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(GazetteerError, match="cannot tell the format"):
        import_file(path, gazetteer.user_path, gazetteer)


def test_add_place_with_parent(gazetteer):
    place = add_place(gazetteer.user_path, gazetteer, "Al-Tayar", 35.96, 39.03,
                      kind="neighbourhood", parent="Raqqa", country="SY",
                      alternate_names=("Tayyar",))
    assert place.parent == "gn:172955"
    result = geocode(gazetteer, "Tayyar", parents=("Raqqa",))
    assert result.place.id == place.id and result.geo_precision == 1


def test_add_place_with_unknown_parent_says_what_to_do(gazetteer):
    with pytest.raises(GazetteerError, match="add the parent first"):
        add_place(gazetteer.user_path, gazetteer, "X", 1.0, 1.0, parent="Nowhere")
