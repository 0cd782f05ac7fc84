"""Saturation (diminishing returns) transforms as pure array functions.

Shapes: ``x`` is (..., n_weeks, n_channels); parameters are (..., n_channels) and are broadcast over
weeks. Pass ``xp=jax.numpy`` to use them inside a JAX model.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["hill", "logistic", "hill_derivative"]

_FLOOR = 1e-6


def hill(x: Any, half_saturation: Any, slope: Any, xp: Any = np) -> Any:
    """Hill curve x**s / (x**s + K**s), in [0, 1), equal to 0.5 at ``x == half_saturation``.

    ``x`` is clamped to ``1e-6`` (relative to nothing: spend is assumed scaled or in currency
    units) before the power, so a slope below one keeps a finite gradient at zero spend; zero
    spend still maps to (numerically) zero effect.
    """
    k = xp.asarray(half_saturation)[..., None, :]
    s = xp.asarray(slope)[..., None, :]
    # x**s / (x**s + k**s) == sigmoid(s * log(x / k)), written with tanh: no overflow, finite
    # gradients everywhere, and about half the cost of the two powers inside a JAX gradient.
    z = s * (xp.log(xp.maximum(x, _FLOOR)) - xp.log(k))
    out = 0.5 + 0.5 * xp.tanh(0.5 * z)
    return xp.where(x > 0, out, 0.0)


def hill_derivative(x: Any, half_saturation: Any, slope: Any, xp: Any = np) -> Any:
    """d hill / dx, same shapes as :func:`hill`."""
    k = xp.asarray(half_saturation)[..., None, :]
    s = xp.asarray(slope)[..., None, :]
    xc = xp.maximum(x, _FLOOR)
    ks = xp.power(k, s)
    xs = xp.power(xc, s)
    return s * ks * xs / (xc * (xs + ks) ** 2)


def logistic(x: Any, lam: Any, xp: Any = np) -> Any:
    """Logistic saturation (1 - exp(-lam x)) / (1 + exp(-lam x)), in [0, 1)."""
    lam = xp.asarray(lam)[..., None, :]
    e = xp.exp(-lam * x)
    return (1.0 - e) / (1.0 + e)
