"""Exports: ACLED-compatible CSV, UCDP-GED-style CSV, GeoJSON, JSON Lines and an Excel workbook.

Output is deterministic: the same database gives byte-identical files (events sorted by date
and id, keys sorted, no timestamps of the export itself).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Callable, Mapping, Sequence

from ..knowledge import Knowledge
from ..records import Claim, Control, Event, Report, Toll
from . import acled, ucdp

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
MARSAD_COLUMNS = ["fatalities_low", "fatalities_best", "fatalities_high", "status", "claims",
                  "marsad_event_id", "victims_civilians", "victims_women", "victims_children",
                  "claimed_by", "marsad_notes"]


def acled_row(event: Event, knowledge: Knowledge, data_dir: str | None = None) -> dict[str, object]:
    """One event in ACLED's columns, with ACLED's meanings (``country`` a name, ``iso`` its
    numeric code, ``source`` the named sources, ``notes`` a sentence), then marsad's own:
    ``claimed_by`` every source as marsad keeps it, ``marsad_notes`` marsad's remarks."""
    place = event.geocode.place if event.geocode and event.geocode.place else None
    nation = acled.country(place.country, data_dir) if place else None
    actors = knowledge.actors
    inter1 = actors[event.actor1].inter if event.actor1 in actors else ""
    inter2 = actors[event.actor2].inter if event.actor2 in actors else ""
    interaction = "".join(sorted(str(i) for i in (inter1, inter2) if i != "" and i is not None))
    date = event.date.date
    return {
        "event_id_cnty": f"{nation.iso3 if nation else 'XXX'}{event.id[:8].upper()}",
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
        "iso": nation.iso if nation else "", "region": nation.region if nation else "",
        "country": nation.name if nation else "",
        "admin1": place.admin1 if place else "", "admin2": place.admin2 if place else "",
        "admin3": "",
        "location": place.name if place else (event.place.mention if event.place else ""),
        "latitude": f"{place.latitude:.4f}" if place else "",
        "longitude": f"{place.longitude:.4f}" if place else "",
        "geo_precision": event.geocode.geo_precision if event.geocode and place else "",
        "source": "; ".join(acled.named_sources(event, knowledge)), "source_scale": "",
        "notes": acled.note(event, place), "fatalities": _conservative(event), "tags": "",
        "timestamp": "",
        "fatalities_low": _blank(event.fatalities_low),
        "fatalities_best": _blank(event.fatalities_best),
        "fatalities_high": _blank(event.fatalities_high),
        "status": event.status.value, "claims": " ".join(event.claim_ids),
        "marsad_event_id": event.id,
        "victims_civilians": _blank(event.victims.civilians),
        "victims_women": _blank(event.victims.women),
        "victims_children": _blank(event.victims.children),
        "claimed_by": "; ".join(event.sources), "marsad_notes": event.notes,
    }


def _conservative(event: Event) -> int:
    """ACLED codes the lowest credible figure, and 0 where none is reported."""
    return event.fatalities_low if event.fatalities_low is not None else 0


def _blank(value: object) -> object:
    return "" if value is None else value


def to_csv(events: Sequence[Event], knowledge: Knowledge, data_dir: str | None = None) -> str:
    buffer = io.StringIO()
    # RFC 4180 line ends: a value holding a lone \r is then quoted, so it reads back whole
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS + MARSAD_COLUMNS,
                            lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        writer.writerow(acled_row(event, knowledge, data_dir))
    return buffer.getvalue()


def to_geojson(events: Sequence[Event], knowledge: Knowledge, data_dir: str | None = None) -> str:
    """Points with the CSV's columns as properties; coordinates (in the geometry and as the
    `latitude`/`longitude` properties) are numbers to 6 decimals, empty cells are null."""
    features = []
    for event in events:
        row = acled_row(event, knowledge, data_dir)
        place = event.geocode.place if event.geocode and event.geocode.place else None
        point = (round(place.longitude, 6), round(place.latitude, 6)) if place else None
        geometry = {"type": "Point", "coordinates": list(point)} if point else None
        properties = {k: (None if v == "" else v) for k, v in row.items()}
        properties["longitude"], properties["latitude"] = point or (None, None)
        features.append({"type": "Feature", "id": event.id, "geometry": geometry,
                         "properties": properties})
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


def ucdp_row(event: Event, knowledge: Knowledge, claims: Sequence[Claim],
             reports: Mapping[str, Report], names: ucdp.ActorNames) -> dict[str, object]:
    """One event as a UCDP GED row, as far as marsad knows it (unknown cells left empty)."""
    place = event.geocode.place if event.geocode and event.geocode.place else None
    side_a, side_b = ucdp.sides(event, knowledge, names)
    start = event.date.start or event.date.date
    end = event.date.end or event.date.date
    deaths_a = _side_deaths(event, side_a, names)
    deaths_b = _side_deaths(event, side_b, names)
    civilians = event.victims.civilians or (event.fatalities_best or 0 if side_b == ucdp.CIVILIANS else 0)
    known = sum(x or 0 for x in (deaths_a, deaths_b, civilians))
    unknown = max((event.fatalities_best or 0) - known, 0)
    used = sorted({c.report_id for c in claims if c.report_id in reports})
    dated = [(reports[r].outlet, reports[r].published, reports[r].title) for r in used]
    return {
        "id": event.id, "year": start.year if start else "",
        "date_start": start.isoformat() if start else "", "date_end": end.isoformat() if end else "",
        "date_prec": ucdp.DATE_PREC.get(event.date.precision, 5),
        "type_of_violence": _blank(ucdp.type_of_violence(event, knowledge)),
        "side_a": side_a, "side_b": side_b,
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else "",
        "where_coordinates": place.name if place else (event.place.mention if event.place else ""),
        "where_prec": event.geocode.where_prec if event.geocode else 6,
        "adm_1": place.admin1 if place else "", "adm_2": place.admin2 if place else "",
        "latitude": f"{place.latitude:.6f}" if place else "",
        "longitude": f"{place.longitude:.6f}" if place else "",
        "event_clarity": 1, "deaths_a": deaths_a, "deaths_b": deaths_b,
        "deaths_civilians": civilians, "deaths_unknown": unknown,
        "low": _blank(event.fatalities_low), "best": _blank(event.fatalities_best),
        "high": _blank(event.fatalities_high),
        "source_office": ";".join(o or "" for o, _, _ in dated) or "; ".join(event.sources),
        "source_date": ";".join(str(d or "") for _, d, _ in dated),
        "source_headline": ";".join(t for _, _, t in dated),
        "source_article": ";".join(a for a in (_article(o, d, t) for o, d, t in dated) if a),
    }


def _article(outlet: str, published: dt.date | None, headline: str) -> str:
    """UCDP's reference to one article, "outlet,date,headline", with only the parts the
    report has (never a leading comma for an outlet it does not name)."""
    parts = [p for p in (outlet, published.isoformat() if published else "", headline) if p]
    return f'"{",".join(parts)}"' if parts else ""


def _side_deaths(event: Event, side: str, names: ucdp.ActorNames) -> int:
    if not side or side == ucdp.CIVILIANS:
        return 0
    return event.victims.per_side.get(names.to_marsad(side), 0)


def to_ucdp(events: Sequence[Event], knowledge: Knowledge,
            claims_of: Callable[[Event], list[Claim]], reports: Mapping[str, Report],
            data_dir: str | None = None) -> str:
    names = ucdp.actor_names(data_dir or None)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ucdp.COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        writer.writerow(ucdp_row(event, knowledge, claims_of(event), reports, names))
    return buffer.getvalue()


def to_xlsx(events: Sequence[Event], knowledge: Knowledge, claims: Sequence[Claim],
            tolls: Sequence[Toll], controls: Sequence[Control],
            reports: Mapping[str, Report]) -> bytes:
    """A workbook for people who live in spreadsheets: events (ACLED columns), claims with
    their evidence, tolls and control, one sheet each, header row frozen and filterable."""
    from openpyxl import Workbook

    workbook = Workbook()
    _sheet(workbook.active, "events", ACLED_COLUMNS + MARSAD_COLUMNS,
           [acled_row(e, knowledge) for e in events])
    _sheet(workbook.create_sheet(), "claims", CLAIM_COLUMNS,
           [_claim_cells(c, reports.get(c.report_id)) for c in claims])
    _sheet(workbook.create_sheet(), "tolls", TOLL_COLUMNS,
           [_toll_cells(t, reports.get(t.report_id)) for t in tolls])
    _sheet(workbook.create_sheet(), "control", CONTROL_COLUMNS,
           [_control_cells(c, reports.get(c.report_id)) for c in controls])
    return _reproducible_xlsx(workbook)


_FIXED_TIME = dt.datetime(2000, 1, 1)


def _reproducible_xlsx(workbook) -> bytes:
    """The workbook's bytes with no clock in them, so the same data gives the same file:
    `Workbook.save` stamps `modified` with the time of saving and the zip stamps every member
    with it too (a sheet with its temporary file's time), so the writer is driven directly,
    into a zip that dates each member `_FIXED_TIME`."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    class FixedTimeZip(zipfile.ZipFile):
        def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
            if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
                info = zipfile.ZipInfo(zinfo_or_arcname, date_time=_FIXED_TIME.timetuple()[:6])
                info.compress_type = self.compression
                info.external_attr = 0o600 << 16  # as ZipFile gives a member named by a string
                zinfo_or_arcname = info
            super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

        def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
            # (openpyxl writes each sheet to a temporary file: its time is the clock's too)
            with open(filename, "rb") as file:
                self.writestr(arcname or filename, file.read(), compress_type, compresslevel)

    workbook.properties.created = workbook.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    with FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


CLAIM_COLUMNS = ["claim_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                 "place", "fatalities", "fatalities_words", "civilians", "women", "children",
                 "attributed_to", "source_kind", "outlet", "modality", "report_id",
                 "report_published", "sentence", "start", "end"]
TOLL_COLUMNS = ["toll_id", "victims", "outcome", "count", "qualifier", "words", "perpetrator",
                "place", "period_start", "period_end", "claimed_by", "outlet", "report_id",
                "report_published", "sentence"]
CONTROL_COLUMNS = ["control_id", "place", "holder", "share", "date", "claimed_by", "outlet",
                   "report_id", "report_published", "sentence"]


def _sheet(sheet, title: str, columns: list[str], rows: list[dict]) -> None:
    sheet.title = title
    sheet.append(columns)
    for row in rows:
        sheet.append([_cell(row.get(c)) for c in columns])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text as written, never a formula
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _cell(value: object) -> object:
    return None if value is None or value == "" else value


def _published(report: Report | None) -> object:
    return report.published if report and report.published else None


def _claim_cells(claim: Claim, report: Report | None) -> dict:
    count = claim.fatalities
    return {"claim_id": claim.id, "event_date": claim.date.date, "event_type": claim.event_type,
            "sub_event_type": claim.sub_event_type, "actor1": claim.actor1,
            "actor2": claim.actor2, "place": claim.place.mention if claim.place else None,
            "fatalities": count.value if count else None,
            "fatalities_words": count.words if count else None,
            "civilians": claim.victims.civilians, "women": claim.victims.women,
            "children": claim.victims.children, "attributed_to": claim.attributed_to,
            "source_kind": claim.source_kind.value, "outlet": claim.outlet,
            "modality": claim.modality.value, "report_id": claim.report_id,
            "report_published": _published(report), "sentence": claim.evidence.text,
            "start": claim.evidence.start, "end": claim.evidence.end}


def _toll_cells(toll: Toll, report: Report | None) -> dict:
    return {"toll_id": toll.id, "victims": toll.victims, "outcome": toll.outcome,
            "count": toll.count.value, "qualifier": toll.count.qualifier.value,
            "words": toll.count.words, "perpetrator": toll.perpetrator,
            "place": toll.place.mention if toll.place else None,
            "period_start": toll.period_start, "period_end": toll.period_end,
            "claimed_by": toll.claimed_by, "outlet": toll.outlet, "report_id": toll.report_id,
            "report_published": _published(report), "sentence": toll.evidence.text}


def _control_cells(control: Control, report: Report | None) -> dict:
    return {"control_id": control.id, "place": control.place.mention, "holder": control.holder,
            "share": control.share, "date": control.date.date, "claimed_by": control.claimed_by,
            "outlet": control.outlet, "report_id": control.report_id,
            "report_published": _published(report), "sentence": control.evidence.text}


FORMATS = ("csv", "ucdp", "geojson", "jsonl", "xlsx")
BINARY_FORMATS = {"xlsx"}
