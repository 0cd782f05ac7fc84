"""``mixwise fit`` through typer's CliRunner (OLS only: fast)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mixwise.cli.main import app
from mixwise.cli.model_cmds import fit_settings
from mixwise.data.synthetic import generate
from mixwise.errors import ConfigError, UnknownChannelError

runner = CliRunner()


@pytest.fixture()
def csv_path(tmp_path, monkeypatch):
    monkeypatch.setenv("MIXWISE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "data.csv"
    generate(seed=5, n_weeks=156).frame.to_csv(path, index=False)
    return path


def test_fit_json_shape(csv_path):
    args = ["fit", "--csv", str(csv_path), "--model", "ols", "--draws", "30", "--holdout-weeks", "8", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["model"] == "ols"
    assert doc["channels"] == ["tv", "radio", "digital", "print"]
    assert set(doc["roi"]["tv"]) == {"mean", "lower", "upper"}
    assert set(doc["marginal_roi"]) == set(doc["channels"])
    assert 0 < sum(doc["contribution_share"].values()) < 1
    assert set(doc["fit"]) == {"r2", "mape", "holdout_mape"} and doc["fit"]["holdout_mape"] is not None
    assert doc["diagnostics"] == {"max_rhat": None, "min_ess": None, "divergences": None}
    assert doc["seconds"] > 0


def test_fit_table_output_and_cache(csv_path):
    first = runner.invoke(app, ["fit", "--csv", str(csv_path), "--model", "ols", "--draws", "30"])
    assert first.exit_code == 0, first.output
    assert "ROI" in first.stdout and "tv" in first.stdout
    again = runner.invoke(app, ["fit", "--csv", str(csv_path), "--model", "ols", "--draws", "30", "--no-cache"])
    assert again.exit_code == 0, again.output


def test_fit_errors_are_one_paragraph(csv_path):
    result = runner.invoke(app, ["fit", "--csv", str(csv_path), "--model", "ols", "--chains", "2"])
    assert result.exit_code == 1
    assert "--chains applies to the Bayesian model only" in result.output
    result = runner.invoke(app, ["fit", "--csv", str(csv_path), "--model", "glm"])
    assert result.exit_code == 1 and "Allowed models: bayes, ols" in result.output


def test_bayes_unavailable_is_an_error_not_a_fallback(csv_path, monkeypatch):
    import mixwise.models.registry as registry

    def broken(name):
        raise ConfigError("The Bayesian model ('bayes') is not available: no numpyro.")

    monkeypatch.setattr(registry, "model_class", broken)
    result = runner.invoke(app, ["fit", "--csv", str(csv_path), "--json"])
    assert result.exit_code == 1
    assert "not available" in result.output
    assert '"model": "ols"' not in result.output


def test_fit_settings_mapping():
    assert fit_settings("ols", draws=50, seed=2) == {"bootstrap_draws": 50, "seed": 2}
    assert fit_settings("bayes", draws=50, chains=2, holdout_weeks=8) == {"draws": 50, "chains": 2, "holdout_weeks": 8}
    assert fit_settings("bayes", adstock="Weibull") == {"adstock": "weibull"}
    with pytest.raises(ConfigError, match="Bayesian model only"):
        fit_settings("ols", adstock="weibull")


def test_an_unknown_adstock_is_a_clear_error():
    from mixwise.models.bayesian import BayesianMMM

    with pytest.raises(ConfigError, match="Unknown adstock 'gamma'"):
        BayesianMMM(adstock="gamma").fit(generate(seed=1, n_weeks=60).dataset)
    with pytest.raises(UnknownChannelError):
        BayesianMMM(adstock={"snapchat": "weibull"}).fit(generate(seed=1, n_weeks=60).dataset)


def test_model_warnings_are_shown_once_on_stderr(csv_path, monkeypatch):
    import warnings

    from mixwise.models.ols import OLSMMM

    original = OLSMMM.fit

    def noisy(self, dataset):
        warnings.warn("The fit may be unreliable: check me.", UserWarning, stacklevel=2)
        return original(self, dataset)

    monkeypatch.setattr(OLSMMM, "fit", noisy)
    result = runner.invoke(
        app, ["fit", "--csv", str(csv_path), "--model", "ols", "--draws", "20", "--no-cache", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["model"] == "ols"
    assert result.stderr.count("check me") == 1


def test_lift_tests_from_the_command_line():
    from mixwise.cli.model_cmds import parse_lift_test

    settings = fit_settings(
        "bayes", lift_tests=["tv, 2023-01-02, 2023-02-27, 250_000, 50000", "radio,2023-03-06,2023-04-03,1e4,2e3"]
    )
    assert settings["experiments"] == [
        {"channel": "tv", "start": "2023-01-02", "end": "2023-02-27", "lift": 250000.0, "se": 50000.0},
        {"channel": "radio", "start": "2023-03-06", "end": "2023-04-03", "lift": 10000.0, "se": 2000.0},
    ]
    with pytest.raises(ConfigError, match="five comma-separated fields"):
        parse_lift_test("tv,2023-01-02,250000")
    with pytest.raises(ConfigError, match="must be numbers"):
        parse_lift_test("tv,2023-01-02,2023-02-27,lots,5")
    with pytest.raises(ConfigError, match="Bayesian model only"):
        fit_settings("ols", lift_tests=["tv,2023-01-02,2023-02-27,1,1"])
