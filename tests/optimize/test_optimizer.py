from __future__ import annotations

import re
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from truth_model import TruthModel

from mixwise.data.dataset import Dataset
from mixwise.data.synthetic import generate
from mixwise.errors import ConfigError, OptimizationError, UnknownChannelError
from mixwise.optimize.optimizer import PeriodResponse, optimize, project_to_budget
from mixwise.transforms.media import MediaParams

FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _model_with(params: dict[str, list[float]], spend: np.ndarray) -> TruthModel:
    """A TruthModel over hand-set channels a, b, c... with the given per-channel parameters."""
    n, c = spend.shape
    names = tuple("abcdefghij"[:c])
    ds = Dataset(
        dates=pd.date_range("2022-01-03", periods=n, freq="W-MON"),
        kpi=np.full(n, 1e6) + np.arange(n),
        spend=spend,
        channels=names,
    )
    truth = {"max_lag": 4, "channels": {ch: {k: v[i] for k, v in params.items()} for i, ch in enumerate(names)}}
    return TruthModel(truth, draws=1, jitter=0.0).fit(ds)


def test_period_response_keeps_the_weekly_pattern_hand_derived():
    # No carry-over (decay 0): week t gets x * pattern[t]; hill(u) = u / (u + 100) for slope 1.
    p = MediaParams(decay=[[0.0]], half_saturation=[[100.0]], slope=[[1.0]], coef=[[50.0]])
    resp = PeriodResponse(p, weeks=4, pattern=np.array([[0.5], [0.25], [0.25], [0.0]]))
    # x = 400 -> weekly spend 200, 100, 100, 0 -> 50 * (2/3 + 1/2 + 1/2 + 0).
    assert resp.value(np.array([400.0])) == pytest.approx(50 * (2 / 3 + 0.5 + 0.5))
    # d/dx sum_t 50 * hill(x p_t) = sum_t 50 * p_t * 100 / (100 + x p_t)**2.
    grad = 50 * (0.5 * 100 / 300**2 + 2 * 0.25 * 100 / 200**2)
    assert resp.marginal(np.array([400.0]))[0] == pytest.approx(grad)
    # A flat pattern of the same money is lower on an S-curve (slope 3) than the pulsed one.
    s_curve = MediaParams(decay=[[0.0]], half_saturation=[[100.0]], slope=[[3.0]], coef=[[50.0]])
    pulsed = PeriodResponse(s_curve, weeks=4, pattern=np.array([[0.5], [0.0], [0.5], [0.0]]))
    flat = PeriodResponse(s_curve, weeks=4)
    # pulsed: 2 weeks of 200 -> 2 * 50 * 8/9; flat: 4 weeks of 100 -> 4 * 50 * 1/2.
    assert pulsed.value(np.array([400.0])) == pytest.approx(2 * 50 * 8 / 9)
    assert flat.value(np.array([400.0])) == pytest.approx(4 * 50 * 0.5)
    # Marginal kpi: sum_t p_t * 50 * hill'(x p_t), hill'(u) = 3 h (1 - h) / u.
    assert pulsed.marginal(np.array([400.0]))[0] == pytest.approx(2 * 0.5 * 50 * 3 * (8 / 9) * (1 / 9) / 200)
    assert flat.marginal(np.array([400.0]))[0] == pytest.approx(4 * 0.25 * 50 * 3 * 0.25 / 100)
    # At zero spend: value 0 and, for slope 1, the slope of the curve at the origin 50 / 100.
    assert resp.value(np.array([0.0])) == 0.0
    assert resp.marginal(np.array([0.0]))[0] == pytest.approx(50 / 100, rel=1e-6)


def test_period_response_counts_the_carry_over_tail_and_nets_out_earlier_spend():
    # decay 0.5, max_lag 1: normalised kernel (2/3, 1/3).
    p = MediaParams(decay=[[0.5]], half_saturation=[[100.0]], slope=[[1.0]], coef=[[50.0]], max_lag=1)
    # Flat 300/week for 2 weeks, then one tail week: adstock 200, 300, 100.
    resp = PeriodResponse(p, weeks=2)
    assert resp.value(np.array([600.0])) == pytest.approx(50 * (2 / 3 + 3 / 4 + 1 / 2))
    # 300 spent the week before adds 100 to week 0 (adstock 300, 300, 100); its own effect (hill(100)
    # in week 0) is not credited to the plan.
    carried = PeriodResponse(p, weeks=2, carry=np.array([[999.0], [300.0]]))
    assert carried.value(np.array([600.0])) == pytest.approx(50 * (3 / 4 + 3 / 4 + 1 / 2 - 1 / 2))
    assert carried.value(np.array([0.0])) == pytest.approx(0.0, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(
    x=st.lists(st.floats(0.0, 5000.0), min_size=3, max_size=3),
    slope=st.floats(0.6, 3.0),
    decay=st.floats(0.0, 0.8),
)
def test_period_response_gradient_is_exact(x, slope, decay):
    rng = np.random.default_rng(0)
    p = MediaParams(
        decay=np.full((5, 3), decay),
        half_saturation=rng.uniform(500, 2000, (5, 3)),
        slope=np.full((5, 3), slope),
        coef=rng.uniform(100, 1000, (5, 3)),
        max_lag=3,
    )
    pattern = rng.dirichlet(np.ones(6), 3).T
    resp = PeriodResponse(p, weeks=6, pattern=pattern, carry=rng.uniform(0, 500, (4, 3)))
    x = np.array(x) + 50.0
    h = 1e-3 * x
    numeric = [(resp.value(x + h * e) - resp.value(x - h * e)) / (2 * h[i]) for i, e in enumerate(np.eye(3))]
    assert resp.marginal(x) == pytest.approx(numeric, rel=1e-4, abs=1e-9)


def test_identical_channels_split_equally():
    # Same parameters and the same weekly pattern (spend in the first 6 of the 10 plan weeks, none in the
    # last 4 = max_lag weeks, so no channel carries more into the plan than another); different levels.
    spend = np.tile([[1000.0, 3000.0, 500.0]], (30, 1))
    spend[-4:] = 0.0
    m = _model_with(
        {"decay": [0.3] * 3, "half_saturation": [2000.0] * 3, "slope": [1.0] * 3, "coef": [5000.0] * 3}, spend
    )
    plan = optimize(m, budget=120_000, weeks=10, bounds="a=0:,b=0:,c=0:")
    assert plan.allocation.recommended.to_numpy() == pytest.approx([40_000] * 3, rel=1e-4)


def test_different_channels_do_not_split_equally_and_marginal_rois_match():
    spend = np.tile([[1000.0, 1000.0, 1000.0]], (30, 1))
    m = _model_with(
        {
            "decay": [0.3] * 3,
            "half_saturation": [1000.0, 2000.0, 4000.0],
            "slope": [1.0] * 3,
            "coef": [3000.0, 5000.0, 9000.0],
        },
        spend,
    )
    plan = optimize(m, budget=60_000, weeks=10, bounds="a=0:,b=0:,c=0:")
    x = plan.allocation.recommended.to_numpy()
    assert x.max() - x.min() > 0.05 * x.mean()
    free = plan.allocation[plan.allocation.bound == ""]
    assert len(free) == 3
    assert free.marginal_roi.max() / free.marginal_roi.min() == pytest.approx(1.0, abs=0.01)
    assert plan.expected_lift["mean"] > 0


def test_defaults_binding_and_marginal_rois(model):
    plan = optimize(model)
    alloc = plan.allocation
    assert plan.budget == pytest.approx(model.dataset_.spend[-13:].sum(), rel=1e-9)
    assert np.all(alloc.recommended >= 0.3 * alloc.current - 1e-6)
    assert np.all(alloc.recommended <= 3.0 * alloc.current + 1e-6)
    free = alloc[alloc.bound == ""]
    assert len(free) >= 2
    assert free.marginal_roi.max() / free.marginal_roi.min() == pytest.approx(1.0, abs=0.02)
    for row in alloc[alloc.bound.isin(["upper", "lower"])].itertuples():
        assert f"{row.channel} ({row.bound})" in plan.binding
    assert plan.expected_lift["lower"] <= plan.expected_lift["mean"] <= plan.expected_lift["upper"]
    assert "Default bounds" in " ".join(plan.notes)
    d = plan.to_dict()
    assert set(d["allocation"]["tv"]) >= {"current", "recommended"}
    assert set(d["expected_lift"]) == {"mean", "lower", "upper"} and isinstance(d["binding"], list)


@FAST
@given(
    scale=st.floats(0.5, 2.0),
    lows=st.lists(st.floats(0.0, 1.0), min_size=4, max_size=4),
    widths=st.lists(st.floats(0.0, 2.5), min_size=4, max_size=4),
)
def test_budget_spent_exactly_bounds_hold_and_never_worse(model, scale, lows, widths):
    cur = model.dataset_.spend[-13:].sum(axis=0)
    budget = float(cur.sum() * scale)
    bounds = {ch: (lo, lo + w) for ch, lo, w in zip(model.channels_, lows, widths, strict=True)}
    cur_scaled = cur * scale
    lo_abs = np.array(lows) * cur_scaled
    hi_abs = (np.array(lows) + np.array(widths)) * cur_scaled
    if not lo_abs.sum() <= budget <= hi_abs.sum():
        with pytest.raises(OptimizationError, match="fits the bounds"):
            optimize(model, budget=budget, bounds=bounds)
        return
    plan = optimize(model, budget=budget, bounds=bounds)
    x = plan.allocation.recommended.to_numpy()
    assert x.sum() == pytest.approx(budget, rel=1e-9)
    assert np.all(x >= lo_abs - 1e-6 * budget) and np.all(x <= hi_abs + 1e-6 * budget)
    if np.all(cur_scaled >= lo_abs) and np.all(cur_scaled <= hi_abs):
        assert plan.expected_kpi >= plan.expected_kpi_current - 1e-9 * abs(plan.expected_kpi_current)


def test_locked_and_absolute_bounds(model):
    plan = optimize(model, bounds="tv=0.8:1.2,print=0:50000", locked=["radio"])
    a = plan.allocation.set_index("channel")
    assert a.loc["radio", "recommended"] == pytest.approx(a.loc["radio", "current"])
    assert a.loc["radio", "bound"] == "locked"
    assert 0 <= a.loc["print", "recommended"] <= 50_000 + 1e-6
    assert 0.8 * a.loc["tv", "current"] - 1e-6 <= a.loc["tv", "recommended"] <= 1.2 * a.loc["tv", "current"] + 1e-6


def test_different_budget_scales_current_and_says_so(model):
    plan = optimize(model, budget=1_000_000)
    assert plan.current_total == pytest.approx(1_000_000)
    assert any("scaled" in n for n in plan.notes)
    assert plan.budget == pytest.approx(1_000_000)


def test_profit_and_marginal_roi_goals_equalise_marginal_roi(model):
    for kwargs, target in ((dict(goal="profit", margin=0.5), 2.0), (dict(goal="target_mroi", target=1.2), 1.2)):
        plan = optimize(model, bounds="tv=0:,radio=0:,digital=0:,print=0:", budget=1e8, **kwargs)
        free = plan.allocation[(plan.allocation.bound == "") & (plan.allocation.recommended > 0)]
        assert len(free) >= 1
        assert free.marginal_roi.to_numpy() == pytest.approx(target, rel=0.01)


def test_target_kpi_and_target_roi(model):
    plan = optimize(model, goal="target_kpi", target=2e6)
    assert plan.expected_kpi == pytest.approx(2e6, rel=1e-3)
    assert plan.expected_kpi >= 2e6 * (1 - 1e-9)
    roi_plan = optimize(model, goal="target_roi", target=1.5)
    assert roi_plan.expected_kpi / roi_plan.budget == pytest.approx(1.5, rel=1e-3)
    with pytest.raises(OptimizationError, match="out of reach"):
        optimize(model, goal="target_kpi", target=1e12)


def test_invalid_arguments(model):
    with pytest.raises(ConfigError, match="Allowed"):
        optimize(model, goal="revenue")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="margin"):
        optimize(model, goal="profit")
    with pytest.raises(ConfigError, match="target"):
        optimize(model, goal="target_kpi")
    with pytest.raises(ConfigError, match="weeks"):
        optimize(model, weeks=0)
    with pytest.raises(UnknownChannelError, match="Known channels"):
        optimize(model, locked=["tvv"])


def test_project_to_budget_properties():
    y = np.array([5.0, -3.0, 10.0])
    lo, hi = np.zeros(3), np.array([4.0, 4.0, 4.0])
    x = project_to_budget(y, lo, hi, 9.0)
    assert x.sum() == pytest.approx(9.0) and np.all(x >= lo) and np.all(x <= hi)


def test_ten_channels_under_two_seconds():
    chans = tuple(f"ch{i}" for i in range(10))
    s = generate(seed=3, n_weeks=104, channels=chans)
    m = TruthModel(s.truth, draws=200, jitter=0.1).fit(s.dataset)
    t0 = time.process_time()
    plan = optimize(m)
    assert time.process_time() - t0 < 2.0
    assert plan.budget == pytest.approx(s.dataset.spend[-13:].sum(), rel=1e-9)


@settings(max_examples=10, deadline=None)
@given(perm=st.permutations([0, 1, 2]))
def test_permuting_channels_permutes_the_plan(perm):
    params = {
        "decay": [0.3, 0.5, 0.1],
        "half_saturation": [1000.0, 2500.0, 4000.0],
        "slope": [1.0, 1.5, 0.8],
        "coef": [3000.0, 6000.0, 9000.0],
    }
    spend = np.tile([[800.0, 1500.0, 2500.0]], (30, 1))
    base = optimize(_model_with(params, spend), weeks=10, bounds="a=0:,b=0:,c=0:").allocation.recommended.to_numpy()
    p = list(perm)
    permuted = _model_with({k: [v[i] for i in p] for k, v in params.items()}, spend[:, p])
    x = optimize(permuted, weeks=10, bounds="a=0:,b=0:,c=0:").allocation.recommended.to_numpy()
    assert x == pytest.approx(base[p], rel=1e-4, abs=1e-3 * base.sum())


def test_locked_channel_keeps_its_actual_spend_when_the_budget_changes(model):
    raw = model.dataset_.spend[-13:].sum(axis=0)
    plan = optimize(model, budget=raw.sum() * 1.5, locked=["radio"])
    a = plan.allocation.set_index("channel")
    assert a.loc["radio", "current"] == pytest.approx(raw[1])
    assert a.loc["radio", "recommended"] == pytest.approx(raw[1])
    assert plan.current_total == pytest.approx(raw.sum() * 1.5)
    assert plan.expected_kpi >= plan.expected_kpi_current


def test_headline_formats_kpi_as_money_only_for_money_kpis(synth):
    from dataclasses import replace

    for kpi_name, money in (("revenue", True), ("conversions", False)):
        m = TruthModel(synth.truth, draws=5, jitter=0.05).fit(replace(synth.dataset, kpi_name=kpi_name))
        plan = optimize(m)
        budget_part, lift_part = plan.headline.split(f"change {kpi_name} by ", 1)
        assert "$" in budget_part  # the budget and the moves are spend: always money
        assert ("$" in lift_part) == money
        assert re.match(r"[+-]\$?[0-9.]+[kMB]? \(90% interval -?\$?[0-9.]+[kMB]? to -?\$?[0-9.]+[kMB]?;", lift_part)
