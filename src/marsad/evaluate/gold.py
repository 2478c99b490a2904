"""Scoring events, tolls and control claims against hand-coded gold (``gold.json``).

The rules are those of ``shared/corpus/README.md``:

1. system events are taken as ACLED rows (date, type, sub-type, actors, point, fatalities);
2. a system event can match a gold event with the same ``event_type``, a date within
   ``tolerance.date_days`` and a point within ``tolerance.distance_km``;
3. each gold event takes at most one system event, closest match first, preferring the same
   sub-event type and actors; a second system event on one incident is a duplicate;
4. ``required`` gold events count toward recall; a system event matching an optional gold event
   is neither rewarded nor penalised; any other system event is a false positive;
5. among matched events: the share with the right sub-event type, actors (either order for
   battles) and fatalities (equal to gold, or among ``fatalities_ok``; ``null`` means none
   reported, so empty or 0 is right).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

from ..errors import EvalError
from ..geo.geocoder import km_between
from ..records import Claim, Control, Event, Toll


@dataclass(frozen=True)
class GoldEvent:
    id: str
    required: bool
    date: dt.date
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    latitude: float
    longitude: float
    fatalities: int | None
    fatalities_ok: tuple[int, ...] = ()
    actor1_ok: tuple[str, ...] = ()
    actor2_ok: tuple[str, ...] = ()
    sub_event_type_ok: tuple[str, ...] = ()
    what: str = ""
    distance_km: float | None = None  # the entry's own tolerance, else the file's
    date_from: dt.date | None = None  # the window the text allows, where wider than a day
    date_to: dt.date | None = None
    reports: tuple[str, ...] = ()

    def days_off(self, day: dt.date, tolerance: int) -> int | None:
        """Days between `day` and this entry's date or window; None when beyond tolerance."""
        if self.date_from and self.date_to and self.date_from <= day <= self.date_to:
            return 0
        days = abs((day - self.date).days)
        return days if days <= tolerance else None


@dataclass(frozen=True)
class Gold:
    path: Path
    reports: Path
    date_days: int
    distance_km: float
    events: tuple[GoldEvent, ...]
    tolls: tuple[dict, ...]
    control: tuple[dict, ...]


@dataclass(frozen=True)
class Match:
    gold: GoldEvent
    event: Event
    days: int
    km: float
    sub_event_ok: bool
    actors_ok: bool
    fatalities_ok: bool


@dataclass
class GoldScore:
    label: str
    true_positives: int = 0
    false_positives: int = 0
    required: int = 0
    optional_matched: int = 0
    matches: list[Match] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)
    tolls_found: int = 0
    tolls_total: int = 0
    tolls_as_events: int = 0
    control_found: int = 0
    control_total: int = 0
    control_holder_right: int = 0  # among the control claims found
    evidence: dict[str, str] = field(default_factory=dict)  # event id -> first evidence sentence
    missed_tolls: list[str] = field(default_factory=list)
    missed_control: list[str] = field(default_factory=list)
    nearest: dict[str, str] = field(default_factory=dict)  # missed gold id -> why the nearest failed
    stages: dict[str, str] = field(default_factory=dict)  # missed gold / spurious event id -> stage
    parts: dict[str, "GoldScore"] = field(default_factory=dict)  # report-id prefix -> its scores
    placing: Any = None  # evaluate.placing.Placing, where the claims were at hand

    @property
    def duplicates(self) -> int:
        return sum(1 for e in self.spurious if self.stages.get(e.id) == "duplicate")

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def share(self, attribute: str) -> float:
        scored = [m for m in self.matches if m.gold.required]
        return sum(getattr(m, attribute) for m in scored) / len(scored) if scored else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label, "precision": round(self.precision, 3),
            "recall": round(self.recall, 3), "f1": round(self.f1, 3),
            "true_positives": self.true_positives, "false_positives": self.false_positives,
            "required": self.required, "optional_matched": self.optional_matched,
            "sub_event_type_right": round(self.share("sub_event_ok"), 3),
            "actors_right": round(self.share("actors_ok"), 3),
            "fatalities_right": round(self.share("fatalities_ok"), 3),
            "tolls_found": f"{self.tolls_found}/{self.tolls_total}",
            "tolls_as_events": self.tolls_as_events,
            "control_found": f"{self.control_found}/{self.control_total}",
            "control_holder_right": round(self.control_holder_right / self.control_found, 3)
            if self.control_found else 0.0,
            "matches": [{"gold": m.gold.id, "event": m.event.id, "days": m.days,
                         "km": round(m.km, 1), "sub_event_ok": m.sub_event_ok,
                         "actors_ok": m.actors_ok, "fatalities_ok": m.fatalities_ok}
                        for m in self.matches],
            "missed": [g.id for g in self.missed],
            "spurious": [{"event": e.id, "date": str(e.date.date), "type": e.sub_event_type,
                          "evidence": self.evidence.get(e.id, "")} for e in self.spurious],
            "missed_tolls": self.missed_tolls, "missed_control": self.missed_control,
            "duplicates": self.duplicates, "stages": self.stages,
            "parts": {name: {k: v for k, v in part.as_dict().items()
                             if k not in ("matches", "missed", "spurious", "stages", "parts")}
                      for name, part in self.parts.items()},
            **({"places": self.placing.as_dict()} if self.placing is not None else {}),
        }


# -- reading gold -----------------------------------------------------------------------------

def canonical_names(knowledge) -> dict[str, str]:
    """Every alias of every actor (lower case) -> its canonical name, so gold may use any."""
    names: dict[str, str] = {}
    for conflict in knowledge.conflicts:
        for actor in conflict.actors:
            for alias in (actor.name, *actor.aliases):
                names.setdefault(alias.casefold(), actor.name)
    return names


def canonicalise(gold: "Gold", names: dict[str, str]) -> "Gold":
    def one(name):
        return names.get(name.casefold(), name) if name else name

    events = tuple(replace(e, actor1=one(e.actor1), actor2=one(e.actor2),
                           actor1_ok=tuple(one(a) for a in e.actor1_ok),
                           actor2_ok=tuple(one(a) for a in e.actor2_ok)) for e in gold.events)
    control = tuple({**c, "holder": one(c.get("holder", "")),
                     "holder_ok": tuple(dict.fromkeys(one(h) for h in holder_names(
                         c.get("holder", ""))))} for c in gold.control)
    return replace(gold, events=events, control=control)


def holder_names(holder: str) -> list[str]:
    """The names a gold holder may be written as: "M23: March 23 Movement" is "M23" too;
    "Syrian rebels (Daraa Central Committee)" is "Syrian rebels"; "X and Y" is either."""
    bare = re.sub(r"\s*\([^)]*\)", "", holder).strip()
    names = [holder, bare, *bare.split(":")]
    names += [part for name in list(names) for part in re.split(r"\s+and\s+|\s*/\s*", name)]
    return [n.strip() for n in names if n.strip()]


def read_gold(path: Path) -> Gold:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read the gold file ({exc}); give a gold.json like "
                        "shared/corpus/seeds/gold.json", path=str(path)) from None
    if "reports" not in data or "events" not in data:
        raise EvalError("a gold file needs 'reports' (the JSONL of reports) and 'events'",
                        path=str(path))
    tolerance = data.get("tolerance", {})
    events = tuple(_gold_event(e, path) for e in data["events"])
    return Gold(path=Path(path), reports=Path(path).parent / data["reports"],
                date_days=int(tolerance.get("date_days", 1)),
                distance_km=float(tolerance.get("distance_km", 10)), events=events,
                tolls=tuple(data.get("tolls", ())), control=tuple(data.get("control", ())))


def _gold_event(entry: dict, path: Path) -> GoldEvent:
    try:
        return GoldEvent(
            id=str(entry["id"]), required=bool(entry.get("required", True)),
            date=dt.date.fromisoformat(entry["event_date"]), event_type=entry["event_type"],
            sub_event_type=entry.get("sub_event_type", ""), actor1=entry.get("actor1"),
            actor2=entry.get("actor2"), latitude=float(entry["latitude"]),
            longitude=float(entry["longitude"]), fatalities=entry.get("fatalities"),
            fatalities_ok=tuple(entry.get("fatalities_ok") or ()),
            actor1_ok=tuple(entry.get("actor1_ok") or ()),
            actor2_ok=tuple(entry.get("actor2_ok") or ()),
            sub_event_type_ok=tuple(entry.get("sub_event_type_ok") or ()),
            what=entry.get("what", ""),
            distance_km=float(entry["distance_km"]) if entry.get("distance_km") else None,
            date_from=_day(entry.get("from")), date_to=_day(entry.get("to")),
            reports=tuple(entry.get("reports") or ()))
    except (KeyError, ValueError, TypeError) as exc:
        raise EvalError(f"gold event {entry.get('id', '?')}: missing or bad field {exc}",
                        path=str(path)) from None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# -- matching ---------------------------------------------------------------------------------

def _point(event: Event) -> tuple[float, float] | None:
    place = event.geocode.place if event.geocode and event.geocode.place else None
    return (place.latitude, place.longitude) if place else None


# ACLED's actors that are named with the country they are in ("Civilians (Syria)"): the same
# actor as the bare name in an event of that country
COUNTRY_QUALIFIED = ("Civilians", "Protesters", "Rioters", "Unidentified Armed Group")


def actor_key(name: str | None) -> str:
    name = (name or "").strip()
    bare = re.sub(r"\s*\([^)]*\)$", "", name)
    return bare if bare in COUNTRY_QUALIFIED else name


def actors_right(gold: GoldEvent, event: Event) -> bool:
    wanted1 = {actor_key(a) for a in (gold.actor1, *gold.actor1_ok) if a}
    wanted2 = {actor_key(a) for a in (gold.actor2, *gold.actor2_ok) if a}
    got1, got2 = actor_key(event.actor1), actor_key(event.actor2)
    ordered = (not wanted1 or got1 in wanted1) and (not wanted2 or got2 in wanted2)
    if ordered or gold.event_type != "Battles":
        return ordered
    return (not wanted1 or got2 in wanted1) and (not wanted2 or got1 in wanted2)


def fatalities_right(gold: GoldEvent, event: Event) -> bool:
    system = event.fatalities_low if event.fatalities_low is not None else event.fatalities_best
    if gold.fatalities is None:
        return not system
    return system == gold.fatalities or system in gold.fatalities_ok


def candidates(gold: Gold, events: Sequence[Event]) -> list[tuple[tuple, GoldEvent, Event, int, float]]:
    pairs = []
    for g in gold.events:
        for event in events:
            point = _point(event)
            if event.event_type != g.event_type or event.date.date is None or point is None:
                continue
            days = g.days_off(event.date.date, gold.date_days)
            km = km_between(g.latitude, g.longitude, *point)
            if days is None or km > (g.distance_km or gold.distance_km):
                continue
            sub_ok = event.sub_event_type in (g.sub_event_type, *g.sub_event_type_ok)
            ordered = (g.actor1 or "") == event.actor1 and (g.actor2 or "") == event.actor2
            # (required incidents first: an optional one only takes an event no required one
            # fits, since it counts neither for recall nor against precision)
            key = (not g.required, days, round(km, 1), not sub_ok, not actors_right(g, event),
                   not ordered, not fatalities_right(g, event), g.id, event.id)
            pairs.append((key, g, event, days, km))
    return sorted(pairs, key=lambda p: p[0])


def score_events(gold: Gold, events: Sequence[Event], label: str = "") -> GoldScore:
    result = GoldScore(label=label or str(gold.path))
    result.required = sum(1 for g in gold.events if g.required)
    taken_gold: set[str] = set()
    taken_event: set[str] = set()
    for _, g, event, days, km in candidates(gold, events):
        if g.id in taken_gold or event.id in taken_event:
            continue
        taken_gold.add(g.id)
        taken_event.add(event.id)
        match = Match(g, event, days, km,
                      sub_event_ok=event.sub_event_type in (g.sub_event_type, *g.sub_event_type_ok),
                      actors_ok=actors_right(g, event), fatalities_ok=fatalities_right(g, event))
        result.matches.append(match)
        if g.required:
            result.true_positives += 1
        else:
            result.optional_matched += 1
    result.spurious = [e for e in events if e.id not in taken_event]
    result.false_positives = len(result.spurious)
    result.missed = [g for g in gold.events if g.required and g.id not in taken_gold]
    for g in result.missed:
        result.nearest[g.id] = _nearest(g, events)
    return result


def _nearest(g: GoldEvent, events: Sequence[Event]) -> str:
    """The system event closest in time to a missed gold event, and what kept them apart."""
    dated = [e for e in events if e.date.date is not None]
    if not dated:
        return "none"
    event = min(dated, key=lambda e: (abs((e.date.date - g.date).days), e.event_type != g.event_type))
    point = _point(event)
    km = f"{km_between(g.latitude, g.longitude, *point):.0f} km" if point else "no point"
    place = event.geocode.place.name if point else (event.place.mention if event.place else "-")
    return (f"{event.id[:8]} {event.date.date} {event.event_type}/{event.sub_event_type} at "
            f"{place} ({km}); {event.actor1} vs {event.actor2}")


# -- tolls and control ------------------------------------------------------------------------

def _count_value(count: dict) -> int | None:
    for key in ("exact", "more_than", "about", "up_to", "at_least"):
        if key in count:
            return int(count[key])
    return None


def _same_words(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _norm(text: str) -> str:
    """A place or holder name for comparison: no article, no feature word, no ", City"."""
    text = unicodedata.normalize("NFKD", (text or "").casefold().split(",")[0])
    text = "".join(ch for ch in text if not unicodedata.combining(ch))  # Khān -> khan
    text = re.sub(r"[‘’ʿʾ`']", "", text)
    text = re.sub(r"\b(souk|market|marketplace|the)\b", " ", text)
    text = re.sub(r"\b(al|el|ad|ar|as|ash|az)[-\s]", " ", text)
    return " ".join(text.replace("-", " ").split())


def toll_found(gold: dict, tolls: Sequence[Toll]) -> bool:
    value = _count_value(gold.get("count", {}))
    vague = gold.get("count", {}).get("vague")
    for toll in tolls:
        if vague and toll.count.words and vague.lower() in toll.count.words.lower():
            return True
        if value is not None and toll.count.value == value:
            return True
    return False


PLACE_STOPWORDS = frozenset(
    "the of and in incl including inside around near province district region city town "
    "village villages area areas eastern western northern southern central north south east "
    "west bank countryside township state governorate key sites site outpost share national "
    "territory most parts part".split())


def _place_words(text: str) -> set[str]:
    return {w for w in re.split(r"[^\w]+", _norm(text)) if len(w) >= 3
            and w not in PLACE_STOPWORDS}


def _mine(gold: dict, report_id: str) -> bool:
    reports = gold.get("reports") or ()
    return not reports or report_id in reports


def control_match(gold: dict, controls: Sequence[Control], days: int = 1) -> Control | None:
    """The system's claim about the same ground on the same day (the holder aside: whether it
    is right is scored on its own), from the gold entry's own reports."""
    date = dt.date.fromisoformat(gold["date"])
    parts = [p.strip() for p in gold["place"].split(",")]
    wanted = _place_words(parts[0])
    if parts[0][:1].islower() and len(parts) > 2:  # "government compound, Ramadi, ...": in Ramadi
        wanted |= _place_words(parts[1])
    found = []
    for control in controls:
        if not _mine(gold, control.report_id) or control.date.date is None \
                or abs((control.date.date - date).days) > days:
            continue
        named = [control.place.mention]
        if control.geocode and control.geocode.place:
            named.append(control.geocode.place.name)
        if not any(wanted & _place_words(n) for n in named):
            continue
        share = gold.get("share")
        if share is not None and share < 1 and (control.share is None or abs(control.share - share) > 0.05):
            continue
        found.append(control)
    # the one with the right holder if there is one
    return min(found, key=lambda c: (not holder_right(gold, c), c.id), default=None)


def holder_right(gold: dict, control: Control) -> bool:
    names = gold.get("holder_ok") or tuple(holder_names(gold.get("holder", "")))
    return any(_norm(control.holder) == _norm(name) for name in names)


def control_found(gold: dict, controls: Sequence[Control], days: int = 1) -> bool:
    return control_match(gold, controls, days) is not None


def score(gold: Gold, events: Sequence[Event], claims: dict[str, Claim], tolls: Sequence[Toll],
          controls: Sequence[Control], label: str = "") -> GoldScore:
    result = score_events(gold, events, label)
    for event in events:
        first = next((claims[c] for c in event.claim_ids if c in claims), None)
        if first is not None:
            result.evidence[event.id] = first.evidence.text
    result.tolls_total = len(gold.tolls)
    reports_of = {e.id: {claims[c].report_id for c in e.claim_ids if c in claims} for e in events}
    for toll in gold.tolls:
        if toll_found(toll, [t for t in tolls if _mine(toll, t.report_id)]):
            result.tolls_found += 1
        else:
            result.missed_tolls.append(toll.get("id", toll.get("what", "?")))
        value = _count_value(toll.get("count", {}))
        result.tolls_as_events += sum(
            1 for e in events if value and e.fatalities_best == value
            and (not reports_of[e.id] or any(_mine(toll, r) for r in reports_of[e.id])))
    result.control_total = len(gold.control)
    for entry in gold.control:
        match = control_match(entry, controls)
        if match is not None:
            result.control_found += 1
            result.control_holder_right += holder_right(entry, match)
        else:
            result.missed_control.append(f"{entry['place']} {entry['holder']} {entry['date']}")
    return result


def render(result: GoldScore, stages: bool = False) -> str:
    """The scores, every match, miss and spurious event; with `stages`, what went wrong."""
    d = result.as_dict()
    lines = [
        f"gold: {result.label}",
        f"events  precision {d['precision']:.3f}  recall {d['recall']:.3f}  F1 {d['f1']:.3f}  "
        f"(TP {result.true_positives}, FP {result.false_positives}, required {result.required}, "
        f"optional matched {result.optional_matched})",
        f"matched: sub-event type right {d['sub_event_type_right']:.2f}, actors right "
        f"{d['actors_right']:.2f}, fatalities right {d['fatalities_right']:.2f}",
        f"tolls found as tolls {d['tolls_found']}, toll figures coded as events "
        f"{result.tolls_as_events}; control claims found {d['control_found']} (holder right "
        f"{d['control_holder_right']:.2f})",
    ]
    if result.placing is not None:
        p = d["places"]
        lines.append(f"places: best claim of a required incident within its distance "
                     f"{p['placed_within']} ({p['placed_share']:.3f}); events at a country's "
                     f"centroid though a finer place is named: {p['country_centroid_events']}")
    if result.stages or result.parts:
        lines.append(f"duplicates (a second event on one incident): {result.duplicates}")
    for m in sorted(result.matches, key=lambda m: m.gold.id):
        flags = "".join(("" if m.sub_event_ok else " sub-type", "" if m.actors_ok else " actors",
                         "" if m.fatalities_ok else " fatalities"))
        lines.append(f"  match {m.gold.id:<4} <- {m.event.id[:8]} {m.event.date.date} "
                     f"{m.event.sub_event_type}; {m.event.actor1} vs {m.event.actor2}; "
                     f"fat {m.event.fatalities_low}/{m.event.fatalities_best}"
                     + (f"  WRONG:{flags}" if flags else ""))
    for g in result.missed:
        stage = f" [{result.stages[g.id]}]" if stages and g.id in result.stages else ""
        lines.append(f"  missed {g.id}{stage}: {g.date} {g.sub_event_type}: {g.what}")
        if g.id in result.nearest:
            lines.append(f"      nearest system event: {result.nearest[g.id]}")
    for e in result.spurious:
        stage = f" [{result.stages[e.id]}]" if stages and e.id in result.stages else ""
        lines.append(f"  spurious {e.id[:8]}{stage}: {e.date.date} {e.sub_event_type} "
                     f"{e.actor1} vs {e.actor2}: \"{result.evidence.get(e.id, '')[:140]}\"")
    if stages and result.placing is not None:
        lines += [f"  unplaced {why}" for why in result.placing.unplaced]
        lines += [f"  at a country's centroid {why}" for why in result.placing.at_country]
    for t in result.missed_tolls:
        lines.append(f"  missed toll {t}")
    for c in result.missed_control:
        lines.append(f"  missed control {c}")
    return "\n".join(lines)
