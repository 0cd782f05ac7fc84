"""Response curves and saturation status per channel."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mixwise.analysis._common import check_level, fitted, fmt_number, summarize_draws
from mixwise.analysis.roi import marginal_roi, roi
from mixwise.errors import ConfigError
from mixwise.transforms.saturation import hill

__all__ = ["response_curve", "response_curves", "saturation", "CURVE_DRAWS"]

#: Draws used for response curves (evenly thinned), enough for stable intervals and fast.
CURVE_DRAWS = 250

_COLUMNS = ["channel", "multiplier", "spend", "mean", "lower", "upper", "is_current"]


def _multipliers(n_points: int, max_multiplier: float) -> np.ndarray:
    if isinstance(n_points, bool) or not isinstance(n_points, int | np.integer) or n_points < 2:
        raise ConfigError(f"n_points must be an integer >= 2; received {n_points!r}.")
    if not (isinstance(max_multiplier, int | float) and np.isfinite(max_multiplier) and max_multiplier > 0):
        raise ConfigError(f"max_multiplier must be a positive number such as 2.0; received {max_multiplier!r}.")
    mult = np.linspace(0.0, float(max_multiplier), int(n_points))
    if not np.any(np.isclose(mult, 1.0)) and max_multiplier >= 1.0:
        mult = np.sort(np.append(mult, 1.0))
    return mult


def response_curve(
    model: Any, channel: str, n_points: int = 41, max_multiplier: float = 2.0, level: float = 0.9
) -> pd.DataFrame:
    """Average weekly contribution of one channel when its whole spend history is scaled.

    Args:
        model: A fitted model.
        channel: Channel name or the user's label (case-insensitive).
        n_points: Number of multipliers from 0 to ``max_multiplier`` (1.0 is always included).
        max_multiplier: Largest multiple of the current spend.
        level: Probability of the equal-tailed interval.

    Returns:
        Frame with columns ``channel, multiplier, spend, mean, lower, upper, is_current``:
        spend is the average weekly spend at that multiplier; mean/lower/upper the average weekly
        contribution (kpi units); ``is_current`` is True at multiplier 1.

    Raises:
        UnknownChannelError: ``channel`` is not in the data.
    """
    level = check_level(level)
    model = fitted(model)
    ds = model.dataset_
    i = ds.channel_index(channel)
    mult = _multipliers(n_points, max_multiplier)
    p = model.media_params_.thin(CURVE_DRAWS)
    # Adstock is linear, so adstock(m * x) = m * adstock(x): adstock once, saturate per multiplier.
    ad = p.channels([i]).adstocked(ds.spend[:, [i]])  # (D, T, 1)
    n_mult = len(mult)
    sat = hill(
        ad * mult[None, None, :],
        np.repeat(p.half_saturation[:, [i]], n_mult, axis=1),
        np.repeat(p.slope[:, [i]], n_mult, axis=1),
    )  # (D, T, M)
    weekly = p.coef[:, [i]] * sat.mean(axis=1)  # (D, M)
    mean, lower, upper = summarize_draws(weekly, level)
    name = ds.channels[i]
    frame = pd.DataFrame(
        {
            "channel": name,
            "multiplier": mult,
            "spend": ds.spend[:, i].mean() * mult,
            "mean": mean,
            "lower": lower,
            "upper": upper,
            "is_current": np.isclose(mult, 1.0),
        },
        columns=_COLUMNS,
    )
    cur = frame[frame["is_current"]]
    if not cur.empty:
        row = cur.iloc[0]
        frame.attrs["headline"] = (
            f"At its current {fmt_number(row['spend'])} a week, {name} adds about {fmt_number(row['mean'])} "
            f"{ds.kpi_name} a week; doubling spend is projected to add "
            f"{fmt_number(frame['mean'].iloc[-1] - row['mean'])} more."
            if np.isclose(mult[-1], 2.0)
            else f"At its current {fmt_number(row['spend'])} a week, {name} adds about "
            f"{fmt_number(row['mean'])} {ds.kpi_name} a week."
        )
    else:
        frame.attrs["headline"] = f"Response of {name} for spend up to {max_multiplier:g}x the current level."
    return frame


def response_curves(model: Any, n_points: int = 41, max_multiplier: float = 2.0, level: float = 0.9) -> pd.DataFrame:
    """:func:`response_curve` for every channel, concatenated (same columns)."""
    model = fitted(model)
    frames = [response_curve(model, ch, n_points, max_multiplier, level) for ch in model.channels_]
    frame = pd.concat(frames, ignore_index=True)
    frame.attrs["headline"] = (
        f"Response curves for {len(frames)} channels, from zero to {max_multiplier:g}x current spend."
    )
    return frame


def saturation(model: Any, level: float = 0.9) -> pd.DataFrame:
    """How close each channel is to its ceiling, and whether more spend would pay.

    ``saturation`` is the Hill value (0..1, share of the channel's maximum weekly effect) at the
    channel's average adstocked spend over the weeks where its adstocked spend is positive, per
    draw. Status rule, applied in this order:

    * ``"saturated"`` when the mean saturation >= 0.7, or the marginal ROI < 1 while ROI > 1
      (spend already works on average but the next unit returns less than it costs);
    * ``"headroom"`` when the mean saturation < 0.4;
    * ``"efficient"`` otherwise.

    Returns:
        Frame with columns ``channel, saturation, lower, upper, half_life_weeks, peak_week,
        marginal_roi, roi, status`` (``peak_week``: weeks after the spend at which the carry-over peaks,
        0 unless the channel has a delayed, Weibull kernel).
    """
    level = check_level(level)
    model = fitted(model)
    ds = model.dataset_
    p = model.media_params_
    ad = p.adstocked(ds.spend)  # (D, T, C)
    active = ad > 0
    avg = np.where(active.any(axis=1), (ad * active).sum(axis=1) / np.maximum(active.sum(axis=1), 1), 0.0)
    sat = hill(avg[:, None, :], p.half_saturation, p.slope)[:, 0, :]  # (D, C)
    mean, lower, upper = summarize_draws(sat, level)
    r = roi(model, level)["mean"].to_numpy()
    m = marginal_roi(model, level)["mean"].to_numpy()
    status = []
    for s_val, r_val, m_val in zip(mean, r, m, strict=True):
        if s_val >= 0.7 or (np.isfinite(r_val) and np.isfinite(m_val) and m_val < 1.0 and r_val > 1.0):
            status.append("saturated")
        elif s_val < 0.4:
            status.append("headroom")
        else:
            status.append("efficient")
    frame = pd.DataFrame(
        {
            "channel": list(model.channels_),
            "saturation": mean,
            "lower": lower,
            "upper": upper,
            "half_life_weeks": p.half_life(),
            "peak_week": p.peak_week(),
            "marginal_roi": m,
            "roi": r,
            "status": status,
        }
    )
    groups = {k: [c for c, s in zip(frame["channel"], status, strict=True) if s == k] for k in set(status)}
    parts = [f"{k}: {', '.join(v)}" for k, v in sorted(groups.items())]
    frame.attrs["headline"] = "Saturation status by channel - " + "; ".join(parts) + "."
    return frame
