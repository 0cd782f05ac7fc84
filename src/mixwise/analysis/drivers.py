"""Period drivers: why the kpi moved between two periods, component by component.

``drivers(model, "2023Q4")`` compares the kpi summed over the weeks of the period with the weeks of a
comparison period (the previous period of the same kind, or the same period a year earlier) and
splits the change into baseline, trend, seasonality, each control, each channel and an
``unexplained`` residual, so the rows add up exactly to the actual change.

Periods (a week belongs to a period when its date falls inside it): quarter ``2023Q4``, ``Q4 2023``
or ``Q4`` (latest complete Q4 in the data); month ``2023-03``, ``March 2023``, ``March``; half
``2023H2``, ``H2 2023``, ``H2``; year ``2023``; custom ``2023-01-01..2023-03-31`` (or ``... to ...``);
``last quarter``, ``last month``, ``last half``, ``last year`` (latest complete one), ``last 8 weeks``,
``ytd`` and ``the holidays`` (15 Nov to 31 Dec). Adding ``year over year`` / ``yoy`` compares with
the same period a year earlier; ``ytd`` and ``the holidays`` compare year over year by default, the
others with the period just before (custom spans: the equal-length span just before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mixwise.errors import ConfigError
from mixwise.formatting import display_name, fmt_kpi
from mixwise.models.base import BASE_COMPONENTS, MMMBase

__all__ = ["Period", "parse_period", "comparison_period", "drivers", "DriversResult"]

_MONTHS = {m.lower(): i + 1 for i, m in enumerate(pd.date_range("2000-01-01", periods=12, freq="MS").strftime("%B"))}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_STEP = {"quarter": 3, "month": 1, "half": 6, "year": 12}
_YOY = re.compile(
    r"\b(year[- ]over[- ]year|yoy|(vs\.?|versus|compared (to|with)) (the )?(same period )?(last|prior|previous) year)\b"
)
_PREV = re.compile(
    r"\b(vs\.?|versus|compared (to|with)) (the )?(previous|prior|last|preceding) (quarter|month|half|period)\b"
)


@dataclass(frozen=True)
class Period:
    """A span of calendar time: ``start``..``end`` inclusive, its kind and a readable label."""

    start: pd.Timestamp
    end: pd.Timestamp
    kind: str
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ConfigError(f"Period end {self.end.date()} is before its start {self.start.date()}; swap them.")

    def mask(self, dates: pd.DatetimeIndex) -> np.ndarray:
        """Boolean mask of the weeks inside the period, shape (n_weeks,)."""
        return np.asarray((dates >= self.start) & (dates <= self.end))


def _unit(kind: str, year: int, idx: int) -> Period:
    months = _STEP[kind]
    start = pd.Timestamp(year=year, month=(idx - 1) * months + 1, day=1)
    end = start + pd.DateOffset(months=months) - pd.Timedelta(days=1)
    label = {
        "quarter": f"Q{idx} {year}",
        "month": start.strftime("%B %Y"),
        "half": f"H{idx} {year}",
        "year": str(year),
    }[kind]
    return Period(start, end, kind, label)


def _complete(p: Period, dates: pd.DatetimeIndex) -> bool:
    return dates[0] <= p.start + pd.Timedelta(days=6) and dates[-1] >= p.end - pd.Timedelta(days=6)


def _latest(kind: str, dates: pd.DatetimeIndex, idx: int | None = None) -> Period:
    """Latest period of ``kind`` (with index ``idx`` when given) that the data covers, complete first."""
    last = dates[-1]
    cands = []
    for year in range(last.year, dates[0].year - 1, -1):
        n = 12 // _STEP[kind]
        for i in [idx] if idx else range(n, 0, -1):
            p = _unit(kind, year, i)
            if p.start <= last and p.mask(dates).any():
                cands.append(p)
    if not cands:
        raise ConfigError(f"The data ({dates[0].date()} to {last.date()}) contains no such {kind}.")
    full = [p for p in cands if _complete(p, dates)]
    return (full or cands)[0]


def parse_period(text: str, dates: pd.DatetimeIndex) -> tuple[Period, str | None]:
    """Read a period (see the module docstring) against the data's dates.

    Returns:
        ``(period, vs)`` where ``vs`` is ``"yoy"`` when the text asks for a year-over-year
        comparison (or the period is ytd / the holidays), else None.

    Raises:
        ConfigError: unreadable text, with the accepted forms.
    """
    raw = " ".join(str(text).lower().replace(",", " ").split())
    vs = "yoy" if _YOY.search(raw) else "previous" if _PREV.search(raw) else None
    t = _PREV.sub("", _YOY.sub("", raw)).strip()
    t = re.sub(r"^(in|for|during|over)\s+", "", t).strip()
    last = dates[-1]
    if not t:
        start = dates[max(0, len(dates) - 52)]
        return Period(start, last, "custom", f"the last 52 weeks to {last.date()}"), "yoy"
    if m := re.fullmatch(r"(\d{4})\s*-?\s*q([1-4])|q([1-4])\s*-?\s*(\d{4})?", t):
        year, q = (m[1], m[2]) if m[1] else (m[4], m[3])
        return (_unit("quarter", int(year), int(q)) if year else _latest("quarter", dates, int(q))), vs
    if m := re.fullmatch(r"(\d{4})\s*-?\s*h([12])|h([12])\s*-?\s*(\d{4})?", t):
        year, h = (m[1], m[2]) if m[1] else (m[4], m[3])
        return (_unit("half", int(year), int(h)) if year else _latest("half", dates, int(h))), vs
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", t):
        if not 1 <= int(m[2]) <= 12:
            raise ConfigError(f"Month {m[2]} in '{text}' is not between 1 and 12.")
        return _unit("month", int(m[1]), int(m[2])), vs
    if (m := re.fullmatch(r"([a-z]+)\.?\s*(\d{4})?", t)) and m[1] in _MONTHS:
        month = _MONTHS[m[1]]
        return (_unit("month", int(m[2]), month) if m[2] else _latest("month", dates, month)), vs
    if m := re.fullmatch(r"(?:fy\s*)?(\d{4})", t):
        return _unit("year", int(m[1]), 1), vs
    if m := re.fullmatch(r"(?:the\s+)?(?:last|previous|latest)\s+(quarter|month|half|year)", t):
        return _latest(m[1], dates), vs
    if m := re.fullmatch(r"(?:the\s+)?(?:last|past)\s+(\d+)\s+weeks?", t):
        n = int(m[1])
        if n < 1:
            raise ConfigError("The number of weeks must be at least 1.")
        start = dates[max(0, len(dates) - n)]
        return Period(start, last, "custom", f"the last {n} weeks to {last.date()}"), vs
    if t in ("ytd", "year to date", "this year", "year-to-date"):
        start = pd.Timestamp(year=last.year, month=1, day=1)
        return Period(start, last, "ytd", f"{last.year} to date"), "yoy"
    if m := re.fullmatch(r"(?:the\s+)?(?:holidays?|holiday season|christmas|festive season)\s*(\d{4})?", t):
        year = (
            int(m[1])
            if m[1]
            else (last.year if last >= pd.Timestamp(year=last.year, month=11, day=15) else last.year - 1)
        )
        p = Period(
            pd.Timestamp(year=year, month=11, day=15),
            pd.Timestamp(year=year, month=12, day=31),
            "holidays",
            f"the {year} holidays",
        )
        return p, "yoy"
    if m := re.fullmatch(r"(\S+)\s*(?:\.\.|\bto\b|\buntil\b)\s*(\S+)", t):
        try:
            start, end = pd.Timestamp(m[1]), pd.Timestamp(m[2])
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"Could not read the dates in '{text}'; write 2023-01-01..2023-03-31.") from exc
        return Period(start, end, "custom", f"{start.date()} to {end.date()}"), vs
    raise ConfigError(
        f"Could not read the period '{text}'. Use a quarter (2023Q4, Q4 2023, Q4), a month (2023-03, March 2023), "
        "a half (2023H2), a year (2023), a range (2023-01-01..2023-03-31), 'last quarter', 'last month', "
        "'last 8 weeks', 'ytd' or 'the holidays' (add 'year over year' to compare with a year earlier)."
    )


def comparison_period(period: Period, vs: str, dates: pd.DatetimeIndex | None = None) -> Period:
    """The period to compare with.

    Calendar periods (quarter, month, half, year) compare with the calendar period just before
    (``"previous"``) or a calendar year earlier (``"yoy"``). Other spans compare with the same
    number of data weeks just before (``"previous"``, needs ``dates``) or shift by 52 weeks
    (``"yoy"``), so both sides hold the same number of weeks.
    """
    if vs not in ("previous", "yoy"):
        raise ConfigError(f"Unknown comparison '{vs}'. Allowed: previous, yoy.")
    if period.kind in _STEP:
        months = 12 if vs == "yoy" else _STEP[period.kind]
        start = period.start - pd.DateOffset(months=months)
        return _unit(period.kind, start.year, 1 + (start.month - 1) // _STEP[period.kind])
    if vs == "yoy":
        start, end = period.start - pd.Timedelta(weeks=52), period.end - pd.Timedelta(weeks=52)
        if period.kind == "ytd":
            label = f"the same weeks of {start.year}"
        elif period.kind == "holidays":
            label = f"the {start.year} holidays"
        else:
            label = f"{start.date()} to {end.date()}"
        return Period(start, end, period.kind, label)
    n = int(period.mask(dates).sum()) if dates is not None else 0
    first = int(np.argmax(period.mask(dates))) if n else 0
    if n and first >= n:
        start, end = dates[first - n], dates[first - 1]
    else:
        end = period.start - pd.Timedelta(days=1)
        start = end - (period.end - period.start)
    return Period(start, end, "custom", f"{start.date()} to {end.date()}")


@dataclass(frozen=True)
class DriversResult:
    """What moved the kpi between two periods.

    Attributes:
        period / comparison: The two periods; n_weeks / n_weeks_comparison: weeks of data in each.
        table: Waterfall frame ``component, kind, current, previous, change, change_lower,
            change_upper`` (kind: base, control, media, residual); ``change`` sums to ``kpi_change``.
        kpi_current / kpi_previous / kpi_change / kpi_change_pct: Actual kpi totals and change.
        top_drivers: Largest movers ``[{"component", "kind", "change"}]`` (excluding the residual).
        media_share: Share of the actual change explained by media (NaN when the kpi did not move).
        headline: One sentence; notes: caveats (partial periods, unequal lengths).
    """

    period: Period
    comparison: Period
    vs: str
    n_weeks: int
    n_weeks_comparison: int
    table: pd.DataFrame
    kpi_name: str
    kpi_current: float
    kpi_previous: float
    kpi_change: float
    kpi_change_pct: float
    top_drivers: tuple[dict[str, Any], ...]
    media_share: float
    headline: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""

        def per(p: Period, n: int) -> dict[str, Any]:
            return {"label": p.label, "start": str(p.start.date()), "end": str(p.end.date()), "n_weeks": n}

        return {
            "period": per(self.period, self.n_weeks),
            "comparison": per(self.comparison, self.n_weeks_comparison),
            "vs": self.vs,
            "kpi_name": self.kpi_name,
            "kpi_current": self.kpi_current,
            "kpi_previous": self.kpi_previous,
            "kpi_change": self.kpi_change,
            "kpi_change_pct": self.kpi_change_pct,
            "rows": self.table.to_dict(orient="records"),
            "top_drivers": [dict(d) for d in self.top_drivers],
            "media_share": self.media_share,
            "headline": self.headline,
            "notes": list(self.notes),
        }


def _check_inside(p: Period, dates: pd.DatetimeIndex, what: str, vs: str = "previous") -> np.ndarray:
    mask = p.mask(dates)
    if not mask.any():
        raise ConfigError(
            f"The {what} {p.label} ({p.start.date()} to {p.end.date()}) is outside the data, which runs from "
            f"{dates[0].date()} to {dates[-1].date()}. Choose a period inside that range"
            + (
                " or compare with the previous period instead of year over year."
                if what == "comparison period"
                else "."
            )
        )
    return mask


def drivers(model: MMMBase, period: str | Period, vs: str | None = None, level: float = 0.9) -> DriversResult:
    """Decompose the kpi change between ``period`` and its comparison period.

    Args:
        model: A fitted model.
        period: Text (see the module docstring) or a :class:`Period`.
        vs: ``"previous"`` or ``"yoy"``; default: yoy when the text asks for it or for ytd / the
            holidays, else previous.
        level: Interval level of the per-component change.

    Raises:
        ConfigError: unreadable period, or a period (or its comparison) outside the data.
    """
    model.check_fitted()
    ds = model.dataset_
    if isinstance(period, Period):
        p, implied = period, None
    else:
        p, implied = parse_period(period, ds.dates)
    vs = vs or implied or "previous"
    q = comparison_period(p, vs, ds.dates)
    cur, prev = _check_inside(p, ds.dates, "period"), _check_inside(q, ds.dates, "comparison period", vs)
    comps = model.components()
    rows, draws = [], []
    controls = set(ds.control_names)
    for name, arr in comps.items():
        kind = "base" if name in BASE_COMPONENTS else "control" if name in controls else "media"
        d = arr[:, cur].sum(axis=1) - arr[:, prev].sum(axis=1)
        rows.append((name, kind, float(arr[:, cur].sum(1).mean()), float(arr[:, prev].sum(1).mean())))
        draws.append(d)
    a_cur, a_prev = float(ds.kpi[cur].sum()), float(ds.kpi[prev].sum())
    fit_cur, fit_prev = sum(r[2] for r in rows), sum(r[3] for r in rows)
    rows.append(("unexplained", "residual", a_cur - fit_cur, a_prev - fit_prev))
    table = pd.DataFrame(rows, columns=["component", "kind", "current", "previous"])
    table["change"] = table.current - table.previous
    qs = np.quantile(np.array(draws), [(1 - level) / 2, (1 + level) / 2], axis=1)
    table["change_lower"] = np.append(qs[0], np.nan)
    table["change_upper"] = np.append(qs[1], np.nan)
    change = a_cur - a_prev
    pct = change / a_prev if a_prev else float("nan")
    named = table[table.kind != "residual"].reindex(
        table[table.kind != "residual"].change.abs().sort_values(ascending=False).index
    )
    top = tuple(
        {"component": r.component, "kind": r.kind, "change": float(r.change)} for r in named.head(3).itertuples()
    )
    media = float(table.loc[table.kind == "media", "change"].sum())
    share = media / change if abs(change) > 1e-12 * max(abs(a_prev), 1.0) else float("nan")
    notes = _notes(p, q, cur, prev, ds.dates)
    headline = _headline(ds.kpi_name, p, q, change, pct, named)
    return DriversResult(
        p,
        q,
        vs,
        int(cur.sum()),
        int(prev.sum()),
        table,
        ds.kpi_name,
        a_cur,
        a_prev,
        change,
        pct,
        top,
        share,
        headline,
        tuple(notes),
    )


def _notes(p: Period, q: Period, cur: np.ndarray, prev: np.ndarray, dates: pd.DatetimeIndex) -> list[str]:
    notes = []
    for per, mask in ((p, cur), (q, prev)):
        if not _complete(per, dates):
            notes.append(f"{per.label} is only partly in the data ({int(mask.sum())} weeks).")
    if cur.sum() != prev.sum():
        notes.append(
            f"{p.label} has {int(cur.sum())} weeks and {q.label} {int(prev.sum())}; totals are compared as they are."
        )
    notes.append("'unexplained' is the actual kpi minus the model's fit, so the rows add up to the actual change.")
    return notes


def _headline(kpi: str, p: Period, q: Period, change: float, pct: float, named: pd.DataFrame) -> str:
    verb = "rose" if change > 0 else "fell" if change < 0 else "was flat"
    size = f" {abs(pct) * 100:.1f}%" if change and pct == pct else ""
    text = f"{kpi.capitalize()} {verb}{size} in {p.label} vs {q.label}"
    movers = named[named.change > 0] if change >= 0 else named[named.change < 0]
    if len(movers):
        top = movers.iloc[0]
        name = display_name(top.component)
        text += f"; {name} {'added' if top.change > 0 else 'took away'} most ({fmt_kpi(top.change, kpi, signed=True)})"
    return text + "."
