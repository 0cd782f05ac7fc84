"""Pure helpers of the OLS model: design matrices, time-series CV search, block bootstrap.

The OLS model is ``kpi = X_base @ b + M @ beta`` with ``beta >= 0``, where ``X_base`` holds the
intercept, a linear trend, yearly Fourier terms and the controls, and each column of ``M`` is
``hill(adstock(spend_c; decay_c); K_c, slope_c)``. The media coefficients are found by
non-negative least squares after projecting the base columns out (Frisch-Waugh-Lovell), which
is exact and makes one fit cost a few microseconds, so the transform parameters can be chosen
by expanding-window cross-validation over a grid.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mixwise.transforms.adstock import geometric_adstock
from mixwise.transforms.saturation import hill

__all__ = [
    "base_design",
    "candidate_columns",
    "Fold",
    "make_folds",
    "prepare_candidates",
    "grid_neighbours",
    "search_transforms",
    "fit_coefficients",
    "block_bootstrap_indices",
    "bootstrap_fits",
]

_DAYS_PER_WEEK = 7.0


def base_design(
    dates: pd.DatetimeIndex,
    controls: np.ndarray,
    control_names: tuple[str, ...],
    n_fourier: int,
    origin: pd.Timestamp,
    trend_scale: float,
) -> tuple[np.ndarray, list[str], list[str]]:
    """Non-media design columns for ``dates``.

    Args:
        dates: Weeks, shape (n_weeks,).
        controls: Control values, shape (n_weeks, n_controls).
        control_names: Names of the controls.
        n_fourier: Number of yearly Fourier harmonics (each gives a sin and a cos column).
        origin: Date where the trend is 0 (first training week).
        trend_scale: Weeks over which the trend rises by 1 (training length minus one).

    Returns:
        ``(X, names, kinds)``: X of shape (n_weeks, 2 + 2 * n_fourier + n_controls); names such as
        ``intercept``, ``trend``, ``sin1``, ``cos1``, then the control names; kinds ``baseline``,
        ``trend``, ``seasonality`` or ``control`` per column.
    """
    dates = pd.DatetimeIndex(dates)
    weeks = (dates - origin).days.to_numpy().astype(float) / _DAYS_PER_WEEK
    cols = [np.ones(len(dates)), weeks / max(trend_scale, 1.0)]
    names = ["intercept", "trend"]
    kinds = ["baseline", "trend"]
    doy = dates.day_of_year.to_numpy().astype(float) / 365.25
    for k in range(1, n_fourier + 1):
        cols += [np.sin(2 * np.pi * k * doy), np.cos(2 * np.pi * k * doy)]
        names += [f"sin{k}", f"cos{k}"]
        kinds += ["seasonality", "seasonality"]
    controls = np.asarray(controls, dtype=float).reshape(len(dates), -1)
    for i, name in enumerate(control_names):
        cols.append(controls[:, i])
        names.append(name)
        kinds.append("control")
    return np.column_stack(cols), names, kinds


def candidate_columns(
    x: np.ndarray,
    decays: np.ndarray,
    half_saturations: np.ndarray,
    slopes: np.ndarray,
    max_lag: int,
) -> np.ndarray:
    """Transformed media columns for every (decay, half_saturation, slope) candidate of one channel.

    Args:
        x: One channel's spend, shape (n_weeks,).
        decays, half_saturations, slopes: Candidate parameters, each shape (n_candidates,);
            half_saturations in currency units.
        max_lag: Adstock kernel length minus one.

    Returns:
        Array (n_candidates, n_weeks) of ``hill(adstock(x))`` values in [0, 1).
    """
    unique_decays, inverse = np.unique(decays, return_inverse=True)
    ad = geometric_adstock(x[:, None], unique_decays[:, None], max_lag)  # (n_decays, T, 1)
    out = hill(ad[inverse], half_saturations[:, None], slopes[:, None])  # (N, T, 1)
    return out[..., 0]


@dataclass(frozen=True)
class Fold:
    """One expanding-window fold: train on weeks ``[0, stop)``, test on ``[stop, stop + horizon)``.

    ``proj`` is the pseudo-inverse of the base design on the training weeks, shape (P, stop).
    """

    stop: int
    horizon: int
    base_train: np.ndarray
    base_test: np.ndarray
    proj: np.ndarray

    def residualize(self, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Project the base columns out of ``v`` (..., n_weeks): train part and test part.

        The test part is ``v_test - X_test @ pinv(X_train) @ v_train``, so the test error of the
        full regression equals ``res_test(y) - res_test(M) @ beta`` for media coefficients beta.
        """
        train = v[..., : self.stop]
        fitted = train @ self.proj.T  # (..., P)
        res_train = train - fitted @ self.base_train.T
        res_test = v[..., self.stop : self.stop + self.horizon] - fitted @ self.base_test.T
        return res_train, res_test


def make_folds(base: np.ndarray, n_folds: int, horizon: int) -> list[Fold]:
    """Expanding-window folds whose test blocks tile the last ``n_folds * horizon`` weeks."""
    n = base.shape[0]
    folds = []
    for k in range(n_folds, 0, -1):
        stop = n - k * horizon
        xb = base[:stop]
        folds.append(Fold(stop, horizon, xb, base[stop : stop + horizon], np.linalg.pinv(xb)))
    return folds


@functools.cache
def _solvers() -> tuple:
    """scipy's NNLS and, when available, the solver behind it without per-call input checks (3x faster here).

    Imported on first use so loading a cached model does not pay for scipy.optimize.
    """
    from scipy.optimize import nnls

    try:
        from scipy.optimize._slsqplib import nnls as raw
    except ImportError:  # pragma: no cover - other SciPy versions
        raw = None
    return nnls, raw


def _nnls(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Non-negative least squares solution of ``a @ x ~ b`` (inputs finite float64)."""
    nnls, raw = _solvers()
    if raw is not None and a.flags.c_contiguous:
        x, _, info = raw(a, b, 3 * a.shape[1])
        if info != 3:
            return x
    return nnls(a, b)[0]


def _cv_error(train_cols: list[np.ndarray], test_cols: list[np.ndarray], y_train, y_test) -> float:
    total = 0.0
    for a_tr, a_te, b_tr, b_te in zip(train_cols, test_cols, y_train, y_test, strict=True):
        beta = _nnls(a_tr, b_tr)
        r = b_te - a_te @ beta
        total += float(r @ r)
    return total


def prepare_candidates(candidates: list[np.ndarray], folds: list[Fold]) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """Candidate columns with the base design projected out, per channel and fold (reusable for any y)."""
    return [[f.residualize(c) for f in folds] for c in candidates]


def search_transforms(
    y: np.ndarray,
    candidates: list[np.ndarray],
    folds: list[Fold],
    start: list[int],
    n_sweeps: int,
    prepared: list[list[tuple[np.ndarray, np.ndarray]]] | None = None,
    allowed: list[np.ndarray] | None = None,
) -> tuple[list[int], float]:
    """Coordinate descent over channels: each channel's candidate minimising the CV squared error.

    Args:
        y: kpi, shape (n_weeks,).
        candidates: Per channel, the candidate columns (n_candidates, n_weeks).
        folds: Expanding-window folds.
        start: Index of each channel's starting candidate.
        n_sweeps: Maximum passes over the channels (stops early when nothing changes).
        prepared: Output of :func:`prepare_candidates` for these candidates and folds, to reuse
            across searches on different targets (bootstrap replicates).
        allowed: Per channel, the candidate indices to try (default: all).

    Returns:
        ``(chosen candidate index per channel, CV root-mean-square error)``.
    """
    res = prepared if prepared is not None else prepare_candidates(candidates, folds)  # [channel][fold]
    y_res = [f.residualize(y) for f in folds]
    y_tr = [r[0] for r in y_res]
    y_te = [r[1] for r in y_res]
    chosen = list(start)
    n_test = sum(f.horizon for f in folds)

    def columns(choice: list[int]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        tr = [np.column_stack([res[c][k][0][choice[c]] for c in range(len(choice))]) for k in range(len(folds))]
        te = [np.column_stack([res[c][k][1][choice[c]] for c in range(len(choice))]) for k in range(len(folds))]
        return tr, te

    best = _cv_error(*columns(chosen), y_tr, y_te)
    for _ in range(max(n_sweeps, 1)):
        changed = False
        for c in range(len(candidates)):
            tr, te = columns(chosen)
            for j in allowed[c] if allowed is not None else range(candidates[c].shape[0]):
                if j == chosen[c]:
                    continue
                for k in range(len(folds)):
                    tr[k][:, c] = res[c][k][0][j]
                    te[k][:, c] = res[c][k][1][j]
                err = _cv_error(tr, te, y_tr, y_te)
                if err < best * (1 - 1e-9):
                    best, chosen[c], changed = err, j, True
        if not changed:
            break
    return chosen, float(np.sqrt(best / max(n_test, 1)))


def grid_neighbours(grid_index: np.ndarray, center: int, radius: int = 1) -> np.ndarray:
    """Candidates within ``radius`` grid steps of candidate ``center`` in every dimension.

    Args:
        grid_index: Integer grid coordinates of each candidate, shape (n_candidates, n_dims).
        center: Index of the candidate at the centre.
        radius: Largest step per dimension.

    Returns:
        Candidate indices (including ``center``).
    """
    return np.flatnonzero(np.all(np.abs(grid_index - grid_index[center]) <= radius, axis=1))


def fit_coefficients(
    y: np.ndarray, base: np.ndarray, media: np.ndarray, proj: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Least squares with free base coefficients and non-negative media coefficients.

    Args:
        y: Target, shape (n_weeks,) or (n_draws, n_weeks) for many targets at once.
        base: Base design (n_weeks, P).
        media: Media columns (n_weeks, C).
        proj: ``pinv(base)`` if already computed.

    Returns:
        ``(base_coef, media_coef)`` of shapes (P,) and (C,) (or (n_draws, P), (n_draws, C)).
    """
    proj = np.linalg.pinv(base) if proj is None else proj
    single = y.ndim == 1
    ys = y[None, :] if single else y
    m_res = media - base @ (proj @ media)
    y_res = ys - (ys @ proj.T) @ base.T
    m_res = np.ascontiguousarray(m_res)
    media_coef = np.array([_nnls(m_res, np.ascontiguousarray(row)) for row in y_res])
    base_coef = (ys - media_coef @ media.T) @ proj.T
    return (base_coef[0], media_coef[0]) if single else (base_coef, media_coef)


def block_bootstrap_indices(n_weeks: int, block_weeks: int, n_draws: int, rng: np.random.Generator) -> np.ndarray:
    """Moving-block bootstrap indices, shape (n_draws, n_weeks).

    Each row concatenates blocks of ``block_weeks`` consecutive weeks starting at uniform random
    positions, truncated to ``n_weeks``, so residual autocorrelation within a block is kept.
    """
    block = int(min(max(block_weeks, 1), n_weeks))
    n_blocks = -(-n_weeks // block)
    starts = rng.integers(0, n_weeks - block + 1, size=(n_draws, n_blocks))
    idx = (starts[:, :, None] + np.arange(block)[None, None, :]).reshape(n_draws, -1)
    return idx[:, :n_weeks]


def bootstrap_fits(
    y_star: np.ndarray,
    base: np.ndarray,
    proj: np.ndarray,
    candidates: list[np.ndarray],
    folds: list[Fold],
    prepared: list[list[tuple[np.ndarray, np.ndarray]]],
    chosen: list[int],
    allowed: list[np.ndarray],
    n_groups: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficient draws for bootstrap targets, with the transform search re-run per group.

    Draws are dealt round-robin into ``n_groups`` groups; each group re-runs the search (starting
    from ``chosen``, restricted to ``allowed``) on its first replicate, so the draws carry
    transform-selection uncertainty; every draw then refits the coefficients on its own replicate
    with its group's transforms. ``n_groups == 0`` keeps ``chosen`` for every draw.

    Args:
        y_star: Bootstrap targets, shape (n_draws, n_weeks).
        base: Base design (n_weeks, P); ``proj`` its pseudo-inverse.
        candidates, folds, prepared: As in :func:`search_transforms`.
        chosen: Candidate index per channel of the point fit.
        allowed: Per channel, candidate indices a re-search may use.
        n_groups: Number of re-searches.

    Returns:
        ``(choice (n_draws, C) candidate indices, base coefficients (n_draws, P), media
        coefficients (n_draws, C))``.
    """
    d = y_star.shape[0]
    group = np.arange(d) % max(n_groups, 1)
    choice = np.tile(np.asarray(chosen), (d, 1))
    draws_base = np.empty((d, base.shape[1]))
    draws_media = np.empty((d, len(candidates)))
    for g in range(max(n_groups, 1)):
        rows = np.flatnonzero(group == g)
        pick = list(chosen)
        if n_groups:
            pick, _ = search_transforms(y_star[rows[0]], candidates, folds, pick, 2, prepared=prepared, allowed=allowed)
        choice[rows] = pick
        media = np.column_stack([candidates[c][j] for c, j in enumerate(pick)])
        draws_base[rows], draws_media[rows] = fit_coefficients(y_star[rows], base, media, proj)
    return choice, draws_base, draws_media
