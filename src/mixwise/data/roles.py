"""Column roles: which column is the date, the kpi, each channel's spend, the controls, the geo.

Detection follows the naming conventions of the seed data (``tv_spend``), Robyn (``tv_S``,
``competitor_sales_B``, ``facebook_I``, ``search_clicks_P``) and Meridian (``Channel0_spend``,
``*_impression``, ``*_control``). An explicit mapping always wins over detection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mixwise.data.parsing import is_text, parse_dates, parse_numbers
from mixwise.errors import DataValidationError
from mixwise.formatting import is_money_kpi

__all__ = ["ColumnRoles", "channel_name", "detect_roles", "KPI_NAMES"]

KPI_NAMES = ("sales", "revenue", "conversions", "kpi", "y")
_KPI_EXTRA = re.compile(r"^(total|net|gross)[_ ]?(sales|revenue|conversions)$", re.I)
_DATE_NAMES = ("date", "week", "ds", "time", "period", "day", "week_start", "weekstart", "week_starting", "month")
_GEO_NAMES = ("geo", "region", "dma", "market", "geography", "territory", "state")
_SPEND = [
    re.compile(r"^(?P<name>.+?)[_ \-.]?(spend|cost|costs)$", re.I),
    re.compile(r"^(spend|cost)[_ \-.](?P<name>.+)$", re.I),
    re.compile(r"^(?P<name>.+)_S$"),
]
_EXPOSURE = [
    re.compile(r"^.+[_ \-.](impressions?|clicks|views|grps?|reach|trps?)$", re.I),
    re.compile(r"^.+_(I|P)$"),
]
_REVENUE_PER = re.compile(r"^(revenue|value|price)[ _-]?per[ _-]?\w+$", re.I)
_CONTROL = [
    re.compile(r"^(price|prices|avg_price|promo|promos|promotion|promotions|discount|events?)$", re.I),
    re.compile(r"^(competitor|holiday|event)", re.I),
    re.compile(r"_control$", re.I),
    re.compile(r"^.+_B$"),
    re.compile(r"^(newsletter|organic.*|.*_organic|email|seo)$", re.I),
]


def channel_name(column: str) -> str:
    """Normalised channel name of a spend column: ``TV_Spend`` -> ``tv``, ``search_S`` -> ``search``.

    Also ``Channel0_spend`` -> ``channel0``, ``spend_facebook`` -> ``facebook``,
    ``Paid Social Cost`` -> ``paid_social``. A name matching no pattern is just lower-cased.
    """
    col = column.strip()
    for pattern in _SPEND:
        m = pattern.match(col)
        if m and m.group("name").strip(" _-."):
            col = m.group("name")
            break
    name = re.sub(r"[^0-9a-z]+", "_", col.lower()).strip("_")
    return name or column.strip().lower()


@dataclass(frozen=True)
class ColumnRoles:
    """The role of every column used.

    Attributes:
        date: Date column.
        kpi: KPI column.
        spend: Channel name -> spend column, in file order.
        controls: Control columns (text event columns are expanded later).
        exposures: Impression/click columns: recorded, not modelled.
        geo: Geo column or None.
        revenue_per_kpi: Column with the revenue of one kpi unit (the kpi times it is revenue), or None.
        unused: Columns that got no role.
        detected: Which roles were auto-detected (vs. given explicitly).
    """

    date: str
    kpi: str
    spend: dict[str, str]
    controls: tuple[str, ...] = ()
    exposures: tuple[str, ...] = ()
    geo: str | None = None
    unused: tuple[str, ...] = ()
    detected: tuple[str, ...] = field(default_factory=tuple)
    revenue_per_kpi: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready copy."""
        return {
            "date": self.date,
            "kpi": self.kpi,
            "spend": dict(self.spend),
            "controls": list(self.controls),
            "exposures": list(self.exposures),
            "geo": self.geo,
            "revenue_per_kpi": self.revenue_per_kpi,
            "unused": list(self.unused),
            "detected": list(self.detected),
        }


def _resolve(name: str, columns: list[str], role: str) -> str:
    """Find ``name`` among ``columns`` (exact, then case-insensitive), else a helpful error."""
    if name in columns:
        return name
    matches = [c for c in columns if c.lower() == name.strip().lower()]
    if len(matches) == 1:
        return matches[0]
    flag = _FLAGS.get(role, role.split()[0])
    raise DataValidationError(
        f"The {role} column {name!r} does not exist in the data. Columns that do: {', '.join(columns)}. "
        f"Check the spelling, or fix the mapping (--{flag}, or {flag.replace('-', '_')} under [data] in "
        "mixwise.toml)."
    )


_FLAGS = {"spend channel": "spend", "revenue per kpi": "revenue-per-kpi"}


def _looks_numeric(series: pd.Series) -> bool:
    if not is_text(series):
        return pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype)
    sample = series.dropna().head(200)
    parsed = parse_numbers(sample)
    n_ok = int(parsed.values.notna().sum())
    return n_ok > 0 and parsed.n_bad <= 0.2 * (n_ok + parsed.n_bad)


def _holds_dates(series: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return True
    head = series.dropna().head(20)
    if not len(head) or not (is_text(head) or pd.api.types.is_integer_dtype(head.dtype)):
        return False
    parsed = parse_dates(head)
    return bool(parsed.format) and parsed.n_bad == 0


def _detect_date(frame: pd.DataFrame, taken: set[str]) -> str:
    cols = [c for c in frame.columns if c not in taken]
    for c in cols:
        if pd.api.types.is_datetime64_any_dtype(frame[c].dtype):
            return c
    by_name = {c.strip().lower(): c for c in cols}
    for name in _DATE_NAMES:  # in order of preference: "date" before "week" (which may be a week number)
        if name in by_name and _holds_dates(frame[by_name[name]]):
            return by_name[name]
    for c in cols:
        if is_text(frame[c]) and _holds_dates(frame[c]):
            return c
    raise DataValidationError(
        "No date column found. mixwise looks for a column of dates (named date, week, ds, time or period, or "
        f"holding values like 2024-01-01). Columns in the file: {', '.join(map(str, frame.columns))}. "
        "Name the date column with --date COLUMN."
    )


def _detect_kpi(frame: pd.DataFrame, taken: set[str]) -> str:
    cols = [c for c in frame.columns if c not in taken]
    lowered = {c.strip().lower(): c for c in cols}
    for name in KPI_NAMES:
        if name in lowered and _looks_numeric(frame[lowered[name]]):
            return lowered[name]
    for c in cols:
        if _KPI_EXTRA.match(c.strip()) and _looks_numeric(frame[c]):
            return c
    raise DataValidationError(
        "No numeric KPI column found. mixwise looks for a numeric column named sales, revenue, conversions, "
        f"kpi or y. Columns in the file: {', '.join(map(str, frame.columns))}. Name the KPI with --kpi COLUMN."
    )


def detect_roles(
    frame: pd.DataFrame,
    *,
    date: str | None = None,
    kpi: str | None = None,
    spend: dict[str, str] | None = None,
    controls: tuple[str, ...] | list[str] | None = None,
    geo: str | None = None,
    revenue_per_kpi: str | None = None,
) -> ColumnRoles:
    """Assign a role to the columns of ``frame``; explicit arguments win over detection.

    ``revenue_per_kpi`` names the column holding the revenue of one kpi unit (Meridian's
    ``revenue_per_kpi``); ``"none"`` turns it off. When not given and the kpi is a count
    (conversions, units), a column named ``revenue_per_*`` or ``value_per_*`` is used.

    Raises:
        DataValidationError: a named column does not exist, or no date / KPI / spend column is found.
    """
    columns = [str(c) for c in frame.columns]
    detected: list[str] = []
    taken: set[str] = set()
    if geo is not None:
        geo = _resolve(geo, columns, "geo")
    else:
        geo = next((c for c in columns if c.strip().lower() in _GEO_NAMES), None)
        if geo:
            detected.append("geo")
    if geo:
        taken.add(geo)
    if date is not None:
        date = _resolve(date, columns, "date")
    else:
        date = _detect_date(frame, taken)
        detected.append("date")
    taken.add(date)
    if kpi is not None:
        kpi = _resolve(kpi, columns, "kpi")
    else:
        kpi = _detect_kpi(frame, taken)
        detected.append("kpi")
    taken.add(kpi)
    rpk = _revenue_per_kpi(frame, kpi, revenue_per_kpi, taken, detected)
    if rpk:
        taken.add(rpk)
    if spend:
        spend_map = {name: _resolve(col, columns, "spend channel") for name, col in spend.items()}
    else:
        spend_map = {}
        for c in columns:
            if c in taken or not any(p.match(c) for p in _SPEND) or not _looks_numeric(frame[c]):
                continue
            name = channel_name(c)
            if name in spend_map:  # tv_spend and TV_cost: keep both, the second under its full name
                name = re.sub(r"[^0-9a-z]+", "_", c.lower()).strip("_")
            spend_map[name] = c
        detected.append("spend")
        if not spend_map:
            raise DataValidationError(
                "No paid media spend columns found. mixwise looks for columns named like tv_spend, spend_tv, "
                f"tv_cost, tv_S (Robyn) or Channel0_spend (Meridian). Columns in the file: {', '.join(columns)}. "
                "Name them with --spend tv=TV_COLUMN,search=SEARCH_COLUMN."
            )
    taken.update(spend_map.values())
    exposures = tuple(c for c in columns if c not in taken and any(p.match(c) for p in _EXPOSURE))
    taken.update(exposures)
    if controls is not None:
        control_cols = tuple(_resolve(c, columns, "controls") for c in controls)
    else:
        control_cols = tuple(c for c in columns if c not in taken and any(p.search(c) for p in _CONTROL))
        detected.append("controls")
    taken.update(control_cols)
    unused = tuple(c for c in columns if c not in taken)
    return ColumnRoles(date, kpi, spend_map, control_cols, exposures, geo, unused, tuple(detected), rpk)


def _revenue_per_kpi(
    frame: pd.DataFrame, kpi: str, given: str | None, taken: set[str], detected: list[str]
) -> str | None:
    columns = [str(c) for c in frame.columns]
    if given is not None:
        if given.strip().lower() in {"", "none", "no", "off"}:
            return None
        return _resolve(given, columns, "revenue per kpi")
    if is_money_kpi(kpi):
        return None
    found = next(
        (c for c in columns if c not in taken and _REVENUE_PER.match(c.strip()) and _looks_numeric(frame[c])), None
    )
    if found:
        detected.append("revenue_per_kpi")
    return found
