"""Render the report's charts with :mod:`mixwise.charts` (imported lazily: matplotlib loads only here).

File names: the six standard charts (``01_sales_spend_trend.png`` .. ``06_decomposition_pie.png``),
plus ``07_allocation.png`` (optimiser plan) or ``07_scenario.png`` (scenario result) and
``08_actual_vs_predicted.png`` and ``10_carryover.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["EXTRA_CHARTS", "render_charts", "standard_chart_names"]

EXTRA_CHARTS = ("07_allocation.png", "07_scenario.png", "08_actual_vs_predicted.png", "10_carryover.png")


def standard_chart_names() -> tuple[str, ...]:
    """The six standard chart file names, in order."""
    return (
        "01_sales_spend_trend.png",
        "02_channel_contributions.png",
        "03_roi_comparison.png",
        "04_response_curves.png",
        "05_budget_efficiency.png",
        "06_decomposition_pie.png",
    )


def render_charts(
    tables: dict[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    plan: Any = None,
    kpi_label: str = "Sales",
    currency: str = "$",
    dpi: int = 150,
) -> list[Path]:
    """Write the standard charts and the report's extra charts as PNG into ``out_dir``.

    Args:
        tables: Analysis tables by key (``contributions``, ``spend``, ``roi``, ``response_curves``,
            ``contribution_shares``; optional ``actual_vs_predicted`` with ``date, actual,
            predicted, lower, upper``).
        out_dir: Folder (created if needed).
        plan: Optional :class:`~mixwise.optimize.plan.AllocationPlan` or scenario result.
        kpi_label: Kpi name for axis labels.
        currency: Currency symbol.
        dpi: PNG resolution (>= 150).

    Returns:
        Paths written.
    """
    from mixwise.charts import (
        plot_actual_vs_predicted,
        plot_allocation,
        plot_carryover,
        plot_scenario,
        save_figure,
        save_standard_charts,
    )

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = save_standard_charts(tables, out, dpi=dpi, kpi_label=kpi_label, currency=currency)
    if plan is not None and hasattr(plan, "allocation"):
        lift = getattr(plan, "expected_lift", {}) or {}
        fig = plot_allocation(plan.allocation, kpi_change=lift.get("mean"), kpi_label=kpi_label, currency=currency)
        written += save_figure(fig, out / "07_allocation.png", dpi=dpi)
    elif plan is not None and hasattr(plan, "delta_kpi"):
        d = plan.delta_kpi
        fig = plot_scenario(
            plan.channels,
            total_delta_kpi=d.get("mean"),
            total_lower=d.get("lower"),
            total_upper=d.get("upper"),
            kpi_label=kpi_label,
            currency=currency,
        )
        written += save_figure(fig, out / "07_scenario.png", dpi=dpi)
    avp = tables.get("actual_vs_predicted")
    if avp is not None:
        fig = plot_actual_vs_predicted(avp, kpi_label=kpi_label, currency=currency)
        written += save_figure(fig, out / "08_actual_vs_predicted.png", dpi=dpi)
    weights = tables.get("carryover_weights")
    if weights is not None and len(weights):
        written += save_figure(plot_carryover(weights), out / "10_carryover.png", dpi=dpi)
    return written
