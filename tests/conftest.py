"""Shared test fixtures: the public data sets beside the repo (skipped cleanly when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

#: ../shared/data beside the repository (CI clones with ../shared next to it).
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to ../shared/data; skips the test when the folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"public data sets not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def robyn_csv(shared_data: Path) -> Path:
    """Meta Robyn's simulated weekly data."""
    path = shared_data / "robyn" / "dt_simulated_weekly.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(scope="session")
def meridian_csv(shared_data: Path) -> Path:
    """Google Meridian's simulated national data."""
    path = shared_data / "meridian" / "national_media.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path
