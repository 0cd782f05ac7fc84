"""Adstock (carry-over) transforms as pure array functions.

Every function works on NumPy arrays by default and on ``jax.numpy`` arrays when ``xp=jax.numpy``
is passed, so the OLS and the Bayesian model share one implementation.

Shapes: ``x`` is (n_weeks, n_channels); parameters are (n_channels,) or batched
(..., n_channels) for posterior draws, giving outputs (..., n_weeks, n_channels).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "lag_matrix",
    "apply_kernel",
    "geometric_weights",
    "weibull_weights",
    "geometric_adstock",
    "weibull_adstock",
    "half_life",
]


def lag_matrix(x: Any, max_lag: int, xp: Any = np) -> Any:
    """Stack of lagged copies of ``x``: out[l, t, c] = x[t - l, c] (zero before the start).

    Args:
        x: Spend, shape (n_weeks, n_channels).
        max_lag: Largest lag, so the result has ``max_lag + 1`` slices.
        xp: Array namespace (numpy or jax.numpy).

    Returns:
        Array of shape (max_lag + 1, n_weeks, n_channels).
    """
    n_weeks = x.shape[0]
    padded = xp.concatenate([xp.zeros((max_lag,) + tuple(x.shape[1:]), dtype=x.dtype), x], axis=0)
    return xp.stack([padded[max_lag - lag : max_lag - lag + n_weeks] for lag in range(max_lag + 1)])


def apply_kernel(lags: Any, weights: Any, xp: Any = np) -> Any:
    """Contract a lag stack (L, T, C) with kernel weights (..., L, C) into (..., T, C)."""
    if xp is np:  # numpy's default einsum path is ~20x slower here than the optimised (BLAS) one
        return np.einsum("...lc,ltc->...tc", weights, lags, optimize=True)
    return xp.einsum("...lc,ltc->...tc", weights, lags)


def geometric_weights(decay: Any, max_lag: int, normalize: bool = True, xp: Any = np) -> Any:
    """Kernel weights ``decay**l`` for l = 0..max_lag, shape (..., max_lag + 1, n_channels).

    With ``normalize`` the weights sum to one, so adstock keeps the spend scale (total effect is
    carried, not multiplied).
    """
    decay = xp.asarray(decay)
    lags = xp.arange(max_lag + 1, dtype=float).reshape((-1, 1))
    w = xp.power(decay[..., None, :], lags)
    if normalize:
        w = w / xp.sum(w, axis=-2, keepdims=True)
    return w


def weibull_weights(
    shape: Any, scale: Any, max_lag: int, kind: str = "pdf", normalize: bool = True, xp: Any = np
) -> Any:
    """Weibull kernel weights, shape (..., max_lag + 1, n_channels).

    ``kind="cdf"`` gives a survival-shaped decay (1 - CDF), ``kind="pdf"`` allows a delayed peak
    (TV's effect building for a week or two). ``scale`` is in units of ``max_lag`` (0..1].
    """
    shape = xp.asarray(shape)[..., None, :]
    scale = xp.asarray(scale)[..., None, :] * max_lag
    lags = xp.arange(max_lag + 1, dtype=float).reshape((-1, 1))
    if kind == "cdf":
        w = xp.exp(-xp.power(lags / scale, shape))
    elif kind == "pdf":
        t = lags + 1.0
        w = (shape / scale) * xp.power(t / scale, shape - 1.0) * xp.exp(-xp.power(t / scale, shape))
    else:
        raise ValueError(f"Unknown Weibull kind '{kind}'. Allowed: 'cdf', 'pdf'.")
    if normalize:
        w = w / xp.maximum(xp.sum(w, axis=-2, keepdims=True), 1e-12)
    return w


def geometric_adstock(x: Any, decay: Any, max_lag: int = 8, normalize: bool = True, xp: Any = np) -> Any:
    """Geometric adstock: y[t] = sum_l decay**l * x[t-l] / sum_l decay**l.

    Args:
        x: Spend, shape (n_weeks, n_channels) or (n_weeks,).
        decay: Share carried to the next week in [0, 1), shape (n_channels,) or (..., n_channels).
        max_lag: Number of weeks the effect is carried (kernel length ``max_lag + 1``).
        normalize: Divide by the kernel sum so adstock preserves the spend scale.
        xp: Array namespace.

    Returns:
        Adstocked spend, shape (..., n_weeks, n_channels) ((n_weeks,) for 1-D input).
    """
    squeeze = x.ndim == 1
    x2 = x[:, None] if squeeze else x
    d = xp.asarray(decay)
    d = d.reshape((1,)) if d.ndim == 0 else d
    out = apply_kernel(lag_matrix(x2, max_lag, xp), geometric_weights(d, max_lag, normalize, xp), xp)
    return out[..., 0] if squeeze else out


def weibull_adstock(
    x: Any, shape: Any, scale: Any, max_lag: int = 8, kind: str = "pdf", normalize: bool = True, xp: Any = np
) -> Any:
    """Weibull adstock; see :func:`weibull_weights`. Shapes as in :func:`geometric_adstock`."""
    squeeze = x.ndim == 1
    x2 = x[:, None] if squeeze else x
    s = xp.asarray(shape)
    c = xp.asarray(scale)
    s = s.reshape((1,)) if s.ndim == 0 else s
    c = c.reshape((1,)) if c.ndim == 0 else c
    out = apply_kernel(lag_matrix(x2, max_lag, xp), weibull_weights(s, c, max_lag, kind, normalize, xp), xp)
    return out[..., 0] if squeeze else out


def half_life(decay: Any) -> Any:
    """Weeks until a geometric adstock effect halves: log(0.5) / log(decay); 0 for no carry-over."""
    d = np.clip(np.asarray(decay, dtype=float), 1e-9, 1 - 1e-9)
    return np.where(np.asarray(decay) <= 1e-9, 0.0, np.log(0.5) / np.log(d))
