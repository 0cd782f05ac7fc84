"""Row and date checks: duplicated dates, missing values, order, gaps and frequency.

Run on the typed frame before aggregation (rows, order) and on the final weekly dates (frequency).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mixwise.data.report import Check
from mixwise.data.shaping import Typed, infer_frequency

__all__ = ["check_rows", "check_order", "check_frequency", "shown_list"]


def shown_list(values: list[str], limit: int = 5) -> str:
    """``a, b, c and 4 more``."""
    shown = ", ".join(values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def check_rows(typed: Typed) -> list[Check]:
    """Row-level checks before any aggregation: duplicated dates (per geo) and missing values."""
    frame = typed.frame
    checks: list[Check] = []
    keys = ["geo", "date"] if typed.geo else ["date"]
    dupes = frame.loc[frame.duplicated(keys, keep=False) & frame["date"].notna(), keys]
    if len(dupes):
        first = dupes.drop_duplicates().head(3)
        shown = ", ".join(
            f"{r.date:%Y-%m-%d}" + (f" in geo {r.geo}" if typed.geo else "") for r in first.itertuples(index=False)
        )
        what = "geo and date" if typed.geo else "date"
        checks.append(
            Check(
                "duplicate_dates",
                "FAIL",
                f"{len(dupes)} rows share a {what} with another row (e.g. {shown}).",
                "Keep one row per "
                + ("geo and " if typed.geo else "")
                + "date: sum or delete the duplicates."
                + ("" if typed.geo else " If the file has one row per region, name the column with --geo."),
            )
        )
    else:
        checks.append(Check("duplicate_dates", "PASS", "Every date appears once" + (" per geo." if typed.geo else ".")))
    n = len(frame)
    problems = []
    for col in (typed.kpi, *typed.channels, *typed.controls):
        n_null = int(frame[col].isna().sum())
        if n_null == n:
            problems.append(
                Check(
                    "nulls",
                    "FAIL",
                    f"Column '{col}' has no values at all (every cell is empty or unreadable).",
                    f"Fill '{col}' or leave it out of the mapping.",
                    col,
                )
            )
        elif n_null:
            rows = (np.flatnonzero(frame[col].isna().to_numpy())[:5] + 2).tolist()  # +2: header row, 1-based
            problems.append(
                Check(
                    "nulls",
                    "FAIL",
                    f"Column '{col}' has {n_null} empty cell(s) (file rows {shown_list([str(r) for r in rows])}).",
                    "Fill them (0 if there was no spend that week) or drop those rows.",
                    col,
                )
            )
    checks.extend(problems or [Check("nulls", "PASS", "No missing values in the kpi, spend or control columns.")])
    return checks


def check_order(dates: pd.Series, geo: pd.Series | None = None) -> list[Check]:
    """Are the dates in increasing order in the file (within each geo)? Unsorted is a WARN: mixwise sorts."""
    if geo is not None:
        ordered = not bool((dates.groupby(geo.to_numpy()).diff() < pd.Timedelta(0)).any())
    else:
        ordered = bool(dates.dropna().is_monotonic_increasing)
    if not ordered:
        return [
            Check(
                "date_order",
                "WARN",
                "Dates are not in increasing order in the file; mixwise sorted them.",
                "Nothing to do, unless the order carried meaning.",
            )
        ]
    return [Check("date_order", "PASS", "Dates are in increasing order.")]


def check_frequency(dates: pd.Series | pd.DatetimeIndex) -> list[Check]:
    """Weekly with no gaps is a PASS; missing weeks, irregular steps, daily or monthly data are WARNs."""
    checks: list[Check] = []
    dates = pd.Series(dates)
    uniq = pd.DatetimeIndex(dates.dropna().unique()).sort_values()
    freq, gap = infer_frequency(uniq)
    if freq == "W":
        steps = np.diff(uniq.asi8) / 86_400e9
        missing = [f"{d:%Y-%m-%d}" for d, s in zip(uniq[:-1], steps, strict=True) if s > 7.5]
        odd = int(np.sum((steps < 6.5) | ((steps > 7.5) & (np.round(steps) % 7 != 0))))
        if missing:
            n_missing = int(np.sum(np.round(steps[steps > 7.5] / 7) - 1))
            checks.append(
                Check(
                    "frequency",
                    "WARN",
                    f"{n_missing} week(s) missing from the series (gaps after {shown_list(missing, 3)}).",
                    "Add the missing weeks (with 0 spend if nothing ran); a model treats the series as continuous.",
                )
            )
        elif odd:
            checks.append(
                Check(
                    "frequency",
                    "WARN",
                    f"{odd} step(s) between dates are not 7 days; the weeks are irregular.",
                    "Use one date per week, all on the same weekday.",
                )
            )
        else:
            checks.append(Check("frequency", "PASS", f"Weekly data, {len(uniq)} consecutive weeks."))
    elif freq == "D":
        checks.append(
            Check(
                "frequency",
                "WARN",
                "The data is daily; mixwise models weekly data.",
                'Aggregate it to weeks with --freq W (freq = "W" in mixwise.toml).',
            )
        )
    elif freq == "M":
        checks.append(
            Check(
                "frequency",
                "WARN",
                f"The data looks monthly (median gap {gap:.0f} days); adstock is in weeks.",
                "Use weekly data if you have it; monthly results are rough.",
            )
        )
    elif freq != "single":
        checks.append(
            Check(
                "frequency",
                "WARN",
                f"Irregular dates: median gap {gap:.1f} days.",
                "Use one row per week (aggregate daily data with --freq W).",
            )
        )
    return checks
