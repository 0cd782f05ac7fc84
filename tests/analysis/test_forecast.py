from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "optimize"))
from truth_model import TruthModel  # noqa: E402

from mixwise.analysis.forecast import forecast  # noqa: E402
from mixwise.data.synthetic import generate  # noqa: E402
from mixwise.errors import ConfigError  # noqa: E402


@pytest.fixture(scope="module")
def synth():
    return generate(seed=4, n_weeks=130)


@pytest.fixture(scope="module")
def point(synth):
    return TruthModel(synth.truth, draws=1, jitter=0.0).fit(synth.dataset)


@pytest.fixture(scope="module")
def model(synth):
    return TruthModel(synth.truth, draws=40, jitter=0.08).fit(synth.dataset)


def _media_by_hand(truth, channels, history, plan, tail=True):
    """Full convolution of history + plan (+ tail), per channel, summed."""
    out = np.zeros(len(history) + len(plan) + 8)
    full = np.vstack([history, plan])
    for i, ch in enumerate(channels):
        t = truth["channels"][ch]
        w = t["decay"] ** np.arange(9)
        ad = np.convolve(full[:, i], w / w.sum())
        out += t["coef"] * ad ** t["slope"] / (ad ** t["slope"] + t["half_saturation"] ** t["slope"])
    return out


def test_default_plan_is_last_years_same_weeks(point, synth):
    ds = synth.dataset
    res = forecast(point, weeks=13)
    t = ds.n_weeks
    assert res.spend_total == pytest.approx(ds.spend[t - 52 : t - 39].sum())
    assert res.weekly.date.iloc[0] == ds.dates[-1] + pd.Timedelta(days=7)
    assert len(res.weekly) == 13 and res.weeks == 13
    assert "same weeks last year" in res.plan_source


def test_point_forecast_equals_base_plus_hand_media(point, synth):
    ds = synth.dataset
    res = forecast(point, weeks=10)
    t = ds.n_weeks
    plan = ds.spend[t - 52 : t - 42]
    media = _media_by_hand(synth.truth, ds.channels, ds.spend, plan)[t : t + 10]
    base = sum(point.base_components(pd.DatetimeIndex(res.weekly.date), ds.controls[t - 52 : t - 42]).values())[0]
    assert res.weekly["mean"].to_numpy() == pytest.approx(base + media, rel=1e-9)
    assert res.weekly.media.to_numpy() == pytest.approx(media, rel=1e-9)
    # Plan ROI: the plan's own effect, including the tail after the horizon.
    with_plan = _media_by_hand(synth.truth, ds.channels, ds.spend, plan)
    without = _media_by_hand(synth.truth, ds.channels, ds.spend, np.zeros_like(plan))
    assert res.media_kpi["mean"] == pytest.approx((with_plan - without).sum(), rel=1e-9)
    assert res.roi["mean"] == pytest.approx((with_plan - without).sum() / plan.sum(), rel=1e-9)
    assert not res.observation_noise


def test_intervals_and_flags(model):
    res = forecast(model, weeks=13)
    assert np.all(res.weekly.lower <= res.weekly["mean"]) and np.all(res.weekly["mean"] <= res.weekly.upper)
    assert res.total["lower"] < res.total["mean"] < res.total["upper"]
    assert any("Trend extrapolated 13 weeks" in f for f in res.flags)
    assert any("Seasonality extrapolated" in f for f in res.flags)
    assert res.headline.startswith("Over the next 13 weeks")
    d = res.to_dict()
    assert set(d["total"]) == {"mean", "lower", "upper"} and len(d["weekly"]) == 13


def test_observation_noise_widens_the_interval(synth):
    m = TruthModel(synth.truth, draws=200, jitter=0.0).fit(synth.dataset)
    narrow = forecast(m, weeks=13)
    m.sigma_ = np.full(200, 50_000.0)
    wide = forecast(m, weeks=13)
    assert wide.observation_noise
    assert (wide.total["upper"] - wide.total["lower"]) > 10 * (narrow.total["upper"] - narrow.total["lower"])
    # Noise of sd 50k per week over 13 weeks: total sd = 50k * sqrt(13); 90% width = 2 * 1.645 * sd.
    assert wide.total["upper"] - wide.total["lower"] == pytest.approx(2 * 1.645 * 50_000 * np.sqrt(13), rel=0.2)


def test_plan_csv(point, synth, tmp_path):
    ds = synth.dataset
    dates = pd.date_range(ds.dates[-1] + pd.Timedelta(days=7), periods=6, freq="W-MON")
    plan = pd.DataFrame({"date": dates.strftime("%Y-%m-%d")})
    for label in ds.channel_labels:
        plan[label] = 10_000.0
    path = tmp_path / "plan.csv"
    plan.to_csv(path, index=False)
    res = forecast(point, plan=path)
    assert res.weeks == 6 and res.spend_total == pytest.approx(6 * 10_000 * ds.n_channels)
    assert res.spend_by_channel[ds.channels[0]] == pytest.approx(60_000)
    zero = plan.copy()
    zero[list(ds.channel_labels)] = 0.0
    res0 = forecast(point, plan=zero)
    assert res0.media_kpi["mean"] == pytest.approx(0.0, abs=1e-6)
    with pytest.raises(ConfigError, match="missing channel"):
        forecast(point, plan=plan.drop(columns=[ds.channel_labels[0]]))
    with pytest.raises(ConfigError, match="unknown column"):
        forecast(point, plan=plan.assign(billboards=1.0))
    with pytest.raises(ConfigError, match="date"):
        forecast(point, plan=plan.drop(columns=["date"]))


def test_bad_arguments(point):
    with pytest.raises(ConfigError, match="weeks"):
        forecast(point, weeks=0)
    with pytest.raises(ConfigError, match="level"):
        forecast(point, level=1.5)
