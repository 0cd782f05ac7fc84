"""Shared checks for chart inputs: required columns, channel lists, title choice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from mixwise.errors import DataValidationError

__all__ = ["require_columns", "pick_title", "infer_channels", "as_float", "NON_CHANNEL_COLUMNS"]

NON_CHANNEL_COLUMNS = ("date", "baseline", "trend", "seasonality", "predicted", "actual", "lower", "upper")


def require_columns(frame: pd.DataFrame, columns: Iterable[str], table: str, chart: str) -> None:
    """Raise if ``frame`` is not a non-empty DataFrame holding ``columns``.

    Raises:
        DataValidationError: Naming the chart, the table, the missing and the received columns.
    """
    if not isinstance(frame, pd.DataFrame):
        raise DataValidationError(
            f"{chart} needs the {table} table as a pandas DataFrame; received {type(frame).__name__}. "
            f"Pass the frame returned by mixwise.analysis."
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataValidationError(
            f"{chart} needs the {table} table with columns {', '.join(columns)}; missing {', '.join(missing)} "
            f"(received columns: {', '.join(map(str, frame.columns)) or 'none'}). "
            f"Pass the frame returned by mixwise.analysis unchanged."
        )
    if frame.empty:
        raise DataValidationError(f"{chart} received an empty {table} table (0 rows); there is nothing to draw.")


def pick_title(title: str | None, default: str) -> str:
    """The explicit ``title`` when given, else the takeaway derived from the data."""
    return title if title else default


def infer_channels(
    frame: pd.DataFrame, channels: Sequence[str] | None, chart: str, exclude: Iterable[str] = ()
) -> list[str]:
    """Channel columns of a wide frame: ``channels`` if given, else ``frame.attrs['channels']``.

    Args:
        frame: Wide frame with one column per channel.
        channels: Explicit channel names (preferred).
        chart: Chart name for messages.
        exclude: Columns that are never channels (used only to list what was received).

    Raises:
        DataValidationError: When channels cannot be told apart from other columns or are missing.
    """
    if channels is None:
        channels = frame.attrs.get("channels")
    if channels is None:
        raise DataValidationError(
            f"{chart} cannot tell channel columns from control columns in this table "
            f"(columns: {', '.join(map(str, frame.columns))}). Pass channels=[...] or set frame.attrs['channels']."
        )
    channels = [str(c) for c in channels]
    missing = [c for c in channels if c not in frame.columns]
    if missing:
        raise DataValidationError(
            f"{chart}: channel column(s) {', '.join(missing)} not in the table "
            f"(columns: {', '.join(map(str, frame.columns))}). Pass the channels the table holds."
        )
    return channels


def as_float(values: object) -> np.ndarray:
    """Column or array as a float numpy array (NaN where missing)."""
    return np.asarray(pd.to_numeric(pd.Series(values), errors="coerce"), dtype=float)
