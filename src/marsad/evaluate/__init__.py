"""Scoring marsad output against gold data."""
