"""A count kpi with a revenue-per-kpi column is modelled as revenue (Meridian's revenue_per_kpi)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mixwise.data import load
from mixwise.errors import DataValidationError


def _frame(n: int = 60, rpk_name: str = "revenue_per_conversion") -> pd.DataFrame:
    rng = np.random.default_rng(0)
    dates = pd.date_range("2023-01-02", periods=n, freq="W-MON")
    return pd.DataFrame(
        {
            "date": dates.strftime("%Y-%m-%d"),
            "conversions": rng.integers(900, 1100, n),
            rpk_name: np.round(rng.uniform(40, 60, n), 2),
            "tv_spend": rng.uniform(0, 5000, n).round(2),
            "search_spend": rng.uniform(500, 3000, n).round(2),
        }
    )


def test_a_count_kpi_times_revenue_per_kpi_is_revenue() -> None:
    frame = _frame()
    loaded = load(frame)
    ds = loaded.dataset
    assert ds.kpi_name == "revenue"
    np.testing.assert_allclose(ds.kpi, frame["conversions"] * frame["revenue_per_conversion"])
    assert loaded.roles.revenue_per_kpi == "revenue_per_conversion"
    assert "revenue_per_conversion" not in ds.control_names
    assert any("conversions x revenue_per_conversion" in note for note in ds.notes)


def test_none_keeps_the_count_and_an_explicit_column_is_used() -> None:
    frame = _frame(rpk_name="aov")
    assert load(frame).dataset.kpi_name == "conversions"  # 'aov' is not auto-detected
    ds = load(frame, revenue_per_kpi="aov").dataset
    np.testing.assert_allclose(ds.kpi, frame["conversions"] * frame["aov"])
    assert load(_frame(), revenue_per_kpi="none").dataset.kpi_name == "conversions"


def test_a_money_kpi_is_never_multiplied() -> None:
    frame = _frame().rename(columns={"conversions": "sales"})
    ds = load(frame).dataset
    assert ds.kpi_name == "sales"
    np.testing.assert_allclose(ds.kpi, frame["sales"])


def test_a_missing_revenue_per_kpi_column_is_a_clear_error() -> None:
    with pytest.raises(DataValidationError, match="value_per_unit"):
        load(_frame(), revenue_per_kpi="value_per_unit")


def test_geo_data_is_converted_per_row_before_summing() -> None:
    a, b = _frame(), _frame()
    b["revenue_per_conversion"] = b["revenue_per_conversion"] * 2
    geo = pd.concat([a.assign(geo="north"), b.assign(geo="south")], ignore_index=True)
    ds = load(geo).dataset
    expected = a["conversions"] * a["revenue_per_conversion"] + b["conversions"] * b["revenue_per_conversion"]
    np.testing.assert_allclose(ds.kpi, expected)


def test_meridian_national_data_is_modelled_in_revenue(meridian_csv) -> None:
    raw = pd.read_csv(meridian_csv)
    ds = load(meridian_csv).dataset
    assert ds.kpi_name == "revenue"
    np.testing.assert_allclose(ds.kpi, raw["conversions"] * raw["revenue_per_conversion"], rtol=1e-9)
