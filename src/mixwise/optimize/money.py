"""Parsing of the money, percentage and bound strings people type: ``50k``, ``$1.5m``, ``-20%``, ``0.8:1.2``.

Shared by the CLI, the agent tools and the app so every interface reads ``2M`` the same way.
"""

from __future__ import annotations

import re

from mixwise.errors import ConfigError
from mixwise.formatting import fmt_kpi, fmt_money, fmt_number, is_money_kpi

__all__ = ["parse_money", "parse_amount_or_pct", "format_money", "format_number", "format_kpi", "is_money_kpi"]

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


def format_number(value: float, digits: int = 1) -> str:
    """Compact human number in the shared style (:func:`mixwise.formatting.fmt_number`): ``1.2M``."""
    return fmt_number(value, digits)


def format_money(value: float, digits: int = 1) -> str:
    """Compact money in the shared style (:func:`mixwise.formatting.fmt_money`): ``$1.2M``, ``-$45.2k``."""
    return fmt_money(value, digits=digits)


def format_kpi(value: float, kpi_name: str, signed: bool = False, digits: int = 1) -> str:
    """A kpi amount in the shared style (:func:`mixwise.formatting.fmt_kpi`): money only for money-like kpis."""
    return fmt_kpi(value, kpi_name, signed=signed, digits=digits)
