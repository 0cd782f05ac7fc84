"""Shared helpers of the analysis functions: interval summaries, argument checks, number formats."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from mixwise.errors import ConfigError

__all__ = ["check_level", "summarize_draws", "fmt_number", "fitted"]


def check_level(level: float) -> float:
    """Validate an interval probability (0 < level < 1)."""
    try:
        value = float(level)
    except (TypeError, ValueError):
        value = float("nan")
    if not 0.0 < value < 1.0:
        raise ConfigError(f"level must be a probability between 0 and 1 (e.g. 0.9); received {level!r}.")
    return value


def summarize_draws(draws: np.ndarray, level: float, axis: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean and equal-tailed interval over draws (NaN-aware).

    Args:
        draws: Array with draws along ``axis``.
        level: Interval probability.
        axis: Axis of the draws.

    Returns:
        ``(mean, lower, upper)`` with ``axis`` removed.
    """
    alpha = (1.0 - level) / 2.0
    if not np.isnan(draws).any():  # fast path (nanquantile loops in Python)
        q = np.quantile(draws, [alpha, 1.0 - alpha], axis=axis)
        return np.mean(draws, axis=axis), q[0], q[1]
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(draws, axis=axis)
        lower = np.nanquantile(draws, alpha, axis=axis)
        upper = np.nanquantile(draws, 1.0 - alpha, axis=axis)
    return mean, lower, upper


def fmt_number(value: float) -> str:
    """Compact human number: 1.2M, 35k, 2.31."""
    if value is None or not np.isfinite(value):
        return "n/a"
    a = abs(value)
    if a >= 1e9:
        return f"{value / 1e9:.1f}B"
    if a >= 1e6:
        return f"{value / 1e6:.1f}M"
    if a >= 1e4:
        return f"{value / 1e3:.0f}k"
    if a >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}"


def fitted(model: Any) -> Any:
    """Check that ``model`` is a fitted mixwise model and return it."""
    check = getattr(model, "check_fitted", None)
    if check is None:
        raise ConfigError(f"Expected a fitted mixwise model (OLSMMM or BayesianMMM); received {type(model).__name__}.")
    check()
    return model
