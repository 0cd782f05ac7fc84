"""The media response shared by every model: coefficient x hill(adstock(spend)).

A fitted model reduces to draws of :class:`MediaParams` (posterior draws for the Bayesian model,
bootstrap draws for OLS), so every analysis (ROI, marginal ROI, response curves, scenarios,
optimiser) is computed the same way for every model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mixwise.transforms.adstock import geometric_adstock
from mixwise.transforms.saturation import hill

__all__ = ["MediaParams", "media_contribution"]


@dataclass(frozen=True)
class MediaParams:
    """Draws of the media parameters, in the user's units.

    Attributes:
        decay: Geometric adstock decay, shape (n_draws, n_channels), in [0, 1).
        half_saturation: Adstocked weekly spend at which the Hill curve reaches half its maximum,
            in currency units, shape (n_draws, n_channels), > 0.
        slope: Hill slope, shape (n_draws, n_channels), > 0.
        coef: Maximum weekly kpi effect of a channel (the Hill curve's ceiling), in kpi units,
            shape (n_draws, n_channels), >= 0.
        max_lag: Adstock kernel length minus one (weeks).
    """

    decay: np.ndarray
    half_saturation: np.ndarray
    slope: np.ndarray
    coef: np.ndarray
    max_lag: int = 8

    def __post_init__(self) -> None:
        arrays = {}
        for name in ("decay", "half_saturation", "slope", "coef"):
            arr = np.atleast_2d(np.asarray(getattr(self, name), dtype=float))
            object.__setattr__(self, name, arr)
            arrays[name] = arr
        shapes = {a.shape for a in arrays.values()}
        if len(shapes) != 1:
            raise ValueError(f"MediaParams arrays must share one (n_draws, n_channels) shape; got {shapes}.")
        if np.any((self.decay < 0) | (self.decay >= 1)):
            raise ValueError("decay must lie in [0, 1).")
        if np.any(self.half_saturation <= 0) or np.any(self.slope <= 0):
            raise ValueError("half_saturation and slope must be > 0.")
        if self.max_lag < 0:
            raise ValueError(f"max_lag must be >= 0; received {self.max_lag}.")

    @property
    def n_draws(self) -> int:
        """Number of draws."""
        return self.decay.shape[0]

    @property
    def n_channels(self) -> int:
        """Number of channels."""
        return self.decay.shape[1]

    def thin(self, max_draws: int) -> MediaParams:
        """At most ``max_draws`` evenly spaced draws (for fast curves and optimisation)."""
        if self.n_draws <= max_draws:
            return self
        idx = np.linspace(0, self.n_draws - 1, max_draws).round().astype(int)
        return self.take(idx)

    def take(self, idx: np.ndarray) -> MediaParams:
        """The draws at positions ``idx``."""
        return MediaParams(self.decay[idx], self.half_saturation[idx], self.slope[idx], self.coef[idx], self.max_lag)

    def mean(self) -> MediaParams:
        """A single draw holding the posterior means (for point summaries)."""
        return MediaParams(
            self.decay.mean(0, keepdims=True),
            self.half_saturation.mean(0, keepdims=True),
            self.slope.mean(0, keepdims=True),
            self.coef.mean(0, keepdims=True),
            self.max_lag,
        )


def media_contribution(spend: np.ndarray, params: MediaParams) -> np.ndarray:
    """Weekly kpi contribution of each channel for every draw.

    Args:
        spend: Spend, shape (n_weeks, n_channels), in currency units.
        params: Media parameter draws.

    Returns:
        Contribution, shape (n_draws, n_weeks, n_channels), in kpi units.
    """
    spend = np.asarray(spend, dtype=float)
    if spend.ndim != 2 or spend.shape[1] != params.n_channels:
        raise ValueError(f"spend must be (n_weeks, {params.n_channels}); received shape {spend.shape}.")
    adstocked = geometric_adstock(spend, params.decay, params.max_lag)
    return params.coef[:, None, :] * hill(adstocked, params.half_saturation, params.slope)
