"""From sentence facts to records: claims, tolls and control statements of one report.

Extraction is a sequence of components, each with one job and a module of its own, run per
sentence by :class:`ReportReader`, which keeps the story's context (last date, place, actor):

1. sentence filter (:mod:`.filters`): captions, pointers to other stories, lone datelines;
2. triggers and typing (:mod:`.lexicon`, data/triggers.yaml) and incident assembly
   (:mod:`.incidents`, :mod:`.trigger_checks`, :mod:`.incident_typing`): triggers sharing a
   date and place are one incident; "two incidents in one sentence" have different dates or
   places; references to an incident told elsewhere;
3. argument linking (:mod:`.roles` who and whom, :mod:`.places` where, :mod:`.incident_dates`
   when);
4. attribution (:mod:`.attribution`) and modality (:mod:`.modality`);
5. figures (:mod:`.numbers`, :mod:`.sentence`) and tolls (:mod:`.tolls`): a sentence whose
   figures are cumulative ("since June 6", "so far", a month's report) gives tolls, never
   events; control statements (:mod:`.control`);
6. the claim itself (here), from the incident and what the components read; bulletins
   (:mod:`.bulletins`) and captures listed place by place (:mod:`.listed_grounds`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..records import (
    Claim,
    Control,
    EventDate,
    Extraction,
    PlaceQuery,
    Report,
    SourceKind,
    Toll,
    content_id,
)
from .actors import ActorResolver
from .attribution import SPEECH_LEMMAS, Attribution, Speaker
from .bulletins import BULLETIN_TYPES, BulletinReading, _Bulletin, _heading
from .countries import report_countries
from .dates import DateResolver
from .filters import no_incident
from .sentence import PlaceMention, SentenceFacts, find_dates, find_places, read_sentence

if TYPE_CHECKING:
    from . import Extractor

from .control import ControlReading
from .grammar import (_one_sided, 
    Incident,
    _casualties,
    _codebook_roles,
    _evidence,
    _protest_sub_type,
    _root,
)
from .incidents import IncidentAssembly
from .lexicon import TriggerHit
from .listed_grounds import ListedGrounds
from .modality import ModalityReading
from .places import PlaceLinking
from .roles import ArgumentLinking
from .tolls import TollReading

UNIDENTIFIED = "Unidentified Armed Group"
# the sub-types whose unnamed perpetrator is an armed group (an air strike's or a shelling's
# is a state's forces or unknown, and a protest's its protesters)
# words of fighting on both sides ("clashed", "skirmishes"), not of one attacking
MUTUAL_WORDS = frozenset({"clash", "clashes", "skirmish", "scuffle", "fight", "fighting"})
UNSEEN_HANDS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Attack",
                          "Abduction/forced disappearance"})

SPEECH_DATE = re.compile(r"\b(said|reported|announced|says|reports|told)\b[^.]{0,20}?\b(on\s+)?"
                         r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


class ReportReader(IncidentAssembly, ArgumentLinking, PlaceLinking, ModalityReading,
                   TollReading, ControlReading, BulletinReading, ListedGrounds):
    """Reads one parsed report; carries the story's context from sentence to sentence."""

    def __init__(self, extractor: "Extractor", report: Report, doc: Doc, ground=None,
                 title: Doc | None = None):
        self.x = extractor
        self.report = report
        self.doc = doc
        self.report_places = self._report_places()
        self.actors = ActorResolver(extractor.knowledge, doc,
                                    ground(self.report_places) if ground else "")
        self.attribution = Attribution(extractor.knowledge, self.actors, doc, report.outlet)
        self.base = self._speech_date(report.published)
        self.dates = DateResolver(self.base)
        self.armed = self.actors.opponents(doc)
        self.main_place = self.report_places[0] if self.report_places else ""
        self.report_countries = report_countries(doc)
        self.named_countries = report_countries(doc, by_name=True)
        self.title = title[:] if title is not None and len(title) else None  # its parse
        self.last_date: EventDate | None = self._title_day()
        self.last_place: PlaceMention | None = None
        self.last_town: PlaceMention | None = None
        self.control_town: PlaceMention | None = None  # the last town named, never a country
        self.last_facility: PlaceMention | None = None  # the last post or base named by name
        self.last_actor1 = ""
        self.last_toll: Toll | None = None
        self.toll_before = False  # the sentence before gave tolls (a report of figures goes on)
        self.features: dict[str, PlaceMention] = {}
        for place in find_places(self.title) if self.title is not None else ():
            if place.kind_hint:  # "in the Northwest region" in the title: "the region" after
                self.features[place.kind_hint] = place
        self.responsible = self._responsible()
        self._carry_place: PlaceQuery | None = None
        self._bulletin: _Bulletin | None = None
        self._sentence_number = 0
        self.claims: list[Claim] = []
        self._claims_before = 0  # where the claims of the last sentence that made some begin
        self.tolls: list[Toll] = []
        self.controls: list[Control] = []
        self.notes: list[str] = []

    def _title_day(self) -> EventDate | None:
        """The day the report's title gives its incident ("... killed early Saturday by
        separatist fighters"): the day of the sentences that name none, until one does."""
        if self.title is None or self.dates.base is None:
            return None
        days = [d.date for d in find_dates(self.title, self.dates)
                if d.date.precision == 1 and not d.date.background and not d.speech]
        return days[0] if days else None

    def _speech_date(self, published: dt.date | None) -> dt.date | None:
        """Wire stories speak from the day the source spoke: "a monitor reported on Wednesday"."""
        if published is None:
            return None
        lead = next(iter(self.doc.sents), None)
        match = SPEECH_DATE.search(lead.text) if lead is not None else None
        if match is None:
            return published
        resolved = DateResolver(published).resolve(match.group(3))
        return resolved.date if resolved and resolved.date else published

    def _responsible(self) -> str:
        """The group that claimed responsibility: the perpetrator of an attack told without one."""
        for sent in self.doc.sents:
            for start, _ in self.x.lexicon.responsibility_spans(sent):
                before = [m for m in self.actors.mentions(sent) if m.end <= start + 1]
                if before:
                    return before[-1].name
                speaker = self.attribution.last
                if speaker is not None and speaker.is_party:
                    return speaker.name
        return ""

    def read(self) -> Extraction:
        if self.report.published is None:
            self.notes.append("no publication date: events are dated only where the text "
                              "gives a full date")
        for sent in self.doc.sents:
            self._read_sentence(sent)
        return Extraction(report_id=self.report.id, claims=tuple(self.claims),
                          tolls=tuple(self.tolls), controls=tuple(self.controls),
                          notes=tuple(self.notes))

    def _read_sentence(self, sent: Span) -> None:
        self._sentence_number += 1
        if no_incident(sent.text):
            return  # a caption, a pointer to another story, a lone dateline
        facts = read_sentence(sent, self.x.lexicon, self.x.numbers, self.dates, self.actors)
        speaker = self.attribution.resolve_unnamed(self.attribution.speaker(sent))
        lead = next((h for h in facts.triggers if h.sub_event_type in BULLETIN_TYPES), None)
        if lead is None and self._bulletin_items(sent, speaker):
            return self._remember_place(facts)
        if lead is None and self._bulletin is not None and (heading := _heading(sent)):
            self._bulletin.area = heading  # "Kramatorsk district." heads the items after it
        claims_before, tolls_before = len(self.claims), len(self.tolls)
        self._read_facts(facts, speaker)
        if lead is not None:
            self._bulletin = _Bulletin(lead, self._sentence_number, facts, speaker,
                                       self.claims[claims_before:],
                                       len(self.tolls) > tolls_before)

    def _read_facts(self, facts: SentenceFacts, speaker: Speaker | None) -> None:
        self._remember_features(facts)
        self._blame(facts)
        # (with the triggers a verb and its object tell: "razed the buildings"; without a
        # flight of too few people, which would hide a toll: "has killed 4,000 and displaced")
        facts.triggers = [h for h in self._with_construed(facts) if not self._too_few(h, facts)]
        facts.figures = [f for f in facts.figures if not self._describes_what_was_hit(f, facts)]
        toll_before, self.toll_before = self.toll_before, False
        if self._is_toll_sentence(facts, toll_before):
            self._tolls(facts, speaker, continued=toll_before)
            self.toll_before = True
        elif facts.habitual:
            # what happens every day or for years is context, not an incident; who has held
            # a place for a year is still who holds it
            self._controls(facts, speaker)
        else:
            made = self._listed_grounds(facts)  # (before this sentence's controls join)
            self._controls(facts, speaker)
            self._held_places(facts, speaker)
            for incident in self._incidents(facts):
                claim = self._claim(facts, incident, speaker)
                if claim is not None:
                    made.append(claim)
                    made += self._other_grounds(facts, incident, claim, speaker)
            if not made and self._where_it_was(facts, self._claims_before):
                return self._remember_place(facts)
            if made:
                self._claims_before = len(self.claims)
            self.claims += made
            if made and made[-1].date.date and made[-1].date.text != "(date of the report)":
                self.last_date = made[-1].date.model_copy(update={"start": None, "end": None})
                return self._remember_place(facts)
        own_dates = [d for d in facts.dates if (d.date.precision <= 2 or d.date.background)
                     and not (d.speech and self._story_day() is not None and d.date.date
                              and d.date.date > self._story_day().date)]
        if own_dates:
            self.last_date = own_dates[-1].date
        if not facts.habitual:  # (where things happen for years is no place the story is at)
            self._remember_place(facts)

    def _describes_what_was_hit(self, figure, facts: SentenceFacts) -> bool:
        """"razed the buildings owned by three Palestinians killed last year": a figure inside
        what an incident fell on tells whose it was, not who this incident killed."""
        number = self.doc[figure.number.start]
        killed = self.x.lexicon.killed_lemmas
        for hit in facts.triggers:
            verb = self.doc[hit.start]
            if verb.pos_ != "VERB" or verb.lemma_.lower() in killed \
                    or verb.dep_ not in ("ROOT", "conj", "ccomp") \
                    or any(t.dep_ in ("acl", "relcl") for t in verb.ancestors):
                continue  # (only what a main clause did: "a surge ... that has claimed
                # hundreds of lives" is a toll)
            for patient in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
                # (a clause that itself kills is a toll of what was hit: "a surge in violence
                # that has claimed hundreds of lives")
                if patient.i < number.i <= patient.right_edge.i and any(
                        t.dep_ in ("acl", "relcl") and t.lemma_.lower() not in killed
                        and t.lemma_.lower() != "claim"
                        for t in number.ancestors if patient.i < t.i <= patient.right_edge.i):
                    return True
        return False

    def _codebook_sides(self, sub_type: str, actor1: str, actor2: str,
                        main: TriggerHit) -> tuple[str, str]:
        """ACLED's sides where the text names none: an air strike from aircraft (not a
        drone) is the state's air force (the only one in the air) unless it hit a state's
        forces; people arrested are civilians; a protest broken up, the police's; a weapon
        disrupted is an armed group's, unidentified."""
        word = self.doc[main.start:main.end].text.lower()
        if sub_type == "Air/drone strike" and not actor1 and "drone" not in word \
                and not self.actors.is_state(actor2):
            actor1 = self.actors.state_forces()
        if sub_type == "Arrests" and actor1 and not actor2:
            actor2 = "Civilians"
        if sub_type in ("Protest with intervention", "Excessive force against protesters") \
                and actor2 in ("", "Civilians"):
            actor2 = self.actors.police_forces()  # who breaks up a protest: the police
        if sub_type == "Disrupted weapons use" and actor1 and not actor2:
            actor2 = UNIDENTIFIED
        return actor1, actor2

    def _striker(self, speaker: Speaker | None, sub_type: str, actor2: str,
                 sent: Span | None = None, main=None) -> str:
        """The party that tells of its own strikes ("air strikes hit the depot, the defence
        ministry said") or an armed group claiming its attack ("Al Shabaab claimed a roadside
        bomb"); never the police or the state telling of a bomb or a killing that others did
        ("a car bomb exploded, a police officer said")."""
        if sent is not None and _administrator_speaks(sent):
            # a governor or a mayor tells of strikes on the ground in their care: the other
            # side's, where the story has two
            own = self.actors.state_forces()
            return self.actors.opponent_of(own, self.armed) if own else ""
        if speaker is None or not speaker.is_party or speaker.name == actor2:
            return ""
        if main is not None and (_done_by_others(self.doc[main.start]) or (
                sent is not None and any(_done_by_others(t) for t in sent
                                         if t.lemma_.lower() in STRIKE_WORDS))):
            # "one woman died from the rebel shelling, the army spokesman said": the speaker's
            # enemy's strike, not its own
            return self.actors.opponent_of(speaker.name, self.armed)
        if main is not None and _done_by_someone_named(self.doc[main.start]):
            return ""  # "fighters shelled the town, official radio said": not the radio's own
        if self.actors.kind(speaker.name) != "state force":
            return speaker.name
        if sub_type not in STRIKES_TOLD_BY_THEIR_OWN or speaker.name.startswith("Police"):
            return ""
        return speaker.name

    def _claim(self, facts: SentenceFacts, incident: Incident, speaker: Speaker | None) -> Claim | None:
        sent = facts.sent
        main = incident.main
        actor1, actor2 = self._roles(facts, main)
        # (the dead a flight's sentence names are those of what drove people out, told apart)
        figures = [] if main.trigger.crowd else list(facts.figures)
        if not (actor1 or actor2 or figures or incident.date or incident.place
                or self._told_as_event(main) or self._refines(main)):
            return None  # a trigger word with nothing around it is not an incident we can code
        if self._is_update(main, facts):
            token = _root(self.doc, main)
            own = [d for d in facts.dates if token.left_edge.i <= d.start <= token.right_edge.i]
            incident = Incident(incident.triggers, own[0] if own else None, incident.place)
        date = self._date(incident, facts)
        if self._is_update(main, facts) and incident.date is None:
            date = self._update_date()
        modality = self._modality(facts, main, speaker)
        fatalities, victims, injured = _casualties(figures)
        sub_type = _protest_sub_type(main.sub_event_type, incident, fatalities)
        if main.trigger.territory:
            sub_type = self._territory_sub_type(actor1, facts)
        event_type = self.x.knowledge.event_type_of(sub_type)
        previous = self._continues(main, facts, date)
        if previous is not None:  # the same incident, told on: its type and its parties
            sub_type, event_type = previous.sub_event_type, previous.event_type
            actor1 = actor1 if actor1 and actor1 in (previous.actor1, previous.actor2) else previous.actor1
            actor2 = actor2 if actor2 and actor2 in (previous.actor1, previous.actor2) else previous.actor2
            if incident.place is None and previous.place is not None:
                incident = Incident(incident.triggers, incident.date, None)
                self._carry_place = previous.place
        armed_dead = [a for a in victims.per_side if a != actor1]
        # ("clashes between angry residents and the security forces": they fought back, a riot)
        mutual = self.doc[main.start].lemma_.lower() in MUTUAL_WORDS
        state = next((a for a in (actor1, actor2) if a != "Civilians"), "")
        sub_type, event_type, actor1, actor2 = _one_sided(
            sub_type, event_type, actor1, actor2,
            riot=mutual and bool(state) and self.actors.is_state(state))
        if victims.civilians and not armed_dead and event_type in (
                "Explosions/Remote violence", "Violence against civilians"):
            if actor1 != "Civilians":
                actor2 = "Civilians"
        elif armed_dead and event_type != "Battles" and actor2 in ("", "Civilians"):
            actor2 = armed_dead[0]
        if not actor1 and event_type in ("Explosions/Remote violence", "Violence against civilians"):
            actor1 = self.responsible or self._striker(speaker, sub_type, actor2, sent, main)
        named_dead = [a for a in victims.per_side if a != actor2]
        if not actor1 and (sub_type in UNSEEN_HANDS or (event_type == "Battles" and actor2)) \
                and not (event_type == "Battles" and named_dead):
            # (the dead of both sides name the sides: "killed 21 IS militants and five SDF")
            # ACLED's coding when the text names no perpetrator: an armed group, unidentified
            # (never a guess; a named one in another report of the incident wins the merge)
            actor1 = UNIDENTIFIED if actor2 != UNIDENTIFIED else ""
        actor1, actor2 = self._codebook_sides(sub_type, actor1, actor2, main)
        if event_type in ("Protests", "Riots") and not actor1:
            actor1 = "Protesters" if event_type == "Protests" else "Rioters"
        actor1, actor2 = _codebook_roles(event_type, actor1, actor2)
        # sides known only from the dead have no order of their own: the story's last actor first
        sides = sorted((a for a in victims.per_side if a not in (actor1, actor2)),
                       key=lambda a: a != self.last_actor1)
        if event_type == "Battles" and sides and not (actor1 and actor2):
            if not actor1:
                actor1 = sides.pop(0)
            if not actor2 and sides:
                actor2 = sides.pop(0)
        if event_type == "Battles" and not actor2 and actor1:
            actor2 = self.actors.opponent_of(actor1, self.armed)
        if actor2 == actor1:
            actor2 = ""  # a group is not its own target; better unknown than wrong
        if not actor2 and actor1 != "Civilians" and _hits_civilians(event_type, sub_type,
                                                                  figures, armed_dead):
            actor2 = "Civilians"
        if actor1:
            self.last_actor1 = actor1
        # (a country named as the ground's neighbour is not where it happened: "a town along
        # the border with X"; nor the place an attack came from: "jets launched from X")
        aside = incident.place is not None and (incident.place.aside or incident.place.origin)
        place = self._place_query(None if aside else incident.place, facts)
        if self._carry_place is not None:
            place, self._carry_place = self._carry_place, None
        evidence = _evidence(self.report.id, sent)
        # stable across changes to the rules: the report, the sentence and the trigger's place in it
        claim_id = content_id(self.report.id, evidence.start, main.start - sent.start)
        return Claim(
            id=claim_id, report_id=self.report.id, evidence=evidence, event_type=event_type,
            sub_event_type=sub_type, date=date, place=place, actor1=actor1, actor2=actor2,
            fatalities=fatalities, victims=victims, injured=injured,
            attributed_to=speaker.name if speaker else "",
            source_kind=speaker.kind if speaker else SourceKind.MEDIA,
            outlet=self.report.outlet, modality=modality,
            civilian_targeting=actor2 == "Civilians",
            warnings=() if date.date else ("no date could be given to this claim",))


# who runs a province or a town, and speaks for the ground struck, not for the striker
LOCAL_ADMINISTRATORS = frozenset({"governor", "mayor", "administrator", "administration"})

def _administrator_speaks(sent: Span) -> bool:
    """The sentence's speaker runs a province or a town ("the regional governor said")."""
    return any(t.lemma_.lower() in LOCAL_ADMINISTRATORS
               for verb in sent if verb.lemma_.lower() in SPEECH_LEMMAS and verb.pos_ == "VERB"
               for c in verb.children if c.dep_ == "nsubj" for t in c.subtree)


# what a party announces of its own doing when it speaks of it (its air force, its guns)
STRIKES_TOLD_BY_THEIR_OWN = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
# the strikes a sentence may tell of beside its trigger ("one woman died from the rebel firing")
STRIKE_WORDS = frozenset({"shelling", "shell", "fire", "firing", "attack", "strike", "bombardment",
                          "rocket", "mortar", "missile", "drone", "assault", "raid", "ambush",
                          "bombing", "airstrike"})
# words before a strike that say whose it was when no actor is named: not the speaker's own
OTHERS_WORDS = frozenset({"rebel", "militant", "insurgent", "enemy", "terrorist", "jihadist",
                          "separatist", "guerrilla", "opposition", "hostile"})


def _done_by_someone_named(trigger: Token) -> bool:
    """The strike's verb has a subject of its own, other than the speaker's "we"."""
    return trigger.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.pos_ != "PRON" for c in trigger.children)


def _done_by_others(trigger: Token) -> bool:
    """"the rebel shelling", "enemy fire", "a militant attack": the strike of a party the
    word names, not of whoever tells of it."""
    # (or the word the parser hung the strike on: "from the rebel firing", firing an acl)
    return any(c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in OTHERS_WORDS
               for c in trigger.children) or (
        trigger.dep_ in ("acl", "compound") and trigger.head.lemma_.lower() in OTHERS_WORDS)


def _hits_civilians(event_type: str, sub_type: str, figures, armed_dead) -> bool:
    """ACLED's target when the text names none: violence against civilians is against
    civilians, and so are gas and looting; shells, bombs and missiles that killed or wounded
    people no one calls fighters (nor "a commander") fell on civilians."""
    if event_type == "Violence against civilians" or sub_type in (
            "Chemical weapon", "Looting/property destruction"):
        return True
    return event_type == "Explosions/Remote violence" and not armed_dead and any(
        f.civilians for f in figures if f.outcome in ("killed", "injured"))
