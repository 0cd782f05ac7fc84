"""BayesianMMM end to end on synthetic data with known truth (full MCMC, small settings: slow)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mixwise.data.synthetic import generate

pytest.importorskip("numpyro")

from mixwise.models.bayesian import BayesianMMM  # noqa: E402


@pytest.fixture(scope="module")
def fitted():
    syn = generate(seed=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # small settings may warn about ESS
        model = BayesianMMM(chains=2, warmup=300, draws=300, seed=0).fit(syn.dataset)
    return syn, model


@pytest.mark.slow
def test_recovers_true_roi_within_intervals(fitted):
    syn, model = fitted
    truth = np.array([syn.truth["channels"][c]["roi"] for c in syn.dataset.channels])
    roi = model.posterior_["roi"]
    lo, hi = np.quantile(roi, [0.05, 0.95], axis=0)
    inside = (truth >= lo) & (truth <= hi)
    assert inside.sum() >= 3, (truth, lo, hi)
    # the biggest channel (tv, most spend) is pinned down: its interval is narrow and holds the truth
    assert inside[0] and hi[0] / lo[0] < 2.0
    assert model.diagnostics_["max_rhat"] < 1.05
    assert model.diagnostics_["divergences"] <= 2
    assert roi.shape == (600, 4) and model.media_params_.n_draws == 600


@pytest.mark.slow
def test_fit_is_seeded_and_consistent(fitted):
    syn, model = fitted
    # ROI of the fitted media response equals the sampled ROI parameter (ROI parameterisation)
    contrib = model.media_contribution().sum(axis=1)
    np.testing.assert_allclose(contrib / syn.dataset.spend.sum(0), model.posterior_["roi"], rtol=1e-6)
    # the model explains the data about as well as the true noise allows
    resid = syn.dataset.kpi - model.predict().mean(0)
    assert resid.std() < 1.3 * syn.truth["noise_sd"]
    assert model.posterior_["sigma"].mean() == pytest.approx(syn.truth["noise_sd"], rel=0.25)


@pytest.mark.slow
def test_same_seed_same_numbers(fitted):
    syn, model = fitted
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        again = BayesianMMM(chains=2, warmup=300, draws=300, seed=0).fit(syn.dataset)
    np.testing.assert_array_equal(again.posterior_["roi"], model.posterior_["roi"])
    np.testing.assert_array_equal(again.media_params_.coef, model.media_params_.coef)
    np.testing.assert_array_equal(again.posterior_["intercept"], model.posterior_["intercept"])


@pytest.mark.slow
def test_chunked_sampling_reports_real_progress_and_matches_one_long_run(monkeypatch):
    from mixwise.models import bayes_model

    syn = generate(seed=3, n_weeks=104)

    def fit(steps: int) -> tuple[BayesianMMM, list]:
        calls: list = []
        monkeypatch.setattr(bayes_model, "chunk_size", lambda total: steps)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            model = BayesianMMM(chains=2, warmup=20, draws=20, seed=4, progress=lambda *a: calls.append(a))
            return model.fit(syn.dataset), calls

    whole, whole_calls = fit(40)
    chunked, chunked_calls = fit(7)  # 7 does not divide 40: the last call runs past the end
    assert whole_calls == [(0, 40), (40, 40)]
    assert chunked_calls == [(0, 40), (7, 40), (14, 40), (21, 40), (28, 40), (35, 40), (40, 40)]
    np.testing.assert_allclose(chunked.posterior_["roi"], whole.posterior_["roi"], rtol=1e-4)
    assert chunked.posterior_["roi"].shape == (40, 4)


@pytest.mark.slow
def test_weibull_tv_recovers_a_delayed_peak_and_survives_a_save(tmp_path):
    from mixwise.models.persistence import load_model, save_model

    syn = generate(seed=3, delayed={"tv": (2.5, 0.35)})
    ds, true_roi = syn.dataset, syn.truth["channels"]["tv"]["roi"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = BayesianMMM(chains=2, warmup=300, draws=300, seed=0, adstock={"tv": "weibull"}).fit(ds)
    assert model.media_params_.adstock == ("weibull", "geometric", "geometric", "geometric")
    kernel = model.media_params_.mean().weights()[0]
    assert int(np.argmax(kernel[:, 0])) >= 1  # TV's effect peaks after the week of spend, as generated
    lo, hi = np.quantile(model.posterior_["roi"][:, 0], [0.05, 0.95])
    assert lo <= true_roi <= hi
    assert model.diagnostics_["max_rhat"] < 1.05 and model.diagnostics_["divergences"] <= 2
    path = save_model(model, tmp_path / "weibull")
    again = load_model(path)
    assert again.media_params_.adstock == model.media_params_.adstock
    np.testing.assert_allclose(again.media_contribution(), model.media_contribution(), rtol=1e-9)
