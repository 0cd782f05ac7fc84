"""Response curves, saturation, fit metrics and the summary document."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mixwise.analysis import (
    fit_metrics,
    holdout_metrics,
    response_curve,
    response_curves,
    saturation,
    summarize,
)
from mixwise.errors import ConfigError, UnknownChannelError

CURVE_COLUMNS = ["channel", "multiplier", "spend", "mean", "lower", "upper", "is_current"]


def test_response_curve_hand_derived(known):
    frame = response_curve(known, "TV_Spend", n_points=5, max_multiplier=2.0)
    assert list(frame.columns) == CURVE_COLUMNS
    assert np.allclose(frame["multiplier"], [0, 0.5, 1, 1.5, 2])
    # spend m * K: weekly contribution coef * m / (m + 1)
    m = frame["multiplier"].to_numpy()
    assert np.allclose(frame["mean"], 200.0 * m / (m + 1))
    assert np.allclose(frame["spend"], 100.0 * m)
    assert frame["is_current"].tolist() == [False, False, True, False, False]
    assert (frame["channel"] == "tv").all()
    assert frame.attrs["headline"].startswith("At its current")


def test_response_curve_inserts_current_point_and_validates(known):
    frame = response_curve(known, "tv", n_points=4, max_multiplier=2.0)
    assert frame["is_current"].sum() == 1 and len(frame) == 5
    with pytest.raises(UnknownChannelError, match="Known channels: tv, search"):
        response_curve(known, "tvv")
    with pytest.raises(ConfigError, match="n_points"):
        response_curve(known, "tv", n_points=1)


def test_response_curves_concatenate(known):
    frame = response_curves(known, n_points=11)
    assert list(frame.columns) == CURVE_COLUMNS
    assert set(frame["channel"]) == {"tv", "search"} and len(frame) == 22
    assert frame.groupby("channel")["mean"].apply(lambda s: s.is_monotonic_increasing).all()


def test_saturation_hand_derived_and_status(known_dataset, known_cls):
    # search at x = K/4: hill 0.2 -> headroom; tv at x = 3K: hill 0.75 -> saturated
    model = known_cls(coef=(200.0, 50.0), half_saturation=(100.0 / 3.0, 1600.0)).fit(known_dataset)
    frame = saturation(model).set_index("channel")
    assert list(saturation(model).columns) == [
        "channel",
        "saturation",
        "lower",
        "upper",
        "half_life_weeks",
        "peak_week",
        "marginal_roi",
        "roi",
        "status",
    ]
    assert frame.loc["tv", "saturation"] == pytest.approx(0.75)
    assert frame.loc["search", "saturation"] == pytest.approx(0.2)
    assert frame.loc["tv", "status"] == "saturated"
    assert frame.loc["search", "status"] == "headroom"
    assert (frame["half_life_weeks"] == 0).all() and (frame["peak_week"] == 0).all()


def test_fit_metrics_hand_derived(known, known_dataset):
    metrics = fit_metrics(known)
    pred = known.predict().mean(axis=0)
    resid = known_dataset.kpi - pred
    expected_mape = np.mean(np.abs(resid / known_dataset.kpi))
    assert metrics["mape"] == pytest.approx(expected_mape)
    assert metrics["nrmse"] == pytest.approx(np.sqrt(np.mean(resid**2)) / np.ptp(known_dataset.kpi))
    assert metrics["holdout_mape"] is None


def test_holdout_metrics_refits_on_prefix(known_dataset, known_cls):
    seen = []

    class Recording(known_cls):
        def fit(self, dataset):
            seen.append(dataset.n_weeks)
            return super().fit(dataset)

    out = holdout_metrics(Recording, known_dataset, 4)
    assert seen == [16]
    assert out["holdout_weeks"] == 4 and out["holdout_mape"] >= 0
    with pytest.raises(ConfigError, match="holdout_weeks"):
        holdout_metrics(Recording, known_dataset, 15)


def test_summarize_shape_is_strict_json(known):
    doc = summarize(known)
    assert set(doc) >= {"model", "channels", "roi", "marginal_roi", "contribution_share", "fit", "diagnostics"}
    assert set(doc["roi"]["tv"]) == {"mean", "lower", "upper"}
    assert doc["diagnostics"] == {"max_rhat": None, "min_ess": None, "divergences": None}
    assert doc["roi"]["tv"]["mean"] == pytest.approx(1.0)
    assert doc["carryover"]["tv"] == {
        "kernel": "geometric",
        "mean_lag_weeks": 0.0,
        "peak_week": 0,
        "half_life_weeks": 0.0,
    }
    json.dumps(doc, allow_nan=False)


def test_fit_metrics_holdout_from_hyper_parameter(known_dataset, known_cls):
    class WithHoldout(known_cls):
        holdout_weeks = 4

    model = WithHoldout().fit(known_dataset)
    pred = model.predict().mean(axis=0)
    kpi = known_dataset.kpi
    metrics = fit_metrics(model)
    assert metrics["mape"] == pytest.approx(np.mean(np.abs((kpi[:16] - pred[:16]) / kpi[:16])))
    assert metrics["holdout_mape"] == pytest.approx(np.mean(np.abs((kpi[16:] - pred[16:]) / kpi[16:])))
