"""``mixwise mcp``: option errors in the terminal, and a real stdio session (the Claude Desktop path)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mixwise.cli.main import app

MIXWISE = Path(sys.executable).with_name("mixwise")


def test_mcp_command_is_registered() -> None:
    result = CliRunner().invoke(app, ["mcp", "--help"])
    assert result.exit_code == 0 and "load_data" in result.output


def test_unknown_model_is_a_clear_error() -> None:
    result = CliRunner().invoke(app, ["mcp", "--model", "xgboost"])
    assert result.exit_code == 1 and "xgboost" in result.output and "bayes, ols" in result.output


def test_missing_data_file_fails_before_serving(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    result = CliRunner().invoke(app, ["mcp", "--csv", str(missing), "--model", "ols"])
    assert result.exit_code == 1 and "nope.csv" in result.output


@pytest.mark.slow
@pytest.mark.skipif(not MIXWISE.exists(), reason="the mixwise console script is not installed in this environment")
def test_stdio_session_lists_and_calls_tools(tmp_path: Path) -> None:
    import anyio

    from mcp import Client, StdioServerParameters

    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "PYTHONPATH", "SYSTEMROOT"}}
    env["MIXWISE_CACHE_DIR"] = str(tmp_path / "cache")
    params = StdioServerParameters(command=str(MIXWISE), args=["mcp", "--model", "ols", "--no-cache"], env=env)

    async def main() -> tuple[Any, Any]:
        async with Client(params) as client:
            tools = await client.list_tools()
            result = await client.call_tool("data_quality", {})
            return tools, result

    tools, result = anyio.run(main)
    assert {"channel_roi", "load_data", "fit_model", "ask"} <= {t.name for t in tools.tools}
    assert not result.is_error and result.structured_content["tool"] == "data_quality"
