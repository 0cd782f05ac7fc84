"""load(): bundled sample, daily-to-weekly, geo sums, project file."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from mixwise.data import SAMPLE_PATH, generate, load, load_config, sample_truth
from mixwise.data.config import data_settings
from mixwise.errors import ConfigError, DataValidationError


def test_committed_sample_equals_fresh_generation():
    fresh = generate(seed=42)
    assert SAMPLE_PATH.read_text() == fresh.frame.to_csv(index=False)
    assert sample_truth() == json.loads(json.dumps(fresh.truth))


def test_sample_loads_to_the_generated_dataset():
    result = load()
    assert result.source == "sample"
    assert result.dataset.fingerprint() == generate(seed=42).dataset.fingerprint()
    assert result.report.ok
    summary = result.summary()
    assert summary["n_weeks"] == 208
    assert [c["channel"] for c in summary["channels"]] == ["tv", "radio", "digital", "print"]
    assert summary["total_spend"] == pytest.approx(result.dataset.spend.sum())
    assert sum(c["share"] for c in summary["channels"]) == pytest.approx(1.0)


def _daily(n_days: int = 7 * 20, start: str = "2023-01-02", geos: tuple[str, ...] = ()) -> pd.DataFrame:
    dates = pd.date_range(start, periods=n_days, freq="D")
    frames = []
    for g, geo in enumerate(geos or ("",)):
        f = pd.DataFrame(
            {
                "date": dates,
                # Day-of-week pattern plus a weekly step: a full week w sums to 721 + 7g + 7w.
                "sales": 100.0 + g + np.arange(n_days) % 7 + np.arange(n_days) // 7,
                "tv_spend": np.where(np.arange(n_days) % 14 < 7, 10.0, 0.0),  # on/off fortnights
                "search_spend": 2.0 + (np.arange(n_days) // 7 % 3),
                "price": 1.0 + 0.01 * (np.arange(n_days) % 7),  # weekly mean = 1.03
            }
        )
        if geos:
            f.insert(0, "geo", geo)
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


def test_daily_needs_freq(tmp_path):
    path = tmp_path / "daily.csv"
    _daily().to_csv(path, index=False)
    with pytest.raises(DataValidationError, match="daily.*--freq W"):
        load(path)


def test_daily_to_weekly_sums_and_means(tmp_path):
    path = tmp_path / "daily.csv"
    _daily().to_csv(path, index=False)
    ds = load(path, freq="W").dataset
    assert ds.n_weeks == 20
    assert (ds.dates.day_of_week == 0).all()  # weeks start Monday
    np.testing.assert_allclose(ds.kpi, 7 * 100 + (0 + 1 + 2 + 3 + 4 + 5 + 6) + 7 * np.arange(20))
    np.testing.assert_allclose(ds.spend[:4, 0], [70, 0, 70, 0])
    np.testing.assert_allclose(ds.spend[:3, 1], [14, 21, 28])
    np.testing.assert_allclose(ds.controls[:, 0], 1.03)
    assert any("aggregated to 20 weeks" in n for n in ds.notes)


def test_incomplete_edge_weeks_dropped(tmp_path):
    path = tmp_path / "daily.csv"
    _daily(n_days=7 * 30 + 3, start="2023-01-04").to_csv(path, index=False)  # Wednesday to a Saturday
    ds = load(path, freq="W").dataset
    assert ds.dates[0] == pd.Timestamp("2023-01-09")
    assert ds.n_weeks == 29  # 5 + 7*29 + 5 days: both partial edge weeks dropped
    assert any("Incomplete edge week" in n for n in ds.notes)


def test_weekly_data_with_freq_w_is_unchanged(csv_path, frame):
    ds = load(csv_path, freq="W").dataset
    assert ds.n_weeks == len(frame)
    assert any("already weekly" in n for n in ds.notes)


def test_bad_freq():
    with pytest.raises(ConfigError, match="Unsupported freq 'M'"):
        load(freq="M")


def test_geo_summed_to_national(tmp_path):
    path = tmp_path / "geo.csv"
    _daily(geos=("north", "south", "east")).to_csv(path, index=False)
    result = load(path, freq="W")
    ds = result.dataset
    np.testing.assert_allclose(ds.kpi, 3 * 721 + 7 * (0 + 1 + 2) + 3 * 7 * np.arange(20))
    np.testing.assert_allclose(ds.spend[0], [3 * 70, 3 * 14])
    np.testing.assert_allclose(ds.controls[:, 0], 1.03)  # controls are averaged, not summed
    assert "Geo data summed to national: 3 geos; geo-level models are not available yet." in ds.notes
    assert result.n_geos == 3
    geo = result.geo_frame
    assert set(geo["geo"]) == {"north", "south", "east"} and len(geo) == 3 * 20
    north = geo[geo["geo"] == "north"].sort_values("date")
    np.testing.assert_allclose(north["sales"], 721 + 7 * np.arange(20))


def test_geo_duplicates_fail(tmp_path):
    f = _daily(n_days=70, geos=("a", "b"))
    f = pd.concat([f, f.iloc[[3]]])
    path = tmp_path / "geo.csv"
    f.to_csv(path, index=False)
    with pytest.raises(DataValidationError, match="share a geo and date"):
        load(path, freq="W")


def test_meridian_geo(shared_data):
    path = shared_data / "meridian" / "geo_media.csv"
    if not path.exists():
        pytest.skip("geo_media.csv not found")
    result = load(path)
    raw = pd.read_csv(path)
    assert result.n_geos == raw["geo"].nunique()
    assert result.dataset.kpi_name == "revenue"  # conversions x revenue_per_conversion, row by row, then summed
    revenue = (raw["conversions"] * raw["revenue_per_conversion"]).sum()
    np.testing.assert_allclose(result.dataset.kpi.sum(), revenue, rtol=1e-9)
    counts = load(path, revenue_per_kpi="none").dataset
    np.testing.assert_allclose(counts.kpi.sum(), raw["conversions"].sum(), rtol=1e-9)


def test_non_strict_returns_report(tmp_path, frame):
    path = tmp_path / "neg.csv"
    frame.assign(tv_spend=-frame["tv_spend"]).to_csv(path, index=False)
    result = load(path, strict=False)
    assert result.dataset is None
    assert not result.report.ok
    assert "Could not build a dataset" in result.headline


# ---- project file -------------------------------------------------------------------------


def test_config_file_maps_columns(tmp_path, frame, monkeypatch):
    data = frame.rename(columns={"sales": "Umsatz", "tv_spend": "Fernsehen"})
    data.to_csv(tmp_path / "sales.csv", index=False)
    (tmp_path / "mixwise.toml").write_text(
        '[data]\nsource = "sales.csv"\nkpi = "Umsatz"\nspend = { tv = "Fernsehen", search = "search_spend" }\n'
        'controls = []\n\n[model]\nkind = "ols"\n\n[priors.tv]\nroi = 2.0\n'
    )
    monkeypatch.chdir(tmp_path)
    result = load()
    ds = result.dataset
    assert ds.kpi_name == "Umsatz" and ds.channels == ("tv", "search") and ds.control_names == ()
    assert result.config["model"] == {"kind": "ols"}
    assert load_config()["priors"]["tv"]["roi"] == 2.0
    # Flags override the file.
    assert load(controls="price").dataset.control_names == ("price",)


def test_config_unknown_key(tmp_path):
    path = tmp_path / "mixwise.toml"
    path.write_text('[data]\nkpi = "sales"\nchanels = "tv"\n')
    with pytest.raises(ConfigError, match=r"Unknown key\(s\) in \[data\].*chanels.*Allowed keys: source, date"):
        load(config=path)


def test_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="Project file not found"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[data\nkpi=")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
    assert load_config(None) == {} or "_path" in load_config(None)
    with pytest.raises(ConfigError, match="kpi must be a text value"):
        data_settings({"data": {"kpi": 3}})


def test_missing_days_inside_a_week_warn(tmp_path):
    path = tmp_path / "daily.csv"
    _daily().drop(index=[30, 31]).to_csv(path, index=False)  # two days missing from week 5
    result = load(path, freq="W")
    short = next(c for c in result.report.checks if c.check == "missing_days")
    assert short.status == "WARN" and "1 week(s) have fewer than 7 days" in short.message
    assert result.dataset.n_weeks == 20


def test_geo_missing_rows_warn(tmp_path):
    f = _daily(geos=("north", "south"))
    path = tmp_path / "geo.csv"
    f.drop(index=[5]).to_csv(path, index=False)  # north misses one day
    result = load(path, freq="W")
    coverage = next(c for c in result.report.checks if c.check == "geo_coverage")
    assert coverage.status == "WARN" and "1 date(s) lack rows" in coverage.message
