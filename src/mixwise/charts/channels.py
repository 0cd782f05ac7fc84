"""Per-channel comparison charts: ROI ranking, budget efficiency, decomposition donut."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from mixwise.charts._common import as_float, declutter, pick_title, require_columns
from mixwise.charts.theme import (
    BREAK_EVEN_COLOR,
    INK,
    MUTED,
    SLIDE_SIZE,
    base_colors,
    channel_colors,
    display_name,
    figure,
    fmt_money,
    fmt_pct,
    fmt_roi,
    pct_axis,
    set_titles,
    short_list,
    style_axes,
    themed,
)
from mixwise.formatting import is_money_kpi

__all__ = ["plot_roi_comparison", "plot_budget_efficiency", "plot_decomposition_pie"]


@themed
def plot_roi_comparison(
    roi: pd.DataFrame,
    *,
    kpi_label: str = "Sales",
    currency: str = "$",
    interval_label: str = "90% interval",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """Horizontal bars of ROI per channel, best on top, interval whiskers and a break-even line at 1.0.

    Args:
        roi: ROI table ``channel, mean, lower, upper`` (``spend, contribution`` optional); also works with
            the marginal-ROI table (same columns).
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.
        interval_label: What the whiskers are (shown in the subtitle).
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes holding one bar patch per channel (``ax.patches``) and a dashed break-even line.
    """
    chart = "plot_roi_comparison"
    require_columns(roi, ["channel", "mean", "lower", "upper"], "roi", chart)
    money = is_money_kpi(kpi_label)  # a count kpi (conversions) per $1 has no break-even line and no currency sign

    def per_spend(value: float) -> str:
        return fmt_roi(value, currency) if money else f"{value:.3g}"

    frame = roi.assign(_mean=as_float(roi["mean"])).sort_values("_mean", ascending=True, kind="stable")
    channels = [str(c) for c in frame["channel"]]
    colors = channel_colors(channels)
    mean, lower, upper = as_float(frame["mean"]), as_float(frame["lower"]), as_float(frame["upper"])
    y = np.arange(len(channels))

    fig = figure(size)
    ax = fig.add_subplot(1, 1, 1)
    ax.barh(y, mean, color=[colors[c] for c in channels], height=0.62, zorder=2)
    has_ci = np.isfinite(lower) & np.isfinite(upper)
    if has_ci.any():
        err = np.vstack([np.clip(mean - lower, 0, None), np.clip(upper - mean, 0, None)])
        ax.errorbar(
            mean[has_ci], y[has_ci], xerr=err[:, has_ci], fmt="none", ecolor=INK, elinewidth=1.6, capsize=6, zorder=3
        )
    right = np.nanmax(np.where(has_ci, upper, mean))
    right = max(right, 1.0)
    for yi, m, hi in zip(y, mean, np.where(has_ci, upper, mean), strict=True):
        ax.text(
            max(hi, m) + right * 0.015,
            yi,
            per_spend(m),
            va="center",
            ha="left",
            fontsize=14,
            weight="bold",
            zorder=5,
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
        )
    if money:
        ax.axvline(1.0, color=BREAK_EVEN_COLOR, linestyle="--", linewidth=1.6, zorder=4)
        ax.text(
            1.0,
            len(channels) - 0.45,
            f" Break-even: {currency}1 back per {currency}1",
            color=BREAK_EVEN_COLOR,
            fontsize=12,
            va="bottom",
        )
    ax.set_yticks(y, [display_name(c) for c in channels], fontsize=15, color=INK)
    ax.set_xlim(min(0.0, float(np.nanmin(np.where(has_ci, lower, mean)))), right * 1.15)
    ax.set_ylim(-0.6, len(channels) - 0.1)
    ax.set_xlabel(f"{kpi_label} returned per {currency}1 spent")
    ax.xaxis.set_major_formatter(lambda v, _pos: per_spend(v))
    style_axes(ax, grid="x")

    best = channels[-1]
    takeaway = f"{display_name(best)} returns the most per {currency}1: {per_spend(mean[-1])}"
    if not money:
        takeaway += f" {kpi_label.lower()}"
    losers = [display_name(c) for c, m in zip(channels, mean, strict=True) if money and m < 1.0]
    if losers and len(losers) < len(channels):
        tail = "returns less than it costs" if len(losers) == 1 else "return less than they cost"
        takeaway += f"; {short_list(losers)} {tail}"
    sub = f"ROI = {kpi_label.lower()} caused by the channel / its spend; bars show the mean, whiskers the {interval_label}"
    set_titles(fig, pick_title(title, takeaway), sub)
    return fig


@themed
def plot_budget_efficiency(
    roi: pd.DataFrame,
    *,
    kpi_label: str = "Sales",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """Each channel's share of media spend vs its share of media-driven kpi, split by the fair-share diagonal.

    Shares are the columns ``spend`` and ``contribution`` divided by their sums over channels. Above the
    diagonal a channel earns more than its share of spend (under-invested); below it, less (over-invested).

    Args:
        roi: ROI table ``channel, spend, contribution`` (other columns ignored).
        kpi_label: Name of the kpi for labels.
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes: two shaded half-planes (``ax.patches``), the diagonal, and one scatter
        collection with a point per channel.
    """
    chart = "plot_budget_efficiency"
    require_columns(roi, ["channel", "spend", "contribution"], "roi", chart)
    channels = [str(c) for c in roi["channel"]]
    spend, contrib = as_float(roi["spend"]), as_float(roi["contribution"])
    spend_share = spend / np.nansum(spend)
    contrib_share = contrib / np.nansum(contrib)
    colors = channel_colors(channels)
    lim = float(np.nanmax(np.r_[spend_share, contrib_share])) * 1.18
    lim = min(max(lim, 0.1), 1.0)

    fig = figure(size)
    ax = fig.add_subplot(1, 1, 1)
    low = -0.03 * lim
    ax.fill([low, lim, low], [low, lim, lim], color="#E8F3E6", zorder=0, linewidth=0)
    ax.fill([low, lim, lim], [low, low, lim], color="#FBEAEA", zorder=0, linewidth=0)
    ax.plot([low, lim], [low, lim], color=MUTED, linestyle="--", linewidth=1.4, zorder=1)
    under = ax.text(
        lim * 0.03,
        lim * 0.95,
        "Under-invested\nearns more than its share of spend",
        va="top",
        fontsize=13,
        color="#3B7A35",
        weight="bold",
    )
    over = ax.text(
        lim * 0.97,
        lim * 0.05,
        "Over-invested\nearns less than its share of spend",
        va="bottom",
        ha="right",
        fontsize=13,
        color="#A23B3B",
        weight="bold",
    )
    sizes = 300 + 2200 * spend_share / np.nanmax(spend_share)
    ax.scatter(
        spend_share,
        contrib_share,
        s=sizes,
        c=[colors[c] for c in channels],
        edgecolors="white",
        linewidths=1.5,
        zorder=3,
    )
    labels = []
    for ch, x, yv, sz in zip(channels, spend_share, contrib_share, sizes, strict=True):
        left_side = x > 0.55 * lim
        offset = np.sqrt(sz) / 2 + 8
        label = ax.annotate(
            f"{display_name(ch)}\n{fmt_pct(x, 0)} of spend → {fmt_pct(yv, 0)} of {kpi_label.lower()}",
            (x, yv),
            xytext=(-offset if left_side else offset, 0),
            textcoords="offset points",
            ha="right" if left_side else "left",
            va="center",
            fontsize=12.5,
            color=INK,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        )
        labels.append(label)
    ax.set_xlim(low, lim)
    ax.set_ylim(low, lim)
    ax.set_xlabel("Share of media spend")
    ax.set_ylabel(f"Share of media-driven {kpi_label.lower()}")
    pct_axis(ax.xaxis)
    pct_axis(ax.yaxis)
    style_axes(ax, grid="both")

    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(spend_share > 0, contrib_share / spend_share, np.nan)
    best = int(np.nanargmax(ratio))
    takeaway = (
        f"{display_name(channels[best])} earns {fmt_pct(contrib_share[best], 0)} of media-driven "
        f"{kpi_label.lower()} on {fmt_pct(spend_share[best], 0)} of spend"
    )
    worst = int(np.nanargmin(ratio))
    if ratio[worst] < 0.9 and worst != best:
        takeaway += f"; {display_name(channels[worst])} earns {fmt_pct(contrib_share[worst], 0)} on {fmt_pct(spend_share[worst], 0)}"
    set_titles(
        fig,
        pick_title(title, takeaway),
        "Bubble size = spend. On the dashed line a channel earns exactly its share of spend.",
    )
    declutter(fig, labels, obstacles=[under, over])
    return fig


@themed
def plot_decomposition_pie(
    shares: pd.DataFrame,
    *,
    group_base: bool = True,
    kpi_label: str = "Sales",
    currency: str = "$",
    title: str | None = None,
    size: tuple[float, float] = SLIDE_SIZE,
) -> Figure:
    """Donut of total kpi split into base (grey) and each media channel (channel colours).

    A donut cannot show negative parts: with ``group_base=True`` (default) all ``base`` and ``control``
    components are summed into one "Base" wedge; otherwise each positive component gets a wedge and
    negative ones are listed in a note under the chart.

    Args:
        shares: Table ``component, kind, contribution, share, lower, upper`` with ``kind`` in
            ``base|control|media``.
        group_base: One wedge for everything that is not media.
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.
        title: Override the derived takeaway title.
        size: Figure size in inches.

    Returns:
        Figure with one axes of wedges (``ax.patches``): one per media channel plus the base wedge(s).
    """
    chart = "plot_decomposition_pie"
    require_columns(shares, ["component", "kind", "contribution", "share"], "contribution_shares", chart)
    kinds = shares["kind"].astype(str).str.lower()
    contrib = as_float(shares["contribution"])
    share = as_float(shares["share"])
    media = shares[kinds == "media"]
    media_c = contrib[(kinds == "media").to_numpy()]
    media_s = share[(kinds == "media").to_numpy()]
    channels = [str(c) for c in media["component"]]
    ch_colors = channel_colors(channels)
    non_media = ~(kinds == "media").to_numpy()

    labels, values, colors, pcts = [], [], [], []
    negatives: list[str] = []
    if group_base:
        labels.append("Base")
        values.append(np.nansum(contrib[non_media]))
        colors.append(base_colors(["base"])["base"])
        pcts.append(np.nansum(share[non_media]))
    else:
        names = [str(c) for c in shares["component"][non_media]]
        greys = base_colors(names)
        for name, c, s in zip(names, contrib[non_media], share[non_media], strict=True):
            if c > 0:
                labels.append(display_name(name))
                values.append(c)
                colors.append(greys[name])
                pcts.append(s)
            elif c < 0:
                negatives.append(f"{display_name(name)} {fmt_money(c, currency)}")
    order = np.argsort(-media_c)
    for i in order:
        if media_c[i] > 0:
            labels.append(display_name(channels[i]))
            values.append(media_c[i])
            colors.append(ch_colors[channels[i]])
            pcts.append(media_s[i])
        elif media_c[i] < 0:
            negatives.append(f"{display_name(channels[i])} {fmt_money(media_c[i], currency)}")
    values_arr = np.clip(np.asarray(values, dtype=float), 0, None)

    fig = figure(size)
    ax = fig.add_subplot(1, 1, 1)
    wedges, _ = ax.pie(
        values_arr,
        colors=colors,
        startangle=90,
        counterclock=False,
        wedgeprops={"width": 0.38, "edgecolor": "white", "linewidth": 2},
    )
    media_share = float(np.nansum(media_s))
    ax.text(0, 0.1, fmt_pct(media_share, 0), ha="center", va="center", fontsize=34, weight="bold", color=INK)
    ax.text(0, -0.16, f"of {kpi_label.lower()}\nfrom media", ha="center", va="center", fontsize=14, color=MUTED)
    legend_labels = [
        f"{lab}  {fmt_pct(p, 1)}  ({fmt_money(v, currency)})"
        for lab, p, v in zip(labels, pcts, values_arr, strict=True)
    ]
    ax.legend(
        wedges,
        legend_labels,
        loc="center left",
        bbox_to_anchor=(1.02, 0.5),
        fontsize=14,
        handlelength=1.2,
        handleheight=1.2,
    )
    ax.set_aspect("equal")

    lead = int(np.argmax(media_c)) if len(media_c) else None
    takeaway = f"Media drives {fmt_pct(media_share, 0)} of {kpi_label.lower()}"
    if lead is not None:
        takeaway += f"; {display_name(channels[lead])} leads with {fmt_pct(media_s[lead], 0)}"
    note = f"Not shown (negative): {', '.join(negatives)}" if negatives else None
    set_titles(fig, pick_title(title, takeaway), f"Share of total modelled {kpi_label.lower()} by source", note=note)
    return fig
