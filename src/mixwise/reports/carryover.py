"""The report's carry-over section: how long each channel's effect lasts after the spend."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mixwise.analysis.carryover import carryover_sentence
from mixwise.formatting import display_name, fmt_pct
from mixwise.reports.sections import require
from mixwise.reports.structure import ReportSection, ReportTable

__all__ = ["carryover_section", "CARRYOVER_CHART"]

CARRYOVER_CHART = "10_carryover.png"


def carryover_section(table: pd.DataFrame, chart_dir: Path | None = None) -> ReportSection:
    """Per channel: the share of the effect landing after the week of spend, the average delay, the peak week.

    Args:
        table: :func:`mixwise.analysis.carryover` output.
        chart_dir: Folder holding ``10_carryover.png`` (listed when it exists).
    """
    cols = ("channel", "kernel", "mean_lag_weeks", "lower", "upper", "lagged_share", "peak_week", "weeks_to_90")
    headline = str(table.attrs.get("headline", "")) if isinstance(table, pd.DataFrame) else ""
    table = require(table, cols, "carryover").sort_values("mean_lag_weeks", ascending=False)
    bullets = tuple(f"{display_name(r.channel)}: " + carryover_sentence(r) for r in table.itertuples())
    rows = tuple(
        (
            display_name(r.channel),
            fmt_pct(r.lagged_share, 0),
            f"{r.mean_lag_weeks:.1f}",
            f"{r.lower:.1f}–{r.upper:.1f}",
            str(int(r.peak_week)),
            str(int(r.weeks_to_90)),
            str(r.kernel),
        )
        for r in table.itertuples()
    )
    tbl = ReportTable(
        columns=(
            "Channel",
            "After the week of spend",
            "Average delay (weeks)",
            "90% range",
            "Peak week",
            "90% landed by week",
            "Carry-over",
        ),
        rows=rows,
        align=("left", "right", "right", "right", "right", "right", "left"),
        note="Week 0 is the week of spend; plan flights knowing that this share of the effect arrives later.",
    )
    charts = ()
    if chart_dir is not None and (Path(chart_dir) / CARRYOVER_CHART).exists():
        charts = (Path(chart_dir) / CARRYOVER_CHART,)
    return ReportSection("carryover", "Carry-over: how long effects last", headline, bullets, tbl, charts)
