"""fineprint's disk cache: one folder, atomic writes, a bounded number of files per area, ``fineprint cache``.

Everything here only saves time: a missing, damaged or read-only cache costs the work again, never an error. The
folder is ``$FINEPRINT_CACHE_DIR`` (see fineprint/settings.py), else the platform's user cache directory. Each
*area* is a sub-folder (``rules``, ``models-v1``, ``langid``...); writing a file replaces it atomically (readers see the
old file or the new one, never half of one) and then prunes the area to its most recently used ``keep`` files.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, IO

DEFAULT_KEEP = 200


def cache_dir() -> Path | None:
    """The cache folder (None: no usable location on this platform)."""
    from .settings import from_environment

    folder = from_environment().cache_dir
    if folder:
        return Path(folder)
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    return Path(user_cache_dir("fineprint", appauthor=False))


def path(area: str, name: str) -> Path | None:
    """Where the cache keeps ``name`` of ``area`` (None: no cache folder)."""
    folder = cache_dir()
    return None if folder is None else folder / area / name


def read_bytes(area: str, name: str) -> bytes | None:
    """The cached file's bytes, marked recently used (None when absent or unreadable)."""
    target = path(area, name)
    if target is None:
        return None
    try:
        data = target.read_bytes()
    except OSError:
        return None
    touch(target)
    return data


def touch(target: Path) -> None:
    """Mark a cached file recently used: the last to be pruned."""
    try:
        os.utime(target)
    except OSError:
        pass


def write(area: str, name: str, data: bytes | Callable[[IO[bytes]], None], keep: int = DEFAULT_KEEP) -> Path | None:
    """Store ``data`` (bytes, or a function writing to a binary file) atomically; prune the area to ``keep`` files.
    Returns the file, or None when the cache could not be written (only time is lost)."""
    target = path(area, name)
    if target is None:
        return None
    try:
        write_file(target, data)
        prune(target.parent, keep)
    except OSError:
        return None
    return target


def write_file(target: Path, data: bytes | Callable[[IO[bytes]], None]) -> None:
    """Replace ``target`` atomically with ``data`` (bytes, or a function writing to a binary file); OSError on failure.
    Readers see the old file or the new one, never half of one."""
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray, memoryview)):
                fh.write(data)
            else:
                data(fh)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def prune(folder: Path, keep: int) -> None:
    """Remove all but the ``keep`` most recently used files of one area."""
    try:
        files = sorted((p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")),
                       key=lambda p: p.stat().st_mtime)
    except OSError:
        return
    for old in files[:-keep] if keep > 0 else files:
        try:
            old.unlink()
        except OSError:
            pass


def info() -> tuple[Path | None, list[tuple[str, int, int]]]:
    """(cache folder, [(area, files, bytes)]) for ``fineprint cache info``."""
    folder = cache_dir()
    areas = []
    if folder is not None and folder.is_dir():
        for sub in sorted(p for p in folder.iterdir()):
            files = [p for p in sub.rglob("*") if p.is_file()] if sub.is_dir() else [sub]
            areas.append((sub.name, len(files), sum(p.stat().st_size for p in files)))
    return folder, areas


def clear() -> tuple[int, int]:
    """Empty the cache folder: (files, bytes) removed. The next runs rebuild what they need."""
    import shutil

    folder, areas = info()
    if folder is None or not folder.is_dir():
        return 0, 0
    for sub in folder.iterdir():
        if sub.is_dir() and not sub.is_symlink():
            shutil.rmtree(sub, ignore_errors=True)
        else:
            sub.unlink(missing_ok=True)
    return sum(a[1] for a in areas), sum(a[2] for a in areas)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


def _cache_group():
    import click

    @click.group("cache")
    def cache_command():
        """fineprint's cache folder: copies and derived data that only save time (safe to delete at any time)."""

    @cache_command.command("info")
    def info_command():
        """Where the cache is, and its files per area."""
        folder, areas = info()
        if folder is None:
            click.echo("no cache folder on this platform (set FINEPRINT_CACHE_DIR)")
            return
        click.echo(f"{folder}: {sum(a[1] for a in areas)} files, {_size(sum(a[2] for a in areas))}")
        for area, files, size in areas:
            click.echo(f"  {area}: {files} files, {_size(size)}")

    @cache_command.command("clear")
    def clear_command():
        """Delete every cached file (the next run rebuilds what it needs, a little slower)."""
        files, size = clear()
        click.echo(f"removed {files} files ({_size(size)}) from {cache_dir()}")

    return cache_command


def __getattr__(name: str):
    if name == "cache_command":  # built on first use: importing the cache module must not import click
        return _cache_group()
    raise AttributeError(name)
