"""The validation report: every issue at once, the right status for each, never raising on valid data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from data_frames import weekly_frame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixwise.data import ValidationReport, generate, load, validate
from mixwise.data.report import Check
from mixwise.errors import DataValidationError


def _status(report: ValidationReport, check: str) -> set[str]:
    return {c.status for c in report.checks if c.check == check}


def test_clean_data_passes(frame):
    report = validate(frame)
    assert report.ok
    assert report.status == "PASS", report.to_frame()
    assert report.headline.startswith("Data checks:")


def test_dataset_input():
    report = validate(generate(seed=1).dataset)
    assert report.ok


def test_every_issue_reported_at_once(frame):
    f = frame.copy()
    f.loc[2, "tv_spend"] = -50.0
    f.loc[5, "sales"] = np.nan
    f.loc[7, "date"] = f.loc[6, "date"]
    report = validate(f)
    assert _status(report, "negative_spend") == {"FAIL"}
    assert "FAIL" in _status(report, "nulls")
    assert _status(report, "duplicate_dates") == {"FAIL"}
    with pytest.raises(DataValidationError) as info:
        report.raise_if_failed()
    text = str(info.value)
    assert "3 checks" in text and "Negative spend in tv" in text and "empty cell" in text and "share a date" in text


def test_nulls_name_file_rows(frame):
    f = frame.copy()
    f.loc[[4, 9], "search_spend"] = np.nan
    failure = next(c for c in validate(f).failures if c.check == "nulls")
    assert failure.column == "search"
    assert "2 empty cell(s)" in failure.message and "rows 6, 11" in failure.message  # header is row 1


def test_unsorted_dates_warn_and_are_sorted(tmp_path, frame):
    shuffled = frame.sample(frac=1.0, random_state=3)
    assert _status(validate(shuffled), "date_order") == {"WARN"}
    path = tmp_path / "shuffled.csv"
    shuffled.to_csv(path, index=False)
    ds = load(path).dataset
    assert ds.dates.is_monotonic_increasing
    np.testing.assert_allclose(ds.kpi, frame["sales"].to_numpy())


def test_gap_warns(frame):
    report = validate(frame.drop(index=[10, 11]))
    gap = next(c for c in report.checks if c.check == "frequency")
    assert gap.status == "WARN" and gap.message.startswith("2 week(s) missing")


def test_kpi_negative_fails_and_zero_warns(frame):
    assert _status(validate(frame.assign(sales=frame["sales"].where(frame.index != 3, -1.0))), "kpi_values") == {"FAIL"}
    assert _status(validate(frame.assign(sales=frame["sales"].where(frame.index != 3, 0.0))), "kpi_values") == {"WARN"}
    assert _status(validate(frame.assign(sales=5.0)), "kpi_values") == {"FAIL"}


def test_all_zero_channel_fails_constant_warns(frame):
    assert _status(validate(frame.assign(tv_spend=0.0)), "channel_variation") == {"FAIL"}
    assert _status(validate(frame.assign(tv_spend=100.0)), "channel_variation") == {"WARN"}
    assert _status(validate(frame.assign(price=1.0)), "control_variation") == {"WARN"}


def test_outlier_flagged_not_dropped(tmp_path, frame):
    f = frame.copy()
    f.loc[20, "sales"] = f["sales"].median() * 3
    report = validate(f)
    outlier = next(c for c in report.checks if c.check == "outliers")
    assert outlier.status == "WARN" and "2022-05-23" in outlier.message  # week 20 after 2022-01-03
    path = tmp_path / "outlier.csv"
    f.to_csv(path, index=False)
    assert load(path).dataset.n_weeks == len(f)


def test_spend_typo_is_an_outlier(frame):
    f = frame.copy()
    f.loc[30, "search_spend"] = f.loc[30, "search_spend"] * 100  # an extra two zeros
    outlier = next(c for c in validate(f).checks if c.check == "outliers")
    assert outlier.status == "WARN" and outlier.column == "search"


def test_adequacy_ratio():
    # 7 base parameters + 4 per channel x 2 channels + 1 control = 16 parameters.
    assert _status(validate(weekly_frame(n_weeks=40)), "adequacy") == {"WARN"}  # 40 / 16 = 2.5
    assert _status(validate(weekly_frame(n_weeks=12)), "adequacy") == {"FAIL"}  # 12 / 16 < 1
    assert _status(validate(weekly_frame(n_weeks=60)), "adequacy") == {"PASS"}  # 60 / 16 = 3.75
    assert _status(validate(weekly_frame(n_weeks=40)), "history") == {"WARN"}  # < 52 weeks


def test_collinearity_and_vif(frame):
    rng = np.random.default_rng(1)
    f = frame.assign(radio_spend=frame["tv_spend"] * 0.5 + rng.normal(0, 10, len(frame)))
    report = validate(f)
    corr = next(c for c in report.checks if c.check == "collinearity")
    assert corr.status == "WARN" and "tv & radio" in corr.message
    assert _status(report, "vif") == {"WARN"}


def test_scale_mismatch(frame):
    assert _status(validate(frame.assign(sales=frame["sales"] / 1000)), "scale") == {"WARN"}
    assert _status(validate(frame.assign(tv_spend=frame["tv_spend"] / 1e6, search_spend=1e-3)), "scale") == {"WARN"}


def test_unparseable_cells_fail(frame):
    f = frame.astype({"tv_spend": object})
    f.loc[4, "tv_spend"] = "twelve"
    failure = next(c for c in validate(f).failures if c.check == "unparseable")
    assert "'tv_spend'" in failure.message and "'twelve'" in failure.message


def test_report_round_trip(frame):
    report = validate(frame.assign(price=1.0))
    doc = report.to_dict()
    assert doc["status"] == "WARN" and doc["n_warn"] == 1 and doc["n_fail"] == 0
    assert len(doc["checks"]) == len(report.checks)
    assert report.caveats == ("Control 'price' is constant (1).",)
    assert list(report.to_frame().columns) == ["check", "status", "message", "recommendation", "column"]


def test_check_rejects_unknown_status():
    with pytest.raises(ValueError, match="PASS, WARN, FAIL"):
        Check("x", "OK", "message")  # type: ignore[arg-type]


# ---- properties -----------------------------------------------------------------------------

_positive = st.floats(min_value=1.0, max_value=1e7, allow_nan=False)


@st.composite
def valid_frames(draw):
    n = draw(st.integers(min_value=3, max_value=80))
    n_channels = draw(st.integers(min_value=1, max_value=5))
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rng = np.random.default_rng(seed)
    scale = draw(_positive)
    frame = pd.DataFrame({"date": pd.date_range("2020-01-06", periods=n, freq="W-MON")})
    frame["sales"] = scale * rng.uniform(0.5, 1.5, n)
    for i in range(n_channels):
        on = rng.random(n) < draw(st.floats(0.0, 1.0))
        frame[f"ch{i}_spend"] = np.where(on, rng.lognormal(np.log(scale) - 3, 1.0, n), 0.0)
    if draw(st.booleans()):
        frame["price"] = rng.normal(1, 0.1, n)
    return frame


@given(frame=valid_frames())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_report_never_raises_on_valid_data(frame):
    report = validate(frame)
    assert report.status in ("PASS", "WARN", "FAIL")
    assert {"negative_spend", "nulls", "adequacy"} <= {c.check for c in report.checks}
    assert report.to_dict()["n_fail"] == len(report.failures)


@given(frame=valid_frames(), data=st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_negative_spend_always_fails(frame, data):
    channels = [c for c in frame.columns if c.endswith("_spend")]
    col = data.draw(st.sampled_from(channels))
    row = data.draw(st.integers(0, len(frame) - 1))
    frame.loc[row, col] = -data.draw(st.floats(min_value=0.01, max_value=1e6))
    report = validate(frame)
    assert _status(report, "negative_spend") == {"FAIL"}
    assert not report.ok
