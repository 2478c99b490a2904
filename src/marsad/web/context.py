"""Everything a request handler needs, built once per app: settings, store, accounts, pipeline."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..settings import Settings
from ..store import Store
from .accounts import Accounts
from .catalogue import Catalogue
from .review import Reviewer
from .throttle import SignInThrottle

log = logging.getLogger(__name__)


@dataclass
class WebContext:
    settings: Settings
    store: Store
    accounts: Accounts
    catalogue: Catalogue
    reviewer: Reviewer
    pipeline_factory: Callable[[], object]
    secret_key: str
    secure_cookies: bool = False
    throttle: SignInThrottle = field(default_factory=SignInThrottle)
    # called when a job is queued: `marsad serve` wakes its worker; tests run the worker
    on_queued: Callable[[], None] | None = None
    _pipeline: object | None = field(default=None, repr=False)

    def queued(self) -> None:
        if self.on_queued is not None:
            self.on_queued()

    def pipeline(self):
        """The ingest pipeline, loaded on first use (spaCy takes a few seconds)."""
        if self._pipeline is None:
            self._pipeline = self.pipeline_factory()
        return self._pipeline

    @property
    def upload_dir(self) -> Path:
        """Where uploaded files go: the setting, else beside a SQLite database, else ~/.marsad."""
        if self.settings.upload_dir:
            return Path(self.settings.upload_dir).expanduser()
        db = str(self.settings.db)
        if "://" not in db:
            path = Path(db).expanduser()
            return path.with_name(path.stem + ".uploads")
        return Path.home() / ".marsad" / "uploads"


def secret_key(settings: Settings) -> str:
    if settings.secret_key:
        return str(settings.secret_key)
    log.warning("no secret_key setting: using a random one, so sign-in forms opened before a "
                "restart must be reloaded; set MARSAD_SECRET_KEY for a stable key")
    return secrets.token_urlsafe(32)
