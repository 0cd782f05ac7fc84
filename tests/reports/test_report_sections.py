"""Unit tests of report content on hand-made tables (no model fit, no rendering)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from mixwise.errors import ConfigError, DataValidationError
from mixwise.formatting import fmt_money, fmt_pct, fmt_range, fmt_roi
from mixwise.reports.appendix import data_quality_section, health_section
from mixwise.reports.render import resolve_format
from mixwise.reports.sections import (
    KpiFormat,
    performance_section,
    recommendation_section,
    roi_section,
    saturation_section,
)
from mixwise.reports.structure import ReportSection, ReportTable

SALES = KpiFormat("sales")


def test_formatting_by_hand():
    assert fmt_money(1_234_567) == "$1.2M"
    assert fmt_money(-50_000) == "-$50.0k"
    assert fmt_pct(0.123) == "12.3%"
    assert fmt_roi(1.853) == "$1.85"
    assert fmt_range(1.4, 2.3) == "$1.40–$2.30"
    assert fmt_money(float("nan")) == "n/a"
    assert fmt_money(-0.004) == "$0" and fmt_pct(-0.0001) == "0.0%"  # no negative zeros
    assert fmt_money(-0.5) == "-$0.5"


def test_kpi_format_money_or_count():
    assert SALES.is_money and SALES(2_000_000) == "$2.0M"
    conv = KpiFormat("conversions")
    assert not conv.is_money
    assert conv(2_000_000) == "2.0M"
    assert conv.per_dollar(0.25) == "0.25"


def _roi_tables():
    roi = pd.DataFrame(
        {
            "channel": ["tv", "radio", "print"],
            "spend": [1_000_000.0, 200_000.0, 100_000.0],
            "contribution": [2_500_000.0, 100_000.0, 150_000.0],
            "mean": [2.5, 0.5, 1.5],
            "lower": [2.0, 0.2, 0.9],
            "upper": [3.0, 0.8, 2.1],
        }
    )
    mroi = pd.DataFrame(
        {
            "channel": ["tv", "radio", "print"],
            "mean": [1.2, 0.4, 1.1],
            "lower": [1.0, 0.1, 0.6],
            "upper": [1.4, 0.7, 1.6],
        }
    )
    return roi, mroi


def test_roi_section_names_best_and_worst_channel():
    roi, mroi = _roi_tables()
    section = roi_section(roi, mroi, SALES)
    # best = tv (2.5, range 2.0-3.0), worst = radio (0.5)
    assert section.headline.startswith("TV returns the most per $1 spent: $2.50 of sales (90% range $2.00–$3.00)")
    assert "Radio returns the least at $0.50" in section.headline
    assert [row[0] for row in section.table.rows] == ["TV", "Print", "Radio"]
    tv = section.table.rows[0]
    assert tv[3] == "$2.50" and tv[5] == "$1.20" and tv[6] == "$1.00–$1.40"
    assert any("TV" in b and "so it pays back" in b for b in section.bullets)
    assert any("Radio" in b and "does not pay back" in b for b in section.bullets)
    assert any("Print" in b and "may or may not pay back" in b for b in section.bullets)


def test_roi_section_rejects_missing_columns():
    roi, mroi = _roi_tables()
    with pytest.raises(DataValidationError, match="missing upper"):
        roi_section(roi.drop(columns="upper"), mroi, SALES)


def test_performance_section_media_share_is_the_sum_of_media_shares():
    shares = pd.DataFrame(
        {
            "component": ["baseline", "price", "tv", "radio"],
            "kind": ["base", "control", "media", "media"],
            "contribution": [600.0, 100.0, 200.0, 100.0],
            "share": [0.6, 0.1, 0.2, 0.1],
            "lower": [0.5, 0.05, 0.15, 0.05],
            "upper": [0.7, 0.15, 0.25, 0.15],
        }
    )
    section = performance_section(shares, SALES, n_weeks=104)
    assert section.headline == (
        "Media drove 30.0% of sales ($300 of $1.0k) over 104 weeks; TV contributed the most at 20.0%."
    )
    assert section.table.rows[0][:2] == ("TV", "Media")
    assert "70.0%" in section.bullets[0]


def test_saturation_section_groups_by_status():
    sat = pd.DataFrame(
        {
            "channel": ["tv", "digital", "radio"],
            "saturation": [0.8, 0.2, 0.3],
            "lower": [0.7, 0.1, 0.2],
            "upper": [0.9, 0.3, 0.4],
            "half_life_weeks": [2.0, 0.5, 1.0],
            "marginal_roi": [0.6, 1.8, 1.3],
            "roi": [1.5, 2.0, 1.4],
            "status": ["saturated", "headroom", "headroom"],
        }
    )
    section = saturation_section(sat, SALES)
    assert section.headline.startswith("TV is saturated")
    # headroom channels named; the one with the best next $1 quoted (digital, 1.8)
    assert "Digital and Radio still have headroom (next $1 in Digital returns $1.80)" in section.headline
    no_sat = saturation_section(sat.assign(status="headroom"), SALES)
    assert no_sat.headline.startswith("No channel is saturated; Digital has the most headroom")


def _plan():
    alloc = pd.DataFrame(
        {
            "channel": ["tv", "radio"],
            "current": [100_000.0, 50_000.0],
            "recommended": [120_000.0, 30_000.0],
            "change": [20_000.0, -20_000.0],
            "change_pct": [0.2, -0.4],
            "marginal_roi": [1.1, 1.1],
        }
    )
    return SimpleNamespace(
        allocation=alloc,
        budget=150_000.0,
        current_total=150_000.0,
        weeks=13,
        expected_lift={"mean": 5_000.0, "lower": 1_000.0, "upper": 9_000.0},
        lift_pct=0.01,
        binding=("radio (lower)",),
        level=0.9,
        notes=("Plan note.",),
        headline="Move $20k from radio to tv.",
    )


def test_recommendation_section_from_a_plan():
    section = recommendation_section(_plan(), SALES)
    assert section.headline == "Move $20k from radio to tv."
    assert section.table.rows[0] == ("TV", "$100.0k", "$120.0k", "+$20.0k", "+20%", "$1.10")
    assert section.table.rows[1][3:5] == ("-$20.0k", "-40%")
    text = " ".join(section.bullets)
    assert "+$5.0k of sales (90% range +$1.0k to +$9.0k, +1.0%)" in text
    assert "Cut Radio by $20.0k (-40%)" in text and "Increase TV by $20.0k (+20%)" in text
    assert "radio (lower)" in text
    assert "Plan note." in section.table.note


def test_recommendation_section_rejects_other_objects():
    with pytest.raises(DataValidationError, match="AllocationPlan"):
        recommendation_section(object(), SALES)


def _check(name, status, rec=""):
    return SimpleNamespace(check=name, status=status, message=f"{name} finding", recommendation=rec)


def test_health_section_counts_checks_and_ignores_skips():
    health = SimpleNamespace(
        checks=[
            _check("fit_in_sample", "PASS"),
            _check("roi_plausibility", "REVIEW", "Check print."),
            _check("convergence", "SKIP"),
            _check("negative_baseline", "PASS"),
        ],
        caveats=["ROI of print is implausible."],
    )
    section = health_section(health, {"r2": 0.9})
    assert section.headline == "2 of 3 model health checks pass; review ROI plausibility."
    assert section.appendix
    statuses = [row[1] for row in section.table.rows]
    assert statuses == ["REVIEW", "PASS", "PASS", "SKIP"]  # problems first, not-applicable last
    assert "ROI of print is implausible." in section.bullets


def test_data_quality_section_from_dict_checks():
    report = {"checks": [{"check": "nulls", "status": "FAIL", "message": "3 nulls", "recommendation": "Fill them."}]}
    section = data_quality_section(report)
    assert section.headline == "0 of 1 data quality checks pass; 1 failed (nulls)."
    assert data_quality_section(None) is None


def test_value_objects_validate():
    with pytest.raises(ConfigError, match="rows"):
        ReportTable(columns=("a", "b"), rows=(("1",),))
    with pytest.raises(ConfigError, match="align"):
        ReportTable(columns=("a",), rows=(("1",),), align=("middle",))
    with pytest.raises(ConfigError, match="headline"):
        ReportSection("x", "X", "  ")


def test_resolve_format():
    assert resolve_format("out/report", "pptx")[0].name == "report.pptx"
    assert resolve_format("out/report.html", None)[1] == "html"
    with pytest.raises(ConfigError, match="ends in .pdf"):
        resolve_format("report.pdf", "html")
    with pytest.raises(ConfigError, match="Allowed: pdf, pptx, html"):
        resolve_format("report", "docx")


def test_render_report_infers_the_format_from_the_suffix(tmp_path):
    from mixwise.reports import render_report
    from mixwise.reports.structure import ExecutiveHeadline, ReportContent

    content = ReportContent(
        title="T",
        subtitle="S",
        data_name="d",
        date_range="r",
        model_type="m",
        generated="2026-01-01",
        executive=(ExecutiveHeadline("Performance", "Media drove 10% of sales."),),
        sections=(ReportSection("roi", "ROI", "TV returns the most.", ("a bullet",)),),
    )
    path = render_report(content, tmp_path / "x.html")
    assert path.suffix == ".html" and "TV returns the most." in path.read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match="needs a ReportContent"):
        render_report({"title": "T"}, tmp_path / "y.html")
