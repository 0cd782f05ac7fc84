"""Entity rules added in router round 3: 'qtr', 'year-on-year', bare numbers after a cut, 'uplift' of spend only."""

from __future__ import annotations

import pytest

from mixwise.agent.router.entities import extract_entities

SAMPLE = ["tv", "radio", "digital", "print"]


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("what drove sales this qtr", "this quarter"),
        ("forecast next qtr", "next quarter"),
        ("roi last qtr", "last quarter"),
        ("sales down year-on-year", "year over year"),
        ("sales year on year", "year over year"),
    ],
)
def test_periods(question: str, period: str) -> None:
    assert extract_entities(question, SAMPLE).period == period


@pytest.mark.parametrize(
    ("question", "pct"),
    [
        ("cut tv 20", -0.2),
        ("cut tv by 20", -0.2),
        ("drop radio 15 and see", -0.15),
        ("digital up 10", 0.1),
        ("tv down 30", -0.3),
        ("raise print 5", 0.05),
        ("what would a 25% uplift in print spend do", 0.25),
        ("lift search spend 20%", 0.2),
        ("make the next tv flight 10% bigger", 0.1),
        ("cut tv for 8 weeks", None),  # a duration, not a percentage
        ("increase digital by 20k", None),  # money, not a percentage
        ("cut tv 2024 budget", None),  # a year
        ("what would a 25% uplift in sales do", None),  # about sales, not spend
        ("10% sales uplift from tv", None),
        ("the lift from radio", None),
    ],
)
def test_spend_changes(question: str, pct: float | None) -> None:
    got = extract_entities(question, SAMPLE).pct
    assert got == pytest.approx(pct) if pct is not None else got is None
