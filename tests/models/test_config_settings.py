"""Model settings from the project file (mixwise.toml) reach the model; CLI flags win."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from mixwise.cli.main import app
from mixwise.models.registry import settings_from_config


def test_no_model_tables_means_no_settings() -> None:
    assert settings_from_config("bayes", {"data": {"kpi": "sales"}}) == {}
    assert settings_from_config("ols", None) == {}


def test_bayes_reads_model_priors_and_experiments() -> None:
    config = {
        "model": {"draws": 300, "chains": 2},
        "priors": {"roi_priors": {"tv": [1.5, 0.5]}},
        "experiments": [{"channel": "tv", "start": "2023-01-02", "end": "2023-02-27", "lift": 250000, "se": 50000}],
    }
    settings = settings_from_config("bayes", config)
    assert settings["draws"] == 300 and settings["chains"] == 2
    assert settings["roi_priors"] == {"tv": [1.5, 0.5]}
    assert len(settings["experiments"]) == 1 and settings["experiments"][0].channel == "tv"


def test_ols_keeps_only_its_own_keys() -> None:
    assert settings_from_config("ols", {"model": {"bootstrap_draws": 40, "chains": 4}}) == {"bootstrap_draws": 40}


def test_project_file_settings_reach_the_fit(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MIXWISE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "mixwise.toml").write_text("[model]\nbootstrap_draws = 30\n")
    runner = CliRunner()
    result = runner.invoke(app, ["fit", "--model", "ols", "--json"])
    assert result.exit_code == 0, result.output
    from mixwise.agent.session import AnalystSession

    session = AnalystSession.from_source(None, model_name="ols")
    assert session.model.n_draws == 30
    flagged = runner.invoke(app, ["fit", "--model", "ols", "--draws", "20", "--json"])
    assert flagged.exit_code == 0, flagged.output
    assert json.loads(flagged.stdout)["model"] == "ols"
