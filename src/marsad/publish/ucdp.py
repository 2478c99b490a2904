"""UCDP GED conventions: columns, actor names, type of violence, date precision.

Codebook: Högbladh, "UCDP GED Codebook version 19.1". marsad writes the columns it knows and
leaves the rest empty; names are translated with ``publish/data/ucdp_actors.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import DataFileError
from ..knowledge import Knowledge
from ..records import Event

COLUMNS = [
    "id", "year", "date_start", "date_end", "date_prec", "type_of_violence", "side_a", "side_b",
    "dyad_name", "where_coordinates", "where_prec", "adm_1", "adm_2", "latitude", "longitude",
    "event_clarity", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low", "best",
    "high", "source_office", "source_date", "source_headline", "source_article",
]
NAMES_FILE = Path(__file__).parent / "data" / "ucdp_actors.yaml"
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
CIVILIANS = "Civilians"
# ACLED time precision (1 day, 2 week, 3 month, 4 year) -> UCDP date_prec (1 day, 3 week,
# 4 month, 5 year)
DATE_PREC = {1: 1, 2: 3, 3: 4, 4: 5}
FROM_DATE_PREC = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4}
# UCDP where_prec (1 exact .. 7 waters) -> ACLED geo_precision (1 exact, 2 near, 3 province)
FROM_WHERE_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}


@dataclass(frozen=True)
class ActorNames:
    """Two-way translation between UCDP's actor names and marsad's canonical ones."""

    to_marsad_names: dict[str, str]

    def to_marsad(self, ucdp_name: str) -> str:
        """One UCDP side (maybe a comma-joined coalition) -> the marsad name of its first
        member marsad knows, else the UCDP name unchanged."""
        members = [m.strip() for m in ucdp_name.split(",") if m.strip()]
        for member in members:
            if member in self.to_marsad_names:
                return self.to_marsad_names[member]
            government = re.fullmatch(r"Government of (.+?)( \(.*\))?", member)
            if government:
                return f"Military Forces of {government.group(1)}"
        return ucdp_name.strip()

    def to_ucdp(self, marsad_name: str) -> str:
        for ucdp, marsad in self.to_marsad_names.items():
            if marsad == marsad_name:
                return ucdp
        forces = re.fullmatch(r"Military Forces of (.+)", marsad_name)
        return f"Government of {forces.group(1)}" if forces else marsad_name


@lru_cache(maxsize=4)
def actor_names(data_dir: str | None = None) -> ActorNames:
    """marsad's name table, then the user's ``<data_dir>/ucdp_actors.yaml`` over it."""
    names: dict[str, str] = {}
    for path in [NAMES_FILE] + ([Path(data_dir) / "ucdp_actors.yaml"] if data_dir else []):
        if not path.exists():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            names.update({str(k): str(v) for k, v in data["ucdp_to_marsad"].items()})
        except (yaml.YAMLError, KeyError, AttributeError) as exc:
            raise DataFileError(f"cannot read UCDP actor names: {exc}; the file needs a mapping "
                                "`ucdp_to_marsad: {UCDP name: marsad name}`", path=str(path)) from None
    return ActorNames(names)


def type_of_violence(event: Event, knowledge: Knowledge) -> int | None:
    """1 state-based (a state force on one side), 2 non-state, 3 one-sided (against
    civilians); None for events UCDP does not code (protests, strategic developments)."""
    if event.event_type not in VIOLENT:
        return None
    if event.actor2 == CIVILIANS or event.event_type == "Violence against civilians":
        return 3
    actors = knowledge.actors
    kinds = {actors[a].kind for a in (event.actor1, event.actor2) if a in actors}
    return 1 if "state force" in kinds else 2


def sides(event: Event, knowledge: Knowledge, names: ActorNames) -> tuple[str, str]:
    """(side_a, side_b) in UCDP's order: the government first in state-based conflict, the
    perpetrator first in one-sided violence."""
    a, b = event.actor1, event.actor2
    actors = knowledge.actors
    if b in actors and actors[b].kind == "state force" and not (
            a in actors and actors[a].kind == "state force"):
        a, b = b, a
    return names.to_ucdp(a) if a else "", names.to_ucdp(b) if b else ""
