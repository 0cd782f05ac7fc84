"""End to end: OLS model on the synthetic sample -> report content -> PDF, PPTX, HTML, and the CLI."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mixwise.data.synthetic import generate
from mixwise.models.ols import OLSMMM
from mixwise.reports import (
    EXECUTIVE_LABELS,
    build_report_content,
    compute_tables,
    executive_headlines,
    render_report,
)
from mixwise.reports.content import default_health, default_plan


def _squash(text: str) -> str:
    """Text without whitespace (PDF extraction breaks lines anywhere)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def synth():
    return generate(seed=42)


@pytest.fixture(scope="module")
def model(synth):
    return OLSMMM(bootstrap_draws=100).fit(synth.dataset)


@pytest.fixture(scope="module")
def parts(model):
    return {"tables": compute_tables(model), "plan": default_plan(model), "health": default_health(model)}


@pytest.fixture(scope="module")
def chart_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("charts")


@pytest.fixture(scope="module")
def content(model, parts, chart_dir):
    return build_report_content(model, chart_dir=chart_dir, data_name="synthetic seed 42", **parts)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("reports")


def test_content_structure(content, synth):
    assert len(content.executive) == 5
    assert [h.label for h in content.executive] == list(EXECUTIVE_LABELS)
    keys = [s.key for s in content.sections]
    assert keys == ["performance", "roi", "saturation", "recommendation", "carryover", "health", "methodology"]
    assert [s.key for s in content.appendix_sections] == ["health", "methodology"]
    # executive headlines are the headlines of the five headline sections (carry-over is extra)
    assert content.headlines == [s.headline for s in content.sections if s.key != "carryover"][:5]
    assert "208 weeks" in content.date_range
    # every main section has its charts rendered
    for section in content.main_sections:
        assert section.charts and all(p.is_file() for p in section.charts), section.key
    assert content.to_dict()["headlines"] == content.headlines


def test_best_roi_headline_matches_the_roi_table(content, parts):
    roi = parts["tables"]["roi"].sort_values("mean", ascending=False)
    best = roi.iloc[0]
    expected_name = {"tv": "TV"}.get(best.channel, best.channel.capitalize())
    assert content.headlines[1].startswith(f"{expected_name} returns the most per $1 spent: ${best['mean']:.2f}")


def test_recommendation_is_the_optimiser_headline(content, parts):
    assert content.headlines[3] == parts["plan"].headline


def test_executive_headlines_match_report(model, parts, content):
    assert executive_headlines(model, **parts) == content.headlines


def test_pdf_text_has_every_headline(content, out_dir):
    from pypdf import PdfReader

    path = render_report(content, out_dir / "report.pdf", "pdf")
    reader = PdfReader(str(path))
    text = _squash(" ".join(page.extract_text() for page in reader.pages))
    for headline in content.headlines:
        assert _squash(headline) in text, headline
    assert _squash(content.title) in text
    n_images = sum(len(page.images) for page in reader.pages)
    assert n_images >= len(content.all_charts())
    assert len(reader.pages) >= 2 + len(content.sections)


def test_pptx_slide_titles_in_order(content, out_dir):
    from pptx import Presentation
    from pptx.util import Inches

    path = render_report(content, out_dir / "deck", "pptx")
    assert path.suffix == ".pptx"
    deck = Presentation(str(path))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    assert deck.slide_width == Inches(13.333)
    titles = [slide.shapes.title.text for slide in deck.slides]
    expected = [content.title, "Executive summary"] + [s.headline for s in content.sections]
    assert titles == expected
    exec_text = " ".join(sh.text_frame.text for sh in deck.slides[1].shapes if sh.has_text_frame)
    for headline in content.headlines:
        assert headline in exec_text
    # one visual per section slide: main sections carry a chart, health a table
    for slide, section in zip(list(deck.slides)[2:], content.sections, strict=True):
        kinds = {sh.shape_type for sh in slide.shapes}
        if section.key in ("performance", "roi", "saturation", "recommendation"):
            assert 13 in kinds, section.key  # MSO_SHAPE_TYPE.PICTURE
        if section.key == "health":
            assert any(sh.has_table for sh in slide.shapes)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "srcset", "data", "action")]

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained(content, out_dir):
    path = render_report(content, out_dir / "report.html", None)
    html = path.read_text(encoding="utf-8")
    parser = _Refs()
    parser.feed(html)
    parser.close()
    assert parser.refs, "expected images and anchors"
    assert all(r.startswith("data:") or r.startswith("#") for r in parser.refs), [
        r[:40] for r in parser.refs if not r.startswith(("data:", "#"))
    ]
    assert sum(r.startswith("data:image/png;base64,") for r in parser.refs) == len(content.all_charts())
    assert "link" not in parser.tags and "script" not in parser.tags
    assert "url(" not in html and "@import" not in html
    text = unescape(" ".join(parser.text))
    for headline in content.headlines:
        assert headline in text


def test_cli_report_html(tmp_path, monkeypatch, content, chart_dir):
    """The command wiring (load, fit, build, render, JSON); chart drawing itself is tested above, so the
    charts already drawn for this module are reused to keep the test fast."""
    import shutil

    from typer.testing import CliRunner

    import mixwise.reports.figures as figures
    from mixwise.cli.main import app

    def reuse_charts(tables, out_dir, **_kw):
        assert {"roi", "contributions", "spend", "response_curves", "contribution_shares"} <= set(tables)
        return [Path(shutil.copy(p, Path(out_dir) / p.name)) for p in content.all_charts()]

    monkeypatch.setattr(figures, "render_charts", reuse_charts)
    monkeypatch.setenv("MIXWISE_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "cli_report.html"
    result = CliRunner().invoke(app, ["report", "--model", "ols", "--format", "html", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert Path(doc["path"]) == out.resolve() and out.is_file()
    assert doc["format"] == "html" and len(doc["headlines"]) == 5
    html = out.read_text(encoding="utf-8")
    assert all(unescape(h) in unescape(html) for h in doc["headlines"])
    assert html.count("data:image/png;base64,") == len(content.all_charts())


def test_cli_report_rejects_bad_format(tmp_path):
    from typer.testing import CliRunner

    from mixwise.cli.main import app

    result = CliRunner().invoke(app, ["report", "--model", "ols", "--format", "docx", "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert "Allowed: pdf, pptx, html" in result.output


def test_scenario_result_as_the_recommendation(model):
    from mixwise.optimize.scenarios import Change, Scenario, run_scenario
    from mixwise.reports.sections import KpiFormat, recommendation_section

    result = run_scenario(model, Scenario(changes=(Change("tv", "pct", -0.2),), weeks=13))
    section = recommendation_section(result, KpiFormat(model.dataset_.kpi_name))
    assert section.title == "Scenario" and section.headline == result.headline
    assert [row[0] for row in section.table.rows] == ["TV", "Radio", "Digital", "Print"]
    tv = section.table.rows[0]
    assert tv[3].startswith("-$")  # a cut with positive coefficients never raises sales
    assert any("tv -20%" in b for b in section.bullets)
