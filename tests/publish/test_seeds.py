"""The bar on the real seed stories: the HTML report renders with its charts and map, and every
footnote resolves to a sentence of one of the two stories. Needs the model and ../shared."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from marsad.store import Store

from ..helpers import SHARED
from .html_notes import check_citations

SEEDS = SHARED / "corpus" / "seeds" / "reports.jsonl"

pytestmark = [pytest.mark.model, pytest.mark.corpus,
              pytest.mark.skipif(not SEEDS.exists(), reason="../shared/corpus/seeds is absent")]


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> tuple[Path, Store]:
    from click.testing import CliRunner

    from marsad.cli import main

    folder = tmp_path_factory.mktemp("seeds")
    db = str(folder / "seeds.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", str(SEEDS)]).exit_code == 0
    result = runner.invoke(main, ["--db", db, "report", "--format", "html", "-o",
                                  str(folder / "report.html")])
    assert result.exit_code == 0, result.output
    return folder / "report.html", Store.open(db)


def test_every_footnote_quotes_a_sentence_of_a_seed_story(seed_report):
    path, store = seed_report
    stories = {r.id: r.text for r in store.reports()}
    parsed = check_citations(path.read_text(encoding="utf-8"), stories)
    assert {"chart-fatalities", "chart-types", "chart-map"} <= set(parsed.charts)
    assert {report for report, _ in parsed.notes.values()} == set(stories)  # both stories cited


@pytest.mark.browser
def test_report_renders_in_headless_chromium(seed_report, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    path, _ = seed_report
    shot = tmp_path / "report.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", f"--screenshot={shot}",
                    "--window-size=1200,2400", path.as_uri()],
                   check=True, capture_output=True, timeout=120)
    from PIL import Image

    image = Image.open(shot)
    assert image.size == (1200, 2400)
    assert len(set(image.convert("L").resize((60, 120)).getdata())) > 20  # not a blank page
