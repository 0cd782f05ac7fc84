"""Router round 3: set-aside clauses, jargon, and the senses of 'flight', 'sue' and 'help me ...'."""

from __future__ import annotations

import pytest

from mixwise.agent.router import route
from mixwise.agent.router.negation import drop_set_aside


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ignoring saturation, which channel is best", "which channel is best"),
        ("forget the forecast for now, what drove sales in q4", "what drove sales in q4"),
        ("forget the forecast what drove q4", "what drove q4"),  # no comma: ends before the question word
        ("not the roi - the saturation", "the saturation"),
        ("not the roi but the saturation of radio", "the saturation of radio"),
        ("leaving the data aside, is tv saturated", "is tv saturated"),
        ("saturation aside, what is the tv roi", "what is the tv roi"),
        ("what is the roi of tv, not the forecast", "what is the roi of tv"),  # trailing clause
        ("not sure if tv is saturated", "not sure if tv is saturated"),  # 'not sure' sets nothing aside
        ("skip it", "skip it"),  # nothing would remain
        ("which channel is best", "which channel is best"),
        (
            "the cfo wants cuts everywhere and the agency forecasts doom for q4, but what i really need is whether tv pays",
            "but what i really need is whether tv pays",
        ),  # a long question: the main ask, not the preamble
        ("i need to know the roi of tv", "i need to know the roi of tv"),  # short: nothing dropped
    ],
)
def test_drop_set_aside(text: str, expected: str) -> None:
    assert drop_set_aside(text) == expected


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("ignoring saturation, which channel ranks first", "compare_channels"),
        ("forget about the forecast, why did sales drop in q3", "period_drivers"),
        ("not the roi, the saturation of tv", "saturation"),
        ("never mind the summary, how much did radio contribute", "contribution"),
        ("customer acquisition cost for radio", "roi"),
        ("incrementality of print", "contribution"),
        ("what is the mroi on tv", "saturation"),
        ("is radio accretive", "roi"),
        ("the tv flight in june: did it pay back", "roi"),
        ("book me a flight to rome", "out_of_scope"),
        ("can we sue the publisher", "out_of_scope"),
        ("sue from finance wants the roi of print", "roi"),
        ("help me write a job ad for an analyst", "out_of_scope"),
        ("what can you help me with", "help"),
    ],
)
def test_intents_of_round_three(question: str, intent: str) -> None:
    assert route(question).intent == intent


def test_second_blind_file_is_separate_from_training() -> None:
    """questions_blind2.jsonl is never trained on: no overlap with the training or held-out questions."""
    from mixwise.agent.router import train
    from mixwise.agent.router.router import INTENTS

    blind = train.load_questions(train.DATA_DIR / "questions_blind2.jsonl")
    assert len(blind) >= 150 and {r["intent"] for r in blind} == set(INTENTS)
    others = {r["question"].lower() for p in (train.TRAIN_PATH, train.HOLDOUT_PATH) for r in train.load_questions(p)}
    assert not [r["question"] for r in blind if r["question"].lower() in others]
