"""``load``: any supported file (or the bundled sample) -> a validated weekly :class:`Dataset`.

Steps: project file + flags -> read the file -> detect column roles -> parse values -> row
checks -> sum geos -> aggregate days to weeks -> weekly checks -> Dataset. Every data problem
found is collected into one :class:`ValidationReport`; the user's file is never modified.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mixwise.data.checks import check_frequency, check_order, check_rows
from mixwise.data.config import DataSettings, data_settings, load_config
from mixwise.data.dataset import Dataset
from mixwise.data.readers import RawTable, read_table
from mixwise.data.report import Check, ValidationReport
from mixwise.data.roles import ColumnRoles, detect_roles
from mixwise.data.shaping import Typed, infer_frequency, normalise_freq, prepare, to_national, to_weekly
from mixwise.data.validation import check_weekly
from mixwise.errors import DataValidationError

__all__ = ["LoadResult", "load", "SAMPLE_PATH", "SAMPLE_TRUTH_PATH", "sample_truth"]

SAMPLE_PATH = Path(__file__).parent / "sample" / "sample_data.csv"
SAMPLE_TRUTH_PATH = Path(__file__).parent / "sample" / "truth.json"
SAMPLE_SEED = 42


def sample_truth() -> dict[str, Any]:
    """Ground truth of the bundled sample data (true decay, half_saturation, slope, coef, roi per channel)."""
    return json.loads(SAMPLE_TRUTH_PATH.read_text())


@dataclass(frozen=True)
class LoadResult:
    """What :func:`load` returns.

    Attributes:
        dataset: The validated weekly national dataset (None only with ``strict=False`` when a check failed).
        report: Every check run, PASS / WARN / FAIL.
        roles: Which file column plays which role.
        source: The file read (or ``"sample"``).
        format: ``sample``, ``csv``, ``parquet``, ``excel``, ``duckdb``, ``sqlite`` or ``frame``.
        frame_info: Reading details: rows and columns read, delimiter, encoding, sheet, query,
            date format, input frequency.
        geo_frame: Per-geo typed data (``date, geo, <kpi>, <channel>..., <control>...``; weekly if
            aggregated), or None for national data.
        exposures: Weekly impressions/clicks (``date, <column>...``), recorded but not modelled; None if none.
        n_geos: Number of geos summed (0 for national data).
        config: The parsed project file ({} when none).
    """

    dataset: Dataset | None
    report: ValidationReport
    roles: ColumnRoles
    source: str
    format: str
    frame_info: dict[str, Any] = field(default_factory=dict)
    geo_frame: pd.DataFrame | None = None
    exposures: pd.DataFrame | None = None
    n_geos: int = 0
    config: dict[str, Any] = field(default_factory=dict)

    @property
    def headline(self) -> str:
        """One sentence: what was loaded and how the checks went."""
        ds = self.dataset
        if ds is None:
            return f"Could not build a dataset from {self.source}. {self.report.headline}"
        return (
            f"Loaded {ds.n_weeks} weeks ({ds.dates[0]:%Y-%m-%d} to {ds.dates[-1]:%Y-%m-%d}) of {ds.kpi_name} with "
            f"{ds.n_channels} channels and {len(ds.control_names)} controls. {self.report.headline}"
        )

    def summary(self) -> dict[str, Any]:
        """JSON-ready data summary: weeks, date range, kpi total, channels with total spend, controls, notes."""
        doc: dict[str, Any] = {
            "source": self.source,
            "format": self.format,
            "rows_read": self.frame_info.get("rows"),
            "roles": self.roles.to_dict(),
            "geo": {"column": self.roles.geo, "n_geos": self.n_geos} if self.roles.geo else None,
            "exposures": list(self.roles.exposures),
        }
        ds = self.dataset
        if ds is None:
            return doc
        spend_totals = ds.spend.sum(axis=0)
        total = float(spend_totals.sum())
        doc.update(
            {
                "n_weeks": ds.n_weeks,
                "start": f"{ds.dates[0]:%Y-%m-%d}",
                "end": f"{ds.dates[-1]:%Y-%m-%d}",
                "kpi": ds.kpi_name,
                "kpi_total": float(ds.kpi.sum()),
                "kpi_mean": float(ds.kpi.mean()),
                "total_spend": total,
                "channels": [
                    {
                        "channel": ch,
                        "column": label,
                        "total_spend": float(s),
                        "share": float(s / total) if total > 0 else 0.0,
                        "active_weeks": int(np.sum(ds.spend[:, i] > 0)),
                    }
                    for i, (ch, label, s) in enumerate(zip(ds.channels, ds.channel_labels, spend_totals, strict=True))
                ],
                "controls": list(ds.control_names),
                "notes": list(ds.notes),
                "fingerprint": ds.fingerprint(),
            }
        )
        return doc


def _settings(source: Any, config: Any, flags: dict[str, Any]) -> tuple[DataSettings, dict[str, Any]]:
    doc = load_config(config)
    return data_settings(doc).merged(source=source, **flags), doc


def _national_weekly(typed: Typed, freq: str | None) -> tuple[Typed, Typed | None, int, str]:
    """Sum geos and aggregate days; returns (national weekly, per-geo frame, n_geos, input frequency)."""
    typed = typed.with_frame(typed.frame.loc[typed.frame["date"].notna()])
    kind, gap = infer_frequency(typed.frame["date"])
    if kind == "D" and freq != "W":
        dates = typed.frame["date"]
        raise DataValidationError(
            f"The data is daily ({dates.nunique()} days from {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}); "
            'mixwise models weekly data. Add --freq W (or freq = "W" under [data] in mixwise.toml) to sum it '
            "to weeks starting Monday."
        )
    aggregate = freq == "W" and gap < 6
    if freq == "W" and not aggregate and kind != "W":
        raise DataValidationError(
            f"--freq W aggregates daily data to weeks, but these dates are {gap:.0f} days apart. "
            "Provide daily or weekly data, or drop --freq."
        )
    geo_typed: Typed | None = None
    n_geos = 0
    if typed.geo:
        geo_typed = to_weekly(typed) if aggregate else typed
        typed, n_geos = to_national(typed)
    if aggregate:
        typed = to_weekly(typed)
    elif freq == "W":
        typed = typed.with_frame(typed.frame, notes=("The data is already weekly; --freq W left it as is.",))
    return typed, geo_typed, n_geos, kind


def _build_dataset(typed: Typed, roles: ColumnRoles, notes: list[str]) -> Dataset:
    frame = typed.frame.sort_values("date", kind="stable")
    return Dataset(
        dates=pd.DatetimeIndex(frame["date"]),
        kpi=frame[typed.kpi].to_numpy(dtype=float),
        spend=frame[list(typed.channels)].to_numpy(dtype=float),
        channels=typed.channels,
        controls=frame[list(typed.controls)].to_numpy(dtype=float),
        control_names=typed.controls,
        kpi_name=typed.kpi,
        channel_labels=tuple(roles.spend[c] for c in typed.channels),
        notes=tuple(notes),
    )


def load(
    source: str | Path | pd.DataFrame | None = None,
    *,
    date: str | None = None,
    kpi: str | None = None,
    spend: str | dict[str, str] | None = None,
    controls: str | list[str] | None = None,
    geo: str | None = None,
    config: str | Path | None = None,
    sheet: str | int | None = None,
    query: str | None = None,
    freq: str | None = None,
    revenue_per_kpi: str | None = None,
    strict: bool = True,
) -> LoadResult:
    """Load marketing data from a file (or the bundled sample), detect columns, validate, shape weekly.

    Args:
        source: CSV (any delimiter), Parquet, Excel, DuckDB or SQLite file, or an in-memory
            DataFrame with the file's columns; None = the bundled sample data (or ``source`` from
            mixwise.toml).
        date: Date column (auto-detected when None).
        kpi: KPI column (auto: sales, revenue, conversions, kpi, y).
        spend: Channel spend columns: ``"tv=TV_Spend,search=search_S"``, a dict or bare column names
            (auto: ``*_spend``, ``spend_*``, ``*_cost``, Robyn ``*_S``, Meridian ``Channel0_spend``).
        controls: Control columns: ``"price,promo"`` or a list; ``"none"`` for none (auto: price,
            promo, competitor*, holiday*, event*, ``*_control``, Robyn ``*_B``, newsletter/organic).
        geo: Geo column (auto: geo, region, dma, market...); geos are summed to national.
        config: Project file; None looks for ./mixwise.toml. Flags override the file.
        sheet: Excel sheet name or 0-based index.
        query: SQL query or table name for a database file.
        freq: ``"W"`` aggregates daily data to weeks starting Monday.
        revenue_per_kpi: Column with the revenue of one kpi unit: a count kpi (conversions) times it is
            modelled as ``revenue``, so ROI is money (Meridian's ``revenue_per_kpi``). Auto: a
            ``revenue_per_*`` or ``value_per_*`` column when the kpi is a count; ``"none"`` turns it off.
        strict: When True (default) a failed check raises; when False the result carries the
            report and ``dataset`` is None.

    Returns:
        A :class:`LoadResult` with ``dataset``, ``report``, ``roles`` and ``summary()``.

    Raises:
        DataValidationError: unreadable input, unmappable columns, or (strict) any FAIL check,
            listing every failure at once.
        ConfigError: an invalid project file or setting.
    """
    flags = {
        "date": date,
        "kpi": kpi,
        "spend": spend,
        "controls": controls,
        "geo": geo,
        "sheet": sheet,
        "query": query,
        "freq": freq,
        "revenue_per_kpi": revenue_per_kpi,
    }
    in_memory = source if isinstance(source, pd.DataFrame) else None
    settings, doc = _settings(None if in_memory is not None else source, config, flags)
    freq_norm = normalise_freq(settings.freq)
    is_sample = settings.source is None and in_memory is None
    if in_memory is not None:
        path = Path("<DataFrame>")
        raw = RawTable(in_memory.rename(columns=str), "frame", {})
    else:
        path = SAMPLE_PATH if is_sample else Path(settings.source)  # type: ignore[arg-type]
        raw = read_table(path, sheet=settings.sheet, query=settings.query)
    frame = raw.frame
    if len(frame) == 0:
        raise DataValidationError(
            f"{path} has column names ({', '.join(map(str, frame.columns[:8]))}) but no data rows. "
            "Export the data with its rows."
        )
    if len(frame) == 1:
        raise DataValidationError(
            f"{path} has a single data row; a marketing-mix model needs one row per week over many weeks "
            "(52+, ideally 104+). Provide the full history."
        )
    roles = detect_roles(
        frame,
        date=settings.date,
        kpi=settings.kpi,
        spend=settings.spend,
        controls=settings.controls,
        geo=settings.geo,
        revenue_per_kpi=settings.revenue_per_kpi,
    )
    typed = prepare(frame, roles)
    geo_col = typed.frame["geo"] if typed.geo else None
    checks: list[Check] = list(typed.checks) + check_rows(typed) + check_order(typed.frame["date"], geo_col)
    weekly, geo_typed, n_geos, kind = _national_weekly(typed, freq_norm)
    checks += list(weekly.checks[len(typed.checks) :])  # found while aggregating (short weeks)
    checks += check_frequency(weekly.frame["date"]) + check_weekly(weekly)
    report = ValidationReport(tuple(checks))
    notes = list(weekly.notes)
    if is_sample:
        notes.insert(0, f"Bundled sample data: synthetic, seed {SAMPLE_SEED}, with known true ROI (see truth.json).")
    if roles.exposures:
        notes.append(f"Exposure columns recorded, not modelled: {', '.join(roles.exposures)}.")
    if roles.unused:
        notes.append(f"Columns not used: {', '.join(roles.unused)} (map them with --controls to use them).")
    dataset = None
    if report.ok:
        try:
            dataset = _build_dataset(weekly, roles, notes)
        except DataValidationError as exc:
            report = report + ValidationReport((Check("dataset", "FAIL", str(exc)),))
    if strict:
        report.raise_if_failed()
    exposures = None
    if weekly.exposures:
        exposures = weekly.frame[["date", *weekly.exposures]].sort_values("date").reset_index(drop=True)
    info = {"rows": len(frame), "columns": [str(c) for c in frame.columns], "input_frequency": kind, **raw.info}
    return LoadResult(
        dataset=dataset,
        report=report,
        roles=roles,
        source="sample" if is_sample else str(path),
        format="sample" if is_sample else raw.format,
        frame_info=info,
        geo_frame=geo_typed.frame.reset_index(drop=True) if geo_typed is not None else None,
        exposures=exposures,
        n_geos=n_geos,
        config={k: v for k, v in doc.items()},
    )
