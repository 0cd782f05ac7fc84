"""A rich progress bar with ETA for model fitting (the library reports progress via a callback).

The Bayesian sampler reports ``(0, total)`` when it starts, then ``(done, total)`` after every chunk of
NUTS iterations (about a tenth of the run each, see :func:`mixwise.models.bayes_model.chunk_size`).
Until the first chunk ends (JAX compiles the sampler there on a cold cache, then the early warm-up
iterations run) the bar pulses and says so; from then on it shows the real share of iterations done
and an ETA from the measured speed. Nothing is estimated from earlier runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from mixwise.cli.common import err_console

__all__ = ["fit_progress"]


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
    counting = {"started": False}

    def callback(*args: object) -> None:
        if len(args) != 2 or not all(isinstance(a, int | float) for a in args):
            return
        done, total = float(args[0]), float(args[1])  # type: ignore[arg-type]
        if total <= 0:
            return
        if done <= 0:
            progress.update(task, description=f"{description} (compiling and warming up)", total=None)
        elif not counting["started"]:
            counting["started"] = True  # restart the speed estimate: the first chunk included compiling
            progress.reset(task, description=description, total=total, completed=done)
        else:
            progress.update(task, description=description, total=total, completed=min(done, total))

    with progress:
        yield callback
