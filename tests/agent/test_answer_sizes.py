"""Scenario sizes the question implies or leaves out: shifts said with 'put ... into', whole channels
stopped, and a stated (never silent) 10% assumption when no size is given."""

from __future__ import annotations

import pytest

from mixwise.agent.answer import answer
from mixwise.agent.registry import ToolResult, relevant_caveats
from mixwise.agent.router.entities import extract_entities

SAMPLE = ["tv", "radio", "digital", "print"]


@pytest.mark.parametrize(
    ("question", "pct", "source", "target"),
    [
        ("put half of the tv money into digital", 0.5, "tv", "digital"),
        ("what if we put 20% of print into radio", 0.2, "print", "radio"),
        ("pour a quarter of our radio budget into tv", 0.25, "radio", "tv"),
    ],
)
def test_putting_a_share_of_one_channel_into_another_is_a_shift(question, pct, source, target) -> None:
    e = extract_entities(question, SAMPLE)
    assert (e.direction, e.source, e.target) == ("shift", source, target)
    assert e.pct == pytest.approx(pct)


@pytest.mark.parametrize(
    ("question", "pct"),
    [
        ("pull all radio spend", -1.0),
        ("cut all of the print budget", -1.0),
        ("scrap print", -1.0),
        ("what if we ditch radio", -1.0),
        ("take twenty percent off television", -0.2),
        ("knock 10% off radio", -0.1),
        ("cut all channels by 10%", -0.1),  # a size is given: 'all' is not 'stop'
        ("cut tv by 20%", -0.2),
        ("put more money in tv", None),
    ],
)
def test_whole_channel_stops_and_off(question, pct) -> None:
    assert extract_entities(question, SAMPLE).pct == (pytest.approx(pct) if pct is not None else None)


def test_a_shift_said_as_put_into_moves_the_share(ols_session) -> None:
    ans = answer(ols_session, "put half of the tv money into digital")
    rows = {r["channel"]: r for r in ans.result.rows}
    moved = rows["tv"]["spend_before"] - rows["tv"]["spend_after"]
    assert moved == pytest.approx(0.5 * rows["tv"]["spend_before"])
    assert rows["digital"]["spend_after"] - rows["digital"]["spend_before"] == pytest.approx(moved)


@pytest.mark.parametrize(
    ("question", "channel", "factor", "said"),
    [
        ("what if we cut radio?", "radio", 0.9, "assumes a 10% cut"),
        ("what if we boost tv?", "tv", 1.1, "assumes a 10% increase"),
    ],
)
def test_no_size_given_assumes_ten_percent_and_says_so(ols_session, question, channel, factor, said) -> None:
    ans = answer(ols_session, question)
    row = next(r for r in ans.result.rows if r["channel"] == channel)
    assert row["spend_after"] == pytest.approx(factor * row["spend_before"])
    assert said in ans.text and "You did not say how much" in ans.text


def test_a_shift_with_no_size_moves_ten_percent_and_says_so(ols_session) -> None:
    ans = answer(ols_session, "move money from tv to digital")
    rows = {r["channel"]: r for r in ans.result.rows}
    assert rows["tv"]["spend_after"] == pytest.approx(0.9 * rows["tv"]["spend_before"])
    assert "moving 10% of tv's spend" in ans.text


def test_caveats_about_other_channels_are_left_out() -> None:
    caveats = ["ROI of print mostly reflects the prior, not the data.", "Sales has 3 missing weeks.", "Social_media x."]
    tv = ToolResult(tool="channel_roi", headline="TV returned $2.10 per $1.", bullets=[])
    both = ToolResult(tool="compare_channels", headline="TV leads, Print trails.", bullets=["Social media: ..."])
    channels = ["tv", "print", "social_media"]
    assert relevant_caveats(caveats, tv, channels) == ["Sales has 3 missing weeks."]
    assert relevant_caveats(caveats, both, channels) == caveats
