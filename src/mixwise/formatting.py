"""Number formatting shared by every layer: $1.2M, 12.3%, $1.85 per $1, ranges with an en dash.

One style for the CLI, the agent, the charts, the reports and the app. A leaf module (imports nothing from
mixwise), so analysis headlines, charts and narratives all format numbers the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

__all__ = [
    "missing",
    "fmt_number",
    "fmt_money",
    "fmt_signed_money",
    "fmt_pct",
    "fmt_roi",
    "fmt_range",
    "display_name",
    "join_names",
    "is_money_kpi",
    "fmt_kpi",
]

# Kpi name words that mean money, money even after a count word (order_value), and count words.
_MONEY_WORDS = ("sales", "revenue", "value", "turnover", "income", "gmv", "profit", "bookings")
_MONEY_LAST = ("revenue", "value", "turnover", "income", "gmv", "profit")
_COUNT_WORDS = ("unit", "conversion", "order", "visit", "lead", "signup", "install", "customer", "volume", "count")

_ACRONYMS = {"tv", "ooh", "ctv", "sem", "seo", "dooh", "ott", "crm", "sms"}


def missing(value: Any) -> bool:
    """True for None, NaN, inf and anything that is not a number."""
    try:
        return value is None or not math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def fmt_number(value: Any, digits: int = 1) -> str:
    """Short number: ``1234567 -> '1.2M'``, ``12345 -> '12.3k'``, ``123 -> '123'``, ``1.5 -> '1.5'``."""
    if missing(value):
        return "n/a"
    sign = "-" if float(value) < 0 else ""
    v = abs(float(value))
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if round(v / limit, digits) >= 1:
            return f"{sign}{v / limit:.{digits}f}{suffix}"
    if v >= 100:
        return f"{sign}{v:.0f}"
    return f"{sign}{v:.2f}".rstrip("0").rstrip(".")


def fmt_money(value: Any, currency: str = "$", digits: int = 1) -> str:
    """Money with k/M/B: ``1234567 -> '$1.2M'``, ``-50000 -> '-$50.0k'``."""
    if missing(value):
        return "n/a"
    text = fmt_number(abs(float(value)), digits)
    negative = float(value) < 0 and text.strip("0.") != ""  # no "-$0" for amounts that round to zero
    return f"-{currency}{text}" if negative else f"{currency}{text}"


def fmt_signed_money(value: Any, currency: str = "$", digits: int = 1) -> str:
    """Money with an explicit sign: ``1200 -> '+$1.2k'``."""
    if missing(value):
        return "n/a"
    return ("+" if float(value) >= 0 else "") + fmt_money(value, currency, digits)


def fmt_pct(value: Any, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: ``0.123 -> '12.3%'``; ``signed`` adds ``+`` to non-negatives."""
    if missing(value):
        return "n/a"
    pct = float(value) * 100
    pct = 0.0 if round(pct, digits) == 0 else pct  # no "-0.0%"
    text = f"{pct:.{digits}f}%"
    return ("+" + text) if signed and pct >= 0 else text


def fmt_roi(value: Any, currency: str = "$", kpi_name: str | None = None) -> str:
    """What 1 spent returned: money for money kpis (``1.853 -> '$1.85'``), the count with its unit for
    count kpis (``fmt_roi(1.94, kpi_name='conversions') -> '1.94 conversions'``): never a currency sign
    on something that is not money."""
    if missing(value):
        return "n/a"
    if kpi_name is None or is_money_kpi(kpi_name):
        return f"{currency}{float(value):.2f}"
    return f"{_count_per_spend(value)} {kpi_name}"


def _count_per_spend(value: Any) -> str:
    v = float(value)
    return fmt_number(v) if abs(v) >= 100 else f"{v:.3g}"


def fmt_range(lower: Any, upper: Any, kind: str = "roi", currency: str = "$", kpi_name: str | None = None) -> str:
    """Interval text with an en dash: ``'$1.40–$2.30'`` (roi), ``'$1.2M–$1.5M'`` (money), ``'10.0%–12.0%'`` (pct).

    With ``kpi_name`` a count kpi (conversions), an roi range has no currency sign: ``'0.21–6.2'``.
    """
    if missing(lower) or missing(upper):
        return "n/a"
    count_roi = kind == "roi" and kpi_name is not None and not is_money_kpi(kpi_name)
    sep = " to " if float(lower) < 0 or float(upper) < 0 else "–"  # "-$6.9M to -$3.6M", not "-$6.9M–-$3.6M"
    if count_roi:
        return f"{_count_per_spend(lower)}{sep}{_count_per_spend(upper)}"
    if kind == "roi":
        return f"{fmt_roi(lower, currency)}{sep}{fmt_roi(upper, currency)}"
    if kind == "pct":
        return f"{fmt_pct(lower)}{sep}{fmt_pct(upper)}"
    return f"{fmt_money(lower, currency)}{sep}{fmt_money(upper, currency)}"


def display_name(name: Any) -> str:
    """Readable label: ``tv -> 'TV'``, ``paid_social -> 'Paid Social'`` (same rule as the charts)."""
    words = str(name).replace("_", " ").replace("-", " ").split()
    return " ".join(w.upper() if w.lower() in _ACRONYMS else (w if w[:1].isupper() else w.capitalize()) for w in words)


def join_names(names: Sequence[str]) -> str:
    """``['TV'] -> 'TV'``, ``['TV', 'Radio'] -> 'TV and Radio'``, three -> ``'TV, Radio and Print'``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def is_money_kpi(kpi_name: str) -> bool:
    """True when the kpi is an amount of money (``sales``, ``revenue``, ``net_revenue``, ``order_value``).

    Counts (``conversions``, ``units``, ``unit_sales``, ``orders``) and neutral names (``kpi``, ``y``) are not.
    """
    tokens = [t for t in re.split(r"[^a-z]+", str(kpi_name or "").lower()) if t]
    if not tokens:
        return False
    if tokens[-1].endswith(_MONEY_LAST):
        return True
    if any(t.startswith(_COUNT_WORDS) for t in tokens):
        return False
    return any(t.endswith(_MONEY_WORDS) for t in tokens)


def fmt_kpi(value: Any, kpi_name: str, currency: str = "$", signed: bool = False, digits: int = 1) -> str:
    """A kpi amount: money for money-like kpis (``$1.2M``), a plain short number otherwise (``1.2M``)."""
    if missing(value):
        return "n/a"
    if is_money_kpi(kpi_name):
        return fmt_signed_money(value, currency, digits) if signed else fmt_money(value, currency, digits)
    text = fmt_number(value, digits)
    return ("+" + text) if signed and float(value) >= 0 else text
