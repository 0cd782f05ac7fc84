"""Entity rules of the offline router, case by case, against the conventions in the router issue."""

from __future__ import annotations

import pytest

from mixwise.agent.router.entities import extract_entities
from mixwise.agent.router.periods import extract_period
from mixwise.agent.router.quantities import extract_amount, extract_pct
from mixwise.agent.router.text import correct_typos, normalise

SAMPLE = ["tv", "radio", "digital", "print"]


@pytest.mark.parametrize(
    ("question", "channels"),
    [
        ("What's the ROI of TV?", ["tv"]),
        ("tv roi?", ["tv"]),
        ("RADIO ROI", ["radio"]),
        ("compare radio and tv", ["radio", "tv"]),  # mention order, not data order
        ("print vs digital vs tv", ["print", "digital", "tv"]),
        ("television roi", ["tv"]),
        ("linear tv or CTV?", ["tv"]),  # both mean tv: listed once
        ("newspaper and magazine spend", ["print"]),
        ("podcast, audio and spotify", ["radio"]),
        ("Facebook ROI", ["digital"]),
        ("is google ads better than youtube", ["digital"]),
        ("instagram vs tv", ["digital", "tv"]),
        ("traditional media roi", ["tv", "radio", "print"]),
        ("everything except TV", ["radio", "digital", "print"]),
        ("all channels but not radio", ["tv", "digital", "print"]),
        ("cut everything except tv and print by 10%", ["radio", "digital"]),
        ("roi for each channel", []),
        ("what is our overall roi", []),
        ("whats the roi on telivision", ["tv"]),
        ("radi0 roi pls", ["radio"]),
        ("digtal roi", ["digital"]),
        ("print the results for tv", ["tv"]),  # 'print the' is the verb
        ("what's the weather", []),
    ],
)
def test_channels(question: str, channels: list[str]) -> None:
    assert extract_entities(question, SAMPLE).channels == channels


def test_negated_channels_are_listed_and_removed() -> None:
    ents = extract_entities("optimise everything except TV", SAMPLE)
    assert ents.negated == ["tv"]
    assert "tv" not in ents.channels


def test_negation_keeps_data_order() -> None:
    ents = extract_entities("everything except radio", ["print", "radio", "tv"])
    assert ents.channels == ["print", "tv"]


def test_synonym_note_when_data_has_no_such_channel() -> None:
    ents = extract_entities("is facebook working", SAMPLE)
    assert ents.channels == ["digital"]
    assert any("facebook" in n and "digital" in n for n in ents.notes)


def test_synonym_prefers_the_data_own_channel() -> None:
    ents = extract_entities("facebook vs google ads", ["tv", "social", "search"])
    assert ents.channels == ["social", "search"]
    own = extract_entities("search roi", ["tv", "search", "digital"])
    assert own.channels == ["search"] and own.notes == []


def test_data_channel_names_with_underscores() -> None:
    assert extract_entities("paid search roi", ["TV", "Paid_Search"]).channels == ["Paid_Search"]


def test_absent_channel_gives_a_note_not_a_channel() -> None:
    ents = extract_entities("podcast roi", ["tv", "search"])
    assert ents.channels == []
    assert any("podcast" in n for n in ents.notes)


@pytest.mark.parametrize(
    ("question", "pct"),
    [
        ("what if we cut tv by 20%", -0.2),
        ("cut tv 20 percent", -0.2),
        ("increase digital by 10%", 0.1),
        ("what if we double radio", 1.0),
        ("what if we doubled it", 1.0),
        ("triple print", 2.0),
        ("2x digital", 1.0),
        ("halve tv", -0.5),
        ("cut radio in half", -0.5),
        ("increase by half", 0.5),
        ("increase digital by a quarter", 0.25),
        ("cut print by a quarter", -0.25),
        ("reduce tv by a third", -1 / 3),
        ("ten percent more on radio", 0.1),
        ("twenty five percent less tv", -0.25),
        ("what if print were fifteen per cent lower", -0.15),
        ("tv -10%", -0.1),
        ("+15% on digital", 0.15),
        ("turn off print", -1.0),
        ("what if we go dark on tv", -1.0),
        ("stop spending on radio", -1.0),
        ("shift 20% of tv to digital", 0.2),  # fraction of the source moved
        ("which channels have an roi below 1", None),
        ("is more than 10% of sales from media", None),
        ("what share of sales is tv", None),
        ("our sales fell 12% last quarter", None),
        ("is the mape below 10%", None),
        ("optimise with each channel within plus or minus 20 percent", None),
        ("what's the roi of tv", None),
        ("sales in the last quarter", None),  # 'quarter' here is a period, not 25%
    ],
)
def test_pct(question: str, pct: float | None) -> None:
    got = extract_entities(question, SAMPLE).pct
    if pct is None:
        assert got is None
    else:
        assert got == pytest.approx(pct)


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("allocate $50k", 50_000),
        ("a 2M budget", 2_000_000),
        ("EUR 1.5 million to spend", 1_500_000),
        ("put another $200K into tv", 200_000),
        ("£800k", 800_000),
        ("budget of 1,500,000", 1_500_000),
        ("half a million", 500_000),
        ("a million dollars", 1_000_000),
        ("two hundred thousand", 200_000),
        ("hit $10M in sales", 10_000_000),  # a sales target counts
        ("3 million euros", 3_000_000),
        ("cut tv by 20%", None),
        ("top 3 channels", None),
        ("last 12 weeks", None),
        ("Q4 2023", None),
        ("between 2023-01-01 and 2023-06-30", None),
        ("roi below 1", None),
    ],
)
def test_amount(question: str, amount: float | None) -> None:
    assert extract_amount(normalise(question)) == amount


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("why did sales drop in Q4", "Q4"),
        ("q4 2023 results", "Q4 2023"),
        ("Q4'23", "Q4 2023"),
        ("2023 Q4", "Q4 2023"),
        ("the fourth quarter of 2023", "Q4 2023"),
        ("H2", "H2"),
        ("the second half of the year", "H2"),
        ("what drove March", "March"),
        ("in march 2024", "March 2024"),
        ("what happened last quarter", "last quarter"),
        ("past quarter", "last quarter"),
        ("next quarter", "next quarter"),
        ("the last 12 weeks", "last 12 weeks"),
        ("next three months", "next 3 months"),
        ("ytd", "YTD"),
        ("year to date", "YTD"),
        ("over the holidays", "the holidays"),
        ("holiday season sales", "the holidays"),
        ("year over year", "year over year"),
        ("yoy", "year over year"),
        ("compared to last year", "year over year"),
        ("from jan to march", "January to March"),
        ("between Q2 and Q3", "Q2 to Q3"),
        ("Q4 2023 vs Q4 2022", "Q4 2023 vs Q4 2022"),
        ("between 2023-01-01 and 2023-06-30", "2023-01-01 to 2023-06-30"),
        ("in 2024", "2024"),
        ("cut tv by a quarter", None),  # 'a quarter' after a verb is 25%
        ("may I ask something", None),
        ("how well does predicted match actual", None),
        ("what's the roi of tv", None),
    ],
)
def test_period(question: str, period: str | None) -> None:
    text, _ = correct_typos(normalise(question))
    assert extract_period(text) == period


@pytest.mark.parametrize(
    ("question", "direction", "source", "target"),
    [
        ("shift 20% from tv to digital", "shift", "tv", "digital"),
        ("move $50k from tv into radio", "shift", "tv", "radio"),
        ("move budget to print from radio", "shift", "radio", "print"),
        ("take 30% out of tv and put it in youtube", "shift", "tv", "digital"),
        ("reallocate 100k from tv into radio", "shift", "tv", "radio"),
        ("cut tv by 20%", "cut", None, None),
        ("increase radio by 10%", "increase", None, None),
    ],
)
def test_direction_source_target(question: str, direction: str, source: str | None, target: str | None) -> None:
    ents = extract_entities(question, SAMPLE)
    assert ents.direction == direction
    if direction == "shift":
        assert (ents.source, ents.target) == (source, target)


def test_signed_pct_from_spelt_words_and_sign() -> None:
    assert extract_pct("cut tv by ten percent").pct == pytest.approx(-0.1)
    assert extract_pct("tv +30%").pct == pytest.approx(0.3)


@pytest.mark.parametrize(
    ("word", "fixed"),
    [("telivision", "television"), ("saturaton", "saturation"), ("optimze", "optimize"), ("forcast", "forecast")],
)
def test_typo_correction(word: str, fixed: str) -> None:
    assert correct_typos(word)[0] == fixed


@pytest.mark.parametrize("word", ["ratio", "printer", "match", "have", "tell", "compared", "forecasts", "point"])
def test_real_words_are_not_corrected(word: str) -> None:
    assert correct_typos(word)[0] == word


def test_cut_beyond_everything_is_turning_off() -> None:
    ents = extract_entities("what if we cut tv by 150%", SAMPLE)
    assert ents.pct == -1.0
    assert any("100%" in n for n in ents.notes)


def test_naming_every_channel_means_all_but_not_for_shifts() -> None:
    assert extract_entities("tv, radio, digital and print roi", SAMPLE).channels == []
    shifts = extract_entities("move 20% from tv to radio and 10% from print to digital", SAMPLE)
    assert shifts.channels == ["tv", "radio", "print", "digital"]


@pytest.mark.parametrize(
    ("question", "channels"),
    [("can you display tv roi", ["tv"]), ("display roi", ["digital"]), ("move budget to print", ["print"])],
)
def test_channel_words_used_as_verbs(question: str, channels: list[str]) -> None:
    assert extract_entities(question, SAMPLE).channels == channels


@pytest.mark.parametrize(
    ("question", "pct"),
    [
        ("move half of print to search", 0.5),
        ("if we switched 30% of radio into tv", 0.3),
        ("suppose print goes to zero", -1.0),
        ("what if we zeroing out radio", -1.0),
        ("we are thinking of pausing print", -1.0),
        ("how much of sales is half of tv", None),  # a share of sales, not a spend change
    ],
)
def test_more_spend_change_wordings(question: str, pct: float | None) -> None:
    result = extract_entities(question, SAMPLE)
    assert result.pct == (pytest.approx(pct) if pct is not None else None)
