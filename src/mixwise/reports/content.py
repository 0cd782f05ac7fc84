"""Build a format-neutral executive report from a fitted model.

``build_report_content(model, ...)`` computes the analysis tables (:mod:`mixwise.analysis`), the
optimiser's plan for the next 13 weeks at the same budget (:mod:`mixwise.optimize`) and the
health report, renders the charts when a folder is given, and assembles a :class:`ReportContent`
that the PDF, PPTX and HTML renderers draw. ``executive_headlines(...)`` returns the five
executive headlines alone, for the CLI demo and the agent's executive summary.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mixwise.errors import MixwiseError
from mixwise.reports.appendix import data_quality_section, field_of, health_section, methodology_section
from mixwise.reports.carryover import carryover_section
from mixwise.reports.sections import (
    KpiFormat,
    performance_section,
    recommendation_section,
    roi_section,
    saturation_section,
)
from mixwise.reports.structure import ExecutiveHeadline, ReportContent, ReportSection

__all__ = [
    "DEFAULT_TITLE",
    "EXECUTIVE_LABELS",
    "build_report_content",
    "executive_headlines",
    "compute_tables",
    "default_plan",
    "default_health",
    "model_description",
]

DEFAULT_TITLE = "Marketing mix report"
#: Labels of the five executive headlines, in order.
EXECUTIVE_LABELS = ("Performance", "Best ROI", "Saturation & headroom", "Recommendation", "Model health")


def compute_tables(model: Any, level: float = 0.9) -> dict[str, pd.DataFrame]:
    """Every analysis table the report and its charts use.

    Returns:
        Dict with ``roi``, ``marginal_roi``, ``contribution_shares``, ``saturation``,
        ``response_curves``, ``contributions``, ``carryover``, ``carryover_weights`` (from
        :mod:`mixwise.analysis`), ``spend``
        (``date, <channel>...``) and ``actual_vs_predicted`` (``date, actual, predicted, lower,
        upper``; the band is the central ``level`` interval of the model's predicted draws).
    """
    from mixwise import analysis

    model.check_fitted()
    ds = model.dataset_
    tables = {
        "roi": analysis.roi(model),
        "marginal_roi": analysis.marginal_roi(model),
        "contribution_shares": analysis.contribution_shares(model),
        "saturation": analysis.saturation(model),
        "response_curves": analysis.response_curves(model),
        "contributions": analysis.contributions(model),
        "carryover": analysis.carryover(model),
        "carryover_weights": analysis.carryover_weights(model),
    }
    spend = pd.DataFrame(np.asarray(ds.spend), columns=list(ds.channels))
    spend.insert(0, "date", ds.dates)
    spend.attrs["channels"] = list(ds.channels)
    tables["spend"] = spend
    pred = np.asarray(model.predict())
    tail = (1.0 - level) / 2.0
    tables["actual_vs_predicted"] = pd.DataFrame(
        {
            "date": ds.dates,
            "actual": ds.kpi,
            "predicted": pred.mean(axis=0),
            "lower": np.quantile(pred, tail, axis=0),
            "upper": np.quantile(pred, 1.0 - tail, axis=0),
        }
    )
    return tables


def fit_summary(model: Any) -> dict[str, float]:
    """R², in-sample MAPE and holdout MAPE (when the model has one), from :func:`mixwise.analysis.fit_metrics`."""
    from mixwise.analysis import fit_metrics

    metrics = fit_metrics(model)
    return {k: float(v) for k, v in metrics.items() if v is not None and np.isfinite(float(v))}


def default_plan(model: Any, weeks: int = 13) -> Any:
    """The optimiser's plan: the same budget as the last ``weeks`` weeks, re-split to maximise the kpi."""
    from mixwise.optimize.optimizer import optimize

    return optimize(model, weeks=weeks, goal="kpi")


def default_health(model: Any, load_report: Any = None) -> Any:
    """The model health report, or ``None`` when the health module is not installed."""
    try:
        from mixwise.analysis.health import health
    except ImportError:
        return None
    return health(model, report=load_report)


def model_description(model: Any) -> str:
    """Plain words for the model type: ``Bayesian marketing-mix model (NumPyro, 2,000 draws)``."""
    name = str(getattr(model, "model_name", type(model).__name__))
    n = int(getattr(model, "n_draws", 0) or 0)
    if name == "bayes":
        return f"Bayesian marketing-mix model (NumPyro, {n:,} posterior draws)"
    if name == "ols":
        return f"regression (OLS) marketing-mix model ({n:,} bootstrap draws)"
    return f"{name} marketing-mix model ({n:,} draws)"


def _date_range(dates: pd.DatetimeIndex) -> str:
    return f"{dates[0]:%d %b %Y} – {dates[-1]:%d %b %Y} ({len(dates)} weeks)"


def _plan_or_none(model: Any, plan: Any, weeks: int) -> tuple[Any, str | None]:
    if plan is not None:
        return plan, None
    try:
        return default_plan(model, weeks), None
    except (MixwiseError, ImportError) as exc:  # the report still renders; the section says why
        return None, str(exc)


def _core_sections(
    model: Any,
    tables: dict[str, pd.DataFrame],
    plan: Any,
    health: Any,
    chart_dir: Path | None,
    plan_error: str | None = None,
    currency: str = "$",
) -> list[ReportSection]:
    """The five sections behind the five executive headlines, in order."""
    ds = model.dataset_
    kpi = KpiFormat(ds.kpi_name, currency)
    rec = recommendation_section(plan, kpi, chart_dir)
    if plan is None and plan_error:
        rec = ReportSection(
            rec.key, rec.title, "No budget recommendation: the optimiser could not produce a plan.", (plan_error,)
        )
    return [
        performance_section(tables["contribution_shares"], kpi, ds.n_weeks, chart_dir),
        roi_section(tables["roi"], tables["marginal_roi"], kpi, chart_dir),
        saturation_section(tables["saturation"], kpi, chart_dir),
        rec,
        health_section(health, fit_summary(model), chart_dir),
    ]


def executive_headlines(
    model: Any,
    load_report: Any = None,
    plan: Any = None,
    health: Any = None,
    tables: dict[str, pd.DataFrame] | None = None,
    weeks: int = 13,
) -> list[str]:
    """The five executive headlines: performance, best ROI, saturation, recommendation, model health.

    Args:
        model: A fitted model (any :class:`~mixwise.models.base.MMMBase`).
        load_report: The data validation report (used by the health checks).
        plan: An optimiser plan or scenario result; default: the optimiser re-splits the budget of
            the last ``weeks`` weeks over the next ``weeks`` weeks.
        health: A health report; default: :func:`mixwise.analysis.health.health`.
        tables: Precomputed :func:`compute_tables` output (computed when omitted).
        weeks: Planning period of the default plan.

    Returns:
        Five sentences, in the order of :data:`EXECUTIVE_LABELS`.
    """
    tables = tables if tables is not None else compute_tables(model)
    plan, plan_error = _plan_or_none(model, plan, weeks)
    if health is None:
        health = default_health(model, load_report)
    return [s.headline for s in _core_sections(model, tables, plan, health, None, plan_error)]


def build_report_content(
    model: Any,
    load_report: Any = None,
    plan: Any = None,
    health: Any = None,
    chart_dir: str | Path | None = None,
    title: str = DEFAULT_TITLE,
    *,
    data_name: str | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
    render_charts: bool = True,
    weeks: int = 13,
    currency: str = "$",
    generated: dt.date | None = None,
) -> ReportContent:
    """Assemble the executive report of a fitted model.

    Args:
        model: A fitted model.
        load_report: The data validation report (feeds the data-quality appendix and health checks).
        plan: An :class:`~mixwise.optimize.plan.AllocationPlan` or a scenario result; default: the
            optimiser re-splits the same budget over the next ``weeks`` weeks.
        health: A health report; default :func:`mixwise.analysis.health.health`.
        chart_dir: Folder for the charts; when given (and ``render_charts``), the charts are rendered
            there and embedded. ``None``: a report without charts.
        title: Report title.
        data_name: What the data is called on the title page (a file name); default from the kpi.
        tables: Precomputed :func:`compute_tables` output.
        render_charts: Render charts into ``chart_dir`` (``False``: only use charts already there).
        weeks: Planning period of the default plan.
        currency: Currency symbol.
        generated: Report date (default today, UTC).

    Returns:
        The report content: title page, five executive headlines, five main sections and the
        appendix (model health, data quality, methodology).
    """
    model.check_fitted()
    ds = model.dataset_
    tables = tables if tables is not None else compute_tables(model)
    plan, plan_error = _plan_or_none(model, plan, weeks)
    if health is None:
        health = default_health(model, load_report)
    folder = Path(chart_dir) if chart_dir is not None else None
    if folder is not None and render_charts:
        from mixwise.reports.figures import render_charts as draw

        draw(tables, folder, plan=plan, kpi_label=ds.kpi_name.replace("_", " ").capitalize(), currency=currency)
    core = _core_sections(model, tables, plan, health, folder, plan_error, currency)
    executive = tuple(ExecutiveHeadline(label, s.headline) for label, s in zip(EXECUTIVE_LABELS, core, strict=True))
    max_lag = int(getattr(model.media_params_, "max_lag", 0) or 0)
    desc = model_description(model)
    sections = list(core)
    if "carryover" in tables:  # after the recommendation, before the appendix: it informs flighting
        sections.insert(4, carryover_section(tables["carryover"], folder))
    dq = data_quality_section(load_report)
    if dq is not None:
        sections.append(dq)
    sections.append(methodology_section(desc, ds.n_weeks, ds.n_channels, max_lag, model.n_draws))
    name = data_name
    if name is None and load_report is not None:
        name = field_of(load_report, "source", "path")
    today = generated or dt.datetime.now(dt.UTC).date()
    return ReportContent(
        title=title,
        subtitle=f"What drives {ds.kpi_name}, what each channel returns, and where to put the next dollar",
        data_name=str(name or f"{ds.kpi_name} and spend on {ds.n_channels} channels"),
        date_range=_date_range(ds.dates),
        model_type=desc[0].upper() + desc[1:],
        generated=today.isoformat(),
        executive=executive,
        sections=tuple(sections),
    )
