"""Carry-over table: hand-derived from known kernels."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mixwise.analysis import carryover
from mixwise.transforms.media import MediaParams


def _with_kernels(model, params: MediaParams):
    model.media_params_ = params
    return model


def test_no_carry_over_means_everything_lands_in_the_week_of_spend(known) -> None:
    frame = carryover(known)
    assert list(frame.columns) == [
        "channel",
        "kernel",
        "mean_lag_weeks",
        "lower",
        "upper",
        "lagged_share",
        "peak_week",
        "weeks_to_90",
        "half_life_weeks",
    ]
    assert (frame["mean_lag_weeks"] == 0).all() and (frame["lagged_share"] == 0).all()
    assert (frame["weeks_to_90"] == 1).all() and (frame["peak_week"] == 0).all()


def test_geometric_and_weibull_kernels_by_hand(known_cls, known_dataset) -> None:
    # tv: geometric decay 0.5 over lags 0..2 -> weights 4/7, 2/7, 1/7; search: Weibull with shape 1 (exponential)
    ones = np.ones((1, 2))
    params = MediaParams(
        np.array([[0.5, 0.0]]),
        ones * 100,
        ones,
        ones,
        max_lag=2,
        adstock=("geometric", "weibull"),
        shape=np.array([[1.0, 4.0]]),
        scale=np.array([[1.0, 1.0]]),
    )
    frame = carryover(_with_kernels(known_cls().fit(known_dataset), params)).set_index("channel")
    assert frame.loc["tv", "mean_lag_weeks"] == pytest.approx((0 * 4 + 1 * 2 + 2 * 1) / 7)
    assert frame.loc["tv", "lagged_share"] == pytest.approx(3 / 7)
    assert frame.loc["tv", "weeks_to_90"] == 3  # 4/7 + 2/7 = 86% after two weeks, 100% after three
    assert frame.loc["tv", "half_life_weeks"] == pytest.approx(1.0)
    # Weibull shape 4, lambda = 2 weeks: pdf at t = 1, 2, 3 is proportional to t^3 exp(-(t/2)^4)
    t = np.array([1.0, 2.0, 3.0])
    w = t**3 * np.exp(-((t / 2.0) ** 4))
    w /= w.sum()
    assert frame.loc["search", "kernel"] == "weibull"
    assert frame.loc["search", "mean_lag_weeks"] == pytest.approx(float(w @ np.arange(3)))
    assert frame.loc["search", "peak_week"] == int(np.argmax(w)) == 1
    assert "Search has the longest carry-over" in frame.attrs["headline"]
    assert "peaking 1 week after the spend" in frame.attrs["headline"]
    assert math.isclose(frame.loc["search", "lagged_share"], 1 - w[0])


def test_kernel_weights_are_a_long_table_that_sums_to_one(known_cls, known_dataset) -> None:
    from mixwise.analysis import carryover_weights

    ones = np.ones((1, 2))
    params = MediaParams(np.array([[0.5, 0.0]]), ones * 100, ones, ones, max_lag=2)
    frame = carryover_weights(_with_kernels(known_cls().fit(known_dataset), params))
    assert list(frame.columns) == ["channel", "week", "mean", "lower", "upper"]
    tv = frame[frame.channel == "tv"]
    np.testing.assert_allclose(tv["mean"], [4 / 7, 2 / 7, 1 / 7])
    np.testing.assert_allclose(frame.groupby("channel")["mean"].sum(), 1.0)
    assert frame[frame.channel == "search"]["mean"].tolist() == [1.0, 0.0, 0.0]
