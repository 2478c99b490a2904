"""Where the gazetteer layers live, and opening them from settings."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from .build import build_gazetteer
from .gazetteer import Gazetteer
from .geocoder import Geocoder

log = logging.getLogger(__name__)


def default_gazetteer_path() -> Path:
    """``<sys.prefix>/share/marsad/gazetteer.sqlite``: inside the venv marsad is installed in."""
    return Path(sys.prefix) / "share" / "marsad" / "gazetteer.sqlite"


def gazetteer_path(settings) -> Path:
    return Path(settings.gazetteer) if settings.gazetteer else default_gazetteer_path()


def user_gazetteer_path(settings) -> Path:
    """The user layer: the setting ``user_gazetteer``, else beside a SQLite database
    (``marsad.db`` -> ``marsad.places.sqlite``), else ``marsad.places.sqlite`` here."""
    if settings.user_gazetteer:
        return Path(settings.user_gazetteer)
    db = str(settings.db)
    if "://" in db and not db.startswith("sqlite:///"):
        return Path("marsad.places.sqlite")
    path = Path(db.removeprefix("sqlite:///"))
    return path.with_name(path.stem + ".places.sqlite")


def open_gazetteer(settings, *, build_missing: bool = True) -> Gazetteer:
    """Open both layers; build the packaged one first if it is missing (never downloads)."""
    path = gazetteer_path(settings)
    if not path.is_file() and build_missing:
        log.warning("gazetteer %s missing: building it from the installed GeoNames data "
                    "(about a minute, once)", path)
        path.parent.mkdir(parents=True, exist_ok=True)
        build_gazetteer(path)
    return Gazetteer(path, user_gazetteer_path(settings))


def open_geocoder(settings) -> Geocoder:
    """The geocoder the pipeline uses, configured by the settings table."""
    return Geocoder(open_gazetteer(settings),
                    fuzzy_threshold=float(settings.geocode_fuzzy_threshold),
                    default_country=settings.geocode_country)


def default_gazetteer_or_none() -> Path | None:
    """The built packaged gazetteer (``MARSAD_GAZETTEER`` or the default), if it exists."""
    import os

    named = os.environ.get("MARSAD_GAZETTEER")
    path = Path(named) if named else default_gazetteer_path()
    return path if path.is_file() else None
