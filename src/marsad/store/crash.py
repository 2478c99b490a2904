"""Crash points: named moments where a test may kill marsad to check that no work is lost.

With ``MARSAD_CRASH_AT=<name>`` in its environment, a marsad process kills itself (SIGKILL: no
cleanup, no atexit, no rollback by Python) on reaching that point, as a power cut or the OOM
killer would. The points:

- ``stored``: a file's reports and claims are committed, their events not yet built;
- ``resolving``: the events are written inside the resolver's transaction, not committed;
- ``resolved``: the events are committed, nothing printed yet.

It is a test hook, not a setting: nothing else reads it.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "MARSAD_CRASH_AT"
POINTS = ("stored", "resolving", "resolved")


def crash_point(name: str) -> None:
    if os.environ.get(VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)
