"""Exports: ACLED-compatible CSV, GeoJSON and JSON Lines.

Output is deterministic: the same database gives byte-identical files (events sorted by date
and id, keys sorted, no timestamps of the export itself).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Callable, Sequence

from ..knowledge import Knowledge
from ..records import Claim, Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
MARSAD_COLUMNS = ["fatalities_low", "fatalities_best", "fatalities_high", "status", "claims",
                  "marsad_event_id", "victims_civilians", "victims_women", "victims_children"]


def acled_row(event: Event, knowledge: Knowledge) -> dict[str, object]:
    place = event.geocode.place if event.geocode and event.geocode.place else None
    actors = knowledge.actors
    inter1 = actors[event.actor1].inter if event.actor1 in actors else ""
    inter2 = actors[event.actor2].inter if event.actor2 in actors else ""
    interaction = "".join(sorted(str(i) for i in (inter1, inter2) if i != "" and i is not None))
    date = event.date.date
    notes = event.notes
    return {
        "event_id_cnty": f"{(place.country if place else 'XX') or 'XX'}{event.id[:8].upper()}",
        "event_date": date.isoformat() if date else "",
        "year": date.year if date else "",
        "time_precision": min(event.date.precision, 3),
        "disorder_type": knowledge.disorder_types.get(event.event_type, ""),
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": event.actor1, "assoc_actor_1": "; ".join(event.assoc_actor_1),
        "inter1": inter1 if inter1 is not None else "",
        "actor2": event.actor2, "assoc_actor_2": "; ".join(event.assoc_actor_2),
        "inter2": inter2 if inter2 is not None else "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else "",
        "iso": "", "region": "", "country": place.country if place else "",
        "admin1": place.admin1 if place else "", "admin2": place.admin2 if place else "",
        "admin3": "",
        "location": place.name if place else (event.place.mention if event.place else ""),
        "latitude": f"{place.latitude:.4f}" if place else "",
        "longitude": f"{place.longitude:.4f}" if place else "",
        "geo_precision": event.geocode.geo_precision if event.geocode and place else "",
        "source": "; ".join(event.sources), "source_scale": "",
        "notes": notes, "fatalities": _conservative(event), "tags": "", "timestamp": "",
        "fatalities_low": _blank(event.fatalities_low),
        "fatalities_best": _blank(event.fatalities_best),
        "fatalities_high": _blank(event.fatalities_high),
        "status": event.status.value, "claims": " ".join(event.claim_ids),
        "marsad_event_id": event.id,
        "victims_civilians": _blank(event.victims.civilians),
        "victims_women": _blank(event.victims.women),
        "victims_children": _blank(event.victims.children),
    }


def _conservative(event: Event) -> int:
    """ACLED codes the lowest credible figure, and 0 where none is reported."""
    return event.fatalities_low if event.fatalities_low is not None else 0


def _blank(value: object) -> object:
    return "" if value is None else value


def to_csv(events: Sequence[Event], knowledge: Knowledge) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS + MARSAD_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(acled_row(event, knowledge))
    return buffer.getvalue()


def to_geojson(events: Sequence[Event], knowledge: Knowledge) -> str:
    features = []
    for event in events:
        row = acled_row(event, knowledge)
        place = event.geocode.place if event.geocode and event.geocode.place else None
        geometry = ({"type": "Point", "coordinates": [round(place.longitude, 6), round(place.latitude, 6)]}
                    if place else None)
        features.append({"type": "Feature", "id": event.id, "geometry": geometry,
                         "properties": {k: v for k, v in row.items()}})
    return json.dumps({"type": "FeatureCollection", "features": features}, sort_keys=True,
                      ensure_ascii=False, indent=1) + "\n"


def to_jsonl(events: Sequence[Event], claims_of: Callable[[Event], list[Claim]]) -> str:
    """One event per line with its claims (each with its evidence); reads back into a store."""
    lines = []
    for event in events:
        record = event.model_dump(mode="json")
        record["claims"] = [_claim_line(c) for c in claims_of(event)]
        lines.append(json.dumps(record, sort_keys=True, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


def _claim_line(claim: Claim) -> dict:
    record = claim.model_dump(mode="json")
    record.update({"claimed_by": claim.attributed_to, "sentence": claim.evidence.text,
                   "start": claim.evidence.start, "end": claim.evidence.end})
    return record


FORMATS = ("csv", "geojson", "jsonl")
