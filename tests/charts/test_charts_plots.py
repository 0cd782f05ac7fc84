"""Each plot_* returns a Figure with the expected artists, a takeaway title and the shared channel colours."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from mixwise.charts import (
    channel_colors,
    plot_actual_vs_predicted,
    plot_allocation,
    plot_budget_efficiency,
    plot_channel_contributions,
    plot_decomposition_pie,
    plot_response_curves,
    plot_roi_comparison,
    plot_sales_spend_trend,
    plot_scenario,
    plot_waterfall,
)
from mixwise.charts.curves import diminishing_start, grid_shape
from mixwise.charts.theme import figure_text
from mixwise.errors import DataValidationError

CH = ["tv", "radio", "digital", "print"]
COLORS = channel_colors(CH)


def title_of(fig: Figure) -> str:
    """The figure's takeaway title as one line (wrapping undone)."""
    return figure_text(fig, "title")


def hexes(artists) -> list[str]:
    return [mpl.colors.to_hex(a.get_facecolor()) for a in artists]


@pytest.fixture
def roi() -> pd.DataFrame:
    mean = np.array([2.2, 1.3, 2.8, 0.7])
    return pd.DataFrame(
        {
            "channel": CH,
            "spend": [100.0, 100.0, 200.0, 100.0],
            "contribution": [200.0, 50.0, 700.0, 50.0],
            "mean": mean,
            "lower": mean * 0.8,
            "upper": mean * 1.2,
        }
    )


def weekly(n: int = 8) -> tuple[pd.DataFrame, pd.DataFrame]:
    dates = pd.date_range("2024-01-01", periods=n, freq="W-MON")
    contrib = pd.DataFrame(
        {
            "date": dates,
            "baseline": 100.0,
            "trend": 0.0,
            "seasonality": 0.0,
            "price": -10.0,
            "tv": 20.0,
            "radio": 10.0,
            "predicted": 120.0,
            "actual": 1000.0,
        }
    )
    spend = pd.DataFrame({"date": dates, "tv": 100.0, "radio": 50.0})
    return contrib, spend


# --- ROI, efficiency, donut -------------------------------------------------------------------


def test_roi_bars_ranked_with_break_even_and_takeaway(roi):
    fig = plot_roi_comparison(roi)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Print", "Radio", "TV", "Digital"]  # bottom to top: best on top
    assert hexes(ax.patches) == [COLORS[c].lower() for c in ["print", "radio", "tv", "digital"]]
    assert [p.get_width() for p in ax.patches] == pytest.approx([0.7, 1.3, 2.2, 2.8])
    assert any(list(line.get_xdata()) == [1.0, 1.0] for line in ax.lines)
    assert title_of(fig) == "Digital returns the most per $1: $2.80; Print returns less than it costs"


def test_roi_title_override_and_missing_intervals(roi):
    frame = roi.assign(lower=np.nan, upper=np.nan)
    fig = plot_roi_comparison(frame, title="Our own words")
    assert title_of(fig) == "Our own words"
    assert len(fig.axes[0].patches) == 4
    assert not fig.axes[0].collections  # no whiskers without intervals


def test_missing_columns_name_what_is_missing(roi):
    with pytest.raises(DataValidationError, match="missing lower, upper"):
        plot_roi_comparison(roi.drop(columns=["lower", "upper"]))
    with pytest.raises(DataValidationError, match="empty"):
        plot_roi_comparison(roi.iloc[:0])
    with pytest.raises(DataValidationError, match="DataFrame"):
        plot_roi_comparison({"channel": CH})


def test_budget_efficiency_points_are_the_shares(roi):
    fig = plot_budget_efficiency(roi)
    ax = fig.axes[0]
    # spend 100,100,200,100 of 500; contribution 200,50,700,50 of 1000
    offsets = np.asarray(ax.collections[-1].get_offsets())
    assert offsets == pytest.approx(np.array([[0.2, 0.2], [0.2, 0.05], [0.4, 0.7], [0.2, 0.05]]))
    assert [mpl.colors.to_hex(c) for c in ax.collections[-1].get_facecolors()] == [COLORS[c].lower() for c in CH]
    assert len(ax.patches) == 2  # under- and over-invested regions
    assert title_of(fig) == "Digital earns 70% of media-driven sales on 40% of spend; Radio earns 5% on 20%"


@pytest.fixture
def shares() -> pd.DataFrame:
    rows = [
        ("baseline", "base", 600.0),
        ("trend", "base", 50.0),
        ("seasonality", "base", -10.0),
        ("price", "control", -40.0),
        ("tv", "media", 150.0),
        ("radio", "media", 50.0),
        ("digital", "media", 180.0),
        ("print", "media", 20.0),
    ]
    frame = pd.DataFrame(rows, columns=["component", "kind", "contribution"])
    frame["share"] = frame["contribution"] / 1000.0
    frame["lower"] = frame["share"] * 0.9
    frame["upper"] = frame["share"] * 1.1
    return frame


def test_donut_groups_base_and_colours_channels(shares):
    fig = plot_decomposition_pie(shares)
    ax = fig.axes[0]
    assert len(ax.patches) == 5  # base + 4 channels
    assert hexes(ax.patches)[1:] == [COLORS[c].lower() for c in ["digital", "tv", "radio", "print"]]
    theta = [p.theta2 - p.theta1 for p in ax.patches]
    assert theta[0] == pytest.approx(360 * 0.6)  # base = 600 + 50 - 10 - 40 of 1000
    assert "40%" in [t.get_text() for t in ax.texts]
    assert title_of(fig) == "Media drives 40% of sales; Digital leads with 18%"


def test_donut_ungrouped_lists_negative_parts(shares):
    fig = plot_decomposition_pie(shares, group_base=False)
    assert len(fig.axes[0].patches) == 6  # baseline, trend + 4 channels
    note = figure_text(fig, "note")
    assert "Seasonality -$10" in note and "Price -$40" in note


# --- response curves --------------------------------------------------------------------------


@pytest.fixture
def curves() -> pd.DataFrame:
    mult = np.round(np.arange(0, 2.01, 0.2), 2)
    rows = []
    for m in mult:
        s = 50.0 * m
        rows.append(("tv", m, s, 3.0 * s, 2.5 * s, 3.5 * s, m == 1.0))
        r = 100.0 * (1 - np.exp(-s / 50.0))
        rows.append(("radio", m, s, r, 0.8 * r, 1.2 * r, m == 1.0))
    return pd.DataFrame(rows, columns=["channel", "multiplier", "spend", "mean", "lower", "upper", "is_current"])


def test_response_curves_panels_marker_and_shading(curves):
    fig = plot_response_curves(curves)
    axes = [a for a in fig.axes if a.get_visible()]
    assert len(axes) == 2
    tv_ax, radio_ax = axes
    assert len(tv_ax.patches) == 0  # slope 3 everywhere: never diminishing
    assert len(radio_ax.patches) == 1  # 100(1-exp(-s/50)): slope 2exp(-s/50) < 1 past s = 34.7
    # slope at s = 40 by central difference: (f(50) - f(30)) / 20 = 5(e^-0.6 - e^-1) = 0.905 < 1; at 30 it is 1.105
    assert radio_ax.patches[0].get_x() == pytest.approx(40.0)
    for ax, ch in ((tv_ax, "tv"), (radio_ax, "radio")):
        assert len(ax.collections) == 1  # the band
        assert mpl.colors.to_hex(ax.lines[0].get_color()) == COLORS[ch].lower()
        assert list(ax.lines[1].get_xdata()) == [50.0]  # current spend marker
    assert tv_ax.get_title("left") == "TV: next $1 returns $3.00"
    # (f(60) - f(40)) / 20 = 5(e^-0.8 - e^-1.2) = 0.74
    assert radio_ax.get_title("left") == "Radio: next $1 returns $0.74"
    assert title_of(fig) == "TV has the most room to grow: the next $1 returns $3.00; in Radio it returns under $1"


def test_diminishing_start_and_grid():
    spend = np.arange(6.0)
    assert diminishing_start(spend, np.array([0.2, 0.8, 1.5, 1.2, 0.9, 0.5])) == 4.0  # S-curve: past the peak
    assert diminishing_start(spend[:3], np.array([0.1, 0.5, 0.3])) == 1.0  # never reaches 1: from the steepest
    assert np.isnan(diminishing_start(spend[:3], np.array([2.0, 1.5, 1.2])))
    assert [grid_shape(n) for n in (1, 2, 3, 4, 5, 6, 9, 10)] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (2, 2),
        (2, 3),
        (2, 3),
        (3, 3),
        (3, 4),
    ]


# --- over time --------------------------------------------------------------------------------


def test_sales_spend_trend_bars_and_line():
    contrib, spend = weekly(8)
    fig = plot_sales_spend_trend(contrib, spend)
    ax, ax2 = fig.axes
    assert len(ax.patches) == 8 * 2
    assert hexes(ax.patches[:8]) == [COLORS["tv"].lower()] * 8
    assert len(ax2.lines) == 1 and list(ax2.lines[0].get_ydata()) == [1000.0] * 8
    assert title_of(fig) == "$8.0k of sales on $1.2k of media over 8 weeks"


def test_sales_spend_trend_year_over_year():
    n = 104
    dates = pd.date_range("2022-01-03", periods=n, freq="W-MON")
    contrib = pd.DataFrame({"date": dates, "actual": np.r_[np.full(52, 100.0), np.full(52, 110.0)]})
    spend = pd.DataFrame({"date": dates, "tv": np.r_[np.full(52, 10.0), np.full(52, 9.0)]})
    fig = plot_sales_spend_trend(contrib, spend)
    assert title_of(fig) == "Sales up 10% year over year while media spend fell 10%"


def test_channel_contributions_stack_over_base():
    contrib, _ = weekly(8)
    fig = plot_channel_contributions(contrib, channels=["tv", "radio"])
    ax = fig.axes[0]
    assert len(ax.collections) == 3  # base + 2 channels
    assert mpl.colors.to_hex(ax.collections[1].get_facecolor()[0]) == COLORS["tv"].lower()
    assert len(ax.lines) == 1  # actual
    # base = 100 - 10 = 90, media = 30 per week: 25%; tv 8 x 20 = 160
    assert title_of(fig) == "Media drove 25% of sales; TV contributed most ($160)"
    contrib.attrs["channels"] = ["tv", "radio"]
    assert len(plot_channel_contributions(contrib).axes[0].collections) == 3


def test_channel_contributions_needs_channels():
    contrib, _ = weekly(4)
    with pytest.raises(DataValidationError, match="channels="):
        plot_channel_contributions(contrib)
    with pytest.raises(DataValidationError, match="tvv"):
        plot_channel_contributions(contrib, channels=["tvv"])


def avp_frame() -> pd.DataFrame:
    dates = pd.date_range("2024-01-01", periods=8, freq="W-MON")
    pred = np.r_[np.full(4, 90.0), np.full(4, 105.0)]
    return pd.DataFrame({"date": dates, "actual": 100.0, "predicted": pred, "lower": pred - 5, "upper": pred + 5})


def test_actual_vs_predicted_with_holdout():
    frame = avp_frame()
    fig = plot_actual_vs_predicted(frame, holdout_start=frame["date"].iloc[4])
    ax = fig.axes[0]
    assert len(ax.collections) == 1  # interval band
    assert len(ax.patches) == 1  # holdout span
    assert len(ax.lines) == 3  # actual, predicted, holdout start
    assert title_of(fig) == "The model tracks weekly sales within 10.0% in fit and 5.0% on unseen holdout weeks"


def test_actual_vs_predicted_without_holdout_or_interval():
    fig = plot_actual_vs_predicted(avp_frame().assign(lower=np.nan, upper=np.nan))
    ax = fig.axes[0]
    assert not ax.collections and not ax.patches
    assert title_of(fig) == "The model tracks weekly sales within 7.5% on average"


# --- decisions --------------------------------------------------------------------------------


def test_allocation_pairs_and_takeaway():
    cur = np.full(4, 100.0)
    rec = np.array([150.0, 100.0, 80.0, 70.0])
    plan = pd.DataFrame(
        {"channel": CH, "current": cur, "recommended": rec, "change": rec - cur, "change_pct": rec / cur - 1}
    )
    fig = plot_allocation(plan, kpi_change=1234)
    ax = fig.axes[0]
    assert len(ax.patches) == 8
    recommended = ax.patches[4:]
    assert sorted(p.get_width() for p in recommended) == [70.0, 80.0, 100.0, 150.0]
    top = max(recommended, key=lambda p: p.get_y())
    assert top.get_width() == 150.0 and mpl.colors.to_hex(top.get_facecolor()) == COLORS["tv"].lower()
    assert title_of(fig) == "Move budget from Print and Digital to TV: +$1.2k sales expected"


def test_waterfall_walks_from_previous_to_current():
    drivers = pd.DataFrame(
        [
            ("baseline", "base", 1010.0, 1000.0),
            ("tv", "media", 150.0, 100.0),
            ("radio", "media", 40.0, 50.0),
            ("price", "control", -20.0, -20.0),
        ],
        columns=["component", "kind", "current", "previous"],
    )
    drivers["change"] = drivers["current"] - drivers["previous"]
    fig = plot_waterfall(drivers)
    ax = fig.axes[0]
    assert len(ax.patches) == 6
    totals, steps = ax.patches[:2], ax.patches[2:]
    assert [t.get_y() + t.get_height() for t in totals] == pytest.approx([1130.0, 1180.0])
    # order by size of change: tv +50 from 1130, baseline +10 from 1180, radio -10 from 1190, price 0 at 1180
    assert [s.get_y() for s in steps] == pytest.approx([1130.0, 1180.0, 1190.0, 1180.0])
    assert [s.get_height() for s in steps] == pytest.approx([50.0, 10.0, -10.0, 0.0])
    assert mpl.colors.to_hex(steps[0].get_facecolor()) == COLORS["tv"].lower()
    assert title_of(fig) == "Sales rose $50 (+4.4%); biggest lift: TV (+$50)"


def test_waterfall_groups_small_drivers():
    rows = [(f"c{i}", "control", 10.0 + i, 10.0) for i in range(12)]
    drivers = pd.DataFrame(rows, columns=["component", "kind", "current", "previous"])
    drivers["change"] = drivers["current"] - drivers["previous"]
    fig = plot_waterfall(drivers, max_components=5)
    assert len(fig.axes[0].patches) == 5 + 2
    assert "Other" in [t.get_text() for t in fig.axes[0].get_xticklabels()]


def test_scenario_two_panels_and_totals():
    impact = pd.DataFrame(
        {
            "channel": ["tv", "radio"],
            "spend_before": [100.0, 100.0],
            "spend_after": [150.0, 100.0],
            "delta_kpi": [80.0, 0.0],
        }
    )
    fig = plot_scenario(impact)
    ax1, ax2 = fig.axes
    assert len(ax1.patches) == 2 and len(ax2.patches) == 2
    assert [p.get_width() for p in ax1.patches] == [50.0, 0.0]
    assert hexes(ax2.patches) == [COLORS["tv"].lower(), COLORS["radio"].lower()]
    assert title_of(fig) == "This scenario adds $80 sales for +$50 spend"
    fig = plot_scenario(
        impact.assign(lower=[60.0, 0.0], upper=[95.0, 0.0]), total_delta_kpi=75, total_lower=60, total_upper=90
    )
    assert title_of(fig) == "This scenario adds $75 sales ($60 to $90) for +$50 spend"
    assert len(fig.axes[1].collections) >= 1  # whiskers


# --- across charts ----------------------------------------------------------------------------


def test_a_channel_has_one_colour_on_every_chart(tables):
    want = COLORS["tv"].lower()
    roi_ax = plot_roi_comparison(tables["roi"]).axes[0]
    tv_bar = roi_ax.patches[[t.get_text() for t in roi_ax.get_yticklabels()].index("TV")]
    found = {"roi": mpl.colors.to_hex(tv_bar.get_facecolor())}
    pie = plot_decomposition_pie(tables["contribution_shares"]).axes[0]
    found["pie"] = [mpl.colors.to_hex(p.get_facecolor()) for p in pie.patches]
    curves = plot_response_curves(tables["response_curves"]).axes[0]
    found["curve"] = mpl.colors.to_hex(curves.lines[0].get_color())
    contrib = plot_channel_contributions(tables["contributions"]).axes[0]
    found["area"] = mpl.colors.to_hex(contrib.collections[1].get_facecolor()[0])
    alloc = plot_allocation(tables["allocation"]).axes[0]
    tv_row = [t.get_text() for t in alloc.get_yticklabels()].index("TV")
    found["allocation"] = mpl.colors.to_hex(alloc.patches[4 + tv_row].get_facecolor())
    scen = plot_scenario(tables["scenario"]).axes[1]
    found["scenario"] = mpl.colors.to_hex(scen.patches[0].get_facecolor())
    assert want in found.pop("pie")
    assert set(found.values()) == {want}, found


def test_no_global_matplotlib_state_changed(roi):
    before = (mpl.get_backend(), dict(mpl.rcParams))
    plot_roi_comparison(roi)
    assert (mpl.get_backend(), dict(mpl.rcParams)) == before
