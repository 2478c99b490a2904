"""marsad: an open-source conflict monitor.

Turns reports about an armed conflict into a source-attributed database of events, tolls and
territorial control, and publishes them. See DESIGN.md for the map of the stages.
"""

from .errors import MarsadError
from .records import Claim, Control, Event, Extraction, Geocode, Place, PlaceQuery, Report, Toll
from .settings import Settings, load_settings

__all__ = [
    "Claim", "Control", "Event", "Extraction", "Geocode", "MarsadError", "Place", "PlaceQuery",
    "Report", "Settings", "Toll", "load_settings",
]
__version__ = "0.1.0"
