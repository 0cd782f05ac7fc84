"""MediaParams with Weibull (delayed-peak) kernels, alone or mixed with geometric ones."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mixwise.transforms.adstock import geometric_adstock, weibull_adstock
from mixwise.transforms.media import MediaParams, media_contribution


def _params(kinds=("weibull", "geometric"), shape=(2.5, 1.0), scale=(0.35, 1.0), decay=(0.0, 0.5)) -> MediaParams:
    one = np.ones((1, 2))
    return MediaParams(
        decay=np.array([decay]),
        half_saturation=one * 100.0,
        slope=one,
        coef=one,
        max_lag=8,
        adstock=kinds,
        shape=np.array([shape]),
        scale=np.array([scale]),
    )


def test_each_channel_uses_its_own_kernel() -> None:
    rng = np.random.default_rng(0)
    spend = rng.uniform(0, 200, (40, 2))
    got = _params().adstocked(spend)[0]
    np.testing.assert_allclose(got[:, 0], weibull_adstock(spend[:, [0]], np.array([2.5]), np.array([0.35]), 8)[:, 0])
    np.testing.assert_allclose(got[:, 1], geometric_adstock(spend[:, [1]], np.array([0.5]), 8)[:, 0])
    assert media_contribution(spend, _params()).shape == (1, 40, 2)


def test_a_delayed_kernel_peaks_after_the_week_of_spend() -> None:
    w = _params().weights()[0]
    assert int(np.argmax(w[:, 0])) >= 1 and int(np.argmax(w[:, 1])) == 0
    assert _params().peak_week().tolist() == [int(np.argmax(w[:, 0])), 0]
    np.testing.assert_allclose(w.sum(axis=0), 1.0)


def test_half_life_is_hand_derived_for_both_kernels() -> None:
    # shape 1 is an exponential kernel exp(-(t + 1) / lambda): it halves lambda ln 2 weeks after the spend
    p = _params(shape=(1.0, 1.0), scale=(0.25, 1.0), decay=(0.0, 0.6))
    hl = p.half_life()
    assert hl[0] == pytest.approx(8 * 0.25 * math.log(2), abs=0.01)
    assert hl[1] == pytest.approx(math.log(0.5) / math.log(0.6))
    # a delayed peak halves later than a kernel that starts at its peak
    assert _params().half_life()[0] > 1.0


def test_selecting_channels_keeps_their_kernels() -> None:
    p = _params()
    assert p.channels([1]).adstock == ("geometric",)
    assert p.channels([0]).adstock == ("weibull",)
    assert p.mean().adstock == p.take(np.array([0])).adstock == ("weibull", "geometric")


def test_bad_kernels_are_refused() -> None:
    with pytest.raises(ValueError, match="one per channel"):
        _params(kinds=("weibull",))
    with pytest.raises(ValueError, match="one of"):
        _params(kinds=("gamma", "geometric"))
    with pytest.raises(ValueError, match="shape and scale"):
        MediaParams(np.zeros((1, 1)), np.ones((1, 1)), np.ones((1, 1)), np.ones((1, 1)), 8, "weibull")
