"""Extractor registry: built-ins and third-party extractors come in through one entry point group.

An extractor is registered under a versioned name (``policy.rules.v1``) in the
``reportx.extractors`` entry-point group. Duplicate names are refused; an unknown name fails
listing the known ones. The record kind an extractor produces is registered the same way, in the
``reportx.kinds`` group (``extract.records.RECORD_MODELS``): a package can bring both.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Iterable

from pydantic import BaseModel, ValidationError

from .. import settings
from ..records import KIND_ENTRY_POINT_GROUP, RECORD_MODELS
from .base import ExtractionContext, Extractor, ExtractorConfig, RuleExtractor

ENTRY_POINT_GROUP = "reportx.extractors"

__all__ = [
    "ENTRY_POINT_GROUP", "ExtractionContext", "Extractor", "ExtractorConfig", "RuleExtractor",
    "UnknownExtractorError", "available", "create", "identities", "register",
]

_EXTRA: dict[str, type] = {}


class UnknownExtractorError(KeyError):
    def __init__(self, name: str, known: list[str]):
        self.name = name
        self.known = known
        super().__init__(f"unknown extractor {name!r}; known extractors: {', '.join(known)}")

    def __str__(self) -> str:
        return self.args[0]


@lru_cache(maxsize=1)
def _from_entry_points() -> dict[str, type]:
    found: dict[str, type] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in found:
            raise ValueError(f"extractor name {ep.name!r} is registered twice ({ep.value})")
        cls = ep.load()
        if getattr(cls, "name", None) != ep.name:
            raise ValueError(f"entry point {ep.name!r} loads {cls!r} whose name is {getattr(cls, 'name', None)!r}")
        found[ep.name] = cls
    return found


def available() -> dict[str, type]:
    """All registered extractor classes by name (sorted)."""
    merged = dict(_from_entry_points())
    for name, cls in _EXTRA.items():
        merged[name] = cls
    return dict(sorted(merged.items()))


def register(cls: type) -> type:
    """Register an extractor class in this process (tests, notebooks); duplicate names are refused."""
    if not isinstance(getattr(cls, "name", None), str) or not cls.name:
        raise ValueError(f"{cls!r} has no registry name")
    if cls.name in _from_entry_points() or cls.name in _EXTRA:
        raise ValueError(f"extractor name {cls.name!r} is already registered")
    _EXTRA[cls.name] = cls
    return cls


def create(names: list[str] | None = None, configs: dict[str, dict] | None = None) -> list[Extractor]:
    """Instantiate extractors by name (default: all registered), each with its config (default: the
    settings' ``extractors`` tables, ``extract.settings``). A config for an extractor nobody
    registered, or a key its ``Config`` does not know, is a ``SettingsError``."""
    known = available()
    names = list(known) if not names else names
    if configs is None:
        configs = settings.current().extractors
    stray = sorted(set(configs) - set(known))
    if stray:
        raise settings.SettingsError(f"extractors.{stray[0]}: config for an extractor that is not registered; "
                                     f"known extractors: {', '.join(known)}")
    out = []
    for name in names:
        if name not in known:
            raise UnknownExtractorError(name, list(known))
        kind = getattr(known[name], "kind", None)
        if kind not in RECORD_MODELS:
            raise ValueError(f"extractor {name!r} produces records of kind {kind!r}, which no record model declares "
                             f"(a package registers its model in the {KIND_ENTRY_POINT_GROUP!r} entry points; "
                             f"kinds: {', '.join(RECORD_MODELS)})")
        try:
            out.append(known[name](configs.get(name)))
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors())
            raise settings.SettingsError(f"extractors.{name}: {problems}") from None
    return out


def identities(extractors: Iterable[Extractor]) -> list[tuple[str, str]]:
    """(name, version) of each extractor as a dataset records it: the fingerprint of a run and the
    manifest's ``extractors``. An extractor whose config is not its default one has the version
    ``4+config.<digest>`` (sha256 of the non-default values), so records made under other settings
    are never reused as if made under these."""
    out = []
    for e in extractors:
        config = getattr(e, "config", None)
        changed = config.model_dump(mode="json", exclude_defaults=True) if isinstance(config, BaseModel) else {}
        version = e.version
        if changed:
            digest = hashlib.sha256(json.dumps(changed, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
            version = f"{version}+config.{digest[:12]}"
        out.append((e.name, version))
    return out
