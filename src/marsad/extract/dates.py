"""Dates: explicit ones, and relative ones resolved against a base date the caller passes in.

News usage, not calendar arithmetic, decides weekdays: in a story of Sunday 2 July, "late
Sunday" is that same day and "on Thursday" the Thursday before. Explicit dates go through
dateparser with the base date as ``RELATIVE_BASE``; a bare year ("in 2014") is year precision.
The clock is never read: with no base date, relative dates stay unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import dateparser

from ..records import EventDate

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
DAY, WEEK, MONTH, YEAR = 1, 2, 3, 4
WEEKDAY_RE = re.compile(r"\b(?:(last|this|next)\s+)?(monday|tuesday|wednesday|thursday|friday|"
                        r"saturday|sunday)\b", re.I)
PAST_HOURS = re.compile(r"\b(?:past|last|previous)\s+(\d+|twenty-four|forty-eight|seventy-two)\s+hours\b", re.I)
PAST_DAYS = re.compile(r"\b(?:past|last|previous)\s+(\w+)\s+days\b", re.I)
YEAR_ONLY = re.compile(r"^(?:in\s+)?(19\d\d|20\d\d)$", re.I)
HOUR_WORDS = {"twenty-four": 24, "forty-eight": 48, "seventy-two": 72}
SMALL_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7}
# "two days ago", "a day earlier"; and "(the attack) comes a day after X": X, the day before
DAYS_BACK = re.compile(r"\b(\d|a|one|two|three|four|five|six|seven)\s+days?\s+(?:ago|earlier|before)\b"
                       r"|\b(?:comes?|came|coming)\s+(\d|a|one|two|three|four|five|six|seven)\s+days?"
                       r"\s+after\b")
LATER_BY = re.compile(r"\b(?:comes?|came|coming)\s+(?:(?:less|more) than\s+|about\s+|nearly\s+|"
                      r"some\s+|just\s+)?(\d+|a|one|two|three|four|five|six|several)\s+"
                      r"(weeks?|months?|years?)\s+after\b")
SOME_DAYS_AFTER = re.compile(r"\b(?:comes?|came|coming)\s+days\s+after\b")
ABBREVIATED = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.")
PART_OF_MONTH = re.compile(r"\b(mid|early|late|the end of|the beginning of|the start of)[\s-]+(?=(" +
                           "|".join(MONTHS) + r")\b)")
# how far before the base date an event still counts as news, not background
BACKGROUND_DAYS = 10


@dataclass(frozen=True)
class DateResolver:
    """Resolves date expressions against ``base`` (the date the report speaks from)."""

    base: dt.date | None

    def resolve(self, text: str) -> EventDate | None:
        """An EventDate for one date expression, or None when it is not a date we can place."""
        clean = text.strip().strip(".,;")
        low = clean.lower()
        low = ABBREVIATED.sub(lambda m: m.group(1), low)  # "dec. 18" -> "dec 18"
        low = PART_OF_MONTH.sub("", low).strip()  # "mid-october 2016", "early march": the month
        clean = low
        for resolver in (self._relative_words, self._days_back, self._last_month_named,
                         self._weekday, self._past_span, self._year, self._explicit):
            found = resolver(low, clean)
            if found is not None:
                return found
        return None

    def _mark(self, date: dt.date, precision: int, text: str, start: dt.date | None = None,
              end: dt.date | None = None) -> EventDate:
        last = end or (_month_end(date) if precision == MONTH else date)
        background = self.base is not None and (self.base - last).days > BACKGROUND_DAYS
        return EventDate(date=date, precision=precision, start=start, end=end, text=text,
                         background=background)

    def _relative_words(self, low: str, text: str) -> EventDate | None:
        if self.base is None:
            return None
        if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", low):
            return self._mark(self.base, DAY, text)
        if re.search(r"\b(yesterday|last night)\b", low):
            return self._mark(self.base - dt.timedelta(days=1), DAY, text)
        if re.search(r"\b(day before yesterday)\b", low):
            return self._mark(self.base - dt.timedelta(days=2), DAY, text)
        if re.search(r"\b(last|past|previous) week\b|\bthis week\b|\bearlier this week\b", low):
            start = self.base - dt.timedelta(days=7)
            return EventDate(date=self.base, precision=WEEK, start=start, end=self.base, text=text)
        if re.search(r"\blast month\b|\bpast month\b", low):
            first = self.base.replace(day=1)
            prev = (first - dt.timedelta(days=1)).replace(day=1)
            return EventDate(date=prev, precision=MONTH, start=prev, end=first - dt.timedelta(days=1),
                             text=text, background=True)
        if re.search(r"\b(earlier this month|this month)\b", low):
            return EventDate(date=self.base, precision=MONTH, start=self.base.replace(day=1),
                             end=self.base, text=text)
        return None

    def _days_back(self, low: str, text: str) -> EventDate | None:
        """"two days ago", "a day earlier", "the previous day", "overnight", "last year"."""
        if self.base is None:
            return None
        later = LATER_BY.search(low)
        if later:
            # "(the abduction) comes less than three months after X": X, that long before
            word, unit = later.group(1), later.group(2)
            count = int(word) if word.isdigit() else SMALL_NUMBERS.get(word, 2)
            days = count * {"week": 7, "month": 30, "year": 365}[unit.rstrip("s")]
            day = self.base - dt.timedelta(days=days)
            precision = WEEK if unit.startswith("week") else MONTH if unit.startswith("month") \
                else YEAR
            return EventDate(date=day, precision=precision, text=text,
                             background=days > BACKGROUND_DAYS)
        if SOME_DAYS_AFTER.search(low):
            # "(the blast) comes days after X": X, some days before, in the week before
            return EventDate(date=self.base - dt.timedelta(days=3), precision=WEEK,
                             start=self.base - dt.timedelta(days=7),
                             end=self.base - dt.timedelta(days=2), text=text)
        match = DAYS_BACK.search(low)
        if match:
            word = match.group(1) or match.group(2)
            days = int(word) if word.isdigit() else SMALL_NUMBERS.get(word, 1)
            return self._mark(self.base - dt.timedelta(days=days), DAY, text)
        if re.search(r"\b(the previous day|the day before|a day earlier)\b", low):
            return self._mark(self.base - dt.timedelta(days=1), DAY, text)
        if re.search(r"\bovernight\b", low):
            return self._mark(self.base, DAY, text)
        if re.search(r"\blast year\b", low) and not any(m in low for m in MONTHS):
            year = self.base.year - 1
            return EventDate(date=dt.date(year, 1, 1), precision=YEAR, start=dt.date(year, 1, 1),
                             end=dt.date(year, 12, 31), text=text, background=True)
        return None

    def _last_month_named(self, low: str, text: str) -> EventDate | None:
        """"last June": the latest June before the base date; "May 10 last year"."""
        if self.base is None:
            return None
        match = re.search(r"\blast (" + "|".join(MONTHS) + r")\b", low)
        if match:
            month = MONTHS.index(match.group(1)) + 1
            year = self.base.year if month < self.base.month else self.base.year - 1
            start = dt.date(year, month, 1)
            return self._mark(start, MONTH, text, start=start)
        match = re.search(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\s+last year\b", low)
        if match:
            try:
                day = dt.date(self.base.year - 1, MONTHS.index(match.group(1)) + 1,
                              int(match.group(2)))
            except ValueError:
                return None
            return self._mark(day, DAY, text)
        return None

    def _weekday(self, low: str, text: str) -> EventDate | None:
        match = WEEKDAY_RE.search(low)
        if match is None or self.base is None:
            return None
        wanted = WEEKDAYS.index(match.group(2).lower())
        back = (self.base.weekday() - wanted) % 7
        if match.group(1) == "last" and back == 0:
            back = 7
        return self._mark(self.base - dt.timedelta(days=back), DAY, text)

    def _past_span(self, low: str, text: str) -> EventDate | None:
        if self.base is None:
            return None
        match = PAST_HOURS.search(low)
        if match:
            raw = match.group(1)
            hours = int(raw) if raw.isdigit() else HOUR_WORDS.get(raw, 24)
            days = max(1, round(hours / 24))
            start = self.base - dt.timedelta(days=days - 1 if days > 1 else 0)
            return EventDate(date=self.base, precision=DAY if days <= 2 else WEEK,
                             start=start, end=self.base, text=text)
        return None

    def _year(self, low: str, text: str) -> EventDate | None:
        match = YEAR_ONLY.match(low)
        if not match:
            return None
        year = int(match.group(1))
        date = dt.date(year, 1, 1)
        background = self.base is None or year < self.base.year
        return EventDate(date=date, precision=YEAR, start=date, end=dt.date(year, 12, 31),
                         text=text, background=background)

    def _explicit(self, low: str, text: str) -> EventDate | None:
        names_month = any(len(w) >= 3 and any(m.startswith(w) for m in MONTHS)
                          for w in re.findall(r"[a-z]+", low))  # "march", "dec", "sept"
        if not names_month and not re.search(r"\d{4}-\d\d-\d\d|\d+/\d+/\d+", low):
            return None
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                    "REQUIRE_PARTS": ["month"]}
        if self.base is not None:
            settings["RELATIVE_BASE"] = dt.datetime.combine(self.base, dt.time())
        elif not re.search(r"\b(19|20)\d\d\b", low):
            return None  # "June 6" with no base year cannot be placed
        cleaned = re.sub(r"^(on|in|since|by|from|until|of)\s+", "", low)
        try:
            parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
        except (ValueError, OverflowError):
            return None
        if parsed is None:
            return None
        has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", re.sub(r"\b(19|20)\d\d\b", "", low)))
        if not has_day:
            start = parsed.date().replace(day=1)
            return self._mark(start, MONTH, text, start=start)
        return self._mark(parsed.date(), DAY, text)


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
