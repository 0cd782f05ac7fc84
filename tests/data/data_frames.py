"""Small frames for the data-layer tests (imported by conftest and tests; not a test module)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def weekly_frame(n_weeks: int = 60, seed: int = 0) -> pd.DataFrame:
    """``date, sales, tv_spend, search_spend, price``: positive, varied, weekly (Mondays)."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-03", periods=n_weeks, freq="W-MON")
    return pd.DataFrame(
        {
            "date": dates.strftime("%Y-%m-%d"),
            "sales": np.round(100_000 + rng.normal(0, 5_000, n_weeks), 2),
            "tv_spend": np.round(rng.uniform(0, 10_000, n_weeks), 2),
            "search_spend": np.round(rng.uniform(1_000, 5_000, n_weeks), 2),
            "price": np.round(1 + rng.normal(0, 0.05, n_weeks), 3),
        }
    )
