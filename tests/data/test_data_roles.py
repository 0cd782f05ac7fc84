"""Column-role detection on the seed, Robyn and Meridian schemas; explicit mappings win."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mixwise.data import channel_name, load
from mixwise.data.roles import detect_roles
from mixwise.errors import DataValidationError


@pytest.mark.parametrize(
    ("column", "name"),
    [
        ("tv_spend", "tv"),
        ("TV_Spend", "tv"),
        ("search_S", "search"),
        ("Channel0_spend", "channel0"),
        ("spend_facebook", "facebook"),
        ("Paid Social Cost", "paid_social"),
        ("print", "print"),
    ],
)
def test_channel_name(column, name):
    assert channel_name(column) == name


def test_seed_schema_detected(frame):
    roles = detect_roles(frame)
    assert roles.date == "date"
    assert roles.kpi == "sales"
    assert roles.spend == {"tv": "tv_spend", "search": "search_spend"}
    assert roles.controls == ("price",)
    assert set(roles.detected) == {"date", "kpi", "spend", "controls"}


def test_case_insensitive_kpi_and_explicit_mapping_wins(frame):
    f = frame.rename(columns={"sales": "Revenue", "tv_spend": "TV_Spend"})
    roles = detect_roles(f, spend={"television": "tv_spend"}, controls=[])
    assert roles.kpi == "Revenue"
    assert roles.spend == {"television": "TV_Spend"}  # case-insensitive column match
    assert roles.controls == ()
    assert "search_spend" in roles.unused


def test_explicit_spend_string_and_labels(csv_path):
    ds = load(csv_path, spend="television=tv_spend", controls="none").dataset
    assert ds.channels == ("television",)
    assert ds.channel_labels == ("tv_spend",)
    assert ds.control_names == ()
    assert ds.channel_index("tv_spend") == 0


def test_exposures_recorded_not_modelled(frame):
    f = frame.assign(tv_impressions=np.arange(len(frame)) * 10.0, search_clicks=5.0)
    result_roles = detect_roles(f)
    assert result_roles.exposures == ("tv_impressions", "search_clicks")
    assert "tv_impressions" not in result_roles.controls


def test_text_events_become_dummies(tmp_path, frame):
    events = ["na"] * len(frame)
    events[3], events[10], events[11] = "launch", "sale", "launch"
    path = tmp_path / "events.csv"
    frame.assign(events=events).to_csv(path, index=False)
    ds = load(path).dataset
    assert ds.control_names == ("price", "events_launch", "events_sale")
    launch = ds.controls[:, 1]
    assert launch.sum() == 2 and launch[3] == 1 and launch[10] == 0 and launch[11] == 1
    assert ds.controls[:, 2].sum() == 1


def test_unknown_control_lists_columns(frame):
    with pytest.raises(DataValidationError, match=r"'promo' does not exist.*date, sales"):
        detect_roles(frame, controls=["promo"])


def test_no_spend_columns(frame):
    with pytest.raises(DataValidationError, match="No paid media spend columns found"):
        detect_roles(frame.rename(columns={"tv_spend": "tv", "search_spend": "search"}))


def test_robyn_schema(robyn_csv):
    result = load(robyn_csv)
    ds = result.dataset
    assert ds.kpi_name == "revenue"
    assert ds.channels == ("tv", "ooh", "print", "search", "facebook")
    assert ds.channel_labels == ("tv_S", "ooh_S", "print_S", "search_S", "facebook_S")
    assert set(ds.control_names) == {"competitor_sales_B", "events_event1", "events_event2", "newsletter"}
    assert set(result.roles.exposures) == {"facebook_I", "search_clicks_P"}
    assert ds.n_weeks == 208
    raw = pd.read_csv(robyn_csv)
    np.testing.assert_allclose(ds.kpi, raw["revenue"].to_numpy())
    assert ds.controls[:, ds.control_names.index("events_event1")].sum() == (raw["events"] == "event1").sum()
    assert result.exposures is not None and list(result.exposures.columns) == ["date", "facebook_I", "search_clicks_P"]


def test_meridian_national_schema(meridian_csv):
    result = load(meridian_csv)
    ds = result.dataset
    assert ds.kpi_name == "revenue" and result.roles.kpi == "conversions"
    assert ds.channels == ("channel0", "channel1", "channel2", "channel3")
    assert ds.control_names == ("competitor_activity_score_control", "sentiment_score_control")
    assert result.roles.revenue_per_kpi == "revenue_per_conversion" and not result.roles.unused
    assert ds.n_weeks == 156


def test_date_column_preferred_over_week_number(frame):
    f = frame.assign(week=np.arange(1, len(frame) + 1))[["week", *frame.columns]]
    assert detect_roles(f).date == "date"


def test_date_detected_by_content(frame):
    assert detect_roles(frame.rename(columns={"date": "Woche"})).date == "Woche"


def test_channel_names_stay_unique(frame):
    roles = detect_roles(frame.assign(TV_cost=1.0))
    assert roles.spend == {"tv": "tv_spend", "search": "search_spend", "tv_cost": "TV_cost"}


def test_channel_named_like_a_control_is_a_clear_error(csv_path):
    with pytest.raises(DataValidationError, match="Name clash: 'price'"):
        load(csv_path, spend="price=tv_spend")
