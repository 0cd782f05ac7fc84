"""A test double that follows the MMMBase contract with known media parameters.

``TruthModel(truth).fit(dataset)`` sets ``media_params_`` from :func:`mixwise.data.synthetic.generate`
ground truth (draw 0 exact, the other draws perturbed by multiplicative noise) and fits the base
components (constant, linear trend, one yearly harmonic, controls) by least squares on
``kpi - true media``. No sampling, so optimiser and scenario tests run in milliseconds.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mixwise.data.dataset import Dataset
from mixwise.models.base import MMMBase
from mixwise.transforms.media import MediaParams, media_contribution

__all__ = ["TruthModel", "params_from_truth"]


def params_from_truth(
    truth: dict[str, Any], channels: tuple[str, ...], n_draws: int = 1, jitter: float = 0.0, seed: int = 0
) -> MediaParams:
    """MediaParams with draw 0 equal to the truth and ``n_draws - 1`` perturbed draws."""
    rng = np.random.default_rng(seed)
    base = {
        k: np.array([truth["channels"][ch][k] for ch in channels], dtype=float)
        for k in ("decay", "half_saturation", "slope", "coef")
    }
    out = {}
    for k, v in base.items():
        noise = np.exp(rng.normal(0.0, jitter, (n_draws, len(channels))))
        noise[0] = 1.0
        arr = v[None, :] * noise
        if k == "decay":
            arr = np.clip(arr, 0.0, 0.95)
        out[k] = arr
    return MediaParams(max_lag=int(truth.get("max_lag", 8)), **out)


class TruthModel(MMMBase):
    """MMM test double with known media parameters (see module docstring)."""

    model_name = "truth"

    def __init__(self, truth: dict[str, Any], draws: int = 20, jitter: float = 0.05, seed: int = 0):
        self.truth = truth
        self.draws = draws
        self.jitter = jitter
        self.seed = seed

    def _features(self, dates: pd.DatetimeIndex, controls: np.ndarray) -> dict[str, np.ndarray]:
        t = (dates - self.dataset_.dates[0]).days.to_numpy() / 7.0
        doy = dates.day_of_year.to_numpy() / 365.25
        return {
            "baseline": np.ones(len(dates)),
            "trend": t / max(self.dataset_.n_weeks - 1, 1),
            "sin": np.sin(2 * np.pi * doy),
            "cos": np.cos(2 * np.pi * doy),
            **{name: controls[:, i] for i, name in enumerate(self.dataset_.control_names)},
        }

    def fit(self, dataset: Dataset) -> TruthModel:
        self.dataset_ = dataset
        self.channels_ = dataset.channels
        self.media_params_ = params_from_truth(self.truth, dataset.channels, self.draws, self.jitter, self.seed)
        media = media_contribution(dataset.spend, self.media_params_.take(np.array([0])))[0].sum(axis=1)
        feats = self._features(dataset.dates, dataset.controls)
        x = np.column_stack(list(feats.values()))
        self.beta_ = dict(zip(feats, np.linalg.lstsq(x, dataset.kpi - media, rcond=None)[0], strict=True))
        self.fit_seconds_ = 0.0
        self.diagnostics_ = {}
        return self

    def base_components(self, dates: pd.DatetimeIndex, controls: np.ndarray) -> dict[str, np.ndarray]:
        self.check_fitted()
        f = self._features(pd.DatetimeIndex(dates), np.asarray(controls, dtype=float))
        d = self.media_params_.n_draws
        b = self.beta_
        out = {
            "baseline": b["baseline"] * f["baseline"],
            "trend": b["trend"] * f["trend"],
            "seasonality": b["sin"] * f["sin"] + b["cos"] * f["cos"],
        }
        for name in self.dataset_.control_names:
            out[name] = b[name] * f[name]
        return {k: np.tile(v, (d, 1)) for k, v in out.items()}
