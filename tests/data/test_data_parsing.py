"""Parsing of money strings, dates and delimiters: hand-written cases and hypothesis properties."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixwise.data.parsing import parse_dates, parse_numbers, sniff_delimiter


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["$1,234.50", "$12.00", "(3.5)"], [1234.5, 12.0, -3.5]),
        (["€1.234,50", "€12,00", "7"], [1234.5, 12.0, 7.0]),
        (["1 234,5", "-3,25"], [1234.5, -3.25]),
        (["1.234.567", "12"], [1234567.0, 12.0]),
        (["USD 2,000", "£15.25"], [2000.0, 15.25]),
        (["1'234.5", "0.5"], [1234.5, 0.5]),
    ],
)
def test_money_strings(cells, expected):
    parsed = parse_numbers(pd.Series(cells))
    assert parsed.values.tolist() == pytest.approx(expected)
    assert parsed.n_bad == 0


def test_null_tokens_and_bad_cells_are_counted():
    parsed = parse_numbers(pd.Series(["12,5", "x", "na", None, "x"]))
    assert parsed.values.iloc[0] == pytest.approx(12.5)
    assert parsed.values.iloc[1:].isna().all()
    assert parsed.n_bad == 2  # the two "x"; "na" and None are empty, not bad
    assert parsed.bad_examples == ("x",)


def test_numeric_column_passes_through():
    parsed = parse_numbers(pd.Series([1, 2, 3]))
    assert parsed.values.tolist() == [1.0, 2.0, 3.0]
    assert parsed.n_bad == 0


def test_conflicting_decimal_marks_parse_nothing():
    parsed = parse_numbers(pd.Series(["1,234.5", "1.234,5"]))
    assert parsed.n_bad == 2


@pytest.mark.parametrize(
    ("cells", "fmt"),
    [
        (["2021-01-04", "2021-01-11", "2021-01-18"], "%Y-%m-%d"),
        (["01/04/2021", "01/11/2021", "01/18/2021"], "%m/%d/%Y"),  # US: day 18 > 12 decides
        (["04/01/2021", "11/01/2021", "18/01/2021"], "%d/%m/%Y"),  # EU slash
        (["04.01.2021", "11.01.2021", "18.01.2021"], "%d.%m.%Y"),
    ],
)
def test_date_formats(cells, fmt):
    parsed = parse_dates(pd.Series(cells))
    assert parsed.format == fmt
    assert parsed.values.tolist() == list(pd.to_datetime(["2021-01-04", "2021-01-11", "2021-01-18"]))


def test_day_month_disambiguated_by_regular_spacing():
    # Every day <= 12: both formats parse, but only d/m/Y gives a regular weekly series (Mondays in Feb 2021).
    parsed = parse_dates(pd.Series(["01/02/2021", "08/02/2021", "15/02/2021", "22/02/2021"]))
    assert parsed.format == "%d/%m/%Y"
    assert parsed.values.iloc[0] == pd.Timestamp("2021-02-01")


def test_unparseable_dates_are_counted():
    parsed = parse_dates(pd.Series(["2021-01-04", "not a date", "2021-01-18"]))
    assert parsed.n_bad == 1
    assert parsed.bad_examples == ("not a date",)


def _format_money(value: float, style: str) -> str:
    """Write ``value`` (2 decimals) the way a spreadsheet export would."""
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = f"{int(whole):,}"
    if style == "us":
        return f"{sign}${groups}.{cents}"
    if style == "eu":
        return f"{sign}€{groups.replace(',', '.')},{cents}"
    if style == "plain":
        return f"{sign}{whole}.{cents}"
    return f"({groups}.{cents})" if sign else f"{groups}.{cents}"  # accounting


money = st.decimals(min_value=-10_000_000, max_value=10_000_000, places=2, allow_nan=False).map(float)


@given(values=st.lists(money, min_size=1, max_size=30), style=st.sampled_from(["us", "eu", "plain", "accounting"]))
@settings(max_examples=150, deadline=None)
def test_money_round_trip(values, style):
    # A column always holds at least one value with visible cents, as real spend columns do.
    values = [*values, 1234.56]
    cells = pd.Series([_format_money(v, style) for v in values])
    parsed = parse_numbers(cells)
    assert parsed.n_bad == 0
    np.testing.assert_allclose(parsed.values.to_numpy(), values, rtol=0, atol=1e-6)


@given(
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    n_cols=st.integers(min_value=2, max_value=6),
    rows=st.lists(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=6, max_size=6), min_size=1, max_size=20),
)
@settings(max_examples=100, deadline=None)
def test_any_delimiter_is_sniffed(delimiter, n_cols, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow([f"col_{i}" for i in range(n_cols)])
    for row in rows:
        writer.writerow([repr(x) for x in row[:n_cols]])
    assert sniff_delimiter(buf.getvalue()) == delimiter
