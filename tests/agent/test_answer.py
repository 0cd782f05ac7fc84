"""The offline analyst end to end: a CMO's question -> the right tool -> a grounded narrative."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mixwise.agent.answer import answer
from mixwise.cli.main import app

SEED_QUESTIONS = [
    ("What is the ROI of TV vs Digital?", {"channel_roi", "compare_channels"}),
    ("Which channels are saturated?", {"saturation"}),
    ("What if we cut TV by 20%?", {"scenario"}),
    ("What drove Q4?", {"period_drivers"}),
    ("How should I split $2M next quarter?", {"optimize_budget"}),
    ("Give me an executive summary", {"executive_summary"}),
]


@pytest.mark.parametrize(("question", "tools"), SEED_QUESTIONS)
def test_seed_questions_reach_the_right_tool(ols_session, question: str, tools: set[str]) -> None:
    ans = answer(ols_session, question)
    assert ans.result is not None, ans.text
    assert ans.result.tool in tools
    assert ans.result.headline in ans.text


def test_roi_vs_question_covers_both_channels(ols_session) -> None:
    ans = answer(ols_session, "What is the ROI of TV vs Digital?")
    assert {r["channel"] for r in ans.result.rows} == {"tv", "digital"}


def test_scenario_question_uses_the_asked_cut(ols_session) -> None:
    ans = answer(ols_session, "What if we cut TV by 20%?")
    tv = next(r for r in ans.result.rows if r["channel"] == "tv")
    assert tv["spend_after"] == pytest.approx(0.8 * tv["spend_before"])


def test_budget_question_spends_the_asked_budget(ols_session) -> None:
    ans = answer(ols_session, "How should I split $2M next quarter?")
    assert sum(r["recommended"] for r in ans.result.rows) == pytest.approx(2_000_000, rel=1e-6)
    assert ans.result.data["weeks"] == 13


def test_out_of_scope_is_refused_politely(ols_session) -> None:
    ans = answer(ols_session, "What's the weather in Paris tomorrow?")
    assert ans.result is None
    assert ans.intent == "out_of_scope"
    assert "ROI" in ans.text


def test_follow_up_keeps_the_topic(ols_session) -> None:
    first = answer(ols_session, "What is the ROI of TV?")
    second = answer(ols_session, "and radio?")
    assert first.result.tool == second.result.tool == "channel_roi"
    assert [r["channel"] for r in second.result.rows] == ["radio"]


def test_cli_ask_json_is_one_document(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MIXWISE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    result = CliRunner().invoke(
        app, ["ask", "Which channels are saturated?", "--model", "ols", "--json", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["intent"] == "saturation"
    assert doc["result"]["tool"] == "saturation"
    assert any(p.endswith("04_response_curves.png") for p in doc["chart_files"])


def test_cli_ask_unknown_file_is_one_clear_error(tmp_path) -> None:
    result = CliRunner().invoke(app, ["ask", "tv roi?", "--csv", str(tmp_path / "missing.csv"), "--model", "ols"])
    assert result.exit_code == 1
    assert "missing.csv" in result.output
    assert "Traceback" not in result.output


def test_a_new_topic_is_not_read_as_a_follow_up(ols_session) -> None:
    answer(ols_session, "What drove Q4?")
    weather = answer(ols_session, "what's the weather")
    assert weather.intent == "out_of_scope" and weather.result is None
    answer(ols_session, "What drove Q4?")
    assert answer(ols_session, "help").result.tool == "help"


def test_where_to_put_more_money_ranks_by_marginal_roi(ols_session) -> None:
    ans = answer(ols_session, "Which channel should get more money?")
    assert ans.result.tool == "compare_channels"
    mroi = [r["marginal_roi"] for r in ans.result.rows]
    assert mroi == sorted(mroi, reverse=True)
    assert "marginal ROI" in ans.result.headline


def test_a_what_if_on_an_unknown_channel_asks_instead_of_cutting_everything(ols_session) -> None:
    ans = answer(ols_session, "What if we cut snapchat by 10%?")
    assert ans.result is None and ans.clarify
    assert "snapchat" in ans.text and "tv" in ans.text
    whole = answer(ols_session, "What if we cut spend by 10% across the board?")
    assert whole.result is not None and len([r for r in whole.result.rows if r["delta_spend"] < 0]) == 4


def test_a_question_about_a_platform_the_data_lacks_says_so(ols_session) -> None:
    ans = answer(ols_session, "What is the ROI of Snapchat?")
    assert ans.result is not None and len(ans.result.rows) == 4
    assert "no 'snapchat' channel" in ans.text
