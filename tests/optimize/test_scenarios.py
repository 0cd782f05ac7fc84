from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixwise.errors import ConfigError, UnknownChannelError
from mixwise.optimize.scenarios import Change, Scenario, Shift, run_scenario

CHANNELS = ("tv", "radio", "digital", "print")
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _full_contribution(x, t):
    """Independent re-implementation: full convolution (window + carry-over tail), then Hill."""
    w = t["decay"] ** np.arange(9)
    ad = np.convolve(x, w / w.sum())
    return float(np.sum(t["coef"] * ad ** t["slope"] / (ad ** t["slope"] + t["half_saturation"] ** t["slope"])))


def test_cutting_a_channel_removes_its_whole_contribution_including_carry_over(point_model, synth):
    res = run_scenario(point_model, Scenario((Change("tv", "pct", -1.0),)))
    expected = _full_contribution(synth.dataset.spend[:, 0], synth.truth["channels"]["tv"])
    assert res.delta_kpi["mean"] == pytest.approx(-expected, rel=1e-6)
    # The carry-over tail is counted: more than the in-window contribution of the generator.
    assert -res.delta_kpi["mean"] > synth.truth["channels"]["tv"]["contribution"]
    assert any("after the window" in n for n in res.notes)
    assert res.delta_spend == pytest.approx(-synth.dataset.spend[:, 0].sum())
    assert res.roi == pytest.approx(expected / synth.dataset.spend[:, 0].sum(), rel=1e-6)


@FAST
@given(weeks=st.one_of(st.none(), st.integers(1, 200)))
def test_zero_change_gives_zero_delta(model, weeks):
    res = run_scenario(model, Scenario(weeks=weeks))
    assert res.delta_kpi == {"mean": 0.0, "lower": 0.0, "upper": 0.0}
    assert res.delta_spend == 0.0
    assert np.all(res.channels.delta_kpi == 0)


@FAST
@given(ch=st.sampled_from(CHANNELS), pct=st.floats(-1.0, 0.0), weeks=st.one_of(st.none(), st.integers(1, 60)))
def test_a_cut_never_raises_kpi(model, ch, pct, weeks):
    res = run_scenario(model, Scenario((Change(ch, "pct", pct),), weeks=weeks))
    assert res.delta_kpi["upper"] <= 1e-9
    assert res.delta_spend <= 0


@FAST
@given(
    src=st.sampled_from(CHANNELS),
    dst=st.sampled_from(CHANNELS),
    share=st.floats(0.01, 1.0),
    weeks=st.one_of(st.none(), st.integers(1, 60)),
)
def test_shift_conserves_spend(model, src, dst, share, weeks):
    if src == dst:
        return
    from mixwise.optimize.scenarios import window_spend

    available = window_spend(model.dataset_.spend, weeks)[0][:, CHANNELS.index(src)].sum()
    if available <= 0:
        return
    res = run_scenario(model, Scenario(shifts=(Shift(src, dst, share * available),), weeks=weeks))
    assert res.spend_after == pytest.approx(res.spend_before, rel=1e-12)
    assert res.delta_spend == pytest.approx(0.0, abs=1e-6 * res.spend_before)
    rows = res.channels.set_index("channel")
    assert rows.loc[src, "delta_spend"] == pytest.approx(-share * available)
    assert rows.loc[dst, "delta_spend"] == pytest.approx(share * available)
    assert rows.delta_kpi.sum() == pytest.approx(res.delta_kpi["mean"])


def test_amounts_levels_and_percentages(model):
    ds = model.dataset_
    tv_total = ds.spend[:, 0].sum()
    res = run_scenario(model, Scenario.from_strings(["tv=+10%"]))
    assert res.delta_spend == pytest.approx(0.1 * tv_total)
    res = run_scenario(model, Scenario.from_strings(["print=-50k", "tv=+10k"]))
    assert res.delta_spend == pytest.approx(-40_000)
    res = run_scenario(model, Scenario.from_strings(set_=["radio=100000"]))
    assert res.channels.set_index("channel").loc["radio", "spend_after"] == pytest.approx(100_000)
    assert res.delta_kpi["lower"] <= res.delta_kpi["mean"] <= res.delta_kpi["upper"]


def test_future_plan_repeats_last_weeks(model):
    ds = model.dataset_
    res = run_scenario(model, Scenario.from_strings(["digital=+20%"], weeks=13))
    assert res.spend_before == pytest.approx(ds.spend[-13:].sum())
    assert res.window == "next 13 weeks" and res.n_weeks == 13
    assert res.delta_spend == pytest.approx(0.2 * ds.spend[-13:, 2].sum())
    assert res.delta_kpi["mean"] > 0
    long = run_scenario(model, Scenario(weeks=ds.n_weeks + 10))
    assert long.spend_before == pytest.approx(ds.spend.sum() + ds.spend[-10:].sum())


def test_unknown_channel_lists_known(model):
    with pytest.raises(UnknownChannelError, match="Known channels: tv, radio, digital, print") as info:
        run_scenario(model, Scenario.from_strings(["tvv=-20%"]))
    assert isinstance(info.value, ConfigError)


def test_invalid_scenarios_raise_config_error(model):
    with pytest.raises(ConfigError, match="below zero"):
        Change("tv", "pct", -1.5)
    with pytest.raises(ConfigError, match="spends only"):
        run_scenario(model, Scenario.from_strings(["print=-1000M"]))
    with pytest.raises(ConfigError, match="Move at most"):
        run_scenario(model, Scenario.from_strings(shift=["print:digital=5000M"]))
    with pytest.raises(ConfigError, match="itself"):
        Shift("tv", "TV", 10.0)
    with pytest.raises(ConfigError, match="> 0"):
        Shift("tv", "radio", -10.0)
    with pytest.raises(ConfigError, match="weeks"):
        Scenario(weeks=0)
    with pytest.raises(ConfigError, match="SOURCE:TARGET"):
        Scenario.from_strings(shift=["print=5"])
    with pytest.raises(ConfigError, match="CHANNEL=VALUE"):
        Scenario.from_strings(["tv"])


def test_result_dict_and_headline(model):
    res = run_scenario(model, Scenario.from_strings(shift=["print:digital=50k"], weeks=13))
    d = res.to_dict()
    assert set(d["delta_kpi"]) == {"mean", "lower", "upper"}
    assert set(d["channels"]["tv"]) >= {"spend_before", "spend_after", "delta_kpi"}
    assert "Scenario (move $50.0k from print to digital) over the next 13 weeks: sales would change by" in d["headline"]
    assert d["headline"].endswith("for no change in total spend.")
    assert "scenario ROI" not in d["headline"]


def test_a_shift_is_spend_neutral_despite_floating_residue(model):
    # Rescaling print's and digital's weekly columns leaves ~1e-9 of residue in the totals.
    res = run_scenario(model, Scenario.from_strings(shift=["print:digital=50k"]))
    assert res.delta_spend == 0.0
    assert np.isnan(res.roi)
    assert res.to_dict()["delta_spend"] == 0.0
    assert "for no change in total spend." in res.headline and "scenario ROI" not in res.headline
    rows = res.channels.set_index("channel")
    assert rows.loc["print", "delta_spend"] == pytest.approx(-50_000)
    assert rows.loc["digital", "delta_spend"] == pytest.approx(50_000)


def test_a_real_spend_change_keeps_its_roi(model):
    # A small but real change (0.1% of tv, far above 1e-6 x the window's spend) is not snapped to zero.
    res = run_scenario(model, Scenario.from_strings(["tv=+0.1%"]))
    assert res.delta_spend > 0 and np.isfinite(res.roi) and res.roi > 0
    assert "scenario ROI" in res.headline


def _model_named(synth, kpi_name):
    from dataclasses import replace

    from truth_model import TruthModel

    return TruthModel(synth.truth, draws=5, jitter=0.05).fit(replace(synth.dataset, kpi_name=kpi_name))


@pytest.mark.parametrize(("kpi_name", "money"), [("sales", True), ("net_revenue", True), ("conversions", False)])
def test_headline_money_formatting_follows_the_kpi(synth, kpi_name, money):
    import re

    m = _model_named(synth, kpi_name)
    res = run_scenario(m, Scenario.from_strings(["tv=-20%"], weeks=13))
    head = res.headline
    # Spend is always money; the kpi amounts carry a currency sign only for money-like kpis.
    assert re.search(r"while saving \$[0-9.]+[kMB]? of spend", head)
    kpi_part = head.split("would change by ", 1)[1].split(" while saving", 1)[0]
    assert ("$" in kpi_part) == money
    assert re.match(r"-\$?[0-9.]+[kMB]? \(90% interval -\$?[0-9.]+[kMB]? to -\$?[0-9.]+[kMB]?, -[0-9.]+%\)$", kpi_part)


def test_scenario_is_frozen():
    sc = Scenario.from_strings(["tv=-20%"])
    with pytest.raises(AttributeError):
        sc.weeks = 3  # type: ignore[misc]
