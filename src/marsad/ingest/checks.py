"""What a report's text and fields must be before they are stored, and language tags.

Every store must be able to keep what is accepted (PostgreSQL refuses NUL; no UTF-8 encoder
takes a lone surrogate), and what is accepted must be a report: text someone can read, not
zero-width characters or control noise. Problems are returned as messages that say what to do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"}  # control, format, space, unassigned
TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")  # BCP 47 (en, en-GB, zh-Hant-TW)
LIMITS = {"outlet": 200, "language": 16, "kind": 16}  # the store's column widths


def unstorable(name: str, value: str) -> str | None:
    """Why ``value`` (field ``name``) cannot be stored, or None."""
    if "\x00" in value:
        return (f"{name!r} holds a NUL character (\\u0000), which the database cannot store; "
                "remove it from the input")
    surrogate = next((c for c in value if "\ud800" <= c <= "\udfff"), None)
    if surrogate is not None:
        return (f"{name!r} holds a lone UTF-16 surrogate (\\u{ord(surrogate):04x}), which is "
                "not text; write the character itself, or both halves of its escape")
    if name in LIMITS and len(value) > LIMITS[name]:
        return f"{name!r} is longer than {LIMITS[name]} characters; shorten it"
    return None


def has_visible(text: str) -> bool:
    """Whether the text holds anything but spaces, control and zero-width characters."""
    return any(unicodedata.category(c) not in INVISIBLE for c in text)


def primary_language(value: str) -> str:
    """The primary subtag of a language tag or name: 'en-GB', 'EN', 'eng', 'English' -> 'en'.

    ValueError for a value that is neither a tag nor a language name marsad knows.
    """
    value = value.strip()
    if not value:
        return ""
    match = TAG.match(value)
    if match:
        primary = match.group(1).lower()
        return _alias(primary) if len(primary) == 3 else primary
    found = _names().get(value.casefold())
    if found is None:
        raise ValueError(f"'language' {value[:40]!r} is neither a language tag (en, en-GB) nor a "
                         "language name marsad knows (English, Arabic); write the tag")
    return found


def _alias(code: str) -> str:
    """A three-letter code as its two-letter form where one exists ('eng' -> 'en')."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).language
    except (UnknownLocaleError, ValueError):
        return code


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Language names in English and in the language itself ('arabic', 'العربية' -> 'ar')."""
    from babel import Locale, UnknownLocaleError
    from babel.localedata import locale_identifiers

    names: dict[str, str] = {}
    for code, name in Locale("en").languages.items():
        if "_" not in code:
            names.setdefault(name.casefold(), code)
    for identifier in locale_identifiers():
        if "_" in identifier:
            continue
        try:
            own = Locale.parse(identifier).get_language_name(identifier)
        except (UnknownLocaleError, ValueError):
            continue
        if own:
            names.setdefault(own.casefold(), identifier)
    return names
