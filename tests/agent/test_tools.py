"""Every tool on a real fitted model: numbers come from the analysis tables, headlines say them."""

from __future__ import annotations

import math
import re

import pytest

from mixwise import analysis
from mixwise.agent.format import fmt_roi
from mixwise.agent.registry import ToolArgumentError, all_tools, call_tool
from mixwise.errors import UnknownChannelError

CALLS = {
    "channel_roi": {"channels": ["tv"]},
    "compare_channels": {"channels": ["tv", "digital"]},
    "saturation": {},
    "carryover": {"channels": ["tv", "radio"]},
    "contributions": {},
    "scenario": {"changes": [{"channel": "tv", "pct": -0.2}]},
    "optimize_budget": {"budget": 2_000_000},
    "period_drivers": {"period": "2023Q4"},
    "forecast": {"weeks": 8},
    "model_health": {},
    "data_quality": {},
    "executive_summary": {},
    "help": {},
}


def test_every_registered_tool_is_exercised() -> None:
    assert {t.name for t in all_tools()} == set(CALLS)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_tool_returns_headline_and_rows(ols_session, name: str) -> None:
    result = call_tool(ols_session, name, CALLS[name])
    assert result.tool == name
    assert result.headline.strip().endswith((".", ")"))
    assert result.rows, name
    assert "nan" not in result.headline.lower()


def test_roi_headline_carries_the_model_numbers(ols_session) -> None:
    table = analysis.roi(ols_session.model).set_index("channel")
    result = call_tool(ols_session, "channel_roi", {"channels": ["TV"]})
    assert fmt_roi(table.loc["tv", "mean"]) in result.headline
    assert fmt_roi(table.loc["tv", "lower"]) in result.headline
    assert fmt_roi(table.loc["tv", "upper"]) in result.headline
    assert math.isclose(result.rows[0]["roi"], table.loc["tv", "mean"])


def test_compare_ranks_by_metric(ols_session) -> None:
    result = call_tool(ols_session, "compare_channels", {"metric": "roi"})
    rois = [r["roi"] for r in result.rows]
    assert rois == sorted(rois, reverse=True)
    assert [r["rank"] for r in result.rows] == list(range(1, len(rois) + 1))


def test_scenario_cut_lowers_kpi_and_spend(ols_session) -> None:
    result = call_tool(ols_session, "scenario", {"changes": [{"channel": "tv", "pct": -0.2}]})
    assert result.data["delta_kpi"]["mean"] < 0
    assert result.data["delta_spend"] < 0


def test_optimizer_spends_the_budget(ols_session) -> None:
    result = call_tool(ols_session, "optimize_budget", {"budget": 2_000_000, "weeks": 13})
    assert math.isclose(sum(r["recommended"] for r in result.rows), 2_000_000, rel_tol=1e-6)


def test_executive_summary_has_five_headlines(ols_session) -> None:
    result = call_tool(ols_session, "executive_summary", {})
    assert len(result.rows) == 5
    assert all(r["headline"] for r in result.rows)


def test_unknown_channel_lists_known_channels(ols_session) -> None:
    with pytest.raises(UnknownChannelError) as exc:
        call_tool(ols_session, "channel_roi", {"channels": ["tvv"]})
    assert "tvv" in str(exc.value) and "digital" in str(exc.value)


def test_change_needs_exactly_one_value(ols_session) -> None:
    with pytest.raises(ToolArgumentError, match="exactly one"):
        call_tool(ols_session, "scenario", {"changes": [{"channel": "tv", "pct": -0.2, "amount": 5}]})


def test_every_narrative_is_grounded(ols_session) -> None:
    from mixwise.agent.grounding import EvidenceLedger, check_grounding
    from mixwise.agent.narratives import render_text

    for name, args in CALLS.items():
        result = call_tool(ols_session, name, args)
        ledger = EvidenceLedger()
        ledger.add(result)
        report = check_grounding(render_text(result), ledger)
        assert report.ok, (name, report)


def test_a_count_kpi_is_not_shown_as_money(meridian_csv) -> None:
    from mixwise.agent.session import AnalystSession

    session = AnalystSession.from_source(meridian_csv, model_name="ols", use_cache=False, revenue_per_kpi="none")
    assert session.dataset.kpi_name == "conversions"
    first = session.dataset.channels[0]
    roi = call_tool(session, "channel_roi", {"channels": [first]})
    assert re.search(r"returned [0-9.,k]+ conversions per \$1 spent \(90% range [0-9.k]+–[0-9.k]+\)", roi.headline)
    assert "pay back" not in roi.headline and "per incremental conversion" in roi.headline
    rank = call_tool(session, "compare_channels", {})
    assert "conversions per $1" in rank.headline
    result = call_tool(session, "scenario", {"changes": [{"channel": first, "pct": -0.2}]})
    change = result.bullets[0]
    assert change.startswith("Conversions change: ") and "$" not in change.split(" for ")[0]
    forecast = call_tool(session, "forecast", {"weeks": 4})
    assert "$" not in forecast.bullets[0]
