"""One settings object: every ``REPORTX_`` variable and the extractors' configs, read in one place.

Sources, strongest first:

1. the environment, prefix ``REPORTX_`` (``REPORTX_JOBS=2``, ``REPORTX_PDF_MAX_PAGES=200``);
2. a TOML file named by ``REPORTX_CONFIG`` (top-level keys, ``[extractors."policy.rules.v1"]``);
3. ``[tool.reportx]`` of the ``pyproject.toml`` in the working directory (same keys);
4. the defaults below.

Extractor configs (``[tool.reportx.extractors."partnership.rules.v1"] min_parties = 3``) are
validated by the extractor's own ``Config`` model when the extractor is created and enter the
dataset fingerprint, so a run with other settings re-extracts rather than reusing records made
under the old ones (``extract.extractors.identities``).

``current()`` builds the object once per process and environment: the CLI, the flow and each
worker process read it at their start and pass what they need down. A bad value is a
``SettingsError`` naming the variable or file and what it expects.

Not settings, so not here: ``REPORTX_FAULT_PAUSE`` / ``REPORTX_FAULT_MARKER`` (crash-test hooks,
``faults.py``) and ``REPORTX_FORKSERVER_PRELOAD`` (a message from a pool to its own forkserver).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings, PydanticBaseSettingsSource, PyprojectTomlConfigSettingsSource, SettingsConfigDict,
    TomlConfigSettingsSource,
)

PREFIX = "REPORTX_"
#: a file of settings (TOML); its keys are the field names below
CONFIG_ENV = PREFIX + "CONFIG"
#: variables with this prefix that are not settings (see the module doc)
_NOT_SETTINGS = ("REPORTX_FAULT_PAUSE", "REPORTX_FAULT_MARKER", "REPORTX_FORKSERVER_PRELOAD")


#: settings that change which components read a document, so what records it gives
PIPELINE = ("ner", "ruler", "entities")


class SettingsError(ValueError):
    """A setting with a value it cannot take; the message names the variable or file."""


class Settings(BaseSettings):
    """What a run may be told from outside the code (field ``x`` is ``REPORTX_X``)."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", frozen=True,
                                      pyproject_toml_table_header=("tool", "reportx"))

    # -- extraction
    jobs: int | None = Field(None, description="extraction processes; unset, auto or 0: one per core")
    entities: bool = Field(True, description="the entity layer over each document (0/off: rules read raw text)")
    ner: bool = Field(True, description="the trained NER in the pipeline (0/off: rules and gazetteers only)")
    ruler: bool = Field(True, description="the gazetteer entity ruler in the pipeline (0/off: the NER's entities only)")
    extractors: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="per-extractor config, by registry name (TOML tables)")
    # -- input limits
    max_bytes: int = Field(32 * 1024 * 1024, gt=0, description="largest input file read (bytes)")
    pdf_max_pages: int = Field(1000, gt=0, description="a PDF with more pages is quarantined")
    pdf_page_seconds: float = Field(20.0, gt=0, description="time for one PDF page")
    pdf_total_seconds: float = Field(300.0, gt=0, description="time for one PDF file")
    pdf_max_memory_mb: int = Field(2048, gt=0, description="address space of the process parsing one PDF")
    # -- the flow's cache and server
    cache_dir: Path | None = Field(None, description="Prefect result cache (default: $PREFECT_HOME/reportx-cache)")
    cache_max_mb: float = Field(1024.0, ge=0, description="the result cache is trimmed to this size")
    cache_max_days: float = Field(30.0, ge=0, description="cached results older than this are removed")
    server_start_seconds: float = Field(600.0, gt=0, description="a server start may take this long before the run gives up "
                                        "(a cold Prefect home on a busy machine: about 60 s)")

    @field_validator("jobs", mode="before")
    @classmethod
    def _auto_jobs(cls, v: Any) -> Any:
        if isinstance(v, str) and v.strip().lower() in ("", "auto", "0"):
            return None
        if v == 0:
            return None
        return v

    @field_validator("jobs")
    @classmethod
    def _positive_jobs(cls, v: int | None) -> int | None:
        if v is not None and v < 1:
            raise ValueError("must be at least 1, or auto")
        return v

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _empty_dir(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.strip()
            return Path(v).expanduser() if v else None
        return v

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config = os.environ.get(CONFIG_ENV, "").strip()
        if config:
            path = Path(config).expanduser()
            if not path.is_file():
                raise SettingsError(f"{CONFIG_ENV}={config}: no such file")
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        sources.append(PyprojectTomlConfigSettingsSource(settings_cls, Path("pyproject.toml")))  # none: no values
        return tuple(sources)

    def pipeline_changes(self) -> dict[str, bool]:
        """The switches of what reads a document (``PIPELINE``) that are off their default: they
        enter the dataset fingerprint, so records made without the NER are not reused by a run with it."""
        return {k: getattr(self, k) for k in PIPELINE if getattr(self, k) != type(self).model_fields[k].default}

    def effective_jobs(self, documents: int | None = None) -> int:
        """Worker processes for ``documents`` documents: ``jobs`` or one per core, at most one per document."""
        jobs = self.jobs
        if jobs is None:
            jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        if documents is not None:
            jobs = min(jobs, max(documents, 1))
        return max(jobs, 1)


def _where(loc: tuple) -> str:
    """The variable, or the key and file, a validation error is about."""
    head = str(loc[0]) if loc else "?"
    var = PREFIX + head.upper()
    if var in os.environ:
        return var
    files = [f for f in (os.environ.get(CONFIG_ENV, "").strip(),) if f]
    if Path("pyproject.toml").is_file():
        files.append("pyproject.toml [tool.reportx]")
    key = ".".join(str(x) for x in loc)
    return f"{key} in {' or '.join(files)}" if files else key


def load(**overrides: Any) -> Settings:
    """Read the settings now (environment, config file, pyproject), ``overrides`` winning."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(f"{_where(e['loc'])}: {e['msg']} (got {e.get('input')!r})" for e in exc.errors())
        raise SettingsError(f"bad setting: {problems}") from None
    except ValueError as exc:  # a TOML file that does not parse
        raise SettingsError(f"bad settings file: {exc}") from None


_cache: dict[tuple, Settings] = {}


def _environment_key() -> tuple:
    env = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(PREFIX) and k not in _NOT_SETTINGS))
    try:
        cwd = os.getcwd()
    except OSError:  # a working directory deleted under the process
        cwd = ""
    files = []
    for name in (os.environ.get(CONFIG_ENV, "").strip(), "pyproject.toml"):
        try:
            st = os.stat(name) if name else None
            files.append((st.st_mtime_ns, st.st_size) if st else None)
        except OSError:
            files.append(None)
    return env, cwd, tuple(files)


def current() -> Settings:
    """The settings of this process, built once (again only if the ``REPORTX_`` environment, the
    working directory or a settings file changes: tests, a long-lived ``reportx serve``)."""
    key = _environment_key()
    found = _cache.get(key)
    if found is None:
        _cache.clear()
        found = _cache[key] = load()
    return found
