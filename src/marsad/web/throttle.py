"""Sign-in throttling: failed passwords counted by account and by client address (``limits``).

Guessing a password needs many tries; a person who forgot theirs needs few. So after
:data:`ACCOUNT_FAILURES` failures for one account, or :data:`ADDRESS_FAILURES` from one address,
within the window, sign-in answers 429 with Retry-After until the oldest failure ages out. A
successful sign-in clears its account's count. The counters live in the ``limits`` storage
passed in (memory by default: one process; give a shared storage such as Redis when the app
runs in several).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage, Storage
from limits.strategies import MovingWindowRateLimiter

WINDOW_MINUTES = 15
ACCOUNT_FAILURES = 10
ADDRESS_FAILURES = 20


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in is not tried now, and when it may be."""

    message: str
    retry_after: int  # seconds


class SignInThrottle:
    """Counts failed sign-ins; says when an account or an address must wait."""

    def __init__(self, storage: Storage | None = None, *, account_failures: int = ACCOUNT_FAILURES,
                 address_failures: int = ADDRESS_FAILURES, window_minutes: int = WINDOW_MINUTES):
        self.limiter = MovingWindowRateLimiter(storage or MemoryStorage())
        self.window = window_minutes
        self.by_account = RateLimitItemPerMinute(account_failures, window_minutes,
                                                 namespace="marsad-signin-account")
        self.by_address = RateLimitItemPerMinute(address_failures, window_minutes,
                                                 namespace="marsad-signin-address")

    def check(self, account: str, address: str) -> Refusal | None:
        """A refusal if the account or the address has failed too often lately, else None."""
        for item, key, who in ((self.by_account, account.casefold(), "for this account"),
                               (self.by_address, address, "from your address")):
            if not self.limiter.test(item, key):
                reset, _ = self.limiter.get_window_stats(item, key)
                wait = max(1, math.ceil(reset - time.time()))
                return Refusal(f"Too many failed sign-ins {who}; wait {math.ceil(wait / 60)} "
                               "minute(s) and try again. If the password is lost, ask an "
                               "administrator.", wait)
        return None

    def failed(self, account: str, address: str) -> None:
        self.limiter.hit(self.by_account, account.casefold())
        self.limiter.hit(self.by_address, address)

    def succeeded(self, account: str) -> None:
        self.limiter.clear(self.by_account, account.casefold())
