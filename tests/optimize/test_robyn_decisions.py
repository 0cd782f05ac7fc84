"""Decision analytics on Meta Robyn's simulated weekly data (skipped when the file is absent)."""

from __future__ import annotations

import numpy as np
import pytest

from mixwise.analysis.drivers import drivers
from mixwise.analysis.forecast import forecast
from mixwise.analysis.health import health
from mixwise.optimize import Scenario, optimize, run_scenario


@pytest.fixture(scope="module")
def robyn_model(robyn_csv):
    from mixwise.data import load
    from mixwise.models import OLSMMM

    loaded = load(robyn_csv)
    return OLSMMM().fit(loaded.dataset), loaded.report


def test_robyn_decisions(robyn_model):
    model, report = robyn_model
    ds = model.dataset_
    plan = optimize(model, weeks=13)
    x = plan.allocation.recommended.to_numpy()
    assert x.sum() == pytest.approx(ds.spend[-13:].sum(), rel=1e-9)
    assert plan.expected_kpi >= plan.expected_kpi_current
    free = plan.allocation[(plan.allocation.bound == "") & (plan.allocation.recommended > 0)]
    if len(free) >= 2:
        assert free.marginal_roi.max() / free.marginal_roi.min() == pytest.approx(1.0, abs=0.02)
    ch = ds.channels[0]
    res = run_scenario(model, Scenario.from_strings([f"{ch}=-100%"]))
    assert res.delta_kpi["upper"] <= 0
    d = drivers(model, "last quarter")
    assert d.table.change.sum() == pytest.approx(d.kpi_change, rel=1e-9)
    f = forecast(model, weeks=13)
    assert np.all(f.weekly.lower <= f.weekly.upper)
    h = health(model, report=report)
    assert h.status in ("PASS", "REVIEW", "FAIL")
