"""Render the charts an answer names (the same charts, colours and names as the demo and reports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = [
    "render_charts",
    "chart_figure",
    "SCENARIO_CHART",
    "PLAN_CHART",
    "DRIVERS_CHART",
    "FIT_CHART",
    "CARRYOVER_CHART",
]

PLAN_CHART = "07_allocation.png"
SCENARIO_CHART = "07_scenario.png"
FIT_CHART = "08_actual_vs_predicted.png"
DRIVERS_CHART = "09_drivers_waterfall.png"
CARRYOVER_CHART = "10_carryover.png"


def _tables(session: Any) -> dict[str, Any]:
    from mixwise.reports.content import compute_tables

    return session.memo("chart_tables", lambda: compute_tables(session.model))


def chart_figure(session: Any, name: str) -> Any:
    """The matplotlib figure for chart ``name`` (``03_roi_comparison.png``...), or None when unavailable.

    Decision charts use the session's last scenario, plan or drivers result.
    """
    from mixwise import charts

    kpi_label = session.dataset.kpi_name.replace("_", " ").capitalize()
    stem = name.removesuffix(".png")
    if stem in charts.STANDARD_CHARTS:
        _keys, draw = charts.STANDARD_CHARTS[stem]
        return draw(_tables(session), {"channels": list(session.channels), "kpi_label": kpi_label, "currency": "$"})
    if name == FIT_CHART:
        return charts.plot_actual_vs_predicted(_tables(session)["actual_vs_predicted"], kpi_label=kpi_label)
    if name == CARRYOVER_CHART:
        from mixwise.analysis import carryover_weights

        return charts.plot_carryover(session.memo("carryover_weights", lambda: carryover_weights(session.model)))
    plan, scenario, period = session.last("plan"), session.last("scenario"), session.last("drivers")
    if name == PLAN_CHART and plan is not None:
        return charts.plot_allocation(plan.allocation, kpi_change=plan.expected_lift.get("mean"), kpi_label=kpi_label)
    if name == SCENARIO_CHART and scenario is not None:
        d = scenario.delta_kpi
        return charts.plot_scenario(
            scenario.channels,
            total_delta_kpi=d.get("mean"),
            total_lower=d.get("lower"),
            total_upper=d.get("upper"),
            kpi_label=kpi_label,
        )
    if name == DRIVERS_CHART and period is not None:
        return charts.plot_waterfall(
            period.table, previous_label=period.comparison.label, current_label=period.period.label, kpi_label=kpi_label
        )
    return None


def render_charts(session: Any, names: list[str], out_dir: str | Path, dpi: int = 150) -> list[Path]:
    """Write the named charts as PNG into ``out_dir``; returns the paths written (unknown names are skipped)."""
    from mixwise.charts import save_figure

    out = Path(out_dir)
    written: list[Path] = []
    for name in names:
        fig = chart_figure(session, name)
        if fig is not None:
            written += save_figure(fig, out / name.removesuffix(".png"), dpi=dpi)
    return written
