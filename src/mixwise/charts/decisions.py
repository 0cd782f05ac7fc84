"""Decision charts: optimiser allocation, period drivers waterfall, scenario impact."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from mixwise.charts._common import as_float, pick_title, require_columns
from mixwise.charts.theme import (
    INK,
    MUTED,
    SLIDE_SIZE,
    TOTAL_COLOR,
    base_colors,
    channel_colors,
    display_name,
    figure,
    fmt_money,
    fmt_pct,
    fmt_signed_money,
    money_axis,
    set_titles,
    short_list,
    style_axes,
    themed,
)

__all__ = ["plot_allocation", "plot_waterfall", "plot_scenario"]

_UP = "#2E7D32"
_DOWN = "#C0392B"


def _sign_color(value: float) -> str:
    return _UP if value >= 0 else _DOWN


@themed
def plot_allocation(
    plan: pd.DataFrame,
    *,
    kpi_change: float | None = None,
    kpi_label: str = "Sales",
    currency: str = "$",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """Current vs recommended spend per channel (paired horizontal bars), biggest increase on top.

    Args:
        plan: Allocation table ``channel, current, recommended, change, change_pct`` (``marginal_roi``
            optional); ``change_pct`` is a fraction (0.18 = +18%).
        kpi_change: Expected kpi gain of the plan, added to the title when given.
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes holding two bar patches per channel: current (pale) and recommended (full colour).
    """
    chart = "plot_allocation"
    require_columns(plan, ["channel", "current", "recommended", "change", "change_pct"], "allocation", chart)
    frame = plan.assign(_chg=as_float(plan["change"])).sort_values("_chg", ascending=True, kind="stable")
    channels = [str(c) for c in frame["channel"]]
    colors = channel_colors(channels)
    cur, rec = as_float(frame["current"]), as_float(frame["recommended"])
    chg, pct = as_float(frame["change"]), as_float(frame["change_pct"])
    y = np.arange(len(channels))
    h = 0.38

    fig = figure(size)
    ax = fig.add_subplot(1, 1, 1)
    ax.barh(y + h / 2, cur, height=h, color=[colors[c] for c in channels], alpha=0.35, label="Current", zorder=2)
    ax.barh(y - h / 2, rec, height=h, color=[colors[c] for c in channels], label="Recommended", zorder=2)
    right = float(np.nanmax(np.r_[cur, rec]))
    for yi, r, c, p in zip(y, rec, chg, pct, strict=True):
        text = f"{fmt_money(r, currency)}  ({fmt_signed_money(c, currency)}, {fmt_pct(p, 0, signed=True)})"
        ax.text(r + right * 0.01, yi - h / 2, text, va="center", fontsize=12.5, color=_sign_color(c), weight="bold")
    for yi, cv in zip(y, cur, strict=True):
        ax.text(cv + right * 0.01, yi + h / 2, fmt_money(cv, currency), va="center", fontsize=11.5, color=MUTED)
    ax.set_yticks(y, [display_name(c) for c in channels], fontsize=15, color=INK)
    ax.set_xlim(0, right * 1.38)
    ax.set_xlabel("Spend")
    money_axis(ax.xaxis, currency)
    style_axes(ax, grid="x")
    ax.legend(
        handles=[Patch(color="#888888", alpha=0.35, label="Current"), Patch(color="#888888", label="Recommended")],
        loc="lower right",
    )

    ups = [display_name(c) for c, v in zip(channels[::-1], chg[::-1], strict=True) if v > 0][:2]
    downs = [display_name(c) for c, v in zip(channels, chg, strict=True) if v < 0][:2]
    if ups and downs:
        takeaway = f"Move budget from {short_list(downs)} to {short_list(ups)}"
    elif ups:
        takeaway = f"Add budget to {short_list(ups)}"
    elif downs:
        takeaway = f"Cut budget from {short_list(downs)}"
    else:
        takeaway = "The current split is already the recommended one"
    if kpi_change is not None and np.isfinite(kpi_change):
        takeaway += f": {fmt_signed_money(kpi_change, currency)} {kpi_label.lower()} expected"
    set_titles(fig, pick_title(title, takeaway), "Pale bar = current spend, full bar = recommended; change in brackets")
    return fig


@themed
def plot_waterfall(
    drivers: pd.DataFrame,
    *,
    previous_label: str = "Previous period",
    current_label: str = "Current period",
    kpi_label: str = "Sales",
    currency: str = "$",
    max_components: int = 10,
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """What moved the kpi between two periods: previous total, one floating bar per driver, current total.

    Drivers are ordered by the size of their change; beyond ``max_components`` the smallest are summed
    into "Other". Media drivers use their channel colour, base and controls grey, totals dark blue.
    The value axis does not start at zero so the changes stay visible (said in the footnote).

    Args:
        drivers: Table ``component, kind, current, previous, change`` (``kind`` in base|control|media).
        previous_label: Label of the first total bar.
        current_label: Label of the last total bar.
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.
        max_components: Most driver bars to draw before grouping into "Other".
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes holding ``n_drivers + 2`` bar patches.
    """
    chart = "plot_waterfall"
    require_columns(drivers, ["component", "kind", "current", "previous", "change"], "drivers", chart)
    frame = drivers.assign(_abs=np.abs(as_float(drivers["change"]))).sort_values("_abs", ascending=False, kind="stable")
    names = [str(c) for c in frame["component"]]
    kinds = [str(k).lower() for k in frame["kind"]]
    change = as_float(frame["change"])
    if len(names) > max_components:
        keep = max_components - 1
        names = names[:keep] + ["other"]
        kinds = kinds[:keep] + ["other"]
        change = np.r_[change[:keep], np.nansum(change[keep:])]
    prev_total = float(np.nansum(as_float(drivers["previous"])))
    cur_total = float(np.nansum(as_float(drivers["current"])))
    ch_colors = channel_colors([n for n, k in zip(names, kinds, strict=True) if k == "media"])
    greys = base_colors([n for n, k in zip(names, kinds, strict=True) if k != "media"])

    starts = prev_total + np.r_[0.0, np.cumsum(change)[:-1]]
    x = np.arange(len(names) + 2)
    fig = figure(size)
    ax = fig.add_subplot(1, 1, 1)
    levels = np.r_[prev_total, starts, starts + change, cur_total]
    lo, hi = float(np.nanmin(levels)), float(np.nanmax(levels))
    span = max(hi - lo, abs(hi) * 0.02, 1.0)
    floor = lo - 0.6 * span if lo > 0 else lo - 0.1 * span
    floor = max(floor, 0.0) if lo >= 0 else floor
    ax.bar(
        [x[0], x[-1]], [prev_total - floor, cur_total - floor], bottom=floor, color=TOTAL_COLOR, width=0.62, zorder=2
    )
    colors = [ch_colors[n] if k == "media" else greys[n] for n, k in zip(names, kinds, strict=True)]
    ax.bar(
        x[1:-1],
        change,
        bottom=starts,
        color=colors,
        width=0.62,
        zorder=2,
        edgecolor=[_sign_color(c) for c in change],
        linewidth=1.8,
    )
    for i in range(len(x) - 1):
        level = prev_total if i == 0 else starts[i - 1] + change[i - 1]
        ax.plot([x[i] + 0.31, x[i + 1] - 0.31], [level, level], color=MUTED, linewidth=0.9, linestyle=":")
    for xi, s, c in zip(x[1:-1], starts, change, strict=True):
        ax.text(
            xi,
            max(s, s + c) + span * 0.02,
            fmt_signed_money(c, currency),
            ha="center",
            va="bottom",
            fontsize=12,
            color=_sign_color(c),
            weight="bold",
        )
    for xi, t in ((x[0], prev_total), (x[-1], cur_total)):
        ax.text(
            xi, t + span * 0.02, fmt_money(t, currency), ha="center", va="bottom", fontsize=13, color=INK, weight="bold"
        )
    labels = [previous_label, *[display_name(n) for n in names], current_label]
    ax.set_xticks(
        x,
        labels,
        fontsize=12.5 if len(x) <= 8 else 11,
        rotation=0 if len(x) <= 8 else 30,
        ha="center" if len(x) <= 8 else "right",
    )
    ax.set_ylim(floor, hi + span * 0.15)
    ax.set_ylabel(kpi_label)
    money_axis(ax.yaxis, currency)
    style_axes(ax, grid="y")

    total_change = cur_total - prev_total
    direction = "rose" if total_change >= 0 else "fell"
    takeaway = f"{kpi_label} {direction} {fmt_money(abs(total_change), currency)}"
    if prev_total:
        takeaway += f" ({fmt_pct(total_change / prev_total, 1, signed=True)})"
    if names:
        pos = int(np.nanargmax(change)) if total_change >= 0 else int(np.nanargmin(change))
        verb = "biggest lift" if total_change >= 0 else "biggest drag"
        if np.sign(change[pos]) == np.sign(total_change) and change[pos] != 0:
            takeaway += f"; {verb}: {display_name(names[pos])} ({fmt_signed_money(change[pos], currency)})"
    note = "Value axis starts above zero so the changes are visible." if floor > 0 else None
    set_titles(fig, pick_title(title, takeaway), f"{previous_label} to {current_label}: change by driver", note=note)
    return fig


@themed
def plot_scenario(
    impact: pd.DataFrame,
    *,
    total_delta_kpi: float | None = None,
    total_lower: float | None = None,
    total_upper: float | None = None,
    kpi_label: str = "Sales",
    currency: str = "$",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """Scenario impact per channel: spend change (left) and the kpi change it causes (right).

    Args:
        impact: Table ``channel, spend_before, spend_after, delta_kpi`` (optional ``lower, upper`` of
            ``delta_kpi`` draw whiskers).
        total_delta_kpi: Total kpi change of the scenario (default: sum of ``delta_kpi``).
        total_lower: Lower bound of the total change (shown in the title when both bounds are given).
        total_upper: Upper bound of the total change.
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with two axes, each holding one bar patch per channel.
    """
    chart = "plot_scenario"
    require_columns(impact, ["channel", "spend_before", "spend_after", "delta_kpi"], "scenario", chart)
    channels = [str(c) for c in impact["channel"]]
    colors = [channel_colors(channels)[c] for c in channels]
    d_spend = as_float(impact["spend_after"]) - as_float(impact["spend_before"])
    d_kpi = as_float(impact["delta_kpi"])
    y = np.arange(len(channels))[::-1]

    fig = figure(size)
    ax1, ax2 = fig.subplots(1, 2, sharey=True)
    lo_kpi, hi_kpi = d_kpi.copy(), d_kpi.copy()
    if {"lower", "upper"} <= set(impact.columns):
        lo_col, hi_col = as_float(impact["lower"]), as_float(impact["upper"])
        ok = np.isfinite(lo_col) & np.isfinite(hi_col)
        if ok.any():
            err = np.vstack([np.clip(d_kpi - lo_col, 0, None), np.clip(hi_col - d_kpi, 0, None)])
            ax2.errorbar(d_kpi[ok], y[ok], xerr=err[:, ok], fmt="none", ecolor=INK, elinewidth=1.4, capsize=5, zorder=3)
            lo_kpi = np.where(ok, np.fmin(lo_col, d_kpi), d_kpi)
            hi_kpi = np.where(ok, np.fmax(hi_col, d_kpi), d_kpi)
    panels = ((ax1, d_spend, d_spend, d_spend, "Spend change"), (ax2, d_kpi, lo_kpi, hi_kpi, f"{kpi_label} change"))
    for ax, vals, lows, highs, head in panels:
        ax.barh(y, vals, color=colors, height=0.6, zorder=2)
        ax.axvline(0, color=INK, linewidth=1)
        ext = float(np.nanmax(np.abs(np.r_[lows, highs]))) or 1.0
        for yi, v, lo_i, hi_i in zip(y, vals, lows, highs, strict=True):
            if v == 0 or not np.isfinite(v):
                ax.text(ext * 0.03, yi, "no change", va="center", ha="left", fontsize=12, color=MUTED)
                continue
            ax.text(
                hi_i + ext * 0.03 if v > 0 else lo_i - ext * 0.03,
                yi,
                fmt_signed_money(v, currency),
                va="center",
                ha="left" if v > 0 else "right",
                fontsize=12.5,
                color=_sign_color(v),
                weight="bold",
            )
        left = float(np.nanmin(np.r_[lows, 0.0]))
        right = float(np.nanmax(np.r_[highs, 0.0]))
        ax.set_xlim(left - (ext * 0.45 if left < 0 else ext * 0.02), right + (ext * 0.45 if right > 0 else ext * 0.3))
        money_axis(ax.xaxis, currency)
        ax.set_title(head, fontsize=16)
        style_axes(ax, grid="x")
    ax1.set_yticks(y, [display_name(c) for c in channels], fontsize=15, color=INK)
    ax2.tick_params(axis="y", left=False)

    total = float(np.nansum(d_kpi)) if total_delta_kpi is None else float(total_delta_kpi)
    spend_total = float(np.nansum(d_spend))
    verb = "adds" if total >= 0 else "loses"
    takeaway = f"This scenario {verb} {fmt_money(abs(total), currency)} {kpi_label.lower()}"
    if total_lower is not None and total_upper is not None:
        takeaway += f" ({fmt_money(total_lower, currency)} to {fmt_money(total_upper, currency)})"
    if abs(spend_total) > 0:
        takeaway += f" for {fmt_signed_money(spend_total, currency)} spend"
    else:
        takeaway += " at the same total spend"
    set_titles(
        fig,
        pick_title(title, takeaway),
        f"What changes (left) and the {kpi_label.lower()} it moves (right), by channel",
    )
    return fig
