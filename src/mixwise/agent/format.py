"""Number formatting for answers: one style everywhere ($, k/M, %, ROI as dollars per dollar)."""

from __future__ import annotations

import math

__all__ = ["fmt_money", "fmt_roi", "fmt_pct", "fmt_range", "fmt_number", "fmt_signed_money"]


def fmt_number(value: float, digits: int = 1) -> str:
    """1234567 -> '1.2M', 12345 -> '12.3k', 123 -> '123'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    sign = "-" if value < 0 else ""
    v = abs(float(value))
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if v >= limit:
            return f"{sign}{v / limit:.{digits}f}{suffix}"
    if v >= 100:
        return f"{sign}{v:.0f}"
    return f"{sign}{v:.2f}".rstrip("0").rstrip(".")


def fmt_money(value: float, currency: str = "$", digits: int = 1) -> str:
    """1234567 -> '$1.2M'; -50000 -> '-$50.0k'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    text = fmt_number(abs(value), digits)
    return f"-{currency}{text}" if value < 0 else f"{currency}{text}"


def fmt_signed_money(value: float, currency: str = "$", digits: int = 1) -> str:
    """+$1.2M / -$50.0k."""
    return ("+" if value >= 0 else "") + fmt_money(value, currency, digits)


def fmt_roi(value: float, currency: str = "$") -> str:
    """ROI as money returned per 1 spent: 1.853 -> '$1.85'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{currency}{value:.2f}"


def fmt_pct(value: float, digits: int = 1, signed: bool = False) -> str:
    """0.123 -> '12.3%'; signed adds '+'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    text = f"{value * 100:.{digits}f}%"
    return ("+" + text) if signed and value >= 0 else text


def fmt_range(lower: float, upper: float, kind: str = "roi", currency: str = "$") -> str:
    """Interval text: '$1.40-$2.30' (roi), '$1.2M-$1.5M' (money), '10.0%-12.0%' (pct)."""
    if kind == "roi":
        return f"{fmt_roi(lower, currency)}-{fmt_roi(upper, currency)}"
    if kind == "pct":
        return f"{fmt_pct(lower)}-{fmt_pct(upper)}"
    return f"{fmt_money(lower, currency)}-{fmt_money(upper, currency)}"
