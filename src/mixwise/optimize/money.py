"""Parsing of the money, percentage and bound strings people type: ``50k``, ``$1.5m``, ``-20%``, ``0.8:1.2``.

Shared by the CLI, the agent tools and the app so every interface reads ``2M`` the same way.
"""

from __future__ import annotations

import re

from mixwise.errors import ConfigError

__all__ = ["parse_money", "parse_amount_or_pct", "format_money", "format_number", "format_kpi", "is_money_kpi"]

_MONEY_WORDS = ("sales", "revenue", "value", "turnover", "income", "gmv")
_MONEY_LAST = ("revenue", "value", "turnover", "income", "gmv")  # money even after a count word (order_value)
_COUNT_WORDS = ("unit", "conversion", "order", "visit", "lead", "signup", "install", "customer", "volume", "count")
_SUFFIX = {"": 1.0, "k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}
_MONEY = re.compile(r"^([+-]?)\s*[$€£]?\s*([0-9][0-9,_]*(?:\.[0-9]*)?|\.[0-9]+)\s*(k|m|mm|b|bn)?$", re.IGNORECASE)


def parse_money(text: str | float | int, what: str = "amount") -> float:
    """Read a money amount: ``50000``, ``50k``, ``2M``, ``$1.5m``, ``-50,000``, ``+10k``.

    Args:
        text: The string (or a number, returned as float).
        what: What the amount is, used in the error message.

    Returns:
        The amount in currency units (sign kept).

    Raises:
        ConfigError: the text is not a money amount.
    """
    if isinstance(text, int | float):
        return float(text)
    raw = str(text).strip().replace(" ", "")
    match = _MONEY.match(raw)
    if not match:
        raise ConfigError(
            f"Could not read {what} '{text}'. Write an amount such as 50000, 50k, 2M or $1.5m "
            "(a leading + or - for a change)."
        )
    sign, number, suffix = match.groups()
    value = float(number.replace(",", "").replace("_", "")) * _SUFFIX[(suffix or "").lower()]
    return -value if sign == "-" else value


def parse_amount_or_pct(text: str | float | int, what: str = "change") -> tuple[str, float]:
    """Read a change: ``-20%`` -> ("pct", -0.2); ``+10k`` -> ("amount", 10000.0).

    Returns:
        ``(kind, value)`` with kind ``"pct"`` (value as a fraction) or ``"amount"`` (currency units).
    """
    if isinstance(text, int | float):
        return "amount", float(text)
    raw = str(text).strip().replace(" ", "")
    if raw.endswith("%"):
        try:
            return "pct", float(raw[:-1]) / 100.0
        except ValueError as exc:
            raise ConfigError(f"Could not read {what} '{text}'. Write a percentage such as -20% or +15%.") from exc
    return "amount", parse_money(raw, what)


def format_number(value: float, digits: int = 3) -> str:
    """Compact human number: 1234567 -> ``1.23M``, 45200 -> ``45.2k``, 12.5 -> ``12.5``."""
    if value != value:  # NaN
        return "n/a"
    sign = "-" if value < 0 else ""
    v = abs(value)
    for bound, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if v >= bound:
            return f"{sign}{v / bound:.{digits}g}{suffix}"
    return f"{sign}{v:.{digits}g}"


def format_money(value: float, digits: int = 3) -> str:
    """Compact money: 1234567 -> ``$1.23M``; negative -> ``-$1.23M``."""
    text = format_number(value, digits)
    return f"-${text[1:]}" if text.startswith("-") else f"${text}"


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


def format_kpi(value: float, kpi_name: str, signed: bool = False, digits: int = 3) -> str:
    """A kpi amount: money (``$1.23M``, ``-$45.2k``) for money-like kpis, a plain number (``1.23M``) otherwise.

    Args:
        value: The amount.
        kpi_name: The kpi's name (see :func:`is_money_kpi`).
        signed: Prefix ``+`` to non-negative values (``+$386k``).
        digits: Significant digits.
    """
    if value != value:  # NaN
        return "n/a"
    text = format_money(value, digits) if is_money_kpi(kpi_name) else format_number(value, digits)
    return f"+{text}" if signed and value >= 0 else text
