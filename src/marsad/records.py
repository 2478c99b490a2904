"""The typed records that marsad's stages hand each other.

Plain, frozen pydantic models with validation and nothing else. A spaCy ``Doc``, a database
row or a loose dict never crosses a stage boundary: stages take and give these records.

Conventions follow ACLED's codebook so that exports line up with what users know:
``time_precision`` 1 = day, 2 = week, 3 = month (marsad adds 4 = year for background history);
``geo_precision`` 1 = the named place, 2 = part of / near a named area, 3 = province level.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Record(BaseModel):
    """Base of every record: immutable, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def content_id(*parts: object, length: int = 16) -> str:
    """A stable id: the hash of the parts' JSON, so the same content always gets the same id."""
    payload = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:length]


class Modality(str, Enum):
    """How the source presents the event."""

    ASSERTED = "asserted"  # told as fact by the outlet
    CLAIMED = "claimed"  # attributed to someone ("X said")
    DENIED = "denied"  # someone denies it happened
    UNCONFIRMED = "unconfirmed"  # "could not be independently verified", "reportedly"
    THREATENED = "threatened"
    PLANNED = "planned"  # announced, not (yet) happened


class SourceKind(str, Enum):
    """Who is speaking, which weighs on how far a figure is believed."""

    MONITOR = "monitor"  # independent monitors, NGOs, UN agencies
    PARTY = "party"  # a party to the fighting (armed group, army, ministry of defence)
    OFFICIAL = "official"  # officials not party to this fighting (health ministry, governor)
    MEDIA = "media"  # the outlet itself, or another outlet
    WITNESS = "witness"  # residents, activists, medics, witnesses
    UNKNOWN = "unknown"


class CountQualifier(str, Enum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    UP_TO = "up_to"
    RANGE = "range"
    VAGUE = "vague"  # "dozens", "scores": coded conservatively, words kept


class EventStatus(str, Enum):
    SINGLE_SOURCE = "single-source"
    CORROBORATED = "corroborated"
    CONTESTED = "contested"
    REVIEWED = "reviewed"


class Span(Record):
    """Evidence: a sentence of a report with its character offsets in the report text."""

    report_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


class Count(Record):
    """A number as the text gives it: the value coded, its bounds, the qualifier and the words.

    ``value`` is the conservative figure ACLED would code ("dozens" -> 12, "more than 200" ->
    200); ``low``/``high`` bound it where the text does ("15 to 20").
    """

    value: int | None = Field(default=None, ge=0)
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    qualifier: CountQualifier = CountQualifier.EXACT
    words: str = ""


class Victims(Record):
    """Breakdown of a figure: who the dead (or injured) were."""

    civilians: int | None = None
    women: int | None = None
    children: int | None = None
    # per side: canonical actor name -> count ("21 IS fighters and five SDF members")
    per_side: dict[str, int] = Field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.civilians or self.women or self.children or self.per_side)


class EventDate(Record):
    """When something happened: a day (or range) with ACLED's time precision."""

    date: dt.date | None = None
    precision: int = Field(default=1, ge=1, le=4)  # 1 day, 2 week, 3 month, 4 year
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""  # the words the date came from ("late Sunday")
    background: bool = False  # history told for context, dated to when it happened


class Place(Record):
    """A gazetteer entry."""

    id: str  # "gn:<geonameid>" where GeoNames knows it, else a content hash
    name: str
    latitude: float
    longitude: float
    country: str = ""  # ISO 3166-1 alpha-2
    admin1: str = ""
    admin2: str = ""
    kind: str = ""  # city, town, village, district, neighbourhood, landmark, admin1, country...
    population: int = 0
    parent: str | None = None  # id of the containing place
    alternate_names: tuple[str, ...] = ()


class PlaceQuery(Record):
    """A place as a report names it, for the geocoder: the mention and the larger places named
    with it ("the western Raqqa district of Al-Daraiya" -> mention "Al-Daraiya", parents
    ("Raqqa",)), plus the country the report is about where known (ISO alpha-2)."""

    mention: str
    parents: tuple[str, ...] = ()
    country: str = ""
    kind_hint: str = ""  # "district", "village", "market", ... when the text says
    # the place the report is about: where the event is coded (precision 2) when the mention
    # itself cannot be placed ("the Al-Hal market" in a story about Raqqa)
    fallback: str = ""
    # where else to look when the name is not found in `country`, most likely first: the other
    # countries the report names, then those of the conflict it is about
    countries: tuple[str, ...] = ()
    # where to code it when neither the mention nor `fallback` can be placed, in order: the
    # other places of its sentence, then those the report names most
    fallbacks: tuple[str, ...] = ()
    # the sentence names no place: `mention` is the place the report is about, standing for it
    from_report: bool = False


class Geocode(Record):
    """A place mention resolved to a point, with how sure we are."""

    mention: str
    place: Place | None = None
    geo_precision: int = Field(default=3, ge=1, le=3)  # ACLED
    where_prec: int = Field(default=6, ge=1, le=7)  # UCDP
    matched_name: str = ""
    note: str = ""  # e.g. "district not in gazetteer: fell back to the city"
    # the mention names an area around the point (a country, coded at the report's town inside
    # it), not a part of the place there
    area: bool = False
    # the places the gazetteer offered where the choice was not sure (several of the name, a
    # near spelling, none inside the parent the text gives): "Tell Amir (Halab, SY) 36.5,37.0"
    candidates: tuple[str, ...] = ()


class Actor(Record):
    """A canonical armed actor or victim group."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""  # state force, rebel group, militia, external force, civilians, ...
    side: str = ""
    parent: str | None = None
    inter: int | None = None  # ACLED inter code (1 state forces ... 8 external/other)
    conflicts: tuple[str, ...] = ()


class Report(Record):
    """One ingested text, kept whole."""

    id: str  # content hash of the normalised text
    text: str
    title: str = ""
    published: dt.date | None = None
    outlet: str = ""
    url: str = ""
    language: str = ""
    source_path: str = ""
    external_id: str = ""  # an id the input gave (JSONL "id")
    kind: str = "news"  # news | field
    ingested_at: dt.datetime | None = None
    warnings: tuple[str, ...] = ()


class Claim(Record):
    """One thing one report says happened: the unit of extraction."""

    id: str
    report_id: str
    evidence: Span
    event_type: str
    sub_event_type: str
    date: EventDate
    place: PlaceQuery | None = None
    geocode: Geocode | None = None
    actor1: str = ""
    actor2: str = ""
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    fatalities: Count | None = None
    victims: Victims = Field(default_factory=Victims)
    injured: Count | None = None
    attributed_to: str = ""  # who says it: "Syrian Observatory for Human Rights"
    source_kind: SourceKind = SourceKind.MEDIA
    outlet: str = ""  # who reported it: "AFP"
    modality: Modality = Modality.ASSERTED
    civilian_targeting: bool = False
    warnings: tuple[str, ...] = ()


class Event(Record):
    """One incident, merged from one or more claims."""

    id: str
    date: EventDate
    event_type: str
    sub_event_type: str
    actor1: str = ""
    actor2: str = ""
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    geocode: Geocode | None = None
    place: PlaceQuery | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    victims: Victims = Field(default_factory=Victims)
    civilian_targeting: bool = False
    status: EventStatus = EventStatus.SINGLE_SOURCE
    claim_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # independent sources ("SOHR", "SDF")
    outlets: tuple[str, ...] = ()
    notes: str = ""


class Toll(Record):
    """A cumulative figure over a period: never an event, never added to events."""

    id: str
    report_id: str
    evidence: Span
    victims: str  # "civilians", or a canonical actor ("Syrian Democratic Forces")
    count: Count
    perpetrator: str = ""
    place: PlaceQuery | None = None
    geocode: Geocode | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    outcome: str = "killed"  # killed | injured | displaced | detained
    claimed_by: str = ""
    outlet: str = ""


class Control(Record):
    """Who holds which place, as of when, by whose claim."""

    id: str
    report_id: str
    evidence: Span
    place: PlaceQuery
    holder: str  # canonical actor, or "contested"
    date: EventDate
    share: float | None = Field(default=None, ge=0.0, le=1.0)
    geocode: Geocode | None = None
    claimed_by: str = ""
    outlet: str = ""


class Extraction(Record):
    """What extraction gives for one report."""

    report_id: str
    claims: tuple[Claim, ...] = ()
    tolls: tuple[Toll, ...] = ()
    controls: tuple[Control, ...] = ()
    notes: tuple[str, ...] = ()
