"""Data layer: load files, detect column roles, validate, shape weekly; synthetic data with known truth.

Main entry point: :func:`load` returns a :class:`LoadResult` with a validated :class:`Dataset`
and a :class:`ValidationReport`.
"""

from __future__ import annotations

from mixwise.data.config import DataSettings, load_config
from mixwise.data.dataset import Dataset
from mixwise.data.loader import SAMPLE_PATH, LoadResult, load, sample_truth
from mixwise.data.report import Check, ValidationReport
from mixwise.data.roles import ColumnRoles, channel_name
from mixwise.data.synthetic import SyntheticData, generate
from mixwise.data.validation import validate

__all__ = [
    "Check",
    "ColumnRoles",
    "DataSettings",
    "Dataset",
    "LoadResult",
    "SAMPLE_PATH",
    "SyntheticData",
    "ValidationReport",
    "channel_name",
    "generate",
    "load",
    "load_config",
    "sample_truth",
    "validate",
]
