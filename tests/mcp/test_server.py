"""The MCP server in-process with the SDK's own client: list tools, call each one, bad arguments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mixwise.agent.registry import all_tools
from mixwise.mcp.server import AnalystServer, build_server

SERVER_TOOLS = {"load_data", "fit_model", "ask"}

#: Arguments for tools that need some (tools without required arguments are called with none).
EXAMPLE_ARGS: dict[str, dict[str, Any]] = {
    "scenario": {"changes": [{"channel": "tv", "pct": -0.2}]},
    "optimize_budget": {"budget": 2_000_000},
    "period_drivers": {"period": "last quarter"},
    "forecast": {"weeks": 13},
}


def _text(result: Any) -> str:
    return "\n".join(block.text for block in result.content if block.type == "text")


@pytest.fixture
def server(ols_session: Any) -> Any:
    return build_server(AnalystServer(session=ols_session, model_name="ols", use_cache=False))


def test_lists_every_registry_tool_and_the_server_tools(server: Any, with_client: Any) -> None:
    async def fn(client: Any) -> Any:
        return await client.list_tools()

    listed = {t.name: t for t in with_client(server, fn).tools}
    assert set(listed) == {t.name for t in all_tools()} | SERVER_TOOLS
    for tool in all_tools():
        assert listed[tool.name].description == tool.description
        assert listed[tool.name].input_schema == tool.input_schema()
    assert listed["fit_model"].input_schema["properties"]["model"]["enum"] == ["bayes", "ols"]
    assert "path" in listed["load_data"].input_schema["required"]


def test_every_registry_tool_answers_with_text_and_structured_content(server: Any, with_client: Any) -> None:
    names = [t.name for t in all_tools() if not t.input_schema().get("required") or t.name in EXAMPLE_ARGS]

    async def fn(client: Any) -> dict[str, Any]:
        return {name: await client.call_tool(name, EXAMPLE_ARGS.get(name, {})) for name in names}

    for name, result in with_client(server, fn).items():
        assert not result.is_error, (name, _text(result))
        doc = result.structured_content
        assert doc["tool"] == name and doc["headline"] in _text(result)
        assert json.loads(result.content[1].text) == doc  # the same result as JSON text, strict JSON


def test_channel_arguments_reach_the_tool(server: Any, with_client: Any, ols_session: Any) -> None:
    async def fn(client: Any) -> Any:
        return await client.call_tool("channel_roi", {"channels": ["tv"]})

    result = with_client(server, fn)
    assert [row["channel"] for row in result.structured_content["rows"]] == ["tv"]
    assert result.structured_content["headline"].startswith("TV returned")


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("compare_channels", {"metric": "profitability"}, ["metric", "profitability", "roi"]),
        ("channel_roi", {"channels": ["tvv"]}, ["tvv", "tv, radio"]),
        ("channel_roi", {"bogus": 1}, ["bogus"]),
        ("fit_model", {"model": "xgboost"}, ["model", "xgboost"]),
        ("ask", {}, ["question"]),
        ("load_data", {"path": "/no/such/file.csv"}, ["File not found", "/no/such/file.csv"]),
        ("delete_everything", {}, ["Unknown tool", "channel_roi"]),
    ],
)
def test_bad_arguments_give_clear_tool_errors(
    server: Any, with_client: Any, name: str, args: dict, expected: list[str]
) -> None:
    async def fn(client: Any) -> Any:
        return await client.call_tool(name, args)

    result = with_client(server, fn)
    assert result.is_error
    for fragment in expected:
        assert fragment in _text(result), (fragment, _text(result))


def test_ask_runs_the_offline_analyst(server: Any, with_client: Any) -> None:
    router = pytest.importorskip("mixwise.agent.router")
    if not hasattr(router, "route"):
        pytest.skip("the offline router is not available yet")

    async def fn(client: Any) -> Any:
        return await client.call_tool("ask", {"question": "What is the ROI of TV?"})

    result = with_client(server, fn)
    assert not result.is_error, _text(result)
    doc = result.structured_content
    assert doc["question"] == "What is the ROI of TV?" and doc["source"] == "router"
    assert doc["text"] in _text(result) and doc["result"]["tool"] == "channel_roi"


def test_load_data_replaces_the_data_and_fit_model_fits(tmp_path: Path, with_client: Any) -> None:
    from mixwise.data.synthetic import generate

    csv = tmp_path / "brand.csv"
    generate(seed=3, n_weeks=104, channels=("tv", "search")).frame.to_csv(csv, index=False)
    analyst = AnalystServer(model_name="ols", use_cache=False)
    server = build_server(analyst)

    async def fn(client: Any) -> tuple[Any, Any, Any]:
        loaded = await client.call_tool("load_data", {"path": str(csv)})
        fitted = await client.call_tool("fit_model", {"model": "ols"})
        roi = await client.call_tool("channel_roi", {})
        return loaded, fitted, roi

    loaded, fitted, roi = with_client(server, fn)
    assert not loaded.is_error, _text(loaded)
    assert loaded.structured_content["headline"].startswith("Loaded brand.csv: 104 weeks")
    assert not fitted.is_error, _text(fitted)
    data = fitted.structured_content["data"]
    assert (data["model"], data["n_channels"], data["n_weeks"]) == ("ols", 2, 104)
    assert {row["channel"] for row in roi.structured_content["rows"]} == {"tv", "search"}
    assert analyst.source == csv


def test_legacy_handshake_clients_are_served(server: Any) -> None:
    """Clients on the pre-2026 initialize handshake (e.g. older Claude Desktop builds) see the same tools."""
    import anyio

    from mcp import Client

    async def main() -> tuple[Any, Any]:
        async with Client(server, mode="legacy") as client:
            return await client.list_tools(), await client.call_tool("help", {})

    tools, result = anyio.run(main)
    assert "channel_roi" in {t.name for t in tools.tools} and not result.is_error
