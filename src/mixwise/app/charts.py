"""Draw the charts named by an answer (or a page) with :mod:`mixwise.charts`, as PNG bytes for ``st.image``.

The app shows the same matplotlib figures as the reports and the CLI, so numbers and channel colours
match everywhere. Analysis tables are computed once per analyst session (``session.memo``).
"""

from __future__ import annotations

import io
import logging
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["figure_png", "chart_png", "answer_charts", "table"]

logger = logging.getLogger(__name__)

#: Screen resolution of the PNGs shown in the app.
DPI = 100


def figure_png(fig: Any, dpi: int = DPI) -> bytes:
    """A matplotlib figure as PNG bytes (white background)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def _avp(model: Any, level: float = 0.9) -> pd.DataFrame:
    ds = model.dataset_
    pred = np.asarray(model.predict())
    tail = (1.0 - level) / 2.0
    return pd.DataFrame(
        {
            "date": ds.dates,
            "actual": ds.kpi,
            "predicted": pred.mean(axis=0),
            "lower": np.quantile(pred, tail, axis=0),
            "upper": np.quantile(pred, 1.0 - tail, axis=0),
        }
    )


def table(session: Any, key: str) -> pd.DataFrame:
    """Analysis table ``key`` of the session's model, computed once.

    Keys: ``roi``, ``marginal_roi``, ``contribution_shares``, ``saturation``, ``response_curves``,
    ``contributions``, ``spend`` (``date, <channel>...``) and ``actual_vs_predicted``.
    """
    from mixwise import analysis

    model = session.model

    def compute() -> pd.DataFrame:
        if key == "spend":
            ds = model.dataset_
            frame = pd.DataFrame(np.asarray(ds.spend), columns=list(ds.channels))
            frame.insert(0, "date", ds.dates)
            frame.attrs["channels"] = list(ds.channels)
            return frame
        if key == "actual_vs_predicted":
            return _avp(model)
        return getattr(analysis, key)(model)

    return session.memo(f"app_table:{key}", compute)


def _kpi_label(session: Any) -> str:
    return str(session.dataset.kpi_name).replace("_", " ").capitalize()


def _standard(session: Any, stem: str) -> Any:
    from mixwise.charts import STANDARD_CHARTS

    keys, draw = STANDARD_CHARTS[stem]
    tables = {k: table(session, k) for k in keys}
    kw = {"channels": list(session.dataset.channels), "kpi_label": _kpi_label(session), "currency": "$"}
    return draw(tables, kw)


def _fit_chart(session: Any) -> Any:
    from mixwise.charts import plot_actual_vs_predicted

    return plot_actual_vs_predicted(table(session, "actual_vs_predicted"), kpi_label=_kpi_label(session))


def chart_png(session: Any, name: str) -> bytes | None:
    """PNG bytes of the chart called ``name`` (``03_roi_comparison.png``, ``07_scenario.png``...).

    The standard charts and the fit chart are drawn from tables computed one at a time (the first
    answer does not wait for every table); decision charts (plan, scenario, drivers) come from
    :func:`mixwise.agent.charts.chart_figure`, which draws the session's last result.

    Args:
        session: The analyst session (fitted).
        name: Chart file name as listed in a tool result's ``charts``.

    Returns:
        PNG bytes, or None when the chart cannot be drawn from what is available.
    """
    from mixwise.agent.charts import FIT_CHART, chart_figure
    from mixwise.charts import STANDARD_CHARTS

    stem = name.removesuffix(".png")
    if stem in STANDARD_CHARTS:
        fig = _standard(session, stem)
    elif name in (FIT_CHART, "actual_vs_predicted.png"):
        fig = _fit_chart(session)
    else:
        fig = chart_figure(session, name)
    return None if fig is None else figure_png(fig)


def answer_charts(session: Any, result: Any, limit: int = 2) -> list[bytes]:
    """PNG bytes of up to ``limit`` charts of a tool result; a chart that fails is skipped (and logged)."""
    if result is None or not getattr(result, "charts", None) or not session.is_fitted:
        return []
    out: list[bytes] = []
    for name in result.charts[:limit]:
        try:
            png = chart_png(session, name)
        except Exception:  # noqa: BLE001 - a chart must never break an answer
            logger.exception("Could not draw chart %s", name)
            continue
        if png:
            out.append(png)
    return out
