"""BayesianMMM without full MCMC: prior maths, design, the model's likelihood, the ROI identity,
base components, config parsing and the persistence protocol."""

from __future__ import annotations

import math
from functools import partial

import numpy as np
import pandas as pd
import pytest

from mixwise.data.synthetic import generate
from mixwise.errors import ConfigError, UnknownChannelError
from mixwise.models.bayes_design import build_design, fourier_features
from mixwise.models.bayes_model import draw_linear
from mixwise.models.bayesian import BayesianMMM
from mixwise.models.priors import (
    BetaPrior,
    Experiment,
    LogNormal,
    Priors,
    lognormal_from_mean_sd,
    parse_experiments,
    parse_roi_priors,
)


@pytest.fixture(scope="module")
def data():
    return generate(seed=3, n_weeks=104, channels=("tv", "radio", "digital"))


def _design(ds, **kw):
    args = {"max_lag": 8, "n_fourier": 2, "holdout_weeks": 0, "priors": Priors(), "roi_priors": {}, "experiments": []}
    args.update(kw)
    return build_design(ds, **args)


# ---- priors -----------------------------------------------------------------------------------
def test_lognormal_from_mean_sd_hand_derived():
    mu, sigma = lognormal_from_mean_sd(1.5, 0.5)
    s2 = math.log(1 + (0.5 / 1.5) ** 2)  # log(10/9)
    assert sigma == pytest.approx(math.sqrt(s2))
    assert mu == pytest.approx(math.log(1.5) - s2 / 2)
    # the moments come back: mean exp(mu + s2/2), variance (exp(s2) - 1) exp(2 mu + s2)
    assert math.exp(mu + sigma**2 / 2) == pytest.approx(1.5)
    assert math.sqrt((math.exp(sigma**2) - 1) * math.exp(2 * mu + sigma**2)) == pytest.approx(0.5)


@pytest.mark.parametrize("bad", [(0, 1), (-1, 1), (1, 0), (float("nan"), 1)])
def test_lognormal_rejects_bad_values(bad):
    with pytest.raises(ConfigError, match="positive"):
        lognormal_from_mean_sd(*bad)


def test_roi_priors_parse_pairs_and_tables():
    out = parse_roi_priors({"TV": (1.5, 0.5), "radio": {"median": 0.8, "sigma": 0.3}})
    assert set(out) == {"tv", "radio"}
    assert out["tv"].mu == pytest.approx(lognormal_from_mean_sd(1.5, 0.5)[0])
    assert out["radio"] == LogNormal(0.8, 0.3)
    with pytest.raises(ConfigError, match="mean, sd"):
        parse_roi_priors({"tv": "high"})


def test_priors_from_dict():
    p = Priors.from_dict({"decay": {"mean": 0.4, "sd": 0.2}, "slope": {"median": 1.0, "sigma": 0.2}})
    # Beta with mean 0.4, sd 0.2: a + b = 0.4 * 0.6 / 0.04 - 1 = 5 -> a = 2, b = 3
    assert p.decay.a == pytest.approx(2.0) and p.decay.b == pytest.approx(3.0)
    assert p.slope == LogNormal(1.0, 0.2)
    assert Priors.from_dict(None) == Priors()
    with pytest.raises(ConfigError, match="Unknown prior"):
        Priors.from_dict({"rio": 1})
    with pytest.raises(ConfigError):
        BetaPrior(0, 1)


def test_experiment_validation():
    e = Experiment("tv", "2021-03-01", "2021-03-29", 1000.0, 100.0)
    assert e.start == pd.Timestamp("2021-03-01")
    with pytest.raises(ConfigError, match="before it starts"):
        Experiment("tv", "2021-03-29", "2021-03-01", 1000.0, 100.0)
    with pytest.raises(ConfigError, match="se"):
        Experiment("tv", "2021-03-01", "2021-03-29", 1000.0, 0.0)
    with pytest.raises(ConfigError, match="lacks"):
        parse_experiments([{"channel": "tv", "start": "2021-03-01"}])


# ---- configuration ----------------------------------------------------------------------------
def test_from_config_reads_tables():
    cfg = {
        "model": {"draws": 300, "chains": 2, "seed": 7, "type": "bayes"},
        "priors": {"roi": {"mean": 1.2, "sd": 0.8}, "roi_priors": {"tv": [1.5, 0.5]}},
        "experiments": [{"channel": "tv", "start": "2021-03-01", "end": "2021-03-29", "lift": 5e4, "se": 1e4}],
    }
    m = BayesianMMM.from_config(cfg, seed=9)
    assert (m.draws, m.chains, m.seed, m.warmup) == (300, 2, 9, 500)
    priors, experiments = m._validate()
    assert priors.roi == LogNormal.from_mean_sd(1.2, 0.8)
    assert parse_roi_priors(m.roi_priors)["tv"] == LogNormal.from_mean_sd(1.5, 0.5)
    assert experiments[0].channel == "tv" and experiments[0].lift == 5e4
    # settings are plain JSON values, so model cache keys tell different priors apart
    import json

    from mixwise.models.persistence import to_jsonable

    plain = json.loads(json.dumps(to_jsonable(BayesianMMM.config_settings(cfg))))
    assert plain["priors"]["roi"]["sigma"] > 0 and plain["experiments"][0][3] == 5e4
    with pytest.warns(UserWarning, match="alpha"):
        BayesianMMM.from_config({"model": {"alpha": 1.0}})
    assert BayesianMMM.from_config(None).get_params() == BayesianMMM().get_params()


def test_init_stores_hyper_parameters_unchanged():
    priors = {"tv": (1.5, 0.5)}
    m = BayesianMMM(draws=10, roi_priors=priors)
    assert m.roi_priors is priors and m.draws == 10 and m.n_fourier == 2 and m.holdout_weeks == 0


@pytest.mark.parametrize("kw", [{"draws": 0}, {"chains": 1.5}, {"target_accept": 1.0}, {"max_lag": -1}])
def test_fit_validates_settings(kw, data):
    with pytest.raises(ConfigError):
        BayesianMMM(**kw).fit(data.dataset)


# ---- design -----------------------------------------------------------------------------------
def test_design_scales_and_features(data):
    ds = data.dataset
    d = _design(ds)
    assert d.kpi_scale == pytest.approx(ds.kpi.mean())
    for i in range(ds.n_channels):
        col = ds.spend[:, i]
        assert d.spend_scale[i] == pytest.approx(col[col > 0].mean())
    a = d.arrays
    assert a["lags"].shape == (9, ds.n_weeks, ds.n_channels)
    np.testing.assert_allclose(a["lags"][2, 5], ds.spend[3] / d.spend_scale)
    assert a["y"].mean() == pytest.approx(1.0)
    np.testing.assert_allclose(a["roi_factor"], ds.spend.sum(0) / ds.kpi.mean())
    # promo (a 0/1 column) keeps 0 as its reference; price is centred on its mean
    price, promo = ds.controls[:, 0], ds.controls[:, 1]
    np.testing.assert_allclose(a["X"][:, -2], (price - price.mean()) / price.std())
    np.testing.assert_allclose(a["X"][:, -1], promo / promo.std())
    np.testing.assert_allclose(a["X"][[0, -1], 1], [0.0, 1.0])  # trend runs 0..1
    # the SVD of the prior-scaled design reproduces it
    xs = a["X"] * a["lin_sd"]
    np.testing.assert_allclose(a["Q"] @ (a["Q"].T @ xs), xs, atol=1e-9)
    np.testing.assert_allclose(np.sort(a["lam"]), np.sort(np.linalg.eigvalsh(xs.T @ xs)), rtol=1e-8)


def test_fourier_features_hand_computed():
    dates = pd.DatetimeIndex(["2021-01-01", "2021-04-02"])
    f = fourier_features(dates, 2)
    doy = np.array([1, 92]) / 365.25
    np.testing.assert_allclose(f[:, 0], np.sin(2 * np.pi * doy))
    np.testing.assert_allclose(f[:, 3], np.cos(4 * np.pi * doy))


def test_design_rejects_unknown_channels_and_empty_experiments(data):
    ds = data.dataset
    with pytest.raises(UnknownChannelError):
        _design(ds, roi_priors={"tvv": LogNormal(1, 1)})
    with pytest.raises(ConfigError, match="covers no week"):
        _design(ds, experiments=[Experiment("tv", "2030-01-01", "2030-02-01", 1.0, 1.0)])


# ---- the NumPyro model (no sampling) ----------------------------------------------------------
def _model_inputs(ds, **kw):
    d = _design(ds, **kw)
    hyper = np.array([2.0, 3.0, 0.0, 0.5, math.log(1.5), 0.4, 0.2])
    return d, {**d.arrays, "hyper": hyper}


def _trace(inputs, d, z):
    import numpyro

    from mixwise.models.bayes_model import mmm_model

    model = partial(mmm_model, n_obs=d.n_obs, max_lag=8)
    handlers = numpyro.handlers
    with handlers.trace() as tr, handlers.seed(rng_seed=0), handlers.substitute(data={"z": z}):
        model(inputs)
    return {name: float(tr[name]["fn"].log_prob(0.0)) for name in ("prior", "obs", "lift") if name in tr}


def _z(values):
    return np.r_[
        np.log(values["decay"] / (1 - values["decay"])),
        np.log(values["half_saturation"]),
        np.log(values["slope"]),
        np.log(values["roi"]),
        np.log(values["sigma"]),
    ]


VALUES = {
    "decay": np.array([0.5, 0.3, 0.2]),
    "half_saturation": np.array([1.0, 0.8, 1.2]),
    "slope": np.array([1.5, 1.0, 2.0]),
    "roi": np.array([2.0, 1.0, 0.5]),
    "sigma": np.array(0.05),
}


def test_constrain_inverts_the_parameterisation():
    from mixwise.models.bayes_model import constrain

    out = constrain(_z(VALUES), 3)
    for name, value in VALUES.items():
        np.testing.assert_allclose(out[name], value)


def test_model_marginal_likelihood_is_the_multivariate_normal(data):
    pytest.importorskip("numpyro")
    from scipy.stats import multivariate_normal

    from mixwise.models.bayes_model import media_sum

    ds = data.dataset
    d, inputs = _model_inputs(ds)
    logp = _trace(inputs, d, _z(VALUES))
    media = media_sum(inputs, {k: np.asarray(v)[None] for k, v in VALUES.items()}, d.n_obs, 8)[0]
    x, m0, s0 = inputs["X"], inputs["lin_mean"], inputs["lin_sd"]
    cov = 0.05**2 * np.eye(ds.n_weeks) + (x * s0**2) @ x.T
    expected = multivariate_normal(mean=x @ m0, cov=cov).logpdf(inputs["y"] - media)
    assert logp["obs"] - 0.5 * ds.n_weeks * math.log(2 * math.pi) == pytest.approx(expected, rel=1e-4)


def test_model_prior_is_beta_lognormal_halfnormal_with_jacobians(data):
    pytest.importorskip("numpyro")
    from scipy import stats

    ds = data.dataset
    d, inputs = _model_inputs(ds, roi_priors={"tv": LogNormal(1.5, 0.3)})
    other = {k: np.asarray(v) * (0.8 if k != "decay" else 1.5) for k, v in VALUES.items()}

    def log_density(v):  # density of the unconstrained z = log-density of the parameters + log Jacobian
        out = np.sum(stats.beta(2.0, 3.0).logpdf(v["decay"]) + np.log(v["decay"] * (1 - v["decay"])))
        out += np.sum(stats.lognorm(0.5, scale=1.0).logpdf(v["half_saturation"]) + np.log(v["half_saturation"]))
        out += np.sum(stats.lognorm(0.4, scale=1.5).logpdf(v["slope"]) + np.log(v["slope"]))
        roi_sd, roi_med = np.array([0.3, 1.0, 1.0]), np.array([1.5, 1.0, 1.0])
        out += np.sum(stats.lognorm(roi_sd, scale=roi_med).logpdf(v["roi"]) + np.log(v["roi"]))
        return out + stats.halfnorm(scale=0.2).logpdf(v["sigma"]) + np.log(v["sigma"])

    got = _trace(inputs, d, _z(VALUES))["prior"] - _trace(inputs, d, _z(other))["prior"]
    assert got == pytest.approx(log_density(VALUES) - log_density(other), rel=1e-4)


def test_lift_test_likelihood(data):
    pytest.importorskip("numpyro")
    from mixwise.models.bayes_model import _media
    from mixwise.transforms.adstock import geometric_weights

    ds = data.dataset
    exp = Experiment("radio", ds.dates[10], ds.dates[19], 40_000.0, 8_000.0)
    d, inputs = _model_inputs(ds, experiments=[exp])
    logp = _trace(inputs, d, _z(VALUES))
    v = VALUES
    weights = geometric_weights(v["decay"], 8)
    media = _media(
        inputs["lags"], weights, v["half_saturation"], v["slope"], v["roi"], inputs["roi_factor"], d.n_obs, np
    )
    modelled = media[10:20, 1].sum() * d.kpi_scale
    assert logp["lift"] == pytest.approx(-0.5 * ((40_000.0 - modelled) / 8_000.0) ** 2, rel=1e-4)


def test_draw_linear_matches_conjugate_posterior(data):
    ds = data.dataset
    d, inputs = _model_inputs(ds)
    n = 40_000
    media = np.tile(np.full(ds.n_weeks, 0.2), (n, 1))
    beta = draw_linear(inputs, media, np.full(n, 0.05), d.n_obs, np.random.default_rng(0))
    x, y = inputs["X"], inputs["y"] - 0.2
    prec = x.T @ x / 0.05**2 + np.diag(1 / inputs["lin_sd"] ** 2)
    cov = np.linalg.inv(prec)
    mean = cov @ (x.T @ y / 0.05**2 + inputs["lin_mean"] / inputs["lin_sd"] ** 2)
    se = np.sqrt(np.diag(cov) / n)
    assert np.all(np.abs(beta.mean(0) - mean) < 5 * se)
    est = np.cov(beta.T)
    sd, sd_est = np.sqrt(np.diag(cov)), np.sqrt(np.diag(est))
    np.testing.assert_allclose(sd_est, sd, rtol=0.03)
    np.testing.assert_allclose(est / np.outer(sd_est, sd_est), cov / np.outer(sd, sd), atol=0.03)


# ---- fitted state from hand-made draws (no MCMC) ------------------------------------------------
def _fake_fit(ds, n_draws=5, holdout_weeks=0):
    model = BayesianMMM(holdout_weeks=holdout_weeks)
    d = _design(ds, holdout_weeks=holdout_weeks)
    rng = np.random.default_rng(1)
    c, p = ds.n_channels, d.arrays["X"].shape[1]
    flat = {
        "decay": rng.uniform(0.1, 0.7, (n_draws, c)),
        "half_saturation": rng.uniform(0.5, 1.5, (n_draws, c)),
        "slope": rng.uniform(0.8, 2.0, (n_draws, c)),
        "roi": rng.uniform(0.5, 3.0, (n_draws, c)),
        "sigma": rng.uniform(0.03, 0.05, n_draws),
        "beta": rng.normal(0, 0.1, (n_draws, p)),
    }
    model._set_state(ds, d, model._to_user_units(ds, d, flat))
    model.diagnostics_ = {"max_rhat": 1.0, "min_ess": 1000.0, "divergences": 0}
    model.fit_seconds_ = 0.0
    return model, d, flat


@pytest.mark.parametrize("holdout", [0, 20])
def test_roi_parameter_is_the_channels_roi(data, holdout):
    ds = data.dataset
    model, d, flat = _fake_fit(ds, holdout_weeks=holdout)
    contrib = model.media_contribution()[:, : d.n_obs].sum(axis=1)
    np.testing.assert_allclose(contrib / ds.spend[: d.n_obs].sum(0), flat["roi"], rtol=1e-9)
    np.testing.assert_allclose(model.media_params_.half_saturation, flat["half_saturation"] * d.spend_scale)


def test_base_components_hand_computed(data):
    ds = data.dataset
    model, d, flat = _fake_fit(ds)
    comps = model.base_components(ds.dates, ds.controls)
    assert list(comps) == ["baseline", "trend", "seasonality", "price", "promo"]
    x, b, s = d.arrays["X"], flat["beta"], d.kpi_scale
    np.testing.assert_allclose(comps["baseline"], np.outer(b[:, 0], np.ones(ds.n_weeks)) * s)
    np.testing.assert_allclose(comps["trend"], np.outer(b[:, 1], x[:, 1]) * s)
    np.testing.assert_allclose(comps["seasonality"], b[:, 2:6] @ x[:, 2:6].T * s)
    np.testing.assert_allclose(comps["promo"], np.outer(b[:, 7], x[:, 7]) * s)
    total = sum(comps.values()) + model.media_contribution().sum(-1)
    np.testing.assert_allclose(model.predict(), total)
    # future dates extrapolate the trend linearly
    future = pd.date_range(ds.dates[-1] + pd.Timedelta(weeks=1), periods=3, freq="W-MON")
    fut = model.base_components(future, np.zeros((3, 2)))
    assert np.all(np.diff(fut["trend"], axis=1) * np.sign(b[:, 1:2]) > 0)


def test_state_round_trip(data):
    ds = data.dataset
    model, _, _ = _fake_fit(ds)
    model.roi_priors = {"tv": (1.5, 0.5)}
    model.priors = Priors(slope=LogNormal(1.2, 0.3))
    model.experiments = [Experiment("tv", "2021-03-01", "2021-03-29", 5e4, 1e4)]
    import json

    meta, arrays = model._state()
    meta = json.loads(json.dumps(meta))
    back = BayesianMMM._from_state(meta, arrays, ds)
    assert back.priors == model.priors and back.draws == model.draws
    assert parse_roi_priors(back.roi_priors)["tv"].mu == pytest.approx(parse_roi_priors(model.roi_priors)["tv"].mu)
    assert back.experiments[0]["lift"] == 5e4
    np.testing.assert_allclose(back.predict(), model.predict())
    np.testing.assert_allclose(back.media_params_.coef, model.media_params_.coef)


def test_holdout_metrics_hand_computed(data):
    ds = data.dataset
    model, d, _ = _fake_fit(ds, holdout_weeks=10)
    assert d.n_obs == ds.n_weeks - 10
    pred = model.predict().mean(0)[-10:]
    expected = np.mean(np.abs(ds.kpi[-10:] - pred) / ds.kpi[-10:])
    assert model.holdout_metrics_ == {"holdout_weeks": 10, "holdout_mape": pytest.approx(expected)}
    assert _fake_fit(ds)[0].holdout_metrics_ == {}


def test_registry_reads_project_file_tables():
    import tomllib

    from mixwise.models.registry import settings_from_config

    doc = tomllib.loads(
        """
[model]
draws = 800
[priors]
slope = {median = 1.2, sigma = 0.3}
[priors.roi_priors]
tv = [1.5, 0.5]
[[experiments]]
channel = "tv"
start = 2021-03-01
end = 2021-03-29
lift = 50000
se = 10000
"""
    )
    settings = settings_from_config("bayes", doc)
    assert settings["draws"] == 800
    assert Priors.from_dict(settings["priors"]).slope == LogNormal(1.2, 0.3)
    assert parse_roi_priors(settings["roi_priors"])["tv"] == LogNormal.from_mean_sd(1.5, 0.5)
    assert settings["experiments"][0].start == pd.Timestamp("2021-03-01")
    assert BayesianMMM(**settings)._validate()[1][0].lift == 50_000


def test_interfaces_do_not_initialise_jax_before_the_fit():
    """Parallel chains need XLA's host device count set before JAX starts (bayes_model.configure_jax):
    importing the CLI, the analysis layer or this model must not import jax."""
    import subprocess
    import sys

    code = (
        "import sys; import mixwise.cli.main, mixwise.analysis, mixwise.models.bayesian; "
        "bad = [m for m in ('jax', 'numpyro') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_chunk_size_is_about_a_tenth_and_divides_the_run_when_it_can() -> None:
    from mixwise.models.bayes_model import chunk_size

    assert chunk_size(1000) == 100
    assert chunk_size(600) == 60
    assert chunk_size(1009) == 101  # a prime: no divisor near a tenth, so the last call runs past the end
    assert chunk_size(5) == 1
    for total in (7, 40, 333, 1000, 2001):
        size = chunk_size(total)
        assert 1 <= size and -(-total // size) <= 20


# ---- Weibull adstock ------------------------------------------------------------------------------
WEIBULL = {k: v for k, v in VALUES.items() if k != "decay"} | {
    "shape": np.array([2.0, 1.2, 3.0]),
    "mean_week": np.array([2.5, 1.5, 3.0]),
}
ALL_WEIBULL = ("weibull",) * 3


def _z_weibull(values):
    return np.r_[
        np.log(values["shape"]),
        np.log(values["mean_week"]),
        np.log(values["half_saturation"]),
        np.log(values["slope"]),
        np.log(values["roi"]),
        np.log(values["sigma"]),
    ]


def _gamma(x):
    return np.array([math.gamma(v) for v in np.atleast_1d(x)])


def test_constrain_inverts_the_weibull_parameterisation():
    from mixwise.models.bayes_model import constrain

    out = constrain(_z_weibull(WEIBULL), 3, ALL_WEIBULL)
    assert set(out) == set(WEIBULL) | {"decay", "scale"}
    for name, value in WEIBULL.items():
        np.testing.assert_allclose(out[name], value)
    # the scale follows from shape and mean week: mean = lambda Gamma(1 + 1/k), with lambda = scale x max_lag
    np.testing.assert_allclose(out["scale"] * 8 * _gamma(1 + 1 / WEIBULL["shape"]), WEIBULL["mean_week"])


def test_mixed_kernels_keep_channel_order():
    from mixwise.models.bayes_model import constrain, split_kinds

    kinds = ("weibull", "geometric", "weibull")
    assert split_kinds(kinds, 3) == ((1,), (0, 2), (1, 0, 2))
    z = np.r_[0.0, math.log(2.0), math.log(1.5), math.log(2.5), math.log(3.0), np.zeros(9), math.log(0.1)]
    out = constrain(z, 3, kinds)
    np.testing.assert_allclose(out["decay"], [0.0, 0.5, 0.0])
    np.testing.assert_allclose(out["shape"], [2.0, 1.0, 1.5])
    np.testing.assert_allclose(out["mean_week"], [2.5, 1.0, 3.0])


def test_weibull_prior_is_lognormal_shape_and_mean_week_with_jacobians(data):
    pytest.importorskip("numpyro")
    import numpyro
    from scipy import stats

    from mixwise.models.bayes_model import mmm_model

    ds = data.dataset
    d, inputs = _model_inputs(ds)
    inputs["hyper"] = np.r_[inputs["hyper"], math.log(2.0), 0.4, math.log(2.0), 0.5]
    other = {k: np.asarray(v) * 0.8 for k, v in WEIBULL.items()}

    def log_density(v):  # only the adstock part differs from the geometric model's prior
        out = np.sum(stats.lognorm(0.4, scale=2.0).logpdf(v["shape"]) + np.log(v["shape"]))
        out += np.sum(stats.lognorm(0.5, scale=2.0).logpdf(v["mean_week"]) + np.log(v["mean_week"]))
        out += np.sum(stats.lognorm(0.5, scale=1.0).logpdf(v["half_saturation"]) + np.log(v["half_saturation"]))
        out += np.sum(stats.lognorm(0.4, scale=1.5).logpdf(v["slope"]) + np.log(v["slope"]))
        out += np.sum(stats.lognorm(1.0, scale=1.0).logpdf(v["roi"]) + np.log(v["roi"]))
        return out + stats.halfnorm(scale=0.2).logpdf(v["sigma"]) + np.log(v["sigma"])

    def prior(z):
        model = partial(mmm_model, n_obs=d.n_obs, max_lag=8, kinds=ALL_WEIBULL)
        handlers = numpyro.handlers
        with handlers.trace() as tr, handlers.seed(rng_seed=0), handlers.substitute(data={"z": z}):
            model(inputs)
        return float(tr["prior"]["fn"].log_prob(0.0))

    got = prior(_z_weibull(WEIBULL)) - prior(_z_weibull(other))
    assert got == pytest.approx(log_density(WEIBULL) - log_density(other), rel=1e-4)


def test_weibull_media_matches_the_shared_transform(data):
    from mixwise.models.bayes_model import constrain, kernel_weights
    from mixwise.transforms.adstock import weibull_adstock

    draws = constrain(_z_weibull(WEIBULL)[None], 3, ALL_WEIBULL)
    w = kernel_weights({**draws, "kinds": ALL_WEIBULL}, 8)
    x = data.dataset.spend[:, :3]
    lags = np.stack([np.r_[np.zeros((lag, 3)), x[: len(x) - lag]] for lag in range(9)])
    expected = weibull_adstock(x, WEIBULL["shape"], draws["scale"][0], 8)[None]
    np.testing.assert_allclose(np.einsum("dlc,ltc->dtc", w, lags), expected, rtol=1e-10)
    # shape 2 with a mean in week 2.5: the effect peaks a week after the spend, not in the week itself
    assert int(np.argmax(w[0, :, 0])) == 1
