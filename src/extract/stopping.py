"""A stop that cannot be swallowed: SIGINT/SIGTERM are remembered, not only raised.

The CLI's signal handler raises :class:`Stopped` so that every ``with`` and ``finally`` of a run
unwinds. Python ignores an exception raised while it runs a ``__del__`` method or a weakref
callback, though, so a signal landing there would be lost and the work would go on to publish.
The handler therefore also calls :func:`request`, and the one place that commits a version
(:func:`extract.dataset.publish`, just before the rename) calls :func:`check`: a requested stop
is honoured there whatever swallowed the first exception.
"""

from __future__ import annotations

import signal

_requested: int | None = None


class Stopped(BaseException):
    """SIGINT or SIGTERM arrived: unwind so that everything started is stopped, publish nothing."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


def request(signum: int) -> None:
    """Remember that a stop was asked for (called from the signal handler)."""
    global _requested
    _requested = signum


def requested() -> int | None:
    """The signal number of a stop asked for since the last :func:`clear`, else None."""
    return _requested


def check() -> None:
    """Raise :class:`Stopped` if a stop was asked for; a safe point before committing anything."""
    if _requested is not None:
        raise Stopped(_requested)


def clear() -> None:
    global _requested
    _requested = None
