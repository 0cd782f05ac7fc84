"""The decision commands end to end on the bundled sample data with the fast OLS model."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mixwise.cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("MIXWISE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "mw-cache"))


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, [*args, "--model", "ols", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_scenario_json():
    doc = _json(
        ["scenario", "--change", "tv=-20%", "--change", "radio=+10k", "--shift", "print:digital=5k", "--weeks", "13"]
    )
    assert set(doc["delta_kpi"]) == {"mean", "lower", "upper"}
    assert set(doc["channels"]["tv"]) >= {"spend_before", "spend_after", "delta_kpi"}
    tv = doc["channels"]["tv"]
    assert tv["spend_after"] == pytest.approx(0.8 * tv["spend_before"])
    assert doc["delta_spend"] == pytest.approx(-0.2 * tv["spend_before"] + 10_000)
    assert doc["headline"].startswith("Scenario (")


def test_scenario_set_and_errors():
    doc = _json(["scenario", "--set", "tv=100000"])
    assert doc["channels"]["tv"]["spend_after"] == pytest.approx(100_000)
    bad = runner.invoke(app, ["scenario", "--change", "tvv=-20%", "--model", "ols"])
    assert bad.exit_code == 1
    assert "Known channels" in bad.stderr
    bad = runner.invoke(app, ["scenario", "--change", "tv=lots", "--model", "ols"])
    assert bad.exit_code == 1 and "Could not read" in bad.stderr


def test_optimize_json():
    doc = _json(["optimize", "--budget", "1.5M", "--bounds", "tv=0.8:1.2,print=0:50000", "--lock", "radio"])
    alloc = doc["allocation"]
    assert sum(a["recommended"] for a in alloc.values()) == pytest.approx(1_500_000, rel=1e-9)
    assert alloc["radio"]["recommended"] == pytest.approx(alloc["radio"]["current"])
    assert alloc["print"]["recommended"] <= 50_000 + 1e-6
    assert set(doc["expected_lift"]) == {"mean", "lower", "upper"}
    assert isinstance(doc["binding"], list) and doc["headline"]


def test_optimize_profit_and_bad_goal():
    doc = _json(["optimize", "--goal", "profit", "--margin", "0.4"])
    assert doc["goal"] == "profit"
    bad = runner.invoke(app, ["optimize", "--goal", "fame", "--model", "ols"])
    assert bad.exit_code == 1 and "Allowed" in bad.stderr


def test_drivers_json_and_text():
    doc = _json(["drivers", "--period", "last quarter", "--vs", "yoy"])
    assert doc["vs"] == "yoy"
    assert sum(r["change"] for r in doc["rows"]) == pytest.approx(doc["kpi_change"], rel=1e-9)
    text = runner.invoke(app, ["drivers", "--period", "1999", "--model", "ols"])
    assert text.exit_code == 1 and "outside the data" in text.stderr


def test_forecast_and_health_json():
    doc = _json(["forecast", "--weeks", "8"])
    assert len(doc["weekly"]) == 8 and set(doc["total"]) == {"mean", "lower", "upper"}
    assert any("extrapolated" in f for f in doc["flags"])
    doc = _json(["health"])
    assert doc["status"] in ("PASS", "REVIEW", "FAIL")
    assert {c["check"] for c in doc["checks"]} >= {"convergence", "residual_autocorrelation"}


def test_text_output_renders():
    for args in (["optimize"], ["scenario", "--change", "tv=-10%"], ["forecast", "--weeks", "2"], ["health"]):
        result = runner.invoke(app, [*args, "--model", "ols"])
        assert result.exit_code == 0, result.output
