"""``mixwise validate`` and ``mixwise sample`` through typer's CliRunner."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from mixwise.cli.main import app
from mixwise.data import generate

runner = CliRunner()


def _weekly_csv(tmp_path, **changes):
    rng = np.random.default_rng(0)
    n = 60
    frame = pd.DataFrame(
        {
            "date": pd.date_range("2022-01-03", periods=n, freq="W-MON").strftime("%Y-%m-%d"),
            "Revenue": 100_000 + rng.normal(0, 5_000, n),
            "TV_Spend": rng.uniform(0, 10_000, n),
            "search_S": rng.uniform(1_000, 5_000, n),
        }
    )
    for col, value in changes.items():
        frame[col] = value
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    return path


def test_validate_sample_json():
    result = runner.invoke(app, ["validate", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) == {"summary", "report"}
    assert doc["summary"]["n_weeks"] == 208
    assert doc["report"]["n_fail"] == 0
    assert [c["channel"] for c in doc["summary"]["channels"]] == ["tv", "radio", "digital", "print"]


def test_validate_tables(tmp_path):
    path = _weekly_csv(tmp_path)
    result = runner.invoke(app, ["validate", "--csv", str(path), "--spend", "tv=TV_Spend,search=search_S"])
    assert result.exit_code == 0, result.output
    assert "Data summary" in result.stdout and "Validation report" in result.stdout
    assert "TV_Spend" in result.stdout and "Revenue" in result.stdout


def test_validate_failure_exits_1_with_paragraph(tmp_path):
    path = _weekly_csv(tmp_path, TV_Spend=-5.0)
    result = runner.invoke(app, ["validate", "--csv", str(path), "--json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)  # still exactly one JSON document on stdout
    assert doc["report"]["status"] == "FAIL"
    assert "Negative spend in tv" in result.stderr


def test_validate_bad_mapping_names_columns(tmp_path):
    path = _weekly_csv(tmp_path)
    result = runner.invoke(app, ["validate", "--csv", str(path), "--spend", "tv=TV"])
    assert result.exit_code == 1
    assert "'TV' does not exist" in result.stderr and "TV_Spend" in result.stderr
    assert result.stdout == ""


def test_validate_missing_file(tmp_path):
    result = runner.invoke(app, ["validate", "--csv", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert "Data file not found" in result.stderr


def test_sample_writes_data_and_truth(tmp_path):
    out = tmp_path / "sample"
    result = runner.invoke(
        app, ["sample", "--out", str(out), "--seed", "7", "--weeks", "104", "--channels", "tv,search", "--json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    fresh = generate(seed=7, n_weeks=104, channels=("tv", "search"))
    assert (out / "sample_data.csv").read_text() == fresh.frame.to_csv(index=False)
    truth = json.loads((out / "truth.json").read_text())
    assert truth["channels"]["tv"]["roi"] == pytest.approx(fresh.truth["channels"]["tv"]["roi"])
    assert doc["true_roi"]["search"] == pytest.approx(fresh.truth["channels"]["search"]["roi"])


def test_sample_rejects_duplicate_channels(tmp_path):
    result = runner.invoke(app, ["sample", "--out", str(tmp_path), "--channels", "tv,tv"])
    assert result.exit_code == 1
    assert "distinct names" in result.stderr


def test_an_error_that_names_a_toml_table_keeps_its_brackets() -> None:
    result = runner.invoke(app, ["validate", "--kpi", "no_such_column"])
    assert result.exit_code == 1
    assert "under [data] in mixwise.toml" in " ".join(result.output.split())  # rich markup must not eat '[data]'
