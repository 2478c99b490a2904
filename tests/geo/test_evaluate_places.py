from marsad.evaluate.places import evaluate_places

PLACES = ("where_coordinates,adm_1,adm_2,latitude,longitude,where_prec,count\n"
          "Aleppo town,Aleppo Governorate,Jabal Saman district,36.201241,37.161173,1,10\n"
          "Al Bab town,Aleppo Governorate,Al Bab district,36.37,37.52,1,5\n"
          "Kafr Hamrah village,Aleppo Governorate,Jabal Saman district,36.2526,37.0791,1,3\n"
          "Anadan town,Aleppo Governorate,,36.2939,37.0447,1,2\n"
          "Syria,,,35.0,38.0,6,4\n")
GED = ("id,year,where_coordinates,where_prec,adm_1,adm_2,latitude,longitude\n"
       "1,2016,Kafr Hamrah village,1,Aleppo Governorate,,36.2526,37.0791\n"
       "2,2016,Anadan town,1,Aleppo Governorate,,36.2939,37.0447\n"
       "3,2018,Anadan town,1,Aleppo Governorate,,36.2939,37.0447\n"
       "4,2018,Al Bab town,1,Aleppo Governorate,,36.37,37.52\n")


def test_scores_weighted_and_per_place(geocoder, tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(PLACES)
    score = evaluate_places(path, geocoder, country="SY")
    first = score.groups["where_prec 1"]
    assert (first.events, first.places) == (20, 4)
    assert first.within_5km == 15 / 20 and first.places_within_5km == 2 / 4
    assert score.precise_outliers == []
    assert "where_prec 1" in score.render() and score.as_dict()["groups"]["all"]["events"] == 24


def test_train_variant_scores_only_new_places(geocoder, tmp_path):
    (tmp_path / "places.csv").write_text(PLACES)
    (tmp_path / "ged.csv").write_text(GED)
    score = evaluate_places(tmp_path / "places.csv", geocoder, country="SY",
                            train=tmp_path / "ged.csv")
    assert score.groups["all"].places == 1  # Al Bab: the only place new in 2018
    assert score.baseline is not None and "without the import" in score.render()
