from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "optimize"))
from truth_model import TruthModel  # noqa: E402

from mixwise.analysis.drivers import Period, comparison_period, drivers, parse_period  # noqa: E402
from mixwise.data.synthetic import generate  # noqa: E402
from mixwise.errors import ConfigError  # noqa: E402

TS = pd.Timestamp


@pytest.fixture(scope="module")
def synth():
    return generate(seed=2, n_weeks=156)  # 2021-01-04 .. 2023-12-25


@pytest.fixture(scope="module")
def model(synth):
    return TruthModel(synth.truth, draws=20, jitter=0.05).fit(synth.dataset)


@pytest.mark.parametrize(
    ("text", "start", "end", "vs"),
    [
        ("2023Q4", "2023-10-01", "2023-12-31", None),
        ("Q4 2022", "2022-10-01", "2022-12-31", None),
        ("Q2", "2023-04-01", "2023-06-30", None),
        ("2023-03", "2023-03-01", "2023-03-31", None),
        ("March 2022", "2022-03-01", "2022-03-31", None),
        ("mar", "2023-03-01", "2023-03-31", None),
        ("2022H2", "2022-07-01", "2022-12-31", None),
        ("H1", "2023-01-01", "2023-06-30", None),
        ("2022", "2022-01-01", "2022-12-31", None),
        ("2022-01-01..2022-03-31", "2022-01-01", "2022-03-31", None),
        ("2022-01-01 to 2022-03-31", "2022-01-01", "2022-03-31", None),
        ("last quarter", "2023-10-01", "2023-12-31", None),
        ("last month", "2023-12-01", "2023-12-31", None),
        ("ytd", "2023-01-01", "2023-12-25", "yoy"),
        ("the holidays", "2023-11-15", "2023-12-31", "yoy"),
        ("Q3 2023 year over year", "2023-07-01", "2023-09-30", "yoy"),
        ("Q3 2023 vs last year", "2023-07-01", "2023-09-30", "yoy"),
        ("Q3 2023 compared to the previous quarter", "2023-07-01", "2023-09-30", "previous"),
    ],
)
def test_parse_period(synth, text, start, end, vs):
    p, implied = parse_period(text, synth.dataset.dates)
    assert (p.start, p.end) == (TS(start), TS(end))
    assert implied == vs


def test_latest_complete_period_is_preferred():
    dates = pd.date_range("2021-01-04", "2023-11-06", freq="W-MON")  # Q4 2023 only partly covered
    p, _ = parse_period("Q4", dates)
    assert p.label == "Q4 2022"
    p, _ = parse_period("last quarter", dates)
    assert p.label == "Q3 2023"


def test_comparison_periods(synth):
    q4 = parse_period("2023Q4", synth.dataset.dates)[0]
    assert comparison_period(q4, "previous").label == "Q3 2023"
    assert comparison_period(q4, "yoy").label == "Q4 2022"
    jan = parse_period("January 2023", synth.dataset.dates)[0]
    assert comparison_period(jan, "previous").label == "December 2022"
    custom = parse_period("last 8 weeks", synth.dataset.dates)[0]
    prev = comparison_period(custom, "previous", synth.dataset.dates)
    assert prev.mask(synth.dataset.dates).sum() == 8
    assert prev.end < custom.start


def test_waterfall_reconciles_exactly_with_actual_change(model, synth):
    ds = synth.dataset
    res = drivers(model, "2023Q4")
    cur = (ds.dates >= TS("2023-10-01")) & (ds.dates <= TS("2023-12-31"))
    prev = (ds.dates >= TS("2023-07-01")) & (ds.dates <= TS("2023-09-30"))
    actual = ds.kpi[cur].sum() - ds.kpi[prev].sum()
    assert res.kpi_change == pytest.approx(actual)
    assert res.table.change.sum() == pytest.approx(actual, rel=1e-9)
    assert res.table.current.sum() == pytest.approx(ds.kpi[cur].sum(), rel=1e-9)
    assert res.kpi_change_pct == pytest.approx(actual / ds.kpi[prev].sum())
    assert set(res.table.kind) == {"base", "control", "media", "residual"}
    assert list(res.table.component[-1:]) == ["unexplained"]


def test_media_rows_match_independent_contribution(model, synth):
    """Channel change = mean over draws of the contribution difference, computed by hand."""
    ds = synth.dataset
    res = drivers(model, "2022Q2", vs="yoy")
    p = model.media_params_
    cur = (ds.dates >= TS("2022-04-01")) & (ds.dates <= TS("2022-06-30"))
    prev = (ds.dates >= TS("2021-04-01")) & (ds.dates <= TS("2021-06-30"))
    i = ds.channels.index("digital")
    diffs = []
    for d in range(p.n_draws):
        w = p.decay[d, i] ** np.arange(p.max_lag + 1)
        ad = np.convolve(ds.spend[:, i], w / w.sum())[: ds.n_weeks]
        s, k = p.slope[d, i], p.half_saturation[d, i]
        contrib = p.coef[d, i] * ad**s / (ad**s + k**s)
        diffs.append(contrib[cur].sum() - contrib[prev].sum())
    row = res.table.set_index("component").loc["digital"]
    assert row.change == pytest.approx(np.mean(diffs), rel=1e-9)
    assert row.change_lower <= row.change <= row.change_upper
    assert res.comparison.label == "Q2 2021" and res.vs == "yoy"


def test_top_drivers_media_share_and_headline(model):
    res = drivers(model, "2023Q4")
    named = res.table[res.table.kind != "residual"]
    assert res.top_drivers[0]["change"] == pytest.approx(named.change.abs().max(), rel=1e-12) or res.top_drivers[0][
        "change"
    ] == pytest.approx(-named.change.abs().max(), rel=1e-12)
    media = res.table[res.table.kind == "media"].change.sum()
    assert res.media_share == pytest.approx(media / res.kpi_change)
    verb = "rose" if res.kpi_change > 0 else "fell"
    assert res.headline.startswith(f"Sales {verb} {abs(res.kpi_change_pct) * 100:.1f}% in Q4 2023 vs Q3 2023")
    d = res.to_dict()
    assert d["period"]["label"] == "Q4 2023" and d["comparison"]["n_weeks"] == res.n_weeks_comparison
    assert len(d["rows"]) == len(res.table)


def test_period_outside_data_states_range(model):
    with pytest.raises(ConfigError, match="runs from 2021-01-04 to 2023-12-25"):
        drivers(model, "2019")
    with pytest.raises(ConfigError, match="comparison period Q4 2020"):
        drivers(model, "Q1 2021")
    with pytest.raises(ConfigError, match="Could not read the period"):
        drivers(model, "the olden days")


def test_accepts_period_object(model):
    p = Period(TS("2023-01-01"), TS("2023-03-31"), "quarter", "Q1 2023")
    assert drivers(model, p).comparison.label == "Q4 2022"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.integers(60, 140), length=st.integers(1, 15), yoy=st.booleans())
def test_any_range_reconciles(model, synth, start, length, yoy):
    ds = synth.dataset
    a, b = ds.dates[start], ds.dates[min(start + length, ds.n_weeks - 1)]
    res = drivers(model, f"{a.date()}..{b.date()}", vs="yoy" if yoy else "previous")
    assert res.table.change.sum() == pytest.approx(res.kpi_change, rel=1e-9, abs=1e-6)
    assert res.n_weeks == res.n_weeks_comparison
