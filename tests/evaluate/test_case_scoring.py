"""`marsad eval --case`: CASE 2021 Task 2 snippets, scored on small files written for the tests
(predictions passed in, so the scoring needs no model), and one run through the CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from marsad.errors import EvalError
from marsad.evaluate import case
from marsad.records import Event, EventDate
from tests.resolve.build import claim

TSV = ("id\tEventSnippet\tSubType\n"
       "1\tRebels and soldiers fought all night.\tARMED_CLASH\n"
       "2\tThe army and an armed group exchanged fire.\tARMED_CLASH\n"
       "3\tStudents marched through the square.\tPEACE_PROTEST\n"
       "4\tA river burst its banks.\tNATURAL_DISASTER\n"
       "5\tThe envoy was expelled.\tDIPLO\n")


def snippets(tmp_path, text=TSV):
    path = tmp_path / "case.tsv"
    path.write_text(text, encoding="utf-8")
    return case.read_case(path)


def test_codes_become_marsad_names_and_the_five_expect_no_event(tmp_path):
    rows = snippets(tmp_path)
    assert [r.gold for r in rows] == ["Armed clash", "Armed clash", "Peaceful protest",
                                      "NATURAL_DISASTER", "DIPLO"]
    assert [r.expected for r in rows][-2:] == ["none", "none"]


def test_every_code_names_a_sub_event_type_of_the_taxonomy(knowledge):
    assert set(case.ACLED_CODES.values()) == knowledge.sub_event_types()
    assert len(case.ACLED_CODES) == 25 and not set(case.NO_VIOLENCE) & set(case.ACLED_CODES)


def test_scores_by_hand(tmp_path):
    predicted = ["Armed clash", "none", "Armed clash", "none", "Attack"]
    result = case.score(snippets(tmp_path), predicted)
    assert result.accuracy == 2 / 5  # the clash, and no event for the flood
    by_label = {s.label: s for s in result.per_label}
    clash = by_label["Armed clash"]
    assert (clash.support, clash.predicted, clash.precision, clash.recall) == (2, 2, 0.5, 0.5)
    assert clash.f1 == 0.5
    assert by_label["Peaceful protest"].f1 == 0.0 and by_label["Attack"].precision == 0.0
    assert result.weighted_f1 == pytest.approx((2 * 0.5 + 1 * 0.0) / 3)
    assert result.macro_f1 == pytest.approx(0.5 / 25)  # zero for the labels never seen
    assert result.no_event["NATURAL_DISASTER"] == (1, 1) and result.no_event["DIPLO"] == (0, 1)
    assert result.no_event["ATTRIB"] == (0, 0)


def test_confusions_and_what_is_printed(tmp_path):
    predicted = ["Armed clash", "none", "Armed clash", "none", "Attack"]
    result = case.score(snippets(tmp_path), predicted, label="tiny")
    assert result.confusion["Armed clash"] == {"Armed clash": 1, "none": 1}
    assert sorted(result.confusions()) == [("Armed clash", "none", 1), ("DIPLO", "Attack", 1),
                                           ("Peaceful protest", "Armed clash", 1)]
    text = result.render()
    assert "weighted F1 0.333" in text and "NATURAL_DISASTER       1/1" in text
    assert "DIPLO -> Attack" in text
    data = result.as_dict()
    assert data["no_event_all"] == {"right": 1, "snippets": 2, "share": 0.5}
    assert json.loads(json.dumps(data))["per_label"][0]["label"] == "Armed clash"


def test_the_first_event_is_the_one_whose_evidence_starts_first():
    late, early, other = claim("r1", 80, sub="Attack"), claim("r1", 5), claim("r2", 40)
    claims = {c.id: c for c in (late, early, other)}
    day = EventDate(date=dt.date(2020, 1, 1))
    events = [Event(id="e1", date=day, event_type="Violence against civilians",
                    sub_event_type="Attack", claim_ids=(late.id,)),
              # one event told by two reports: the first of r1, and r2's too
              Event(id="e2", date=day, event_type="Battles", sub_event_type="Armed clash",
                    claim_ids=(early.id, other.id))]
    assert case.first_event_types(events, claims) == {"r1": "Armed clash", "r2": "Armed clash"}


@pytest.mark.parametrize("text, message", [
    ("id\tsnippet\tlabel\n1\tx\tATTACK\n", "header"),
    ("id\tEventSnippet\tSubType\n1\tx\tSHOOTING\n", "unknown label 'SHOOTING'"),
    ("id\tEventSnippet\tSubType\n1\tx ATTACK\n", "expected 3 tab-separated cells"),
])
def test_a_bad_file_is_one_clear_error(tmp_path, text, message):
    with pytest.raises(EvalError, match=message) as error:
        snippets(tmp_path, text)
    assert error.value.line in (1, 2)


def test_predictions_must_match_the_snippets(tmp_path):
    with pytest.raises(EvalError, match="1 predictions for 5 snippets"):
        case.score(snippets(tmp_path), ["none"])


@pytest.mark.model
def test_eval_case_through_the_cli(cli, tmp_path):
    (tmp_path / "three.tsv").write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tGovernment forces clashed with rebels near the town of Kafr Nabl on Monday, "
        "killing five fighters, a monitor said.\tARMED_CLASH\n"
        "2\tHundreds of students marched peacefully through the capital on Friday to demand "
        "lower fees.\tPEACE_PROTEST\n"
        "3\tThe foreign minister met his counterpart to discuss trade and tourism.\tDIPLO\n",
        encoding="utf-8")
    result = cli("eval", "--case", "three.tsv", "--json", db=None)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["snippets"] == 3 and len(scores["per_label"]) == 25
    assert scores["confusion"]["Armed clash"] == {"Armed clash": 1}
    assert set(scores["no_event"]) == set(case.NO_VIOLENCE)
    text = cli("eval", "--case", "three.tsv", db=None).stdout
    assert "weighted F1" in text and "rightly no event" in text


def test_a_snippet_is_read_as_published_on_the_latest_full_date_it_states():
    import datetime as dt

    from marsad.evaluate.case import stated_date

    assert stated_date("Troops clashed on 2 February 2015 and again on March 3, 2015.") \
        == dt.date(2015, 3, 3)
    assert stated_date("Sept. 9, 2019: a blast") == dt.date(2019, 9, 9)
    assert stated_date("On Monday, gunmen attacked a post.") is None
    assert stated_date("31 February 2019") is None  # no such day


def test_a_snippet_that_states_a_day_without_a_year_is_published_that_day():
    import datetime as dt

    from marsad.evaluate.case import publication_date

    neutral, taken = dt.date(2020, 3, 1), set()
    # the day it tells, on or after its neutral date: not months before the day it is read
    assert publication_date("A bomb exploded on 14 December, police said.", neutral, taken) \
        == dt.date(2020, 12, 14)
    assert publication_date("Gunmen attacked a post on Feb 2.", neutral, taken) \
        == dt.date(2021, 2, 2)
    # a day another snippet took moves on, so no two snippets are merged into one event
    assert publication_date("Troops clashed on 14 December.", neutral, taken) \
        == dt.date(2021, 12, 14)
    assert publication_date("On Monday, gunmen attacked a post.", neutral, taken) == neutral
    assert publication_date("Troops clashed on 2 February 2015.", neutral, taken) \
        == dt.date(2015, 2, 2)
