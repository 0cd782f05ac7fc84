"""BayesianMMM: the default mixwise model (NumPyro NUTS, ROI-parameterised media).

Each channel's media effect is ``coef * hill(geometric_adstock(spend; decay); K, slope)`` (the
shared pure functions of :mod:`mixwise.transforms`), but the model samples the channel's ROI
directly and derives ``coef`` from it, so ROI, the number marketers ask about, is a parameter
with its own prior and the coefficient / half-saturation / slope trade-off does not leak into it.

JAX and NumPyro are imported only inside :meth:`BayesianMMM.fit` (see
:mod:`mixwise.models.bayes_model` for the one rule interfaces must follow: do not import jax
before the first fit, so the chains can run in parallel).

Example:
    >>> from mixwise.data.synthetic import generate
    >>> model = BayesianMMM(chains=4).fit(generate(seed=1).dataset)  # doctest: +SKIP
    >>> model.media_params_.coef.shape  # doctest: +SKIP
    (2000, 4)
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from mixwise.data.dataset import Dataset
from mixwise.errors import ConfigError
from mixwise.models.base import MMMBase
from mixwise.models.bayes_design import Design, build_design
from mixwise.models.priors import Experiment, LogNormal, Priors, parse_experiments, parse_roi_priors
from mixwise.transforms.media import ADSTOCKS, MediaParams, media_contribution

__all__ = ["BayesianMMM"]

_MODEL_KEYS = (
    "draws",
    "warmup",
    "chains",
    "seed",
    "target_accept",
    "max_lag",
    "n_fourier",
    "holdout_weeks",
    "adstock",
)
_IGNORED_MODEL_KEYS = ("model", "type", "name", "kind")


class BayesianMMM(MMMBase):
    """Bayesian marketing-mix model with ROI priors and lift-test calibration.

    Args:
        draws: Posterior draws kept per chain.
        warmup: Adaptation steps per chain.
        chains: Number of chains (run in parallel when JAX has a device per chain).
        seed: Random seed: same data and settings give the same numbers.
        target_accept: NUTS target acceptance probability (raise towards 0.95 if divergences appear).
        max_lag: Weeks of adstock carry-over (kernel length minus one).
        n_fourier: Yearly Fourier harmonics for seasonality.
        roi_priors: Per-channel ROI priors as ``{"tv": (mean, sd)}`` ("TV ROI about 1.5 +/- 0.5").
        experiments: Lift tests, :class:`~mixwise.models.priors.Experiment` or mappings with
            channel, start, end, lift, se.
        priors: Default priors (:class:`~mixwise.models.priors.Priors` or a ``[priors]``-style
            mapping); None for the defaults.
        progress: Optional ``callable(done, total)`` told about sampling progress (the library
            never prints).
        holdout_weeks: Last weeks left out of the likelihood (for out-of-sample checks).
        adstock: ``"geometric"`` (default: the effect decays from the week of spend), ``"weibull"``
            (a Weibull PDF kernel whose effect can peak a week or two after the spend, as TV's often
            does; its shape and mean week are estimated per channel) for every channel, or a mapping
            such as ``{"tv": "weibull"}`` (the channels it does not name stay geometric).

    Fitted attributes: ``dataset_``, ``channels_``, ``media_params_`` (user units, chains flattened),
    ``posterior_`` (dict of draws: roi, decay (geometric) or shape and scale (Weibull),
    half_saturation, slope, coef, intercept, trend, fourier, control, sigma), ``design_``, ``holdout_metrics_`` (``{holdout_weeks, holdout_mape}``
    or empty), ``fit_seconds_``, ``diagnostics_`` (max_rhat, min_ess,
    divergences, chain_method).
    """

    model_name: ClassVar[str] = "bayes"

    def __init__(
        self,
        draws: int = 500,
        warmup: int = 500,
        chains: int = 4,
        seed: int = 0,
        target_accept: float = 0.9,
        max_lag: int = 8,
        n_fourier: int = 2,
        roi_priors: Mapping[str, Any] | None = None,
        experiments: Sequence[Any] | None = None,
        priors: Priors | None = None,
        progress: Callable[[int, int], None] | None = None,
        holdout_weeks: int = 0,
        adstock: str | Mapping[str, str] = "geometric",
    ) -> None:
        self.draws = draws
        self.warmup = warmup
        self.chains = chains
        self.seed = seed
        self.target_accept = target_accept
        self.max_lag = max_lag
        self.n_fourier = n_fourier
        self.roi_priors = roi_priors
        self.experiments = experiments
        self.priors = priors
        self.progress = progress
        self.holdout_weeks = holdout_weeks
        self.adstock = adstock

    # ---- construction from a project file -------------------------------------------------------
    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None, **overrides: Any) -> BayesianMMM:
        """Build from a parsed ``mixwise.toml`` (see :meth:`config_settings`); keyword
        ``overrides`` (e.g. from CLI flags) win over the file."""
        return cls(**{**cls.config_settings(config), **overrides})

    @classmethod
    def config_settings(cls, config: Mapping[str, Any] | None) -> dict[str, Any]:
        """Hyper-parameters from a parsed ``mixwise.toml``: ``[model]`` (draws, warmup, chains,
        seed, target_accept, max_lag, n_fourier, holdout_weeks), ``[priors]`` (with an optional
        ``[priors.roi_priors]`` sub-table ``tv = [1.5, 0.5]``) and ``[[experiments]]``.

        Example::

            [model]
            draws = 1000
            [priors]
            roi = {mean = 1.2, sd = 1.0}
            [priors.roi_priors]
            tv = [1.5, 0.5]
            [[experiments]]
            channel = "tv"
            start = 2024-03-04
            end = 2024-04-01
            lift = 125000
            se = 20000

        Raises:
            ConfigError: a prior or experiment cannot be read (the message names it).
        """
        config = dict(config or {})
        model_table = dict(config.get("model") or {})
        unknown = sorted(set(model_table) - set(_MODEL_KEYS) - set(_IGNORED_MODEL_KEYS))
        if unknown:
            warnings.warn(
                f"Ignoring [model] setting(s) {', '.join(unknown)}: the Bayesian model reads {', '.join(_MODEL_KEYS)}.",
                stacklevel=2,
            )
        kwargs: dict[str, Any] = {k: model_table[k] for k in _MODEL_KEYS if k in model_table}
        # JSON-able values (priors as a table, experiments as named tuples), so cache keys see them.
        prior_table = dict(config.get("priors") or {})
        if prior_table:
            if prior_table.get("roi_priors"):
                parse_roi_priors(prior_table["roi_priors"])  # fail early on a bad entry
                kwargs["roi_priors"] = dict(prior_table["roi_priors"])
            kwargs["priors"] = _priors_json(Priors.from_dict(prior_table))
        if config.get("experiments"):
            kwargs["experiments"] = parse_experiments(config["experiments"])
        return kwargs

    # ---- fitting ---------------------------------------------------------------------------------
    def _validate(self) -> tuple[Priors, list[Experiment]]:
        checks = {
            "draws": (self.draws, 1),
            "warmup": (self.warmup, 1),
            "chains": (self.chains, 1),
            "max_lag": (self.max_lag, 0),
            "n_fourier": (self.n_fourier, 0),
            "holdout_weeks": (self.holdout_weeks, 0),
        }
        for name, (value, low) in checks.items():
            if not isinstance(value, int | np.integer) or isinstance(value, bool) or value < low:
                raise ConfigError(f"{name} must be an integer >= {low}; received {value!r}.")
        if not (isinstance(self.target_accept, float | int) and 0.5 <= float(self.target_accept) < 1):
            raise ConfigError(
                f"target_accept must lie in [0.5, 1); received {self.target_accept!r}. Typical: 0.8 to 0.95."
            )
        _adstock_kinds(self.adstock, None)
        priors = self.priors if self.priors is not None else Priors()
        if isinstance(priors, Mapping):  # a [priors] table
            priors = Priors.from_dict(priors)
        if not isinstance(priors, Priors):
            raise ConfigError(f"priors must be a mixwise.models.priors.Priors; received {type(priors).__name__}.")
        return priors, parse_experiments(self.experiments)

    def fit(self, dataset: Dataset) -> BayesianMMM:
        """Sample the posterior for ``dataset`` and return ``self``.

        Warns (``warnings.warn``) when the sampler did not converge well: R-hat > 1.01, any
        divergence, or an effective sample size below 400.
        """
        from mixwise.models.bayes_model import run_nuts

        start = time.perf_counter()
        priors, experiments = self._validate()
        design = build_design(
            dataset,
            max_lag=int(self.max_lag),
            n_fourier=int(self.n_fourier),
            holdout_weeks=int(self.holdout_weeks),
            priors=priors,
            roi_priors=parse_roi_priors(self.roi_priors),
            experiments=experiments,
        )
        hyper = np.array(
            [
                priors.decay.a,
                priors.decay.b,
                priors.half_saturation.mu,
                priors.half_saturation.sigma,
                priors.slope.mu,
                priors.slope.sigma,
                priors.noise_sd,
                priors.weibull_shape.mu,
                priors.weibull_shape.sigma,
                priors.weibull_mean.mu,
                priors.weibull_mean.sigma,
            ]
        )
        samples, diagnostics = run_nuts(
            {**design.arrays, "hyper": hyper},
            n_obs=design.n_obs,
            max_lag=int(self.max_lag),
            chains=int(self.chains),
            warmup=int(self.warmup),
            draws=int(self.draws),
            seed=int(self.seed),
            target_accept=float(self.target_accept),
            progress=self.progress,
            adstock=_adstock_kinds(self.adstock, dataset),
        )
        flat = {k: v.reshape((-1,) + v.shape[2:]) for k, v in samples.items()}
        self._set_state(dataset, design, self._to_user_units(dataset, design, flat))
        self.diagnostics_ = diagnostics
        self.fit_seconds_ = time.perf_counter() - start
        self._warn_if_poor()
        return self

    def _to_user_units(self, dataset: Dataset, design: Design, flat: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Scaled draws (chains flattened) in the user's units, plus ``coef`` (kpi units)."""
        n_fourier = 2 * design.n_fourier
        beta = flat["beta"]
        posterior = {
            "roi": flat["roi"],
            **{k: flat[k] for k in ("decay", "shape", "scale", "mean_week") if k in flat},
            "half_saturation": flat["half_saturation"] * design.spend_scale,
            "slope": flat["slope"],
            "intercept": beta[:, 0],
            "trend": beta[:, 1],
            "fourier": beta[:, 2 : 2 + n_fourier],
            "control": beta[:, 2 + n_fourier :],
            "sigma": flat["sigma"] * design.kpi_scale,
        }
        posterior["coef"] = self._coef(dataset, design, posterior)
        return posterior

    def _set_state(self, dataset: Dataset, design: Design, posterior: Mapping[str, np.ndarray]) -> None:
        """Store the fitted state from draws in user units."""
        self.dataset_ = dataset
        self.channels_ = tuple(dataset.channels)
        self.design_ = design
        self.posterior_ = {k: np.asarray(v, dtype=float) for k, v in posterior.items()}
        self.media_params_ = _media_params(posterior, int(self.max_lag), _adstock_kinds(self.adstock, dataset))
        self.holdout_metrics_ = self._holdout_metrics()

    def _holdout_metrics(self) -> dict[str, Any]:
        """``{holdout_weeks, holdout_mape}`` of the mean prediction on the left-out weeks, or empty."""
        n_obs = self.design_.n_obs
        n = self.dataset_.n_weeks - n_obs
        if n <= 0:
            return {}
        actual = self.dataset_.kpi[n_obs:]
        pred = self.predict().mean(axis=0)[n_obs:]
        mask = actual != 0
        mape = float(np.mean(np.abs(actual[mask] - pred[mask]) / np.abs(actual[mask]))) if mask.any() else None
        return {"holdout_weeks": n, "holdout_mape": mape}

    def _coef(self, dataset: Dataset, design: Design, posterior: Mapping[str, np.ndarray]) -> np.ndarray:
        """coef = roi * spend / sum(hill(adstock(spend))) over the fitted weeks, in kpi units (D, C)."""
        spend = dataset.spend[: design.n_obs]
        unit = {**posterior, "coef": np.ones_like(posterior["roi"])}
        kinds = _adstock_kinds(self.adstock, dataset)
        sat = media_contribution(dataset.spend, _media_params(unit, int(self.max_lag), kinds))[:, : design.n_obs]
        return posterior["roi"] * spend.sum(axis=0) / np.maximum(sat.sum(axis=1), 1e-12)

    def _warn_if_poor(self) -> None:
        d = self.diagnostics_
        problems = []
        if d["max_rhat"] > 1.01:
            problems.append(f"max R-hat {d['max_rhat']:.3f} > 1.01")
        if d["divergences"] > 0:
            problems.append(f"{d['divergences']} divergent transitions")
        if d["min_ess"] < 400:
            problems.append(f"min effective sample size {d['min_ess']:.0f} < 400")
        if problems:
            warnings.warn(
                "The Bayesian fit may be unreliable: "
                + "; ".join(problems)
                + ". Try more draws/warmup (draws=1000, warmup=1000) or target_accept=0.95.",
                stacklevel=3,
            )

    # ---- the base-model contract ----------------------------------------------------------------
    def base_components(self, dates: pd.DatetimeIndex, controls: np.ndarray) -> dict[str, np.ndarray]:
        """Baseline, trend, seasonality and each control, shape (n_draws, n_weeks), kpi units."""
        self.check_fitted()
        dates = pd.DatetimeIndex(dates)
        feats = self.design_.base_features(dates, controls)
        p, scale = self.posterior_, self.design_.kpi_scale
        n_draws = p["intercept"].shape[0]
        out = {
            "baseline": np.repeat(p["intercept"][:, None] * scale, len(dates), axis=1),
            "trend": p["trend"][:, None] * feats["t"][None, :] * scale,
            "seasonality": (p["fourier"] @ feats["fourier"].T * scale).reshape(n_draws, len(dates)),
        }
        for k, name in enumerate(self.dataset_.control_names):
            out[name] = p["control"][:, k, None] * feats["controls"][None, :, k] * scale
        return out

    # ---- persistence protocol -------------------------------------------------------------------
    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """``(meta, arrays)``: JSON-able settings, scales and diagnostics, and the posterior draws."""
        self.check_fitted()
        params = {k: v for k, v in self.get_params().items() if k != "progress"}
        params["roi_priors"] = {k: _prior_json(v) for k, v in parse_roi_priors(self.roi_priors).items()} or None
        params["priors"] = _priors_json(self._validate()[0]) if self.priors is not None else None
        params["experiments"] = [_experiment_json(e) for e in parse_experiments(self.experiments)] or None
        meta = {
            "model_name": self.model_name,
            "params": params,
            "design": self.design_.meta(),
            "diagnostics": dict(self.diagnostics_),
            "fit_seconds": self.fit_seconds_,
        }
        return meta, {k: np.asarray(v) for k, v in self.posterior_.items()}

    @classmethod
    def _from_state(cls, meta: Mapping[str, Any], arrays: Mapping[str, np.ndarray], dataset: Dataset) -> BayesianMMM:
        """Rebuild a fitted model from :meth:`_state` output and its dataset (no sampling)."""
        params = dict(meta.get("params") or {})
        if isinstance(params.get("priors"), Mapping):
            params["priors"] = Priors.from_dict(params["priors"])
        params = {k: v for k, v in params.items() if k in _INIT_KEYS}
        model = cls(**params)
        model._set_state(dataset, Design.from_meta(meta["design"]), {k: np.asarray(v) for k, v in arrays.items()})
        model.diagnostics_ = dict(meta.get("diagnostics") or {})
        model.fit_seconds_ = float(meta.get("fit_seconds", 0.0))
        return model


_INIT_KEYS = (*_MODEL_KEYS, "roi_priors", "experiments", "priors")


def _media_params(posterior: Mapping[str, np.ndarray], max_lag: int, kinds: tuple[str, ...]) -> MediaParams:
    """MediaParams (user units) from posterior draws (geometric decay; Weibull shape and scale where used)."""
    weibull = "weibull" in kinds
    return MediaParams(
        decay=np.clip(posterior["decay"], 0.0, 1.0 - 1e-9),
        half_saturation=posterior["half_saturation"],
        slope=posterior["slope"],
        coef=posterior["coef"],
        max_lag=max_lag,
        adstock=kinds,
        shape=posterior["shape"] if weibull else None,
        scale=np.maximum(posterior["scale"], 1e-9) if weibull else None,
    )


def _adstock_kinds(adstock: Any, dataset: Dataset | None) -> tuple[str, ...]:
    """One kernel per channel from ``"geometric"``, ``"weibull"`` or ``{"tv": "weibull"}`` (others geometric).

    Raises:
        ConfigError: an unknown kernel name, or a mapping naming a channel the data does not have.
    """
    hint = (
        f'Allowed: {", ".join(ADSTOCKS)}, or a table such as {{tv = "weibull"}} (other channels geometric). '
        "Use 'weibull' where the effect peaks a week or more after the spend (TV, video)."
    )
    if isinstance(adstock, str):
        kind = adstock.strip().lower()
        if kind not in ADSTOCKS:
            raise ConfigError(f"Unknown adstock {adstock!r}. {hint}")
        return (kind,) * (dataset.n_channels if dataset is not None else 1)
    if not isinstance(adstock, Mapping):
        raise ConfigError(f"adstock must be a kernel name or a channel -> kernel table; received {adstock!r}. {hint}")
    kinds = {str(k): str(v).strip().lower() for k, v in adstock.items()}
    bad = {k: v for k, v in kinds.items() if v not in ADSTOCKS}
    if bad:
        raise ConfigError(f"Unknown adstock kernel(s) {bad}. {hint}")
    if dataset is None:
        return tuple(kinds.values())
    out = ["geometric"] * dataset.n_channels
    for name, kind in kinds.items():
        out[dataset.channel_index(name)] = kind
    return tuple(out)


def _prior_json(prior: LogNormal) -> dict[str, float]:
    return {"median": prior.median, "sigma": prior.sigma}


def _experiment_json(e: Experiment) -> dict[str, Any]:
    return {"channel": e.channel, "start": e.start.isoformat(), "end": e.end.isoformat(), "lift": e.lift, "se": e.se}


def _priors_json(priors: Priors) -> dict[str, Any]:
    """A ``[priors]`` table that :meth:`Priors.from_dict` reads back."""
    return {
        "roi": _prior_json(priors.roi),
        "decay": {"a": priors.decay.a, "b": priors.decay.b},
        "half_saturation": _prior_json(priors.half_saturation),
        "slope": _prior_json(priors.slope),
        "baseline_sd": priors.baseline_sd,
        "effect_sd": priors.effect_sd,
        "noise_sd": priors.noise_sd,
        "weibull_shape": _prior_json(priors.weibull_shape),
        "weibull_mean": _prior_json(priors.weibull_mean),
    }
