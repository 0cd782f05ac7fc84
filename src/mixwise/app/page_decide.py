"""Scenarios page (a slider per channel, the live change in kpi with its interval) and Optimise page
(budget, bounds and locks in; plan, lift and chart out)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from mixwise.app.charts import figure_png
from mixwise.app.state import AppState
from mixwise.app.ui import md, require_model

__all__ = ["render_scenarios", "render_optimise", "run_changes"]

_PERIODS = {"The historical weeks": None, "The next 13 weeks": 13, "The next 26 weeks": 26, "The next 52 weeks": 52}


def _label(ds: Any, ch: str) -> str:
    from mixwise.formatting import display_name

    return display_name(ch)


def run_changes(state: AppState, changes: dict[str, float], weeks: int | None) -> Any:
    """Run the scenario ``{channel: fraction}`` (``-0.2`` = cut 20%) over ``weeks`` (None = history).

    Results are memoised per session, so moving a slider back is instant.
    """
    from mixwise.optimize import Change, Scenario, run_scenario

    session = state.session
    items = tuple(sorted((ch, round(v, 4)) for ch, v in changes.items() if abs(v) > 1e-9))
    scenario = Scenario(tuple(Change(ch, "pct", v) for ch, v in items), (), weeks)
    return session.memo(f"app_scenario:{items}:{weeks}", lambda: run_scenario(session.model, scenario))


def _reset(channels: tuple[str, ...]) -> None:
    for ch in channels:
        st.session_state[f"scn_{ch}"] = 0


def render_scenarios(state: AppState) -> None:
    """The Scenarios page."""
    from mixwise.charts import plot_scenario
    from mixwise.formatting import fmt_kpi, fmt_money, fmt_pct, fmt_roi, fmt_signed_money

    st.header("4 · Scenarios")
    st.caption("Move a channel's spend up or down and see the change in the KPI, with its 90% range.")
    if not require_model(state, "Scenarios"):
        return
    ds = state.dataset
    period = st.selectbox("Period", list(_PERIODS), key="scn_period")
    weeks = _PERIODS[period]
    cols = st.columns(min(4, ds.n_channels))
    changes: dict[str, float] = {}
    for i, ch in enumerate(ds.channels):
        value = cols[i % len(cols)].slider(
            f"{_label(ds, ch)} spend change", -100, 100, 0, step=5, format="%d%%", key=f"scn_{ch}"
        )
        changes[ch] = value / 100.0
    st.button("Reset sliders", key="scn_reset", on_click=_reset, args=(ds.channels,))
    if not any(abs(v) > 0 for v in changes.values()):
        st.info("Move a slider to see its effect.")
        return
    result = run_changes(state, changes, weeks)
    d = result.delta_kpi
    kpi = ds.kpi_name
    c1, c2, c3 = st.columns(3)
    c1.metric(
        f"Change in {kpi}",
        fmt_kpi(d["mean"], kpi, signed=True),
        delta=fmt_pct(result.delta_kpi_pct, signed=True),
        help="Mean over the model's draws; the 90% range is below.",
    )
    c2.metric("Change in spend", fmt_signed_money(result.delta_spend), delta=None)
    c3.metric("Return on the change", fmt_roi(result.roi) if result.delta_spend else "n/a")
    st.markdown(
        md(
            f"**90% range: {fmt_kpi(d['lower'], kpi, signed=True)} to {fmt_kpi(d['upper'], kpi, signed=True)}** "
            f"over {result.window} ({result.n_weeks} weeks, carry-over included); spend "
            f"{fmt_money(result.spend_before)} → {fmt_money(result.spend_after)}."
        )
    )
    st.caption(md(result.headline))
    fig = plot_scenario(
        result.channels,
        total_delta_kpi=d["mean"],
        total_lower=d["lower"],
        total_upper=d["upper"],
        kpi_label=kpi.replace("_", " ").capitalize(),
    )
    st.image(figure_png(fig), width="stretch")
    with st.expander("Per channel"):
        st.dataframe(result.channels, hide_index=True, width="stretch")


def _bounds_inputs(ds: Any, current: pd.Series) -> tuple[dict[str, tuple[float, float]], list[str]]:
    from mixwise.formatting import fmt_money
    from mixwise.optimize.plan import DEFAULT_BOUNDS

    st.markdown("**Limits per channel** (times the current spend; lock keeps the current spend)")
    h0, h1, h2, h3 = st.columns([2, 1, 1, 1])
    h0.caption("Channel · spend over the period now")
    h1.caption("Minimum (× current)")
    h2.caption("Maximum (× current)")
    h3.caption("Lock")
    bounds: dict[str, tuple[float, float]] = {}
    locked: list[str] = []
    for ch in ds.channels:
        c0, c1, c2, c3 = st.columns([2, 1, 1, 1])
        c0.markdown(md(f"{_label(ds, ch)} · now {fmt_money(current[ch])}"))
        lo = c1.number_input(
            "min ×", 0.0, 10.0, DEFAULT_BOUNDS[0], 0.1, key=f"opt_lo_{ch}", label_visibility="collapsed"
        )
        hi = c2.number_input(
            "max ×", 0.0, 10.0, DEFAULT_BOUNDS[1], 0.1, key=f"opt_hi_{ch}", label_visibility="collapsed"
        )
        if c3.checkbox("lock", key=f"opt_lock_{ch}"):
            locked.append(ch)
        bounds[ch] = (float(lo), float(hi))
    return bounds, locked


def _plan_table(plan: Any) -> pd.DataFrame:
    """The allocation as a readable table: channel, current, recommended, change, change %, next $1, limit."""
    from mixwise.formatting import display_name, fmt_money, fmt_pct, fmt_roi, fmt_signed_money

    a = plan.allocation
    out = pd.DataFrame(
        {
            "channel": [display_name(c) for c in a["channel"]],
            "current": [fmt_money(v) for v in a["current"]],
            "recommended": [fmt_money(v) for v in a["recommended"]],
            "change": [fmt_signed_money(v) for v in a["change"]],
            "change %": [fmt_pct(v, 0, signed=True) for v in a["change_pct"]],
        }
    )
    if "marginal_roi" in a:
        out["next $1 returns"] = [fmt_roi(v) for v in a["marginal_roi"]]
    if "bound" in a:
        out["limit reached"] = [str(v) if isinstance(v, str) and v else "" for v in a["bound"]]
    return out


def render_optimise(state: AppState) -> None:
    """The Optimise page."""
    from mixwise.charts import plot_allocation
    from mixwise.errors import ConfigError
    from mixwise.formatting import fmt_kpi, fmt_money, fmt_pct, fmt_signed_money
    from mixwise.optimize import optimize

    st.header("5 · Optimise")
    st.caption("Split a budget across channels to get the most KPI, within your limits.")
    if not require_model(state, "Optimise"):
        return
    ds = state.dataset
    c1, c2 = st.columns(2)
    weeks = int(c1.number_input("Period (weeks)", 1, 104, 13, 1, key="opt_weeks"))
    tail = ds.spend[-weeks:] if weeks <= ds.n_weeks else ds.spend
    current = pd.Series(tail.sum(axis=0), index=list(ds.channels))
    budget = c2.number_input(
        f"Budget over the period (current spend {fmt_money(current.sum())})",
        min_value=0.0,
        value=float(round(current.sum(), -3)),
        step=10_000.0,
        format="%.0f",
        key=f"opt_budget_{weeks}",
    )
    bounds, locked = _bounds_inputs(ds, current)
    if st.button("Optimise", type="primary", key="opt_run"):
        bad = [ch for ch, (lo, hi) in bounds.items() if lo > hi]
        if bad:
            raise ConfigError(
                f"The minimum is above the maximum for {', '.join(bad)}. Set min ≤ max (times the current spend)."
            )
        free = {ch: b for ch, b in bounds.items() if ch not in locked}
        state.plan = optimize(state.session.model, budget=budget or None, weeks=weeks, bounds=free, locked=locked)
        state.reports = {}
    plan = state.plan
    if plan is None:
        return
    lift = plan.expected_lift
    kpi = ds.kpi_name
    st.success(md(plan.headline))
    m1, m2, m3 = st.columns(3)
    m1.metric(
        f"Expected extra {kpi}", fmt_kpi(lift["mean"], kpi, signed=True), delta=fmt_pct(plan.lift_pct, signed=True)
    )
    m2.metric("90% range", f"{fmt_kpi(lift['lower'], kpi, signed=True)} to {fmt_kpi(lift['upper'], kpi, signed=True)}")
    extra = plan.budget - plan.current_total
    m3.metric("Budget", fmt_money(plan.budget), delta=fmt_signed_money(extra) if abs(extra) >= 1 else None)
    fig = plot_allocation(
        plan.allocation, kpi_change=lift["mean"], kpi_label=ds.kpi_name.replace("_", " ").capitalize()
    )
    st.image(figure_png(fig), width="stretch")
    st.dataframe(_plan_table(plan), hide_index=True, width="stretch")
    if plan.binding:
        st.caption(md("Limits reached: " + ", ".join(plan.binding) + "."))
    with st.expander("How this was computed"):
        for note in plan.notes:
            st.caption(md(note))
