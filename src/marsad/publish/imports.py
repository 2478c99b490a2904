"""Imports: marsad's own exports read back, and hand-coded ACLED and UCDP datasets.

Every claim in marsad points to a report. Imported material keeps that rule with placeholder
reports of kind ``imported``:

- JSON Lines (marsad's): each claim's original ``report_id`` is kept; the placeholder's text
  puts every evidence sentence back at its character offsets (blanks between), so each span
  still reads ``report.text[start:end] == sentence``. Events and claims come back as they were.
- CSV / GeoJSON (marsad's): one placeholder report per event, whose text is a line describing
  the event; the event keeps its id and claim ids, each claim a stand-in built from the event.
- ACLED / UCDP (hand-coded): one placeholder report per row, keeping the dataset's id as
  ``external_id`` and its notes (ACLED) or source reference (UCDP) as text; the row becomes a
  claim and a **reviewed** event, so hand-coded and machine-coded events sit side by side.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import InputError
from ..knowledge import Knowledge
from ..records import (Claim, Count, CountQualifier, Event, EventDate, EventStatus, Extraction,
                       Geocode, Place, PlaceQuery, Report, Span, Victims, content_id)
from ..store import Store
from . import acled, ucdp

log = logging.getLogger(__name__)
FORMATS = ("jsonl", "csv", "geojson", "acled", "ucdp")
IMPORTED = "imported"


@dataclass
class ImportBatch:
    """What one file gives: placeholder reports with their claims, and the events."""

    path: str
    reports: list[Report] = field(default_factory=list)
    extractions: dict[str, list[Claim]] = field(default_factory=dict)  # report id -> claims
    events: list[Event] = field(default_factory=list)

    def add(self, report: Report, claims: Sequence[Claim]) -> None:
        if report.id not in self.extractions:
            self.reports.append(report)
            self.extractions[report.id] = []
        self.extractions[report.id].extend(claims)


@dataclass(frozen=True)
class ImportSummary:
    reports_new: int
    claims_new: int
    events_new: int
    events_total: int


def read_import(path: Path, fmt: str, knowledge: Knowledge | None = None,
                data_dir: str | None = None) -> ImportBatch:
    """Read a file in one of :data:`FORMATS` into records (nothing is stored yet)."""
    if fmt not in FORMATS:
        raise InputError(f"no import format {fmt!r}; choose one of {', '.join(FORMATS)}",
                         path=str(path))
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # CSV keeps its own \r\n
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}; give a UTF-8 {fmt} file",
                         path=str(path)) from None
    batch = ImportBatch(path=str(path))
    if fmt == "jsonl":
        _read_jsonl(text, path, batch)
    elif fmt == "csv":
        for line, row in _csv_rows(text, path, required=("marsad_event_id", "event_date"),
                                   strip=False):
            _add_marsad_row(batch, row, None, path, line)
    elif fmt == "geojson":
        _read_geojson(text, path, batch)
    elif fmt == "acled":
        for line, row in _csv_rows(text, path, required=("event_id_cnty", "event_date",
                                                         "event_type")):
            _add_acled_row(batch, row, path, line)
    else:
        names = ucdp.actor_names(data_dir or None)
        for line, row in _csv_rows(text, path, required=("id", "date_start", "side_a", "best")):
            add_ucdp_row(batch, row, names, path, line)
    return batch


def import_into(store: Store, batch: ImportBatch) -> ImportSummary:
    """Store the batch in one transaction: new placeholder reports with their claims, then the
    events beside those already there (an event with the same id is replaced)."""
    reports_new = claims_new = 0
    existing = store.events()
    with store.transaction() as connection:
        for report in batch.reports:
            if store.has_report(report.id, connection):
                continue
            claims = tuple(batch.extractions[report.id])
            store.add_report(connection, report, Extraction(report_id=report.id, claims=claims),
                             status=IMPORTED)
            reports_new += 1
            claims_new += len(claims)
        known = {c.id for c in store.claims({c for e in batch.events for c in e.claim_ids},
                                            connection=connection)}
        incoming = {e.id: _linked(e, known) for e in batch.events}
        current = [e for e in existing if e.id not in incoming]
        store.replace_events(connection, current + list(incoming.values()))
    return ImportSummary(reports_new, claims_new, len(incoming), len(current) + len(incoming))


def _linked(event: Event, known: set[str]) -> Event:
    missing = [c for c in event.claim_ids if c not in known]
    if missing:
        log.warning("event %s: %d claim(s) not in the file or the database; the event keeps "
                    "only the claims it can point to", event.id, len(missing))
        return event.model_copy(update={"claim_ids": tuple(c for c in event.claim_ids
                                                           if c in known)})
    return event


# -- marsad's JSON Lines ------------------------------------------------------------------------


def _read_jsonl(text: str, path: Path, batch: ImportBatch) -> None:
    claims_by_report: dict[str, list[Claim]] = {}
    # only "\n" ends a line: str.splitlines would also split at U+2028 inside a JSON string
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            claims = [Claim.model_validate(_claim_fields(c)) for c in record.pop("claims", [])]
            batch.events.append(Event.model_validate(record))
        except (json.JSONDecodeError, ValueError) as exc:
            raise InputError(f"not a marsad event line ({_first_line(exc)}); import only JSON "
                             "Lines written by `marsad export --format jsonl`",
                             path=str(path), line=number) from None
        for claim in claims:
            claims_by_report.setdefault(claim.report_id, []).append(claim)
    for report_id, claims in sorted(claims_by_report.items()):
        unique = list({c.id: c for c in claims}.values())
        batch.add(_rebuilt_report(report_id, unique, path), unique)


def _claim_fields(line: dict) -> dict:
    """A claim as the JSONL export wrote it, less the reader-friendly copies it added."""
    return {k: v for k, v in line.items() if k not in ("claimed_by", "sentence", "start", "end")}


def _rebuilt_report(report_id: str, claims: Sequence[Claim], path: Path) -> Report:
    """A placeholder whose text holds every evidence sentence at its original offsets."""
    length = max(c.evidence.end for c in claims)
    text = [" "] * length
    for claim in claims:
        text[claim.evidence.start:claim.evidence.end] = list(claim.evidence.text)
    outlets = sorted({c.outlet for c in claims if c.outlet})
    return Report(id=report_id, text="".join(text), outlet=", ".join(outlets), kind=IMPORTED,
                  external_id=report_id, source_path=str(path))


# -- marsad's CSV and GeoJSON -------------------------------------------------------------------


def _csv_rows(text: str, path: Path, required: Sequence[str],
              strip: bool = True) -> Iterator[tuple[int, dict]]:
    """Rows as dicts; ``strip`` trims cells (hand-made files), marsad's own keep every byte."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"the CSV has no column {', '.join(missing)}; check the --format "
                         "(csv = marsad's export, acled = an ACLED file, ucdp = UCDP GED)",
                         path=str(path), line=1)
    for number, row in enumerate(reader, start=2):
        yield number, {k: (v or "").strip() if strip else (v or "")
                       for k, v in row.items() if k is not None}


def _read_geojson(text: str, path: Path, batch: ImportBatch) -> None:
    try:
        features = json.loads(text)["features"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"not a GeoJSON FeatureCollection ({_first_line(exc)})",
                         path=str(path)) from None
    for number, feature in enumerate(features, start=1):
        properties = {k: "" if v is None else str(v) for k, v in
                      (feature.get("properties") or {}).items()}
        geometry = feature.get("geometry") or {}
        point = geometry.get("coordinates") if geometry.get("type") == "Point" else None
        _add_marsad_row(batch, properties, point, path, number)


def _add_marsad_row(batch: ImportBatch, row: dict, point, path: Path, line: int) -> None:
    try:
        event = _marsad_event(row, point)
    except (ValueError, KeyError) as exc:
        raise InputError(f"cannot read this event ({_first_line(exc)}); import only files "
                         "written by `marsad export`", path=str(path), line=line) from None
    report = _placeholder(("marsad", event.id), _describe(event), path, event.id,
                          outlet=", ".join(event.sources), published=event.date.date)
    claims = [_stand_in_claim(claim_id, event, report) for claim_id in event.claim_ids]
    batch.add(report, claims)
    batch.events.append(event)


def _marsad_event(row: dict, point) -> Event:
    geocode = _geocode(row.get("location", ""), point or _latlon(row), _country_code(row),
                       row.get("admin1", ""), row.get("admin2", ""),
                       int(row["geo_precision"]) if row.get("geo_precision") else 3)
    return Event(
        id=row["marsad_event_id"], date=EventDate(date=_date(row["event_date"]),
                                                  precision=int(row.get("time_precision") or 1)),
        event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        actor1=row.get("actor1", ""), actor2=row.get("actor2", ""),
        assoc_actor_1=_split(row.get("assoc_actor_1", "")),
        assoc_actor_2=_split(row.get("assoc_actor_2", "")),
        geocode=geocode, place=PlaceQuery(mention=row["location"]) if row.get("location") else None,
        fatalities_low=_int(row.get("fatalities_low")),
        fatalities_best=_int(row.get("fatalities_best")),
        fatalities_high=_int(row.get("fatalities_high")),
        victims=Victims(civilians=_int(row.get("victims_civilians")),
                        women=_int(row.get("victims_women")),
                        children=_int(row.get("victims_children"))),
        civilian_targeting=bool(row.get("civilian_targeting")),
        status=EventStatus(row.get("status") or "single-source"),
        claim_ids=tuple(row.get("claims", "").split()),
        # marsad's own columns, where the file has them; `source` and `notes` are ACLED's
        sources=_split(row["claimed_by"] if "claimed_by" in row else row.get("source", "")),
        notes=row["marsad_notes"] if "marsad_notes" in row else row.get("notes", ""))


def _stand_in_claim(claim_id: str, event: Event, report: Report) -> Claim:
    return Claim(
        id=claim_id, report_id=report.id,
        evidence=Span(report_id=report.id, start=0, end=len(report.text), text=report.text),
        event_type=event.event_type, sub_event_type=event.sub_event_type, date=event.date,
        place=event.place, geocode=event.geocode, actor1=event.actor1, actor2=event.actor2,
        fatalities=_count(event.fatalities_low, event.fatalities_best, event.fatalities_high),
        victims=event.victims, attributed_to="; ".join(event.sources), outlet=report.outlet,
        civilian_targeting=event.civilian_targeting)


# -- hand-coded datasets ------------------------------------------------------------------------


def _add_acled_row(batch: ImportBatch, row: dict, path: Path, line: int) -> None:
    try:
        day = _date(row["event_date"])
        fatalities = _int(row.get("fatalities")) or 0
        geocode = _geocode(row.get("location", ""), _latlon(row), _country_code(row),
                           row.get("admin1", ""), row.get("admin2", ""),
                           int(row["geo_precision"]) if row.get("geo_precision") else 3,
                           country_name=row.get("country", ""))
    except (ValueError, KeyError) as exc:
        raise InputError(f"cannot read this ACLED row ({_first_line(exc)})", path=str(path),
                         line=line) from None
    key = row["event_id_cnty"]
    event = Event(
        id=content_id("acled", key), date=EventDate(date=day, precision=int(
            row.get("time_precision") or 1)),
        event_type=row["event_type"], sub_event_type=row.get("sub_event_type", ""),
        actor1=row.get("actor1", ""), actor2=row.get("actor2", ""),
        assoc_actor_1=_split(row.get("assoc_actor_1", "")),
        assoc_actor_2=_split(row.get("assoc_actor_2", "")), geocode=geocode,
        place=PlaceQuery(mention=row.get("location", "")) if row.get("location") else None,
        fatalities_low=fatalities, fatalities_best=fatalities, fatalities_high=fatalities,
        civilian_targeting=bool(row.get("civilian_targeting")), status=EventStatus.REVIEWED,
        sources=_split(row.get("source", "")), notes=row.get("notes", ""))
    text = row.get("notes") or _describe(event)
    report = _placeholder(("acled", key), text, path, key, outlet=row.get("source", ""),
                          published=day)
    _add_hand_coded(batch, event, report)


def ucdp_event(row: dict, names: ucdp.ActorNames) -> Event:
    """One UCDP GED row as a reviewed event (actors in marsad's names)."""
    start, end = _date(row["date_start"]), _date(row.get("date_end") or row["date_start"])
    violence = int(row.get("type_of_violence") or 1)
    side_a, side_b = names.to_marsad(row["side_a"]), names.to_marsad(row.get("side_b", ""))
    where_prec = int(row.get("where_prec") or 6)
    geocode = _geocode(_strip_feature(row.get("where_coordinates", "")), _latlon(row), "SY"
                       if "Syria" in row.get("adm_1", "") + row.get("country", "") else "",
                       row.get("adm_1", ""), row.get("adm_2", ""),
                       ucdp.FROM_WHERE_PREC.get(where_prec, 3), where_prec=where_prec)
    per_side = {name: n for name, n in ((side_a, _int(row.get("deaths_a"))),
                                        (side_b, _int(row.get("deaths_b")))) if n and name}
    one_sided = violence == 3
    return Event(
        id=content_id("ucdp", row["id"]),
        date=EventDate(date=start, start=start, end=end, precision=ucdp.FROM_DATE_PREC.get(
            int(row.get("date_prec") or 1), 3)),
        event_type="Violence against civilians" if one_sided else "Battles",
        sub_event_type="Attack" if one_sided else "Armed clash", actor1=side_a, actor2=side_b,
        geocode=geocode, place=PlaceQuery(mention=geocode.mention) if geocode else None,
        fatalities_low=_int(row.get("low")), fatalities_best=_int(row.get("best")),
        fatalities_high=_int(row.get("high")),
        victims=Victims(civilians=_int(row.get("deaths_civilians")) or None, per_side=per_side),
        civilian_targeting=one_sided, status=EventStatus.REVIEWED,
        sources=_split(row.get("source_office", "")), notes=f"UCDP GED {row['id']}")


def add_ucdp_row(batch: ImportBatch, row: dict, names: ucdp.ActorNames, path: Path,
                 line: int) -> None:
    try:
        event = ucdp_event(row, names)
    except (ValueError, KeyError) as exc:
        raise InputError(f"cannot read this UCDP row ({_first_line(exc)})", path=str(path),
                         line=line) from None
    text = row.get("source_article") or row.get("source_headline") or _describe(event)
    dates = [d for d in row.get("source_date", "").split(";") if d.strip()]
    report = _placeholder(("ucdp", row["id"]), text, path, row["id"],
                          outlet=row.get("source_office", ""),
                          published=_date(dates[0].strip()) if dates else event.date.date,
                          title=row.get("source_headline", ""))
    _add_hand_coded(batch, event, report)


def _add_hand_coded(batch: ImportBatch, event: Event, report: Report) -> None:
    claim = _stand_in_claim(content_id("claim", event.id), event, report).model_copy(
        update={"attributed_to": report.outlet})
    batch.add(report, [claim])
    batch.events.append(event.model_copy(update={"claim_ids": (claim.id,)}))


# -- small helpers ------------------------------------------------------------------------------


def _placeholder(key: tuple, text: str, path: Path, external_id: str, *, outlet: str = "",
                 published: dt.date | None = None, title: str = "") -> Report:
    return Report(id=content_id(IMPORTED, *key), text=text, title=title, published=published,
                  outlet=outlet, kind=IMPORTED, external_id=str(external_id),
                  source_path=str(path))


def _describe(event: Event) -> str:
    place = event.geocode.place.name if event.geocode and event.geocode.place else (
        event.place.mention if event.place else "an unknown place")
    killed = f", {event.fatalities_best} killed" if event.fatalities_best is not None else ""
    actors = " vs ".join(a for a in (event.actor1, event.actor2) if a) or "unknown actors"
    return f"{event.date.date or 'undated'}: {event.sub_event_type} in {place}, {actors}{killed}."


def _geocode(name: str, point, country: str, admin1: str, admin2: str, precision: int, *,
             where_prec: int | None = None, country_name: str = "") -> Geocode | None:
    if not name and not point:
        return None
    if not point:
        return Geocode(mention=name, geo_precision=min(max(precision, 1), 3),
                       note="no coordinates in the imported row")
    lon, lat = float(point[0]), float(point[1])
    place = Place(id=content_id("imported-place", name, round(lat, 6), round(lon, 6)),
                  name=name or f"{lat:.4f}, {lon:.4f}", latitude=lat, longitude=lon,
                  country=country if len(country) == 2 else "", admin1=admin1, admin2=admin2)
    precision = min(max(precision, 1), 3)
    return Geocode(mention=name, place=place, geo_precision=precision, matched_name=name,
                   where_prec=where_prec or {1: 1, 2: 2, 3: 4}[precision],
                   note=f"imported ({country_name})" if country_name else "imported")


def _country_code(row: dict) -> str:
    """The alpha-2 code of an ACLED-style row: from `iso` (numeric), else `country` (a name;
    marsad's older exports wrote the alpha-2 code there)."""
    return acled.country_code(row.get("iso", "")) or acled.country_code(row.get("country", ""))


def _latlon(row: dict) -> tuple[float, float] | None:
    if row.get("latitude") and row.get("longitude"):
        return float(row["longitude"]), float(row["latitude"])
    return None


def _date(value: str) -> dt.date:
    value = value.strip()
    for form in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD or '02 July 2017')")


def _int(value: object) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    return int(float(str(value)))


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(";") if p.strip())


def _count(low: int | None, best: int | None, high: int | None) -> Count | None:
    if best is None:
        return None
    qualifier = CountQualifier.RANGE if low != high else CountQualifier.EXACT
    return Count(value=best, low=low, high=high, qualifier=qualifier)


def _strip_feature(name: str) -> str:
    """UCDP's "Aleppo town" -> "Aleppo": the feature word is a code, not part of the name."""
    for suffix in (" town", " village", " city", " district", " governorate", " area"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
