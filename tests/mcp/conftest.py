"""Fixtures for the MCP server tests: one OLS session on the bundled sample, fitted once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

pytest.importorskip("mcp")


@pytest.fixture(scope="module")
def ols_session() -> Any:
    """An analyst session on the bundled sample with the OLS model, fitted once per module (no cache files)."""
    from mixwise.agent.session import AnalystSession

    session = AnalystSession.from_source(None, model_name="ols", use_cache=False)
    _ = session.model
    return session


@pytest.fixture
def with_client() -> Callable[[Any, Callable[[Any], Awaitable[Any]]], Any]:
    """``with_client(server, fn)`` runs ``await fn(client)`` with an in-process MCP client connected to ``server``."""
    import anyio

    from mcp import Client

    def run(server: Any, fn: Callable[[Any], Awaitable[Any]]) -> Any:
        async def main() -> Any:
            async with Client(server) as client:
                return await fn(client)

        return anyio.run(main)

    return run
