"""Shared checks for chart inputs: required columns, channel lists, title choice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from mixwise.errors import DataValidationError

__all__ = ["require_columns", "pick_title", "infer_channels", "as_float", "declutter", "NON_CHANNEL_COLUMNS"]

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


def declutter(
    fig: Any, labels: Sequence[Any], obstacles: Sequence[Any] = (), max_iter: int = 80, pad_px: float = 4.0
) -> None:
    """Push overlapping annotations apart vertically (layout only: the anchored points do not move).

    Args:
        fig: The figure (its layout is executed first so positions are final).
        labels: Annotations placed with ``textcoords="offset points"``; their offsets are adjusted.
        obstacles: Texts that must stay where they are (labels are pushed off them).
        max_iter: Most passes.
        pad_px: Gap kept between boxes, in pixels.
    """
    if not labels:
        return
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
    renderer = fig.canvas.get_renderer()
    to_points = 72.0 / fig.dpi

    def shift(label: Any, dy_px: float) -> None:
        ox, oy = label.xyann
        label.xyann = (ox, oy + dy_px * to_points)

    for _ in range(max_iter):
        boxes = [a.get_window_extent(renderer) for a in labels]
        fixed = [o.get_window_extent(renderer) for o in obstacles]
        moved = False
        for i, bi in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                dy = _overlap(bi, boxes[j], pad_px)
                if dy > 0:
                    up, down = (i, j) if bi.y0 + bi.y1 >= boxes[j].y0 + boxes[j].y1 else (j, i)
                    shift(labels[up], dy / 2)
                    shift(labels[down], -dy / 2)
                    moved = True
            for bo in fixed:
                dy = _overlap(bi, bo, pad_px)
                if dy > 0:
                    shift(labels[i], dy if bi.y0 + bi.y1 >= bo.y0 + bo.y1 else -dy)
                    moved = True
        if not moved:
            return


def _overlap(a: Any, b: Any, pad: float) -> float:
    """Vertical overlap (pixels, with padding) of two boxes that also overlap horizontally; 0 when apart."""
    if a.x1 + pad <= b.x0 or b.x1 + pad <= a.x0:
        return 0.0
    return max(0.0, min(a.y1, b.y1) - max(a.y0, b.y0) + pad)
