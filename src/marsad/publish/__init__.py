"""Publish: exports (ACLED CSV, UCDP CSV, GeoJSON, JSON Lines, Excel), imports, situation
reports, charts and comparison with hand-coded datasets."""

from .exports import (ACLED_COLUMNS, BINARY_FORMATS, FORMATS, acled_row, to_csv, to_geojson,
                      to_jsonl, to_ucdp, to_xlsx, ucdp_row)

__all__ = ["ACLED_COLUMNS", "BINARY_FORMATS", "FORMATS", "acled_row", "to_csv", "to_geojson",
           "to_jsonl", "to_ucdp", "to_xlsx", "ucdp_row"]
