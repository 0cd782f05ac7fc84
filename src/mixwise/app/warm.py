"""Warm the heavy imports (matplotlib, the charts, the analyst) in the background once per server.

The first page needs none of them, so it renders without waiting; by the time a user fits a model or
asks a question they are loaded.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time

__all__ = ["warm_up", "MODULES"]

logger = logging.getLogger(__name__)

#: Modules imported in the background, in order.
MODULES = (
    "mixwise.charts",
    "mixwise.agent.answer",
    "mixwise.agent.registry",
    "mixwise.models.cache",
    "mixwise.models.ols",
    "mixwise.analysis",
    "mixwise.optimize",
    "mixwise.reports",
)
_started = threading.Event()


#: Seconds to wait before importing: the browser is still drawing the first page then.
DELAY = 3.0


def _run() -> None:
    time.sleep(DELAY)
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a failed warm-up only costs time later
            logger.debug("warm-up import of %s failed", name, exc_info=True)


def warm_up() -> None:
    """Start the background imports (only the first call in a process does anything)."""
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=_run, name="mixwise-warm-up", daemon=True).start()
