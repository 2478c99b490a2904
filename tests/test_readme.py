"""Docs that run: the README's commands are the Makefile's, its CLI tour runs, its tables are current."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex

import pytest
from click.testing import CliRunner

from marsad.cli import main
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"```(\w*)\n(.*?)```", re.S)


def blocks(language: str | None = None) -> list[str]:
    return [body for lang, body in FENCE.findall(README) if language is None or lang == language]


def commands(block: str) -> list[str]:
    return [line.split("#")[0].strip() for line in block.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def test_the_first_two_commands_are_make_demo_and_make_test():
    first = blocks()[0]
    assert README.index("```") < README.index("\n## "), "the commands come before any section"
    assert commands(first)[:2] == ["make demo", "make test"]


def test_every_make_target_the_readme_names_exists():
    named = set(re.findall(r"`make ([\w-]+)`", README)) | {
        c.split()[1] for b in blocks() for c in commands(b) if c.startswith("make ")}
    assert named and named <= make_targets(), named - make_targets()


def test_the_settings_table_is_up_to_date():
    spec = importlib.util.spec_from_file_location("gen_settings", REPO / "docs" / "gen_settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render(README) == README, "run .venv/bin/python docs/gen_settings.py"
    from marsad.settings import SETTINGS

    for setting in SETTINGS:
        assert f"`{setting.env}`" in README


# backticked words in the tour that are fields or formats, not commands
NOT_COMMANDS = {"make", "marsad", "id", "text", "path", "title", "published", "outlet", "url",
                "language", "status", "claims", "postgres", "csv", "geojson", "jsonl", "ucdp",
                "xlsx", "country", "iso", "region", "source", "notes"}


def test_every_command_the_readme_names_exists():
    tour = README.split("## A tour of the command line", 1)[1].split("\n## ", 1)[0]
    prose = FENCE.sub("", tour)
    named = {n for n in re.findall(r"`([a-z]+)(?: [^`]*)?`", prose)
             if n not in NOT_COMMANDS}
    named |= {c.split()[0] for c in re.findall(r"`([a-z]+ [A-Z_.]+)`", prose)}
    assert {"ingest", "events", "show", "export", "demo", "settings"} <= named
    missing = sorted(n for n in named if n not in main.commands and not n.startswith("fatalities"))
    assert not missing, f"the README names commands marsad does not have: {missing}"


def test_the_readme_names_every_file_the_demo_writes():
    from marsad.cli.demo import OUTPUTS

    demo = README.split("`make demo` ingests", 1)[1].split("\n\n", 1)[0]
    named = set(re.findall(r"`(?:demo-output/)?([\w.]+\.\w+)`", demo))
    assert named == {"demo.db", *OUTPUTS}, named ^ {"demo.db", *OUTPUTS}


def test_git_ignores_what_the_tour_writes():
    import shutil
    import subprocess

    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    tour = next(b for b in blocks("sh") if "ingest" in b and "export" in b)
    written = {a for line in commands(tour) for a in re.findall(r"(?:--db|-o) (\S+)", line)}
    assert {"tour.db", "events.csv", "events.geojson", "events.jsonl"} <= written
    for name in sorted(written | {"tour.db-wal", "tour.db-shm"}):
        ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=REPO)
        assert ignored.returncode == 0, f"{name} (written by the README's tour) is not in .gitignore"


def test_the_layout_is_what_is_there():
    layout = next(b for b in blocks("") if b.startswith("src/marsad/"))
    folder = REPO / "src" / "marsad"
    for line in layout.splitlines()[1:]:
        name = line.split()[0] if line.strip() else ""
        if not name:
            continue
        path = (folder / name) if line.startswith("  ") else (REPO / name)
        assert path.exists(), f"README layout names {name}, which is not in the repository"


@pytest.mark.model
def test_the_cli_tour_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    tour = next(b for b in blocks("sh") if "ingest" in b and "export" in b)
    runner = CliRunner()
    event_id = None
    for line in commands(tour):
        argv = shlex.split(line)
        assert argv[0] == "marsad", line
        if "EVENT_ID" in argv:
            argv[argv.index("EVENT_ID")] = event_id
        result = runner.invoke(main, argv[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"`{line}` failed:\n{result.output}"
        if argv[-1] == "events" and event_id is None:
            listed = runner.invoke(main, [*argv[1:], "--format", "json"])
            event_id = json.loads(listed.stdout.splitlines()[0])["id"][:8]
    for name in ("events.csv", "events.geojson", "events.jsonl"):
        assert (tmp_path / name).stat().st_size > 0
