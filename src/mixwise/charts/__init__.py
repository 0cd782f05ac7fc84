"""Charts: take mixwise result tables (pandas DataFrames), return matplotlib Figures; compute nothing.

Every ``plot_*`` function takes a result table with the columns documented on it and returns a
:class:`matplotlib.figure.Figure` (Agg canvas, no pyplot state) whose title states the takeaway.
:func:`save_figure` writes PNG (>= 150 dpi) and optionally PDF/SVG; :func:`save_standard_charts`
writes the six standard charts of a model.
"""

from __future__ import annotations

from mixwise.charts.carryover import plot_carryover
from mixwise.charts.channels import plot_budget_efficiency, plot_decomposition_pie, plot_roi_comparison
from mixwise.charts.curves import plot_response_curves
from mixwise.charts.decisions import plot_allocation, plot_scenario, plot_waterfall
from mixwise.charts.export import STANDARD_CHARTS, save_figure, save_standard_charts
from mixwise.charts.theme import channel_colors, display_name, figure_text, fmt_money, fmt_pct, fmt_roi
from mixwise.charts.trends import plot_actual_vs_predicted, plot_channel_contributions, plot_sales_spend_trend

__all__ = [
    "plot_carryover",
    "plot_sales_spend_trend",
    "plot_channel_contributions",
    "plot_roi_comparison",
    "plot_response_curves",
    "plot_budget_efficiency",
    "plot_decomposition_pie",
    "plot_actual_vs_predicted",
    "plot_allocation",
    "plot_waterfall",
    "plot_scenario",
    "save_figure",
    "save_standard_charts",
    "STANDARD_CHARTS",
    "channel_colors",
    "display_name",
    "figure_text",
    "fmt_money",
    "fmt_pct",
    "fmt_roi",
]
