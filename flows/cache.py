"""The extraction cache: persisted results of the flow's per-document extraction task.

Each entry is one document's extraction under one cache key (content hash, extraction
fingerprint, extractor selection, code version; see ``flows.ingest._extraction_key``). It lets a
run that crashed between extraction and publishing reuse the work. Entries are never needed
again once their document is published, so the cache is bounded: at the start of every run the
entries older than ``REPORTX_CACHE_MAX_DAYS`` (default 30) are removed, then the oldest ones
until the folder holds at most ``REPORTX_CACHE_MAX_MB`` (default 1024). A removed entry only
means that document is extracted again if it is ever needed.

Where: ``REPORTX_CACHE_DIR``, by default ``PREFECT_HOME/reportx-cache`` (the one Prefect home
every entry point uses). ``reportx cache info`` and ``reportx cache clear`` show and empty it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from extract import settings


def cache_dir() -> Path:
    """Setting ``cache_dir`` (``REPORTX_CACHE_DIR``), by default ``$PREFECT_HOME/reportx-cache``."""
    folder = settings.current().cache_dir
    if folder is not None:
        return folder
    from flows.server import prefect_home

    return prefect_home() / "reportx-cache"


def limits() -> tuple[float, float]:
    """(max MB, max days) from the settings; a bad value is a SettingsError naming the variable."""
    s = settings.current()
    return s.cache_max_mb, s.cache_max_days


@dataclass
class CacheStats:
    path: Path
    entries: int
    bytes: int


def _entries(folder: Path) -> list[tuple[float, int, Path]]:
    """(mtime, size, path) of every file in the cache, oldest first."""
    out = []
    if not folder.is_dir():
        return out
    for p in folder.rglob("*"):
        try:
            st = p.lstat()
        except OSError:
            continue
        if p.is_file() and not p.is_symlink():
            out.append((st.st_mtime, st.st_size, p))
    return sorted(out)


def stats(folder: Path | None = None) -> CacheStats:
    folder = folder or cache_dir()
    items = _entries(folder)
    return CacheStats(folder, len(items), sum(size for _, size, _ in items))


def evict(folder: Path | None = None, max_mb: float | None = None, max_days: float | None = None,
          now: float | None = None) -> CacheStats:
    """Remove entries past the age limit, then the oldest until the size limit holds; returns what
    was removed."""
    folder = folder or cache_dir()
    if max_mb is None or max_days is None:
        env_mb, env_days = limits()
        max_mb = env_mb if max_mb is None else max_mb
        max_days = env_days if max_days is None else max_days
    now = time.time() if now is None else now
    items = _entries(folder)
    total = sum(size for _, size, _ in items)
    removed = removed_bytes = 0
    budget = max_mb * 1024 * 1024
    for mtime, size, path in items:  # oldest first
        if now - mtime <= max_days * 86400 and total <= budget:
            break
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        total -= size
        removed += 1
        removed_bytes += size
    return CacheStats(folder, removed, removed_bytes)


def clear(folder: Path | None = None) -> CacheStats:
    """Remove every entry (the folder stays)."""
    return evict(folder, max_mb=0, max_days=0)
