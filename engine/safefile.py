"""Untrusted files read (regular files only, with a size cap) and outputs written atomically."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20
PART_SUFFIX = ".part"
STALE_PART_SECONDS = 3600  # without flock (Windows): a temporary file this old is a leftover

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


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


def check_output(path: Path | str) -> Path:
    """The path to write to, refused (FileRefused) when empty, a folder, or not a regular file."""
    if not str(path).strip():
        raise FileRefused("output: the file name is empty")
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise FileRefused(f"output: folder {path.parent} does not exist") from None
        return path
    except OSError as exc:
        raise FileRefused(f"output: {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused(f"output: {path} is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(
            f"output: {path} is not a regular file (a device, pipe or socket); not replacing it"
        )
    return path


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting it (and put it back at once)
    os.umask(mask)
    return mask


def _writer_gone(part: Path) -> bool:
    """True when no process is writing this temporary file (its writer's flock is gone with it)."""
    if fcntl is None:
        return part.stat().st_mtime < time.time() - STALE_PART_SECONDS
    fd = os.open(part, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a live writer holds it
    else:
        return True
    finally:
        os.close(fd)


def _sweep_parts(path: Path) -> None:
    """Remove temporary files of this target whose writer was killed mid-write."""
    for part in path.parent.glob(f".{path.name}.*{PART_SUFFIX}"):
        try:
            if part.is_file() and not part.is_symlink() and _writer_gone(part):
                part.unlink()
        except OSError:
            pass  # gone already (renamed into place by its writer), or not ours to remove


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # not on this platform (Windows): the rename is as durable as it gets
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes through a temporary file and a rename: never a half-written or special file.

    An existing file keeps its permission bits; a new one gets what the umask allows (as `open`
    would). A symbolic link stays a link: its target is replaced. The folder is fsynced after the
    rename so the new name survives a power cut, and stale temporaries of the target are removed.
    """
    target = check_output(path)
    if target.is_symlink():
        target = target.resolve()
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    _sweep_parts(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PART_SUFFIX, dir=target.parent)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)  # held until the rename: tells a sweeper it is in use
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
    _fsync_folder(target.parent)
