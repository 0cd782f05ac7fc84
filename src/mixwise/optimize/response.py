"""The optimiser's response model: expected kpi of a period's spend when each channel keeps its weekly pattern.

A plan gives each channel a total ``x_c`` for a period of N weeks. Its weekly spend is
``x_c * pattern_c(t)``, where ``pattern_c`` is the channel's share of its last-N-weeks spend in each
week (a flat ``1 / N`` for a channel that spent nothing then). This is the convention of
:func:`mixwise.optimize.run_scenario` for a future window, so a plan and a scenario of the same
weeks give the same numbers.

Adstock is linear, so ``adstock(carry + x_c * pattern_c) = B_c(t) + x_c * A_c(t)`` with ``A_c`` the
adstock of the pattern and ``B_c`` the carry-over of the last ``max_lag`` weeks of history into the
period. Both are computed once per draw over the period and the ``max_lag`` weeks after it (the
carry-over tail). The kpi due to the period's spend is

    sum_t coef_c * [hill(B_c(t) + x_c A_c(t)) - hill(B_c(t))]

(the carry-over from before the period is the same for every split and is not credited to it), with
the exact gradient ``sum_t coef_c * hill'(B_c(t) + x_c A_c(t)) * A_c(t)``. With S-shaped curves
(slope > 1) a pulsed pattern sits higher on the curve than the same money spread flat, which is why
the pattern matters.
"""

from __future__ import annotations

import numpy as np

from mixwise.transforms.media import MediaParams
from mixwise.transforms.saturation import hill

__all__ = ["PeriodResponse", "weekly_pattern"]

_FLOOR = 1e-6  # same clamp as mixwise.transforms.saturation


def weekly_pattern(window: np.ndarray) -> np.ndarray:
    """Each channel's share of its window total per week; a flat ``1 / N`` for channels with no spend.

    Args:
        window: Spend of the window, shape (N, C).

    Returns:
        Pattern, shape (N, C), every column summing to one.
    """
    window = np.asarray(window, dtype=float)
    n = window.shape[0]
    totals = window.sum(axis=0)
    flat = np.full_like(window, 1.0 / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = window / np.where(totals > 0, totals, 1.0)
    return np.where(totals[None, :] > 0, shares, flat)


class PeriodResponse:
    """Expected media kpi of a period's spend, per draw and on average (see the module docstring).

    Args:
        params: Media parameter draws (D, C).
        weeks: Period length N; ``x`` below is the total spend per channel over the period (C,).
        pattern: Weekly shares (N, C), columns summing to one; None = flat spend.
        carry: Spend of the weeks before the period (any number of rows, C); its last ``max_lag``
            rows carry over into the period. None = no spend before the period.
    """

    def __init__(
        self, params: MediaParams, weeks: int, pattern: np.ndarray | None = None, carry: np.ndarray | None = None
    ):
        c, lag = params.n_channels, params.max_lag
        self.weeks = int(weeks)
        self.n_draws = params.n_draws
        pattern = np.full((self.weeks, c), 1.0 / self.weeks) if pattern is None else np.asarray(pattern, float)
        if pattern.shape != (self.weeks, c):
            raise ValueError(f"pattern must have shape ({self.weeks}, {c}); received {pattern.shape}.")
        self.pattern = pattern
        pre = np.zeros((0, c)) if carry is None or lag == 0 else np.asarray(carry, dtype=float)[-lag:]
        p, span = pre.shape[0], self.weeks + lag
        unit = np.vstack([np.zeros((p, c)), pattern, np.zeros((lag, c))])
        before = np.vstack([pre, np.zeros((span, c))])
        a = params.adstocked(unit)[:, p:, :]  # (D, N + lag, C)
        b = params.adstocked(before)[:, p:, :]
        # Weeks [0, k) get carry-over from before the period; after them u = x * A, so u**s = x**s * A**s.
        touched = np.flatnonzero(np.any(b > 0, axis=(0, 2)))
        k = int(touched[-1]) + 1 if touched.size else 0
        self.a1, self.b1, self.a2 = a[:, :k], b[:, :k], a[:, k:]
        self.s = params.slope[:, None, :]  # (D, 1, C)
        self.a2s = np.power(self.a2, self.s)
        self.a2sum = self.a2.sum(axis=1)  # (D, C)
        self.coef = params.coef  # (D, C)
        self.coef_s = params.coef * params.slope
        self.slope = params.slope
        self.ks2 = np.power(params.half_saturation, params.slope)  # (D, C)
        self.ks = self.ks2[:, None, :]
        fs = _FLOOR**params.slope
        self.h_floor = fs / (fs + self.ks2)  # hill at the clamp, for the gradient at x = 0
        self.base = self.coef * hill(b, params.half_saturation, params.slope).sum(axis=1)  # (D, C)
        self._key: bytes | None = None
        self._cache: tuple[np.ndarray, np.ndarray] = (np.zeros(0), np.zeros(0))

    def _eval(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Kpi (D, C) and its gradient (D, C) at ``x``, cached for the last ``x`` (the solver asks twice).

        hill(u) = u**s / (u**s + K**s) and hill'(u) = s * hill(u) * (1 - hill(u)) / u, with ``u`` clamped
        at 1e-6 as in :func:`mixwise.transforms.saturation.hill_derivative`.
        """
        x = np.maximum(np.asarray(x, dtype=float), 0.0)
        key = x.tobytes()
        if key == self._key:
            return self._cache
        # Weeks with carry-over from before the period: general form.
        u = self.b1 + x[None, None, :] * self.a1
        uc = np.maximum(u, _FLOOR)
        us = np.power(uc, self.s)
        h = us / (us + self.ks)
        slope_sum = (h * (1.0 - h) * self.a1 / uc).sum(axis=1)
        h_sum = np.where(u > 0, h, 0.0).sum(axis=1)
        # Later weeks: u = x * A, so A / u = 1 / x.
        spent = x > 0
        xs = np.power(np.where(spent, x, 1.0)[None, :], self.slope)  # (D, C)
        us2 = xs[:, None, :] * self.a2s
        h2 = us2 / (us2 + self.ks)
        h2_sum = np.where(spent, h2.sum(axis=1), 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            slope2 = np.where(spent, (h2 * (1.0 - h2)).sum(axis=1) / np.where(spent, x, 1.0), 0.0)
        slope2 = np.where(spent, slope2, self.h_floor * (1.0 - self.h_floor) / _FLOOR * self.a2sum)
        kpi = self.coef * (h_sum + h2_sum) - self.base
        grad = self.coef_s * (slope_sum + slope2)
        self._key, self._cache = key, (kpi, grad)
        return self._cache

    def per_draw(self, x: np.ndarray) -> np.ndarray:
        """Kpi per draw and channel due to the period's spend (period + carry-over tail), shape (D, C)."""
        return self._eval(x)[0].copy()

    def value(self, x: np.ndarray) -> float:
        """Expected total kpi (mean over draws)."""
        return float(self._eval(x)[0].sum(axis=1).mean())

    def marginal(self, x: np.ndarray) -> np.ndarray:
        """Expected marginal kpi per extra currency unit of each channel's period total, shape (C,)."""
        return self._eval(x)[1].mean(axis=0)
