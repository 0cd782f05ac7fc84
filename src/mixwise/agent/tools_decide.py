"""Decision tools: what-if scenarios, the budget optimiser, period drivers, forecasts, model health and the
executive summary. Each converts arguments, calls the public API and turns the result into a ToolResult."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mixwise.agent.charts import DRIVERS_CHART, FIT_CHART, PLAN_CHART, SCENARIO_CHART
from mixwise.agent.format import fmt_kpi, fmt_money, fmt_pct, fmt_range, fmt_roi, fmt_signed_money
from mixwise.agent.registry import ToolArgumentError, ToolResult, tool
from mixwise.agent.tools_model import NoArgs, display_name, rows_of

__all__ = ["ScenarioArgs", "OptimizeArgs", "DriversArgs", "ForecastArgs"]


class ChangeArg(BaseModel):
    """A change to one channel: exactly one of pct, amount or level."""

    model_config = ConfigDict(extra="forbid")
    channel: str = Field(description="Channel name.")
    pct: float | None = Field(None, ge=-1.0, description="Signed fractional change: -0.2 cuts 20%, 1.0 doubles.")
    amount: float | None = Field(None, description="Signed money change over the window: -50000 removes $50k.")
    level: float | None = Field(None, ge=0, description="New total spend over the window.")

    @model_validator(mode="after")
    def _one_of(self) -> ChangeArg:
        given = [k for k in ("pct", "amount", "level") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of pct, amount or level for {self.channel}; received {given or 'none'}")
        return self


class ShiftArg(BaseModel):
    """Money moved from one channel to another (total spend unchanged)."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(description="Channel the money comes from.")
    target: str = Field(description="Channel the money goes to.")
    amount: float | None = Field(None, gt=0, description="Money to move over the window.")
    pct: float | None = Field(None, description="Share of the source's spend to move (0.25 = a quarter).")


class ScenarioArgs(BaseModel):
    """A what-if scenario."""

    model_config = ConfigDict(extra="forbid")
    changes: list[ChangeArg] = Field(default_factory=list, description="Per-channel changes.")
    shifts: list[ShiftArg] = Field(default_factory=list, description="Money moved between channels.")
    weeks: int | None = Field(None, ge=1, le=104, description="Future plan length in weeks; omit for the history.")


class OptimizeArgs(BaseModel):
    """Budget optimisation settings."""

    model_config = ConfigDict(extra="forbid")
    budget: float | None = Field(None, gt=0, description="Total budget for the period; omit for the current spend.")
    weeks: int = Field(13, ge=1, le=104, description="Planning period in weeks (13 = a quarter).")
    bounds: str | None = Field(None, description='Per-channel bounds, e.g. "tv=0.8:1.2,print=0:50000".')
    locked: list[str] = Field(default_factory=list, description="Channels kept at their current spend.")
    goal: Literal["kpi", "profit", "target_kpi", "target_roi", "target_mroi"] = Field(
        "kpi", description="kpi (max sales for the budget), profit (needs margin), or a target to hit."
    )
    margin: float | None = Field(None, gt=0, le=1, description="Profit margin on the kpi for goal=profit.")
    target: float | None = Field(None, gt=0, description="Target for the target_* goals.")


class DriversArgs(BaseModel):
    """A period and what to compare it with."""

    model_config = ConfigDict(extra="forbid")
    period: str = Field(
        description='Period: "2023Q4", "Q4", "March 2023", "H2", "last quarter", "ytd", "the holidays".'
    )
    vs: Literal["previous", "yoy"] = Field(
        "previous", description="Compare with the previous period or a year earlier."
    )


class ForecastArgs(BaseModel):
    """Forecast horizon."""

    model_config = ConfigDict(extra="forbid")
    weeks: int = Field(13, ge=1, le=104, description="Weeks ahead to forecast.")


def _kpi(session: Any, value: float, signed: bool = False) -> str:
    """A kpi amount: money for sales/revenue, a plain number for conversions and other counts."""
    return fmt_kpi(value, session.dataset.kpi_name, signed=signed)


def _kpi_range(session: Any, lower: float, upper: float) -> str:
    """A kpi interval in the style of :func:`fmt_range`."""
    if fmt_kpi(1, session.dataset.kpi_name).startswith("$"):
        return fmt_range(lower, upper, "money")
    sep = " to " if min(lower, upper) < 0 else "–"
    return f"{_kpi(session, lower)}{sep}{_kpi(session, upper)}"


def _scenario(session: Any, args: ScenarioArgs) -> Any:
    from mixwise.optimize import Change, Scenario, Shift
    from mixwise.optimize.scenarios import window_spend

    changes = []
    for c in args.changes:
        if c.pct is not None:
            changes.append(Change(c.channel, "pct", c.pct))
        elif c.amount is not None:
            changes.append(Change(c.channel, "amount", c.amount))
        else:
            changes.append(Change(c.channel, "set", c.level))
    shifts = []
    for s in args.shifts:
        amount = s.amount
        if amount is None:
            if s.pct is None:
                raise ToolArgumentError(
                    f"Say how much to move from {s.source} to {s.target}: an amount (e.g. 50000) or a share (e.g. 0.25)."
                )
            window = window_spend(session.dataset.spend, args.weeks)[0]
            amount = abs(s.pct) * float(window[:, session.dataset.channel_index(s.source)].sum())
        shifts.append(Shift(s.source, s.target, amount))
    if not changes and not shifts:
        raise ToolArgumentError("A scenario needs at least one change or shift, e.g. cut tv by 20%.")
    return Scenario(tuple(changes), tuple(shifts), args.weeks)


@tool("scenario", ScenarioArgs)
def scenario_tool(session: Any, args: ScenarioArgs) -> ToolResult:
    """What-if: the change in kpi (with a 90% range) and in spend when channels are cut, raised, set to a level
    or money is shifted between them, over the history or a future plan of N weeks, carry-over included.
    Use for "what if we cut TV by 20%?", "move $50k from print to digital". Not for finding the best split
    (use optimize_budget)."""
    from mixwise.optimize import run_scenario

    result = run_scenario(session.model, _scenario(session, args))
    session.remember("scenario", result)
    doc = result.to_dict()
    d = result.delta_kpi
    bullets = [
        f"{session.dataset.kpi_name.capitalize()} change: {_kpi(session, d['mean'], signed=True)} "
        f"(90% range {_kpi_range(session, d['lower'], d['upper'])}) for {fmt_signed_money(result.delta_spend)} of spend."
    ]
    for row in result.channels.itertuples(index=False):
        if abs(row.delta_spend) > 0:
            bullets.append(
                f"{display_name(session, row.channel)}: spend {fmt_money(row.spend_before)} -> {fmt_money(row.spend_after)}, "
                f"{session.dataset.kpi_name} {_kpi(session, row.delta_kpi, signed=True)}."
            )
    bullets.extend(result.notes[:2])
    return ToolResult(
        tool="scenario",
        headline=result.headline,
        rows=rows_of(result.channels),
        bullets=bullets,
        charts=[SCENARIO_CHART],
        data={k: v for k, v in doc.items() if k not in {"channels", "headline"}},
    )


@tool("optimize_budget", OptimizeArgs)
def optimize_tool(session: Any, args: OptimizeArgs) -> ToolResult:
    """Recommend how to split a budget across channels for the next N weeks (default: the current spend over 13
    weeks) to maximise sales, profit or hit a target, within bounds and locks; returns current vs recommended
    spend, the expected lift with a 90% range and which bounds bind. Use for "how should I split $2M next
    quarter?", "optimise my budget". Not for a single what-if change (use scenario)."""
    from mixwise.optimize import optimize

    plan = optimize(
        session.model,
        budget=args.budget,
        weeks=args.weeks,
        bounds=args.bounds,
        locked=args.locked,
        goal=args.goal,
        margin=args.margin,
        target=args.target,
    )
    session.remember("plan", plan)
    lift = plan.expected_lift
    bullets = [
        f"Expected lift: {_kpi(session, lift['mean'], signed=True)} of {session.dataset.kpi_name} "
        f"(90% range {_kpi_range(session, lift['lower'], lift['upper'])}) over {plan.weeks} weeks on a "
        f"{fmt_money(plan.budget)} budget."
    ]
    for row in plan.allocation.itertuples(index=False):
        bullets.append(
            f"{display_name(session, row.channel)}: {fmt_money(row.current)} -> {fmt_money(row.recommended)} "
            f"({fmt_pct(row.change_pct, 0, signed=True)}), next $1 returns {fmt_roi(row.marginal_roi, kpi_name=session.dataset.kpi_name)}."
        )
    if plan.binding:
        bullets.append("Limits reached: " + ", ".join(plan.binding) + ".")
    doc = plan.to_dict()
    return ToolResult(
        tool="optimize_budget",
        headline=plan.headline,
        rows=rows_of(plan.allocation),
        bullets=bullets,
        charts=[PLAN_CHART],
        data={k: v for k, v in doc.items() if k not in {"allocation", "headline"}},
    )


@tool("period_drivers", DriversArgs)
def drivers_tool(session: Any, args: DriversArgs) -> ToolResult:
    """What drove the kpi in a period (quarter, month, half, year, range, "last quarter", "the holidays") versus
    the previous period or the same period a year earlier: a waterfall of changes by baseline, trend,
    seasonality, controls and each channel, the top drivers and the share explained by media. Use for
    "what drove Q4?", "why did sales drop in March?". Not for whole-history contributions."""
    from mixwise.analysis.drivers import drivers

    result = drivers(session.model, args.period, vs=args.vs)
    session.remember("drivers", result)
    bullets = [
        f"{session.dataset.kpi_name.capitalize()}: {_kpi(session, result.kpi_previous)} -> {_kpi(session, result.kpi_current)} "
        f"({_kpi(session, result.kpi_change, signed=True)}, {fmt_pct(result.kpi_change_pct, signed=True)})."
    ]
    for d in result.top_drivers[:4]:
        name = display_name(session, d["component"]) if d["kind"] == "media" else d["component"].replace("_", " ")
        bullets.append(f"{name}: {_kpi(session, d['change'], signed=True)}.")
    if result.media_share == result.media_share:  # not NaN
        bullets.append(f"Media explains {fmt_pct(result.media_share)} of the change.")
    bullets.extend(result.notes[:2])
    doc = result.to_dict()
    return ToolResult(
        tool="period_drivers",
        headline=result.headline,
        rows=doc["rows"],
        bullets=bullets,
        charts=[DRIVERS_CHART],
        data={k: v for k, v in doc.items() if k not in {"rows", "headline"}},
    )


@tool("forecast", ForecastArgs)
def forecast_tool(session: Any, args: ForecastArgs) -> ToolResult:
    """Forecast the kpi for the next N weeks under a spend plan that repeats last year's same weeks, with a 90%
    range and the plan's ROI; says when trend and seasonality are extrapolated. Use for "what will sales be
    next quarter?". Not for what-if changes (use scenario)."""
    from mixwise.analysis.forecast import forecast

    result = forecast(session.model, weeks=args.weeks)
    t, r = result.total, result.roi
    bullets = [
        f"Forecast {session.dataset.kpi_name}: {_kpi(session, t['mean'])} (90% range {_kpi_range(session, t['lower'], t['upper'])}) "
        f"over {result.weeks} weeks.",
        f"Planned spend {fmt_money(result.spend_total)}, returning {fmt_roi(r['mean'], kpi_name=session.dataset.kpi_name)} per $1 "
        f"(90% range {fmt_range(r['lower'], r['upper'], kpi_name=session.dataset.kpi_name)}).",
        *result.flags[:3],
    ]
    doc = result.to_dict()
    return ToolResult(
        tool="forecast",
        headline=result.headline,
        rows=doc["weekly"],
        bullets=bullets,
        charts=[FIT_CHART],
        data={k: v for k, v in doc.items() if k not in {"weekly", "headline"}},
    )


@tool("model_health", NoArgs)
def health_tool(session: Any, args: NoArgs) -> ToolResult:
    """Model health: convergence, fit in and out of sample, negative baseline risk, implausible ROIs,
    prior-to-posterior shift, data adequacy, collinearity and residual autocorrelation, each PASS / REVIEW /
    FAIL with a recommendation. Use for "how good is the model?", "can I trust these numbers?"."""
    report = session.health
    doc = report.to_dict()
    rows = doc.get("checks", [])
    bullets = [
        f"{c['status']}: {c['message']}" + (f" {c['recommendation']}" if c.get("recommendation") else "")
        for c in rows
        if c.get("status") in ("REVIEW", "FAIL")
    ] or ["Every check passed."]
    return ToolResult(
        tool="model_health",
        headline=report.headline,
        rows=rows,
        bullets=bullets,
        charts=[FIT_CHART],
        caveats=list(report.caveats),
    )


@tool("executive_summary", NoArgs)
def executive_summary_tool(session: Any, args: NoArgs) -> ToolResult:
    """The executive summary in five headlines: performance and media share, best-return channel, saturation
    and headroom, the recommended reallocation of the same budget next quarter, and model health. Use for
    "give me an executive summary", "what should I know?"."""
    from mixwise.reports.content import EXECUTIVE_LABELS, executive_headlines

    headlines = session.memo(
        "executive_headlines",
        lambda: executive_headlines(session.model, load_report=session.report, health=session.health),
    )
    labels = (
        list(EXECUTIVE_LABELS)
        if len(EXECUTIVE_LABELS) == len(headlines)
        else [f"#{i + 1}" for i in range(len(headlines))]
    )
    return ToolResult(
        tool="executive_summary",
        headline=headlines[0],
        rows=[{"topic": label, "headline": h} for label, h in zip(labels, headlines, strict=True)],
        bullets=[f"{label}: {h}" for label, h in zip(labels, headlines, strict=True)],
        charts=["03_roi_comparison.png", "04_response_curves.png", FIT_CHART],
    )
