"""Numbers as reports write them: digits and words, qualifiers, ranges, vague quantities.

``"more than 200"`` -> Count(200, qualifier=more_than); ``"dozens"`` -> Count(12, vague,
words="dozens"); ``"15 to 20"`` -> Count(15, low=15, high=20, range). The words are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..records import Count, CountQualifier

NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
UNITS_AFTER = {"percent", "%", "meters", "metres", "yards", "km", "kilometers", "kilometres",
               "miles", "hours", "days", "weeks", "months", "years", "minutes", "dollars",
               "tonnes", "tons", "kg", "per", "mm"}


@dataclass(frozen=True)
class NumberMention:
    """A count in a sentence: its tokens, the noun it counts, and the parsed count."""

    start: int  # token index in the Doc (first token, qualifiers included)
    end: int
    count: Count
    noun: Token | None  # the counted noun ("civilians"), None when the number stands alone


class NumberReader:
    def __init__(self, numbers: dict):
        self.units = {**numbers.get("units", {}), **numbers.get("tens", {})}
        self.scales = numbers.get("scales", {})
        self.exact_words = numbers.get("exact_words", {})
        self.vague = numbers.get("vague_words", {})
        self.qualifiers = sorted(((q, kind) for kind, words in numbers.get("qualifiers", {}).items()
                                  for q in words), key=lambda item: -len(item[0]))

    # -- single values ------------------------------------------------------------------------

    def value(self, text: str) -> int | None:
        """The integer a number phrase stands for ("2,500", "eleven", "two hundred", "3.5 million")."""
        text = text.lower().replace("-", " ").strip()
        digits = text.replace(",", "")
        if re.fullmatch(r"\d+", digits):
            return int(digits)
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(hundred|thousand|million)", digits)
        if match:
            return int(float(match.group(1)) * self.scales[match.group(2)])
        if text in self.exact_words:
            return int(self.exact_words[text])
        return self._words(text.replace(" and ", " ").split())

    def _words(self, words: list[str]) -> int | None:
        total, current, seen = 0, 0, False
        for word in words:
            if word in self.units:
                current += int(self.units[word])
            elif word in self.scales and (current or seen or word == "hundred"):
                current = max(current, 1) * int(self.scales[word])
                if self.scales[word] >= 1000:
                    total, current = total + current, 0
            elif word == "a" and not seen:
                current = 1
            else:
                return None
            seen = True
        return total + current if seen else None

    # -- mentions in a sentence ---------------------------------------------------------------

    def is_number_token(self, token: Token) -> bool:
        low = token.lower_
        if token.ent_type_ in NOT_COUNTS:
            return False
        return (token.like_num or low in self.units or low in self.vague
                or low in self.scales or low in {"dozen", "dozens", "scores"})

    def mentions(self, sent: Span) -> list[NumberMention]:
        found, i = [], sent.start
        doc = sent.doc
        while i < sent.end:
            token = doc[i]
            if not self.is_number_token(token) or _is_unit_measure(token):
                i += 1
                continue
            mention = self._read_at(sent, i)
            if mention is not None:
                found.append(mention)
                i = mention.end
            else:
                i += 1
        return found

    def _read_at(self, sent: Span, i: int) -> NumberMention | None:
        doc = sent.doc
        j = i
        while j + 1 < sent.end and self.is_number_token(doc[j + 1]) and doc[j + 1].lower_ != "dozens":
            j += 1
        # "a dozen": take the article in
        start = i - 1 if i > sent.start and doc[i - 1].lower_ == "a" and doc[i].lower_ in (
            "dozen", "hundred", "thousand", "score", "couple") else i
        words = doc[start:j + 1].text
        low, high, end = None, None, j + 1
        # ranges: "15 to 20", "between 15 and 20"
        if end + 1 < sent.end and doc[end].lower_ in ("to", "-", "and", "or") \
                and self.is_number_token(doc[end + 1]):
            low = self.value(words)
            high = self.value(doc[end + 1].text)
            if low is not None and high is not None and high >= low:
                words = doc[start:end + 2].text
                end += 2
            else:
                low = high = None
        qualifier, qstart = self._qualifier(sent, start)
        vague_value = self.vague.get(doc[i].lower_) if i == j else None
        if low is not None:
            count = Count(value=low, low=low, high=high, qualifier=CountQualifier.RANGE,
                          words=doc[qstart:end].text)
        elif vague_value is not None and doc[start].lower_ != "a":
            count = Count(value=int(vague_value), qualifier=CountQualifier.VAGUE,
                          words=doc[qstart:end].text)
        else:
            value = self.value(words)
            if value is None:
                return None
            count = Count(value=value, low=value if qualifier in (
                CountQualifier.AT_LEAST, CountQualifier.MORE_THAN) else None,
                high=value if qualifier == CountQualifier.UP_TO else None,
                qualifier=qualifier, words=doc[qstart:end].text)
        return NumberMention(qstart, end, count, _counted_noun(doc[j], sent))

    def _qualifier(self, sent: Span, start: int) -> tuple[CountQualifier, int]:
        doc = sent.doc
        before = doc[max(sent.start, start - 4):start]
        text = before.text.lower().strip(" \"'“”")
        for phrase, kind in self.qualifiers:
            if text.endswith(phrase) and (len(text) == len(phrase) or not text[-len(phrase) - 1].isalpha()):
                n = len(phrase.split())
                return CountQualifier(kind), max(sent.start, start - n)
        return CountQualifier.EXACT, start


def _is_unit_measure(token: Token) -> bool:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ in UNITS_AFTER


def _counted_noun(number: Token, sent: Span) -> Token | None:
    """The noun a number counts: its head ("11 civilians"), or "of"-object ("dozens of fighters")."""
    if number.dep_ in ("nummod", "quantmod", "compound") and number.head.pos_ in ("NOUN", "PROPN"):
        head = number.head
        while head.dep_ == "nummod" and head.head.pos_ in ("NOUN", "PROPN") and head.head != head:
            head = head.head
        return head
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    # loose fallback: the next noun within three tokens, not across punctuation, a preposition
    # or an article ("the toll to 37,925 since October", "brings to 67 the number of...")
    for k in range(number.i + 1, min(number.i + 4, sent.end)):
        token = sent.doc[k]
        if token.is_punct or token.pos_ in ("ADP", "SCONJ", "CCONJ", "DET"):
            break
        if token.pos_ in ("NOUN", "PROPN"):
            return token
    return None
