"""Transparent OLS marketing-mix model with searched transforms and bootstrap uncertainty.

Model: ``kpi = intercept + trend + yearly Fourier seasonality + controls
+ sum_c beta_c * hill(adstock(spend_c; decay_c); K_c, slope_c) + noise`` with ``beta_c >= 0``.

* The adstock decay and Hill parameters of each channel are chosen by coordinate descent over a
  grid, minimising expanding-window time-series cross-validated error (see
  :mod:`mixwise.models.ols_search`). ``K_c`` is searched as a multiple of the channel's mean
  positive weekly spend and stored in currency units.
* With the transforms fixed, coefficients are fitted by least squares with non-negative media
  coefficients; standard errors, 95% intervals and p-values use the usual OLS formulas on the
  final design (the searched transform parameters are not counted as degrees of freedom).
* Uncertainty for analyses comes from a moving-block bootstrap of the residuals (transforms
  fixed, coefficients refitted), giving aligned draws of media parameters and base components.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from mixwise.data.dataset import Dataset
from mixwise.errors import ConfigError, DataValidationError
from mixwise.models.base import MMMBase
from mixwise.models.ols_search import (
    base_design,
    block_bootstrap_indices,
    bootstrap_fits,
    candidate_columns,
    fit_coefficients,
    grid_neighbours,
    make_folds,
    prepare_candidates,
    search_transforms,
)
from mixwise.transforms.media import MediaParams

__all__ = ["OLSMMM", "DEFAULT_DECAY_GRID", "DEFAULT_HALF_SATURATION_GRID", "DEFAULT_SLOPE_GRID"]

DEFAULT_DECAY_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
#: Half-saturation candidates as multiples of the channel's mean positive weekly spend.
DEFAULT_HALF_SATURATION_GRID = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
DEFAULT_SLOPE_GRID = (1.0, 1.5, 2.0, 2.5)


def _grid(name: str, values: Any, low: float, high: float, high_open: bool) -> np.ndarray:
    arr = np.atleast_1d(np.asarray(values, dtype=float))
    bad = arr[(arr < low) | (arr >= high if high_open else arr > high) | ~np.isfinite(arr)]
    if arr.size == 0 or bad.size:
        allowed = f"[{low}, {high})" if high_open else f"[{low}, {high}]"
        raise ConfigError(
            f"{name} must be a non-empty list of numbers in {allowed}; received {list(np.atleast_1d(values))}. "
            f"Pass e.g. {name}=(0.5, 1.0, 2.0)."
        )
    return np.unique(arr)


class OLSMMM(MMMBase):
    """Marketing-mix model fitted by constrained least squares (fast, transparent).

    Args:
        n_fourier: Yearly Fourier harmonics for seasonality (0 disables seasonality).
        decay_grid: Candidate adstock decays, each in [0, 1).
        half_saturation_grid: Candidate Hill half-saturation points as multiples of each channel's
            mean positive weekly spend (> 0).
        slope_grid: Candidate Hill slopes (> 0).
        max_lag: Adstock kernel length minus one (weeks).
        n_folds: Expanding-window CV folds used by the search.
        fold_weeks: Test weeks per fold (default: between 4 and 13, about n_weeks / 16).
        n_sweeps: Maximum coordinate-descent passes over the channels.
        bootstrap_draws: Number of moving-block bootstrap draws.
        search_draws: Bootstrap replicates on which the transform search is re-run, so the draws
            carry the uncertainty of the chosen adstock/saturation too (0 keeps the transforms
            fixed in every draw: faster, but intervals then ignore that uncertainty).
        search_radius: Grid steps (per decay/half-saturation/slope) around the chosen transform
            that a bootstrap re-search may move.
        block_weeks: Bootstrap block length in weeks (default: about n_weeks ** (1/3), at least 4).
        seed: Seed of the bootstrap.
        holdout_weeks: When > 0, fit on all but the last ``holdout_weeks`` weeks and store the
            forecast accuracy on them in ``holdout_metrics_``. As in the Bayesian model,
            ``dataset_`` is still the whole data, so analyses cover every week.

    Attributes (after ``fit``):
        dataset_, channels_, media_params_, fit_seconds_, diagnostics_: as in :class:`MMMBase`.
        coef_: Point estimates, a Series indexed by term (base terms then channels).
        fit_stats_: ``r2, adj_r2, durbin_watson, sigma, n_obs, n_params, cv_rmse``.
        transforms_: Per channel ``{decay, half_saturation, half_saturation_multiple, slope}``.
        holdout_metrics_: ``{holdout_weeks, holdout_mape}`` or empty.
    """

    model_name: ClassVar[str] = "ols"

    def __init__(
        self,
        n_fourier: int = 2,
        decay_grid: tuple[float, ...] = DEFAULT_DECAY_GRID,
        half_saturation_grid: tuple[float, ...] = DEFAULT_HALF_SATURATION_GRID,
        slope_grid: tuple[float, ...] = DEFAULT_SLOPE_GRID,
        max_lag: int = 8,
        n_folds: int = 4,
        fold_weeks: int | None = None,
        n_sweeps: int = 2,
        bootstrap_draws: int = 200,
        search_draws: int = 20,
        search_radius: int = 2,
        block_weeks: int | None = None,
        seed: int = 0,
        holdout_weeks: int = 0,
    ) -> None:
        self.n_fourier = n_fourier
        self.decay_grid = decay_grid
        self.half_saturation_grid = half_saturation_grid
        self.slope_grid = slope_grid
        self.max_lag = max_lag
        self.n_folds = n_folds
        self.fold_weeks = fold_weeks
        self.n_sweeps = n_sweeps
        self.bootstrap_draws = bootstrap_draws
        self.search_draws = search_draws
        self.search_radius = search_radius
        self.block_weeks = block_weeks
        self.seed = seed
        self.holdout_weeks = holdout_weeks

    # ---- validation ------------------------------------------------------------------------------
    def _check_int(self, name: str, minimum: int) -> int:
        value = getattr(self, name)
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
            raise ConfigError(f"{name} must be an integer >= {minimum}; received {value!r}.")
        return int(value)

    def _validate(self, dataset: Dataset) -> Dataset:
        if not isinstance(dataset, Dataset):
            raise DataValidationError(
                f"OLSMMM.fit expects a mixwise Dataset; received {type(dataset).__name__}. "
                "Load data with mixwise.data.load(...) first."
            )
        for name, minimum in (("n_fourier", 0), ("max_lag", 0), ("n_folds", 1), ("n_sweeps", 1)):
            self._check_int(name, minimum)
        self._check_int("bootstrap_draws", 1)
        self._check_int("search_draws", 0)
        self._check_int("search_radius", 1)
        self._check_int("seed", 0)
        holdout = self._check_int("holdout_weeks", 0)
        for name in ("fold_weeks", "block_weeks"):
            if getattr(self, name) is not None:
                self._check_int(name, 1)
        n_params = 2 + 2 * self.n_fourier + len(dataset.control_names) + dataset.n_channels
        min_weeks = n_params + 8
        if dataset.n_weeks - holdout < min_weeks:
            raise DataValidationError(
                f"The OLS model needs at least {min_weeks} training weeks for {n_params} coefficients; "
                f"the data has {dataset.n_weeks} weeks and holdout_weeks={holdout}. Use a longer history, "
                "fewer controls/harmonics or a shorter holdout."
            )
        return dataset.subset(0, dataset.n_weeks - holdout) if holdout else dataset

    # ---- fitting ---------------------------------------------------------------------------------
    def fit(self, dataset: Dataset) -> OLSMMM:
        """Search the transforms, fit the coefficients, bootstrap the draws; returns ``self``."""
        t0 = time.perf_counter()
        full = dataset
        train = self._validate(dataset)
        decays = _grid("decay_grid", self.decay_grid, 0.0, 1.0, True)
        ks = _grid("half_saturation_grid", self.half_saturation_grid, 1e-9, np.inf, True)
        slopes = _grid("slope_grid", self.slope_grid, 1e-9, np.inf, True)
        n, y = train.n_weeks, train.kpi
        self._origin = pd.Timestamp(train.dates[0])
        self._trend_scale = float(max(n - 1, 1))
        base, names, kinds = self._design(train.dates, train.controls, train.control_names)

        # Candidate transforms per channel; K in currency units = multiple x mean positive spend.
        grid = np.array(np.meshgrid(decays, ks, slopes, indexing="ij")).reshape(3, -1)
        grid_index = (
            np.array(np.meshgrid(*(np.arange(len(v)) for v in (decays, ks, slopes)), indexing="ij")).reshape(3, -1).T
        )
        scale = np.array([col[col > 0].mean() if np.any(col > 0) else 1.0 for col in train.spend.T])
        candidates = [
            candidate_columns(train.spend[:, c], grid[0], grid[1] * scale[c], grid[2], self.max_lag)
            for c in range(train.n_channels)
        ]
        start = int(np.argmin(np.abs(grid[0] - 0.3) + np.abs(grid[1] - 1.0) + np.abs(grid[2] - 1.0)))
        horizon = self.fold_weeks or int(min(13, max(4, n // 16)))
        n_folds = int(self.n_folds)
        while n_folds > 1 and n - n_folds * horizon < base.shape[1] + train.n_channels + 4:
            n_folds -= 1
        if n - n_folds * horizon < base.shape[1] + train.n_channels + 4:
            raise DataValidationError(
                f"Too few weeks ({n}) for cross-validated transform search with {horizon}-week folds; "
                "set fold_weeks smaller or provide more data."
            )
        folds = make_folds(base, n_folds, horizon)
        prepared = prepare_candidates(candidates, folds)
        chosen, cv_rmse = search_transforms(
            y, candidates, folds, [start] * train.n_channels, self.n_sweeps, prepared=prepared
        )
        media = np.column_stack([candidates[c][j] for c, j in enumerate(chosen)])
        decay, kmult, slope = grid[0][chosen], grid[1][chosen], grid[2][chosen]

        proj = np.linalg.pinv(base)
        b_base, b_media = fit_coefficients(y, base, media, proj)
        design = np.column_stack([base, media])
        fitted = design @ np.concatenate([b_base, b_media])
        resid = y - fitted
        self._summary = self._ols_stats(design, y, resid, np.concatenate([b_base, b_media]))
        self._names = names + list(train.channels)
        self._kinds = kinds + ["media"] * train.n_channels

        # Moving-block residual bootstrap. Draws are split into ``search_draws`` groups; each group
        # re-runs the transform search on one bootstrap replicate (selection uncertainty), then
        # every draw refits the coefficients on its own replicate with its group's transforms.
        rng = np.random.default_rng(self.seed)
        d = int(self.bootstrap_draws)
        block = self.block_weeks or max(4, round(n ** (1 / 3)))
        idx = block_bootstrap_indices(n, block, d, rng)
        y_star = fitted[None, :] + (resid - resid.mean())[idx]
        near = [grid_neighbours(grid_index, j, self.search_radius) for j in chosen]
        choice, draws_base, draws_media = bootstrap_fits(
            y_star, base, proj, candidates, folds, prepared, chosen, near, min(int(self.search_draws), d)
        )

        self.media_params_ = MediaParams(
            grid[0][choice], grid[1][choice] * scale[None, :], grid[2][choice], draws_media, int(self.max_lag)
        )
        self.base_coef_draws_ = draws_base
        # Reference level of each control: 0 when it ever is 0 (promo flags), else its mean (price).
        mins = train.controls.min(axis=0)
        self._control_ref = np.where(mins == 0, 0.0, train.controls.mean(axis=0))
        self.dataset_ = full
        self.channels_ = train.channels
        self.coef_ = pd.Series(np.concatenate([b_base, b_media]), index=self._names, name="estimate")
        self.transforms_ = {
            ch: {
                "decay": float(decay[i]),
                "half_saturation": float(kmult[i] * scale[i]),
                "half_saturation_multiple": float(kmult[i]),
                "slope": float(slope[i]),
            }
            for i, ch in enumerate(train.channels)
        }
        self.fit_stats_ = {**self._summary["stats"], "cv_rmse": cv_rmse, "cv_folds": n_folds, "fold_weeks": horizon}
        self.diagnostics_ = {"max_rhat": None, "min_ess": None, "divergences": None, "bootstrap_draws": d}
        self.holdout_metrics_ = self._holdout(full) if train is not full else {}
        self.fit_seconds_ = time.perf_counter() - t0
        return self

    def _design(self, dates: pd.DatetimeIndex, controls: np.ndarray, control_names: tuple[str, ...]):
        return base_design(dates, controls, control_names, int(self.n_fourier), self._origin, self._trend_scale)

    @staticmethod
    def _ols_stats(design: np.ndarray, y: np.ndarray, resid: np.ndarray, coef: np.ndarray) -> dict[str, Any]:
        n, p = design.shape
        dof = max(n - p, 1)
        rss = float(resid @ resid)
        tss = float(((y - y.mean()) ** 2).sum())
        sigma2 = rss / dof
        cov = sigma2 * np.linalg.pinv(design.T @ design)
        se = np.sqrt(np.clip(np.diag(cov), 0, None))
        with np.errstate(divide="ignore", invalid="ignore"):
            tval = np.where(se > 0, coef / se, np.nan)
        from scipy import stats  # imported here: loading a cached model should not pay for scipy.stats

        pval = 2 * stats.t.sf(np.abs(tval), dof)
        q = stats.t.ppf(0.975, dof)
        r2 = 1 - rss / tss if tss > 0 else float("nan")
        return {
            "se": se,
            "t": tval,
            "p": pval,
            "lower": coef - q * se,
            "upper": coef + q * se,
            "stats": {
                "r2": r2,
                "adj_r2": 1 - (1 - r2) * (n - 1) / dof,
                "durbin_watson": float(np.sum(np.diff(resid) ** 2) / rss) if rss > 0 else float("nan"),
                "sigma": float(np.sqrt(sigma2)),
                "n_obs": n,
                "n_params": p,
            },
        }

    def _holdout(self, full: Dataset) -> dict[str, Any]:
        pred = self.predict().mean(axis=0)  # dataset_ is the full data
        n = int(self.holdout_weeks)
        actual, fc = full.kpi[-n:], pred[-n:]
        nz = actual != 0
        mape = float(np.mean(np.abs((actual[nz] - fc[nz]) / actual[nz]))) if np.any(nz) else float("nan")
        return {"holdout_weeks": n, "holdout_mape": mape}

    # ---- contract --------------------------------------------------------------------------------
    def base_components(self, dates: pd.DatetimeIndex, controls: np.ndarray) -> dict[str, np.ndarray]:
        """Baseline, trend, seasonality and one entry per control, each (n_draws, n_weeks).

        A control's contribution is measured from a reference level ``r_k`` (the same rule as the
        Bayesian model): ``r_k = 0`` when the control is 0 in some training week (a 0/1 promo gives
        its lift in promo weeks), else its training mean (a price gives the sales won or lost
        against its average). ``beta_k * (x_k - r_k)`` is the control's component and
        ``beta_k * r_k`` is part of the baseline, so the components still sum to the prediction.
        """
        self.check_fitted()
        ds = self.dataset_
        x, _, kinds = self._design(pd.DatetimeIndex(dates), np.asarray(controls, dtype=float), ds.control_names)
        kinds_arr = np.array(kinds)
        b = self.base_coef_draws_
        out: dict[str, np.ndarray] = {}
        for comp in ("baseline", "trend", "seasonality"):
            cols = np.flatnonzero(kinds_arr == comp)
            out[comp] = b[:, cols] @ x[:, cols].T if cols.size else np.zeros((b.shape[0], x.shape[0]))
        n_fixed = x.shape[1] - len(ds.control_names)
        for i, name in enumerate(ds.control_names):
            beta = b[:, [n_fixed + i]]
            out[name] = beta * (x[None, :, n_fixed + i] - self._control_ref[i])
            out["baseline"] = out["baseline"] + beta * self._control_ref[i]
        return out

    # ---- reporting -------------------------------------------------------------------------------
    def summary_table(self) -> pd.DataFrame:
        """Coefficient table on the final design (OLS formulas).

        Returns:
            Columns ``term, kind, estimate, std_error, t_value, p_value, lower, upper`` (95%
            interval); kind is baseline/trend/seasonality/control/media. Media estimates are the
            maximum weekly kpi effect of the channel (the Hill ceiling).
        """
        self.check_fitted()
        s = self._summary
        frame = pd.DataFrame(
            {
                "term": self._names,
                "kind": self._kinds,
                "estimate": self.coef_.to_numpy(),
                "std_error": s["se"],
                "t_value": s["t"],
                "p_value": s["p"],
                "lower": s["lower"],
                "upper": s["upper"],
            }
        )
        media = frame[frame["kind"] == "media"]
        sig = int((media["p_value"] < 0.05).sum())
        frame.attrs["headline"] = (
            f"OLS fit explains {self.fit_stats_['r2']:.0%} of kpi variation (adjusted R2 "
            f"{self.fit_stats_['adj_r2']:.2f}); {sig} of {len(media)} channels have p < 0.05."
        )
        return frame

    # ---- persistence protocol (see mixwise.models.persistence) -------------------------------------
    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """Model-specific state: JSON-able metadata and named arrays."""
        self.check_fitted()
        meta = {
            "origin": self._origin.isoformat(),
            "trend_scale": self._trend_scale,
            "names": self._names,
            "kinds": self._kinds,
            "fit_stats": self.fit_stats_,
            "transforms": self.transforms_,
            "holdout_metrics": self.holdout_metrics_,
            "control_ref": [float(v) for v in self._control_ref],
        }
        arrays = {
            "base_coef_draws": self.base_coef_draws_,
            "coef": self.coef_.to_numpy(),
            **{f"summary_{k}": np.asarray(self._summary[k]) for k in ("se", "t", "p", "lower", "upper")},
        }
        return meta, arrays

    @classmethod
    def _from_state(cls, meta: dict[str, Any], arrays: dict[str, np.ndarray], dataset: Dataset) -> OLSMMM:
        """Rebuild a fitted model from :meth:`_state` output (common attributes set by the loader)."""
        model = cls(**meta["params"])
        state = meta
        model._origin = pd.Timestamp(state["origin"])
        model._trend_scale = float(state["trend_scale"])
        model._names = list(state["names"])
        model._kinds = list(state["kinds"])
        model.fit_stats_ = dict(state["fit_stats"])
        model.transforms_ = dict(state["transforms"])
        model.holdout_metrics_ = dict(state["holdout_metrics"])
        model._control_ref = np.asarray(state["control_ref"], dtype=float)
        model.base_coef_draws_ = arrays["base_coef_draws"]
        model.coef_ = pd.Series(arrays["coef"], index=model._names, name="estimate")
        model._summary = {k: arrays[f"summary_{k}"] for k in ("se", "t", "p", "lower", "upper")}
        model._summary["stats"] = {k: model.fit_stats_[k] for k in ("r2", "adj_r2", "durbin_watson", "sigma")}
        return model
