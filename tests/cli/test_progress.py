"""The fit progress bar: pulses until the sampler's first chunk, then shows the real share done."""

from __future__ import annotations

from mixwise.cli.progress import fit_progress


def _task(callback):
    progress = callback.__closure__  # the bar is internal; read it through the callback's closure
    for cell in progress:
        value = cell.cell_contents
        if hasattr(value, "tasks"):
            return value.tasks[0]
    raise AssertionError("no progress bar in the callback's closure")


def test_bar_pulses_while_compiling_then_counts_real_iterations() -> None:
    with fit_progress("Fitting", enabled=True) as callback:
        task = _task(callback)
        callback("Loaded cached model")  # a message from the cache: ignored
        callback(0, 1000)
        assert task.total is None and "compiling" in task.description
        callback(100, 1000)
        assert (task.completed, task.total, task.description) == (100, 1000, "Fitting")
        callback(600, 1000)
        assert task.completed == 600
        callback(1000, 1000)
        assert task.finished


def test_disabled_bar_is_a_no_op() -> None:
    with fit_progress(enabled=False) as callback:
        callback(0, 1)
        callback("message")
