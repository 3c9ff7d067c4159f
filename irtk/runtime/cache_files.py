"""The file-system rules of the on-disk caches: whose directory, which files are opened, how long to wait.

The caches hold code that this process will load and run, so the directory must be one nobody else can
write: it is created 0700, and a directory that another user owns or that group or others may write to is
refused (`CacheDirectoryError`), since anyone who can write it can plant a shared object. Inside it, only
regular files are read, opened without following links and without blocking (a FIFO in place of an entry
would otherwise hang the reader), and every wait is bounded:

- a lock held by another process is waited for at most the `cache_lock_timeout` flag, then the compile goes
  ahead without it (the lock only saves duplicate work; atomic renames keep entries whole either way);
- temporary files (`.<name>.<host>.<pid>.<random>.tmp`) that a killed process left are removed at the next
  start: at once when their process is gone (same host), else when older than the `compile_timeout` flag
  allows any compile to run.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import shutil
import socket
import stat
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

#: Read no cache file larger than this (a manifest or a source is far smaller; a kernel .so is far smaller).
MAX_READ = 1 << 30

#: How long a temporary file may live when its writer cannot be asked (another host): one day, or the
#: compile timeout plus a minute when that is longer.
MIN_STALE_AGE = 24 * 3600.0


class CacheDirectoryError(RuntimeError):
    """The cache directory is not safe to use (another user owns it, others may write to it) or not a
    directory at all. The message names it and says what to do."""


class CacheWarning(UserWarning):
    """Something the cache waited for too long, and went ahead without."""


class NotARegularFile(OSError):
    """A FIFO, socket, device or directory where a cache file belongs."""


def check_directory(path: Path) -> bool:
    """Whether `path` exists, after checking that it is a directory this user owns and nobody else may write
    to. Raises CacheDirectoryError otherwise. A link to such a directory is fine."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as e:
        raise CacheDirectoryError(f"irtk's cache directory {path} cannot be used ({e}); {_ADVICE}") from e
    if not stat.S_ISDIR(info.st_mode):
        raise CacheDirectoryError(f"irtk's cache directory {path} is not a directory; {_ADVICE}")
    if info.st_uid != os.geteuid():
        raise CacheDirectoryError(
            f"irtk's cache directory {path} belongs to another user (uid {info.st_uid}, not {os.geteuid()}): "
            f"it could hold code planted for this user to run; {_ADVICE}"
        )
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise CacheDirectoryError(
            f"irtk's cache directory {path} may be written by other users (mode {stat.S_IMODE(info.st_mode):o}): "
            f"they could plant code for this user to run; make it private with 'chmod 700 {path}', or {_ADVICE}"
        )
    return True


_ADVICE = "point IRTK_CACHE_DIR at a directory of your own (it is created with mode 0700)"


def ensure_directory(path: Path) -> Path:
    """Create `path` (mode 0700, whatever the umask) if missing, and check it (`check_directory`)."""
    if not check_directory(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass  # another process made it first: checked below
        else:
            os.chmod(path, 0o700)
        if not check_directory(path):  # a dangling link, say
            raise CacheDirectoryError(f"irtk's cache directory {path} cannot be created; {_ADVICE}")
    return path


def read_regular(path: Path, limit: int = MAX_READ) -> bytes:
    """The bytes of the regular file `path`. Never follows a link at `path` (ELOOP), never blocks on a FIFO
    (NotARegularFile): cache files are plain files, and anything else is debris to rebuild over."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def temporary_name(path: Path) -> Path:
    """A fresh temporary name next to `path`, saying who writes it (so a later start can tell it is stale)."""
    return path.with_name(f".{path.name}.{_HOST}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and `os.replace`: readers see the old file or the new
    one, never half of one."""
    tmp = temporary_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def clear_the_way(path: Path) -> None:
    """Remove debris where a cache file belongs: a directory (not a link to one), a FIFO, a socket, a device.
    Nothing happens for a regular file, a link or nothing; `os.replace` puts a new file over those."""
    try:
        info = os.lstat(path)
    except OSError:
        return
    if stat.S_ISDIR(info.st_mode):
        verbose_log(f"removing directory {path}, which is in the way of a cache file")
        shutil.rmtree(path, ignore_errors=True)
    elif not stat.S_ISREG(info.st_mode) and not stat.S_ISLNK(info.st_mode):
        verbose_log(f"removing {path}, which is not a regular file")
        with contextlib.suppress(OSError):
            path.unlink()


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float | None) -> Iterator[bool]:
    """Hold `fcntl.flock(LOCK_EX)` on `path` (yields True), waiting at most `timeout` seconds (None: no
    limit). The lock file is never deleted while entries live: deleting it would let two processes lock two
    different inodes of the same name (which costs only a duplicate compile).

    Yields False, having done without the lock, when the wait timed out (with a CacheWarning naming the lock)
    or when the lock file cannot be opened even read-only (no permission)."""
    clear_the_way(path)
    fd = _open_lock_file(path)
    if fd is None:
        yield False
        return
    try:
        yield _acquire(fd, path, timeout)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def try_lock(path: Path) -> int | None:
    """A descriptor holding the lock of `path` if nobody else holds it now, else None. Never waits."""
    fd = _open_lock_file(path)
    if fd is not None and not _acquire(fd, path, 0.0, quiet=True):
        os.close(fd)
        return None
    return fd


def _acquire(fd: int, path: Path, timeout: float | None, quiet: bool = False) -> bool:
    deadline = None if timeout is None else time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
        except OSError as e:  # a file system without flock
            verbose_log(f"cannot lock {path} ({e}); going ahead without the lock")
            return False
        if deadline is not None and time.monotonic() >= deadline:
            if not quiet:
                warnings.warn(
                    f"irtk: waited {timeout:g} s for the lock {path}, which another process holds (compiling the "
                    "same kernel, or stopped); compiling without it. The wait is the cache_lock_timeout flag.",
                    CacheWarning,
                    stacklevel=4,
                )
            return False
        time.sleep(delay if deadline is None else max(0.0, min(delay, deadline - time.monotonic())))
        delay = min(delay * 2, 0.1)


def _open_lock_file(path: Path) -> int | None:
    flags = os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
    error: OSError | None = None
    # Read-write (creating it), again once debris in its place is removed, then read-only: flock works on a
    # read-only descriptor too.
    for mode in (os.O_RDWR | os.O_CREAT, os.O_RDWR | os.O_CREAT, os.O_RDONLY):
        try:
            fd = os.open(path, mode | flags, 0o600)
        except FileNotFoundError:
            if mode & os.O_CREAT:
                raise  # the directory itself is gone: the caller starts over
            break
        except OSError as e:
            error = e
            continue
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
        os.close(fd)
        clear_the_way(path)
        error = NotARegularFile(errno.EINVAL, "not a regular file", str(path))
    verbose_log(f"cannot open lock file {path} ({error}); compiling without the lock")
    return None


def remove_stale_temporaries(directory: Path, max_age: float) -> int:
    """Remove the temporary files a killed process left in `directory`: those whose writer (named in the
    file name) is no longer running on this host, and any older than `max_age` seconds. Returns how many."""
    removed = 0
    try:
        names = os.listdir(directory)
    except OSError:
        return 0
    now = time.time()
    for name in names:
        if not (name.startswith(".") and name.endswith(".tmp")):
            continue
        path = directory / name
        try:
            age = now - os.lstat(path).st_mtime
        except OSError:
            continue
        if age > max_age or _writer_is_gone(name):
            clear_the_way(path)
            with contextlib.suppress(OSError):
                path.unlink()
            removed += 1
            verbose_log(f"removed stale temporary file {path}")
    return removed


def _writer_is_gone(name: str) -> bool:
    parts = name[1:-4].rsplit(".", 3)  # .<name>.<host>.<pid>.<random>.tmp
    if len(parts) != 4 or parts[1] != _HOST or not parts[2].isdigit():
        return False
    pid = int(parts[2])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists (another user's, say)
    return False


def stale_age() -> float:
    """How old a temporary file must be before it is stale whoever wrote it: longer than any compile may run."""
    from irtk.flags import number_flag

    return max(MIN_STALE_AGE, number_flag("compile_timeout") + 60.0)


def _host() -> str:
    name = "".join(c if c.isalnum() or c == "-" else "-" for c in socket.gethostname())[:32]
    return name or "host"


_HOST = _host()


def verbose_log(message: str) -> None:
    """One line on stderr per cache decision when IRTK_VERBOSE is set to anything but 0."""
    if os.environ.get("IRTK_VERBOSE", "0") not in ("", "0"):
        print(f"irtk: {message}", file=sys.stderr, flush=True)
