"""Property tests are the same on every CI machine and never slow: the profile conftest loads."""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import settings

from tests.helpers import REPO


def test_every_property_test_has_a_deadline_and_a_modest_number_of_examples():
    assert settings.default.deadline is not None
    assert settings.default.max_examples <= 50


def profile_under(ci: str) -> str:
    code = ("import tests.conftest; from hypothesis import settings; "
            "print(settings.default.derandomize, settings.default.database)")
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"} | {"CI": ci}
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def test_ci_runs_the_same_examples_every_time_and_keeps_no_database():
    assert profile_under("true") == "True None"
    assert profile_under("false").startswith("False")
