"""The optimiser and the what-if scenarios describe the same future: same weeks, same pattern, same numbers."""

from __future__ import annotations

import numpy as np
import pytest

from mixwise.optimize import Change, Scenario, optimize, run_scenario


def _cut_all(model, weeks: int) -> float:
    """Media kpi of the next ``weeks`` weeks as run_scenario sees it: what cutting every channel loses."""
    changes = tuple(Change(ch, "pct", -1.0) for ch in model.dataset_.channels)
    return -run_scenario(model, Scenario(changes, weeks=weeks)).delta_kpi["mean"]


def _set_to(model, plan) -> float:
    """run_scenario's kpi change when each channel's total is set to the plan's recommendation."""
    changes = tuple(Change(row.channel, "set", row.recommended) for row in plan.allocation.itertuples(index=False))
    return run_scenario(model, Scenario(changes, weeks=plan.weeks)).delta_kpi["mean"]


@pytest.mark.parametrize("weeks", [1, 4, 13, 30, 160])
def test_current_kpi_and_lift_match_run_scenario(model, weeks):
    plan = optimize(model, weeks=weeks)
    assert plan.expected_kpi_current == pytest.approx(_cut_all(model, weeks), rel=1e-9)
    assert plan.expected_lift["mean"] == pytest.approx(_set_to(model, plan), rel=1e-6)
    assert plan.expected_lift["mean"] > 0


def test_marginal_roi_at_the_current_split_matches_a_one_percent_scenario(model):
    # Everything locked: the plan is the current split, and its marginal ROI column is the exact gradient.
    plan = optimize(model, weeks=13, locked=list(model.channels_))
    res = run_scenario(model, Scenario(weeks=13))  # no change: marginal ROI of a +1% bump at current spend
    exact = plan.allocation.marginal_roi.to_numpy()
    bumped = res.channels.marginal_roi.to_numpy()
    assert exact == pytest.approx(bumped, rel=0.03)


def test_pattern_of_the_last_weeks_is_kept_in_the_plan_notes(model):
    plan = optimize(model, weeks=13)
    assert "each channel keeps its weekly pattern of the last 13 weeks" in plan.notes[0]
    assert "carry-over" in plan.notes[1]


@pytest.fixture(scope="module")
def sample_ols():
    from mixwise.data import load
    from mixwise.models import OLSMMM

    return OLSMMM().fit(load(None).dataset)


def test_sample_plan_agrees_with_scenarios_and_is_on_the_fitted_curves(sample_ols):
    plan = optimize(sample_ols, weeks=13)
    assert plan.expected_kpi_current == pytest.approx(_cut_all(sample_ols, 13), rel=1e-6)
    assert plan.expected_lift["mean"] == pytest.approx(_set_to(sample_ols, plan), rel=0.02)
    # Marginal ROI at the plan = run_scenario's marginal ROI after setting the recommended split.
    changes = tuple(Change(r.channel, "set", r.recommended) for r in plan.allocation.itertuples(index=False))
    after = run_scenario(sample_ols, Scenario(changes, weeks=13)).channels.marginal_roi.to_numpy()
    assert plan.allocation.marginal_roi.to_numpy() == pytest.approx(after, rel=0.05, abs=0.02)
    free = plan.allocation[plan.allocation.bound == ""]
    if len(free) >= 2:
        assert free.marginal_roi.max() / free.marginal_roi.min() == pytest.approx(1.0, abs=0.02)
    assert np.all(plan.allocation.recommended >= 0)
