"""ROI, marginal ROI and contributions against hand-derived values (KnownModel, see conftest)."""

from __future__ import annotations

import numpy as np
import pytest

from mixwise.analysis import contribution_shares, contributions, marginal_roi, roi
from mixwise.errors import ConfigError, NotFittedError


def test_roi_hand_derived(known):
    frame = roi(known)
    assert list(frame.columns) == ["channel", "spend", "contribution", "mean", "lower", "upper"]
    # spend x = K: hill = 1/2, weekly contribution coef/2, ROI = coef / (2 x)
    tv = frame.set_index("channel").loc["tv"]
    assert tv["spend"] == pytest.approx(2000.0)
    assert tv["contribution"] == pytest.approx(20 * 100.0)
    assert tv["mean"] == pytest.approx(200.0 / 200.0)
    search = frame.set_index("channel").loc["search"]
    assert search["mean"] == pytest.approx(50.0 / 800.0)
    assert (frame["lower"] < frame["mean"]).all() and (frame["mean"] < frame["upper"]).all()
    assert "TV has the highest ROI" in frame.attrs["headline"]


def test_roi_interval_widens_with_level(known):
    narrow, wide = roi(known, level=0.5), roi(known, level=0.95)
    assert (wide["upper"] - wide["lower"] > narrow["upper"] - narrow["lower"]).all()


def test_marginal_roi_hand_derived(known):
    step = 0.01
    frame = marginal_roi(known, step=step).set_index("channel")
    # x = K: [ (1+s)/(2+s) - 1/2 ] * coef / (s x) = coef / (2 x (2 + s))
    assert frame.loc["tv", "mean"] == pytest.approx(200.0 / (2 * 100.0 * (2 + step)))
    assert frame.loc["search", "mean"] == pytest.approx(50.0 / (2 * 400.0 * (2 + step)))
    assert list(marginal_roi(known).columns) == ["channel", "mean", "lower", "upper"]


def test_bad_level_and_step_raise(known):
    with pytest.raises(ConfigError, match="level"):
        roi(known, level=1.5)
    with pytest.raises(ConfigError, match="step"):
        marginal_roi(known, step=0)


def test_unfitted_model_raises(known_cls):
    with pytest.raises(NotFittedError, match="fit"):
        roi(known_cls())


def test_contributions_decompose_prediction(known, known_dataset):
    frame = contributions(known)
    assert list(frame.columns) == [
        "date",
        "baseline",
        "trend",
        "seasonality",
        "promo",
        "tv",
        "search",
        "predicted",
        "actual",
    ]
    parts = frame[["baseline", "trend", "seasonality", "promo", "tv", "search"]].sum(axis=1)
    assert np.allclose(parts, frame["predicted"])
    assert np.allclose(frame["tv"], 100.0) and np.allclose(frame["search"], 25.0)
    assert np.allclose(frame["actual"], known_dataset.kpi)
    assert frame.attrs["headline"]


def test_contribution_shares_sum_to_one(known):
    frame = contribution_shares(known)
    assert list(frame.columns) == ["component", "kind", "contribution", "share", "lower", "upper"]
    assert frame["share"].sum() == pytest.approx(1.0)
    kinds = dict(zip(frame["component"], frame["kind"], strict=True))
    assert kinds == {
        "baseline": "base",
        "trend": "base",
        "seasonality": "base",
        "promo": "control",
        "tv": "media",
        "search": "media",
    }
    total = 20 * 1000 + 10 * sum(range(20)) + 5 * 5 + 20 * 100 + 20 * 25
    tv = frame.set_index("component").loc["tv"]
    assert tv["share"] == pytest.approx(2000.0 / total, rel=1e-3)
    assert "tv" in frame.attrs["headline"]
