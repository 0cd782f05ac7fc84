from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "optimize"))
from truth_model import TruthModel  # noqa: E402

from mixwise.analysis.health import health  # noqa: E402
from mixwise.data.dataset import Dataset  # noqa: E402
from mixwise.data.report import Check, ValidationReport  # noqa: E402
from mixwise.data.synthetic import generate  # noqa: E402


@pytest.fixture(scope="module")
def synth():
    return generate(seed=5, n_weeks=156)


def _fit(synth, **attrs):
    m = TruthModel(synth.truth, draws=40, jitter=0.05).fit(synth.dataset)
    for k, v in attrs.items():
        setattr(m, k, v)
    return m


class ResidualModel(TruthModel):
    """Predicts kpi - e exactly, for Durbin-Watson checks."""

    residual: np.ndarray

    def predict(self, spend=None, dates=None, controls=None):
        return np.tile(self.dataset_.kpi - self.residual, (self.n_draws, 1))


def test_truth_model_is_healthy_and_skips_what_does_not_apply(synth):
    rep = health(_fit(synth))
    assert rep.get("convergence").status == "SKIP"
    assert rep.get("fit_out_of_sample").status == "SKIP"
    assert rep.get("prior_posterior").status == "SKIP"
    assert rep.get("negative_baseline").status == "PASS" and rep.get("negative_baseline").value == 0.0
    assert rep.get("roi_plausibility").status == "PASS"
    assert rep.status in ("PASS", "REVIEW")
    assert len(rep.caveats) == sum(c.status in ("REVIEW", "FAIL") for c in rep.checks)
    d = rep.to_dict()
    assert {c["check"] for c in d["checks"]} >= {"convergence", "fit_in_sample", "residual_autocorrelation"}


@pytest.mark.parametrize(
    ("diag", "status"),
    [
        ({"max_rhat": 1.001, "min_ess": 1500, "divergences": 0}, "PASS"),
        ({"max_rhat": 1.05, "min_ess": 1500, "divergences": 0}, "REVIEW"),
        ({"max_rhat": 1.3, "min_ess": 1500, "divergences": 0}, "FAIL"),
        ({"max_rhat": 1.001, "min_ess": 50, "divergences": 0}, "FAIL"),
        ({"max_rhat": 1.001, "min_ess": 1500, "divergences": 5}, "FAIL"),  # 5 of 40 draws > 1%
    ],
)
def test_convergence_grades(synth, diag, status):
    rep = health(_fit(synth, diagnostics_=diag))
    assert rep.get("convergence").status == status
    if status != "PASS":
        assert any("converge" in c for c in rep.caveats)


def test_negative_baseline_detected(synth):
    m = _fit(synth)
    m.beta_ = dict(m.beta_, baseline=-1e7)
    rep = health(m)
    assert rep.get("negative_baseline").status == "FAIL"
    assert rep.get("negative_baseline").value == 1.0
    assert rep.status == "FAIL"


def test_implausible_roi(synth):
    m = _fit(synth)
    p = m.media_params_
    m.media_params_ = type(p)(p.decay, p.half_saturation, p.slope, p.coef * 60, p.max_lag)
    check = health(m).get("roi_plausibility")
    assert check.status in ("REVIEW", "FAIL")
    assert "tv" in check.message


def test_holdout_and_prior_posterior(synth):
    rep = health(_fit(synth, holdout_metrics_={"holdout_mape": 0.5}))
    assert rep.get("fit_out_of_sample").status == "FAIL" and rep.get("fit_out_of_sample").value == 0.5
    narrow = {ch: (1.0, 0.01) for ch in synth.dataset.channels}
    wide = {ch: (1.0, 2.0) for ch in synth.dataset.channels}
    assert health(_fit(synth, prior_roi_=narrow)).get("prior_posterior").status == "REVIEW"
    assert health(_fit(synth, prior_roi_=wide)).get("prior_posterior").status == "PASS"


def test_durbin_watson_hand_derived(synth):
    n = synth.dataset.n_weeks
    m = ResidualModel(synth.truth, draws=2, jitter=0.0).fit(synth.dataset)
    m.residual = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)  # DW = 4 (n - 1) / n
    check = health(m).get("residual_autocorrelation")
    assert check.value == pytest.approx(4 * (n - 1) / n)
    assert check.status == "FAIL"
    m.residual = np.repeat([1.0, -1.0], n // 2)  # one jump of 2: DW = 4 / n
    check = health(m).get("residual_autocorrelation")
    assert check.value == pytest.approx(4 / n) and check.status == "FAIL"
    assert any("autocorrelated" in c for c in health(m).caveats)


def test_collinearity_and_validation_report(synth):
    ds = synth.dataset
    spend = ds.spend.copy()
    spend[:, 1] = spend[:, 0] * 0.5
    dup = Dataset(ds.dates, ds.kpi, spend, ds.channels, ds.controls, ds.control_names)
    rep = health(TruthModel(synth.truth, draws=5).fit(dup))
    assert rep.get("collinearity").status == "FAIL" and rep.get("collinearity").value == pytest.approx(1.0)
    report = ValidationReport(
        (Check("outliers", "WARN", "3 weeks of sales are outliers.", "Check them."), Check("dates", "PASS", "ok"))
    )
    rep = health(_fit(synth), report=report)
    v = rep.get("data_validation")
    assert v.status == "REVIEW" and "outliers" in v.message
    assert any("outliers" in c for c in rep.caveats)


def test_short_history_flags_adequacy():
    s = generate(seed=6, n_weeks=40)
    rep = health(TruthModel(s.truth, draws=5).fit(s.dataset))
    assert rep.get("data_adequacy").status == "FAIL"
