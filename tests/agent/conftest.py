"""A session on the bundled sample with the (fast) OLS model, fitted once per test module."""

from __future__ import annotations

import pytest

from mixwise.agent.session import AnalystSession


@pytest.fixture(scope="module")
def ols_session(tmp_path_factory: pytest.TempPathFactory) -> AnalystSession:
    """Sample data, OLS model, no disk cache."""
    session = AnalystSession.from_source(None, model_name="ols", use_cache=False)
    _ = session.model
    return session
