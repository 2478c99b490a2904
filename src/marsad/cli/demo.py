"""`marsad demo`: the bundled example reports, end to end."""

from __future__ import annotations

from pathlib import Path

import click

from ..ingest import Defaults
from ..knowledge import load_knowledge
from ..pipeline import Pipeline
from ..publish import to_csv, to_geojson, to_jsonl
from ..publish.brief import markdown_brief
from ..publish.charts import chart, render as render_chart
from ..publish.report import render as render_report, report_from_store
from ..store import Store
from . import main
from .common import settings_of
from .ingest import echo_summary
from .query import events as events_command

REPO_EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "index.jsonl"
# What the demo writes beside its database, in the order it says so (the README lists them)
OUTPUTS = ("events.csv", "events.geojson", "events.jsonl", "brief.md", "report.html", "map.png")


def find_examples(given: Path | None) -> Path:
    for candidate in (given, Path("examples/index.jsonl"), REPO_EXAMPLES):
        if candidate is not None and candidate.exists():
            return candidate
    raise click.UsageError("cannot find the example reports; pass --examples DIR "
                           "(the repository has examples/index.jsonl)")


@main.command()
@click.option("--examples", type=click.Path(path_type=Path), default=None,
              help="Example reports: a folder or an index JSONL (default: the repository's examples/index.jsonl).")
@click.option("--output", type=click.Path(path_type=Path), default=Path("demo-output"),
              show_default=True, help="Where the database, exports and brief are written.")
@click.pass_context
def demo(ctx, examples, output):
    """Ingest the example reports into a fresh database; print the events; write exports.

    \b
    Example:
      marsad demo --output /tmp/demo
    """
    examples = find_examples(examples)
    output.mkdir(parents=True, exist_ok=True)
    db = output / "demo.db"
    for stale in output.glob("demo.db*"):
        stale.unlink()
    settings = settings_of(ctx).replace(db=str(db))
    store = Store.open(str(db))
    pipeline = Pipeline.from_settings(settings, store)
    click.echo(f"ingesting {examples} into {db}")
    echo_summary(pipeline.ingest([examples], Defaults()))
    ctx.find_root().obj = settings
    ctx.invoke(events_command, fmt="table")
    write_outputs(store, output, settings.data_dir)


def write_outputs(store: Store, output: Path, data_dir: str) -> None:
    knowledge = load_knowledge(data_dir or None)
    events = store.events()
    claims = {c.id: c for c in store.claims()}
    reports = {r.id: r for r in store.reports()}
    (output / "events.csv").write_text(to_csv(events, knowledge), encoding="utf-8")
    (output / "events.geojson").write_text(to_geojson(events, knowledge), encoding="utf-8")
    (output / "events.jsonl").write_text(
        to_jsonl(events, lambda e: [claims[c] for c in e.claim_ids if c in claims]), encoding="utf-8")
    brief = markdown_brief(events, claims, reports, store.tolls(), store.controls(),
                           title="marsad demo: situation brief")
    (output / "brief.md").write_text(brief, encoding="utf-8")
    situation = report_from_store(store, title="marsad demo: situation report")
    (output / "report.html").write_bytes(render_report(situation, "html"))
    (output / "map.png").write_bytes(render_chart(chart("map", events), "png"))
    written = [name for name in OUTPUTS if (output / name).is_file()]
    click.echo(f"wrote {output}/{', '.join(written)}")
