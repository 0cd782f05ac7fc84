"""Return on investment per channel: average ROI and marginal ROI, with intervals over draws."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mixwise.analysis._common import check_level, fitted, summarize_draws
from mixwise.errors import ConfigError
from mixwise.formatting import display_name, fmt_roi, is_money_kpi
from mixwise.transforms.media import media_contribution

__all__ = ["roi", "marginal_roi"]


def _extremes_sentence(frame: pd.DataFrame, what: str, kpi: str) -> str:
    ok = frame.dropna(subset=["mean"])
    if ok.empty:
        return f"No channel had spend in the window, so {what} cannot be computed."
    best = ok.loc[ok["mean"].idxmax()]
    worst = ok.loc[ok["mean"].idxmin()]
    if is_money_kpi(kpi):  # money per $1 spent: "$2.13 of sales per $1 (90% range $1.64-$2.70)"
        value, low, high = fmt_roi(best["mean"]), fmt_roi(best["lower"]), fmt_roi(best["upper"])
        unit, worst_value = f"of {kpi} per $1", fmt_roi(worst["mean"])
    else:
        value, low, high = (f"{best[k]:.3g}" for k in ("mean", "lower", "upper"))
        unit, worst_value = f"{kpi} per unit of spend", f"{worst['mean']:.3g}"
    text = f"{display_name(best['channel'])} has the highest {what}: {value} {unit} (interval {low} to {high})"
    if len(ok) > 1:
        text += f"; {display_name(worst['channel'])} the lowest at {worst_value}"
    return text + "."


def roi(model: Any, level: float = 0.9) -> pd.DataFrame:
    """Average ROI of each channel over the training window: contribution / spend, per draw.

    Args:
        model: A fitted model (any :class:`~mixwise.models.base.MMMBase`).
        level: Probability of the equal-tailed interval.

    Returns:
        Frame with columns ``channel, spend, contribution, mean, lower, upper``: total spend and mean
        total contribution over the window, then the ROI mean and interval over draws (NaN for a
        channel without spend). ``attrs["headline"]`` names the best and worst channel.
    """
    level = check_level(level)
    model = fitted(model)
    ds = model.dataset_
    contrib = model.media_contribution().sum(axis=1)  # (D, C)
    spend = ds.spend.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(spend > 0, contrib / np.where(spend > 0, spend, 1.0), np.nan)
    mean, lower, upper = summarize_draws(ratio, level)
    frame = pd.DataFrame(
        {
            "channel": list(model.channels_),
            "spend": spend,
            "contribution": contrib.mean(axis=0),
            "mean": mean,
            "lower": lower,
            "upper": upper,
        }
    )
    frame.attrs["headline"] = _extremes_sentence(frame, "ROI", ds.kpi_name)
    return frame


def marginal_roi(model: Any, level: float = 0.9, step: float = 0.01) -> pd.DataFrame:
    """Extra kpi per extra unit of spend when every week's spend of a channel rises by ``step``.

    The change in total contribution over the window (carry-over within the window included) is
    divided by the extra spend ``step * total spend``; channels do not interact, so all channels
    are bumped in one evaluation.

    Args:
        model: A fitted model.
        level: Probability of the equal-tailed interval.
        step: Relative spend increase (0.01 = +1%), > 0.

    Returns:
        Frame with columns ``channel, mean, lower, upper``; ``attrs["headline"]``.
    """
    level = check_level(level)
    if not (isinstance(step, int | float) and 0 < step <= 1):
        raise ConfigError(f"step must be a relative spend increase in (0, 1], e.g. 0.01; received {step!r}.")
    model = fitted(model)
    ds = model.dataset_
    params = model.media_params_
    base = media_contribution(ds.spend, params).sum(axis=1)
    bumped = media_contribution(ds.spend * (1.0 + step), params).sum(axis=1)
    extra = ds.spend.sum(axis=0) * step
    with np.errstate(divide="ignore", invalid="ignore"):
        mroi = np.where(extra > 0, (bumped - base) / np.where(extra > 0, extra, 1.0), np.nan)
    mean, lower, upper = summarize_draws(mroi, level)
    frame = pd.DataFrame({"channel": list(model.channels_), "mean": mean, "lower": lower, "upper": upper})
    frame.attrs["headline"] = _extremes_sentence(frame, "marginal ROI", ds.kpi_name)
    return frame
