from __future__ import annotations

import pytest

from mixwise.errors import ConfigError
from mixwise.optimize.money import format_kpi, format_money, is_money_kpi, parse_amount_or_pct, parse_money
from mixwise.optimize.plan import BoundSpec, parse_bounds


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("50000", 50_000.0),
        ("50k", 50_000.0),
        ("2M", 2_000_000.0),
        ("$1.5m", 1_500_000.0),
        ("-50,000", -50_000.0),
        ("+10k", 10_000.0),
        ("0.5bn", 500_000_000.0),
        (1234, 1234.0),
    ],
)
def test_parse_money(text, value):
    assert parse_money(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "5 apples", "", "1.2.3k"])
def test_parse_money_rejects(text):
    with pytest.raises(ConfigError, match="50k"):
        parse_money(text)


def test_amount_or_pct():
    assert parse_amount_or_pct("-20%") == ("pct", pytest.approx(-0.2))
    assert parse_amount_or_pct("+10k") == ("amount", 10_000.0)
    with pytest.raises(ConfigError):
        parse_amount_or_pct("x%")


def test_format_money():
    assert format_money(1_234_567) == "$1.2M"
    assert format_money(-45_200) == "-$45.2k"


@pytest.mark.parametrize(
    ("name", "money"),
    [
        ("sales", True),
        ("Sales", True),
        ("revenue", True),
        ("net_revenue", True),
        ("total_sales", True),
        ("order_value", True),
        ("value", True),
        ("conversions", False),
        ("units", False),
        ("unit_sales", False),
        ("orders", False),
        ("signups", False),
        ("kpi", False),
        ("y", False),
        ("", False),
    ],
)
def test_is_money_kpi(name, money):
    assert is_money_kpi(name) is money


def test_format_kpi_money_or_plain():
    assert format_kpi(-4_930_000, "sales") == "-$4.9M"
    assert format_kpi(386_000, "revenue", signed=True) == "+$386.0k"
    assert format_kpi(-4_930_000, "conversions") == "-4.9M"
    assert format_kpi(12_500, "conversions", signed=True) == "+12.5k"
    assert format_kpi(0.0, "sales", signed=True) == "+$0"
    assert format_kpi(float("nan"), "sales") == "n/a"


def test_parse_bounds_kinds():
    b = parse_bounds("tv=0.8:1.2, print=0:50000, radio=-20%:+10%, search=10k:, ooh=:2x")
    assert b["tv"] == BoundSpec(0.8, 1.2, "mult")
    assert b["print"] == BoundSpec(0.0, 50_000.0, "abs")
    assert b["radio"].kind == "mult"
    assert b["radio"].low == pytest.approx(0.8) and b["radio"].high == pytest.approx(1.1)
    assert b["search"] == BoundSpec(10_000.0, None, "abs")
    assert b["ooh"] == BoundSpec(None, 2.0, "mult")
    assert parse_bounds({"tv": (0.5, 2)})["tv"] == BoundSpec(0.5, 2.0, "mult")


@pytest.mark.parametrize("text", ["tv", "tv=1.2", "tv=1.2:0.8", "tv=0.5x:50k"])
def test_parse_bounds_rejects(text):
    with pytest.raises(ConfigError):
        parse_bounds(text)
