"""Fixtures for the web-app tests: the app script, the OLS model by default, a private model cache."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

APP_TIMEOUT = 120
_ENV_KEYS = ("MIXWISE_APP_MODEL", "MIXWISE_CACHE_DIR", "MIXWISE_APP_CSV", "ANTHROPIC_API_KEY", "MIXWISE_LLM_PROVIDER")


def app_path() -> str:
    """Path of ``mixwise/app/main.py`` (found without importing it: importing runs the app)."""
    spec = importlib.util.find_spec("mixwise.app")
    assert spec is not None and spec.submodule_search_locations
    return str(Path(next(iter(spec.submodule_search_locations))) / "main.py")


@pytest.fixture(scope="session")
def app_file() -> str:
    """Path of the app script."""
    return app_path()


@pytest.fixture(scope="session", autouse=True)
def app_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """OLS as the default model (fast), a model cache private to this test session, no LLM key."""
    cache = tmp_path_factory.mktemp("mixwise-cache")
    saved = {k: os.environ.get(k) for k in _ENV_KEYS}
    os.environ["MIXWISE_APP_MODEL"] = "ols"
    os.environ["MIXWISE_CACHE_DIR"] = str(cache)
    for key in ("MIXWISE_APP_CSV", "ANTHROPIC_API_KEY", "MIXWISE_LLM_PROVIDER"):
        os.environ.pop(key, None)
    os.environ.setdefault("MPLBACKEND", "Agg")
    yield cache
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
