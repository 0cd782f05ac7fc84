"""Fixtures for the data-layer tests: a small weekly frame a user might have."""

from __future__ import annotations

import pandas as pd
import pytest
from data_frames import weekly_frame


@pytest.fixture
def frame() -> pd.DataFrame:
    return weekly_frame()


@pytest.fixture
def csv_path(tmp_path, frame):
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    return path
