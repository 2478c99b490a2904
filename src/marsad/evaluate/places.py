"""Score the geocoder against a gold file of place strings and their coordinates.

The gold file is a CSV like UCDP's ``places_syria.csv``: ``where_coordinates, adm_1, adm_2,
latitude, longitude, where_prec, count``. Each place string is geocoded (its "town"/"village"/
"city" suffix is stripped by the mention parser) with its governorate ``adm_1`` as the parent,
as a report would name it ("in Idlib province"); ``adm_2`` is not used, since reports rarely
name the district. Scores are given weighted by ``count`` (events) and per distinct place.
Beside them, the places more than 25 km off yet marked precision 1 are also counted when each
place string is geocoded alone, with only the country: what the governorate as context saves.

With ``train`` (a UCDP GED or ACLED events CSV), the rows of its earliest year are imported as
the user's own dataset into a temporary user layer, and only the places first seen in its
latest year are scored — with and without the import.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import EvalError
from ..geo import Gazetteer, Geocoder, distance_km, import_file
from ..records import Geocode, Place, PlaceQuery

REQUIRED = ("where_coordinates", "latitude", "longitude", "where_prec")
FAR_KM = 25.0
NEAR_KM = 5.0


@dataclass(frozen=True)
class GoldPlace:
    name: str
    admin1: str
    latitude: float
    longitude: float
    where_prec: int
    count: int


@dataclass(frozen=True)
class Scored:
    gold: GoldPlace
    geocode: Geocode
    km: float | None  # None when unresolved


@dataclass(frozen=True)
class Shares:
    """Shares of one group, weighted by events and per distinct place."""

    events: int
    places: int
    within_5km: float
    within_25km: float
    unresolved: float
    coarse: float
    places_within_5km: float
    places_within_25km: float
    places_unresolved: float
    places_coarse: float


@dataclass
class PlacesScore:
    """The scores of one run; ``render()`` for people, ``as_dict()`` for machines."""

    label: str
    groups: dict[str, Shares]
    precise_outliers: list[tuple[str, float]]  # where_prec 1 places >25 km off at precision 1
    all_precise_outliers: int  # the same over every where_prec
    scored: list[Scored] = field(default_factory=list, repr=False)
    baseline: PlacesScore | None = None  # the same places without the user's import
    # the same two counts when each place is geocoded alone, with only the country
    alone_outliers: list[tuple[str, float]] = field(default_factory=list)
    alone_all_outliers: int = 0

    def as_dict(self) -> dict:
        out = {"label": self.label,
               "groups": {k: vars(v) for k, v in self.groups.items()},
               "precise_outliers_where_prec_1": len(self.precise_outliers),
               "precise_outliers_any": self.all_precise_outliers,
               "outliers": [{"place": p, "km": round(km, 1)} for p, km in self.precise_outliers],
               "alone": {"precise_outliers_where_prec_1": len(self.alone_outliers),
                         "precise_outliers_any": self.alone_all_outliers,
                         "outliers": [{"place": p, "km": round(km, 1)}
                                      for p, km in self.alone_outliers]}}
        if self.baseline is not None:
            out["baseline"] = self.baseline.as_dict()
        return out

    def render(self) -> str:
        head = (f"{'group':<14}{'events':>7}{'places':>7}  {'<=5 km':>15}  {'<=25 km':>15}"
                f"  {'unresolved':>15}  {'coarse':>15}")
        lines = [self.label, head, f"{'':<28}" + "  events/places" * 4]
        lines += [_row(name, s) for name, s in self.groups.items()]
        lines.append(f"places >{FAR_KM:.0f} km off marked precision 1:")
        for name, outliers, count in (
                ("with the governorate", self.precise_outliers, self.all_precise_outliers),
                ("alone, only the country", self.alone_outliers, self.alone_all_outliers)):
            lines.append(f"  {name + ':':<26}{len(outliers):>5} (where_prec 1), "
                         f"{count:>5} (any where_prec)")
            lines += [f"    {place}: {km:.1f} km" for place, km in outliers[:10]]
        if self.baseline is not None:
            lines += ["", "without the import:", self.baseline.render()]
        return "\n".join(lines)


def _row(name: str, s: Shares) -> str:
    def pair(a: float, b: float) -> str:
        return f"{a:7.1%}/{b:6.1%}"

    return (f"{name:<14}{s.events:>7}{s.places:>7}  {pair(s.within_5km, s.places_within_5km)}  "
            f"{pair(s.within_25km, s.places_within_25km)}  "
            f"{pair(s.unresolved, s.places_unresolved)}  {pair(s.coarse, s.places_coarse)}")


def read_gold(path: Path | str) -> list[GoldPlace]:
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise EvalError(f"cannot read ({exc.strerror}); check the path", path=str(path)) from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise EvalError(f"missing column(s) {missing}; a places file has "
                            f"{', '.join(REQUIRED)}, adm_1 and count", path=str(path), line=1)
        return [_gold(path, reader.line_num, row) for row in reader]


def _gold(path: Path, line: int, row: dict) -> GoldPlace:
    try:
        return GoldPlace(row["where_coordinates"].strip(), (row.get("adm_1") or "").strip(),
                         float(row["latitude"]), float(row["longitude"]),
                         int(row["where_prec"]), int(row.get("count") or 1))
    except ValueError as exc:
        raise EvalError(f"bad number ({exc}); fix the line", path=str(path), line=line) from None


def score(gold: Iterable[GoldPlace], geocoder: Geocoder, country: str, label: str) -> PlacesScore:
    """Geocode every gold place and compare with its point."""
    gold = list(gold)
    scored = [_score_one(place, geocoder, country) for place in gold]
    alone = [_score_one(place, geocoder, country, context=False) for place in gold]
    groups = {"where_prec 1": _shares([s for s in scored if s.gold.where_prec == 1]),
              "where_prec <=2": _shares([s for s in scored if s.gold.where_prec <= 2]),
              "all": _shares(scored)}
    return PlacesScore(label, groups, _outliers(scored), sum(1 for s in scored if _outlier(s)),
                       scored, alone_outliers=_outliers(alone),
                       alone_all_outliers=sum(1 for s in alone if _outlier(s)))


def _outliers(scored: list[Scored]) -> list[tuple[str, float]]:
    """The where_prec 1 places >25 km off at precision 1, farthest first."""
    return sorted(((s.gold.name, s.km) for s in scored if _outlier(s) and s.gold.where_prec == 1),
                  key=lambda o: -o[1])


def _score_one(place: GoldPlace, geocoder: Geocoder, country: str,
               context: bool = True) -> Scored:
    """Geocode one gold place, with its governorate as the parent unless ``context`` is off."""
    query = PlaceQuery(mention=place.name, country=country,
                       parents=(place.admin1,) if place.admin1 and context else ())
    result = geocoder.geocode(query)
    gold_point = Place(id="gold", name=place.name, latitude=place.latitude,
                       longitude=place.longitude)
    km = None if result.place is None else distance_km(result.place, gold_point)
    return Scored(place, result, km)


def _outlier(s: Scored) -> bool:
    return s.geocode.geo_precision == 1 and s.km is not None and s.km > FAR_KM


def _shares(rows: list[Scored]) -> Shares:
    def share(test: Callable[[Scored], bool], weighted: bool) -> float:
        total = sum(r.gold.count if weighted else 1 for r in rows)
        hit = sum(r.gold.count if weighted else 1 for r in rows if test(r))
        return hit / total if total else 0.0

    tests = (lambda r: r.km is not None and r.km <= NEAR_KM,
             lambda r: r.km is not None and r.km <= FAR_KM,
             lambda r: r.geocode.place is None,
             lambda r: r.geocode.place is not None and r.geocode.geo_precision > 1)
    return Shares(sum(r.gold.count for r in rows), len(rows),
                  *(share(t, True) for t in tests), *(share(t, False) for t in tests))


def evaluate_places(path: Path | str, geocoder: Geocoder, country: str = "SY",
                    train: Path | str | None = None) -> PlacesScore:
    """Score ``geocoder`` on the places file; with ``train``, the import variant (module doc)."""
    gold = read_gold(path)
    if train is None:
        return score(gold, geocoder, country, f"places: {Path(path).name}")
    first, last, seen_first, seen_last = _years(Path(train))
    held = [g for g in gold if g.name in seen_last and g.name not in seen_first]
    with tempfile.TemporaryDirectory() as tmp:
        user = Path(tmp) / "user.places.sqlite"
        report = import_file(train, user, geocoder.gazetteer, country=country,
                             row_filter=lambda row: row.get("year") == first)
        taught = Geocoder(Gazetteer(geocoder.gazetteer.path, user),
                          fuzzy_threshold=geocoder.fuzzy_threshold,
                          default_country=geocoder.default_country)
        result = score(held, taught, country,
                       f"places first seen in {last}, after importing {first}'s rows "
                       f"({report.places} places) from {Path(train).name}")
        taught.gazetteer.close()
    result.baseline = score(held, geocoder, country, f"places first seen in {last}")
    return result


def _years(train: Path) -> tuple[str, str, set[str], set[str]]:
    """The earliest and latest years of an events CSV and the place strings of each."""
    by_year: dict[str, set[str]] = {}
    try:
        with train.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                name = row.get("where_coordinates") or row.get("location") or ""
                by_year.setdefault(row.get("year", ""), set()).add(name.strip())
    except OSError as exc:
        raise EvalError(f"cannot read ({exc.strerror}); check the path", path=str(train)) from None
    years = sorted(y for y in by_year if y)
    if len(years) < 2:
        raise EvalError("needs a `year` column with at least two years (the first is imported, "
                        "the places new in the last are scored)", path=str(train))
    return years[0], years[-1], by_year[years[0]], by_year[years[-1]]
