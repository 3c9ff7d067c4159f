"""`python -m irtk.cache`: show, check and clear irtk's compile cache.

    python -m irtk.cache show [--entries]   where it is, how many entries, how large, its limit
    python -m irtk.cache check [--fix]      verify every entry as a compile would; --fix removes bad ones
    python -m irtk.cache clear              remove every entry (files irtk did not write are left alone)

The directory is `IRTK_CACHE_DIR` (see `irtk.runtime.cache.cache_dir`). Why a command: the cache is safe to
delete by hand, but a user who suspects it (a crash after a compiler upgrade, a full disk) should be able to
see what is in it and check it without knowing its layout. Exit status: 0 when all is well, 1 when `check`
found entries that are not what their keys say, 2 when the directory is not safe to use or the arguments
are wrong. See docs/reliability.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from irtk.runtime import lowering_cache
from irtk.runtime.cache import cache_dir, verify_entry
from irtk.runtime.cache_eviction import CacheEntry, remove_entry, scan
from irtk.runtime.cache_files import CacheDirectoryError, check_directory, remove_stale_temporaries, stale_age
from irtk.runtime.precompiled_preamble import verify_preamble


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m irtk.cache", description="Show, check and clear irtk's compile cache."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="{show,check,clear}")
    show = commands.add_parser("show", help="where the cache is, its entries and size")
    show.add_argument("--entries", action="store_true", help="list every entry, least recently used first")
    check = commands.add_parser("check", help="verify every entry")
    check.add_argument("--fix", action="store_true", help="remove the entries that fail, and stale temporary files")
    commands.add_parser("clear", help="remove every entry")
    args = parser.parse_args(argv)
    directory = cache_dir()
    try:
        exists = check_directory(directory)
    except CacheDirectoryError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if not exists:
        print(f"location  {directory} (does not exist yet: nothing is cached)")
        return 0
    return {"show": _show, "check": _check, "clear": _clear}[args.command](directory, args)


def _show(directory: Path, args: argparse.Namespace) -> int:
    from irtk.flags import number_flag

    contents = scan(directory)
    kinds = [e.kind for e in contents.entries]
    limit = number_flag("cache_max_size")
    mode = stat.S_IMODE(os.stat(directory).st_mode)
    print(f"location  {directory} (mode {mode:o})")
    print(
        f"entries   {kinds.count('kernel')} compiled kernels, {kinds.count('lowering')} lowered functions, "
        f"{kinds.count('preamble')} precompiled preambles"
    )
    print(f"size      {_human(contents.size)} of {_human(limit) if limit else 'no limit'} (flag cache_max_size)")
    if contents.temporaries:
        print(f"temporary {len(contents.temporaries)} files (being written, or left by a killed process)")
    if contents.other:
        print(f"other     {len(contents.other)} files irtk did not write: {_names(contents.other)}")
    if args.entries:
        for entry in sorted(contents.entries, key=lambda e: e.last_use):
            used = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(entry.last_use))
            print(f"  {entry.kind:<8}  {entry.key[:16]}  {_human(entry.size):>10}  last used {used}")
    return 0


def verify(entry: CacheEntry) -> str | None:
    """None when `entry` would be used as it is, else what is wrong with it."""
    if entry.kind == "lowering":
        return lowering_cache.verify_file(entry.paths[0])
    if entry.kind == "preamble":
        problem = verify_preamble(entry.directory / f"{entry.key}.h")
        return "incomplete: no precompiled header (its build failed, or is running now)" if problem == "missing" else problem
    problem = verify_entry(entry.directory, entry.key)
    if problem == "missing":
        return "incomplete: no shared object (its compile failed, or is running now)"
    return problem


def _check(directory: Path, args: argparse.Namespace) -> int:
    contents = scan(directory)
    bad = 0
    for entry in contents.entries:
        problem = verify(entry)
        if problem is None:
            continue
        bad += 1
        action = ""
        if args.fix:
            action = " (removed)" if remove_entry(entry) else " (in use by a compile now: kept)"
        print(f"{entry.kind} entry {entry.key}: {problem}{action}")
    stale = remove_stale_temporaries(directory, stale_age()) if args.fix else 0
    removed = f", {stale} stale temporary files removed" if stale else ""
    print(f"checked {len(contents.entries)} entries in {directory}: {bad} bad{removed}")
    return 1 if bad and not args.fix else 0


def _clear(directory: Path, args: argparse.Namespace) -> int:
    contents = scan(directory)
    kept = [e for e in contents.entries if not remove_entry(e)]
    for path in contents.temporaries:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    print(f"removed {len(contents.entries) - len(kept)} entries ({_human(contents.size)}) from {directory}")
    if kept:
        print(f"kept {len(kept)} entries that a compile is using now")
    if contents.other:
        print(f"left {len(contents.other)} files irtk did not write: {_names(contents.other)}")
    return 0


def _names(paths: list[Path]) -> str:
    return ", ".join(p.name for p in paths[:5]) + (", ..." if len(paths) > 5 else "")


def _human(size: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


if __name__ == "__main__":
    sys.exit(main())
