"""Carry-over: how each channel's effect is spread over the weeks after the spend."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from mixwise.charts._common import as_float, pick_title, require_columns
from mixwise.charts.theme import (
    INK,
    SLIDE_SIZE,
    channel_colors,
    display_name,
    figure,
    pct_axis,
    set_titles,
    style_axes,
    themed,
)

__all__ = ["plot_carryover"]


@themed
def plot_carryover(
    weights: pd.DataFrame,
    *,
    interval_label: str = "90% interval",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """One line per channel: the share of a week's effect landing 0, 1, 2... weeks after the spend.

    Args:
        weights: Kernel table ``channel, week, mean, lower, upper``
            (:func:`mixwise.analysis.carryover_weights`).
        interval_label: What the bands are (shown in the subtitle).
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes, one line per channel (``ax.lines``), bands for the intervals.
    """
    require_columns(weights, ["channel", "week", "mean", "lower", "upper"], "carryover_weights", "plot_carryover")
    channels = list(dict.fromkeys(str(c) for c in weights["channel"]))
    colors = channel_colors(channels)
    fig = figure(size)
    ax = fig.add_subplot(1, 1, 1)
    lagged: dict[str, float] = {}
    for ch in channels:
        part = weights[weights["channel"].astype(str) == ch].sort_values("week")
        x, m = as_float(part["week"]), as_float(part["mean"])
        lo, hi = as_float(part["lower"]), as_float(part["upper"])
        if np.isfinite(lo).any():
            ax.fill_between(x, lo, hi, color=colors[ch], alpha=0.12, linewidth=0)
        ax.plot(x, m, color=colors[ch], linewidth=2.8, marker="o", markersize=6, label=display_name(ch))
        lagged[ch] = float(1.0 - m[0]) if len(m) else float("nan")
    ax.set_xticks(np.arange(int(as_float(weights["week"]).max()) + 1))
    ax.set_xlabel("Weeks after the week of spend (0 = the week itself)", color=INK)
    ax.set_ylabel("Share of the effect", color=INK)
    pct_axis(ax.yaxis)
    ax.set_ylim(0, None)
    ax.legend(frameon=False, fontsize=13, loc="upper right")
    style_axes(ax, grid="y")
    known = {c: v for c, v in lagged.items() if np.isfinite(v)}
    takeaway = "How long each channel's effect lasts"
    if known:
        longest = max(known, key=known.get)
        takeaway = (
            f"{display_name(longest)}'s effect lasts longest: {known[longest]:.0%} of it lands after the week of spend"
        )
    sub = f"Line = share of one week's effect landing that many weeks later, band = {interval_label}"
    set_titles(fig, pick_title(title, takeaway), sub)
    return fig
