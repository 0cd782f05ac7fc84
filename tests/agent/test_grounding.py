"""Grounding: numbers in an answer must match the evidence at the precision shown."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mixwise.agent.grounding import EvidenceLedger, check_grounding, extract_dates, extract_numbers
from mixwise.agent.registry import ToolResult


def _ledger(*objs: object) -> EvidenceLedger:
    ledger = EvidenceLedger()
    for obj in objs:
        ledger.add(obj)
    return ledger


def _ok(text: str, *objs: object, question: str = "") -> bool:
    return check_grounding(text, _ledger(*objs), question).ok


# ---- reading numbers -----------------------------------------------------------------------------
def test_extract_reads_units_suffixes_and_precision() -> None:
    found = {m.text: m for m in extract_numbers("$1.2M, 12.3%, 1,234,567 and 45.2k and 2.5 million; 4th")}
    assert found["$1.2M"].value == pytest.approx(1.2e6) and found["$1.2M"].decimals == 1
    assert found["$1.2M"].kind == "money"
    assert found["12.3%"].value == pytest.approx(0.123) and found["12.3%"].kind == "percent"
    assert found["1,234,567"].value == 1234567
    assert found["45.2k"].value == pytest.approx(45200)
    assert found["2.5 million"].value == pytest.approx(2.5e6)
    assert found["4th"].kind == "ordinal"


def test_identifiers_and_list_markers_are_not_figures() -> None:
    texts = [m.text for m in extract_numbers("In Q4 and H1, FY24 and tv2 did well.\n11. Radio\n12) Print")]
    assert texts == []


def test_dates_are_read_in_three_formats() -> None:
    found, rest = extract_dates("From 2024-03-31 to 7 Apr 2024, then Apr 14, 2024.")
    assert [d for _, d in found] == [dt.date(2024, 3, 31), dt.date(2024, 4, 7), dt.date(2024, 4, 14)]
    assert "2024" not in rest


# ---- matching at the shown precision -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("$1.2M", 1_234_567.0),  # 1.2346M rounds to 1.2M
        ("1.2 million", 1_234_567.0),
        ("$1,234,567", 1_234_567.0),
        ("1,234,000", 1_234_321.0),  # shown to the thousand
        ("12.3%", 0.1234),  # a fraction shown in percent
        ("12.3%", 12.34),  # already in percent
        ("1.85", 1.8512),
        ("$45.2k", 45_210.0),
        ("a $50.0k cut", -50_000.0),  # signs are ignored
        ("$2M", 2_400_000.0),  # 2.4M shown to the million is 2M
    ],
)
def test_numbers_match_evidence_after_normalisation(text: str, evidence: float) -> None:
    assert _ok(text, {"value": evidence})


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("$1.3M", 1_234_567.0),  # 1.2346M does not round to 1.3M
        ("12.4%", 0.1234),
        ("1.86", 1.8512),
        ("$45.3k", 45_210.0),
        ("1,235,000", 1_234_321.0),
        ("$9.99", 1.8512),
    ],
)
def test_numbers_off_by_more_than_the_shown_precision_fail(text: str, evidence: float) -> None:
    report = check_grounding(text, _ledger({"value": evidence}))
    assert not report.ok
    assert report.ungrounded == (text.split()[-1] if text.startswith("a ") else text,)


def test_numbers_inside_tool_strings_are_evidence() -> None:
    result = ToolResult(tool="channel_roi", headline="TV returned $1.85 per $1 (90% range $1.40-$2.30).")
    assert _ok("TV's ROI is $1.85, somewhere between $1.40 and $2.30.", result)
    assert not _ok("TV's ROI is $1.95.", result)


def test_nested_rows_and_data_are_collected_recursively() -> None:
    result = ToolResult(
        tool="t",
        headline="h",
        rows=[{"channel": "tv", "roi": np.float64(1.8512), "nested": {"deep": [0.4321]}}],
        data={"totals": {"spend": np.array([1_000_000.0, 250_000.0])}},
    )
    assert _ok("ROI 1.85; 43.2%; $1.0M and $250k.", result)


def test_question_numbers_and_whitelist_are_allowed() -> None:
    ledger = _ledger({"x": 123.0})
    assert check_grounding("Cutting TV by 20% in 2025 (per $1, 90% range), 3 channels.", ledger, "cut TV by 20%").ok
    assert check_grounding("Over 52 weeks (13 a quarter, 12 months), 20 per cent.", ledger, "cut 20%").ok
    assert not check_grounding("Cutting TV by 25%.", ledger, "cut TV by 20%").ok


def test_small_numbers_beyond_the_whitelist_need_evidence() -> None:
    assert not _ok("11 channels", {"x": 123.0})
    assert not _ok("$5", {"x": 123.0})  # money is never whitelisted (except per $1)
    assert _ok("the 3rd channel", {"x": 123.0})


def test_dates_must_come_from_evidence() -> None:
    evidence = {"week": dt.date(2024, 3, 31), "note": "peak on 7 Apr 2024"}
    assert _ok("The peak was on 2024-04-07, after 31 Mar 2024.", evidence)
    assert not _ok("The peak was on 2024-04-14.", evidence)


def test_report_message_names_the_numbers() -> None:
    report = check_grounding("TV returns $9.99 and 77%.", _ledger({"x": 1.0}))
    assert "$9.99" in report.message() and "77%" in report.message()


@given(st.floats(min_value=0.01, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_any_value_matches_its_own_rounding(value: float, digits: int) -> None:
    text = f"{value:,.{digits}f}"
    assert check_grounding(text, _ledger({"v": value})).ok
