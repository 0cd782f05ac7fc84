"""The media response shared by every model: coefficient x hill(adstock(spend)).

A fitted model reduces to draws of :class:`MediaParams` (posterior draws for the Bayesian model,
bootstrap draws for OLS), so every analysis (ROI, marginal ROI, response curves, scenarios,
optimiser) is computed the same way for every model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from mixwise.transforms.adstock import (
    apply_kernel,
    geometric_adstock,
    geometric_weights,
    half_life,
    lag_matrix,
    weibull_weights,
)
from mixwise.transforms.saturation import hill

__all__ = ["MediaParams", "media_contribution", "ADSTOCKS"]


#: Adstock kernels a model can use: geometric (effect decays from the week of spend) and Weibull
#: PDF (the effect can build for a week or two before it decays: TV, video).
ADSTOCKS = ("geometric", "weibull")


@dataclass(frozen=True)
class MediaParams:
    """Draws of the media parameters, in the user's units.

    Attributes:
        decay: Geometric adstock decay, shape (n_draws, n_channels), in [0, 1) (zeros for a Weibull kernel).
        half_saturation: Adstocked weekly spend at which the Hill curve reaches half its maximum,
            in currency units, shape (n_draws, n_channels), > 0.
        slope: Hill slope, shape (n_draws, n_channels), > 0.
        coef: Maximum weekly kpi effect of a channel (the Hill curve's ceiling), in kpi units,
            shape (n_draws, n_channels), >= 0.
        max_lag: Adstock kernel length minus one (weeks).
        adstock: The kernel of every channel, ``"geometric"`` or ``"weibull"`` (a Weibull PDF kernel, see
            :func:`~mixwise.transforms.adstock.weibull_weights`), or one kind per channel; stored as a
            tuple with one kind per channel.
        shape: Weibull shape per draw and channel (> 0; ignored for geometric channels), None when no
            channel uses a Weibull kernel.
        scale: Weibull scale per draw and channel in units of ``max_lag`` (> 0; ignored for geometric
            channels), None when no channel uses a Weibull kernel.
    """

    decay: np.ndarray
    half_saturation: np.ndarray
    slope: np.ndarray
    coef: np.ndarray
    max_lag: int = 8
    adstock: str | tuple[str, ...] = "geometric"
    shape: np.ndarray | None = None
    scale: np.ndarray | None = None

    def __post_init__(self) -> None:
        arrays = {}
        for name in ("decay", "half_saturation", "slope", "coef", "shape", "scale"):
            if getattr(self, name) is None:
                continue
            arr = np.atleast_2d(np.asarray(getattr(self, name), dtype=float))
            object.__setattr__(self, name, arr)
            arrays[name] = arr
        shapes = {a.shape for a in arrays.values()}
        if len(shapes) != 1:
            raise ValueError(f"MediaParams arrays must share one (n_draws, n_channels) shape; got {shapes}.")
        kinds = (self.adstock,) * self.decay.shape[1] if isinstance(self.adstock, str) else tuple(self.adstock)
        if len(kinds) != self.decay.shape[1] or any(k not in ADSTOCKS for k in kinds):
            raise ValueError(f"adstock must be one of {', '.join(ADSTOCKS)} or one per channel; got {self.adstock!r}.")
        object.__setattr__(self, "adstock", kinds)
        if np.any((self.decay < 0) | (self.decay >= 1)):
            raise ValueError("decay must lie in [0, 1).")
        if "weibull" in kinds:
            if self.shape is None or self.scale is None:
                raise ValueError("A Weibull adstock needs shape and scale draws.")
            if np.any(self.shape <= 0) or np.any(self.scale <= 0):
                raise ValueError("Weibull shape and scale must be > 0.")
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

    @property
    def weibull(self) -> np.ndarray:
        """Boolean mask of the channels with a Weibull kernel, shape (n_channels,)."""
        return np.array([k == "weibull" for k in self.adstock], dtype=bool)

    def _replace(self, pick: Callable[[np.ndarray], np.ndarray], kinds: tuple[str, ...] | None = None) -> MediaParams:
        def f(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else pick(a)

        return MediaParams(
            pick(self.decay),
            pick(self.half_saturation),
            pick(self.slope),
            pick(self.coef),
            self.max_lag,
            kinds if kinds is not None else self.adstock,
            f(self.shape),
            f(self.scale),
        )

    def thin(self, max_draws: int) -> MediaParams:
        """At most ``max_draws`` evenly spaced draws (for fast curves and optimisation)."""
        if self.n_draws <= max_draws:
            return self
        idx = np.linspace(0, self.n_draws - 1, max_draws).round().astype(int)
        return self.take(idx)

    def take(self, idx: np.ndarray) -> MediaParams:
        """The draws at positions ``idx``."""
        return self._replace(lambda a: a[idx])

    def channels(self, idx: Sequence[int]) -> MediaParams:
        """The same draws for the channels at positions ``idx`` only."""
        cols = list(idx)
        return self._replace(lambda a: a[:, cols], tuple(self.adstock[i] for i in cols))

    def mean(self) -> MediaParams:
        """A single draw holding the posterior means (for point summaries)."""
        return self._replace(lambda a: a.mean(0, keepdims=True))

    def weights(self) -> np.ndarray:
        """Normalised adstock kernel weights, shape (n_draws, max_lag + 1, n_channels)."""
        geometric = geometric_weights(self.decay, self.max_lag)
        if not self.weibull.any():
            return geometric
        weibull = weibull_weights(self.shape, self.scale, self.max_lag, kind="pdf")
        return np.where(self.weibull[None, None, :], weibull, geometric)

    def adstocked(self, spend: np.ndarray) -> np.ndarray:
        """Adstocked spend, shape (n_draws, n_weeks, n_channels), for ``spend`` (n_weeks, n_channels)."""
        spend = np.asarray(spend, dtype=float)
        if not self.weibull.any():
            return geometric_adstock(spend, self.decay, self.max_lag)
        return apply_kernel(lag_matrix(spend, self.max_lag), self.weights())

    def peak_week(self) -> np.ndarray:
        """Weeks after the week of spend at which the mean kernel peaks, per channel (0 for geometric), (C,)."""
        return self.mean().weights()[0].argmax(axis=0).astype(int)

    def half_life(self) -> np.ndarray:
        """Carry-over half-life per channel of the mean parameters, in weeks, shape (n_channels,).

        The weeks from the week of spend until the weekly effect has fallen to half of its peak:
        log(0.5) / log(decay) for a geometric kernel (peak in the week of spend); for a Weibull kernel
        the continuous kernel is followed past its (possibly delayed) peak, capped at ``max_lag + 1``.
        """
        out = np.asarray(half_life(self.decay.mean(axis=0)), dtype=float)
        if not self.weibull.any():
            return out
        t = np.linspace(0.0, self.max_lag + 1.0, 2001)
        k, lam = self.shape.mean(axis=0), self.scale.mean(axis=0) * max(self.max_lag, 1)
        u = (t[:, None] + 1.0) / lam[None, :]
        curve = np.power(u, k - 1.0) * np.exp(-np.power(u, k))  # the Weibull PDF up to a constant, (n_t, C)
        peak = curve.argmax(axis=0)
        for c in np.flatnonzero(self.weibull):
            below = np.flatnonzero(curve[peak[c] :, c] <= 0.5 * curve[peak[c], c])
            out[c] = t[peak[c] + below[0]] if below.size else t[-1]
        return out


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
    return params.coef[:, None, :] * hill(params.adstocked(spend), params.half_saturation, params.slope)
