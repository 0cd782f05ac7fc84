"""Charts over time: sales vs spend, weekly contributions by channel, actual vs predicted."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from mixwise.charts._common import as_float, infer_channels, pick_title, require_columns
from mixwise.charts.theme import (
    INK,
    SLIDE_SIZE,
    TOTAL_COLOR,
    base_colors,
    channel_colors,
    date_axis,
    display_name,
    figure,
    fmt_money,
    fmt_pct,
    money_axis,
    set_titles,
    short_list,
    style_axes,
    themed,
)

__all__ = ["plot_sales_spend_trend", "plot_channel_contributions", "plot_actual_vs_predicted"]

_BASE_PARTS = ("baseline", "trend", "seasonality")
_NOT_BASE = ("date", "predicted", "actual")


def _dates(frame: pd.DataFrame) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(pd.to_datetime(frame["date"]))


def _bar_width(dates: pd.DatetimeIndex) -> float:
    if len(dates) < 2:
        return 5.0
    return float(np.median(np.diff(dates.values).astype("timedelta64[s]").astype(float)) / 86400 * 0.85)


def _trend_takeaway(kpi: np.ndarray, spend_total: np.ndarray, kpi_label: str, currency: str) -> str:
    n = len(kpi)
    if n >= 104:
        k_now, k_prev = kpi[-52:].sum(), kpi[-104:-52].sum()
        s_now, s_prev = spend_total[-52:].sum(), spend_total[-104:-52].sum()
        k_chg = k_now / k_prev - 1 if k_prev else np.nan
        s_chg = s_now / s_prev - 1 if s_prev else np.nan
        k_word = "up" if k_chg >= 0 else "down"
        s_word = "rose" if s_chg >= 0 else "fell"
        return (
            f"{kpi_label} {k_word} {fmt_pct(abs(k_chg), 0)} year over year while media spend "
            f"{s_word} {fmt_pct(abs(s_chg), 0)}"
        )
    return (
        f"{fmt_money(kpi.sum(), currency)} of {kpi_label.lower()} on {fmt_money(spend_total.sum(), currency)} "
        f"of media over {n} weeks"
    )


@themed
def plot_sales_spend_trend(
    contributions: pd.DataFrame,
    spend: pd.DataFrame,
    *,
    channels: Sequence[str] | None = None,
    kpi_label: str = "Sales",
    currency: str = "$",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """Weekly kpi (line, right axis) over stacked weekly spend by channel (bars, left axis).

    Args:
        contributions: Weekly frame with columns ``date, actual`` (the contributions table).
        spend: Weekly spend frame ``date, <channel>...``; extra columns are ignored when ``channels`` is given.
        channels: Channels to stack; default every spend column except ``date``.
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes of spend bars (one bar container per channel) and a twin axes with the kpi line.
    """
    chart = "plot_sales_spend_trend"
    require_columns(contributions, ["date", "actual"], "contributions", chart)
    require_columns(spend, ["date"], "spend", chart)
    if channels is None:
        channels = [c for c in spend.columns if c != "date"]
    channels = infer_channels(spend, channels, chart)
    merged = pd.DataFrame({"date": pd.to_datetime(contributions["date"]), "actual": as_float(contributions["actual"])})
    sp = spend[["date", *channels]].copy()
    sp["date"] = pd.to_datetime(sp["date"])
    merged = merged.merge(sp, on="date", how="inner").sort_values("date")
    dates = _dates(merged)
    colors = channel_colors(channels)

    fig = figure(size)
    ax = fig.add_subplot(1, 1, 1)
    bottom = np.zeros(len(merged))
    width = _bar_width(dates)
    for ch in channels:
        vals = np.nan_to_num(as_float(merged[ch]))
        ax.bar(dates, vals, bottom=bottom, width=width, color=colors[ch], label=display_name(ch), linewidth=0)
        bottom += vals
    date_axis(ax.xaxis)
    ax.set_ylabel("Weekly media spend")
    money_axis(ax.yaxis, currency)
    ax.set_ylim(0, max(bottom.max(), 1.0) * 1.9)  # keep bars in the lower half, under the line
    style_axes(ax, grid=None)
    ax.margins(x=0.005)

    ax2 = ax.twinx()
    kpi = as_float(merged["actual"])
    ax2.plot(dates, kpi, color=TOTAL_COLOR, linewidth=2.4, label=kpi_label)
    lo = np.nanmin(kpi)
    hi = np.nanmax(kpi)
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    ax2.set_ylim(lo - 0.9 * span, hi + 0.08 * span)  # line in the upper part, above the bars
    ax2.set_ylabel(f"Weekly {kpi_label.lower()}", color=TOTAL_COLOR)
    money_axis(ax2.yaxis, currency)
    for side in ("top", "left"):
        ax2.spines[side].set_visible(False)
    ax2.spines["right"].set_visible(True)
    ax2.tick_params(axis="y", colors=TOTAL_COLOR)

    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h2 + handles, l2 + labels, loc="lower left", ncols=min(len(channels) + 1, 7), bbox_to_anchor=(0, 1.0))
    takeaway = _trend_takeaway(kpi, bottom, kpi_label, currency)
    set_titles(
        fig,
        pick_title(title, takeaway),
        f"Weekly {kpi_label.lower()} (line, right axis) and media spend by channel (bars, left axis)",
    )
    return fig


def _base_columns(frame: pd.DataFrame, channels: Sequence[str]) -> list[str]:
    return [c for c in frame.columns if c not in _NOT_BASE and c not in channels]


@themed
def plot_channel_contributions(
    contributions: pd.DataFrame,
    *,
    channels: Sequence[str] | None = None,
    kpi_label: str = "Sales",
    currency: str = "$",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """Stacked area of weekly contribution by channel on top of the base (baseline + trend + seasonality + controls).

    Args:
        contributions: Weekly wide frame ``date, baseline, trend, seasonality, <controls...>, <channels...>,
            predicted, actual``.
        channels: Channel columns; default ``contributions.attrs['channels']``. Every other column except
            ``date, predicted, actual`` is summed into the base.
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes: one filled area for the base, one per channel (``ax.collections``), and the
        actual kpi as a line when present.
    """
    chart = "plot_channel_contributions"
    require_columns(contributions, ["date"], "contributions", chart)
    channels = infer_channels(contributions, channels, chart)
    frame = contributions.sort_values("date")
    dates = _dates(frame)
    base = np.nansum(
        np.column_stack([as_float(frame[c]) for c in _base_columns(frame, channels)] or [np.zeros(len(frame))]), axis=1
    )
    colors = channel_colors(channels)

    fig = figure(size)
    ax = fig.add_subplot(1, 1, 1)
    ax.fill_between(dates, 0, base, color=base_colors(["base"])["base"], linewidth=0, label="Base (non-media)")
    level = base.copy()
    totals = {}
    for ch in channels:
        vals = np.nan_to_num(as_float(frame[ch]))
        totals[ch] = vals.sum()
        ax.fill_between(dates, level, level + vals, color=colors[ch], linewidth=0, label=display_name(ch), alpha=0.95)
        level = level + vals
    if "actual" in frame.columns:
        ax.plot(
            dates, as_float(frame["actual"]), color=INK, linewidth=1.1, alpha=0.75, label=f"Actual {kpi_label.lower()}"
        )
    ax.set_ylabel(f"Weekly {kpi_label.lower()}")
    money_axis(ax.yaxis, currency)
    date_axis(ax.xaxis)
    ax.margins(x=0)
    top = (
        np.nanmax(level)
        if "actual" not in frame.columns
        else max(np.nanmax(level), np.nanmax(as_float(frame["actual"])))
    )
    ax.set_ylim(min(0.0, float(np.nanmin(base))), top * 1.04)
    style_axes(ax)
    ax.legend(loc="lower left", ncols=min(len(channels) + 2, 7), bbox_to_anchor=(0, 1.0))

    media_total = sum(totals.values())
    total = base.sum() + media_total
    order = sorted(totals, key=totals.get, reverse=True)
    share = media_total / total if total else np.nan
    lead = order[0] if order else ""
    takeaway = (
        f"Media drove {fmt_pct(share, 0)} of {kpi_label.lower()}; "
        f"{display_name(lead)} contributed most ({fmt_money(totals.get(lead, np.nan), currency)})"
    )
    if len(order) >= 2 and totals[order[1]] > 0.8 * totals[order[0]]:
        pair = short_list([display_name(c) for c in order[:2]])
        takeaway = f"Media drove {fmt_pct(share, 0)} of {kpi_label.lower()}, led by {pair}"
    set_titles(
        fig,
        pick_title(title, takeaway),
        "Modelled weekly contribution: grey = base sales without media, colours = each channel's added sales",
    )
    return fig


@themed
def plot_actual_vs_predicted(
    frame: pd.DataFrame,
    holdout_start: str | pd.Timestamp | None = None,
    *,
    kpi_label: str = "Sales",
    currency: str = "$",
    interval_label: str = "90% interval",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """Actual vs predicted kpi with the prediction interval, holdout weeks shaded.

    The default title reports the mean absolute percentage error (in-sample, and on the holdout when
    ``holdout_start`` is given), computed from the frame's ``actual`` and ``predicted`` columns.

    Args:
        frame: Weekly frame ``date, actual, predicted, lower, upper`` (lower/upper may be NaN).
        holdout_start: First date not used to fit the model; weeks from it on are shaded.
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.
        interval_label: Legend label of the band.
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes: actual and predicted lines, the band (a collection) and, with a holdout,
        one shaded span (a patch).
    """
    chart = "plot_actual_vs_predicted"
    require_columns(frame, ["date", "actual", "predicted", "lower", "upper"], "actual-vs-predicted", chart)
    frame = frame.sort_values("date")
    dates = _dates(frame)
    actual, pred = as_float(frame["actual"]), as_float(frame["predicted"])
    lower, upper = as_float(frame["lower"]), as_float(frame["upper"])

    fig = figure(size)
    ax = fig.add_subplot(1, 1, 1)
    if np.isfinite(lower).any():
        ax.fill_between(dates, lower, upper, color="#A0CBE8", alpha=0.55, linewidth=0, label=interval_label)
    ax.plot(dates, actual, color=INK, linewidth=1.6, label=f"Actual {kpi_label.lower()}")
    ax.plot(dates, pred, color="#4E79A7", linewidth=2.2, label="Model prediction")
    ape = np.abs(pred - actual) / np.where(actual != 0, np.abs(actual), np.nan)
    takeaway = f"The model tracks weekly {kpi_label.lower()} within {fmt_pct(np.nanmean(ape), 1)} on average"
    if holdout_start is not None:
        start = pd.Timestamp(holdout_start)
        end = dates.max() + (dates[-1] - dates[-2] if len(dates) > 1 else pd.Timedelta(days=7))
        ax.axvspan(start, end, color="#F5E6C8", alpha=0.7, linewidth=0, zorder=0, label="Holdout (not used to fit)")
        ax.axvline(start, color="#B6992D", linewidth=1.2, linestyle="--", zorder=1)
        mask = np.asarray(dates >= start)
        if mask.any():
            takeaway = (
                f"The model tracks weekly {kpi_label.lower()} within {fmt_pct(np.nanmean(ape[~mask]), 1)} in fit "
                f"and {fmt_pct(np.nanmean(ape[mask]), 1)} on unseen holdout weeks"
            )
    ax.set_ylabel(f"Weekly {kpi_label.lower()}")
    money_axis(ax.yaxis, currency)
    date_axis(ax.xaxis)
    ax.margins(x=0)
    lo, hi = (
        np.nanmin(np.r_[actual, pred, lower[np.isfinite(lower)]]),
        np.nanmax(np.r_[actual, pred, upper[np.isfinite(upper)]]),
    )
    ax.set_ylim(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
    style_axes(ax)
    ax.legend(loc="lower left", ncols=4, bbox_to_anchor=(0, 1.0))
    set_titles(fig, pick_title(title, takeaway), f"Weekly actual {kpi_label.lower()} vs the model's prediction")
    return fig
