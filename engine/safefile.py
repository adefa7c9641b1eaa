"""Reading untrusted files: regular files only, refused at once when special, read with a size cap."""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


class FileRefused(ValueError):
    """A file that is not read: not a regular file, too large, or unreadable; the message says which."""


def _size_text(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    return f"{limit / 1000:g} KB"


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileRefused otherwise, without blocking.

    The file is opened non-blocking (a FIFO without a writer does not hang the open) and checked
    with fstat on the open descriptor (no race with a rename): directories, FIFOs, sockets and
    devices such as /dev/zero are refused before a byte is read. A file that grows while it is
    read is still cut off at the cap.
    """
    name = str(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError:
        raise FileRefused(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise FileRefused(f"{name}: cannot read it ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(f"{name}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"{name}: is not a regular file (a device, pipe or socket)")
        if info.st_size > limit:
            raise FileRefused(f"{name}: file is larger than {_size_text(limit)}")
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(f"{name}: file is larger than {_size_text(limit)}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"{name}: cannot read it ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
