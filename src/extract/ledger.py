"""The run ledger: every input file of every run and the state it ended in.

``DATA_DIR/ledger.jsonl`` gets one line per input file per run (appended under the publish
lock): run id, time, source, state (published / skipped / quarantined), reason, doc_id, and
the version the run left as ``latest``. ``reportx status`` reads the last state of every
source. Quarantined files stay where they are (the ledger references them with the sha256 of
their bytes) and are tried again by every later run, so a fixed file is picked up by itself.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from . import jsonl

LEDGER = "ledger.jsonl"


@dataclass
class Entry:
    run: str
    time: str
    source: str
    state: str
    reason: str
    doc_id: str
    version: str | None
    sha256: str | None = None
    #: the folder the run started in: a relative ``source`` is relative to it (repair needs that)
    working_dir: str | None = None


def _file_hash(path: str) -> str | None:
    """sha256 of a quarantined file's bytes (read in chunks); None for anything but a regular
    file (a FIFO would block, a link to /dev/zero never ends)."""
    import stat

    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def record_run(data_dir: Path, run: str, outcomes: Iterable, version: str | None) -> int:
    """Append the run's outcomes to the ledger; return how many lines were written."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    cwd = os.fsencode(os.getcwd()).decode("utf-8", "backslashreplace")
    lines = []
    for o in outcomes:
        sha = _file_hash(o.source) if o.state == "quarantined" else None
        lines.append(jsonl.dumps(asdict(Entry(run, now, o.source, o.state, o.reason, o.doc_id, version, sha, cwd)), sort_keys=False))
    if lines:
        with open(data_dir / LEDGER, "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
            f.flush()
            os.fsync(f.fileno())
    return len(lines)


def read(data_dir: Path) -> list[Entry]:
    """All ledger lines, oldest first (a torn last line from a crash is skipped)."""
    path = Path(data_dir) / LEDGER
    if not path.is_file():
        return []
    out = []
    # split on \n only (a U+2028 in a reason is no line break); a line torn by a crash is skipped
    for line in path.read_bytes().decode("utf-8", errors="replace").split("\n"):
        if not line.strip():
            continue
        try:
            out.append(Entry(**json.loads(line)))
        except (json.JSONDecodeError, TypeError):
            continue
    return out


def current(data_dir: Path) -> dict[str, Entry]:
    """The last recorded state of every source file."""
    return {e.source: e for e in read(data_dir)}


def started_in(data_dir: Path) -> dict[str, list[str]]:
    """Relative source path as recorded -> the folders the runs that read it started in, newest
    first: where a relative path in a manifest or the ledger is to be found again."""
    out: dict[str, list[str]] = {}
    for e in reversed(read(data_dir)):
        if e.working_dir and not os.path.isabs(e.source) and e.working_dir not in out.get(e.source, []):
            out.setdefault(e.source, []).append(e.working_dir)
    return out


def candidate_paths(source: str, dirs: dict[str, list[str]]) -> list[str]:
    """``source`` as written, then joined to each folder a run that recorded it started in."""
    return [source, *(os.path.join(w, source) for w in dirs.get(source, []))]
