"""marsad's exceptions: one base class, a short code per error, a message that says what to do.

The CLI turns any :class:`MarsadError` into one line ``error[CODE]: message`` and exit status 1.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base of every error marsad raises on purpose."""

    code = "M000"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ConfigError(MarsadError):
    """A setting has a value marsad cannot use."""

    code = "M001"


class InputError(MarsadError):
    """An input file or record cannot be read. Names the file and line, says how to fix it."""

    code = "M100"


class StoreError(MarsadError):
    """The database cannot be opened, migrated or written."""

    code = "M200"


class NotFound(MarsadError):
    """An id or name that the database does not hold."""

    code = "M201"


class ModelError(MarsadError):
    """The NLP pipeline or a data file it needs is missing or broken."""

    code = "M300"


class DataFileError(MarsadError):
    """A knowledge file under marsad/data (or a user's) is malformed."""

    code = "M301"


class GazetteerError(MarsadError):
    """The gazetteer is missing, or an import file is malformed."""

    code = "M400"


class EvalError(MarsadError):
    """A gold file cannot be read or does not fit the scoring rules."""

    code = "M500"
