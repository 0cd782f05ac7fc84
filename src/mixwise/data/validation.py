"""Data-quality checks: every issue at once, as a :class:`ValidationReport`.

``validate`` accepts a :class:`Dataset` or a DataFrame (raw file columns, detected like
:func:`mixwise.data.load` does) and never raises on data problems: it reports them. FAIL means
the data cannot be modelled as is; WARN is a caveat that travels with every result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mixwise.data.checks import check_frequency, check_order, check_rows, shown_list
from mixwise.data.dataset import Dataset
from mixwise.data.report import Check, ValidationReport
from mixwise.data.shaping import Typed

__all__ = [
    "validate",
    "check_rows",
    "check_weekly",
    "check_order",
    "check_frequency",
    "N_BASE_PARAMS",
    "PARAMS_PER_CHANNEL",
]

#: Parameters a model spends per channel (coef, decay, half_saturation, slope).
PARAMS_PER_CHANNEL = 4
#: Parameters outside media: intercept, trend, 4 seasonal terms, noise.
N_BASE_PARAMS = 7
OUTLIER_Z = 5.0
CORR_LIMIT = 0.9
VIF_LIMIT = 10.0


def _robust_z(x: np.ndarray) -> np.ndarray:
    med = np.median(x)
    mad = 1.4826 * np.median(np.abs(x - med))
    if mad <= 1e-12 * max(abs(med), 1.0):
        return np.zeros_like(x)
    return (x - med) / mad


def _value_checks(frame: pd.DataFrame, typed: Typed) -> list[Check]:
    checks: list[Check] = []
    kpi = frame[typed.kpi].to_numpy(dtype=float)
    k = kpi[np.isfinite(kpi)]
    if np.any(k < 0):
        checks.append(
            Check(
                "kpi_values",
                "FAIL",
                f"The KPI '{typed.kpi}' is negative in {int(np.sum(k < 0))} week(s) (min {k.min():,.2f}).",
                "A KPI counts sales, revenue or conversions and cannot be negative; fix those rows.",
                typed.kpi,
            )
        )
    elif len(k) and np.ptp(k) == 0:
        checks.append(
            Check(
                "kpi_values",
                "FAIL",
                f"The KPI '{typed.kpi}' is constant ({k[0]:,.2f}); there is nothing to explain.",
                "Check that --kpi names the right column.",
                typed.kpi,
            )
        )
    elif np.any(k == 0):
        checks.append(
            Check(
                "kpi_values",
                "WARN",
                f"The KPI '{typed.kpi}' is zero in {int(np.sum(k == 0))} week(s).",
                "Check those weeks are real (not missing data written as 0).",
                typed.kpi,
            )
        )
    else:
        checks.append(Check("kpi_values", "PASS", f"The KPI '{typed.kpi}' is positive every week.", column=typed.kpi))
    negative = [c for c in typed.channels if np.any(frame[c].to_numpy(dtype=float) < 0)]
    if negative:
        detail = ", ".join(f"{c} ({int((frame[c] < 0).sum())} week(s), min {frame[c].min():,.2f})" for c in negative)
        checks.append(
            Check(
                "negative_spend",
                "FAIL",
                f"Negative spend in {detail}.",
                "Spend must be >= 0: correct refunds or credits at the source.",
            )
        )
    else:
        checks.append(Check("negative_spend", "PASS", "No negative spend."))
    for c in typed.channels:
        x = frame[c].to_numpy(dtype=float)
        x = x[np.isfinite(x)]
        if len(x) and np.all(x == 0):
            checks.append(
                Check(
                    "channel_variation",
                    "FAIL",
                    f"Channel '{c}' has zero spend in every week.",
                    "Leave it out (--spend without it); its effect cannot be measured.",
                    c,
                )
            )
        elif len(x) and np.ptp(x) == 0:
            checks.append(
                Check(
                    "channel_variation",
                    "WARN",
                    f"Channel '{c}' spends the same {x[0]:,.2f} every week.",
                    "Its effect cannot be told apart from the baseline; expect a wide interval.",
                    c,
                )
            )
    for c in typed.controls:
        x = frame[c].to_numpy(dtype=float)
        x = x[np.isfinite(x)]
        if len(x) and np.ptp(x) == 0:
            checks.append(
                Check(
                    "control_variation",
                    "WARN",
                    f"Control '{c}' is constant ({x[0]:g}).",
                    "It adds nothing to the model; leave it out with --controls.",
                    c,
                )
            )
    return checks


def _outlier_checks(frame: pd.DataFrame, typed: Typed) -> list[Check]:
    checks = []
    dates = frame["date"]
    for col, positive_only in ((typed.kpi, False), *((c, True) for c in typed.channels)):
        x = frame[col].to_numpy(dtype=float)
        mask = np.isfinite(x) & ((x > 0) if positive_only else True)
        if mask.sum() < 8:
            continue
        z = np.zeros(len(x))
        # Spend is flighted and heavy-tailed: compare active weeks on a log scale (a typo x10 still stands out).
        z[mask] = _robust_z(np.log(x[mask]) if positive_only else x[mask])
        # Low spend weeks (a flight ramping up) are normal; only unusually high spend is suspicious.
        hits = np.flatnonzero((z if positive_only else np.abs(z)) > OUTLIER_Z)
        if len(hits):
            shown = shown_list([f"{dates.iloc[i]:%Y-%m-%d} ({x[i]:,.0f})" for i in hits], 3)
            checks.append(
                Check(
                    "outliers",
                    "WARN",
                    f"'{col}' has {len(hits)} extreme value(s), robust z > {OUTLIER_Z:g}: {shown}.",
                    "Check them for typos or one-off events; they are kept, not dropped.",
                    col,
                )
            )
    return checks or [Check("outliers", "PASS", f"No extreme values (robust z-score above {OUTLIER_Z:g}).")]


def _adequacy_check(n_weeks: int, n_channels: int, n_controls: int) -> list[Check]:
    n_params = N_BASE_PARAMS + PARAMS_PER_CHANNEL * n_channels + n_controls
    ratio = n_weeks / n_params
    text = f"{n_weeks} weeks for about {n_params} parameters (ratio {ratio:.1f})"
    if ratio < 1:
        check = Check(
            "adequacy",
            "FAIL",
            f"Too few observations: {text}.",
            "Add history, or model fewer channels (merge small ones).",
        )
    elif ratio < 3:
        check = Check(
            "adequacy",
            "WARN",
            f"Thin data: {text}; estimates will lean on the priors.",
            "Add history or merge small channels; read intervals, not point values.",
        )
    else:
        check = Check("adequacy", "PASS", f"Data adequacy: {text}.")
    checks = [check]
    if n_weeks < 52:
        checks.append(
            Check(
                "history",
                "WARN",
                f"Only {n_weeks} weeks of history: yearly seasonality cannot be estimated.",
                "Use at least 52 weeks, ideally 104 or more.",
            )
        )
    return checks


def _collinearity_checks(frame: pd.DataFrame, typed: Typed) -> list[Check]:
    cols = [c for c in (*typed.channels, *typed.controls) if np.ptp(frame[c].to_numpy(dtype=float)) > 0]
    x = frame[cols].to_numpy(dtype=float)
    if len(cols) < 2 or not np.all(np.isfinite(x)) or len(x) < 3:
        return [Check("collinearity", "PASS", "Fewer than two varying inputs: no collinearity to check.")]
    corr = np.corrcoef(x, rowvar=False)
    checks = []
    pairs = [
        (cols[i], cols[j], corr[i, j])
        for i in range(len(cols))
        for j in range(i + 1, len(cols))
        if abs(corr[i, j]) > CORR_LIMIT
    ]
    if pairs:
        shown = shown_list([f"{a} & {b} (r = {r:.2f})" for a, b, r in pairs], 4)
        checks.append(
            Check(
                "collinearity",
                "WARN",
                f"Strongly correlated inputs: {shown}.",
                "The model cannot tell their effects apart: merge them, or add an experiment or prior.",
            )
        )
    try:
        vif = np.diag(np.linalg.inv(corr))
    except np.linalg.LinAlgError:
        vif = np.full(len(cols), np.inf)
    high = [(c, v) for c, v in zip(cols, vif, strict=True) if not (v < VIF_LIMIT)]
    if high:
        shown = shown_list([f"{c} ({v:.0f})" if np.isfinite(v) else f"{c} (inf)" for c, v in high], 4)
        checks.append(
            Check(
                "vif",
                "WARN",
                f"High variance inflation (VIF > {VIF_LIMIT:g}): {shown}.",
                "These inputs move together; their separate effects will be uncertain.",
            )
        )
    return checks or [
        Check(
            "collinearity", "PASS", f"No pair of inputs correlates above {CORR_LIMIT}; every VIF below {VIF_LIMIT:g}."
        )
    ]


def _scale_check(frame: pd.DataFrame, typed: Typed) -> list[Check]:
    kpi_total = float(np.nansum(frame[typed.kpi].to_numpy(dtype=float)))
    spend_total = float(np.nansum(frame[list(typed.channels)].to_numpy(dtype=float)))
    if kpi_total <= 0 or spend_total <= 0:
        return []
    ratio = spend_total / kpi_total
    if ratio > 10:
        return [
            Check(
                "scale",
                "WARN",
                f"Total spend is {ratio:,.0f}x the total KPI: a unit mistake (KPI in thousands, spend in units)?",
                "Put spend and KPI in comparable units, or ROI figures will be tiny.",
            )
        ]
    if ratio < 1e-4:
        return [
            Check(
                "scale",
                "WARN",
                f"Total spend is only {ratio:.1e} of the total KPI: a unit mistake (spend in thousands)?",
                "Put spend and KPI in comparable units, or ROI figures will be huge.",
            )
        ]
    return [Check("scale", "PASS", f"Spend is {ratio:.1%} of the KPI total: plausible units.")]


def check_weekly(typed: Typed) -> list[Check]:
    """Checks on the national weekly series (after any geo sum and daily aggregation)."""
    frame = typed.frame.sort_values("date", kind="stable").reset_index(drop=True)
    checks = _value_checks(frame, typed)
    checks += _outlier_checks(frame, typed)
    checks += _adequacy_check(int(frame["date"].nunique()), len(typed.channels), len(typed.controls))
    checks += _collinearity_checks(frame, typed)
    checks += _scale_check(frame, typed)
    return checks


def validate(data: Dataset | pd.DataFrame, **mapping: object) -> ValidationReport:
    """Check data for every issue at once; never raises on data problems.

    Args:
        data: A :class:`Dataset`, or a DataFrame with the raw file columns (roles detected like
            :func:`mixwise.data.load`; pass ``date=``, ``kpi=``, ``spend=``, ``controls=``, ``geo=``
            to map them explicitly).
        **mapping: Column mapping for a DataFrame; ignored for a Dataset.

    Returns:
        A :class:`ValidationReport` (``report.failures``, ``report.warnings``, ``report.to_dict()``).

    Raises:
        DataValidationError: a DataFrame whose columns cannot be mapped (no date, KPI or spend).
    """
    if isinstance(data, Dataset):
        frame = data.to_frame()
        typed = Typed(frame, data.kpi_name, data.channels, data.control_names)
        checks = check_rows(typed) + check_order(frame["date"]) + check_frequency(frame["date"])
        return ValidationReport(tuple(checks + check_weekly(typed)))
    from mixwise.data.config import parse_controls, parse_spend
    from mixwise.data.roles import detect_roles
    from mixwise.data.shaping import prepare, to_national

    roles = detect_roles(
        data,
        date=mapping.get("date"),  # type: ignore[arg-type]
        kpi=mapping.get("kpi"),  # type: ignore[arg-type]
        spend=parse_spend(mapping.get("spend")),  # type: ignore[arg-type]
        controls=parse_controls(mapping.get("controls")),  # type: ignore[arg-type]
        geo=mapping.get("geo"),  # type: ignore[arg-type]
    )
    typed = prepare(data, roles)
    geo = typed.frame["geo"] if typed.geo else None
    checks = list(typed.checks) + check_rows(typed) + check_order(typed.frame["date"], geo)
    checks += check_frequency(typed.frame["date"])
    if typed.geo:
        typed, _ = to_national(typed)
    return ValidationReport(tuple(checks + check_weekly(typed)))
