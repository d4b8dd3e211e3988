"""requirements.lock pins the whole dependency tree that `make venv` installs: it must agree with
pyproject.toml (every declared requirement satisfied by its pinned version, every dependency of a
locked package locked too), and the environment the tests run in must be the locked one."""

import re
from importlib import metadata

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

try:  # Python 3.11
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    tomllib = None

LOCK = ROOT / "requirements.lock"
#: built from its sdist after the lock is installed (see Makefile); its only dependency, numpy, is locked
OUTSIDE_THE_LOCK = {"pkuseg", "reportx", "pip"}


def _lock() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==([^\s;]+)", line)
        assert m, f"{LOCK.name}: not an exact pin: {line!r}"
        pins[canonicalize_name(m.group(1))] = m.group(3)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    reqs += [Requirement(r) for r in project["optional-dependencies"]["test"]]
    reqs += [Requirement(line.split("#", 1)[0].strip())
             for line in (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
             if line.split("#", 1)[0].strip()]
    return reqs


def test_every_declared_requirement_is_locked_at_a_version_it_allows():
    pins = _lock()
    env = default_environment()
    problems = []
    for req in _declared():
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        name = canonicalize_name(req.name)
        if name not in pins:
            problems.append(f"{req} is not in {LOCK.name}")
        elif not req.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{req} does not allow the locked {name}=={pins[name]}")
    assert not problems, "run `make lock` after editing pyproject.toml:\n" + "\n".join(problems)


def test_the_lock_is_closed_under_the_dependencies_of_its_packages():
    """Every requirement of every locked package (as installed) is locked too, at an allowed version."""
    pins = _lock()
    env = default_environment()
    problems = []
    for name, version in pins.items():
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # reported by the next test
        for raw in dist.requires or []:
            req = Requirement(raw)
            if req.marker is not None and not req.marker.evaluate({**env, "extra": ""}):
                continue
            dep = canonicalize_name(req.name)
            if dep not in pins and dep not in OUTSIDE_THE_LOCK:
                problems.append(f"{name} needs {req}, which is not locked")
            elif dep in pins and not req.specifier.contains(pins[dep], prereleases=True):
                problems.append(f"{name} needs {req}, but the lock has {dep}=={pins[dep]}")
    assert not problems, "\n".join(problems)


def test_the_running_environment_is_the_locked_one():
    """What the tests run on is what the lock says (a stale venv or a hand-installed upgrade fails here)."""
    if not (ROOT / ".venv").exists():
        pytest.skip("not running in the project's venv")
    pins = _lock()
    wrong = []
    for name, version in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{name}=={version} is not installed")
            continue
        if canonicalize_name(installed) != canonicalize_name(version) and installed != version:
            wrong.append(f"{name}: installed {installed}, locked {version}")
    assert not wrong, "run `make venv` (or `pip install -r requirements.lock`):\n" + "\n".join(wrong)
