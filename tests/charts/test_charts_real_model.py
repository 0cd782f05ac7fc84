"""The charts take the real analysis tables of a fitted OLS model unchanged."""

from __future__ import annotations

import pytest

from mixwise.charts import STANDARD_CHARTS, channel_colors, figure_text, plot_roi_comparison
from mixwise.data.synthetic import generate

analysis = pytest.importorskip("mixwise.analysis")
ols = pytest.importorskip("mixwise.models.ols")


@pytest.fixture(scope="module")
def real_tables():
    model = ols.OLSMMM().fit(generate(42, n_weeks=104).dataset)
    ds = model.dataset_
    return {
        "contributions": analysis.contributions(model),
        "spend": ds.to_frame()[["date", *ds.channels]],
        "roi": analysis.roi(model),
        "response_curves": analysis.response_curves(model, n_points=11),
        "contribution_shares": analysis.contribution_shares(model),
    }


def test_standard_charts_build_from_analysis_tables(real_tables):
    kw = {"channels": list(real_tables["roi"]["channel"]), "kpi_label": "Sales", "currency": "$"}
    for stem, (_keys, draw) in STANDARD_CHARTS.items():
        fig = draw(real_tables, kw)
        assert figure_text(fig), stem
    roi_ax = plot_roi_comparison(real_tables["roi"]).axes[0]
    assert len(roi_ax.patches) == 4
    colors = channel_colors(real_tables["roi"]["channel"])
    assert {c.lower() for c in colors.values()} == {
        "#" + "".join(f"{int(round(v * 255)):02x}" for v in p.get_facecolor()[:3]) for p in roi_ax.patches
    }
