"""Persistence format, on-disk cache and registry."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from mixwise.errors import ConfigError, MixwiseError
from mixwise.models import OLSMMM, fit_or_load, load_model, make_model, save_model
from mixwise.models.cache import cache_key, default_cache_dir
from mixwise.models.registry import MODEL_NAMES, model_class


@pytest.fixture(scope="module")
def small_ols(small_synth):
    return OLSMMM(bootstrap_draws=20).fit(small_synth.dataset)


def test_saved_files_are_json_and_npz_without_pickle(small_ols, tmp_path):
    path = save_model(small_ols, tmp_path / "m")
    meta = json.loads((path / "model.json").read_text())
    assert meta["model_name"] == "ols" and meta["format_version"] == 1
    assert meta["channels"] == list(small_ols.channels_)
    assert meta["params"]["decay_grid"] == list(small_ols.decay_grid)
    with np.load(path / "arrays.npz", allow_pickle=False) as npz:
        assert {"dataset.kpi", "dataset.spend", "media.coef", "state.base_coef_draws"} <= set(npz.files)
    loaded = load_model(path)
    assert loaded.get_params() == small_ols.get_params()
    assert loaded.transforms_ == small_ols.transforms_
    assert loaded.summary_table().equals(small_ols.summary_table())


def test_zip_round_trip(small_ols, tmp_path):
    path = save_model(small_ols, tmp_path / "m.zip")
    assert zipfile.is_zipfile(path)
    assert set(zipfile.ZipFile(path).namelist()) == {"model.json", "arrays.npz"}
    assert np.array_equal(load_model(path).media_params_.coef, small_ols.media_params_.coef)


def test_load_errors_are_clear(tmp_path, small_ols):
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "missing")
    bad = tmp_path / "bad.txt"
    bad.write_text("hello")
    with pytest.raises(MixwiseError, match="not a saved mixwise model"):
        load_model(bad)
    path = save_model(small_ols, tmp_path / "m")
    (path / "arrays.npz").write_bytes(b"garbage")
    with pytest.raises(MixwiseError, match="Refit"):
        load_model(path)


def test_unfitted_model_cannot_be_saved(tmp_path):
    from mixwise.errors import NotFittedError

    with pytest.raises(NotFittedError):
        save_model(OLSMMM(), tmp_path / "m")


def test_cache_fits_once_then_loads(small_synth, tmp_path):
    messages = []
    settings = {"bootstrap_draws": 20}
    first = fit_or_load(small_synth.dataset, "ols", settings, cache_dir=tmp_path, progress=messages.append)
    second = fit_or_load(small_synth.dataset, "ols", settings, cache_dir=tmp_path, progress=messages.append)
    assert messages[0].startswith("Fitting") and messages[1].startswith("Loaded cached")
    assert np.array_equal(first.media_params_.coef, second.media_params_.coef)
    assert len([p for p in tmp_path.iterdir() if not p.name.startswith(".")]) == 1


def test_cache_key_depends_on_data_model_settings(small_synth, synth):
    k = cache_key(small_synth.dataset, "ols", {"seed": 1, "bootstrap_draws": 5})
    assert k == cache_key(small_synth.dataset, "ols", {"bootstrap_draws": 5, "seed": 1})  # order-free
    assert k != cache_key(small_synth.dataset, "ols", {"seed": 2, "bootstrap_draws": 5})
    assert k != cache_key(synth.dataset, "ols", {"seed": 1, "bootstrap_draws": 5})
    assert k != cache_key(small_synth.dataset, "bayes", {"seed": 1, "bootstrap_draws": 5})
    assert k == cache_key(small_synth.dataset, "ols", {"seed": 1, "bootstrap_draws": 5, "progress": print})


def test_corrupt_cache_entry_is_refitted(small_synth, tmp_path):
    settings = {"bootstrap_draws": 20}
    fit_or_load(small_synth.dataset, "ols", settings, cache_dir=tmp_path)
    entry = tmp_path / cache_key(small_synth.dataset, "ols", settings)
    (entry / "model.json").write_text("{not json")
    with pytest.warns(UserWarning, match="refitting"):
        model = fit_or_load(small_synth.dataset, "ols", settings, cache_dir=tmp_path)
    assert model.is_fitted
    assert json.loads((entry / "model.json").read_text())["model_name"] == "ols"


def test_cache_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MIXWISE_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("MIXWISE_CACHE_DIR")
    assert default_cache_dir().parts[-3:] == (".cache", "mixwise", "models")


def test_registry():
    assert set(MODEL_NAMES) == {"ols", "bayes"}
    assert model_class("OLS") is OLSMMM
    assert make_model("ols", seed=3).seed == 3
    with pytest.raises(ConfigError, match="Unknown model 'glm'. Allowed models: bayes, ols"):
        make_model("glm")
    with pytest.raises(ConfigError, match="Unknown setting.*chains.*Allowed"):
        make_model("ols", chains=4)


def test_bayesian_is_exported_lazily():
    import mixwise.models as models

    try:
        cls = models.BayesianMMM
    except ImportError:
        pytest.skip("BayesianMMM not importable yet")
    assert cls.model_name == "bayes"


def test_cache_key_tells_object_settings_apart(small_synth):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Prior:
        mu: float

    a = cache_key(small_synth.dataset, "bayes", {"priors": Prior(1.0)})
    assert a == cache_key(small_synth.dataset, "bayes", {"priors": Prior(1.0)})
    assert a != cache_key(small_synth.dataset, "bayes", {"priors": Prior(2.0)})
