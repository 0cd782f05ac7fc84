"""Tools over the fitted model: ROI, channel comparison, saturation, contributions, model health."""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from mixwise.agent.format import display_name as _display
from mixwise.agent.format import fmt_kpi, fmt_money, fmt_pct, fmt_range, fmt_roi, is_money_kpi, join_names
from mixwise.agent.registry import ToolResult, tool

__all__ = ["ChannelsArgs", "CompareArgs", "NoArgs", "roi_table", "resolve_channels", "display_name", "rows_of"]


class NoArgs(BaseModel):
    """No arguments."""

    model_config = ConfigDict(extra="forbid")


class ChannelsArgs(BaseModel):
    """Channels to report on."""

    model_config = ConfigDict(extra="forbid")
    channels: list[str] = Field(default_factory=list, description="Channel names; empty means every channel.")


class CompareArgs(ChannelsArgs):
    """Channels and the metric to rank them by."""

    metric: Literal["roi", "marginal_roi", "contribution"] = Field(
        "roi", description="roi (return per $1 so far), marginal_roi (return of the next $1) or contribution."
    )


def resolve_channels(session: Any, names: list[str]) -> list[str]:
    """Normalised channel names for ``names`` (all channels when empty); unknown names raise."""
    ds = session.dataset
    if not names:
        return list(ds.channels)
    return [ds.channels[ds.channel_index(n)] for n in names]


def display_name(session: Any, channel: str) -> str:
    """How a channel is shown in answers (``tv`` -> ``TV``, ``paid_social`` -> ``Paid Social``)."""
    return _display(channel)


def roi_table(session: Any) -> pd.DataFrame:
    """ROI and marginal ROI per channel, merged: channel, spend, contribution, roi*, marginal_roi*."""

    def build() -> pd.DataFrame:
        from mixwise.analysis import marginal_roi, roi

        r = roi(session.model).rename(columns={"mean": "roi", "lower": "roi_lower", "upper": "roi_upper"})
        m = marginal_roi(session.model).rename(
            columns={"mean": "marginal_roi", "lower": "marginal_roi_lower", "upper": "marginal_roi_upper"}
        )
        return r.merge(m, on="channel")

    return session.memo("roi_table", build)


def _carryover(peak_week: int, half_life: float) -> str:
    """'carry-over half-life 1.2 weeks', or with a delayed peak 'effect peaks 1 week after the spend, ...'."""
    text = f"carry-over half-life {half_life:.1f} weeks"
    if peak_week >= 1:
        text = f"effect peaks {peak_week} week{'s' if peak_week > 1 else ''} after the spend, " + text
    return text


def rows_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()} for row in frame.to_dict("records")]


@tool("channel_roi", ChannelsArgs)
def channel_roi(session: Any, args: ChannelsArgs) -> ToolResult:
    """Return on investment per channel: sales returned per $1 spent over the data window (with a 90% range)
    and the marginal ROI (return of the next $1 at current spend). Use for "what is the ROI of TV?",
    "is radio paying back?". Not for ranking every channel (use compare_channels) or saturation."""
    kpi = session.dataset.kpi_name
    chans = resolve_channels(session, args.channels)
    table = roi_table(session).set_index("channel").loc[chans].reset_index()
    bullets = []
    for row in table.itertuples():
        name = display_name(session, row.channel)
        bullets.append(
            f"{name} returned {fmt_roi(row.roi, kpi_name=kpi)} per $1 (90% range {fmt_range(row.roi_lower, row.roi_upper, kpi_name=kpi)}) on "
            f"{fmt_money(row.spend)} of spend, driving {fmt_kpi(row.contribution, kpi)} of {kpi}; "
            f"the next $1 returns {fmt_roi(row.marginal_roi, kpi_name=kpi)}."
        )
    if len(table) == 1:
        row = table.iloc[0]
        verdict = (
            "pays back" if row.roi_lower > 1 else ("does not pay back" if row.roi_upper < 1 else "may not pay back")
        )
        if is_money_kpi(kpi):
            tail = f", so it {verdict}."
        else:  # a count per $1 says nothing about paying back; its cost per unit does
            unit = kpi[:-1] if kpi.endswith("s") else kpi
            tail = f": about {fmt_money(1 / row.roi, digits=2) if row.roi > 0 else 'n/a'} per incremental {unit}."
        headline = (
            f"{display_name(session, row.channel)} returned {fmt_roi(row.roi, kpi_name=kpi)} per $1 spent "
            f"(90% range {fmt_range(row.roi_lower, row.roi_upper, kpi_name=kpi)})" + tail
        )
    else:
        best = table.loc[table.roi.idxmax()]
        worst = table.loc[table.roi.idxmin()]
        headline = (
            f"{display_name(session, best.channel)} has the highest ROI at {fmt_roi(best.roi, kpi_name=kpi)} per $1 "
            f"(90% range {fmt_range(best.roi_lower, best.roi_upper, kpi_name=kpi)}); {display_name(session, worst.channel)} the lowest "
            f"at {fmt_roi(worst.roi, kpi_name=kpi)}."
        )
    return ToolResult(
        tool="channel_roi",
        headline=headline,
        rows=rows_of(table),
        bullets=bullets,
        charts=["03_roi_comparison.png"],
    )


@tool("compare_channels", CompareArgs)
def compare_channels(session: Any, args: CompareArgs) -> ToolResult:
    """Rank channels against each other by ROI, marginal ROI or contribution, with 90% ranges, and say which
    differences are clear. Use for "TV vs Digital", "which channel works best?". Not for one channel's ROI."""
    kpi = session.dataset.kpi_name
    chans = resolve_channels(session, args.channels)
    table = roi_table(session).set_index("channel").loc[chans].reset_index()
    key = {"roi": "roi", "marginal_roi": "marginal_roi", "contribution": "contribution"}[args.metric]
    table = table.sort_values(key, ascending=False).reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    first, second = table.iloc[0], table.iloc[min(1, len(table) - 1)]
    if args.metric == "contribution":
        total = float(roi_table(session).contribution.sum())
        headline = (
            f"{display_name(session, first.channel)} drives the most {kpi}: {fmt_kpi(first.contribution, kpi)} "
            f"({fmt_pct(first.contribution / total)} of media-driven {kpi})."
        )
    else:
        lo, hi = f"{key}_lower", f"{key}_upper"
        clear = len(table) > 1 and first[lo] > second[hi]
        metric_name = "ROI" if key == "roi" else "marginal ROI"
        headline = (
            f"{display_name(session, first.channel)} leads on {metric_name} at {fmt_roi(first[key], kpi_name=kpi)} per $1"
            + (
                f", ahead of {display_name(session, second.channel)} at {fmt_roi(second[key], kpi_name=kpi)}"
                + (" (a clear difference)." if clear else " (their 90% ranges overlap, so the gap is not certain).")
                if len(table) > 1
                else "."
            )
        )
    bullets = [
        f"#{r.rank} {display_name(session, r.channel)}: ROI {fmt_roi(r.roi, kpi_name=kpi)} ({fmt_range(r.roi_lower, r.roi_upper, kpi_name=kpi)}), "
        f"marginal ROI {fmt_roi(r.marginal_roi, kpi_name=kpi)}, contribution {fmt_kpi(r.contribution, kpi)} on {fmt_money(r.spend)} spend."
        for r in table.itertuples()
    ]
    return ToolResult(
        tool="compare_channels",
        headline=headline,
        rows=rows_of(table),
        bullets=bullets,
        charts=["03_roi_comparison.png", "05_budget_efficiency.png"],
    )


@tool("saturation", ChannelsArgs)
def saturation_tool(session: Any, args: ChannelsArgs) -> ToolResult:
    """How far up its response curve each channel runs at current spend (0% = no diminishing returns, 100% =
    fully saturated), its carry-over half-life and headroom. Use for "which channels are saturated?",
    "where is there room to grow?". Not for ROI rankings."""
    from mixwise.analysis import saturation

    kpi = session.dataset.kpi_name

    chans = resolve_channels(session, args.channels)
    table = session.memo("saturation", lambda: saturation(session.model))
    table = table.set_index("channel").loc[chans].reset_index()
    saturated = [display_name(session, c) for c in table.loc[table.status == "saturated", "channel"]]
    headroom = [display_name(session, c) for c in table.loc[table.status == "headroom", "channel"]]
    if saturated:
        headline = (
            f"{join_names(saturated)} {'is' if len(saturated) == 1 else 'are'} saturated: extra spend there buys "
            "little more; "
            + (
                f"{join_names(headroom)} still {'has' if len(headroom) == 1 else 'have'} headroom."
                if headroom
                else "no channel has clear headroom."
            )
        )
    elif headroom:
        headline = f"No channel is saturated; {join_names(headroom)} {'has' if len(headroom) == 1 else 'have'} the most headroom."
    else:
        headline = "No channel is saturated; every channel runs in its efficient range."
    bullets = [
        f"{display_name(session, r.channel)}: {fmt_pct(r.saturation, 0)} saturated (90% range {fmt_range(r.lower, r.upper, 'pct')}), "
        f"next $1 returns {fmt_roi(r.marginal_roi, kpi_name=kpi)}, {_carryover(r.peak_week, r.half_life_weeks)} - {r.status}."
        for r in table.itertuples()
    ]
    return ToolResult(
        tool="saturation", headline=headline, rows=rows_of(table), bullets=bullets, charts=["04_response_curves.png"]
    )


@tool("carryover", ChannelsArgs)
def carryover_tool(session: Any, args: ChannelsArgs) -> ToolResult:
    """How long each channel's effect lasts after the spend (carry-over, adstock): the share of the effect that
    lands after the week of spend, the average delay with a 90% range, the week it peaks and the weeks until 90%
    of it has landed. Use for "how long does the TV effect last?", "which channel has the longest carry-over?",
    "does TV have a delayed effect?". Not for saturation or ROI."""
    from mixwise.analysis import carryover, carryover_sentence

    chans = resolve_channels(session, args.channels)
    full = session.memo("carryover", lambda: carryover(session.model))
    table = full.set_index("channel").loc[chans].reset_index()
    if len(table) == len(full):
        headline = full.attrs["headline"]
    else:
        first = table.loc[table["mean_lag_weeks"].idxmax()]
        headline = f"{display_name(session, first.channel)}: " + carryover_sentence(first)
    if len(table) == 1:
        r = table.iloc[0]
        bullets = [f"Carry-over half-life {r.half_life_weeks:.1f} weeks ({r.kernel} carry-over)."]
    else:
        bullets = [f"{display_name(session, r.channel)}: " + carryover_sentence(r) for r in table.itertuples()]
    if any(k == "weibull" for k in table["kernel"]):
        bullets.append("Channels with a Weibull carry-over can peak after the week of spend; the others peak in it.")
    return ToolResult(
        tool="carryover", headline=headline, rows=rows_of(table), bullets=bullets, charts=["10_carryover.png"]
    )


@tool("contributions", NoArgs)
def contributions_tool(session: Any, args: NoArgs) -> ToolResult:
    """What drives the kpi: the share of total sales from baseline, trend, seasonality, each control and each
    media channel over the data window, with 90% ranges. Use for "what drives sales?", "how much comes
    from media?". Not for a specific period (use period_drivers)."""
    from mixwise.analysis import contribution_shares

    table = session.memo("contribution_shares", lambda: contribution_shares(session.model))
    media = table[table.kind == "media"].sort_values("contribution", ascending=False)
    media_share = float(media.share.sum())
    top = media.iloc[0]
    headline = (
        f"Media drives {fmt_pct(media_share)} of {session.dataset.kpi_name}; {display_name(session, top.component)} is the "
        f"biggest channel at {fmt_pct(top.share)} ({fmt_kpi(top.contribution, session.dataset.kpi_name)})."
    )
    bullets = [
        f"{display_name(session, r.component) if r.kind == 'media' else r.component.replace('_', ' ').capitalize()}: "
        f"{fmt_kpi(r.contribution, session.dataset.kpi_name)} ({fmt_pct(r.share)}, 90% range {fmt_range(r.lower, r.upper, 'pct')})"
        for r in table.itertuples()
    ]
    return ToolResult(
        tool="contributions",
        headline=headline,
        rows=rows_of(table),
        bullets=bullets,
        charts=["02_channel_contributions.png", "06_decomposition_pie.png"],
        data={"media_share": media_share},
    )
