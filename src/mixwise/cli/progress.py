"""A rich progress bar with ETA for model fitting (the library reports progress via a callback).

The Bayesian sampler runs as one compiled program, so it reports only its start ``(0, total)`` and its end
``(total, total)``. Between the two the bar advances on an *estimate*: the wall time of the last fit on this
machine (remembered in the cache folder), or a default. The label says "estimated" until the fit reports.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from mixwise.cli.common import err_console

__all__ = ["fit_progress", "expected_seconds", "remember_seconds"]

_DEFAULT_SECONDS = 12.0


def _timings_file() -> Path:
    root = os.environ.get("MIXWISE_CACHE_DIR")
    return (Path(root).expanduser() if root else Path.home() / ".cache" / "mixwise") / "fit_seconds.json"


def expected_seconds(key: str = "fit") -> float:
    """The last measured fit time on this machine (a default before the first fit)."""
    with suppress(OSError, ValueError, TypeError):
        return float(json.loads(_timings_file().read_text())[key])
    return _DEFAULT_SECONDS


def remember_seconds(seconds: float, key: str = "fit") -> None:
    """Store a measured fit time for the next estimate (best effort)."""
    path = _timings_file()
    with suppress(OSError, ValueError):
        doc = json.loads(path.read_text()) if path.exists() else {}
        doc[key] = round(float(seconds), 2)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc))


@contextmanager
def fit_progress(description: str = "Fitting the model", enabled: bool = True) -> Iterator[Callable[..., None]]:
    """Yield a ``callback(done, total)`` that drives a progress bar on stderr (a no-op when disabled).

    Messages (a single string argument, as the model cache sends) are ignored.
    """
    if not enabled:
        yield lambda *args: None
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )
    task = progress.add_task(description, total=None)
    state: dict[str, float | None] = {"start": None, "expected": expected_seconds(), "done": None}
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(0.2):
            start = state["start"]
            if start is not None and state["done"] is None:
                share = min((time.monotonic() - start) / max(state["expected"] or 1.0, 0.5), 0.97)
                progress.update(task, completed=share * 100, total=100)

    def callback(*args: object) -> None:
        if len(args) != 2 or not all(isinstance(a, int | float) for a in args):
            return
        done, total = float(args[0]), float(args[1])  # type: ignore[arg-type]
        if total <= 0:
            return
        if done <= 0 and state["start"] is None:
            state["start"] = time.monotonic()
            progress.update(task, description=f"{description} (estimated)", completed=0, total=100)
        elif done >= total:
            if state["start"] is not None:
                remember_seconds(time.monotonic() - state["start"])
            state["done"] = 1.0
            progress.update(task, description=description, completed=100, total=100)
        else:
            progress.update(task, description=description, completed=100 * done / total, total=100)

    ticker = threading.Thread(target=tick, daemon=True)
    with progress:
        ticker.start()
        try:
            yield callback
        finally:
            stop.set()
            ticker.join(timeout=1)
