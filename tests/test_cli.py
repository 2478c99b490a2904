"""The command line as a user sees it, against real SQLite files."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.errors import MarsadError
from marsad.settings import SETTINGS
from tests.helpers import HAJIN_TEXT, IDLIB_TEXT, REPO, jsonl, write

ACLED_COLUMNS = (
    "event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type, "
    "actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, "
    "civilian_targeting, iso, region, country, admin1, admin2, admin3, location, latitude, "
    "longitude, geo_precision, source, source_scale, notes, fatalities, tags, timestamp"
).split(", ")
MARSAD_COLUMNS = ["fatalities_low", "fatalities_high", "status", "claims"]
EXAMPLES = REPO / "examples" / "index.jsonl"


# -- help ---------------------------------------------------------------------------------------

def all_commands(group: click.Group = main, path: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*path, name))


@pytest.mark.parametrize("path", [(), *all_commands()], ids=lambda p: " ".join(p) or "marsad")
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`marsad {' '.join(path)} --help` shows no example"
    example = result.output.split("Example", 1)[1]
    assert "marsad" in example


def test_foundation_commands_exist():
    assert {"ingest", "events", "show", "export", "demo", "settings", "reports",
            "reprocess"} <= set(main.commands)


# -- ingest, events, show, export ---------------------------------------------------------------

@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    """The bundled examples ingested once into a SQLite file, for the read-only tests below."""
    folder = tmp_path_factory.mktemp("cli")
    db = folder / "examples.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(EXAMPLES)],
                                env={"MARSAD_PROGRESS": "no"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def on_examples(example_db, cli):
    def run(*args):
        return cli(*args, db=example_db)
    return run


@pytest.mark.model
def test_ingest_reports_what_it_did(cli, workdir):
    path = write(workdir / "r.jsonl", jsonl({"text": HAJIN_TEXT, "published": "2024-08-19",
                                             "outlet": "Levant Test"},
                                            {"text": IDLIB_TEXT, "published": "2023-11-23"}))
    result = cli("ingest", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 file(s): 2 new report(s), 0 already stored;")
    assert "event(s) in the database" in result.stdout
    reports = cli("reports")
    assert "Levant Test" in reports.stdout and "2024-08-19" in reports.stdout


@pytest.mark.model
def test_events_table_and_json(on_examples):
    table = on_examples("events")
    assert table.exit_code == 0
    assert "event(s)" in table.stdout and "Air/drone strike" in table.stdout
    lines = on_examples("events", "--format", "json").stdout.splitlines()
    events = [json.loads(line) for line in lines]
    assert len(events) >= 12
    assert [(e["date"]["date"] or "", e["id"]) for e in events] == sorted(
        (e["date"]["date"] or "", e["id"]) for e in events)
    assert all(e["claim_ids"] for e in events)


@pytest.mark.model
def test_events_filters(on_examples):
    def ids(*options):
        result = on_examples("events", "--format", "json", *options)
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    everything = ids()
    since = ids("--since", "2024-08-01")
    assert since and all(e["date"]["date"] >= "2024-08-01" for e in since)
    assert len(since) < len(everything)
    battles = ids("--type", "Battles")
    assert battles and all(e["event_type"] == "Battles" for e in battles)
    kharkiv = ids("--place", "Kharkiv")
    assert kharkiv and len(kharkiv) < len(everything)
    bad = on_examples("events", "--since", "last week")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr


@pytest.mark.model
def test_show_prints_event_claims_sources_and_evidence(on_examples):
    events = [json.loads(x) for x in on_examples("events", "--format", "json").stdout.splitlines()]
    event = max(events, key=lambda e: len(e["claim_ids"]))
    result = on_examples("show", event["id"][:8])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"event {event['id']}")
    assert event["sub_event_type"] in out
    assert out.count("- claim ") == len(event["claim_ids"])
    assert "chars " in out and "report " in out
    shown = json.loads(on_examples("show", event["id"], "--format", "json").stdout)
    for claim in shown["claims"]:
        assert claim["evidence"]["text"] in out


@pytest.mark.model
def test_show_says_where_each_claim_was_put_and_what_else_it_could_be(cli, workdir, monkeypatch):
    """A village of a name two provinces share, with nothing in the report to choose: `show`
    says it was left unplaced and names both."""
    from tests.geo.conftest import write_small_gazetteer

    gazetteer = write_small_gazetteer(workdir / "small.sqlite")
    monkeypatch.setenv("MARSAD_GAZETTEER", str(gazetteer))
    monkeypatch.setenv("MARSAD_USER_GAZETTEER", str(workdir / "user.sqlite"))
    text = ("An air strike hit the village of Tell Amir in Syria on Monday, killing three "
            "civilians, a local monitor said.")
    path = write(workdir / "r.jsonl", jsonl({"text": text, "published": "2024-03-05"}))
    assert cli("ingest", path).exit_code == 0
    event = json.loads(cli("events", "--format", "json").stdout.splitlines()[0])
    out = cli("show", event["id"]).stdout
    assert "place: 'Tell Amir'" in out
    considered = [line for line in out.splitlines() if "considered: Tell Amir (" in line]
    assert len(considered) == 2 and any("Halab" in line for line in considered)


def test_show_unknown_event_is_one_error_line(cli):
    result = cli("show", "deadbeef")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "error[M201]: no event 'deadbeef' in this database; list them with `marsad events`"]


@pytest.mark.model
def test_export_csv_has_acled_columns_in_order_then_marsads(on_examples, workdir):
    result = on_examples("export", "--format", "csv", "-o", workdir / "events.csv")
    assert result.exit_code == 0, result.output
    text = (workdir / "events.csv").read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    assert header[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    rest = header[len(ACLED_COLUMNS):]
    assert set(MARSAD_COLUMNS) <= set(rest) and not set(rest) & set(ACLED_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) >= 12
    for row in rows:
        assert row["event_date"][:4] == row["year"]
        assert row["time_precision"] in {"1", "2", "3"}
        assert row["event_type"] and row["sub_event_type"]
        assert int(row["fatalities"]) >= 0
    strike = [r for r in rows if r["sub_event_type"] == "Air/drone strike"]
    assert strike and any(r["latitude"] and r["longitude"] for r in strike)


@pytest.mark.model
def test_export_geojson_and_jsonl(on_examples, workdir):
    geo = json.loads(on_examples("export", "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    placed = [f for f in geo["features"] if f["geometry"]]
    assert placed
    for feature in placed:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["sub_event_type"]
    lines = on_examples("export", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == len(geo["features"])
    for line in lines:
        event = json.loads(line)
        assert len(event["claims"]) == len(event["claim_ids"])
        assert all(c["sentence"] and c["end"] > c["start"] for c in event["claims"])


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["csv", "geojson", "jsonl"])
def test_exports_are_byte_identical_run_to_run(on_examples, workdir, fmt):
    first, second = workdir / f"1.{fmt}", workdir / f"2.{fmt}"
    assert on_examples("export", "--format", fmt, "-o", first).exit_code == 0
    assert on_examples("export", "--format", fmt, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert on_examples("export", "--format", fmt).stdout_bytes == first.read_bytes()


@pytest.mark.model
def test_export_of_a_rebuilt_database_is_byte_identical(on_examples, cli, workdir):
    """The same reports ingested into a new file give the same export (ids are content hashes)."""
    again = workdir / "again.db"
    assert cli("ingest", EXAMPLES, db=again).exit_code == 0
    assert cli("export", "--format", "csv", db=again).stdout == on_examples(
        "export", "--format", "csv").stdout


def test_export_of_an_empty_database_is_a_header(cli):
    result = cli("export", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [",".join(next(csv.reader(io.StringIO(result.stdout))))]
    assert result.stdout.startswith("event_id_cnty,event_date,")


# -- errors -------------------------------------------------------------------------------------

def test_a_marsad_error_is_one_line_and_exit_1(cli, workdir):
    result = cli("ingest", workdir / "missing.txt")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error[M100]: {workdir / 'missing.txt'}: no such file or directory; check the path"]
    assert result.stdout == ""


def test_every_marsad_error_goes_through_the_same_door(monkeypatch, cli):
    from marsad.cli import query
    from marsad.errors import ConfigError, StoreError

    for error in (ConfigError("bad value; fix it"), StoreError("cannot open; check it")):
        def boom(ctx, *a, _error=error, **k):
            raise _error
        monkeypatch.setattr(query, "open_store", boom)
        result = cli("events")
        assert result.exit_code == 1
        assert result.stderr == f"error[{error.code}]: {error}\n"
        assert isinstance(error, MarsadError)


def test_unusable_database_is_a_store_error(cli, workdir):
    result = cli("events", db=workdir / "no" / "such" / "dir" / "x.db")
    assert result.exit_code == 1 and result.stderr.startswith("error[M200]: ")
    assert len(result.stderr.splitlines()) == 1


# -- settings: options > environment > marsad.toml > defaults -------------------------------------

def setting_value(output: str, name: str) -> str:
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) > 3 and cells[1] == name:
            return cells[3]
    raise AssertionError(f"{name} not in `marsad settings` output:\n{output}")


def test_settings_lists_every_setting(cli):
    result = cli("settings", db=None)
    assert result.exit_code == 0
    for setting in SETTINGS:
        assert setting.name in result.stdout and setting.env in result.stdout
    assert setting_value(result.stdout, "db") == "marsad.db"


def test_settings_precedence(cli, workdir):
    write(workdir / "marsad.toml", '[marsad]\ndb = "from-toml.db"\nbatch_size = 8\n')
    assert setting_value(cli("settings", db=None).stdout, "db") == "from-toml.db"
    assert setting_value(cli("settings", db=None).stdout, "batch_size") == "8"
    env = {"MARSAD_DB": "from-env.db", "MARSAD_BATCH_SIZE": "16"}
    from_env = cli("settings", db=None, env=env).stdout
    assert setting_value(from_env, "db") == "from-env.db"
    assert setting_value(from_env, "batch_size") == "16"
    from_option = cli("settings", db="from-option.db", env=env).stdout
    assert setting_value(from_option, "db") == "from-option.db"


def test_marsad_db_from_environment_is_the_database_used(cli, workdir):
    env_db = workdir / "env.db"
    assert cli("events", db=None, env={"MARSAD_DB": str(env_db)}).exit_code == 0
    assert env_db.exists() and not (workdir / "marsad.db").exists()


def test_default_database_is_marsad_db_in_the_working_directory(cli, workdir):
    assert cli("events", db=None).exit_code == 0
    assert (workdir / "marsad.db").exists()


def test_config_file_named_by_marsad_config(cli, workdir):
    config = write(workdir / "conf" / "team.toml", 'db = "team.db"\n')
    out = cli("settings", db=None, env={"MARSAD_CONFIG": str(config)}).stdout
    assert setting_value(out, "db") == "team.db"


@pytest.mark.parametrize("toml, words", [
    ('[marsad]\nno_such_setting = 1\n', "unknown setting 'no_such_setting'"),
    ('[marsad]\nbatch_size = "many"\n', "setting 'batch_size'"),
    ("db = \n", "not valid TOML"),
])
def test_bad_config_file_is_one_error_line(cli, workdir, toml, words):
    write(workdir / "marsad.toml", toml)
    result = cli("settings", db=None)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error[M001]: ") and words in line and "marsad.toml" in line


def test_bad_environment_value_is_one_error_line(cli):
    result = cli("settings", db=None, env={"MARSAD_PROGRESS": "maybe"})
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error[M001]: MARSAD_PROGRESS")


@pytest.mark.model
def test_demo_writes_its_outputs(cli, workdir):
    result = cli("demo", "--output", workdir / "demo-output", db=None)
    assert result.exit_code == 0, result.output
    assert "event(s)" in result.stdout
    for name in ("demo.db", "events.csv", "events.geojson", "events.jsonl", "brief.md"):
        assert (workdir / "demo-output" / name).stat().st_size > 0, name
    assert not (workdir / "marsad.db").exists(), "the demo must not touch the user's database"
