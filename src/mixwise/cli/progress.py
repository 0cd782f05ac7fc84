"""A rich progress bar with ETA for model fitting (the library reports progress via a callback)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from mixwise.cli.common import err_console

__all__ = ["fit_progress"]


@contextmanager
def fit_progress(description: str = "Fitting the model", enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """Yield a ``callback(done, total)`` that drives a progress bar on stderr (a no-op when disabled)."""
    if not enabled:
        yield lambda done, total: None
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

    def callback(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    with progress:
        yield callback
