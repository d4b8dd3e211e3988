"""Fault-injection checkpoints for crash tests (inert unless the test environment arms one).

``checkpoint("staging")`` pauses the process forever when ``REPORTX_FAULT_PAUSE`` names that
checkpoint, after writing ``REPORTX_FAULT_MARKER``; a test then kills it with SIGKILL at exactly
that point of a run.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def checkpoint(name: str) -> None:
    """Pause here (for a test to kill the process) when armed for ``name``; otherwise do nothing."""
    if os.environ.get("REPORTX_FAULT_PAUSE") != name:
        return
    marker = os.environ.get("REPORTX_FAULT_MARKER")
    if marker:
        Path(marker).write_text(f"{name} {os.getpid()}\n", encoding="utf-8")
    while True:
        time.sleep(1)
