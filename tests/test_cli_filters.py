"""An unknown filter value is a usage error that lists the valid ones, never "0 event(s)"."""

from __future__ import annotations

import json

import pytest

from marsad.store import Store
from tests.publish.records import fill


@pytest.fixture
def filled_db(db_path):
    fill(Store.open(str(db_path))).close()
    return db_path


def ids(cli, *options) -> list[str]:
    result = cli("events", "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


@pytest.mark.parametrize("command", [["events"], ["export", "--format", "csv"],
                                     ["report", "-o", "r.html"]])
def test_an_unknown_status_lists_the_valid_ones(cli, filled_db, command):
    result = cli(*command, "--status", "foo")
    assert result.exit_code == 2 and "0 event(s)" not in result.output
    for status in ("single-source", "corroborated", "contested", "reviewed"):
        assert status in result.stderr


def test_an_unknown_type_lists_the_types_and_sub_types(cli, filled_db):
    result = cli("events", "--type", "Nonsense")
    assert result.exit_code == 2 and "'Nonsense' is neither an event type" in result.stderr
    assert "Battles" in result.stderr and "Air/drone strike" in result.stderr


def test_types_sub_types_and_statuses_match_in_any_case(cli, filled_db):
    assert ids(cli, "--type", "battles") == ["e-clash-0000001"]
    assert ids(cli, "--type", "AIR/DRONE strike") == ["e-strike-000001"]
    assert ids(cli, "--type", "Armed clash") == ["e-clash-0000001"]
    assert ids(cli, "--status", "Contested") == ["e-strike-000001"]
