"""Carry-over (adstock) per channel: how long a week's spend keeps working, and when its effect peaks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mixwise.analysis._common import check_level, fitted, summarize_draws
from mixwise.formatting import display_name, fmt_pct

__all__ = ["carryover", "carryover_weights", "carryover_sentence", "CARRYOVER_COLUMNS"]

CARRYOVER_COLUMNS = [
    "channel",
    "kernel",
    "mean_lag_weeks",
    "lower",
    "upper",
    "lagged_share",
    "peak_week",
    "weeks_to_90",
    "half_life_weeks",
]


def carryover(model: Any, level: float = 0.9) -> pd.DataFrame:
    """How each channel's effect is spread over the weeks after the spend.

    From the adstock kernel of every draw (weights over lags 0..max_lag that sum to 1): the average delay
    of the effect, the share of it that lands after the week of spend, the week it peaks and the weeks
    until 90% of it has landed.

    Args:
        model: A fitted model.
        level: Probability of the equal-tailed interval of the average delay.

    Returns:
        Frame with columns ``channel, kernel, mean_lag_weeks, lower, upper, lagged_share, peak_week,
        weeks_to_90, half_life_weeks``: ``kernel`` is ``geometric`` or ``weibull``; ``mean_lag_weeks``
        (with its interval ``lower``/``upper``) the average number of weeks between a dollar spent and its
        effect; ``lagged_share`` the mean share of the effect landing after the week of spend;
        ``peak_week`` the weeks after the spend at which the mean kernel peaks (0 = in the week of spend);
        ``weeks_to_90`` the weeks (counting the week of spend as 1) by which 90% of the mean kernel's
        effect has landed; ``half_life_weeks`` as in :func:`~mixwise.analysis.saturation`. Sorted as the
        data's channels; ``frame.attrs["headline"]`` names the longest and shortest carry-over.
    """
    level = check_level(level)
    model = fitted(model)
    p = model.media_params_
    w = p.weights()  # (D, L + 1, C)
    lags = np.arange(w.shape[1], dtype=float)
    mean_lag, lower, upper = summarize_draws(np.einsum("dlc,l->dc", w, lags), level)
    mean_kernel = p.mean().weights()[0]  # (L + 1, C)
    frame = pd.DataFrame(
        {
            "channel": list(model.channels_),
            "kernel": list(p.adstock),
            "mean_lag_weeks": mean_lag,
            "lower": lower,
            "upper": upper,
            "lagged_share": 1.0 - w[:, 0, :].mean(axis=0),
            "peak_week": mean_kernel.argmax(axis=0).astype(int),
            "weeks_to_90": (np.cumsum(mean_kernel, axis=0) >= 0.9 - 1e-9).argmax(axis=0).astype(int) + 1,
            "half_life_weeks": p.half_life(),
        }
    )
    frame.attrs["headline"] = _headline(frame)
    return frame


def _headline(frame: pd.DataFrame) -> str:
    longest = frame.loc[frame["mean_lag_weeks"].idxmax()]
    shortest = frame.loc[frame["mean_lag_weeks"].idxmin()]
    text = (
        f"{display_name(longest.channel)} has the longest carry-over: {fmt_pct(longest.lagged_share, 0)} of its "
        f"effect lands after the week of spend, on average {longest.mean_lag_weeks:.1f} weeks later"
    )
    if int(longest.peak_week) >= 1:
        text += f" (peaking {int(longest.peak_week)} week{'s' if int(longest.peak_week) > 1 else ''} after the spend)"
    if len(frame) > 1 and shortest.channel != longest.channel:
        text += (
            f"; {display_name(shortest.channel)} the shortest ({fmt_pct(shortest.lagged_share, 0)} after the week of "
            f"spend)"
        )
    return text + "."


def carryover_weights(model: Any, level: float = 0.9) -> pd.DataFrame:
    """The adstock kernel of every channel: the share of a week's effect that lands k weeks later.

    Args:
        model: A fitted model.
        level: Probability of the equal-tailed interval.

    Returns:
        Long frame with columns ``channel, week, mean, lower, upper``: ``week`` 0 is the week of spend, up to
        ``max_lag``; per channel the means sum to 1.
    """
    level = check_level(level)
    model = fitted(model)
    w = model.media_params_.weights()  # (D, L + 1, C)
    mean, lower, upper = summarize_draws(w, level)  # (L + 1, C) each
    n_lags, channels = w.shape[1], list(model.channels_)
    return pd.DataFrame(
        {
            "channel": np.repeat(channels, n_lags),
            "week": np.tile(np.arange(n_lags), len(channels)),
            "mean": mean.T.ravel(),
            "lower": lower.T.ravel(),
            "upper": upper.T.ravel(),
        }
    )


def carryover_sentence(row: Any) -> str:
    """One row of :func:`carryover` in words: '56% of the effect lands after the week of spend, on average 1.3
    weeks later (90% range 0.9–1.7); it peaks in the week of spend and 90% of it has landed within 4 weeks.'"""
    peak, weeks = int(row.peak_week), int(row.weeks_to_90)
    when = f"peaks {peak} week{'s' if peak > 1 else ''} after the spend" if peak else "peaks in the week of spend"
    return (
        f"{fmt_pct(row.lagged_share, 0)} of the effect lands after the week of spend, on average "
        f"{row.mean_lag_weeks:.1f} weeks later (90% range {row.lower:.1f}–{row.upper:.1f}); it {when} and 90% of "
        f"it has landed within {weeks} week{'s' if weeks > 1 else ''}."
    )
