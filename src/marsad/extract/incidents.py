"""Incident assembly within a sentence: which triggers tell one incident, and which claim a
sentence goes on telling.

Triggers sharing a date and place are one incident; the ones that tell none are sorted out by
:mod:`.trigger_checks`, typing decisions (weapon, target, ground) are :mod:`.incident_typing`'s,
and the date each incident takes is :mod:`.incident_dates`'s."""

from __future__ import annotations

from ..records import Claim, EventDate
from .grammar import (
    WEAK_TRIGGERS,
    Incident,
    _assign,
    _conditional,
    _root,
    _same_day,
    _same_place,
)
from .incident_dates import IncidentDating, _in_other_clause
from .incident_typing import IncidentTyping
from .lexicon import TriggerHit
from .sentence import SentenceFacts
from .trigger_checks import TriggerChecks


def _violent(claim: Claim) -> bool:
    """An incident an attack word can go on telling: any but a strategic development other
    than a weapon brought down (an arrest, a deal, a base set up)."""
    return claim.event_type != "Strategic developments" \
        or claim.sub_event_type == "Disrupted weapons use"

LEAD = 2  # the sentences of a headline and a lead
GOING_ON = frozenset({"continue", "begin", "start", "resume", "keep"})  # "continues to detain"
BOMBS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})
GENERIC_HARM = frozenset({"Attack", "Armed clash"})  # what the weapon, once told, sharpens
CROWD_TYPES = ("Protests", "Riots")
TERRITORY_TYPES = ("Non-state actor overtakes territory", "Government regains territory")


def _one_demonstration(incidents: list[Incident]) -> list[Incident]:
    """"Thousands marched and some smashed windows": one demonstration in one sentence, coded
    by the most serious thing told of it (a riot over a protest, force over an intervention)."""
    crowd = [i for i in incidents if i.main.trigger.event_type in CROWD_TYPES]
    if len(crowd) < 2:
        return incidents
    first, merged = crowd[0], []
    for other in crowd[1:]:  # the same day, and one of them with no place of its own
        if _same_day(first.date, other.date) and (first.place is None or other.place is None):
            first.triggers.extend(other.triggers)
            merged.append(other)
    return [i for i in incidents if i not in merged]


def _of_crowd(noun, crowd) -> bool:
    """"Crowds of protesters", "thousands of demonstrators": the crowd the noun counts."""
    return any(t.lower_ in crowd for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
               for t in p.children if t.dep_ == "pobj")


def _nominal(kind, token) -> bool:
    """"completed the handover of its base to the authorities", "the demolition of homes":
    the act told by its noun, with what it acts on after "of"."""
    if token.pos_ != "NOUN" or (token.lemma_.lower(), "") not in kind.verbs \
            or kind.sub_event_type in TERRITORY_TYPES:  # "took control of the city": one capture
        return False
    return any(t.lower_ in kind.objects or t.lemma_.lower() in kind.objects
               for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
               for t in p.children if t.dep_ == "pobj")


class IncidentAssembly(IncidentTyping, TriggerChecks, IncidentDating):
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    CONTINUING = {"Armed clash", "Attack", "Disrupted weapons use"}

    def _incidents(self, facts: SentenceFacts) -> list[Incident]:
        # (facts.triggers already hold the ones a verb and its object tell: _read_facts adds
        # them before the toll and figure checks that need them too)
        references = [h for h in facts.triggers if self._is_reference(h, facts)]
        hits = [self._check_territory(h, facts) for h in facts.triggers
                if h not in references and not self._broken_agreement(h)]
        hits = [h for h in hits if h is not None and not self._accidental(h, facts)
                and not self._crime(h, facts) and not self._described(h)
                and not self._ongoing(h, facts) and not self._abstract_foe(h)]
        if any(not self._place_clause(h) for h in hits):
            hits = [h for h in hits if not self._place_clause(h)]
        hits = [h for h in self._weapon_decides(hits, facts) if not self._possible(h)]
        hits = [self._target_decides(h, facts) for h in hits]
        self._note_reference_dates(references, facts)
        killed = any(f.outcome == "killed" for f in facts.figures)
        references = [h for h in references if not self._in_series(h)]
        if not hits and references and killed and not _conditional(self.doc[references[0].start]):
            hits = references[:1]  # "the toll from Sunday's attack rose to 15": an update
        if not hits:
            hits = self._implicit_trigger(facts)
        if not hits:
            return []
        dates = _assign(facts.dates, hits, share=True)
        # ("razed the buildings of three men killed last year": that year is their death's)
        ends = {h.start: h.end for h in hits}
        dates = {start: d for start, d in dates.items()
                 if not _in_other_clause(self.doc, d.start, start, ends[start])}
        # (not the place that names another incident: "who took part in the Kulben attack")
        own = {i for h in hits for i in range(h.start, h.end)}
        places = _assign([p for p in facts.places if not _names_other_incident(
                              self.doc[p.end - 1], own)],
                         hits, prefer_after=True, share=True)
        for hit in hits:  # a capture happens where the ground taken is
            if hit.trigger.territory:
                taken = self._object_place(hit, facts)
                if taken is not None:
                    places[hit.start] = taken
        for start, place in list(places.items()):  # "the Raqqa district of Al-Daraiya": the district
            child = next((p for p in facts.places if place.text in p.parents), None)
            if child is not None:
                places[start] = child
        groups: dict[tuple, Incident] = {}
        # (what happens around a demonstration is the demonstration, "while" or not: "dozens
        # suffocated by tear gas, while an activist was arrested during the clashes")
        crowd = any(h.trigger.event_type in ("Protests", "Riots") for h in hits)
        for hit in hits:
            date, place = dates.get(hit.start), places.get(hit.start)
            key = (date.date.date if date else None, place.text.lower() if place else None)
            aside = None if crowd else _aside_clause(self.doc, hit)
            if aside is not None and groups:
                # "terrorists targeted two police stations while two cops were injured in a
                # roadside blast": another incident, wherever and whenever the sentence says
                key = (*key, aside)
                groups.setdefault(key, Incident([], date, place)).triggers.append(hit)
                continue
            if key not in groups:
                # a trigger with neither a date nor a place of its own, or only a date while the
                # sentence names one place, joins the sentence's first incident
                if groups and (place is None or (date is None and _same_place(place, groups))):
                    next(iter(groups.values())).triggers.append(hit)
                    continue
                groups[key] = Incident([], date, place)
            groups[key].triggers.append(hit)
        # (an undated trigger at the place of a dated one is that incident, told first: "police
        # fired tear gas at students protesting outside the university on Monday")
        for key in [k for k in groups if k[0] is None and k[1] is not None]:
            dated = next((g for k, g in groups.items() if k[0] is not None and k[1] == key[1]),
                         None)
            if dated is not None:
                dated.triggers[:] = sorted([*groups.pop(key).triggers, *dated.triggers],
                                           key=lambda h: h.start)
        return _one_demonstration(self._fold_city_level(list(groups.values())))

    def _with_construed(self, facts: SentenceFacts) -> list[TriggerHit]:
        """Add the triggers a verb and its object tell ("set up a new observation post",
        "police beat protesters"); one replaces a one-word trigger on the same verb."""
        kinds = self.x.lexicon.construals
        hits = list(facts.triggers)
        for token in facts.sent:
            if token.lemma_.lower() not in self.x.lexicon.construal_lemmas:
                continue  # (each test below needs the word to be one of the verbs)
            kind = next((k for k in kinds if k.matches(token) or _nominal(k, token)
                         or self._counted(k, token)), None)
            if kind is None or (token.dep_ == "amod" and kind.sub_event_type in TERRITORY_TYPES):
                continue  # "the liberated areas" names ground taken before, no capture
            covering = [h for h in hits if h.start <= token.i < h.end]
            if any(h.end - h.start > 1 or h.sub_event_type == kind.sub_event_type for h in covering):
                continue  # a phrase says more than the verb ("shot down", "took control of")
            trigger = next(t for t in self.x.knowledge.triggers
                           if t.sub_event_type == kind.sub_event_type)
            hits = [h for h in hits if h not in covering] + [TriggerHit(trigger, token.i, token.i + 1)]
        return sorted(hits + self._crowd_acts(facts, hits), key=lambda h: h.start)

    def _counted(self, kind, token) -> bool:
        """"established a total of 56 observation points": the verb acts on what is counted."""
        if token.pos_ != "VERB" or not any(
                (token.lemma_.lower(), p) in kind.verbs
                for p in {c.lower_ for c in token.children if c.dep_ == "prt"} | {""}):
            return False
        counted = [t for o in token.children if o.dep_ == "dobj"
                   and o.lemma_.lower() in self._cues("quantity_nouns")
                   for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                   for t in p.children if t.dep_ == "pobj"]
        return any(t.lower_ in kind.objects or t.lemma_.lower() in kind.objects for t in counted)

    def _crowd_acts(self, facts: SentenceFacts, hits: list[TriggerHit]) -> list[TriggerHit]:
        """"Protesters poured into the streets", "demonstrators chant slogans": what a crowd
        does in a main clause is a protest (ACLED), though no word names one."""
        acts = self._cues("crowd_acts")
        crowd = next((k.objects for k in self.x.lexicon.construals
                      if k.sub_event_type == "Excessive force against protesters"), frozenset())
        taken = {i for h in hits for i in range(h.start, h.end)}
        protest = next(t for t in self.x.knowledge.triggers if t.sub_event_type == "Peaceful protest")
        found = []
        for token in facts.sent:
            # (in the main clause or the one a source reports: "television showed protesters
            # holding flags"; the crowd also where the parser made its participle the subject:
            # "protesters standing in a line held the flag")
            subjects = [s for c in token.children if c.dep_ in ("nsubj", "csubj")
                        for s in ([c] if c.dep_ == "nsubj" else
                                  [g for g in c.children if g.dep_ == "nsubj"])]
            if token.pos_ == "VERB" and token.i not in taken \
                    and token.dep_ in ("ROOT", "conj", "ccomp") \
                    and token.lemma_.lower() in acts and any(
                    s.lower_ in crowd or _of_crowd(s, crowd) for s in subjects):
                found.append(TriggerHit(protest, token.i, token.i + 1))
        return found

    def _fold_city_level(self, incidents: list[Incident]) -> list[Incident]:
        """"entered Raqqa's south and seized the Al-Hal market": the part at the report's city
        on the same day is the same incident as the part at a place inside it."""
        specific = [i for i in incidents if i.place is not None and i.place.text != self.main_place]
        kept = []
        for incident in incidents:
            coarse = incident.place is not None and incident.place.text == self.main_place
            target = next((i for i in specific if _same_day(i.date, incident.date)), None)
            if coarse and target is not None:
                target.triggers.extend(incident.triggers)
            else:
                kept.append(incident)
        return kept

    def _cues(self, name: str) -> frozenset[str]:
        return self.x.lexicon.cues(name)

    def _told_as_event(self, hit: TriggerHit) -> bool:
        """"Mob lynches man", "weapons were seized", "two bombers blew themselves up": a
        headline or a lead whose main clause says the thing happened, to someone or by someone,
        though it names no actor, place, date or figure; a bare trigger word ("protests in
        pictures") does not."""
        token = _root(self.doc, hit)
        verb = token if token.pos_ == "VERB" else token.head
        if verb is not token and (token.dep_ not in ("nsubj", "nsubjpass", "dobj")
                                  or verb.pos_ != "VERB"):
            return False
        main = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in GOING_ON \
            else verb  # "the security service continues to detain people"
        if self._sentence_number > LEAD or main.dep_ not in ("ROOT", "conj") \
                or verb.tag_ == "VBG" or _conditional(verb):
            return False  # later sentences with nothing around them are comment, not news
        arguments = ("nsubj", "nsubjpass", "dobj")
        return any(c.dep_ in arguments and c is not token for v in {verb, main}
                   for c in v.children) or (
            verb is not token and token.dep_ in arguments)

    def _refines(self, hit: TriggerHit) -> bool:
        """"Police said a suicide attacker rammed a vehicle into the convoy": a sentence that
        names nothing else tells the weapon of the attack just told."""
        previous = self.claims[-1] if self.claims else None
        return previous is not None and not previous.date.background and \
            hit.sub_event_type == "Suicide bomb" and previous.sub_event_type in GENERIC_HARM

    def _described_toll(self, figure) -> bool:
        """"a surge in jihadist violence that has claimed hundreds of lives": a figure in a
        clause that describes a noun tells what the noun is, no killing of the day."""
        token = self.doc[figure.number.start]
        verb = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
        return verb is not None and verb.dep_ == "relcl"

    def _implicit_trigger(self, facts: SentenceFacts) -> list[TriggerHit]:
        """A killing with no trigger word: "The SDF killed 50 IS militants on Wednesday"."""
        killed = [f for f in facts.figures if f.outcome == "killed" and not self._described_toll(f)]
        armed = [a for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "protesters", "")]
        if not killed or not armed:
            return []
        civilians = any(f.civilians for f in killed)
        wanted = "Attack" if civilians else "Armed clash"
        trigger = next(t for t in self.x.knowledge.triggers if t.sub_event_type == wanted)
        anchor = killed[0].number
        return [TriggerHit(trigger, anchor.start, anchor.end)]

    def _continues(self, hit: TriggerHit, facts: SentenceFacts, date: EventDate) -> Claim | None:
        """The claim this sentence goes on telling: a sentence with only a casualty figure ("the
        dead were five civilians"), a responsibility claim, an update of the toll, or what was
        seized after a battle, on the same day as the story's last claim."""
        if not self.claims or any(t.lower_ in ("another", "separate") and t.dep_ in ("det", "amod")
                                  for t in facts.sent):
            return None  # "claimed another attack", "in a separate attack": a new incident
        previous, upgraded = self._upgraded(hit, date, facts)
        implicit = hit.start == (facts.figures[0].number.start if facts.figures else -1)
        update = self._is_update(hit, facts) or bool(self.x.lexicon.responsibility_spans(facts.sent))
        # ("attacked the village" goes on with the violence just told, a protest's included, or
        # with a drone brought down, never with an arrest or a deal: it is an incident then)
        weak = hit.sub_event_type in self.CONTINUING and (
            implicit or (_root(self.doc, hit).lemma_.lower() in WEAK_TRIGGERS
                         and _violent(previous)))
        weak = weak or (hit.trigger.generic and previous.event_type == hit.trigger.event_type)
        # "three of its fighters were killed in the clashes": the incident just told, named again
        weak = weak or (hit.sub_event_type == previous.sub_event_type
                        and bool(facts.figures) and _named_again(self.doc, hit))
        # "police found a bomb ... and detonated it safely": the bomb found, no new blast
        hurt = any(f.outcome in ("killed", "injured") for f in facts.figures)
        weak = weak or (previous.sub_event_type == "Disrupted weapons use" and not hurt
                        and hit.sub_event_type in BOMBS)
        # "some troops surrendered and others fled": the end of the battle just told
        weak = weak or (previous.event_type == "Battles"
                        and _root(self.doc, hit).lemma_.lower() == "surrender")
        seized = hit.sub_event_type == "Disrupted weapons use" and previous.event_type == "Battles"
        if not (implicit or update or weak or upgraded or seized):
            return None
        if implicit and not update and not _violent(previous) and any(
                f.outcome == "killed" for f in facts.figures):
            return None  # the dead are no part of the arrest or the deal just told
        same_day = previous.date.date is not None and date.date is not None and \
            abs((previous.date.date - date.date).days) <= 1
        if update and (date.precision > 1 or same_day):
            return previous
        return previous if same_day and not previous.date.background else None

    def _last_told(self, hit: TriggerHit) -> Claim:
        """The story's last claim; of those the last sentence made ("targeted two police
        stations while two cops were injured in a roadside blast"), the one of the trigger's
        kind ("both attacks were repelled")."""
        last = self.claims[self._claims_before:] or self.claims[-1:]
        return next((c for c in reversed(last) if c.sub_event_type == hit.sub_event_type),
                    next((c for c in reversed(last) if c.event_type == hit.trigger.event_type),
                         last[-1]))

    def _upgraded(self, hit: TriggerHit, date: EventDate,
                  facts: SentenceFacts) -> tuple[Claim, bool]:
        """The story's last claim, told more closely by this sentence on the same day: a protest
        that turned into a riot ("there were scuffles"), shells that held gas. ACLED codes the
        incident by the most serious of these, and by its weapon: the group that claims "an
        attack in which a roadside bomb killed nine" claims a bombing, and bombs "dismantled
        and detonated" by the police that "foiled" them are disrupted weapons use."""
        previous = self._last_told(hit)
        same_day = previous.date.date is not None and previous.date.date == date.date
        riot = hit.trigger.event_type == "Riots" and previous.event_type == "Protests"
        gas = hit.sub_event_type == "Chemical weapon" and \
            previous.event_type == "Explosions/Remote violence"
        claimed = bool(self.x.lexicon.responsibility_spans(facts.sent))
        weapon = previous.sub_event_type in GENERIC_HARM and (
            (claimed and hit.trigger.event_type == "Explosions/Remote violence"
             and not hit.trigger.generic) or hit.sub_event_type == "Suicide bomb")
        foiled = hit.sub_event_type == "Disrupted weapons use" and previous.sub_event_type in \
            BOMBS and previous.fatalities is None and previous.injured is None and \
            bool(previous.actor1) and self.actors.is_state(previous.actor1)  # "police detonated"
        if not same_day or previous.date.background or not (riot or gas or weapon or foiled):
            return previous, False
        update = {"sub_event_type": hit.sub_event_type, "event_type": hit.trigger.event_type}
        if riot and previous.actor1 == "Protesters":
            update["actor1"] = "Rioters"
        self.claims[-1] = previous.model_copy(update=update)
        return self.claims[-1], True

    def _is_update(self, hit: TriggerHit, facts: SentenceFacts) -> bool:
        token = _root(self.doc, hit)
        return token.dep_ == "pobj" and token.head.lower_ in ("from", "of") and \
            any(t.lemma_.lower() in ("toll", "tally") for t in token.ancestors)


def _named_again(doc, hit: TriggerHit) -> bool:
    """"killed in the clashes", "wounded during the attack": a definite noun for an incident,
    the circumstance of the figures, names the one the story has told."""
    token = doc[hit.end - 1]
    return token.pos_ == "NOUN" and token.dep_ == "pobj" \
        and token.head.lower_ in ("in", "during", "amid") \
        and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children)


# nouns of an incident a place can name ("the Kulben attack", "the Ramadi massacre")
INCIDENT_NOUNS = frozenset({"attack", "attacks", "raid", "massacre", "bombing", "ambush",
                            "killings", "killing", "shooting", "siege", "offensive", "blast"})


def _names_other_incident(token, own: set[int]) -> bool:
    """The place is the name of an incident other than the trigger's: "the Kulben attack"."""
    head = token.head
    return token.dep_ in ("compound", "nmod") and head.lower_ in INCIDENT_NOUNS \
        and head.i not in own


# what opens a clause of its own beside the main one: "X happened while Y happened"
ASIDE_MARKS = frozenset({"while", "whereas", "meanwhile"})


def _aside_clause(doc, hit: TriggerHit) -> int | None:
    """The head of the clause with a subject of its own that "while" sets beside the main
    one, when the trigger lies in it ("... while two cops were injured in a roadside blast");
    none when "while" only tells what someone was doing ("killed while repairing a road")."""
    token = doc[hit.start]
    for head in [token, *token.ancestors]:
        if head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ASIDE_MARKS
                                        for c in head.children):
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
                return head.i
            return None
    return None

