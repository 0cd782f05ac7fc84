"""The carryover_shape health check: a delayed peak that a geometric kernel cannot follow is flagged."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mixwise.analysis.health import health
from mixwise.analysis.health_carryover import delayed_peak
from mixwise.data.synthetic import generate
from mixwise.models.ols import OLSMMM
from mixwise.transforms.media import MediaParams


def _ols(delayed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return OLSMMM(bootstrap_draws=20, search_draws=0).fit(generate(seed=2, delayed=delayed).dataset)


@pytest.fixture(scope="module")
def delayed_model():
    return _ols({"tv": (2.5, 0.35)})


def test_a_delayed_tv_peak_is_flagged_with_the_setting_to_try(delayed_model) -> None:
    check = delayed_peak(delayed_model)
    assert check.status == "REVIEW" and "tv" in check.message
    assert 'adstock = {tv = "weibull"}' in check.recommendation
    assert "tv" in check.caveat
    assert "carryover_shape" in {c.check for c in health(delayed_model).checks}


def test_undelayed_data_passes() -> None:
    assert delayed_peak(_ols(None)).status == "PASS"


def test_a_channel_already_weibull_is_not_checked(delayed_model) -> None:
    p = delayed_model.media_params_
    kinds = ("weibull",) + tuple(p.adstock[1:])
    ones = np.ones_like(p.decay)
    delayed_model.media_params_ = MediaParams(
        p.decay, p.half_saturation, p.slope, p.coef, p.max_lag, kinds, ones * 2.5, ones * 0.35
    )
    try:
        assert "tv" not in delayed_peak(delayed_model).message
    finally:
        delayed_model.media_params_ = p
