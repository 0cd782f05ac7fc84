"""The validated, immutable container every model and analysis works on."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mixwise.errors import DataValidationError, UnknownChannelError

__all__ = ["Dataset"]


def _as_float_matrix(values: np.ndarray | list, n_rows: int, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim == 1:
        arr = arr.reshape(n_rows, -1) if arr.size else np.zeros((n_rows, 0))
    if arr.ndim != 2 or arr.shape[0] != n_rows:
        raise DataValidationError(f"{name} must have one row per week ({n_rows} rows); received shape {arr.shape}.")
    return arr


@dataclass(frozen=True)
class Dataset:
    """Weekly marketing data: kpi, paid-channel spend and controls, aligned on dates.

    An invalid dataset cannot exist: shapes, names and finiteness are checked on construction.
    Richer data-quality checks (outliers, collinearity, adequacy) live in
    :mod:`mixwise.data.validation` and travel as warnings, not errors.

    Attributes:
        dates: Week start dates, shape (n_weeks,), strictly increasing.
        kpi: The outcome (sales, revenue, conversions), shape (n_weeks,).
        spend: Paid media spend, shape (n_weeks, n_channels), non-negative.
        channels: Normalised channel names (``tv``, ``radio``...), unique.
        controls: Non-media drivers (price, promotions, events), shape (n_weeks, n_controls).
        control_names: Names of the control columns.
        kpi_name: What the kpi is called in the user's file (``sales``, ``revenue``...).
        channel_labels: Channel names the way the user wrote them, aligned with ``channels``.
        notes: Messages about how the data was shaped (aggregation, geo summed...).
    """

    dates: pd.DatetimeIndex
    kpi: np.ndarray
    spend: np.ndarray
    channels: tuple[str, ...]
    controls: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    control_names: tuple[str, ...] = ()
    kpi_name: str = "sales"
    channel_labels: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        dates = pd.DatetimeIndex(self.dates)
        object.__setattr__(self, "dates", dates)
        n = len(dates)
        object.__setattr__(self, "kpi", np.asarray(self.kpi, dtype=float).reshape(-1))
        object.__setattr__(self, "spend", _as_float_matrix(self.spend, n, "spend"))
        controls = self.controls if np.size(self.controls) else np.zeros((n, 0))
        object.__setattr__(self, "controls", _as_float_matrix(controls, n, "controls"))
        object.__setattr__(self, "channels", tuple(self.channels))
        object.__setattr__(self, "control_names", tuple(self.control_names))
        labels = tuple(self.channel_labels) or self.channels
        object.__setattr__(self, "channel_labels", labels)
        object.__setattr__(self, "notes", tuple(self.notes))
        for arr in (self.kpi, self.spend, self.controls):
            arr.flags.writeable = False
        self._validate_shapes()
        self._validate_names()
        self._validate_values()

    def _validate_shapes(self) -> None:
        n = len(self.dates)
        if n < 2:
            raise DataValidationError(
                f"The data has {n} row(s); a marketing-mix model needs many weeks (at least 2 to load, "
                "52+ to fit well). Provide a longer history."
            )
        if self.kpi.shape != (n,):
            raise DataValidationError(f"kpi must have {n} values (one per week); received {self.kpi.shape[0]}.")
        if self.spend.shape[1] != len(self.channels):
            raise DataValidationError(
                f"spend has {self.spend.shape[1]} columns but {len(self.channels)} channel names were given."
            )
        if self.controls.shape[1] != len(self.control_names):
            raise DataValidationError(
                f"controls has {self.controls.shape[1]} columns but {len(self.control_names)} names were given."
            )
        if len(self.channel_labels) != len(self.channels):
            raise DataValidationError("channel_labels must have one label per channel.")

    def _validate_names(self) -> None:
        if not self.channels:
            raise DataValidationError(
                "No paid media channels were found. Name them with --spend tv=TV_Spend,search=search_S."
            )
        for kind, names in (("channel", self.channels), ("control", self.control_names)):
            dupes = sorted({x for x in names if names.count(x) > 1})
            if dupes:
                raise DataValidationError(f"Duplicate {kind} names: {', '.join(dupes)}. Each must be unique.")

    def _validate_values(self) -> None:
        if not self.dates.is_monotonic_increasing or self.dates.has_duplicates:
            raise DataValidationError("Dates must be unique and in increasing order; sort and de-duplicate them.")
        for name, arr in (("kpi", self.kpi), ("spend", self.spend), ("controls", self.controls)):
            if not np.all(np.isfinite(arr)):
                raise DataValidationError(
                    f"{name} contains missing or infinite values; fill or drop those weeks first."
                )
        if np.any(self.spend < 0):
            bad = [c for c, col in zip(self.channels, self.spend.T, strict=True) if np.any(col < 0)]
            raise DataValidationError(f"Negative spend in channel(s) {', '.join(bad)}; spend must be >= 0.")

    # ---- convenience -------------------------------------------------------------------------
    @property
    def n_weeks(self) -> int:
        """Number of weeks (rows)."""
        return len(self.dates)

    @property
    def n_channels(self) -> int:
        """Number of paid channels."""
        return len(self.channels)

    def channel_index(self, channel: str) -> int:
        """Position of ``channel`` (normalised name or user label, case-insensitive).

        Raises:
            UnknownChannelError: the data has no such channel.
        """
        key = channel.strip().lower()
        for i, (name, label) in enumerate(zip(self.channels, self.channel_labels, strict=True)):
            if key in (name.lower(), label.lower()):
                return i
        raise UnknownChannelError(channel, self.channels)

    def label(self, channel: str) -> str:
        """The user's own name for ``channel``."""
        return self.channel_labels[self.channel_index(channel)]

    def to_frame(self) -> pd.DataFrame:
        """Tidy wide frame: ``date, <kpi_name>, <channel>... , <control>...`` (spend columns by channel)."""
        frame = pd.DataFrame({"date": self.dates, self.kpi_name: self.kpi})
        for i, ch in enumerate(self.channels):
            frame[ch] = self.spend[:, i]
        for i, name in enumerate(self.control_names):
            frame[name] = self.controls[:, i]
        return frame

    def fingerprint(self) -> str:
        """Stable hash of the content (dates, values and names), used as a cache key."""
        h = hashlib.sha256()
        h.update(np.asarray(self.dates.as_unit("ns").asi8).tobytes())  # unit-independent (pandas 3: us or ns)
        for arr in (self.kpi, self.spend, self.controls):
            h.update(np.ascontiguousarray(arr).tobytes())
        h.update("|".join((self.kpi_name, *self.channels, "#", *self.control_names)).encode())
        return h.hexdigest()[:16]

    def subset(self, start: int, stop: int) -> Dataset:
        """Rows ``start:stop`` as a new dataset (for holdouts)."""
        return Dataset(
            dates=self.dates[start:stop],
            kpi=self.kpi[start:stop],
            spend=self.spend[start:stop],
            channels=self.channels,
            controls=self.controls[start:stop],
            control_names=self.control_names,
            kpi_name=self.kpi_name,
            channel_labels=self.channel_labels,
            notes=self.notes,
        )
