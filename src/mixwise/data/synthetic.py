"""Realistic weekly marketing data with a known answer (ground truth for tests and benchmarks).

The generating process is the model mixwise fits: kpi = baseline + trend + yearly seasonality with a
holiday peak + price and promotion effects + sum over channels of coef * hill(adstock(spend)) +
noise. It is written here independently of :mod:`mixwise.transforms` so recovery tests check the
models against a second implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mixwise.data.dataset import Dataset

__all__ = ["SyntheticData", "generate", "DEFAULT_CHANNELS"]

DEFAULT_CHANNELS = ("tv", "radio", "digital", "print")

# Per-channel profile: pattern, mean weekly spend when on, true ROI, decay, half-saturation factor, slope.
_PROFILES: dict[str, dict[str, Any]] = {
    "tv": {"pattern": "flighted", "level": 80_000, "roi": 2.2, "decay": 0.6, "k": 0.9, "slope": 1.6},
    "radio": {"pattern": "pulsed", "level": 25_000, "roi": 1.3, "decay": 0.35, "k": 1.1, "slope": 1.3},
    "digital": {"pattern": "always_on", "level": 50_000, "roi": 2.8, "decay": 0.2, "k": 0.7, "slope": 1.0},
    "print": {"pattern": "sporadic", "level": 15_000, "roi": 0.7, "decay": 0.3, "k": 1.3, "slope": 1.8},
}


@dataclass(frozen=True)
class SyntheticData:
    """A generated dataset with its ground truth.

    Attributes:
        frame: The file a user would have: ``date, sales, <channel>_spend..., price, promo``.
        dataset: The same data as a :class:`Dataset`.
        truth: Ground truth: ``channels -> {decay, half_saturation, slope, coef, contribution,
            spend, roi}`` plus ``baseline_share``, ``noise_sd`` and ``seed``.
    """

    frame: pd.DataFrame
    dataset: Dataset
    truth: dict[str, Any]


def _profile(name: str, i: int, rng: np.random.Generator) -> dict[str, Any]:
    if name in _PROFILES:
        return dict(_PROFILES[name])
    patterns = ("always_on", "flighted", "pulsed", "sporadic")
    return {
        "pattern": patterns[i % 4],
        "level": float(rng.uniform(10_000, 60_000)),
        "roi": float(rng.uniform(0.5, 3.0)),
        "decay": float(rng.uniform(0.1, 0.6)),
        "k": float(rng.uniform(0.7, 1.3)),
        "slope": float(rng.uniform(1.0, 2.0)),
    }


def _spend_pattern(pattern: str, level: float, n: int, rng: np.random.Generator) -> np.ndarray:
    if pattern == "always_on":
        x = level * np.exp(rng.normal(0, 0.35, n))
    elif pattern == "flighted":
        on = np.zeros(n, dtype=bool)
        t = int(rng.integers(0, 4))
        while t < n:
            length = int(rng.integers(3, 7))
            on[t : t + length] = True
            t += length + int(rng.integers(2, 6))
        x = np.where(on, level * np.exp(rng.normal(0.2, 0.3, n)), 0.0)
    elif pattern == "pulsed":
        on = rng.random(n) < 0.6
        x = np.where(on, level * np.exp(rng.normal(0, 0.4, n)), 0.0)
    else:  # sporadic
        on = rng.random(n) < 0.35
        x = np.where(on, level * np.exp(rng.normal(0, 0.5, n)), 0.0)
    return np.round(x, 2)


def _adstock(x: np.ndarray, decay: float, max_lag: int) -> np.ndarray:
    w = decay ** np.arange(max_lag + 1)
    w = w / w.sum()
    return np.convolve(x, w)[: len(x)]


def _weibull_adstock(x: np.ndarray, shape: float, scale: float, max_lag: int) -> np.ndarray:
    """Weibull PDF kernel at t = lag + 1 with lambda = scale x max_lag, normalised (a delayed peak for shape > 1)."""
    t = np.arange(max_lag + 1) + 1.0
    lam = scale * max_lag
    w = (t / lam) ** (shape - 1.0) * np.exp(-((t / lam) ** shape))
    return np.convolve(x, w / w.sum())[: len(x)]


def generate(
    seed: int = 0,
    n_weeks: int = 208,
    channels: tuple[str, ...] | list[str] = DEFAULT_CHANNELS,
    noise: float = 0.04,
    signal: float = 1.0,
    max_lag: int = 8,
    start: str = "2021-01-04",
    delayed: dict[str, tuple[float, float]] | None = None,
) -> SyntheticData:
    """Generate weekly CPG-like data with known adstock, saturation, contributions and ROI.

    Args:
        seed: Random seed; the same seed gives the same data.
        n_weeks: Number of weeks (4 years = 208).
        channels: Channel names; the seed's tv/radio/digital/print have hand-set profiles, other
            names get random but plausible ones.
        noise: Noise standard deviation as a share of mean sales.
        signal: Multiplier on every true ROI (below 1 gives a weak-signal dataset).
        max_lag: Adstock kernel length minus one.
        start: First Monday.
        delayed: Channels whose carry-over is a Weibull PDF kernel instead of geometric, as
            ``{"tv": (shape, scale)}`` (scale in units of ``max_lag``): with shape > 1 the effect peaks
            a week or more after the spend. Their truth has ``shape`` and ``scale`` (and ``decay`` None).

    Returns:
        A :class:`SyntheticData` with the user-style frame, the dataset and the truth.
    """
    rng = np.random.default_rng(seed)
    channels = tuple(channels)
    unknown = sorted(set(delayed or {}) - set(channels))
    if unknown:
        raise ValueError(f"delayed names channel(s) {unknown} that are not among {list(channels)}.")
    dates = pd.date_range(pd.Timestamp(start), periods=n_weeks, freq="W-MON")
    t = np.arange(n_weeks)
    base_level = 1_000_000.0
    trend = base_level * 0.12 * t / max(n_weeks - 1, 1)
    doy = dates.day_of_year.to_numpy() / 365.25
    seasonality = base_level * (0.06 * np.sin(2 * np.pi * doy) + 0.04 * np.cos(2 * np.pi * doy))
    week = dates.isocalendar().week.to_numpy().astype(int)
    seasonality = seasonality + base_level * 0.12 * ((week >= 47) & (week <= 52))
    price = np.round(1.0 + 0.05 * np.sin(2 * np.pi * t / 26) + rng.normal(0, 0.02, n_weeks), 3)
    promo = (rng.random(n_weeks) < 0.15).astype(float)
    price_effect = -base_level * 0.8 * (price - 1.0)
    promo_effect = base_level * 0.05 * promo

    spend = np.zeros((n_weeks, len(channels)))
    media = np.zeros((n_weeks, len(channels)))
    truth_channels: dict[str, dict[str, float]] = {}
    for i, ch in enumerate(channels):
        prof = _profile(ch, i, rng)
        x = _spend_pattern(prof["pattern"], prof["level"], n_weeks, rng)
        spend[:, i] = x
        kernel = (delayed or {}).get(ch)
        ad = _adstock(x, prof["decay"], max_lag) if kernel is None else _weibull_adstock(x, *kernel, max_lag)
        k = prof["k"] * float(x[x > 0].mean() if np.any(x > 0) else 1.0)
        sat = ad ** prof["slope"] / (ad ** prof["slope"] + k ** prof["slope"])
        roi = prof["roi"] * signal
        coef = roi * x.sum() / max(sat.sum(), 1e-12)
        media[:, i] = coef * sat
        truth_channels[ch] = {
            "decay": prof["decay"] if kernel is None else None,
            **({} if kernel is None else {"shape": float(kernel[0]), "scale": float(kernel[1])}),
            "half_saturation": k,
            "slope": prof["slope"],
            "coef": coef,
            "spend": float(x.sum()),
            "contribution": float(media[:, i].sum()),
            "roi": float(media[:, i].sum() / x.sum()),
        }

    mean_level = base_level + trend + seasonality + price_effect + promo_effect + media.sum(axis=1)
    noise_sd = noise * float(mean_level.mean())
    sales = np.round(mean_level + rng.normal(0, noise_sd, n_weeks), 2)

    frame = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "sales": sales})
    for i, ch in enumerate(channels):
        frame[f"{ch}_spend"] = spend[:, i]
    frame["price"] = price
    frame["promo"] = promo.astype(int)
    dataset = Dataset(
        dates=dates,
        kpi=sales,
        spend=spend,
        channels=channels,
        controls=np.column_stack([price, promo]),
        control_names=("price", "promo"),
        kpi_name="sales",
        channel_labels=tuple(f"{ch}_spend" for ch in channels),
    )
    truth = {
        "seed": seed,
        "n_weeks": n_weeks,
        "max_lag": max_lag,
        "noise_sd": noise_sd,
        "baseline_share": float((sales.sum() - media.sum()) / sales.sum()),
        "channels": truth_channels,
    }
    return SyntheticData(frame=frame, dataset=dataset, truth=truth)
