"""The interactive chat and the executive demo through the CLI (OLS model for speed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mixwise.cli.main import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("MIXWISE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    return tmp_path


def test_chat_answers_keeps_history_and_quits(env) -> None:
    questions = "examples\nWhich channels are saturated?\nand tv roi?\nhistory\nwhat's the weather?\nquit\n"
    result = CliRunner().invoke(app, ["chat", "--model", "ols", "--no-charts"], input=questions)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Which channels are saturated?" in out  # the examples list
    assert "saturated" in out
    assert "1. Which channels are saturated?" in out  # history
    assert "Goodbye." in out


def test_chat_demo_prints_the_briefing(env) -> None:
    result = CliRunner().invoke(app, ["chat", "--model", "ols", "--no-charts"], input="demo\nquit\n")
    assert result.exit_code == 0, result.output
    assert "Performance overview" in result.output and "Recommendations" in result.output


def test_chat_survives_a_bad_question(env) -> None:
    result = CliRunner().invoke(
        app, ["chat", "--model", "ols", "--no-charts"], input="what if we cut snapchat by 10%?\nquit\n"
    )
    assert result.exit_code == 0, result.output
    assert "Goodbye." in result.output


def test_demo_json_lists_headlines_and_files(env) -> None:
    out = env / "outputs"
    result = CliRunner().invoke(app, ["demo", "--model", "ols", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["headlines"]) == 5
    names = {Path(f).name for f in doc["files"]}
    for stem in (
        "01_sales_spend_trend",
        "02_channel_contributions",
        "03_roi_comparison",
        "04_response_curves",
        "05_budget_efficiency",
        "06_decomposition_pie",
    ):
        assert f"{stem}.png" in names
    assert {"mixwise_report.pdf", "mixwise_report.pptx"} <= names
    assert all(Path(f).exists() for f in doc["files"])


def test_demo_no_charts_prints_the_four_stages(env) -> None:
    result = CliRunner().invoke(app, ["demo", "--model", "ols", "--no-charts"])
    assert result.exit_code == 0, result.output
    for stage in ("Performance overview", "ROI and efficiency", "Saturation and headroom", "Recommendations"):
        assert stage in result.output
    assert not (env / "outputs").exists()


def test_seed_wrappers_run_the_package_cli(env) -> None:
    result = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "chat" in result.stdout.lower()
    result = subprocess.run([sys.executable, "demo.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--no-charts" in result.stdout
