"""Fixtures for model tests: synthetic data with known truth and a fitted OLS model."""

from __future__ import annotations

import pandas as pd
import pytest

from mixwise.data.dataset import Dataset
from mixwise.data.synthetic import generate
from mixwise.models.ols import OLSMMM


@pytest.fixture(scope="session")
def synth():
    """Default synthetic data (4 channels, 208 weeks, noise 4%); seed 5."""
    return generate(seed=5)


@pytest.fixture(scope="session")
def ols_fit(synth):
    """OLS model with default settings fitted on ``synth``."""
    return OLSMMM().fit(synth.dataset)


@pytest.fixture(scope="session")
def small_synth():
    """A short, small data set for fast contract tests."""
    return generate(seed=1, n_weeks=104, channels=("tv", "radio", "digital"))


def robyn_dataset(path) -> Dataset:
    """Robyn's simulated weekly data as a Dataset, built directly with pandas."""
    frame = pd.read_csv(path, parse_dates=["DATE"]).sort_values("DATE")
    channels = ("tv", "ooh", "print", "facebook", "search")
    columns = ("tv_S", "ooh_S", "print_S", "facebook_S", "search_S")
    return Dataset(
        dates=pd.DatetimeIndex(frame["DATE"]),
        kpi=frame["revenue"].to_numpy(float),
        spend=frame[list(columns)].to_numpy(float),
        channels=channels,
        controls=frame[["competitor_sales_B"]].to_numpy(float),
        control_names=("competitor_sales_B",),
        kpi_name="revenue",
        channel_labels=columns,
    )


@pytest.fixture(scope="session")
def robyn(robyn_csv) -> Dataset:
    return robyn_dataset(robyn_csv)
