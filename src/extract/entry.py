"""The console script's first code: a Ctrl-C while the command line is still importing (typer,
rich, spaCy take a second or more) ends it with one line, not a traceback. Nothing has been done
by then. ``extract.cli.main`` then hands SIGINT back to Python before running a command."""

from __future__ import annotations

import os
import signal
import sys


def _stopped_while_starting(signum, frame):  # noqa: ARG001
    sys.stderr.write(f"stopped by {signal.Signals(signum).name} while starting: nothing was done\n")
    sys.stderr.flush()
    os._exit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGINT, _stopped_while_starting)
    signal.signal(signal.SIGTERM, _stopped_while_starting)
    from .cli import main as run

    run()
