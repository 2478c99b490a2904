"""The knowledge files load and agree with each other (STYLE.md habit 4)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import yaml

from marsad.errors import DataFileError
from marsad.knowledge import DATA, load_knowledge
from marsad.records import SourceKind
from tests.helpers import write

ACRONYM = re.compile(r"^[A-Z][A-Z.]{0,5}$")  # as marsad.nlp matches them: exact case


def alias_key(alias: str) -> str:
    """How the entity patterns compare names: acronyms by exact case, the rest case-blind."""
    return alias if ACRONYM.match(alias) else alias.casefold()


def actor_files():
    return sorted((DATA / "actors").glob("*.yaml"))


def test_the_files_load(knowledge):
    assert knowledge.conflicts and knowledge.sources and knowledge.triggers and knowledge.numbers


def test_taxonomy_is_acleds(knowledge):
    assert len(knowledge.taxonomy) == 6
    assert sum(len(subs) for subs in knowledge.taxonomy.values()) == 25
    assert len(knowledge.sub_event_types()) == 25  # no sub-event type under two event types
    assert set(knowledge.taxonomy) == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
        "Riots", "Strategic developments"}
    assert set(knowledge.disorder_types) == set(knowledge.taxonomy)
    assert set(knowledge.inter_codes) == set(range(1, 9))


def test_every_trigger_names_a_taxonomy_type(knowledge):
    for trigger in knowledge.triggers:
        assert trigger.sub_event_type in knowledge.sub_event_types(), trigger
        assert knowledge.event_type_of(trigger.sub_event_type) == trigger.event_type, trigger
        assert trigger.lemmas or trigger.phrases or trigger.verbs, f"{trigger.sub_event_type}: no words"


def test_territory_triggers_are_battles(knowledge):
    for trigger in knowledge.triggers:
        if trigger.territory:
            assert trigger.event_type in {"Battles", "Strategic developments"}, trigger


@pytest.mark.parametrize("path", actor_files(), ids=lambda p: p.stem)
def test_actor_names_are_unique_in_a_conflict(path):
    names = [a["name"] for a in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]


@pytest.mark.parametrize("path", actor_files(), ids=lambda p: p.stem)
def test_aliases_do_not_collide_across_actors_in_a_conflict(path):
    actors = yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]
    owners: dict[str, set[str]] = defaultdict(set)
    generic: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        for alias in {actor["name"], *map(str, actor.get("aliases") or [])}:
            owners[alias_key(alias)].add(actor["name"])
        for word in actor.get("generic") or []:
            generic[str(word).lower()].add(actor["name"])
    clashes = {a: sorted(o) for a, o in owners.items() if len(o) > 1}
    assert not clashes, f"{path.name}: aliases naming more than one actor: {clashes}"
    clashes = {w: sorted(o) for w, o in generic.items() if len(o) > 1}
    assert not clashes, f"{path.name}: generic words naming more than one actor: {clashes}"
    crossed = {w: (sorted(owners[w]), sorted(generic[w])) for w in generic
               if w in owners and owners[w] != generic[w]}
    assert not crossed, f"{path.name}: a generic word is another actor's alias: {crossed}"


def test_no_conflict_s_generic_word_is_another_conflict_s_alias(knowledge):
    """Aliases are matched in every report, generic words only inside their conflict: a word
    that is one conflict's alias and another's generic word ("government troops" as Yemen's
    army, "UN peacekeepers" as MONUSCO) would name the first conflict's actor in the second's
    stories. (The generic file's catch-all groups are what a conflict's generic words refine.)"""
    aliases: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for conflict in knowledge.conflicts:
        for actor in conflict.actors:
            for alias in actor.aliases:
                aliases[alias.lower()].add((conflict.name, actor.name))
    crossed = {(conflict.name, word): sorted(aliases[word])
               for conflict in knowledge.conflicts for word, owner in conflict.generic.items()
               if any(name != owner and other not in (conflict.name, "generic")
                      for other, name in aliases.get(word, ()))}
    assert not crossed, crossed


def test_actors_are_well_formed(knowledge):
    everyone = set(knowledge.actors)
    for conflict in knowledge.conflicts:
        names = {a.name for a in conflict.actors}
        for actor in conflict.actors:
            assert actor.kind, f"{conflict.name}/{actor.name}: no kind"
            assert actor.inter in knowledge.inter_codes, f"{conflict.name}/{actor.name}: inter"
            # (a parent in this conflict: a group's wing; in another: the group a province
            # of it fights for here, "Islamic State" for ISWAP)
            assert actor.parent is None or actor.parent in everyone, (
                f"{conflict.name}/{actor.name}: parent {actor.parent!r} is no actor")
        for word, owner in conflict.generic.items():
            assert owner in names


def test_conflict_names_and_countries(knowledge):
    names = [c.name for c in knowledge.conflicts]
    assert len(names) == len(set(names))
    for conflict in knowledge.conflicts:
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in conflict.countries), conflict.name


def test_sources_are_unique_and_of_known_kinds(knowledge):
    kinds = {k.value for k in SourceKind}
    names = [s.name for s in knowledge.sources]
    assert len(names) == len(set(names))
    owners: dict[str, set[str]] = defaultdict(set)
    for source in knowledge.sources:
        assert source.kind in kinds, source
        for alias in (source.name, *source.aliases):
            owners[alias_key(alias)].add(source.name)
    assert not {a: o for a, o in owners.items() if len(o) > 1}
    assert set(knowledge.unnamed_sources.values()) <= kinds


# -- a user's own folder ------------------------------------------------------------------------

def test_a_users_folder_extends_the_knowledge(tmp_path):
    write(tmp_path / "actors" / "testland.yaml",
          "conflict: testland\ncountries: [TL]\nactors:\n"
          "  - name: Testland Liberation Front\n    kind: rebel group\n    inter: 2\n"
          "    aliases: [TLF]\n")
    write(tmp_path / "triggers.yaml",
          "triggers:\n  - sub_event_type: Grenade\n    event_type: Explosions/Remote violence\n"
          "    priority: 50\n    phrases: [stun grenade]\n")
    knowledge = load_knowledge(str(tmp_path))
    assert "Testland Liberation Front" in knowledge.actors
    assert any("stun grenade" in t.phrases for t in knowledge.triggers)
    assert len(knowledge.conflicts) == len(load_knowledge().conflicts) + 1


def test_a_trigger_with_an_unknown_type_is_refused(tmp_path):
    write(tmp_path / "triggers.yaml",
          "triggers:\n  - sub_event_type: Drive-by\n    event_type: Battles\n    priority: 1\n")
    with pytest.raises(DataFileError, match="not in taxonomy.yaml"):
        load_knowledge(str(tmp_path))


def test_an_alias_yaml_reads_as_a_mapping_is_refused_not_stringified(tmp_path):
    path = write(tmp_path / "actors" / "colon.yaml",
                 "conflict: x\ncountries: [TL]\nactors:\n  - name: Front\n    kind: rebel group\n"
                 "    inter: 2\n    aliases: [TLF, TLF: Testland Front]\n")
    with pytest.raises(DataFileError, match="quotes") as caught:
        load_knowledge(str(tmp_path))
    assert caught.value.path == str(path)


def test_every_alias_shipped_is_a_name(knowledge):
    for conflict in knowledge.conflicts:
        for actor in conflict.actors:
            assert all(not alias.startswith("{") for alias in actor.aliases), actor.name


def test_malformed_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path / "actors" / "broken.yaml", "conflict: x\nactors:\n  - name: [unclosed\n")
    with pytest.raises(DataFileError) as caught:
        load_knowledge(str(tmp_path))
    assert caught.value.path == str(path) and caught.value.line is not None


def test_a_missing_folder_says_which_setting(tmp_path):
    with pytest.raises(DataFileError, match="MARSAD_DATA_DIR"):
        load_knowledge(str(tmp_path / "nope"))
