"""Publish: exports (ACLED CSV, GeoJSON, JSON Lines), and what is built on them."""

from .exports import ACLED_COLUMNS, FORMATS, acled_row, to_csv, to_geojson, to_jsonl

__all__ = ["ACLED_COLUMNS", "FORMATS", "acled_row", "to_csv", "to_geojson", "to_jsonl"]
