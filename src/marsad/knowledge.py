"""Knowledge files: the taxonomy, actors, sources, number words and trigger words.

They live under ``marsad/data`` as YAML; a user adds their own in a folder given by the
``data_dir`` setting (same layout, read after marsad's own). :func:`load_knowledge` reads and
checks them: a trigger naming a sub-event type the taxonomy lacks is an error, not a silent miss.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import DataFileError
from .records import Actor

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Trigger:
    sub_event_type: str
    event_type: str
    priority: int
    lemmas: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()  # lemmas that count only as verbs ("jets bombed the market")
    territory: bool = False
    generic: bool = False  # names an event without its kind: continues the story's incident
    crowd: int = 0  # the fewest people it must tell of ("15,000 fled"; "the gunmen fled" is none)


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conflict:
    name: str
    countries: tuple[str, ...]
    actors: tuple[Actor, ...]
    generic: dict[str, str]  # generic word (lower case) -> actor name, inside this conflict
    demonyms: dict[str, str] = field(default_factory=dict)  # "russian" -> its state forces


@dataclass(frozen=True)
class Knowledge:
    taxonomy: dict[str, tuple[str, ...]]  # event type -> sub-event types
    disorder_types: dict[str, str]
    inter_codes: dict[int, str]
    conflicts: tuple[Conflict, ...]
    sources: tuple[Source, ...]
    unnamed_sources: dict[str, str]  # word -> kind
    numbers: dict
    triggers: tuple[Trigger, ...]
    cue_words: dict = field(default_factory=dict)

    @property
    def actors(self) -> dict[str, Actor]:
        found: dict[str, Actor] = {}
        for conflict in self.conflicts:
            for actor in conflict.actors:
                found.setdefault(actor.name, actor)
        return found

    def sub_event_types(self) -> set[str]:
        return {s for subs in self.taxonomy.values() for s in subs}

    def event_type_of(self, sub_event_type: str) -> str:
        for event_type, subs in self.taxonomy.items():
            if sub_event_type in subs:
                return event_type
        raise KeyError(sub_event_type)


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise DataFileError(f"not valid YAML ({getattr(exc, 'problem', exc)}); fix the file",
                            path=str(path), line=line) from None
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at the top of the file", path=str(path), line=1)
    return data


def _conflict(path: Path) -> Conflict:
    data = _read(path)
    actors, generic, demonyms = [], {}, {}
    for number, entry in enumerate(data.get("actors") or [], start=1):
        if not isinstance(entry, dict) or "name" not in entry:
            raise DataFileError(f"actor #{number} has no 'name'", path=str(path))
        for key in ("aliases", "generic", "demonyms"):
            odd = [w for w in entry.get(key) or [] if not isinstance(w, (str, int, float))]
            if odd:
                # ("LNA: Libyan National Army" unquoted in a [list] is a mapping to YAML)
                raise DataFileError(f"actor {entry['name']!r}: {key} holds {odd[0]!r}, which is "
                                    "no name; put quotes around a name with ': ' in it",
                                    path=str(path))
        aliases = tuple(dict.fromkeys([entry["name"], *map(str, entry.get("aliases") or [])]))
        actors.append(Actor(name=entry["name"], aliases=aliases, kind=entry.get("kind", ""),
                            side=entry.get("side", entry["name"]), parent=entry.get("parent"),
                            inter=entry.get("inter"), conflicts=(data.get("conflict", path.stem),)))
        for word in entry.get("generic") or []:
            generic[str(word).lower()] = entry["name"]
        for word in entry.get("demonyms") or []:
            demonyms.setdefault(str(word).lower(), entry["name"])
    return Conflict(name=data.get("conflict", path.stem),
                    countries=tuple(data.get("countries") or ()), actors=tuple(actors),
                    generic=generic, demonyms=demonyms)


def _data_dirs(extra: str | Path | None) -> list[Path]:
    dirs = [DATA]
    if extra:
        extra = Path(extra)
        if not extra.is_dir():
            raise DataFileError("the data folder does not exist; check --data-dir / MARSAD_DATA_DIR",
                                path=str(extra))
        dirs.append(extra)
    return dirs


def _triggers(data: dict, path: Path) -> list[Trigger]:
    found = []
    for number, entry in enumerate(data.get("triggers") or [], start=1):
        try:
            found.append(Trigger(sub_event_type=entry["sub_event_type"],
                                 event_type=entry["event_type"], priority=int(entry["priority"]),
                                 lemmas=tuple(entry.get("lemmas") or ()),
                                 phrases=tuple(entry.get("phrases") or ()),
                                 verbs=tuple(entry.get("verbs") or ()),
                                 territory=bool(entry.get("territory", False)),
                                 generic=bool(entry.get("generic", False)),
                                 crowd=int(entry.get("crowd", 0))))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"trigger #{number} is missing or has a bad {exc}; each trigger "
                                "needs sub_event_type, event_type and priority", path=str(path))
    return found


@lru_cache(maxsize=8)
def load_knowledge(data_dir: str | None = None) -> Knowledge:
    dirs = _data_dirs(data_dir)
    taxonomy_file = _read(DATA / "taxonomy.yaml")
    taxonomy = {k: tuple(v["sub_event_types"]) for k, v in taxonomy_file["event_types"].items()}
    disorder = {k: v["disorder_type"] for k, v in taxonomy_file["event_types"].items()}
    conflicts, sources, unnamed, triggers, cues = [], [], {}, [], {}
    numbers: dict = {}
    for folder in dirs:
        for path in sorted((folder / "actors").glob("*.yaml")):
            conflicts.append(_conflict(path))
        if (folder / "sources.yaml").is_file():
            data = _read(folder / "sources.yaml")
            sources += [Source(s["name"], s.get("kind", "unknown"), tuple(s.get("aliases") or ()))
                        for s in data.get("sources") or []]
            for kind, words in (data.get("unnamed") or {}).items():
                unnamed.update({str(w).lower(): kind for w in words})
        if (folder / "triggers.yaml").is_file():
            data = _read(folder / "triggers.yaml")
            triggers += _triggers(data, folder / "triggers.yaml")
            cues.update({k: v for k, v in data.items() if k != "triggers"})
        if (folder / "numbers.yaml").is_file():
            for key, value in _read(folder / "numbers.yaml").items():
                if isinstance(value, dict):
                    numbers.setdefault(key, {}).update(value)
    knowledge = Knowledge(taxonomy=taxonomy, disorder_types=disorder,
                          inter_codes={int(k): v for k, v in taxonomy_file["inter_codes"].items()},
                          conflicts=tuple(conflicts), sources=tuple(sources),
                          unnamed_sources=unnamed, numbers=numbers, triggers=tuple(triggers),
                          cue_words=cues)
    check(knowledge)
    return knowledge


def check(knowledge: Knowledge) -> None:
    """The files must agree with each other: every trigger's type is in the taxonomy."""
    known = knowledge.sub_event_types()
    for trigger in knowledge.triggers:
        if trigger.sub_event_type not in known:
            raise DataFileError(f"trigger sub-event type {trigger.sub_event_type!r} is not in "
                                "taxonomy.yaml", path="triggers.yaml")
        if knowledge.event_type_of(trigger.sub_event_type) != trigger.event_type:
            raise DataFileError(f"trigger {trigger.sub_event_type!r} says event type "
                                f"{trigger.event_type!r}; the taxonomy says "
                                f"{knowledge.event_type_of(trigger.sub_event_type)!r}",
                                path="triggers.yaml")
