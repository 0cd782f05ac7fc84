"""Response curves: one panel per channel, with the current spend and the diminishing-returns region."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from mixwise.charts._common import as_float, pick_title, require_columns
from mixwise.charts.theme import (
    BREAK_EVEN_COLOR,
    INK,
    MUTED,
    SLIDE_SIZE,
    channel_colors,
    display_name,
    figure,
    fmt_money,
    fmt_roi,
    money_axis,
    set_titles,
    short_list,
    style_axes,
    themed,
)

__all__ = ["plot_response_curves", "curve_slope", "diminishing_start", "grid_shape"]

_SHADE = "#F3F3F3"


def grid_shape(n: int) -> tuple[int, int]:
    """Rows and columns for ``n`` panels on a 16:9 slide: 1->1x1, 2->1x2, 3->1x3, 4->2x2, 6->2x3, 9->3x3."""
    if n <= 3:
        return 1, max(n, 1)
    if n == 4:
        return 2, 2
    if n <= 6:
        return 2, 3
    if n <= 9:
        return 3, 3
    return math.ceil(n / 4), 4


def curve_slope(spend: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Extra kpi per extra unit of spend along a curve (finite differences), NaN where spend does not move."""
    spend, mean = np.asarray(spend, dtype=float), np.asarray(mean, dtype=float)
    if len(spend) < 2 or np.ptp(spend) <= 0:
        return np.full(len(spend), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.gradient(mean, spend)


def diminishing_start(spend: np.ndarray, slope: np.ndarray, threshold: float = 1.0) -> float:
    """Spend from which an extra 1 of spend returns less than ``threshold`` (default 1.0, break-even).

    The region starts at the first point past the steepest part of the curve where the slope is below
    ``threshold`` (S-shaped curves are also flat near zero; that part is not "diminishing"). When the slope
    never reaches ``threshold`` the region starts at the steepest point. NaN when the slope is unknown or
    stays above ``threshold`` over the whole curve.
    """
    slope = np.asarray(slope, dtype=float)
    if not np.isfinite(slope).any():
        return float("nan")
    peak = int(np.nanargmax(slope))
    if slope[peak] < threshold:
        return float(spend[peak])
    below = np.nonzero(slope[peak:] < threshold)[0]
    return float(spend[peak + below[0]]) if below.size else float("nan")


@themed
def plot_response_curves(
    curves: pd.DataFrame,
    *,
    kpi_label: str = "Sales",
    currency: str = "$",
    interval_label: str = "90% interval",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """A panel per channel: average weekly contribution vs average weekly spend, with band and current spend.

    Shaded: the diminishing-returns region, where the curve's slope (extra kpi per extra unit of spend,
    i.e. the marginal ROI, from finite differences of ``mean`` over ``spend``) has fallen below 1.0 past
    its steepest point: spending more there returns less than it costs. The panel title gives the
    marginal return at current spend.

    Args:
        curves: Table ``channel, multiplier, spend, mean, lower, upper, is_current``; one row per channel
            and spend multiplier; ``is_current`` marks today's spend (else multiplier 1.0 is used).
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.
        interval_label: Legend label of the band.
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes per channel, each holding one curve line, one band collection and one marker.
    """
    chart = "plot_response_curves"
    require_columns(curves, ["channel", "multiplier", "spend", "mean", "lower", "upper"], "response_curves", chart)
    channels = [str(c) for c in dict.fromkeys(curves["channel"])]
    colors = channel_colors(channels)
    rows, cols = grid_shape(len(channels))
    fig = figure(size)
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    marginal: dict[str, float] = {}
    for ax, ch in zip(axes, channels, strict=False):
        part = curves[curves["channel"].astype(str) == ch].sort_values("spend", kind="stable")
        x, m = as_float(part["spend"]), as_float(part["mean"])
        lo, hi = as_float(part["lower"]), as_float(part["upper"])
        slope = curve_slope(x, m)
        start = diminishing_start(x, slope)
        if np.isfinite(start):
            ax.axvspan(start, x.max(), color=_SHADE, zorder=0, linewidth=0)
            ax.text(
                0.98,
                0.04,
                "Diminishing:\n<$1 per extra $1".replace("$", currency),
                transform=ax.transAxes,
                fontsize=10 if len(channels) > 4 else 10.5,
                color=MUTED,
                ha="right",
                va="bottom",
            )
        if np.isfinite(lo).any():
            ax.fill_between(x, lo, hi, color=colors[ch], alpha=0.18, linewidth=0)
        ax.plot(x, m, color=colors[ch], linewidth=2.6)
        if "is_current" in part.columns and part["is_current"].astype(bool).any():
            idx = int(np.argmax(part["is_current"].astype(bool).to_numpy()))
        else:
            idx = int(np.argmin(np.abs(as_float(part["multiplier"]) - 1.0)))
        marginal[ch] = float(slope[idx])
        ax.plot(
            [x[idx]], [m[idx]], "o", color=INK, markersize=9, markeredgecolor="white", markeredgewidth=1.5, zorder=5
        )
        small = len(channels) > 4
        ax.text(
            0.03,
            0.97,
            f"Now: {fmt_money(x[idx], currency)}/wk spend\n→ {fmt_money(m[idx], currency)}/wk {kpi_label.lower()}",
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=10 if small else 11.5,
            color=INK,
            zorder=6,
        )
        ax.set_title(
            f"{display_name(ch)}: next {currency}1 returns {fmt_roi(marginal[ch], currency)}",
            fontsize=14,
            color=BREAK_EVEN_COLOR if marginal[ch] < 1 else INK,
        )
        money_axis(ax.xaxis, currency)
        money_axis(ax.yaxis, currency)
        ax.set_xlim(0, x.max() * 1.02 if x.max() > 0 else 1)
        top = np.nanmax(np.r_[m, hi[np.isfinite(hi)]])
        ax.set_ylim(0, top * 1.12 if top > 0 else 1)
        ax.tick_params(labelsize=11)
        style_axes(ax, grid="y")
    for ax in axes[len(channels) :]:
        ax.set_visible(False)
    fig.supxlabel("Average weekly spend", fontsize=14, color=INK)
    fig.supylabel(f"Average weekly {kpi_label.lower()} from the channel", fontsize=14, color=INK)

    known = {c: v for c, v in marginal.items() if np.isfinite(v)}
    takeaway = "Response curves by channel"
    if known:
        best = max(known, key=known.get)
        past = [display_name(c) for c, v in known.items() if v < 1.0]
        if len(past) == len(known):
            takeaway = f"At current spend, an extra {currency}1 returns less than {currency}1 in every channel"
        else:
            takeaway = f"{display_name(best)} has the most room to grow: the next {currency}1 returns {fmt_roi(known[best], currency)}"
            if past:
                takeaway += f"; in {short_list(past)} it returns under {currency}1"
    sub = f"Line = expected weekly {kpi_label.lower()}, band = {interval_label}, dot = current spend, grey = diminishing returns"
    set_titles(fig, pick_title(title, takeaway), sub)
    return fig
