"""Section builders: analysis tables and optimiser results in, :class:`ReportSection` out.

Every number shown comes from the frames of :mod:`mixwise.analysis`, the optimiser's
:class:`~mixwise.optimize.plan.AllocationPlan` (or a scenario result) and the health report;
this module only chooses words and formats numbers.

Expected columns (the agreed analysis contract):

* roi: ``channel, spend, contribution, mean, lower, upper``
* marginal_roi: ``channel, mean, lower, upper``
* contribution_shares: ``component, kind, contribution, share, lower, upper``
* saturation: ``channel, saturation, lower, upper, half_life_weeks, marginal_roi, roi, status``
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from mixwise.errors import DataValidationError
from mixwise.formatting import (
    display_name,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_range,
    fmt_roi,
    fmt_signed_money,
    is_money_kpi,
    join_names,
    missing,
)
from mixwise.reports.structure import ReportSection, ReportTable

__all__ = [
    "KpiFormat",
    "performance_section",
    "roi_section",
    "saturation_section",
    "recommendation_section",
    "require",
]


class KpiFormat:
    """Formats kpi amounts as money (sales, revenue) or plain counts (conversions, units)."""

    def __init__(self, kpi_name: str, currency: str = "$") -> None:
        self.name = str(kpi_name or "sales")
        self.currency = currency
        self.is_money = is_money_kpi(self.name)

    def __call__(self, value: Any) -> str:
        return fmt_money(value, self.currency) if self.is_money else fmt_number(value)

    def signed(self, value: Any) -> str:
        """With an explicit sign."""
        if self.is_money:
            return fmt_signed_money(value, self.currency)
        return ("+" if not missing(value) and float(value) >= 0 else "") + fmt_number(value)

    def per_dollar(self, value: Any) -> str:
        """ROI: ``$1.85`` of sales per $1, or ``0.12`` conversions per $1 (no break-even verdict for counts)."""
        return fmt_roi(value, self.currency) if self.is_money else fmt_number(value)

    def per_dollar_range(self, lower: Any, upper: Any) -> str:
        """Interval of an ROI."""
        if self.is_money:
            return fmt_range(lower, upper, "roi", self.currency)
        return "n/a" if missing(lower) or missing(upper) else f"{fmt_number(lower)}–{fmt_number(upper)}"


def require(frame: Any, columns: Sequence[str], name: str) -> pd.DataFrame:
    """Check an analysis table has the agreed columns and at least one row.

    Raises:
        DataValidationError: Naming the table, the missing and the received columns.
    """
    if not isinstance(frame, pd.DataFrame):
        raise DataValidationError(
            f"The report needs the {name} table as a pandas DataFrame; received {type(frame).__name__}. "
            "Pass the frame returned by mixwise.analysis."
        )
    absent = [c for c in columns if c not in frame.columns]
    if absent or frame.empty:
        raise DataValidationError(
            f"The report's {name} table must have columns {', '.join(columns)} and at least one row; "
            f"missing {', '.join(absent) or 'none'}, {len(frame)} row(s) "
            f"(received columns: {', '.join(map(str, frame.columns))}). Pass the frame from mixwise.analysis unchanged."
        )
    return frame


def _existing(chart_dir: Path | None, names: Sequence[str]) -> tuple[Path, ...]:
    if chart_dir is None:
        return ()
    return tuple(Path(chart_dir) / n for n in names if (Path(chart_dir) / n).is_file())


def _component_label(name: str, kind: str) -> str:
    return display_name(name) if kind == "media" else str(name).replace("_", " ").capitalize()


def performance_section(
    shares: pd.DataFrame, kpi: KpiFormat, n_weeks: int, chart_dir: Path | None = None
) -> ReportSection:
    """What drives the kpi: media share, the biggest channel, every component's contribution."""
    require(shares, ("component", "kind", "contribution", "share", "lower", "upper"), "contribution_shares")
    media = shares[shares["kind"] == "media"].sort_values("contribution", ascending=False)
    total = float(shares["contribution"].sum())
    media_total = float(media["contribution"].sum())
    media_share = float(media["share"].sum())
    if media.empty:
        headline = f"Media drove none of {kpi.name} over {n_weeks} weeks: the model credits every sale to the base."
    else:
        top = media.iloc[0]
        headline = (
            f"Media drove {fmt_pct(media_share)} of {kpi.name} ({kpi(media_total)} of {kpi(total)}) over "
            f"{n_weeks} weeks; {display_name(top['component'])} contributed the most at {fmt_pct(top['share'])}."
        )
    base = shares[shares["kind"] != "media"]
    bullets = [
        f"The base (baseline, trend, seasonality and controls) accounts for {fmt_pct(float(base['share'].sum()))} "
        f"of {kpi.name} ({kpi(float(base['contribution'].sum()))}): sales that would happen without paid media."
    ]
    bullets += [
        f"{display_name(r.component)}: {kpi(r.contribution)} ({fmt_pct(r.share)} of {kpi.name}, "
        f"90% range {fmt_range(r.lower, r.upper, 'pct')})."
        for r in media.itertuples()
    ]
    rows = [
        (
            _component_label(r.component, r.kind),
            {"media": "Media", "control": "Control"}.get(r.kind, "Base"),
            kpi(r.contribution),
            fmt_pct(r.share),
            fmt_range(r.lower, r.upper, "pct"),
        )
        for r in pd.concat([media, base]).itertuples()
    ]
    table = ReportTable(
        columns=("Component", "Type", f"Contribution to {kpi.name}", "Share", "Share 90% range"),
        rows=tuple(rows),
        align=("left", "left", "right", "right", "right"),
        note="Shares of total modelled kpi over the data window"
        + (
            ". Seasonality and continuous controls (such as price) are measured from their average level: they "
            "move sales week to week and net to about zero over the window"
            if (shares["kind"] == "control").any() or (shares["component"] == "seasonality").any()
            else ""
        )
        + "; ranges are 90% intervals over model draws.",
    )
    charts = _existing(
        chart_dir, ("01_sales_spend_trend.png", "02_channel_contributions.png", "06_decomposition_pie.png")
    )
    return ReportSection("performance", "Performance overview", headline, tuple(bullets), table, charts)


def _merged_roi(roi: pd.DataFrame, mroi: pd.DataFrame) -> pd.DataFrame:
    require(roi, ("channel", "spend", "contribution", "mean", "lower", "upper"), "roi")
    require(mroi, ("channel", "mean", "lower", "upper"), "marginal_roi")
    m = mroi[["channel", "mean", "lower", "upper"]].rename(
        columns={"mean": "m_mean", "lower": "m_lower", "upper": "m_upper"}
    )
    return roi.merge(m, on="channel", how="left").sort_values("mean", ascending=False).reset_index(drop=True)


def _verdict(lower: float, upper: float) -> str:
    if not missing(lower) and lower > 1:
        return "pays back"
    if not missing(upper) and upper < 1:
        return "does not pay back"
    return "may or may not pay back"


def _peak(weeks: Any) -> str:
    """'effect peaks 2 weeks after the spend; ' for a delayed carry-over, else ''."""
    n = 0 if missing(weeks) else int(weeks)
    return f"effect peaks {n} week{'s' if n > 1 else ''} after the spend; " if n >= 1 else ""


def roi_section(roi: pd.DataFrame, mroi: pd.DataFrame, kpi: KpiFormat, chart_dir: Path | None = None) -> ReportSection:
    """ROI and marginal ROI per channel with 90% intervals; the headline names the best channel."""
    table = _merged_roi(roi, mroi)
    ranked = table[table["mean"].notna()]
    if ranked.empty:
        raise DataValidationError(
            "The report's roi table has no finite ROI (every channel has zero spend or NaN). "
            "Check the spend columns of the data."
        )
    best, worst = ranked.iloc[0], ranked.iloc[-1]
    headline = (
        f"{display_name(best.channel)} returns the most per $1 spent: {kpi.per_dollar(best['mean'])} of {kpi.name} "
        f"(90% range {kpi.per_dollar_range(best.lower, best.upper)})"
    )
    if len(ranked) > 1:
        headline += f"; {display_name(worst.channel)} returns the least at {kpi.per_dollar(worst['mean'])}"
    headline += "."
    bullets = []
    for r in table.itertuples():
        text = (
            f"{display_name(r.channel)} returned {kpi.per_dollar(r.mean)} per $1 "
            f"(90% range {kpi.per_dollar_range(r.lower, r.upper)}) on {fmt_money(r.spend)} of spend"
        )
        if kpi.is_money:
            text += f", so it {_verdict(r.lower, r.upper)}"
        text += f"; the next $1 returns {kpi.per_dollar(r.m_mean)}."
        bullets.append(text)
    if kpi.is_money:
        bullets.append(
            "ROI is the average return of every $1 spent so far; marginal ROI is the return of the next $1 at "
            "today's spend. A channel can have a high ROI and a low marginal ROI when it is near saturation."
        )
    rows = tuple(
        (
            display_name(r.channel),
            fmt_money(r.spend),
            kpi(r.contribution),
            kpi.per_dollar(r.mean),
            kpi.per_dollar_range(r.lower, r.upper),
            kpi.per_dollar(r.m_mean),
            kpi.per_dollar_range(r.m_lower, r.m_upper),
        )
        for r in table.itertuples()
    )
    tbl = ReportTable(
        columns=("Channel", "Spend", "Contribution", "ROI", "ROI 90% range", "Marginal ROI", "mROI 90% range"),
        rows=rows,
        note=f"ROI = {kpi.name} contributed per $1 spent over the data window; ranges are 90% intervals.",
    )
    charts = _existing(chart_dir, ("03_roi_comparison.png", "05_budget_efficiency.png"))
    return ReportSection("roi", "Return on investment", headline, tuple(bullets), tbl, charts)


def saturation_section(sat: pd.DataFrame, kpi: KpiFormat, chart_dir: Path | None = None) -> ReportSection:
    """How far up its response curve each channel runs, and where there is headroom."""
    require(
        sat,
        ("channel", "saturation", "lower", "upper", "half_life_weeks", "marginal_roi", "roi", "status"),
        "saturation",
    )
    sat = sat.sort_values("saturation", ascending=False).reset_index(drop=True)
    status = sat["status"].astype(str).str.lower()
    saturated = [display_name(c) for c in sat.loc[status.str.contains("saturat"), "channel"]]
    roomy = sat[status.str.contains("headroom")].sort_values("marginal_roi", ascending=False)
    if roomy.empty:
        roomy = sat[~status.str.contains("saturat")].sort_values("saturation").head(1)
    roomy_names = [display_name(c) for c in roomy["channel"]]
    if saturated:
        verb = "is" if len(saturated) == 1 else "are"
        first = sat[status.str.contains("saturat")].sort_values("marginal_roi").iloc[0]
        headline = (
            f"{join_names(saturated)} {verb} saturated, so extra spend there buys little more "
            f"(next $1 in {display_name(first.channel)} returns {kpi.per_dollar(first.marginal_roi)})"
        )
        if roomy_names:
            r0 = roomy.iloc[0]
            has = "has" if len(roomy_names) == 1 else "have"
            headline += (
                f"; {join_names(roomy_names)} still {has} headroom "
                f"(next $1 in {display_name(r0.channel)} returns {kpi.per_dollar(r0.marginal_roi)})"
            )
        headline += "."
    elif not roomy.empty:
        r0 = roomy.iloc[0]
        headline = (
            f"No channel is saturated; {display_name(r0.channel)} has the most headroom at "
            f"{fmt_pct(r0.saturation, 0)} of its maximum response (next $1 returns {kpi.per_dollar(r0.marginal_roi)})."
        )
    else:
        headline = "No channel is saturated; every channel runs in its efficient range."
    bullets = tuple(
        f"{display_name(r.channel)}: {fmt_pct(r.saturation, 0)} of maximum response "
        f"(90% range {fmt_range(r.lower, r.upper, 'pct')}); next $1 returns {kpi.per_dollar(r.marginal_roi)}; "
        + _peak(getattr(r, "peak_week", 0))
        + f"carry-over half-life {r.half_life_weeks:.1f} weeks ({r.status})."
        for r in sat.itertuples()
    )
    rows = tuple(
        (
            display_name(r.channel),
            fmt_pct(r.saturation, 0),
            fmt_range(r.lower, r.upper, "pct"),
            f"{r.half_life_weeks:.1f}",
            kpi.per_dollar(r.roi),
            kpi.per_dollar(r.marginal_roi),
            str(r.status),
        )
        for r in sat.itertuples()
    )
    tbl = ReportTable(
        columns=("Channel", "Saturation", "90% range", "Half-life (weeks)", "ROI", "Marginal ROI", "Status"),
        rows=rows,
        align=("left", "right", "right", "right", "right", "right", "left"),
        note="Saturation = share of the channel's maximum weekly effect reached at current spend.",
    )
    return ReportSection(
        "saturation",
        "Saturation and headroom",
        headline,
        bullets,
        tbl,
        _existing(chart_dir, ("04_response_curves.png",)),
    )


def recommendation_section(plan: Any, kpi: KpiFormat, chart_dir: Path | None = None) -> ReportSection:
    """The optimiser's plan (or a scenario result): what to change, the expected lift and its range."""
    if plan is None:
        return ReportSection(
            "recommendation",
            "Recommendation",
            "No budget recommendation was computed for this report.",
            ("Run `mixwise optimize` to get a recommended budget split.",),
        )
    if hasattr(plan, "allocation"):
        return _plan_section(plan, kpi, chart_dir)
    if hasattr(plan, "channels") and hasattr(plan, "delta_kpi"):
        return _scenario_section(plan, kpi, chart_dir)
    raise DataValidationError(
        f"The report's recommendation must be an AllocationPlan (mixwise.optimize) or a ScenarioResult; "
        f"received {type(plan).__name__}. Pass the result of optimize(...) or run_scenario(...)."
    )


def _plan_section(plan: Any, kpi: KpiFormat, chart_dir: Path | None) -> ReportSection:
    alloc = require(
        plan.allocation, ("channel", "current", "recommended", "change", "change_pct", "marginal_roi"), "allocation"
    )
    lift = plan.expected_lift
    level = fmt_pct(getattr(plan, "level", 0.9), 0)
    bullets = [
        f"Budget: {fmt_money(plan.budget)} over the next {plan.weeks} weeks "
        + (
            "(the same total as the current plan)."
            if abs(float(plan.budget) - float(plan.current_total)) <= 0.005 * max(abs(float(plan.current_total)), 1.0)
            else f"(the current plan spends {fmt_money(plan.current_total)})."
        ),
        f"Expected gain vs the current split: {kpi.signed(lift.get('mean'))} of {kpi.name} "
        f"({level} range {kpi.signed(lift.get('lower'))} to {kpi.signed(lift.get('upper'))}"
        + (f", {fmt_pct(plan.lift_pct, 1, signed=True)})." if not missing(getattr(plan, "lift_pct", None)) else ")."),
    ]
    moves = alloc[alloc["change"].abs() >= 0.005 * max(float(plan.budget), 1.0)]
    for r in moves.reindex(moves["change"].abs().sort_values(ascending=False).index).head(4).itertuples():
        verb = "Increase" if r.change > 0 else "Cut"
        bullets.append(
            f"{verb} {display_name(r.channel)} by {fmt_money(abs(r.change))} ({fmt_pct(r.change_pct, 0, signed=True)}) "
            f"to {fmt_money(r.recommended)}."
        )
    if plan.binding:
        bullets.append(f"At a bound: {', '.join(plan.binding)} (the plan would move further if allowed).")
    rows = tuple(
        (
            display_name(r.channel),
            fmt_money(r.current),
            fmt_money(r.recommended),
            fmt_signed_money(r.change),
            fmt_pct(r.change_pct, 0, signed=True),
            kpi.per_dollar(r.marginal_roi),
        )
        for r in alloc.itertuples()
    )
    tbl = ReportTable(
        columns=("Channel", "Current", "Recommended", "Change", "Change %", "Marginal ROI at plan"),
        rows=rows,
        note=" ".join(
            [f"Spend totals over {plan.weeks} weeks; the same total budget, re-split across channels."]
            + [str(n) for n in getattr(plan, "notes", ())[:3]]
        ),
    )
    return ReportSection(
        "recommendation",
        "Budget recommendation",
        str(plan.headline),
        tuple(bullets),
        tbl,
        _existing(chart_dir, ("07_allocation.png",)),
    )


def _scenario_section(result: Any, kpi: KpiFormat, chart_dir: Path | None) -> ReportSection:
    frame = require(result.channels, ("channel", "spend_before", "spend_after", "delta_kpi"), "scenario channels")
    d = result.delta_kpi
    bullets = [
        f"Scenario: {result.scenario.describe()} ({result.window}).",
        f"Change in {kpi.name}: {kpi.signed(d.get('mean'))} (90% range {kpi.signed(d.get('lower'))} to "
        f"{kpi.signed(d.get('upper'))}) for a spend change of {fmt_signed_money(result.delta_spend)}.",
    ]
    bullets.extend(str(n) for n in getattr(result, "notes", ())[:3])
    has_range = {"lower", "upper"} <= set(frame.columns)
    rows = tuple(
        (
            display_name(r.channel),
            fmt_money(r.spend_before),
            fmt_money(r.spend_after),
            kpi.signed(r.delta_kpi),
            (f"{kpi.signed(r.lower)} to {kpi.signed(r.upper)}" if has_range else "n/a"),
        )
        for r in frame.itertuples()
    )
    tbl = ReportTable(
        columns=("Channel", "Spend before", "Spend after", f"Change in {kpi.name}", "90% range"), rows=rows
    )
    return ReportSection(
        "recommendation",
        "Scenario",
        str(result.headline),
        tuple(bullets),
        tbl,
        _existing(chart_dir, ("07_scenario.png",)),
    )
