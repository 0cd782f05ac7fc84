"""Forecast the kpi for the next weeks under a spend plan, with intervals from the model's draws.

Plan: by default each future week repeats the spend (and controls) of the same week a year earlier
(52 weeks back; with under a year of history, the last ``weeks`` weeks repeated); or a plan table /
CSV with a ``date`` column and one spend column per channel (names or the user's labels), plus
optional control columns (controls not given stay at their training mean).

Carry-over from the last ``max_lag`` weeks of real spend flows into the forecast. The interval adds
observation noise when the model exposes noise draws (``sigma_`` or ``posterior_["sigma"]``, one per
draw). The plan's ROI counts its effects up to ``max_lag`` weeks after the horizon. Trend and
seasonality beyond the last data week are extrapolations and flagged as such.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mixwise.errors import ConfigError, UnknownChannelError
from mixwise.formatting import fmt_kpi, fmt_money
from mixwise.models.base import MMMBase
from mixwise.transforms.media import media_contribution

__all__ = ["forecast", "ForecastResult", "default_plan", "read_plan"]


@dataclass(frozen=True)
class ForecastResult:
    """A kpi forecast.

    Attributes:
        weekly: Frame ``date, mean, lower, upper, base, media, spend`` (kpi units; spend is the
            plan's total spend that week).
        total: ``{"mean", "lower", "upper"}`` kpi over the horizon.
        media_kpi: ``{"mean", "lower", "upper"}`` kpi from the plan's spend (incl. its carry-over tail).
        spend_total: Plan spend over the horizon; spend_by_channel: ``{channel: spend}``.
        roi: ``{"mean", "lower", "upper"}`` plan ROI (media_kpi / spend_total).
        plan_source: Where the plan came from; flags: extrapolation and data caveats.
        observation_noise: Whether the interval includes the model's noise.
    """

    weekly: pd.DataFrame
    total: dict[str, float]
    media_kpi: dict[str, float]
    spend_total: float
    spend_by_channel: dict[str, float]
    roi: dict[str, float]
    weeks: int
    level: float
    kpi_name: str
    plan_source: str
    observation_noise: bool
    headline: str
    flags: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        weekly = self.weekly.assign(date=self.weekly.date.dt.strftime("%Y-%m-%d"))
        return {
            "weeks": self.weeks,
            "level": self.level,
            "kpi_name": self.kpi_name,
            "total": dict(self.total),
            "media_kpi": dict(self.media_kpi),
            "spend_total": self.spend_total,
            "spend_by_channel": dict(self.spend_by_channel),
            "roi": dict(self.roi),
            "plan_source": self.plan_source,
            "observation_noise": self.observation_noise,
            "weekly": weekly.to_dict(orient="records"),
            "headline": self.headline,
            "flags": list(self.flags),
            "notes": list(self.notes),
        }


def _future_dates(dates: pd.DatetimeIndex, weeks: int) -> pd.DatetimeIndex:
    step = pd.Timedelta(days=7) if len(dates) < 2 else pd.Timedelta(pd.Series(dates).diff().median())
    return pd.DatetimeIndex([dates[-1] + step * (k + 1) for k in range(weeks)])


def default_plan(model: MMMBase, weeks: int) -> tuple[pd.DatetimeIndex, np.ndarray, np.ndarray, str]:
    """Next ``weeks`` dates with last year's same-week spend and controls.

    Returns:
        ``(dates, spend (N, C), controls (N, K), description)``.
    """
    ds = model.dataset_
    t = ds.n_weeks
    if t >= 52:
        idx = t - 52 + (np.arange(weeks) % 52)
        source = "the same weeks last year"
    else:
        idx = (np.arange(weeks) - weeks) % t
        source = f"the last {weeks} weeks repeated (less than a year of history)"
    return _future_dates(ds.dates, weeks), ds.spend[idx], ds.controls[idx], source


def read_plan(model: MMMBase, plan: pd.DataFrame | str | Path) -> tuple[pd.DatetimeIndex, np.ndarray, np.ndarray, str]:
    """Read a plan table or CSV: ``date`` plus one column per channel (and optional controls).

    Raises:
        ConfigError: missing date or channel columns, unknown columns, negative spend.
    """
    ds = model.dataset_
    source = "the plan table"
    if not isinstance(plan, pd.DataFrame):
        path = Path(plan)
        if not path.exists():
            raise ConfigError(
                f"Plan file {path} does not exist. Give a CSV with a date column and one column per channel."
            )
        plan, source = pd.read_csv(path), f"plan file {path.name}"
    cols = {str(c).strip().lower(): c for c in plan.columns}
    date_col = next((cols[k] for k in ("date", "week", "week_start", "ds") if k in cols), None)
    if date_col is None:
        raise ConfigError(f"The plan needs a 'date' column; it has: {', '.join(map(str, plan.columns))}.")
    spend = np.zeros((len(plan), ds.n_channels))
    controls = np.tile(ds.controls.mean(axis=0), (len(plan), 1))
    seen, unknown = set(), []
    for col in plan.columns:
        if col == date_col:
            continue
        name = str(col).strip()
        if name.lower() in (c.lower() for c in ds.control_names):
            k = [c.lower() for c in ds.control_names].index(name.lower())
            controls[:, k] = _numbers(plan[col], name)
            continue
        try:
            i = ds.channel_index(name)
        except UnknownChannelError:
            try:
                i = ds.channel_index(name.removesuffix("_spend").removesuffix("_S"))
            except UnknownChannelError:
                unknown.append(name)
                continue
        spend[:, i] = _numbers(plan[col], name)
        seen.add(i)
    missing = [ds.channels[i] for i in range(ds.n_channels) if i not in seen]
    if unknown or missing:
        raise ConfigError(
            "The plan's columns do not match the model: "
            + (f"unknown column(s) {', '.join(unknown)}; " if unknown else "")
            + (f"missing channel(s) {', '.join(missing)}; " if missing else "")
            + f"expected date, {', '.join(ds.channels)} (and optionally {', '.join(ds.control_names) or 'no controls'})."
        )
    if np.any(~np.isfinite(spend)) or np.any(spend < 0):
        raise ConfigError("Plan spend must be finite and >= 0 in every week; fix the plan file.")
    dates = pd.DatetimeIndex(pd.to_datetime(plan[date_col]))
    return dates, spend, controls, source


def _numbers(col: pd.Series, name: str) -> np.ndarray:
    try:
        return pd.to_numeric(col, errors="raise").to_numpy(float)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"Plan column {name} must hold numbers in every row ({exc}).") from exc


def _summary(x: np.ndarray, level: float, axis: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = np.quantile(x, [(1 - level) / 2, (1 + level) / 2], axis=axis)
    return x.mean(axis=axis), lo, hi


def _sigma(model: MMMBase) -> np.ndarray | None:
    sigma = getattr(model, "sigma_", None)
    if sigma is None:
        sigma = (getattr(model, "posterior_", None) or {}).get("sigma")
    if sigma is None:
        return None
    sigma = np.asarray(sigma, dtype=float).reshape(-1)
    return sigma if len(sigma) == model.media_params_.n_draws else None


def forecast(
    model: MMMBase,
    weeks: int = 13,
    plan: pd.DataFrame | str | Path | None = None,
    level: float = 0.9,
    max_draws: int = 1000,
    seed: int = 0,
) -> ForecastResult:
    """Forecast the kpi of the next weeks under a spend plan (see the module docstring).

    Args:
        model: A fitted model.
        weeks: Horizon when no plan is given (a plan sets its own length).
        plan: Plan table or CSV path; default: last year's same weeks.
        level: Interval level.
        max_draws: Draws used (evenly thinned).
        seed: Seed of the observation noise.

    Raises:
        ConfigError: bad horizon, level or plan.
    """
    model.check_fitted()
    if plan is None and (int(weeks) != weeks or weeks < 1):
        raise ConfigError(f"weeks must be a whole number >= 1; received {weeks}.")
    if not 0 < level < 1:
        raise ConfigError(f"level must be between 0 and 1 (e.g. 0.9); received {level}.")
    ds = model.dataset_
    dates, spend, controls, source = default_plan(model, int(weeks)) if plan is None else read_plan(model, plan)
    n = len(dates)
    d_all = model.media_params_.n_draws
    idx = np.unique(np.linspace(0, d_all - 1, min(max_draws, d_all)).round().astype(int))
    params = model.media_params_.take(idx)
    lag = params.max_lag
    prefix, tail = ds.spend[-lag:] if lag else ds.spend[:0], np.zeros((lag, ds.n_channels))
    with_plan = media_contribution(np.vstack([prefix, spend, tail]), params).sum(axis=2)  # (D, L+N+L)
    without = media_contribution(np.vstack([prefix, np.zeros_like(spend), tail]), params).sum(axis=2)
    media = with_plan[:, len(prefix) : len(prefix) + n]
    plan_kpi = (with_plan - without).sum(axis=1)
    base = sum(v[idx] for v in model.base_components(dates, controls).values())
    pred = base + media
    sigma = _sigma(model)
    if sigma is not None:
        pred = pred + np.random.default_rng(seed).normal(0.0, 1.0, pred.shape) * sigma[idx][:, None]
    mean, lo, hi = _summary(pred, level)
    weekly = pd.DataFrame(
        {
            "date": dates,
            "mean": mean,
            "lower": lo,
            "upper": hi,
            "base": base.mean(0),
            "media": media.mean(0),
            "spend": spend.sum(1),
        }
    )
    tot = _summary(pred.sum(axis=1), level)
    total = {"mean": float(tot[0]), "lower": float(tot[1]), "upper": float(tot[2])}
    mk = _summary(plan_kpi, level)
    media_kpi = {"mean": float(mk[0]), "lower": float(mk[1]), "upper": float(mk[2])}
    spend_total = float(spend.sum())
    roi = {k: (v / spend_total if spend_total > 0 else math.nan) for k, v in media_kpi.items()}
    flags = _flags(ds.dates, dates)
    notes = [
        f"Spend plan: {source}.",
        f"Carry-over from the last {lag} weeks of real spend is included; the plan ROI counts effects up to {lag} weeks after the horizon.",
        "The interval includes observation noise."
        if sigma is not None
        else "The interval reflects parameter uncertainty only (no noise draws).",
    ]
    if plan is None:
        notes.append(
            "Controls repeat the same weeks last year." if ds.n_weeks >= 52 else "Controls repeat the last weeks."
        )
    headline = (
        f"Over the next {n} weeks ({dates[0].date()} to {dates[-1].date()}) {ds.kpi_name} is forecast at "
        f"{fmt_kpi(total['mean'], ds.kpi_name)} ({level:.0%} interval {fmt_kpi(total['lower'], ds.kpi_name)} to "
        f"{fmt_kpi(total['upper'], ds.kpi_name)}) on {fmt_money(spend_total)} of spend ({source}), "
        f"plan ROI {roi['mean']:.2f}."
    )
    return ForecastResult(
        weekly=weekly,
        total=total,
        media_kpi=media_kpi,
        spend_total=spend_total,
        spend_by_channel={ch: float(v) for ch, v in zip(ds.channels, spend.sum(0), strict=True)},
        roi=roi,
        weeks=n,
        level=level,
        kpi_name=ds.kpi_name,
        plan_source=source,
        observation_noise=sigma is not None,
        headline=headline,
        flags=tuple(flags),
        notes=tuple(notes),
    )


def _flags(history: pd.DatetimeIndex, dates: pd.DatetimeIndex) -> list[str]:
    flags = []
    beyond = int((dates > history[-1]).sum())
    if beyond:
        flags.append(f"Trend extrapolated {beyond} weeks beyond the data (which ends {history[-1].date()}).")
        flags.append("Seasonality extrapolated from the fitted yearly pattern.")
    if len(dates) > 52:
        flags.append("The horizon is over a year: treat the far weeks as indicative only.")
    if len(history) < 104:
        flags.append(f"Only {len(history)} weeks of history: seasonality rests on fewer than two years.")
    return flags
