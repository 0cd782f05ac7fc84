"""From a raw table to a typed weekly frame: parse values, expand events, sum geos, aggregate days.

Column names in the typed frame: ``date``, optional ``geo``, the KPI under its own name, one
column per channel (normalised name), one per control (event text expanded to 0/1 columns) and
the exposure columns. Problems found while parsing become :class:`Check` entries, never
silent fixes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mixwise.data.parsing import NULL_TOKENS, decimal_evidence, is_text, parse_dates, parse_numbers
from mixwise.data.report import Check
from mixwise.data.roles import ColumnRoles
from mixwise.errors import ConfigError, DataValidationError

__all__ = ["Typed", "prepare", "to_national", "infer_frequency", "to_weekly", "normalise_freq"]

_NO_EVENT = NULL_TOKENS | {"0", "no", "false", "off", "none"}
_MAX_EVENT_VALUES = 20


@dataclass(frozen=True)
class Typed:
    """A typed frame and what it holds.

    Attributes:
        frame: Columns ``date`` (datetime64), ``geo`` (if any), kpi, channels, controls, exposures.
        kpi: KPI column name (the user's).
        channels: Channel column names (normalised).
        controls: Control column names (after event expansion).
        exposures: Exposure column names.
        geo: True when a ``geo`` column is present.
        checks: Problems found while parsing.
        notes: How values were read (date format, decimal mark, events expanded).
    """

    frame: pd.DataFrame
    kpi: str
    channels: tuple[str, ...]
    controls: tuple[str, ...]
    exposures: tuple[str, ...] = ()
    geo: bool = False
    checks: tuple[Check, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def with_frame(
        self,
        frame: pd.DataFrame,
        *,
        geo: bool | None = None,
        notes: tuple[str, ...] = (),
        checks: tuple[Check, ...] = (),
    ) -> Typed:
        """A copy holding ``frame`` (after aggregation), with extra notes and checks appended."""
        return Typed(
            frame,
            self.kpi,
            self.channels,
            self.controls,
            self.exposures,
            self.geo if geo is None else geo,
            self.checks + checks,
            self.notes + notes,
        )


def _bad_check(column: str, role: str, n_bad: int, examples: tuple[str, ...], what: str = "numbers") -> Check:
    shown = ", ".join(repr(e) for e in examples)
    return Check(
        "unparseable",
        "FAIL",
        f"{role} column '{column}' has {n_bad} value(s) that are not {what} (e.g. {shown}).",
        f"Correct or blank those cells in '{column}' (the file itself is never modified by mixwise).",
        column,
    )


def _expand_events(column: str, series: pd.Series) -> tuple[dict[str, np.ndarray], str]:
    """One 0/1 column per event value of a text column ("na"/"none"/"" mean no event)."""
    text = series.astype("string").str.strip()
    present = text.notna() & ~text.str.lower().isin(_NO_EVENT)
    values = sorted(text[present].unique())
    out: dict[str, np.ndarray] = {}
    for value in values:
        slug = re.sub(r"[^0-9a-z]+", "_", str(value).lower()).strip("_") or "event"
        out[f"{column}_{slug}"] = (text == value).fillna(False).to_numpy(dtype=float)
    note = f"Text column '{column}' expanded to {len(out)} 0/1 control(s): {', '.join(out) or '(no events)'}."
    return out, note


def _file_decimal(frame: pd.DataFrame, columns: list[str]) -> str:
    """The decimal mark most text columns of the file prove ("." when none tells)."""
    votes = [decimal_evidence(frame[c]) for c in dict.fromkeys(columns)]
    comma = sum(c and not d for c, d in votes)
    dot = sum(d and not c for c, d in votes)
    return "," if comma > dot else "."


def _kpi_name(roles: ColumnRoles) -> str:
    """The modelled kpi's name: the kpi column's, or ``revenue`` when a revenue-per-kpi column converts it."""
    if not roles.revenue_per_kpi:
        return roles.kpi
    others = {*roles.spend, *roles.controls, *roles.exposures}
    return "revenue" if "revenue" not in others else f"{roles.kpi}_revenue"


def _check_names(roles: ColumnRoles) -> None:
    """Channel names become column names next to the KPI and controls: they must not clash."""
    names = ["date", "geo", _kpi_name(roles), *roles.spend, *roles.controls, *roles.exposures]
    clashes = sorted({n for n in names if names.count(n) > 1} - ({"geo"} if not roles.geo else set()))
    if clashes:
        raise DataValidationError(
            f"Name clash: {', '.join(repr(c) for c in clashes)} would be both a channel and another column "
            f"(kpi {_kpi_name(roles)!r}, controls {', '.join(roles.controls) or 'none'}). Give the channels other names "
            "with --spend name=COLUMN, e.g. --spend tv_media=tv_spend."
        )


def prepare(frame: pd.DataFrame, roles: ColumnRoles) -> Typed:
    """Parse every role column of ``frame`` into numbers and dates.

    Raises:
        DataValidationError: the date column holds no dates, or the KPI column holds no numbers.
    """
    _check_names(roles)
    checks: list[Check] = []
    notes: list[str] = []
    data: dict[str, np.ndarray | pd.Series] = {}
    parsed_dates = parse_dates(frame[roles.date])
    if parsed_dates.values.isna().all():
        examples = ", ".join(repr(str(v)) for v in frame[roles.date].dropna().head(3))
        raise DataValidationError(
            f"The date column '{roles.date}' holds no recognisable dates (values like {examples or 'none'}). "
            "Use ISO dates (2024-01-01), m/d/Y or d.m.Y, or name the right column with --date."
        )
    if parsed_dates.n_bad:
        checks.append(_bad_check(roles.date, "Date", parsed_dates.n_bad, parsed_dates.bad_examples, "dates"))
    if parsed_dates.format and parsed_dates.format != "%Y-%m-%d":
        notes.append(f"Dates in '{roles.date}' read as {parsed_dates.format}.")
    if parsed_dates.ambiguous:
        checks.append(
            Check(
                "date_format",
                "WARN",
                f"Dates in '{roles.date}' fit both day-first and month-first; read as {parsed_dates.format}.",
                "Check the date range in the summary, or use ISO dates (2024-01-31).",
                roles.date,
            )
        )
    data["date"] = parsed_dates.values.to_numpy()
    if roles.geo:
        data["geo"] = frame[roles.geo].astype("string").to_numpy()
    hint = _file_decimal(frame, [roles.kpi, *roles.spend.values(), *roles.controls, *roles.exposures])
    kpi = parse_numbers(frame[roles.kpi], hint)
    if kpi.values.isna().all() and kpi.n_bad:
        raise DataValidationError(
            f"The KPI column '{roles.kpi}' holds no numbers (values like {', '.join(map(repr, kpi.bad_examples))}). "
            "The KPI must be numeric (sales, revenue, conversions); name the right column with --kpi."
        )
    if kpi.n_bad:
        checks.append(_bad_check(roles.kpi, "KPI", kpi.n_bad, kpi.bad_examples))
    kpi_values = kpi.values.to_numpy()
    if roles.revenue_per_kpi:
        value = parse_numbers(frame[roles.revenue_per_kpi], hint)
        if value.n_bad:
            checks.append(_bad_check(roles.revenue_per_kpi, "Revenue per kpi", value.n_bad, value.bad_examples))
        kpi_values = kpi_values * value.values.to_numpy(dtype=float)
        notes.append(
            f"KPI = {roles.kpi} x {roles.revenue_per_kpi} = {_kpi_name(roles)}, so ROI is money returned per money "
            "spent (pass --revenue-per-kpi none to model the count itself)."
        )
    data[_kpi_name(roles)] = kpi_values
    decimals = {kpi.decimal}
    for channel, column in roles.spend.items():
        parsed = parse_numbers(frame[column], hint)
        if parsed.n_bad:
            checks.append(_bad_check(column, f"Spend ({channel})", parsed.n_bad, parsed.bad_examples))
        if parsed.ambiguous:
            mark = "thousands separator" if hint == "." else "decimal mark"
            notes.append(f"'{column}': values like 1,234 were read with ',' as the {mark}, as elsewhere in the file.")
        decimals.add(parsed.decimal)
        data[channel] = parsed.values.to_numpy()
    controls: list[str] = []
    for column in roles.controls:
        series = frame[column]
        parsed = parse_numbers(series, hint)
        n_ok = int(parsed.values.notna().sum())
        if is_text(series) and parsed.n_bad > n_ok:
            n_values = series.astype("string").str.strip().str.lower().nunique()
            if n_values > _MAX_EVENT_VALUES:
                checks.append(_bad_check(column, "Control", parsed.n_bad, parsed.bad_examples))
                continue
            dummies, note = _expand_events(column, series)
            data.update(dummies)
            controls.extend(dummies)
            notes.append(note)
            continue
        if parsed.n_bad:
            checks.append(_bad_check(column, "Control", parsed.n_bad, parsed.bad_examples))
        data[column] = parsed.values.to_numpy()
        controls.append(column)
    exposures: list[str] = []
    for column in roles.exposures:
        parsed = parse_numbers(frame[column], hint)
        if parsed.values.notna().any():
            data[column] = parsed.values.to_numpy()
            exposures.append(column)
    if "," in decimals:
        notes.append("Numbers read with ',' as the decimal mark.")
    typed = pd.DataFrame(data, index=pd.RangeIndex(len(frame)))
    return Typed(
        typed,
        _kpi_name(roles),
        tuple(roles.spend),
        tuple(controls),
        tuple(exposures),
        bool(roles.geo),
        tuple(checks),
        tuple(notes),
    )


def _agg_spec(typed: Typed, control_how: str) -> dict[str, str]:
    spec = {typed.kpi: "sum", **{c: "sum" for c in typed.channels}, **{e: "sum" for e in typed.exposures}}
    spec.update({c: control_how for c in typed.controls})
    return spec


def to_national(typed: Typed) -> tuple[Typed, int]:
    """Sum geos to one national series (kpi, spend, exposures summed; controls averaged).

    Returns:
        The national typed data and the number of geos.
    """
    frame = typed.frame
    n_geos = int(frame["geo"].nunique(dropna=False))
    grouped = frame.drop(columns="geo").groupby("date", sort=True, dropna=True)
    national = grouped.agg(_agg_spec(typed, "mean")) if len(frame) else frame.drop(columns="geo")
    # A sum over geos of all-NaN cells is NaN, not 0: keep missing data visible to the checks.
    counts = grouped.count()
    for col in (typed.kpi, *typed.channels):
        national.loc[counts[col] == 0, col] = np.nan
    national = national.reset_index()
    note = f"Geo data summed to national: {n_geos} geos; geo-level models are not available yet."
    rows = grouped.size()
    short = rows[rows < n_geos]
    checks: tuple[Check, ...] = ()
    if len(short):
        shown = ", ".join(f"{d:%Y-%m-%d} ({n} of {n_geos})" for d, n in short.head(3).items())
        checks = (
            Check(
                "geo_coverage",
                "WARN",
                f"{len(short)} date(s) lack rows for some geos (e.g. {shown}); national sums are too low there.",
                "Add the missing geo rows (0 spend if nothing ran) so every date covers every geo.",
            ),
        )
    return typed.with_frame(national, geo=False, notes=(note,), checks=checks), n_geos


def infer_frequency(dates: pd.Series | pd.DatetimeIndex) -> tuple[str, float]:
    """Frequency of the distinct dates: ``D``, ``W``, ``M``, ``irregular`` or ``single``, and the median gap in days."""
    uniq = pd.DatetimeIndex(pd.Series(dates).dropna().unique()).sort_values()
    if len(uniq) < 2:
        return "single", float("nan")
    gap = float(np.median(np.diff(uniq.asi8)) / 86_400e9)
    if gap <= 1.5:
        return "D", gap
    if 6 <= gap <= 8:
        return "W", gap
    if 27 <= gap <= 32:
        return "M", gap
    return "irregular", gap


def normalise_freq(freq: str | None) -> str | None:
    """``None`` (keep as is) or ``"W"``; anything else is a ConfigError."""
    if freq is None:
        return None
    key = str(freq).strip().upper()
    if key in ("W", "WEEKLY", "WEEK", "W-MON"):
        return "W"
    if key in ("", "NONE"):
        return None
    raise ConfigError(f"Unsupported freq {freq!r}. Allowed: W (aggregate daily data to weeks starting Monday).")


def to_weekly(typed: Typed) -> Typed:
    """Aggregate daily national data to weeks starting Monday (W-MON).

    KPI, spend and exposures are summed; controls (price, promotions, events) are averaged over
    the days of the week. A first or last week with fewer than 7 days is dropped, with a note.
    """
    frame = typed.frame
    week = (frame["date"] - pd.to_timedelta(frame["date"].dt.day_of_week, unit="D")).rename("date")
    keys = [frame["geo"], week] if typed.geo else [week]
    grouped = frame.drop(columns=["date", "geo"] if typed.geo else ["date"]).groupby(keys, sort=True)
    weekly = grouped.agg(_agg_spec(typed, "mean")).reset_index()
    days = frame["date"].groupby(week).nunique()
    notes = [
        f"Daily data aggregated to {len(days)} weeks starting Monday (sums for kpi and spend, means for controls)."
    ]
    edges = [d for d in (days.index[0], days.index[-1]) if days[d] < 7]
    if edges and len(days) - len(set(edges)) >= 2:
        weekly = weekly.loc[~weekly["date"].isin(edges)]
        shown = ", ".join(f"{d:%Y-%m-%d} ({days[d]} days)" for d in sorted(set(edges)))
        notes.append(f"Incomplete edge week(s) dropped: {shown}.")
    short = days.drop(index=edges)
    short = short[short < 7]
    checks: tuple[Check, ...] = ()
    if len(short):
        shown = ", ".join(f"{d:%Y-%m-%d} ({n} days)" for d, n in short.head(3).items())
        checks = (
            Check(
                "missing_days",
                "WARN",
                f"{len(short)} week(s) have fewer than 7 days of data (e.g. {shown}); their sums are too low.",
                "Fill the missing days (0 spend if nothing ran) so every week is complete.",
            ),
        )
    return typed.with_frame(weekly.reset_index(drop=True), notes=tuple(notes), checks=checks)
