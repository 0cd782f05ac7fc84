"""One contract for every registered model: fit returns self, NotFittedError before fit, identical
analysis schemas, and save/load round trips that reproduce every table."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from mixwise import analysis as A
from mixwise.errors import ConfigError, NotFittedError
from mixwise.models import load_model, make_model, save_model
from mixwise.models.registry import model_class

#: Tiny settings per model so the contract runs fast (the Bayesian one still samples: slow).
SETTINGS = {
    "ols": {"bootstrap_draws": 30},
    "bayes": {"draws": 60, "warmup": 60, "chains": 1},
}


def _bayes_available() -> bool:
    try:
        model_class("bayes")
    except ConfigError:
        return False
    return True


MODELS = [
    pytest.param("ols", id="ols"),
    pytest.param(
        "bayes",
        id="bayes",
        marks=[
            pytest.mark.slow,
            pytest.mark.skipif(not _bayes_available(), reason="BayesianMMM not importable"),
        ],
    ),
]

EXPECTED_COLUMNS = {
    "roi": ["channel", "spend", "contribution", "mean", "lower", "upper"],
    "marginal_roi": ["channel", "mean", "lower", "upper"],
    "contribution_shares": ["component", "kind", "contribution", "share", "lower", "upper"],
    "response_curves": ["channel", "multiplier", "spend", "mean", "lower", "upper", "is_current"],
    "saturation": [
        "channel",
        "saturation",
        "lower",
        "upper",
        "half_life_weeks",
        "peak_week",
        "marginal_roi",
        "roi",
        "status",
    ],
}


def _tables(model) -> dict[str, pd.DataFrame]:
    return {
        "roi": A.roi(model),
        "marginal_roi": A.marginal_roi(model),
        "contributions": A.contributions(model),
        "contribution_shares": A.contribution_shares(model),
        "response_curves": A.response_curves(model, n_points=9),
        "saturation": A.saturation(model),
    }


@pytest.fixture(scope="module", params=MODELS)
def fitted(request, small_synth):
    name = request.param
    model = make_model(name, **SETTINGS[name])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # tiny sampler settings warn about ESS by design
        out = model.fit(small_synth.dataset)
    assert out is model
    return model


@pytest.mark.parametrize("name", MODELS)
def test_not_fitted_before_fit(name):
    model = make_model(name, **SETTINGS[name])
    assert not model.is_fitted
    for call in (model.media_contribution, model.components, model.predict):
        with pytest.raises(NotFittedError, match="fit"):
            call()
    with pytest.raises(NotFittedError):
        A.roi(model)


def test_fitted_state(fitted, small_synth):
    ds = small_synth.dataset
    assert fitted.channels_ == ds.channels
    assert fitted.media_params_.n_channels == ds.n_channels
    assert isinstance(fitted.diagnostics_, dict) and fitted.fit_seconds_ >= 0
    comps = fitted.components()
    assert list(comps)[:3] == ["baseline", "trend", "seasonality"]
    assert list(comps)[-ds.n_channels :] == list(ds.channels)
    total = sum(comps.values())
    pd.testing.assert_series_equal(pd.Series(total.mean(0)), pd.Series(fitted.predict().mean(0)))


def test_identical_schemas(fitted, small_synth):
    tables = _tables(fitted)
    for name, cols in EXPECTED_COLUMNS.items():
        assert list(tables[name].columns) == cols, name
        assert isinstance(tables[name].attrs.get("headline"), str) and tables[name].attrs["headline"], name
    expected = ["date", "baseline", "trend", "seasonality", "price", "promo", *small_synth.dataset.channels]
    assert list(tables["contributions"].columns) == [*expected, "predicted", "actual"]
    doc = A.summarize(fitted)
    assert set(doc) >= {"model", "channels", "roi", "marginal_roi", "contribution_share", "fit", "diagnostics"}
    assert set(doc["fit"]) == {"r2", "mape", "holdout_mape"}
    assert set(doc["diagnostics"]) == {"max_rhat", "min_ess", "divergences"}


@pytest.mark.parametrize("suffix", ["", ".zip"])
def test_save_load_round_trip(fitted, tmp_path, suffix):
    path = save_model(fitted, tmp_path / f"model{suffix}")
    loaded = load_model(path)
    assert type(loaded) is type(fitted)
    assert loaded.dataset_.fingerprint() == fitted.dataset_.fingerprint()
    before, after = _tables(fitted), _tables(loaded)
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], check_exact=False, rtol=1e-12)
    assert A.summarize(loaded)["roi"] == A.summarize(fitted)["roi"]
