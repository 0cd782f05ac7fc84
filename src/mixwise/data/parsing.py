"""Parsing of messy cell values: money strings, thousands separators, dates, delimiters.

Pure functions over pandas Series; nothing here reads files. Every parser works on the unique
values of a column and maps them back, so a million-row column with a few thousand distinct
values parses in milliseconds.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "NULL_TOKENS",
    "NumberParse",
    "DateParse",
    "parse_numbers",
    "decimal_evidence",
    "parse_dates",
    "sniff_delimiter",
    "is_text",
]

#: Cell values read as "no value" (case-insensitive, after stripping).
NULL_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "--", "#n/a", "<na>", "nil"})

_CURRENCY = re.compile(r"(?i)(?:us\$|usd|eur|gbp|chf|jpy|cad|aud|[$€£¥₹₩₽]|kr|r\$)")
_SPACES = re.compile("[ \t\u00a0\u202f']")  # literal no-break spaces: RE2 (arrow) has no \u escapes
_JUNK = f"{_CURRENCY.pattern}|{_SPACES.pattern}"
# Evidence for a decimal comma: "12,5", "0,12345", "1.234,5", "1.234.567", "12345,678" (4+ digits
# before a single comma cannot be thousands grouping), "0,500". The same, mirrored, for a point.
_COMMA_DECIMAL = re.compile(
    r"^[0-9]*,[0-9]{1,2}$|^[0-9]*,[0-9]{4,}$|\.[0-9]{3}(?:\.[0-9]{3})*,[0-9]*$|^[0-9]{1,3}(?:\.[0-9]{3}){2,}$"
    r"|^[0-9]{4,},[0-9]+$|^0,[0-9]+$"
)
_DOT_DECIMAL = re.compile(
    r"^[0-9]*\.[0-9]{1,2}$|^[0-9]*\.[0-9]{4,}$|,[0-9]{3}(?:,[0-9]{3})*\.[0-9]*$|^[0-9]{1,3}(?:,[0-9]{3}){2,}$"
    r"|^[0-9]{4,}\.[0-9]+$|^0\.[0-9]+$"
)
_NUMBER = re.compile(r"^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


def is_text(series: pd.Series) -> bool:
    """True when the column holds strings (object or string dtype), not numbers or dates."""
    return bool(pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype))


@dataclass(frozen=True)
class NumberParse:
    """Result of :func:`parse_numbers`.

    Attributes:
        values: Parsed floats, same index as the input; NaN where empty or unparseable.
        n_bad: Number of non-empty cells that are not numbers.
        bad_examples: Up to three such cells, as written.
        decimal: The decimal mark used ("." or ","), or "" when the column was already numeric.
        ambiguous: True when the decimal mark could not be decided from the data (assumed ".").
    """

    values: pd.Series
    n_bad: int
    bad_examples: tuple[str, ...]
    decimal: str
    ambiguous: bool = False


def _strings(values: np.ndarray) -> pd.Series:
    """Arrow-backed strings: vectorised regex (RE2) instead of a Python loop per value."""
    return pd.Series(values, dtype=object).astype(pd.StringDtype("pyarrow", na_value=np.nan)).str.strip()


def parse_numbers(series: pd.Series, decimal_hint: str = ".") -> NumberParse:
    """Parse a column of numbers written as text ("$1,234.50", "€1.234,50", "(12)", "1 234").

    The decimal mark is decided once per column from the values that make it unambiguous
    ("1.234,5" or "12,50" mean a decimal comma; "1,234.5" or "0.25" a decimal point). When the
    column gives conflicting evidence nothing is parsed and every cell counts as bad; when it
    gives none ("1,250" only), ``decimal_hint`` decides (the mark the rest of the file uses).
    Work is vectorised string operations (arrow regex), once per distinct value when few.

    Args:
        series: Any column, shape (n,).
        decimal_hint: "." or ",": the decimal mark to assume when the column cannot tell.

    Returns:
        A :class:`NumberParse` whose ``values`` are float64 with the same index.
    """
    if pd.api.types.is_bool_dtype(series.dtype):
        return NumberParse(series.astype(float), 0, (), "")
    if pd.api.types.is_numeric_dtype(series.dtype):
        return NumberParse(pd.to_numeric(series, errors="coerce").astype(float), 0, (), "")
    head = series.iloc[:10_000]
    if head.nunique() > 0.5 * len(head):  # mostly distinct values: factorizing would cost more than it saves
        codes, text = np.arange(len(series)), _strings(series.to_numpy(dtype=object))
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        text = _strings(np.asarray(uniques, dtype=object))
    nulls = (text.isna() | text.str.lower().isin(NULL_TOKENS)).to_numpy(dtype=bool)
    text = text.fillna("")
    core = text.str.replace(_JUNK, "", regex=True)
    paren = (core.str.startswith("(") & core.str.endswith(")")).to_numpy(dtype=bool)
    core = core.where(~paren, core.str.slice(1, -1))
    trail = (core.str.endswith("-") & core.str.slice(0, -1).str.fullmatch(r"[0-9.,]+")).to_numpy(dtype=bool)
    core = core.where(~trail, core.str.slice(0, -1))
    lead = core.str.startswith("-").to_numpy(dtype=bool)
    core = core.where(~lead, core.str.slice(1))
    core = core.where(~core.str.startswith("+"), core.str.slice(1))
    negative = (paren | trail) ^ lead
    cores = core[~nulls]
    comma = bool(cores.str.contains(_COMMA_DECIMAL.pattern, regex=True).any())
    dot = bool(cores.str.contains(_DOT_DECIMAL.pattern, regex=True).any())
    decimal = "," if comma and not dot else "." if dot and not comma else "" if comma else decimal_hint
    ambiguous = not comma and not dot and bool(cores.str.fullmatch(r"[0-9]{1,3}[.,][0-9]{3}").any())
    if decimal == ",":
        num = core.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        num = core.str.replace(",", "", regex=False)
    num = num.str.replace(r"%$", "", regex=True)
    ok = num.str.fullmatch(_NUMBER.pattern).fillna(False).to_numpy(dtype=bool) & bool(decimal)
    parsed = pd.to_numeric(num.where(ok).astype(object), errors="coerce").to_numpy(dtype=float)
    parsed = np.where(negative, -parsed, parsed)
    parsed[nulls] = np.nan
    bad = np.flatnonzero(~nulls & ~ok)
    out = np.append(parsed, np.nan)  # last slot: NaN for missing cells (code -1)
    values = pd.Series(out[codes], index=series.index, dtype=float)
    n_bad = int(np.isin(codes, bad).sum()) if len(bad) else 0
    examples = tuple(dict.fromkeys(str(text.iloc[i]) for i in bad[:50]))[:3]
    return NumberParse(values, n_bad, examples, decimal or "?", ambiguous)


def decimal_evidence(series: pd.Series, sample: int = 5000) -> tuple[bool, bool]:
    """(comma, point): whether some value of a text column can only be read with that decimal mark."""
    if not is_text(series):
        return False, False
    values = series.iloc[: 10 * sample].dropna().drop_duplicates().head(sample).to_numpy(dtype=object)
    cores = _strings(values).str.replace(_JUNK, "", regex=True).str.lstrip("-+(").str.rstrip(")-%")
    comma = bool(cores.str.contains(_COMMA_DECIMAL.pattern, regex=True).any())
    dot = bool(cores.str.contains(_DOT_DECIMAL.pattern, regex=True).any())
    return comma, dot


@dataclass(frozen=True)
class DateParse:
    """Result of :func:`parse_dates`.

    Attributes:
        values: Parsed timestamps (datetime64[ns]); NaT where empty or unparseable.
        n_bad: Number of non-empty cells that are not dates in the chosen format.
        bad_examples: Up to three such cells.
        format: The strftime format used ("" when the column already held dates).
        ambiguous: True when two formats (day-first and month-first) both fit equally well.
    """

    values: pd.Series
    n_bad: int
    bad_examples: tuple[str, ...]
    format: str
    ambiguous: bool = False


DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%Y.%m.%d",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%m/%d/%y",
    "%d/%m/%y",
    "%d.%m.%y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
)


def _regularity(dates: pd.DatetimeIndex) -> float:
    """Share of consecutive gaps equal to the most common gap (1.0 = perfectly regular)."""
    uniq = dates.dropna().unique().sort_values()
    if len(uniq) < 3:
        return 1.0
    gaps = np.diff(uniq.asi8)
    _, counts = np.unique(gaps, return_counts=True)
    return float(counts.max() / len(gaps))


def parse_dates(series: pd.Series) -> DateParse:
    """Parse a date column written in any common format (ISO, US m/d/Y, EU d.m.Y, d/m/Y...).

    Every candidate format is tried on the distinct values; the one that parses the most cells
    wins. When a day-first and a month-first format both parse every cell (all days <= 12), the
    one giving the more regular spacing of dates wins, and a tie is reported as ambiguous.

    Args:
        series: The date column, shape (n,).

    Returns:
        A :class:`DateParse` with datetime64 values aligned to the input index.
    """
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        values = pd.to_datetime(series)
        if getattr(values.dt, "tz", None) is not None:
            values = values.dt.tz_localize(None)
        return DateParse(values.astype("datetime64[ns]"), 0, (), "")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    texts = pd.Index([str(u).strip() for u in uniques], dtype=object)
    nonnull = np.array([t.lower() not in NULL_TOKENS for t in texts], dtype=bool)
    if pd.api.types.is_numeric_dtype(series.dtype):
        texts = pd.Index([t[:-2] if t.endswith(".0") else t for t in texts], dtype=object)
    best: tuple[int, float, str, pd.DatetimeIndex] | None = None
    ties: list[str] = []
    for fmt in DATE_FORMATS:
        parsed = pd.DatetimeIndex(pd.to_datetime(texts, format=fmt, errors="coerce"))
        n_ok = int((~parsed.isna() & nonnull).sum())
        if n_ok == 0:
            continue
        score = (n_ok, _regularity(parsed[~parsed.isna()]))
        if best is None or score > best[:2]:
            best, ties = (n_ok, score[1], fmt, parsed), []
        elif score == best[:2]:
            ties.append(fmt)
    if best is None:
        parsed = pd.DatetimeIndex([pd.NaT] * len(texts))
        fmt = ""
    else:
        _, _, fmt, parsed = best
    out = np.append(parsed.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    values = pd.Series(out[codes], index=series.index, dtype="datetime64[ns]")
    bad = [i for i in range(len(texts)) if nonnull[i] and pd.isna(parsed[i])]
    n_bad = int(np.isin(codes, bad).sum()) if bad else 0
    ambiguous = any(_day_month_swap(fmt, other) for other in ties)
    return DateParse(values, n_bad, tuple(str(texts[i]) for i in bad[:3]), fmt, ambiguous)


def _day_month_swap(a: str, b: str) -> bool:
    return a.replace("%d", "§").replace("%m", "%d").replace("§", "%m") == b


def sniff_delimiter(sample: str) -> str:
    """Guess the field delimiter of a CSV from its first lines (",", ";", tab, "|" or ":").

    Falls back to "," for a one-column file.
    """
    lines = [ln for ln in sample.splitlines() if ln.strip()][:50]
    if not lines:
        return ","
    best, best_fields = ",", 1
    for delim in (",", ";", "\t", "|"):
        widths = {len(row) for row in csv.reader(lines, delimiter=delim)}
        if len(widths) == 1 and (width := widths.pop()) > best_fields:
            best, best_fields = delim, width
    if best_fields > 1:
        return best
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|:").delimiter
    except csv.Error:
        return ","
