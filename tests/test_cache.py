"""The extraction cache stays within its limits, and `reportx cache` shows and clears it."""

import os
import time

import pytest
from typer.testing import CliRunner

from extract.cli import app
from flows import cache


def _entry(folder, name, size, age_days, now):
    path = folder / name
    path.write_bytes(b"x" * size)
    t = now - age_days * 86400
    os.utime(path, (t, t))
    return path


def test_entries_past_the_age_limit_go_and_young_ones_stay(tmp_path):
    now = time.time()
    old = _entry(tmp_path, "old", 10, 40, now)
    young = _entry(tmp_path, "young", 10, 1, now)
    gone = cache.evict(tmp_path, max_mb=100, max_days=30, now=now)
    assert (gone.entries, gone.bytes) == (1, 10)
    assert not old.exists() and young.exists()


def test_the_oldest_entries_go_until_the_size_limit_holds(tmp_path):
    now = time.time()
    mb = 1024 * 1024
    paths = [_entry(tmp_path, f"e{i}", mb, 5 - i, now) for i in range(5)]  # e0 oldest
    gone = cache.evict(tmp_path, max_mb=2.5, max_days=30, now=now)
    assert gone.entries == 3
    assert [p.exists() for p in paths] == [False, False, False, True, True]
    assert cache.stats(tmp_path).bytes <= 2.5 * mb


def test_a_missing_cache_folder_is_an_empty_cache(tmp_path):
    assert cache.evict(tmp_path / "nope", max_mb=0, max_days=0).entries == 0
    assert cache.stats(tmp_path / "nope").entries == 0


def test_bad_limits_name_the_variable(monkeypatch):
    monkeypatch.setenv("REPORTX_CACHE_MAX_MB", "lots")
    with pytest.raises(ValueError, match="REPORTX_CACHE_MAX_MB: .*number"):
        cache.limits()


def test_cache_info_and_clear(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTX_CACHE_DIR", str(tmp_path))
    now = time.time()
    _entry(tmp_path, "a", 2000, 0, now)
    _entry(tmp_path, "b", 3000, 0, now)
    info = CliRunner().invoke(app, ["cache", "info"])
    assert info.exit_code == 0 and f"{tmp_path}: 2 entries" in info.output
    cleared = CliRunner().invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed 2 entries" in cleared.output
    assert cache.stats(tmp_path).entries == 0 and tmp_path.is_dir()
