"""The Bayesian model's design: scaling and feature arrays, in NumPy (no JAX here).

The model works in scaled units: kpi divided by its mean, each channel's spend divided by its mean
on-air (positive) weekly spend, time in [0, 1] over the training weeks, standardised controls.
:class:`Design` holds those scales so that posterior draws convert back to the user's units and
``base_components`` can evaluate any dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mixwise.data.dataset import Dataset
from mixwise.errors import ConfigError, DataValidationError
from mixwise.models.priors import Experiment, LogNormal, Priors
from mixwise.transforms.adstock import lag_matrix

__all__ = ["Design", "linear_design", "fourier_features", "time_index", "build_design"]


def fourier_features(dates: pd.DatetimeIndex, n_fourier: int) -> np.ndarray:
    """Yearly Fourier terms sin(2 pi k doy / 365.25), cos(...) for k = 1..n_fourier.

    Returns:
        Array (n_weeks, 2 * n_fourier): columns sin_1, cos_1, sin_2, cos_2, ...
    """
    doy = np.asarray(pd.DatetimeIndex(dates).day_of_year, dtype=float) / 365.25
    cols = []
    for k in range(1, n_fourier + 1):
        cols += [np.sin(2 * np.pi * k * doy), np.cos(2 * np.pi * k * doy)]
    return np.column_stack(cols) if cols else np.zeros((len(doy), 0))


def time_index(dates: pd.DatetimeIndex, origin: pd.Timestamp, span_days: float) -> np.ndarray:
    """Time in units of the training span: 0 on the first training week, 1 on the last."""
    return np.asarray((pd.DatetimeIndex(dates) - origin).days, dtype=float) / span_days


@dataclass(frozen=True)
class Design:
    """Scales and model inputs for one dataset.

    Attributes:
        kpi_scale: Mean kpi (kpi units per model unit).
        spend_scale: Mean on-air weekly spend per channel, shape (C,).
        origin: First training date; ``span_days``: days from first to last training week.
        control_center, control_scale: Standardisation of each control, shape (K,).
        n_fourier: Number of yearly harmonics.
        n_obs: Weeks in the likelihood (the rest is the holdout).
        arrays: Model inputs (float32-ready): ``lags (L+1, T, C)``, linear design ``X (T, P)``
            (intercept, trend, Fourier, controls) with ``XtX`` over the fitted weeks, its Normal
            prior ``lin_mean``/``lin_sd (P,)``, ``lin_offset = X lin_mean`` and the SVD of the
            prior-scaled design ``Q (n_obs, P)``, ``lam (P,)`` (squared singular values), ``y (T,)``, ``roi_factor (C,)``, prior parameters per channel and
            experiment arrays ``exp_mask (E, T)``, ``exp_channel (E,)``, ``exp_lift (E,)``, ``exp_se (E,)``.
    """

    kpi_scale: float
    spend_scale: np.ndarray
    origin: pd.Timestamp
    span_days: float
    control_center: np.ndarray
    control_scale: np.ndarray
    n_fourier: int
    n_obs: int
    arrays: dict[str, np.ndarray]

    def base_features(self, dates: pd.DatetimeIndex, controls: np.ndarray) -> dict[str, np.ndarray]:
        """Scaled features for any dates: ``t (T,)``, ``fourier (T, 2F)``, ``controls (T, K)``."""
        controls = np.asarray(controls, dtype=float).reshape(len(dates), -1)
        if controls.shape[1] != len(self.control_center):
            raise DataValidationError(
                f"controls must have {len(self.control_center)} columns (one per control); "
                f"received {controls.shape[1]}."
            )
        return {
            "t": time_index(dates, self.origin, self.span_days),
            "fourier": fourier_features(dates, self.n_fourier),
            "controls": (controls - self.control_center) / self.control_scale,
        }

    def meta(self) -> dict[str, Any]:
        """JSON-able scales (for persistence)."""
        return {
            "kpi_scale": self.kpi_scale,
            "spend_scale": self.spend_scale.tolist(),
            "origin": self.origin.isoformat(),
            "span_days": self.span_days,
            "control_center": self.control_center.tolist(),
            "control_scale": self.control_scale.tolist(),
            "n_fourier": self.n_fourier,
            "n_obs": self.n_obs,
        }

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> Design:
        """Inverse of :meth:`meta` (without the model input arrays)."""
        return cls(
            kpi_scale=float(meta["kpi_scale"]),
            spend_scale=np.asarray(meta["spend_scale"], dtype=float),
            origin=pd.Timestamp(meta["origin"]),
            span_days=float(meta["span_days"]),
            control_center=np.asarray(meta["control_center"], dtype=float),
            control_scale=np.asarray(meta["control_scale"], dtype=float),
            n_fourier=int(meta["n_fourier"]),
            n_obs=int(meta["n_obs"]),
            arrays={},
        )


def linear_design(feats: dict[str, np.ndarray]) -> np.ndarray:
    """Columns of the linear (non-media) part: intercept, trend, Fourier terms, controls, shape (T, P)."""
    t = feats["t"]
    return np.column_stack([np.ones_like(t), t, feats["fourier"], feats["controls"]])


def _control_scaling(controls: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centre on the mean (or on 0 for columns whose minimum is 0: promotions, events), scale by sd."""
    if controls.shape[1] == 0:
        return np.zeros(0), np.ones(0)
    mins = controls.min(axis=0)
    center = np.where(mins == 0, 0.0, controls.mean(axis=0))
    scale = controls.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    return center, scale


def _experiment_arrays(dataset: Dataset, experiments: Sequence[Experiment], kpi_scale: float) -> dict[str, np.ndarray]:
    n = len(experiments)
    mask = np.zeros((n, dataset.n_weeks))
    channel = np.zeros(n, dtype=np.int32)
    lift = np.zeros(n)
    se = np.ones(n)
    for i, exp in enumerate(experiments):
        channel[i] = dataset.channel_index(exp.channel)
        weeks = (dataset.dates >= exp.start) & (dataset.dates <= exp.end)
        if not weeks.any():
            raise ConfigError(
                f"Experiment on '{exp.channel}' ({exp.start.date()} to {exp.end.date()}) covers no week of the data "
                f"({dataset.dates[0].date()} to {dataset.dates[-1].date()}). Fix its dates or drop it."
            )
        mask[i] = weeks
        lift[i] = exp.lift / kpi_scale
        se[i] = exp.se / kpi_scale
    return {"exp_mask": mask, "exp_channel": channel, "exp_lift": lift, "exp_se": se}


def build_design(
    dataset: Dataset,
    *,
    max_lag: int,
    n_fourier: int,
    holdout_weeks: int,
    priors: Priors,
    roi_priors: dict[str, LogNormal],
    experiments: Sequence[Experiment],
) -> Design:
    """Scale ``dataset`` and build every model input.

    Raises:
        DataValidationError: the kpi mean is not positive or the holdout leaves too few weeks.
        UnknownChannelError: a ROI prior or experiment names a channel the data lacks.
    """
    kpi = dataset.kpi
    kpi_scale = float(np.mean(kpi))
    if not kpi_scale > 0:
        raise DataValidationError(
            f"The Bayesian model needs a positive average kpi; the mean of {dataset.kpi_name} is {kpi_scale:.4g}."
        )
    n_obs = dataset.n_weeks - int(holdout_weeks)
    if n_obs < 26:
        raise DataValidationError(
            f"holdout_weeks={holdout_weeks} leaves {n_obs} weeks to fit; at least 26 are needed. Use a shorter holdout."
        )
    spend = dataset.spend
    pos = spend > 0
    spend_scale = np.where(pos.any(axis=0), np.where(pos, spend, 0).sum(axis=0) / np.maximum(pos.sum(axis=0), 1), 1.0)
    x = spend / spend_scale
    # ROI is measured on the fitted weeks: sum(contribution) / sum(spend) there.
    roi_factor = spend[:n_obs].sum(axis=0) / kpi_scale

    roi_mu = np.full(dataset.n_channels, priors.roi.mu)
    roi_sigma = np.full(dataset.n_channels, priors.roi.sigma)
    for name, prior in roi_priors.items():
        i = dataset.channel_index(name)
        roi_mu[i], roi_sigma[i] = prior.mu, prior.sigma

    origin = dataset.dates[0]
    span = float(max((dataset.dates[n_obs - 1] - origin).days, 1))
    center, scale = _control_scaling(dataset.controls[:n_obs])
    design = Design(
        kpi_scale=kpi_scale,
        spend_scale=spend_scale,
        origin=origin,
        span_days=span,
        control_center=center,
        control_scale=scale,
        n_fourier=n_fourier,
        n_obs=n_obs,
        arrays={},
    )
    feats = design.base_features(dataset.dates, dataset.controls)
    x_base = linear_design(feats)
    n_lin = x_base.shape[1]
    lin_mean = np.r_[1.0, np.zeros(n_lin - 1)]
    lin_sd = np.r_[priors.baseline_sd, np.full(n_lin - 1, priors.effect_sd)]
    q, sv, _ = np.linalg.svd(x_base[:n_obs] * lin_sd, full_matrices=False)
    arrays = {
        "lags": lag_matrix(x, max_lag),
        "X": x_base,
        "XtX": x_base[:n_obs].T @ x_base[:n_obs],
        "lin_mean": lin_mean,
        "lin_sd": lin_sd,
        "lin_offset": x_base[:n_obs] @ lin_mean,
        "Q": q,
        "lam": sv**2,
        "y": kpi / kpi_scale,
        "roi_factor": roi_factor,
        "roi_mu": roi_mu,
        "roi_sigma": roi_sigma,
        **_experiment_arrays(dataset, experiments, kpi_scale),
    }
    design.arrays.update(arrays)
    return design
