"""Saving: the six standard file names, PNG at >= 150 dpi, PDF/SVG on request, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from mixwise.charts import STANDARD_CHARTS, plot_roi_comparison, save_figure, save_standard_charts
from mixwise.charts.theme import SLIDE_SIZE
from mixwise.errors import ConfigError, DataValidationError

SIX = [
    "01_sales_spend_trend.png",
    "02_channel_contributions.png",
    "03_roi_comparison.png",
    "04_response_curves.png",
    "05_budget_efficiency.png",
    "06_decomposition_pie.png",
]


@pytest.fixture(scope="module")
def standard(tables, tmp_path_factory) -> list[Path]:
    return save_standard_charts(tables, tmp_path_factory.mktemp("std"))


def test_six_exact_file_names(standard):
    assert [p.name for p in standard] == SIX
    assert list(STANDARD_CHARTS) == [n.removesuffix(".png") for n in SIX]
    assert sorted(p.name for p in standard[0].parent.iterdir()) == SIX


def test_png_resolution_at_least_150_dpi(standard):
    for path in standard:
        with Image.open(path) as img:
            assert img.format == "PNG"
            assert min(img.info["dpi"]) >= 149.5
            # 13.33 x 7.5 in at 150 dpi
            assert img.size == pytest.approx((SLIDE_SIZE[0] * 150, SLIDE_SIZE[1] * 150), abs=2)


def test_pdf_and_svg_on_request(tables, tmp_path):
    fig = plot_roi_comparison(tables["roi"])
    paths = save_figure(fig, tmp_path / "sub" / "roi.png", formats=("png", "pdf", "svg"), dpi=200)
    assert [p.name for p in paths] == ["roi.png", "roi.pdf", "roi.svg"]
    assert paths[1].read_bytes().startswith(b"%PDF")
    svg = paths[2].read_text()
    assert "<svg" in svg and "<text" in svg and ">Digital returns the most" in svg  # text kept as text
    with Image.open(paths[0]) as img:
        assert min(img.info["dpi"]) >= 199.5


def test_bad_format_or_dpi(tables, tmp_path):
    fig = plot_roi_comparison(tables["roi"])
    with pytest.raises(ConfigError, match="jpg.*Allowed: png, pdf, svg"):
        save_figure(fig, tmp_path / "x", formats=("jpg",))
    with pytest.raises(ConfigError, match="dpi 100"):
        save_figure(fig, tmp_path / "x", dpi=100)


def test_missing_tables_listed_at_once(tables, tmp_path):
    with pytest.raises(DataValidationError, match="missing contribution_shares, response_curves"):
        save_standard_charts({k: tables[k] for k in ("contributions", "spend", "roi")}, tmp_path)
    assert not list(tmp_path.iterdir())


def test_importing_charts_loads_no_pyplot():
    import subprocess
    import sys

    code = "import sys, mixwise.charts; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
