"""Tools that need no fitted model: data quality and help."""

from __future__ import annotations

from typing import Any

from mixwise.agent.format import fmt_money
from mixwise.agent.registry import ToolResult, tool
from mixwise.agent.tools_model import NoArgs

__all__ = ["EXAMPLE_QUESTIONS"]

#: Questions shown by help, the chat and the app.
EXAMPLE_QUESTIONS = (
    "What is the ROI of TV vs Digital?",
    "Which channels are saturated?",
    "How long does the TV effect last?",
    "What if we cut TV by 20%?",
    "What drove Q4?",
    "How should I split $2M next quarter?",
    "Give me an executive summary",
    "How good is the model?",
    "Is my data OK?",
)


@tool("data_quality", NoArgs, needs_model=False)
def data_quality(session: Any, args: NoArgs) -> ToolResult:
    """The data validation report: every check (dates, gaps, nulls, negative spend, outliers, collinearity,
    data adequacy, unit mistakes) with PASS / WARN / FAIL and a recommendation. Use for "is my data OK?",
    "any data problems?". Not for model fit quality (use model_health)."""
    ds = session.dataset
    report = session.report
    doc = report.to_dict()
    checks = doc.get("checks", [])
    n_fail = sum(1 for c in checks if c.get("status") == "FAIL")
    n_warn = sum(1 for c in checks if c.get("status") == "WARN")
    span = f"{ds.dates[0]:%d %b %Y} to {ds.dates[-1]:%d %b %Y}"
    headline = f"{ds.n_weeks} weeks of data ({span}) with {ds.n_channels} channels: " + (
        f"{n_fail} problem(s) must be fixed before modelling."
        if n_fail
        else (f"usable, with {n_warn} warning(s) to keep in mind." if n_warn else "every check passed.")
    )
    bullets = [f"{c.get('status')}: {c.get('message')}" for c in checks if c.get("status") != "PASS"]
    bullets.append(
        f"Total {ds.kpi_name}: {fmt_money(float(ds.kpi.sum()))}; total media spend: {fmt_money(float(ds.spend.sum()))}."
    )
    return ToolResult(tool="data_quality", headline=headline, rows=checks, bullets=bullets, caveats=[])


@tool("help", NoArgs, needs_model=False)
def help_tool(session: Any, args: NoArgs) -> ToolResult:
    """What mixwise can answer, with example questions. Use when the user asks for help or what to ask."""
    chans = ", ".join(session.dataset.channels)
    return ToolResult(
        tool="help",
        headline=(
            "I answer questions about your media spend: ROI and marginal ROI, saturation, what drives sales, "
            "what-if scenarios, budget allocation, period drivers, forecasts, model and data quality."
        ),
        rows=[{"example": q} for q in EXAMPLE_QUESTIONS],
        bullets=[f"Channels in your data: {chans}."] + [f"Try: {q}" for q in EXAMPLE_QUESTIONS],
        caveats=[],
    )
