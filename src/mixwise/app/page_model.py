"""Model page: choose Bayesian or OLS, fit with a progress bar, see fit quality and health checks."""

from __future__ import annotations

import streamlit as st

from mixwise.app.charts import chart_png, table
from mixwise.app.state import MODEL_LABELS, AppState, select_delayed, select_model
from mixwise.app.ui import fit_with_progress, go_to, md, status_icon

__all__ = ["render"]


def _results(state: AppState) -> None:
    from mixwise.analysis import fit_metrics
    from mixwise.formatting import display_name, fmt_roi

    session = state.session
    model = session.model
    metrics = session.memo("app_fit_metrics", lambda: fit_metrics(model))
    st.subheader("Fit quality")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("R²", f"{metrics['r2']:.2f}")
    c2.metric("MAPE (in sample)", f"{metrics['mape']:.1%}")
    hold = metrics.get("holdout_mape")
    c3.metric("MAPE (holdout)", "n/a" if hold is None else f"{hold:.1%}")
    c4.metric("Fit time", f"{getattr(model, 'fit_seconds_', 0.0):.1f} s")
    png = chart_png(session, "actual_vs_predicted.png")
    if png:
        st.image(png, width="stretch")
    health = session.health
    st.subheader("Health checks")
    st.markdown(f"{status_icon(health.status)} {md(health.headline)}")
    st.dataframe(
        health.table,
        hide_index=True,
        width="stretch",
        column_config={
            "check": st.column_config.TextColumn("check", width="small"),
            "status": st.column_config.TextColumn("status", width="small"),
            "value": st.column_config.NumberColumn("value", format="%.2f", width="small"),
            "message": st.column_config.TextColumn("what was found", width="large"),
            "recommendation": st.column_config.TextColumn("what to do", width="large"),
        },
    )
    roi = table(session, "roi")
    st.subheader("ROI at a glance")
    st.caption(md(roi.attrs.get("headline", "")))
    shown = roi[["channel", "mean", "lower", "upper"]].copy()
    shown["channel"] = [display_name(c) for c in shown["channel"]]
    for col in ("mean", "lower", "upper"):
        shown[col] = [fmt_roi(v, kpi_name=session.dataset.kpi_name) for v in shown[col]]
    st.dataframe(shown.rename(columns={"mean": "ROI (per $1)"}), hide_index=True, width="stretch")
    st.button("Next: ask a question →", type="primary", on_click=go_to, args=("Ask",), key="model_next")


def render(state: AppState) -> None:
    """The Model page."""
    st.header("2 · Model")
    if state.dataset is None:
        st.info("Load data first: open the **Data** page and use the sample or upload a file.")
        st.button("Go to Data", on_click=go_to, args=("Data",), key="model_to_data")
        return
    names = list(MODEL_LABELS)
    choice = st.radio(
        "Model",
        names,
        index=names.index(state.model_name),
        format_func=lambda n: MODEL_LABELS[n],
        key="model_choice",
    )
    select_model(state, choice)
    ds = state.dataset
    if state.model_name == "bayes":
        delayed = st.multiselect(
            "Channels whose effect peaks a week or more after the spend (optional)",
            list(ds.channels),
            default=state.delayed,
            help="These get a Weibull carry-over whose delay is estimated from the data (TV and video often "
            "need it); the others keep a geometric carry-over that starts in the week of spend.",
            key="model_delayed",
        )
        select_delayed(state, delayed)
    st.caption(
        md(
            f"{ds.n_weeks} weeks · {ds.n_channels} channels ({', '.join(ds.channels)}) · "
            f"{len(ds.control_names)} controls · a fit is cached: the same data and model are never fitted twice."
        )
    )
    if not state.fitted and st.button("Fit the model", type="primary", key="model_fit"):
        fit_with_progress(state)
        st.rerun()
    if state.fitted:
        st.success(f"Model ready: {MODEL_LABELS[state.model_name].split(':')[0]}.")
        _results(state)
