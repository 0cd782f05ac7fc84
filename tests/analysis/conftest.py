"""A model with hand-set parameters, so analysis results can be derived by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mixwise.data.dataset import Dataset
from mixwise.models.base import MMMBase
from mixwise.transforms.media import MediaParams


class KnownModel(MMMBase):
    """Constant spend, no carry-over, slope 1: hill(x) = x / (x + K) per channel.

    Draw d has coef ``coef * (1 + spread * (d - (D-1)/2) / D)``; base = 1000 per week baseline,
    trend 10 * week index, zero seasonality, control contribution 5 * control.
    """

    model_name = "known"

    def __init__(self, coef=(200.0, 50.0), half_saturation=(100.0, 400.0), draws=5, spread=0.2):
        self.coef = coef
        self.half_saturation = half_saturation
        self.draws = draws
        self.spread = spread

    def fit(self, dataset: Dataset) -> KnownModel:
        d, c = self.draws, dataset.n_channels
        scale = 1 + self.spread * (np.arange(d) - (d - 1) / 2) / d
        coef = np.asarray(self.coef, dtype=float)[None, :] * scale[:, None]
        self.media_params_ = MediaParams(
            np.zeros((d, c)), np.tile(self.half_saturation, (d, 1)), np.ones((d, c)), coef, max_lag=0
        )
        self.dataset_ = dataset
        self.channels_ = dataset.channels
        self.fit_seconds_ = 0.01
        self.diagnostics_ = {}
        return self

    def base_components(self, dates: pd.DatetimeIndex, controls: np.ndarray) -> dict[str, np.ndarray]:
        self.check_fitted()
        n, d = len(dates), self.draws
        week = (pd.DatetimeIndex(dates) - self.dataset_.dates[0]).days.to_numpy() / 7.0
        return {
            "baseline": np.full((d, n), 1000.0),
            "trend": np.tile(10.0 * week, (d, 1)),
            "seasonality": np.zeros((d, n)),
            "promo": np.tile(5.0 * np.asarray(controls)[:, 0], (d, 1)),
        }


@pytest.fixture(scope="module")
def known_dataset() -> Dataset:
    n = 20
    dates = pd.date_range("2024-01-01", periods=n, freq="W-MON")
    spend = np.column_stack([np.full(n, 100.0), np.full(n, 400.0)])
    promo = (np.arange(n) % 4 == 0).astype(float)[:, None]
    kpi = 1500.0 + 10.0 * np.arange(n) + 5.0 * promo[:, 0]
    return Dataset(dates, kpi, spend, ("tv", "search"), promo, ("promo",), "sales", ("TV_Spend", "search_S"))


@pytest.fixture(scope="module")
def known(known_dataset) -> KnownModel:
    return KnownModel().fit(known_dataset)


@pytest.fixture(scope="module")
def known_cls() -> type[KnownModel]:
    return KnownModel
