"""Fixtures for chart tests: hand-made result tables with the exact analysis columns, built from synthetic ground truth.

The numbers come from the synthetic data's true parameters (not from mixwise.analysis), so charts
can be tested before and independently of the analysis layer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mixwise.data.synthetic import generate
from mixwise.transforms.media import MediaParams, media_contribution

CHANNELS = ("tv", "radio", "digital", "print")
MULTIPLIERS = np.round(np.linspace(0.0, 2.0, 21), 2)


def _params(truth: dict, channels: tuple[str, ...]) -> MediaParams:
    ch = truth["channels"]

    def row(key: str) -> np.ndarray:
        return np.array([[float(ch[c][key]) for c in channels]])

    return MediaParams(row("decay"), row("half_saturation"), row("slope"), row("coef"), int(truth["max_lag"]))


def make_tables(seed: int = 42, n_weeks: int = 156) -> dict[str, pd.DataFrame]:
    """Every table the charts take, keyed like ``save_standard_charts`` expects (plus extras)."""
    syn = generate(seed, n_weeks=n_weeks)
    ds, truth = syn.dataset, syn.truth
    channels = tuple(ds.channels)
    params = _params(truth, channels)
    contrib = media_contribution(ds.spend, params)[0]  # (T, C)
    media_total = contrib.sum(axis=1)
    base_total = ds.kpi - media_total
    weeks = np.arange(ds.n_weeks)
    seasonality = 0.06 * base_total.mean() * np.sin(2 * np.pi * weeks / 52.18)
    trend = np.linspace(-0.03, 0.03, ds.n_weeks) * base_total.mean()
    controls = {
        name: ds.controls[:, i] * 0 - 0.01 * base_total.mean() * (i + 1) for i, name in enumerate(ds.control_names)
    }
    baseline = base_total - seasonality - trend - sum(controls.values())
    contributions = pd.DataFrame({"date": ds.dates, "baseline": baseline, "trend": trend, "seasonality": seasonality})
    for name, v in controls.items():
        contributions[name] = v
    for i, c in enumerate(channels):
        contributions[c] = contrib[:, i]
    contributions["predicted"] = ds.kpi * 0.995 + 3000 * np.sin(weeks)
    contributions["actual"] = ds.kpi
    contributions.attrs["channels"] = list(channels)

    spend = pd.DataFrame({"date": ds.dates, **{c: ds.spend[:, i] for i, c in enumerate(channels)}})

    tot_spend = ds.spend.sum(axis=0)
    tot_contrib = contrib.sum(axis=0)
    roi_mean = tot_contrib / tot_spend
    roi = pd.DataFrame(
        {
            "channel": channels,
            "spend": tot_spend,
            "contribution": tot_contrib,
            "mean": roi_mean,
            "lower": roi_mean * 0.75,
            "upper": roi_mean * 1.3,
        }
    )
    roi.attrs["headline"] = "Digital has the highest ROI."

    rows = []
    for m in MULTIPLIERS:
        c = media_contribution(ds.spend * m, params)[0].mean(axis=0)
        for i, ch in enumerate(channels):
            rows.append((ch, m, ds.spend[:, i].mean() * m, c[i], c[i] * 0.8, c[i] * 1.2, bool(m == 1.0)))
    curves = pd.DataFrame(rows, columns=["channel", "multiplier", "spend", "mean", "lower", "upper", "is_current"])

    comp_totals = {
        c: contributions[c].sum() for c in ("baseline", "trend", "seasonality", *ds.control_names, *channels)
    }
    kinds = {c: "base" for c in ("baseline", "trend", "seasonality")} | {c: "control" for c in ds.control_names}
    kinds |= {c: "media" for c in channels}
    total = sum(comp_totals.values())
    shares = pd.DataFrame(
        {
            "component": list(comp_totals),
            "kind": [kinds[c] for c in comp_totals],
            "contribution": list(comp_totals.values()),
            "share": [v / total for v in comp_totals.values()],
        }
    )
    shares["lower"] = shares["share"] * 0.9
    shares["upper"] = shares["share"] * 1.1

    avp = pd.DataFrame(
        {
            "date": ds.dates,
            "actual": ds.kpi,
            "predicted": contributions["predicted"],
            "lower": contributions["predicted"] * 0.95,
            "upper": contributions["predicted"] * 1.05,
        }
    )

    weekly = tot_spend / ds.n_weeks
    rec = weekly * np.resize([1.10, 0.70, 1.45, 0.50], len(channels))
    rec = rec * weekly.sum() / rec.sum()
    allocation = pd.DataFrame(
        {
            "channel": channels,
            "current": weekly,
            "recommended": rec,
            "change": rec - weekly,
            "change_pct": rec / weekly - 1,
            "marginal_roi": np.resize([1.4, 0.9, 1.8, 0.6], len(channels)),
        }
    )

    half = ds.n_weeks // 2
    drivers_rows = []
    for c in comp_totals:
        cur, prev = contributions[c].iloc[-13:].sum(), contributions[c].iloc[half - 13 : half].sum()
        drivers_rows.append((c, kinds[c], cur, prev, cur - prev))
    drivers = pd.DataFrame(drivers_rows, columns=["component", "kind", "current", "previous", "change"])

    before = weekly * 13
    after = before * np.resize([1.2, 1.0, 1.3, 0.5], len(channels))
    scenario = pd.DataFrame(
        {
            "channel": channels,
            "spend_before": before,
            "spend_after": after,
            "delta_kpi": (after - before) * np.resize([1.6, 0, 2.1, 0.6], len(channels)),
        }
    )
    return {
        "contributions": contributions,
        "spend": spend,
        "roi": roi,
        "response_curves": curves,
        "contribution_shares": shares,
        "actual_vs_predicted": avp,
        "allocation": allocation,
        "drivers": drivers,
        "scenario": scenario,
    }


@pytest.fixture(scope="session")
def tables() -> dict[str, pd.DataFrame]:
    """Realistic tables (156 weeks, 4 channels) with the analysis columns."""
    return make_tables(n_weeks=104)


@pytest.fixture
def review_dir(tmp_path_factory: pytest.TempPathFactory):
    """Where rendered charts go (``MIXWISE_CHART_REVIEW`` to keep them, else a temp folder)."""
    import os
    from pathlib import Path

    keep = os.environ.get("MIXWISE_CHART_REVIEW")
    return Path(keep) if keep else tmp_path_factory.mktemp("charts")
