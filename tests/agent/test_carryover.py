"""Carry-over questions: routed by rule, answered from the model's adstock kernels."""

from __future__ import annotations

import pytest

from mixwise.agent.answer import answer
from mixwise.agent.registry import call_tool
from mixwise.agent.router import route


@pytest.mark.parametrize(
    ("question", "channels"),
    [
        ("how long does the tv effect last?", ["tv"]),
        ("what is the carryover of radio", ["radio"]),
        ("which channel has the longest carry-over?", []),
        ("does TV have a delayed effect?", ["tv"]),
        ("what's our adstock by channel", []),
        ("half-life of print", ["print"]),
    ],
)
def test_carry_over_questions_route_to_carryover(question: str, channels: list[str]) -> None:
    r = route(question)
    assert (r.intent, r.channels) == ("carryover", channels)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("what is adstock?", "help"),  # a definition, not a question about the data
        ("cut tv by 20%, how long does the effect last", "budget_scenario"),  # a what-if with a size
        ("what is the roi of tv", "roi"),
    ],
)
def test_other_questions_keep_their_intent(question: str, intent: str) -> None:
    assert route(question).intent == intent


def test_the_answer_is_the_kernel_table_and_follows_up(ols_session) -> None:
    first = answer(ols_session, "How long does the TV effect last?")
    assert first.result.tool == "carryover"
    assert [r["channel"] for r in first.result.rows] == ["tv"]
    row = first.result.rows[0]
    assert 0.0 <= row["lagged_share"] <= 1.0 and row["lower"] <= row["mean_lag_weeks"] <= row["upper"]
    assert "of the effect lands after the week of spend" in first.text
    second = answer(ols_session, "and radio?")
    assert second.result.tool == "carryover" and [r["channel"] for r in second.result.rows] == ["radio"]


def test_every_channel_at_once_names_the_longest(ols_session) -> None:
    result = call_tool(ols_session, "carryover", {})
    longest = max(result.rows, key=lambda r: r["mean_lag_weeks"])
    assert result.headline.startswith(longest["channel"].upper() if longest["channel"] == "tv" else "")
    assert "has the longest carry-over" in result.headline and len(result.bullets) == len(result.rows)


@pytest.mark.parametrize(
    ("question", "channels"),
    [("is print a slow burn?", ["print"]), ("print the results", []), ("please print a summary", [])],
)
def test_print_after_is_is_the_channel_not_the_verb(question: str, channels: list[str]) -> None:
    from mixwise.agent.router.entities import extract_entities

    assert extract_entities(question, ["tv", "radio", "digital", "print"]).channels == channels
