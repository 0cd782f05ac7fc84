"""Number formatting used in every answer."""

from __future__ import annotations

import math

import pytest

from mixwise.agent.format import fmt_money, fmt_number, fmt_pct, fmt_range, fmt_roi, fmt_signed_money


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1_234_567, "$1.2M"), (50_000, "$50.0k"), (-50_000, "-$50.0k"), (950, "$950"), (12.5, "$12.5"), (2.5e9, "$2.5B")],
)
def test_fmt_money(value: float, expected: str) -> None:
    assert fmt_money(value) == expected


def test_fmt_roi_is_dollars_per_dollar() -> None:
    assert fmt_roi(1.853) == "$1.85"
    assert fmt_range(1.4, 2.3) == "$1.40–$2.30"


def test_fmt_pct_and_signs() -> None:
    assert fmt_pct(0.1234) == "12.3%"
    assert fmt_pct(0.05, signed=True) == "+5.0%"
    assert fmt_signed_money(1_200_000) == "+$1.2M"
    assert fmt_signed_money(-2_000) == "-$2.0k"


def test_kpi_money_or_count() -> None:
    from mixwise.agent.format import fmt_kpi

    assert fmt_kpi(1_234_567, "sales") == "$1.2M"
    assert fmt_kpi(1_234_567, "conversions") == "1.2M"
    assert fmt_kpi(-2_000, "revenue", signed=True) == "-$2.0k"
    assert fmt_kpi(2_000, "orders", signed=True) == "+2.0k"


def test_missing_values_say_na() -> None:
    assert fmt_money(math.nan) == "n/a"
    assert fmt_roi(math.nan) == "n/a"
    assert fmt_number(0.25) == "0.25"
