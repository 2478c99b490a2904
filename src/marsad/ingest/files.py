"""Reading only what the user gave: regular files, of a bounded size, inside the allowed folders.

A JSON Lines ``path`` or a file in an ingested folder could otherwise lead marsad anywhere on
the machine (``../../etc/passwd``, a symlink out of the folder), hang it (a FIFO) or fill its
memory (a link to ``/dev/zero``). Every refusal here is a ``ValueError`` whose message says what
to do; the readers turn it into an :class:`~marsad.errors.InputError` with the file and line.
"""

from __future__ import annotations

import itertools
import logging
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

log = logging.getLogger(__name__)

MIB = 1024 * 1024
MAX_FILE_BYTES = 64 * MIB  # a day of a busy wire is a few MB; more is a mistake or an attack

SPECIAL_KINDS = {  # stat test -> how to name the file to the user
    stat.S_ISFIFO: "a named pipe (FIFO)",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
    stat.S_ISDIR: "a folder",
}


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES, *, follow_links: bool = True) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; ValueError for anything else."""
    with open_regular(path, follow_links=follow_links) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"the file is larger than {limit / MIB:g} MiB, the most marsad reads "
                         "from one file; split it into smaller files (JSON Lines can be cut at "
                         "any line)")
    return data


@contextmanager
def open_regular(path: Path, *, follow_links: bool = True) -> Iterator[BinaryIO]:
    """A regular file, open for reading in binary; ValueError for anything else.

    The file is opened before it is checked (non-blocking, so a FIFO cannot hang the open) and
    checked through the open descriptor, so it cannot be swapped between the check and the read.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ValueError(f"cannot open the file ({exc.strerror}); check that it exists and "
                         "that you may read it") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        for test, kind in SPECIAL_KINDS.items():
            if test(mode):
                raise ValueError(f"this is {kind}, not a regular file; marsad reads regular "
                                 "files only: save what it holds to a file and ingest that")
        yield handle


def read_lines(handle: BinaryIO, limit: int = MAX_FILE_BYTES) -> Iterator[bytes]:
    """The lines of a file (each ending at b"\\n" only, which it keeps), none over ``limit``
    bytes: a file of any size is read in bounded memory. ValueError for a longer line."""
    for number in itertools.count(1):
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            raise ValueError(f"line {number}: longer than {limit / MIB:g} MiB, the most marsad "
                             "reads as one report; split the report, or check that the file "
                             "is JSON Lines (one report per line)")
        yield line


def resolve_inside(base: Path, name: str, roots: tuple[Path, ...]) -> Path:
    """``name`` (as a JSON Lines ``path`` gives it) resolved against ``base``, all links followed;
    ValueError unless the result lies inside one of ``roots``."""
    if "\x00" in name:
        raise ValueError("'path' holds a NUL character; give the file's name as plain text")
    target = (base / name).resolve()
    allowed = [root.resolve() for root in roots]
    if not any(target.is_relative_to(root) for root in allowed):
        shown = " or ".join(str(root) for root in allowed)
        raise ValueError(f"'path' {name!r} leads to {target}, outside {shown}; a JSON Lines "
                         "file may name only files in its own folder (through no link that "
                         "leaves it): move the file there, or name the folder that holds it "
                         "with `marsad ingest --allow-root DIR`")
    return target


def walk(folder: Path, wanted) -> list[Path]:
    """The files under ``folder`` that ``wanted`` accepts, in a stable order: hidden ones, special
    files and symbolic links that lead out of the folder are left out (a link is logged)."""
    root = folder.resolve()
    found: list[Path] = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(here) / name
            if name.startswith(".") or not wanted(path):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                log.warning("%s: a link to %s, outside %s; not read (copy the file into the "
                            "folder to ingest it)", path, path.resolve(), folder)
                continue
            if path.is_file():  # follows a link inside the folder; FIFOs and devices are not
                found.append(path)
    return sorted(found)
