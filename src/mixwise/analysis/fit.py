"""Goodness of fit: in-sample accuracy and out-of-time (holdout) accuracy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mixwise.analysis._common import fitted
from mixwise.data.dataset import Dataset
from mixwise.errors import ConfigError

__all__ = ["fit_metrics", "holdout_metrics", "accuracy"]


def accuracy(actual: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """R2, MAPE (weeks with a non-zero actual) and NRMSE (RMSE / range of actual).

    Args:
        actual, predicted: Arrays of shape (n_weeks,).
    """
    actual = np.asarray(actual, dtype=float)
    predicted = np.asarray(predicted, dtype=float)
    resid = actual - predicted
    tss = float(((actual - actual.mean()) ** 2).sum())
    nz = actual != 0
    span = float(actual.max() - actual.min())
    return {
        "r2": 1.0 - float(resid @ resid) / tss if tss > 0 else float("nan"),
        "mape": float(np.mean(np.abs(resid[nz] / actual[nz]))) if nz.any() else float("nan"),
        "nrmse": float(np.sqrt(np.mean(resid**2)) / span) if span > 0 else float("nan"),
    }


def fit_metrics(model: Any) -> dict[str, float | None]:
    """In-sample accuracy of the mean prediction, plus the holdout MAPE when there is a holdout.

    Models fitted with a ``holdout_weeks`` hyper-parameter > 0 keep the whole data in ``dataset_``
    and leave its last ``holdout_weeks`` weeks out of the fit (OLS and Bayesian alike): in-sample
    metrics then use the fitted weeks only, and ``holdout_mape`` is the model's
    ``holdout_metrics_["holdout_mape"]`` or, failing that, the MAPE of the mean prediction on the
    held-out weeks.

    Returns:
        ``{"r2", "mape", "nrmse", "holdout_mape"}`` (``holdout_mape`` None without a holdout).
    """
    model = fitted(model)
    ds = model.dataset_
    pred = model.predict().mean(axis=0)
    n_hold = _holdout_weeks(model)
    n_fit = ds.n_weeks - n_hold
    out: dict[str, float | None] = dict(accuracy(ds.kpi[:n_fit], pred[:n_fit]))
    holdout = getattr(model, "holdout_metrics_", None) or {}
    if holdout.get("holdout_mape") is not None:
        out["holdout_mape"] = holdout["holdout_mape"]
    elif n_hold:
        out["holdout_mape"] = accuracy(ds.kpi[n_fit:], pred[n_fit:])["mape"]
    else:
        out["holdout_mape"] = None
    return out


def _holdout_weeks(model: Any) -> int:
    """Final weeks of ``dataset_`` left out of the fit (``holdout_weeks`` hyper-parameter), else 0."""
    try:
        n = int(getattr(model, "holdout_weeks", 0) or 0)
    except (TypeError, ValueError):
        return 0
    return n if 0 < n < model.dataset_.n_weeks else 0


def holdout_metrics(model_factory: Callable[[], Any], dataset: Dataset, holdout_weeks: int) -> dict[str, float | int]:
    """Refit on all but the last ``holdout_weeks`` weeks and score the forecast of those weeks.

    The forecast uses the real spend and controls of the holdout weeks and the spend history
    before them, so carry-over into the holdout is counted.

    Args:
        model_factory: A model class or a zero-argument callable returning an unfitted model.
        dataset: The full data.
        holdout_weeks: Number of final weeks held out (>= 1, leaving enough to fit).

    Returns:
        ``{"holdout_weeks", "holdout_mape", "holdout_r2", "holdout_nrmse"}``.
    """
    n = dataset.n_weeks
    if isinstance(holdout_weeks, bool) or not isinstance(holdout_weeks, int) or not 1 <= holdout_weeks < n // 2:
        raise ConfigError(
            f"holdout_weeks must be an integer from 1 to {n // 2 - 1} for {n} weeks of data; "
            f"received {holdout_weeks!r}. A holdout of 8-13 weeks is typical."
        )
    model = model_factory().fit(dataset.subset(0, n - holdout_weeks))
    pred = model.predict(spend=dataset.spend, dates=dataset.dates, controls=dataset.controls).mean(axis=0)
    acc = accuracy(dataset.kpi[-holdout_weeks:], pred[-holdout_weeks:])
    return {
        "holdout_weeks": holdout_weeks,
        "holdout_mape": acc["mape"],
        "holdout_r2": acc["r2"],
        "holdout_nrmse": acc["nrmse"],
    }
