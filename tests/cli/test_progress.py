"""The fit progress bar: estimates between the sampler's start and end, remembers the measured time."""

from __future__ import annotations

import time

from mixwise.cli.progress import expected_seconds, fit_progress, remember_seconds


def test_remembers_the_last_fit_time(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MIXWISE_CACHE_DIR", str(tmp_path))
    assert expected_seconds() == 12.0  # default before any fit
    remember_seconds(4.25)
    assert expected_seconds() == 4.25


def test_callback_accepts_counts_and_ignores_messages(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MIXWISE_CACHE_DIR", str(tmp_path))
    with fit_progress("Fitting", enabled=True) as callback:
        callback("Loaded cached model")  # a message from the cache: ignored
        callback(0, 4)
        time.sleep(0.3)
        callback(4, 4)
    assert 0.2 < expected_seconds() < 5.0


def test_disabled_bar_is_a_no_op() -> None:
    with fit_progress(enabled=False) as callback:
        callback(0, 1)
        callback("message")
