"""The generator's delayed (Weibull) channels: a second implementation of the kernel mixwise fits."""

from __future__ import annotations

import numpy as np
import pytest

from mixwise.data.synthetic import generate
from mixwise.transforms.adstock import weibull_adstock
from mixwise.transforms.saturation import hill


def test_a_delayed_channel_follows_the_shared_weibull_transform() -> None:
    syn = generate(seed=3, delayed={"tv": (2.5, 0.35)})
    tv = syn.truth["channels"]["tv"]
    assert tv["decay"] is None and (tv["shape"], tv["scale"]) == (2.5, 0.35)
    x = syn.dataset.spend[:, [0]]
    effect = (
        tv["coef"]
        * hill(
            weibull_adstock(x, np.array([2.5]), np.array([0.35]), 8),
            np.array([tv["half_saturation"]]),
            np.array([tv["slope"]]),
        )[:, 0]
    )
    assert effect.sum() == pytest.approx(tv["contribution"], rel=1e-9)
    assert tv["roi"] == pytest.approx(tv["contribution"] / tv["spend"])
    # the other channels are untouched: same data as without the option
    plain = generate(seed=3)
    np.testing.assert_array_equal(plain.dataset.spend, syn.dataset.spend)
    assert plain.truth["channels"]["radio"] == syn.truth["channels"]["radio"]


def test_an_unknown_delayed_channel_is_refused() -> None:
    with pytest.raises(ValueError, match="snapchat"):
        generate(seed=1, delayed={"snapchat": (2.0, 0.3)})
