"""Score marsad's event typing on CASE 2021 Task 2 snippets (issue 13).

The file is tab-separated with a header ``id, EventSnippet, SubType``; each snippet is one
report, and marsad's answer is the sub-event type of the report's first event by evidence
offset, or ``none`` when it made no event. The labels are CASE's codes for the 25 ACLED
sub-event types plus five that are no political violence, where "no event" is the right answer.

The figures follow scikit-learn's ``f1_score(labels=<the 25>, average=..., zero_division=0)``:
per-label precision, recall and F1 over the 25 ACLED labels (a prediction on a snippet of
another label is a false positive of its label); macro F1 is their plain mean, weighted F1 their
mean weighted by gold support. Accuracy is over every snippet, "none" being right for the five.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError
from ..records import Claim, Event

NONE = "none"
HEADER = ("id", "EventSnippet", "SubType")
# The snippets have no dates: each gets its own, a week after the one before (relative dates
# resolve against it; no real date is implied), so no two snippets can be merged into one
# event and every snippet is typed on its own words.
NEUTRAL_DATE = dt.date(2020, 1, 1)
SPACING = dt.timedelta(days=7)

_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_MONTH = r"(?P<month>" + "|".join(m[:3] + r"[a-z]*\.?" for m in _MONTHS) + r")"
_FULL_DATES = (re.compile(r"\b(?P<day>\d{1,2}) " + _MONTH + r",? (?P<year>(?:19|20)\d\d)\b", re.I),
               re.compile(r"\b" + _MONTH + r" (?P<day>\d{1,2}),? (?P<year>(?:19|20)\d\d)\b", re.I))


def stated_date(text: str) -> dt.date | None:
    """The latest full date a snippet states ("2 February 2015", "April 15, 2013"): the day
    it is read as published, so that the date it gives is not taken for history long past
    (a snippet has no publication date of its own; an invented one would make it so)."""
    found = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            month = _MONTHS.index(next(m for m in _MONTHS
                                       if match.group("month").lower().startswith(m[:3])))
            try:
                found.append(dt.date(int(match.group("year")), month + 1, int(match.group("day"))))
            except ValueError:
                continue
    return max(found, default=None)


_PARTIAL_DATES = (re.compile(r"\b(?P<day>\d{1,2}) " + _MONTH + r"(?!,? \d)", re.I),
                  re.compile(r"\b" + _MONTH + r" (?P<day>\d{1,2})\b(?!,? \d)", re.I))


def publication_date(text: str, neutral: dt.date, taken: set[dt.date]) -> dt.date:
    """The day a snippet is read as published: the full date it states; else the day and
    month it states ("on 15 April", "Dec 14"), on or after the snippet's neutral date (a
    story is published the day it tells, so its day is not taken for one months past); else
    the neutral date. A day another snippet took moves a year on, so no two snippets share
    a day and none is merged with another."""
    day = stated_date(text)
    if day is None:
        day = _stated_day(text, neutral)
        while day is not None and day in taken:
            day = _stated_day(text, day + dt.timedelta(days=1))
    day = day or neutral
    taken.add(day)
    return day


def _stated_day(text: str, neutral: dt.date) -> dt.date | None:
    found = []
    for pattern in _PARTIAL_DATES:
        for match in pattern.finditer(text):
            month = next(i for i, m in enumerate(_MONTHS)
                         if match.group("month").lower().startswith(m[:3])) + 1
            found.append((match.start(), month, int(match.group("day"))))
    for _, month, day in sorted(found, reverse=True):  # the last one the snippet states
        for year in (neutral.year, neutral.year + 1, neutral.year + 2):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if candidate >= neutral:
                return candidate
    return None


# CASE 2021 Task 2 label code -> marsad's sub-event type (data/taxonomy.yaml). The codes are
# the task's own abbreviations of ACLED's names; a test checks every value is in the taxonomy.
ACLED_CODES = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
}
# No political violence: a conflict monitor should make no event of these.
NO_VIOLENCE = ("MAN_MADE_DISASTER", "NATURAL_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB")
LABELS = tuple(ACLED_CODES.values())


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    gold: str  # a marsad sub-event type, or one of NO_VIOLENCE

    @property
    def expected(self) -> str:
        """The right answer: the sub-event type, or "none" for the five."""
        return NONE if self.gold in NO_VIOLENCE else self.gold


@dataclass(frozen=True)
class LabelScore:
    label: str
    support: int  # gold snippets of this label
    predicted: int  # snippets marsad gave this label
    precision: float
    recall: float
    f1: float


@dataclass
class CaseScore:
    """The figures of one run; ``render()`` for people, ``as_dict()`` for machines."""

    label: str
    snippets: int
    accuracy: float
    macro_f1: float
    weighted_f1: float
    per_label: list[LabelScore]
    confusion: dict[str, dict[str, int]]  # gold label -> predicted label -> snippets
    no_event: dict[str, tuple[int, int]]  # each of NO_VIOLENCE -> (rightly no event, snippets)
    predictions: list[tuple[Snippet, str]] = field(default_factory=list, repr=False)

    def confusions(self, top: int = 15) -> list[tuple[str, str, int]]:
        """The most frequent (gold, predicted) pairs where marsad was wrong."""
        pairs = [(gold, pred, n) for gold, row in self.confusion.items()
                 for pred, n in row.items() if pred != _expected(gold)]
        return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))[:top]

    def as_dict(self) -> dict:
        right = sum(r for r, _ in self.no_event.values())
        total = sum(n for _, n in self.no_event.values())
        return {"label": self.label, "snippets": self.snippets,
                "accuracy": round(self.accuracy, 4), "macro_f1": round(self.macro_f1, 4),
                "weighted_f1": round(self.weighted_f1, 4),
                "per_label": [{**vars(s), "precision": round(s.precision, 4),
                               "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
                              for s in self.per_label],
                "no_event": {k: {"right": r, "snippets": n, "share": round(_div(r, n), 4)}
                             for k, (r, n) in self.no_event.items()},
                "no_event_all": {"right": right, "snippets": total,
                                 "share": round(_div(right, total), 4)},
                "confusion": self.confusion}

    def render(self) -> str:
        lines = [self.label,
                 (f"snippets {self.snippets}: accuracy {self.accuracy:.3f}, macro F1 "
                  f"{self.macro_f1:.3f}, weighted F1 {self.weighted_f1:.3f} (25 ACLED labels)"),
                 "", f"{'label':<38}{'gold':>5}{'pred':>5}{'P':>7}{'R':>7}{'F1':>7}"]
        lines += [f"{s.label:<38}{s.support:>5}{s.predicted:>5}{s.precision:>7.3f}"
                  f"{s.recall:>7.3f}{s.f1:>7.3f}" for s in self.per_label]
        lines += ["", "no political violence, rightly no event:"]
        lines += [f"  {k:<20}{r:>4}/{n:<4} {_div(r, n):6.1%}" for k, (r, n) in self.no_event.items()]
        right = sum(r for r, _ in self.no_event.values())
        total = sum(n for _, n in self.no_event.values())
        lines += [f"  {'all five':<20}{right:>4}/{total:<4} {_div(right, total):6.1%}", "",
                  "most frequent confusions (gold -> predicted):"]
        lines += [f"  {n:>3}  {gold} -> {pred}" for gold, pred, n in self.confusions()]
        lines += ["", "confusion table (gold: predicted counts):"]
        lines += [f"  {gold} ({sum(row.values())}): " + ", ".join(
                  f"{pred} {n}" for pred, n in sorted(row.items(), key=lambda p: (-p[1], p[0])))
                  for gold, row in self.confusion.items()]
        return "\n".join(lines)


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _expected(gold: str) -> str:
    return NONE if gold in NO_VIOLENCE else gold


def label_of(code: str, path: Path, line: int) -> str:
    """A file label as marsad names it: CASE's code, or already one of the 25 names."""
    code = code.strip()
    if code in ACLED_CODES:
        return ACLED_CODES[code]
    if code in NO_VIOLENCE or code in LABELS:
        return code
    raise EvalError(f"unknown label {code!r}; a CASE label is one of "
                    f"{', '.join([*ACLED_CODES, *NO_VIOLENCE])}", path=str(path), line=line)


def read_case(path: Path | str) -> list[Snippet]:
    """The snippets of a CASE 2021 Task 2 TSV (module doc)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read ({exc.strerror}); check the path", path=str(path)) from None
    if not lines or tuple(c.strip() for c in lines[0].split("\t")) != HEADER:
        raise EvalError(f"the first line must be the header {chr(9).join(HEADER)!r} "
                        "(tab-separated)", path=str(path), line=1)
    return [_snippet(path, number, line) for number, line in enumerate(lines[1:], start=2)
            if line.strip()]


def _snippet(path: Path, number: int, line: str) -> Snippet:
    cells = line.split("\t")
    if len(cells) != 3 or not cells[1].strip():
        raise EvalError(f"expected 3 tab-separated cells (id, snippet, label), found "
                        f"{len(cells)}; fix the line", path=str(path), line=number)
    return Snippet(cells[0].strip(), cells[1].strip(), label_of(cells[2], path, number))


def first_event_types(events: Iterable[Event], claims: dict[str, Claim]) -> dict[str, str]:
    """Report id -> sub-event type of its first event: the event whose earliest claim of that
    report starts first in the text (ties broken by event id)."""
    first: dict[str, tuple[int, str, str]] = {}
    for event in events:
        starts: dict[str, int] = {}
        for claim in (claims[c] for c in event.claim_ids if c in claims):
            starts[claim.report_id] = min(starts.get(claim.report_id, claim.evidence.start),
                                          claim.evidence.start)
        for report_id, start in starts.items():
            candidate = (start, event.id, event.sub_event_type)
            if report_id not in first or candidate < first[report_id]:
                first[report_id] = candidate
    return {report_id: sub for report_id, (_, _, sub) in first.items()}


def score(snippets: Sequence[Snippet], predicted: Sequence[str], label: str = "") -> CaseScore:
    """Score predictions (a sub-event type or "none", one per snippet, in order)."""
    if len(snippets) != len(predicted):
        raise EvalError(f"{len(predicted)} predictions for {len(snippets)} snippets")
    pairs = list(zip(snippets, predicted))
    per_label = [_label_score(name, pairs) for name in LABELS]
    support = sum(s.support for s in per_label)
    confusion: dict[str, Counter] = {}
    for snippet, pred in pairs:
        confusion.setdefault(snippet.gold, Counter())[pred] += 1
    no_event = {code: (confusion.get(code, Counter())[NONE], sum(confusion.get(code, {}).values()))
                for code in NO_VIOLENCE}
    return CaseScore(
        label=label, snippets=len(pairs),
        accuracy=_div(sum(1 for s, p in pairs if p == s.expected), len(pairs)),
        macro_f1=_div(sum(s.f1 for s in per_label), len(per_label)),
        weighted_f1=_div(sum(s.f1 * s.support for s in per_label), support),
        per_label=per_label, confusion={g: dict(confusion[g]) for g in _in_order(confusion)},
        no_event=no_event, predictions=pairs)


def _in_order(labels: Iterable[str]) -> list[str]:
    """The 25 in taxonomy order, then the five, then anything else."""
    order = {name: i for i, name in enumerate((*LABELS, *NO_VIOLENCE))}
    return sorted(labels, key=lambda label: (order.get(label, len(order)), label))


def _label_score(name: str, pairs: list[tuple[Snippet, str]]) -> LabelScore:
    support = sum(1 for s, _ in pairs if s.gold == name)
    predicted = sum(1 for _, p in pairs if p == name)
    right = sum(1 for s, p in pairs if s.gold == name and p == name)
    precision, recall = _div(right, predicted), _div(right, support)
    return LabelScore(name, support, predicted, precision, recall,
                      _div(2 * precision * recall, precision + recall))


def evaluate_case(path: Path | str, settings) -> CaseScore:
    """Ingest each snippet as one report (a date of its own, no outlet) into a fresh database
    and score the sub-event type of each report's first event."""
    from ..ingest import Defaults
    from ..ingest.readers import build_report
    from .run import _fresh_pipeline

    snippets = read_case(path)
    taken: set[dt.date] = set()
    reports = [build_report(s.text, Defaults(),
                            published=publication_date(s.text, NEUTRAL_DATE + i * SPACING, taken),
                            source_path=f"case:{s.id}") for i, s in enumerate(snippets)]
    with tempfile.TemporaryDirectory(prefix="marsad-eval-") as folder:
        pipeline = _fresh_pipeline(settings, folder)
        pipeline.ingest_reports(reports)
        store = pipeline.store
        first = first_event_types(store.events(), {c.id: c for c in store.claims()})
        store.close()
    predicted = [first.get(report.id, NONE) for report in reports]
    return score(snippets, predicted, label=f"CASE 2021 Task 2: {Path(path).name}")
