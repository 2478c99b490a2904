"""Running the real `marsad` command in child processes, on a database of the test's own
(a SQLite file, or a fresh PostgreSQL database dropped afterwards)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tests.helpers import HAJIN_TEXT, IDLIB_TEXT, POSTGRES_ADMIN_URL, postgres_admin, write

MARSAD = str(Path(sys.executable).with_name("marsad"))


def reports(folder: Path) -> list[Path]:
    """Two short reports written for the tests, one file each."""
    return [write(folder / "hajin.txt", " date 2024-03-04 Clashes in Hajin\n" + HAJIN_TEXT),
            write(folder / "idlib.txt", " date 2024-03-06 Strike on Idlib\n" + IDLIB_TEXT)]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}
    return {**env, "MARSAD_PROGRESS": "no", **extra}


def start(db: str, *args: str, cwd: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([MARSAD, "--db", db, *args], cwd=cwd, env=environment(**env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(db: str, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([MARSAD, "--db", db, *args], cwd=cwd, env=environment(**env),
                          capture_output=True, text=True, timeout=600)


@contextmanager
def database(backend: str, folder: Path, name: str) -> Iterator[str]:
    """A new, empty database: a file in `folder`, or a PostgreSQL database of its own."""
    if backend == "sqlite":
        yield str(folder / f"{name}.db")
        return
    database_name = f"marsad_proc_{secrets.token_hex(6)}"
    with postgres_admin() as admin:
        admin.execute(f'CREATE DATABASE "{database_name}"')
    try:
        yield f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{database_name}"
    finally:
        with postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
