"""Running the pipeline into a fresh database and scoring it: what `marsad eval` does."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..ingest import Defaults
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import Store
from . import explain
from . import gold as gold_scoring
from . import ucdp as ucdp_scoring
from .placing import placing


def _fresh_pipeline(settings: Settings, folder: str) -> Pipeline:
    db = str(Path(folder) / "eval.db")
    return Pipeline.from_settings(settings.replace(db=db), Store.open(db))


def evaluate_gold(path: Path, settings: Settings, keep_db: Path | None = None) -> gold_scoring.GoldScore:
    """Ingest the reports a gold file names into a fresh database and score the result."""
    from ..knowledge import load_knowledge

    gold = gold_scoring.read_gold(path)
    gold = gold_scoring.canonicalise(gold, gold_scoring.canonical_names(
        load_knowledge(settings.data_dir or None)))
    with tempfile.TemporaryDirectory(prefix="marsad-eval-") as folder:
        if keep_db is not None:
            folder = str(keep_db)
            Path(folder).mkdir(parents=True, exist_ok=True)
            for stale in Path(folder).glob("eval.db*"):
                stale.unlink()
        pipeline = _fresh_pipeline(settings, folder)
        pipeline.ingest([gold.reports], Defaults())
        store = pipeline.store
        claims = {c.id: c for c in store.claims()}
        events, tolls, controls = store.events(), store.tolls(), store.controls()
        # the gold names reports by the ids the JSONL gave them, the store by content hash
        named = {r.id: r.external_id or r.id for r in store.reports()}
        claims, tolls, controls = ({c.id: _renamed(c, named) for c in claims.values()},
                                   [_renamed(t, named) for t in tolls],
                                   [_renamed(c, named) for c in controls])
        result = gold_scoring.score(gold, events, claims, tolls, controls, label=str(path))
        explanation = explain.explain(gold, result, events, claims)
        result.stages = {**explanation.missed, **explanation.spurious}
        result.parts = explain.by_part(gold, events, claims, tolls, controls)
        result.placing = placing(gold, claims, events)
        store.close()
    return result


def _renamed(record, named: dict[str, str]):
    return record.model_copy(update={"report_id": named.get(record.report_id, record.report_id)})


def evaluate_ucdp(path: Path, settings: Settings, limit: int | None = None) -> ucdp_scoring.UcdpScore:
    """Each UCDP headline as a report; events per headline matched against its GED rows."""
    groups = ucdp_scoring.read_ged(path, limit)
    reports = ucdp_scoring.headline_reports(groups)
    by_report = {r.id: r.text for r in reports}
    with tempfile.TemporaryDirectory(prefix="marsad-eval-") as folder:
        pipeline = _fresh_pipeline(settings, folder)
        pipeline.ingest_reports(reports)
        store = pipeline.store
        claims = {c.id: c for c in store.claims()}
        events_by_headline: dict[str, list] = {}
        for event in store.events():
            report_ids = {claims[c].report_id for c in event.claim_ids if c in claims}
            for report_id in sorted(report_ids)[:1]:
                events_by_headline.setdefault(by_report[report_id], []).append(event)
        store.close()
    return ucdp_scoring.score_headlines(groups, events_by_headline)
